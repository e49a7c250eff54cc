"""## What it checks

How much each account's audience reacts to its posts: the engagement rate (ER)
the articles define two ways (001 L346-353):

- **ER by reach** = (likes + reposts + comments) / `metrics.reach`, the people
  who saw the post;
- **ER by followers** = (likes + reposts + comments) / the account's
  `followers_count`.

**Which posts.** Per account, the last `window_posts` (30) posts that are at
least `min_age_hours` (24) old at `taken_at` (a younger post is still collecting
its reactions) and whose `metrics` give at least one of likes, reposts,
comments. A counter the platform does not report is left out of the sum, never
read as 0; a post with none of the three is counted apart as
`posts_without_metrics`. Paid posts (`is_ad`) are left out unless
`include_ads`: paid reach brings people who are not the audience, which drags
ER by reach down and pushes ER by followers up. Posts without `published_at`
count as older than every dated post (and the trend skips them).

**Per account**, over that window:

- **Median ER**, by reach when at least `min_posts` (10) of the window's posts
  give a reach above 0, otherwise by followers: a reach of 0 or none falls back
  to followers, the measure that "has its place" where reach is unknown
  (001 L353). ER by followers divides by the `followers_count` at `taken_at`
  (the snapshot has no history of it); with `followers_count` 0 or absent
  there is no ER by followers. Below `warn_by_reach` (1%) or
  `warn_by_followers` (0.5%) it is a warning; below `fail_by_reach` (0.25%) or
  `fail_by_followers` (0.1%) a failure. Both medians are in the metrics
  whichever one is judged.
- **No-reaction share**: the posts with no like, repost or comment at all.
  Above `no_reaction_warn` (20%) a warning, above `no_reaction_fail` (50%) a
  failure.
- **Trend**: the median ER (same basis) of the posts of the last `trend_days`
  (30) days against the `trend_days` before. A fall by more than `trend_drop`
  (30%) is a warning when each period has at least `trend_min_posts` (5) posts.

An account with fewer than `min_posts` countable posts is *not enough to judge*:
its metrics say so and it gets no finding. When no account can be judged the
check is `not_applicable`.

**Metrics**: per account the basis judged, the median ER by reach and by
followers, the no-reaction share, the median ER of the last 30 days and of the
30 before with the change, and the posts left out (too recent, paid, without
counters); overall the lowest medians and the pooled no-reaction share.

The score of an account is 1 at or above the warn threshold, 0.5 at the fail
threshold and falls to 0 at an ER of 0 (and the same for the no-reaction share,
reaching 0 at 100%); a falling trend takes off 15%. The check's score is the
mean over the judged accounts.

## Why it matters

- The articles measure engagement exactly so: by reach, which "shows the real
  audience's engagement" since not every member sees every post, and by
  members, which lets you compare yourself with competitors whose reach you
  cannot see (001 L346-353).
- Posts without reactions are shown less often in the users' feeds
  (001 L337): a post nobody reacts to is a post fewer people will see next
  time, hence the no-reaction share.
- Engagement drives the price of advertising on the page as well (001 L340),
  and "a big audience whose posts get 5-10 likes" is the mark of a dead or
  bought audience (001 L355; bot-followers looks for the bots behind it).

**The thresholds are ours**: the articles give the formulas, no number
(docs/sources.md). Where they come from:

- `fail_by_followers = 0.1%` reads 001 L355's "5-10 likes" on a "big audience"
  of 5,000-10,000 members.
- `warn_by_reach = 1%`: Buffer's 2025 per-platform engagement rates by
  impressions run from about 1.2% (Instagram, the lowest) to 6.5% (LinkedIn)
  [1]; a post's reach is at most its impressions, so its ER by reach is at
  least its ER by impressions. Under 1% an account does worse than the
  weakest platform's typical post. `fail_by_reach = 0.25%` (one reaction per
  400 people reached) is a quarter of it.
- `warn_by_followers = 0.5%`: about the Instagram brand average (0.48%,
  Socialinsider 2026 [1]); Facebook and X brands are lower still (about 0.15%
  and 0.12%), TikTok far higher (3.7%).
- No-reaction shares (20%, 50%), the trend (30% over 30 days, 5 posts a
  period), the window (30 posts, `min_posts` 10) and the 24-hour maturity are
  ours.

We do **not** ship per-platform defaults: the published figures measure brand
accounts far bigger than the communities this tool audits (ER by followers
falls as the audience grows: nano accounts run several times the brand
medians), differ by one or two points between studies of the same platform,
and none covers VK, Odnoklassniki or Telegram, the networks the articles are
about. For a platform that runs hotter or colder, set the thresholds in the
configuration (`[tool.smm-audit.checks.engagement-rate]`, `warn_by_reach = …`),
and read the trend, which compares the account only with itself.

[1] As summarised at https://www.shortsintel.com/statistics/social-media-engagement-benchmarks
(Socialinsider: ER by followers over 70 million brand posts, 2024-2025; Buffer:
ER by impressions). Account size and method: https://new-rebellion.com/benchmarks/social-media-engagement-rate/
(studies differ by 1-2 points per platform; accounts under 10,000 followers
commonly run 2.5-4% on Instagram).

## Example

```json
{"id": "vk", "platform": "vk", "followers_count": 5000,
 "posts": [{"id": "p1", "published_at": "2026-10-20T10:00:00+03:00",
            "metrics": {"likes": 2, "reposts": 0, "comments": 0, "reach": 900}},
           "… eleven more like it …"]}
```

A median ER by reach of 0.22% is under `fail_by_reach` (0.25%): a `high`
finding at `/accounts/0` ("median engagement by reach 0.22% over the last 12
posts"), and the check fails.

## How to fix

Write for the audience rather than at it: questions, polls, useful and
entertaining posts (000 L82-86) get reactions that selling posts do not. Ask
for the reaction you want, answer every comment (002 L38) so that commenting
is worth it, and post when your audience is online (001 L605). Look at the
posts with the lowest ER in the evidence and at what the best ones have in
common. If ER by followers is low while ER by reach is fine, few members see
the posts at all: check the audience for bots (bot-followers) and the posting
rhythm.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from smm_audit.api import Account, Check, Finding, Option, Result, Severity, Snapshot, hookimpl

REACTIONS = ("likes", "reposts", "comments")
TREND_PENALTY = 0.85


@dataclass
class Counted:
    """One post that counts: its position, id, age in days (None when undated), reactions and reach."""

    index: int
    post_id: str
    age: float | None
    reactions: int
    reach: int | None


@dataclass
class Window:
    """The posts of one account that count, newest first (as far as the check reads them), and the ones left out."""

    posts: list[Counted] = field(default_factory=list)
    without_metrics: int = 0
    too_recent: int = 0
    ads_left_out: int = 0


def audit(snapshot: Snapshot, options: Mapping[str, Any]) -> Result:
    """Judge every account's engagement; not_applicable when no post carries reaction counters."""
    _check_thresholds(options)
    accounts = [a for a in snapshot.accounts if a.has("posts")]
    windows = [(account, _window(snapshot, account, options)) for account in accounts]
    if not any(window.posts for _, window in windows):
        return Result.not_applicable(
            ["accounts[].posts[].metrics"],
            f"no post that counts: none has likes, reposts or comments in its metrics, is at least "
            f"{options['min_age_hours']:g} h old and (unless include_ads) is not an ad",
        )
    findings: list[Finding] = []
    scores: list[float] = []
    per_account: list[dict[str, Any]] = []
    for account, window in windows:
        score, account_findings, metrics = _audit_account(account, window, options)
        per_account.append(metrics)
        if score is not None:
            scores.append(score)
            findings.extend(account_findings)
    if not scores:
        most = max(len(window.posts[: options["window_posts"]]) for _, window in windows)
        return Result.not_applicable(
            ["accounts[].posts[].metrics"],
            f"not enough posts to judge: an account needs {options['min_posts']} posts with reaction counters, "
            f"at least {options['min_age_hours']:g} h old; the most any account has is {most}",
        )
    metrics = _overall(per_account, options)
    return Result(score=sum(scores) / len(scores), findings=findings, metrics=metrics)


def _check_thresholds(options: Mapping[str, Any]) -> None:
    """Refuse thresholds in the wrong order (the check then reports an error naming them)."""
    if options["fail_by_reach"] > options["warn_by_reach"]:
        raise ValueError("fail_by_reach is above warn_by_reach")
    if options["fail_by_followers"] > options["warn_by_followers"]:
        raise ValueError("fail_by_followers is above warn_by_followers")
    if options["no_reaction_warn"] > options["no_reaction_fail"]:
        raise ValueError("no_reaction_warn is above no_reaction_fail")


def _window(snapshot: Snapshot, account: Account, options: Mapping[str, Any]) -> Window:
    """The account's posts that count, newest first (undated ones last), as far as the check reads them: the
    last ``window_posts`` and every post of the two trend periods. :func:`_window_plainly` makes them all (the
    tests compare the two); here each post is only sifted, and a :class:`Counted` made for the posts read."""
    window = Window()
    ages, dated, undated = _sift(snapshot, account.posts, options, window)
    order = sorted(range(len(ages)), key=ages.__getitem__)  # stable: among equal ages the earlier post first
    in_trend = bisect_left(order, 2 * options["trend_days"], key=ages.__getitem__)
    read = max(options["window_posts"], in_trend)
    chosen: list[tuple[int, float | None]] = [(dated[i], ages[i]) for i in order[:read]]
    chosen += [(index, None) for index in undated[: read - len(chosen)]]
    posts = account.posts
    window.posts = [_counted(index, posts[index], age) for index, age in chosen]
    return window


def _sift(
    snapshot: Snapshot, posts: Sequence[Mapping[str, Any]], options: Mapping[str, Any], window: Window
) -> tuple[list[float], list[int], list[int]]:
    """The ages and positions of the dated posts that count and the positions of the undated ones, in post
    order; the posts left out are counted in ``window``."""
    min_age = options["min_age_hours"] / 24
    include_ads = options["include_ads"]
    ages: list[float] = []
    dated: list[int] = []
    undated: list[int] = []
    for index, post in enumerate(posts):
        counters = post.get("metrics")
        if not counters or counters.keys().isdisjoint(REACTIONS):
            window.without_metrics += 1
        elif post.get("is_ad") and not include_ads:
            window.ads_left_out += 1
        elif not (published := post.get("published_at")):
            undated.append(index)
        elif (age := snapshot.days_since(published)) < min_age:
            window.too_recent += 1
        else:
            ages.append(age)
            dated.append(index)
    return ages, dated, undated


def _counted(index: int, post: Mapping[str, Any], age: float | None) -> Counted:
    """The post that counts as the check reads it: its reactions summed over the counters given."""
    counters = post["metrics"]
    reach = counters.get("reach")
    reactions = sum(counters[key] for key in REACTIONS if key in counters)
    return Counted(index, post["id"], age, reactions, reach if reach else None)


def _window_plainly(snapshot: Snapshot, account: Account, options: Mapping[str, Any]) -> Window:
    """The account's posts that count, all of them, newest first (undated ones last), in one pass over its posts."""
    window = Window()
    min_age = options["min_age_hours"] / 24
    dated: list[Counted] = []
    undated: list[Counted] = []
    for index, post in enumerate(account.posts):
        counters = post.get("metrics") or {}
        given = [counters[key] for key in REACTIONS if key in counters]
        if not given:
            window.without_metrics += 1
            continue
        if post.get("is_ad") and not options["include_ads"]:
            window.ads_left_out += 1
            continue
        published = post.get("published_at")
        age = snapshot.days_since(published) if published else None
        if age is not None and age < min_age:
            window.too_recent += 1
            continue
        reach = counters.get("reach")
        counted = Counted(index, post["id"], age, sum(given), reach if reach else None)
        (dated if age is not None else undated).append(counted)
    dated.sort(key=lambda c: (c.age, c.index))
    window.posts = dated + undated
    return window


def _rate(post: Counted, basis: str, followers: int) -> float | None:
    """The post's ER on ``basis`` ("reach" or "followers"), or None when it has no such denominator."""
    if basis == "reach":
        return post.reactions / post.reach if post.reach else None
    return post.reactions / followers if followers else None


def _median_rate(posts: Sequence[Counted], basis: str, followers: int) -> tuple[float | None, int]:
    """Median ER of ``posts`` on ``basis`` and how many posts it is over."""
    rates = [rate for rate in (_rate(p, basis, followers) for p in posts) if rate is not None]
    return (median(rates) if rates else None), len(rates)


def _audit_account(
    account: Account, window: Window, options: Mapping[str, Any]
) -> tuple[float | None, list[Finding], dict[str, Any]]:
    """Score (None when not enough to judge), findings and metrics of one account."""
    posts = window.posts[: options["window_posts"]]
    followers = account.get("followers_count") or 0
    by_reach, with_reach = _median_rate(posts, "reach", followers)
    by_followers, _ = _median_rate(posts, "followers", followers)
    no_reaction = [p for p in posts if p.reactions == 0]
    metrics: dict[str, Any] = {
        "account": account.id,
        "platform": account.platform,
        "judged": False,
        "reason": None,
        "basis": None,
        "posts_in_window": len(posts),
        "posts_with_reach": with_reach,
        "followers_count": account.get("followers_count"),
        "median_er": None,
        "median_er_by_reach": by_reach,
        "median_er_by_followers": by_followers,
        "no_reaction_posts": len(no_reaction),
        "no_reaction_share": len(no_reaction) / len(posts) if posts else None,
        "posts_without_metrics": window.without_metrics,
        "posts_too_recent": window.too_recent,
        "ads_left_out": window.ads_left_out,
    }
    if len(posts) < options["min_posts"]:
        metrics["reason"] = (
            f"not enough to judge: {len(posts)} posts with reaction counters, need {options['min_posts']}"
        )
        return None, [], metrics
    metrics["judged"] = True
    basis = "reach" if with_reach >= options["min_posts"] else "followers" if followers else None
    findings: list[Finding] = []
    score = 1.0
    rate = by_reach if basis == "reach" else by_followers if basis == "followers" else None
    if basis is None or rate is None:
        metrics["reason"] = "no ER: fewer posts with reach than min_posts and no followers_count above 0"
    else:
        metrics.update(basis=basis, median_er=rate)
        rate_score, finding = _rate_finding(account, basis, rate, posts, followers, options)
        score *= rate_score
        findings.extend([finding] if finding else [])
        trend_metrics, trend_finding = _trend(account, basis, window, followers, options)
        metrics.update(trend_metrics)
        if trend_finding:
            findings.append(trend_finding)
            score *= TREND_PENALTY
    share_score, finding = _no_reaction_finding(account, posts, no_reaction, options)
    score *= share_score
    findings.extend([finding] if finding else [])
    return score, findings, metrics


def _ramp(value: float, warn: float, fail: float) -> float:
    """1 at or above ``warn``, 0.5 at ``fail``, 0 at 0, linear in between (lower values are worse)."""
    if value >= warn:
        return 1.0
    if value >= fail:
        return 0.5 + 0.5 * (value - fail) / (warn - fail) if warn > fail else 0.5
    return 0.5 * value / fail if fail > 0 else 0.0


def _rate_finding(
    account: Account,
    basis: str,
    rate: float,
    posts: Sequence[Counted],
    followers: int,
    options: Mapping[str, Any],
) -> tuple[float, Finding | None]:
    """The score of the median ER and a finding when it is under the warn threshold."""
    warn, fail = options[f"warn_by_{basis}"], options[f"fail_by_{basis}"]
    score = _ramp(rate, warn, fail)
    if rate >= warn:
        return score, None
    severity: Severity = "high" if rate < fail else "medium"
    limit = fail if rate < fail else warn
    rated = [(r, p.post_id) for p in posts if (r := _rate(p, basis, followers)) is not None]
    lowest = [post_id for _, post_id in sorted(rated, key=lambda item: item[0])[: options["max_examples"]]]
    finding = Finding(
        f"{account.label}: median engagement by {basis} {rate:.2%} over the last {len(rated)} posts "
        f"(limit {limit:.2%})",
        account.pointer,
        ("account", account.id, "low-engagement"),
        severity,
        evidence={
            "basis": basis,
            "median_er": round(rate, 6),
            "posts": len(rated),
            "warn_below": warn,
            "fail_below": fail,
            "lowest_posts": lowest,
        },
    )
    return score, finding


def _no_reaction_finding(
    account: Account, posts: Sequence[Counted], silent: Sequence[Counted], options: Mapping[str, Any]
) -> tuple[float, Finding | None]:
    """The score of the no-reaction share and a finding when it is above the warn share."""
    warn, fail = options["no_reaction_warn"], options["no_reaction_fail"]
    share = len(silent) / len(posts)
    score = _ramp(1 - share, 1 - warn, 1 - fail)
    if share <= warn:
        return score, None
    severity: Severity = "high" if share > fail else "medium"
    finding = Finding(
        f"{account.label}: {len(silent)} of the last {len(posts)} posts got no reaction at all ({share:.0%}; "
        f"limit {(fail if share > fail else warn):.0%})",
        account.pointer,
        ("account", account.id, "no-reaction"),
        severity,
        evidence={
            "no_reaction_posts": len(silent),
            "posts": len(posts),
            "share": round(share, 4),
            "examples": [p.post_id for p in silent[: options["max_examples"]]],
        },
    )
    return score, finding


def _trend(
    account: Account, basis: str, window: Window, followers: int, options: Mapping[str, Any]
) -> tuple[dict[str, Any], Finding | None]:
    """Median ER of the last ``trend_days`` against the ``trend_days`` before, and a finding when it fell."""
    days = options["trend_days"]
    recent = [p for p in window.posts if p.age is not None and p.age < days]
    before = [p for p in window.posts if p.age is not None and days <= p.age < 2 * days]
    now, now_posts = _median_rate(recent, basis, followers)
    then, then_posts = _median_rate(before, basis, followers)
    change = now / then - 1 if now is not None and then else None
    metrics = {
        "er_last_period": now,
        "er_previous_period": then,
        "er_change": change,
        "posts_last_period": now_posts,
        "posts_previous_period": then_posts,
    }
    enough = min(now_posts, then_posts) >= options["trend_min_posts"]
    if now is None or then is None or change is None or not enough or change >= -options["trend_drop"]:
        return metrics, None
    finding = Finding(
        f"{account.label}: engagement by {basis} fell {-change:.0%} in the last {days} days "
        f"({then:.2%} → {now:.2%}, median of {then_posts} and {now_posts} posts)",
        account.pointer,
        ("account", account.id, "falling-engagement"),
        "medium",
        evidence={
            "basis": basis,
            "er_last_period": round(now, 6),
            "er_previous_period": round(then, 6),
            "change": round(change, 4),
            "posts_last_period": now_posts,
            "posts_previous_period": then_posts,
        },
    )
    return metrics, finding


def _overall(per_account: list[dict[str, Any]], options: Mapping[str, Any]) -> dict[str, Any]:
    """Totals over the accounts and the per-account details."""
    judged = [m for m in per_account if m["judged"]]

    def lowest(key: str) -> float | None:
        values = [m[key] for m in judged if m[key] is not None]
        return min(values) if values else None

    posts = sum(m["posts_in_window"] for m in judged)
    silent = sum(m["no_reaction_posts"] for m in judged)
    return {
        "accounts_checked": len(judged),
        "accounts_not_judged": len(per_account) - len(judged),
        "posts_judged": posts,
        "lowest_median_er_by_reach": lowest("median_er_by_reach"),
        "lowest_median_er_by_followers": lowest("median_er_by_followers"),
        "no_reaction_share": silent / posts if posts else None,
        "posts_without_metrics": sum(m["posts_without_metrics"] for m in per_account),
        "trend_days": options["trend_days"],
        "accounts": per_account,
    }


CHECK = Check(
    id="engagement-rate",
    title="Posts get reactions",
    category="audience",
    severity="medium",
    weight=2,
    run=audit,
    summary="Median engagement rate by reach (or by followers) per account, posts with no reaction, the 30-day trend.",
    why="Posts nobody reacts to are shown less (001 L337); ER by reach and by members measure it (001 L346-353).",
    fix="Post what the audience reacts to (questions, useful and entertaining posts) and answer comments.",
    options=(
        Option("window_posts", int, 30, "Judge the account's last this many countable posts (ours).", minimum=1),
        Option("min_posts", int, 10, "Fewer countable posts than this: not enough to judge (ours).", minimum=1),
        Option(
            "min_age_hours", float, 24.0, "Posts younger than this are still collecting reactions (ours).", minimum=0
        ),
        Option("include_ads", bool, False, "Count paid posts (is_ad) too (ours: organic only)."),
        Option(
            "warn_by_reach",
            float,
            0.01,
            "Warn below this median ER by reach (ours: under the lowest platform rate, Buffer 2025).",
            minimum=0,
            maximum=1,
        ),
        Option("fail_by_reach", float, 0.0025, "Fail below this median ER by reach (ours).", minimum=0, maximum=1),
        Option(
            "warn_by_followers",
            float,
            0.005,
            "Warn below this median ER by followers (ours: about the Instagram brand average, Socialinsider 2026).",
            minimum=0,
            maximum=1,
        ),
        Option(
            "fail_by_followers",
            float,
            0.001,
            "Fail below this median ER by followers (ours, from '5-10 likes' on a big audience, 001 L355).",
            minimum=0,
            maximum=1,
        ),
        Option(
            "no_reaction_warn",
            float,
            0.2,
            "Warn when more than this share of posts got no reaction (ours; 001 L337).",
            minimum=0,
            maximum=1,
        ),
        Option(
            "no_reaction_fail",
            float,
            0.5,
            "Fail when more than this share of posts got no reaction (ours).",
            minimum=0,
            maximum=1,
        ),
        Option("trend_days", int, 30, "Length of the two periods the trend compares (ours).", minimum=1),
        Option(
            "trend_drop",
            float,
            0.3,
            "Warn when the median ER fell by more than this share from one period to the next (ours).",
            minimum=0,
            maximum=1,
        ),
        Option("trend_min_posts", int, 5, "Each period needs this many posts for a trend (ours).", minimum=1),
        Option("max_examples", int, 5, "Post ids given as evidence per finding.", minimum=0),
    ),
    sources=(
        "001 L346-353: ER by reach = (likes + reposts + comments) / people who saw the post; "
        "ER by members = the same / members.",
        "001 L337: posts without reactions are shown less in the feed.",
        "001 L340: engagement shows the community's success and sets the price of its advertising.",
        "001 L355: a big audience whose posts get 5-10 likes.",
    ),
    requires=("accounts[].posts",),
    reads=("accounts[].posts[].metrics",),
    docs=__doc__ or "",
)


@hookimpl
def register_checks(register: Callable[[Check], None]) -> None:
    register(CHECK)
