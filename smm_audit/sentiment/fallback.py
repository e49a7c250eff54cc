"""A general word list behind the lexicon, asked only where the lexicon finds no evidence.

English only: VADER's lexicon (C.J. Hutto, vaderSentiment 3.3.2, MIT; ``lexicons/en-vader.txt``,
its notice at the top of the file), the mean of ten human valence ratings per word, -4..+4. A
text in which the lexicon found no negative or positive item sums the values of the list's words
and phrases the lexicon does not know, each × :data:`WEIGHT`; a negator of the lexicon at most
``NEG_WINDOW`` words before flips the value as the lexicon flips its own words, and punctuation
ends the negator's reach. No prefix match, no intensifiers. Measured (the weight fixed before
looking) in docs/sentiment.md, "VADER's lexicon as the English fallback". The list is read on
first use, not at start-up; the package imports this module only when it first needs it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from . import NEG_WINDOW, NEGATED_NEGATIVE, NEGATED_POSITIVE, _Lexicon, _Tok, _word_info

WEIGHT = 0.3  # one word alone labels a text at |mean| ≥ 1.73 (THRESHOLD 0.25, ALPHA 4)
FILES: dict[str, str] = {"en": "en-vader.txt"}  # language → file in lexicons/
LANGUAGES = frozenset(FILES)


@dataclass
class WordList:
    """A word list in the lexicon's normalisation: single words, and phrases of several words."""

    words: dict[str, float] = field(default_factory=dict)
    phrases: dict[tuple[str, ...], float] = field(default_factory=dict)
    longest: int = 1  # words in the longest phrase


def parse(text: str, source: str = "word list") -> WordList:
    """A list file: ``#`` comments, then one entry a line, its words (space-separated) TAB its value."""
    out = WordList()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        term, sep, value = line.partition("\t")
        words = tuple(term.split())
        try:
            v = float(value)
        except ValueError:
            v = float("nan")
        if not sep or not words or v != v:
            raise ValueError(f"{source}:{number}: not 'words<TAB>value'")
        if len(words) == 1:
            out.words[words[0]] = v
        else:
            out.phrases[words] = v
    out.longest = max(map(len, out.phrases), default=1)
    return out


_LOCK = threading.Lock()
_LISTS: dict[str, WordList] = {}


def load(lang: str) -> WordList:
    """The list of ``lang`` (one of :data:`LANGUAGES`), read once from the package."""
    wl = _LISTS.get(lang)
    if wl is None:
        with _LOCK:
            wl = _LISTS.get(lang)
            if wl is None:
                from smm_audit import bundled

                name = FILES[lang]
                text = bundled.read_text(__package__ or "smm_audit.sentiment", "lexicons", name)
                wl = _LISTS[lang] = parse(text, name)
    return wl


def known(lex: _Lexicon, w: str) -> bool:
    """Whether the lexicon has anything to say of the word (a weight, a role, a stop word)."""
    weight, negator, factor, func, _contrast, _conditional = lex.info(w)
    return bool(weight or negator or factor or func is not None or w in lex.stopwords)


def contributions(
    toks: list[_Tok],
    lex: _Lexicon,
    wl: WordList,
    weight: float = 1.0,
    fuzzy: Callable[[str], float | None] | None = None,
) -> list[tuple[float, int]]:
    """(value × ``weight``, token index) of each of the list's words and phrases in the tokens, negation applied.

    A phrase is tried before a word, longest first, and before the word is taken as a negator; a
    single word the lexicon knows (in either elongated form) is never read from the list.
    ``fuzzy`` (benchmarks only): the value of a word the list has no entry for.
    """
    out: list[tuple[float, int]] = []
    neg_left = 0
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if t.kind == "punct":
            neg_left = 0
            i += 1
            continue
        if t.kind != "word":
            i += 1
            continue
        value, width = None, 1
        for k in range(min(wl.longest, n - i), 1, -1):  # before the negator test: "can't stand" is a phrase
            span = toks[i : i + k]
            if all(s.kind == "word" for s in span):
                value = wl.phrases.get(tuple(s.norm for s in span))
                if value is not None:
                    width = k
                    break
        if value is None:
            if _word_info(lex, t)[1]:  # as the lexicon reads it: "nooot" is "not"
                neg_left = NEG_WINDOW
                i += 1
                continue
            if not (known(lex, t.norm) or (t.alt is not None and known(lex, t.alt))):  # "baaad": "baad", "bad"
                value = wl.words.get(t.norm)
                if value is None and t.alt is not None:
                    value = wl.words.get(t.alt)
                if value is None and fuzzy is not None:
                    value = fuzzy(t.norm)
        if value is not None:
            if neg_left:
                value *= NEGATED_POSITIVE if value > 0 else NEGATED_NEGATIVE
                neg_left = 0
            out.append((value * weight, i))
        elif neg_left:
            neg_left -= 1
        i += width
    return out
