"""## What it checks

What each account publishes, over its last `window_posts` (30) posts at
`taken_at` (posts without `published_at` count as older than every dated one;
posts published after `taken_at` are not counted):

- **Commercial share**: the posts whose `category` is `commercial` or that are
  flagged `is_ad`, among the posts that carry either field. Above `warn_share`
  (20%) it is a warning, above `fail_share` (50%) a failure. A post without a
  `category` is judged by `is_ad` alone (an ad is commercial; `is_ad: false`
  counts as not commercial, so without categories the share is a lower bound);
  a post with neither field is left out.
- **Variety** across the five kinds of content (000 L82-86): entertaining,
  educational, commercial, user-generated, news. It is measured as the
  normalised Shannon entropy of the categories of the window's posts:
  H / ln 5, from 0 (one kind only) to 1 (all five equally). Below
  `min_variety` (0.4) it is a warning. Only posts with a `category` count
  here (`is_ad` says who paid, not what kind of post it is).

An account with fewer than `min_posts` (10) classified posts in its window is
*not enough to judge*: its metrics say so and it gets no finding. The check is
`not_applicable` when no post carries a `category` or an `is_ad` flag, or when
no account has enough classified posts.

**Metrics**, per account: the posts in the window and how many are classified,
the commercial posts and share, the ads, the count of each category (and of
posts without one), the variety and the *effective number of kinds* (5 to the
power of the variety: 1 when one kind fills the window, 5 when all five are
equal); overall, the pooled commercial share and the highest one.

The score of an account is 1 up to `warn_share`, 0.5 at `fail_share` and 0 at
100% commercial; low variety takes off up to a quarter. The check's score is
the mean over the judged accounts.

## Why it matters

- "Commercial content … do not overuse it: users answer endless ad posts by
  unsubscribing" (000 L84). Communities that only sell bore people and draw
  negativity; the ones that work publish useful content and "dilute it
  periodically" with commercial posts (000 L45).
- Self-centred content, "only their news, their events, their products":
  "nobody cares" (002 L50).
- The articles name five kinds of content, each with its job: entertaining
  spreads, educational shows expertise, commercial sells, user-generated and
  news build trust (000 L82-86). A feed of one or two kinds uses few of them.

The articles give no ratio. `warn_share = 20%` is the industry's 80/20 rule of
thumb (at most one post in five sells); `fail_share = 50%` is where most of
the feed is selling, as the issue asks; both are options. The variety measure,
its 0.4 threshold, the 30-post window and `min_posts` are ours. A variety of
0.4 is 5^0.4 ≈ 1.9 effective kinds: a feed that behaves like fewer than two
kinds used equally, such as 80% one kind and 20% another. A feed of useful and
commercial posts half and half (0.43) passes: it is the "mixed format" of
000 L45.

## Example

```json
{"id": "ig", "platform": "instagram",
 "posts": [{"id": "p1", "published_at": "2026-10-30T10:00:00+03:00", "category": "commercial"},
           {"id": "p2", "published_at": "2026-10-29T10:00:00+03:00", "is_ad": true},
           "… 18 more commercial posts, 10 entertaining …"]}
```

20 of the last 30 posts sell (67%): a `high` finding at `/accounts/0`
("20 of the last 30 classified posts are commercial or ads (67%; limit
50%)"), and the check fails.

## How to fix

Plan the feed by kind, not only by date: a content plan that sets the share of
each kind (say eight useful, entertaining or community posts for every two
that sell) and keeps to it. Turn selling posts into useful ones (how to use
the product, the people behind it, customers' photos and reviews, 000 L85-86),
and let ads run as ads rather than filling the feed with them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from smm_audit.api import Account, Check, Finding, Option, Result, Snapshot, hookimpl

CATEGORIES = ("entertaining", "educational", "commercial", "user_generated", "news")
VARIETY_PENALTY = 0.25


def audit(snapshot: Snapshot, options: Mapping[str, Any]) -> Result:
    """Judge every account's last posts; not_applicable when no post says what it is."""
    if options["warn_share"] > options["fail_share"]:
        raise ValueError("warn_share is above fail_share")
    accounts = [a for a in snapshot.accounts if a.has("posts")]
    if not any("category" in p or "is_ad" in p for a in accounts for p in a.posts):
        return Result.not_applicable(
            ["accounts[].posts[].category", "accounts[].posts[].is_ad"],
            "no post carries a category or an is_ad flag: content-mix cannot tell what the posts are",
        )
    findings: list[Finding] = []
    scores: list[float] = []
    per_account: list[dict[str, Any]] = []
    for account in accounts:
        score, account_findings, metrics = _audit_account(snapshot, account, options)
        per_account.append(metrics)
        if score is not None:
            scores.append(score)
            findings.extend(account_findings)
    if not scores:
        most = max(m["posts_classified"] for m in per_account)
        return Result.not_applicable(
            ["accounts[].posts[].category", "accounts[].posts[].is_ad"],
            f"not enough to judge: an account needs {options['min_posts']} posts with a category or an is_ad flag "
            f"among its last {options['window_posts']}; the most any account has is {most}",
        )
    return Result(score=sum(scores) / len(scores), findings=findings, metrics=_overall(per_account))


def last_posts(snapshot: Snapshot, account: Account, count: int) -> list[tuple[int, Mapping[str, Any]]]:
    """The account's last ``count`` posts at ``taken_at``, newest first, with their positions.

    Posts without ``published_at`` come after every dated post; posts after ``taken_at`` are left out.
    """
    dated: list[tuple[float, int]] = []
    undated: list[int] = []
    for index, post in enumerate(account.posts):
        published = post.get("published_at")
        if published is None:
            undated.append(index)
            continue
        age = snapshot.days_since(published)
        if age >= 0:
            dated.append((age, index))
    dated.sort()
    order = [index for _, index in dated] + undated
    return [(index, account.posts[index]) for index in order[:count]]


def variety(counts: Mapping[str, int]) -> float | None:
    """Normalised Shannon entropy of the category counts: 0 for one kind, 1 for all five equally."""
    total = sum(counts.values())
    if not total:
        return None
    entropy = sum(n / total * math.log(total / n) for n in counts.values() if n)
    return min(1.0, entropy / math.log(len(CATEGORIES)))


def _is_commercial(post: Mapping[str, Any]) -> bool:
    return post.get("category") == "commercial" or post.get("is_ad") is True


def _audit_account(
    snapshot: Snapshot, account: Account, options: Mapping[str, Any]
) -> tuple[float | None, list[Finding], dict[str, Any]]:
    """Score (None when not enough to judge), findings and metrics of one account."""
    window = last_posts(snapshot, account, options["window_posts"])
    classified = [(i, p) for i, p in window if "category" in p or "is_ad" in p]
    commercial = [(i, p) for i, p in classified if _is_commercial(p)]
    counts = Counter(p["category"] for _, p in window if "category" in p)
    kinds = variety(counts)
    metrics: dict[str, Any] = {
        "account": account.id,
        "platform": account.platform,
        "judged": False,
        "reason": None,
        "posts_in_window": len(window),
        "posts_classified": len(classified),
        "commercial_posts": len(commercial),
        "commercial_share": len(commercial) / len(classified) if classified else None,
        "ads": sum(1 for _, p in window if p.get("is_ad") is True),
        "categories": {name: counts.get(name, 0) for name in CATEGORIES},
        "posts_without_category": len(window) - sum(counts.values()),
        "variety": kinds,
        "effective_kinds": len(CATEGORIES) ** kinds if kinds is not None else None,
    }
    if len(classified) < options["min_posts"]:
        metrics["reason"] = (
            f"not enough to judge: {len(classified)} classified posts of the last {len(window)}, "
            f"need {options['min_posts']}"
        )
        return None, [], metrics
    metrics["judged"] = True
    findings: list[Finding] = []
    share = len(commercial) / len(classified)
    score = _share_score(share, options["warn_share"], options["fail_share"])
    if share > options["warn_share"]:
        findings.append(_commercial_finding(account, commercial, len(classified), share, options))
    with_category = sum(counts.values())
    if kinds is not None and with_category >= options["min_posts"] and kinds < options["min_variety"]:
        findings.append(_variety_finding(account, counts, kinds, with_category))
        score *= 1 - VARIETY_PENALTY * (1 - kinds / options["min_variety"])
    return score, findings, metrics


def _share_score(share: float, warn: float, fail: float) -> float:
    """1 up to ``warn``, 0.5 at ``fail``, 0 at 1, linear in between."""
    if share <= warn:
        return 1.0
    if share <= fail:
        return 1.0 - 0.5 * (share - warn) / (fail - warn) if fail > warn else 0.5
    return 0.5 * (1 - share) / (1 - fail) if fail < 1 else 0.0


def _commercial_finding(
    account: Account,
    commercial: list[tuple[int, Mapping[str, Any]]],
    classified: int,
    share: float,
    options: Mapping[str, Any],
) -> Finding:
    failed = share > options["fail_share"]
    limit = options["fail_share"] if failed else options["warn_share"]
    ads = sum(1 for _, p in commercial if p.get("is_ad") is True)
    return Finding(
        f"{account.label}: {len(commercial)} of the last {classified} classified posts are commercial or ads "
        f"({share:.0%}; limit {limit:.0%})",
        account.pointer,
        ("account", account.id, "commercial-share"),
        "high" if failed else "medium",
        evidence={
            "commercial_posts": len(commercial),
            "ads": ads,
            "posts": classified,
            "share": round(share, 4),
            "examples": [p["id"] for _, p in commercial[: options["max_examples"]]],
        },
    )


def _variety_finding(account: Account, counts: Mapping[str, int], kinds: float, total: int) -> Finding:
    used = [name for name in CATEGORIES if counts.get(name)]
    missing = [name for name in CATEGORIES if not counts.get(name)]
    top, top_count = max(((name, counts.get(name, 0)) for name in CATEGORIES), key=lambda item: item[1])
    return Finding(
        f"{account.label}: little variety in the last {total} posts — {len(used)} of the 5 kinds, "
        f"{top} {top_count / total:.0%} (variety {kinds:.2f})",
        account.pointer,
        ("account", account.id, "low-variety"),
        "medium",
        evidence={
            "variety": round(kinds, 4),
            "categories": {name: counts.get(name, 0) for name in CATEGORIES},
            "unused": missing,
        },
    )


def _overall(per_account: list[dict[str, Any]]) -> dict[str, Any]:
    """Pooled shares over the judged accounts and the per-account details."""
    judged = [m for m in per_account if m["judged"]]
    classified = sum(m["posts_classified"] for m in judged)
    commercial = sum(m["commercial_posts"] for m in judged)
    shares = [m["commercial_share"] for m in judged]
    varieties = [m["variety"] for m in judged if m["variety"] is not None]
    return {
        "accounts_checked": len(judged),
        "accounts_not_judged": len(per_account) - len(judged),
        "posts_classified": classified,
        "commercial_share": commercial / classified if classified else None,
        "highest_commercial_share": max(shares) if shares else None,
        "lowest_variety": min(varieties) if varieties else None,
        "accounts": per_account,
    }


CHECK = Check(
    id="content-mix",
    title="The feed does not only sell",
    category="content",
    severity="medium",
    weight=2,
    run=audit,
    summary="Commercial share of each account's last 30 posts, and the variety across the five kinds of content.",
    why="Endless ad posts make followers unsubscribe (000 L84, L45); self-centred content: 'nobody cares' (002 L50).",
    fix="Plan the feed by kind: about eight useful, entertaining or community posts for every two that sell.",
    options=(
        Option("window_posts", int, 30, "Judge the account's last this many posts (the issue's 30).", minimum=1),
        Option("min_posts", int, 10, "Fewer classified posts than this: not enough to judge (ours).", minimum=1),
        Option(
            "warn_share",
            float,
            0.2,
            "Warn above this commercial share (the industry's 80/20 rule; no ratio in the articles).",
            minimum=0,
            maximum=1,
        ),
        Option("fail_share", float, 0.5, "Fail above this commercial share (ours).", minimum=0, maximum=1),
        Option(
            "min_variety",
            float,
            0.4,
            "Warn below this normalised entropy of the five kinds (ours; 0.4 ≈ 1.9 kinds used equally).",
            minimum=0,
            maximum=1,
        ),
        Option("max_examples", int, 5, "Post ids given as evidence per finding.", minimum=0),
    ),
    sources=(
        "000 L84: do not overuse commercial content; users answer endless ad posts by unsubscribing.",
        "000 L45: useful content diluted periodically with commercial; only commercial content bores.",
        "002 L50: self-centred content, only their own news and products: nobody cares.",
        "000 L82-86: five kinds of content: entertaining, educational, commercial, user-made, news.",
    ),
    requires=("accounts[].posts",),
    reads=("accounts[].posts[].category", "accounts[].posts[].is_ad"),
    docs=__doc__ or "",
)


@hookimpl
def register_checks(register: Callable[[Check], None]) -> None:
    register(CHECK)
