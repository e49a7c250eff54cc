"""The engine's shared indexes: what checks read instead of scanning again."""

from __future__ import annotations

from datetime import datetime

import pytest

from smm_audit.api import FirstAnswer, Snapshot, is_deleted, parse_time
from smm_audit.testing import make_snapshot


def account_with(*comments: dict) -> Snapshot:
    posts = [{"id": "p1"}, {"id": "p2"}]
    return Snapshot(
        make_snapshot(accounts=[{"id": "vk", "platform": "vk", "posts": posts, "comments": list(comments)}])
    )


def user(cid: str, at: str | None, post: str = "p1") -> dict:
    return {"id": cid, "post_id": post, **({"created_at": at} if at else {})}


def own(cid: str, at: str | None, post: str = "p1", reply_to: str | None = None) -> dict:
    comment = {"id": cid, "post_id": post, "from_account": True, **({"created_at": at} if at else {})}
    return {**comment, "reply_to": reply_to} if reply_to else comment


def test_first_answer_by_reply_and_on_the_post():
    snap = account_with(
        user("q", "2026-10-01T10:00:00Z"),
        own("early", "2026-10-01T09:00:00Z"),  # before the question: clock skew, not an answer
        own("r", "2026-10-01T12:00:00Z", reply_to="q"),
        own("top", "2026-10-01T11:00:00Z"),
        own("elsewhere", "2026-10-01T10:30:00Z", post="p2"),
    )
    (account,) = snap.accounts
    first = account.answers.first(account.comments[0])
    assert first.reply == parse_time("2026-10-01T12:00:00Z")
    assert first.on_post == parse_time("2026-10-01T11:00:00Z")
    assert first.at == first.on_post and first.answered and not first.untimed


def test_unanswered_and_untimed_answers():
    snap = account_with(user("q", "2026-10-01T10:00:00Z"), user("q2", "2026-10-01T10:00:00Z", post="p2"))
    (account,) = snap.accounts
    assert not account.answers.first(account.comments[0]).answered
    snap = account_with(user("q", "2026-10-01T10:00:00Z"), own("r", None, reply_to="q"))
    first = snap.accounts[0].answers.first(snap.accounts[0].comments[0])
    assert first.untimed and first.at is None and first.answered


def test_a_comment_without_a_time_is_answered_by_any_answer():
    snap = account_with(user("q", None), own("r", "2026-10-01T12:00:00Z", reply_to="q"))
    assert snap.accounts[0].answers.first(snap.accounts[0].comments[0]).answered


def test_the_index_is_built_once():
    snap = account_with(user("q", "2026-10-01T10:00:00Z"))
    assert snap.accounts[0].answers is snap.accounts[0].answers


def test_is_deleted():
    assert is_deleted({"deleted": True}) and not is_deleted({"deleted": False, "deleted_at": "x"})
    assert is_deleted({"deleted_by": "account"}) and not is_deleted({})


@pytest.mark.parametrize(
    "value",
    [
        "2026-10-25T06:00:00Z",
        "2026-10-25t06:00:00z",
        "2026-10-25T06:00:00z",
        "2026-10-25t06:00:00+03:00",
        "2026-10-25T06:00:00.250-05:30",
        "2026-10-25T06:00:00.5z",
    ],
)
def test_parse_time_reads_every_spelling_as_its_upper_case(value):
    moment = parse_time(value)
    expected = datetime.fromisoformat(value.upper())
    assert moment == expected and moment.utcoffset() == expected.utcoffset()


def test_parse_time_reads_a_leap_second_as_the_next():
    assert parse_time("2026-12-31t23:59:60z") == datetime.fromisoformat("2027-01-01T00:00:00+00:00")
    with pytest.raises(ValueError):
        parse_time("2026-12-31T23:59:61Z")


def test_the_first_answer_is_the_earlier_of_both_kinds():
    a, b = parse_time("2026-10-01T12:00:00Z"), parse_time("2026-10-01T15:00:00+03:00")  # the same moment
    assert FirstAnswer(a, None, False).at is a and FirstAnswer(None, b, False).at is b
    assert FirstAnswer(a, b, False).at is a and FirstAnswer(b, a, False).at is b
    assert FirstAnswer(None, None, True).at is None


MARKED = [
    {"id": "a", "post_id": "p1"},
    {"id": "b", "post_id": "p1", "from_account": True},
    {"id": "c", "post_id": "p2", "deleted": False, "from_account": False},
    {"id": "d", "post_id": "p2", "deleted_at": "2026-10-01T10:00:00Z"},
    {"id": "e", "post_id": "p1", "from_account": None, "deleted": True},
    {"id": "f", "post_id": "p1"},
]


@pytest.mark.parametrize("comments", [MARKED, MARKED[::-1], MARKED[:1], [MARKED[3]] * 3, []])
def test_comments_with_a_field_are_those_a_plain_reading_finds(comments):
    account = account_with(*comments).accounts[0]
    fields = {name for comment in comments for name in comment}
    assert account.comment_fields == fields
    for name in ("from_account", "deleted", "deleted_at", "deleted_by", "id", "text"):
        assert account.comments_with(name) == tuple(i for i, c in enumerate(comments) if name in c)
    assert account.comments_with("deleted") is account.comments_with("deleted")  # found once


def test_comments_with_a_field_of_items_that_are_no_dicts():
    from smm_audit.snapshot import _positions_holding

    class Item(dict):
        pass

    items = [{"x": 1}, Item(x=2), {"y": 3}]
    assert _positions_holding(items, "x") == (0, 1)
    from types import MappingProxyType

    proxied = [MappingProxyType(item) for item in items]  # a Mapping, not a dict: the plain reading
    assert _positions_holding(proxied, "x") == (0, 1)
