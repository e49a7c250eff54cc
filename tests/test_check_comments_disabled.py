"""comments-disabled: accounts with comments off, posts with comments closed, unknown is not false."""

from __future__ import annotations

from typing import Any

import pytest

from smm_audit.engine import fingerprint
from smm_audit.testing import make_snapshot, run_check


def post(n: int, enabled: bool | None = True, **fields: Any) -> dict:
    data: dict[str, Any] = {"id": f"p{n}", "published_at": f"2026-10-{n + 1:02d}T10:00:00+03:00", **fields}
    if enabled is not None:
        data["comments_enabled"] = enabled
    return data


def account(posts: list[dict], comments: bool | None = True, **fields: Any) -> dict:
    data = {"id": fields.pop("id", "vk"), "platform": fields.pop("platform", "vk"), "posts": posts, **fields}
    if comments is not None:
        data["settings"] = {"comments_enabled": comments, **data.get("settings", {})}
    return data


def run(*accounts: dict, **options: Any):
    return run_check("comments-disabled", make_snapshot(accounts=list(accounts)), **options)


def test_open_comments_pass():
    result = run(account([post(i) for i in range(5)]))
    assert result.status == "pass" and result.score == 1.0 and not result.findings
    assert result.metrics["posts_checked"] == 5 and result.metrics["posts_comments_off"] == 0
    assert result.metrics["accounts"][0]["comments_enabled"] is True


def test_a_closed_post_on_an_open_account_warns():
    posts = [post(0), post(1, False, category="commercial"), post(2), post(3)]
    result = run(account(posts))
    assert result.status == "warn"
    (finding,) = result.findings
    assert finding.severity == "medium" and finding.location == "/accounts/0/posts/1"
    assert finding.key == ("post", "vk", "p1", "comments-off")
    assert finding.message == "vk vk: comments closed on post p1 (commercial, published 2026-10-02)"
    assert finding.evidence == {"published_at": "2026-10-02T10:00:00+03:00", "category": "commercial"}
    assert result.score == pytest.approx(0.75)
    (metrics,) = result.metrics["accounts"]
    assert metrics["posts_comments_off"] == 1 and metrics["commercial_posts_comments_off"] == 1
    assert metrics["examples"] == ["p1"] and metrics["share_comments_off"] == 0.25


def test_an_account_with_comments_off_fails_once_not_per_post():
    result = run(account([post(0), post(1, False), post(2, None)], comments=False), account([post(0)], id="ok"))
    assert result.status == "fail"
    (finding,) = result.findings
    assert finding.severity == "high" and finding.location == "/accounts/0/settings/comments_enabled"
    assert finding.key == ("account", "vk", "comments-off")
    assert "comments are turned off for the whole account" in finding.message
    assert finding.evidence == {"posts": 3, "posts_marked_closed": 1}
    assert result.score == pytest.approx(0.5)
    assert result.metrics["accounts_off"] == ["vk"] and result.metrics["accounts_comments_off"] == 1


def test_most_posts_closed_fails_like_a_closed_account():
    result = run(account([post(0, False), post(1, False), post(2, False), post(3)]))
    assert result.status == "fail"
    summary = [f for f in result.findings if f.key == ("account", "vk", "most-posts-closed")]
    assert len(summary) == 1 and summary[0].severity == "high" and summary[0].location == "/accounts/0"
    assert "comments closed on 3 of 4 posts (75%; limit 50%)" in summary[0].message
    assert len(result.findings) == 4
    assert run(account([post(0, False), post(1, False), post(2, False), post(3)]), fail_share=0.8).status == "warn"
    assert run(account([post(0, False), post(1)])).status == "warn"  # exactly half: not more than half


def test_settings_missing_is_unknown_not_false():
    result = run(account([post(0), post(1, False)], comments=None))
    assert result.status == "warn" and [f.key[-1] for f in result.findings] == ["comments-off"]
    assert result.findings[0].key[0] == "post"
    assert result.metrics["accounts"][0]["comments_enabled"] is None
    assert result.metrics["accounts_comments_unknown"] == 1
    assert run(account([post(0), post(1, False)], comments=False)).status == "fail"


def test_other_settings_without_comments_enabled_are_still_unknown():
    data = account([post(0, None)], comments=None, settings={"messages_enabled": True})
    assert run(data).status == "not_applicable"


def test_posts_without_the_flag_are_not_counted():
    result = run(account([post(0), post(1, None), post(2, None)]))
    assert result.status == "pass" and result.metrics["accounts"][0]["posts_checked"] == 1


def test_an_account_that_says_nothing_is_not_checked():
    result = run(account([post(0, None)], comments=None, id="tg"), account([post(0, False)]))
    assert result.metrics["accounts_checked"] == 1 and result.metrics["accounts"][0]["account"] == "vk"
    assert result.status == "fail"  # vk: 1 of 1 posts closed


def test_an_account_without_posts_is_judged_by_its_setting():
    assert run(account([], comments=True)).status == "pass"
    assert run({"id": "tg", "platform": "telegram", "settings": {"comments_enabled": False}}).status == "fail"


def test_nothing_said_anywhere_is_not_applicable():
    result = run(account([post(0, None)], comments=None))
    assert result.status == "not_applicable"
    assert result.missing == ("accounts[].settings.comments_enabled", "accounts[].posts[].comments_enabled")
    assert run_check("comments-disabled", make_snapshot()).status == "not_applicable"


def test_closed_ads_and_kinds_are_named():
    result = run(
        account(
            [post(0, False, is_ad=True), post(1, False, category="user_generated")] + [post(i) for i in range(2, 6)]
        )
    )
    messages = sorted(f.message for f in result.findings)
    assert messages == [
        "vk vk: comments closed on post p0 (an ad, published 2026-10-01)",
        "vk vk: comments closed on post p1 (user-generated, published 2026-10-02)",
    ]


def test_fingerprints_survive_reordering():
    a = account([post(0), post(1, False)], id="ig", platform="instagram")
    b = account([post(0)], comments=False, id="ok", platform="ok")
    first, second = run(a, b), run(b, a)
    prints = {fingerprint("comments-disabled", f.key) for f in first.findings}
    assert len(prints) == 2 and prints == {fingerprint("comments-disabled", f.key) for f in second.findings}
    assert sorted(f.location for f in second.findings) == [
        "/accounts/0/settings/comments_enabled",
        "/accounts/1/posts/1",
    ]


def test_the_documented_example():
    closed = {
        "id": "p7",
        "published_at": "2026-10-12T10:00:00+03:00",
        "category": "commercial",
        "comments_enabled": False,
    }
    posts = [closed] + [post(i) for i in range(10) if i != 7]
    result = run(account(posts))
    assert result.status == "warn"
    (finding,) = result.findings
    assert finding.location == "/accounts/0/posts/0" and finding.severity == "medium"
    assert finding.message.endswith("comments closed on post p7 (commercial, published 2026-10-12)")
    result = run(account(posts, comments=False))
    assert result.status == "fail" and result.findings[0].location == "/accounts/0/settings/comments_enabled"


def test_a_single_post_closed_out_of_one_is_more_than_half():
    assert run(account([post(0, False)])).status == "fail"
