"""A learned linear classifier over the lexicon's evidence and word and character n-grams.

Multinomial logistic regression (negative / neutral / positive) trained by
``benchmarks/train_sentiment_model.py`` on real labelled sets; its weights are ``model.json``
next to this module (which sets, their licences, the command). Pure Python at run time: the
features are the lexicon's own (:func:`smm_audit.sentiment.analyse`: score, evidence weights and
counts, patterns, negators, question, emoji, length) plus the text's word unigrams and bigrams and
the character 3–5-grams of its words, each occurrence counting ``1/sqrt(number of occurrences)``
(a word's own n-grams are summed once per distinct word and memoised, which makes it fast).
The table is read once, on first use.

It is not the default classifier: see docs/sentiment.md for the leave-one-set-out figures that
decided it. :func:`classify` has the signature of :func:`smm_audit.sentiment.classify`.
"""

from __future__ import annotations

import base64
import itertools
import json
import math
import sys
import threading
from array import array
from typing import Any

from . import MAX_CHARS, Evidence, Label, Sentiment, _analyse, _Tok, _tokenize
from . import calibration as _calibration

CLASSES: tuple[Label, ...] = ("negative", "neutral", "positive")
DENSE: tuple[str, ...] = (
    *_calibration.FEATURES,
    "lexicon_negative",
    "lexicon_positive",
    "log_negative_weight",
    "log_positive_weight",
    "negative_items",
    "positive_items",
    "emoji",
)

_LOCK = threading.Lock()
_TABLE: _Table | None = None


def dense_features(label: str, score: float, ev: Evidence) -> list[float]:
    """The lexicon's evidence as the model's dense inputs, in the order of :data:`DENSE`."""
    neg, pos, n_neg, n_pos, _patterns, _negators, _question, emoji, _words = ev
    return [
        *_calibration.features(score, ev),
        1.0 if label == "negative" else 0.0,
        1.0 if label == "positive" else 0.0,
        math.log1p(neg),
        math.log1p(pos),
        min(n_neg, 4) / 4,
        min(n_pos, 4) / 4,
        min(emoji, 3) / 3,
    ]


def _words(toks: list[_Tok]) -> list[str]:
    return [t.alt if t.alt is not None else t.norm for t in toks if t.kind != "punct"]


def _word_grams(w: str) -> list[str]:
    """A word's own n-grams: the word ("w:") and, for a word of letters, its character 3–5-grams."""
    out = ["w:" + w]
    if len(w) >= 2 and w[0].isalpha():
        s = "<" + w + ">"
        n = len(s)
        for k in (3, 4, 5):
            out.extend(s[i : i + k] for i in range(n - k + 1))
    return out


def ngrams(text: str) -> list[str]:
    """Every n-gram occurrence: word unigrams ("w:"), bigrams ("b:"), character 3–5-grams ("<word>")."""
    words = _words(_tokenize(text[:MAX_CHARS]) if text else [])
    out = [g for w in words for g in _word_grams(w)]
    out.extend("b:" + a + " " + b for a, b in itertools.pairwise(words))
    return out


class _Table:
    """The weights: dense rows as numbers; the n-grams as one "\\n"-joined string and int16 triples (base64)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.quantum = float(data["quantum"])
        self.dense = [[float(v) for v in row] for row in data["dense"]]
        if len(self.dense) != len(DENSE) or any(len(row) != len(CLASSES) for row in self.dense):
            raise ValueError("its dense weights do not fit this version's features")
        keys = data["ngram_keys"].split("\n") if data["ngram_keys"] else []
        packed = array("h", base64.b64decode(data["ngram_weights"]))  # int16, little-endian
        if sys.byteorder == "big":
            packed.byteswap()
        if len(packed) != 3 * len(keys):
            raise ValueError(f"{len(keys)} n-grams but {len(packed)} weights")
        it = iter(packed)
        self.ngrams: dict[str, tuple[int, int, int]] = dict(zip(keys, zip(it, it, it, strict=True), strict=True))
        self.prior_shift = [float(v) for v in data["prior_shift"]]
        self.word_sums: dict[str, tuple[int, int, int, int]] = {}

    def word_sum(self, word: str) -> tuple[int, int, int, int]:
        """The summed weights of a word's own n-grams and their number; memoised."""
        a = b = c = 0
        grams = _word_grams(word)
        get = self.ngrams.get
        for g in grams:
            w = get(g)
            if w is not None:
                a += w[0]
                b += w[1]
                c += w[2]
        res = (a, b, c, len(grams))
        if len(self.word_sums) > 200_000:
            self.word_sums.clear()
        self.word_sums[word] = res
        return res


def load(text: str | None = None) -> _Table:
    if text is None:
        from smm_audit import bundled

        text = bundled.read_text(__package__ or "smm_audit.sentiment", "model.json")
    try:
        return _Table(json.loads(text))
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise ValueError(f"model.json: not a model table ({type(exc).__name__}: {exc})") from None


def _table() -> _Table:
    global _TABLE
    if _TABLE is None:
        with _LOCK:
            if _TABLE is None:
                _TABLE = load()
    return _TABLE


def logits(text: str, lang: str | None, table: _Table | None = None) -> tuple[list[float], str | None, float, Evidence]:
    """(the three class logits, the language used, the lexicon's score and evidence).

    The dense "bias" input is the bias.
    """
    t = table or _table()
    label, score, used, ev, toks = _analyse(text, lang)
    z = [0.0, 0.0, 0.0]
    for x, row in zip(dense_features(label, score, ev), t.dense, strict=True):
        if x:
            z[0] += x * row[0]
            z[1] += x * row[1]
            z[2] += x * row[2]
    words = _words(toks) if t.ngrams else []
    if words:
        grams = t.ngrams
        cache = t.word_sums
        a = b = c = n = 0
        for word in words:
            hit = cache.get(word)
            if hit is None:
                hit = t.word_sum(word)
            a += hit[0]
            b += hit[1]
            c += hit[2]
            n += hit[3]
        for pair in itertools.pairwise(words):
            n += 1
            w = grams.get("b:" + pair[0] + " " + pair[1])
            if w is not None:
                a += w[0]
                b += w[1]
                c += w[2]
        scale = t.quantum / math.sqrt(n)
        z[0] += a * scale
        z[1] += b * scale
        z[2] += c * scale
    return z, used, score, ev


def _softmax(z: list[float]) -> list[float]:
    m = max(z)
    e = [math.exp(v - m) for v in z]
    s = sum(e)
    return [v / s for v in e]


def classify(text: str, lang: str | None = None) -> Sentiment:
    """Like :func:`smm_audit.sentiment.classify`, by the learned model.

    The label is the most likely class under the model (trained with every class weighted alike,
    which favours recall). ``score`` and ``negative_probability`` are the lexicon's score and its
    calibrated P(negative) (:mod:`smm_audit.sentiment.calibration`), as in
    :func:`smm_audit.sentiment.classify`: judged leave-one-set-out, that calibration's log-loss is
    lower than the model's own probability's (docs/sentiment.md).
    """
    t = _table()
    z, used, score, ev = logits(text, lang, t)
    label = CLASSES[max(range(3), key=z.__getitem__)]
    return Sentiment(label, score, used, _calibration.probability(score, ev))


def probabilities(text: str, lang: str | None = None) -> list[float]:
    """The model's own class probabilities, moved back to the training sets' class shares."""
    t = _table()
    z = logits(text, lang, t)[0]
    return _softmax([v + s for v, s in zip(z, t.prior_shift, strict=True)])
