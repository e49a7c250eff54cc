"""dead-community: silence counted from taken_at, never-posted accounts, burst then silence."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from smm_audit.engine import fingerprint
from smm_audit.testing import TAKEN_AT, make_snapshot, run_check

NOW = datetime.fromisoformat(TAKEN_AT)


def ago(days: float) -> str:
    return (NOW - timedelta(days=days)).isoformat()


def account(*post_ages: float, **fields) -> dict:
    posts = [{"id": f"p{i}", "published_at": ago(age)} for i, age in enumerate(post_ages)]
    return {"id": fields.pop("id", "vk"), "platform": "vk", "posts": posts, **fields}


def test_recent_post_passes():
    result = run_check("dead-community", make_snapshot(accounts=[account(1, 3, 8)]))
    assert result.status == "pass"
    assert result.score == 1.0
    assert result.metrics["accounts"][0]["days_silent"] == 1.0


def test_weeks_of_silence_warn():
    result = run_check("dead-community", make_snapshot(accounts=[account(30)]))
    assert result.status == "warn"
    (finding,) = result.findings
    assert finding.severity == "medium"
    assert finding.location == "/accounts/0"
    assert "no post for 30 days" in finding.message
    assert 0 < result.score < 1


def test_months_of_silence_fail():
    result = run_check("dead-community", make_snapshot(accounts=[account(5), account(120, id="ig")]))
    assert result.status == "fail"
    (finding,) = result.findings
    assert finding.severity == "high" and finding.location == "/accounts/1"
    assert result.score == pytest.approx(0.5)
    assert result.metrics["max_days_silent"] == 120.0


def test_thresholds_are_options():
    data = make_snapshot(accounts=[account(30)])
    assert run_check("dead-community", data, warn_days=45).status == "pass"
    assert run_check("dead-community", data, warn_days=7, fail_days=20).status == "fail"


def test_the_score_falls_with_the_silence():
    scores = [run_check("dead-community", make_snapshot(accounts=[account(d)])).score for d in (10, 20, 50, 80, 100)]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] == 1.0 and scores[-1] == 0.0


def test_followers_and_no_post_fails_and_empty_account_warns():
    result = run_check("dead-community", make_snapshot(accounts=[account(followers_count=40)]))
    assert result.status == "fail" and "no post at all for its 40 followers" in result.findings[0].message
    result = run_check("dead-community", make_snapshot(accounts=[account(followers_count=0)]))
    assert result.status == "warn"


def test_missing_posts_is_not_applicable_but_empty_posts_is_known():
    result = run_check("dead-community", make_snapshot(accounts=[{"id": "vk", "platform": "vk"}]))
    assert result.status == "not_applicable" and result.missing == ("accounts[].posts",)
    assert run_check("dead-community", make_snapshot()).status == "not_applicable"


def test_time_counts_from_taken_at_not_the_wall_clock():
    old = make_snapshot(taken_at="2020-01-10T00:00:00+00:00", accounts=[account()])
    old["accounts"][0]["posts"] = [{"id": "p", "published_at": "2020-01-08T00:00:00+00:00"}]
    assert run_check("dead-community", old).status == "pass"


def test_future_posts_do_not_make_negative_silence():
    result = run_check("dead-community", make_snapshot(accounts=[account(-2)]))
    assert result.status == "pass" and result.metrics["accounts"][0]["days_silent"] == 0.0


def test_burst_then_silence():
    burst = [80 - i * 0.5 for i in range(12)] + [5]  # 12 posts around day 80-75 ago, one recent
    result = run_check("dead-community", make_snapshot(accounts=[account(*burst)]))
    (finding,) = result.findings
    assert "burst then silence" in finding.message
    assert result.status == "warn"
    assert result.score == pytest.approx(0.5)
    steady = [i * 6 for i in range(15)]
    assert not run_check("dead-community", make_snapshot(accounts=[account(*steady)])).findings


def test_fingerprints_survive_reordering():
    a, b = account(120, id="ig"), account(100, id="ok")
    first = run_check("dead-community", make_snapshot(accounts=[a, b]))
    second = run_check("dead-community", make_snapshot(accounts=[b, a]))
    prints = {fingerprint("dead-community", f.key) for f in first.findings}
    assert prints == {fingerprint("dead-community", f.key) for f in second.findings}
    assert sorted(f.location for f in first.findings) == sorted(f.location for f in second.findings)
