"""Built-in comment sentiment classifier (Russian, English, Spanish).

Pure Python, standard library only. A lexicon classifier with:

* tokenisation that survives punctuation, emoji, URLs, @mentions and
  elongated words ("ужаааас", "sooo bad", "me encantaaa");
* stems for morphology (``обман*`` covers обманули, обманщики);
* negation in a short window: a negated negative word turns mildly positive
  ("не плохо", "not bad", "no está mal"), a negated positive word turns
  negative ("не рекомендую"), and a negated *verb of function* (работает,
  пришёл, ответили, work, arrived, funciona...) is a complaint
  ("вообще не работает");
* intensifiers and diminishers ("очень", "вообще", "really", "muy",
  "kinda"), CAPS, elongation and "!" as intensifiers;
* complaint patterns (refunds, "where is my order", "уже две недели",
  "still waiting", "никто не отвечает"...), emoji and emoticons;
* cheap sarcasm heuristics («спасибо за прекрасный сервис» next to a
  complaint, "great, another ...", 🙃/🙄);
* questions: positive words inside a question count little, so a plain
  question is neutral;
* in English, a general word list behind the lexicon (VADER's, MIT:
  :mod:`.fallback`) for texts in which the lexicon found no evidence at all.

The lexicons live in ``lexicons/<lang>.txt`` (plus ``common.txt`` for emoji
and emoticons). Their format is documented at the top of each file and in
``docs/sentiment.md``. They are read once, lazily, from the package
(:mod:`smm_audit.bundled`), so they ship inside a wheel; the first characters
of their regexes come from an index made from them (:data:`INDEX_FILE`).

Public API: :func:`detect_language`, :func:`classify`, :class:`Sentiment`,
:data:`SUPPORTED_LANGUAGES`, :data:`MAX_CHARS`. Measured accuracy, limits and
the command that measures them: ``docs/sentiment.md``.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
import threading
from dataclasses import dataclass
from typing import Any, Literal

from . import calibration as _calibration

__all__ = [
    "MAX_CHARS",
    "NO_EVIDENCE",
    "SUPPORTED_LANGUAGES",
    "Evidence",
    "Sentiment",
    "analyse",
    "classify",
    "detect_language",
    "primary_language",
]

SUPPORTED_LANGUAGES: tuple[str, ...] = ("ru", "en", "es")

Label = Literal["negative", "neutral", "positive"]
LABELS: tuple[Label, ...] = ("negative", "neutral", "positive")

# Per-word lexicon facts: (weight, negator?, intensifier factor (0: none),
# function-verb weight (None: not a function verb), contrast?, conditional?)
_Info = tuple[float, bool, float, "float | None", bool, bool]
_NO_INFO: _Info = (0.0, False, 0.0, None, False, False)


@dataclass(frozen=True)
class Sentiment:
    """Result of :func:`classify`.

    ``score`` is in [-1, 1] (negative to positive); ``lang`` is the language
    whose lexicon was used (``None``: unknown, all lexicons were used);
    ``negative_probability`` is the calibrated probability that the text is
    negative (a complaint), in [0, 1], or ``None`` when the classifier that
    answered gives none.
    """

    label: Label
    score: float
    lang: str | None
    negative_probability: float | None = None


# --------------------------------------------------------------------------
# Tunable constants (measured on the dev split of tests/data/comments_labeled.jsonl)

NEG_WINDOW = 3  # words after a negator that it can reach
INT_WINDOW = 3  # words after an intensifier that it can reach
NEGATED_POSITIVE = -0.9  # "not good": weight * this
NEGATED_NEGATIVE = -0.5  # "not bad": weight * this (turns mildly positive)
NEGATED_FUNCTION = -1.6  # "не работает", "never arrived", "no funciona"
CAPS_FACTOR = 1.4  # a sentiment word IN CAPS
ELONGATION_FACTOR = 1.3  # "ужаааас", "sooo"
EXCLAMATION_STEP = 0.1  # per "!" (at most 3)
MAX_INTENSITY = 2.5  # cap for stacked intensifiers
QUESTION_POSITIVE = 0.2  # positive words inside a question
QUESTION_NEGATIVE = 0.8  # negative words inside a question
CONDITIONAL_FACTOR = 0.2  # "если не подойдёт", "if it doesn't fit"
CONTRAST_BEFORE = 0.5  # "X, но Y": what comes before "но"
CONTRAST_AFTER = 1.5  # ... and after it
NEGATIVE_BIAS = 1.0  # multiplier for negative evidence
SARCASM_EVIDENCE = 1.0  # negative weight needed before a sarcasm cue flips praise
ALPHA = 4.0  # score = total / sqrt(total^2 + ALPHA)
THRESHOLD = 0.25  # |score| below this is neutral
MAX_CHARS = 20_000  # longer texts are cut: more than any platform allows in a comment
_FALLBACK_LANGUAGES = frozenset(("en",))  # fallback.LANGUAGES: a list behind the lexicon (imported on first use)

# --------------------------------------------------------------------------
# Text normalisation and tokenisation (all regexes compiled once)

_LATIN_ACCENTS = str.maketrans(
    "áàâäãåéèêëíìîïóòôöõúùûüçÁÀÂÄÃÅÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÇ",
    "aaaaaaeeeeiiiiooooouuuucaaaaaaeeeeiiiiooooouuuuc",
)
_DROP_CHARS = dict.fromkeys(map(ord, "\ufe0f\ufe0e\u200d\u200b\u00ad"), None)
_SKIN_TONES = re.compile("[\U0001f3fb-\U0001f3ff]")
_ELONGATED = re.compile(r"([^\W\d_])\1{2,}")
_RU_PARTICLE = re.compile(r"(?<=[а-яё])-(?:то|нибудь|либо|таки|ка)\b", re.IGNORECASE)

_TOKEN_RE = re.compile(
    r"""
     (?P<url>(?:https?://|www\.)\S+)
    |(?P<mention>@[\w.]+)  # also the domain of an e-mail address
    |(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)
    |(?P<num>\d+(?:[.,:/]\d+)*)
    |(?P<emoticon>[:;]-?[()DPp](?![\w])|\){2,}|\({2,})
    |(?P<punct>[.!?…;,:¿¡]+|\n)
    |(?P<sym>[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2190-\u21FF\u3030\u303D])
    """,
    re.VERBOSE,
)
_TOKEN_TEXTS = re.compile(re.sub(r"\(\?P<\w+>", "(?:", _TOKEN_RE.pattern), re.VERBOSE).findall
"""The tokens' texts as :data:`_TOKEN_RE` splits them, without a match object each (its groups made plain: no
alternative looks behind, so a token's kind is that of its text alone, which :func:`_new_tok` asks for)."""
_SENTENCE_END = frozenset(".!?…\n")


def _norm_word(word: str) -> str:
    """Lower-case, ё→е, curly apostrophe, strip Latin accents (keeps ñ, й)."""
    w = word.lower().replace("ё", "е").replace("’", "'")
    if not w.isascii():
        w = w.translate(_LATIN_ACCENTS)
    return w


def _norm_term(term: str) -> str:
    """Normalise a lexicon term the same way as a token."""
    t = term.translate(_DROP_CHARS)
    return _norm_word(t)


def _norm_pattern(rx: str) -> str:
    """Normalise a lexicon regex like the text, without touching its case (\\S, \\W...)."""
    return rx.translate(_DROP_CHARS).replace("ё", "е").replace("’", "'").translate(_LATIN_ACCENTS)


class _Tok:
    __slots__ = ("alt", "caps", "elong", "form", "kind", "norm")

    def __init__(self, kind: str, norm: str, alt: str | None = None, caps: bool = False, elong: bool = False):
        self.kind = kind  # word | num | emoticon | punct | sym
        self.norm = norm  # normalised form (elongation collapsed to 2 letters)
        self.alt = alt  # elongation collapsed to 1 letter, if different
        self.caps = caps
        self.elong = elong
        self.form = norm if alt is None else alt  # what the patterns are matched against


# Tokens by the text they were read from; tokens are never changed once made. The kinds'
# characters do not overlap (letters, digits, punctuation, emoji; an emoticon mixes ":;" with
# ")(DPp"), so a text gives one kind only. URLs and @mentions are dropped and not kept.
_TOKS: dict[str, _Tok] = {}


def _new_tok(kind: str | None, s: str) -> _Tok | None:
    """The token read from s as ``kind`` (None for a URL or @mention), memoised."""
    tok: _Tok | None
    if kind == "word":
        caps = len(s) >= 3 and s.isupper()
        low = _norm_word(s)
        if _ELONGATED.search(low):
            tok = _Tok("word", _ELONGATED.sub(r"\1\1", low), _ELONGATED.sub(r"\1", low), caps, True)
        else:
            tok = _Tok("word", low, None, caps, False)
    elif kind == "emoticon":
        tok = _Tok("emoticon", s[:3] if s[0] in "()" else s.replace("-", "").lower())
    elif kind == "url" or kind == "mention":
        return None
    else:
        tok = _Tok(kind or "", s)
    if len(_TOKS) > 200_000:
        _TOKS.clear()
    _TOKS[s] = tok
    return tok


def _tokenize(text: str) -> list[_Tok]:
    if not text.isascii():  # the dropped characters and skin tones are not ASCII
        text = _SKIN_TONES.sub("", text.translate(_DROP_CHARS))
        if "-" in text:
            text = _RU_PARTICLE.sub("", text)  # наконец-то → наконец, кто-нибудь → кто
    out: list[_Tok] = []
    append = out.append
    known = _TOKS
    for s in _TOKEN_TEXTS(text):
        tok = known.get(s)
        if tok is None:
            tok = _new_tok(_TOKEN_RE.fullmatch(s).lastgroup, s)  # type: ignore[union-attr]  # it matched
            if tok is None:
                continue
        append(tok)
    return out


# --------------------------------------------------------------------------
# Pattern sets. One big alternation is slow in Python's re (every alternative is
# tried at every position), so each regex is indexed by the characters its
# matches can start with (found once from the parsed regex) and tried only at
# token starts whose first character fits.

# re's own parser (stable since 3.11, the project's minimum): used only to index
# the lexicon regexes by their first character.
from re import _constants as _sre_c  # type: ignore[attr-defined]  # noqa: E402
from re import _parser as _sre_p  # type: ignore[attr-defined]  # noqa: E402

_DIGITS = frozenset("0123456789")


def _first_chars(items: Any) -> tuple[frozenset[str] | None, bool]:
    """(characters a match can start with or None for "any", can the sequence be empty?)"""
    chars: set[str] = set()
    for op, av in items:
        if op is _sre_c.AT:
            continue
        if op is _sre_c.LITERAL:
            chars.add(chr(av))
            return frozenset(chars), False
        if op is _sre_c.IN:
            for iop, iav in av:
                if iop is _sre_c.LITERAL:
                    chars.add(chr(iav))
                elif iop is _sre_c.CATEGORY and iav is _sre_c.CATEGORY_DIGIT:
                    chars |= _DIGITS
                elif iop is _sre_c.RANGE and iav[1] - iav[0] < 64:
                    chars.update(chr(c) for c in range(iav[0], iav[1] + 1))
                else:
                    return None, False
            return frozenset(chars), False
        if op is _sre_c.SUBPATTERN:
            sub, empty = _first_chars(av[-1])
            if sub is None:
                return None, False
            chars |= sub
            if not empty:
                return frozenset(chars), False
            continue
        if op is _sre_c.BRANCH:
            any_empty = False
            for branch in av[1]:
                sub, empty = _first_chars(branch)
                if sub is None:
                    return None, False
                chars |= sub
                any_empty = any_empty or empty
            if not any_empty:
                return frozenset(chars), False
            continue
        if op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT, getattr(_sre_c, "POSSESSIVE_REPEAT", None)):
            lo, _hi, sub_items = av
            sub, empty = _first_chars(sub_items)
            if sub is None:
                return None, False
            chars |= sub
            if lo > 0 and not empty:
                return frozenset(chars), False
            continue
        return None, False  # ANY, CATEGORY, NOT_LITERAL, lookarounds...
    return frozenset(chars), True


_FIRST_CHARS: dict[str, tuple[frozenset[str] | None, bool]] = {}


def _first_chars_of(rx: str) -> tuple[frozenset[str] | None, bool]:
    """:func:`_first_chars` of a regex, memoised (the merged lexicon repeats every language's)."""
    hit = _FIRST_CHARS.get(rx)
    if hit is None:
        try:
            hit = _first_chars(_sre_p.parse(rx))
        except Exception:  # pragma: no cover - analysis is only an optimisation
            hit = (None, True)
        _FIRST_CHARS[rx] = hit
    return hit


_Combined = tuple["re.Pattern[str]", tuple[float, ...], list[tuple[int, str, float]]]


class _PatternSet:
    """Regexes with a value each, matched at token starts only.

    The regexes that can start with a character are tried as one alternation, compiled the first
    time a token starts with it: an alternation tries its branches in order and takes the first that
    matches, as trying the regexes one by one does, in one call into re instead of one per regex.
    """

    def __init__(self, entries: list[tuple[float, str]]) -> None:
        self.by_char: dict[str, list[tuple[int, str, float]]] = {}
        self.anywhere: list[tuple[int, str, float]] = []
        for order, (value, rx) in enumerate(entries):
            first, empty = _first_chars_of(rx)
            entry = (order, rx, value)
            if first is None or empty:
                self.anywhere.append(entry)
            else:
                for c in first:
                    self.by_char.setdefault(c, []).append(entry)
        for lst in self.by_char.values():
            lst.sort(key=lambda e: e[0])
        self._combined: dict[str, _Combined | None] = {}

    def _candidates(self, c: str) -> list[tuple[int, str, float]]:
        own = self.by_char.get(c)
        if not self.anywhere:
            return own or []
        if not own:
            return self.anywhere
        return sorted(own + self.anywhere, key=lambda e: e[0])

    def _compile(self, c: str) -> _Combined | None:
        cands = self._candidates(c)
        res: _Combined | None = None
        if cands:
            # the lexicon regexes have no capturing group: group k is the k-th regex
            rx = re.compile("|".join(f"({p})" for _order, p, _value in cands))
            res = (rx, tuple(v for _order, _p, v in cands), cands)
        self._combined[c] = res
        return res

    def _slow_match(self, cands: list[tuple[int, str, float]], joined: str, pos: int) -> tuple[float, int] | None:
        """The first regex that matches at pos and is not empty there: (value, end)."""
        for _order, p, value in cands:
            m = re.compile(p).match(joined, pos)
            if m is not None and m.end() > pos:
                return value, m.end()
        return None

    def scan(self, joined: str, starts: list[int]) -> list[tuple[float, int, int]]:
        """Non-overlapping matches, left to right, first listed regex first: (value, index of the start, end)."""
        out: list[tuple[float, int, int]] = []
        skip_to = 0
        combined = self._combined
        for i, pos in enumerate(starts):
            if pos < skip_to:
                continue
            c = joined[pos]
            entry = combined[c] if c in combined else self._compile(c)
            if entry is None:
                continue
            m = entry[0].match(joined, pos)
            if m is None:
                continue
            end = m.end()
            if end > pos:
                out.append((entry[1][m.lastindex - 1], i, end))  # type: ignore[operator]
                skip_to = end
                continue
            hit = self._slow_match(entry[2], joined, pos)  # an empty match: try the regexes after it
            if hit is not None:
                out.append((hit[0], i, hit[1]))
                skip_to = hit[1]
        return out

    def search(self, joined: str, starts: list[int]) -> bool:
        combined = self._combined
        for pos in starts:
            c = joined[pos]
            entry = combined[c] if c in combined else self._compile(c)
            if entry is not None and entry[0].match(joined, pos) is not None:
                return True
        return False


_SECTIONS = (
    "words",
    "negators",
    "intensifiers",
    "function",
    "contrast",
    "conditional",
    "patterns",
    "sarcasm",
    "stopwords",
)


def _stem_index(stems: dict[str, float], shortest: int) -> dict[str, list[tuple[str, float]]]:
    """Stems by their first ``shortest`` characters, longest first: a word's candidates in one look-up."""
    index: dict[str, list[tuple[str, float]]] = {}
    for stem, value in stems.items():
        index.setdefault(stem[:shortest], []).append((stem, value))
    for lst in index.values():
        lst.sort(key=lambda e: -len(e[0]))
    return index


class _Lexicon:
    """One lexicon file, or several merged."""

    def __init__(self) -> None:
        self.words: dict[str, float] = {}
        self.stems: dict[str, float] = {}
        self.negators: set[str] = set()
        self.intensifiers: dict[str, float] = {}
        self.function: dict[str, float] = {}
        self.function_stems: dict[str, float] = {}
        self.contrast: set[str] = set()
        self.contrast_after_comma: set[str] = set()
        self.conditional: set[str] = set()
        self.patterns: list[tuple[float, str]] = []
        self.sarcasm: list[str] = []
        self.stopwords: set[str] = set()
        # compiled by finish()
        self.pattern_set = _PatternSet([])
        self.sarcasm_set = _PatternSet([])
        self.min_stem = 99
        self.max_stem = 0
        self.min_fstem = 99
        self.max_fstem = 0
        self.stem_index: dict[str, list[tuple[str, float]]] = {}
        self.fstem_index: dict[str, list[tuple[str, float]]] = {}
        self._cache: dict[str, _Info] = {}
        self._tok_cache: dict[_Tok, _Info] = {}  # by token object (word tokens are memoised)

    def update(self, other: _Lexicon) -> None:
        self.words.update(other.words)
        self.stems.update(other.stems)
        self.negators |= other.negators
        self.intensifiers.update(other.intensifiers)
        self.function.update(other.function)
        self.function_stems.update(other.function_stems)
        self.contrast |= other.contrast
        self.contrast_after_comma |= other.contrast_after_comma
        self.conditional |= other.conditional
        self.patterns.extend(other.patterns)
        self.sarcasm.extend(other.sarcasm)
        self.stopwords |= other.stopwords

    def vocabulary(self) -> set[str]:
        """Every exact word of the lexicon (for language detection)."""
        return self.stopwords | set(self.words) | self.negators | set(self.intensifiers) | set(self.function)

    def all_stems(self) -> set[str]:
        return set(self.stems) | set(self.function_stems)

    def finish(self) -> _Lexicon:
        if self.stems:
            self.min_stem = min(map(len, self.stems))
            self.max_stem = max(map(len, self.stems))
        if self.function_stems:
            self.min_fstem = min(map(len, self.function_stems))
            self.max_fstem = max(map(len, self.function_stems))
        self.stem_index = _stem_index(self.stems, self.min_stem)
        self.fstem_index = _stem_index(self.function_stems, self.min_fstem)
        self.pattern_set = _PatternSet(self.patterns)
        self.sarcasm_set = _PatternSet([(0.0, rx) for rx in self.sarcasm])
        return self

    def _weight(self, w: str) -> float | None:
        """The word's weight, or its longest stem's."""
        if w in self.words:
            return self.words[w]
        for stem, v in self.stem_index.get(w[: self.min_stem], ()):
            if w.startswith(stem):
                return v
        return None

    def _function(self, w: str) -> float | None:
        if w in self.function:
            return self.function[w]
        for stem, v in self.fstem_index.get(w[: self.min_fstem], ()):
            if w.startswith(stem):
                return v
        return None

    def info(self, w: str) -> _Info:
        """(weight, negator, intensifier factor, function weight|None, contrast, conditional)."""
        hit = self._cache.get(w)
        if hit is not None:
            return hit
        negator = w in self.negators or (w.endswith("n't") and len(w) > 3)
        factor = self.intensifiers.get(w, 0.0)
        weight = self._weight(w)
        if weight is None and len(w) >= 7 and w.startswith("не"):
            # Russian "не"-prefixed adjectives/adverbs: невкусно, недорого, неудобно
            inner = self._weight(w[2:])
            weight = None if inner is None else (inner * NEGATED_POSITIVE if inner > 0 else inner * NEGATED_NEGATIVE)
        func = self._function(w)
        res: _Info = (
            weight or 0.0,
            negator,
            factor,
            func,
            w in self.contrast,
            w in self.conditional,
        )
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[w] = res
        return res


def _parse(text: str, source: str, index: dict[str, tuple[frozenset[str] | None, bool]] | None = None) -> _Lexicon:
    """One lexicon file. ``index``: the first characters of regexes already parsed (:data:`INDEX_FILE`)."""
    lex = _Lexicon()
    section = None
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            if section not in _SECTIONS:
                raise ValueError(f"{source}:{lineno}: unknown section [{section}]")
            continue
        if section is None:
            raise ValueError(f"{source}:{lineno}: entry before any [section]")
        try:
            if section in ("patterns", "sarcasm"):
                if section == "patterns":
                    weight_s, rx = line.split(None, 1)
                    weight = float(weight_s)
                else:
                    rx, weight = line, 0.0
                rx = _norm_pattern(rx)
                # parsed here, compiled on first use (with the regexes sharing its first
                # characters); tests/test_sentiment.py compiles every one. A regex of the
                # index was parsed when it was made, with the same result.
                known = index.get(rx) if index else None
                if known is not None:
                    _FIRST_CHARS.setdefault(rx, known)
                else:
                    parsed = _sre_p.parse(rx)
                    if parsed.state.groups > 1:
                        raise ValueError("use (?:...) groups only")
                    if rx not in _FIRST_CHARS:
                        _FIRST_CHARS[rx] = _first_chars(parsed)
                if section == "patterns":
                    lex.patterns.append((weight, rx))
                else:
                    lex.sarcasm.append(rx)
            elif section == "stopwords":
                lex.stopwords.update(_norm_term(t) for t in line.split())
            else:
                parts = line.split()
                term = _norm_term(parts[0])
                value = float(parts[1]) if len(parts) > 1 else None
                if section == "words":
                    if value is None:
                        raise ValueError("a word needs a weight")
                    if term.endswith("*"):
                        lex.stems[term[:-1]] = value
                    else:
                        lex.words[term] = value
                elif section == "negators":
                    lex.negators.add(term)
                elif section == "intensifiers":
                    lex.intensifiers[term] = 1.5 if value is None else value
                elif section == "function":
                    if term.endswith("*"):
                        lex.function_stems[term[:-1]] = value or 0.0
                    else:
                        lex.function[term] = value or 0.0
                elif section == "contrast":
                    if term.startswith(","):
                        lex.contrast_after_comma.add(term[1:])
                    else:
                        lex.contrast.add(term)
                elif section == "conditional":
                    lex.conditional.add(term)
        except (ValueError, re.error) as exc:
            raise ValueError(f"{source}:{lineno}: {exc}: {raw!r}") from None
    return lex


INDEX_FILE = "first_chars.json"
"""The first characters of every lexicon regex, as :func:`_first_chars` finds them from the parsed regex.

Parsing the 321 regexes with ``re._parser`` was 70 % of reading the lexicons (10-15 ms of CPU at the first
classification). A regex missing from the index (a lexicon edited since) is parsed as before; one that is in it
was parsed, and checked for capturing groups, when the index was made (``python -m smm_audit.sentiment.index``;
tests/test_sentiment_index.py fails when it is out of date).
"""


def read_index(text: str) -> dict[str, tuple[frozenset[str] | None, bool]]:
    """The index file's table: regex → (characters its matches can start with or None for any, can it be empty?)."""
    import json

    table = json.loads(text)["first_chars"]
    return {rx: (None if chars is None else frozenset(chars), bool(empty)) for rx, (chars, empty) in table.items()}


_LOCK = threading.Lock()
_LEXICONS: dict[str | None, _Lexicon] | None = None


def _load() -> dict[str | None, _Lexicon]:
    global _LEXICONS
    if _LEXICONS is not None:
        return _LEXICONS
    with _LOCK:
        if _LEXICONS is not None:
            return _LEXICONS
        from smm_audit import bundled

        try:
            index = read_index(bundled.read_text(__name__, INDEX_FILE))
        except (OSError, ValueError, KeyError, TypeError):  # an optimisation only: without it, every regex is parsed
            index = {}
        common = _parse(bundled.read_text(__name__, "lexicons", "common.txt"), "common.txt", index)
        raw = {
            lang: _parse(bundled.read_text(__name__, "lexicons", f"{lang}.txt"), f"{lang}.txt", index)
            for lang in SUPPORTED_LANGUAGES
        }
        table: dict[str | None, _Lexicon] = {}
        merged = _Lexicon()
        merged.update(common)
        for lang in SUPPORTED_LANGUAGES:
            lex = _Lexicon()
            lex.update(common)
            lex.update(raw[lang])
            table[lang] = lex.finish()
            merged.update(raw[lang])
        table[None] = merged.finish()
        # Language-detection vocabularies: words and stems of one language only.
        global _EN_VOCAB, _ES_VOCAB, _EN_STEMS, _ES_STEMS
        en, es = raw["en"].vocabulary(), raw["es"].vocabulary()
        _EN_VOCAB, _ES_VOCAB = frozenset(en - es), frozenset(es - en)
        en_st, es_st = raw["en"].all_stems(), raw["es"].all_stems()
        _EN_STEMS, _ES_STEMS = frozenset(en_st - es_st), frozenset(es_st - en_st)
        votes: dict[str, list[tuple[str, str]]] = {}
        for stems, which in ((_ES_STEMS, "es"), (_EN_STEMS, "en")):
            for stem in stems:
                if len(stem) >= 3:  # _stem_vote tries prefixes of 3 letters and more
                    votes.setdefault(stem[:3], []).append((stem, which))
        for lst in votes.values():
            lst.sort(key=lambda e: -len(e[0]))  # the two sets are disjoint: no tie to order
        _VOTE_STEMS.clear()
        _VOTE_STEMS.update(votes)
        _LEXICONS = table
    return _LEXICONS


# --------------------------------------------------------------------------
# Language detection

_EN_VOCAB: frozenset[str] = frozenset()
_ES_VOCAB: frozenset[str] = frozenset()
_EN_STEMS: frozenset[str] = frozenset()
_ES_STEMS: frozenset[str] = frozenset()
_STRIP_RE = re.compile(r"(?:https?://|www\.)\S+|@[\w.]+")
_CYR_RE = re.compile(r"[а-яёА-ЯЁіїєґўІЇЄҐЎ]")
_UKBE_RE = re.compile(r"[іїєґўІЇЄҐЎ]")
_LAT_RE = re.compile(r"[a-zA-ZñÑáéíóúüÁÉÍÓÚÜàèìòùçÀÈÌÒÙÇ]")
_ES_MARK_RE = re.compile(r"[ñÑ¿¡áéíóúÁÉÍÓÚ]")
_LAT_WORD_RE = re.compile(r"[a-zA-ZñÑáéíóúüÁÉÍÓÚÜ]+(?:['’][a-zA-Z]+)?")
_EN_SUFFIX = re.compile(r"(?:ing|ly|ght|ck|sh|th|tion|ness|ful|[kwy])$")
_ES_SUFFIX = re.compile(r"(?:cion|ciones|dad|mente|ado|ada|ido|ida|idos|adas|itos?|itas?|isim[oa]s?|ñ\w*)$")


_VOTE_CACHE: dict[str, float] = {}


def _word_vote(word: str) -> float:
    """How much a Latin word says Spanish (> 0) or English (< 0); memoised."""
    w = _norm_word(word)
    if _ELONGATED.search(w):
        w = _ELONGATED.sub(r"\1", w)
    v = 0.0
    if w in _ES_VOCAB:
        v = 1.0
    elif w in _EN_VOCAB:
        v = -1.0
    elif len(w) >= 4:
        stem = _stem_vote(w)
        if stem == "es" or (stem is None and _ES_SUFFIX.search(w)):
            v = 0.5
        elif stem == "en" or (stem is None and _EN_SUFFIX.search(w)):
            v = -0.5
    if len(_VOTE_CACHE) > 200_000:
        _VOTE_CACHE.clear()
    _VOTE_CACHE[word] = v
    return v


_VOTE_STEMS: dict[str, list[tuple[str, str]]] = {}  # the stems of _ES_STEMS and _EN_STEMS by 3 first letters


def _stem_vote(w: str) -> str | None:
    """The language of the longest stem of one language only that w starts with."""
    for stem, which in _VOTE_STEMS.get(w[:3], ()):
        if w.startswith(stem):
            return which
    return None


def detect_language(text: str) -> str | None:
    """Return "ru", "en", "es", or None when the language is unknown.

    * Cyrillic script → "ru". Ukrainian and Belarusian are not supported:
      Cyrillic text with two or more of their own letters (і ї є ґ ў), or
      where they make 3% or more of the Cyrillic letters, gives None (so
      :func:`classify` uses all lexicons); a single stray one is taken as
      a typo in Russian.
    * Latin script → "es" or "en", by Spanish marks (ñ ¿ ¡ and accents),
      function words, lexicon words and a few suffixes; a tie gives None.
    * Too little text (fewer than 2 letters once URLs and @mentions are
      removed; emoji only; numbers only) → None.

    Only the first :data:`MAX_CHARS` characters are read.
    """
    if not text:
        return None
    _load()
    s = text[:MAX_CHARS]
    if "@" in s or "http" in s or "www." in s:  # what _STRIP_RE can match starts so
        s = _STRIP_RE.sub(" ", s)
    cyr = 0 if s.isascii() else len(_CYR_RE.findall(s))
    lat = len(_LAT_RE.findall(s))
    if cyr + lat < 2:
        return None
    if cyr >= lat:
        ukbe = len(_UKBE_RE.findall(s))
        if ukbe >= 2 or (ukbe and ukbe / cyr >= 0.03):
            return None
        return "ru"
    es = 0.0 if s.isascii() else min(len(_ES_MARK_RE.findall(s)), 3) * 1.5
    en = 0.0
    for w in _LAT_WORD_RE.findall(s):
        v = _VOTE_CACHE.get(w)
        if v is None:
            v = _word_vote(w)
        if v > 0:
            es += v
        else:
            en -= v
    if es > en:
        return "es"
    if en > es:
        return "en"
    return None


# --------------------------------------------------------------------------
# Classification


def _find_matches(lex: _Lexicon, toks: list[_Tok]) -> tuple[list[tuple[float, int]], set[int], _Sarcasm]:
    """Run the pattern regexes over the joined normalised tokens.

    Returns ([(weight, first token index)], indices of tokens inside a pattern, the text's sarcasm cue
    search, run only if asked: :func:`_values` asks when there is enough negative evidence for it to matter).
    """
    parts = [t.form for t in toks]
    starts = list(itertools.accumulate([len(f) + 1 for f in parts], initial=0))
    starts.pop()
    joined = " ".join(parts)
    matches: list[tuple[float, int]] = []
    covered: set[int] = set()
    pset = lex.pattern_set
    if pset.anywhere:
        found = pset.scan(joined, starts)
    else:
        # PatternSet.scan without its "anywhere" case
        found = []
        skip_to = 0
        pcomb = pset._combined
        for i, pos in enumerate(starts):
            if pos < skip_to:
                continue
            c = joined[pos]
            entry = pcomb[c] if c in pcomb else pset._compile(c)
            if entry is not None:
                m = entry[0].match(joined, pos)
                if m is not None:  # never empty: every regex here has a first character
                    skip_to = m.end()
                    found.append((entry[1][m.lastindex - 1], i, skip_to))  # type: ignore[operator]
    for value, a, end in found:
        b = bisect.bisect_left(starts, end, a)
        matches.append((value, a))
        covered.update(range(a, b))
    return matches, covered, _Sarcasm(lex.sarcasm_set, joined, starts)


class _Sarcasm:
    """Whether a text holds a sarcasm cue (``lex.sarcasm_set`` at a token start), searched once, on first ask."""

    __slots__ = ("_found", "_joined", "_set", "_starts")

    def __init__(self, sarcasm_set: _PatternSet, joined: str, starts: list[int]) -> None:
        self._set, self._joined, self._starts = sarcasm_set, joined, starts
        self._found: bool | None = None

    def __bool__(self) -> bool:
        if self._found is None:
            self._found = self._set.search(self._joined, self._starts)
        return self._found


_INFO_KINDS = frozenset(("word", "emoticon", "sym"))


def _tok_info(lex: _Lexicon, t: _Tok) -> _Info:
    """The lexicon facts of a token (:data:`_NO_INFO` for numbers and punctuation); memoised."""
    info = _word_info(lex, t) if t.kind in _INFO_KINDS else _NO_INFO
    if len(lex._tok_cache) > 200_000:
        lex._tok_cache.clear()
    lex._tok_cache[t] = info
    return info


def _word_info(lex: _Lexicon, t: _Tok) -> _Info:
    info = lex._cache.get(t.norm) or lex.info(t.norm)
    if t.alt is not None and not (info[0] or info[1] or info[2] or info[3] is not None):
        info = lex.info(t.alt)
    return info


def _values(
    lex: _Lexicon,
    toks: list[_Tok],
    infos: list[_Info],
    sent_of: list[int],
    question_sentences: set[int],
    matches: list[tuple[float, int]],
    covered: set[int],
    sarcasm: _Sarcasm | bool,
) -> tuple[list[float], int]:
    """Each piece of evidence's value after negation, intensifiers, clauses and sarcasm; and the negators met.

    ``matches`` (the patterns' (weight, first token)) is changed in place where a negator flips one.
    """
    match_at = {a: k for k, (_w, a) in enumerate(matches)}

    # contributions: [value, token index, in a conditional clause]
    contrib: list[tuple[float, int, bool]] = []
    neg_left = 0
    mult = 1.0
    mult_left = 0
    cond = False
    contrast_at = -1
    prev_comma = False
    negators = 0
    n = len(toks)

    for i, t in enumerate(toks):
        kind = t.kind
        if kind == "punct":
            neg_left = 0
            mult, mult_left = 1.0, 0
            cond = False
            prev_comma = "," in t.norm
            continue
        if kind == "num":
            prev_comma = False
            continue
        if i in covered:
            k = match_at.get(i)
            if k is not None and neg_left and not infos[i][1]:
                # a negator right before a pattern flips it like a word ("no me gustó"),
                # unless the pattern starts with its own negator (negative concord:
                # "ни капли не пожалела")
                w = matches[k][0]
                matches[k] = (w * (NEGATED_POSITIVE if w > 0 else NEGATED_NEGATIVE), i)
            prev_comma = False
            neg_left = 0
            continue
        weight, negator, factor, func, contrast, conditional = infos[i]
        if kind != "word":  # emoji / emoticons: not negated, not intensified
            if weight:
                contrib.append((weight, i, cond))
            continue
        if contrast or (prev_comma and t.norm in lex.contrast_after_comma):
            contrast_at = len(contrib)
            neg_left = 0
            mult, mult_left = 1.0, 0
            cond = False
            prev_comma = False
            continue
        prev_comma = False
        if conditional:
            cond = True
            continue
        if negator:
            neg_left = NEG_WINDOW
            negators += 1
            continue
        if factor:
            # An intensifier that modifies what follows; otherwise it may
            # carry a weight of its own ("супер", "super").
            modifies = False
            for j in range(i + 1, min(i + 3, n)):
                if toks[j].kind != "word":
                    break
                ni = infos[j]
                if ni[0] or ni[1] or ni[2] or ni[3] is not None:
                    modifies = True
                    break
            if modifies:
                mult = min(mult * factor, MAX_INTENSITY)
                mult_left = INT_WINDOW
                continue
        if weight or func is not None:
            w = weight
            if neg_left:
                if not w and func is not None:
                    w = NEGATED_FUNCTION
                elif w > 0:
                    w *= NEGATED_POSITIVE
                else:
                    w *= NEGATED_NEGATIVE
                neg_left = 0
            elif not w:
                w = func or 0.0
            if w:
                if t.caps:
                    w *= CAPS_FACTOR
                if t.elong:
                    w *= ELONGATION_FACTOR
                if mult_left:
                    w *= mult
                contrib.append((w, i, cond))
            mult, mult_left = 1.0, 0
            continue
        if neg_left:
            neg_left -= 1
        if mult_left:
            mult_left -= 1
            if not mult_left:
                mult = 1.0

    # Questions, conditionals, contrast
    values: list[float] = []
    for k, (w, i, in_cond) in enumerate(contrib):
        if sent_of[i] in question_sentences:
            w *= QUESTION_POSITIVE if w > 0 else QUESTION_NEGATIVE
        if in_cond:
            w *= CONDITIONAL_FACTOR
        if contrast_at >= 0:
            w *= CONTRAST_BEFORE if k < contrast_at else CONTRAST_AFTER
        values.append(w)
    for w, i in matches:
        # a complaint pattern keeps its weight in a question ("где мой заказ?"), praise does not
        if w > 0 and sent_of[i] in question_sentences:
            w *= QUESTION_POSITIVE
        values.append(w)
    if -sum(v for v in values if v < 0) >= SARCASM_EVIDENCE and sarcasm:  # the cue is searched only here
        values = [-abs(v) for v in values]
    return values, negators


def primary_language(tag: str | None) -> str | None:
    """A language tag's primary subtag, lower-case: "ru" for "ru-RU", "RU_ru" or " ru "; None for none or ""."""
    return (tag.strip().lower().replace("_", "-").split("-", 1)[0] or None) if tag else None


def classify(text: str, lang: str | None = None) -> Sentiment:
    """Classify one comment as negative, neutral or positive.

    ``lang``: "ru", "en" or "es" (a region suffix such as "es-AR" or "ru_RU"
    is ignored); None detects it with :func:`detect_language`. An unsupported
    or undetectable language uses all lexicons together, and the result's
    ``lang`` is then None. Only the first :data:`MAX_CHARS` characters are
    read. ``negative_probability`` is the lexicon's evidence calibrated on
    real labelled sets (:mod:`smm_audit.sentiment.calibration`).
    """
    label, score, lang, ev = analyse(text, lang)
    return Sentiment(label, score, lang, _calibration.probability(score, ev))


# The lexicon's evidence for one text (features of the calibration and the learned model):
# (negative weight, positive weight, negative items, positive items, patterns matched,
#  negators, question?, emoji and emoticons with a weight, words)
Evidence = tuple[float, float, int, int, int, int, bool, int, int]
NO_EVIDENCE: Evidence = (0.0, 0.0, 0, 0, 0, 0, False, 0, 0)


def analyse(text: str, lang: str | None = None, *, fallback: bool = True) -> tuple[Label, float, str | None, Evidence]:
    """(label, score, lang, evidence) of :func:`classify`, without the probability.

    ``fallback=False``: the lexicon alone, without the word list behind it (:mod:`.fallback`).
    """
    label, score, used, ev, _toks = _analyse(text, lang, fallback)
    return label, score, used, ev


def _analyse(
    text: str, lang: str | None, fallback: bool = True
) -> tuple[Label, float, str | None, Evidence, list[_Tok]]:
    """:func:`analyse`, and the text's tokens (for the learned model's n-grams)."""
    text = text[:MAX_CHARS] if text else ""
    lang = primary_language(lang)
    if lang is None:
        lang = detect_language(text)
    lexicons = _load()
    if lang not in SUPPORTED_LANGUAGES:
        lang = None
    lex = lexicons[lang]
    if not text:
        return "neutral", 0.0, lang, NO_EVIDENCE, []
    toks = _tokenize(text)
    if not toks:
        return "neutral", 0.0, lang, NO_EVIDENCE, toks

    # Sentences: which token belongs to which, which sentences are questions.
    # (and the counts of words and of emoji with a weight, for the evidence)
    tok_cache = lex._tok_cache
    infos = [tok_cache.get(t) or _tok_info(lex, t) for t in toks]
    sent_of: list[int] = []
    question_sentences: set[int] = set()
    sentence = 0
    exclamations = 0
    words = emoji = 0
    for t, info in zip(toks, infos, strict=True):
        sent_of.append(sentence)
        kind = t.kind
        if kind == "word":
            words += 1
            continue
        if info[0]:
            emoji += 1
        if kind == "punct":
            p = t.norm
            exclamations += p.count("!")
            if "?" in p:
                question_sentences.add(sentence)
            if not _SENTENCE_END.isdisjoint(p):
                sentence += 1

    matches, covered, sarcasm = _find_matches(lex, toks)
    values, negators = _values(lex, toks, infos, sent_of, question_sentences, list(matches), covered, sarcasm)
    if fallback and lang in _FALLBACK_LANGUAGES and not any(values):
        # no evidence at all: read the text again with the general word list behind the lexicon (fallback.py)
        from . import fallback as _fallback

        seen = _fallback.lexicon_view(toks, infos, lex, _fallback.load(lang))
        if seen is not None:
            infos, phrases, phrase_tokens = seen
            values, negators = _values(
                lex, toks, infos, sent_of, question_sentences, matches + phrases, covered | phrase_tokens, sarcasm
            )
    total = sum(v * NEGATIVE_BIAS if v < 0 else v for v in values)
    if total and exclamations:
        total *= 1.0 + EXCLAMATION_STEP * min(exclamations, 3)
    score = total / math.sqrt(total * total + ALPHA)
    if score <= -THRESHOLD:
        label: Label = "negative"
    elif score >= THRESHOLD:
        label = "positive"
    else:
        label = "neutral"
    neg = pos = 0.0
    n_neg = n_pos = 0
    for v in values:
        if v < 0:
            neg -= v
            n_neg += 1
        elif v > 0:
            pos += v
            n_pos += 1
    evidence: Evidence = (neg, pos, n_neg, n_pos, len(matches), negators, bool(question_sentences), emoji, words)
    return label, round(score, 4), lang, evidence, toks
