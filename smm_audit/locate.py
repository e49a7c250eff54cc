"""JSON pointer → line in the snapshot file, for formats that point at a line (SARIF).

One descent through the text that enters only the objects and arrays on the way
to a wanted pointer and stops once every pointer is found; every other value is
skipped by the C decoder, so a million followers nobody points at cost one fast
skip (and those after the last pointer none). On the snapshot's bytes the same
descent runs in C where it is built (``_locate_scan.c``), without decoding them.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Iterable
from contextlib import suppress
from operator import itemgetter
from typing import AnyStr

from . import pointer

try:
    from . import _locate_scan as _native  # C, optional
except ImportError:  # built without a C compiler: the descent runs in Python
    _native = None

_WS = re.compile(r"[ \t\n\r]*")
_decoder = json.JSONDecoder()


def lines(text: str, pointers: Iterable[str]) -> dict[str, int]:
    """The 1-based line where each pointer's value starts; pointers not found are left out.

    A text on one line (a minified export) needs no walk: everything is on line 1.
    """
    targets = set(pointers)
    if not targets:
        return {}
    end = len(text)
    while end and text[end - 1].isspace():  # what rstrip() would drop, without a copy of the text
        end -= 1
    if text.find("\n", 0, end) < 0:  # minified, as large exports are: everything is on line 1
        return dict.fromkeys(targets, 1)
    return _lines(text, _offsets(text, targets), "\n")


_AFTER_NEWLINE = re.compile(rb"\n[ \t\n\r\x0b\x0c]*[^ \t\n\r\x0b\x0c]")


def has_lines(body: bytes) -> bool:
    """Whether anything but white space follows the first line break of ``body`` (else every value is on line
    1)."""
    first = body.find(b"\n")
    return first >= 0 and _AFTER_NEWLINE.search(body, first) is not None


_FIRST_PART = 1 << 20
"""Bytes of a snapshot decoded first by :func:`lines_of_bytes`; four times more each time until it suffices."""


def lines_of_bytes(body: bytes, pointers: Iterable[str]) -> dict[str, int]:
    """:func:`lines` of the UTF-8 text ``body``, decoding none of it where the C descent is built, else only
    as much of it as the pointers need.

    The C descent (``_locate_scan.c``) walks the bytes themselves, as :func:`_value` walks the text; a line is
    a count of ``\n`` bytes before a value. In Python, the pointers of findings are mostly near the start (an
    account, its list of followers): the text up to them is decoded, not all of it (134 MiB as text for 52 MiB
    of bytes once a Cyrillic letter appears). What is found inside a part of the text is where it is in the
    whole, so a part in which every pointer's value starts gives the same lines as the whole text (a value
    "found" at the part's end is not: the white space before it may go on, over a line break, past the cut).
    """
    targets = set(pointers)
    if not targets:
        return {}
    if _native is not None and os.environ.get("SMM_AUDIT_PURE_PYTHON") != "1":  # no decoding at all
        if not has_lines(body):  # on one line: everything is on line 1, as :func:`lines` has it
            return dict.fromkeys(targets, 1)
        scanstring = json.decoder.scanstring  # type: ignore[attr-defined]
        offsets = _native.offsets(body, targets, _prefixes(targets), pointer.escape, scanstring)
        return _lines(body, offsets, b"\n")  # a line break is one byte in UTF-8, and never inside a character
    size = _FIRST_PART
    with memoryview(body) as view:
        while size < len(body):
            part = codecs.getincrementaldecoder("utf-8")().decode(view[:size])  # a character cut at the end waits
            offsets = _offsets(part, targets)
            # a value found at the very end of the part may start further on, past white space (a line break)
            # the part does not have yet: only offsets inside the part are where they are in the whole text
            if len(offsets) == len(targets) and max(offsets.values()) < len(part):
                return _lines(part, offsets, "\n")
            del part
            size *= 4
    return lines(body.decode("utf-8"), targets)


def _prefixes(targets: set[str]) -> set[str]:
    """The pointers of the objects and arrays on the way to the targets: the only ones a descent enters."""
    prefixes = {""}
    for target in targets:  # each pointer's parents, from the nearest until one already known
        end = target.rfind("/")
        while end >= 0 and target[:end] not in prefixes:
            prefixes.add(target[:end])
            end = target.rfind("/", 0, end)
    return prefixes


def _offsets(text: str, targets: set[str]) -> dict[str, int]:
    """Where in ``text`` each target's value starts, for those found (in the order of the text)."""
    offsets: dict[str, int] = {}
    with suppress(ValueError, IndexError, _AllFound):  # the text was validated before; stay harmless if not
        _value(text, _WS.match(text, 0).end(), "", targets, _prefixes(targets), offsets)  # type: ignore[union-attr]
    return offsets


def _lines(text: AnyStr, offsets: dict[str, int], newline: AnyStr) -> dict[str, int]:
    result: dict[str, int] = {}
    line, counted = 1, 0
    for path, offset in sorted(offsets.items(), key=itemgetter(1)):  # found in order, unless a key repeats
        line += text.count(newline, counted, offset)
        counted = offset
        result[path] = line
    return result


_PLAIN_KEY = re.compile(
    r'"([^"\\]*)"[ \t\n\r]*:[ \t\n\r]*'
    r'(?:("[^"\\]*(?:\\.[^"\\]*)*"|-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|true|false|null)'
    r"[ \t\n\r]*([,}])[ \t\n\r]*)?"
)
"""A key without escapes (the key is its own text), its colon and the spaces around; and when its value is a
string, number, boolean or null, that value and the comma or brace after it: a member in one match."""
_NEXT = re.compile(r"[ \t\n\r]*([,}\]])[ \t\n\r]*")
"""The end of a member or item: a comma or the closing bracket, and the spaces around."""


class _AllFound(Exception):
    """Every pointer wanted is found: the rest of the text is not read (a million comments after the last one
    pointed at would each be decoded to be skipped)."""


def _found(found: dict[str, int], targets: set[str], path: str, offset: int) -> None:
    found[path] = offset
    if len(found) == len(targets):
        raise _AllFound


def _value(text: str, i: int, path: str, targets: set[str], prefixes: set[str], found: dict[str, int]) -> int:
    """Walk the value at ``i``; return the index after it."""
    if path in targets:
        _found(found, targets, path, i)
    char = text[i]
    if path not in prefixes or char not in "{[":
        return _decoder.raw_decode(text, i)[1]
    i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
    if char == "{":
        if text[i] == "}":
            return i + 1
        while True:
            plain = _PLAIN_KEY.match(text, i)
            if plain and plain.start(2) >= 0:  # a whole member whose value holds nothing to walk
                key = plain.group(1)
                child = f"{path}/{pointer.escape(key) if '~' in key or '/' in key else key}"
                if child in targets:
                    _found(found, targets, child, plain.start(2))
                if plain.group(3) != ",":
                    return plain.end()
                i = plain.end()
                continue
            if plain:
                key, i = plain.group(1), plain.end()
            else:  # a key with escapes: decoded as the parser did
                key, i = json.decoder.scanstring(text, i + 1)  # type: ignore[attr-defined]
                i = _WS.match(text, i).end()  # type: ignore[union-attr]
                i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]  # past ':'
            child = f"{path}/{pointer.escape(key) if '~' in key or '/' in key else key}"
            if child in prefixes or child in targets:
                i = _value(text, i, child, targets, prefixes, found)
            else:  # nothing wanted in it: skipped by the C decoder
                i = _decoder.raw_decode(text, i)[1]
            end = _NEXT.match(text, i)
            if end is None or end.group(1) != ",":
                return i if end is None else end.end()
            i = end.end()
    index = 0
    if text[i] == "]":
        return i + 1
    while True:
        child = f"{path}/{index}"
        if child in prefixes or child in targets:
            i = _value(text, i, child, targets, prefixes, found)
        else:
            i = _decoder.raw_decode(text, i)[1]
        end = _NEXT.match(text, i)
        if end is None or end.group(1) != ",":
            return i if end is None else end.end()
        index += 1
        i = end.end()
