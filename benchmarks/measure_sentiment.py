#!/usr/bin/env python3
"""Measure the built-in comment sentiment classifier on real labelled sets.

Usage (from the repository root):

    python benchmarks/measure_sentiment.py DIR [DIR ...]      # e.g. ../shared/dev-data/sentiment
    python benchmarks/measure_sentiment.py tests/data/comments_labeled.jsonl   # the hand-written set

Every labelled set found under the folders or files given (layouts: benchmarks/sentiment_sets.py)
is classified with its language given, by the built-in classifier (``--classifier builtin``, the
default: smm_audit.classifiers.sentiment, what checks get when no plugin answers), or by the lexicon
(``lexicon``: smm_audit.sentiment.classify) or the learned model (``model``:
smm_audit.sentiment.model.classify) named.

Per set, and per language over its sets, it prints the negative class's precision, recall and
F1, the three-class accuracy, and the "everything negative" floor beside them (the F1 of calling
every text negative; its precision is the share of negatives), then the throughput in comments a
second on one core (language given, and detected). A second table judges the calibration
of ``negative_probability``: log-loss, Brier score and expected calibration error (10 bins), beside
the log-loss and Brier score of the constant "share of negatives of the set" (which knows the answer's
base rate, so it is a strict floor). The calibration was fitted on these sets (fit_calibration.py, which
prints the leave-one-set-out figures): on them its figures are in-sample.

None of these sets was used to write the lexicons; the calibration and the model were fitted on
them, so for those only the leave-one-set-out figures of fit_calibration.py and
train_sentiment_model.py are held out. The hand-written
set (tests/data/comments_labeled.jsonl) was written by the team: a regression test, not an accuracy.
"""

from __future__ import annotations

import argparse
import math
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from sentiment_sets import LabeledSet, find_sets

from smm_audit.classifiers.sentiment import classify_sentiment
from smm_audit.sentiment import Sentiment, model
from smm_audit.sentiment import classify as lexicon_classify

CLASSIFIERS: dict[str, Callable[[str, str | None], Sentiment]] = {
    "builtin": classify_sentiment,
    "lexicon": lexicon_classify,
    "model": model.classify,
}
classify = classify_sentiment

Pair = tuple[str, str]  # (gold, predicted)
Prob = tuple[int, float]  # (gold is negative, P(negative))


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


def calibration(probs: list[Prob]) -> dict[str, float]:
    n = len(probs)
    eps = 1e-6
    ll = -sum(math.log(max(p, eps)) if y else math.log(max(1 - p, eps)) for y, p in probs) / n
    brier = sum((p - y) ** 2 for y, p in probs) / n
    ece = 0.0
    for b in range(10):
        cell = [(y, p) for y, p in probs if b / 10 <= p < (b + 1) / 10 or (b == 9 and p == 1.0)]
        if cell:
            ece += len(cell) / n * abs(sum(p for _, p in cell) / len(cell) - sum(y for y, _ in cell) / len(cell))
    share = sum(y for y, _ in probs) / n
    floor = -(share * math.log(max(share, eps)) + (1 - share) * math.log(max(1 - share, eps)))
    return {"n": n, "ll": ll, "brier": brier, "ece": ece, "floor_ll": floor, "floor_brier": share * (1 - share)}


def calibration_row(name: str, c: dict[str, float]) -> str:
    return (
        f"| {name} | {c['n']:,} | {c['ll']:.3f} | {c['floor_ll']:.3f} | {c['brier']:.3f} "
        f"| {c['floor_brier']:.3f} | {c['ece']:.3f} |"
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
    parser.add_argument("--classifier", choices=tuple(CLASSIFIERS), default="builtin")
    args = parser.parse_args(argv)
    global classify
    classify = CLASSIFIERS[args.classifier]
    sets = [s for path in args.paths for s in find_sets(path)]
    if not sets:
        raise SystemExit("no labelled set found under " + ", ".join(map(str, args.paths)))
    print("| set | texts | neg. precision | neg. recall | neg. F1 | 3-class accuracy | floor P / F1 |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    by_lang: dict[str, list[Pair]] = defaultdict(list)
    probs_of: dict[str, list[Prob]] = {}
    for labelled in sets:
        answers = [(gold, classify(text, labelled.lang)) for text, gold in labelled.rows]
        pairs = [(gold, a.label) for gold, a in answers]
        probs_of[labelled.name] = [
            (int(gold == "negative"), a.negative_probability)
            for gold, a in answers
            if a.negative_probability is not None
        ]
        by_lang[labelled.lang].extend(pairs)
        print(row(labelled.name + (f" ({labelled.note})" if labelled.note else ""), figures(pairs)))
    for lang, pairs in sorted(by_lang.items()):
        print(row(f"**{lang}, all sets**", figures(pairs)))
    if any(probs_of.values()):
        print("\nnegative_probability (calibration):\n")
        print("| set | texts | log-loss | constant's | Brier | constant's | ECE |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for labelled in sets:
            if probs_of[labelled.name]:
                print(calibration_row(labelled.name, calibration(probs_of[labelled.name])))
    given, detected = throughput(sets, detect=False), throughput(sets, detect=True)
    print(f"\nthroughput, one core: {given:,.0f} comments/s with the language given, {detected:,.0f} detecting it")


if __name__ == "__main__":
    main()
