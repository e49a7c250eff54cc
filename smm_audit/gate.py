"""The gate a CI pipeline waits on: fail on a severe enough finding, or on a low score."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .api import SEVERITIES, severity_rank
from .engine import Outcome, finding_severity

FAIL_ON_CHOICES = (*SEVERITIES, "never")
DEFAULT_FAIL_ON = "high"


def evaluate(
    outcomes: Sequence[Outcome], score: float | None, fail_on: str, fail_under: float | None
) -> dict[str, Any]:
    """The gate's verdict and the reasons for it, in words a pipeline log can show."""
    reasons: list[str] = []
    if fail_on != "never":
        floor = severity_rank(fail_on)
        per_check = {}
        for outcome in outcomes:
            count = sum(
                1 for f in outcome.result.findings if severity_rank(finding_severity(outcome.check, f)) >= floor
            )
            if count:
                per_check[outcome.check.id] = count
        if per_check:
            total = sum(per_check.values())
            detail = ", ".join(f"{check_id}: {n}" for check_id, n in per_check.items())
            reasons.append(f"{total} finding{'s' if total != 1 else ''} at or above {fail_on} ({detail})")
    if fail_under is not None:
        if score is None:
            reasons.append(f"no score could be computed (--fail-under {fail_under:g})")
        elif score < fail_under:
            reasons.append(f"score {score:g} is under {fail_under:g}")
    return {"passed": not reasons, "fail_on": fail_on, "fail_under": fail_under, "reasons": reasons}
