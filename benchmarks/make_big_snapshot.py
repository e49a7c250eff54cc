"""Write a large, valid snapshot for timing whole runs: N followers, posts and comments.

    python benchmarks/make_big_snapshot.py 1000000 > /tmp/big.json
    python benchmarks/make_big_snapshot.py 2000 --posts 50000 --comments 500000 > /tmp/comments.json
    /usr/bin/time -v smm-audit run /tmp/big.json -f json -o /tmp/big-report.json

Deterministic (fixed seed); the followers mix genuine-looking and bot-looking accounts.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import UTC, datetime, timedelta

TAKEN_AT = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
NAMES = ("anna", "ivan", "olga", "max")


def stamp(days_ago: float) -> str:
    return (TAKEN_AT - timedelta(days=days_ago)).strftime("%Y-%m-%dT%H:%M:%SZ")


def follower(rng: random.Random, i: int) -> dict:
    bot = rng.random() < 0.2
    joined = rng.uniform(1, 900)
    return {
        "id": str(100000 + i),
        "username": f"user{rng.randrange(10**9)}" if bot else f"{rng.choice(NAMES)}_{i % 997}",
        "joined_at": stamp(joined),
        "created_at": stamp(joined + (rng.uniform(0, 3) if bot else rng.uniform(30, 3000))),
        "last_active_at": stamp(joined if bot else rng.uniform(0, joined)),
        "status": rng.choice(["deactivated", "banned"]) if bot and rng.random() < 0.3 else "active",
        "has_avatar": not bot,
        "is_private": rng.random() < (0.5 if bot else 0.2),
        "bio_length": 0 if bot else rng.randrange(0, 150),
        "posts_count": 0 if bot else rng.randrange(0, 400),
        "followers_count": rng.randrange(0, 20) if bot else rng.randrange(10, 2000),
        "following_count": rng.randrange(1500, 7500) if bot else rng.randrange(10, 900),
        "country": "RU" if rng.random() < 0.9 else rng.choice(["KZ", "BY", "US", "IN"]),
    }


def main(followers: int, n_posts: int = 2000, n_comments: int = 20000) -> None:
    rng = random.Random(7)
    posts = [
        {
            "id": f"p{i}",
            "published_at": stamp(i * 0.5),
            "text": f"Post {i}: https://shop.example.ru/item/{i}?utm_source=vk&utm_medium=social&utm_campaign=big",
            "links": [f"https://shop.example.ru/item/{i}?utm_source=vk&utm_medium=social&utm_campaign=big"],
            "category": rng.choice(["commercial", "entertaining", "educational", "news", "user_generated"]),
            "metrics": {"likes": rng.randrange(500), "reposts": rng.randrange(50), "comments": rng.randrange(40)},
        }
        for i in range(n_posts)
    ]
    comments = [
        {
            "id": f"c{i}",
            "post_id": f"p{i % n_posts}",
            "author_id": str(100000 + rng.randrange(followers or 1)),
            "created_at": stamp((i % n_posts) * 0.5 - 0.01),
            "text": rng.choice(["Спасибо, очень вкусно!", "Где мой заказ?", "Great coffee", "Не работает сайт"]),
        }
        for i in range(n_comments)
    ]
    snapshot = {
        "schema_version": "1.0",
        "taken_at": stamp(0),
        "client": {"name": "Big client", "domains": ["shop.example.ru"], "target_regions": ["RU"]},
        "accounts": [
            {
                "id": "vk-big",
                "platform": "vk",
                "kind": "group",
                "followers_count": followers,
                "followers_sampling": "full",
                "followers": [follower(rng, i) for i in range(followers)],
                "posts": posts,
                "comments": comments,
            }
        ],
    }
    json.dump(snapshot, sys.stdout, ensure_ascii=False, separators=(",", ":"))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Write a large valid snapshot to standard output.")
    parser.add_argument("followers", type=int, nargs="?", default=1_000_000)
    parser.add_argument("--posts", type=int, default=2000, help="posts (default 2000)")
    parser.add_argument("--comments", type=int, default=20000, help="comments, spread over the posts (default 20000)")
    args = parser.parse_args()
    main(args.followers, max(1, args.posts), args.comments)
