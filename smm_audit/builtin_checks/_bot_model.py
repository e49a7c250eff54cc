"""bot-followers' model: the features a follower's fields give, and the weights file that scores them.

A follower's score is a logistic model: logit = intercept + Σ coefficient × (value −
centre) over the features whose fields are observed. A feature whose field the
exporter left out contributes 0, evidence neither way. Fitted features get their
coefficients from labelled data (``_bot_fit``); prior features (``never_active``,
``new_account``, ``random_username``: no public labelled set has the fields) keep
the log-odds set by hand, written in the weights file like the others.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from smm_audit import bundled

WEIGHTS_VERSION = 1
_PACKAGE = "smm_audit.builtin_checks"
DEFAULT_WEIGHTS_PARTS = ("data", "bot_followers_weights.json")
DEFAULT_WEIGHTS = Path(__file__).with_name("data").joinpath(*DEFAULT_WEIGHTS_PARTS[1:])
"""Where the shipped weights are in a directory install; :func:`load_weights` reads them as package data."""


@dataclass(frozen=True)
class Feature:
    """One model input: its name, the signal it speaks for, and (for prior features) its hand-set log-odds."""

    name: str
    signal: str
    meaning: str
    prior_coefficient: float = 0.0
    prior_centre: float = 0.0


FEATURES: tuple[Feature, ...] = (
    Feature("no_avatar", "no_avatar", "1 when has_avatar is false"),
    Feature("log_posts", "few_posts", "log(1 + posts_count)"),
    Feature("log_following", "mass_follower", "log(1 + following_count)"),
    Feature("log_following_over_300", "mass_follower", "log((1 + following_count) / 300) when positive, else 0"),
    Feature("log_follow_ratio", "follow_ratio", "log((1 + following_count) / (1 + followers_count))"),
    Feature("empty_bio", "empty_bio", "1 when bio_length is 0"),
    Feature("username_digits", "random_username", "share of digits in the handle"),
    # prior features: fired = coefficient × (1 − centre), observed and quiet = −coefficient × centre (ours)
    Feature("random_username", "random_username", "1 when the handle looks machine-made", 1.25, 0.2),
    Feature("never_active", "never_active", "1 when last active at or before joining", 2.5, 0.2),
    Feature("new_account", "new_account", "1 when created at most new_account_days before joining", 1.875, 0.2),
)
"""The features, in the order of the weights file."""
PRIORS = frozenset({"random_username", "never_active", "new_account"})
FITTED = frozenset(f.name for f in FEATURES) - PRIORS
NAMES = tuple(f.name for f in FEATURES)

_DIGIT = re.compile(r"\d")
LOG_300 = math.log(300)
"""Where the following count's slope changes: fakes follow hundreds to thousands (a hinge, fitted on InstaFake)."""


def raw_features(
    follower: Mapping[str, Any],
    platform: str = "other",
    random_handle: Any = None,
    dated: Mapping[str, bool] | None = None,
) -> dict[str, float]:
    """The raw values of the observed features of one follower (the slow path: fitting and explanations).

    ``random_handle(name)`` is the check's handle test (True, False or None); ``dated`` the
    never_active / new_account signals when observed. The check's hot loop computes the same sum.
    """
    get = follower.get
    values: dict[str, float] = {}
    has_avatar = get("has_avatar")
    if has_avatar is not None:
        values["no_avatar"] = 0.0 if has_avatar else 1.0
    posts = get("posts_count")
    if posts is not None:
        values["log_posts"] = math.log1p(posts)
    following = get("following_count")
    if following is not None:
        log_following = math.log1p(following)
        values["log_following"] = log_following
        values["log_following_over_300"] = max(0.0, log_following - LOG_300)
        followed_by = get("followers_count")
        if followed_by is not None:
            values["log_follow_ratio"] = log_following - math.log1p(followed_by)
    bio = get("bio_length")
    if bio is not None:
        values["empty_bio"] = 1.0 if bio == 0 else 0.0
    username = get("username")
    if username and random_handle is not None:
        verdict = random_handle(username)
        if verdict is not None:
            values["random_username"] = 1.0 if verdict else 0.0
            values["username_digits"] = digit_share(username)
    for name, fired in (dated or {}).items():
        values[name] = 1.0 if fired else 0.0
    return values


def digit_share(username: str) -> float:
    """The share of the handle's characters that are digits."""
    return len(_DIGIT.findall(username)) / len(username) if username else 0.0


@dataclass(frozen=True)
class Weights:
    """A validated weights file: per feature a centre and a coefficient, the cut, and the measured rates."""

    intercept: float
    centres: Mapping[str, float]
    coefficients: Mapping[str, float]
    threshold: float
    tp: int
    fn: int
    fp: int
    tn: int
    source: str
    document: Mapping[str, Any]

    @property
    def tpr(self) -> float:
        return self.tp / (self.tp + self.fn)

    @property
    def fpr(self) -> float:
        return self.fp / (self.fp + self.tn)

    def term(self, name: str, value: float) -> float:
        """The log-odds contribution of one observed feature."""
        return self.coefficients[name] * (value - self.centres[name])

    def logit(self, values: Mapping[str, float]) -> float:
        return self.intercept + sum(self.term(name, value) for name, value in values.items())


def neutral_weights() -> Weights:
    """Weights that score every follower 0 (for computing features before any fit)."""
    zeros = dict.fromkeys(NAMES, 0.0)
    return Weights(0.0, zeros, zeros, 0.5, 1, 0, 0, 1, "neutral", {})


class WeightsError(ValueError):
    """A weights file that cannot be used: the message names the file and the problem."""


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise WeightsError(f"{where} must be a finite number")
    return float(value)


def _count(rates: Mapping[str, Any], key: str, where: str) -> int:
    value = rates.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise WeightsError(f"{where}: rates.{key} must be a count (an integer >= 0)")
    return value


def parse_weights(document: Any, where: str) -> Weights:
    """Validate a weights document (its version, its features in order, numbers, rates that allow a correction)."""
    if not isinstance(document, dict):
        raise WeightsError(f"{where}: a weights file is a JSON object")
    if document.get("version") != WEIGHTS_VERSION:
        raise WeightsError(
            f"{where}: version {document.get('version')!r} is not supported (this smm-audit reads version "
            f"{WEIGHTS_VERSION}; refit with smm-audit calibrate bot-followers)"
        )
    if document.get("features") != list(NAMES):
        raise WeightsError(f"{where}: features must be exactly {', '.join(NAMES)} (in that order)")
    lists = {}
    for key in ("centres", "coefficients"):
        values = document.get(key)
        if not isinstance(values, list) or len(values) != len(NAMES):
            raise WeightsError(f"{where}: {key} must be a list of {len(NAMES)} numbers, one per feature")
        pairs = enumerate(zip(NAMES, values, strict=True))
        lists[key] = {name: _number(v, f"{where}: {key}[{i}]") for i, (name, v) in pairs}
    threshold = _number(document.get("threshold"), f"{where}: threshold")
    if not 0 < threshold < 1:
        raise WeightsError(f"{where}: threshold must be between 0 and 1 (exclusive)")
    rates = document.get("rates")
    if not isinstance(rates, dict):
        raise WeightsError(f"{where}: rates must be an object with the counts tp, fn, fp, tn")
    tp, fn, fp, tn = (_count(rates, key, where) for key in ("tp", "fn", "fp", "tn"))
    if not (tp + fn and fp + tn) or tp * (fp + tn) <= fp * (tp + fn):
        raise WeightsError(f"{where}: rates must have fakes and genuine followers, and more true than false positives")
    return Weights(
        intercept=_number(document.get("intercept"), f"{where}: intercept"),
        centres=lists["centres"],
        coefficients=lists["coefficients"],
        threshold=threshold,
        tp=tp,
        fn=fn,
        fp=fp,
        tn=tn,
        source=where,
        document=document,
    )


_cache: dict[tuple[str, int, int], Weights] = {}


def load_weights(path: str | os.PathLike[str] = "") -> Weights:
    """The weights in ``path`` (the shipped ones when empty), validated; cached by path, size and time."""
    where = str(path) if path else "the built-in bot-followers weights"
    try:
        if path:
            file = Path(path)
            stat = file.stat()
            key = (str(file), stat.st_size, stat.st_mtime_ns)
        else:
            key = ("", 0, 0)  # the shipped file does not change while the program runs
        if key in _cache:
            return _cache[key]
        # the shipped weights are package data, read as such so that a zipped installation has them too
        text = file.read_text(encoding="utf-8") if path else bundled.read_text(_PACKAGE, *DEFAULT_WEIGHTS_PARTS)
    except (OSError, ValueError) as exc:
        raise WeightsError(f"{where}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise WeightsError(f"{where}: not valid JSON: {exc}") from None
    weights = parse_weights(document, where)
    _cache[key] = weights
    return weights
