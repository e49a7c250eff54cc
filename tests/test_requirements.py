"""The engine enforces a check's ``requires``: an unmet one makes it not_applicable, and it is never called."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from smm_audit import engine, readonly, requirements
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


class _Pairs(Mapping[str, Any]):
    """A mapping that is no dict: the C-level passes do not apply to it."""

    def __init__(self, **items: Any) -> None:
        self._items = items

    def __getitem__(self, key: str) -> Any:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


TRICKY_HOLDERS = [
    [],
    [{}],
    [{"from_account": False}],
    [{"text": "a"}, {"from_account": None}, {"from_account": True}],
    [{"text": "a"}] * 3,
    [readonly.freeze({"from_account": 1}), {"x": 1}],
    ["from_account", {"from_account": 2}],  # a string holds the name, but is no holder
    ["from_account"],
    [["from_account"], None, 3, {"from_account": [4]}],
    [_Pairs(from_account=5), {"from_account": 6}],
    [_Pairs(text="no")],
]


@pytest.mark.parametrize("holders", TRICKY_HOLDERS)
@pytest.mark.parametrize("first_only", [False, True])
def test_the_c_level_passes_give_what_the_plain_definition_gives(holders, first_only):
    fast = requirements._given(holders, "from_account", first_only=first_only)
    plain = requirements._given_plainly(holders, "from_account", first_only=first_only)
    assert fast == plain
    assert [type(value) for value in fast] == [type(value) for value in plain]


@pytest.mark.parametrize(
    "comments",
    [[], [{}], [{"from_account": True}], ["from_account"], [{"id": "c"}, "from_account"], [_Pairs(from_account=1)]],
)
@pytest.mark.parametrize("second", [None, [], "not a list", [{"from_account": False}], ({"from_account": 1},)])
def test_requirements_over_lists_of_lists_are_met_as_their_plain_definition_says(comments, second):
    accounts: list[Any] = [{"id": "a", "comments": comments}]
    if second is not None:
        accounts.append({"id": "b", "comments": second})
    data = {"accounts": accounts}
    for path in ("accounts[].comments", "accounts[].comments[].from_account", "accounts[].comments[].id"):
        assert requirements._missing(data, path) == _missing_plainly(data, path)


def _missing_plainly(data: Mapping[str, Any], path: str) -> str | None:
    """requirements._missing as it was written before its C-level passes (the definition)."""
    segments = path.split(".")
    holders: list[Any] = [data]
    for depth, segment in enumerate(segments):
        name = segment.removesuffix("[]")
        here = ".".join(segments[: depth + 1]).removesuffix("[]")
        if not holders:
            return here if depth == 1 else None
        given = [holder[name] for holder in holders if isinstance(holder, Mapping) and name in holder]
        if depth == len(segments) - 1:
            return None if given else here
        if not given:
            return here
        holders = [item for value in given if isinstance(value, list) for item in value] if "[]" in segment else given
    return None
