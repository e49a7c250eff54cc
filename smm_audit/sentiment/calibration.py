"""P(negative) from the lexicon's score and evidence: a logistic calibration fitted on real sets.

``calibration.json`` (next to this module) holds the fitted weights, which sets they were fitted
on, their licences and the command that fitted them (``benchmarks/fit_calibration.py``). The
logit is ``w · features(score, evidence)``; the weights of the two score terms are fitted with
the bound ≤ 0, so for the same evidence the probability never rises as the score rises. The file
is read once, on first use.
"""

from __future__ import annotations

import json
import math
import operator
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import Evidence

FEATURES: tuple[str, ...] = (
    "bias",
    "score_below_0",  # min(score, 0)
    "score_above_0",  # max(score, 0)
    "has_negative_evidence",
    "has_positive_evidence",
    "has_pattern",
    "has_negator",
    "question",
    "log_words",  # ln(1 + words)
)
SCORE_FEATURES = ("score_below_0", "score_above_0")

_LOCK = threading.Lock()
_WEIGHTS: tuple[float, ...] | None = None


def features(score: float, ev: Evidence) -> tuple[float, ...]:
    """The calibration's inputs, in the order of :data:`FEATURES`."""
    neg, pos, _n_neg, _n_pos, patterns, negators, question, _emoji, words = ev
    return (
        1.0,
        min(score, 0.0),
        max(score, 0.0),
        1.0 if neg > 0 else 0.0,
        1.0 if pos > 0 else 0.0,
        1.0 if patterns else 0.0,
        1.0 if negators else 0.0,
        1.0 if question else 0.0,
        math.log1p(words),
    )


def load(text: str | None = None) -> tuple[float, ...]:
    """The weights from ``calibration.json`` (or from ``text``): ValueError naming what is wrong."""
    source = "calibration.json"
    if text is None:
        from smm_audit import bundled

        text = bundled.read_text(__package__ or "smm_audit.sentiment", source)
    try:
        data = json.loads(text)
        table = data["weights"]
        weights = tuple(float(table[name]) for name in FEATURES)
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{source}: not a calibration table ({type(exc).__name__}: {exc})") from None
    if not all(math.isfinite(w) for w in weights):
        raise ValueError(f"{source}: a weight is not a finite number")
    if any(table[name] > 0 for name in SCORE_FEATURES):
        raise ValueError(f"{source}: a score weight is positive (P(negative) would rise with the score)")
    return weights


def _weights() -> tuple[float, ...]:
    global _WEIGHTS
    if _WEIGHTS is None:
        with _LOCK:
            if _WEIGHTS is None:
                _WEIGHTS = load()
    return _WEIGHTS


def logit(score: float, ev: Evidence, weights: tuple[float, ...] | None = None) -> float:
    if weights is None:
        w = _weights()  # one a feature: load() reads them by name
    elif len(weights) == len(FEATURES):
        w = weights
    else:
        raise ValueError(f"{len(weights)} weights for {len(FEATURES)} features")
    return sum(map(operator.mul, w, features(score, ev)))


def probability(score: float, ev: Evidence, weights: tuple[float, ...] | None = None) -> float:
    """P(negative) in [0, 1], rounded to 4 digits."""
    z = logit(score, ev, weights)
    if z >= 0:
        p = 1.0 / (1.0 + math.exp(-z))
    else:
        e = math.exp(z)
        p = e / (1.0 + e)
    return round(p, 4)
