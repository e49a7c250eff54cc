#!/usr/bin/env python3
"""Fit the calibration of the lexicon's P(negative) on real labelled sets, judged leave-one-set-out.

Usage (from the repository root; numpy and scipy needed, dev tools only):

    python benchmarks/fit_calibration.py DIR [DIR ...] [--write]

Every labelled set found under the folders (layouts: benchmarks/sentiment_sets.py) is classified
by the lexicon (language given). The calibration is a logistic regression over the features of
smm_audit/sentiment/calibration.py (the score's two halves, bounded ≤ 0 so the probability never
rises with the score, and a few evidence flags), every set weighted alike. For each set it is
fitted on all the other sets and judged on the held-out one: log-loss, Brier score, expected
calibration error (10 bins), beside the constant "share of negatives of the training sets".
Sets without neutral texts (two-class sets) are left out: their share of negatives is not that
of real comments, and a calibration is mostly that share. ``--write`` fits it on all the sets
and writes smm_audit/sentiment/calibration.json with the sets' names, sizes and licences (known
sets by name; others from the licence line of their folder's SOURCE.md).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from datetime import date
from pathlib import Path

import numpy as np
from sentiment_learn import calibration_figures, fit_binary, set_weights
from sentiment_sets import LabeledSet, find_sets

from smm_audit.sentiment import analyse
from smm_audit.sentiment import calibration as cal

ROOT = Path(__file__).resolve().parent.parent
L2 = 1e-3
OUT = ROOT / "smm_audit" / "sentiment" / "calibration.json"
LICENCES = {  # known sets: (licence, source)
    "ru-opensentimentcorpus": ("CC BY-SA 3.0", "OpenSentimentCorpus (derived from OpenCorpora)"),
    "en-vader-tweets": ("MIT", "VADER ground truth, tweets (Hutto & Gilbert 2014)"),
    "en-vader-amazonReviewSnippets": ("MIT", "VADER ground truth, Amazon review snippets"),
}


def licence_of(s: LabeledSet) -> tuple[str, str]:
    if s.name in LICENCES:
        return LICENCES[s.name]
    for folder in (s.path.parent, *s.path.parents):
        src = folder / "SOURCE.md"
        if src.is_file():
            lines = src.read_text(encoding="utf-8", errors="replace").splitlines()
            lic = next((ln for ln in lines if "licen" in ln.lower()), "")
            bold = re.search(r"\*\*([^*]+)\*\*", lic)
            title = lines[0].strip("# ").strip() if lines else s.name
            return (bold.group(1).strip() if bold else lic.strip("#*- ").strip() or "see SOURCE.md"), title
    return "unknown", s.name


def matrix(sets: list[LabeledSet]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    rows, ys, groups = [], [], []
    for s in sets:
        for text, gold in s.rows:
            _label, score, _lang, ev = analyse(text, s.lang)
            rows.append(cal.features(score, ev))
            ys.append(1.0 if gold == "negative" else 0.0)
            groups.append(s.name)
    return np.array(rows), np.array(ys), groups


def fit(x: np.ndarray, y: np.ndarray, groups: list[str]) -> np.ndarray:
    bounds: list[tuple[float | None, float | None]] = [
        (None, 0.0) if name in cal.SCORE_FEATURES else (None, None) for name in cal.FEATURES
    ]
    return fit_binary(x, y, set_weights(groups), L2, bounds)


def predict(beta: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(x @ beta)))


def report(sets: list[LabeledSet], x: np.ndarray, y: np.ndarray, groups: list[str]) -> None:
    g = np.array(groups)
    print("Leave-one-set-out: fitted on the other sets, judged on the one named.\n")
    print("| held-out set | texts | log-loss | (constant) | Brier | (constant) | ECE |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    by_lang: dict[str, tuple[list[float], list[int], list[float]]] = defaultdict(lambda: ([], [], []))
    for s in sets:
        test = g == s.name
        train = ~test
        beta = fit(x[train], y[train], [gr for gr, t in zip(groups, train, strict=True) if t])
        p = predict(beta, x[test])
        prior = float(np.average(y[train], weights=set_weights([gr for gr in g[train]])))
        f = calibration_figures(p.tolist(), y[test].astype(int).tolist())
        c = calibration_figures([prior] * int(test.sum()), y[test].astype(int).tolist())
        print(
            f"| {s.name} | {f['n']:,} | {f['logloss']:.3f} | {c['logloss']:.3f} | {f['brier']:.3f} "
            f"| {c['brier']:.3f} | {f['ece']:.3f} |"
        )
        acc = by_lang[s.lang]
        acc[0].extend(p.tolist())
        acc[1].extend(y[test].astype(int).tolist())
        acc[2].extend([prior] * int(test.sum()))
    for lang, (p, yy, prior) in sorted(by_lang.items()):
        f, c = calibration_figures(p, yy), calibration_figures(prior, yy)
        print(
            f"| **{lang}, all sets** | {f['n']:,} | {f['logloss']:.3f} | {c['logloss']:.3f} | {f['brier']:.3f} "
            f"| {c['brier']:.3f} | {f['ece']:.3f} |"
        )
        print(
            f"\nreliability, {lang} (held out): "
            + "; ".join(f"[{lo:.1f},{hi:.1f}) n={m} p̄={mp:.2f} obs={my:.2f}" for lo, hi, m, mp, my in f["table"])
            + "\n"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", type=Path, help="folders or files of labelled sets")
    parser.add_argument("--write", action="store_true", help="fit on all sets and write calibration.json")
    args = parser.parse_args(argv)
    sets = []
    for s in (s for path in args.paths for s in find_sets(path)):
        if s.counts()["neutral"]:
            sets.append(s)
        else:
            print(f"{s.name}: left out (no neutral texts: its share of negatives says nothing of real comments')")
    if len(sets) < 2:
        raise SystemExit("need at least two labelled sets under " + ", ".join(map(str, args.paths)))
    x, y, groups = matrix(sets)
    report(sets, x, y, groups)
    if args.write:
        beta = fit(x, y, groups)
        data = {
            "about": (
                "Calibration of the lexicon's P(negative): logistic regression over the features of "
                "smm_audit/sentiment/calibration.py, every set weighted alike; fitted by "
                "benchmarks/fit_calibration.py. Derived numbers only: no text of any set is shipped."
            ),
            "licence": (
                "Fitted on the sets listed, under their licences. Some are CC BY-SA (OpenSentimentCorpus 3.0, "
                "SentiMP-21 4.0): in case these weights are an adaptation of them, they are offered under "
                "CC BY-SA 4.0, with attribution to every set listed."
            ),
            "fitted": date.today().isoformat(),
            "command": "python benchmarks/fit_calibration.py " + " ".join(map(str, args.paths)) + " --write",
            "sets": [
                {
                    "name": s.name,
                    "lang": s.lang,
                    "texts": len(s.rows),
                    "negative": s.counts()["negative"],
                    "licence": licence_of(s)[0],
                    "source": licence_of(s)[1],
                }
                for s in sets
            ],
            "weights": {name: round(float(b), 6) for name, b in zip(cal.FEATURES, beta, strict=True)},
        }
        OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}: " + ", ".join(f"{k} {v:+.3f}" for k, v in data["weights"].items()))


if __name__ == "__main__":
    main()
