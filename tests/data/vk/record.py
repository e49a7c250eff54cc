"""Write the recorded VK API responses of the test community "Zerno Coffee" (zerno.json).

    python tests/data/vk/record.py > tests/data/vk/zerno.json

Invented data, shaped by the official VK API JSON Schemas (tests/data/vk-api-schema), which the tests
validate every response against. Planted, like the demo snapshot's problems: dead pages and members
without a photo or never seen ("dogs"), an own-domain link without UTM tags, comments closed on a post,
a negative comment left unanswered and one the community answered late,
a post with no text, and 14 posts with few reactions.
"""

from __future__ import annotations

import json
import sys
from typing import Any

GROUP_ID = 777001
TAKEN_AT = 1793523600  # 2026-11-01T09:00:00Z: the clock the tests fix
DAY = 86_400
MEMBERS = 60


def group() -> dict[str, Any]:
    return {
        "id": GROUP_ID,
        "name": "Zerno Coffee",
        "screen_name": "zerno.coffee",
        "type": "page",
        "is_closed": 0,
        "members_count": MEMBERS,
        "verified": 0,
        "activity": "Coffee shop",
        "description": "Speciality coffee in Kazan. Order online: https://zerno.coffee/order",
        "site": "https://zerno.coffee",
        "contacts": [{"user_id": 5001, "desc": "Orders", "phone": "+7 843 000-00-00"}],
        "cover": {"enabled": 1, "images": [{"url": "https://sun.userapi.com/cover.jpg", "width": 1590, "height": 400}]},
        "has_photo": 1,
        "photo_200": "https://sun.userapi.com/zerno_200.jpg",
    }


def member(i: int) -> dict[str, Any]:
    user: dict[str, Any] = {"id": 100_000 + i, "first_name": f"Name{i}", "last_name": f"Surname{i}"}
    if i % 10 == 3:
        user["deactivated"] = "deleted"
        user["photo_100"] = "https://vk.com/images/deactivated_100.png"
        return user
    if i % 10 == 7:
        user["deactivated"] = "banned"
        user["photo_100"] = "https://vk.com/images/deactivated_100.png"
        return user
    user["can_access_closed"] = True
    user["is_closed"] = i % 4 == 0
    user["has_photo"] = 0 if i % 5 == 1 else 1
    user["photo_100"] = "https://vk.com/images/camera_100.png" if i % 5 == 1 else f"https://sun.userapi.com/u{i}.jpg"
    user["sex"] = 1 + i % 2
    user["screen_name"] = f"id{100_000 + i}" if i % 6 == 0 else f"guest.{i}"
    if i % 9 != 0:
        user["last_seen"] = {"time": TAKEN_AT - (i * 3 + 1) * DAY, "platform": 7}
    if i % 8 != 5:
        country = (1, "Russia") if i % 3 else (4, "Kazakhstan") if i % 2 else (9, "USA")
        user["country"] = {"id": country[0], "title": country[1]}
        user["city"] = {"id": 60, "title": "Kazan"}
    user["followers_count"] = (i * 37) % 400
    return user


def managers() -> list[dict[str, Any]]:
    return [
        {"id": 5001, "first_name": "Anna", "last_name": "Ivanova", "role": "creator"},
        {"id": 5002, "first_name": "Oleg", "last_name": "Petrov", "role": "editor"},
    ]


POSTS = [
    # number, days ago, text, link, comments count, closed
    (40, 34, "New Ethiopia lot: bright and floral. Details https://zerno.coffee/ethiopia", None, 4, False),
    (39, 41, "Latte art workshop on Saturday", "https://zerno.coffee/workshop?utm_source=vk", 0, False),
    (38, 55, "", "https://partner.example/beans", 0, True),
    (37, 70, "Our new menu is here", "https://zerno.coffee/menu", 3, False),
    *((n, 72 + 2 * (36 - n), f"Coffee fact #{n}", None, 0, False) for n in range(36, 26, -1)),
]


def post(number: int, days: int, text: str, link: str | None, comments: int, closed: bool) -> dict[str, Any]:
    item: dict[str, Any] = {
        "inner_type": "wall_wallpost",
        "id": number,
        "owner_id": -GROUP_ID,
        "from_id": -GROUP_ID,
        "date": TAKEN_AT - days * DAY,
        "post_type": "post",
        "text": text,
        "marked_as_ads": 1 if number == 38 else 0,
        "is_pinned": 1 if number == 40 else 0,
        "likes": {"can_like": 1, "count": 2 + number % 3, "user_likes": 0},
        "reposts": {"count": number % 2, "user_reposted": 0},
        "views": {"count": 150 + number},
        "comments": {"count": comments, "can_post": 0 if closed else 1, "groups_can_post": True},
    }
    if closed:
        item["comments"]["can_open"] = 1
    else:
        item["comments"]["can_close"] = 1
    if link:
        item["attachments"] = [{"type": "link", "link": {"url": link, "title": "Link"}}]
    return item


def comments() -> dict[str, dict[str, Any]]:
    t40 = TAKEN_AT - 34 * DAY
    t37 = TAKEN_AT - 70 * DAY
    return {
        "40": _comments(
            [
                _comment(901, 100_010, t40 + 3600, "Ужасный сервис, кофе холодный, больше не приду", thread=[]),
                _comment(
                    902,
                    100_011,
                    t40 + 7200,
                    "Where can I buy the Ethiopia beans?",
                    thread=[
                        _comment(903, -GROUP_ID, t40 + 7200 + 30 * 3600, "In our shop on Baumana 1!", reply=902),
                        _comment(904, 100_011, t40 + 7200 + 31 * 3600, "Thanks!", reply=903),
                    ],
                ),
            ],
            total=4,
        ),
        "37": _comments(
            [
                _comment(905, 100_012, t37 + 600, "Love the new menu", thread=[]),
                _comment(
                    906,
                    100_013,
                    t37 + 900,
                    "",
                    deleted=True,
                    thread=[
                        _comment(907, 100_014, t37 + 1200, "what did they say?", reply=906),
                    ],
                ),
            ],
            total=3,
        ),
    }


def _comment(
    cid: int,
    author: int,
    date: int,
    text: str,
    *,
    reply: int | None = None,
    thread: list[Any] | None = None,
    deleted: bool = False,
) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": cid,
        "from_id": author,
        "date": date,
        "text": text,
        "post_id": 0,
        "owner_id": -GROUP_ID,
    }
    if deleted:
        item["deleted"] = True
    if reply is not None:
        item["reply_to_comment"] = reply
        item["parents_stack"] = [902 if cid in (903, 904) else 906]
    if thread is not None:
        item["thread"] = {"count": len(thread), "items": thread, "can_post": True, "show_reply_button": True}
    return item


def _comments(items: list[dict[str, Any]], total: int) -> dict[str, Any]:
    return {"response": {"count": total, "current_level_count": len(items), "can_post": True, "items": items}}


def recording() -> dict[str, Any]:
    posts = [post(*p) for p in POSTS]
    for key, envelope in comments().items():
        for item in envelope["response"]["items"]:
            item["post_id"] = int(key)
            for reply in item.get("thread", {}).get("items", []):
                reply["post_id"] = int(key)
    return {
        "groups.getById": {"response": {"groups": [group()], "profiles": []}},
        "groups.getMembers": {"response": {"count": MEMBERS, "items": [member(i) for i in range(MEMBERS)]}},
        "groups.getMembers:managers": {"response": {"count": 2, "items": managers()}},
        "wall.get": {"response": {"count": len(posts), "items": posts}},
        "wall.getComments": comments(),
    }


if __name__ == "__main__":
    json.dump(recording(), sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
