"""Tests of the missing-utm check on small hand-built snapshots."""

from __future__ import annotations

from importlib import resources
from typing import Any
from urllib.parse import parse_qs

import pytest

from smm_audit.builtin_checks import missing_utm
from smm_audit.snapshot import Snapshot
from smm_audit.testing import get_check, make_snapshot, run_check

CHECK_ID = "missing-utm"
SITE = "https://zerno-coffee.ru"
TAGS = "utm_source=vk&utm_medium=social&utm_campaign=autumn"
TAGGED = f"{SITE}/shop?{TAGS}"
UNTAGGED = f"{SITE}/shop"


def snapshot(
    *,
    domains: list[str] | None = None,
    platform: str = "vk",
    accounts: list[dict[str, Any]] | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """One client (domains zerno-coffee.ru unless given) with one account carrying ``fields``."""
    client: dict[str, Any] = {"name": "Zerno", "domains": ["zerno-coffee.ru"] if domains is None else domains}
    if accounts is None:
        accounts = [{"id": "acc", "platform": platform, "handle": "zerno", **fields}]
    return make_snapshot(client=client, accounts=accounts)


def posts(*links: str, start: int = 1) -> list[dict[str, Any]]:
    """One post per link, ids p1, p2, …"""
    return [{"id": f"p{i}", "links": [link]} for i, link in enumerate(links, start)]


def of_kind(result: Any, kind: str) -> list[Any]:
    return [f for f in result.findings if kind in f.key]


# --------------------------------------------------------------------------- not applicable


def test_not_applicable_without_client_domains() -> None:
    data = make_snapshot(accounts=[{"id": "acc", "platform": "vk", "posts": posts(UNTAGGED)}])
    result = run_check(CHECK_ID, data)
    assert result.status == "not_applicable"
    assert list(result.missing) == ["client.domains"]
    assert "client.domains" in result.message and "set it" in result.message


def test_not_applicable_with_empty_client_domains() -> None:
    result = run_check(CHECK_ID, snapshot(domains=[], posts=posts(UNTAGGED)))
    assert result.status == "not_applicable"
    assert list(result.missing) == ["client.domains"]
    assert "empty" in result.message


def test_not_applicable_without_any_place_for_links() -> None:
    result = run_check(CHECK_ID, snapshot(followers_count=10))
    assert result.status == "not_applicable"
    assert set(result.missing) == {"accounts[].posts", "accounts[].ads", "accounts[].profile", "accounts[].comments"}


def test_not_applicable_without_accounts() -> None:
    result = run_check(CHECK_ID, make_snapshot(client={"name": "Zerno", "domains": ["zerno-coffee.ru"]}))
    assert result.status == "not_applicable"
    assert list(result.missing) == ["accounts"]


def test_empty_post_list_is_known_and_passes() -> None:
    result = run_check(CHECK_ID, snapshot(posts=[]))
    assert result.status == "pass"
    assert result.score == 1.0
    assert result.metrics["own_links"] == 0


# --------------------------------------------------------------------------- pass / warn / fail


def test_pass_when_every_own_link_is_tagged_everywhere() -> None:
    data = snapshot(
        posts=[{"id": "p1", "links": [TAGGED], "text": f"Купить: {SITE}/gift?{TAGS}"}],
        ads=[{"id": "ad1", "links": [f"{SITE}/?utm_source=vk&utm_medium=cpc&utm_campaign=ad"]}],
        profile={"website": f"{SITE}/?{TAGS}", "description": f"Магазин: zerno-coffee.ru/shop?{TAGS}"},
        comments=[{"id": "c1", "post_id": "p1", "from_account": True, "text": f"Каталог: {SITE}/catalog?{TAGS}"}],
    )
    result = run_check(CHECK_ID, data)
    assert result.status == "pass", result.findings
    assert result.findings == [] or list(result.findings) == []
    assert result.score == 1.0
    assert result.metrics["own_links_by_placement"] == {"ad": 1, "profile": 2, "post": 2, "comment": 1}
    assert result.metrics["tagged"] == 6 and result.metrics["untagged"] == 0


def test_links_to_other_sites_are_ignored() -> None:
    data = snapshot(posts=posts("https://moscowcoffeefestival.ru/", "https://www.youtube.com/watch?v=x"))
    result = run_check(CHECK_ID, data)
    assert result.status == "pass"
    assert list(result.findings) == []
    assert result.metrics["own_links"] == 0


def test_warn_when_one_organic_link_lacks_tags() -> None:
    data = snapshot(posts=posts(TAGGED, TAGGED, UNTAGGED))
    result = run_check(CHECK_ID, data)
    assert result.status == "warn"
    (finding,) = result.findings
    assert finding.severity == "medium"
    assert finding.location == "/accounts/0/posts/2/links/0"
    assert finding.key == ("post", "acc", "p3", "missing-utm", "zerno-coffee.ru/shop")
    assert "vk @zerno" in finding.message and "p3" in finding.message
    assert list(finding.evidence["missing"]) == ["utm_source", "utm_medium", "utm_campaign"]
    assert result.score == pytest.approx(2 / 3)


def test_fail_when_an_ad_link_lacks_tags() -> None:
    data = snapshot(
        posts=posts(TAGGED, TAGGED, TAGGED),
        ads=[{"id": "ad7", "name": "Осень", "links": [f"{SITE}/events?utm_source=vk&utm_medium=cpc"]}],
    )
    result = run_check(CHECK_ID, data)
    assert result.status == "fail"
    (finding,) = result.findings
    assert finding.severity == "high"
    assert finding.location == "/accounts/0/ads/0/links/0"
    assert list(finding.evidence["missing"]) == ["utm_campaign"]
    assert "utm_campaign" in finding.message and "utm_source" not in finding.message.split("with")[-1]
    assert "ad ad7 «Осень»" in finding.message


def test_promoted_post_counts_as_an_ad() -> None:
    data = snapshot(posts=[*posts(TAGGED, TAGGED, TAGGED), {"id": "promo", "is_ad": True, "links": [UNTAGGED]}])
    result = run_check(CHECK_ID, data)
    assert result.status == "fail"
    (finding,) = result.findings
    assert finding.severity == "high"
    assert result.metrics["own_links_by_placement"]["ad"] == 1


def test_fail_when_tagged_share_is_below_fail_below() -> None:
    data = snapshot(posts=posts(TAGGED, UNTAGGED, f"{SITE}/gift", f"{SITE}/blog"))
    result = run_check(CHECK_ID, data)
    assert result.status == "fail"
    assert result.score == pytest.approx(0.25)
    assert {f.severity for f in result.findings} == {"medium"}
    assert run_check(CHECK_ID, data, fail_below=0.2).status == "warn"


def test_the_finding_names_which_tags_are_missing() -> None:
    data = snapshot(posts=posts(f"{SITE}/a?utm_source=vk", f"{SITE}/b?utm_medium=social&utm_campaign=x"))
    by_post = {f.key[2]: f for f in run_check(CHECK_ID, data).findings}
    assert list(by_post["p1"].evidence["missing"]) == ["utm_medium", "utm_campaign"]
    assert "no utm_medium, utm_campaign" in by_post["p1"].message
    assert list(by_post["p2"].evidence["missing"]) == ["utm_source"]
    assert "utm_source=vk" in by_post["p2"].fix


# --------------------------------------------------------------------------- where links are found


def test_urls_inside_post_text_are_checked() -> None:
    result = run_check(CHECK_ID, snapshot(posts=[{"id": "p1", "text": f"Заказать: {UNTAGGED}."}]))
    (finding,) = result.findings
    assert finding.location == "/accounts/0/posts/0/text"
    assert finding.evidence["url"] == UNTAGGED


def test_profile_website_and_description() -> None:
    data = snapshot(profile={"website": SITE, "description": "Кофе ☕ Доставка: www.zerno-coffee.ru/shop, пишите!"})
    result = run_check(CHECK_ID, data)
    locations = {f.location: f for f in result.findings}
    assert set(locations) == {"/accounts/0/profile/website", "/accounts/0/profile/description"}
    assert locations["/accounts/0/profile/description"].evidence["url"] == "www.zerno-coffee.ru/shop"
    assert "profile website" in locations["/accounts/0/profile/website"].message
    assert {f.key[:2] for f in result.findings} == {("profile", "acc")}
    assert result.metrics["own_links_by_placement"]["profile"] == 2


def test_only_the_accounts_own_visible_comments_count() -> None:
    comments = [
        {"id": "c1", "post_id": "p1", "from_account": True, "reply_to": "c2", "text": f"Каталог: {UNTAGGED}"},
        {"id": "c2", "post_id": "p1", "from_account": False, "text": f"А тут дешевле: {SITE}/sale"},
        {"id": "c3", "post_id": "p1", "from_account": True, "deleted": True, "text": f"{SITE}/old"},
    ]
    result = run_check(CHECK_ID, snapshot(posts=[{"id": "p1"}], comments=comments))
    (finding,) = result.findings
    assert finding.key[:3] == ("comment", "acc", "c1")
    assert finding.location == "/accounts/0/comments/0/text"
    assert "reply c1 under post p1" in finding.message
    assert result.metrics["own_links_by_placement"]["comment"] == 1


def test_ads_links_and_posts_without_links() -> None:
    data = snapshot(posts=[{"id": "p1", "text": "Без ссылок"}], ads=[{"id": "a1"}, {"id": "a2", "links": [TAGGED]}])
    result = run_check(CHECK_ID, data)
    assert result.status == "pass"
    assert result.metrics["own_links_by_placement"]["ad"] == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Купить: https://zerno-coffee.ru/shop.", ["https://zerno-coffee.ru/shop"]),
        ("Ссылка (https://zerno-coffee.ru/shop)!", ["https://zerno-coffee.ru/shop"]),
        ("Вики: https://zerno-coffee.ru/wiki/(кофе), да", ["https://zerno-coffee.ru/wiki/(кофе)"]),
        ("«https://zerno-coffee.ru/gift»", ["https://zerno-coffee.ru/gift"]),
        ("Сайт: www.zerno-coffee.ru?", ["www.zerno-coffee.ru"]),
        ("Магазин: zerno-coffee.ru/shop!", ["zerno-coffee.ru/shop"]),
        ("Доставка зерна: zerno-coffee.ru", ["zerno-coffee.ru"]),
        ("Наш магазин shop.zerno-coffee.ru/catalog, заходите", ["shop.zerno-coffee.ru/catalog"]),
        ("Пишите: hello@zerno-coffee.ru", []),
        ("Не наш: zerno-coffee.ru.evil.com/x и evilzerno-coffee.ru", []),
        ("a https://x.ru/a?b=1, b http://y.ru", ["https://x.ru/a?b=1", "http://y.ru"]),
        ("без ссылок вообще", []),
    ],
)
def test_urls_in_text(text: str, expected: list[str]) -> None:
    assert missing_utm.Auditor(["zerno-coffee.ru"]).urls_in(text) == expected


def test_bare_idn_domain_in_text() -> None:
    auditor = missing_utm.Auditor([missing_utm.normalise_host("кофе.рф") or ""])
    assert auditor.urls_in("Сайт: КОФЕ.РФ/магазин, и xn--e1ajmy.xn--p1ai") == ["КОФЕ.РФ/магазин", "xn--e1ajmy.xn--p1ai"]


# --------------------------------------------------------------------------- URL edge cases


@pytest.mark.parametrize(
    ("url", "own"),
    [
        ("https://ZERNO-COFFEE.RU/shop", True),
        ("https://www.zerno-coffee.ru/shop", True),
        ("https://WWW.Zerno-Coffee.RU/shop", True),
        ("https://zerno-coffee.ru./shop", True),
        ("https://zerno-coffee.ru:8443/shop", True),
        ("https://user:hunter2@zerno-coffee.ru/shop", True),
        ("https://shop.zerno-coffee.ru/catalog", True),
        ("zerno-coffee.ru/shop", True),
        ("//zerno-coffee.ru/shop", True),
        ("https://zerno-coffee.ru.evil.com/shop", False),
        ("https://evilzerno-coffee.ru/shop", False),
        ("https://zerno-coffee.ru@evil.com/shop", False),
        ("https://moscowcoffeefestival.ru/", False),
        ("mailto:hello@zerno-coffee.ru", False),
    ],
)
def test_own_domain_matching(url: str, own: bool) -> None:
    result = run_check(CHECK_ID, snapshot(posts=posts(url)))
    assert result.metrics["own_links"] == (1 if own else 0)
    assert len(of_kind(result, "missing-utm")) == (1 if own else 0)
    assert result.metrics["malformed"] == 0


def test_password_in_a_link_is_masked() -> None:
    result = run_check(CHECK_ID, snapshot(posts=posts("https://user:hunter2@zerno-coffee.ru/shop")))
    (finding,) = result.findings
    assert "hunter2" not in finding.message and "hunter2" not in str(finding.evidence)
    assert "hunter2" not in "".join(finding.key)
    assert "https://[REDACTED]@zerno-coffee.ru/shop" in finding.message


@pytest.mark.parametrize(
    ("domain", "url"),
    [
        ("кофе.рф", "https://xn--e1ajmy.xn--p1ai/shop"),
        ("xn--e1ajmy.xn--p1ai", "https://кофе.рф/shop"),
        ("кофе.рф", "https://КОФЕ.РФ/shop"),
        ("КОФЕ.РФ", "https://shop.кофе.рф./shop"),
        ("xn--e1ajmy.xn--p1ai", "https://www.XN--E1AJMY.xn--p1ai/shop"),
    ],
)
def test_idn_hosts_match_in_punycode(domain: str, url: str) -> None:
    result = run_check(CHECK_ID, snapshot(domains=[domain], posts=posts(url)))
    assert result.metrics["own_links"] == 1
    assert len(of_kind(result, "missing-utm")) == 1


def test_idn_normalisation() -> None:
    assert missing_utm.normalise_host("кофе.рф") == "xn--e1ajmy.xn--p1ai"
    assert missing_utm.normalise_host("WWW.Zerno-Coffee.RU.") == "zerno-coffee.ru"
    assert missing_utm.normalise_host("bad host.ru") is None


def test_tags_in_the_fragment_do_not_count() -> None:
    result = run_check(CHECK_ID, snapshot(posts=posts(f"{SITE}/shop#{TAGS}")))
    (finding,) = result.findings
    assert list(finding.evidence["missing"]) == ["utm_source", "utm_medium", "utm_campaign"]
    assert "fragment" in finding.message


@pytest.mark.parametrize(
    ("query", "missing"),
    [
        ("utm_source=&utm_source=vk&utm_medium=social&utm_campaign=a", []),  # first non-empty wins
        ("utm_source=vk&utm_source=&utm_medium=social&utm_campaign=a", []),
        ("utm_source=&utm_medium=social&utm_campaign=a", ["utm_source"]),
        ("utm_source=%20&utm_medium=social&utm_campaign=a", ["utm_source"]),  # only a space is empty
        ("utm%5Fsource=vk&utm_medium=social&utm_campaign=a", []),  # percent-encoded name
        ("utm_source=v%6B&utm%5fmedium=social&utm_campaign=autumn%20sale", []),
        ("UTM_SOURCE=vk&utm_medium=social&utm_campaign=a", ["utm_source"]),  # names are case-sensitive
        ("utm_source=vk&utm_medium=social&utm_campaign", ["utm_campaign"]),
    ],
)
def test_query_parsing(query: str, missing: list[str]) -> None:
    result = run_check(CHECK_ID, snapshot(posts=posts(f"{SITE}/shop?{query}")))
    found = of_kind(result, "missing-utm")
    assert [list(f.evidence["missing"]) for f in found] == ([missing] if missing else [])
    assert result.metrics["source_mismatches"] == 0


def test_wrong_case_and_empty_tags_get_a_hint() -> None:
    result = run_check(CHECK_ID, snapshot(posts=posts(f"{SITE}/a?UTM_Source=vk&utm_medium=&utm_campaign=x")))
    (finding,) = result.findings
    hints = " ".join(finding.evidence["hints"])
    assert "UTM_Source" in hints and "case-sensitive" in hints
    assert "empty" in hints


def test_tags_without_question_mark_get_a_hint() -> None:
    result = run_check(CHECK_ID, snapshot(posts=posts(f"{SITE}/shop&{TAGS}")))
    (finding,) = result.findings
    assert "'?'" in " ".join(finding.evidence["hints"])


def test_repeated_source_first_non_empty_value_is_compared() -> None:
    url = f"{SITE}/a?utm_source=&utm_source=facebook&utm_source=vk&utm_medium=social&utm_campaign=x"
    result = run_check(CHECK_ID, snapshot(posts=posts(url)))
    (finding,) = result.findings
    assert "source-mismatch" in finding.key
    assert finding.evidence["utm_source"] == "facebook"


# --------------------------------------------------------------------------- copy-paste utm_source


@pytest.mark.parametrize(
    ("platform", "source", "mismatch"),
    [
        ("vk", "facebook", True),
        ("vk", "FB", True),
        ("vk", "instagram", True),
        ("vk", "ig", True),
        ("vk", "vk", False),
        ("vk", "VKontakte", False),
        ("vk", "vk.com", False),
        ("vk", "newsletter", False),
        ("vk", "vk_ads", False),
        ("telegram", "tg", False),
        ("telegram", "vk", True),
        ("instagram", "telegram", True),
        ("ok", "odnoklassniki", False),
        ("youtube", "yt", False),
        ("x", "twitter", False),
        ("tiktok", "youtube", True),
        ("facebook", "x", True),
        ("other", "facebook", False),
    ],
)
def test_source_contradicting_the_platform(platform: str, source: str, mismatch: bool) -> None:
    url = f"{SITE}/a?utm_source={source}&utm_medium=social&utm_campaign=x"
    result = run_check(CHECK_ID, snapshot(platform=platform, posts=posts(url)))
    found = of_kind(result, "source-mismatch")
    assert len(found) == (1 if mismatch else 0)
    if mismatch:
        assert found[0].severity == "low"
        assert "copied" in found[0].message
        assert result.status == "warn"
        assert result.metrics["source_mismatches"] == 1
        assert result.score == 1.0  # the link is tagged: the share does not fall
    else:
        assert result.status == "pass"


def test_mismatch_and_missing_tags_on_one_link_are_two_findings() -> None:
    result = run_check(CHECK_ID, snapshot(posts=posts(f"{SITE}/a?utm_source=instagram&utm_medium=social")))
    assert sorted(f.key[3] for f in result.findings) == ["missing-utm", "source-mismatch"]


# --------------------------------------------------------------------------- shortened links


@pytest.mark.parametrize("url", ["https://vk.cc/cAbX9q", "https://clck.ru/3BzK9p", "http://bit.ly/x", "t.co/abc"])
def test_shortened_links_are_unverifiable(url: str) -> None:
    result = run_check(CHECK_ID, snapshot(posts=posts(url)))
    (finding,) = result.findings
    assert finding.severity == "info"
    assert "shortened" in finding.key
    assert "cannot be verified" in finding.message
    assert "HTTP" in finding.fix
    assert result.status == "pass"
    assert result.metrics["shortened"] == 1
    assert result.metrics["own_links"] == 0


def test_shortened_link_in_text_and_platform_links_are_not_shorteners() -> None:
    text = "Подробнее: https://clck.ru/3BzK9p. Канал: https://t.me/zerno, видео https://youtu.be/x"
    result = run_check(CHECK_ID, snapshot(posts=[{"id": "p1", "text": text}]))
    (finding,) = result.findings
    assert finding.evidence["shortener"] == "clck.ru"


def test_bundled_shortener_list() -> None:
    hosts = missing_utm.shorteners()
    for host in ("bit.ly", "vk.cc", "clck.ru", "t.co", "goo.gl", "tinyurl.com", "ow.ly", "is.gd", "cutt.ly", "u.to"):
        assert host in hosts
    assert "t.me" not in hosts and "youtu.be" not in hosts
    assert "shrunken.com" in hosts  # "www.shrunken.com" in the list, normalised
    assert missing_utm.is_shortener("go.bit.ly", hosts)
    assert not missing_utm.is_shortener("notbit.ly", hosts)
    text = (resources.files("smm_audit.builtin_checks") / "data" / "url_shorteners.txt").read_text(encoding="utf-8")
    assert "PeterDaveHello/url-shorteners" in text and "CC BY-SA 4.0" in text


def test_own_domain_wins_over_the_shortener_list() -> None:
    result = run_check(CHECK_ID, snapshot(domains=["bit.ly"], posts=posts("https://bit.ly/x")))
    assert result.metrics["own_links"] == 1 and result.metrics["shortened"] == 0


# --------------------------------------------------------------------------- malformed links


@pytest.mark.parametrize(
    ("url", "severity"),
    [
        ("https://zerno-coffee.ru:99999/shop", "medium"),
        ("https://zerno-coffee.ru:abc/shop", "medium"),
        ("https://zerno-coffee.ru]/shop", "medium"),
        ("http://[::zz]/shop", "low"),
        ("http://[::1/shop", "low"),
        ("https://zerno-coffee.ru/shop sets?utm_source=vk", "medium"),
        ("https:///shop", "low"),
        ("https://zerno_coffee..ru/shop", "low"),
        ("htps://zerno-coffee.ru/shop", "medium"),
        ("https://кофе..рф/shop", "low"),
    ],
)
def test_malformed_links_are_findings_not_crashes(url: str, severity: str) -> None:
    result = run_check(CHECK_ID, snapshot(posts=posts(url, TAGGED)))
    assert result.status == "warn"
    (finding,) = result.findings
    assert "malformed" in finding.key
    assert finding.severity == severity
    assert finding.evidence["reason"]
    assert result.metrics["malformed"] == 1
    assert result.metrics["own_links"] == 1  # the tagged one


def test_malformed_url_in_text() -> None:
    result = run_check(CHECK_ID, snapshot(posts=[{"id": "p1", "text": "Тут: https://zerno-coffee.ru:99999/shop"}]))
    (finding,) = result.findings
    assert "malformed" in finding.key and finding.severity == "medium"


def test_weird_link_strings_never_crash() -> None:
    weird = [
        "",
        "   ",
        "http://",
        "https://[",
        "tel:+74951234567",
        "javascript:void(0)",
        "Купить",
        "::::",
        "?#",
        "\x00",
        "https://zerno-coffee.ru/\u2028",
        "http://%zz/",
        "https://" + "a" * 300 + ".ru/",
    ]
    result = run_check(CHECK_ID, snapshot(posts=posts(*weird), profile={"website": "https://"}))
    assert result.status == "fail"  # the one own link (p11, its trailing U+2028 stripped) is untagged
    assert [f.key[2] for f in of_kind(result, "missing-utm")] == ["p11"]
    malformed = sorted(f.key[2] if f.key[0] == "post" else f.key[0] for f in of_kind(result, "malformed"))
    assert malformed == ["p10", "p12", "p13", "p3", "p4", "p8", "p9", "profile"]


# --------------------------------------------------------------------------- score and weights


def test_score_is_weighted_by_placement() -> None:
    data = snapshot(
        posts=posts(UNTAGGED, f"{SITE}/gift"),
        ads=[{"id": "a1", "links": [TAGGED]}],
        profile={"website": f"{SITE}/?{TAGS}"},
        comments=[{"id": "c1", "post_id": "p1", "from_account": True, "text": f"{SITE}/blog"}],
    )
    result = run_check(CHECK_ID, data)
    # tagged: ad 3 + profile 2; untagged: two posts 1 + 1, a comment 1 → 5 / 8
    assert result.score == pytest.approx(5 / 8)
    assert result.metrics["weighted_tagged_share"] == pytest.approx(5 / 8)
    assert result.metrics["tagged_share"] == pytest.approx(2 / 5)
    assert result.status == "warn"
    heavy_posts = run_check(CHECK_ID, data, weight_posts=10.0, weight_comments=10.0)
    assert heavy_posts.score == pytest.approx(5 / 35)
    assert heavy_posts.status == "fail"


def test_all_weights_zero_falls_back_to_the_plain_share() -> None:
    data = snapshot(posts=posts(TAGGED, UNTAGGED))
    options = {"weight_ads": 0.0, "weight_profile": 0.0, "weight_posts": 0.0, "weight_comments": 0.0}
    assert run_check(CHECK_ID, data, **options).score == pytest.approx(0.5)


def test_metrics() -> None:
    data = snapshot(
        posts=[
            *posts(TAGGED, UNTAGGED, "https://vk.cc/x", "https://zerno-coffee.ru:0x/"),
            {"id": "p9", "links": [f"{SITE}/a?utm_source=fb&utm_medium=social&utm_campaign=x"]},
        ],
        ads=[{"id": "a1", "links": [f"{SITE}/b?utm_source=vk"]}],
    )
    metrics = run_check(CHECK_ID, data).metrics
    assert metrics["own_links"] == 4
    assert metrics["own_links_by_placement"] == {"ad": 1, "profile": 0, "post": 3, "comment": 0}
    assert metrics["tagged"] == 2 and metrics["untagged"] == 2
    assert metrics["untagged_by_placement"]["ad"] == 1
    assert metrics["missing_by_param"] == {"utm_source": 1, "utm_medium": 2, "utm_campaign": 2}
    assert metrics["tagged_share"] == 0.5
    assert metrics["shortened"] == 1 and metrics["malformed"] == 1 and metrics["source_mismatches"] == 1
    assert metrics["accounts"] == [
        {"account": "acc", "own_links": 4, "untagged": 2, "shortened": 1, "malformed": 1, "source_mismatches": 1}
    ]


# --------------------------------------------------------------------------- dedupe and stable keys


def test_one_finding_per_entity_and_url() -> None:
    post = {
        "id": "p1",
        "links": [UNTAGGED, "http://WWW.zerno-coffee.ru/shop#top"],
        "text": f"Купить: {UNTAGGED} или zerno-coffee.ru/shop",
    }
    result = run_check(CHECK_ID, snapshot(posts=[post, {"id": "p2", "text": UNTAGGED}]))
    assert sorted(f.key for f in result.findings) == [
        ("post", "acc", "p1", "missing-utm", "zerno-coffee.ru/shop"),
        ("post", "acc", "p2", "missing-utm", "zerno-coffee.ru/shop"),
    ]
    assert {f.location for f in result.findings} == {"/accounts/0/posts/0/links/0", "/accounts/0/posts/1/text"}
    assert result.metrics["own_links"] == 2


def test_different_queries_are_different_links() -> None:
    result = run_check(CHECK_ID, snapshot(posts=[{"id": "p1", "links": [f"{SITE}/a?x=1", f"{SITE}/a?x=2"]}]))
    assert len(result.findings) == 2


def test_keys_use_ids_not_positions() -> None:
    links = [TAGGED, UNTAGGED, f"{SITE}/gift?utm_source=ig", "https://vk.cc/x"]
    forward = run_check(CHECK_ID, snapshot(posts=posts(*links)))
    backward = run_check(CHECK_ID, snapshot(posts=list(reversed(posts(*links)))))
    assert sorted(f.key for f in forward.findings) == sorted(f.key for f in backward.findings)
    assert {f.location for f in forward.findings} != {f.location for f in backward.findings}


def test_several_accounts() -> None:
    vk_tagged = f"{SITE}/a?utm_source=vk&utm_medium=social&utm_campaign=x"
    accounts = [
        {"id": "vk", "platform": "vk", "posts": posts(vk_tagged)},
        {"id": "tg", "platform": "telegram", "posts": posts(vk_tagged)},
        {"id": "ig", "platform": "instagram", "profile": {"website": SITE}},
    ]
    result = run_check(CHECK_ID, snapshot(accounts=accounts))
    assert sorted((*f.key[:2], f.key[-2]) for f in result.findings) == [
        ("post", "tg", "source-mismatch"),
        ("profile", "ig", "missing-utm"),
    ]
    assert "utm_source=instagram" in next(f.fix for f in result.findings if f.key[1] == "ig")
    assert [m["account"] for m in result.metrics["accounts"]] == ["vk", "tg", "ig"]


# --------------------------------------------------------------------------- docs


def test_docs_have_the_four_sections() -> None:
    check = get_check(CHECK_ID)
    headings = [line for line in check.docs.splitlines() if line.startswith("## ")]
    assert headings == ["## What it checks", "## Why it matters", "## Example", "## How to fix"]
    assert check.category == "tracking" and check.severity == "medium"
    assert {opt.name for opt in check.options} == {
        "fail_below",
        "weight_ads",
        "weight_profile",
        "weight_posts",
        "weight_comments",
    }
    assert "000 L118" in check.docs and "001 L90" in check.docs


def test_docs_example_behaves_as_documented() -> None:
    data = snapshot(
        posts=[
            {"id": "-187654321_1140", "links": ["https://zerno-coffee.ru/gift"]},
            {
                "id": "-187654321_1161",
                "links": ["https://zerno-coffee.ru/blog?utm_source=facebook&utm_medium=social&utm_campaign=brew"],
            },
        ],
        ads=[{"id": "vkads-55012", "links": ["https://zerno-coffee.ru/events/degustaciya"]}],
    )
    result = run_check(CHECK_ID, data)
    assert result.status == "fail"
    assert result.score == pytest.approx(0.2)
    assert sorted(f.severity for f in result.findings) == ["high", "low", "medium"]
    assert next(f for f in result.findings if f.severity == "high").location == "/accounts/0/ads/0/links/0"


@pytest.mark.parametrize(
    "query",
    [
        "utm_source=vk&utm_medium=social&utm_campaign=a",
        "utm%5Fsource=vk&%75tm_medium=a+b&utm_campaign=%D0%BE%D1%81%D0%B5%D0%BD%D1%8C",
        "utm_source&&utm_source=&utm_source==x&=y&UTM_Medium=1",
        "utm_source=%zz&utm_medium=%E2%82&utm+campaign=x&utm_campaign=a%2Bb",
        "a=1;utm_source=vk&b",
        "",
    ],
)
def test_utm_params_decode_like_parse_qs(query: str) -> None:
    expected = {k: v for k, v in parse_qs(query, keep_blank_values=True).items() if k[:4].lower() == "utm_"}
    assert missing_utm.utm_params(query) == expected


def test_tags_are_read_once_per_query_and_still_see_the_path_and_fragment():
    parse, read = missing_utm.parse_link, missing_utm.read_tags
    query = "?utm_source=vk&utm_medium=social"
    first, second = read(parse(f"https://shop.ru/a{query}")), read(parse(f"https://shop.ru/b{query}"))
    assert first is second and first.missing == ("utm_campaign",) and first.hints == ()
    in_path = read(parse("https://shop.ru/a/utm_campaign=x" + query))
    assert in_path.missing == ("utm_campaign",) and "tags in the path" in in_path.hints[0]
    in_fragment = read(parse(f"https://shop.ru/a{query}#utm_campaign=x"))
    assert "fragment" in in_fragment.hints[0]


def test_plain_urls_are_split_as_urlsplit_splits_them():
    from urllib.parse import urlsplit

    hosts = ["shop.ru", "Shop.EXAMPLE.ru.", "xn--e1ajmy.xn--p1ai", "a-b.c", "1.2.3.4", "-bad-.ru", "..", "x"]
    tails = ["", "/", "/a/b", "?", "?utm_source=vk&x=1", "#", "#frag?x", "/p?q#f", "/p#f?q", "?a#b#c", "/%D0%B0?q=%20"]
    urls = [
        f"{scheme}://{host}{tail}" for scheme in ("http", "https", "HTTPS", "hTtP") for host in hosts for tail in tails
    ]
    urls += [
        "http://user@shop.ru/",
        "http://shop.ru:8080/x",
        "http://[::1]/",
        "http:///x",
        "http://shop.ru\\x",
        "ftp://a.b/",
    ]
    for url in urls:
        parts = urlsplit(url)
        assert missing_utm.split_url(url) == (parts.hostname, parts.port, parts.path, parts.query, parts.fragment), url


TRICKY_LINKS = [
    TAGGED,
    UNTAGGED,
    f"{SITE}/shop?{TAGS}#x",
    f"{SITE}/shop#{TAGS}",
    f"{SITE}/utm_source=vk",
    f"{SITE}",
    f"{SITE}?",
    f"{SITE}#",
    f"{SITE}/?{TAGS}",
    f"HTTPS://Zerno-Coffee.RU/Shop?{TAGS}",
    f"hTtP://zerno-coffee.ru./shop?{TAGS}",
    f"https://www.zerno-coffee.ru/shop?{TAGS}",
    f"https://zerno-coffee.ru:443/shop?{TAGS}",
    f"https://zerno-coffee.ru:8080/shop?{TAGS}",
    f"https://zerno-coffee.ru:99999/shop?{TAGS}",
    f"https://user:pw@zerno-coffee.ru/shop?{TAGS}",
    f" {TAGGED} ",
    f"{TAGGED}\n",
    f"{SITE}/a b?{TAGS}",
    f"{SITE}/кофе?{TAGS}",
    f"https://кофе.рф/?{TAGS}",
    "https://xn--e1ajmy.xn--p1ai/?utm_source=vk",
    f"https://zerno-coffee.ru..evil/shop?{TAGS}",
    f"https://-bad-.zerno-coffee.ru/?{TAGS}",
    f"https://a_b.zerno-coffee.ru/?{TAGS}",
    f"https://{'a' * 64}.zerno-coffee.ru/?{TAGS}",
    "https://[::1]/shop",
    "https://[bad/shop",
    "https:///shop",
    "https://",
    "http://.",
    "https://zerno-coffee.ru/shop?utm_source=facebook&utm_medium=social&utm_campaign=a",
    "https://zerno-coffee.ru/shop?utm_source=VK&utm_medium=social&utm_campaign=a",
    "https://zerno-coffee.ru/shop?UTM_SOURCE=vk&utm_medium=social&utm_campaign=a",
    "https://zerno-coffee.ru/shop?utm%5Fsource=vk&utm_medium=social&utm_campaign=a",
    "https://zerno-coffee.ru/shop?utm_source=+&utm_medium=social&utm_campaign=a",
    "https://evilzerno-coffee.ru/shop",
    "https://zerno-coffee.ru.evil.com/shop",
    "https://bit.ly/abc",
    "https://sub.bit.ly/abc",
    "https://example.com/x?utm_source=facebook",
    "ftp://zerno-coffee.ru/file",
    "mailto:info@zerno-coffee.ru",
    "tel:+79161234567",
    "zerno-coffee.ru/shop",
    "//zerno-coffee.ru/shop",
    "www.zerno-coffee.ru/shop",
    "",
    "   ",
    "https://zerno-coffee.ru/shop?a=1&token=s3cr3t",
    "https://zerno-coffee.ru/\x7f",
    "https://zerno-coffee.ru/\u00a0x",
]


@pytest.mark.parametrize("raw", TRICKY_LINKS)
def test_the_shortcut_for_usual_links_parses_as_the_plain_reading(raw: str) -> None:
    assert missing_utm.parse_link.__wrapped__(raw) == missing_utm.parse_link_plainly(raw)


def _plain_text_pattern(domains: list[str]) -> Any:
    """missing_utm.text_pattern as first written: no lookahead for the dot, no ASCII runs (the definition)."""
    import re

    forms = {form for domain in domains for form in (domain, missing_utm.unicode_host(domain))}
    names = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    chars = r"[^\s<>\"«»“”]"
    bare = rf"(?:[\w-]+\.)*(?:{names})(?!\.?[\w-])(?::\d+)?(?:[/?#]{chars}*)?"
    return re.compile(rf"(?<![\w@./-])(?:(?:https?://|www\.){chars}+|{bare})", re.IGNORECASE)


@pytest.mark.parametrize(
    "domains",
    [["zerno-coffee.ru"], ["zerno-coffee.ru", "xn--e1ajmy.xn--p1ai"], ["localhost", "zerno-coffee.ru"], [], [""]],
)
def test_the_text_pattern_finds_what_its_plain_spelling_finds(domains: list[str]) -> None:
    import random

    pattern = missing_utm.text_pattern(domains)
    plain = _plain_text_pattern(domains)
    rng = random.Random(5)
    pieces = [
        *TRICKY_LINKS,
        " ",
        ".",
        "-",
        "ſ",
        "K",
        "İ",
        "«",
        "“",
        '"',
        "<",
        "\u00a0",
        "\x7f",
        "é",
        "кофе.рф",
        "КОФЕ.РФ",
    ]
    pieces += ["localhost/x", "LOCALHOST", "Zerno-Coffee.RU", "www.", "http://", "a.", "@", "/", "_", "shop."]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 8))) for _ in range(3000)]
    texts += [f"Post {i}: {link} и {link}." for i, link in enumerate(TRICKY_LINKS)]
    for text in texts:
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)], text


@pytest.mark.parametrize("platform", ["vk", "facebook", "myspace"])
@pytest.mark.parametrize("raw", TRICKY_LINKS)
def test_a_plain_links_verdict_is_that_of_the_parsed_link(raw: str, platform: str) -> None:
    auditor = missing_utm.Auditor(["zerno-coffee.ru", "кофе.рф"])
    link = missing_utm.parse_link_plainly(raw)
    expected = 0 if link is None else auditor.quiet_verdict(link, platform)
    assert auditor.plain_verdict(raw, platform) == expected
    assert auditor.plain_verdict(raw, platform) == expected  # again, from the host cache


def test_quiet_tags_are_read_tags_without_a_finding() -> None:
    queries = [TAGS, "utm_source=fb&utm_medium=a&utm_campaign=b", "utm_source=VK&utm_medium=a&utm_campaign=b", ""]
    queries += ["utm_source=+&utm_medium=a&utm_campaign=b", "utm%5Fsource=tg&utm_medium=a&utm_campaign=b"]
    for query in queries:
        for platform in ("vk", "telegram", "facebook", "myspace"):
            tags = missing_utm.read_tags(missing_utm.Link("x", "x", "x", "/", query))
            named = missing_utm.SOURCE_PLATFORM.get(tags.values.get("utm_source", "").lower())
            other = named is not None and platform in missing_utm.PLATFORM_SOURCES and named != platform
            quiet = not tags.missing and not other
            assert missing_utm.quiet_tags(query, platform) == quiet


def _tricky_posts() -> list[dict[str, Any]]:
    """Posts of one, two and three of the tricky links, in links[] and in text, some promoted."""
    found: list[dict[str, Any]] = []
    shown = [link for link in TRICKY_LINKS if link.strip()]
    for i, link in enumerate(TRICKY_LINKS):
        other = shown[(i * 7 + 3) % len(shown)]
        found.append({"id": f"a{i}", "links": [link]})
        found.append({"id": f"b{i}", "links": [TAGGED, link], "is_ad": i % 3 == 0})
        found.append({"id": f"c{i}", "text": f"Read {link}, then {other}!", "links": [other]})
        found.append({"id": f"d{i}", "text": f"{TAGGED} and ({link})", "links": [TAGGED, 7, link]})
        found.append({"id": f"e{i}", "text": link, "is_ad": i % 2 == 0})
        found.append({"id": f"f{i}", "text": f"Post {i}: {link}", "links": [link], "is_ad": i % 4 == 0})
        found.append({"id": f"g{i}", "text": f"{link}. {link}", "links": [link]})
        found.append({"id": f"h{i}", "text": f"{link}/x {other}", "links": [link]})
    for end in ".)!":  # a text of one link with the punctuation a sentence puts after it: two links
        found.append({"id": f"end{end}", "text": f"{TAGGED}{end}", "links": [f"{TAGGED}{end}"]})
    return found


@pytest.mark.parametrize("texts", ["all", "strings", "odd"])
@pytest.mark.parametrize("platform", ["vk", "instagram", "myspace"])
def test_the_shortcut_for_quiet_posts_gives_what_judging_every_link_gives(platform: str, texts: str) -> None:
    posts = _tricky_posts()
    if texts == "strings":  # every post has a text string: what the pattern finds is found by C-level calls
        posts = [post for post in posts if isinstance(post.get("text"), str)]
    elif texts == "odd":
        posts.append({"id": "odd", "text": 7, "links": [TAGGED]})
    data = snapshot(platform=platform, posts=posts, ads=[{"id": "ad1", "links": [UNTAGGED]}])
    snap = Snapshot(data)
    account = snap.accounts[0]
    auditor = missing_utm.Auditor([*missing_utm.own_domains(snap), missing_utm.normalise_host("кофе.рф") or ""])
    fast_tally, fast = auditor.account(account)
    plain_tally, plain = missing_utm.Auditor(auditor.own_domains).account_plainly(account)
    assert fast == plain
    assert fast_tally == plain_tally
    assert fast_tally.own_total > 100 and fast_tally.untagged_total > 50  # both kinds of post are there


def test_urls_in_survives_an_empty_match() -> None:
    """With an empty own name the bare form matches the empty string: the first spelling gave it back, trimmed."""
    for text in (". ", "a . b", "see a.b and https://x.ru/a."):
        plain = [missing_utm.trim_url(m) for m in _plain_text_pattern([""]).findall(text)]
        assert missing_utm.Auditor([""]).urls_in(text) == plain, text


# --------------------------------------------------------------------------- the pass over all posts at once

_HINT_DOMAINS = [["zerno-coffee.ru"], ["zerno-coffee.ru", "xn--e1ajmy.xn--p1ai"], ["localhost", "zerno-coffee.ru"]]


def _odd_texts(seed: int, count: int) -> list[str]:
    """Texts made of links, own names in odd cases, look-alike letters (ſ, K, İ) and punctuation."""
    import random

    rng = random.Random(seed)
    pieces = [*TRICKY_LINKS, " ", "\n", "\u00a0", ".", ":", "//", "-", "ſ", "K", "İ", "ı", "«", '"', "<", "@"]
    pieces += ["кофе.рф", "КОФЕ.РФ", "Zerno-Coffee.RU", "zerno-coffeeſ.ru", "WWW.", "www", "HTTP://", "a.", "shop."]
    pieces += ["localhost/x", "LOCALHOST", "ZERNO-COFFEE.RU", "Post 1:", "ok.", "e.g.", "10:30"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randrange(0, 7))) for _ in range(count)]


@pytest.mark.parametrize("domains", [*_HINT_DOMAINS, [], [""]])
def test_the_text_hint_finds_something_in_every_text_the_text_pattern_finds_a_url_in(domains: list[str]) -> None:
    pattern, hint = missing_utm.text_pattern(domains), missing_utm.text_hint(domains)
    texts = _odd_texts(11, 4000)
    found = [text for text in texts if pattern.search(text)]
    assert len(found) > 1000  # the texts are worth it
    assert [text for text in found if not hint.search(text)] == []
    if domains == ["zerno-coffee.ru"]:  # and the hint is no pattern that finds everything
        assert not hint.search("Post 12: see you at 10 a.m. (i.e. soon)") and not hint.search("")


def _odd_posts(seed: int, count: int) -> list[dict[str, Any]]:
    """Posts of every shape the pass over all posts sorts: one link shown alone in its text (or not), one link
    inside a word or before punctuation, no link, several, links that are no list of strings, texts that are
    no string or hold the characters the pass joins with, promoted ones."""
    import random

    rng = random.Random(seed)
    links = [link for link in TRICKY_LINKS if link.strip()]
    links += [TAGGED, UNTAGGED, f"{TAGGED}#x", f"HTTPS://ZERNO-COFFEE.RU/a?{TAGS}", "https://zerno-coffee.ru"]
    links += [f"{TAGGED}.", f"{TAGGED})", f'{TAGGED}"', "https://example.com/", "https://bit.ly/x", "https://a..b/"]
    found: list[dict[str, Any]] = []
    for i, text in enumerate(_odd_texts(seed, count)):
        link = rng.choice(links)
        shape = rng.randrange(12)
        post: dict[str, Any] = {"id": f"p{i}"}
        if shape < 5:  # the usual post: its link, alone in the text or not there
            post["links"] = [link]
            post["text"] = rng.choice([f"{text} {link}", f"{link}\n{text}", link, f"{link} {link}", text, ""])
        elif shape == 5:
            post["links"] = [link]
            post["text"] = rng.choice([f"{text}{link}", f"({link})", f"{link}, {text}", f"{link}{link}"])
        elif shape == 6:
            post["text"] = rng.choice([text, f"{text} {link}", "Без ссылок, просто текст."])
        elif shape == 7:
            post["links"] = rng.choice([[], [link, TAGGED], [""], [7], "https://zerno-coffee.ru/"])
            post["text"] = text
        elif shape == 8:
            post["links"] = [link]
            post["text"] = rng.choice([7, None, ["x"], f"{link}\x1f", f"a\x1eb {link}"])
        else:
            post["links"] = [TAGGED if shape < 11 else rng.choice(links)]
            post["text"] = f"Post {i}: {post['links'][0]}"
        if rng.random() < 0.3:
            post["is_ad"] = rng.random() < 0.5
        found.append(post)
    return found


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("platform", ["vk", "facebook"])
def test_the_pass_over_all_posts_gives_what_judging_every_link_gives(seed: int, platform: str) -> None:
    posts_ = _odd_posts(seed, 3000)
    if seed == 3:  # no text holds the characters the pass joins with: the pass is not refused at once
        posts_ = [p for p in posts_ if not any(c in str(p.get("text")) for c in "\x1e\x1f")]
    snap = Snapshot(snapshot(platform=platform, posts=posts_))
    account = snap.accounts[0]
    domains = [*missing_utm.own_domains(snap), missing_utm.normalise_host("кофе.рф") or ""]
    auditor = missing_utm.Auditor(domains)
    fast_tally, fast = auditor.account(account)
    plain_tally, plain = missing_utm.Auditor(domains).account_plainly(account)
    assert fast == plain
    assert fast_tally == plain_tally
    loud = missing_utm.Auditor(domains).loud_posts(account.posts, platform, missing_utm.Tally())
    if seed == 3:  # the pass reads most posts itself, and leaves some to be read link by link
        assert 0 < len(loud) < 0.95 * len(posts_)
    else:
        assert list(loud) == list(range(len(posts_)))  # a text holding \x1e or \x1f: every post read plainly


def test_the_pass_over_all_posts_leaves_only_what_needs_reading() -> None:
    links = [TAGGED, UNTAGGED, "https://example.com/a", f"{TAGGED}.", "https://bit.ly/x", TAGGED, TAGGED]
    texts = [f"Post 1: {TAGGED}", UNTAGGED, "see https://example.com/a", f"{TAGGED}.", "", f"x{TAGGED}", "www.x.ru"]
    posts_ = [
        {"id": f"p{i}", "links": [link], "text": text} for i, (link, text) in enumerate(zip(links, texts, strict=True))
    ]
    posts_ += [{"id": "none", "text": "Просто текст: 10:30, e.g. ok."}, {"id": "ad", "links": [TAGGED], "is_ad": True}]
    account = Snapshot(snapshot(posts=posts_)).accounts[0]
    tally = missing_utm.Tally()
    loud = missing_utm.Auditor(["zerno-coffee.ru"]).loud_posts(account.posts, "vk", tally)
    # untagged; someone else's site shown inside other words; trailing dot; a shortener; inside a word; www.
    assert list(loud) == [1, 3, 4, 5, 6]
    assert tally.own == {"ad": 1, "post": 1, "profile": 0, "comment": 0}


def test_the_c_pass_is_built_where_ci_asks_for_it() -> None:
    """CI sets SMM_AUDIT_REQUIRE_NATIVE=1: there the C verdicts of lone links must be built, so that the tests below
    run them."""
    import os

    if os.environ.get("SMM_AUDIT_REQUIRE_NATIVE") == "1":
        assert missing_utm._native is not None


def _odd_links() -> list[str]:
    """Links that are lone links and links that are not by one character, at every place."""
    links = [*TRICKY_LINKS, TAGGED, UNTAGGED, f"{TAGGED}#frag?x", f"{SITE}?{TAGS}", f"{SITE}#?{TAGS}", "https://a"]
    links += ["HTTPS://ZERNO-COFFEE.RU/A?B", "HtTp://x.ru", "httpſ://x.ru/", "https://x.ru/é", "https://x.ru/\x00"]
    links += ["http://", "https://", "https:/x.ru", "https//x.ru", "hxxps://x.ru", "https://x.ru:80/", "https://-/"]
    base = f"{SITE}/a?{TAGS}#f"
    for i in range(len(base) + 1):
        for c in [chr(c) for c in range(128)] + ["«", "ſ", "K"]:
            links.append(base[:i] + c + base[i:])
    for end in ".,;:!?'\")]}>*\\/&=#-_~":
        links += [f"{SITE}{end}", f"{TAGGED}{end}", f"{SITE}/{end}"]
    return links


@pytest.mark.skipif(missing_utm._native is None, reason="the C pass is not built here")
@pytest.mark.parametrize("platform", ["vk", "facebook"])
def test_the_c_verdicts_of_lone_links_are_the_python_ones(platform: str) -> None:
    links = _odd_links()
    auditor = missing_utm.Auditor(["zerno-coffee.ru", "x.ru"])
    python_verdicts = missing_utm._Verdicts(auditor, platform)
    python = missing_utm.lone_verdicts_python(links, python_verdicts)
    c_verdicts = missing_utm._Verdicts(auditor, platform)
    c = missing_utm._native.lone_verdicts(links, c_verdicts)
    assert c == python
    assert c_verdicts == {key: value for key, value in python_verdicts.items() if key != ("", "")}
    assert {None, 0, 1} <= set(c) and c.count(None) > 100 and c.count(1) > 100
    with pytest.raises(TypeError):
        missing_utm._native.lone_verdicts([TAGGED, 7], c_verdicts)


def test_a_lone_links_parts_are_its_plain_reading() -> None:
    """_LONE_LINK's host and query are those plain_verdict reads (urlsplit's, for these links)."""
    for link in _odd_links():
        match = missing_utm._LONE_LINK.fullmatch(link)
        if match is not None:
            plain = missing_utm._PLAIN_LINK.fullmatch(link)
            assert plain is not None, link
            query = (plain.group(2) or "").partition("#")[0].partition("?")[2]
            assert match.groups("") == (plain.group(1), query), link
            assert '"' not in link and "<" not in link and ">" not in link and link[-1] not in missing_utm._TRAILING


class _Link(str):
    """A link as a plugin's testing kit may build it: a str subclass."""


def _random_links(seed: int, count: int) -> list[str]:
    """Links made of a scheme, a host and any ASCII (and a few other characters), repeated now and then as
    links of one campaign are."""
    import random

    rng = random.Random(seed)
    pieces = [chr(c) for c in range(128)] + ["é", "ſ", "…", "«", "?", "#", "/", TAGS, "utm_source=facebook"]
    found: list[str] = []
    for _ in range(count):
        if found and rng.random() < 0.3:
            found.append(found[-1] if rng.random() < 0.5 else rng.choice(found))
            continue
        head = rng.choice(["http://", "https://", "HTTPS://", "hTtP://", ""]) + rng.choice(
            ["zerno-coffee.ru", "x.ru", "A-B.c", "bit.ly", "a..b", "-", ""]
        )
        link = head + "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 6)))
        link += rng.choice(["", "", f"?{TAGS}", f"/shop?{TAGS}", f"/?{TAGS}#x"])
        found.append(_Link(link) if rng.random() < 0.1 else link)
    return found


@pytest.mark.skipif(missing_utm._native is None, reason="the C pass is not built here")
@pytest.mark.parametrize("seed", [1, 2])
def test_the_c_verdicts_of_random_links_are_the_python_ones(seed: int) -> None:
    links = _random_links(seed, 6000)
    auditor = missing_utm.Auditor(["zerno-coffee.ru", "x.ru"])
    for platform in ("vk", "facebook"):
        python = missing_utm.lone_verdicts_python(links, missing_utm._Verdicts(auditor, platform))
        assert missing_utm._native.lone_verdicts(links, missing_utm._Verdicts(auditor, platform)) == python
        assert (
            python.count(1) > (100 if platform == "vk" else -1) and python.count(None) > 1000 and python.count(0) > 100
        )


@pytest.mark.skipif(missing_utm._native is None, reason="the C pass is not built here")
def test_the_c_verdicts_hold_what_they_read_while_missing_runs() -> None:
    """__missing__ runs Python code, which may change the list being read: the C pass reads no freed memory and
    stops where the Python one stops."""
    import gc

    class Changing(dict):  # type: ignore[type-arg]
        def __init__(self, links: list[str], change: str) -> None:
            super().__init__()
            self.links, self.change = links, change

        def __missing__(self, key: tuple[str, str]) -> int:
            if self.change == "clear":
                self.links.clear()
            elif len(self) < 3:  # new links (of new pairs) in place of the old ones, twice
                self.links[:] = [f"{SITE}/?{n}{len(self)}" for n in range(len(self.links) + 1)]
            gc.collect()
            self[key] = len(key[1])
            return len(key[1])

    for change in ("clear", "replace"):
        results = []
        for lone in (missing_utm.lone_verdicts_python, missing_utm._native.lone_verdicts):
            links = [f"{SITE}/?{i}{TAGS}" for i in (1, 1, 2, 3)]  # made at run time: the list holds their only refs
            results.append(lone(links, Changing(links, change)))
        assert results[0] == results[1]


_ODD_DOMAINS = [
    ["Zerno-Coffee.RU"],
    ["кофе.рф"],
    ["zerno-coffee.ru."],
    [".zerno-coffee.ru"],
    ["zerno-coffee.ru", "shop.zerno-coffee.ru", "x.ru"],
    ["k.ru", "ſ.ru", "xn--e1ajmy.xn--p1ai"],
    ["zerno_coffee.ru", "1.2.3.4"],
    ["localhost", "co"],
]


class _Post(dict):  # type: ignore[type-arg]
    """A post that is a dict subclass, as a testing kit may build it."""


class _Links(list):  # type: ignore[type-arg]
    """A post's links that are a list subclass."""


class _Text(str):
    """A text that is a str subclass."""


@pytest.mark.parametrize("domains", _ODD_DOMAINS)
def test_the_pass_over_all_posts_with_odd_own_domains_and_odd_containers(domains: list[str]) -> None:
    """Own domains in odd spellings, posts that are dict subclasses with links that are list subclasses and texts
    and links that are str subclasses, links alone in texts between odd white space: as judging every link."""
    import random

    from smm_audit.snapshot import Account

    rng = random.Random(len(domains) * 100 + len(domains[0]))
    quiet = [
        TAGGED,
        f"{SITE}/?{TAGS}",
        f"HTTPS://ZERNO-COFFEE.RU/A?{TAGS}",
        "https://example.com/x",
        "http://x.ru/a?b#c",
    ]
    quiet += [f"https://{host}/?{TAGS}" for host in ("k.ru", "xn--e1ajmy.xn--p1ai", "shop.zerno-coffee.ru", "1.2.3.4")]
    quiet += [f"{TAGGED}{chr(c)}" for c in range(33, 127)] + [f"{SITE}/{chr(c)}?{TAGS}" for c in range(33, 127)]
    spaces = [" ", "\n", "\t", "\u00a0", "\u2003", "\x1c", "\u2028", "\x85", "  "]
    words = [*spaces, ".", ":", "-", "ſ", "K", "İ", "«", '"', "<", "@", "…", "(", ")", "Post 1:", "10:30", "e.g.", "ww"]
    words += ["www.", "://", "кофе.рф", "K.RU", "zerno-coffee.RU", "Co", "localhost", "x.ru", "https://bit.ly/x"]
    posts: list[Any] = []
    for i in range(600):
        link = rng.choice(quiet) if rng.random() < 0.6 else rng.choice(TRICKY_LINKS)
        text = "".join(rng.choice(words if rng.random() < 0.3 else words[: len(spaces) + 15]) for _ in range(4))
        space = rng.choice(spaces)
        text = rng.choice([f"{text}{space}{link}", f"{link}{space}{text}", link, f"{link}{space}{link}", text, ""])
        post: dict[str, Any] = _Post(id=f"p{i}") if rng.random() < 0.3 else {"id": f"p{i}"}
        post["links"] = _Links([_Link(link)]) if rng.random() < 0.3 else [link]
        post["text"] = _Text(text) if rng.random() < 0.3 else text
        if rng.random() < 0.3:
            post["is_ad"] = rng.choice([True, False, 0, 1, "yes", None])
        posts.append(post)
    account = Account(0, {"id": "acc", "platform": "vk", "handle": "zerno", "posts": posts})
    fast_tally, fast = missing_utm.Auditor(domains).account(account)
    plain_tally, plain = missing_utm.Auditor(domains).account_plainly(account)
    assert fast == plain
    assert fast_tally == plain_tally
    assert len(missing_utm.Auditor(domains).loud_posts(posts, "vk", missing_utm.Tally())) < 0.8 * len(posts)
