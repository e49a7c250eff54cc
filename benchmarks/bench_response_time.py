"""Time response-time on N comments (default 100,000) and posting-frequency on N posts.

    python benchmarks/bench_response_time.py [N] [--repeat 3]

Deterministic (fixed seed). One VK account, 2,000 posts; 30% of the comments
are the account's own (nine in ten reply with `reply_to`, one in ten is a
top-level comment on the post), answering a user comment after a log-normal
delay (median about 40 minutes); a fifth of the user comments are never
answered; 20% carry an exporter `sentiment`, half give `lang`. The texts mix
Russian, English and Spanish complaints, praise and questions. It prints the
best wall time of each check with the default options and with the classifier
budget (`classify_max`) large enough to judge every comment that needs it,
and how many comments the classifier judged.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import UTC, datetime, timedelta, timezone

from smm_audit import engine, plugins
from smm_audit.api import Snapshot, classify_sentiment

TAKEN_AT = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
MSK = timezone(timedelta(hours=3))
TEXTS = {
    "ru": [
        "Заказ №{n} не пришёл уже {k} дней, верните деньги",
        "Очень вкусный {w}, спасибо! Возьму ещё {k} пачки",
        "А сколько стоит доставка в {w}?",
        "Подскажите, {w} подойдёт для турки",
        "Спасибо за {w}, всё пришло за {k} дня 👍",
    ],
    "en": [
        "Ordered {k} bags of {w}, still nothing and nobody answers my emails",
        "Great {w}, thank you! Order #{n} arrived in {k} days",
        "Do you ship {w} to Kazan?",
    ],
    "es": ["El pedido {n} nunca llegó y nadie responde, una estafa", "¿Cuánto cuesta el envío de {w}?"],
}
WORDS = ["кофе", "латте", "зерно", "espresso", "flat white", "café", "капучино", "blend"]


def stamp(moment: datetime, zone: timezone = MSK) -> str:
    """RFC 3339 in ``zone`` (Moscow time by default; the account's answers are written in UTC)."""
    return moment.astimezone(zone).isoformat(timespec="seconds")


def make_snapshot(count: int, seed: int = 11) -> dict:
    """One VK account with ``count`` comments (about 30% its own answers) under 2,000 posts."""
    rng = random.Random(seed)
    posts = [{"id": f"p{i}", "published_at": stamp(TAKEN_AT - timedelta(hours=i * 6 + 1))} for i in range(2000)]
    comments: list[dict] = []
    while len(comments) < count:
        i = len(comments)
        post = rng.randrange(2000)
        written = TAKEN_AT - timedelta(hours=post * 6 + rng.uniform(0, 5))
        lang = rng.choice(("ru", "ru", "en", "es"))
        text = rng.choice(TEXTS[lang]).format(n=rng.randrange(10**6), k=rng.randrange(2, 30), w=rng.choice(WORDS))
        comment: dict = {
            "id": f"c{i}",
            "post_id": f"p{post}",
            "author_id": str(rng.randrange(10**8)),
            "from_account": False,
            "created_at": stamp(written),
            "text": text,
        }
        if rng.random() < 0.5:
            comment["lang"] = lang
        if rng.random() < 0.2:
            comment["sentiment"] = rng.choice(("negative", "neutral", "positive"))
        comments.append(comment)
        if rng.random() < 0.2 or len(comments) >= count:
            continue
        answered = written + timedelta(hours=rng.lognormvariate(-0.4, 1.2))
        reply: dict = {
            "id": f"c{i}r",
            "post_id": comment["post_id"],
            "author_id": "-1",
            "from_account": True,
            "created_at": stamp(answered, UTC),
            "text": "Спасибо, ответили в личных сообщениях",
        }
        if rng.random() < 0.9:
            reply["reply_to"] = comment["id"]
        comments.append(reply)
    posts_only = [
        {"id": f"q{i}", "published_at": stamp(TAKEN_AT - timedelta(hours=rng.uniform(0, 24 * 120)))}
        for i in range(count)
    ]
    return {
        "schema_version": "1.0",
        "taken_at": TAKEN_AT.isoformat(),
        "client": {"name": "Bench"},
        "accounts": [
            {"id": "vk", "platform": "vk", "posts": posts, "comments": comments},
            {"id": "tg", "platform": "telegram", "posts": posts_only},
        ],
    }


def best_run(snapshot: Snapshot, registry: plugins.Registry, check_id: str, options: dict, repeat: int):
    """The best wall time of ``repeat`` runs (fresh Snapshot each time: no shared index survives) and the result."""
    check = registry.check(check_id)
    best, result = float("inf"), None
    for _ in range(repeat):
        fresh = Snapshot(snapshot.data)
        start = time.perf_counter()
        (outcome,) = engine.run(fresh, [check], {check_id: options}, hooks=registry.manager.hook)
        best = min(best, time.perf_counter() - start)
        result = outcome.result
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    registry = plugins.load(entry_points=False, env={})
    classify_sentiment("прогрев", "ru")  # load the lexicons outside the timings
    snapshot = Snapshot(make_snapshot(args.count))
    print(f"{args.count} comments / posts, best of {args.repeat}")
    for label, options in (("default", {}), ("classify all", {"classify_max": args.count})):
        seconds, result = best_run(snapshot, registry, "response-time", options, args.repeat)
        m = result.metrics
        print(
            f"  response-time {label:13} {seconds:7.3f} s  {result.status}  judged {m['judged']}  "
            f"classified {m['classified']} (skipped {m['classify_skipped']}, basis {m['priority_basis']})  "
            f"priority median {m['priority_median_hours']} h, p90 {m['priority_p90_hours']} h"
        )
    seconds, result = best_run(snapshot, registry, "posting-frequency", {}, args.repeat)
    print(f"  posting-frequency             {seconds:7.3f} s  {result.status}  ({args.count + 2000} posts)")


if __name__ == "__main__":
    main()
