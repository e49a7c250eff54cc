"""profile-completeness: the parts of each profile, per-platform exceptions, unknown vs missing, one handle."""

from __future__ import annotations

import json

import pytest

from conftest import DEMO, HEALTHY
from smm_audit.engine import fingerprint
from smm_audit.testing import make_snapshot, run_check

CHECK_ID = "profile-completeness"
FULL = {
    "description": "Кофейня и обжарка в Москве",
    "avatar": True,
    "cover": True,
    "website": "https://zerno-coffee.ru/",
    "contacts": ["+7 495 123-45-67"],
}


def account(platform: str = "vk", handle: str | None = "zerno.coffee", profile: dict | None = None, **fields) -> dict:
    data = {"id": fields.pop("id", f"{platform}-1"), "platform": platform, **fields}
    if handle is not None:
        data["handle"] = handle
    if profile is not None:
        data["profile"] = profile
    return data


def without(*parts: str, **changes) -> dict:
    profile = {k: v for k, v in FULL.items() if k not in parts}
    profile.update(changes)
    return profile


def run(*accounts: dict, **options):
    client = {"name": "Zerno", "domains": ["zerno-coffee.ru"]}
    return run_check(CHECK_ID, make_snapshot(client=client, accounts=list(accounts)), **options)


def row(result, account_id: str) -> dict:
    return next(r for r in result.metrics["accounts"] if r["account"] == account_id)


# ---------------------------------------------------------------- statuses and score


def test_complete_profiles_with_one_handle_pass():
    result = run(account("vk", profile=FULL), account("ok", handle="Zerno_Coffee", profile=FULL))
    assert result.status == "pass" and result.score == 1.0 and not result.findings
    assert result.metrics["parts_present"] == result.metrics["parts_expected"] == 12
    assert result.metrics["reference_handle"] == "zernocoffee" and result.metrics["distinct_handles"] == 1


def test_missing_parts_warn_with_one_finding_listing_them():
    result = run(account("vk", profile=without("contacts", cover=False)))
    assert result.status == "warn"
    (finding,) = result.findings
    assert finding.severity == "low" and finding.location == "/accounts/0/profile"
    assert finding.message == "vk @zerno.coffee: profile lacks cover, contacts (3 of 5 parts present)"
    assert finding.evidence == {"missing": ["cover", "contacts"], "share_present": 0.6}
    assert finding.key == ("account", "vk-1", "profile-incomplete", "cover", "contacts")
    assert result.score == pytest.approx(0.6)
    assert result.metrics["missing_by_part"]["cover"] == 1 and result.metrics["missing_by_part"]["avatar"] == 0


def test_less_than_half_present_fails():
    result = run(account("vk", profile={"avatar": False, "cover": False, "description": "Кофейня"}))
    (finding,) = result.findings
    assert result.status == "fail" and finding.severity == "medium"
    assert "lacks avatar, cover, website, contacts (1 of 5" in finding.message
    assert result.score == pytest.approx(0.2)
    assert run(account("vk", profile=without("contacts", cover=False)), fail_below=0.7).status == "fail"
    assert run(account("vk", profile={"description": "Кофейня"}), fail_below=0).status == "warn"


def test_the_score_is_the_mean_over_accounts_and_falls_with_what_is_missing():
    removed = ["website", "contacts", "description"]
    scores = [run(account("vk", profile=without(*removed[:n]))).score for n in range(4)]
    assert scores == sorted(scores, reverse=True) and scores[0] == 1.0
    two = run(account("vk", profile=FULL), account("ok", profile=without("website", cover=False)))
    assert two.score == pytest.approx((6 / 6 + 4 / 6) / 2)  # each: 5 profile parts and the same handle


def test_blank_texts_are_missing():
    result = run(account("vk", profile=without(description="   ", website="", contacts=["", " "])))
    assert result.findings[0].evidence["missing"] == ["description", "website", "contacts"]


# ---------------------------------------------------------------- unknown is not missing


def test_absent_flags_are_unknown_but_false_flags_are_missing():
    unknown = run(account("vk", profile=without("avatar", "cover")))
    assert unknown.status == "pass" and row(unknown, "vk-1")["present"] == ["description", "website", "contacts"]
    missing = run(account("vk", profile=without(avatar=False)))
    assert missing.findings[0].evidence["missing"] == ["avatar"]


def test_accounts_without_profile_are_not_judged_on_their_parts():
    result = run(account("vk", profile=FULL), account("ok", handle="zerno_coffee", id="ok-1"))
    assert result.status == "pass"
    assert result.metrics["accounts_without_profile"] == ["ok-1"]
    assert row(result, "ok-1")["present"] == ["same_handle"]


def test_no_profile_and_no_handles_to_compare_is_not_applicable():
    result = run(account("vk"))
    assert result.status == "not_applicable" and result.missing == ("accounts[].profile",)
    assert run_check(CHECK_ID, make_snapshot()).status == "not_applicable"
    assert run(account("vk"), account("ok", handle="other"), compare_handles=False).status == "not_applicable"


def test_an_empty_profile_is_known_to_be_empty():
    result = run(account("vk", profile={}))
    assert result.status == "fail" and result.findings[0].evidence["missing"] == ["description", "website", "contacts"]


# ---------------------------------------------------------------- per-platform exceptions


@pytest.mark.parametrize("platform", ["telegram", "instagram", "tiktok"])
def test_no_cover_is_expected_where_the_platform_has_none(platform):
    result = run(account(platform, profile=without("cover", website="https://zerno-coffee.ru")))
    assert result.status == "pass"
    assert "cover" not in row(result, f"{platform}-1")["present"] + row(result, f"{platform}-1")["missing"]
    also_false = run(account(platform, profile=without(cover=False)))
    assert also_false.status == "pass"


def test_the_cover_exceptions_are_an_option():
    result = run(account("telegram", profile=without(cover=False)), no_cover_platforms=[])
    assert result.findings[0].evidence["missing"] == ["cover"]
    result = run(account("vk", profile=without(cover=False)), no_cover_platforms=["vk"])
    assert result.status == "pass"


def test_a_link_in_the_description_is_the_website_except_on_instagram_and_tiktok():
    bare = without("website", description="Новости кофейни. Магазин: zerno-coffee.ru/shop")
    link = without("website", description="Новости кофейни: https://example.org/zerno")
    assert run(account("telegram", profile=bare)).status == "pass"
    assert run(account("vk", profile=link)).status == "pass"
    for platform in ("instagram", "tiktok"):
        result = run(account(platform, profile=link))
        assert result.findings[0].evidence["missing"] == ["website"], platform
    assert run(account("instagram", profile=link), website_field_only_platforms=[]).status == "pass"
    plain = without("website", description="Новости кофейни Зерно")
    assert run(account("telegram", profile=plain)).findings[0].evidence["missing"] == ["website"]


@pytest.mark.parametrize(
    "description",
    [
        "Заказы: orders@zerno-coffee.ru",
        "Доставка: +7 916 123-45-67",
        "Звоните 8 (495) 123-45-67",
        "Менеджер: @zerno_manager",
        "Пишите: t.me/zerno_manager",
        "WhatsApp wa.me/79161234567",
    ],
)
def test_contacts_in_the_description_count(description):
    assert run(account("telegram", profile=without("contacts", description=description))).status == "pass"


@pytest.mark.parametrize("description", ["Кофе с 2015 года, 1 500 руб за кг", "Открыты 10:00-22:00", "email@"])
def test_numbers_and_near_misses_are_not_contacts(description):
    result = run(account("telegram", profile=without("contacts", description=description)))
    assert result.findings[0].evidence["missing"] == ["contacts"]


def test_discussions_count_where_the_exporter_gives_them():
    off = run(account("vk", profile=FULL, settings={"discussions_enabled": False}))
    assert off.findings[0].evidence["missing"] == ["discussions"]
    assert run(account("vk", profile=FULL, settings={"discussions_enabled": True})).status == "pass"
    assert run(account("vk", profile=FULL, settings={"comments_enabled": True})).status == "pass"
    assert (
        run(account("vk", profile=FULL, settings={"discussions_enabled": False}), count_discussions=False).status
        == "pass"
    )


def test_an_unknown_platform_in_an_option_is_an_error():
    result = run(account("vk", profile=FULL), no_cover_platforms=["telegramm"])
    assert result.status == "error" and "telegramm" in result.message


# ---------------------------------------------------------------- one handle on every network


@pytest.mark.parametrize("other", ["Zerno.Coffee", "@zerno_coffee", "zerno-coffee", "ZERNO__COFFEE", "zernocoffee"])
def test_handles_are_compared_normalised(other):
    result = run(account("vk", profile=FULL), account("instagram", handle=other, profile=FULL))
    assert result.status == "pass", other


def test_a_different_handle_is_a_finding_naming_the_accounts():
    result = run(
        account("vk", profile=FULL),
        account("instagram", handle="zerno_coffee", profile=FULL),
        account("telegram", handle="zerno_coffee_msk", profile=FULL),
    )
    assert result.status == "warn"
    (finding,) = result.findings
    assert finding.severity == "low" and finding.location == "/accounts/2/handle"
    assert finding.message == (
        "telegram @zerno_coffee_msk: handle 'zerno_coffee_msk' differs from 'zerno.coffee' "
        "of vk @zerno.coffee, instagram @zerno_coffee"
    )
    assert finding.key == ("account", "telegram-1", "handle-differs")
    assert finding.evidence["reference_accounts"] == ["vk-1", "instagram-1"]
    assert result.metrics["accounts_with_other_handle"] == ["telegram-1"]
    assert row(result, "telegram-1")["missing"] == ["same_handle"]
    assert result.score == pytest.approx((1 + 1 + 4 / 5) / 3)  # a channel has no cover: 4 parts and the handle


def test_a_tie_goes_to_the_shortest_handle():
    result = run(account("vk", handle="zerno", profile=FULL), account("ok", handle="zerno_msk", profile=FULL))
    (finding,) = result.findings
    assert finding.key == ("account", "ok-1", "handle-differs")


def test_two_accounts_on_one_network_cannot_share_a_handle():
    result = run(
        account("vk", profile=FULL),
        account("vk", handle="zerno.coffee.spb", profile=FULL, id="vk-spb"),
        account("telegram", handle="zerno_coffee", profile=FULL),
    )
    assert result.status == "pass"
    assert "same_handle" not in row(result, "vk-spb")["present"] + row(result, "vk-spb")["missing"]


def test_the_handle_comes_from_the_url_when_absent():
    from_url = account("instagram", handle=None, profile=FULL, url="https://www.instagram.com/zerno_coffee_msk/")
    result = run(account("vk", profile=FULL), account("ok", handle="zernocoffee", profile=FULL), from_url)
    (finding,) = result.findings
    assert finding.location == "/accounts/2/url" and "'zerno_coffee_msk'" in finding.message
    youtube = account("youtube", handle=None, profile=FULL, url="https://www.youtube.com/@ZernoCoffee")
    assert run(account("vk", profile=FULL), youtube).status == "pass"


@pytest.mark.parametrize(
    "url",
    [
        "https://vk.com/club187654321",
        "https://t.me/joinchat/AAAAAE",
        "https://t.me/+AbCdEf123",
        "https://www.youtube.com/channel/UC1234567890",
        "https://www.facebook.com/profile.php?id=1000",
        "https://ok.ru/",
    ],
)
def test_urls_without_a_chosen_name_give_no_handle(url):
    result = run(account("vk", profile=FULL), account("other", handle=None, profile=FULL, url=url))
    assert result.status == "pass" and result.metrics["handles_compared"] == 0


def test_handles_alone_make_the_check_applicable():
    result = run(account("vk"), account("telegram", handle="zerno_msk"))
    assert result.status == "warn" and len(result.findings) == 1
    assert result.metrics["accounts_checked"] == 2


def test_handle_comparison_is_an_option():
    accounts = (account("vk", profile=FULL), account("telegram", handle="zerno_msk", profile=FULL))
    result = run(*accounts, compare_handles=False)
    assert result.status == "pass" and result.metrics["handles_compared"] == 0


def test_fingerprints_survive_reordering():
    a = account("vk", profile=without(cover=False))
    b = account("telegram", handle="zerno_msk", profile=without("contacts"))
    c = account("ok", profile=FULL)
    first, second = run(a, b, c), run(c, b, a)
    prints = {fingerprint(CHECK_ID, f.key) for f in first.findings}
    assert prints == {fingerprint(CHECK_ID, f.key) for f in second.findings} and len(prints) == 3


# ---------------------------------------------------------------- the shipped examples


def test_demo_warns_on_missing_parts_and_the_odd_handle(cli):
    report = json.loads(cli("run", str(DEMO), "-f", "json", "--select", CHECK_ID).stdout)
    (check,) = report["checks"]
    assert check["status"] == "warn"
    messages = [f["message"] for f in check["findings"]]
    assert any("vk @zerno.coffee: profile lacks cover, discussions" in m for m in messages)
    assert any("instagram @zerno.coffee: profile lacks contacts" in m for m in messages)
    assert any("telegram @zerno_coffee_msk: handle 'zerno_coffee_msk' differs" in m for m in messages)


def test_healthy_passes(cli):
    report = json.loads(cli("run", str(HEALTHY), "-f", "json", "--select", CHECK_ID).stdout)
    (check,) = report["checks"]
    assert check["status"] == "pass" and check["score"] == 1.0
