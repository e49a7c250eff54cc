"""Bytes to JSON data, strictly: every refusal is a :class:`Problem` at ``line:column``.

The fast path (:func:`parse_fast`) is msgspec's decoder on the bytes: it
refuses NaN, Infinity, overflowing numbers, bad UTF-8 and lone surrogates, and
what it cannot know by itself (duplicate keys, too deep a nesting) is checked
after it at C speed, without a Python call per value. Whenever it cannot vouch
for the input, the strict reader (:func:`parse`: the standard library's C
parser with cheap hooks, then a scan that says exactly where) decides, so every
refusal and its message are the strict reader's.
"""

from __future__ import annotations

import codecs
import functools
import gc
import gzip
import io
import itertools
import json
import math
import re
import zlib
from collections.abc import Iterator
from typing import Any

from . import readonly
from .errors import MAX_PROBLEMS, Problem
from .redact import shorten

MAX_DEPTH = 500
"""Nesting deeper than this is refused (a snapshot needs about ten levels)."""

_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_TOKENS = (
    rf"({_STRING})\s*:"  # a key
    rf"|{_STRING}"  # a value (matched so that what it holds is not read as JSON)
    r"|[{}\[\]]|-?Infinity|NaN"
    # only numbers that may be out of range (many digits, or an exponent), each from its first character
    r"|(?<![\d.eE+-])-?(?:\d{309,}(?:\.\d+)?(?:[eE][-+]?\d+)?|\d+(?:\.\d+)?[eE][-+]?\d+)"
)
_TOKEN = re.compile(rf'(?=["{{}}\[\]\d\-NI])(?:{_TOKENS})', re.DOTALL)
"""What :func:`_scan` looks at; commas, colons and short numbers are skipped by the regex, not by Python (the
lookahead, every token's possible first character, spares trying each alternative at every other character)."""
_TOKEN_BUT_CONSTANTS = re.compile(rf'(?=["{{}}\[\]\d\-])(?:{_TOKENS.replace("|-?Infinity|NaN", "")})', re.DOTALL)
""":data:`_TOKEN` without NaN and Infinity: what the scan looks at once those are only counted."""
_STRING_RE = re.compile(_STRING, re.DOTALL)
_UTF16_32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class JSONProblems(Exception):
    """The text is not a snapshot's JSON; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem], more: int = 0) -> None:
        super().__init__(problems[0].message)
        self.problems = problems
        self.more = more  # found after the first MAX_PROBLEMS, counted but not located


def position(text: str, offset: int) -> str:
    """``line:column`` (both from 1) of a character offset."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{line}:{column}"


def decode(raw: bytes, *, max_bytes: int | None = None) -> str:
    """Undo gzip, skip a UTF-8 byte order mark and decode UTF-8; refuse anything else."""
    return decode_body(unwrap(raw, max_bytes=max_bytes))


def unwrap(raw: bytes, *, max_bytes: int | None = None) -> bytes:
    """Undo gzip and skip a UTF-8 byte order mark; refuse UTF-16, UTF-32 and an empty file."""
    if raw[:2] == b"\x1f\x8b":
        raw = _gunzip(raw, max_bytes)
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith(_UTF16_32_BOMS):
        raise JSONProblems([Problem("", "the file is UTF-16 or UTF-32; save it as UTF-8")])
    if not raw.strip():
        raise JSONProblems([Problem("", "the file is empty")])
    return raw


def decode_body(raw: bytes) -> str:
    """Decode what :func:`unwrap` gave as UTF-8; refuse anything else, at the first bad byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = raw[: exc.start].decode("utf-8", "replace")
        byte = raw[exc.start]
        where = position(prefix, len(prefix))
        raise JSONProblems([Problem(where, f"not UTF-8 text (byte 0x{byte:02x}); is this a JSON file?")]) from None


def _gunzip(raw: bytes, max_bytes: int | None) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as stream:
            data = stream.read(max_bytes + 1 if max_bytes else -1)
    except (OSError, EOFError, zlib.error) as exc:
        raise JSONProblems([Problem("", f"not a valid gzip file ({exc})")]) from None
    if max_bytes and len(data) > max_bytes:
        raise JSONProblems([Problem("", f"decompressed size exceeds the limit of {max_bytes} bytes")])
    return data


def parse_fast(body: bytes) -> Any | None:
    """The data of ``body`` (bytes from :func:`unwrap`), read-only, or None when the strict reader must decide.

    None for anything msgspec refuses (bad syntax or UTF-8, NaN, Infinity, a number out of range, a lone
    surrogate, great depth), for a duplicate key, for nesting deeper than :data:`MAX_DEPTH` and for anything
    but an object at the top: what is
    returned is exactly what :func:`parse` returns for the same text.

    A duplicate key is noticed without looking at keys one by one: the decoder keeps one value per key, so
    the data has fewer keys than the text has exactly when a key repeats (:func:`_no_duplicate_keys`).
    """
    import msgspec  # only reading a snapshot needs it

    try:
        data = msgspec.json.decode(body)
    except (msgspec.DecodeError, RecursionError, ValueError):
        return None
    if type(data) is not dict:  # not a snapshot: the strict reader says so (its arrays at the top stay plain)
        return None
    freezer = _Freezer()
    try:
        frozen = freezer.freeze(data, 0)
    except _TooDeep:
        return None
    del data
    return frozen if _no_duplicate_keys(body, frozen, freezer.keys, msgspec.json.encode) else None


_QUOTE_THEN_SPACE = re.compile(rb'"[ \t\n\r]')
_SPACE_BEFORE_COLON = re.compile(rb'"[ \t\n\r]+:')
"""Slower than :data:`_QUOTE_THEN_SPACE` (0.37 against 0.29 s over 287 MiB): only looked for after it finds one."""


def _no_duplicate_keys(body: bytes, data: Any, keys: int, encode: Any) -> bool:
    """Whether the text ``body`` has no more keys than the ``keys`` its decoded ``data`` has.

    Every key of the text ends in a quote, then any white space, then a colon. First, at the cost of two
    searches (three for indented text): when no quote is followed by white space and a colon (as in minified
    text, and in indented text as ``json.dumps(indent=2)`` and ``smm-audit collect`` write it), each key
    ends in ``":``, and ``":`` found elsewhere can only be inside a string or start one, so the text has at
    most as many keys as ``":``; when that is ``keys``, no key repeats. Else, colons: every key of the text
    is followed by one, and so is every key of the data encoded again, while colons inside strings are the
    same in both unless the text spells one ``\\u003a``. So the text has more colons than the data's
    encoding exactly when a key repeats (or a repeated key's dropped value held colons).
    """
    spaced = _QUOTE_THEN_SPACE.search(body)
    if (spaced is None or _SPACE_BEFORE_COLON.search(body, spaced.start()) is None) and body.count(b'":') == keys:
        return True
    if b"\\u003a" in body or b"\\u003A" in body:
        return False
    return body.count(b":") == _colons(data, encode)


_CHUNK = 10_000
"""Items of a long list encoded at once to count colons: the encoding is never held whole."""


def _colons(value: Any, encode: Any, depth: int = 0) -> int:
    """Colons in the minified JSON encoding of ``value``, encoding the top levels piece by piece."""
    if depth < 4 and isinstance(value, dict):
        keys = len(value) + sum(key.count(":") for key in value)
        return keys + sum(_colons(item, encode, depth + 1) for item in value.values())
    if depth < 4 and isinstance(value, list) and len(value) > _CHUNK:
        return sum(encode(value[i : i + _CHUNK]).count(b":") for i in range(0, len(value), _CHUNK))
    return encode(value).count(b":")


class _TooDeep(Exception):
    pass


class _Freezer:
    """The decoder's dicts and lists as :mod:`readonly` ones, as :func:`parse` makes them, counting keys.

    The plain lists are emptied on the way, so that the plain and the read-only data are never held whole.
    Long lists of objects (followers, comments) go by slices of :data:`_SLICE`: a slice whose objects hold no
    object or array is copied at C speed, without a Python step per object or per value, each plain object
    let go as soon as its copy is made (so that the copy lies where the plain objects were, next to the
    strings they share: the passes over the data after parsing depend on it). Whether an object
    holds one is the garbage collector's flag (:func:`gc.is_tracked`): CPython tracks a dict from the moment
    a container is put in it, and leaves one holding only strings, numbers, booleans and null untracked
    (the ``gc`` module's documentation says so); :func:`_flags_containers` checks that this interpreter
    does before the flag is trusted.
    """

    def __init__(self) -> None:
        self.keys = 0
        self.by_slice = _flags_containers()

    def freeze(self, value: Any, depth: int) -> Any:
        if depth >= MAX_DEPTH:
            raise _TooDeep
        kind = type(value)
        if kind is dict:
            self.keys += len(value)
            frozen = readonly.FrozenDict(value)
            if self.by_slice and not gc.is_tracked(value):
                return frozen  # it holds no object or array
            for key, item in value.items():
                kind = type(item)
                if kind is dict or kind is list:
                    dict.__setitem__(frozen, key, self.freeze(item, depth + 1))
            return frozen
        if kind is not list:
            return value
        if self.by_slice and len(value) > _SLICE // 8:
            return self._freeze_long(value, depth)
        items = readonly.FrozenList(value)
        for i, item in enumerate(value):
            kind = type(item)
            if kind is dict or kind is list:
                list.__setitem__(items, i, self.freeze(item, depth + 1))
                value[i] = None
        return items

    def _freeze_long(self, value: list[Any], depth: int) -> Any:
        items = readonly.FrozenList()
        value.reverse()  # popped from the end in order: each plain item goes as soon as its copy is made
        take = functools.partial(itertools.islice, iter(value.pop, None))
        while value:
            part = value[-_SLICE:]
            kinds = set(map(type, part))
            if kinds == _ONLY_DICTS and not any(map(gc.is_tracked, part)):
                if depth + 1 >= MAX_DEPTH:
                    raise _TooDeep
                self.keys += sum(map(len, part))
                count = len(part)
                del part
                # each copy takes the place the plain object before it left, next to the strings they share
                list.extend(items, map(readonly.FrozenDict, take(count)))
            elif dict not in kinds and list not in kinds:  # strings, numbers: kept as they are
                list.extend(items, reversed(part))
                del value[-len(part) :]
            else:
                count = len(part)
                del part
                for _ in range(count):
                    item = value.pop()
                    kind = type(item)
                    list.append(items, self.freeze(item, depth + 1) if kind is dict or kind is list else item)
        return items


_SLICE = 4096
"""Items of a long list whose types are looked at together."""
_ONLY_DICTS = {dict}


@functools.cache
def _flags_containers() -> bool:
    """Whether this interpreter leaves the decoder's dicts untracked exactly when they hold no container."""
    import msgspec

    flat, with_object, with_array = msgspec.json.decode(
        b'[{"a":"b","c":1,"d":1.5,"e":true,"f":null},{"a":{}},{"a":[]}]'
    )
    return not gc.is_tracked(flat) and gc.is_tracked(with_object) and gc.is_tracked(with_array)


def parse(text: str) -> Any:
    """Parse JSON text strictly: no duplicate keys, no NaN or Infinity, no overflowing numbers.

    Objects and arrays come back read-only (:mod:`smm_audit.readonly`).
    """
    flagged: list[str] = []

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = readonly.from_pairs(pairs)  # the snapshot is read-only for the checks, at no extra copy
        if len(obj) != len(pairs):
            flagged.append("duplicate")
        return obj

    def parse_float(literal: str) -> float:
        value = float(literal)
        if math.isinf(value):
            flagged.append("overflow")
        return value

    try:
        data = json.loads(text, object_pairs_hook=pairs_hook, parse_constant=flagged.append, parse_float=parse_float)
    except json.JSONDecodeError as exc:
        raise JSONProblems([_syntax_problem(text, exc)]) from None
    except RecursionError:
        first = next(_scan(text), None)  # the nesting, or something before it: one problem, found without reading on
        where = position(text, first[0]) if first else ""
        raise JSONProblems([Problem(where, first[1] if first else f"nesting deeper than {MAX_DEPTH} levels")]) from None
    except ValueError:  # an integer with more digits than Python converts
        raise _located(text) from None
    if flagged:
        raise _located(text)
    return data


def _syntax_problem(text: str, exc: json.JSONDecodeError) -> Problem:
    message = exc.msg
    if exc.pos == len(text) - len(text.lstrip()) and text.strip() and text.lstrip()[0] not in "{[":
        message = f"{message}: a snapshot is a JSON document (is this YAML, CSV or another format?)"
    elif exc.pos >= len(text.rstrip()):
        message = f"unexpected end of data: {message[0].lower()}{message[1:]} (is the file truncated?)"
    return Problem(position(text, exc.pos), message)


def _located(text: str) -> JSONProblems:
    problems, more = _locate(text, MAX_PROBLEMS)
    return JSONProblems(problems or [Problem("", "a number is out of range")], more)


def _locate(text: str, limit: int) -> tuple[list[Problem], int]:
    """Scan the text once more: where the first ``limit`` refused constructs are, and how many more there are.

    Lines are counted as the scan goes: the text is read once, however many problems it has.
    """
    problems: list[Problem] = []
    more = 0
    line, line_start, counted = 1, 0, 0
    rest = _Rest()
    for offset, message in _scan(text, rest):
        if len(problems) == limit:
            more += 1
            continue
        line += text.count("\n", counted, offset)
        line_start = text.rfind("\n", counted, offset) + 1 or line_start
        counted = offset
        problems.append(Problem(f"{line}:{offset - line_start + 1}", message))
        rest.counting = len(problems) == limit
    return problems, more + rest.constants(text)


class _Rest:
    """Once the problems to list are located, the scan leaves NaN and Infinity to one count over the rest."""

    def __init__(self) -> None:
        self.counting = False
        self.start: int | None = None  # where the scan stopped looking at NaN and Infinity

    def constants(self, text: str) -> int:
        """How many NaN, Infinity and -Infinity tokens there are from ``start`` on, outside strings."""
        if self.start is None:
            return 0
        rest = _STRING_RE.sub("", text[self.start :])  # ``start`` is between tokens: no string is cut
        return rest.count("NaN") + rest.count("Infinity")


def _scan(text: str, rest: _Rest | None = None) -> Iterator[tuple[int, str]]:
    """Yield (offset, message) for each construct a snapshot refuses, in text order.

    The text was accepted by the JSON parser (or failed only on depth or a huge
    integer), so a string followed by a colon is a key; each token costs one
    trip through this loop, which is why the regex skips what does not matter.
    Once ``rest.counting`` is set, NaN and Infinity are no longer yielded but
    left for ``rest`` to count from where the scan then was.
    """
    keys: list[dict[str, bool] | None] = []  # each open object's keys (True once reported); None for arrays
    too_deep = False
    matches = _TOKEN.finditer(text)
    while (match := next(matches, None)) is not None:
        if rest is not None and rest.counting and rest.start is None:
            rest.start = match.start()  # a token's start: outside any string
            matches = _TOKEN_BUT_CONSTANTS.finditer(text, rest.start)
            continue
        key = match.group(1)
        if key is not None:
            seen = keys[-1] if keys else None
            if seen is None:
                continue
            name = json.loads(key) if "\\" in key else key[1:-1]
            reported = seen.get(name)
            if reported is False:  # each repeated key is reported once per object, where it first repeats
                yield match.start(), f"duplicate key {shorten(key, 60)}: the object is ambiguous"
            seen[name] = reported is not None
            continue
        token = match.group()
        first = token[0]
        if first == '"':
            continue
        if first in "{[":
            keys.append({} if first == "{" else None)
            if len(keys) > MAX_DEPTH and not too_deep:
                too_deep = True
                yield match.start(), f"nesting deeper than {MAX_DEPTH} levels"
        elif first in "}]":
            if keys:
                keys.pop()
        elif token in ("NaN", "Infinity", "-Infinity"):
            yield match.start(), f"{token} is not valid JSON; use a number or null"
        elif _is_out_of_range(token):
            yield match.start(), f"number {shorten(token, 24)} is out of range"


def _is_out_of_range(number: str) -> bool:
    if number.lstrip("-").isdigit():
        return len(number) > 4000
    return math.isinf(float(number))
