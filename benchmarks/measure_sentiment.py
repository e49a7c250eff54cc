#!/usr/bin/env python3
"""Measure the built-in comment sentiment classifier on the labeled set.

Usage (from the repository root):

    python benchmarks/measure_sentiment.py [--data tests/data/comments_labeled.jsonl] [--errors dev|test|all]

For each split (dev, test, all) it prints, per language and overall: accuracy,
precision and recall of the "negative" class, the confusion matrix, and the
accuracy of language detection (classify with lang=None), plus throughput.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from smm_audit.sentiment import classify, detect_language  # noqa: E402

LABELS = ("negative", "neutral", "positive")
DEFAULT_DATA = ROOT / "tests" / "data" / "comments_labeled.jsonl"


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def evaluate(rows: list[dict]) -> dict:
    """Metrics for rows classified with their gold language, plus language detection."""
    confusion: Counter[tuple[str, str]] = Counter()
    lang_ok = 0
    for r in rows:
        pred = classify(r["text"], r["lang"]).label
        confusion[(r["label"], pred)] += 1
        if detect_language(r["text"]) == r["lang"]:
            lang_ok += 1
    n = len(rows)
    correct = sum(confusion[(lab, lab)] for lab in LABELS)
    tp = confusion[("negative", "negative")]
    pred_neg = sum(confusion[(g, "negative")] for g in LABELS)
    gold_neg = sum(confusion[("negative", p)] for p in LABELS)
    return {
        "n": n,
        "accuracy": correct / n if n else 0.0,
        "neg_precision": tp / pred_neg if pred_neg else 0.0,
        "neg_recall": tp / gold_neg if gold_neg else 0.0,
        "lang_accuracy": lang_ok / n if n else 0.0,
        "confusion": confusion,
    }


def evaluate_auto(rows: list[dict]) -> float:
    """Accuracy when the language is detected (classify(text) with lang=None)."""
    if not rows:
        return 0.0
    return sum(classify(r["text"]).label == r["label"] for r in rows) / len(rows)


def print_confusion(confusion: Counter) -> None:
    print("      gold \\ pred   " + "".join(f"{p:>10}" for p in LABELS))
    for g in LABELS:
        print(f"      {g:<15}" + "".join(f"{confusion[(g, p)]:>10}" for p in LABELS))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--errors", choices=("dev", "test", "all"), help="also list misclassified rows of this split")
    args = ap.parse_args(argv)

    rows = load(args.data)
    order = ("ru", "en", "es")
    langs = sorted({r["lang"] for r in rows}, key=lambda x: (order.index(x) if x in order else len(order), x))
    splits = {
        "dev": [r for r in rows if r.get("split") == "dev"],
        "test": [r for r in rows if r.get("split") == "test"],
        "all": rows,
    }

    print(f"data: {args.data.relative_to(ROOT) if args.data.is_relative_to(ROOT) else args.data} ({len(rows)} rows)")
    for split, srows in splits.items():
        print(f"\n=== split: {split} ===")
        print(f"  {'lang':<8}{'n':>5}{'accuracy':>10}{'acc(auto)':>11}{'neg P':>8}{'neg R':>8}{'lang-id':>9}")
        for lang in [*langs, "overall"]:
            sub = srows if lang == "overall" else [r for r in srows if r["lang"] == lang]
            m = evaluate(sub)
            auto = evaluate_auto(sub)
            print(
                f"  {lang:<8}{m['n']:>5}{m['accuracy']:>10.3f}{auto:>11.3f}"
                f"{m['neg_precision']:>8.3f}{m['neg_recall']:>8.3f}{m['lang_accuracy']:>9.3f}"
            )
        for lang in [*langs, "overall"]:
            sub = srows if lang == "overall" else [r for r in srows if r["lang"] == lang]
            print(f"  confusion matrix ({split}, {lang}):")
            print_confusion(evaluate(sub)["confusion"])

    if args.errors:
        print(f"\n=== misclassified ({args.errors}) ===")
        for r in splits[args.errors]:
            s = classify(r["text"], r["lang"])
            if s.label != r["label"]:
                print(f"  [{r['lang']}] gold={r['label']:<8} pred={s.label:<8} score={s.score:+.3f}  {r['text']}")

    # Throughput on the whole set, repeated (the lexicons are already loaded).
    texts = [r["text"] for r in rows] * 25
    t0 = time.perf_counter()
    for t in texts:
        classify(t)
    dt = time.perf_counter() - t0
    print(f"\nthroughput: {len(texts)} comments with language detection in {dt:.2f} s ({len(texts) / dt:,.0f}/s)")
    print("legend: accuracy = classify(text, gold lang); acc(auto) = classify(text) with detected lang;")
    print("        neg P/R = precision/recall of 'negative'; lang-id = detect_language(text) == gold lang")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
