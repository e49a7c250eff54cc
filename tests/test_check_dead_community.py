"""dead-community: silence counted from taken_at, never-posted accounts, burst then silence.

Written with the testing kit (the snapshot_builder and run_check fixtures of
smm_audit.pytest_plugin, the assertion helpers of smm_audit.testing).
"""

from __future__ import annotations

import pytest

from smm_audit.engine import fingerprint
from smm_audit.testing import SnapshotBuilder, assert_finding, assert_no_findings, assert_status

CHECK = "dead-community"


def with_posts(builder: SnapshotBuilder, *post_ages: float, id: str = "vk", **fields) -> SnapshotBuilder:
    """Add an account whose posts are ``post_ages`` days old."""
    builder.account(id, platform="vk", posts=[], **fields)
    for age in post_ages:
        builder.post(days_ago=age)
    return builder


def test_recent_post_passes(snapshot_builder, run_check):
    result = run_check(CHECK, with_posts(snapshot_builder(), 1, 3, 8))
    assert_status(result, "pass")
    assert result.score == 1.0
    assert result.metrics["accounts"][0]["days_silent"] == 1.0


def test_weeks_of_silence_warn(snapshot_builder, run_check):
    result = run_check(CHECK, with_posts(snapshot_builder(), 30))
    assert_status(result, "warn")
    assert_finding(result, severity="medium", location="/accounts/0", message_contains="no post for 30 days")
    assert len(result.findings) == 1
    assert 0 < result.score < 1


def test_months_of_silence_fail(snapshot_builder, run_check):
    result = run_check(CHECK, with_posts(with_posts(snapshot_builder(), 5), 120, id="ig"))
    assert_status(result, "fail")
    assert_finding(result, severity="high", location="/accounts/1")
    assert len(result.findings) == 1
    assert result.score == pytest.approx(0.5)
    assert result.metrics["max_days_silent"] == 120.0


def test_thresholds_are_options(snapshot_builder, run_check):
    data = with_posts(snapshot_builder(), 30).build()
    assert_status(run_check(CHECK, data, warn_days=45), "pass")
    assert_status(run_check(CHECK, data, warn_days=7, fail_days=20), "fail")


def test_the_score_falls_with_the_silence(snapshot_builder, run_check):
    scores = [run_check(CHECK, with_posts(snapshot_builder(), d)).score for d in (10, 20, 50, 80, 100)]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] == 1.0 and scores[-1] == 0.0


def test_followers_and_no_post_fails_and_empty_account_warns(snapshot_builder, run_check):
    result = run_check(CHECK, with_posts(snapshot_builder(), followers_count=40))
    assert_status(result, "fail")
    assert_finding(result, message_contains="no post at all for its 40 followers")
    assert_status(run_check(CHECK, with_posts(snapshot_builder(), followers_count=0)), "warn")


def test_missing_posts_is_not_applicable_but_empty_posts_is_known(snapshot_builder, run_check):
    result = run_check(CHECK, snapshot_builder().account("vk", platform="vk"))
    assert_status(result, "not_applicable")
    assert result.missing == ("accounts[].posts",)
    assert_status(run_check(CHECK, snapshot_builder()), "not_applicable")


def test_time_counts_from_taken_at_not_the_wall_clock(snapshot_builder, run_check):
    old = (
        snapshot_builder(taken_at="2020-01-10T00:00:00+00:00")
        .account("vk")
        .post("p", published_at="2020-01-08T00:00:00+00:00")
    )
    assert_status(run_check(CHECK, old), "pass")


def test_future_posts_do_not_make_negative_silence(snapshot_builder, run_check):
    result = run_check(CHECK, with_posts(snapshot_builder(), -2))
    assert_status(result, "pass")
    assert result.metrics["accounts"][0]["days_silent"] == 0.0


def test_burst_then_silence(snapshot_builder, run_check):
    burst = [80 - i * 0.5 for i in range(12)] + [5]  # 12 posts around day 80-75 ago, one recent
    result = run_check(CHECK, with_posts(snapshot_builder(), *burst))
    assert len(result.findings) == 1
    assert_finding(result, message_contains="burst then silence")
    assert_status(result, "warn")
    assert result.score == pytest.approx(0.5)
    steady = [i * 6 for i in range(15)]
    assert_no_findings(run_check(CHECK, with_posts(snapshot_builder(), *steady)))


def test_fingerprints_survive_reordering(snapshot_builder, run_check):
    first = run_check(CHECK, with_posts(with_posts(snapshot_builder(), 120, id="ig"), 100, id="ok"))
    second = run_check(CHECK, with_posts(with_posts(snapshot_builder(), 100, id="ok"), 120, id="ig"))
    prints = {fingerprint(CHECK, f.key) for f in first.findings}
    assert prints == {fingerprint(CHECK, f.key) for f in second.findings}
    assert sorted(f.location for f in first.findings) == sorted(f.location for f in second.findings)
