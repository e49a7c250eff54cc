"""The JSON report: the report data as it is, for machines (schemas/report.schema.json)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from json.encoder import encode_basestring
from typing import Any

from smm_audit.api import Format, hookimpl

INDENT = "  "


def render(report: Mapping[str, Any]) -> str:
    return dumps(report) + "\n"


def dumps(value: Any) -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, byte for byte, in linear time with small constants.

    The standard library falls back to its pure-Python generators whenever ``indent`` is set, about three
    times slower on a report of a few hundred thousand findings; this writes the plain types (dicts with
    string keys, lists, strings, ints, finite floats, booleans, None) itself and leaves anything else to it.
    """
    parts: list[str] = []
    _encode(value, "\n", parts)
    return "".join(parts)


def _encode(value: Any, newline: str, parts: list[str]) -> None:
    kind = type(value)
    if kind is str:
        parts.append(encode_basestring(value))
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif kind is int or (kind is float and value - value == 0):  # a finite float: NaN and infinities are not
        parts.append(repr(value))
    elif kind is dict and value:
        start, inner = len(parts), newline + INDENT
        parts.append("{")
        separator = inner
        for key, item in value.items():
            if type(key) is not str:  # the standard encoder's way with other keys
                del parts[start:]
                parts.append(json.dumps(value, indent=2, ensure_ascii=False).replace("\n", newline))
                return
            parts.append(separator)
            parts.append(encode_basestring(key))
            parts.append(": ")
            _encode(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "}")
    elif kind is list and value:
        inner = newline + INDENT
        parts.append("[")
        separator = inner
        for item in value:
            parts.append(separator)
            _encode(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "]")
    elif kind is dict or kind is list:
        parts.append("{}" if kind is dict else "[]")
    else:  # other types, other types: the standard encoder, indented to this depth
        parts.append(json.dumps(value, indent=2, ensure_ascii=False).replace("\n", newline))


@hookimpl
def register_formats(register: Callable[[Format], None]) -> None:
    register(Format("json", render, "the full report as JSON (schemas/report.schema.json)", ".json"))
