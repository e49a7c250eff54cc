"""A general word list behind the lexicon, asked only where the lexicon finds no evidence.

English only: VADER's lexicon (C.J. Hutto, vaderSentiment 3.3.2, MIT; ``lexicons/en-vader.txt``,
its notice at the top of the file), the mean of ten human valence ratings per word, -4..+4. A
text in which the lexicon found no negative or positive item is read again with the list's words
that the lexicon has nothing to say of taken as lexicon words, each of its value × :data:`WEIGHT`,
so that negation, intensifiers, CAPS, elongation, questions, "if" clauses, contrast, sarcasm and "!"
apply to them as to the lexicon's own words; its phrases count as patterns (negation, "!", sarcasm).
No prefix match. Measured in docs/sentiment.md, "VADER's lexicon as the English fallback". The list
is read on first use, not at start-up; the package imports this module only when it first needs it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from . import _NO_INFO, _Info, _Lexicon, _Tok

WEIGHT = 0.3  # one word alone labels a text at |mean| ≥ 1.73 (THRESHOLD 0.25, ALPHA 4)
FILES: dict[str, str] = {"en": "en-vader.txt"}  # language → file in lexicons/
LANGUAGES = frozenset(FILES)


@dataclass
class WordList:
    """A word list in the lexicon's normalisation: single words, and phrases of several words."""

    words: dict[str, float] = field(default_factory=dict)
    phrases: dict[tuple[str, ...], float] = field(default_factory=dict)
    longest: int = field(init=False)  # words in the longest phrase
    starts: frozenset[str] = field(init=False)  # the phrases' first words: only there is a phrase looked for

    def __post_init__(self) -> None:
        self.longest = max(map(len, self.phrases), default=1)
        self.starts = frozenset(words[0] for words in self.phrases)


def parse(text: str, source: str = "word list") -> WordList:
    """A list file: ``#`` comments, then one entry a line, its words (space-separated) TAB its value."""
    words_of: dict[str, float] = {}
    phrases: dict[tuple[str, ...], float] = {}
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
            words_of[words[0]] = v
        else:
            phrases[words] = v
    return WordList(words_of, phrases)


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


def _phrase_width(toks: list[_Tok], i: int, wl: WordList) -> int:
    """How many tokens from ``toks[i]`` on the longest phrase of the list found there spans (0: none)."""
    for k in range(min(wl.longest, len(toks) - i), 1, -1):
        span = toks[i : i + k]
        if all(s.kind == "word" for s in span) and tuple(s.norm for s in span) in wl.phrases:
            return k
    return 0


def lexicon_view(
    toks: list[_Tok], infos: list[_Info], lex: _Lexicon, wl: WordList, weight: float = WEIGHT
) -> tuple[list[_Info], list[tuple[float, int]], set[int]] | None:
    """The tokens' lexicon facts with the list's words added as lexicon words of value × ``weight``.

    Returns (facts, phrases as patterns: (value × weight, first token), the phrases' tokens), or None
    when the list has nothing for the text. Only a word the lexicon has nothing to say of (no weight,
    no role, not a stop word, in either elongated form) is read from the list; a phrase is read
    wherever its words follow one another, longest first.
    """
    out = list(infos)
    phrases: list[tuple[float, int]] = []
    phrase_tokens: set[int] = set()
    found = False
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if t.kind != "word":
            i += 1
            continue
        if t.norm in wl.starts:
            width = _phrase_width(toks, i, wl)
            if width:
                phrases.append((wl.phrases[tuple(s.norm for s in toks[i : i + width])] * weight, i))
                phrase_tokens.update(range(i, i + width))
                i += width
                continue
        if infos[i] == _NO_INFO and t.norm not in lex.stopwords and (t.alt is None or t.alt not in lex.stopwords):
            value = wl.words.get(t.norm)
            if value is None and t.alt is not None:
                value = wl.words.get(t.alt)
            if value is not None:
                out[i] = (value * weight, False, 0.0, None, False, False)
                found = True
        i += 1
    return (out, phrases, phrase_tokens) if found or phrases else None
