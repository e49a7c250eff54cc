"""Fit bot-followers' weights: L2-regularised logistic regression in pure Python, cross-validated.

Used by ``smm-audit calibrate bot-followers`` and by ``benchmarks/measure_bot_followers.py``.
Newton's method on standardised, centred features (a missing feature is 0: its
centre), then the coefficients are turned back into raw units, so that the check
scores a follower with one multiply-add per observed feature.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from smm_audit.builtin_checks._bot_model import FEATURES, FITTED, WEIGHTS_VERSION, raw_features

MIN_PER_CLASS = 20
"""Fewer fakes or fewer genuine followers than this: too little to fit (ours)."""
MIN_OBSERVED = 10
"""A fitted feature observed in fewer rows of either class keeps its centre and a coefficient of 0 (ours)."""
FOLDS = 5
L2 = 3.0
"""Ridge penalty on the standardised coefficients (the intercept is not penalised), in units of log-likelihood."""


@dataclass(frozen=True)
class Labelled:
    """One labelled follower: its raw feature values (observed ones only) and whether it is fake."""

    values: Mapping[str, float]
    fake: bool


def labelled(follower: Mapping[str, Any], fake: bool, platform: str = "other") -> Labelled:
    return Labelled(raw_features(follower, platform), fake)


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the matrix is small and positive definite)."""
    n = len(vector)
    a = [[*row, vector[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        if abs(a[col][col]) < 1e-12:
            continue
        for r in range(col + 1, n):
            factor = a[r][col] / a[col][col]
            if factor:
                row, top = a[r], a[col]
                for c in range(col, n + 1):
                    row[c] -= factor * top[c]
    out = [0.0] * n
    for r in range(n - 1, -1, -1):
        total = a[r][n] - sum(a[r][c] * out[c] for c in range(r + 1, n))
        out[r] = total / a[r][r] if abs(a[r][r]) >= 1e-12 else 0.0
    return out


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1 / (1 + math.exp(-z))
    e = math.exp(z)
    return e / (1 + e)


def logistic(
    x: Sequence[Sequence[float]], y: Sequence[bool], l2: float = L2, offset: Sequence[float] | None = None
) -> tuple[float, list[float]]:
    """Intercept and coefficients maximising the penalised log-likelihood (Newton's method)."""
    d = len(x[0]) if x else 0
    beta = [0.0] * (d + 1)
    rows = [(1.0, *row) for row in x]
    off = offset or [0.0] * len(rows)
    for _ in range(50):
        gradient = [0.0] * (d + 1)
        hessian = [[0.0] * (d + 1) for _ in range(d + 1)]
        for row, label, o in zip(rows, y, off, strict=True):
            p = _sigmoid(o + sum(b * v for b, v in zip(beta, row, strict=True)))
            w = max(p * (1 - p), 1e-9)
            residual = (1.0 if label else 0.0) - p
            for i, vi in enumerate(row):
                if vi:
                    gradient[i] += residual * vi
                    hrow = hessian[i]
                    wvi = w * vi
                    for j in range(i, d + 1):
                        vj = row[j]
                        if vj:
                            hrow[j] += wvi * vj
        for i in range(1, d + 1):
            gradient[i] -= l2 * beta[i]
            hessian[i][i] += l2
        for i in range(d + 1):
            for j in range(i):
                hessian[i][j] = hessian[j][i]
        hessian[0][0] += 1e-9
        step = _solve(hessian, gradient)
        beta = [b + s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-8:
            break
    return beta[0], beta[1:]


@dataclass(frozen=True)
class Model:
    """Fitted weights in raw units: score = intercept + Σ coefficient × (value − centre) over observed features."""

    intercept: float
    centres: dict[str, float]
    coefficients: dict[str, float]

    def logit(self, values: Mapping[str, float]) -> float:
        return self.intercept + sum(
            self.coefficients[name] * (value - self.centres[name])
            for name, value in values.items()
            if name in self.coefficients
        )


def fit(rows: Sequence[Labelled], l2: float = L2, fit_priors: bool = True) -> Model:
    """Fit the features observed in enough rows of both classes; the others keep their prior log-odds.

    With ``fit_priors`` false, the prior features (dates, handles) keep their hand-set log-odds even
    when observed: for data whose handles are stand-ins (InstaFake gives only digit counts).
    """
    fitted = [
        f.name
        for f in FEATURES
        if (f.name in FITTED or fit_priors)
        and sum(f.name in r.values for r in rows if r.fake) >= MIN_OBSERVED
        and sum(f.name in r.values for r in rows if not r.fake) >= MIN_OBSERVED
    ]
    centres: dict[str, float] = {}
    scales: dict[str, float] = {}
    for f in FEATURES:
        observed = [r.values[f.name] for r in rows if f.name in r.values]
        if f.name in fitted:
            mean = sum(observed) / len(observed)
            spread = math.sqrt(sum((v - mean) ** 2 for v in observed) / len(observed))
            centres[f.name], scales[f.name] = mean, spread if spread > 1e-9 else 1.0
        else:
            centres[f.name] = f.prior_centre
    priors = {f.name: f.prior_coefficient for f in FEATURES if f.name not in fitted}
    x = [[(r.values[n] - centres[n]) / scales[n] if n in r.values else 0.0 for n in fitted] for r in rows]
    offset = [sum(c * (r.values[n] - centres[n]) for n, c in priors.items() if n in r.values and c) for r in rows]
    intercept, beta = logistic(x, [r.fake for r in rows], l2, offset)
    coefficients = {f.name: priors.get(f.name, 0.0) for f in FEATURES}
    for name, b in zip(fitted, beta, strict=True):
        coefficients[name] = b / scales[name]
    return Model(intercept, centres, coefficients)


def folds(rows: Sequence[Labelled], k: int, seed: int) -> list[int]:
    """A fold number for each row, stratified by label, from a seeded shuffle."""
    assignment = [0] * len(rows)
    rng = random.Random(seed)
    for label in (True, False):
        members = [i for i, r in enumerate(rows) if r.fake is label]
        rng.shuffle(members)
        for position, i in enumerate(members):
            assignment[i] = position % k
    return assignment


def out_of_fold(
    rows: Sequence[Labelled], k: int = FOLDS, seed: int = 1, l2: float = L2, fit_priors: bool = True
) -> list[float]:
    """Each row's logit from a model fitted on the other folds."""
    assignment = folds(rows, k, seed)
    logits = [0.0] * len(rows)
    for fold in range(k):
        train = [r for r, a in zip(rows, assignment, strict=True) if a != fold]
        model = fit(train, l2, fit_priors)
        for i, (r, a) in enumerate(zip(rows, assignment, strict=True)):
            if a == fold:
                logits[i] = model.logit(r.values)
    return logits


@dataclass(frozen=True)
class Rates:
    """Confusion counts of the verdict at a threshold, and the figures they give."""

    tp: int
    fn: int
    fp: int
    tn: int

    @property
    def tpr(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def fpr(self) -> float:
        return self.fp / (self.fp + self.tn) if self.fp + self.tn else 0.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.tpr
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def balanced_accuracy(self) -> float:
        return (self.tpr + 1 - self.fpr) / 2


def rates(logits: Sequence[float], labels: Sequence[bool], cut: float) -> Rates:
    tp = sum(1 for z, y in zip(logits, labels, strict=True) if y and z >= cut)
    fp = sum(1 for z, y in zip(logits, labels, strict=True) if not y and z >= cut)
    positives = sum(labels)
    return Rates(tp, positives - tp, fp, len(labels) - positives - fp)


MAX_FALSE_POSITIVE_RATE = 0.02
"""The threshold flags at most this share of the genuine followers (in cross-validation; ours): an
auditor acts on each flag, and the share correction is steadiest with few false positives."""


def choose_cut(logits: Sequence[float], labels: Sequence[bool], max_fpr: float = MAX_FALSE_POSITIVE_RATE) -> float:
    """The logit cut with the best balanced accuracy among those flagging at most ``max_fpr`` of genuine rows."""
    candidates = sorted(set(logits))
    best: tuple[bool, float, float] | None = None
    chosen = 0.0
    for i, z in enumerate(candidates):
        cut = (z + candidates[i - 1]) / 2 if i else z - 1e-6
        r = rates(logits, labels, cut)
        key = (r.fpr <= max_fpr, r.balanced_accuracy, -abs(cut))
        if best is None or key > best:
            best, chosen = key, cut
    return chosen


def weights_document(model: Model, cut: float, cv: Rates, provenance: Mapping[str, Any]) -> dict[str, Any]:
    """The weights file: what the check loads (see _bot_model.Weights).

    The cut is folded into the intercept, so that the threshold is a score of 0.5: the
    check's default ``suspicion_threshold``, at which the rates were measured.
    """
    return {
        "version": WEIGHTS_VERSION,
        "features": [f.name for f in FEATURES],
        "intercept": round(model.intercept - cut, 6),
        "centres": [round(model.centres[f.name], 6) for f in FEATURES],
        "coefficients": [round(model.coefficients[f.name], 6) for f in FEATURES],
        "threshold": 0.5,
        "rates": {"tp": cv.tp, "fn": cv.fn, "fp": cv.fp, "tn": cv.tn},
        "cross_validated": {
            "folds": FOLDS,
            "precision": round(cv.precision, 4),
            "recall": round(cv.tpr, 4),
            "f1": round(cv.f1, 4),
            "balanced_accuracy": round(cv.balanced_accuracy, 4),
            "false_positive_rate": round(cv.fpr, 4),
        },
        "provenance": dict(provenance),
    }


def calibrate(
    rows: Sequence[Labelled], provenance: Mapping[str, Any], seed: int = 1, fit_priors: bool = True
) -> dict[str, Any]:
    """Fit on all rows; the threshold and the rates the share correction uses come from k-fold CV."""
    fakes = sum(r.fake for r in rows)
    if fakes < MIN_PER_CLASS or len(rows) - fakes < MIN_PER_CLASS:
        raise ValueError(
            f"{fakes} fake and {len(rows) - fakes} genuine followers: at least {MIN_PER_CLASS} of each are needed"
        )
    labels = [r.fake for r in rows]
    logits = out_of_fold(rows, FOLDS, seed, fit_priors=fit_priors)
    cut = choose_cut(logits, labels)
    cv = rates(logits, labels, cut)
    model = fit(rows, fit_priors=fit_priors)
    return weights_document(model, cut, cv, {**provenance, "n": len(rows), "fakes": fakes})
