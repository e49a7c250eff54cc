"""## What it checks

Every comment of every account that was **deleted by the account** (its
admins, `deleted_by: "account"`, or a team member, `deleted_by: "tm-…"`)
although it was **negative**. A comment is negative when its own `sentiment`
field says so (the exporter's label is taken as certain); when that field is
absent, the sentiment classifier judges its `text` (in its `lang`, detected
when absent) through `smm_audit.api.classify_sentiment`, so a plugin
implementing the `classify_sentiment` hook replaces the built-in classifier.
The classifier's probability that the text is negative, P(negative), decides:

- from `confident` (0.7) on, the comment is a complaint;
- from `possible` (0.5) up to `confident`, it is **possibly a complaint**:
  a lighter finding, with the probability in its message and evidence;
- below `possible`, it is not a complaint.

A classifier that gives no probability is taken at its label: negative is
certain, anything else is not a complaint.

Not counted as a problem:

- deletions by the comment's own author (`deleted_by: "author"`, or
  `deleted_by` equal to the comment's `author_id`);
- legitimate moderation: `deletion_reason` spam, obscene, abuse or
  personal_data (000 L60). A reason of `other`, or none, is judged by the text;
- the account's own comments (`from_account: true`): removing its own reply is
  not silencing a customer.

Each deleted negative comment is a finding that names the post, when the
comment was written and deleted, who deleted it (a team member by name when
`team` knows the id) and a short excerpt of the text (at most `excerpt_chars`
characters, cut at a word, with phone numbers and e-mail addresses masked).
Its severity is **high**, or **critical** when the account never answered
the complaint: no `from_account` comment replies to it (`reply_to`), and no
`from_account` comment on the same post was written after it and before its
deletion. When a time is missing the check gives the account the benefit of
the doubt (an own comment on the post with no time counts as a reply). A
deletion whose `deleted_by` is missing is **medium**: the author may have
removed it. A comment that is only possibly a complaint is **medium** when
never answered and **low** otherwise (answered, or deleter unknown), so that
alone it warns rather than fails; its evidence has `complaint: "possible"`
(`"confident"` otherwise) and, as every finding the classifier judged with a
probability, its `negative_probability`.

Metrics: `comments`, `deleted` (with `deleted_by_author`,
`deleted_legitimate`, `deleted_own` and `deleted_unjudged`, deleted with no
text and no sentiment), `negative`, `deleted_negative`,
`deleted_negative_unanswered`, `deleted_possibly_negative` and
`negative_deleted_share` (deleted negative / negative; both count complaints,
not possible ones), plus `classified` (how many comments the classifier
judged) and `negative_basis`, and the same figures per account. Who judged
the deleted comments at issue (not excluded above): `deleted_judged_by_exporter`
and `deleted_judged_by_classifier`, the latter split by confidence into
`deleted_classifier_confident`, `deleted_classifier_possible` and
`deleted_classifier_unlikely` (below `possible`), with
`deleted_classifier_label_only` of them judged by a label without a
probability.

**What "negative" counts.** The classifier costs about 65-85 µs a comment
(measured on a mix of Russian, English and Spanish, half with `lang`), so
judging every one of 100,000 comments takes about 4-5 s, against 0.15-0.3 s
for the rest of the check. When the snapshot holds at most
`classify_all_max` comments (default 10,000: about half a second) every user
comment without a `sentiment` is classified, in the same single pass, and
`negative_basis` is `"all"`. Above that only the comments that need it are
classified (deleted ones not excluded above: 284 of 100,000 in the benchmark)
and `negative` counts the comments whose `sentiment` the exporter gave plus
the classified deleted ones: `negative_basis` is `"labelled+deleted"`, and
`negative_deleted_share` is then an upper bound (2.3% instead of 0.5% in the
benchmark). Raise `classify_all_max` to pay for the exact figure. Measured
with `python benchmarks/bench_deleted_negative_comments.py` (100,000
comments; `... 10000` for the limit).

**The built-in classifier** (smm_audit/sentiment, a lexicon with negation,
intensifiers, complaint patterns and emoji; in English, VADER's word list
behind it) is precise but misses many complaints on real labelled texts,
most in Russian and Spanish: negative precision / recall / F1 en 0.76 / 0.57 /
0.65, ru 0.75 / 0.17 / 0.28, es 0.79 / 0.11 / 0.19 (docs/sentiment.md, `python
benchmarks/measure_sentiment.py ../shared/dev-data/sentiment
benchmarks/data/sentiment`). A deletion
it does not recognise is not reported: prefer the exporter's `sentiment` or
a `classify_sentiment` plugin when you have one.

The check is not applicable when no account has `comments`, or when the
accounts have comments but none of them carries a `deleted` field (nor
`deleted_at` / `deleted_by`): that exporter does not report deletions, and
silence would prove nothing. Once any comment carries one, comments without
them count as not deleted (exporters often write `deleted` only when true);
each account's `deletions_reported` says whether its own comments carry one.
A comment with `deleted_at` or `deleted_by` but no `deleted` counts as
deleted; `deleted: false` wins over both. An empty `comments` list is known
to be empty and passes.

## Why it matters

- "Ignoring users' negativity is a colossal danger for your company. An even
  bigger error is deleting such comments and remarks." (000 L335)
- "49 people will not notice, but the 50th, seeing that their complaint was
  not only not answered but also deleted, will raise such an uproar…"
  (000 L337): one deletion is already too many, so the check fails on the
  first, and a complaint deleted without an answer is the worst case
  (critical).
- Spam and obscenity are another matter: "add words to the spam filter,
  block obscene language, watch comments daily" (000 L60).
- "Always react to replies and comments, positive or negative: each is a
  chance to talk to its author" (002 L38); find the real complaint, fix it
  and show publicly that it is fixed (000 L239-241).

Ours, where the articles give no number: the score is `0.5 ** n`, where each
high finding adds 1 to `n`, each critical one 2, each medium one 0.5 and each
low one 0.25 (one deletion halves the score); the excerpt length (80) and
`classify_all_max` (10,000); medium for an unknown deleter; the thresholds
`confident` (0.7: on real three-class sets, 0.77 of the texts from 0.7 on are
negative, no fewer than from 0.8 on, and twice as many negatives reach it;
`python benchmarks/sentiment_thresholds.py DIR…`) and `possible` (0.5: more
likely a complaint than not).

## Example

```json
{"id": "vk", "platform": "vk", "comments": [
  {"id": "90990", "post_id": "p1257", "author_id": "86703137",
   "created_at": "2026-10-11T21:04:10+03:00",
   "text": "Заказ не пришёл уже две недели, верните деньги",
   "deleted": true, "deleted_at": "2026-10-11T21:42:10+03:00",
   "deleted_by": "tm-irina"}]}
```

The classifier calls the text negative, nobody from the account answered
before Ирина Ковалёва deleted it 38 minutes later: a **critical** finding at
`/accounts/0/comments/0`, score 0.25, and the check fails. With
`"deletion_reason": "spam"` or `"deleted_by": "author"` it would pass.

## How to fix

Restore the comment if the platform allows it, or answer the author
publicly: apologise, say what you will do, and show later that it was fixed
(000 L239-241). Keep deleting spam, obscenity, abuse and personal data — and
record the `deletion_reason` so that the audit can tell them apart. Agree
with the team that complaints are answered, never removed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from smm_audit.api import (
    Account,
    Check,
    Finding,
    Option,
    Result,
    Severity,
    Snapshot,
    comment_sentiment,
    complaint,
    hookimpl,
    parse_time,
)
from smm_audit.api import excerpt as quote

LEGITIMATE_REASONS = frozenset({"spam", "obscene", "abuse", "personal_data"})
"""`deletion_reason`s that are moderation, not censorship (000 L60)."""

SCORE_WEIGHT = {"low": 0.25, "medium": 0.5, "high": 1.0, "critical": 2.0}
"""How much each finding counts in the score's exponent: score = 0.5 ** sum (ours)."""

DELETION_FIELDS = frozenset({"deleted", "deleted_at", "deleted_by"})
"""A comment with any of these shows that the exporter reports deletions."""

Bands = tuple[float, float]
"""The `confident` and `possible` thresholds on P(negative), as :func:`smm_audit.api.complaint` reads them."""


@dataclass
class Tally:
    """The counts of one account (or of the whole snapshot)."""

    comments: int = 0
    deleted: int = 0
    deleted_by_author: int = 0
    deleted_legitimate: int = 0
    deleted_own: int = 0
    deleted_unjudged: int = 0
    negative: int = 0
    deleted_negative: int = 0
    deleted_negative_unanswered: int = 0
    deleted_possibly_negative: int = 0
    deleted_judged_by_exporter: int = 0
    deleted_judged_by_classifier: int = 0
    deleted_classifier_confident: int = 0
    deleted_classifier_possible: int = 0
    deleted_classifier_unlikely: int = 0
    deleted_classifier_label_only: int = 0
    classified: int = 0

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_metrics(self) -> dict[str, Any]:
        metrics: dict[str, Any] = dict(self.__dict__)
        metrics["negative_deleted_share"] = round(self.deleted_negative / self.negative, 4) if self.negative else None
        return metrics


@dataclass(frozen=True)
class Verdict:
    """How negative a comment is judged: by whom, the classifier's score and P(negative), and the band.

    ``band`` is "confident" (a complaint), "possible" (possibly one) or None (not a complaint).
    """

    source: str | None  # "exporter", "classifier", or None: not judged
    band: str | None = None
    score: float | None = None
    probability: float | None = None  # None: the classifier gave none (its label was taken as certain)


@dataclass
class Candidate:
    """A deleted comment that is (possibly) a complaint: its position, its data and its verdict."""

    index: int
    comment: Mapping[str, Any]
    verdict: Verdict


@dataclass
class AccountScan:
    """What one pass over an account's comments gathers."""

    tally: Tally = field(default_factory=Tally)
    candidates: list[Candidate] = field(default_factory=list)
    reports_deletions: bool = False


_NO_DELETIONS = Result.not_applicable(
    ["accounts[].comments[].deleted"],
    "no comment carries a `deleted` field: the exporter does not report deleted comments, "
    "so deletions cannot be judged (export them with deleted, deleted_by and deletion_reason)",
)


def audit(snapshot: Snapshot, options: Mapping[str, Any]) -> Result:
    accounts = [a for a in snapshot.accounts if a.has("comments")]
    comments = sum(len(a.comments) for a in accounts)
    if comments and all(DELETION_FIELDS.isdisjoint(a.comment_fields) for a in accounts):
        return _NO_DELETIONS  # told by the shared index, before the pass over the comments it would make useless
    classify_all = comments <= options["classify_all_max"]
    bands: Bands = (options["confident"], options["possible"])
    scans = [(account, _scan(account, classify_all, bands)) for account in accounts]
    total = Tally()
    for _, scan in scans:
        total.add(scan.tally)
    findings: list[Finding] = []
    per_account: list[dict[str, Any]] = []
    for account, scan in scans:
        account_findings = [_finding(snapshot, account, scan, c, options) for c in scan.candidates]
        unanswered = sum(1 for f in account_findings if f.severity == "critical")
        scan.tally.deleted_negative_unanswered = unanswered
        total.deleted_negative_unanswered += unanswered
        findings.extend(account_findings)
        per_account.append(
            {"account": account.id, "deletions_reported": scan.reports_deletions, **scan.tally.as_metrics()}
        )
    metrics = {
        **total.as_metrics(),
        "negative_basis": "all" if classify_all else "labelled+deleted",
        "accounts": per_account,
    }
    return Result(score=_score(findings), findings=findings, metrics=metrics)


def _score(findings: list[Finding]) -> float:
    """1 with no finding; each deletion halves it (an unanswered one counts twice, an unattributed one half)."""
    return 0.5 ** sum(SCORE_WEIGHT.get(f.severity or "high", 1.0) for f in findings)


def _scan(account: Account, classify_all: bool, bands: Bands) -> AccountScan:
    """One pass over the account's comments: counts, the deleted negative ones, and the account's own replies."""
    scan = AccountScan()
    tally = scan.tally
    reports_deletions = False
    for index, comment in enumerate(account.comments):
        get = comment.get
        flag = get("deleted")  # is_deleted(comment), inline
        deleted = flag is True if flag is not None else "deleted_at" in comment or "deleted_by" in comment
        if not reports_deletions and (flag is not None or not DELETION_FIELDS.isdisjoint(comment)):
            reports_deletions = True
        if deleted:
            tally.deleted += 1
        if get("from_account") is True:
            tally.deleted_own += deleted
            continue
        if not deleted and get("sentiment") is None and not classify_all:
            continue  # neither at issue nor judged: no verdict to count (NOT_JUDGED)
        excluded = _exclusion(comment) if deleted else None
        if excluded == "author":
            tally.deleted_by_author += 1
        elif excluded == "legitimate":
            tally.deleted_legitimate += 1
        at_issue = deleted and excluded is None
        verdict = _verdict(comment, at_issue or classify_all, bands)
        tally.classified += verdict.source == "classifier"
        tally.negative += verdict.band == "confident"
        if at_issue:
            _count(tally, verdict)
            if verdict.band is not None:
                scan.candidates.append(Candidate(index, comment, verdict))
    tally.comments = len(account.comments)
    scan.reports_deletions = reports_deletions
    return scan


def _count(tally: Tally, verdict: Verdict) -> None:
    """Count a deleted comment at issue: who judged it, in which band, and what it became."""
    if verdict.source is None:
        tally.deleted_unjudged += 1
    elif verdict.source == "exporter":
        tally.deleted_judged_by_exporter += 1
    else:
        tally.deleted_judged_by_classifier += 1
        tally.deleted_classifier_label_only += verdict.probability is None
        if verdict.band == "confident":
            tally.deleted_classifier_confident += 1
        elif verdict.band == "possible":
            tally.deleted_classifier_possible += 1
        else:
            tally.deleted_classifier_unlikely += 1
    tally.deleted_negative += verdict.band == "confident"
    tally.deleted_possibly_negative += verdict.band == "possible"


def _exclusion(comment: Mapping[str, Any]) -> str | None:
    """Why a deletion is not the account's problem: "author", "legitimate" (000 L60), or None."""
    deleted_by = comment.get("deleted_by")
    if deleted_by == "author" or (deleted_by is not None and deleted_by == comment.get("author_id")):
        return "author"
    if comment.get("deletion_reason") in LEGITIMATE_REASONS:
        return "legitimate"
    return None


NOT_JUDGED = Verdict(None)
EXPORTER_NEGATIVE = Verdict("exporter", "confident")
EXPORTER_OTHER = Verdict("exporter")


def _verdict(comment: Mapping[str, Any], judge: bool, bands: Bands) -> Verdict:
    """The exporter's label (taken as certain), else the classifier's P(negative) when asked, in its band."""
    judged = comment_sentiment(comment, classify=judge)
    if judged is None:
        return NOT_JUDGED
    source, answer = judged
    if source == "exporter":
        return EXPORTER_NEGATIVE if answer.label == "negative" else EXPORTER_OTHER
    probability = answer.negative_probability
    band = complaint(judged, *bands)
    return Verdict("classifier", band, round(answer.score, 4), None if probability is None else round(probability, 4))


def _finding(
    snapshot: Snapshot, account: Account, scan: AccountScan, candidate: Candidate, options: Mapping[str, Any]
) -> Finding:
    comment, verdict = candidate.comment, candidate.verdict
    post_id = comment["post_id"]
    deleted_by = comment.get("deleted_by")
    who = _deleter(snapshot, deleted_by)
    answered = _answered(account, comment)
    excerpt = quote(comment.get("text") or "", options["excerpt_chars"])
    possible = verdict.band == "possible"
    severity: Severity
    if deleted_by is None:
        severity, tail = "low" if possible else "medium", " (deleter unknown: perhaps its author)"
    elif answered:
        severity, tail = "low" if possible else "high", ""
    else:
        severity, tail = "medium" if possible else "critical", " without any reply from the account"
    what = (
        f"a comment that is possibly a complaint (P(negative) {verdict.probability:.2f})"
        if possible
        else "a negative comment"
    )
    when = _when(comment)
    message = f"{account.label}: {what} on post {post_id} was deleted by {who}{when}{tail}" + (
        f": «{excerpt}»" if excerpt else ""
    )
    evidence: dict[str, Any] = {
        "comment_id": comment["id"],
        "post_id": post_id,
        "created_at": comment.get("created_at"),
        "deleted_at": comment.get("deleted_at"),
        "deleted_by": deleted_by,
        "deleted_by_name": _member_name(snapshot, deleted_by),
        "deletion_reason": comment.get("deletion_reason"),
        "complaint": verdict.band,
        "sentiment_source": verdict.source,
        "sentiment_score": verdict.score,
        "negative_probability": verdict.probability,
        "answered": answered,
        "excerpt": excerpt,
    }
    if post_id in account.post_index:
        evidence["post"] = account.child("posts", account.post_index[post_id])
    return Finding(
        message,
        account.child("comments", candidate.index),
        ("comment", account.id, comment["id"], "deleted-negative"),
        severity,
        evidence={k: v for k, v in evidence.items() if v is not None},
    )


def _when(comment: Mapping[str, Any]) -> str:
    """ " (written 2026-10-11 21:04, deleted 38 min later)" from the times that are known."""
    created, deleted = (parse_time(t) if t else None for t in (comment.get("created_at"), comment.get("deleted_at")))
    parts = []
    if created:
        parts.append(f"written {created:%Y-%m-%d %H:%M}")
    if created and deleted:
        parts.append(f"deleted {_delay(deleted - created)} later")
    elif deleted:
        parts.append(f"deleted {deleted:%Y-%m-%d %H:%M}")
    return f" ({', '.join(parts)})" if parts else ""


def _delay(delta: timedelta) -> str:
    """A short human delay: "38 min", "5 h", "3 days"."""
    minutes = max(0, round(delta.total_seconds() / 60))
    if minutes < 90:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{round(minutes / 60)} h"
    return f"{round(minutes / 1440)} days"


def _deleter(snapshot: Snapshot, deleted_by: str | None) -> str:
    """How the message names who deleted: the account's admins, a team member by name, or an id."""
    if deleted_by is None:
        return "someone unknown"
    if deleted_by == "account":
        return "the account's admins"
    name = _member_name(snapshot, deleted_by)
    return f"{name} ({deleted_by})" if name else f"team member {deleted_by}"


def _member_name(snapshot: Snapshot, member_id: str | None) -> str | None:
    position = snapshot.member_index.get(member_id) if member_id is not None else None
    return snapshot.team[position].get("name") if position is not None else None


def _answered(account: Account, comment: Mapping[str, Any]) -> bool:
    """Whether the account answered: a reply to it whenever it came, or an own comment on the post before deletion.

    An own answer with no time gets the benefit of the doubt.
    """
    first = account.answers.first(comment)
    if first.untimed or first.reply is not None:
        return True
    deleted_at = comment.get("deleted_at")
    return first.on_post is not None and (not deleted_at or first.on_post < parse_time(deleted_at))


CHECK = Check(
    id="deleted-negative-comments",
    title="Negative comments are answered, not deleted",
    category="moderation",
    severity="high",
    weight=3,
    run=audit,
    summary="Negative comments the account deleted (not spam, obscenity, abuse or personal data), "
    "and deleted complaints it never answered.",
    why="Deleting negativity is an even bigger error than ignoring it; the 50th customer whose complaint "
    "vanished raises an uproar (000 L335-337).",
    fix="Restore or answer the complaint publicly and fix its cause; delete only spam, obscenity, abuse and "
    "personal data, with a recorded reason.",
    options=(
        Option(
            "excerpt_chars",
            int,
            80,
            "Longest excerpt of a deleted comment's text shown in a finding (ours).",
            minimum=20,
            maximum=200,
        ),
        Option(
            "confident",
            float,
            0.7,
            "The classifier's P(negative) from which a deleted comment is a complaint, high or critical (ours); "
            "a classifier that gives no probability is taken at its label.",
            minimum=0.5,
            maximum=1.0,
        ),
        Option(
            "possible",
            float,
            0.5,
            "The classifier's P(negative) from which, below `confident`, a deleted comment is possibly a complaint, "
            "low or medium (ours); at or above `confident` there is no such band.",
            minimum=0.01,
            maximum=1.0,
        ),
        Option(
            "classify_all_max",
            int,
            10_000,
            "Classify every comment without `sentiment` (for the `negative` metric) when the snapshot has at most "
            "this many comments; above it only deleted ones are classified (ours; 0: never).",
            minimum=0,
        ),
    ),
    sources=(
        "000 L335: ignoring negativity is a colossal danger; deleting such comments is an even bigger error.",
        "000 L337: the 50th, seeing their complaint not answered but deleted, raises an uproar.",
        "000 L60: spam filters and blocking obscene language are legitimate moderation.",
        "002 L38: always react to comments, positive or negative.",
        "000 L239-241: find the real complaint, fix it fast, show publicly it is fixed.",
    ),
    requires=("accounts[].comments",),
    reads=("accounts[].comments[].deleted", "accounts[].comments[].deleted_at", "accounts[].comments[].deleted_by"),
    docs=__doc__ or "",
)


@hookimpl
def register_checks(register: Callable[[Check], None]) -> None:
    register(CHECK)
