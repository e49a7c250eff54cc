"""The gate a CI pipeline waits on: fail on a severe enough open finding, a low score, or too little coverage."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .api import SEVERITIES, findings_count, severity_rank

FAIL_ON_CHOICES = (*SEVERITIES, "never")
DEFAULT_FAIL_ON = "high"
DEFAULT_MIN_COVERAGE = 0.5
"""Share of the checks' weight that must be assessed for the gate to pass, unless configured: an export that
could be assessed for less than half the audit (an empty one: none) gets no pass. ``min_coverage = 0`` lowers it."""


def evaluate(
    checks: Sequence[Mapping[str, Any]],
    score: float | None,
    fail_on: str,
    fail_under: float | None,
    coverage: float = 1.0,
    min_coverage: float | None = None,
) -> dict[str, Any]:
    """The verdict and its reasons, from the report's check entries; baselined and suppressed findings do not count."""
    reasons: list[str] = []
    if fail_on != "never":
        floor = severity_rank(fail_on)
        per_check = {}
        for check in checks:
            open_ = (f for f in check["findings"] if f.get("status", "open") == "open")
            count = findings_count(f for f in open_ if severity_rank(f["severity"]) >= floor)
            if count:
                per_check[check["id"]] = count
        if per_check:
            total = sum(per_check.values())
            detail = ", ".join(f"{check_id}: {n}" for check_id, n in per_check.items())
            reasons.append(f"{total} finding{'s' if total != 1 else ''} at or above {fail_on} ({detail})")
    if fail_under is not None:
        if score is None:
            reasons.append(f"no score could be computed (fail_under {fail_under:g})")
        elif score < fail_under:
            reasons.append(f"score {score:g} is under {fail_under:g}")
    if min_coverage is not None and coverage < min_coverage:
        reasons.append(f"coverage {coverage:.0%} is under {min_coverage:.0%}: too little could be assessed")
    return {
        "passed": not reasons,
        "fail_on": fail_on,
        "fail_under": fail_under,
        "min_coverage": min_coverage,
        "reasons": reasons,
    }
