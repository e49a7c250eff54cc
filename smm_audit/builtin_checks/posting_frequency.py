"""## What it checks

The rhythm of each account's posts, counted from the snapshot's `taken_at`
(never the wall clock). Posts without `published_at` are only counted
(`no_published_at`); posts dated after `taken_at` are scheduled
(`scheduled`) and left out.

- **Too many posts in a day.** Over the last `window_days` (30) days, the
  days with more than `max_posts_per_day` (3) posts. A day is the **local
  calendar day in the post's own UTC offset**: a post at 23:30+03:00 and
  one at 00:30+03:00 the next morning fall on two days, even though both
  are the same day in UTC. One such day is a warning; `overposting_fail_days`
  (4) of them in the window — about once a week, a habit rather than an
  exception — fail.
- **An irregular weekly rhythm.** The posts of each of the last
  `rhythm_weeks` (8) weeks, counted in 7-day spans back from `taken_at`,
  and their **coefficient of variation**: the population standard
  deviation divided by the mean (0 for the same count every week; 2.65 for
  all eight weeks' posts in one week). Over `irregular_warn_cv` (0.5) is a
  warning, over `irregular_fail_cv` (1.0) a failure. Weeks before the
  account's first known post are a start (or the export's horizon), not
  silence: only the weeks since then count, and the rhythm is judged from
  `rhythm_min_weeks` (4) weeks and `rhythm_min_posts` (8) posts; with less
  the account gets an `info` finding, "not enough posts to judge rhythm".
- **A sharp drop.** The posts of the last `window_days` against the
  `window_days` before: fewer than `drop_warn_ratio` (50%) of them is a
  warning, fewer than `drop_fail_ratio` (25%) a failure, provided the
  previous window had at least `drop_min_previous` (8) posts.

**Silence belongs to dead-community.** An account with no post in the last
`window_days` gets no finding here but one `info` finding, "not enough
posts to judge rhythm", and is left out of the score — however many posts
it had before (its drop to nothing is dead-community's silence).

`info` findings do not change the status: the check **fails** on a high
finding and **warns** on a medium one. The **score** is the mean over the
accounts that posted in the window of the product of three parts, each 1 up
to its warning threshold, 0.5 at its failure threshold and 0 as far again
beyond (days over the limit from 0; the weekly CV; the drop `1 - ratio`);
null when no account posted in the window.

Metrics per account (`accounts`): `posts_in_window`,
`posts_in_previous_window`, `month_ratio` (the first / the second),
`posts_per_day` (average in the window; 1-2 is the articles' optimum),
`active_days`, `busiest_day_posts`, `days_over_limit`, `weekly_posts`
(oldest week first), `weekly_mean`, `weekly_cv`, `judged` (posted in the
window), `score`, `scheduled`, `no_published_at`; and in total `accounts_judged`,
`accounts_silent`, `posts_in_window`, `days_over_limit`,
`busiest_day_posts`, `max_weekly_cv`, `min_month_ratio`. One pass over the
posts: 102,000 posts take about 0.2 s
(`python benchmarks/bench_response_time.py`).

The check is **not applicable** when no account has `posts`, or when the
accounts have posts but none carries `published_at`.

## Why it matters

- "It is optimal to publish 1-2 posts a day, so as not to overload your
  followers' feed" (001 L76); "the number of posts a day: preferably no
  more than 3, otherwise you quickly become a source of irritation for
  your followers" (001 L314). `max_posts_per_day = 3` is the article's
  number.
- "Keep posting frequency: content must be regular" (000 L93). "If in the
  first month you make 50 posts and in the second you find there is
  nothing to write about, that is a bad scenario" (000 L97): an uneven
  week-to-week rhythm and a month that falls far below the one before are
  the early signs of it, before the silence that dead-community reports.

Ours, where the articles give no number: the 30-day window and the 8 weeks
of rhythm; measuring regularity as the coefficient of variation of weekly
counts, with 0.5 and 1.0 as thresholds (posting at random moments, a
Poisson process, gives about 1/√mean: 0.5 at four posts a week, so a
planned schedule should do better); the 50% and 25% drop thresholds and
the 8 posts a previous month needs; 4 overposting days to fail; the minimum
weeks and posts to judge a rhythm; the score's shape.

## Example

```json
{"id": "vk", "platform": "vk", "posts": [
  {"id": "p1", "published_at": "2026-10-20T09:00:00+03:00"},
  {"id": "p2", "published_at": "2026-10-20T12:00:00+03:00"},
  {"id": "p3", "published_at": "2026-10-20T15:00:00+03:00"},
  {"id": "p4", "published_at": "2026-10-20T18:00:00+03:00"},
  {"id": "p5", "published_at": "2026-10-20T23:30:00+03:00"}]}
```

With `taken_at` 2026-11-01 five posts fall on 20 October (Moscow time): a
**medium** `overposting` finding at `/accounts/0` ("more than 3 posts a day
on 1 of the last 30 days (5 on 2026-10-20)"), and the check warns. Five
posts in two weeks are too few to judge the rhythm (an `info` finding).

## How to fix

Keep a content plan with posts ready in advance (004 L193) and publish at
a pace you can hold: 1-2 posts a day, no more than 3, spread over the week
rather than in bursts. Move the extra posts of a busy day to the quiet
ones, and when ideas run out, plan content categories and sources instead
of stopping (000 L97).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from statistics import fmean, pstdev
from typing import Any

from smm_audit.api import (
    Account,
    Check,
    Finding,
    Option,
    Requirement,
    Result,
    Severity,
    Snapshot,
    hookimpl,
    parse_time,
)

SCORE_AT_FAIL = 0.5
"""A component's score at its fail threshold: 1 at the warn threshold, 0.5 at fail, 0 as far again beyond (ours)."""


@dataclass
class Dated:
    """A post with a publication time, and its age in days at `taken_at`."""

    index: int
    post_id: str
    published: datetime
    age_days: float


@dataclass
class Rhythm:
    """One account's posting figures."""

    account: Account
    posts: int = 0
    no_published_at: int = 0
    scheduled: int = 0
    in_window: list[Dated] = field(default_factory=list)
    in_previous: int = 0
    oldest_age: float | None = None
    per_day: Counter[date] = field(default_factory=Counter)
    weekly: list[int] = field(default_factory=list)  # oldest week first
    cv: float | None = None


def audit(snapshot: Snapshot, options: Mapping[str, Any]) -> Result:
    accounts = [a for a in snapshot.accounts if a.has("posts")]
    findings: list[Finding] = []
    scores: list[float] = []
    per_account: list[dict[str, Any]] = []
    for account in accounts:
        rhythm = _measure(snapshot, account, options)
        account_findings, score = _judge(rhythm, options)
        findings.extend(account_findings)
        if score is not None:
            scores.append(score)
        per_account.append({**_account_metrics(rhythm, options), "score": score})
    metrics = _metrics(per_account, options)
    score = round(sum(scores) / len(scores), 4) if scores else None
    return Result(score=score, findings=findings, metrics=metrics)


def _measure(snapshot: Snapshot, account: Account, options: Mapping[str, Any]) -> Rhythm:
    """One pass over the posts: the window's posts by local day, the previous window's count, weekly counts."""
    window = options["window_days"]
    weeks = options["rhythm_weeks"]
    rhythm = Rhythm(account, posts=len(account.posts))
    weekly = [0] * weeks  # index 0: the most recent week
    for index, post in enumerate(account.posts):
        stamp = post.get("published_at")
        if not stamp:
            rhythm.no_published_at += 1
            continue
        published = parse_time(stamp)
        age = (snapshot.taken_at - published).total_seconds() / 86400
        if age < 0:
            rhythm.scheduled += 1
            continue
        rhythm.oldest_age = age if rhythm.oldest_age is None else max(rhythm.oldest_age, age)
        if age < window:
            rhythm.in_window.append(Dated(index, post["id"], published, age))
            rhythm.per_day[published.date()] += 1  # the calendar day in the post's own offset
        elif age < 2 * window:
            rhythm.in_previous += 1
        week = int(age // 7)
        if week < weeks:
            weekly[week] += 1
    if rhythm.oldest_age is not None:
        # weeks before the first known post are not silence but a start (or the export's horizon)
        counted = min(weeks, math.ceil(rhythm.oldest_age / 7) or 1)
        rhythm.weekly = weekly[:counted][::-1]
        if counted >= options["rhythm_min_weeks"] and sum(rhythm.weekly) >= options["rhythm_min_posts"]:
            mean = fmean(rhythm.weekly)
            rhythm.cv = pstdev(rhythm.weekly) / mean
    return rhythm


def _days_over(rhythm: Rhythm, limit: int) -> list[tuple[date, int]]:
    """The window's local calendar days with more than ``limit`` posts, oldest first."""
    return sorted((day, count) for day, count in rhythm.per_day.items() if count > limit)


def _judge(rhythm: Rhythm, options: Mapping[str, Any]) -> tuple[list[Finding], float | None]:
    """The account's findings and score (None when it did not post in the window: dead-community's case)."""
    if not rhythm.in_window:
        return [_unjudged(rhythm, options, silent=True)], None
    findings: list[Finding] = []
    score = 1.0
    over = _days_over(rhythm, options["max_posts_per_day"])
    if over:
        findings.append(_overposting(rhythm, over, options))
        score *= _component(len(over), 0, options["overposting_fail_days"])
    if rhythm.cv is None:
        findings.append(_unjudged(rhythm, options, silent=False))
    elif rhythm.cv > options["irregular_warn_cv"]:
        findings.append(_irregular(rhythm, options))
        score *= _component(rhythm.cv, options["irregular_warn_cv"], options["irregular_fail_cv"])
    if rhythm.in_previous >= options["drop_min_previous"]:
        ratio = len(rhythm.in_window) / rhythm.in_previous
        if ratio < options["drop_warn_ratio"]:
            findings.append(_drop(rhythm, ratio, options))
            score *= _component(1 - ratio, 1 - options["drop_warn_ratio"], 1 - options["drop_fail_ratio"])
    return findings, round(score, 4)


def _component(value: float, warn: float, fail: float) -> float:
    """1 at or below ``warn``, SCORE_AT_FAIL at ``fail``, 0 as far again beyond; linear in between."""
    if value <= warn:
        return 1.0
    span = max(fail - warn, 1e-9)
    return max(0.0, 1 - (1 - SCORE_AT_FAIL) * (value - warn) / span)


def _overposting(rhythm: Rhythm, over: list[tuple[date, int]], options: Mapping[str, Any]) -> Finding:
    """Days with more posts than max_posts_per_day (001 L314): medium, high from overposting_fail_days days."""
    limit, window = options["max_posts_per_day"], options["window_days"]
    severity: Severity = "high" if len(over) >= options["overposting_fail_days"] else "medium"
    busiest = max(over, key=lambda item: (item[1], item[0]))
    shown = ", ".join(f"{count} on {day.isoformat()}" for day, count in over[:5]) + (" …" if len(over) > 5 else "")
    examples = [
        d.post_id for d in sorted(rhythm.in_window, key=lambda d: d.age_days) if d.published.date() == busiest[0]
    ]
    return Finding(
        f"{rhythm.account.label}: more than {limit} posts a day on {len(over)} of the last {window} days ({shown})",
        rhythm.account.pointer,
        ("account", rhythm.account.id, "overposting"),
        severity,
        evidence={
            "days_over_limit": len(over),
            "days": {day.isoformat(): count for day, count in over[:10]},
            "busiest_day": busiest[0].isoformat(),
            "busiest_day_posts": examples[:5],
        },
    )


def _irregular(rhythm: Rhythm, options: Mapping[str, Any]) -> Finding:
    """Weekly counts that vary too much around their mean (000 L93, L97): medium, high over irregular_fail_cv."""
    assert rhythm.cv is not None
    severity: Severity = "high" if rhythm.cv > options["irregular_fail_cv"] else "medium"
    weeks = len(rhythm.weekly)
    mean = fmean(rhythm.weekly)
    return Finding(
        f"{rhythm.account.label}: irregular rhythm — posts per week over the last {weeks} weeks vary by "
        f"{rhythm.cv:.0%} of their mean of {mean:.1f} (oldest to newest: {', '.join(map(str, rhythm.weekly))})",
        rhythm.account.pointer,
        ("account", rhythm.account.id, "irregular-rhythm"),
        severity,
        evidence={"weekly_posts": rhythm.weekly, "weekly_mean": round(mean, 3), "weekly_cv": round(rhythm.cv, 4)},
    )


def _drop(rhythm: Rhythm, ratio: float, options: Mapping[str, Any]) -> Finding:
    """The window's posts against the previous window's (000 L97): medium, high below drop_fail_ratio."""
    window = options["window_days"]
    severity: Severity = "high" if ratio < options["drop_fail_ratio"] else "medium"
    return Finding(
        f"{rhythm.account.label}: posting fell from {rhythm.in_previous} posts in the previous {window} days to "
        f"{len(rhythm.in_window)} in the last {window} (−{1 - ratio:.0%})",
        rhythm.account.pointer,
        ("account", rhythm.account.id, "posting-drop"),
        severity,
        evidence={
            "posts_in_window": len(rhythm.in_window),
            "posts_in_previous_window": rhythm.in_previous,
            "ratio": round(ratio, 4),
        },
    )


def _unjudged(rhythm: Rhythm, options: Mapping[str, Any], silent: bool) -> Finding:
    """An info finding: too few posts (or weeks) to judge the rhythm; silence itself is dead-community's."""
    window = options["window_days"]
    if silent:
        why = f"no post in the last {window} days (dead-community reports the silence)"
    else:
        why = (
            f"{sum(rhythm.weekly)} posts over {len(rhythm.weekly)} weeks (at least {options['rhythm_min_posts']} "
            f"over {options['rhythm_min_weeks']} weeks are needed)"
        )
    return Finding(
        f"{rhythm.account.label}: not enough posts to judge rhythm — {why}",
        rhythm.account.pointer,
        ("account", rhythm.account.id, "rhythm-unjudged"),
        "info",
        evidence={"posts_in_window": len(rhythm.in_window), "weekly_posts": rhythm.weekly},
    )


def _account_metrics(rhythm: Rhythm, options: Mapping[str, Any]) -> dict[str, Any]:
    window = options["window_days"]
    over = _days_over(rhythm, options["max_posts_per_day"])
    busiest = max(rhythm.per_day.values(), default=0)
    in_window = len(rhythm.in_window)
    return {
        "account": rhythm.account.id,
        "posts": rhythm.posts,
        "no_published_at": rhythm.no_published_at,
        "scheduled": rhythm.scheduled,
        "posts_in_window": in_window,
        "posts_in_previous_window": rhythm.in_previous,
        "month_ratio": round(in_window / rhythm.in_previous, 4) if rhythm.in_previous else None,
        "posts_per_day": round(in_window / window, 3),
        "active_days": len(rhythm.per_day),
        "busiest_day_posts": busiest,
        "days_over_limit": len(over),
        "weekly_posts": rhythm.weekly,
        "weekly_mean": round(fmean(rhythm.weekly), 3) if rhythm.weekly else None,
        "weekly_cv": round(rhythm.cv, 4) if rhythm.cv is not None else None,
        "judged": bool(rhythm.in_window),
    }


def _metrics(per_account: list[dict[str, Any]], options: Mapping[str, Any]) -> dict[str, Any]:
    judged = [m for m in per_account if m["judged"]]
    cvs = [m["weekly_cv"] for m in judged if m["weekly_cv"] is not None]
    ratios = [m["month_ratio"] for m in judged if m["month_ratio"] is not None]
    return {
        "window_days": options["window_days"],
        "accounts_checked": len(per_account),
        "accounts_judged": len(judged),
        "accounts_silent": len(per_account) - len(judged),
        "posts_in_window": sum(m["posts_in_window"] for m in per_account),
        "posts_in_previous_window": sum(m["posts_in_previous_window"] for m in per_account),
        "days_over_limit": sum(m["days_over_limit"] for m in per_account),
        "busiest_day_posts": max((m["busiest_day_posts"] for m in per_account), default=0),
        "max_weekly_cv": max(cvs) if cvs else None,
        "min_month_ratio": min(ratios) if ratios else None,
        "accounts": per_account,
    }


CHECK = Check(
    id="posting-frequency",
    title="Posting keeps a steady rhythm",
    category="activity",
    severity="medium",
    weight=1,
    run=audit,
    summary="Days with more than 3 posts, an irregular weekly rhythm, and a sharp drop from one month to the next.",
    why="1-2 posts a day is optimal and more than 3 irritates followers (001 L76, L314); content must be regular, "
    "not 50 posts one month and none the next (000 L93, L97).",
    fix="Plan posts ahead at a pace you can keep (1-2 a day at most) and spread them evenly over the week.",
    options=(
        Option("window_days", int, 30, "The window judged, ending at `taken_at` (ours: a month).", minimum=7),
        Option(
            "max_posts_per_day",
            int,
            3,
            "More posts than this on one local calendar day is too many ('no more than 3', 001 L314).",
            minimum=1,
        ),
        Option(
            "overposting_fail_days",
            int,
            4,
            "Fail when this many days of the window have too many posts: about once a week, a habit (ours).",
            minimum=1,
        ),
        Option("rhythm_weeks", int, 8, "Weeks (7-day spans back from `taken_at`) of the rhythm (ours).", minimum=2),
        Option(
            "rhythm_min_weeks",
            int,
            4,
            "Fewest weeks since the first known post for the rhythm to be judged (ours).",
            minimum=2,
        ),
        Option(
            "rhythm_min_posts",
            int,
            8,
            "Fewest posts in those weeks for the rhythm to be judged (ours: one a week).",
            minimum=2,
        ),
        Option(
            "irregular_warn_cv",
            float,
            0.5,
            "Warn when the weekly counts' coefficient of variation (std / mean) is over this (ours).",
            minimum=0,
        ),
        Option(
            "irregular_fail_cv",
            float,
            1.0,
            "Fail when it is over this (ours; 000 L97's 'fifty, then nothing' is far beyond).",
            minimum=0,
        ),
        Option(
            "drop_warn_ratio",
            float,
            0.5,
            "Warn when the window has fewer than this share of the previous window's posts (ours).",
            minimum=0,
            maximum=1,
        ),
        Option(
            "drop_fail_ratio",
            float,
            0.25,
            "Fail below this share (ours).",
            minimum=0,
            maximum=1,
        ),
        Option(
            "drop_min_previous",
            int,
            8,
            "Fewest posts in the previous window for a drop to count (ours: about two a week).",
            minimum=1,
        ),
    ),
    sources=(
        "001 L76: 1-2 posts a day is optimal, not to overload followers' feeds.",
        "001 L314: preferably no more than 3 posts a day, or you quickly irritate followers.",
        "000 L93: keep posting frequency: content must be regular.",
        "000 L97: fifty posts in the first month and nothing to write about in the second is a bad scenario.",
    ),
    requires=("accounts[].posts", Requirement("accounts[].posts[].published_at", "the rhythm cannot be measured")),
    docs=__doc__ or "",
)


@hookimpl
def register_checks(register: Callable[[Check], None]) -> None:
    register(CHECK)
