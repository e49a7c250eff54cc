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
    Scalars inside a dict or list are written in its loop (no call each), and a key's ``"key": `` is
    encoded once a depth.
    """
    parts: list[str] = []
    kind = type(value)
    if kind is dict and value:
        _dict(value, "\n", parts, {})
    elif kind is list and value:
        _list(value, "\n", parts, {})
    else:
        parts.append(_leaf(value, "\n"))
    return "".join(parts)


def _leaf(value: Any, newline: str) -> str:
    """A value that is not a non-empty dict or list, at the depth of ``newline``."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int or (kind is float and value - value == 0):  # a finite float: NaN and infinities are not
        return repr(value)
    if (kind is dict or kind is list) and not value:
        return "{}" if kind is dict else "[]"
    return _standard(value, newline)


def _standard(value: Any, newline: str) -> str:
    """Other types (and dicts with other keys): the standard encoder's way, indented to this depth."""
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", newline)


def _dict(value: dict[Any, Any], newline: str, parts: list[str], known: dict[str, dict[str, str]]) -> None:
    """A non-empty dict; ``known`` holds, for each depth (by its newline), each key's encoded ``"key": ``."""
    append, start = parts.append, len(parts)
    inner = newline + INDENT
    comma = "," + inner
    keys = known.get(inner)
    if keys is None:
        keys = known[inner] = {}
    separator = "{" + inner
    for key, item in value.items():
        prefix = keys.get(key) if type(key) is str else None
        if prefix is None:
            if type(key) is not str:
                del parts[start:]
                append(_standard(value, newline))
                return
            prefix = keys[key] = encode_basestring(key) + ": "
        kind = type(item)
        if kind is str:
            append(separator + prefix + encode_basestring(item))
        elif kind is dict and item:
            append(separator + prefix)
            _dict(item, inner, parts, known)
        elif kind is list and item:
            append(separator + prefix)
            _list(item, inner, parts, known)
        else:
            append(separator + prefix + _leaf(item, inner))
        separator = comma
    append(newline + "}")


def _list(value: list[Any], newline: str, parts: list[str], known: dict[str, dict[str, str]]) -> None:
    append = parts.append
    inner = newline + INDENT
    comma = "," + inner
    separator = "[" + inner
    for item in value:
        kind = type(item)
        if kind is str:
            append(separator + encode_basestring(item))
        elif kind is dict and item:
            append(separator)
            _dict(item, inner, parts, known)
        elif kind is list and item:
            append(separator)
            _list(item, inner, parts, known)
        else:
            append(separator + _leaf(item, inner))
        separator = comma
    append(newline + "]")


@hookimpl
def register_formats(register: Callable[[Format], None]) -> None:
    register(Format("json", render, "the full report as JSON (schemas/report.schema.json)", ".json"))
