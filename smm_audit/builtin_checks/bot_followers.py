"""## What it checks

How much of each account's audience is fake, bought or dead weight, and why.

**Per follower**, a logistic model turns the follower's fields into the
log-odds that it is fake: an intercept plus, for each feature whose field is
observed, coefficient × (value − centre). A field the exporter left out is
*unobserved*: its features add 0, evidence neither way. The score is the
logistic of the log-odds (0 to 1); a follower is **suspicious** from
`suspicion_threshold` (0.5: the threshold the weights were fitted at) and when
at least `min_signals` (3) signals were observed; with fewer it is *unknown*
and left out of the shares.

| feature | signal it speaks for | value | shipped coefficient |
| --- | --- | --- | --- |
| `no_avatar` | `no_avatar` | 1 when `has_avatar` is false | +1.91 |
| `log_posts` | `few_posts` | log(1 + `posts_count`) | −0.78 |
| `log_following` | `mass_follower` | log(1 + `following_count`) | −0.96 |
| `log_following_over_300` | `mass_follower` | log((1 + `following_count`) / 300), when positive | +1.96 |
| `log_follow_ratio` | `follow_ratio` | log((1 + `following_count`) / (1 + `followers_count`)) | +1.29 |
| `empty_bio` | `empty_bio` | 1 when `bio_length` is 0 | +0.29 |
| `username_digits` | `random_username` | share of digits in the handle | +2.13 |
| `random_username` | `random_username` | 1 when the handle looks machine-made (below) | +1.25 (ours) |
| `never_active` | `never_active` | 1 when `last_active_at` ≤ `joined_at` (below) | +2.5 (ours) |
| `new_account` | `new_account` | 1 when created just before joining (below) | +1.875 (ours) |

A handle looks machine-made when it is mostly digits, has 3+ digit groups or 5
consonants in a row; `never_active` is judged for joins older than
`never_active_min_days` (7); `new_account` fires when `created_at` is at most
`new_account_days` (7) before `joined_at`.

The **default weights** (`smm_audit/builtin_checks/data/bot_followers_weights.json`)
were fitted on InstaFake (see Accuracy) by L2-regularised logistic regression;
InstaFake has no handles, registration or last-seen dates, so the three
features marked *ours* keep hand-set log-odds (fired: coefficient × 0.8;
observed and quiet: −coefficient × 0.2, so that their silence weighs little).
`calibrate` fits them too when the labelled followers have those fields.
The signals themselves keep their rules and options (`few_posts`,
`mass_following`, `follow_ratio`, `ratio_min_following`; `private_empty` is a
signal without a feature: InstaFake's genuine accounts are mostly private, so a
weight learned for it would not carry to other audiences): they name what fired
in the evidence and the metrics; the score comes from the features.

Followers whose `status` is `deactivated`, `banned` or `deleted` (VK's "dogs")
are not scored: they are counted apart as **dead weight**. The platforms'
default handles (`id<number>` on VK, `user<number>` on TikTok) say nothing:
real users keep them as often as bots do.

**The audience share** corrects for the model's errors. With the true- and
false-positive rates measured for the weights (in cross-validation, stored with
them), a flagged share r gives the estimate p = (r − FPR) / (TPR − FPR),
clipped to [0, 1] (adjusted classify-and-count). Its 95% interval combines the
binomial uncertainty of the flagged count (for a full list as for a sample:
which followers the model flags is itself a draw) with the uncertainty of TPR
and FPR (Beta posteriors from their counts, drawn with a fixed seed: the same
snapshot gives the same report), as the percentiles of the posterior of p over
a grid. Rates measured on one labelled set drift from audience to audience
more than their counts say, so each counts as at most `rate_evidence` (50)
labelled followers in the interval (ours: at InstaFake's own counts the
interval missed the truth on another platform's audience in 18 of 20 trials,
see below); it widens the interval, never moves the estimate. Calibrated on
your own audience, set it to 0. The finding says "about X% suspicious (Y–Z%)", and the status and the
score follow the estimate: a warning from `warn_share` (10%), a failure from
`fail_share` (25%). With a `suspicion_threshold` other than the weights' the
rates do not apply: the raw share is reported, uncorrected, with its Wilson
interval, and the finding says so.

**Evidence.** The finding lists per signal how many suspicious followers showed
it and at most `max_examples` (5) example ids, and for the first `max_examples`
suspicious followers what each signal added to their log-odds, towards "fake"
first (`"log_odds": [["follow_ratio", 7.37], ["few_posts", 2.2], …]`), so that
an auditor can say why.

**Per account**, besides the suspicious share:

- the dead-weight share of the followers with a known status: warning from
  `dead_warn_share` (10%), failure from `dead_fail_share` (25%);
- join spikes: days (in the snapshot's time zone) when at least
  `spike_min_joins` (10) listed followers joined and at least `spike_factor` (5)
  times the usual number, the median of the 28 days either side (at least 1);
  each is its own finding (the `max_spike_findings` (5) biggest), with the share
  of that day's joiners that look fake or are dead;
- an engagement gap: the median likes + comments + reposts of the posts of the
  last `engagement_window_days` (90), at least a day old, under
  `engagement_floor` (0.2%) of `followers_count`, for audiences of
  `engagement_min_followers` (1,000) or more;
- followers outside `client.target_regions`, by stated country (a region such
  as `RU-MOW` matches country `RU`: followers state a country and a free-text
  city, not a subdivision), from `region_warn_share` (20%). Without
  `target_regions` this is skipped.

**Samples.** With `followers_sampling` `random_sample`, the suspicious share is
extrapolated to `followers_count` with its interval; dead weight and regions
with a 95% Wilson score interval (no finite population correction). With
`partial` (say, the latest joins) shares are of the listed followers only, and
the findings say so. Absent, it is `full` when the list has `followers_count`
entries and `partial` otherwise, as the schema says.

**Metrics** (the report contract, `smm-audit schema report`): per account
`suspicious` (followers flagged), `suspicious_share` (the corrected estimate),
`suspicious_share_raw` (flagged ÷ judged), `suspicious_ci95` (the interval of
the estimate, for full lists as for samples), `suspicious_estimated` (followers,
for a random sample), the followers listed, analysed and unknown, the
dead-weight and mass-follower shares, the share of each signal among the
followers where it was observed, and the spike days; the same shares pooled
over the accounts.

The score of an account falls linearly with the estimated suspicious share (0
at twice `fail_share`) and with the dead-weight share (0 at twice
`dead_fail_share`), and is cut by a tenth for spikes, a tenth for followers
outside the regions and a fifth for an engagement gap; the check's score is the
accounts' mean.

### When to calibrate

The default weights come from one Instagram data set. Calibrate when your
audiences are on another platform (VK, Telegram, TikTok), when the export has
fields InstaFake lacks (dates, handles) or lacks fields it has, or when a
hand-checked sample disagrees with the check. Label a few hundred followers
(at least 20 fakes and 20 genuine; more fakes make steadier rates) in the
snapshot's follower fields (validated as in a snapshot: booleans are `true` or
`false`) plus `fake`, and optionally `platform` (for its default handles), as
JSON lines or CSV:

```shell
smm-audit calibrate bot-followers labelled.jsonl -o bot-weights.json
```

It fits the weights, prints their cross-validated precision, recall and
balanced accuracy and the rates the share correction will use, and refuses
data too small or one-sided (exit 2). Use them with
`[tool.smm-audit.checks.bot-followers] weights = "bot-weights.json"` (relative
to the configuration file). The threshold it picks flags at most 2% of the
genuine followers in cross-validation.

### Accuracy

Measured with `python benchmarks/measure_bot_followers.py ../shared/dev-data/bot-followers/instafake`
(and `--labelled FILE` for another labelled set). On real data everything is
cross-validated, the weights, threshold and rates refitted on the training
part alone exactly as `calibrate` fits them, the test part judged by the
check's own code. Per follower: 5-fold CV repeated over 5 seeds (mean;
flagged = suspicious). Audience share: 20 trials per mix, fitted on a
stratified half, audiences drawn from the other half without repeating a
follower.

| data | followers (fake) | precision | recall | F1 | balanced accuracy | false positives |
| --- | --- | --- | --- | --- | --- | --- |
| InstaFake `fake-v1.0`, CV | 1,194 (200) | 0.903 | 0.898 | 0.901 | 0.939 | 1.9% |
| SRF Data Instagram followers, CV | 975 (98) | 0.763 | 0.602 | 0.673 | 0.791 | 2.1% |
| SRF Data, the shipped weights as they are (cross-dataset) | 975 (98) | 0.526 | 0.714 | 0.606 | 0.821 | 7.2% |

Audience share, per mix of 10%, 30% and 50% fakes: the mean and largest
error in points, and in how many of 20 trials the 95% interval holds the truth
(the audiences' sizes in brackets):

| data | 10% fakes | 30% fakes | 50% fakes |
| --- | --- | --- | --- |
| InstaFake, CV | 0.8, 3.0; 20/20 (552) | 1.5, 3.3; 20/20 (333) | 1.9, 4.1; 20/20 (200) |
| SRF Data, CV | 2.4, 7.8; 20/20 (487) | 4.8, 17.2; 20/20 (163) | 7.4, 26.4; 20/20 (98) |
| SRF Data, shipped weights | 3.5, bias +3.5; 20/20 (729) | 1.5, bias −1.3; 20/20 (244) | 8.0, bias −8.0; 19/20 (146) |

With `rate_evidence = 0` (the rates at their own counts) the intervals were
narrower and held the truth less often on SRF: 19/20, 20/20, 20/20 (CV) and
2/20, 20/20, 17/20 (shipped weights); InstaFake's stayed 20/20. The estimates
are the same either way.

Before, with the hand-set weights of the previous release on the same files:
InstaFake precision 0.956,
recall 0.760, balanced accuracy 0.876; SRF Data precision 0.762, recall 0.327,
balanced accuracy 0.658; and the share was the raw flagged share, so an
audience half of which is fake would read about 38% (InstaFake) or 17% (SRF).

What these figures prove, and what they do not:

- InstaFake (Akyon & Kalfaoglu 2019, arXiv 1910.03090,
  github.com/fcakyon/instafake-dataset, CC BY-NC 4.0: only the fitted numbers
  ship, never the data) is real and labelled by its authors, but has only
  counts, avatar, privacy, bio length and the handle's digit count and length:
  no handles, dates, status or country. The features were chosen on it (log
  counts, the following hinge at 300, no feature for privacy), so its CV
  figure is a tuned one.
- SRF Data's 1,000 hand-labelled followers of Swiss influencers (2017,
  github.com/srfdata/2017-10-instagram-influencers, CC BY-SA 4.0; 975 rows
  read) were used for none of this: they are the held-out check. They have
  handles but no bio. Fitted on InstaFake, the weights find 71% of their fakes
  but flag 7.2% of their genuine followers (many real followers of influencers
  follow thousands), so the shipped rates under-correct: the share is about
  right at 30% fakes, 3.5 points high at 10% and 8 points low at 50%; at
  InstaFake's own counts the interval missed at 10% fakes (2/20), which is why
  `rate_evidence` caps them (20/20 then). Calibrated on their own labels (CV),
  the check is within a few points on large audiences and its interval holds
  the truth in 60 of 60 trials.
  **Calibrate on your own audiences before you act on a share near a limit.**
- The signals no public set can test (`never_active`, `new_account`, handles
  beyond their digits), dead weight, spikes and the region signal are as
  designed, not measured. On the synthetic populations of
  `benchmarks/bot_fixtures.py` (written by the author of the signals, hard on
  purpose: paid "offers" are real people, real newcomers look like bots; 30%
  fakes, 20,000 followers) the check flags 69% of fakes and dead with
  precision 0.71, and estimates a VK audience of 5,000 with 18.8% fakes among
  the live followers at 20.3%; on the hand-written edge cases of
  `tests/data/followers_labeled.jsonl` (78) precision 0.79, recall 0.82, and
  the script lists the ones it gets wrong.

## Why it matters

- Bots and paid "offers" are grey growth: cheap, not your target audience, and
  the network may block the community; commercial communities are at higher
  risk (000 L194-196, 001 L190-191). A thousand bots cost 100-1,000 rubles
  (001 L589), so a bought audience is common.
- Fake accounts come "with real or invented names; inactive after joining",
  and "communities with a big audience whose posts get 5-10 likes" are the
  tell (001 L355): the `never_active` signal and the engagement gap.
- "Why would a company in a city of 20,000 people have 50,000 members?"
  (000 L128): followers from outside the target regions.
- A contract can set follower criteria to exclude bot inflation (001 L227):
  this check gives the numbers to write into it.

The articles give no numbers for any of this. The signals are those
audience-analytics vendors and the fake-account literature use: profile
picture, posts, follower and following counts and their ratio, bio, privacy,
registration date; a "mass follower" follows more than 1,500 accounts; VK's
deactivated and banned members are dead weight. The weights of the
features public data can test are fitted (see Accuracy); the three it cannot
test are ours, in the proportions of the first, hand-set design: "never
active since joining", which a real member can hardly show, weighs most (+2.0
fired, −0.5 quiet), a fresh account (+1.5, −0.375) and a machine-made handle
(+1.0, −0.25) less, as they fire for a fair share of real users too; shown by
a minority of fakes, their silence is weak evidence of a real person. Every
threshold is ours too, and an option: 10% and 25% suspicious, 10% and 25%
dead weight, spikes at 5 times the usual with at least 10 joins, an
engagement floor of 0.2% of followers (well under the 1-3% that engagement by
followers usually reaches) for audiences of 1,000 or more, 20% outside the
target regions; the fitted threshold flags at most 2% of genuine followers.

## Example

```json
{"id": "ig-zerno", "platform": "instagram", "followers_count": 1840,
 "followers_sampling": "random_sample",
 "followers": [{"id": "66314894171", "username": "user810987024",
                "joined_at": "2026-05-25T01:57:34+03:00", "has_avatar": false,
                "posts_count": 0, "bio_length": 0, "is_private": false,
                "followers_count": 34, "following_count": 2421}, "..."]}
```

In the demo snapshot 66 of the 146 judged followers in this sample of 150
are flagged like this one (no avatar, no posts, a mass follower with a digit
handle): a `high` finding at `/accounts/1/followers`, "about 49.4% suspicious
(40.4–59.2%) among a random sample of 146 judged followers: 66 flagged (45.2%),
corrected for the model's error rates (it flags 90.0% of fakes and 1.4% of
genuine followers); about 910 of 1,840 followers (744-1,088)", with five
example ids per signal and the log-odds of five flagged followers. The 41
sampled followers who joined on 25 May 2026 (about 503 of all followers) are
a join spike of their own.

## How to fix

Do not buy followers, likes or "offers", and stop any contractor who does
(write follower criteria into the contract, 001 L227). Remove the dead and
suspicious followers the platform lets you remove (a VK community can remove
members; Instagram lets you remove followers), starting with the spike days
and the example ids. Then grow the audience where the customers are, and
judge campaigns by engagement and sales, not by the follower count.
"""

from __future__ import annotations

import itertools
import math
import operator
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from smm_audit.api import (
    Account,
    Calibration,
    Calibrator,
    Check,
    Finding,
    Option,
    Result,
    Snapshot,
    hookimpl,
    parse_time,
)
from smm_audit.builtin_checks._bot_fit import Labelled
from smm_audit.builtin_checks._bot_fit import calibrate as fit_weights
from smm_audit.builtin_checks._bot_model import (
    FEATURES,
    LOG_300,
    Weights,
    WeightsError,
    load_weights,
    neutral_weights,
    raw_features,
)
from smm_audit.builtin_checks._bot_share import RATE_EVIDENCE, Share, corrected

try:
    from smm_audit.builtin_checks import _bot_scan as _native  # type: ignore[attr-defined]  # C, optional
except ImportError:  # built without a C compiler: scan runs in Python
    _native = None

# ----------------------------------------------------------------------------- signals


@dataclass(frozen=True)
class Signal:
    """One per-follower bot signal: its id and its label. What it weighs is in the weights file."""

    name: str
    label: str


SIGNALS: tuple[Signal, ...] = (
    Signal("no_avatar", "no avatar"),
    Signal("few_posts", "no or almost no posts"),
    Signal("mass_follower", "mass follower"),
    Signal("never_active", "never active since joining"),
    Signal("follow_ratio", "follows far more than follow it"),
    Signal("random_username", "random or digit username"),
    Signal("new_account", "created just before joining"),
    Signal("empty_bio", "empty bio"),
    Signal("private_empty", "private with nothing posted"),
)
"""The signals; their order fixes the bit of each in the masks below. The features of the model
(``_bot_model.FEATURES``) each speak for one of them."""

_BIT = {signal.name: 1 << i for i, signal in enumerate(SIGNALS)}
_B_AVATAR, _B_POSTS, _B_MASS = _BIT["no_avatar"], _BIT["few_posts"], _BIT["mass_follower"]
_B_INACTIVE, _B_RATIO, _B_NAME = _BIT["never_active"], _BIT["follow_ratio"], _BIT["random_username"]
_B_NEW, _B_BIO, _B_PRIVATE = _BIT["new_account"], _BIT["empty_bio"], _BIT["private_empty"]
_BINARY = {"no_avatar": _B_AVATAR, "empty_bio": _B_BIO, "random_username": _B_NAME}
_BINARY.update(never_active=_B_INACTIVE, new_account=_B_NEW)
"""The 0/1 features, 1 exactly when their signal fires: their terms are looked up by mask."""
_SIGNAL_OF = {feature.name: feature.signal for feature in FEATURES}


DEAD_STATUSES = frozenset({"deactivated", "banned", "deleted"})

UNKNOWN, GENUINE, SUSPICIOUS, DEAD = 0, 1, 2, 3
"""Per-follower verdicts: too few signals observed, looks genuine, looks fake, dead weight."""
VERDICT_NAMES = ("unknown", "genuine", "suspicious", "dead")

_HAS_DIGIT = re.compile(r"\d").search
_DIGIT_RUN = re.compile(r"\d+").findall
_CONSONANT_RUN = re.compile(r"[bcdfghjklmnpqrstvwxz]{5,}", re.IGNORECASE).search
DEFAULT_HANDLE_PREFIXES: Mapping[str, str] = {"vk": "id", "tiktok": "user"}
"""Platforms whose default handle is this prefix plus the user's number (``id287311902``): real users
keep it as often as bots do, so it is not evidence either way."""


def _parse(timestamp: str) -> datetime:
    """A snapshot timestamp as a datetime: the fast path, or :func:`parse_time` for the rarer spellings."""
    try:
        return datetime.fromisoformat(timestamp)
    except ValueError:
        return parse_time(timestamp)


def random_username(username: str, platform: str = "other") -> bool | None:
    """Whether a handle looks machine-made; None when it says nothing (no letters or digits, or the platform default).

    Mostly digits (``user810987024``: more digits than other characters, separators aside),
    three or more digit groups (``64vv4kdy30``) or a run of five consonants (``xkrtvbq``).
    Character entropy is not used: in handles of 6-15 characters it is close to
    log2(length) for real names as well.
    """
    return _random_handle(username, DEFAULT_HANDLE_PREFIXES.get(platform, ""))


def _random_handle(name: str, default_prefix: str) -> bool | None:
    """:func:`random_username` with the platform's default-handle prefix already looked up."""
    packed = _handle(name, default_prefix)
    return None if packed is None else bool(packed & 1)


def _handle(name: str, default_prefix: str) -> int | None:
    """None when the handle says nothing; else its number of digits × 2, plus 1 when it looks machine-made.

    Packed in one small int rather than a tuple: this runs once per follower.
    """
    if (
        default_prefix
        and name[: len(default_prefix)].lower() == default_prefix
        and name[len(default_prefix) :].isdigit()
    ):
        return None
    if _HAS_DIGIT(name):
        digit_runs = _DIGIT_RUN(name)
        digits = sum(map(len, digit_runs))
        if len(digit_runs) >= 3:
            return 2 * digits + 1
        length = len(name) - name.count("_") - name.count(".") - name.count("-")
        if 2 * digits > length:
            return 2 * digits + 1
        return 2 * digits + (_CONSONANT_RUN(name) is not None)
    if not name.strip("._-"):
        return None
    return 1 if _CONSONANT_RUN(name) is not None else 0


@dataclass(frozen=True)
class Verdict:
    """One follower's verdict, its score (None when not scored), the signals behind it and their log-odds."""

    verdict: str
    score: float | None
    fired: tuple[str, ...]
    observed: tuple[str, ...]
    log_odds: tuple[tuple[str, float], ...] = ()
    """Per signal, what its features added to the log-odds of "fake" (towards fake first)."""

    @property
    def positive(self) -> bool:
        """Counted as not a genuine audience member: suspicious or dead weight."""
        return self.verdict in ("suspicious", "dead")


def signal_names(mask: int) -> tuple[str, ...]:
    """The names of the signals whose bits are set in ``mask``, strongest first."""
    return tuple(signal.name for signal in SIGNALS if mask & _BIT[signal.name])


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


# ----------------------------------------------------------------------------- the per-follower judge


def _mask_table(terms: Mapping[int, float]) -> tuple[float, ...]:
    """The summed term of the bits set in each of the 2**len(SIGNALS) masks."""
    return tuple(sum(t for bit, t in terms.items() if mask & bit) for mask in range(1 << len(SIGNALS)))


@dataclass(frozen=True)
class _Parts:
    """The pieces of a judge's log-odds, for the fast pass over many followers (:func:`scan`)."""

    posts_term: Callable[[float], float]
    following_term: Callable[[float], float]
    alone_term: Callable[[float], float]
    followed_by_term: Callable[[float], float]
    offset: tuple[float, ...]
    binary: tuple[float, ...]
    c_digits: float


class Judge:
    """Scores followers of one platform with the model's weights and the check's options, as of ``taken_at``.

    Built once per account; ``judge(follower)`` judges one follower (:func:`scan` inlines it). The log-odds
    of "fake" is the intercept plus, per observed feature, coefficient × (value − centre):
    the constant parts (−coefficient × centre, and the 0/1 features) are looked up by mask.
    """

    def __init__(self, platform: str, taken_at: datetime, options: Mapping[str, Any], weights: Weights) -> None:
        self.weights = weights
        self.default_prefix = DEFAULT_HANDLE_PREFIXES.get(platform, "")
        self.few_posts = options["few_posts"]
        self.mass_following = options["mass_following"]
        self.follow_ratio = options["follow_ratio"]
        self.ratio_min_following = options["ratio_min_following"]
        self.new_account = timedelta(days=options["new_account_days"])
        self.never_active_before = taken_at - timedelta(days=options["never_active_min_days"])
        threshold = options["suspicion_threshold"]
        self.cut = (
            math.inf if threshold >= 1 else -math.inf if threshold <= 0 else math.log(threshold / (1 - threshold))
        )
        self.min_signals = options["min_signals"]
        self.judge = self._build()

    def _build(self) -> Callable[[Mapping[str, Any]], tuple[int, int, int, float]]:
        """The per-follower function, its constants bound in a closure (faster than attributes in the hot loop)."""
        c, m = self.weights.coefficients, self.weights.centres
        per_bit: dict[int, float] = {}
        for feature in FEATURES:  # observed: −coefficient × centre, whatever the value
            bit = _BIT[_SIGNAL_OF[feature.name]]
            per_bit[bit] = per_bit.get(bit, 0.0) - c[feature.name] * m[feature.name]
        intercept = self.weights.intercept
        offset = tuple(intercept + value for value in _mask_table(per_bit))
        binary = _mask_table({bit: c[name] for name, bit in _BINARY.items()})
        c_posts, c_following, c_ratio = c["log_posts"], c["log_following"], c["log_follow_ratio"]
        c_following_ratio = c_following + c_ratio  # log_follow_ratio = log_following − log(1 + followers_count)
        c_mass, c_digits = c["log_following_over_300"], c["username_digits"]
        few_posts, mass_following, follow_ratio = self.few_posts, self.mass_following, self.follow_ratio
        ratio_min_following, new_account = self.ratio_min_following, self.new_account
        never_active_before, default_prefix = self.never_active_before, self.default_prefix
        cut, min_signals = self.cut, self.min_signals
        handle, parse = _handle, _parse

        def posts_term(n: float) -> float:
            return c_posts * math.log1p(n)

        def mass_term(log_following: float) -> float:
            return c_mass * (log_following - LOG_300) if log_following > LOG_300 else 0.0

        def following_term(n: float) -> float:  # with the ratio: log_follow_ratio's part of it too
            log_following = math.log1p(n)
            return c_following_ratio * log_following + mass_term(log_following)

        def alone_term(n: float) -> float:  # no followers_count: no ratio
            log_following = math.log1p(n)
            return c_following * log_following + mass_term(log_following)

        def followed_by_term(n: float) -> float:
            return -c_ratio * math.log1p(n)

        size = _TABLE_SIZE  # the terms of the counts most followers have, looked up rather than computed
        logs = _log1p_table()  # the functions' values, computed as they compute them (a judge per account)
        posts_terms = tuple(map(c_posts.__mul__, logs))
        following_terms = tuple(
            [c_following_ratio * v + (c_mass * (v - LOG_300) if v > LOG_300 else 0.0) for v in logs]
        )
        alone_terms = tuple([c_following * v + (c_mass * (v - LOG_300) if v > LOG_300 else 0.0) for v in logs])
        followed_by_terms = tuple(map((-c_ratio).__mul__, logs))
        dead_statuses = DEAD_STATUSES
        self.parts = _Parts(posts_term, following_term, alone_term, followed_by_term, offset, binary, c_digits)
        b_avatar, b_bio, b_inactive, b_mass, b_name, b_new, b_posts, b_private, b_ratio = (
            _B_AVATAR,
            _B_BIO,
            _B_INACTIVE,
            _B_MASS,
            _B_NAME,
            _B_NEW,
            _B_POSTS,
            _B_PRIVATE,
            _B_RATIO,
        )

        def judge(follower: Mapping[str, Any]) -> tuple[int, int, int, float]:
            """(verdict, mask of the signals observed, mask of the signals that fired, log-odds of "fake")."""
            get = follower.get
            if get("status") in dead_statuses:
                return DEAD, 0, 0, 0.0
            observed = fired = 0
            z = 0.0
            has_avatar = get("has_avatar")
            if has_avatar is not None:
                observed |= b_avatar
                if not has_avatar:
                    fired |= b_avatar
            posts = get("posts_count")
            if posts is not None:
                observed |= b_posts
                try:
                    z = posts_terms[posts] if posts < size else posts_term(posts)
                except TypeError:  # a float: 3.0 is a valid JSON integer
                    z = posts_term(posts)
                if posts <= few_posts:
                    fired |= b_posts
            following = get("following_count")
            if following is not None:
                observed |= b_mass
                if following >= mass_following:
                    fired |= b_mass
                followed_by = get("followers_count")
                if followed_by is not None:
                    observed |= b_ratio
                    try:
                        z += following_terms[following] if following < size else following_term(following)
                    except TypeError:  # a float
                        z += following_term(following)
                    try:
                        z += followed_by_terms[followed_by] if followed_by < size else followed_by_term(followed_by)
                    except TypeError:
                        z += followed_by_term(followed_by)
                    if following >= ratio_min_following and following >= follow_ratio * max(followed_by, 1):
                        fired |= b_ratio
                else:
                    try:
                        z += alone_terms[following] if following < size else alone_term(following)
                    except TypeError:
                        z += alone_term(following)
            bio_length = get("bio_length")
            if bio_length is not None:
                observed |= b_bio
                if bio_length == 0:
                    fired |= b_bio
            is_private = get("is_private")
            if is_private is False or (is_private and posts is not None):
                observed |= b_private
                if is_private and posts == 0:
                    fired |= b_private
            username = get("username")
            if username:
                packed = handle(username, default_prefix)
                if packed is not None:
                    observed |= b_name
                    if packed > 1:
                        z += c_digits * (packed >> 1) / len(username)
                    if packed & 1:
                        fired |= b_name
            last_active, created, joined_text = get("last_active_at"), get("created_at"), get("joined_at")
            if joined_text and (last_active or created):
                joined = parse(joined_text)
                if last_active and joined <= never_active_before:
                    observed |= b_inactive
                    if (
                        last_active <= joined_text  # same layout and offset: the text sorts as the time
                        if len(last_active) == len(joined_text)
                        and last_active[19:] == joined_text[19:]
                        and last_active[10] == joined_text[10]
                        else parse(last_active) <= joined
                    ):
                        fired |= b_inactive
                if created:
                    age_at_join = joined - parse(created)
                    if age_at_join.days >= 0:  # created after joining is an export error: skip it
                        observed |= b_new
                        if age_at_join <= new_account:
                            fired |= b_new
            z += offset[observed] + binary[fired]
            if observed.bit_count() < min_signals:
                return UNKNOWN, observed, fired, z
            return (SUSPICIOUS if z >= cut else GENUINE), observed, fired, z

        return judge

    def values(self, follower: Mapping[str, Any]) -> dict[str, float]:
        """The raw values of the follower's observed features (the slow path: fitting and explanations)."""
        _, observed, fired, _ = self.judge(follower)
        dated = {name: bool(fired & bit) for name, bit in (("never_active", _B_INACTIVE), ("new_account", _B_NEW))}
        return raw_features(
            follower,
            random_handle=lambda name: _random_handle(name, self.default_prefix),
            dated={name: value for name, value in dated.items() if observed & _BIT[name]},
        )

    def explain(self, follower: Mapping[str, Any]) -> tuple[tuple[str, float], ...]:
        """What each signal's features added to the follower's log-odds, towards "fake" first (the slow path)."""
        per_signal: dict[str, float] = {}
        for name, value in self.values(follower).items():
            signal = _SIGNAL_OF[name]
            per_signal[signal] = per_signal.get(signal, 0.0) + self.weights.term(name, value)
        order = {signal.name: i for i, signal in enumerate(SIGNALS)}
        ranked = sorted(per_signal.items(), key=lambda item: (-item[1], order[item[0]]))
        return tuple((name, round(value, 2)) for name, value in ranked if round(value, 2))


_TABLE_SIZE = 1 << 13
"""Counts under this have their log-odds terms looked up, per judge, rather than computed (the hot loop)."""
_LOG1P: list[float] = []


def _log1p_table() -> list[float]:
    """log(1 + n) for the counts under ``_TABLE_SIZE``, computed once."""
    if not _LOG1P:
        _LOG1P.extend(map(math.log1p, range(_TABLE_SIZE)))
    return _LOG1P


_judges: dict[tuple[Any, ...], Judge] = {}
"""Judges built by :func:`judge_follower`, by platform, moment, options and weights (a benchmark calls it often)."""


def judge_follower(
    follower: Mapping[str, Any],
    platform: str = "other",
    taken_at: str | datetime | None = None,
    weights: Weights | None = None,
    **options: Any,
) -> Verdict:
    """The verdict on one follower with the check's default options (or ``options``); for tools and benchmarks."""
    moment = parse_time(taken_at) if isinstance(taken_at, str) else taken_at
    if moment is None:
        moment = parse_time("2026-11-01T12:00:00+03:00")
    resolved = {**CHECK.defaults(), **options}
    chosen = weights or load_weights(resolved["weights"])
    key = (platform, moment, tuple(sorted(resolved.items())), id(chosen))
    judge = _judges.get(key)
    if judge is None or judge.weights is not chosen:
        if len(_judges) > 64:
            _judges.clear()
        judge = _judges[key] = Judge(platform, moment, resolved, chosen)
    verdict, observed, fired, z = judge.judge(follower)
    scored = verdict in (GENUINE, SUSPICIOUS)
    return Verdict(
        VERDICT_NAMES[verdict],
        _sigmoid(z) if scored else None,
        signal_names(fired),
        signal_names(observed),
        judge.explain(follower) if scored else (),
    )


# ----------------------------------------------------------------------------- statistics


def wilson_interval(successes: int, trials: int, z: float = 1.959964) -> tuple[float, float]:
    """The 95% Wilson score interval of a binomial share (0, 1 when there are no trials)."""
    if trials <= 0:
        return 0.0, 1.0
    share = successes / trials
    z2 = z * z
    denominator = 1 + z2 / trials
    centre = (share + z2 / (2 * trials)) / denominator
    half = z / denominator * math.sqrt(share * (1 - share) / trials + z2 / (4 * trials * trials))
    low = 0.0 if successes <= 0 else max(0.0, centre - half)
    high = 1.0 if successes >= trials else min(1.0, centre + half)
    return low, high


def median_with_zeros(values: Iterable[int], days: int) -> float:
    """The median of daily counts over ``days`` days, where days missing from ``values`` count as zero."""
    present = sorted(values)
    zeros = days - len(present)
    if days <= 0:
        return 0.0

    def nth(i: int) -> int:
        return 0 if i < zeros else present[i - zeros]

    middle = days // 2
    return float(nth(middle)) if days % 2 else (nth(middle - 1) + nth(middle)) / 2


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


# ----------------------------------------------------------------------------- one pass over the followers


_SHIFT = len(SIGNALS)
_MASK = (1 << _SHIFT) - 1


@dataclass
class Tally:
    """Everything one pass over an account's followers learns."""

    listed: int = 0
    dead: int = 0
    with_status: int = 0
    with_country: int = 0
    out_of_region: int = 0
    combos: Counter[int] = field(default_factory=Counter)
    """Packed (verdict, observed mask, fired mask) → followers: every per-signal figure derives from it."""
    joins_by_day: Counter[str] = field(default_factory=Counter)
    flagged_by_day: Counter[str] = field(default_factory=Counter)
    countries_out: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    day_examples: dict[str, list[str]] = field(default_factory=dict)
    suspects: list[Mapping[str, Any]] = field(default_factory=list)
    """The first ``max_examples`` suspicious followers, whose log-odds the evidence explains."""

    def combinations(self) -> Iterable[tuple[int, int, int, int]]:
        """(verdict, observed mask, fired mask, followers) for every combination seen."""
        for key, n in self.combos.items():
            yield key >> (2 * _SHIFT), (key >> _SHIFT) & _MASK, key & _MASK, n

    def verdicts(self, kind: int) -> int:
        """How many followers got the verdict ``kind``."""
        return sum(n for verdict, _, _, n in self.combinations() if verdict == kind)


class DayKeys:
    """The calendar day ("2026-09-14") of a timestamp in the snapshot's time zone.

    Timestamps written with the snapshot's own offset (the usual case) are read from their
    first ten characters; others are parsed and converted.
    """

    def __init__(self, taken_at: datetime) -> None:
        self.zone = taken_at.tzinfo
        offset = taken_at.utcoffset()
        minutes = int(offset.total_seconds() // 60) if offset is not None else 0
        sign = "-" if minutes < 0 else "+"
        suffix = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
        self.suffixes: tuple[str, ...] = ("Z", "z", suffix) if minutes == 0 else (suffix,)

    def convert(self, timestamp: str) -> str:
        """The slow path: parse, convert to the snapshot's zone, take the date."""
        return parse_time(timestamp).astimezone(self.zone).date().isoformat()


def scan_reference(
    followers: Sequence[Mapping[str, Any]],
    judge: Judge,
    days: DayKeys,
    target_countries: frozenset[str] | None,
    max_examples: int,
) -> Tally:
    """:func:`scan` the plain way, ``judge.judge`` per follower: the reference the fast pass is tested against."""
    combos: Counter[int] = Counter()
    joins_by_day: Counter[str] = Counter()
    flagged_by_day: Counter[str] = Counter()
    countries_out: Counter[str] = Counter()
    examples: dict[str, list[str]] = {signal.name: [] for signal in SIGNALS}
    dead_ids: list[str] = []
    region_ids: list[str] = []
    day_examples: dict[str, list[str]] = {}
    open_bits = _MASK if max_examples else 0
    judge_one, suffixes, convert = judge.judge, days.suffixes, days.convert
    with_status = dead = with_country = out_of_region = 0
    suspects: list[Mapping[str, Any]] = []
    open_suspects = max_examples
    for follower in followers:
        verdict, observed, fired, _ = judge_one(follower)
        combos[(verdict << (2 * _SHIFT)) | (observed << _SHIFT) | fired] += 1
        if "status" in follower:
            with_status += 1
        joined = follower.get("joined_at")
        if joined:
            day = joined[:10] if joined.endswith(suffixes) else convert(joined)
            joins_by_day[day] += 1
            if verdict >= SUSPICIOUS:
                flagged_by_day[day] += 1
                day_ids = day_examples.setdefault(day, [])
                if len(day_ids) < max_examples:
                    day_ids.append(follower["id"])
        if verdict == DEAD:
            dead += 1
            if len(dead_ids) < max_examples:
                dead_ids.append(follower["id"])
        elif verdict == SUSPICIOUS:
            if fired & open_bits:
                open_bits = _add_examples(examples, follower["id"], fired & open_bits, open_bits, max_examples)
            if open_suspects:
                suspects.append(follower)
                open_suspects -= 1
        if target_countries is not None:
            country = follower.get("country")
            if country:
                with_country += 1
                if country not in target_countries:
                    out_of_region += 1
                    countries_out[country] += 1
                    if len(region_ids) < max_examples:
                        region_ids.append(follower["id"])
    examples["dead"], examples["out_of_region"] = dead_ids, region_ids
    return Tally(
        listed=len(followers),
        dead=dead,
        with_status=with_status,
        with_country=with_country,
        out_of_region=out_of_region,
        combos=combos,
        joins_by_day=joins_by_day,
        flagged_by_day=flagged_by_day,
        countries_out=countries_out,
        examples=examples,
        day_examples=day_examples,
        suspects=suspects,
    )


_SHAPE = str.maketrans(
    {
        **{c: "b" for c in "bcdfghjklmnpqrstvwxzBCDFGHJKLMNPQRSTVWXZ"},
        **{c: "a" for c in "aeiouyAEIOUY"},
        **{c: "0" for c in "0123456789"},
        **{chr(i): "!" for i in range(128) if not chr(i).isalnum() and chr(i) not in "._-"},
    }
)
"""An ASCII handle's shape: consonants b, other letters a, digits 0, separators kept, the rest "!".

:func:`_handle` gives the same answer for a handle and its shape, the platform's default handle aside (its
regexes and counts see only these classes), and handles share shapes far more often than names: it runs
once per shape. A default handle (``id`` + digits on VK) is told by its shape (letters, then digits only)
and then its first letters."""


_SHAPE_BYTES = bytes(ord(chr(i).translate(_SHAPE)) for i in range(128)) + bytes(range(128, 256))
""":data:`_SHAPE` as a table for ``bytes.translate``, for ASCII handles encoded (the same shapes, as bytes)."""


class _Slow(Exception):
    """This follower needs the plain judge (an unusual value): the fast pass asks ``judge.judge``."""


# packed bits: observed << shift | fired, one signal's two bits at a time (disjoint: | is +)
_O_AVATAR, _O_POSTS, _O_MASS, _O_RATIO = (bit << _SHIFT for bit in (_B_AVATAR, _B_POSTS, _B_MASS, _B_RATIO))
_O_BIO, _O_PRIVATE, _O_NAME = (bit << _SHIFT for bit in (_B_BIO, _B_PRIVATE, _B_NAME))
_O_INACTIVE, _O_NEW = _B_INACTIVE << _SHIFT, _B_NEW << _SHIFT
_AVATAR_BITS = {None: 0, True: _O_AVATAR, False: _O_AVATAR | _B_AVATAR}
_BIO_BITS = {None: 0, 0: _O_BIO | _B_BIO}


@dataclass(frozen=True)
class _Tables:
    """What a fast pass looks up instead of computing per follower: per count, its terms and bits, built once."""

    posts_part: dict[Any, tuple[float, int]]
    following_part: dict[int, tuple[float, int, bool]]
    alone_part: dict[int, tuple[float, int]]
    followed_by_part: dict[int, tuple[float, float]]
    unknown: tuple[bool, ...]

    @classmethod
    def of(cls, judge: Judge, followers: int) -> _Tables:
        parts = judge.parts
        size = min(_TABLE_SIZE, max(64, followers))  # counts from `size` on, or negative: the plain judge
        posts_part: dict[Any, tuple[float, int]] = {None: (0.0, 0)}
        posts_part.update(
            (n, (parts.posts_term(n), _O_POSTS | (_B_POSTS if n <= judge.few_posts else 0))) for n in range(size)
        )
        mass = [_O_MASS | (_B_MASS if n >= judge.mass_following else 0) for n in range(size)]
        return cls(
            posts_part,
            {n: (parts.following_term(n), mass[n], n >= judge.ratio_min_following) for n in range(size)},
            {n: (parts.alone_term(n), mass[n]) for n in range(size)},
            {n: (parts.followed_by_term(n), judge.follow_ratio * max(n, 1)) for n in range(size)},
            tuple(mask.bit_count() < judge.min_signals for mask in range(1 << _SHIFT)),
        )


def _shape_entry(shape: bytes, c_digits: float, prefix_length: int) -> tuple[int, float, bool]:
    """A handle shape's (name bits, digits term, may it be the platform's default handle): :func:`_handle` once."""
    text = shape.decode()
    packed = _handle(text, "")
    if packed is None:
        return (0, 0.0, False)
    name_bits = _O_NAME | (_B_NAME if packed & 1 else 0)
    digits_z = c_digits * (packed >> 1) / len(text) if packed > 1 else 0.0
    return (name_bits, digits_z, bool(prefix_length) and text[prefix_length:].isdigit())


def scan(
    followers: Sequence[Mapping[str, Any]],
    judge: Judge,
    days: DayKeys,
    target_countries: frozenset[str] | None,
    max_examples: int,
) -> Tally:
    """One pass: verdict mask combinations, joins per day, countries and bounded example ids.

    The same tally as :func:`scan_reference`, faster: in C where the optional accelerator is built
    (``_bot_scan.c``, :func:`_scan_native`), else :func:`scan_python`.
    """
    if _native is not None and os.environ.get("SMM_AUDIT_PURE_PYTHON") != "1":
        tally = _scan_native(followers, judge, days, target_countries, max_examples)
        if tally is not None:
            return tally
    return scan_python(followers, judge, days, target_countries, max_examples)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def _scan_native(
    followers: Sequence[Mapping[str, Any]],
    judge: Judge,
    days: DayKeys,
    target_countries: frozenset[str] | None,
    max_examples: int,
) -> Tally | None:
    """:func:`scan` with the per-follower pass in C (``_bot_scan.judge``); None when it cannot take these followers.

    C gives each follower's key as :func:`scan_python` computes it, or -1 where that pass would ask the plain
    judge, and its day when joined_at ends in the snapshot's offset; Python asks the plain judge and converts
    the other days, then counts as :func:`scan_python` does, in the followers' order.
    """
    if not isinstance(followers, list):
        return None
    if judge.never_active_before.tzinfo is None or judge.never_active_before.utcoffset() is None:
        return None
    parts, tables = judge.parts, _Tables.of(judge, len(followers))
    prefix_length = len(judge.default_prefix)
    shapes: dict[bytes, tuple[int, float, bool]] = {}

    def new_shape(shape: bytes) -> tuple[int, float, bool]:
        known = shapes[shape] = _shape_entry(shape, parts.c_digits, prefix_length)
        return known

    packed = (
        _AVATAR_BITS, _BIO_BITS, _O_BIO, tables.posts_part, tables.following_part, tables.alone_part,
        tables.followed_by_part, shapes, new_shape, judge.default_prefix,
        _O_RATIO, _B_RATIO, _O_PRIVATE, _B_PRIVATE, _O_INACTIVE, _B_INACTIVE, _O_NEW, _B_NEW,
        (judge.never_active_before - _EPOCH) // _MICROSECOND, judge.new_account // _MICROSECOND,
        tuple(parts.offset), tuple(parts.binary), tables.unknown, judge.cut, _SHIFT, _MASK,
        UNKNOWN, GENUINE, SUSPICIOUS, DEAD, DEAD_STATUSES, days.suffixes, target_countries, 0, _SHAPE_BYTES,
    )  # fmt: skip
    judged = _native.judge(followers, packed)
    if judged is None:
        return None
    keys, day_of, slow, later, out, with_status, with_country = judged
    shift, plain = _SHIFT, judge.judge
    for i in slow:
        verdict, observed, fired, _ = plain(followers[i])
        keys[i] = (verdict << (2 * shift)) | (observed << shift) | fired
    suffixes, convert = days.suffixes, days.convert
    for i in later:
        joined_day = followers[i].get("joined_at")
        day_of[i] = joined_day[:10] if joined_day.endswith(suffixes) else convert(joined_day)
    joins_by_day = Counter(day_of)
    del joins_by_day[None]
    combos = Counter(keys)
    # the flagged (suspicious or dead), then each kind, in the followers' order, found at C speed
    verdict_shift = 2 * shift
    flagged = list(_where(keys, (SUSPICIOUS << verdict_shift).__le__))
    flagged_days = list(map(day_of.__getitem__, flagged))
    flagged_by_day = Counter(flagged_days)
    del flagged_by_day[None]
    day_examples: dict[str, list[str]] = {}
    if max_examples:
        for i, day in zip(flagged, flagged_days, strict=True):
            if day is not None:
                day_ids = day_examples.get(day)
                if day_ids is None:
                    day_ids = day_examples[day] = []
                if len(day_ids) < max_examples:
                    day_ids.append(followers[i]["id"])
    else:
        day_examples = {day: [] for day in flagged_by_day}  # as scan_python: a list per flagged day, kept empty
    dead_key = DEAD << verdict_shift  # a dead follower's key: no bits
    dead_ids = [followers[i]["id"] for i in itertools.islice(_where(keys, dead_key.__eq__), max_examples)]
    suspicious = range(SUSPICIOUS << verdict_shift, dead_key).__contains__
    suspects = [followers[i] for i in itertools.islice(_where(keys, suspicious), max_examples)]
    examples: dict[str, list[str]] = {signal.name: [] for signal in SIGNALS}
    open_bits = _MASK if max_examples else 0
    if open_bits:
        for i in _where(keys, suspicious):
            fired = keys[i] & _MASK
            if fired & open_bits:
                open_bits = _add_examples(examples, followers[i]["id"], fired & open_bits, open_bits, max_examples)
                if not open_bits:
                    break
    examples["dead"] = dead_ids
    examples["out_of_region"] = [followers[i]["id"] for i in out[:max_examples]]
    return Tally(
        listed=len(followers),
        dead=combos[dead_key],
        with_status=with_status,
        with_country=with_country,
        out_of_region=len(out),
        combos=combos,
        joins_by_day=joins_by_day,
        flagged_by_day=flagged_by_day,
        countries_out=Counter(map(operator.itemgetter("country"), map(followers.__getitem__, out))),
        examples=examples,
        day_examples=day_examples,
        suspects=suspects,
    )


def _where(keys: list[int], test: Callable[[int], bool]) -> Iterator[int]:
    """The positions of the keys that pass ``test``, in order, at C speed."""
    return itertools.compress(range(len(keys)), map(test, keys))


def scan_python(
    followers: Sequence[Mapping[str, Any]],
    judge: Judge,
    days: DayKeys,
    target_countries: frozenset[str] | None,
    max_examples: int,
) -> Tally:
    """:func:`scan` in Python: each follower judged inline, its counts' terms,
    its handle (by shape) and its bits looked up in tables built once per distinct value; ISO timestamps
    of one layout and offset are compared as text; a follower with a value outside the tables (a float
    count, a non-ASCII handle, a timestamp ``fromisoformat`` refuses) is judged by ``judge.judge``.
    """
    parts = judge.parts
    shift = _SHIFT
    offset, binary, c_digits = parts.offset, parts.binary, parts.c_digits
    new_account = judge.new_account
    never_active_before, default_prefix = judge.never_active_before, judge.default_prefix
    prefix_length = len(default_prefix)
    cut = judge.cut
    o_ratio, o_private, o_inactive, o_new = _O_RATIO, _O_PRIVATE, _O_INACTIVE, _O_NEW
    avatar_bits, bio_bits, o_bio = _AVATAR_BITS, _BIO_BITS, _O_BIO
    tables = _Tables.of(judge, len(followers))
    posts_part, following_part, alone_part = tables.posts_part, tables.following_part, tables.alone_part
    followed_by_part, unknown = tables.followed_by_part, tables.unknown
    shapes: dict[bytes, tuple[int, float, bool]] = {}
    fromisoformat = datetime.fromisoformat
    dead_statuses = DEAD_STATUSES
    plain = judge.judge

    combos: dict[int, int] = {}
    joins_by_day: dict[str, int] = {}
    flagged_by_day: dict[str, int] = {}
    countries_out: Counter[str] = Counter()
    examples: dict[str, list[str]] = {signal.name: [] for signal in SIGNALS}
    dead_ids: list[str] = []
    region_ids: list[str] = []
    day_examples: dict[str, list[str]] = {}
    open_bits = _MASK if max_examples else 0
    suffixes, convert = days.suffixes, days.convert
    with_status = dead = with_country = out_of_region = 0
    suspects: list[Mapping[str, Any]] = []
    open_suspects = max_examples
    mask = _MASK
    combos_get, joins_get, flagged_get = combos.get, joins_by_day.get, flagged_by_day.get
    for follower in followers:
        get = follower.get
        status = get("status")
        if status is not None or "status" in follower:
            with_status += 1
        if status in dead_statuses:
            verdict, key = DEAD, DEAD << (2 * shift)
        else:
            try:
                bits = avatar_bits[get("has_avatar")]
                bio = get("bio_length")
                bits |= bio_bits.get(bio, o_bio)
                posts = get("posts_count")
                z, posts_bits = posts_part[posts]
                bits |= posts_bits
                following = get("following_count")
                if following is not None:
                    followed_by = get("followers_count")
                    if followed_by is not None:
                        if type(following) is not int or type(followed_by) is not int:
                            raise _Slow
                        following_z, mass_bits, floor = following_part[following]
                        followed_by_z, ratio_at = followed_by_part[followed_by]
                        z += following_z
                        z += followed_by_z
                        bits |= mass_bits | o_ratio
                        if floor and following >= ratio_at:
                            bits |= _B_RATIO
                    else:
                        following_z, mass_bits = alone_part[following]
                        z += following_z
                        bits |= mass_bits
                is_private = get("is_private")
                if is_private is False:
                    bits |= o_private
                elif is_private and posts is not None:
                    bits |= o_private | (_B_PRIVATE if posts == 0 else 0)
                username = get("username")
                if username:
                    if not username.isascii():
                        raise _Slow
                    shape = username.encode().translate(_SHAPE_BYTES)  # bytes: 2.4× faster than str.translate
                    known: tuple[int, float, bool] | None = shapes.get(shape)
                    if known is None:
                        known = shapes[shape] = _shape_entry(shape, c_digits, prefix_length)
                    name_bits, digits_z, maybe_default = known
                    if not (maybe_default and username[:prefix_length].lower() == default_prefix):
                        bits |= name_bits
                        z += digits_z
                last_active, created, joined_text = get("last_active_at"), get("created_at"), get("joined_at")
                if joined_text and (last_active or created):
                    joined = fromisoformat(joined_text)
                    if last_active and joined <= never_active_before:
                        bits |= o_inactive
                        if (
                            last_active <= joined_text  # same layout and offset: the text sorts as the time
                            if len(last_active) == len(joined_text)
                            and last_active[19:] == joined_text[19:]
                            and last_active[10] == joined_text[10]
                            else fromisoformat(last_active) <= joined
                        ):
                            bits |= _B_INACTIVE
                    if created:
                        age_at_join = joined - fromisoformat(created)
                        if age_at_join.days >= 0:
                            bits |= o_new | (_B_NEW if age_at_join <= new_account else 0)
                observed = bits >> shift
                z += offset[observed] + binary[bits & mask]
                verdict = UNKNOWN if unknown[observed] else SUSPICIOUS if z >= cut else GENUINE
                key = (verdict << (2 * shift)) | bits
            except (_Slow, KeyError, TypeError, ValueError, AttributeError):
                verdict, observed, fired, _ = plain(follower)
                key = (verdict << (2 * shift)) | (observed << shift) | fired
        combos[key] = combos_get(key, 0) + 1
        joined_day = get("joined_at")
        if joined_day:
            day = joined_day[:10] if joined_day.endswith(suffixes) else convert(joined_day)
            joins_by_day[day] = joins_get(day, 0) + 1
            if verdict >= SUSPICIOUS:
                flagged_by_day[day] = flagged_get(day, 0) + 1
                day_ids = day_examples.setdefault(day, [])
                if len(day_ids) < max_examples:
                    day_ids.append(follower["id"])
        if verdict == DEAD:
            dead += 1
            if len(dead_ids) < max_examples:
                dead_ids.append(follower["id"])
        elif verdict == SUSPICIOUS:
            fired = key & mask
            if fired & open_bits:
                open_bits = _add_examples(examples, follower["id"], fired & open_bits, open_bits, max_examples)
            if open_suspects:
                suspects.append(follower)
                open_suspects -= 1
        if target_countries is not None:
            country = get("country")
            if country:
                with_country += 1
                if country not in target_countries:
                    out_of_region += 1
                    countries_out[country] += 1
                    if len(region_ids) < max_examples:
                        region_ids.append(follower["id"])
    examples["dead"], examples["out_of_region"] = dead_ids, region_ids
    return Tally(
        listed=len(followers),
        dead=dead,
        with_status=with_status,
        with_country=with_country,
        out_of_region=out_of_region,
        combos=Counter(combos),
        joins_by_day=Counter(joins_by_day),
        flagged_by_day=Counter(flagged_by_day),
        countries_out=countries_out,
        examples=examples,
        day_examples=day_examples,
        suspects=suspects,
    )


def _add_examples(examples: dict[str, list[str]], follower_id: str, bits: int, open_bits: int, limit: int) -> int:
    """Add a suspicious follower's id under each signal still short of examples; return the still-open bits."""
    for signal in SIGNALS:
        bit = _BIT[signal.name]
        if bits & bit:
            ids = examples[signal.name]
            ids.append(follower_id)
            if len(ids) >= limit:
                open_bits &= ~bit
    return open_bits


# ----------------------------------------------------------------------------- the account's audience


@dataclass(frozen=True)
class Extrapolation:
    """How the listed followers relate to the audience: the sampling and the audience size."""

    sampling: str
    audience: int | None

    @classmethod
    def of(cls, account: Account) -> Extrapolation:
        """The account's ``followers_sampling``, defaulted as the schema says."""
        audience = account.get("followers_count")
        sampling = account.get("followers_sampling")
        if sampling is None:
            sampling = "full" if audience is not None and audience == len(account.followers) else "partial"
        return cls(sampling, audience)

    def describe(self, part: int, whole: int, noun: str) -> tuple[str, dict[str, Any]]:
        """A phrase and evidence for ``part`` of ``whole`` listed followers, extrapolated when sampled."""
        share = part / whole
        evidence: dict[str, Any] = {"count": part, "of": whole, "share": round(share, 4), "sampling": self.sampling}
        text = f"{part:,} of {whole:,} {noun} ({_pct(share)})"
        if self.sampling == "random_sample":
            low, high = wilson_interval(part, whole)
            evidence["ci95"] = [round(low, 4), round(high, 4)]
            text = f"{_pct(share)} of a random sample of {whole:,} {noun} (95% CI {_pct(low)}-{_pct(high)})"
            if self.audience is not None:
                estimate = (round(share * self.audience), round(low * self.audience), round(high * self.audience))
                evidence["estimated"] = estimate[0]
                evidence["estimated_range"] = [estimate[1], estimate[2]]
                text += f": about {estimate[0]:,} of {self.audience:,} followers ({estimate[1]:,}-{estimate[2]:,})"
        return text, evidence

    def describe_share(self, share: Share, flagged: int, judged: int, weights: Weights) -> tuple[str, dict[str, Any]]:
        """A phrase and evidence for the estimated suspicious share, extrapolated when sampled."""
        interval = f"{share.low * 100:.1f}–{_pct(share.high)}"
        evidence: dict[str, Any] = {
            "count": flagged,
            "of": judged,
            "share_raw": round(share.raw, 4),
            "share": round(share.estimate, 4),
            "ci95": [round(share.low, 4), round(share.high, 4)],
            "corrected": share.corrected,
            "sampling": self.sampling,
        }
        sample = "a random sample of " if self.sampling == "random_sample" else ""
        text = (
            f"about {_pct(share.estimate)} suspicious ({interval}) among {sample}{judged:,} judged followers: "
            f"{flagged:,} flagged ({_pct(share.raw)})"
        )
        if share.corrected:
            evidence["rates"] = {"true_positive": round(weights.tpr, 4), "false_positive": round(weights.fpr, 4)}
            text += (
                f", corrected for the model's error rates (it flags {_pct(weights.tpr)} of fakes "
                f"and {_pct(weights.fpr)} of genuine followers)"
            )
        else:
            text += (
                ", not corrected: suspicion_threshold is not the threshold the weights' error rates were measured at"
            )
        if self.sampling == "random_sample" and self.audience is not None:
            estimate = [round(v * self.audience) for v in (share.estimate, share.low, share.high)]
            evidence["estimated"] = estimate[0]
            evidence["estimated_range"] = estimate[1:]
            text += f"; about {estimate[0]:,} of {self.audience:,} followers ({estimate[1]:,}-{estimate[2]:,})"
        return text, evidence

    def note(self) -> str:
        """What to add at the end of a message about a partial list, else nothing."""
        if self.sampling != "partial":
            return ""
        of_all = f" of {self.audience:,}" if self.audience is not None else ""
        return f" (a partial list{of_all}: the share is of the listed followers only)"


def _signal_stats(tally: Tally) -> tuple[dict[str, float | None], dict[str, int]]:
    """The share of each signal among the live followers where it was observed; its count among suspicious ones."""
    observed = dict.fromkeys(_BIT, 0)
    fired = dict.fromkeys(_BIT, 0)
    among_suspicious = dict.fromkeys(_BIT, 0)
    for verdict, observed_mask, fired_mask, n in tally.combinations():
        for name, bit in _BIT.items():
            if observed_mask & bit:
                observed[name] += n
                if fired_mask & bit:
                    fired[name] += n
                    if verdict == SUSPICIOUS:
                        among_suspicious[name] += n
    shares = {name: (round(fired[name] / observed[name], 4) if observed[name] else None) for name in _BIT}
    return shares, among_suspicious


def audience_share(flagged: int, judged: int, weights: Weights, options: Mapping[str, Any]) -> Share | None:
    """The suspicious share of ``judged`` followers corrected for the model's error rates, with its 95% interval.

    Uncorrected (the raw share and its Wilson interval) when ``suspicion_threshold`` is not the
    threshold at which the weights' rates were measured; None when no follower was judged.
    """
    if not judged:
        return None
    if abs(options["suspicion_threshold"] - weights.threshold) > 1e-9:
        low, high = wilson_interval(flagged, judged)
        return Share(flagged / judged, low, high, flagged / judged, corrected=False)
    return corrected(flagged, judged, weights.tp, weights.fn, weights.fp, weights.tn, options["rate_evidence"])


SPIKE_WINDOW_DAYS = 28
"""The usual number of joins is the median of this many days on either side of the day (ours)."""


def _spikes(tally: Tally, options: Mapping[str, Any]) -> list[tuple[str, int, float]]:
    """Days with a join spike: (day, joins, usual joins per day), biggest first."""
    joins = {date.fromisoformat(day).toordinal(): count for day, count in tally.joins_by_day.items()}
    if not joins:
        return []
    first, last = min(joins), max(joins)
    spikes = []
    for day, count in joins.items():
        if count < options["spike_min_joins"]:
            continue
        low, high = max(first, day - SPIKE_WINDOW_DAYS), min(last, day + SPIKE_WINDOW_DAYS)
        around = [joins[d] for d in range(low, high + 1) if d != day and d in joins]
        usual = max(1.0, median_with_zeros(around, high - low))
        if count >= options["spike_factor"] * usual:
            spikes.append((date.fromordinal(day).isoformat(), count, usual))
    spikes.sort(key=lambda spike: (-spike[1], spike[0]))
    return spikes


def _engagement(snapshot: Snapshot, account: Account, options: Mapping[str, Any]) -> dict[str, Any] | None:
    """Median likes + comments + reposts of the recent posts, or None when there are too few to say."""
    window = options["engagement_window_days"]
    per_post: list[tuple[int, str]] = []
    for post in account.posts:
        counters = post.get("metrics")
        published = post.get("published_at")
        if not counters or not published:
            continue
        age = snapshot.days_since(published)
        if not 1 <= age <= window:
            continue
        parts = [counters[key] for key in ("likes", "comments", "reposts") if key in counters]
        if parts:
            per_post.append((sum(parts), post["id"]))
    if len(per_post) < options["engagement_min_posts"]:
        return None
    values = sorted(value for value, _ in per_post)
    middle = len(values) // 2
    median = values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2
    lowest = [post_id for _, post_id in sorted(per_post)[: options["max_examples"]]]
    return {"posts": len(per_post), "median": median, "lowest_posts": lowest}


def _target_countries(snapshot: Snapshot) -> tuple[frozenset[str] | None, list[str]]:
    """The countries of ``client.target_regions`` (``RU-MOW`` → ``RU``), or None when it is not set."""
    regions = snapshot.client.get("target_regions")
    if not regions:
        return None, []
    return frozenset(region[:2] for region in regions), list(regions)


# ----------------------------------------------------------------------------- findings per account


def _audit_account(
    snapshot: Snapshot, account: Account, options: Mapping[str, Any], weights: Weights
) -> tuple[float, list[Finding], dict[str, Any], bool]:
    """Score, findings and metrics of one account; the flag says whether anything could be assessed."""
    reach = Extrapolation.of(account)
    targets, regions = _target_countries(snapshot)
    metrics: dict[str, Any] = {"account": account.id, "sampling": reach.sampling, "followers_count": reach.audience}
    findings: list[Finding] = []
    score = 1.0
    assessed = False
    if account.has("followers"):
        judge = Judge(account.platform, snapshot.taken_at, options, weights)
        tally = scan(account.followers, judge, DayKeys(snapshot.taken_at), targets, options["max_examples"])
        follower_score, follower_findings, follower_metrics, assessed = _audit_followers(
            account, tally, reach, regions, options, judge
        )
        score *= follower_score
        findings.extend(follower_findings)
        metrics.update(follower_metrics)
    engagement = _engagement(snapshot, account, options)
    if engagement is not None and reach.audience:
        assessed = True
        rate = engagement["median"] / reach.audience
        metrics["engagement_median"] = engagement["median"]
        metrics["engagement_rate"] = round(rate, 6)
        if reach.audience >= options["engagement_min_followers"] and rate < options["engagement_floor"]:
            findings.append(_engagement_finding(account, engagement, reach.audience, rate, options))
            score *= 0.8
    return score, findings, metrics, assessed


def _audit_followers(
    account: Account, tally: Tally, reach: Extrapolation, regions: list[str], options: Mapping[str, Any], judge: Judge
) -> tuple[float, list[Finding], dict[str, Any], bool]:
    """The follower findings: suspicious share, dead weight, join spikes, outside the target regions."""
    suspicious, genuine = tally.verdicts(SUSPICIOUS), tally.verdicts(GENUINE)
    judged = suspicious + genuine
    signal_shares, reasons = _signal_stats(tally)
    spikes = _spikes(tally, options)
    share = audience_share(suspicious, judged, judge.weights, options)
    metrics: dict[str, Any] = {
        "followers_listed": tally.listed,
        "followers_analysed": judged,
        "followers_unknown": tally.verdicts(UNKNOWN),
        "suspicious": suspicious,
        "suspicious_share": round(share.estimate, 4) if share else None,
        "suspicious_share_raw": _share(suspicious, judged),
        "suspicious_ci95": [round(share.low, 4), round(share.high, 4)] if share else None,
        "dead": tally.dead,
        "dead_weight_share": _share(tally.dead, tally.with_status),
        "mass_follower_share": signal_shares["mass_follower"],
        "signal_shares": signal_shares,
        "spike_days": len(spikes),
        "spikes": [{"date": day, "joins": joins} for day, joins, _ in spikes[:5]],
        "out_of_region_share": _share(tally.out_of_region, tally.with_country) if regions else None,
    }
    findings: list[Finding] = []
    score = 1.0
    if share:
        text, evidence = reach.describe_share(share, suspicious, judged, judge.weights)
        metrics["suspicious_estimated"] = evidence.get("estimated")
        score *= 1 - min(1.0, share.estimate / (2 * options["fail_share"]))
        if share.estimate >= options["warn_share"]:
            findings.append(_suspicious_finding(account, reach, text, evidence, reasons, tally, share, options, judge))
    if tally.with_status and tally.dead:
        dead_share = tally.dead / tally.with_status
        score *= 1 - min(1.0, dead_share / (2 * options["dead_fail_share"]))
        if dead_share >= options["dead_warn_share"]:
            findings.append(_dead_finding(account, tally, reach, dead_share, options))
    for day, joins, usual in spikes[: options["max_spike_findings"]]:
        findings.append(_spike_finding(account, tally, reach, day, joins, usual))
    if spikes:
        score *= 0.9
    if regions and tally.with_country:
        region_share = tally.out_of_region / tally.with_country
        if region_share >= options["region_warn_share"]:
            findings.append(_region_finding(account, tally, reach, regions, region_share))
            score *= 0.9
    assessed = bool(not tally.listed or judged or tally.with_status or tally.joins_by_day or tally.with_country)
    return score, findings, metrics, assessed


def _top_reasons(reasons: Mapping[str, int], limit: int = 3) -> str:
    labels = {signal.name: signal.label for signal in SIGNALS}
    top = sorted((n, -i, name) for i, (name, n) in enumerate(reasons.items()) if n)[::-1][:limit]
    return ", ".join(labels[name] for _, _, name in top)


def _suspicious_finding(
    account: Account,
    reach: Extrapolation,
    text: str,
    evidence: dict[str, Any],
    reasons: Mapping[str, int],
    tally: Tally,
    share: Share,
    options: Mapping[str, Any],
    judge: Judge,
) -> Finding:
    failed = share.estimate >= options["fail_share"]
    limit = options["fail_share"] if failed else options["warn_share"]
    message = f"{account.label}: {text}; limit {_pct(limit)}; mostly: {_top_reasons(reasons)}{reach.note()}"
    evidence = {
        **evidence,
        "reasons": {name: n for name, n in reasons.items() if n},
        "examples": {name: ids for name, ids in tally.examples.items() if ids and name in _BIT},
        "followers": [
            {"id": follower["id"], "log_odds": [list(pair) for pair in judge.explain(follower)]}
            for follower in tally.suspects
        ],
    }
    return Finding(
        message,
        account.child("followers"),
        ("account", account.id, "suspicious-share"),
        "high" if failed else "medium",
        evidence=evidence,
    )


def _dead_finding(
    account: Account, tally: Tally, reach: Extrapolation, share: float, options: Mapping[str, Any]
) -> Finding:
    text, evidence = reach.describe(tally.dead, tally.with_status, "followers with a known status")
    failed = share >= options["dead_fail_share"]
    message = f"{account.label}: {text} are deactivated, banned or deleted — dead weight{reach.note()}"
    evidence["examples"] = tally.examples["dead"]
    return Finding(
        message,
        account.child("followers"),
        ("account", account.id, "dead-weight"),
        "high" if failed else "medium",
        evidence=evidence,
    )


def _spike_finding(
    account: Account, tally: Tally, reach: Extrapolation, when: str, joins: int, usual: float
) -> Finding:
    flagged = tally.flagged_by_day.get(when, 0)
    scale = ""
    if reach.sampling == "random_sample" and reach.audience and tally.listed:
        scale = f" (about {round(joins * reach.audience / tally.listed):,} of all followers)"
    message = (
        f"{account.label}: {joins:,} listed followers joined on {when}{scale}, {joins / usual:.0f}× the usual "
        f"{usual:g} a day; {flagged:,} of them ({_pct(flagged / joins)}) look fake or are dead"
    )
    evidence = {
        "date": when,
        "joins": joins,
        "usual_per_day": usual,
        "flagged": flagged,
        "examples": tally.day_examples.get(when, []),
    }
    return Finding(
        message, account.child("followers"), ("account", account.id, "join-spike", when), "medium", evidence=evidence
    )


def _engagement_finding(
    account: Account, engagement: dict[str, Any], audience: int, rate: float, options: Mapping[str, Any]
) -> Finding:
    message = (
        f"{account.label}: posts of the last {options['engagement_window_days']} days get a median of "
        f"{engagement['median']:g} likes + comments + reposts, {rate * 100:.2g}% of its {audience:,} followers "
        f"(floor {options['engagement_floor'] * 100:g}%): an audience this big should engage more"
    )
    evidence = {
        "posts": engagement["posts"],
        "median_engagement": engagement["median"],
        "followers_count": audience,
        "rate": round(rate, 6),
        "lowest_posts": engagement["lowest_posts"],
    }
    return Finding(
        message, account.child("posts"), ("account", account.id, "engagement-gap"), "medium", evidence=evidence
    )


def _region_finding(account: Account, tally: Tally, reach: Extrapolation, regions: list[str], share: float) -> Finding:
    text, evidence = reach.describe(tally.out_of_region, tally.with_country, "followers with a stated country")
    countries = sorted(tally.countries_out.items(), key=lambda item: (-item[1], item[0]))
    top = ", ".join(f"{code} {n}" for code, n in countries[:5])
    message = f"{account.label}: {text} are outside the target regions {', '.join(regions)} (top: {top}){reach.note()}"
    evidence["countries"] = dict(countries[:10])
    evidence["examples"] = tally.examples["out_of_region"]
    return Finding(
        message, account.child("followers"), ("account", account.id, "out-of-region"), "medium", evidence=evidence
    )


# ----------------------------------------------------------------------------- the check


def audit(snapshot: Snapshot, options: Mapping[str, Any]) -> Result:
    """Judge every account's followers and audience; not_applicable when no account lists followers."""
    if options["warn_share"] > options["fail_share"] or options["dead_warn_share"] > options["dead_fail_share"]:
        raise ValueError("a warn share is above its fail share")
    candidates = [a for a in snapshot.accounts if a.has("followers") or (a.get("followers_count") and a.posts)]
    weights = load_weights(options["weights"])
    findings: list[Finding] = []
    scores: list[float] = []
    per_account: list[dict[str, Any]] = []
    for account in candidates:
        score, account_findings, metrics, assessed = _audit_account(snapshot, account, options, weights)
        if not assessed:
            continue
        scores.append(score)
        findings.extend(account_findings)
        per_account.append(metrics)
    if not per_account:
        return Result.not_applicable(
            [
                "accounts[].followers[].has_avatar",
                "accounts[].followers[].posts_count",
                "accounts[].followers[].status",
            ],
            "followers are listed, but without any of the fields the signals need",
        )
    return Result(score=sum(scores) / len(scores), findings=findings, metrics=_overall(per_account, weights, options))


def _overall(per_account: list[dict[str, Any]], weights: Weights, options: Mapping[str, Any]) -> dict[str, Any]:
    """Totals over the accounts (shares pooled over their listed followers) and the per-account details."""

    def total(key: str) -> int:
        return sum(m.get(key) or 0 for m in per_account)

    analysed, suspicious = total("followers_analysed"), total("suspicious")
    with_followers = [m for m in per_account if "followers_listed" in m]
    dead_shares = [m["dead_weight_share"] for m in with_followers if m["dead_weight_share"] is not None]
    share = audience_share(suspicious, analysed, weights, options)
    return {
        "accounts_checked": len(per_account),
        "followers_listed": total("followers_listed"),
        "followers_analysed": analysed,
        "suspicious_share": round(share.estimate, 4) if share else None,
        "suspicious_share_raw": _share(suspicious, analysed),
        "suspicious_ci95": [round(share.low, 4), round(share.high, 4)] if share else None,
        "dead_weight_share": max(dead_shares) if dead_shares else None,
        "mass_follower_share": _max_share(with_followers, "mass_follower_share"),
        "spike_days": total("spike_days"),
        "accounts": per_account,
    }


def _max_share(per_account: list[dict[str, Any]], key: str) -> float | None:
    shares = [m[key] for m in per_account if m.get(key) is not None]
    return max(shares) if shares else None


def _validate_weights(path: str) -> None:
    """Load the weights now, so that a bad file is a usage error before any check runs."""
    try:
        load_weights(path)
    except WeightsError as exc:
        raise ValueError(str(exc)) from None


def _share_option(name: str, default: float, text: str) -> Option:
    return Option(name, float, default, text, minimum=0, maximum=1)


CHECK = Check(
    id="bot-followers",
    title="The audience is real",
    category="audience",
    severity="high",
    weight=3,
    run=audit,
    summary="Share of fake, bought and dead followers, join spikes, engagement gap and followers outside the region.",
    why="Bots and paid followers are not customers, hide real reach and can get the community blocked "
    "(000 L194-196, 001 L355).",
    fix="Stop buying followers; remove dead and suspicious ones, spike days first; grow where the customers are.",
    options=(
        _share_option("warn_share", 0.10, "Warn when this share of judged followers looks fake (ours)."),
        _share_option("fail_share", 0.25, "Fail when this share of judged followers looks fake (ours)."),
        _share_option(
            "suspicion_threshold", 0.5, "A follower is suspicious from this share of observed signal weight (ours)."
        ),
        Option(
            "min_signals", int, 3, "Fewer observed signals than this: no verdict on the follower (ours).", minimum=1
        ),
        Option("few_posts", int, 2, "'No or almost no posts': posts_count at most this (ours).", minimum=0),
        Option(
            "mass_following", int, 1500, "A 'mass follower' follows at least this many accounts (vendors).", minimum=1
        ),
        Option("follow_ratio", float, 10.0, "Follows at least this many times its followers (ours).", minimum=1),
        Option("ratio_min_following", int, 100, "The ratio signal needs at least this many follows (ours).", minimum=0),
        Option("new_account_days", int, 7, "Created at most this many days before joining (ours).", minimum=0),
        Option(
            "never_active_min_days", int, 7, "Judge 'never active' only for joins at least this old (ours).", minimum=0
        ),
        _share_option("dead_warn_share", 0.10, "Warn at this share of deactivated/banned/deleted followers (ours)."),
        _share_option("dead_fail_share", 0.25, "Fail at this share of deactivated/banned/deleted followers (ours)."),
        Option("spike_factor", float, 5.0, "A join spike is this many times the usual daily joins (ours).", minimum=1),
        Option("spike_min_joins", int, 10, "A join spike needs at least this many listed joins (ours).", minimum=1),
        Option("max_spike_findings", int, 5, "Report at most this many spike days, biggest first (ours).", minimum=0),
        _share_option(
            "engagement_floor", 0.002, "Median engagement per post under this share of followers is a gap (ours)."
        ),
        Option(
            "engagement_min_followers", int, 1000, "Look for an engagement gap from this audience (ours).", minimum=0
        ),
        Option("engagement_window_days", int, 90, "Posts of this many last days count (ours).", minimum=1),
        Option("engagement_min_posts", int, 3, "Fewer recent posts with counters: no gap judged (ours).", minimum=1),
        _share_option("region_warn_share", 0.20, "Warn at this share of followers outside target_regions (ours)."),
        Option("max_examples", int, 5, "Example follower ids per signal in the evidence.", minimum=0),
        Option(
            "rate_evidence",
            int,
            RATE_EVIDENCE,
            "In the share's interval, each of the model's error rates counts as at most this many labelled "
            "followers, for the drift of those rates from one audience to another (ours; 0: their own counts).",
            minimum=0,
        ),
        Option(
            "weights",
            str,
            "",
            "A weights file from 'smm-audit calibrate bot-followers' (relative to the config file); "
            "empty: the built-in weights, fitted on InstaFake.",
            path=True,
            validate=_validate_weights,
        ),
    ),
    sources=(
        "000 L194-196, 001 L190-191: bots and paid offers are grey methods; the network may block the community.",
        "001 L355: fake accounts inactive after joining; a big audience whose posts get 5-10 likes.",
        "000 L128: a company in a city of 20,000 people with 50,000 members.",
        "001 L589: 1,000 bots cost 100-1,000 rubles.",
        "001 L227: follower criteria in the contract, to exclude bot inflation.",
    ),
    requires=("accounts[].followers",),
    docs=__doc__ or "",
)


# ----------------------------------------------------------------------------- calibration

_LABELS = {"true": True, "1": True, "yes": True, "fake": True, "false": False, "0": False, "no": False}
_LABELS.update(genuine=False, real=False)


def labelled_followers(rows: Sequence[Mapping[str, Any]]) -> list[tuple[bool, dict[str, Any]]]:
    """(is fake, follower) for each row: a ``fake`` label and follower fields valid as in a snapshot."""
    import jsonschema

    from smm_audit.validate import load_schema

    schema = load_schema("snapshot")
    validator = jsonschema.Draft202012Validator({"$ref": "#/$defs/follower", "$defs": schema["$defs"]})
    out = []
    for number, row in enumerate(rows, 1):
        label = row.get("fake")
        fake = _LABELS.get(str(label).lower()) if not isinstance(label, bool) else label
        if fake is None:
            raise ValueError(f"row {number}: 'fake' must be true or false (1/0), got {label!r}")
        follower = {k: v for k, v in row.items() if k not in ("fake", "platform")}
        follower.setdefault("id", str(number))
        if isinstance(follower["id"], int):
            follower["id"] = str(follower["id"])
        error = jsonschema.exceptions.best_match(validator.iter_errors(follower))
        if error is not None:
            where = "/".join(str(part) for part in error.absolute_path) or "the row"
            raise ValueError(f"row {number}: {where}: {error.message}")
        out.append((fake, follower))
    return out


def calibration_rows(pairs: Sequence[tuple[bool, Mapping[str, Any]]], platform: str = "other") -> list[Labelled]:
    """The features of labelled followers, computed by the check's own judge."""
    judge = Judge(platform, parse_time("2026-11-01T12:00:00+03:00"), CHECK.defaults(), neutral_weights())
    return [Labelled(judge.values(follower), fake) for fake, follower in pairs]


def _fit(rows: Sequence[Mapping[str, Any]], source: str) -> Calibration:
    """``smm-audit calibrate bot-followers``: fit, cross-validate, and say what the share correction will use."""
    pairs = labelled_followers(rows)
    platforms = {str(row.get("platform", "other")) for row in rows}
    platform = platforms.pop() if len(platforms) == 1 else "other"
    labelled = calibration_rows(pairs, platform)
    provenance = {"dataset": source, "date": date.today().isoformat(), "fitted_by": "smm-audit calibrate"}
    document = fit_weights(labelled, provenance)
    cv, rates = document["cross_validated"], document["rates"]
    summary = [
        f"{len(pairs):,} labelled followers ({document['provenance']['fakes']:,} fake), {cv['folds']}-fold "
        "cross-validated:",
        f"  precision {cv['precision']:.3f}  recall {cv['recall']:.3f}  balanced accuracy "
        f"{cv['balanced_accuracy']:.3f}  F1 {cv['f1']:.3f}",
        f"  rates the share correction uses: true positives {cv['recall']:.3f} ({rates['tp']} of "
        f"{rates['tp'] + rates['fn']} fakes), false positives {cv['false_positive_rate']:.3f} ({rates['fp']} of "
        f"{rates['fp'] + rates['tn']} genuine)",
        '  use the file with [tool.smm-audit.checks.bot-followers] weights = "FILE" (relative to that config)',
    ]
    return Calibration(document, summary)


CALIBRATOR = Calibrator("bot-followers", _fit, "Fit the per-follower weights on labelled followers.")


@hookimpl
def register_checks(register: Callable[[Check], None]) -> None:
    register(CHECK)


@hookimpl
def register_calibrators(register: Callable[[Calibrator], None]) -> None:
    register(CALIBRATOR)
