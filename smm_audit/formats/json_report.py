"""The JSON report: the report data as it is, for machines (schemas/report.schema.json)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from smm_audit.api import Format, hookimpl


def render(report: Mapping[str, Any]) -> str:
    return dumps(report) + "\n"


def dumps(value: Any) -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, byte for byte, in C, for JSON data of the built-in
    types (report data is: dicts, lists, strings, numbers, booleans, None).

    The standard library writes JSON in C only without ``indent`` (with it, its pure-Python generators run,
    about four times slower); so its C encoder writes the text on one line, and msgspec's formatter indents
    it, copying every string and number token as it is: the same escapes, the same ``1e-05``. What the
    formatter cannot read is left to the standard library's indenting path: ``NaN`` and ``Infinity`` (not
    JSON), a lone surrogate (not UTF-8), and nesting that the C encoder or msgspec gives up on (each counts
    it against the recursion limit, not level for level as the Python path does). Subclasses that change how
    their values compare or count (a float whose ``!=`` always holds, a dict whose ``len`` is 0) are read by
    the C encoder otherwise than by the Python one, and here as the C one reads them.
    """
    import msgspec  # when a report is written: not at every start-up (15-30 ms)

    try:
        compact = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return msgspec.json.format(compact, indent=2).decode("utf-8")
    except (UnicodeEncodeError, msgspec.DecodeError, RecursionError):
        return _indented(value)


def _indented(value: Any) -> str:
    """The standard library's own indenting path, for what the C side cannot write (:func:`dumps`)."""
    return json.dumps(value, indent=2, ensure_ascii=False)


@hookimpl
def register_formats(register: Callable[[Format], None]) -> None:
    register(Format("json", render, "the full report as JSON (schemas/report.schema.json)", ".json"))
