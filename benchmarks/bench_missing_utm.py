"""Time missing-utm on generated snapshots with many links (not a unit test).

    python benchmarks/bench_missing_utm.py                  # 20,000 posts, 100,000 comments, 3 runs
    python benchmarks/bench_missing_utm.py --posts 5000 --comments 20000 --runs 5

Every post has a link in ``links`` and, in its text, a partly tagged URL, a bare
``www.`` mention and a short link (four links, three findings per post, every
URL distinct so that no cache helps). Two scenarios differ in the comments:
"heavy" makes half of them the account's own replies with a link, "typical"
one in ten. The check runs as the engine runs it, on an already built snapshot.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from typing import Any

from smm_audit.builtin_checks.missing_utm import CHECK
from smm_audit.engine import run
from smm_audit.snapshot import Snapshot


def snapshot(posts: int, comments: int, own_every: int) -> dict[str, Any]:
    """One VK account with ``posts`` posts and ``comments`` comments, every ``own_every``-th its own reply."""
    post_list = [
        {
            "id": f"p{i}",
            "text": f"Новый лот №{i}: https://zerno-coffee.ru/shop/{i}?utm_source=vk&utm_medium=social. "
            f"Подробнее на www.zerno-coffee.ru или https://vk.cc/x{i}",
            "links": [f"https://zerno-coffee.ru/shop/{i}"],
        }
        for i in range(posts)
    ]
    comment_list = [
        {
            "id": f"c{i}",
            "post_id": f"p{i % posts}",
            "from_account": i % own_every == 0,
            "text": f"Спасибо! Каталог: zerno-coffee.ru/catalog?utm_source=vk&utm_medium=social&utm_campaign=r{i}",
        }
        for i in range(comments)
    ]
    return {
        "schema_version": "1.0",
        "taken_at": "2026-11-01T12:00:00+03:00",
        "client": {"name": "Zerno", "domains": ["zerno-coffee.ru", "кофе.рф"]},
        "accounts": [{"id": "vk", "platform": "vk", "posts": post_list, "comments": comment_list}],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for name, own_every in (("heavy", 2), ("typical", 10)):
        data = Snapshot(snapshot(args.posts, args.comments, own_every))
        times = []
        for _ in range(args.runs):
            gc.collect()
            start = time.perf_counter()
            (outcome,) = run(data, [CHECK])
            times.append(time.perf_counter() - start)
        metrics = outcome.result.metrics
        print(
            f"{name}: median {statistics.median(times):.2f}s over {args.runs} runs "
            f"(min {min(times):.2f}s) · {metrics['own_links']} own links, {metrics['shortened']} shortened, "
            f"{len(outcome.result.findings)} findings · status {outcome.result.status}"
        )


if __name__ == "__main__":
    main()
