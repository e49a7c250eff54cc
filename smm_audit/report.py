"""The report: plain JSON data (see schemas/report.schema.json) that every format renders.

Nothing here depends on the wall clock or on dict ordering of the input, so the
same snapshot and options give the same report, byte for byte.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from . import __version__, gate, locate, scoring
from .api import SEVERITIES, STATUSES
from .engine import Outcome, clean_number, finding_severity, fingerprint, sorted_findings
from .load import Loaded
from .triage import Triage

REPORT_VERSION = "1.0"


def build(
    loaded: Loaded,
    outcomes: Sequence[Outcome],
    *,
    fail_on: str = gate.DEFAULT_FAIL_ON,
    fail_under: float | None = None,
    min_coverage: float | None = None,
    triage: Triage | None = None,
    plugins: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """Assemble the report of one audit; ``plugins`` are the installed or named plugins whose checks ran."""
    snapshot = loaded.snapshot
    triage = triage or Triage(today=snapshot.taken_at.date())
    score = scoring.weighted_score(outcomes)
    coverage = scoring.coverage(outcomes)
    checks = [_check_entry(o, triage) for o in outcomes]
    _add_lines(loaded.text, checks)
    return {
        "report_version": REPORT_VERSION,
        "tool": {"name": "smm-audit", "version": __version__, "plugins": [dict(p) for p in plugins]},
        "snapshot": {
            "source": loaded.source,
            "sha256": loaded.sha256,
            "schema_version": snapshot.schema_version,
            "taken_at": snapshot.data["taken_at"],
            "client": snapshot.client.get("name"),
        },
        "score": score,
        "grade": scoring.grade(score),
        "coverage": coverage,
        "summary": _summary(checks),
        "categories": _categories(outcomes),
        "checks": checks,
        "suppressions": triage.summary(),
        "gate": gate.evaluate(checks, score, fail_on, fail_under, coverage, min_coverage),
    }


def _check_entry(outcome: Outcome, triage: Triage) -> dict[str, Any]:
    check, result = outcome.check, outcome.result
    findings = []
    for f in sorted_findings(check, result.findings):
        print_ = fingerprint(check.id, f.key)
        status, suppression = triage.classify(check.id, print_, f.location)
        findings.append(
            {
                "severity": finding_severity(check, f),
                "message": f.message,
                "location": f.location,
                "fingerprint": print_,
                "status": status,
                "suppression": suppression,
                "fix": f.fix,
                "evidence": clean_number(dict(f.evidence)),
            }
        )
    entry = {
        "id": check.id,
        "title": check.title,
        "category": check.category,
        "status": result.status,
        "score": None if result.score is None else clean_number(float(result.score)),
        "weight": check.weight,
        "severity": check.severity,
        "summary": check.summary,
        "why": check.why,
        "fix": check.fix,
        "message": result.message,
        "missing": list(result.missing),
        "options": clean_number(dict(outcome.options)),
        "findings": findings,
        "metrics": clean_number(dict(result.metrics)),
    }
    if result.status_reason is not None:
        entry["status_reason"] = result.status_reason
    return entry


def _add_lines(text: str, checks: list[dict[str, Any]]) -> None:
    findings = [finding for check in checks for finding in check["findings"]]
    found = locate.lines(text, {finding["location"] for finding in findings})
    for finding in findings:
        if finding["location"] in found:
            finding["line"] = found[finding["location"]]


def _summary(checks: list[dict[str, Any]]) -> dict[str, Any]:
    statuses = dict.fromkeys(STATUSES, 0)
    severities = dict.fromkeys(reversed(SEVERITIES), 0)
    triaged = dict.fromkeys(("open", "baselined", "suppressed"), 0)
    for check in checks:
        statuses[check["status"]] += 1
        for finding in check["findings"]:
            severities[finding["severity"]] += 1
            triaged[finding["status"]] += 1
    return {"checks": len(checks), "statuses": statuses, "findings": severities, "triage": triaged}


def _categories(outcomes: Sequence[Outcome]) -> list[dict[str, Any]]:
    by_category: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        by_category.setdefault(outcome.check.category, []).append(outcome)
    return [
        {
            "id": category,
            "score": scoring.weighted_score(members),
            "coverage": scoring.coverage(members),
            "checks": [o.check.id for o in members],
        }
        for category, members in sorted(by_category.items())
    ]
