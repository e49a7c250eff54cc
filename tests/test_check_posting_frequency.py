"""posting-frequency: days with too many posts, weekly rhythm, month-over-month drop, and silence left alone."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from statistics import fmean, pstdev

import pytest

from smm_audit.engine import fingerprint
from smm_audit.testing import TAKEN_AT, make_snapshot, run_check

CHECK_ID = "posting-frequency"
NOW = datetime.fromisoformat(TAKEN_AT)  # Sunday 1 November 2026, 12:00 Moscow time
MSK = timezone(timedelta(hours=3))
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def post(pid: str, days_ago: float, **fields) -> dict:
    return {"id": pid, "published_at": (NOW - timedelta(days=days_ago)).isoformat(), **fields}


def at(pid: str, moment: datetime) -> dict:
    return {"id": pid, "published_at": moment.isoformat()}


def daily(days: int, start: float = 0.4, prefix: str = "d") -> list[dict]:
    """One post a day for ``days`` days, the newest ``start`` days ago."""
    return [post(f"{prefix}{i}", start + i) for i in range(days)]


def weekly(counts: list[int]) -> list[dict]:
    """``counts[w]`` posts in week ``w`` back from taken_at (0: the most recent), never more than 3 a day."""
    posts = []
    for week, count in enumerate(counts):
        posts.extend(post(f"w{week}-{k}", 7 * week + 1.5 + 0.45 * k) for k in range(count))
    return posts


def snapshot(*posts: dict, **account_fields) -> dict:
    account = {"id": "vk", "platform": "vk", "handle": "zerno", "posts": list(posts), **account_fields}
    return make_snapshot(accounts=[account])


def check(*posts: dict, **options):
    return run_check(CHECK_ID, snapshot(*posts), **options)


def keyed(result) -> dict[str, object]:
    return {finding.key[-1]: finding for finding in result.findings}


# --- pass --------------------------------------------------------------------------------------------------------


def test_a_post_a_day_passes():
    result = check(*daily(70))
    assert result.status == "pass" and not result.findings and result.score == 1.0
    (account,) = result.metrics["accounts"]
    assert account["posts_in_window"] == 30 and account["posts_in_previous_window"] == 30
    assert account["weekly_posts"] == [7] * 8 and account["weekly_cv"] == 0.0
    assert account["posts_per_day"] == 1.0 and account["month_ratio"] == 1.0 and account["judged"] is True


# --- days with more than 3 posts ---------------------------------------------------------------------------------


def four_on(day: datetime, prefix: str) -> list[dict]:
    return [at(f"{prefix}-{hour}", day.replace(hour=hour)) for hour in (9, 12, 15, 18)]


def test_three_posts_a_day_are_fine_four_warn():
    day = datetime(2026, 10, 20, tzinfo=MSK)
    two_more = [at(f"x{hour}", day.replace(hour=hour)) for hour in (9, 12)]  # and the daily post: 3
    assert "overposting" not in keyed(check(*daily(70), *two_more))
    result = check(*daily(70), *four_on(day, "x"))
    assert result.status == "warn"
    finding = keyed(result)["overposting"]
    assert finding.severity == "medium" and finding.key == ("account", "vk", "overposting")
    assert finding.location == "/accounts/0"
    assert "more than 3 posts a day on 1 of the last 30 days (5 on 2026-10-20)" in finding.message
    assert finding.evidence["days"] == {"2026-10-20": 5}  # the daily post of that day too
    assert set(finding.evidence["busiest_day_posts"]) <= {"x-9", "x-12", "x-15", "x-18", "d11", "d12"}
    assert result.metrics["days_over_limit"] == 1 and result.metrics["busiest_day_posts"] == 5


def test_overposting_on_four_days_fails():
    days = [datetime(2026, 10, d, tzinfo=MSK) for d in (6, 13, 20, 27)]
    extra = [p for i, day in enumerate(days) for p in four_on(day, f"x{i}")]
    result = check(*daily(70), *extra)
    assert result.status == "fail"
    assert keyed(result)["overposting"].severity == "high"
    assert result.score == pytest.approx(0.5)
    assert check(*daily(70), *extra[:12]).status == "warn"


def test_days_are_counted_in_the_posts_own_offset():
    evening = datetime(2026, 10, 20, 22, 0, tzinfo=MSK)
    # 22:00, 23:30 on the 20th and 00:30, 01:00 on the 21st in Moscow: one UTC day, two local days of two posts
    around_midnight = [at(f"m{i}", evening + timedelta(minutes=m)) for i, m in enumerate((0, 90, 150, 180))]
    assert len({datetime.fromisoformat(p["published_at"]).astimezone(UTC).date() for p in around_midnight}) == 1
    result = check(*around_midnight)
    assert "overposting" not in keyed(result)
    assert result.metrics["accounts"][0]["busiest_day_posts"] == 2
    # four posts of one local day in New York (UTC-5) are one day, though they cross midnight in UTC
    new_york = timezone(timedelta(hours=-5))
    late = [at(f"ny{i}", datetime(2026, 10, 20, 17 + i * 2, tzinfo=new_york)) for i in range(4)]
    assert keyed(check(*late))["overposting"].evidence["days"] == {"2026-10-20": 4}


def test_only_the_window_counts_for_overposting():
    old_day = datetime(2026, 9, 1, tzinfo=MSK)  # 61 days before taken_at
    assert "overposting" not in keyed(check(*daily(70), *four_on(old_day, "old")))


# --- the weekly rhythm ---------------------------------------------------------------------------------------------


def test_an_uneven_week_to_week_rhythm_warns():
    counts = [1, 5, 1, 5, 1, 5, 1, 5]
    result = check(*weekly(counts))
    finding = keyed(result)["irregular-rhythm"]
    assert finding.severity == "medium" and result.status == "warn"
    assert finding.evidence["weekly_posts"] == counts[::-1]  # oldest week first
    assert finding.evidence["weekly_cv"] == pytest.approx(pstdev(counts) / fmean(counts), abs=1e-4)
    assert "67%" in finding.message


def test_bursts_fail():
    result = check(*weekly([6, 0, 0, 0, 10, 0, 0, 0]))
    assert keyed(result)["irregular-rhythm"].severity == "high" and result.status == "fail"
    assert result.metrics["max_weekly_cv"] > 1


def test_a_steady_rhythm_is_no_finding():
    result = check(*weekly([4, 5, 4, 4, 5, 4, 4, 5]))
    assert "irregular-rhythm" not in keyed(result) and result.status == "pass"


def test_weeks_before_the_first_post_are_not_silence():
    recent_start = weekly([3, 3, 3, 3, 3])  # started 5 weeks ago, steadily
    (account,) = check(*recent_start).metrics["accounts"]
    assert account["weekly_posts"] == [3, 3, 3, 3, 3] and account["weekly_cv"] == 0.0


def test_too_few_weeks_or_posts_leave_the_rhythm_unjudged():
    for posts in (weekly([3, 3, 3]), weekly([1, 1, 1, 0, 0, 1, 1, 1])):
        result = check(*posts)
        finding = keyed(result)["rhythm-unjudged"]
        assert finding.severity == "info" and "not enough posts to judge rhythm" in finding.message
        assert result.status == "pass"
        assert result.metrics["accounts"][0]["weekly_cv"] is None


# --- month over month ----------------------------------------------------------------------------------------------


def previous_month(count: int) -> list[dict]:
    return [post(f"prev{i}", 30.5 + i * 29 / count) for i in range(count)]


def this_month(count: int) -> list[dict]:
    return [post(f"now{i}", 0.5 + i * 29 / count) for i in range(count)]


def test_a_drop_below_half_warns_below_a_quarter_fails():
    result = check(*previous_month(20), *this_month(9))
    finding = keyed(result)["posting-drop"]
    assert finding.severity == "medium"
    assert finding.evidence == {"posts_in_window": 9, "posts_in_previous_window": 20, "ratio": 0.45}
    assert "from 20 posts in the previous 30 days to 9 in the last 30 (−55%)" in finding.message
    assert keyed(check(*previous_month(20), *this_month(4)))["posting-drop"].severity == "high"
    assert "posting-drop" not in keyed(check(*previous_month(20), *this_month(10)))


def test_a_small_previous_month_is_no_drop():
    assert "posting-drop" not in keyed(check(*previous_month(7), *this_month(1)))
    assert "posting-drop" in keyed(check(*previous_month(7), *this_month(1), drop_min_previous=7))


# --- silence belongs to dead-community ----------------------------------------------------------------------------


def test_an_account_silent_for_30_days_gets_only_the_info_finding():
    result = check(*previous_month(40))  # a sharp drop to nothing, and bursts: none of it is reported here
    assert [(f.key[-1], f.severity) for f in result.findings] == [("rhythm-unjudged", "info")]
    assert "no post in the last 30 days" in result.findings[0].message
    assert result.status == "pass" and result.score is None
    assert result.metrics["accounts_silent"] == 1 and result.metrics["accounts_judged"] == 0


def test_an_empty_post_list_is_silence_too():
    result = check()
    assert result.status == "pass" and [f.severity for f in result.findings] == ["info"]


def test_the_score_averages_the_accounts_that_posted():
    steady = {"id": "a", "platform": "vk", "posts": daily(70)}
    drop = {"id": "b", "platform": "vk", "posts": previous_month(20) + this_month(4)}
    silent = {"id": "c", "platform": "vk", "posts": previous_month(20)}
    result = run_check(CHECK_ID, make_snapshot(accounts=[steady, drop, silent]))
    assert result.status == "fail"
    assert result.metrics["accounts_judged"] == 2 and result.metrics["accounts_silent"] == 1
    scores = [account["score"] for account in result.metrics["accounts"]]
    assert scores[0] == 1.0 and scores[1] < 0.5 and scores[2] is None
    assert result.score == pytest.approx((scores[0] + scores[1]) / 2, abs=1e-4)


def test_the_score_falls_with_the_drop():
    def score(now: int) -> float:
        return check(*previous_month(20), *this_month(now), irregular_warn_cv=10, irregular_fail_cv=20).score

    assert score(10) == 1.0  # 50%: at the warning threshold
    assert score(5) == pytest.approx(0.5)  # 25%: at the failure threshold
    assert score(4) == pytest.approx(0.4)  # 20%: 0.5 - 0.5 * 0.05 / 0.25
    assert score(7) == pytest.approx(0.7)  # 35%: 1 - 0.5 * 0.15 / 0.25


# --- data edge cases -----------------------------------------------------------------------------------------------


def test_scheduled_and_undated_posts_are_counted_apart():
    posts = [*daily(70), post("future", -2), {"id": "undated"}]
    (account,) = check(*posts).metrics["accounts"]
    assert account["scheduled"] == 1 and account["no_published_at"] == 1 and account["posts_in_window"] == 30


def test_without_posts_it_is_not_applicable():
    result = run_check(CHECK_ID, make_snapshot(accounts=[{"id": "vk", "platform": "vk", "comments": []}]))
    assert result.status == "not_applicable" and list(result.missing) == ["accounts[].posts"]


def test_posts_without_any_published_at_are_not_applicable():
    result = check({"id": "p1"}, {"id": "p2"})
    assert result.status == "not_applicable" and list(result.missing) == ["accounts[].posts[].published_at"]


def test_fingerprints_name_the_account_not_its_position():
    bursty = {"id": "vk", "platform": "vk", "posts": weekly([6, 0, 0, 0, 10, 0, 0, 0])}
    other = {"id": "ig", "platform": "instagram", "posts": daily(70)}
    first = run_check(CHECK_ID, make_snapshot(accounts=[bursty, other]))
    second = run_check(CHECK_ID, make_snapshot(accounts=[other, bursty]))
    assert {fingerprint(CHECK_ID, f.key) for f in first.findings} == {
        fingerprint(CHECK_ID, f.key) for f in second.findings
    }
    assert [f.location for f in second.findings] == ["/accounts/1"]


def test_metrics_are_json_safe():
    json.dumps(check(*weekly([1, 5, 1, 5, 1, 5, 1, 5])).metrics, allow_nan=False)


# --- docs and examples -----------------------------------------------------------------------------------------


def test_the_docs_example_gives_what_the_docs_say():
    hours = ("09:00", "12:00", "15:00", "18:00", "23:30")
    posts = [{"id": f"p{i + 1}", "published_at": f"2026-10-20T{h}:00+03:00"} for i, h in enumerate(hours)]
    result = run_check(CHECK_ID, make_snapshot(accounts=[{"id": "vk", "platform": "vk", "posts": posts}]))
    assert result.status == "warn"
    findings = keyed(result)
    assert findings["overposting"].severity == "medium" and findings["overposting"].location == "/accounts/0"
    assert "more than 3 posts a day on 1 of the last 30 days (5 on 2026-10-20)" in findings["overposting"].message
    assert findings["rhythm-unjudged"].severity == "info"


@pytest.mark.skipif(not (EXAMPLES / "demo-snapshot.json").exists(), reason="the demo snapshot is not there")
def test_the_demo_finds_something_and_the_healthy_example_does_not_fail():
    demo = run_check(CHECK_ID, json.loads((EXAMPLES / "demo-snapshot.json").read_text("utf-8")))
    assert demo.status in ("warn", "fail") and any(f.severity != "info" for f in demo.findings)
    healthy = run_check(CHECK_ID, json.loads((EXAMPLES / "healthy-snapshot.json").read_text("utf-8")))
    assert healthy.status in ("pass", "warn")
