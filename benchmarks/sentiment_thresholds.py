"""Precision and recall of "P(negative) ≥ t" on real three-class sets: where deleted-negative-comments' bands sit.

    python benchmarks/sentiment_thresholds.py ../shared/dev-data/sentiment /work/extra-data

Only sets with a neutral class count (two-class sets are half negative, unlike comments). The
classifier is the built-in one (``smm_audit.classifiers.sentiment``), in each set's language.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sentiment_sets import find_sets

from smm_audit.classifiers.sentiment import classify_sentiment

THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    args = parser.parse_args()
    sets = [s for folder in args.folders for s in find_sets(folder) if s.counts()["neutral"]]
    scored = [
        (gold == "negative", classify_sentiment(text, s.lang).negative_probability or 0.0)
        for s in sets
        for text, gold in s.rows
    ]
    negatives = sum(gold for gold, _ in scored)
    print(f"{len(sets)} three-class sets, {len(scored):,} texts, {negatives:,} negative")
    print("| P(negative) ≥ | precision | recall | flagged |")
    print("| --- | --- | --- | --- |")
    for t in THRESHOLDS:
        flagged = [gold for gold, p in scored if p >= t]
        precision = sum(flagged) / len(flagged) if flagged else 0.0
        print(f"| {t} | {precision:.3f} | {sum(flagged) / negatives:.3f} | {len(flagged):,} |")


if __name__ == "__main__":
    main()
