"""## What it checks

How long users wait for the account's **first answer**, per account:

- **Which comments.** Every visible user comment (not `from_account`, not
  deleted: `deleted`, or `deleted_at` / `deleted_by` without it) that has a
  `created_at` and is older than `fail_hours` (24 h) at the snapshot's
  `taken_at`. Younger ones are too fresh to judge and are only counted
  (`recent`): they are never called unanswered. A comment without
  `created_at` cannot be timed and is only counted (`no_created_at`).
  Deleted comments are left to deleted-negative-comments.
- **What is an answer.** The earliest comment of the account
  (`from_account: true`) written at or after the user's comment that either
  replies to it (`reply_to` = its id) or is a top-level comment (no
  `reply_to`) on the same post. An own comment that replies to *another*
  comment does not answer this one. Own comments dated **before** the
  comment are clock skew and ignored (a later one still counts). An own
  comment with no `created_at` that replies to it, or stands at the top level
  of its post, makes the comment answered at an unknown time
  (`answered_time_unknown`: answered, but in no percentile), the benefit of
  the doubt that deleted-negative-comments gives too: both read the engine's
  one index of answers (`account.answers`). Times are compared as instants,
  whatever their UTC offsets.
- **Priority comments** are questions and negative comments. A **question**
  has a question mark ending a word (not the `?` of a link's query string)
  or a Spanish `¿`, or a sentence that opens with an interrogative — ru:
  кто, что, где, куда, откуда, когда, почему, зачем, отчего, как, сколько,
  чей, подскажите, скажите, можно, or the particle «ли» anywhere; en: who,
  what, when, where, why, how, which, whose, whom, do, does, did, is, are,
  was, were, can, could, will, would, should, anyone, anybody; es: qué,
  cuándo, dónde, adónde, cómo, cuánto/-a/-os/-as, quién(es), cuál(es),
  por qué — optionally after «а», «и», "and", "so", "y", "pero"…; sentences
  ending in "!" or opening with "¡", and exclamations such as "What a…",
  «Как вкусно», are not questions. A comment is **negative** (a
  complaint) when its `sentiment` says so; when `sentiment` is absent,
  `smm_audit.api.classify_sentiment(text, lang)` judges it (a plugin's
  classifier first, else the built-in one), and its P(negative) decides,
  as in deleted-negative-comments (one rule, `smm_audit.api.complaint`):
  from `confident` (0.7) on it is negative; from `possible` (0.5) up to
  `confident` it is **possibly a complaint**: a priority comment too, with a
  lighter finding when unanswered; below, it is neither. A classifier that
  gives no probability is taken at its label.
- **Figures**, for priority comments (`priority_*`), all user comments
  (`all_*`), and both again for comments written on a **weekend**
  (`weekend_*`: Saturday or Sunday in the comment's own UTC offset, so
  23:30 on Saturday at +03:00 is a weekend even though it is still Saturday
  in UTC, and 01:00 on Monday at +03:00 is not) and on weekdays
  (`weekday_*`): `judged` (older than `fail_hours`), `unanswered`,
  `unanswered_share` (among those judged), the **median** and **90th
  percentile** wait in hours, and for priority and all comments the shares
  answered within `warn_hours` and within `fail_hours`.
  Percentiles use the **nearest-rank** method: the value at rank
  ⌈p/100 · n⌉ of the n sorted waits (the median of 4 waits is the 2nd).
  An unanswered comment ranks above every answer; when the rank falls on
  one, `*_median_hours` / `*_p90_hours` is null and `*_median_unanswered` /
  `*_p90_unanswered` is true. Since every judged comment is older than
  `fail_hours`, "unanswered" always means "more than `fail_hours`", and the
  comparisons with the thresholds are exact.

**Findings**, per account:

- `slow-answers`: the median wait of the priority comments is over
  `fail_hours`, or unanswered (**high**), or over `warn_hours` (**medium**);
- `negative-unanswered`, one per comment (**high**): a negative comment
  still without an answer after `fail_hours`; at most
  `max_comment_findings` per account, most recent first, and then one
  `negative-unanswered-more` finding for the rest; the evidence gives the
  classifier's `negative_probability` when it judged the comment;
- `possibly-negative-unanswered` (**medium**): the comments that are
  possibly complaints still without an answer after `fail_hours`: how
  many, with up to 5 examples and their P(negative);
- `questions-unanswered` (**medium**): the questions (neither negative nor
  possibly so) still without an answer after `fail_hours`: how many, with
  up to 5 examples;
- `weekend-gap` (**medium**): weekend priority comments wait in a worse
  band (within `warn_hours`, within `fail_hours`, beyond) than weekday ones;
- `slow-answers-all`, the lighter signal (**medium** over `fail_hours`,
  **low** over `warn_hours`): the median wait of all user comments, when it
  is in a worse band than the priority median or the priority comments are
  too few.

Median findings need at least `min_comments` waits in the scope (the
weekend gap: on each side; without enough priority comments it compares all
comments, as a `low` finding). The check **fails** on a high finding and
**warns** on any other. The **score** is the mean over accounts of each
account's credit: 1 for a priority comment answered within `warn_hours`,
0.5 within `fail_hours`, 0 later or never (all comments when an account has
no priority ones); null when nothing could be judged.

**What counts as negative.** The classifier costs about 90 µs a comment, so
only the comments whose negativity changes something are classified, and at
most `classify_max` (10,000, about 1 s) in one audit: first the unanswered
judged comments without `sentiment` (most recent first), then the answered
ones that are not questions (their negativity decides whether they are
priority). Answered questions and comments too recent to judge are never
classified; identical texts are classified once. When the second group does
not fit in the budget whole, it is not classified at all and priority means
questions and the exporter's negative labels for every comment
(`priority_basis: "labelled"` instead of `"classified"`), so that membership
never depends on whether a comment was answered; unanswered negative
comments are still found. `classified` and `classify_skipped` say how many.

**Speed.** 100,000 comments (55,546 judged) take 1.1 s with the default
options and 2.1-2.3 s classifying every comment that needs it (15,064
distinct texts), measured with `python benchmarks/bench_response_time.py`.
The benchmark's texts repeat, so by default the classifier ran only 1,259
times; with all-distinct texts the budget adds at most `classify_max` calls,
about 0.9 s. The account's answers are indexed once (reply times by
comment, top-level times by post, each list sorted once) and each
comment's first answer is found by bisection.

The check is **not applicable** when no account has `comments`, when the
accounts have comments but none carries `from_account` (own replies cannot
be told from users' comments), or when none has a `created_at`. An empty
`comments` list is known to be empty and passes.

## Why it matters

- "The main thing is to really answer, to build real relationships, and to
  do it fast … ideally within a few minutes. But the norm is an answer
  within one hour. If your response time reaches 24 hours, think hard about
  your customer service." (000 L277): `warn_hours = 1` and
  `fail_hours = 24` are the article's own numbers.
- Answer as fast as possible, politely and kindly (001 L82); always react
  to comments, positive or negative (002 L38). Questions wait for an answer
  by nature, and a complaint left unanswered is the start of a storm: hence
  priority comments, and a failure for each negative comment still
  unanswered after a day.
- A campaign launched on a Saturday: the marketers did not notice the
  firestorm and did not answer fast enough (003 L53-55). Weekends get their
  own figures.

Ours, where the articles give no number: judging the median of the priority
comments (all comments as a lighter signal), `min_comments = 5`,
`max_comment_findings = 50`, `classify_max = 10,000`, the excerpt length
(80), the severities of the question and weekend findings, the score's
credits, the word lists of the question detector, and the thresholds
`confident = 0.7` and `possible = 0.5` on P(negative) (deleted-negative-comments'
defaults: from 0.7 on, 0.77 of the texts of real three-class sets are
negative; docs/sentiment.md).

## Example

```json
{"id": "vk", "platform": "vk", "posts": [{"id": "p1"}], "comments": [
  {"id": "c1", "post_id": "p1", "from_account": false,
   "created_at": "2026-10-30T10:00:00+03:00",
   "text": "Заказ не пришёл уже две недели, верните деньги"},
  {"id": "c2", "post_id": "p1", "from_account": false,
   "created_at": "2026-10-25T10:00:00+03:00", "text": "Сколько стоит доставка в Тверь?"},
  {"id": "r2", "post_id": "p1", "from_account": true, "reply_to": "c2",
   "created_at": "2026-10-25T10:40:00+03:00", "text": "350 ₽, привезём за день"}]}
```

With `taken_at` 2026-11-01 12:00+03:00 the question `c2` was answered in 40
minutes, but the complaint `c1` (negative by the classifier) has waited 50
hours: a **high** `negative-unanswered` finding at `/accounts/0/comments/0`,
and the check fails. The two priority comments have a median wait of 40 min
(nearest rank 1 of 2); the score is 0.5 (one answer within the hour, one
never).

## How to fix

Answer questions and complaints within the hour, weekends and holidays
included: a duty rota, notifications on the community's comments, and
ready answers to the frequent questions. Answer in the thread
(`reply_to`), so that the author and the audit see it. Go back to the
complaints still open: apologise, say what will be done, and show publicly
when it is fixed (000 L239-241). If the team cannot keep up, hire
(000 L277).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from smm_audit.api import (
    Account,
    Check,
    Finding,
    FirstAnswer,
    Option,
    Requirement,
    Result,
    Severity,
    Snapshot,
    comment_sentiment,
    complaint,
    hookimpl,
    parse_time,
)
from smm_audit.api import excerpt as quote

NEVER = math.inf
"""The wait of a comment nobody answered: it ranks above every real delay."""


SCOPES = ("priority", "all", "weekend_priority", "weekend_all", "weekday_priority", "weekday_all")
"""The comment groups measured: questions and negative ones, all, and both split by weekend and weekday."""

FULL_SCOPES = frozenset({"priority", "all"})
"""Scopes whose metrics carry every figure; the weekend/weekday split carries the main ones."""

BAND_NAMES = ("within the norm", "over the norm", "over a day")

fromisoformat = datetime.fromisoformat

# --- question detection (ru, en, es): compiled once -------------------------------------------------------------

_QUESTION_MARK = re.compile(r"[?？](?![\w=&/%#])|¿")
"""A question mark that ends a word (not the `?` of a URL's query string), or a Spanish opening one."""

_SENTENCE = re.compile(r"[^.!?…\n]+[.!?…]*")

_QUESTION_START = re.compile(
    r"""^\W*
    (?:(?:а|и|но|так|ну|and|but|so|ok|okay|hi|hello|y|pero|hola)\W+)?
    (?:
        кто|что|где|куда|откуда|когда|почему|зачем|отчего|как|сколько|чей|чья|чьё|чьи|подскажите|скажите|можно|
        who|what|when|where|why|how|which|whose|whom|do|does|did|is|are|was|were|can|could|will|would|should|
        anyone|anybody|
        qué|cuándo|dónde|adónde|cómo|cuánto|cuánta|cuántos|cuántas|quién|quiénes|cuál|cuáles|por\s+qué
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
"""A sentence that opens with an interrogative (after an optional "а", "and", "y"...)."""

_NOT_QUESTION = re.compile(
    r"^\W*(?:what\s+an?|how\s+(?:nice|lovely|cool|great|sweet|cute|beautiful)"
    r"|как\s+(?:же|всегда|красиво|вкусно|здорово|классно|круто|мило|приятно|уютно))\b",
    re.IGNORECASE,
)
"""Exclamations that open like questions: "What a view", "Как всегда отлично", "Как вкусно"."""

_LI = re.compile(r"\bли\b", re.IGNORECASE)
"""The Russian interrogative particle ("есть ли доставка")."""


def is_question(text: str) -> bool:
    """A question mark ending a word, or a sentence opening with an interrogative word (ru, en, es) or with "ли"."""
    if _QUESTION_MARK.search(text):
        return True
    for match in _SENTENCE.finditer(text):
        sentence = match.group().strip()
        if not sentence or sentence.endswith("!") or sentence.startswith("¡") or _NOT_QUESTION.match(sentence):
            continue
        if _QUESTION_START.match(sentence) or _LI.search(sentence):
            return True
    return False


# --- data gathered in one pass -----------------------------------------------------------------------------------


@dataclass
class Waiting:
    """A visible user comment old enough to judge: how long it waited for the account, and what it is."""

    index: int
    comment: Mapping[str, Any]
    created: datetime
    age_hours: float
    hours: float | None  # hours to the first answer; NEVER: unanswered; None: answered at an unknown time
    question: bool
    weekend: bool
    label: str | None = None  # negative / neutral / positive, when known
    source: str | None = None  # "exporter" or "classifier"
    band: str | None = None  # "confident": a complaint; "possible": possibly one (smm_audit.api.complaint)
    probability: float | None = None  # the classifier's P(negative), when it gave one

    @property
    def answered(self) -> bool:
        return self.hours != NEVER

    @property
    def negative(self) -> bool:
        return self.band == "confident"

    @property
    def possibly_negative(self) -> bool:
        return self.band == "possible"


@dataclass
class AccountScan:
    """What one pass over an account's comments gathers."""

    account: Account
    waiting: list[Waiting] = field(default_factory=list)
    comments: int = 0
    own: int = 0
    user: int = 0
    deleted: int = 0
    no_created_at: int = 0
    recent: int = 0
    timed: list[tuple[int, Mapping[str, Any], str]] = field(default_factory=list)
    """(position, comment, created_at) of the visible, timed user comments, until :func:`_judge` reads them."""


def _scan(snapshot: Snapshot, account: Account, options: Mapping[str, Any]) -> AccountScan:
    """One pass over the comments: count them, keep the timed user comments for :func:`_judge`."""
    scan = AccountScan(account)
    timed = scan.timed
    own = user = deleted = no_created_at = 0
    for index, comment in enumerate(account.comments):
        get = comment.get
        created_at = get("created_at")
        if get("from_account") is True:
            own += 1
            continue
        user += 1
        flag = get("deleted")  # is_deleted(comment), inline
        if flag is True if flag is not None else "deleted_at" in comment or "deleted_by" in comment:
            deleted += 1
        elif not created_at:
            no_created_at += 1
        else:
            timed.append((index, comment, created_at))
    scan.comments = len(account.comments)
    scan.own, scan.user, scan.deleted, scan.no_created_at = own, user, deleted, no_created_at
    return scan


def _judge(snapshot: Snapshot, scan: AccountScan, options: Mapping[str, Any]) -> None:
    """The waits of the timed user comments kept by :func:`_scan` that are old enough to judge: when the
    account answered, question or not, label (only once the check is known to apply)."""
    grace = options["fail_hours"]
    taken_at = snapshot.taken_at
    candidates: list[tuple[int, Mapping[str, Any], datetime, float]] = []
    for index, comment, created_at in scan.timed:
        try:
            created = fromisoformat(created_at)
        except ValueError:
            created = parse_time(created_at)
        age = (taken_at - created).total_seconds() / 3600
        if age <= grace:
            scan.recent += 1
        else:
            candidates.append((index, comment, created, age))
    scan.timed = []
    answers = scan.account.answers
    questions: dict[str, bool] = {}
    for index, comment, created, age in candidates:
        text = comment.get("text") or ""
        question = questions.get(text)
        if question is None:
            question = questions[text] = is_question(text)
        labelled = comment_sentiment(comment, classify=False)
        scan.waiting.append(
            Waiting(
                index=index,
                comment=comment,
                created=created,
                age_hours=age,
                hours=_hours_to_answer(answers.first(comment, created), created),
                question=question,
                weekend=created.weekday() >= 5,
                label=labelled[1].label if labelled else None,
                source=labelled[0] if labelled else None,
                band=complaint(labelled, options["confident"], options["possible"]),  # a label: certain
            )
        )


def _hours_to_answer(first: FirstAnswer, created: datetime) -> float | None:
    """Hours to the account's first answer; NEVER without one; None when it answered at an unknown time."""
    at = first.at
    if at is not None:
        return (at - created).total_seconds() / 3600
    return None if first.untimed else NEVER


# --- sentiment: only the comments that need it -------------------------------------------------------------------


@dataclass
class Classification:
    """Which comments the classifier judged, and whether every priority candidate was judged."""

    classified: int = 0
    skipped: int = 0
    basis: str = "classified"


def _classify(scans: Sequence[AccountScan], budget: int, confident: float, possible: float) -> Classification:
    """Classify unlabelled comments that need it, within ``budget`` calls.

    First the unanswered ones (most recent first: the negative-unanswered rule needs them), then the answered
    comments that are not questions (negativity decides whether they are priority). When the second group does
    not fit whole, it is left out and priority means questions + the exporter's negative labels (basis "labelled").
    """
    unanswered: list[Waiting] = []
    answered: list[Waiting] = []
    for scan in scans:
        for item in scan.waiting:
            if item.label is not None or not (item.comment.get("text") or "").strip():
                continue
            if not item.answered:
                unanswered.append(item)
            elif not item.question:
                answered.append(item)
    unanswered.sort(key=lambda item: (item.age_hours, item.comment["id"]))
    outcome = Classification()
    wanted = unanswered if len(unanswered) + len(answered) > budget else unanswered + answered
    if wanted is unanswered:
        outcome.basis = "labelled"
        outcome.skipped += len(answered)
    seen: set[tuple[str, str | None]] = set()
    for item in wanted[:budget]:
        key = (item.comment["text"], item.comment.get("lang"))
        if key not in seen:
            seen.add(key)
            outcome.classified += 1
        judged = comment_sentiment(item.comment)
        assert judged is not None  # unlabelled, with text: the classifier answers
        item.label, item.source = judged[1].label, judged[0]
        item.band, item.probability = complaint(judged, confident, possible), judged[1].negative_probability
    outcome.skipped += max(0, len(wanted) - budget)
    return outcome


# --- figures -----------------------------------------------------------------------------------------------------


def percentile(sorted_values: Sequence[float], p: float) -> float | None:
    """Nearest-rank percentile: the value at rank ceil(p/100 · n) of the sorted values (1-based); None when empty."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


@dataclass
class Scope:
    """The waits of one group of judged comments."""

    judged: int = 0
    unanswered: int = 0
    untimed: int = 0
    waits: list[float] = field(default_factory=list)  # known waits in hours, NEVER for unanswered

    def add(self, item: Waiting) -> None:
        self.judged += 1
        if item.hours is None:
            self.untimed += 1
            return
        self.unanswered += item.hours == NEVER
        self.waits.append(item.hours)

    def extend(self, other: Scope) -> None:
        self.judged += other.judged
        self.unanswered += other.unanswered
        self.untimed += other.untimed
        self.waits.extend(other.waits)

    def summary(self, options: Mapping[str, Any], full: bool) -> dict[str, Any]:
        """Counts, the unanswered share, nearest-rank median and p90 (null + `_unanswered` when that rank never got
        an answer) and, for full scopes, the shares answered within `warn_hours` and `fail_hours`."""
        waits = sorted(self.waits)
        median, p90 = percentile(waits, 50), percentile(waits, 90)
        figures: dict[str, Any] = {
            "judged": self.judged,
            "unanswered": self.unanswered,
            "unanswered_share": _share(self.unanswered, self.judged),
            "median_hours": _hours(median),
            "median_unanswered": median == NEVER,
            "p90_hours": _hours(p90),
            "p90_unanswered": p90 == NEVER,
        }
        if full:
            figures["answered_time_unknown"] = self.untimed
            figures["within_warn_share"] = _share(sum(w <= options["warn_hours"] for w in waits), len(waits))
            figures["within_fail_share"] = _share(sum(w <= options["fail_hours"] for w in waits), len(waits))
        return figures

    def median(self) -> float | None:
        return percentile(sorted(self.waits), 50)

    def credit(self, options: Mapping[str, Any]) -> float | None:
        """1 for an answer within warn_hours, 0.5 within fail_hours, 0 later or never; the mean (None if empty)."""
        if not self.waits:
            return None
        warn, fail = options["warn_hours"], options["fail_hours"]
        return sum(1.0 if w <= warn else 0.5 if w <= fail else 0.0 for w in self.waits) / len(self.waits)


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _hours(value: float | None) -> float | None:
    return None if value is None or value == NEVER else round(value, 3)


def _band(hours: float | None, options: Mapping[str, Any]) -> int:
    """0 within warn_hours, 1 within fail_hours, 2 beyond (or never answered)."""
    if hours is None or hours <= options["warn_hours"]:
        return 0
    return 1 if hours <= options["fail_hours"] else 2


def duration(hours: float | None) -> str:
    """A short human wait: "12 min", "5.5 h", "3 days", "never answered"."""
    if hours is None:
        return "unknown"
    if hours == NEVER:
        return "never answered"
    if hours < 1:
        return f"{round(hours * 60)} min"
    if hours < 48:
        return f"{hours:.1f} h".replace(".0 h", " h")
    return f"{round(hours / 24)} days"


# --- the check -------------------------------------------------------------------------------------------------


@dataclass
class AccountFigures:
    """One account's scopes, counts and priority basis."""

    scan: AccountScan
    scopes: dict[str, Scope]
    questions: int = 0
    negative: int = 0
    possibly_negative: int = 0
    negative_unanswered: list[Waiting] = field(default_factory=list)
    possibly_negative_unanswered: list[Waiting] = field(default_factory=list)
    questions_unanswered: list[Waiting] = field(default_factory=list)


def _figures(scan: AccountScan, basis: str) -> AccountFigures:
    """Sort the judged comments of an account into scopes (priority = a question, or on the basis a complaint,
    possible ones too) and the unanswered ones into their findings' lists."""
    figures = AccountFigures(scan, {name: Scope() for name in SCOPES})
    for item in scan.waiting:
        complaint_for_scope = item.band is not None and (item.source == "exporter" or basis == "classified")
        priority = item.question or complaint_for_scope
        figures.questions += item.question
        figures.negative += item.negative
        figures.possibly_negative += item.possibly_negative
        day = "weekend" if item.weekend else "weekday"
        for group, member in (("all", True), ("priority", priority)):
            if member:
                figures.scopes[group].add(item)
                figures.scopes[f"{day}_{group}"].add(item)
        if item.answered:
            continue
        if item.negative:
            figures.negative_unanswered.append(item)
        elif item.possibly_negative:
            figures.possibly_negative_unanswered.append(item)
        elif item.question:
            figures.questions_unanswered.append(item)
    order = lambda item: (item.age_hours, item.comment["id"])  # noqa: E731 - most recent first
    figures.negative_unanswered.sort(key=order)
    figures.possibly_negative_unanswered.sort(key=order)
    figures.questions_unanswered.sort(key=order)
    return figures


def audit(snapshot: Snapshot, options: Mapping[str, Any]) -> Result:
    accounts = [a for a in snapshot.accounts if a.has("comments")]
    scans = [_scan(snapshot, account, options) for account in accounts]
    for scan in scans:
        _judge(snapshot, scan, options)
    classification = _classify(scans, options["classify_max"], options["confident"], options["possible"])
    findings: list[Finding] = []
    per_account: list[dict[str, Any]] = []
    credits: list[float] = []
    total = {name: Scope() for name in SCOPES}
    counts: dict[str, int] = {}
    for scan in scans:
        figures = _figures(scan, classification.basis)
        findings.extend(_findings(figures, options))
        for name in SCOPES:
            total[name].extend(figures.scopes[name])
        account_counts = _counts(figures)
        for key, value in account_counts.items():
            counts[key] = counts.get(key, 0) + value
        credit = _account_credit(figures, options)
        if credit is not None:
            credits.append(credit)
        per_account.append({"account": scan.account.id, **account_counts, **_scope_metrics(figures.scopes, options)})
    metrics = {
        "accounts_checked": len(scans),
        **counts,
        "classified": classification.classified,
        "classify_skipped": classification.skipped,
        "priority_basis": classification.basis,
        **_scope_metrics(total, options),
        "accounts": per_account,
    }
    score = round(sum(credits) / len(credits), 4) if credits else None
    return Result(score=score, findings=findings, metrics=metrics)


def _counts(figures: AccountFigures) -> dict[str, int]:
    scan = figures.scan
    return {
        "comments": scan.comments,
        "own_comments": scan.own,
        "user_comments": scan.user,
        "deleted_skipped": scan.deleted,
        "no_created_at": scan.no_created_at,
        "recent": scan.recent,
        "judged": len(scan.waiting),
        "questions": figures.questions,
        "negative": figures.negative,
        "negative_unanswered": len(figures.negative_unanswered),
        "possibly_negative": figures.possibly_negative,
        "possibly_negative_unanswered": len(figures.possibly_negative_unanswered),
        "questions_unanswered": len(figures.questions_unanswered),
    }


def _scope_metrics(scopes: Mapping[str, Scope], options: Mapping[str, Any]) -> dict[str, Any]:
    """`priority_median_hours`, `weekend_all_unanswered_share`...: every scope's summary, flattened."""
    flat: dict[str, Any] = {}
    for name in SCOPES:
        for key, value in scopes[name].summary(options, name in FULL_SCOPES).items():
            flat[f"{name}_{key}"] = value
    return flat


def _account_credit(figures: AccountFigures, options: Mapping[str, Any]) -> float | None:
    """The account's score: the credit of its priority comments, or of all its comments when none is priority."""
    credit = figures.scopes["priority"].credit(options)
    return credit if credit is not None else figures.scopes["all"].credit(options)


def _findings(figures: AccountFigures, options: Mapping[str, Any]) -> list[Finding]:
    findings = _median_findings(figures, options)
    findings.extend(_weekend_finding(figures, options))
    findings.extend(_negative_findings(figures, options))
    findings.extend(_possibly_negative_finding(figures, options))
    findings.extend(_question_finding(figures, options))
    return findings


def _median_findings(figures: AccountFigures, options: Mapping[str, Any]) -> list[Finding]:
    """Slow answers: the priority median (medium over warn_hours, high over fail_hours), then all comments as a
    lighter signal (low, medium) when they fare worse than the priority ones or the priority ones are too few."""
    enough = options["min_comments"]
    account = figures.scan.account
    priority, everyone = figures.scopes["priority"], figures.scopes["all"]
    priority_band = _band(priority.median(), options) if len(priority.waits) >= enough else None
    findings = []
    if priority_band:
        findings.append(
            _median_finding(account, priority, "questions and complaints", "slow-answers", priority_band, options)
        )
    if len(everyone.waits) >= enough:
        band = _band(everyone.median(), options)
        if band > (priority_band or 0):
            findings.append(_median_finding(account, everyone, "user comments", "slow-answers-all", band - 1, options))
    return findings


def _median_finding(
    account: Account, scope: Scope, what: str, name: str, level: int, options: Mapping[str, Any]
) -> Finding:
    """level 2: high, 1: medium, 0: low."""
    waits = sorted(scope.waits)
    median, p90 = percentile(waits, 50), percentile(waits, 90)
    if median == NEVER:
        head = f"more than half of its {len(waits)} {what} were never answered"
    else:
        head = f"{what} wait {duration(median)} for an answer (median of {len(waits)})"
    message = (
        f"{account.label}: {head}; 90th percentile: {duration(p90)}; {scope.unanswered} never answered "
        f"(the norm: {duration(options['warn_hours'])}, {duration(options['fail_hours'])} at most)"
    )
    return Finding(
        message,
        account.pointer,
        ("account", account.id, name),
        ("low", "medium", "high")[level],
        evidence={
            "comments": len(waits),
            "median_hours": _hours(median),
            "median_unanswered": median == NEVER,
            "p90_hours": _hours(p90),
            "p90_unanswered": p90 == NEVER,
            "unanswered": scope.unanswered,
            "unanswered_share": _share(scope.unanswered, scope.judged),
        },
    )


def _weekend_finding(figures: AccountFigures, options: Mapping[str, Any]) -> list[Finding]:
    """Weekends answered in a worse band than weekdays (003 L53-55): medium on priority comments, low on all."""
    enough = options["min_comments"]
    account = figures.scan.account
    groups: tuple[tuple[str, str, Severity], ...] = (
        ("priority", "questions and complaints", "medium"),
        ("all", "comments", "low"),
    )
    for group, what, severity in groups:
        weekend, weekday = figures.scopes[f"weekend_{group}"], figures.scopes[f"weekday_{group}"]
        if len(weekend.waits) < enough or len(weekday.waits) < enough:
            continue
        weekend_median, weekday_median = weekend.median(), weekday.median()
        if _band(weekend_median, options) <= _band(weekday_median, options):
            return []
        message = (
            f"{account.label}: weekend {what} wait longer — median {duration(weekend_median)} on Saturdays and "
            f"Sundays against {duration(weekday_median)} on weekdays; {weekend.unanswered} of {weekend.judged} "
            "weekend ones never answered"
        )
        evidence = {
            "weekend_comments": weekend.judged,
            "weekend_median_hours": _hours(weekend_median),
            "weekend_unanswered_share": _share(weekend.unanswered, weekend.judged),
            "weekday_comments": weekday.judged,
            "weekday_median_hours": _hours(weekday_median),
            "weekday_unanswered_share": _share(weekday.unanswered, weekday.judged),
        }
        return [Finding(message, account.pointer, ("account", account.id, "weekend-gap"), severity, evidence=evidence)]
    return []


def _negative_findings(figures: AccountFigures, options: Mapping[str, Any]) -> list[Finding]:
    """Each negative comment unanswered after fail_hours is high, up to max_comment_findings; one more for the rest."""
    account = figures.scan.account
    limit = options["max_comment_findings"]
    shown, rest = figures.negative_unanswered[:limit], figures.negative_unanswered[limit:]
    findings = [_negative_finding(account, item, options) for item in shown]
    if rest:
        findings.append(
            Finding(
                f"{account.label}: {len(rest)} more negative comments never answered (besides the {len(shown)} listed)",
                account.pointer,
                ("account", account.id, "negative-unanswered-more"),
                "high",
                evidence={"count": len(rest), "examples": [item.comment["id"] for item in rest[:5]]},
            )
        )
    return findings


def _negative_finding(account: Account, item: Waiting, options: Mapping[str, Any]) -> Finding:
    comment = item.comment
    excerpt = quote(comment.get("text") or "", options["excerpt_chars"])
    message = (
        f"{account.label}: a negative comment on post {comment['post_id']} (written {item.created:%Y-%m-%d %H:%M}) "
        f"has had no answer for {duration(item.age_hours)}" + (f": «{excerpt}»" if excerpt else "")
    )
    evidence: dict[str, Any] = {
        "comment_id": comment["id"],
        "post_id": comment["post_id"],
        "created_at": comment.get("created_at"),
        "waiting_hours": round(item.age_hours, 1),
        "sentiment_source": item.source,
        "negative_probability": item.probability,
        "weekend": item.weekend,
        "excerpt": excerpt or None,
    }
    post_index = account.post_index.get(comment["post_id"])
    if post_index is not None:
        evidence["post"] = account.child("posts", post_index)
    return Finding(
        message,
        account.child("comments", item.index),
        ("comment", account.id, comment["id"], "negative-unanswered"),
        "high",
        evidence={k: v for k, v in evidence.items() if v is not None},
    )


def _possibly_negative_finding(figures: AccountFigures, options: Mapping[str, Any]) -> list[Finding]:
    """The comments that are possibly complaints (the classifier unsure) never answered: one medium finding."""
    unanswered = figures.possibly_negative_unanswered
    if not unanswered:
        return []
    message = f"{len(unanswered)} comments that are possibly complaints never answered, e.g. " + "; ".join(
        f"{item.comment['id']} on post {item.comment['post_id']} (P(negative) {item.probability:.2f}, "
        f"{duration(item.age_hours)} without an answer)"
        for item in unanswered[:3]
    )
    count = {"count": len(unanswered), "possibly_negative": figures.possibly_negative}
    return [_unanswered_finding(figures, unanswered, "possibly-negative-unanswered", message, count, options, True)]


def _question_finding(figures: AccountFigures, options: Mapping[str, Any]) -> list[Finding]:
    """The questions (neither negative nor possibly so: those have their own findings) never answered: one
    medium finding."""
    unanswered = figures.questions_unanswered
    if not unanswered:
        return []
    message = f"{len(unanswered)} of {figures.questions} questions never answered, e.g. " + "; ".join(
        f"{item.comment['id']} on post {item.comment['post_id']} ({duration(item.age_hours)} without an answer)"
        for item in unanswered[:3]
    )
    count = {"count": len(unanswered), "questions": figures.questions}
    return [_unanswered_finding(figures, unanswered, "questions-unanswered", message, count, options)]


def _unanswered_finding(
    figures: AccountFigures,
    unanswered: list[Waiting],
    rule: str,
    message: str,
    counts: dict[str, int],
    options: Mapping[str, Any],
    probability: bool = False,
) -> Finding:
    """One medium finding for a group of unanswered comments: the counts, then up to 5 of them as examples
    (with the classifier's P(negative) when ``probability``)."""
    account = figures.scan.account
    examples = []
    for item in unanswered[:5]:
        example: dict[str, Any] = {
            "comment_id": item.comment["id"],
            "post_id": item.comment["post_id"],
            "location": account.child("comments", item.index),
            "waiting_hours": round(item.age_hours, 1),
        }
        if probability:
            example["negative_probability"] = item.probability
        example["excerpt"] = quote(item.comment.get("text") or "", options["excerpt_chars"])
        examples.append(example)
    return Finding(
        f"{account.label}: {message}",
        account.pointer,
        ("account", account.id, rule),
        "medium",
        evidence={**counts, "examples": examples},
    )


CHECK = Check(
    id="response-time",
    title="Comments are answered within the hour",
    category="moderation",
    severity="high",
    weight=2,
    run=audit,
    summary="How long users' questions and complaints wait for the account's first answer, unanswered ones, "
    "and weekends.",
    why="The norm is an answer within an hour; at 24 hours, think hard about your service (000 L277); "
    "a weekend backlash nobody noticed (003 L53-55).",
    fix="Answer questions and complaints within the hour, weekends included: a duty rota and notifications.",
    options=(
        Option(
            "warn_hours",
            float,
            1.0,
            "Warn when the median wait of questions and complaints is over this ('the norm is an answer within "
            "one hour', 000 L277).",
            minimum=0,
        ),
        Option(
            "fail_hours",
            float,
            24.0,
            "Fail when that median is over this, or when a negative comment has gone unanswered this long "
            "('if it reaches 24 hours', 000 L277). Comments younger than this at `taken_at` are not judged yet.",
            minimum=0,
        ),
        Option(
            "min_comments",
            int,
            5,
            "Fewest comments with a known wait for a median finding (ours); the metrics are given anyway.",
            minimum=1,
        ),
        Option(
            "max_comment_findings",
            int,
            50,
            "Most per-comment findings for unanswered negative comments per account; the rest are one finding (ours).",
            minimum=0,
        ),
        Option(
            "classify_max",
            int,
            10_000,
            "Most calls to the sentiment classifier in one audit, about 90 µs each (ours); see 'What counts as "
            "negative'.",
            minimum=0,
        ),
        Option(
            "excerpt_chars",
            int,
            80,
            "Longest excerpt of a comment shown in a finding (ours).",
            minimum=20,
            maximum=200,
        ),
        Option(
            "confident",
            float,
            0.7,
            "The classifier's P(negative) from which a comment is negative: a priority comment, and high when "
            "unanswered (ours, as deleted-negative-comments'); a classifier that gives no probability is taken at "
            "its label.",
            minimum=0.5,
            maximum=1.0,
        ),
        Option(
            "possible",
            float,
            0.5,
            "The classifier's P(negative) from which, below `confident`, a comment is possibly a complaint: a "
            "priority comment, medium when unanswered (ours); at or above `confident` there is no such band.",
            minimum=0.01,
            maximum=1.0,
        ),
    ),
    sources=(
        "000 L277: ideally within minutes; the norm is an answer within an hour; at 24 hours, think hard "
        "about your service.",
        "001 L82: answer as fast as possible, politely and kindly.",
        "002 L38: always react to comments, positive or negative.",
        "003 L53-55: a campaign launched on a Saturday whose backlash nobody noticed in time.",
    ),
    requires=(
        "accounts[].comments",
        Requirement(
            "accounts[].comments[].from_account",
            "the account's own replies cannot be told from its users' comments, so response times cannot be measured",
        ),
        Requirement("accounts[].comments[].created_at", "response times cannot be measured"),
    ),
    docs=__doc__ or "",
)


@hookimpl
def register_checks(register: Callable[[Check], None]) -> None:
    register(CHECK)
