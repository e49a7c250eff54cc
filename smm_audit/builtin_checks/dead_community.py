"""## What it checks

For every account, the days since its last post, counted from the snapshot's
`taken_at` (never the wall clock). Silence longer than `warn_days` is a
warning, longer than `fail_days` a failure, and an account that has followers
but has never posted fails outright. It also notices the classic *burst then
silence*: most of the last `burst_window_days` days' posts crowded into the
first third of that window.

## Why it matters

- "Customers who find a 'dead' community, not updated for weeks or months,
  think worse of you" — and the members stay after it is abandoned
  (000 L263); the more famous the brand, the stronger the damage (000 L287-289).
- Parsing services find "hundreds of thousands of abandoned communities" with
  no posts for more than three months (004 L5): 90 days is where a community
  is counted among the dead.
- "Just creating a community is not enough … work on the page every day"
  (001 L125); content must be regular (000 L93). Fifty posts in the first
  month and nothing in the second is the typical failure (000 L97, 004 L3).

The articles do not say how many weeks "weeks" is: `warn_days = 14` (two
weeks) is our default. `fail_days = 90` is the articles' "more than three
months". The burst thresholds are ours too.

## Example

```json
{"id": "ig", "platform": "instagram", "followers_count": 850,
 "posts": [{"id": "p1", "published_at": "2026-06-20T10:00:00+03:00"}]}
```

With `taken_at` 2026-11-01 this account has been silent for 134 days: a
`high` finding at `/accounts/0`, and the check fails.

## How to fix

Publish again, on a schedule you can keep (a content plan with posts ready in
advance, 004 L193). If the account is abandoned for good, say so in a last
post pointing to the active one, or close it, rather than leaving a dead
page under the brand's name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from smm_audit.api import Account, Check, Finding, Option, Result, Severity, Snapshot, hookimpl, parse_time


def audit(snapshot: Snapshot, options: Mapping[str, Any]) -> Result:
    accounts = [a for a in snapshot.accounts if a.has("posts")]
    findings: list[Finding] = []
    scores: list[float] = []
    per_account: list[dict[str, Any]] = []
    for account in accounts:
        score, account_findings, metrics = _audit_account(snapshot, account, options)
        scores.append(score)
        findings.extend(account_findings)
        per_account.append(metrics)
    silent = [m["days_silent"] for m in per_account if m["days_silent"] is not None]
    metrics = {
        "accounts_checked": len(accounts),
        "max_days_silent": max(silent) if silent else None,
        "accounts": per_account,
    }
    return Result(score=sum(scores) / len(scores), findings=findings, metrics=metrics)


def _audit_account(
    snapshot: Snapshot, account: Account, options: Mapping[str, Any]
) -> tuple[float, list[Finding], dict[str, Any]]:
    warn_days, fail_days = options["warn_days"], options["fail_days"]
    published = sorted(parse_time(p["published_at"]) for p in account.posts if "published_at" in p)
    followers = account.get("followers_count", len(account.followers))
    metrics: dict[str, Any] = {
        "account": account.id,
        "last_post_at": None,
        "days_silent": None,
        "posts": len(account.posts),
    }
    if not published:
        severity: Severity = "high" if followers else "medium"
        message = f"{account.label}: no post at all" + (f" for its {followers} followers" if followers else "")
        return 0.0, [Finding(message, account.pointer, ("account", account.id, "never-posted"), severity)], metrics

    last = published[-1]
    days = max(0.0, snapshot.days_since(last))
    metrics.update(last_post_at=last.isoformat(), days_silent=round(days, 1))
    findings = []
    if days > warn_days:
        severity = "high" if days > fail_days else "medium"
        limit = fail_days if days > fail_days else warn_days
        findings.append(
            Finding(
                f"{account.label}: no post for {days:.0f} days (last on {last.date().isoformat()}; limit {limit})",
                account.pointer,
                ("account", account.id, "silent"),
                severity,
                evidence={"last_post_at": last.isoformat(), "days_silent": round(days, 1)},
            )
        )
    score = 1.0 if days <= warn_days else max(0.0, 1 - (days - warn_days) / max(1, fail_days - warn_days))

    burst = _burst(snapshot, published, options)
    if burst is not None:
        first, total = burst
        findings.append(
            Finding(
                f"{account.label}: burst then silence — {first} of the last {options['burst_window_days']} days' "
                f"{total} posts came in its first third",
                account.pointer,
                ("account", account.id, "burst-then-silence"),
                "medium",
                evidence={"posts_in_window": total, "posts_in_first_third": first},
            )
        )
        score *= 0.5
    return score, findings, metrics


def _burst(snapshot: Snapshot, published: list[Any], options: Mapping[str, Any]) -> tuple[int, int] | None:
    """(posts in the window's first third, posts in the window) when they show a burst, else None."""
    window = options["burst_window_days"]
    ages = [snapshot.days_since(moment) for moment in published]
    in_window = [age for age in ages if 0 <= age <= window]
    if len(in_window) < options["burst_min_posts"]:
        return None
    first_third = sum(1 for age in in_window if age > window * 2 / 3)
    if first_third / len(in_window) < options["burst_share"]:
        return None
    return first_third, len(in_window)


CHECK = Check(
    id="dead-community",
    title="Accounts keep posting",
    category="activity",
    severity="high",
    weight=3,
    run=audit,
    summary="Days since each account's last post, and bursts of posting followed by silence.",
    why="A community not updated for weeks or months makes customers think worse of the brand (000 L263, 004 L5).",
    fix="Post again on a schedule you can keep, or close the account with a pointer to the active one.",
    options=(
        Option(
            "warn_days",
            int,
            14,
            "Warn when the last post is older than this many days (ours: 'weeks', 000 L263).",
            minimum=1,
        ),
        Option(
            "fail_days",
            int,
            90,
            "Fail when the last post is older than this many days ('more than three months', 004 L5).",
            minimum=1,
        ),
        Option("burst_window_days", int, 90, "The window in which burst-then-silence is looked for (ours).", minimum=3),
        Option(
            "burst_share",
            float,
            0.7,
            "Share of the window's posts in its first third that counts as a burst (ours).",
            minimum=0,
            maximum=1,
        ),
        Option(
            "burst_min_posts", int, 8, "Fewer posts in the window than this are never called a burst (ours).", minimum=1
        ),
    ),
    sources=(
        "000 L263: a 'dead' community, not updated for weeks or months, makes customers think worse of you.",
        "004 L5: communities with no posts for more than three months are abandoned.",
        "001 L125, 000 L93: work on the page every day; content must be regular.",
        "000 L97, 004 L3: fifty posts in month one, nothing in month two.",
    ),
    requires=("accounts[].posts",),
    reads=("accounts[].posts[].published_at",),
    docs=__doc__ or "",
)


@hookimpl
def register_checks(register: Callable[[Check], None]) -> None:
    register(CHECK)
