"""smm-audit: audit a client's social-media presence from a JSON snapshot."""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

TYPE_CHECKING = False  # not typing's: importing typing is a third of what ``smm-audit --version`` may cost
if TYPE_CHECKING:
    from typing import Any

    from .api import *  # noqa: F403  (the public API, also importable as smm_audit.api)


def __getattr__(name: str) -> Any:
    """The public API of :mod:`smm_audit.api`, imported on first use (``smm-audit --version`` needs none of it)."""
    if name.startswith("__") and name != "__all__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if _is_submodule(name):
        # a submodule not imported yet (``from . import pointer`` asks here first): import it, not the API,
        # which would import the module that is asking (snapshot.py, imported first: a cycle)
        return importlib.import_module("." + name, __name__)
    api = importlib.import_module(".api", __name__)
    if name == "__all__":
        return ["__version__", *api.__all__]
    if name == "api":
        return api
    if name in api.__all__:
        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _is_submodule(name: str) -> bool:
    import os.path

    path = os.path.join(os.path.dirname(__file__), name)
    return name != "api" and (os.path.isfile(path + ".py") or os.path.isdir(path))


def __dir__() -> list[str]:
    return sorted({*globals(), *__getattr__("__all__")})
