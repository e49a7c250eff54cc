"""content-mix: commercial share of the last 30 posts, variety across the five kinds of content."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

import pytest

from smm_audit.engine import fingerprint
from smm_audit.testing import TAKEN_AT, make_snapshot, run_check

NOW = datetime.fromisoformat(TAKEN_AT)
KINDS = ("entertaining", "educational", "user_generated", "news")


def ago(days: float) -> str:
    return (NOW - timedelta(days=days)).isoformat()


def feed(commercial: int, total: int = 30, start: int = 0, **fields: Any) -> list[dict]:
    """``total`` posts a day apart from ``start`` days ago; the newest ``commercial`` ones sell, the rest vary."""
    posts = []
    for i in range(total):
        category = "commercial" if i < commercial else KINDS[i % len(KINDS)]
        posts.append({"id": f"p{start + i}", "published_at": ago(start + i + 1), "category": category, **fields})
    return posts


def account(posts: list[dict], **fields: Any) -> dict:
    return {"id": fields.pop("id", "vk"), "platform": fields.pop("platform", "vk"), "posts": posts, **fields}


def run(*accounts: dict, **options: Any):
    return run_check("content-mix", make_snapshot(accounts=list(accounts)), **options)


def test_a_varied_feed_that_sells_a_little_passes():
    result = run(account(feed(5)))
    assert result.status == "pass" and result.score == 1.0 and not result.findings
    (metrics,) = result.metrics["accounts"]
    assert metrics["commercial_share"] == pytest.approx(5 / 30) and metrics["posts_classified"] == 30
    assert metrics["categories"] == {
        "entertaining": 6,
        "educational": 7,
        "commercial": 5,
        "user_generated": 6,
        "news": 6,
    }
    assert 0.9 < metrics["variety"] <= 1 and metrics["effective_kinds"] == pytest.approx(5 ** metrics["variety"])


def test_more_than_a_fifth_commercial_warns():
    result = run(account(feed(8)))
    assert result.status == "warn"
    (finding,) = result.findings
    assert finding.severity == "medium" and finding.location == "/accounts/0"
    assert finding.key == ("account", "vk", "commercial-share")
    assert "8 of the last 30 classified posts are commercial or ads (27%; limit 20%)" in finding.message
    assert finding.evidence["examples"] == ["p0", "p1", "p2", "p3", "p4"]
    assert 0.5 < result.score < 1


def test_more_than_half_commercial_fails():
    result = run(account(feed(2), id="tg", platform="telegram"), account(feed(20)))
    assert result.status == "fail"
    (finding,) = result.findings
    assert finding.severity == "high" and finding.location == "/accounts/1"
    assert "(67%; limit 50%)" in finding.message
    assert result.metrics["highest_commercial_share"] == pytest.approx(20 / 30)
    assert result.metrics["commercial_share"] == pytest.approx(22 / 60)


def test_the_limits_are_strictly_above():
    assert run(account(feed(6))).status == "pass"  # exactly 20%
    assert run(account(feed(15))).status == "warn"  # exactly 50%


def test_the_score_falls_with_the_commercial_share():
    scores = [run(account(feed(n))).score for n in (3, 8, 12, 15, 22, 30)]
    assert scores == sorted(scores, reverse=True) and scores[0] == 1.0 and scores[-1] < 0.1


def test_only_the_last_30_posts_count():
    posts = feed(3) + feed(10, total=10, start=30)  # ten older selling posts
    result = run(account(posts))
    assert result.status == "pass" and result.metrics["accounts"][0]["posts_in_window"] == 30
    assert run(account(posts), window_posts=40).status == "warn"


def test_posts_after_taken_at_are_not_counted():
    future = [{"id": f"f{i}", "published_at": ago(-1 - i), "category": "commercial"} for i in range(10)]
    assert run(account(future + feed(3))).status == "pass"


def test_undated_posts_count_as_the_oldest():
    undated = [{"id": f"u{i}", "category": "commercial"} for i in range(10)]
    assert run(account(undated + feed(3))).status == "pass"
    assert run(account(undated + feed(3, total=20))).status == "warn"  # 13 of 30


def test_is_ad_without_category_counts_as_commercial():
    ads = [{"id": f"a{i}", "published_at": ago(i + 1), "is_ad": True} for i in range(10)]
    organic = [{"id": f"o{i}", "published_at": ago(20 + i), "is_ad": False} for i in range(10)]
    result = run(account(ads + organic))
    assert result.status == "warn"  # 10 of 20 = 50%: above 20%, not above 50%
    (metrics,) = result.metrics["accounts"]
    assert metrics["commercial_share"] == 0.5 and metrics["ads"] == 10
    assert metrics["posts_without_category"] == 20 and metrics["variety"] is None
    assert result.findings[0].evidence["ads"] == 10


def test_an_ad_on_an_educational_post_is_commercial_but_keeps_its_kind():
    posts = feed(0)
    for p in posts[:10]:
        p["is_ad"] = True
    result = run(account(posts))
    assert result.metrics["accounts"][0]["commercial_posts"] == 10
    assert result.metrics["accounts"][0]["categories"]["commercial"] == 0


def test_posts_with_neither_field_are_left_out():
    unknown = [{"id": f"u{i}", "published_at": ago(0.5 + i / 10)} for i in range(5)]
    (metrics,) = run(account(unknown + feed(5))).metrics["accounts"]
    assert metrics["posts_in_window"] == 30 and metrics["posts_classified"] == 25
    assert metrics["commercial_share"] == pytest.approx(5 / 25)


def test_one_kind_only_warns_for_variety():
    posts = [{"id": f"p{i}", "published_at": ago(i + 1), "category": "educational"} for i in range(30)]
    result = run(account(posts))
    assert result.status == "warn"
    (finding,) = result.findings
    assert finding.key == ("account", "vk", "low-variety") and finding.severity == "medium"
    assert "1 of the 5 kinds, educational 100% (variety 0.00)" in finding.message
    assert finding.evidence["unused"] == ["entertaining", "commercial", "user_generated", "news"]
    assert result.score == pytest.approx(0.75)


def test_two_kinds_half_and_half_is_a_mixed_format_not_a_monotone_one():
    posts = [
        {"id": f"p{i}", "published_at": ago(i + 1), "category": ("educational", "entertaining")[i % 2]}
        for i in range(30)
    ]
    result = run(account(posts))
    assert result.status == "pass"
    assert result.metrics["accounts"][0]["variety"] == pytest.approx(math.log(2) / math.log(5))
    assert run(account(posts), min_variety=0.5).status == "warn"


def test_all_five_kinds_equally_is_full_variety():
    posts = [{"id": f"p{i}", "published_at": ago(i + 1), "category": ("commercial", *KINDS)[i % 5]} for i in range(30)]
    (metrics,) = run(account(posts)).metrics["accounts"]
    assert metrics["variety"] == pytest.approx(1.0) and metrics["effective_kinds"] == pytest.approx(5.0)


def test_fewer_classified_posts_than_min_posts_is_not_enough_to_judge():
    result = run(account(feed(9, total=9)))
    assert result.status == "not_applicable" and "not enough to judge" in (result.message or "")
    assert run(account(feed(9, total=9)), min_posts=9).status == "fail"
    mixed = run(account(feed(2)), account(feed(5, total=5), id="tg", platform="telegram"))
    assert mixed.status == "pass" and mixed.metrics["accounts_not_judged"] == 1
    assert mixed.metrics["accounts"][1]["reason"].startswith("not enough to judge: 5 classified posts")


def test_no_category_nor_ad_flag_is_not_applicable():
    posts = [{"id": f"p{i}", "published_at": ago(i + 1)} for i in range(30)]
    result = run(account(posts))
    assert result.status == "not_applicable"
    assert result.missing == ("accounts[].posts[].category", "accounts[].posts[].is_ad")
    result = run({"id": "vk", "platform": "vk"})
    assert result.status == "not_applicable" and result.missing == ("accounts[].posts",)
    assert run(account([])).status == "not_applicable"


def test_shares_must_be_in_order():
    assert run(account(feed(5)), warn_share=0.6).status == "error"


def test_fingerprints_survive_reordering():
    a, b = account(feed(20), id="ig", platform="instagram"), account(feed(10), id="ok", platform="ok")
    first, second = run(a, b), run(b, a)
    prints = {fingerprint("content-mix", f.key) for f in first.findings}
    assert len(prints) == 2 and prints == {fingerprint("content-mix", f.key) for f in second.findings}


def test_the_documented_example():
    posts = [
        {"id": "p1", "published_at": ago(2), "category": "commercial"},
        {"id": "p2", "published_at": ago(3), "is_ad": True},
    ]
    posts += [{"id": f"c{i}", "published_at": ago(4 + i), "category": "commercial"} for i in range(18)]
    posts += [{"id": f"e{i}", "published_at": ago(30 + i), "category": "entertaining"} for i in range(10)]
    result = run(account(posts, platform="instagram", id="ig"))
    assert result.status == "fail"
    (finding,) = result.findings
    assert finding.severity == "high" and finding.location == "/accounts/0"
    assert "20 of the last 30 classified posts are commercial or ads (67%; limit 50%)" in finding.message
