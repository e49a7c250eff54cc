"""Read-only access to a validated snapshot, with the indexes every check shares.

The snapshot stays the plain JSON data it was loaded as (a million followers are
never copied into objects); :class:`Snapshot` and :class:`Account` add the time
reference, pointers and lookup tables, each built once on first use.
Treat everything here as read-only: all checks see the same data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import cached_property
from typing import Any

from . import pointer

_EMPTY: tuple[Any, ...] = ()


def parse_time(value: str) -> datetime:
    """Parse an RFC 3339 timestamp of the snapshot (``2026-11-01T12:00:00+03:00`` or ``...Z``)."""
    return datetime.fromisoformat(value.upper())


class Account:
    """One community, page, channel or profile: its data, its pointer and its indexes."""

    def __init__(self, index: int, data: Mapping[str, Any]) -> None:
        self.index = index
        self.data = data
        self.pointer = pointer.join("accounts", index)

    @property
    def id(self) -> str:
        return self.data["id"]

    @property
    def platform(self) -> str:
        return self.data["platform"]

    @property
    def label(self) -> str:
        """How reports name the account: ``vk @zerno_coffee`` or ``vk Zerno`` or ``vk vk-main``."""
        handle = self.data.get("handle")
        if handle:
            return f"{self.platform} @{handle.lstrip('@')}"
        return f"{self.platform} {self.data.get('name') or self.id}"

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def has(self, key: str) -> bool:
        """Whether the exporter gave this field at all (an empty list is still given)."""
        return key in self.data

    @property
    def followers(self) -> Sequence[Mapping[str, Any]]:
        return self.data.get("followers", _EMPTY)

    @property
    def posts(self) -> Sequence[Mapping[str, Any]]:
        return self.data.get("posts", _EMPTY)

    @property
    def comments(self) -> Sequence[Mapping[str, Any]]:
        return self.data.get("comments", _EMPTY)

    @property
    def ads(self) -> Sequence[Mapping[str, Any]]:
        return self.data.get("ads", _EMPTY)

    @cached_property
    def post_index(self) -> dict[str, int]:
        """Post id → position in ``posts``."""
        return {post["id"]: i for i, post in enumerate(self.posts)}

    @cached_property
    def comment_index(self) -> dict[str, int]:
        """Comment id → position in ``comments``."""
        return {comment["id"]: i for i, comment in enumerate(self.comments)}

    @cached_property
    def comments_by_post(self) -> dict[str, list[int]]:
        """Post id → positions of its comments, in snapshot order."""
        by_post: dict[str, list[int]] = {}
        for i, comment in enumerate(self.comments):
            by_post.setdefault(comment["post_id"], []).append(i)
        return by_post

    @cached_property
    def replies(self) -> dict[str, list[int]]:
        """Comment id → positions of the comments that answer it (``reply_to``)."""
        replies: dict[str, list[int]] = {}
        for i, comment in enumerate(self.comments):
            parent = comment.get("reply_to")
            if parent is not None:
                replies.setdefault(parent, []).append(i)
        return replies

    def child(self, *tokens: str | int) -> str:
        """A pointer below this account: ``account.child("posts", 3)``."""
        return pointer.child(self.pointer, *tokens)

    def __repr__(self) -> str:
        return f"Account({self.id!r}, {self.platform!r})"


class Snapshot:
    """A validated snapshot: its data, its time reference ``taken_at`` and shared indexes."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.taken_at: datetime = parse_time(data["taken_at"])
        self.accounts: tuple[Account, ...] = tuple(
            Account(i, account) for i, account in enumerate(data.get("accounts", _EMPTY))
        )

    @property
    def schema_version(self) -> str:
        return self.data["schema_version"]

    @property
    def client(self) -> Mapping[str, Any]:
        return self.data["client"]

    @property
    def team(self) -> Sequence[Mapping[str, Any]]:
        return self.data.get("team", _EMPTY)

    @property
    def credentials(self) -> Sequence[Mapping[str, Any]]:
        return self.data.get("credentials", _EMPTY)

    @property
    def extensions(self) -> Mapping[str, Any]:
        return self.data.get("extensions", {})

    def has(self, key: str) -> bool:
        """Whether the exporter gave this top-level field at all."""
        return key in self.data

    @cached_property
    def account_by_id(self) -> dict[str, Account]:
        return {account.id: account for account in self.accounts}

    @cached_property
    def member_index(self) -> dict[str, int]:
        """Team member id → position in ``team``."""
        return {member["id"]: i for i, member in enumerate(self.team)}

    def days_since(self, timestamp: str | datetime) -> float:
        """Days from ``timestamp`` to ``taken_at`` (negative when it is later)."""
        moment = parse_time(timestamp) if isinstance(timestamp, str) else timestamp
        return (self.taken_at - moment).total_seconds() / 86400.0
