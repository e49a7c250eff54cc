"""credential-policy: inventory, reuse, plaintext, weak, leavers, second factor, age, ownership, recovery, holders."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

import pytest

from smm_audit.engine import fingerprint
from smm_audit.testing import make_snapshot, run_check

CHECK = "credential-policy"
ROOT = Path(__file__).resolve().parent.parent
SECRET = "Zerno-Secret-Passw0rd!"
STRONG = hashlib.sha256(b"correct horse battery staple 42").hexdigest()
OTHER_STRONG = hashlib.sha256(b"another long unique passphrase 7").hexdigest()


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def credential(account_id: str = "vk", **fields) -> dict:
    """A credential that passes every rule unless ``fields`` say otherwise."""
    data = {
        "account_id": account_id,
        "login": f"admin-{account_id}@client.ru",
        "holders": ["ann"],
        "password": {"fingerprint": STRONG if account_id == "vk" else OTHER_STRONG, "length": 20},
        "two_factor": True,
        "last_changed_at": "2026-06-01T09:00:00+03:00",
        "recovery_email": "admin@client.ru",
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def snapshot(*credentials: dict, accounts: list[dict] | None = None, team: list[dict] | None = None, **top) -> dict:
    return make_snapshot(
        client=top.pop("client", {"name": "Client", "domains": ["client.ru"]}),
        accounts=accounts if accounts is not None else [{"id": "vk", "platform": "vk", "handle": "client"}],
        team=team if team is not None else [{"id": "ann", "name": "Ann", "status": "active"}],
        credentials=list(credentials),
        **top,
    )


def keys(result) -> set[tuple[str, ...]]:
    return {finding.key for finding in result.findings}


def only(result, *suffix: str):
    """The one finding whose key ends with ``suffix``."""
    (finding,) = [f for f in result.findings if f.key[-len(suffix) :] == suffix]
    return finding


# --- applicability and the clean case ---------------------------------------------------------------------------------


def test_not_applicable_without_credentials():
    data = make_snapshot(accounts=[{"id": "vk", "platform": "vk"}])
    result = run_check(CHECK, data)
    assert result.status == "not_applicable"
    assert list(result.missing) == ["credentials"]
    assert "002 L70" in result.message


def test_a_clean_inventory_passes():
    result = run_check(CHECK, snapshot(credential()))
    assert result.status == "pass"
    assert not result.findings
    assert result.score == 1.0
    assert result.metrics["credentials"] == 1 and result.metrics["weak_passwords"] == 0


# --- inventory -----------------------------------------------------------------------------------------------------


def test_account_without_a_credential_record_is_high():
    accounts = [{"id": "vk", "platform": "vk"}, {"id": "tg", "platform": "telegram", "handle": "client_tg"}]
    result = run_check(CHECK, snapshot(credential(), accounts=accounts))
    assert result.status == "fail"
    finding = only(result, "no-credential")
    assert finding.key == ("account", "tg", "no-credential")
    assert finding.severity == "high" and finding.location == "/accounts/1"
    assert "telegram @client_tg" in finding.message
    assert result.metrics["accounts_without_credential"] == 1


def test_an_empty_credential_list_is_known_and_every_account_lacks_a_record():
    accounts = [{"id": "vk", "platform": "vk"}, {"id": "tg", "platform": "telegram"}]
    result = run_check(CHECK, snapshot(accounts=accounts))
    assert keys(result) == {("account", "vk", "no-credential"), ("account", "tg", "no-credential")}


# --- reuse ---------------------------------------------------------------------------------------------------------


def two_accounts(n: int = 2) -> list[dict]:
    return [{"id": f"a{i}", "platform": "vk"} for i in range(n)]


def test_same_fingerprint_on_two_accounts_is_one_high_finding():
    creds = [credential(f"a{i}", password={"fingerprint": STRONG, "length": 20}) for i in range(2)]
    result = run_check(CHECK, snapshot(*creds, accounts=two_accounts()))
    assert result.status == "fail"
    finding = only(result, "a0", "a1")
    assert finding.key == ("password-reuse", "a0", "a1")
    assert finding.severity == "high"
    assert finding.location == "/credentials/0/password"
    assert "the same password opens 2 accounts" in finding.message
    assert result.metrics["reused_password_groups"] == 1
    assert result.metrics["accounts_sharing_a_password"] == 2


def test_one_finding_per_group_with_the_key_from_sorted_account_ids():
    creds = [credential(f"a{i}", password={"fingerprint": STRONG, "length": 20}) for i in (2, 0, 1)]
    result = run_check(CHECK, snapshot(*creds, accounts=two_accounts(3)))
    (finding,) = [f for f in result.findings if f.key[0] == "password-reuse"]
    assert finding.key == ("password-reuse", "a0", "a1", "a2")
    assert finding.evidence["accounts"] == 3


def test_two_separate_groups_are_two_findings():
    creds = [
        credential("a0", password={"fingerprint": STRONG}),
        credential("a1", password={"fingerprint": STRONG}),
        credential("a2", password={"fingerprint": OTHER_STRONG}),
        credential("a3", password={"fingerprint": OTHER_STRONG}),
    ]
    result = run_check(CHECK, snapshot(*creds, accounts=two_accounts(4)))
    reuse = sorted(f.key for f in result.findings if f.key[0] == "password-reuse")
    assert reuse == [("password-reuse", "a0", "a1"), ("password-reuse", "a2", "a3")]


def test_same_plaintext_on_two_accounts_is_reuse():
    creds = [credential(f"a{i}", password={"plaintext": SECRET}) for i in range(2)]
    result = run_check(CHECK, snapshot(*creds, accounts=two_accounts()))
    assert ("password-reuse", "a0", "a1") in keys(result)


def test_plaintext_matches_a_fingerprint_elsewhere():
    creds = [
        credential("a0", password={"plaintext": SECRET}),
        credential("a1", password={"fingerprint": sha256(SECRET)}),
    ]
    result = run_check(CHECK, snapshot(*creds, accounts=two_accounts()))
    assert ("password-reuse", "a0", "a1") in keys(result)


def test_two_logins_of_one_account_sharing_a_password_are_not_reuse():
    creds = [credential("vk", login="one"), credential("vk", login="two")]
    result = run_check(CHECK, snapshot(*creds))
    assert result.status == "pass"


def test_reuse_evidence_is_bounded():
    creds = [credential(f"a{i:02}", password={"fingerprint": STRONG}) for i in range(25)]
    accounts = [{"id": f"a{i:02}", "platform": "vk"} for i in range(25)]
    finding = only(run_check(CHECK, snapshot(*creds, accounts=accounts)), "a24")
    assert finding.evidence["accounts"] == 25
    assert len(finding.evidence["account_ids"]) == 10
    assert "and 15 more" in finding.message


# --- plaintext and the secret test ---------------------------------------------------------------------------------


def test_plaintext_password_is_critical_and_says_so_without_the_value():
    result = run_check(CHECK, snapshot(credential(password={"plaintext": SECRET})))
    finding = only(result, "plaintext")
    assert finding.severity == "critical"
    assert finding.location == "/credentials/0/password/plaintext"
    assert finding.message.startswith("a plaintext password is stored for vk @client (login admin-vk@client.ru)")
    assert result.metrics["plaintext_passwords"] == 1
    assert result.status == "fail"


def everything(result) -> str:
    """The whole Result as text, twice: its repr and its JSON."""
    as_json = json.dumps(dataclasses.asdict(result), ensure_ascii=False, default=repr)
    return repr(result) + "\n" + as_json + "\n" + json.dumps(dataclasses.asdict(result), default=repr)


def test_the_secret_appears_nowhere_in_the_result():
    accounts = [
        {"id": "vk", "platform": "vk", "handle": "client"},
        {"id": "ig", "platform": "instagram", "name": "Client"},
        {"id": "tg", "platform": "telegram", "kind": "personal_profile", "owner": {"type": "employee"}},
    ]
    team = [
        {"id": "ann", "status": "active"},
        {"id": "bob", "status": "left", "left_at": "2026-09-01T00:00:00+03:00"},
    ]
    creds = [
        # plaintext, too short for min_length=40, reused, a left holder, 2FA off, old, gmail recovery
        credential(
            "vk",
            password={"plaintext": SECRET, "length": len(SECRET)},
            holders=["ann", "bob"],
            two_factor=False,
            last_changed_at="2024-01-01T00:00:00+03:00",
            recovery_email="someone@gmail.com",
        ),
        credential("ig", password={"plaintext": SECRET}, two_factor=None, last_changed_at=None),
        # the login is the password: it must be withheld
        credential("tg", login=SECRET, password={"plaintext": SECRET, "fingerprint": sha256(SECRET)}),
    ]
    result = run_check(CHECK, snapshot(*creds, accounts=accounts, team=team), min_length=40)
    assert result.status == "fail"
    assert len(result.findings) >= 10  # every rule had something to say about it
    text = everything(result)
    for form in (SECRET, json.dumps(SECRET)[1:-1], sha256(SECRET), SECRET.lower()):
        assert form not in text
    withheld = only(result, "tg", "#1", "plaintext")
    assert "login withheld" in withheld.message


def test_a_secret_that_happens_to_be_in_a_name_is_masked():
    accounts = [{"id": "vk", "platform": "vk", "name": f"Club {SECRET}"}]
    result = run_check(CHECK, snapshot(credential(password={"plaintext": SECRET}), accounts=accounts))
    text = everything(result)
    assert SECRET not in text
    assert "[REDACTED]" in only(result, "plaintext").message


# --- weak --------------------------------------------------------------------------------------------------------


def test_short_plaintext_is_weak():
    finding = only(run_check(CHECK, snapshot(credential(password={"plaintext": "Xy7#kq2!"}))), "weak")
    assert finding.severity == "high"
    assert finding.location == "/credentials/0/password"
    assert finding.evidence["reasons"] == ["too-short"]
    assert "shorter than 12 characters" in finding.message


def test_long_but_common_plaintext_is_weak():
    finding = only(run_check(CHECK, snapshot(credential(password={"plaintext": "qwerty123456"}))), "weak")
    assert finding.evidence["reasons"] == ["common-password"]


def test_common_plaintext_matches_case_insensitively():
    finding = only(run_check(CHECK, snapshot(credential(password={"plaintext": "QWERTY123456"}))), "weak")
    assert finding.evidence["reasons"] == ["common-password"]


def test_short_and_common_gives_both_reasons_in_one_finding():
    finding = only(run_check(CHECK, snapshot(credential(password={"plaintext": "123456"}))), "weak")
    assert finding.evidence["reasons"] == ["too-short", "common-password"]


def test_weak_password_is_found_by_fingerprint_alone():
    cred = credential(password={"fingerprint": sha256("123456")})
    result = run_check(CHECK, snapshot(cred))
    finding = only(result, "weak")
    assert finding.severity == "high"
    assert finding.evidence["reasons"] == ["common-password"]
    assert "fingerprint is that of one of the most common passwords" in finding.message
    assert result.metrics["weak_passwords"] == 1
    assert result.status == "fail"


def test_fingerprint_match_is_case_insensitive_on_hex():
    # the schema asks for lower-case hex; an upper-case fingerprint is still recognised
    from smm_audit.builtin_checks.credential_policy import _weakness

    assert _weakness({"fingerprint": sha256("password").upper()}, 12) == [
        ("common-password", "its fingerprint is that of one of the most common passwords")
    ]


def test_only_the_length_known_and_short_is_weak():
    finding = only(run_check(CHECK, snapshot(credential(password={"fingerprint": STRONG, "length": 8}))), "weak")
    assert finding.evidence["reasons"] == ["too-short"]
    assert "8 characters long, fewer than 12" in finding.message


def test_long_strong_password_is_not_weak_and_min_length_is_an_option():
    data = snapshot(credential(password={"fingerprint": STRONG, "length": 14}))
    assert run_check(CHECK, data).status == "pass"
    assert only(run_check(CHECK, data, min_length=16), "weak").evidence["min_length"] == 16


def test_nothing_known_about_the_password_is_not_called_weak():
    assert run_check(CHECK, snapshot(credential(password={}))).status == "pass"
    assert run_check(CHECK, snapshot(credential(password=None))).status == "pass"


def test_the_bundled_list_is_loaded_once_with_fingerprints():
    from smm_audit.builtin_checks.credential_policy import common_passwords

    words, lowered, fingerprints = common_passwords()
    assert len(words) == 10000
    assert "123456" in words and "password" in lowered
    assert sha256("123456") in fingerprints
    assert not any(word.startswith("#") for word in words)
    assert common_passwords() is common_passwords()


# --- leavers -------------------------------------------------------------------------------------------------------


def leaver_team(**bob) -> list[dict]:
    return [{"id": "ann", "status": "active"}, {"id": "bob", "name": "Bob", **bob}]


def test_holder_who_left_after_the_last_change_is_critical():
    team = leaver_team(status="left", left_at="2026-08-20T18:00:00+03:00")
    cred = credential(holders=["ann", "bob"], last_changed_at="2026-03-14T11:20:00+03:00")
    result = run_check(CHECK, snapshot(cred, team=team))
    finding = only(result, "leaver", "bob")
    assert finding.severity == "critical"
    assert finding.location == "/credentials/0/holders/1"
    assert "Bob (bob) left on 2026-08-20" in finding.message
    assert "last changed before that, on 2026-03-14" in finding.message
    assert result.metrics["leaver_holders"] == 1
    assert result.status == "fail"


def test_holder_with_status_left_is_critical_even_after_a_change():
    team = leaver_team(status="left", left_at="2026-05-01T00:00:00+03:00")
    result = run_check(CHECK, snapshot(credential(holders=["bob"]), team=team))
    assert "still listed as knowing the password" in only(result, "leaver", "bob").message


def test_holder_with_status_left_and_no_dates_is_critical():
    result = run_check(
        CHECK, snapshot(credential(holders=["bob"], last_changed_at=None), team=leaver_team(status="left"))
    )
    assert "last change is unknown" in only(result, "leaver", "bob").message


def test_left_at_after_last_change_is_critical_without_a_status():
    team = leaver_team(left_at="2026-08-20T18:00:00+03:00")
    result = run_check(CHECK, snapshot(credential(holders=["bob"]), team=team))
    assert only(result, "leaver", "bob").severity == "critical"


def test_left_at_with_the_change_date_missing_is_critical():
    team = leaver_team(left_at="2026-03-01T00:00:00+03:00")
    result = run_check(CHECK, snapshot(credential(holders=["bob"], last_changed_at=None), team=team))
    assert only(result, "leaver", "bob").evidence["last_changed_at"] is None


def test_left_before_the_last_change_without_status_is_fine():
    team = leaver_team(left_at="2026-03-01T00:00:00+03:00")
    result = run_check(CHECK, snapshot(credential(holders=["bob"]), team=team))
    assert not [f for f in result.findings if "leaver" in f.key]


def test_a_departure_still_to_come_is_not_a_leaver():
    team = leaver_team(status="active", left_at="2026-12-31T00:00:00+03:00")
    assert run_check(CHECK, snapshot(credential(holders=["bob"]), team=team)).status == "pass"


# --- second factor and age -----------------------------------------------------------------------------------------


def test_second_factor_off_is_high():
    result = run_check(CHECK, snapshot(credential(two_factor=False)))
    finding = only(result, "two-factor-off")
    assert finding.severity == "high" and finding.location == "/credentials/0/two_factor"
    assert result.metrics["two_factor_off"] == 1


def test_second_factor_unknown_is_info_and_passes():
    result = run_check(CHECK, snapshot(credential(two_factor=None)))
    finding = only(result, "two-factor-unknown")
    assert finding.severity == "info" and finding.location == "/credentials/0"
    assert result.status == "pass"
    assert result.metrics["two_factor_unknown"] == 1


def test_old_password_is_low_and_warns():
    result = run_check(CHECK, snapshot(credential(last_changed_at="2025-09-01T00:00:00+03:00")))
    finding = only(result, "stale")
    assert finding.severity == "low"
    assert finding.location == "/credentials/0/last_changed_at"
    assert "426 days ago" in finding.message
    assert result.status == "warn"
    assert (
        run_check(CHECK, snapshot(credential(last_changed_at="2025-09-01T00:00:00+03:00")), max_age_days=500).status
        == "pass"
    )


def test_unknown_change_date_is_counted_not_reported():
    result = run_check(CHECK, snapshot(credential(last_changed_at=None)))
    assert result.status == "pass"
    assert result.metrics["change_date_unknown"] == 1


# --- ownership, recovery, holders --------------------------------------------------------------------------------


@pytest.mark.parametrize("owner_type", ["freelancer", "employee"])
def test_account_owned_by_staff_is_high(owner_type):
    accounts = [{"id": "vk", "platform": "vk", "owner": {"type": owner_type, "name": "Kristina"}}]
    result = run_check(CHECK, snapshot(credential(), accounts=accounts))
    finding = only(result, f"owned-by-{owner_type}")
    assert finding.severity == "high" and finding.location == "/accounts/0/owner"
    assert "(Kristina), not the client" in finding.message
    assert result.metrics["staff_owned_accounts"] == 1


@pytest.mark.parametrize("owner_type", ["client", "agency"])
def test_account_owned_by_client_or_agency_is_fine(owner_type):
    accounts = [{"id": "vk", "platform": "vk", "owner": {"type": owner_type}}]
    assert run_check(CHECK, snapshot(credential(), accounts=accounts)).status == "pass"


def test_personal_profile_is_high():
    accounts = [{"id": "vk", "platform": "vk", "kind": "personal_profile"}]
    result = run_check(CHECK, snapshot(credential(), accounts=accounts))
    finding = only(result, "personal-profile")
    assert finding.severity == "high" and finding.location == "/accounts/0/kind"
    assert result.metrics["personal_profiles"] == 1


def test_recovery_email_outside_the_client_domains_is_medium():
    result = run_check(CHECK, snapshot(credential(recovery_email="kristina.smm@gmail.com")))
    finding = only(result, "recovery-outside")
    assert finding.severity == "medium" and finding.location == "/credentials/0/recovery_email"
    assert "on gmail.com" in finding.message and "kristina" not in finding.message
    assert result.status == "warn"


@pytest.mark.parametrize("email", ["admin@client.ru", "it@mail.client.ru", "Admin@CLIENT.RU", "a@client.ru."])
def test_recovery_email_on_the_client_domain_or_a_subdomain_is_fine(email):
    assert run_check(CHECK, snapshot(credential(recovery_email=email))).status == "pass"


def test_lookalike_domain_is_outside():
    result = run_check(CHECK, snapshot(credential(recovery_email="admin@evilclient.ru")))
    assert only(result, "recovery-outside")


def test_idn_domains_match_in_unicode_or_punycode():
    client = {"name": "Zerno", "domains": ["www.кофе-зерно.рф"]}
    puny = "кофе-зерно.рф".encode("idna").decode()
    assert run_check(CHECK, snapshot(credential(recovery_email=f"admin@{puny}"), client=client)).status == "pass"
    assert run_check(CHECK, snapshot(credential(recovery_email="admin@кофе-зерно.рф"), client=client)).status == "pass"


def test_without_client_domains_recovery_is_not_judged_but_counted():
    data = snapshot(credential(recovery_email="x@gmail.com"), client={"name": "Client"})
    result = run_check(CHECK, data)
    assert result.status == "pass"
    assert result.metrics["recovery_unchecked_without_domains"] == 1


def test_more_holders_than_max_is_low():
    team = [{"id": f"m{i}", "status": "active"} for i in range(5)]
    four = snapshot(credential(holders=["m0", "m1", "m2", "m3"]), team=team)
    finding = only(run_check(CHECK, four), "too-many-holders")
    assert finding.severity == "low" and finding.location == "/credentials/0/holders"
    assert finding.evidence["count"] == 4
    assert run_check(CHECK, snapshot(credential(holders=["m0", "m1", "m2"]), team=team)).status == "pass"
    assert run_check(CHECK, four, max_holders=4).status == "pass"


# --- keys, score, examples -----------------------------------------------------------------------------------------


def test_keys_name_the_login_not_the_position():
    creds = [credential("vk", login="one", two_factor=False), credential("vk", login="two")]
    first = run_check(CHECK, snapshot(*creds))
    second = run_check(CHECK, snapshot(*reversed(creds)))
    assert {fingerprint(CHECK, f.key) for f in first.findings} == {fingerprint(CHECK, f.key) for f in second.findings}
    assert only(second, "two-factor-off").key == ("credential", "vk", "login:one", "two-factor-off")


def test_login_less_credentials_get_distinct_keys():
    creds = [credential("vk", login=None, two_factor=False), credential("vk", login=None, two_factor=False)]
    result = run_check(CHECK, snapshot(*creds))
    assert {f.key for f in result.findings} == {
        ("credential", "vk", "#1", "two-factor-off"),
        ("credential", "vk", "#2", "two-factor-off"),
    }
    assert "a credential without a login" in result.findings[0].message


def test_score_falls_with_the_problems():
    clean = run_check(CHECK, snapshot(credential())).score
    low = run_check(CHECK, snapshot(credential(last_changed_at="2024-01-01T00:00:00+03:00"))).score
    high = run_check(CHECK, snapshot(credential(two_factor=False, last_changed_at="2024-01-01T00:00:00+03:00"))).score
    critical = run_check(CHECK, snapshot(credential(two_factor=False, password={"plaintext": SECRET}))).score
    assert clean == 1.0 > low > high > critical > 0


def test_metrics_are_json_safe():
    result = run_check(CHECK, snapshot(credential(two_factor=False)))
    assert json.loads(json.dumps(result.metrics)) == result.metrics


@pytest.mark.skipif(not (ROOT / "examples" / "demo-snapshot.json").exists(), reason="demo not generated yet")
def test_demo_finds_something_and_healthy_does_not_fail():
    demo = json.loads((ROOT / "examples" / "demo-snapshot.json").read_text("utf-8"))
    result = run_check(CHECK, demo)
    assert result.status in ("warn", "fail") and result.findings
    healthy = json.loads((ROOT / "examples" / "healthy-snapshot.json").read_text("utf-8"))
    assert run_check(CHECK, healthy).status != "fail"
