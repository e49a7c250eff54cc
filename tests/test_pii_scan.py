"""pii-exposure's first pass in C (``_pii_scan.c``) against the Python pass and the regexes it spells out."""

from __future__ import annotations

import os
import random
import re
import sys
from typing import Any

import pytest

from smm_audit.builtin_checks import pii_exposure as pe

native = pytest.mark.skipif(pe._native is None, reason="the C pass is not built here")
EVERY_CHARACTER = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)


def test_the_c_pass_is_built_where_ci_asks_for_it() -> None:
    """CI sets SMM_AUDIT_REQUIRE_NATIVE=1: there the C pass must be built, so that the tests below run it."""
    if os.environ.get("SMM_AUDIT_REQUIRE_NATIVE") == "1":
        assert pe._native is not None


def test_the_regexes_mean_what_the_c_pass_reads_character_by_character() -> None:
    """What _pii_scan.c assumes of this Python's regex engine: \\d is str.isdecimal, \\s is str.isspace, and the
    letters of the URL and WhatsApp patterns ignoring case are themselves, their capitals, and ſ for s."""
    assert re.findall(r"\d", EVERY_CHARACTER) == [c for c in EVERY_CHARACTER if c.isdecimal()]
    assert min(c for c in EVERY_CHARACTER[128:] if c.isdecimal()) == "\u0660"  # where is_digit asks the database
    assert re.findall(r"\s", EVERY_CHARACTER) == [c for c in EVERY_CHARACTER if c.isspace()]
    for letter in sorted(set("httpswww" + "whatsapp.com/send" + "a.me/")):
        expected = {letter, letter.upper()} | ({"ſ"} if letter == "s" else set())
        assert set(re.findall(re.escape(letter), EVERY_CHARACTER, re.IGNORECASE)) == expected, letter
    assert pe._URL.pattern.startswith('[hHwW](?i:(?<=h)ttps?://|(?<=w)ww\\.)(?:[!#-;=?-~]++|[^\\s<>\\"«»])+')
    assert pe._WHATSAPP_HINT_PATTERN.pattern == r"[wW](?i:a\.me/|hatsapp\.com/send)"


PIECES = [
    "https://shop.example.ru/item/12345?utm_source=vk",
    "HTTPS://X.RU/1234567",
    "httpſ://x.ru/98765",
    "http://",
    "https:/x/12345",
    "www.x.ru/55555",
    "WwW.x.ru/7777",
    "www.",
    "//",
    "www",
    "wa.me/79161234567",
    "WA.ME/7916",
    "https://api.whatſapp.com/ſend?phone=7916",
    "whatsapp.com/send",
    "+7 916 555-12-34",
    "8 (916) 555 12 34",
    "12345",
    "٣٤٥",
    "３４５",
    "߁߂",
    "⁵",
    "½",
    "@",
    "a@b.ru",
    " ",
    "\n",
    "\u00a0",
    "\u2028",
    "\x1c",
    "\x1f",
    "\x00",
    "«",
    "»",
    '"',
    "<",
    ">",
    "“",
    "Спасибо!",
    "ok",
    "h",
    "w",
    "ſ",
    "K",
]


def _odd_texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 9))) for _ in range(count)]


@native
@pytest.mark.parametrize("fewest", [0, 1, 2, 5, 10])
def test_the_c_pass_gives_what_the_python_pass_gives(fewest: int) -> None:
    texts: list[Any] = _odd_texts(fewest, 6000)
    texts += [7, None, ["x"], {"a": 1}]  # no string: counted apart
    items: list[dict[str, Any]] = [{"text": text} for text in texts] + [{}, {"id": "no text"}]
    rng = random.Random(fewest)
    for skipped in ({}, {i: True for i in rng.sample(range(len(items)), 500)}):
        c = pe._worth_reading(items, skipped, fewest)
        python = pe._worth_reading_python(items, skipped, fewest)
        assert c == python
        assert 200 < len(c[0]) < len(items) - 200  # both kinds of text are there


@native
def test_the_c_pass_gives_each_texts_verdict() -> None:
    texts = _odd_texts(99, 3000) + [c * 12 for c in "0٣３߁⁵½a"]
    texts += [f"https://{c}1234567890" for c in EVERY_CHARACTER[:1000]]
    texts += [f"https://x{c}1234567890" for c in (" ", "\u3000", "\x85", "«", "»", '"', "<", ">", "“", "\x00", "é")]
    positions, others = pe._native.worth([{"text": text} for text in texts], 10)
    expected = [i for i, text in enumerate(texts) if pe._may_show(text, 10) and pe._holds(text)]
    assert (positions, others) == (expected, 0)


@native
def test_the_c_pass_refuses_what_is_no_list_of_dicts() -> None:
    with pytest.raises(TypeError):
        pe._native.worth([{"text": "1"}, "no dict"], 10)
    with pytest.raises(TypeError):
        pe._native.worth(({"text": "1"},), 10)
    items: list[Any] = [{"text": "+7 916 555-12-34"}, "no dict"]  # the check then reads them in Python, as before
    with pytest.raises(AttributeError):
        pe._worth_reading_python(items, {}, 10)
    with pytest.raises(AttributeError):
        pe._worth_reading(items, {}, 10)


class _Text(str):
    """A text as a plugin's testing kit may build it: a str subclass."""


class _Item(dict):  # type: ignore[type-arg]
    """An item that is a dict subclass (a read-only snapshot's are)."""


@native
def test_the_c_pass_gives_each_items_verdict_on_odd_items() -> None:
    """Items that are dict subclasses, texts that are str subclasses, long texts and texts holding the characters
    the Python pass joins with: each item's verdict is _may_show and _holds of its text."""
    rng = random.Random(2024)
    pieces = [*PIECES, "\x1e", "\x1f", "ww", "w.", "/", ":", "ttp", "Www.", "hTtPſ://", "wa.me", "ƒ", "\U0001d7ce"]
    items: list[Any] = []
    for n in range(3000):
        text: Any = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 12)))
        if n % 500 == 0:
            text = text * 4000  # some 100,000 characters
        kind = rng.randrange(6)
        if kind == 0:
            text = _Text(text)
        elif kind == 1:
            text = rng.choice([None, 7, ["1@"], b"12345@"])
        items.append(_Item(text=text, id=n) if kind == 2 else {"text": text} if kind < 5 else {"id": n})
    for fewest in (2, 7, 10):
        positions, others = pe._native.worth(items, fewest)
        texts = [item.get("text") for item in items]
        expected = [i for i, t in enumerate(texts) if isinstance(t, str) and pe._may_show(t, fewest) and pe._holds(t)]
        assert (positions, others) == (expected, sum(not isinstance(t, str) for t in texts))
        assert pe._worth_reading(items, {}, fewest) == pe._worth_reading_python(items, {}, fewest)


@native
@pytest.mark.parametrize("emptied", ["items", "item"])
def test_the_c_pass_holds_what_it_reads_while_a_keys_comparison_runs(emptied: str) -> None:
    """A key whose hash is that of "text" makes the look-up run its __eq__, which may empty the list or the item:
    the pass must read no freed memory then, and read on as the look-up left things."""
    import gc

    items: list[Any] = []

    class Key(str):
        def __hash__(self) -> int:
            return hash("text")

        def __eq__(self, other: object) -> bool:
            if items:
                (items if emptied == "items" else items[0]).clear()
                gc.collect()
            return False

    items += [{Key("k"): 1, "text": "+7 916 555-12-34" + "x" * 100} for _ in range(3)]
    positions, others = pe._native.worth(items, 10)
    if emptied == "items":  # the first item was read whole; the list then held no more
        assert (positions, others) == ([0], 0) and items == []
    else:  # the first item was emptied under the look-up: no text; the others' keys left it empty
        assert (positions, others) == ([1, 2], 1)
