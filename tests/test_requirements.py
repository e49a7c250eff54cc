"""The engine enforces a check's ``requires``: an unmet one makes it not_applicable, and it is never called."""

from __future__ import annotations

import json
from typing import Any

import pytest

from smm_audit import engine
from smm_audit.api import Check, Requirement, Result
from smm_audit.snapshot import Snapshot

NEEDY = """
from smm_audit.api import Check, Requirement, Result, hookimpl

CALLS = []

def audit(snapshot, options):
    CALLS.append(snapshot)
    return Result(score=1.0)

@hookimpl
def register_checks(register):
    register(Check(id="needs-dates", title="Needs dates", category="activity", run=audit, summary="s", why="w",
                   fix="f", requires=("accounts[].posts", Requirement("accounts[].posts[].published_at", "date them"))))
"""


def _check(*requires: Any, calls: list[Snapshot] | None = None) -> Check:
    def audit(snapshot: Snapshot, options: Any) -> Result:
        if calls is None:
            raise AssertionError("a check whose requirements are unmet is never called")
        calls.append(snapshot)
        return Result(score=1.0)

    return Check(
        id="needy", title="t", category="activity", run=audit, summary="s", why="w", fix="f", requires=requires
    )


def _run(check: Check, **data: Any) -> Result:
    snapshot = Snapshot({"schema_version": "1", "taken_at": "2026-11-01T00:00:00+00:00", **data})
    (outcome,) = engine.run(snapshot, [check])
    return outcome.result


def test_a_plugin_check_with_an_unmet_requirement_is_never_called_and_is_not_applicable(
    cli, plugin_dir, write_snapshot
):
    module = plugin_dir("needy_rules", NEEDY)
    snapshot = write_snapshot(accounts=[{"id": "vk", "platform": "vk", "posts": [{"id": "p1"}]}])
    result = cli("run", str(snapshot), "-p", module, "-f", "json", "--select", "needs-dates", "--fail-on", "never")
    (check,) = json.loads(result.stdout)["checks"]
    assert check["status"] == "not_applicable"
    assert check["message"] == "no post carries `published_at`: date them"
    assert check["missing"] == ["accounts[].posts[].published_at"]
    assert __import__(module).CALLS == []


def test_the_check_runs_when_its_requirements_are_met():
    calls: list[Snapshot] = []
    result = _run(
        _check("team", "accounts[].posts[].published_at", calls=calls),
        team=[],
        accounts=[
            {"id": "a", "posts": [{"id": "p1"}]},
            {"id": "b", "posts": [{"id": "p2", "published_at": "2026-10-01T00:00:00+00:00"}]},
        ],
    )
    assert result.status == "pass" and len(calls) == 1


@pytest.mark.parametrize(
    ("requires", "data", "missing", "message"),
    [
        (("team",), {"accounts": []}, "team", "the snapshot has no team"),
        (
            (Requirement("team", "export who runs the accounts"),),
            {},
            "team",
            "the snapshot has no team: export who runs the accounts",
        ),
        (
            ("accounts[].followers",),
            {"accounts": [{"id": "a"}]},
            "accounts[].followers",
            "the snapshot has no accounts[].followers",
        ),
        # each level first: no account gives posts at all
        (
            ("accounts[].posts[].published_at",),
            {"accounts": [{"id": "a"}]},
            "accounts[].posts",
            "the snapshot has no accounts[].posts",
        ),
        # an export with no accounts meets nothing under accounts[]
        (("accounts[].posts",), {"accounts": []}, "accounts[].posts", "the snapshot has no accounts[].posts"),
        (
            ("accounts[].comments[].from_account",),
            {"accounts": [{"id": "a", "comments": [{"id": "c"}]}]},
            "accounts[].comments[].from_account",
            "no comment carries `from_account`",
        ),
        (
            ("accounts[].settings.comments_enabled",),
            {"accounts": [{"id": "a", "settings": {}}]},
            "accounts[].settings.comments_enabled",
            "the snapshot has no accounts[].settings.comments_enabled",
        ),
        (
            ("extensions.house-hashtags",),
            {"extensions": {}},
            "extensions.house-hashtags",
            "the snapshot has no extensions.house-hashtags",
        ),
    ],
)
def test_an_unmet_requirement_is_not_applicable_with_the_standard_reason(requires, data, missing, message):
    result = _run(_check(*requires), **data)
    assert (result.status, result.score, tuple(result.missing), result.message) == (
        "not_applicable",
        None,
        (missing,),
        message,
    )


def test_empty_lists_are_known_to_be_empty_and_meet_a_field_of_their_items():
    calls: list[Snapshot] = []
    result = _run(
        _check("accounts[].posts", "accounts[].posts[].published_at", calls=calls),
        accounts=[{"id": "a", "posts": []}, {"id": "b"}],
    )
    assert result.status == "pass" and len(calls) == 1


def test_the_first_unmet_requirement_is_reported():
    result = _run(
        _check("accounts[].comments", "accounts[].comments[].from_account", "team"),
        accounts=[{"id": "a", "comments": [{"id": "c"}]}],
    )
    assert tuple(result.missing) == ("accounts[].comments[].from_account",)


NOT_A_PATH = NEEDY.replace('Requirement("accounts[].posts[].published_at", "date them")', '"accounts[]..posts", 3')


def test_a_requires_entry_that_is_not_a_path_is_refused(cli, plugin_dir):
    result = cli("checks", "-p", plugin_dir("needy_bad", NOT_A_PATH))
    assert result.exit_code == 2
    assert "check 'needs-dates': requires: 'accounts[]..posts' is not a path" in result.stderr
    assert "requires takes paths (str) or Requirement(path, hint), not 3" in result.stderr
