"""Labelled follower populations for measuring bot-followers: genuine and fake, overlapping on purpose.

    from bot_fixtures import population, snapshot
    samples = population(20_000, fake_share=0.3, seed=20261101)   # [Sample(fake, archetype, follower), ...]
    data = snapshot(1_000_000, seed=1)                               # a whole snapshot dict

Each follower is drawn from one *archetype*; the archetypes and their shares are
below, with the distributions of every field. They are written to overlap: real
users who look fake (newcomers without an avatar, lurkers, private profiles,
people who follow thousands, VK users who never chose a short name) and fakes
that look real (aged accounts with stolen photos, paid "offers" — real people
paid to join, who are labelled fake because they were bought). Every field is
also left out at random, as exporters do (``missing``), and VK and Instagram
differ as the platforms do: Instagram gives no registration date, last-seen time
or status.

The distributions are ours, guided by what the public fake-account datasets and
audience-analytics vendors describe (fakes: no avatar, no posts, no bio, many
follows and few followers, digit handles, fresh accounts, no activity after
joining). They are not measurements of any platform: figures measured on them show
that the check does what its rules say on the situations imagined, not how
accurate it is on real data.
"""

from __future__ import annotations

import math
import random
import string
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, NamedTuple

TAKEN_AT = datetime.fromisoformat("2026-11-01T12:00:00+03:00")
FIRST_NAMES = (
    "anna",
    "maria",
    "elena",
    "olga",
    "irina",
    "natalia",
    "ksenia",
    "daria",
    "alina",
    "sofia",
    "ivan",
    "sergey",
    "alexey",
    "dmitry",
    "pavel",
    "nikita",
    "artem",
    "maxim",
    "egor",
    "roman",
    "kate",
    "lena",
    "sasha",
    "misha",
)
LAST_NAMES = (
    "ivanova",
    "petrov",
    "smirnova",
    "kuznetsov",
    "popova",
    "sokolov",
    "lebedeva",
    "kozlov",
    "novikova",
    "morozov",
    "volkova",
    "soloviev",
    "vasilieva",
    "zaitsev",
    "pavlova",
    "semenov",
    "golubeva",
    "vinogradov",
    "bogdanova",
)
WORDS = ("coffee", "travel", "photo", "home", "style", "mama", "life", "art", "fit", "book", "cat", "moscow", "spb")
COUNTRIES_LOCAL = ("RU",) * 9 + ("BY",)
COUNTRIES_BOUGHT = ("RU", "UA", "KZ", "UZ", "IN", "BD", "ID", "VN", "BR", "EG")


# ----------------------------------------------------------------------------- small helpers


def lognormal_int(rng: random.Random, median: float, sigma: float, low: int, high: int) -> int:
    """An integer drawn from a log-normal with this median, clipped to [low, high]."""
    return max(low, min(high, round(median * math.exp(rng.gauss(0, sigma)))))


def person_username(rng: random.Random) -> str:
    """A handle a person would pick: a name, sometimes a word, sometimes a birth year or two digits."""
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    shape = rng.random()
    if shape < 0.35:
        name = f"{first}_{last}"
    elif shape < 0.55:
        name = f"{first}.{last[0]}"
    elif shape < 0.7:
        name = f"{first}_{rng.choice(WORDS)}"
    else:
        name = f"{first}{last}"
    suffix = rng.random()
    if suffix < 0.2:
        name += str(rng.randint(1970, 2010))
    elif suffix < 0.35:
        name += str(rng.randint(1, 99))
    return name


def bot_username(rng: random.Random) -> str:
    """A handle a bot farm makes: digit strings, letter-digit soup, or a stolen-looking name with digits."""
    shape = rng.random()
    if shape < 0.3:
        return "user" + "".join(rng.choices(string.digits, k=rng.randint(7, 10)))
    if shape < 0.55:
        return "".join(rng.choices(string.ascii_lowercase + string.digits, k=rng.randint(8, 12)))
    if shape < 0.75:
        return f"{rng.choice(FIRST_NAMES)}{rng.randint(1000, 99999)}"
    return person_username(rng)  # a quarter of bots look like people


def stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


# ----------------------------------------------------------------------------- archetypes


def genuine_regular(rng: random.Random, platform: str, joined: datetime) -> dict[str, Any]:
    """An ordinary member: avatar, posts, some bio, balanced follows; 3% follow more than 1,500."""
    created = joined - timedelta(days=rng.uniform(60, 5000))
    following = lognormal_int(rng, 220, 0.8, 5, 1499)
    if rng.random() < 0.03:
        following = rng.randint(1500, 4000)
    return {
        "username": vk_default(rng, platform) or person_username(rng),
        "created_at": created,
        "last_active_at": active_after(rng, joined),
        "has_avatar": rng.random() < 0.95,
        "is_private": rng.random() < 0.3,
        "bio_length": 0 if rng.random() < 0.45 else rng.randint(3, 150),
        "posts_count": lognormal_int(rng, 60, 1.2, 0, 5000),
        "followers_count": lognormal_int(rng, 200, 0.9, 3, 20000),
        "following_count": following,
        "country": rng.choice(COUNTRIES_LOCAL),
    }


def genuine_lurker(rng: random.Random, platform: str, joined: datetime) -> dict[str, Any]:
    """A real person who reads and never posts: often private, often no bio, sometimes no avatar."""
    return {
        "username": vk_default(rng, platform) or person_username(rng),
        "created_at": joined - timedelta(days=rng.uniform(60, 4000)),
        "last_active_at": active_after(rng, joined),
        "has_avatar": rng.random() < 0.75,
        "is_private": rng.random() < 0.55,
        "bio_length": 0 if rng.random() < 0.75 else rng.randint(3, 60),
        "posts_count": rng.randint(0, 3),
        "followers_count": lognormal_int(rng, 60, 0.9, 0, 2000),
        "following_count": lognormal_int(rng, 180, 0.8, 5, 1400),
        "country": rng.choice(COUNTRIES_LOCAL),
    }


def genuine_newcomer(rng: random.Random, platform: str, joined: datetime) -> dict[str, Any]:
    """A real person who registered to follow the brand (after an ad, a tasting): new, empty, but active."""
    return {
        "username": vk_default(rng, platform) or person_username(rng),
        "created_at": joined - timedelta(hours=rng.uniform(0.1, 24 * 10)),
        "last_active_at": active_after(rng, joined),
        "has_avatar": rng.random() < 0.5,
        "is_private": rng.random() < 0.3,
        "bio_length": 0 if rng.random() < 0.85 else rng.randint(3, 40),
        "posts_count": rng.randint(0, 2),
        "followers_count": rng.randint(0, 30),
        "following_count": rng.randint(3, 120),
        "country": rng.choice(COUNTRIES_LOCAL),
    }


def genuine_social(rng: random.Random, platform: str, joined: datetime) -> dict[str, Any]:
    """A real, very social person or small business: follows thousands, posts a lot."""
    return {
        "username": person_username(rng),
        "created_at": joined - timedelta(days=rng.uniform(200, 5000)),
        "last_active_at": active_after(rng, joined),
        "has_avatar": True,
        "is_private": rng.random() < 0.1,
        "bio_length": rng.randint(0, 150),
        "posts_count": lognormal_int(rng, 300, 1.0, 5, 9000),
        "followers_count": lognormal_int(rng, 900, 1.0, 50, 50000),
        "following_count": rng.randint(1200, 6000),
        "country": rng.choice(COUNTRIES_LOCAL),
    }


def genuine_dormant(rng: random.Random, platform: str, joined: datetime) -> dict[str, Any]:
    """A real member who joined, looked around for a while and has not been back since."""
    follower = genuine_regular(rng, platform, joined)
    follower["last_active_at"] = min(TAKEN_AT, joined + timedelta(hours=rng.uniform(1, 24 * 20)))
    return follower


def genuine_deactivated(rng: random.Random, platform: str, joined: datetime) -> dict[str, Any]:
    """A real member who later deleted or froze the account: dead weight, but no fake."""
    return {"username": vk_default(rng, platform) or person_username(rng), "status": "deactivated", "has_avatar": False}


def fake_cheap_bot(rng: random.Random, platform: str, joined: datetime) -> dict[str, Any]:
    """A mass-produced bot: fresh, empty, no avatar, random handle, follows hundreds or thousands."""
    fresh = rng.random() < 0.6
    return {
        "username": bot_username(rng),
        "created_at": joined - timedelta(hours=rng.uniform(0.2, 24 * 6) if fresh else rng.uniform(24 * 30, 24 * 900)),
        "last_active_at": joined - timedelta(minutes=rng.uniform(0, 600))
        if rng.random() < 0.55
        else active_after(rng, joined),
        "has_avatar": rng.random() < 0.2,
        "is_private": rng.random() < 0.3,
        "bio_length": 0 if rng.random() < 0.9 else rng.randint(2, 20),
        "posts_count": 0 if rng.random() < 0.8 else rng.randint(1, 4),
        "followers_count": rng.randint(0, 40),
        "following_count": rng.randint(1500, 7500) if rng.random() < 0.5 else rng.randint(80, 1400),
        "country": rng.choice(COUNTRIES_BOUGHT),
    }


def fake_aged_bot(rng: random.Random, platform: str, joined: datetime) -> dict[str, Any]:
    """A better bot: aged account, stolen photo, a few reposts and a short bio; hard to tell."""
    return {
        "username": bot_username(rng) if rng.random() < 0.4 else person_username(rng),
        "created_at": joined - timedelta(days=rng.uniform(100, 2000)),
        "last_active_at": joined if rng.random() < 0.3 else active_after(rng, joined),
        "has_avatar": rng.random() < 0.9,
        "is_private": rng.random() < 0.2,
        "bio_length": 0 if rng.random() < 0.6 else rng.randint(5, 60),
        "posts_count": rng.randint(0, 12),
        "followers_count": lognormal_int(rng, 60, 1.0, 0, 600),
        "following_count": lognormal_int(rng, 900, 0.7, 100, 7500),
        "country": rng.choice(COUNTRIES_BOUGHT),
    }


def fake_paid_offer(rng: random.Random, platform: str, joined: datetime) -> dict[str, Any]:
    """A real person paid to join ("offers"): looks genuine in every field; labelled fake because bought."""
    follower = genuine_regular(rng, platform, joined)
    follower["following_count"] = lognormal_int(rng, 500, 0.7, 50, 4000)
    follower["country"] = rng.choice(COUNTRIES_BOUGHT)
    return follower


def fake_banned(rng: random.Random, platform: str, joined: datetime) -> dict[str, Any]:
    """A bot the platform has since banned or removed (a VK 'dog')."""
    return {"username": bot_username(rng), "status": rng.choice(("banned", "banned", "deleted")), "has_avatar": False}


Archetype = Callable[[random.Random, str, datetime], dict[str, Any]]
GENUINE: tuple[tuple[Archetype, float], ...] = (
    (genuine_regular, 0.60),
    (genuine_lurker, 0.17),
    (genuine_newcomer, 0.08),
    (genuine_social, 0.07),
    (genuine_dormant, 0.05),
    (genuine_deactivated, 0.03),
)
"""Genuine archetypes and their shares."""
FAKE: tuple[tuple[Archetype, float], ...] = (
    (fake_cheap_bot, 0.45),
    (fake_aged_bot, 0.25),
    (fake_paid_offer, 0.18),
    (fake_banned, 0.12),
)


def vk_default(rng: random.Random, platform: str) -> str | None:
    """On VK, 15% of people keep the default ``id<number>`` handle."""
    if platform == "vk" and rng.random() < 0.15:
        return f"id{rng.randint(1_000_000, 899_999_999)}"
    return None


def active_after(rng: random.Random, joined: datetime) -> datetime:
    """A last-seen time after joining: mostly in the last days, sometimes months ago."""
    if rng.random() < 0.8:
        moment = TAKEN_AT - timedelta(hours=rng.uniform(0.1, 24 * 10))
    else:
        moment = TAKEN_AT - timedelta(days=rng.uniform(10, 400))
    return max(moment, joined + timedelta(minutes=rng.uniform(5, 60 * 24 * 30)))


def pick(rng: random.Random, archetypes: tuple[tuple[Archetype, float], ...]) -> Archetype:
    """An archetype drawn by its share; leftover probability falls to the first one."""
    draw = rng.random()
    for archetype, share in archetypes:
        if draw < share:
            return archetype
        draw -= share
    return archetypes[0][0]


# ----------------------------------------------------------------------------- populations

MISSING = 0.08
"""Chance that an exporter leaves out any one optional field of a follower."""
INSTAGRAM_HIDDEN = ("created_at", "last_active_at", "country")
"""Fields Instagram does not expose."""


def follower(rng: random.Random, index: int, fake: bool, platform: str) -> tuple[str, dict[str, Any]]:
    """One follower of a given class on a given platform, with its fields left out at random; and its archetype."""
    joined = TAKEN_AT - timedelta(days=rng.uniform(8, 700), minutes=rng.uniform(0, 1440))
    archetype = pick(rng, FAKE if fake else GENUINE)
    fields = archetype(rng, platform, joined)
    record: dict[str, Any] = {"id": str(100_000_000 + index), "joined_at": stamp(joined)}
    if "status" not in fields:
        record["status"] = "active"
    for key, value in fields.items():
        if platform == "instagram" and key in INSTAGRAM_HIDDEN:
            continue
        if key != "status" and rng.random() < MISSING:
            continue
        record[key] = stamp(value) if isinstance(value, datetime) else value
    if platform == "instagram" and record.get("status") == "banned":
        record["status"] = "deleted"
    return archetype.__name__, record


class Sample(NamedTuple):
    """One labelled follower: whether it is fake, the archetype it was drawn from, its platform and record."""

    fake: bool
    archetype: str
    platform: str
    follower: dict[str, Any]


def population(n: int, fake_share: float = 0.3, seed: int = 20261101, platform: str = "mixed") -> list[Sample]:
    """``n`` labelled followers; ``platform`` "vk", "instagram" or "mixed" (every other one)."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        fake = rng.random() < fake_share
        where = platform if platform != "mixed" else ("vk" if i % 2 == 0 else "instagram")
        archetype, record = follower(rng, i, fake, where)
        rows.append(Sample(fake, archetype, where, record))
    return rows


def snapshot(n: int, fake_share: float = 0.2, seed: int = 1, platform: str = "vk") -> dict[str, Any]:
    """A whole snapshot with one account of ``n`` followers (the full list) and a few posts."""
    followers = [sample.follower for sample in population(n, fake_share, seed, platform)]
    rng = random.Random(seed)
    posts = [
        {
            "id": f"p{i}",
            "published_at": stamp(TAKEN_AT - timedelta(days=2 + i * 3)),
            "metrics": {"likes": rng.randint(50, 400), "comments": rng.randint(0, 40), "reposts": rng.randint(0, 20)},
        }
        for i in range(30)
    ]
    return {
        "schema_version": "1.0",
        "taken_at": stamp(TAKEN_AT),
        "client": {"name": "Benchmark", "target_regions": ["RU-MOW", "RU-SPE"]},
        "accounts": [
            {
                "id": "bench",
                "platform": platform,
                "followers_count": n,
                "followers_sampling": "full",
                "followers": followers,
                "posts": posts,
            }
        ],
    }
