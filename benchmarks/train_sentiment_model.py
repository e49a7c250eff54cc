#!/usr/bin/env python3
"""Train the learned sentiment model (smm_audit/sentiment/model.py), judged leave-one-set-out.

Usage (from the repository root; numpy and scipy needed, dev tools only):

    python benchmarks/train_sentiment_model.py DIR [DIR ...] [--variant blend] [--l2 1e-3] [--thresholds] [--write]

Every labelled set under the folders (layouts: benchmarks/sentiment_sets.py) is read. The model is
a multinomial logistic regression over the lexicon's evidence (dense inputs) and the word and
character n-grams of model.py, every set weighted alike and, within a set, every class alike; L2
on every weight but the bias; a set without one of the classes (two-class sets) counts through the
likelihood conditional on the classes it has, ``--l2`` for the n-grams and a tenth of it for the dense inputs.
Only n-grams present in at least ``--min-df`` training texts of at least ``--min-sets`` sets are
kept (vocabulary that recurs across sets generalises; one set's topics do not).

Leave-one-set-out: for each set, the model is trained on all the other sets and judged on it,
beside the lexicon (smm_audit.sentiment.classify): negative precision, recall, F1 and three-class
accuracy per set and per language, and the log-loss of P(negative). Variants: ``lexicon``
(the dense inputs only: a learned decision over the lexicon's evidence), ``ngrams`` (n-grams and
a bias only), ``blend`` (both). ``--write`` trains the variant on all the sets and writes
smm_audit/sentiment/model.json (pruned to ``--keep`` n-grams by weight, quantised to int16).
"""

from __future__ import annotations

import argparse
import base64
import json
import math
import sys
import time
from array import array
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import numpy as np
from fit_calibration import licence_of
from scipy import sparse
from sentiment_learn import balanced_weights, calibration_figures, fit_softmax, neg_figures, set_weights
from sentiment_sets import LabeledSet, find_sets

from smm_audit.sentiment import analyse
from smm_audit.sentiment import model as m

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "smm_audit" / "sentiment" / "model.json"
LICENCE_NOTE = (
    "Fitted on the sets listed, under their licences. Some are CC BY-SA (OpenSentimentCorpus 3.0, SentiMP-21 4.0): "
    "in case these weights are an adaptation of them, they are offered under CC BY-SA 4.0, with attribution to "
    "every set listed (names and sources below)."
)
CLASS_INDEX = {c: i for i, c in enumerate(m.CLASSES)}


class Data:
    def __init__(self, sets: list[LabeledSet]) -> None:
        self.dense: list[list[float]] = []
        self.grams: list[Counter[str]] = []
        self.lexicon: list[str] = []
        self.gold: list[str] = []
        self.group: list[str] = []
        self.lang: list[str] = []
        for s in sets:
            for text, gold in s.rows:
                label, score, _lang, ev = analyse(text, s.lang)
                self.dense.append(m.dense_features(label, score, ev))
                self.grams.append(Counter(m.ngrams(text)))
                self.lexicon.append(label)
                self.gold.append(gold)
                self.group.append(s.name)
                self.lang.append(s.lang)


def vocabulary(data: Data, idx: list[int], min_df: int, min_sets: int) -> dict[str, int]:
    df: Counter[str] = Counter()
    sets_of: dict[str, set[str]] = defaultdict(set)
    for i in idx:
        df.update(data.grams[i])
        if min_sets > 1:
            for g in data.grams[i]:
                sets_of[g].add(data.group[i])
    keep = sorted(g for g, c in df.items() if c >= min_df and (min_sets <= 1 or len(sets_of[g]) >= min_sets))
    return {g: j for j, g in enumerate(keep)}


def design(data: Data, idx: list[int], vocab: dict[str, int], variant: str) -> sparse.csr_matrix:
    nd = len(m.DENSE)
    rows, cols, vals = [], [], []
    for r, i in enumerate(idx):
        if variant == "ngrams":
            rows.append(r)
            cols.append(0)
            vals.append(1.0)
        else:
            for j, x in enumerate(data.dense[i]):
                if x:
                    rows.append(r)
                    cols.append(j)
                    vals.append(x)
        if variant != "lexicon" and data.grams[i]:
            scale = 1.0 / math.sqrt(sum(data.grams[i].values()))
            for g, count in data.grams[i].items():
                j = vocab.get(g)
                if j is not None:
                    rows.append(r)
                    cols.append(nd + j)
                    vals.append(count * scale)
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(idx), nd + len(vocab)))


def train(data: Data, idx: list[int], args: argparse.Namespace) -> tuple[np.ndarray, dict[str, int], np.ndarray]:
    vocab = vocabulary(data, idx, args.min_df, args.min_sets) if args.variant != "lexicon" else {}
    x = design(data, idx, vocab, args.variant)
    y = np.array([CLASS_INDEX[data.gold[i]] for i in idx])
    groups = [data.group[i] for i in idx]
    w = balanced_weights(groups, [data.gold[i] for i in idx]) if args.classes == "alike" else set_weights(groups)
    nd = len(m.DENSE)
    pen = np.concatenate([np.full(nd, args.l2 / 10), np.full(len(vocab), args.l2)])
    pen[0] = 0.0
    present = {(data.group[i], CLASS_INDEX[data.gold[i]]) for i in idx}
    allowed = np.array([[(data.group[i], k) in present for k in range(3)] for i in idx])
    beta = fit_softmax(x, y, w, pen, allowed=allowed)
    # the shift from "every class alike" back to the training sets' class shares (sets alike)
    sw = set_weights(groups)
    shares = np.array([sw[y == k].sum() for k in range(3)]) / sw.sum()
    shift = np.log(np.maximum(shares, 1e-6)) - math.log(1 / 3) if args.classes == "alike" else np.zeros(3)
    return beta, vocab, shift


def predict(data: Data, idx: list[int], beta: np.ndarray, vocab: dict[str, int], shift: np.ndarray, variant: str):
    z = np.asarray(design(data, idx, vocab, variant) @ beta)
    labels = [m.CLASSES[k] for k in z.argmax(axis=1)]
    zs = z + shift
    zs -= zs.max(axis=1, keepdims=True)
    p = np.exp(zs)
    p /= p.sum(axis=1, keepdims=True)
    return labels, p[:, 0]


def row(name: str, gold: list[str], lex: dict[str, float], mod: dict[str, float], ll: float) -> str:
    share = sum(g == "negative" for g in gold) / len(gold)
    return (
        f"| {name} | {len(gold):,} | {lex['P']:.2f} / {lex['R']:.2f} / **{lex['F1']:.2f}** / {lex['acc']:.2f} "
        f"| {mod['P']:.2f} / {mod['R']:.2f} / **{mod['F1']:.2f}** / {mod['acc']:.2f} | {2 * share / (1 + share):.2f} "
        f"| {ll:.3f} |"
    )


def loso(data: Data, sets: list[LabeledSet], args: argparse.Namespace) -> None:
    print(
        f"Leave-one-set-out, variant {args.variant}, l2 {args.l2}, min_df {args.min_df}, min_sets {args.min_sets}, "
        f"classes {args.classes}\n"
    )
    print(
        "| held-out set | texts | lexicon P / R / F1 / acc | model P / R / F1 / acc | floor F1 "
        "| model's own P(neg) log-loss |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    per_set: dict[str, list[tuple[float, float]]] = defaultdict(list)
    pooled: dict[str, tuple[list[str], list[str], list[str], list[float]]] = defaultdict(lambda: ([], [], [], []))
    wins = 0
    for s in sets:
        test = [i for i, g in enumerate(data.group) if g == s.name]
        train_idx = [i for i, g in enumerate(data.group) if g != s.name]
        t0 = time.perf_counter()
        beta, vocab, shift = train(data, train_idx, args)
        labels, pneg = predict(data, test, beta, vocab, shift, args.variant)
        gold = [data.gold[i] for i in test]
        lex = [data.lexicon[i] for i in test]
        fl, fm = neg_figures(gold, lex), neg_figures(gold, labels)
        cal = calibration_figures(pneg.tolist(), [int(g == "negative") for g in gold])
        wins += fm["F1"] > fl["F1"]
        print(row(s.name, gold, fl, fm, cal["logloss"]) + f" <!-- {time.perf_counter() - t0:.0f}s -->")
        per_set[s.lang].append((fl["F1"], fm["F1"]))
        acc = pooled[s.lang]
        acc[0].extend(gold)
        acc[1].extend(lex)
        acc[2].extend(labels)
        acc[3].extend(pneg.tolist())
    for lang, (gold, lex, labels, pneg) in sorted(pooled.items()):
        cal = calibration_figures(pneg, [int(g == "negative") for g in gold])
        print(row(f"**{lang}, all sets**", gold, neg_figures(gold, lex), neg_figures(gold, labels), cal["logloss"]))
    print(f"\nmodel's negative F1 above the lexicon's on {wins} of {len(sets)} held-out sets")
    for lang, pairs in sorted(per_set.items()):
        lex_mean, mod_mean = (sum(p[k] for p in pairs) / len(pairs) for k in (0, 1))
        print(f"{lang}: mean negative F1 over its {len(pairs)} sets: lexicon {lex_mean:.2f}, model {mod_mean:.2f}")
    if args.thresholds:
        for lang, (gold, lex, _labels, pneg) in sorted(pooled.items()):
            print_thresholds(lang, gold, lex, pneg, args.precision)


def print_thresholds(lang: str, gold: list[str], lex: list[str], pneg: list[float], precision: float) -> None:
    """Pooled held-out figures of "negative from P(neg) >= t", alone and added to the lexicon's negatives.

    The threshold is chosen here on the held-out texts themselves: the best F1 at the precision asked is a
    ceiling of what any threshold chosen elsewhere could reach with this model, not a figure it would reach.
    """
    print(f"\n{lang}: negative from P(neg) >= t, pooled over its held-out sets (t chosen on them: a ceiling)\n")
    print("| t | model alone P / R / F1 | lexicon's negatives or model P / R / F1 |")
    print("| --- | --- | --- |")
    best: dict[str, tuple[float, float]] = {}
    for step in range(6, 19):
        t = step / 20
        alone = neg_figures(gold, ["negative" if p >= t else "other" for p in pneg])
        either = neg_figures(
            gold, ["negative" if p >= t or x == "negative" else "other" for p, x in zip(pneg, lex, strict=True)]
        )
        print(
            f"| {t:.2f} | {alone['P']:.3f} / {alone['R']:.3f} / {alone['F1']:.3f} "
            f"| {either['P']:.3f} / {either['R']:.3f} / {either['F1']:.3f} |"
        )
        for name, fig in (("model alone", alone), ("lexicon or model", either)):
            if fig["P"] >= precision and fig["F1"] > best.get(name, (0.0, 0.0))[0]:
                best[name] = (fig["F1"], t)
    for name in ("model alone", "lexicon or model"):
        f1, t = best.get(name, (0.0, float("nan")))
        print(f"{lang}, {name}: best F1 at precision >= {precision:.2f}: {f1:.3f} (t {t:.2f})")


def write(data: Data, sets: list[LabeledSet], args: argparse.Namespace) -> None:
    idx = list(range(len(data.gold)))
    beta, vocab, shift = train(data, idx, args)
    nd = len(m.DENSE)
    grams = sorted(vocab, key=lambda g: -float(np.abs(beta[nd + vocab[g]]).max()))[: args.keep]
    grams = [g for g in grams if "\n" not in g]
    top = max((float(np.abs(beta[nd + vocab[g]]).max()) for g in grams), default=1.0)
    quantum = top / 32767 if top else 1.0
    packed = array("h", [round(float(v) / quantum) for g in grams for v in beta[nd + vocab[g]]])
    table = {
        "about": (
            f"Learned sentiment model, variant {args.variant}: multinomial logistic regression over the features "
            "of smm_audit/sentiment/model.py, trained by benchmarks/train_sentiment_model.py. Derived numbers "
            "(weights) only: no text of any set is shipped."
        ),
        "licence": LICENCE_NOTE,
        "trained": date.today().isoformat(),
        "command": "python benchmarks/train_sentiment_model.py "
        + " ".join(map(str, args.paths))
        + f" --variant {args.variant} --l2 {args.l2} --min-df {args.min_df} --min-sets {args.min_sets}"
        + f" --classes {args.classes} --keep {args.keep} --write",
        "sets": [
            {
                "name": s.name,
                "lang": s.lang,
                "texts": len(s.rows),
                "licence": licence_of(s)[0],
                "source": licence_of(s)[1],
            }
            for s in sets
        ],
        "classes": list(m.CLASSES),
        "dense_features": list(m.DENSE),
        "dense": [[round(float(v), 5) for v in beta[j]] for j in range(nd)] if args.variant != "ngrams" else None,
        "prior_shift": [round(float(v), 5) for v in shift],
        "quantum": quantum,
        "ngram_keys": "\n".join(grams),
        "ngram_weights": base64.b64encode(packed.tobytes()).decode("ascii"),
    }
    if table["dense"] is None:
        table["dense"] = [[round(float(v), 5) for v in beta[0]]] + [[0.0, 0.0, 0.0]] * (nd - 1)
    if sys.byteorder == "big":
        packed.byteswap()
        table["ngram_weights"] = base64.b64encode(packed.tobytes()).decode("ascii")
    OUT.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(grams):,} n-grams of {len(vocab):,}, {OUT.stat().st_size:,} bytes")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", type=Path, help="folders or files of labelled sets")
    parser.add_argument("--variant", choices=("lexicon", "ngrams", "blend"), default="blend")
    parser.add_argument("--l2", type=float, default=1e-3)
    parser.add_argument("--min-df", type=int, default=3)
    parser.add_argument("--min-sets", type=int, default=1)
    parser.add_argument(
        "--classes", choices=("alike", "as-found"), default="alike", help="within a set, weight classes alike or not"
    )
    parser.add_argument("--keep", type=int, default=40_000)
    parser.add_argument("--no-loso", action="store_true", help="skip the leave-one-set-out figures")
    parser.add_argument(
        "--thresholds", action="store_true", help="also sweep the threshold on P(neg), pooled per language"
    )
    parser.add_argument(
        "--precision", type=float, default=0.75, help="the precision at which --thresholds gives the best F1"
    )
    parser.add_argument("--write", action="store_true", help="train on all sets and write model.json")
    args = parser.parse_args(argv)
    sets = [s for path in args.paths for s in find_sets(path)]
    if len(sets) < 2:
        raise SystemExit("need at least two labelled sets under " + ", ".join(map(str, args.paths)))
    data = Data(sets)
    if not args.no_loso:
        loso(data, sets, args)
    if args.write:
        write(data, sets, args)


if __name__ == "__main__":
    main()
