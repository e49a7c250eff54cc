"""Read-only access to a validated snapshot, with the indexes every check shares.

The snapshot stays the plain JSON data it was loaded as (a million followers are
never copied into objects); :class:`Snapshot` and :class:`Account` add the time
reference, pointers and lookup tables, each built once on first use.
All checks see the same data, so it is read-only: the JSON objects and arrays
(:mod:`smm_audit.readonly`), the indexes, and the attributes of these wrappers.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property
from itertools import chain, compress, count, repeat
from typing import Any

from . import pointer, readonly

_EMPTY: tuple[Any, ...] = ()


def parse_time(value: str) -> datetime:
    """Parse an RFC 3339 timestamp of the snapshot (``2026-11-01T12:00:00+03:00`` or ``...Z``).

    A leap second (``23:59:60``) is read as the second after ``23:59:59``.
    """
    try:
        return datetime.fromisoformat(value)  # the usual spelling; it reads "t" as "T" itself
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value.upper())  # a lower-case "z"
    except ValueError:
        if value[16:19] != ":60":
            raise
    return datetime.fromisoformat(f"{value[:17]}59{value[19:]}".upper()) + timedelta(seconds=1)


def is_deleted(comment: Mapping[str, Any]) -> bool:
    """Whether a comment was deleted: its ``deleted`` flag, or else a ``deleted_at`` or ``deleted_by``."""
    flag = comment.get("deleted")
    if flag is not None:
        return flag is True
    return "deleted_at" in comment or "deleted_by" in comment


@dataclass(frozen=True)
class FirstAnswer:
    """The account's first answers to a comment, from comments of the account (``from_account``).

    ``reply`` is the earliest one that replies to it (``reply_to``), ``on_post``
    the earliest at the top level of the same post, each written at or after
    the comment (earlier ones are clock skew and ignored). ``untimed`` says the
    account also answered in one of these ways with a comment that has no time.
    """

    reply: datetime | None
    on_post: datetime | None
    untimed: bool

    @property
    def at(self) -> datetime | None:
        """The first answer of either kind."""
        reply, on_post = self.reply, self.on_post
        if reply is None or on_post is None:
            return on_post if reply is None else reply
        return min(reply, on_post)

    @property
    def answered(self) -> bool:
        return self.at is not None or self.untimed


class Answers:
    """The account's own comments, indexed once: reply times by comment, top-level times by post."""

    def __init__(self, comments: Sequence[Mapping[str, Any]]) -> None:
        self._replies: dict[str, list[datetime]] = {}
        self._top_level: dict[str, list[datetime]] = {}
        self._untimed: set[tuple[str, str]] = set()  # ("reply", comment id) or ("post", post id)
        for comment in comments:
            if comment.get("from_account") is not True:
                continue
            parent = comment.get("reply_to")
            kind, key = ("reply", parent) if parent is not None else ("post", comment["post_id"])
            created = comment.get("created_at")
            if not created:
                self._untimed.add((kind, key))
                continue
            by_key = self._replies if kind == "reply" else self._top_level
            by_key.setdefault(key, []).append(parse_time(created))
        for times in (*self._replies.values(), *self._top_level.values()):
            times.sort()

    def first(self, comment: Mapping[str, Any], created_at: datetime | None = None) -> FirstAnswer:
        """The first answer to ``comment`` (a user comment of the same account).

        ``created_at``: the comment's ``created_at`` already parsed, if the caller has it.
        """
        created = comment.get("created_at")
        untimed = bool(self._untimed) and (
            ("reply", comment["id"]) in self._untimed or ("post", comment["post_id"]) in self._untimed
        )
        if not created:  # any answer may have come after it
            known = self._replies.get(comment["id"]) or self._top_level.get(comment["post_id"])
            return FirstAnswer(None, None, untimed or bool(known))
        moment = created_at if created_at is not None else parse_time(created)
        return FirstAnswer(
            _first_at_or_after(self._replies.get(comment["id"]), moment),
            _first_at_or_after(self._top_level.get(comment["post_id"]), moment),
            untimed,
        )


def _first_at_or_after(times: list[datetime] | None, moment: datetime) -> datetime | None:
    if not times:
        return None
    position = bisect_left(times, moment)
    return times[position] if position < len(times) else None


class _ReadOnly:
    """Attributes are set once, in ``__init__`` (cached properties write to ``__dict__`` directly)."""

    def __setattr__(self, name: str, value: Any) -> None:
        readonly.refuse(f"setting {type(self).__name__}.{name}")

    def __delattr__(self, name: str) -> None:
        readonly.refuse(f"deleting {type(self).__name__}.{name}")

    def _set(self, **attributes: Any) -> None:
        self.__dict__.update(attributes)


class Account(_ReadOnly):
    """One community, page, channel or profile: its data, its pointer and its indexes."""

    index: int
    data: Mapping[str, Any]
    pointer: str

    def __init__(self, index: int, data: Mapping[str, Any]) -> None:
        self._set(index=index, data=data, pointer=pointer.join("accounts", index))

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
        return readonly.FrozenDict({post["id"]: i for i, post in enumerate(self.posts)})

    @cached_property
    def comment_index(self) -> dict[str, int]:
        """Comment id → position in ``comments``."""
        return readonly.FrozenDict({comment["id"]: i for i, comment in enumerate(self.comments)})

    @cached_property
    def comments_by_post(self) -> dict[str, list[int]]:
        """Post id → positions of its comments, in snapshot order."""
        by_post: dict[str, list[int]] = {}
        for i, comment in enumerate(self.comments):
            by_post.setdefault(comment["post_id"], []).append(i)
        return readonly.freeze(by_post)

    @cached_property
    def comment_fields(self) -> frozenset[str]:
        """The names of the fields that at least one of ``comments`` holds: ``"from_account" in
        account.comment_fields`` says whether any comment gives it, found without a Python call per comment."""
        return frozenset(chain.from_iterable(self.comments))

    def comments_with(self, name: str) -> tuple[int, ...]:
        """Positions of the comments that hold the field ``name`` (whatever its value), in snapshot order: all a
        check needs to read of 500,000 comments when only a few are the account's own or deleted. Found once
        per field, at once when no comment holds it (:attr:`comment_fields`)."""
        found = self._comments_with.get(name)
        if found is None:
            found = () if name not in self.comment_fields else _positions_holding(self.comments, name)
            self._comments_with[name] = found
        return found

    @cached_property
    def _comments_with(self) -> dict[str, tuple[int, ...]]:
        return {}

    @cached_property
    def replies(self) -> dict[str, list[int]]:
        """Comment id → positions of the comments that answer it (``reply_to``)."""
        replies: dict[str, list[int]] = {}
        for i, comment in enumerate(self.comments):
            parent = comment.get("reply_to")
            if parent is not None:
                replies.setdefault(parent, []).append(i)
        return readonly.freeze(replies)

    @cached_property
    def answers(self) -> Answers:
        """When the account answered each comment: ``account.answers.first(comment)``."""
        return Answers(self.comments)

    def child(self, *tokens: str | int) -> str:
        """A pointer below this account: ``account.child("posts", 3)``."""
        return pointer.child(self.pointer, *tokens)

    def __repr__(self) -> str:
        return f"Account({self.id!r}, {self.platform!r})"


def _positions_holding(items: Sequence[Mapping[str, Any]], name: str) -> tuple[int, ...]:
    """Positions of the items that hold ``name``: one C-level pass when all are dicts (each is a JSON object)."""
    try:
        return tuple(compress(count(), map(dict.__contains__, items, repeat(name))))
    except TypeError:  # an item that is no dict: as the plain reading
        return tuple(i for i, item in enumerate(items) if name in item)


class Snapshot(_ReadOnly):
    """A validated snapshot: its data (made read-only, if it is not yet), its time reference ``taken_at`` and
    shared indexes."""

    data: Mapping[str, Any]
    taken_at: datetime
    accounts: tuple[Account, ...]

    def __init__(self, data: Mapping[str, Any]) -> None:
        data = readonly.freeze(data)
        self._set(
            data=data,
            taken_at=parse_time(data["taken_at"]),
            accounts=tuple(Account(i, account) for i, account in enumerate(data.get("accounts", _EMPTY))),
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
        return readonly.FrozenDict({account.id: account for account in self.accounts})

    @cached_property
    def member_index(self) -> dict[str, int]:
        """Team member id → position in ``team``."""
        return readonly.FrozenDict({member["id"]: i for i, member in enumerate(self.team)})

    def days_since(self, timestamp: str | datetime) -> float:
        """Days from ``timestamp`` to ``taken_at`` (negative when it is later)."""
        moment = parse_time(timestamp) if isinstance(timestamp, str) else timestamp
        return (self.taken_at - moment).total_seconds() / 86400.0
