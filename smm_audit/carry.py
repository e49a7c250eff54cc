"""``collect --previous OLD.json``: deletions seen by comparing two snapshots of the same accounts.

A platform stops listing a comment once it is deleted, so a deletion is seen only as an absence. A comment
of the previous snapshot that is gone from the new one (or is returned as a ``deleted`` placeholder) is
carried into the new snapshot as deleted, with its text from the old one and ``deleted_at`` the new
snapshot's ``taken_at``: the first moment it was seen gone (it was deleted after the old ``taken_at``).
Who deleted it is not known, so ``deleted_by`` stays absent. Only comments under posts the new snapshot
lists are carried (a post outside the collected window says nothing about its comments); a comment carried
before stays carried, with its first ``deleted_at``. Members of the old full list who are not in the new
full list are counted as left.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import UsageError


@dataclass(frozen=True)
class Carried:
    """What :func:`carry` found: comments carried as deleted, and members gone since (None: not comparable)."""

    deleted: int
    left: int | None


def carry(new: dict[str, Any], old: Mapping[str, Any]) -> Carried:
    """Update ``new`` in place with what ``old`` shows was deleted since; accounts are matched by id."""
    old_accounts = {a["id"]: a for a in old.get("accounts", []) if isinstance(a, Mapping)}
    deleted = 0
    left: int | None = None
    matched = [a for a in new.get("accounts", []) if a["id"] in old_accounts]
    if not matched:
        raise UsageError("--previous: not a snapshot of the same accounts (no account id in common)")
    for account in matched:
        previous = old_accounts[account["id"]]
        deleted += _carry_comments(account, previous, new["taken_at"])
        gone = _members_left(account, previous)
        if gone is not None:
            left = (left or 0) + gone
    return Carried(deleted, left)


def _carry_comments(account: dict[str, Any], previous: Mapping[str, Any], taken_at: str) -> int:
    posts = {p["id"] for p in account.get("posts", [])}
    comments: list[dict[str, Any]] = account.setdefault("comments", [])
    current = {c["id"]: c for c in comments}
    carried = 0
    for old in previous.get("comments", []):
        if old.get("post_id") not in posts:
            continue
        now = current.get(old["id"])
        if now is None:
            copy = {k: v for k, v in old.items() if k != "reply_to"}
            copy["deleted"] = True
            copy.setdefault("deleted_at", taken_at)
            if "reply_to" in old:
                copy["reply_to"] = old["reply_to"]
            comments.append(copy)
            current[copy["id"]] = copy
            carried += 1
        elif now.get("deleted"):  # returned as a placeholder: the old snapshot still knows what it said
            for key in ("text", "author_id", "from_account", "created_at", "lang", "sentiment", "deleted_at"):
                if key in old and key not in now:
                    now[key] = old[key]
            now.setdefault("deleted_at", taken_at)
            carried += 0 if old.get("deleted") else 1
    for comment in comments:  # a reply whose parent is neither listed nor carried loses the reference
        if "reply_to" in comment and comment["reply_to"] not in current:
            del comment["reply_to"]
    return carried


def _members_left(account: Mapping[str, Any], previous: Mapping[str, Any]) -> int | None:
    """Members of the old full list missing from the new full list; None unless both lists are full."""
    if _sampling(account) != "full" or _sampling(previous) != "full":
        return None
    now = {f["id"] for f in account.get("followers", [])}
    return sum(1 for f in previous.get("followers", []) if f["id"] not in now)


def _sampling(account: Mapping[str, Any]) -> str | None:
    if "followers" not in account:
        return None
    given = account.get("followers_sampling")
    if given:
        return str(given)
    return "full" if len(account["followers"]) == account.get("followers_count") else "partial"
