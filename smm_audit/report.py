"""The report: plain JSON data (see schemas/report.schema.json) that every format renders.

Nothing here depends on the wall clock or on dict ordering of the input, so the
same snapshot and options give the same report, byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence, Set
from typing import TYPE_CHECKING, Any

from . import __version__, citations, gate, scoring
from .api import SEVERITIES, STATUSES, severity_rank
from .engine import Outcome, clean_number, finding_severity, fingerprint, sorted_findings
from .load import Loaded
from .triage import Triage

if TYPE_CHECKING:
    from .config import Suppression

REPORT_VERSION = "1.2"


def build(
    loaded: Loaded,
    outcomes: Sequence[Outcome],
    *,
    fail_on: str = gate.DEFAULT_FAIL_ON,
    fail_under: float | None = None,
    min_coverage: float | None = None,
    triage: Triage | None = None,
    plugins: Sequence[Mapping[str, Any]] = (),
    max_findings: int = 0,
) -> dict[str, Any]:
    """Assemble the report of one audit; ``plugins`` are the installed or named plugins whose checks ran.

    ``max_findings`` (0: no limit) is how many findings of a check are listed; the rest are counted
    (:func:`_folded`).
    """
    snapshot = loaded.snapshot
    triage = triage or Triage(today=snapshot.taken_at.date())
    score = scoring.weighted_score(outcomes)
    coverage = scoring.coverage(outcomes)
    checks = [_check_entry(o, triage, max_findings) for o in outcomes]
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


def _check_entry(outcome: Outcome, triage: Triage, max_findings: int = 0) -> dict[str, Any]:
    check, result = outcome.check, outcome.result
    findings = []
    rest: dict[tuple[str, str, tuple[Any, ...]], list[str]] = {}
    for index, f in enumerate(sorted_findings(check, result.findings)):
        print_ = fingerprint(check.id, f.key)
        status, suppression = triage.classify(check.id, print_, f.location)
        severity = finding_severity(check, f)
        if max_findings and index >= max_findings:
            rest.setdefault((severity, status, tuple((suppression or {}).items())), []).append(f.location)
            continue
        findings.append(
            {
                "severity": severity,
                "message": f.message,
                "location": f.location,
                "fingerprint": print_,
                "status": status,
                "suppression": suppression,
                "fix": f.fix,
                "evidence": clean_number(f.evidence),  # a copy, as plain dicts and lists
            }
        )
    findings.extend(_folded(check.id, rest, max_findings))
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


FOLD_KEY = "more-findings"
FOLD_EXAMPLES = 5
_STATUS_ORDER = {"open": 0, "baselined": 1, "suppressed": 2}


def _folded(
    check_id: str, rest: Mapping[tuple[str, str, tuple[Any, ...]], list[str]], limit: int
) -> list[dict[str, Any]]:
    """One finding per severity, status and suppression counting the findings past the limit, worst first.

    A report of 167,000 findings is read by nobody and costs seconds to write: past the limit the findings
    of each severity become one, ``… and N more``, with the locations of the first few. Each was triaged
    first, so a fold has the status (and the suppression, live or expired) its findings have: new findings
    past the limit are counted in an ``open`` fold (the gate sees them) even when the baseline or a
    suppression accepts the others. Severities are kept, and with them the gate's verdict. A fold is never
    looked up in the baseline or the suppressions itself; an open fold's fingerprint is the check's and the
    severity's.
    """

    def order(group: tuple[str, str, tuple[Any, ...]]) -> tuple[Any, ...]:
        severity, status, suppression = group
        return -severity_rank(severity), _STATUS_ORDER.get(status, 3), status, repr(suppression)

    folds = []
    for severity, status, suppression in sorted(rest, key=order):
        locations = rest[severity, status, suppression]
        count = len(locations)
        accepted = "" if status == "open" else f" {status}"
        key: tuple[str, ...] = (FOLD_KEY, severity)
        if status != "open" or suppression:
            key += (status, *(str(value) for _, value in suppression))
        folds.append(
            {
                "severity": severity,
                "message": f"… and {count:,} more{accepted} {severity} finding{'s' if count != 1 else ''} of this "
                f"check, not listed: a report lists at most {limit:,} a check (max_findings_per_check)",
                "location": "",
                "fingerprint": fingerprint(check_id, key),
                "status": status,
                "suppression": dict(suppression) if suppression else None,
                "fix": "",
                "evidence": {"findings": count, "examples": locations[:FOLD_EXAMPLES]},
                "folded": count,
            }
        )
    return folds


def stale_baseline_notes(path: str | None, baseline: Set[str], check_ids: Sequence[str]) -> list[str]:
    """A line for a baseline recorded by an earlier build: it holds a counting finding (a fold).

    Such a baseline accepted every finding past ``max_findings_per_check`` by the fold's fingerprint and
    recorded none of them; today's ``baseline`` records every finding and no fold.
    """
    stale = sorted(
        check_id
        for check_id in check_ids
        if any(fingerprint(check_id, (FOLD_KEY, severity)) in baseline for severity in SEVERITIES)
    )
    if not path or not stale:
        return []
    return [
        f"baseline {path} was recorded by an earlier smm-audit, which left out the findings past "
        f"max_findings_per_check ({', '.join(stale)}): they count as new until it is recorded again "
        f"('smm-audit baseline SNAPSHOT -o {path}')"
    ]


def fold_suppression_notes(suppressions: Sequence[Suppression], check_ids: Sequence[str]) -> list[str]:
    """A line for each suppression that names a counting finding's fingerprint (``… and N more``).

    An earlier build looked such a finding up in the suppressions, so copying its fingerprint accepted every
    finding past ``max_findings_per_check``; a counting finding is never looked up now, and the rule matches
    nothing.
    """
    notes = []
    for i, rule in enumerate(suppressions):  # numbered as the configuration's own errors number them
        if rule.fingerprint is None:
            continue
        folds = [
            check_id
            for check_id in check_ids
            if (rule.check is None or rule.check == check_id)
            and any(fingerprint(check_id, (FOLD_KEY, severity)) == rule.fingerprint for severity in SEVERITIES)
        ]
        if folds:
            notes.append(
                f'suppress[{i}] ({folds[0]}, fingerprint {rule.fingerprint}) names an "… and N more" '
                "finding, which is never looked up: it matches nothing; accept the findings past "
                "max_findings_per_check by check and entity instead"
            )
    return notes


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
            stands_for = finding.get("folded", 1)  # a counting finding: the findings past the limit
            severities[finding["severity"]] += stands_for
            triaged[finding["status"]] += stands_for
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
