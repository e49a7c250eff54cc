"""Shared by fit_calibration.py and train_sentiment_model.py: weighted logistic regressions and figures.

Dev tools only (numpy and scipy, not dependencies of smm-audit): ``pip install numpy scipy``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import optimize, sparse

LABELS = ("negative", "neutral", "positive")


def set_weights(groups: Sequence[str]) -> np.ndarray:
    """Sample weights giving every set the same total weight (mean weight 1)."""
    names = sorted(set(groups))
    counts = {g: sum(1 for x in groups if x == g) for g in names}
    n = len(groups)
    return np.array([n / (len(names) * counts[g]) for g in groups])


def balanced_weights(groups: Sequence[str], labels: Sequence[str]) -> np.ndarray:
    """Every set the same total weight, and within a set every class present the same weight."""
    n = len(groups)
    cells: dict[tuple[str, str], int] = {}
    for g, y in zip(groups, labels, strict=True):
        cells[(g, y)] = cells.get((g, y), 0) + 1
    sets = sorted(set(groups))
    classes_in = {g: sum(1 for (gg, _y) in cells if gg == g) for g in sets}
    per_set = n / len(sets)
    return np.array([per_set / classes_in[g] / cells[(g, y)] for g, y in zip(groups, labels, strict=True)])


def fit_binary(
    x: Any, y: np.ndarray, w: np.ndarray, l2: float, bounds: list[tuple[float | None, float | None]] | None = None
) -> np.ndarray:
    """Weighted L2 logistic regression (column 0 is the bias, not penalised). Returns the weights."""
    d = x.shape[1]
    sw = w.sum()
    mask = np.ones(d)
    mask[0] = 0.0

    def f(beta: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ beta
        # log(1 + e^z) - y z, stable
        loss = np.logaddexp(0.0, z) - y * z
        p = 1.0 / (1.0 + np.exp(-z))
        g = x.T @ (w * (p - y))
        val = float((w * loss).sum()) / sw + 0.5 * l2 * float((mask * beta * beta).sum())
        return val, np.asarray(g).ravel() / sw + l2 * mask * beta

    res = optimize.minimize(f, np.zeros(d), jac=True, method="L-BFGS-B", bounds=bounds, options={"maxiter": 2000})
    return np.asarray(res.x)


def fit_softmax(
    x: Any, y: np.ndarray, w: np.ndarray, l2: np.ndarray | float, k: int = 3, allowed: np.ndarray | None = None
) -> np.ndarray:
    """Weighted multinomial logistic regression; ``l2`` per column (0 for the bias). Returns d×k weights.

    ``allowed`` (n×k booleans): the classes a text's set has; the likelihood is conditional on them
    (a two-class set says "negative rather than positive", nothing about neutral).
    """
    n, d = x.shape
    off = np.zeros((n, k)) if allowed is None else np.where(allowed, 0.0, -1e9)
    sw = w.sum()
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1.0
    pen = np.broadcast_to(np.asarray(l2, dtype=float), (d,))[:, None]
    xt = x.T.tocsr() if sparse.issparse(x) else x.T

    def f(flat: np.ndarray) -> tuple[float, np.ndarray]:
        beta = flat.reshape(d, k)
        z = np.asarray(x @ beta) + off
        z -= z.max(axis=1, keepdims=True)
        lse = np.log(np.exp(z).sum(axis=1, keepdims=True))
        logp = z - lse
        loss = -(onehot * logp).sum(axis=1)
        g = np.asarray(xt @ (w[:, None] * (np.exp(logp) - onehot))) / sw + pen * beta
        val = float((w * loss).sum()) / sw + 0.5 * float((pen * beta * beta).sum())
        return val, g.ravel()

    res = optimize.minimize(f, np.zeros(d * k), jac=True, method="L-BFGS-B", options={"maxiter": 3000})
    return np.asarray(res.x).reshape(d, k)


def calibration_figures(p: Sequence[float], y: Sequence[int], bins: int = 10) -> dict[str, Any]:
    """Log-loss, Brier score, expected calibration error and the reliability table of P(negative)."""
    pa = np.clip(np.asarray(p, dtype=float), 1e-6, 1 - 1e-6)
    ya = np.asarray(y, dtype=float)
    logloss = float(-(ya * np.log(pa) + (1 - ya) * np.log(1 - pa)).mean())
    brier = float(((pa - ya) ** 2).mean())
    table = []
    ece = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        sel = (pa >= lo) & ((pa < hi) if b < bins - 1 else (pa <= hi))
        m = int(sel.sum())
        if m:
            mp, my = float(pa[sel].mean()), float(ya[sel].mean())
            ece += m / len(pa) * abs(mp - my)
            table.append((lo, hi, m, mp, my))
    base = float(ya.mean())
    prior_ll = -(base * math.log(max(base, 1e-6)) + (1 - base) * math.log(max(1 - base, 1e-6)))
    return {
        "n": len(pa),
        "logloss": logloss,
        "brier": brier,
        "ece": ece,
        "table": table,
        "prior_logloss": prior_ll,
        "prior_brier": base * (1 - base),
    }


def neg_figures(gold: Sequence[str], guess: Sequence[str]) -> dict[str, float]:
    """Negative-class precision, recall, F1 and three-class accuracy."""
    hit = sum(g == s == "negative" for g, s in zip(gold, guess, strict=True))
    said = sum(s == "negative" for s in guess)
    neg = sum(g == "negative" for g in gold)
    p = hit / said if said else 0.0
    r = hit / neg if neg else 0.0
    return {
        "n": len(gold),
        "P": p,
        "R": r,
        "F1": 2 * p * r / (p + r) if p + r else 0.0,
        "acc": sum(g == s for g, s in zip(gold, guess, strict=True)) / len(gold) if gold else 0.0,
    }
