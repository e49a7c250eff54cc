"""The report: plain JSON data (see schemas/report.schema.json) that every format renders.

Nothing here depends on the wall clock or on dict ordering of the input, so the
same snapshot and options give the same report, byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from . import __version__, citations, gate, scoring
from .api import SEVERITIES, STATUSES
from .engine import Outcome, clean_number, finding_severity, fingerprint, sorted_findings
from .load import Loaded
from .triage import Triage

REPORT_VERSION = "1.1"


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
    _add_lines(loaded, checks)
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
                "evidence": clean_number(f.evidence),  # a copy, as plain dicts and lists
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
        "sources": list(check.sources),
    }
    if result.status_reason is not None:
        entry["status_reason"] = result.status_reason
    return entry


def cite(data: dict[str, Any], scrub: Callable[[str], str] | None = None) -> dict[str, Any]:
    """Make the citations in the checks' texts readable; keep the line references in each check's ``citations``.

    ``(000 L263, 004 L5)`` in a check's summary, why, fix or message, or a
    finding's message or fix, becomes ``(SMM promotion guide, “Mistake 3:
    abandoned communities”; 12 SMM tasks, introduction)``. Run on scrubbed
    data, with the same ``scrub`` for the texts it changes: a rewrite then
    never splits a secret, nor adds one.
    """
    for check in data["checks"]:
        cited: list[citations.Citation] = []
        for key in ("summary", "why", "fix", "message"):
            check[key] = _rewrite(check[key], cited, scrub)
        for finding in check["findings"]:
            finding["message"] = _rewrite(finding["message"], cited, scrub)
            finding["fix"] = _rewrite(finding["fix"], cited, scrub)
        order = sorted(set(cited), key=lambda c: (c.article, c.first, c.last))
        described = [citations.describe(c) for c in order]
        check["citations"] = _scrubbed(described, scrub) if scrub else described
    return data


def _scrubbed(value: Any, scrub: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, list):
        return [_scrubbed(v, scrub) for v in value]
    if isinstance(value, dict):
        return {k: _scrubbed(v, scrub) for k, v in value.items()}
    return value


def _rewrite(text: Any, cited: list[citations.Citation], scrub: Callable[[str], str] | None) -> Any:
    if not isinstance(text, str):
        return text
    new, found = citations.cite(text)
    cited.extend(found)
    return new if new == text or not scrub else scrub(new)


def _add_lines(loaded: Loaded, checks: list[dict[str, Any]]) -> None:
    findings = [finding for check in checks for finding in check["findings"]]
    found = loaded.lines({finding["location"] for finding in findings})
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
