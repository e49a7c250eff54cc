"""Time deleted-negative-comments on a generated snapshot with N comments (default 100,000).

    python benchmarks/bench_deleted_negative_comments.py [N] [--repeat 3]

It prints, for the default (only deleted comments are classified above
`classify_all_max`) and for classify-everything (`classify_all_max` = N),
the best wall time of the check and the number of classifier calls, then the
classifier's own cost per comment. Deterministic (fixed seed): 25% of the comments are the
account's own replies, 20% of the user comments carry an exporter `sentiment`,
about 1% are deleted (half of them as spam or by their author). The texts mix
Russian, English and Spanish templates with random words and numbers; half
give `lang`, half leave it to language detection.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import UTC, datetime, timedelta

from smm_audit import engine, plugins
from smm_audit.api import Snapshot, classify_sentiment

CHECK_ID = "deleted-negative-comments"
TAKEN_AT = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
TEMPLATES = {
    "ru": [
        "Заказ №{n} не пришёл уже {k} дней, верните деньги",
        "Очень вкусный {w}, спасибо! Возьму ещё {k} пачки",
        "А сколько стоит доставка в {w}?",
        "Вообще не работает ваш сайт, третий раз пытаюсь оплатить {w}",
        "Не плохо, но {w} в прошлый раз был лучше",
        "Спасибо за {w}, всё пришло за {k} дня 👍",
    ],
    "en": [
        "Ordered {k} bags of {w}, still nothing and nobody answers my emails",
        "Great {w}, thank you! Order #{n} arrived in {k} days",
        "Do you ship {w} to Kazan?",
        "Not bad at all, the {w} is nice",
        "Worst {w} ever, {k} hours waiting for a refund 😡",
    ],
    "es": [
        "El pedido {n} nunca llegó y nadie responde, una estafa",
        "Me encanta el {w}, gracias por todo",
        "¿Cuánto cuesta el envío de {k} paquetes de {w}?",
        "No está mal el {w}, repetiré",
    ],
}
WORDS = ["кофе", "латте", "зерно", "espresso", "flat white", "café", "molienda", "капучино", "blend", "tueste"]


def stamp(hours_ago: float) -> str:
    return (TAKEN_AT - timedelta(hours=hours_ago)).strftime("%Y-%m-%dT%H:%M:%SZ")


def text_for(rng: random.Random) -> tuple[str, str]:
    lang = rng.choice(("ru", "ru", "en", "es"))
    template = rng.choice(TEMPLATES[lang])
    return template.format(n=rng.randrange(10**6), k=rng.randrange(2, 30), w=rng.choice(WORDS)), lang


def make_snapshot(count: int, seed: int = 7) -> dict:
    """One VK account with ``count`` comments under 2,000 posts."""
    rng = random.Random(seed)
    posts = [{"id": f"p{i}", "published_at": stamp(i * 12 + 1)} for i in range(2000)]
    comments = []
    for i in range(count):
        post = rng.randrange(2000)
        written = post * 12 + rng.uniform(0, 11)
        text, lang = text_for(rng)
        comment: dict = {"id": f"c{i}", "post_id": f"p{post}", "created_at": stamp(written), "text": text}
        if rng.random() < 0.25:
            comment.update(author_id="-1", from_account=True, reply_to=f"c{max(0, i - 1)}")
            comments.append(comment)
            continue
        comment["author_id"] = str(rng.randrange(10**8))
        if rng.random() < 0.5:
            comment["lang"] = lang
        if rng.random() < 0.2:
            comment["sentiment"] = rng.choice(("negative", "neutral", "positive"))
        if rng.random() < 0.01:
            comment.update(deleted=True, deleted_at=stamp(written - rng.uniform(0.1, 10)))
            roll = rng.random()
            comment["deleted_by"] = "author" if roll < 0.25 else rng.choice(("account", "tm-irina"))
            if 0.25 <= roll < 0.5:
                comment["deletion_reason"] = "spam"
        comments.append(comment)
    return {
        "schema_version": "1.0",
        "taken_at": TAKEN_AT.isoformat(),
        "client": {"name": "Bench"},
        "team": [{"id": "tm-irina", "name": "Irina"}],
        "accounts": [{"id": "vk", "platform": "vk", "posts": posts, "comments": comments}],
    }


def best_run(snapshot: Snapshot, registry: plugins.Registry, options: dict, repeat: int) -> tuple[float, object]:
    """The best wall time of ``repeat`` runs of the check, and its last result."""
    check = registry.check(CHECK_ID)
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        (outcome,) = engine.run(snapshot, [check], {CHECK_ID: options}, hooks=registry.manager.hook)
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
    print(f"{args.count} comments, best of {args.repeat}")
    for label, options in (("default", {}), ("classify all", {"classify_all_max": args.count})):
        seconds, result = best_run(snapshot, registry, options, args.repeat)
        m = result.metrics  # type: ignore[attr-defined]
        print(
            f"  {label:13} {seconds:7.3f} s  classified {m['classified']:6d}  "
            f"negative {m['negative']:6d} ({m['negative_basis']})  deleted negative {m['deleted_negative']}"
        )
    print(f"  classifier alone: {per_call(snapshot):.1f} µs a comment (its own lang or detected, as in the snapshot)")


def per_call(snapshot: Snapshot, sample: int = 20_000) -> float:
    """Microseconds per classify_sentiment call on the snapshot's unlabelled user comments."""
    comments = [c for c in snapshot.accounts[0].comments if not c.get("from_account") and "sentiment" not in c]
    comments = comments[:sample]
    start = time.perf_counter()
    for comment in comments:
        classify_sentiment(comment["text"], comment.get("lang"))
    return (time.perf_counter() - start) / max(1, len(comments)) * 1e6


if __name__ == "__main__":
    main()
