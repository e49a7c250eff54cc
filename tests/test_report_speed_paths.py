"""The fast paths after a check returns give exactly what the plain ones gave (issue 12).

Each test compares a shortcut with the straightforward definition it replaced, over nasty text: control
characters, lone surrogates, emoji, U+2028, quotes, backslashes, brackets, case-folding look-alikes.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterator, Mapping
from typing import Any

from smm_audit import redact
from smm_audit.redact import CREDENTIAL_PARAMS, CREDENTIAL_SUFFIXES, FIXED_VOCABULARY, Redactor

NASTY = [
    "",
    "plain",
    "\x00\x01\x1b[31mred\r\n",
    "line\u2028sep\u2029",
    "emoji 😀👍🏽",
    "lone \ud800 x \udfff",
    'quote " back \\ slash',
    "[REDACTED] {brace} [x] ]]",
    "tab\there\x7f\x85",
    "\ufeffbom é ü ß ſ \u212a \u0130",
    "https://shop.example.ru/a?token=abc123&x=1",
    "https://user:pa55@shop.example.ru/b",
    "see https://shop.example.ru/d?API-Key=zzz, and www.x.ru/?\u212aey=kelvin",
    "https://shop.example.ru/f?session-id=s1#sig=x",
    "https://shop.example.ru/g?from=post&code=777&a=b?token=x",
    "mail a@b.c, //user:secret@host",
    "hunter2-secret and Hunter2-secret",
    "key=value without a question mark; ?pass=1",
]


def _names() -> list[str]:
    """Parameter names around the credential ones: cases, dashes, look-alike letters, prefixes and tails."""
    words = sorted(CREDENTIAL_PARAMS) + [s.lstrip("_") for s in CREDENTIAL_SUFFIXES]
    names = []
    for word in words:
        names += [word, word.upper(), word.title(), word.replace("_", "-"), "x_" + word, "my-" + word, word + "x"]
        names += [word.replace("k", "\u212a"), word.replace("s", "\u017f"), word.replace("i", "\u0130")]
        names += ["app" + s for s in CREDENTIAL_SUFFIXES] + ["X-Amz" + s.replace("_", "-") for s in CREDENTIAL_SUFFIXES]
    return names


def test_the_credential_hint_precedes_every_credential_parameter() -> None:
    for name in _names():
        if redact.is_credential_param(name):
            assert redact._CREDENTIAL_HINT.search(f"?{name}=v"), name


def test_every_letter_that_lowers_to_ascii_is_matched_by_the_hint() -> None:
    """is_credential_param lowers the name; the hint ignores case: every code point that lowers to an ASCII
    letter (the Kelvin sign to k) must be read as that letter by the hint too."""
    for code in range(0x110000):
        char = chr(code)
        low = char.lower()
        if len(low) == 1 and low.isascii() and low.isalpha() and char != low:
            for word in ("token", "key", "sig", "pass", "pwd", "secret", "auth", "sid", "code", "ticket", "session"):
                if low in word:
                    spelled = word.replace(low, char)
                    assert redact.is_credential_param(spelled)
                    assert redact._CREDENTIAL_HINT.search(f"?{spelled}=v"), (hex(code), spelled)


def _plain_data(scrub: Redactor, value: Any, key: str | None = None) -> Any:
    """Redactor.data as it was: every string value through the redactor, except keys and fixed fields."""
    if isinstance(value, str):
        return value if key in FIXED_VOCABULARY else scrub(value)
    if isinstance(value, Mapping):
        return {k: _plain_data(scrub, v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_data(scrub, item, key) for item in value]
    return value


def _nasty_report() -> dict[str, Any]:
    findings = [
        {
            "severity": "high",
            "message": a + b,
            "location": "/accounts/0/" + b,
            "fingerprint": a,
            "status": b,
            "fix": None,
            "evidence": {"url": b, "list": [a, b, 1, None, [a, {"id": b, "x": a}]], "n": 1.5, "b": True},
        }
        for a, b in itertools.product(NASTY, repeat=2)
    ]
    return {"checks": [{"id": "hunter2-secret", "findings": findings, "category": NASTY, "why": NASTY}]}


def test_scrubbing_data_is_the_redactor_on_every_string() -> None:
    report = _nasty_report()
    for secrets in ([], ["hunter2-secret"], ["hunter2-secret", "pa55", "\ud800 x", '" back \\']):
        scrub = Redactor(secrets)
        assert scrub.data(report) == _plain_data(scrub, report)
        assert scrub.data(report["checks"]) == _plain_data(scrub, report["checks"])
        assert scrub.data(NASTY, "category") == NASTY


class _Str(str):
    pass


class _Int(int):
    pass


class _Dict(dict):  # type: ignore[type-arg]
    pass


def _values() -> list[Any]:
    leaves: list[Any] = [*NASTY, 0, -1, 10**30, 1.5, -0.0, 1e16, 1e-7, float("nan"), float("inf"), True, False, None]
    leaves += [_Str("sub"), _Int(7), (1, "two"), [], {}, _Dict(a=1), _Dict()]
    nested: list[Any] = [
        {s: s for s in NASTY},
        {"a": {"b": {"c": [[], {}, [[]], [{}], {"d": []}]}}},
        {10: "int key", 2.5: "float key", True: "bool", None: "none"},
        {"ok": 1, 3: "other key after a str one", "nested": {"x": [1]}},
        [leaves, {"leaves": leaves}, [[leaves]]],
        {"findings": [{"message": s, "evidence": {"url": s, "missing": [s, 1, None]}, "line": 3} for s in NASTY]},
    ]
    return leaves + nested + [nested]


def test_the_json_report_encoder_is_the_standard_one_indented() -> None:
    from smm_audit.formats.json_report import dumps

    for value in _values():
        assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False), repr(value)[:200]


def test_the_json_report_leaves_to_the_slow_path_only_what_msgspec_cannot_read(monkeypatch) -> None:
    """Only NaN, the infinities and lone surrogates take the standard library's indenting path."""
    from smm_audit.formats import json_report

    slow: list[Any] = []
    standard = json_report._indented
    monkeypatch.setattr(json_report, "_indented", lambda value: slow.append(value) or standard(value))
    for value in _values():
        expected = json.dumps(value, indent=2, ensure_ascii=False)
        assert json_report.dumps(value) == expected, repr(value)[:200]
        unreadable = "NaN" in expected or "Infinity" in expected or not _is_utf8(expected)
        assert (slow[-1:] == [value]) is unreadable, repr(value)[:200]
        slow.clear()


def test_the_json_report_leaves_nesting_the_c_side_gives_up_on_to_the_standard_library(monkeypatch) -> None:
    """msgspec and the C encoder count nesting against the interpreter's recursion limit as the Python path
    does, but not level for level: where one of them gives up, the standard library's path is tried."""
    import msgspec

    from smm_audit.formats.json_report import dumps

    def too_deep(buf: bytes, indent: int) -> bytes:
        raise RecursionError("maximum recursion depth exceeded while deserializing an object")

    monkeypatch.setattr(msgspec.json, "format", too_deep)
    value = {"a": [[[{"b": [1, 2.5]}]]], "c": "é"}
    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _spaced(value: Any, pointer: str, chunks: list[str], lines: dict[str, int], spaces: Iterator[str]) -> None:
    """Write ``value`` as JSON with odd spaces between tokens; record the line where each value starts."""
    lines[pointer] = 1 + sum(chunk.count("\n") for chunk in chunks)
    if isinstance(value, dict):
        chunks.append("{" + next(spaces))
        for n, (key, item) in enumerate(value.items()):
            chunks.append(("," + next(spaces)) * (n > 0) + json.dumps(key, ensure_ascii=n % 2 == 0))
            chunks.append(next(spaces) + ":" + next(spaces))
            _spaced(item, f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}", chunks, lines, spaces)
        chunks.append(next(spaces) + "}")
    elif isinstance(value, list):
        chunks.append("[" + next(spaces))
        for n, item in enumerate(value):
            chunks.append(("," + next(spaces)) * (n > 0))
            _spaced(item, f"{pointer}/{n}", chunks, lines, spaces)
        chunks.append(next(spaces) + "]")
    else:
        chunks.append(json.dumps(value, ensure_ascii=False))


def test_lines_are_where_each_value_starts_whatever_the_spacing(monkeypatch) -> None:
    from smm_audit import locate

    keys = ["id", "a/b", "c~d", "~1", "é", 'q"uote', "back\\slash", "emoji 😀", "\u2028", "", "/", "0"]
    doc = {
        "accounts": [
            {key: [key, {key: i}, [], {}, [[i]]] for i, key in enumerate(keys)},
            {"posts": [{"id": f"p{i}", "text": NASTY[i % len(NASTY)], "links": [str(i)]} for i in range(40)]},
        ],
        "empty": {},
        "nested": [[[{"x": [[], [1, {"y": None}]]}]]],
        "scalars": {"a": -1.5e-3, "b": 0, "c": True, "d": False, "e": 'x\\"y\\', "f": 12345678901234567890, "g": 2e5},
    }
    for spacing in ([" "], ["\n"], ["", "\n  ", "\t", "\r\n", " \n\n"], ["\n", "", " "]):
        chunks: list[str] = []
        expected: dict[str, int] = {}
        _spaced(doc, "", chunks, expected, itertools.cycle(spacing))
        text = "".join(chunks) + "\n"
        wanted = set(expected) | {"/missing", "/accounts/7", "/accounts/0/nope/1", "/empty/x"}
        if "\n" not in text.rstrip():  # on one line: line 1 without a walk, even for what is not there
            expected = dict.fromkeys(wanted, 1)
        assert locate.lines(text, wanted) == expected, spacing
        if locate._native is not None:  # the C descent reads the bytes of lone surrogates; Python decodes them
            monkeypatch.delenv("SMM_AUDIT_PURE_PYTHON", raising=False)
            assert locate.lines_of_bytes(text.encode("utf-8", "surrogatepass"), wanted) == expected, spacing
        few = {p for n, p in enumerate(sorted(expected)) if n % 7 == 0}
        assert locate.lines(text, few) == {p: expected[p] for p in few}


def test_pointer_shortcuts_agree_with_the_plain_definitions() -> None:
    from smm_audit import pointer

    data = {
        "accounts": [{"id": "a", "a/b": {"c~d": [1, {"": 2}]}, "posts": [{"id": "p"}] * 3, "n": None}],
        "": {"": [0]},
        "deep": json.loads("[" * 150 + "]" * 150),
    }
    deep = "/deep" + "/0" * 149
    tokens = ["", "accounts", "0", "1", "00", "01", "-1", "a~1b", "a/b", "c~0d", "c~d", "~", "~2", "posts", "2", "3"]
    tokens += ["id", "n", "x", "١", "1e0", " 1"]
    locations = ["", "accounts", "/", "//", deep, deep + "/0", deep[:-2] + "/1", deep + "/x/y"]
    locations += ["/" + "/".join(path) for n in (1, 2, 3) for path in itertools.product(tokens, repeat=n)]
    locations += ["/accounts/0/" + "/".join(path) for path in itertools.product(tokens, repeat=3)]
    check, key = pointer.problems(data), pointer.sort_keys()
    for location in locations:
        assert check(location) == pointer.problem(data, location), location
        assert key(location) == pointer.sort_key(location), location


def _plain_clean(value: Any) -> Any:
    """engine.clean_number as it was."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is dict:
        return {str(k): _plain_clean(v) for k, v in value.items()}
    if isinstance(value, float):
        return None if not math.isfinite(value) else float(f"{value:.6g}")
    if isinstance(value, Mapping):
        return {str(k): _plain_clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain_clean(v) for v in value]
    return value


def test_evidence_is_cleaned_and_refused_as_before() -> None:
    from types import MappingProxyType

    from smm_audit import engine

    bad: list[Any] = [{1, 2}, {"when": object()}, [10**5000], {(1, 2): "tuple key"}, {"x": b"bytes"}]
    odd: list[Any] = [MappingProxyType({"a": float("nan")}), {(1, 2): [1.23456789]}, {None: 1, True: 2, 1.5: 3}]
    for value in [*_values(), *bad, *odd]:
        assert engine.clean_number(value) == _plain_clean(value)
        try:
            json.dumps(_plain_clean(value), allow_nan=False)
            expected = None
        except (TypeError, ValueError) as exc:
            expected = f"evidence must be JSON data: {exc}"
        try:
            engine._json_data(value, "evidence")
            got = None
        except TypeError as exc:
            got = str(exc)
        assert got == expected, repr(value)[:100]
