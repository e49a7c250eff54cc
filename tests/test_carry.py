"""carry(): comments gone since the previous snapshot come back as deleted; members gone are counted."""

from __future__ import annotations

import pytest

from smm_audit.carry import carry
from smm_audit.errors import UsageError
from smm_audit.testing import assert_valid, make_snapshot

OLD_AT, NEW_AT = "2026-10-31T09:00:00Z", "2026-11-01T09:00:00Z"
POSTS = [{"id": "p1"}, {"id": "p2"}]


def account(comments, followers=None, posts=POSTS, **fields):
    data = {"id": "vk-1", "platform": "vk", "posts": posts, "comments": comments, **fields}
    if followers is not None:
        data["followers"] = [{"id": f} for f in followers]
        data["followers_sampling"] = "full"
    return data


def test_a_comment_gone_is_carried_as_deleted_with_its_text():
    old = make_snapshot(
        taken_at=OLD_AT, accounts=[account([{"id": "c1", "post_id": "p1", "text": "bad", "author_id": "9"}])]
    )
    new = make_snapshot(taken_at=NEW_AT, accounts=[account([])])
    found = carry(new, old)
    assert found.deleted == 1
    assert new["accounts"][0]["comments"] == [
        {"id": "c1", "post_id": "p1", "text": "bad", "author_id": "9", "deleted": True, "deleted_at": NEW_AT}
    ]
    assert_valid(new)


def test_a_placeholder_gets_the_old_text_and_a_carried_one_keeps_its_first_time():
    old = make_snapshot(
        taken_at=OLD_AT,
        accounts=[
            account(
                [
                    {"id": "c1", "post_id": "p1", "text": "said this", "created_at": "2026-10-01T00:00:00Z"},
                    {"id": "c2", "post_id": "p1", "text": "old", "deleted": True, "deleted_at": "2026-10-20T00:00:00Z"},
                ]
            )
        ],
    )
    new = make_snapshot(taken_at=NEW_AT, accounts=[account([{"id": "c1", "post_id": "p1", "deleted": True}])])
    found = carry(new, old)
    comments = {c["id"]: c for c in new["accounts"][0]["comments"]}
    assert comments["c1"] == {
        "id": "c1",
        "post_id": "p1",
        "deleted": True,
        "text": "said this",
        "created_at": "2026-10-01T00:00:00Z",
        "deleted_at": NEW_AT,
    }
    assert comments["c2"]["deleted_at"] == "2026-10-20T00:00:00Z"
    assert found.deleted == 2
    assert_valid(new)


def test_comments_of_posts_outside_the_new_window_are_not_carried_and_replies_keep_valid_references():
    old = make_snapshot(
        taken_at=OLD_AT,
        accounts=[
            account(
                [
                    {"id": "c1", "post_id": "p9", "text": "old post"},
                    {"id": "c2", "post_id": "p9"},
                    {"id": "c3", "post_id": "p1", "reply_to": "c2"},
                ],
                posts=[*POSTS, {"id": "p9"}],
            )
        ],
    )
    new = make_snapshot(taken_at=NEW_AT, accounts=[account([])])
    carry(new, old)
    assert new["accounts"][0]["comments"] == [{"id": "c3", "post_id": "p1", "deleted": True, "deleted_at": NEW_AT}]
    assert_valid(new)


def test_members_left_are_counted_only_between_full_lists():
    old = make_snapshot(taken_at=OLD_AT, accounts=[account([], followers=["1", "2", "3"], followers_count=3)])
    new = make_snapshot(taken_at=NEW_AT, accounts=[account([], followers=["1", "4"], followers_count=2)])
    assert carry(new, old).left == 2
    new["accounts"][0]["followers_sampling"] = "random_sample"
    assert carry(new, old).left is None


def test_another_communitys_snapshot_is_refused():
    old = make_snapshot(taken_at=OLD_AT, accounts=[{"id": "vk-2", "platform": "vk"}])
    with pytest.raises(UsageError, match="no account id in common"):
        carry(make_snapshot(taken_at=NEW_AT, accounts=[account([])]), old)
