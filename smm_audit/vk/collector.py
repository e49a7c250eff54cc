"""Collect one VK community into a snapshot: which methods, in which order, how many of each.

The mapping of each VK object is :mod:`smm_audit.vk.mapping`'s; the HTTP, pacing and retries are
:mod:`smm_audit.vk.client`'s. Here: the community, its members (all, the first N, or a seeded random
sample), its managers when the token may see them, its posts and their comments with threads.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..api import CollectContext
from ..errors import CollectError
from . import mapping
from .client import VkApiError, VkClient

PAGE = 1000
"""Members one groups.getMembers call returns (VK's maximum)."""
POSTS_PAGE = 100
COMMENTS_PAGE = 100
THREAD_ITEMS = 10
SAMPLE_ABOVE = 10_000
"""Communities with more members are sampled by default (``--followers auto``)."""
DEFAULT_SAMPLE = 10_000
NOT_VISIBLE = frozenset({7, 15, 27, 203})
"""Errors that mean "this token may not see it": the part is left out, the collect goes on."""

_TARGET = re.compile(r"^(?:https?://)?(?:m\.)?(?:vk\.com|vk\.ru)/")


@dataclass(frozen=True)
class Followers:
    """What ``--followers`` asks for: every member, the first ``count``, or a random sample of ``count``."""

    mode: str  # all | first | sample | auto
    count: int = 0

    @classmethod
    def parse(cls, text: str) -> Followers:
        text = text.strip().lower()
        if text in ("all", "auto"):
            return cls(text)
        if text == "none":
            return cls("first", 0)
        kind, _, number = text.rpartition(":")
        if kind in ("", "sample") and number.isdigit() and number.isascii():
            return cls("sample" if kind else "first", int(number))
        raise CollectError(f"--followers {text!r}: expected all, auto, none, N or sample:N")

    def resolved(self, total: int) -> Followers:
        """``auto`` decided for a community of ``total`` members; a sample as big as the whole is the whole."""
        if self.mode == "auto":
            return Followers("all") if total <= SAMPLE_ABOVE else Followers("sample", DEFAULT_SAMPLE)
        if self.mode in ("sample", "first") and self.count >= total:
            return Followers("all")
        return self


def group_key(target: str) -> str:
    """The group id or short name VK takes from what a user types: an address, @name, club123, -123."""
    key = _TARGET.sub("", target.strip()).strip("/").removeprefix("@")
    key = key.split("?", 1)[0]
    if re.fullmatch(r"-\d+", key):
        key = key[1:]
    if not key or "/" in key:
        raise CollectError(f"{target!r} is not a VK community: give its short name, id or address")
    return key


def collect(target: str, options: Mapping[str, Any], context: CollectContext) -> dict[str, Any]:
    """The snapshot of the community ``target``, as the token sees it at ``context.now()``."""
    if not context.token:
        raise CollectError("no VK token: set VK_TOKEN (or name another variable with --token-env)")
    followers = Followers.parse(str(options["followers"]))
    taken_at = context.now().isoformat().replace("+00:00", "Z")
    client = VkClient(
        context.http,
        context.token,
        api_base=context.api_base,
        rate=float(options["rate"]),
        sleep=context.sleep,
        clock=context.monotonic,
        checkpoint=context.checkpoint,
    )
    group = _group(client, group_key(target))
    gid = int(group["id"])
    acct = mapping.account(group)
    total = acct.get("followers_count")
    if followers.mode != "first" or followers.count:
        if total is None:
            raise CollectError(f"VK did not give the members count of {target!r}: is the community private?")
        chosen = followers.resolved(total)
        acct["followers"] = _members(client, gid, chosen, total, int(options["seed"]), context)
        acct["followers_sampling"] = {"all": "full", "first": "partial", "sample": "random_sample"}[chosen.mode]
    posts = _posts(client, gid, int(options["posts"]), context)
    acct["posts"] = [mapping.post(item) for item in posts]
    acct["comments"] = _comments(client, gid, posts, context)
    data: dict[str, Any] = {
        "schema_version": "1.0",
        "taken_at": taken_at,
        "client": _client(group, options),
        "accounts": [acct],
    }
    team = _team(client, gid, acct["id"])
    if team is not None:
        data["team"] = team
    return data


def _client(group: Mapping[str, Any], options: Mapping[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {"name": str(options.get("client") or group.get("name") or group["id"])}
    for key, option in (("domains", "domains"), ("target_regions", "regions")):
        values = [v.strip() for v in str(options.get(option) or "").split(",") if v.strip()]
        if values:
            result[key] = values
    return result


def _group(client: VkClient, key: str) -> dict[str, Any]:
    response = client.call("groups.getById", group_id=key, fields=mapping.GROUP_FIELDS)
    groups = response.get("groups") if isinstance(response, dict) else response  # 5.199 or older versions
    if not isinstance(groups, list) or not groups or not isinstance(groups[0], dict) or "id" not in groups[0]:
        raise CollectError(f"VK knows no community {key!r}")
    group = groups[0]
    if group.get("deactivated"):
        raise CollectError(f"the VK community {key!r} is {group['deactivated']}")
    if group.get("is_closed") and not group.get("is_member", 1):
        raise CollectError(f"the VK community {key!r} is private and the token's user is not a member")
    return group


def _members(
    client: VkClient, gid: int, chosen: Followers, total: int, seed: int, context: CollectContext
) -> list[dict[str, Any]]:
    """Members as followers: whole pages for ``all`` and ``first``; for ``sample``, the pages holding a
    seeded uniform sample of member positions, of which only the sampled positions are kept."""
    if chosen.mode == "sample":
        positions = sorted(random.Random(seed).sample(range(total), chosen.count))
        pages = sorted({p // PAGE for p in positions})
        wanted = {p: [q % PAGE for q in positions if q // PAGE == p] for p in pages}
    else:
        limit = total if chosen.mode == "all" else chosen.count
        pages = list(range((limit + PAGE - 1) // PAGE))
        wanted = {p: list(range(min(PAGE, limit - p * PAGE))) for p in pages}
    calls = [
        (
            "groups.getMembers",
            {"group_id": gid, "offset": p * PAGE, "count": PAGE, "sort": "id_asc", "fields": mapping.MEMBER_FIELDS},
        )
        for p in pages
    ]
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(calls), 25):
        batch = calls[start : start + 25]
        for page, response in zip(pages[start : start + 25], client.execute(batch), strict=True):
            items = response.get("items", []) if isinstance(response, dict) else []
            for index in wanted[page]:
                if index < len(items) and isinstance(items[index], dict) and "id" in items[index]:
                    member = mapping.follower(items[index])
                    found.setdefault(member["id"], member)  # a member shifted between pages is listed once
        context.progress("members", len(found), chosen.count if chosen.mode == "sample" else total)
    return list(found.values())


def _posts(client: VkClient, gid: int, limit: int, context: CollectContext) -> list[dict[str, Any]]:
    if limit <= 0:
        return []
    first = client.call("wall.get", owner_id=-gid, count=min(POSTS_PAGE, limit), offset=0)
    items = list(first.get("items", []))
    total = min(int(first.get("count", len(items))), limit)
    context.progress("posts", min(len(items), total), total)
    offsets = list(range(POSTS_PAGE, total, POSTS_PAGE))
    calls = [("wall.get", {"owner_id": -gid, "count": min(POSTS_PAGE, total - o), "offset": o}) for o in offsets]
    for response in client.execute(calls):
        items += response.get("items", [])
        context.progress("posts", len(items), total)
    seen: dict[int, dict[str, Any]] = {}
    for item in items:
        if isinstance(item, dict) and "id" in item and "owner_id" in item:
            seen.setdefault(item["id"], item)  # a post published during the collect shifts the pages
    return list(seen.values())[:limit]


def _comments(client: VkClient, gid: int, posts: list[dict[str, Any]], context: CollectContext) -> list[dict[str, Any]]:
    """Comments of every post that has any, with their threads; paged until VK's count is reached."""
    raw: list[tuple[str, dict[str, Any]]] = []
    pending = [p for p in posts if mapping.count(p.get("comments")) != 0]
    calls = [_comments_call(gid, p["id"], 0) for p in pending]
    keys = [(mapping.post_id(p["owner_id"], p["id"]), p["id"], None) for p in pending]
    while calls:
        responses = client.execute(calls)
        next_calls, next_keys = [], []
        for (post, number, thread), call, response in zip(keys, calls, responses, strict=True):
            items = response.get("items", []) if isinstance(response, dict) else []
            for item in items:
                raw.append((post, item))
                nested = item.get("thread") if isinstance(item, dict) else None
                if isinstance(nested, dict):
                    replies = nested.get("items") or []
                    raw += [(post, reply) for reply in replies]
                    if int(nested.get("count", 0)) > len(replies):
                        next_calls.append(_comments_call(gid, number, 0, comment_id=item["id"]))
                        next_keys.append((post, number, item["id"]))
            offset = call[1]["offset"] + len(items)
            level = _level_count(response)
            if items and offset < level:
                next_calls.append(_comments_call(gid, number, offset, comment_id=thread))
                next_keys.append((post, number, thread))
        calls, keys = next_calls, next_keys
        context.progress("comments", len(raw), None)
    unique: dict[str, tuple[str, dict[str, Any]]] = {}
    for post, item in raw:
        if isinstance(item, dict) and "id" in item:
            unique.setdefault(str(item["id"]), (post, item))
    known = set(unique)
    return [mapping.comment(item, gid, post, known) for post, item in unique.values()]


def _level_count(response: Any) -> int:
    """How many comments the level asked for holds (the thread's, or the post's top level)."""
    if not isinstance(response, dict):
        return 0
    count = response.get("current_level_count", response.get("count", 0))
    return count if isinstance(count, int) else 0


def _comments_call(gid: int, post: int, offset: int, comment_id: int | None = None) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {"owner_id": -gid, "post_id": post, "count": COMMENTS_PAGE, "offset": offset}
    if comment_id is None:
        params["thread_items_count"] = THREAD_ITEMS
    else:
        params["comment_id"] = comment_id
    params["sort"] = "asc"
    return ("wall.getComments", params)


def _team(client: VkClient, gid: int, account: str) -> list[dict[str, Any]] | None:
    """The community's managers with their roles; None when the token may not see them."""
    try:
        response = client.call("groups.getMembers", group_id=gid, filter="managers", fields=("first_name",))
    except VkApiError as exc:
        if exc.code in NOT_VISIBLE:
            return None
        raise
    items = response.get("items", []) if isinstance(response, dict) else []
    return [mapping.team_member(m, account) for m in items if isinstance(m, dict) and "id" in m]
