"""## What it checks

Where users cannot comment:

- an **account with comments off** (`settings.comments_enabled` is `false`: a VK
  wall closed to comments, a Telegram channel without a discussion group): a
  failure at `/accounts/N/settings/comments_enabled`. Its posts are closed with
  it, so they get no findings of their own (the finding counts them);
- a **post with comments off** (`comments_enabled: false`) on an account whose
  comments are on or unknown: a warning per post, at `/accounts/N/posts/M`;
- an account where more than `fail_share` (50%) of the posts that say whether
  comments are open have them closed: a failure as well, since that is the
  account closed one post at a time.

A field the exporter left out is *unknown*, not `false`: an account without
`settings.comments_enabled` gets no account-level finding, and posts without
`comments_enabled` are not counted. An account that says neither is not
checked; the check is `not_applicable` when no account says either.

**Metrics**, per account: `comments_enabled` (true, false or null when
unknown), the posts that say, the posts closed and their share, how many of
the closed posts sell (`category` commercial or `is_ad`), and a few closed
post ids; overall, the accounts with comments off and the posts closed.

An account with comments off scores 0; otherwise an account's score is the
share of its posts that are open. The check's score is the mean over the
checked accounts.

## Why it matters

- "Do not disable comments on posts" (000 L60), among the settings that also
  place a group in Yandex and Google search (000 L58).
- "Open up comments and let users discuss you" (001 L604).
- Comments are the engagement the networks reward and advertisers pay for
  (001 L337, L340); negativity is to be answered, not hidden (000 L335,
  002 L38). Closing comments on the selling posts hides the questions and
  complaints that would come there; the metrics count closed commercial posts
  for that reason.

The articles say "do not", without a tolerance: every closed post is a
finding. `fail_share` (50%) is ours.

## Example

```json
{"id": "vk", "platform": "vk", "settings": {"comments_enabled": true},
 "posts": [{"id": "p7", "published_at": "2026-10-12T10:00:00+03:00",
            "category": "commercial", "comments_enabled": false},
           "… nine more posts with comments_enabled true …"]}
```

A `medium` finding at `/accounts/0/posts/0` ("comments closed on post p7
(commercial, published 2026-10-12)"), and the check warns. With
`"settings": {"comments_enabled": false}` instead, a `high` finding at
`/accounts/0/settings/comments_enabled`, and the check fails.

## How to fix

Open the comments: on the account (in the community's settings; a Telegram
channel needs a linked discussion group) and on each closed post. Keep the
space clean with the tools the articles name instead: the spam filter with
your stop words, the obscene-language filter, and a daily look at the
comments (000 L60). Answer criticism in public (000 L239-241).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from smm_audit.api import Account, Check, Finding, Option, Result, Snapshot, hookimpl


def audit(snapshot: Snapshot, options: Mapping[str, Any]) -> Result:
    """Judge every account that says whether comments are open; not_applicable when none says."""
    findings: list[Finding] = []
    scores: list[float] = []
    per_account: list[dict[str, Any]] = []
    for account in snapshot.accounts:
        checked = _audit_account(account, options)
        if checked is None:
            continue
        score, account_findings, metrics = checked
        scores.append(score)
        findings.extend(account_findings)
        per_account.append(metrics)
    if not per_account:
        return Result.not_applicable(
            ["accounts[].settings.comments_enabled", "accounts[].posts[].comments_enabled"],
            "no account says whether its comments are open (settings.comments_enabled or posts[].comments_enabled)",
        )
    return Result(score=sum(scores) / len(scores), findings=findings, metrics=_overall(per_account))


def _is_commercial(post: Mapping[str, Any]) -> bool:
    return post.get("category") == "commercial" or post.get("is_ad") is True


def _audit_account(account: Account, options: Mapping[str, Any]) -> tuple[float, list[Finding], dict[str, Any]] | None:
    """Score, findings and metrics of one account; None when it says nothing about comments."""
    enabled = (account.get("settings") or {}).get("comments_enabled")
    told = 0
    closed: list[int] = []
    for index, post in enumerate(account.posts):
        flag = post.get("comments_enabled")
        if flag is None:
            continue
        told += 1
        if flag is False:
            closed.append(index)
    if enabled is None and not told:
        return None
    posts = account.posts
    examples = [posts[i]["id"] for i in closed[: options["max_examples"]]]
    share = len(closed) / told if told else None
    metrics: dict[str, Any] = {
        "account": account.id,
        "platform": account.platform,
        "comments_enabled": enabled,
        "posts_checked": told,
        "posts_comments_off": len(closed),
        "share_comments_off": share,
        "commercial_posts_comments_off": sum(1 for i in closed if _is_commercial(posts[i])),
        "examples": examples,
    }
    if enabled is False:
        finding = Finding(
            f"{account.label}: comments are turned off for the whole account",
            account.child("settings", "comments_enabled"),
            ("account", account.id, "comments-off"),
            "high",
            evidence={"posts": len(posts), "posts_marked_closed": len(closed)},
        )
        return 0.0, [finding], metrics
    findings = [_post_finding(account, i) for i in closed]
    if share is not None and share > options["fail_share"]:
        findings.append(
            Finding(
                f"{account.label}: comments closed on {len(closed)} of {told} posts ({share:.0%}; "
                f"limit {options['fail_share']:.0%})",
                account.pointer,
                ("account", account.id, "most-posts-closed"),
                "high",
                evidence={"posts_comments_off": len(closed), "posts": told, "examples": examples},
            )
        )
    return (1.0 - share if share is not None else 1.0), findings, metrics


def _post_finding(account: Account, index: int) -> Finding:
    """A post whose comments are closed, named by id, kind and date."""
    post = account.posts[index]
    details = []
    if _is_commercial(post):
        details.append("an ad" if post.get("is_ad") is True else "commercial")
    elif post.get("category"):
        details.append(post["category"].replace("_", "-"))
    if post.get("published_at"):
        details.append(f"published {post['published_at'][:10]}")
    suffix = f" ({', '.join(details)})" if details else ""
    evidence = {key: post[key] for key in ("published_at", "category", "is_ad") if key in post}
    return Finding(
        f"{account.label}: comments closed on post {post['id']}{suffix}",
        account.child("posts", index),
        ("post", account.id, post["id"], "comments-off"),
        "medium",
        evidence=evidence,
    )


def _overall(per_account: list[dict[str, Any]]) -> dict[str, Any]:
    """Totals over the checked accounts and the per-account details."""
    checked = sum(m["posts_checked"] for m in per_account)
    closed = sum(m["posts_comments_off"] for m in per_account)
    off = [m["account"] for m in per_account if m["comments_enabled"] is False]
    return {
        "accounts_checked": len(per_account),
        "accounts_comments_off": len(off),
        "accounts_off": off,
        "accounts_comments_unknown": sum(1 for m in per_account if m["comments_enabled"] is None),
        "posts_checked": checked,
        "posts_comments_off": closed,
        "share_comments_off": closed / checked if checked else None,
        "accounts": per_account,
    }


CHECK = Check(
    id="comments-disabled",
    title="Comments are open",
    category="moderation",
    severity="medium",
    weight=1,
    run=audit,
    summary="Accounts with comments turned off, and posts with comments closed.",
    why="'Do not disable comments on posts' (000 L60); 'open up comments and let users discuss you' (001 L604).",
    fix="Open the comments; keep them clean with the spam and obscenity filters and a daily look instead (000 L60).",
    options=(
        Option(
            "fail_share",
            float,
            0.5,
            "Fail when more than this share of an account's posts have comments closed (ours).",
            minimum=0,
            maximum=1,
        ),
        Option("max_examples", int, 5, "Closed post ids listed per account in the metrics.", minimum=0),
    ),
    sources=(
        "000 L60: do not disable comments on posts; filter spam and obscenity, watch comments daily.",
        "001 L604: open up comments and let users discuss you.",
    ),
    reads=("accounts[].settings.comments_enabled", "accounts[].posts[].comments_enabled"),
    docs=__doc__ or "",
)


@hookimpl
def register_checks(register: Callable[[Check], None]) -> None:
    register(CHECK)
