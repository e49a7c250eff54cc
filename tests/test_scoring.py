"""Scores, coverage, grades and the gate, on hand-made outcomes."""

from __future__ import annotations

import pytest

from smm_audit import gate, scoring
from smm_audit.api import Check, Finding, Result
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
    outcomes = [outcome("pass", 1.0, weight=3), outcome("fail", 0.0, weight=1), outcome("not_applicable", None, weight=4)]
    assert scoring.weighted_score(outcomes) == 75.0
    assert scoring.coverage(outcomes) == 0.5


def test_not_applicable_and_errors_never_count_as_passed():
    assert scoring.weighted_score([outcome("not_applicable", None), outcome("error", None)]) is None
    assert scoring.coverage([outcome("not_applicable", None), outcome("error", None)]) == 0.0
    assert scoring.weighted_score([outcome("warn", 0.5), outcome("error", None)]) == 50.0


@pytest.mark.parametrize(
    ("score", "letter"), [(100, "A"), (90, "A"), (89.9, "B"), (80, "B"), (79.9, "C"), (70, "C"), (69.9, "D"), (50, "D"), (49.9, "F"), (0, "F"), (None, None)]
)
def test_grade_bands(score, letter):
    assert scoring.grade(score) == letter


def test_gate_fail_on_counts_findings_at_or_above():
    findings = [Finding("m", "/accounts/0", ("a",), "high"), Finding("m", "/accounts/1", ("b",), "low")]
    outcomes = [outcome("fail", 0.2, findings=findings)]
    assert gate.evaluate(outcomes, 20, "high", None)["reasons"] == ["1 finding at or above high (c-fail-1: 1)"]
    assert gate.evaluate(outcomes, 20, "low", None)["reasons"] == ["2 findings at or above low (c-fail-1: 2)"]
    assert gate.evaluate(outcomes, 20, "critical", None)["passed"] is True
    assert gate.evaluate(outcomes, 20, "never", None)["passed"] is True


def test_gate_findings_without_severity_take_the_checks():
    outcomes = [outcome("warn", 0.5, findings=[Finding("m", "/", ("a",))])]
    assert gate.evaluate(outcomes, 50, "medium", None)["passed"] is False
    assert gate.evaluate(outcomes, 50, "high", None)["passed"] is True


def test_gate_fail_under():
    assert gate.evaluate([], 69.5, "never", 70)["reasons"] == ["score 69.5 is under 70"]
    assert gate.evaluate([], 70, "never", 70)["passed"] is True
    assert gate.evaluate([], None, "never", 70)["passed"] is False
