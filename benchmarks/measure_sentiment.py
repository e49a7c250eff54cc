#!/usr/bin/env python3
"""Measure the built-in comment sentiment classifier on real labelled sets.

Usage (from the repository root):

    python benchmarks/measure_sentiment.py DIR [DIR ...]      # e.g. ../shared/dev-data/sentiment
    python benchmarks/measure_sentiment.py tests/data/comments_labeled.jsonl   # the hand-written set

Every labelled set found under the folders or files given (layouts: benchmarks/sentiment_sets.py)
is classified with its language given, by ``smm_audit.sentiment.classify`` (what checks get when no
plugin answers). Per set, and per language over its sets, it prints the negative class's precision,
recall and F1, the three-class accuracy, and the "everything negative" floor beside them (the F1 of
calling every text negative; its precision is the share of negatives), then the throughput in
comments a second on one core (language given, and detected).

None of these sets was used to write the lexicons, so every figure is held out. The hand-written
set (tests/data/comments_labeled.jsonl) was written by the team: a regression test, not an accuracy.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from sentiment_sets import LabeledSet, find_sets

from smm_audit.sentiment import classify

Pair = tuple[str, str]  # (gold, predicted)


def figures(pairs: list[Pair]) -> dict[str, float]:
    """Negative precision, recall, F1, three-class accuracy and the everything-negative floor."""
    n = len(pairs)
    hit = sum(gold == guess == "negative" for gold, guess in pairs)
    said = sum(guess == "negative" for _, guess in pairs)
    negatives = sum(gold == "negative" for gold, _ in pairs)
    precision = hit / said if said else 0.0
    recall = hit / negatives if negatives else 0.0
    share = negatives / n if n else 0.0
    return {
        "n": n,
        "P": precision,
        "R": recall,
        "F1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "acc": sum(gold == guess for gold, guess in pairs) / n if n else 0.0,
        "floorP": share,
        "floorF1": 2 * share / (1 + share) if share else 0.0,
    }


def row(name: str, f: dict[str, float]) -> str:
    return (
        f"| {name} | {f['n']:,} | {f['P']:.2f} | {f['R']:.2f} | {f['F1']:.2f} | {f['acc']:.2f} "
        f"| {f['floorP']:.2f} / {f['floorF1']:.2f} |"
    )


def throughput(sets: list[LabeledSet], detect: bool) -> float:
    texts = [(text, s.lang) for s in sets for text, _ in s.rows]
    start = time.perf_counter()
    for text, lang in texts:
        classify(text, None if detect else lang)
    return len(texts) / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", type=Path, help="folders or files of labelled sets")
    args = parser.parse_args(argv)
    sets = [s for path in args.paths for s in find_sets(path)]
    if not sets:
        raise SystemExit("no labelled set found under " + ", ".join(map(str, args.paths)))
    print("| set | texts | neg. precision | neg. recall | neg. F1 | 3-class accuracy | floor P / F1 |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    by_lang: dict[str, list[Pair]] = defaultdict(list)
    for labelled in sets:
        pairs = [(gold, classify(text, labelled.lang).label) for text, gold in labelled.rows]
        by_lang[labelled.lang].extend(pairs)
        print(row(labelled.name + (f" ({labelled.note})" if labelled.note else ""), figures(pairs)))
    for lang, pairs in sorted(by_lang.items()):
        print(row(f"**{lang}, all sets**", figures(pairs)))
    given, detected = throughput(sets, detect=False), throughput(sets, detect=True)
    print(f"\nthroughput, one core: {given:,.0f} comments/s with the language given, {detected:,.0f} detecting it")


if __name__ == "__main__":
    main()
