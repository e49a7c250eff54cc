"""manager-overload: accounts per active member, one-person teams, unattended accounts, leavers still assigned."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smm_audit.engine import fingerprint
from smm_audit.testing import make_snapshot, run_check

CHECK = "manager-overload"
ROOT = Path(__file__).resolve().parent.parent
PLATFORMS = ("vk", "telegram", "instagram", "ok", "youtube", "facebook")


def accounts(*ids: str) -> list[dict]:
    """Accounts on distinct platforms, in the order given."""
    return [{"id": account_id, "platform": PLATFORMS[i % len(PLATFORMS)]} for i, account_id in enumerate(ids)]


def member(member_id: str, *account_ids: str, elsewhere: int | None = 0, **fields) -> dict:
    data = {"id": member_id, "status": "active", "account_ids": list(account_ids), **fields}
    if elsewhere is not None:
        data["accounts_elsewhere"] = elsewhere
    return data


def snapshot(team: list[dict], account_ids: tuple[str, ...] = ("a1", "a2")) -> dict:
    return make_snapshot(accounts=accounts(*account_ids), team=team)


def test_not_applicable_without_team():
    result = run_check(CHECK, make_snapshot(accounts=accounts("a1")))
    assert result.status == "not_applicable"
    assert list(result.missing) == ["team"]
    assert result.score is None


def test_three_accounts_in_total_pass():
    data = snapshot([member("m1", "a1", "a2", elsewhere=1), member("m2", "a1", "a2")])
    result = run_check(CHECK, data)
    assert result.status == "pass"
    assert not result.findings
    assert result.score == 1.0
    assert result.metrics["busiest_member"] == "m1"
    assert result.metrics["busiest_load"] == 3


def test_four_accounts_warn():
    data = snapshot([member("m1", "a1", "a2", elsewhere=2, name="Irina")])
    result = run_check(CHECK, data)
    assert result.status == "warn"
    (finding,) = result.findings
    assert finding.severity == "medium"
    assert finding.location == "/team/0"
    assert finding.key == ("member", "m1", "overload")
    assert "Irina (m1) runs 4 accounts (2 here, 2 elsewhere)" in finding.message
    assert "002 L64" in finding.message
    assert finding.evidence["total"] == 4
    assert 0 < result.score < 1


def test_five_accounts_fail():
    data = snapshot([member("m1", "a1", "a2", elsewhere=1), member("m2", "a1", elsewhere=4)])
    result = run_check(CHECK, data)
    assert result.status == "fail"
    (finding,) = result.findings
    assert finding.severity == "high"
    assert finding.location == "/team/1"
    assert "more than 4" in finding.message
    assert result.metrics["busiest_member"] == "m2"
    assert result.metrics["overloaded_members"] == 1


def test_accounts_elsewhere_missing_counts_zero_and_says_lower_bound():
    data = snapshot([member("m1", "a1", "a2", "a3", "a4", elsewhere=None)], ("a1", "a2", "a3", "a4"))
    result = run_check(CHECK, data, max_platforms_solo=4)
    (finding,) = result.findings
    assert finding.severity == "medium"
    assert "at least 4 accounts" in finding.message and "elsewhere unknown" in finding.message
    assert finding.evidence["lower_bound"] is True
    assert result.metrics["loads_are_lower_bounds"] is True
    assert result.metrics["accounts_per_member"] == [
        {"member": "m1", "accounts_here": 4, "accounts_elsewhere": None, "total": 4, "lower_bound": True}
    ]


def test_lower_bound_under_the_limit_still_passes_but_is_reported_in_metrics():
    result = run_check(CHECK, snapshot([member("m1", "a1", "a2", elsewhere=None), member("m2", "a1")]))
    assert result.status == "pass"
    assert result.metrics["loads_are_lower_bounds"] is True


def test_thresholds_are_options():
    data = snapshot([member("m1", "a1", "a2", elsewhere=3)])
    assert run_check(CHECK, data).status == "fail"
    assert run_check(CHECK, data, max_accounts=6, warn_accounts=5).status == "pass"
    assert run_check(CHECK, data, max_accounts=6).status == "warn"
    assert run_check(CHECK, data, max_accounts=2, warn_accounts=1).findings[0].severity == "high"


def test_warn_above_max_is_capped_to_max():
    data = snapshot([member("m1", "a1", "a2", elsewhere=3)])
    result = run_check(CHECK, data, max_accounts=4, warn_accounts=9)
    assert result.status == "fail"


def test_one_person_team_on_more_than_three_platforms_warns():
    ids = ("a1", "a2", "a3", "a4")
    result = run_check(CHECK, snapshot([member("solo", *ids, elsewhere=None)], ids), max_accounts=10, warn_accounts=9)
    assert result.status == "warn"
    (finding,) = result.findings
    assert finding.key == ("member", "solo", "solo-too-many-platforms")
    assert finding.severity == "medium"
    assert finding.location == "/team/0"
    assert "4 platforms" in finding.message and "top 3" in finding.message
    assert finding.evidence["platforms"] == ["instagram", "ok", "telegram", "vk"]


def test_one_person_team_on_three_platforms_passes():
    ids = ("a1", "a2", "a3")
    result = run_check(CHECK, snapshot([member("solo", *ids)], ids))
    assert result.status == "pass"


def test_several_accounts_on_one_platform_count_once():
    data = make_snapshot(
        accounts=[{"id": f"vk{i}", "platform": "vk"} for i in range(3)] + [{"id": "tg", "platform": "telegram"}],
        team=[member("solo", "vk0", "vk1", "vk2", "tg")],
    )
    result = run_check(CHECK, data, max_accounts=10, warn_accounts=9)
    assert result.status == "pass"
    assert result.metrics["platforms"] == 2


def test_two_active_members_are_not_a_one_person_team():
    ids = ("a1", "a2", "a3", "a4")
    team = [member("m1", "a1", "a2"), member("m2", "a3", "a4")]
    assert run_check(CHECK, snapshot(team, ids)).status == "pass"


def test_solo_platform_limit_is_an_option():
    ids = ("a1", "a2", "a3")
    assert run_check(CHECK, snapshot([member("solo", *ids)], ids), max_platforms_solo=2).status == "warn"


def test_account_nobody_runs_is_a_finding():
    result = run_check(CHECK, snapshot([member("m1", "a1")], ("a1", "a2")))
    assert result.status == "warn"
    (finding,) = result.findings
    assert finding.key == ("account", "a2", "unattended")
    assert finding.location == "/accounts/1"
    assert "nobody runs it" in finding.message
    assert result.metrics["unattended_accounts"] == 1


def test_leaver_still_assigned_is_a_finding_and_leaves_the_account_unattended():
    team = [member("m1", "a1"), member("gone", "a2", status="left", left_at="2026-08-20T18:00:00+03:00", name="Dima")]
    result = run_check(CHECK, snapshot(team))
    keys = {f.key: f for f in result.findings}
    leaver = keys[("member", "gone", "left-but-assigned")]
    assert leaver.location == "/team/1/account_ids"
    assert "Dima (gone) left on 2026-08-20 but is still assigned to 1 account" in leaver.message
    unattended = keys[("account", "a2", "unattended")]
    assert "only people who left" in unattended.message
    assert unattended.evidence["former_members"] == ["gone"]
    assert result.metrics["left_but_assigned"] == 1
    assert result.status == "warn"


def test_leaver_with_no_accounts_is_fine_and_not_counted():
    team = [member("m1", "a1", "a2"), {"id": "gone", "status": "left", "account_ids": [], "accounts_elsewhere": 9}]
    result = run_check(CHECK, snapshot(team))
    assert result.status == "pass"
    assert result.metrics["active_members"] == 1
    assert result.metrics["busiest_member"] == "m1"


def test_status_absent_is_decided_by_left_at_relative_to_taken_at():
    past = {"id": "past", "account_ids": ["a1"], "left_at": "2026-01-01T00:00:00+03:00"}
    future = {"id": "future", "account_ids": ["a2"], "left_at": "2027-01-01T00:00:00+03:00"}
    result = run_check(CHECK, snapshot([past, future]))
    keys = {f.key for f in result.findings}
    assert ("member", "past", "left-but-assigned") in keys
    assert ("account", "a1", "unattended") in keys
    assert ("account", "a2", "unattended") not in keys
    assert result.metrics["active_members"] == 1


def test_empty_team_is_known_and_leaves_every_account_unattended():
    result = run_check(CHECK, snapshot([]))
    assert result.status == "warn"
    assert {f.key for f in result.findings} == {("account", "a1", "unattended"), ("account", "a2", "unattended")}
    assert result.metrics["busiest_member"] is None
    assert result.score == 0.0


def test_no_accounts_and_no_team_members_pass():
    result = run_check(CHECK, make_snapshot(team=[]))
    assert result.status == "pass"
    assert result.score == 1.0


def test_score_falls_with_the_load():
    scores = [run_check(CHECK, snapshot([member("m1", "a1", "a2", elsewhere=n)])).score for n in (0, 1, 2, 3, 6, 12)]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] == 1.0 and scores[-1] < 0.3


def test_keys_survive_reordering():
    team = [member("m1", "a1", "a2", elsewhere=5), member("m2", "a1")]
    first = run_check(CHECK, snapshot(team))
    second = run_check(CHECK, snapshot(list(reversed(team)), ("a2", "a1")))
    assert {fingerprint(CHECK, f.key) for f in first.findings} == {fingerprint(CHECK, f.key) for f in second.findings}
    assert [f.location for f in second.findings] == ["/team/1"]


def test_evidence_lists_are_bounded():
    ids = tuple(f"a{i}" for i in range(30))
    result = run_check(CHECK, snapshot([member("m1", *ids), member("m2")], ids))
    (finding,) = result.findings
    assert finding.evidence["accounts_here"] == 30
    assert len(finding.evidence["account_ids"]) == 10


def test_metrics_are_json_safe():
    result = run_check(CHECK, snapshot([member("m1", "a1", "a2", elsewhere=7)]))
    assert json.loads(json.dumps(result.metrics)) == result.metrics


@pytest.mark.skipif(not (ROOT / "examples" / "demo-snapshot.json").exists(), reason="demo not generated yet")
def test_demo_finds_something_and_healthy_does_not_fail():
    demo = json.loads((ROOT / "examples" / "demo-snapshot.json").read_text("utf-8"))
    result = run_check(CHECK, demo)
    assert result.status in ("warn", "fail") and result.findings
    healthy = json.loads((ROOT / "examples" / "healthy-snapshot.json").read_text("utf-8"))
    assert run_check(CHECK, healthy).status != "fail"
