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
