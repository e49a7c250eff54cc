"""The index of the lexicon regexes' first characters (smm_audit/sentiment/first_chars.json, issue 12).

Reading the lexicons takes each regex's first characters from the index instead of parsing the regex; a regex
the index lacks is parsed as before. These tests keep the shipped index in step with the lexicons.
"""

from __future__ import annotations

import pytest

from smm_audit import bundled, sentiment
from smm_audit.sentiment import index


def shipped() -> dict:
    return sentiment.read_index(bundled.read_text("smm_audit.sentiment", sentiment.INDEX_FILE))


def test_the_shipped_index_is_the_one_the_lexicons_make():
    """Fails after a [patterns] or [sarcasm] line is edited: run python -m smm_audit.sentiment.index."""
    assert bundled.read_text("smm_audit.sentiment", sentiment.INDEX_FILE) == index.text()


@pytest.mark.parametrize("name", index.LEXICON_FILES)
def test_a_lexicon_read_with_the_index_is_the_lexicon_read_without(name, monkeypatch):
    text = bundled.read_text("smm_audit.sentiment", "lexicons", name)
    monkeypatch.setattr(sentiment, "_FIRST_CHARS", {})
    plain = sentiment._parse(text, name).finish()
    parsed_alone = dict(sentiment._FIRST_CHARS)
    monkeypatch.setattr(sentiment, "_FIRST_CHARS", {})
    indexed = sentiment._parse(text, name, shipped()).finish()
    assert parsed_alone == sentiment._FIRST_CHARS
    assert indexed.patterns == plain.patterns and indexed.sarcasm == plain.sarcasm
    for mine, theirs in ((indexed.pattern_set, plain.pattern_set), (indexed.sarcasm_set, plain.sarcasm_set)):
        assert mine.by_char == theirs.by_char and mine.anywhere == theirs.anywhere


def test_a_regex_in_the_index_is_not_parsed_again(monkeypatch):
    parsed: list[str] = []
    real = sentiment._sre_p.parse
    monkeypatch.setattr(sentiment._sre_p, "parse", lambda rx, *a: parsed.append(rx) or real(rx, *a))
    monkeypatch.setattr(sentiment, "_FIRST_CHARS", {})
    monkeypatch.setattr(sentiment, "_LEXICONS", None)
    lexicons = sentiment._load()
    assert lexicons[None].patterns  # read
    assert parsed == []


def test_a_regex_the_index_lacks_is_parsed_and_checked(monkeypatch):
    monkeypatch.setattr(sentiment, "_FIRST_CHARS", {})
    lex = sentiment._parse("[patterns]\n-1 \\bnew (?:regex|one)\n", "new.txt", shipped())
    assert sentiment._FIRST_CHARS[lex.patterns[0][1]] == (frozenset("n"), False)
    with pytest.raises(ValueError, match=r"bad\.txt:2: use \(\?:\.\.\.\) groups only"):
        sentiment._parse("[patterns]\n-1 (capturing) group\n", "bad.txt", shipped())


def test_a_missing_index_only_costs_time(monkeypatch):
    real = bundled.read_text

    def missing(package, *parts):
        if parts == (sentiment.INDEX_FILE,):
            raise FileNotFoundError(parts[0])
        return real(package, *parts)

    expected = sentiment.classify("где мой заказ? уже две недели жду").label
    monkeypatch.setattr(bundled, "read_text", missing)
    monkeypatch.setattr(sentiment, "_FIRST_CHARS", {})
    monkeypatch.setattr(sentiment, "_LEXICONS", None)
    assert sentiment.classify("где мой заказ? уже две недели жду").label == expected == "negative"
