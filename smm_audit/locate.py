"""JSON pointer → line in the snapshot file, for formats that point at a line (SARIF).

One descent through the text that enters only the objects and arrays on the way
to a wanted pointer; every other value is skipped by the C decoder, so a million
followers nobody points at cost one fast skip.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from contextlib import suppress

from . import pointer

_WS = re.compile(r"[ \t\n\r]*")
_decoder = json.JSONDecoder()


def lines(text: str, pointers: Iterable[str]) -> dict[str, int]:
    """The 1-based line where each pointer's value starts; pointers not found are left out.

    A text on one line (a minified export) needs no walk: everything is on line 1.
    """
    targets = set(pointers)
    if not targets:
        return {}
    if "\n" not in text.rstrip():  # minified, as large exports are: everything is on line 1
        return dict.fromkeys(targets, 1)
    prefixes = {""}
    for target in targets:
        tokens = target.split("/")
        prefixes.update("/".join(tokens[:i]) for i in range(1, len(tokens)))
    offsets: dict[str, int] = {}
    with suppress(ValueError, IndexError):  # the text was validated before; stay harmless if not
        _value(text, _WS.match(text, 0).end(), "", targets, prefixes, offsets)  # type: ignore[union-attr]
    result: dict[str, int] = {}
    line, counted = 1, 0
    for path, offset in sorted(offsets.items(), key=lambda item: item[1]):
        line += text.count("\n", counted, offset)
        counted = offset
        result[path] = line
    return result


def _value(text: str, i: int, path: str, targets: set[str], prefixes: set[str], found: dict[str, int]) -> int:
    """Walk the value at ``i``; return the index after it."""
    if path in targets:
        found[path] = i
    char = text[i]
    if path not in prefixes or char not in "{[":
        return _decoder.raw_decode(text, i)[1]
    if char == "{":
        i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
        if text[i] == "}":
            return i + 1
        while True:
            key, i = json.decoder.scanstring(text, i + 1)  # type: ignore[attr-defined]
            i = _WS.match(text, i).end()  # type: ignore[union-attr]
            i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]  # past ':'
            i = _value(text, i, f"{path}/{pointer.escape(key)}", targets, prefixes, found)
            i = _WS.match(text, i).end()  # type: ignore[union-attr]
            if text[i] == "}":
                return i + 1
            i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]  # past ','
    index = 0
    i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
    if text[i] == "]":
        return i + 1
    while True:
        i = _value(text, i, f"{path}/{index}", targets, prefixes, found)
        i = _WS.match(text, i).end()  # type: ignore[union-attr]
        if text[i] == "]":
            return i + 1
        index += 1
        i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
