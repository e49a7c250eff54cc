"""VK API objects → snapshot parts. Pure functions; a field VK did not give stays absent.

Each mapping is documented in docs/collect-vk.md; keep the two in step.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

GROUP_FIELDS = (
    "description",
    "site",
    "contacts",
    "cover",
    "members_count",
    "verified",
    "activity",
    "has_photo",
    "screen_name",
    "is_closed",
    "type",
    "is_member",
)
MEMBER_FIELDS = ("photo_100", "has_photo", "last_seen", "sex", "country", "city", "followers_count", "screen_name")

GROUP_KINDS = {"group": "group", "page": "public_page", "event": "group"}
VK_COUNTRIES = {1: "RU", 2: "UA", 3: "BY", 4: "KZ"}
"""VK country ids whose ISO 3166-1 code is certain; other countries are left out (never guessed)."""
DEFAULT_PHOTO_MARKS = ("/images/camera_", "/images/deactivated_", "/images/community_")
"""Parts of the address of VK's placeholder pictures (no photo set)."""


def timestamp(unix: Any) -> str | None:
    """A VK unix time as RFC 3339 in UTC; None for a missing or non-positive one."""
    if isinstance(unix, bool) or not isinstance(unix, int | float) or unix <= 0:
        return None
    return datetime.fromtimestamp(unix, UTC).isoformat().replace("+00:00", "Z")


def _set(target: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        target[key] = value


def _flag(value: Any) -> bool | None:
    """VK's 0/1 (or true/false) as a boolean; None when absent."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0
    return None


def count(value: Any) -> int | None:
    """A counter ``{"count": n}`` or a bare number, as an integer >= 0; None when absent."""
    if isinstance(value, Mapping):
        value = value.get("count")
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None


def has_picture(obj: Mapping[str, Any], *photo_fields: str) -> bool | None:
    """``has_photo`` when VK gives it, else whether a photo address is not a placeholder; None when unknown."""
    flag = _flag(obj.get("has_photo"))
    if flag is not None:
        return flag
    for name in photo_fields:
        url = obj.get(name)
        if isinstance(url, str) and url:
            return not any(mark in url for mark in DEFAULT_PHOTO_MARKS)
    return None


def account_id(group: Mapping[str, Any]) -> str:
    return f"vk-{group['id']}"


def account(group: Mapping[str, Any]) -> dict[str, Any]:
    """groups.getById → the account (without followers, posts and comments)."""
    result: dict[str, Any] = {"id": account_id(group), "platform": "vk"}
    _set(result, "kind", GROUP_KINDS.get(group.get("type", "")))
    _set(result, "name", group.get("name") or None)
    screen_name = group.get("screen_name")
    if isinstance(screen_name, str) and screen_name:
        result["handle"] = screen_name
        result["url"] = f"https://vk.com/{screen_name}"
    _set(result, "followers_count", count(group.get("members_count")))
    profile_part = profile(group)
    if profile_part:
        result["profile"] = profile_part
    return result


def profile(group: Mapping[str, Any]) -> dict[str, Any]:
    """description, site, contacts, cover and photo of a community → the profile."""
    result: dict[str, Any] = {}
    if isinstance(group.get("description"), str):
        result["description"] = group["description"]
    _set(result, "avatar", has_picture(group, "photo_200", "photo_100", "photo_50"))
    cover = group.get("cover")
    if isinstance(cover, Mapping):
        _set(result, "cover", _flag(cover.get("enabled")))
    site = group.get("site")
    if isinstance(site, str) and site:
        result["website"] = site
    if isinstance(group.get("contacts"), list):
        result["contacts"] = [line for c in group["contacts"] if isinstance(c, Mapping) for line in _contact(c)]
    return result


def _contact(contact: Mapping[str, Any]) -> Iterable[str]:
    """One contact of a community as the lines the profile shows: its description, phone, e-mail."""
    parts = [contact.get(key) for key in ("desc", "phone", "email")]
    text = ", ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())
    return [text] if text else []


def follower(user: Mapping[str, Any]) -> dict[str, Any]:
    """A member from groups.getMembers (with fields) → a follower."""
    result: dict[str, Any] = {"id": str(user["id"])}
    screen_name = user.get("screen_name")
    if isinstance(screen_name, str) and screen_name:
        result["username"] = screen_name
    deactivated = user.get("deactivated")
    if deactivated == "banned":
        result["status"] = "banned"
    elif isinstance(deactivated, str) and deactivated:
        result["status"] = "deactivated"  # VK's "deleted": the owner deleted or froze the page
    elif "first_name" in user:  # VK sends deactivated only for dead pages: a named page without it is alive
        result["status"] = "active"
    _set(result, "has_avatar", has_picture(user, "photo_100", "photo_50", "photo_200"))
    last_seen = user.get("last_seen")
    if isinstance(last_seen, Mapping):
        _set(result, "last_active_at", timestamp(last_seen.get("time")))
    _set(result, "is_private", _flag(user.get("is_closed")))
    _set(result, "followers_count", count(user.get("followers_count")))
    country = user.get("country")
    if isinstance(country, Mapping):
        _set(result, "country", VK_COUNTRIES.get(country.get("id", 0)))
    city = user.get("city")
    if isinstance(city, Mapping) and isinstance(city.get("title"), str) and city["title"]:
        result["city"] = city["title"]
    return result


def post_id(owner_id: int, post_number: int) -> str:
    return f"{owner_id}_{post_number}"


def post(item: Mapping[str, Any]) -> dict[str, Any]:
    """A wall.get item → a post: text, links of link attachments, ad mark and counters."""
    result: dict[str, Any] = {"id": post_id(item["owner_id"], item["id"])}
    _set(result, "published_at", timestamp(item.get("date")))
    if isinstance(item.get("text"), str):
        result["text"] = item["text"]
    links = list(dict.fromkeys(_links(item.get("attachments"))))
    if links:
        result["links"] = links
    _set(result, "is_ad", _flag(item.get("marked_as_ads")))
    metrics: dict[str, Any] = {}
    for name in ("likes", "reposts", "comments", "views"):
        _set(metrics, name, count(item.get(name)))
    if metrics:
        result["metrics"] = metrics
    comments = item.get("comments")
    if isinstance(comments, Mapping):
        if _flag(comments.get("can_open")):  # offered to an admin only when comments are closed
            result["comments_enabled"] = False
        elif _flag(comments.get("can_close")):
            result["comments_enabled"] = True
    return result


def _links(attachments: Any) -> Iterable[str]:
    for attachment in attachments if isinstance(attachments, list) else []:
        if isinstance(attachment, Mapping) and attachment.get("type") == "link":
            link = attachment.get("link")
            if isinstance(link, Mapping) and isinstance(link.get("url"), str) and link["url"]:
                yield link["url"]


def comment(item: Mapping[str, Any], group_id: int, post: str, known: set[str]) -> dict[str, Any]:
    """A wall.getComments item → a comment; from_id == -group_id is the community's own reply.

    ``reply_to`` is the comment answered (``reply_to_comment``) when it was collected (in ``known``),
    else the thread's root (``parents_stack``); absent for a top-level comment.
    """
    result: dict[str, Any] = {"id": str(item["id"]), "post_id": post}
    from_id = item.get("from_id")
    if isinstance(from_id, int) and from_id != 0:
        result["author_id"] = str(from_id)
        result["from_account"] = from_id == -group_id
    for candidate in (item.get("reply_to_comment"), *reversed(item.get("parents_stack") or [])):
        if candidate is not None and str(candidate) in known and str(candidate) != result["id"]:
            result["reply_to"] = str(candidate)
            break
    _set(result, "created_at", timestamp(item.get("date")))
    if isinstance(item.get("text"), str) and not item.get("deleted"):
        result["text"] = item["text"]
    if item.get("deleted"):
        result["deleted"] = True
    return result


ROLES = {
    "creator": "owner",
    "administrator": "administrator",
    "editor": "editor",
    "moderator": "moderator",
    "advertiser": "advertiser",
}


def team_member(manager: Mapping[str, Any], account: str) -> dict[str, Any]:
    """A manager from groups.getMembers(filter=managers) → a team member with the VK role."""
    result: dict[str, Any] = {"id": f"vk-user-{manager['id']}"}
    name = " ".join(str(manager[k]) for k in ("first_name", "last_name") if manager.get(k))
    if name:
        result["name"] = name
    _set(result, "role", ROLES.get(manager.get("role", "")))
    result["status"] = "active"
    result["account_ids"] = [account]
    return result
