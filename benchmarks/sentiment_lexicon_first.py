#!/usr/bin/env python3
"""The "lexicon first" decision rule, judged leave-one-set-out with a nested threshold.

Usage (from the repository root; numpy and scipy needed, dev tools only):

    python benchmarks/sentiment_lexicon_first.py DIR [DIR ...] [--split set|language] [--min-sets 2]

A binary logistic regression (negative against the rest; sets weighted alike, L2 ``--l2`` on every
weight but the bias) over the lexicon's evidence (smm_audit.sentiment.model.dense_features) and
the text's word unigrams, bigrams and character 3–5-grams (smm_audit.sentiment.model.ngrams),
hashed (CRC-32) into 2^``--bits`` buckets, each text's n-grams counting 1/sqrt(their number). A
bucket is kept when it occurs in at least ``--min-df`` training texts of at least ``--min-sets``
training sets (vocabulary that recurs across sets).

Decision (benchmarks/sentiment_rules.py): negative when the lexicon says negative, or when the
model's P(negative) reaches a threshold. The threshold is chosen on the training sets only: their
out-of-fold predictions (an inner leave-one-set-out over them) pick the threshold with the best
mean negative F1 that keeps every training set's precision at least min(0.75, the lexicon's).

``--split set``: each set is held out in turn (trained on all the others); ``--split language``:
each language (trained on the other two). Printed per held-out set and per language: the
lexicon's and the rule's negative precision, recall and F1, the "everything negative" floor F1,
the threshold; then, per held-out unit, what the model adds at fixed thresholds (how many texts
and their precision), which bounds what any threshold could do; then whether the rule for a new
default holds (F1 above the lexicon's in every language, precision ≥ the lexicon's or ≥ 0.75).
"""

from __future__ import annotations

import argparse
import math
import time
import zlib
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy import sparse
from sentiment_learn import fit_binary
from sentiment_rules import choose_threshold, lexicon_first, prf
from sentiment_sets import find_sets

from smm_audit.sentiment import analyse
from smm_audit.sentiment import model as m

CURVE = (0.4, 0.5, 0.6, 0.7, 0.8)


class Data:
    def __init__(self, paths: list[Path], bits: int) -> None:
        self.sets = [s for path in paths for s in find_sets(path)]
        dense, hr, hc, hv = [], [], [], []
        self.gold: list[bool] = []
        self.lex: list[bool] = []
        self.group: list[str] = []
        self.lang: list[str] = []
        size = 1 << bits
        for s in self.sets:
            for text, gold in s.rows:
                label, score, _lang, ev = analyse(text, s.lang)
                i = len(self.gold)
                dense.append(m.dense_features(label, score, ev))
                self.gold.append(gold == "negative")
                self.lex.append(label == "negative")
                self.group.append(s.name)
                self.lang.append(s.lang)
                counts: dict[str, int] = defaultdict(int)
                for g in m.ngrams(text):
                    counts[g] += 1
                if counts:
                    scale = 1 / math.sqrt(sum(counts.values()))
                    cells: dict[int, float] = defaultdict(float)
                    for g, c in counts.items():
                        cells[zlib.crc32(g.encode()) & (size - 1)] += c * scale
                    for j, v in cells.items():
                        hr.append(i)
                        hc.append(j)
                        hv.append(v)
        n = len(self.gold)
        self.size = size
        self.dense = np.array(dense)
        self.hashed = sparse.csr_matrix((hv, (hr, hc)), shape=(n, size))
        present = self.hashed.copy()
        present.data[:] = 1
        self.present = present
        self.y = np.array(self.gold, dtype=float)
        self.groups = np.array(self.group)


def fit_predict(d: Data, tr: np.ndarray, te: np.ndarray, args: argparse.Namespace) -> np.ndarray:
    df = np.zeros(d.size)
    in_sets = np.zeros(d.size)
    for name in sorted(set(d.groups[tr])):
        counts = np.asarray(d.present[tr[d.groups[tr] == name]].sum(axis=0)).ravel()
        df += counts
        in_sets += counts > 0
    cols = np.flatnonzero((df >= args.min_df) & (in_sets >= args.min_sets))
    xtr = sparse.hstack([sparse.csr_matrix(d.dense[tr]), d.hashed[tr][:, cols]]).tocsr()
    xte = sparse.hstack([sparse.csr_matrix(d.dense[te]), d.hashed[te][:, cols]]).tocsr()
    g = d.groups[tr]
    w = np.zeros(len(tr))
    for name in set(g):
        sel = g == name
        w[sel] = 1 / sel.sum()
    w *= len(tr) / w.sum()
    beta = fit_binary(xtr, d.y[tr], w, args.l2)
    return 1 / (1 + np.exp(-np.asarray(xte @ beta).ravel()))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", type=Path, help="folders or files of labelled sets")
    parser.add_argument("--split", choices=("set", "language"), default="set")
    parser.add_argument("--bits", type=int, default=16)
    parser.add_argument("--min-sets", type=int, default=2)
    parser.add_argument("--min-df", type=int, default=3)
    parser.add_argument("--l2", type=float, default=1e-3)
    parser.add_argument("--precision", type=float, default=0.75)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    d = Data(args.paths, args.bits)
    if len(d.sets) < 3:
        raise SystemExit("need at least three labelled sets under " + ", ".join(map(str, args.paths)))
    unit = d.groups if args.split == "set" else np.array(d.lang)
    said = list(d.lex)
    prob = np.zeros(len(d.gold))
    chosen: dict[str, float | None] = {}
    for u in dict.fromkeys(unit.tolist()):
        te, tr = np.flatnonzero(unit == u), np.flatnonzero(unit != u)
        oof = np.zeros(len(d.gold))
        for v in dict.fromkeys(d.groups[tr].tolist()):
            oof[tr[d.groups[tr] == v]] = fit_predict(d, tr[d.groups[tr] != v], tr[d.groups[tr] == v], args)
        t = choose_threshold(
            oof[tr].tolist(), [d.gold[i] for i in tr], [d.lex[i] for i in tr], [d.group[i] for i in tr], args.precision
        )
        prob[te] = fit_predict(d, tr, te, args)
        chosen[u] = t
        for i, s in zip(te, lexicon_first([d.lex[i] for i in te], prob[te].tolist(), t), strict=True):
            said[i] = s
    print(
        f"Lexicon first, held out by {args.split}: bits {args.bits}, min_sets {args.min_sets}, min_df {args.min_df}, "
        f"l2 {args.l2}, precision {args.precision} ({time.perf_counter() - start:.0f} s)\n"
    )
    print("| held out | texts | lexicon P / R / F1 | lexicon first P / R / F1 | floor F1 | threshold |")
    print("| --- | --- | --- | --- | --- | --- |")

    def line(name: str, idx: list[int], t: str) -> tuple[tuple[float, ...], tuple[float, ...]]:
        gold = [d.gold[i] for i in idx]
        a, b = prf(gold, [d.lex[i] for i in idx]), prf(gold, [said[i] for i in idx])
        share = sum(gold) / len(gold)
        print(
            f"| {name} | {len(idx):,} | {a[0]:.2f} / {a[1]:.2f} / {a[2]:.2f} | {b[0]:.2f} / {b[1]:.2f} / "
            f"**{b[2]:.2f}** | {2 * share / (1 + share):.2f} | {t} |"
        )
        return a, b

    def shown(t: float | None) -> str:
        return "none (adds nothing)" if t is None else f"{t:.2f}"

    for s in d.sets:
        idx = [i for i, g in enumerate(d.group) if g == s.name]
        line(s.name, idx, shown(chosen[s.name]) if s.name in chosen else "")
    holds = True
    for lang in sorted(set(d.lang)):
        idx = [i for i, g in enumerate(d.lang) if g == lang]
        a, b = line(f"**{lang}, all sets**", idx, shown(chosen[lang]) if lang in chosen else "")
        holds &= b[2] > a[2] and (b[0] >= a[0] or b[0] >= 0.75)
    print("\nwhat the model adds to the lexicon's negatives at a fixed threshold (texts, their precision):\n")
    for u in dict.fromkeys(unit.tolist()):
        idx = np.flatnonzero(unit == u)
        cells = []
        for t in CURVE:
            add = [i for i in idx if not d.lex[i] and prob[i] >= t]
            hit = sum(d.gold[i] for i in add)
            cells.append(f"≥{t}: {len(add)} ({hit / len(add):.2f})" if add else f"≥{t}: 0")
        print(f"- {u}: " + ", ".join(cells))
    print(
        "\nrule for a new default (F1 above the lexicon's in every language, precision ≥ the lexicon's or ≥ 0.75): "
        + ("holds" if holds else "does not hold")
    )


if __name__ == "__main__":
    main()
