"""Decision rules over the lexicon's label and a model's P(negative), pure Python (no numpy).

Used by sentiment_lexicon_first.py; tested by tests/test_sentiment_rules.py.

* :func:`lexicon_first`: a text is negative when the lexicon says so, or when the model's
  P(negative) reaches the threshold (the model only adds negatives, it never removes one).
* :func:`choose_threshold`: the threshold, chosen on out-of-fold predictions of the training sets
  only, that maximises the mean negative F1 over those sets while keeping every set's negative
  precision at least ``min(precision, the lexicon's precision on that set)`` (less 0.01).
"""

from __future__ import annotations

from collections.abc import Sequence

GRID = tuple(round(0.20 + 0.01 * i, 2) for i in range(76))  # 0.20 … 0.95


def prf(gold: Sequence[bool], said: Sequence[bool]) -> tuple[float, float, float]:
    """Negative-class precision, recall and F1 (``gold``/``said``: is / called negative)."""
    hit = sum(1 for g, s in zip(gold, said, strict=True) if g and s)
    n_said, n_gold = sum(said), sum(gold)
    p = hit / n_said if n_said else 0.0
    r = hit / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def lexicon_first(lexicon_negative: Sequence[bool], prob: Sequence[float], t: float | None) -> list[bool]:
    """Negative where the lexicon says negative, or where P(negative) ≥ ``t`` (None: the lexicon alone)."""
    if t is None:
        return list(lexicon_negative)
    return [bool(lex or p >= t) for lex, p in zip(lexicon_negative, prob, strict=True)]


def choose_threshold(
    prob: Sequence[float],
    gold: Sequence[bool],
    lexicon_negative: Sequence[bool],
    groups: Sequence[str],
    precision: float = 0.75,
    grid: Sequence[float] = GRID,
) -> float | None:
    """The threshold of :func:`lexicon_first` with the best mean F1 over ``groups`` (sets) that keeps
    every set's precision ≥ min(``precision``, the lexicon's own precision there) - 0.01; None when
    no threshold of ``grid`` does (then the model adds nothing)."""
    sets: dict[str, list[int]] = {}
    for i, g in enumerate(groups):
        sets.setdefault(g, []).append(i)
    floors = {
        g: min(precision, prf([gold[i] for i in idx], [lexicon_negative[i] for i in idx])[0]) - 0.01
        for g, idx in sets.items()
    }
    best: tuple[float, float | None] = (-1.0, None)
    for t in grid:
        said = lexicon_first(lexicon_negative, prob, t)
        f1s = []
        for g, idx in sets.items():
            p, _r, f = prf([gold[i] for i in idx], [said[i] for i in idx])
            if p < floors[g]:
                break
            f1s.append(f)
        else:
            mean = sum(f1s) / len(f1s)
            if mean > best[0]:
                best = (mean, t)
    return best[1]
