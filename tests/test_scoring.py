"""Scores, coverage, grades and the gate, on hand-made outcomes."""

from __future__ import annotations

import pytest

from smm_audit import gate, scoring
from smm_audit.api import Check, Result
from smm_audit.engine import Outcome


def outcome(status: str, score: float | None, weight: float = 1, category: str = "activity", findings=()) -> Outcome:
    check = Check(
        id=f"c-{status}-{weight:g}".replace(".", "-"),
        title="t",
        category=category,
        run=lambda s, o: Result("pass"),
        summary="s",
        why="w",
        fix="f",
        weight=weight,
        severity="medium",
    )
    return Outcome(check, {}, Result(status, score, findings))


def test_weighted_mean_of_applicable_checks():
    outcomes = [
        outcome("pass", 1.0, weight=3),
        outcome("fail", 0.0, weight=1),
        outcome("not_applicable", None, weight=4),
    ]
    assert scoring.weighted_score(outcomes) == 75.0
    assert scoring.coverage(outcomes) == 0.5


def test_not_applicable_and_errors_never_count_as_passed():
    assert scoring.weighted_score([outcome("not_applicable", None), outcome("error", None)]) is None
    assert scoring.coverage([outcome("not_applicable", None), outcome("error", None)]) == 0.0
    assert scoring.weighted_score([outcome("warn", 0.5), outcome("error", None)]) == 50.0


@pytest.mark.parametrize(
    ("score", "letter"),
    [
        (100, "A"),
        (90, "A"),
        (89.9, "B"),
        (80, "B"),
        (79.9, "C"),
        (70, "C"),
        (69.9, "D"),
        (50, "D"),
        (49.9, "F"),
        (0, "F"),
        (None, None),
    ],
)
def test_grade_bands(score, letter):
    assert scoring.grade(score) == letter


def entry(check_id: str, *findings: tuple[str, str]) -> dict:
    """A report check entry with findings given as (severity, status)."""
    return {"id": check_id, "findings": [{"severity": sev, "status": status} for sev, status in findings]}


def test_gate_fail_on_counts_open_findings_at_or_above():
    checks = [
        entry("c1", ("high", "open"), ("low", "open")),
        entry("c2", ("critical", "suppressed"), ("high", "baselined")),
    ]
    assert gate.evaluate(checks, 20, "high", None)["reasons"] == ["1 finding at or above high (c1: 1)"]
    assert gate.evaluate(checks, 20, "low", None)["reasons"] == ["2 findings at or above low (c1: 2)"]
    assert gate.evaluate(checks, 20, "critical", None)["passed"] is True
    assert gate.evaluate(checks, 20, "never", None)["passed"] is True


def test_gate_fail_under():
    assert gate.evaluate([], 69.5, "never", 70)["reasons"] == ["score 69.5 is under 70"]
    assert gate.evaluate([], 70, "never", 70)["passed"] is True
    assert gate.evaluate([], None, "never", 70)["passed"] is False


def test_gate_min_coverage():
    assert gate.evaluate([], 90, "never", None, coverage=0.5, min_coverage=0.8)["reasons"] == [
        "coverage 50% is under 80%: too little could be assessed"
    ]
    assert gate.evaluate([], 90, "never", None, coverage=0.8, min_coverage=0.8)["passed"] is True


def test_worked_example_of_the_scoring_docs():
    outcomes = [
        outcome("fail", 0.4, weight=3),
        outcome("warn", 0.8, weight=3),
        outcome("pass", 1.0, weight=2),
        outcome("not_applicable", None, weight=1),
    ]
    assert scoring.weighted_score(outcomes) == 70.0
    assert scoring.grade(70.0) == "C"
    assert scoring.coverage(outcomes) == 0.8889


# --------------------------------------------------------------------------- one rule for every check's status


def test_status_of_findings_is_one_rule():
    from smm_audit.api import status_of

    assert status_of([]) == "pass"
    assert status_of(["info", "info"]) == "pass"  # notes, not problems
    assert status_of(["low"]) == "warn" and status_of(["medium", "info"]) == "warn"
    assert status_of(["medium", "high"]) == "fail" and status_of(["critical"]) == "fail"
    assert status_of(["medium"], fail_at="medium") == "fail"


def test_every_built_in_check_leaves_its_status_to_the_engine_or_says_why():
    """A built-in check sets a status itself only for not_applicable, or with a status_reason."""
    import json as json_module

    from conftest import DEMO, HEALTHY
    from smm_audit.snapshot import Snapshot
    from smm_audit.testing import registry

    checks = registry().checks.values()
    for path in (DEMO, HEALTHY):
        snapshot = Snapshot(json_module.loads(path.read_text("utf-8")))
        for check in checks:
            result = check.run(snapshot, check.defaults())
            assert result.status in (None, "not_applicable") or result.status_reason, (check.id, result.status)


def test_a_configured_severity_changes_the_status(cli, tmp_path, monkeypatch):
    """The status follows the findings' severities after the configuration's override, not the check's own."""
    import json as json_module

    from conftest import DEMO

    def status(*args):
        report = json_module.loads(cli("run", str(DEMO), "-f", "json", "--no-plugins", *args).stdout)
        return {c["id"]: c.get("status") for c in report["checks"]}["dead-community"]

    monkeypatch.chdir(tmp_path)
    assert status() == "fail"
    (tmp_path / "pyproject.toml").write_text('[tool.smm-audit.checks.dead-community]\nseverity = "low"\n')
    assert status() == "warn"
    (tmp_path / "pyproject.toml").write_text('[tool.smm-audit.checks.dead-community]\nseverity = "info"\n')
    assert status() == "pass"


def test_missing_utm_says_why_it_fails_on_the_share(run_check, snapshot_builder):
    data = (
        snapshot_builder(domains=["shop.ru"])
        .account("vk", platform="vk")
        .post(days_ago=1, links=["https://shop.ru/a"])
        .post(days_ago=2, links=["https://shop.ru/b"])
    )
    result = run_check("missing-utm", data)
    assert result.status == "fail" and result.status_reason.startswith("the weighted tagged share 0.00 is under")
