"""The data files shipped inside the package (schemas, lexicons, word lists), read without importlib.resources.

Importing ``importlib.resources`` costs a command 4-6 ms of CPU (more on a busy machine). Where the package is a
directory of source or bytecode files, as pip installs it or an editable checkout has it, a shipped file is
read from that directory; elsewhere (a zip, another loader) ``importlib.resources`` reads it.
"""

from __future__ import annotations

import importlib
import os
import sys
from importlib.machinery import SourceFileLoader, SourcelessFileLoader


def read_text(package: str, *parts: str) -> str:
    """The UTF-8 text of the file ``parts`` (relative to the directory of ``package``), newlines as ``\\n``.

    The same text as ``importlib.resources.files(package).joinpath(*parts).read_text(encoding="utf-8")``.
    """
    module = sys.modules.get(package) or importlib.import_module(package)
    spec = module.__spec__
    origin = getattr(spec, "origin", None)
    if (
        spec is not None
        and isinstance(spec.loader, (SourceFileLoader, SourcelessFileLoader))
        and isinstance(origin, str)
        and os.path.isfile(origin)
    ):
        with open(os.path.join(os.path.dirname(origin), *parts), encoding="utf-8") as handle:
            return handle.read()
    from importlib import resources

    return resources.files(package).joinpath(*parts).read_text(encoding="utf-8")
