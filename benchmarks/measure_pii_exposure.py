#!/usr/bin/env python3
"""Measure the pii-exposure detector on the labeled corpus, and its speed on many comments.

Usage (from the repository root):

    python benchmarks/measure_pii_exposure.py [--data tests/data/pii_cases.jsonl] [--comments 100000]

Prints precision and recall by value (a phone or e-mail found with the expected
normalised value) overall and per language, the strings flagged among positives
and negatives, each mistake (masked: the corpus values are invented, but the
script prints what the check would print), and the time of one check run on a
snapshot of N comments.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from pathlib import Path

from smm_audit.engine import run as run_checks
from smm_audit.snapshot import Snapshot
from smm_audit.testing import get_check, make_snapshot

ROOT = Path(__file__).resolve().parent.parent

DEFAULT_DATA = ROOT / "tests" / "data" / "pii_cases.jsonl"


def detector():  # type: ignore[no-untyped-def]
    from smm_audit.builtin_checks import pii_exposure

    return pii_exposure


def evaluate(rows: list[dict]) -> None:
    find = detector().find_pii
    counts: dict[str, Counter[str]] = {}
    flagged: Counter[str] = Counter()
    for row in rows:
        found = {p.value: p.masked for p in find(row["text"]) if not p.toll_free}
        expected = set(row["values"])
        for lang in (row["lang"], "all"):
            tally = counts.setdefault(lang, Counter())
            tally["tp"] += len(found.keys() & expected)
            tally["fp"] += len(found.keys() - expected)
            tally["fn"] += len(expected - found.keys())
        flagged[row["label"]] += bool(found)
        if found.keys() != expected:
            print(f"  mistake ({row['label']}, {row['lang']}): found {sorted(found.values())}, {row.get('note', '')}")
    labels = Counter(row["label"] for row in rows)
    print(
        f"strings: {flagged['positive']}/{labels['positive']} positives flagged, "
        f"{flagged['negative']}/{labels['negative']} negatives flagged"
    )
    for lang, t in sorted(counts.items()):
        precision = t["tp"] / (t["tp"] + t["fp"]) if t["tp"] + t["fp"] else 1.0
        recall = t["tp"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else 1.0
        print(
            f"{lang:>4}: precision {precision:.3f} ({t['tp']}/{t['tp'] + t['fp']}), "
            f"recall {recall:.3f} ({t['tp']}/{t['tp'] + t['fn']})"
        )


def speed(rows: list[dict], n: int) -> None:
    rng = random.Random(7)
    texts = [row["text"] for row in rows] + ["Отличный кофе, спасибо!", "Когда откроетесь на Ленина?"] * 40
    comments = [{"id": f"c{i}", "post_id": "p1", "text": rng.choice(texts)} for i in range(n)]
    data = make_snapshot(accounts=[{"id": "vk", "platform": "vk", "posts": [{"id": "p1"}], "comments": comments}])
    snapshot = Snapshot(data)
    check = get_check("pii-exposure")
    start = time.perf_counter()
    (outcome,) = run_checks(snapshot, [check])
    elapsed = time.perf_counter() - start
    print(
        f"{n} comments: {elapsed:.2f} s ({elapsed / n * 1e6:.1f} µs a comment), "
        f"{len(outcome.result.findings)} findings, status {outcome.result.status}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--comments", type=int, default=100_000)
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.data.read_text("utf-8").splitlines() if line.strip()]
    evaluate(rows)
    speed(rows, args.comments)


if __name__ == "__main__":
    main()
