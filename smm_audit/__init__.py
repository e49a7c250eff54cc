"""smm-audit: audit a client's social-media presence from a JSON snapshot."""

from __future__ import annotations

__version__ = "0.1.0"

from .api import *  # noqa: F403  (the public API, also importable as smm_audit.api)
from .api import __all__ as _api_all

__all__ = ["__version__", *_api_all]
