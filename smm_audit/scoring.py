"""Scores as Lighthouse computes them: weighted means of the applicable checks, grades in bands."""

from __future__ import annotations

from collections.abc import Sequence

from .engine import Outcome

GRADES: tuple[tuple[float, str], ...] = ((90, "A"), (80, "B"), (70, "C"), (50, "D"), (0, "F"))
"""Lowest score of each letter grade: A 90-100, B 80-89, C 70-79, D 50-69, F under 50."""


def weighted_score(outcomes: Sequence[Outcome]) -> float | None:
    """Weighted mean of the applicable checks' scores, × 100; None when nothing could be scored."""
    scored = [o for o in outcomes if o.applicable and o.result.score is not None]
    weight = sum(o.check.weight for o in scored)
    if weight == 0:
        return None
    total = sum(o.check.weight * (o.result.score or 0.0) for o in scored)
    return round(100 * total / weight, 1)


def coverage(outcomes: Sequence[Outcome]) -> float:
    """Share of the total weight that could be assessed (not_applicable and error lower it)."""
    total = sum(o.check.weight for o in outcomes)
    if total == 0:
        return 0.0
    return round(sum(o.check.weight for o in outcomes if o.applicable) / total, 4)


def grade(score: float | None) -> str | None:
    if score is None:
        return None
    return next(letter for floor, letter in GRADES if score >= floor)
