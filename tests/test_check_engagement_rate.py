"""engagement-rate: median ER by reach or by followers, posts with no reaction, the 30-day trend."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

import pytest

from smm_audit.engine import fingerprint, resolve_options
from smm_audit.testing import TAKEN_AT, make_snapshot, run_check

NOW = datetime.fromisoformat(TAKEN_AT)


def ago(days: float) -> str:
    return (NOW - timedelta(days=days)).isoformat()


def post(n: int, reactions: int | None = 10, reach: int | None = 100, age: float | None = None, **fields: Any) -> dict:
    """Post ``p<n>``, ``n + 1`` days old unless ``age`` says otherwise; ``reactions`` all as likes."""
    data: dict[str, Any] = {"id": f"p{n}", **fields}
    if age is not False:
        data["published_at"] = ago(n + 1 if age is None else age)
    metrics: dict[str, int] = {}
    if reactions is not None:
        metrics["likes"] = reactions
    if reach is not None:
        metrics["reach"] = reach
    if metrics:
        data["metrics"] = metrics
    return data


def account(posts: list[dict], followers: int | None = 1000, **fields: Any) -> dict:
    data = {"id": fields.pop("id", "vk"), "platform": fields.pop("platform", "vk"), "posts": posts, **fields}
    if followers is not None:
        data["followers_count"] = followers
    return data


def run(*accounts: dict, **options: Any):
    return run_check("engagement-rate", make_snapshot(accounts=list(accounts)), **options)


def test_engaged_audience_passes_with_both_medians_in_the_metrics():
    result = run(account([post(i, reactions=10, reach=100) for i in range(12)]))
    assert result.status == "pass" and result.score == 1.0 and not result.findings
    (metrics,) = result.metrics["accounts"]
    assert metrics["basis"] == "reach" and metrics["judged"] is True
    assert metrics["median_er_by_reach"] == pytest.approx(0.1)
    assert metrics["median_er_by_followers"] == pytest.approx(0.01)
    assert metrics["no_reaction_share"] == 0.0
    assert result.metrics["lowest_median_er_by_reach"] == pytest.approx(0.1)


def test_low_engagement_by_reach_warns():
    result = run(account([post(i, reactions=5, reach=1000) for i in range(12)]))
    assert result.status == "warn"
    (finding,) = result.findings
    assert finding.severity == "medium" and finding.location == "/accounts/0"
    assert finding.key == ("account", "vk", "low-engagement")
    assert "median engagement by reach 0.50% over the last 12 posts (limit 1.00%)" in finding.message
    assert finding.evidence["lowest_posts"] == ["p0", "p1", "p2", "p3", "p4"]
    assert 0.5 < result.score < 1


def test_very_low_engagement_by_reach_fails():
    result = run(
        account([post(i, reactions=2, reach=1000) for i in range(12)]),
        account([post(i) for i in range(12)], id="ok", platform="ok"),
    )
    assert result.status == "fail"
    (finding,) = result.findings
    assert finding.severity == "high" and finding.location == "/accounts/0"
    assert "limit 0.25%" in finding.message
    assert result.metrics["accounts_checked"] == 2


def test_the_score_falls_with_the_engagement():
    scores = [run(account([post(i, reactions=r, reach=1000) for i in range(12)])).score for r in (50, 8, 3, 1, 0)]
    assert scores == sorted(scores, reverse=True) and scores[0] == 1.0 and scores[-1] == 0.0


def test_reach_zero_or_missing_falls_back_to_followers():
    zero = run(account([post(i, reactions=3, reach=0) for i in range(12)], followers=1000))
    missing = run(account([post(i, reactions=3, reach=None) for i in range(12)], followers=1000))
    for result in (zero, missing):
        (metrics,) = result.metrics["accounts"]
        assert metrics["basis"] == "followers" and metrics["posts_with_reach"] == 0
        assert metrics["median_er"] == pytest.approx(0.003) and metrics["median_er_by_reach"] is None
        assert result.status == "warn" and "by followers 0.30%" in result.findings[0].message


def test_reach_on_enough_posts_is_the_basis_and_the_others_still_count_by_followers():
    posts = [post(i, reactions=10, reach=100) for i in range(10)] + [post(i, reactions=1, reach=None) for i in (10, 11)]
    (metrics,) = run(account(posts, followers=100)).metrics["accounts"]
    assert metrics["basis"] == "reach" and metrics["posts_with_reach"] == 10 and metrics["posts_in_window"] == 12
    assert metrics["median_er_by_reach"] == pytest.approx(0.1)
    assert metrics["median_er_by_followers"] == pytest.approx(0.1)  # median of ten 10/100 and two 1/100


def test_followers_count_zero_or_absent_gives_no_er_by_followers():
    for followers in (0, None):
        result = run(account([post(i, reactions=3, reach=None) for i in range(12)], followers=followers))
        assert result.status == "pass" and not result.findings
        (metrics,) = result.metrics["accounts"]
        assert metrics["judged"] is True and metrics["basis"] is None and metrics["median_er_by_followers"] is None
        assert "no ER" in metrics["reason"]


def test_followers_count_zero_still_judges_posts_without_reactions():
    result = run(account([post(i, reactions=0, reach=None) for i in range(12)], followers=0))
    assert result.status == "fail" and [f.key[-1] for f in result.findings] == ["no-reaction"]


def test_posts_without_reaction_counters_are_left_out_and_counted():
    posts = [post(i) for i in range(12)]
    posts += [post(20, reactions=None, reach=300), {"id": "p21", "published_at": ago(3)}]
    result = run(account(posts))
    (metrics,) = result.metrics["accounts"]
    assert metrics["posts_without_metrics"] == 2 and metrics["posts_in_window"] == 12
    assert result.metrics["posts_without_metrics"] == 2


def test_missing_counters_are_not_read_as_zero():
    posts = [{"id": f"p{i}", "published_at": ago(i + 1), "metrics": {"reposts": 4, "reach": 100}} for i in range(12)]
    (metrics,) = run(account(posts)).metrics["accounts"]
    assert metrics["median_er_by_reach"] == pytest.approx(0.04) and metrics["no_reaction_posts"] == 0


def test_no_reaction_share_warns_then_fails():
    some = [post(i, reactions=0 if i < 3 else 10) for i in range(12)]  # 25% silent, median ER still 10%
    result = run(account(some))
    assert result.status == "warn"
    (finding,) = result.findings
    assert finding.key == ("account", "vk", "no-reaction") and finding.severity == "medium"
    assert "3 of the last 12 posts got no reaction at all (25%; limit 20%)" in finding.message
    assert finding.evidence["examples"] == ["p0", "p1", "p2"]
    most = [post(i, reactions=0 if i < 7 else 10) for i in range(12)]
    result = run(account(most))
    assert result.status == "fail"
    assert {f.key[-1]: f.severity for f in result.findings}["no-reaction"] == "high"


def test_a_few_silent_posts_are_tolerated():
    result = run(account([post(i, reactions=0 if i < 2 else 10) for i in range(12)]))  # 2 of 12 = 17%
    assert result.status == "pass" and result.metrics["accounts"][0]["no_reaction_posts"] == 2
    exactly = run(account([post(i, reactions=0 if i < 6 else 10) for i in range(30)]))  # 6 of 30 = 20%: not above
    assert exactly.status == "pass" and exactly.score == 1.0


def test_fewer_posts_than_min_posts_is_not_enough_to_judge():
    result = run(account([post(i, reactions=0) for i in range(5)]))
    assert result.status == "not_applicable" and "not enough posts to judge" in (result.message or "")
    assert "the most any account has is 5" in (result.message or "")
    assert run(account([post(i, reactions=0) for i in range(5)]), min_posts=5).status == "fail"


def test_an_account_with_too_few_posts_is_reported_but_not_judged():
    result = run(account([post(i) for i in range(12)]), account([post(i, reactions=0) for i in range(4)], id="tg"))
    assert result.status == "pass"
    tg = result.metrics["accounts"][1]
    assert tg["judged"] is False and "not enough to judge: 4 posts" in tg["reason"]
    assert result.metrics["accounts_checked"] == 1 and result.metrics["accounts_not_judged"] == 1


def test_no_posts_or_no_counters_is_not_applicable():
    result = run({"id": "vk", "platform": "vk"})
    assert result.status == "not_applicable" and result.missing == ("accounts[].posts",)
    assert run_check("engagement-rate", make_snapshot()).status == "not_applicable"
    result = run(account([post(i, reactions=None) for i in range(12)]))
    assert result.status == "not_applicable" and result.missing == ("accounts[].posts[].metrics",)
    assert "no post that counts" in (result.message or "")
    assert run(account([post(i, is_ad=True) for i in range(12)])).status == "not_applicable"
    assert run(account([])).status == "not_applicable"


def test_recent_posts_are_still_collecting_reactions():
    posts = [post(i) for i in range(12)] + [post(30 + i, reactions=0, age=0.1) for i in range(5)]
    result = run(account(posts))
    assert result.status == "pass" and result.metrics["accounts"][0]["posts_too_recent"] == 5
    assert run(account(posts), min_age_hours=0).status == "warn"


def test_future_posts_are_not_counted():
    posts = [post(i) for i in range(12)] + [post(30, reactions=0, age=-2)]
    assert run(account(posts)).metrics["accounts"][0]["posts_too_recent"] == 1


def test_paid_posts_are_left_out_unless_asked():
    posts = [post(i, reactions=10, reach=100) for i in range(10)]
    posts += [post(20 + i, reactions=1, reach=1000, is_ad=True) for i in range(15)]
    result = run(account(posts))
    assert result.status == "pass" and result.metrics["accounts"][0]["ads_left_out"] == 15
    assert run(account(posts), include_ads=True).status == "fail"


def test_only_the_last_window_posts_count():
    posts = [post(i, reactions=10) for i in range(30)] + [post(100 + i, reactions=0) for i in range(20)]
    result = run(account(posts))
    assert result.status == "pass" and result.metrics["accounts"][0]["posts_in_window"] == 30
    assert run(account(posts), window_posts=50).status == "warn"  # 20 of 50 silent


def test_undated_posts_count_after_the_dated_ones():
    dated = [post(i, reactions=10) for i in range(10)]
    undated = [post(50 + i, reactions=0, age=False) for i in range(5)]
    assert run(account(undated + dated)).status == "warn"  # 5 of 15 silent
    assert run(account(undated + dated), window_posts=10).status == "pass"


def test_falling_engagement_over_the_last_30_days_warns():
    before = [post(i, reactions=10, age=35 + i) for i in range(6)]
    recent = [post(10 + i, reactions=4, age=2 + i) for i in range(6)]
    result = run(account(before + recent))
    assert result.status == "warn"
    (finding,) = result.findings
    assert finding.key == ("account", "vk", "falling-engagement") and finding.severity == "medium"
    assert "engagement by reach fell 60% in the last 30 days (10.00% → 4.00%" in finding.message
    metrics = result.metrics["accounts"][0]
    assert metrics["er_last_period"] == pytest.approx(0.04) and metrics["er_previous_period"] == pytest.approx(0.1)
    assert metrics["er_change"] == pytest.approx(-0.6)
    assert result.score == pytest.approx(0.85)


def test_a_steady_or_thin_trend_says_nothing():
    steady = [post(i, reactions=10, age=35 + i) for i in range(6)] + [
        post(10 + i, reactions=8, age=2 + i) for i in range(6)
    ]
    assert run(account(steady)).status == "pass"
    thin = [post(i, reactions=10, age=35 + i) for i in range(8)] + [
        post(10 + i, reactions=4, age=2 + i) for i in range(4)
    ]
    result = run(account(thin))
    assert result.status == "pass" and result.metrics["accounts"][0]["posts_last_period"] == 4
    assert run(account(thin), trend_min_posts=4).status == "warn"


def test_thresholds_are_options_and_must_be_in_order():
    data = [post(i, reactions=5, reach=1000) for i in range(12)]
    assert run(account(data), warn_by_reach=0.004).status == "pass"
    assert run(account(data), fail_by_reach=0.006, warn_by_reach=0.01).status == "fail"
    assert run(account(data), fail_by_reach=0.02).status == "error"


def test_time_counts_from_taken_at_not_the_wall_clock():
    posts = [
        {"id": f"p{i}", "published_at": f"2020-01-{i + 1:02d}T00:00:00+00:00", "metrics": {"likes": 0}}
        for i in range(12)
    ]
    data = make_snapshot(taken_at="2020-01-13T12:00:00+00:00", accounts=[account(posts)])
    result = run_check("engagement-rate", data)
    assert result.status == "fail" and result.metrics["accounts"][0]["posts_too_recent"] == 0


def test_fingerprints_survive_reordering():
    a = account([post(i, reactions=0) for i in range(12)], id="ig", platform="instagram")
    b = account([post(i, reactions=1, reach=1000) for i in range(12)], id="ok", platform="ok")
    first, second = run(a, b), run(b, a)
    prints = {fingerprint("engagement-rate", f.key) for f in first.findings}
    assert prints and prints == {fingerprint("engagement-rate", f.key) for f in second.findings}


def test_the_documented_example():
    posts = [
        {"id": f"p{i}", "published_at": ago(12 + i), "metrics": {"likes": 2, "reposts": 0, "comments": 0, "reach": 900}}
        for i in range(12)
    ]
    result = run(account(posts, followers=5000))
    assert result.status == "fail"
    (finding,) = result.findings
    assert finding.severity == "high" and finding.location == "/accounts/0"
    assert "median engagement by reach 0.22% over the last 12 posts" in finding.message


def _mixed_posts(seed: int, count: int, most: int = 30) -> list[dict]:
    """Posts of every kind the window sifts: without counters, paid, undated, too recent, of equal ages."""
    rng = random.Random(seed)
    posts = []
    for n in range(count):
        kind = rng.choice(["plain"] * 6 + ["no-metrics", "reach-only", "ad", "undated", "recent", "same-age"])
        if kind == "no-metrics":
            posts.append({"id": f"p{n}", "published_at": ago(rng.uniform(1, 200))})
        elif kind == "reach-only":
            posts.append({"id": f"p{n}", "published_at": ago(rng.uniform(1, 200)), "metrics": {"reach": 50}})
        else:
            age = {"undated": False, "recent": rng.uniform(0, 0.9), "same-age": 45.0}.get(kind, rng.uniform(1, 200))
            extra = {"is_ad": True} if kind == "ad" else {}
            posts.append(post(n, reactions=rng.randint(0, most), reach=rng.choice([None, 0, 500]), age=age, **extra))
    return posts


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(
    "options", [{}, {"window_posts": 5, "trend_days": 40}, {"window_posts": 300, "include_ads": True}]
)
def test_the_window_is_the_head_of_the_plain_window_that_the_check_reads(seed, options):
    from smm_audit.api import Snapshot
    from smm_audit.builtin_checks import engagement_rate

    resolved = resolve_options(engagement_rate.CHECK, options)
    data = make_snapshot(accounts=[account(_mixed_posts(seed, 400))])
    snapshot = Snapshot(data)
    plain = engagement_rate._window_plainly(snapshot, snapshot.accounts[0], resolved)
    window = engagement_rate._window(snapshot, snapshot.accounts[0], resolved)
    in_trend = [p for p in plain.posts if p.age is not None and p.age < 2 * resolved["trend_days"]]
    assert window.posts == plain.posts[: max(resolved["window_posts"], len(in_trend))]
    assert (window.without_metrics, window.too_recent, window.ads_left_out) == (
        plain.without_metrics,
        plain.too_recent,
        plain.ads_left_out,
    )
    assert len(in_trend) > 5 and plain.without_metrics and plain.too_recent  # every kind was sifted
    assert any(p.age is None for p in window.posts) == (resolved["window_posts"] == 300)


def test_the_check_reads_the_same_with_the_plain_window(monkeypatch):
    from smm_audit.builtin_checks import engagement_rate

    data = make_snapshot(accounts=[account(_mixed_posts(seed, 200, most=seed), id=f"a{seed}") for seed in range(4)])
    fast = run_check("engagement-rate", data)
    monkeypatch.setattr(engagement_rate, "_window", engagement_rate._window_plainly)
    plain = run_check("engagement-rate", data)
    assert (fast.status, fast.score, fast.findings, fast.metrics) == (
        plain.status,
        plain.score,
        plain.findings,
        plain.metrics,
    )
    assert fast.findings and fast.metrics["accounts"][0]["er_previous_period"] is not None
