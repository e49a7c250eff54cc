"""posting-hours, tested with smm-audit's testing kit.

The fixtures ``snapshot_builder`` and ``run_check`` come from smm-audit's pytest
plugin (installed with smm-audit, no conftest.py needed); the check itself is
loaded by its module name (``smm_audit_plugins`` in pyproject.toml); install it
first:
``pip install -e .`` (in examples/plugin).
"""

from __future__ import annotations

import pytest
from smm_audit.testing import assert_finding, assert_no_findings, assert_status, get_check

CHECK = "posting-hours"


def posts_at(builder, *times: str, account: str = "vk"):
    """An account whose posts were published at these local times (HH:MM, Moscow offset), one per day back."""
    builder.account(account, platform="vk")
    for day, clock in enumerate(times, start=1):
        date = builder.ago(days=day)[:10]
        builder.post(published_at=f"{date}T{clock}:00+03:00")
    return builder


def test_daytime_posts_pass(snapshot_builder, run_check):
    result = run_check(CHECK, posts_at(snapshot_builder(), "09:30", "12:00", "15:45", "19:10", "22:59"))
    assert_status(result, "pass")
    assert_no_findings(result)
    assert result.score == 1.0
    assert result.metrics["posts_outside"] == 0


def test_mostly_night_posts_fail(snapshot_builder, run_check):
    result = run_check(CHECK, posts_at(snapshot_builder(), "03:10", "02:55", "04:00", "13:00", "23:30"))
    assert_status(result, "fail")
    finding = assert_finding(result, severity="medium", location="/accounts/0", message_contains="4 of 5 posts")
    assert finding.evidence["share"] == 0.8
    assert [e["local_time"][-5:] for e in finding.evidence["examples"]] == ["03:10", "02:55", "04:00", "23:30"]
    assert result.score == pytest.approx(0.2)


def test_a_few_night_posts_warn(snapshot_builder, run_check):
    result = run_check(CHECK, posts_at(snapshot_builder(), "01:00", "10:00", "11:00", "12:00", "13:00"))
    assert_status(result, "warn")
    assert_finding(result, severity="low", message_contains="(20%)")


def test_shares_and_hours_are_options(snapshot_builder, run_check):
    data = posts_at(snapshot_builder(), "07:30", "10:00", "11:00", "12:00", "13:00").build()
    assert_status(run_check(CHECK, data), "warn")
    assert_status(run_check(CHECK, data, active_from="07:00"), "pass")
    assert_status(run_check(CHECK, data, warn_share=0.1, fail_share=0.2), "fail")


def test_the_window_may_cross_midnight(snapshot_builder, run_check):
    night_owls = posts_at(snapshot_builder(), "18:30", "23:50", "00:30", "01:59", "10:00")
    result = run_check(CHECK, night_owls, active_from="18:00", active_until="02:00")
    assert_status(result, "warn")
    assert_finding(result, message_contains="1 of 5 posts")


def test_the_audience_zone_is_an_option(snapshot_builder, run_check):
    # 10:00 UTC is 20:00 in Vladivostok; 16:00 UTC is 02:00 there.
    data = snapshot_builder().account("vk")
    for day, hour in enumerate((10, 10, 16, 16, 16), start=1):
        data.post(published_at=f"{data.ago(days=day)[:10]}T{hour:02d}:00:00Z")
    assert_status(run_check(CHECK, data), "pass")
    assert_status(run_check(CHECK, data, timezone="Asia/Vladivostok"), "fail")
    assert_status(run_check(CHECK, data, timezone="+10:00"), "fail")
    assert run_check(CHECK, data, timezone="UTC+10").metrics["posts_outside"] == 3


def test_auto_zone_comes_from_target_regions_in_one_zone(snapshot_builder, run_check):
    def posted_at_2230_utc(**client):
        data = snapshot_builder(**client).account("vk")
        for day in range(1, 6):
            data.post(published_at=f"{data.ago(days=day)[:10]}T22:30:00Z")  # 01:30 in Moscow
        return data

    moscow = run_check(CHECK, posted_at_2230_utc(target_regions=["RU-MOW", "RU-SPE"]))
    assert_status(moscow, "fail")
    assert moscow.metrics["timezone"] == "Europe/Moscow"
    assert moscow.metrics["timezone_from"] == "client.target_regions"
    # Russia as a whole spans eleven zones: the posts' own offset (UTC here) is used.
    whole_country = run_check(CHECK, posted_at_2230_utc(target_regions=["RU"]))
    assert_status(whole_country, "pass")
    assert whole_country.metrics["timezone_from"] == "published_at"


def test_only_recent_posts_count_and_too_few_are_not_judged(snapshot_builder, run_check):
    data = snapshot_builder().account("vk")
    for days in (100, 120, 150, 200, 300):
        data.post(published_at=f"{data.ago(days=days)[:10]}T03:00:00+03:00")
    result = run_check(CHECK, data)
    assert_status(result, "not_applicable")
    assert "no account has 5 dated posts in the last 90 days" in result.message
    assert_status(run_check(CHECK, data, window_days=365), "fail")


def test_an_account_with_few_posts_is_skipped_not_failed(snapshot_builder, run_check):
    data = posts_at(snapshot_builder(), "10:00", "11:00", "12:00", "13:00", "14:00")
    posts_at(data, "03:00", account="tg")
    result = run_check(CHECK, data)
    assert_status(result, "pass")
    assert result.metrics["accounts"][1] == {"account": "tg", "posts": 1, "outside": None, "share": None}


def test_no_publication_times_is_not_applicable(snapshot_builder, run_check):
    result = run_check(CHECK, snapshot_builder().account("vk").post(text="undated"))
    assert_status(result, "not_applicable")
    assert result.missing == ("accounts[].posts[].published_at",)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"timezone": "Mars/Olympus"}, "option timezone: unknown time zone 'Mars/Olympus'"),
        ({"active_from": "8am"}, "option active_from must be a time HH:MM such as '08:00', got '8am'"),
        ({"active_until": "25:00"}, "option active_until must be a time HH:MM"),
        ({"warn_share": 0.6}, "option warn_share must not be greater than fail_share"),
    ],
)
def test_bad_options_are_an_error_that_says_why(snapshot_builder, run_check, options, message):
    result = run_check(CHECK, posts_at(snapshot_builder(), "10:00"), **options)
    assert_status(result, "error")
    assert message in result.message


def test_the_docs_example(snapshot_builder, run_check):
    data = (
        snapshot_builder(target_regions=["RU-MOW"])
        .account("vk", platform="vk")
        .post("p1", published_at="2026-10-30T03:10:00+03:00")
        .post("p2", published_at="2026-10-29T02:55:00+03:00")
        .post("p3", published_at="2026-10-28T13:00:00+03:00")
    )
    result = run_check(CHECK, data, min_posts=3)
    assert_status(result, "fail")
    assert_finding(result, severity="medium", location="/accounts/0", message_contains="(67%)")


def test_the_check_is_documented_and_declares_its_api():
    check = get_check(CHECK, plugins=["smm_audit_example.posting_hours"])
    headings = [line for line in check.docs.splitlines() if line.startswith("## ")]
    assert headings == ["## What it checks", "## Why it matters", "## Example", "## How to fix"]
    import smm_audit_example.posting_hours as module

    assert module.SMM_AUDIT_API == ("1",)
