"""## What it checks

For every account, the posts of the last `window_days` days (default 90) and
the local time, in the audience's time zone, at which each was published. The
share published outside the audience's active hours, `active_from` to
`active_until` (default 08:00–23:00), is a warning from `warn_share` (20%) and
a failure from `fail_share` (50%). A window may cross midnight
(`active_from = "18:00"`, `active_until = "02:00"` for a night-owl audience).

The audience's time zone is the `timezone` option: an IANA name
(`Europe/Moscow`) or a fixed offset (`+03:00`, `UTC-5`). Left at `auto`, it
is taken from `client.target_regions` when every region there lies in one
zone of a small built-in table (Russian subdivisions such as `RU-MOW`,
`RU-SPE`, `RU-SVE`, and single-zone countries such as `BY` or `DE`); a whole
multi-zone country such as `RU`, or regions in several zones, fall back to
each post's own offset as exported. Set `timezone` when the audience lives
elsewhere than the exporter's clock.

Accounts with fewer than `min_posts` dated posts in the window are not
judged; when no account can be judged the check is not_applicable. The score
is the mean over the judged accounts of `1 - share outside`.

## Why it matters

- A post published while its audience sleeps is buried under the next
  morning's feed before most followers open the app, and it gathers its first
  reactions, which feeds use to decide how widely to show a post, from almost
  nobody.
- Posts at 3 a.m. are most often not a choice but a scheduler set to the
  wrong time zone (UTC instead of local, or the agency's city instead of the
  client's): the whole content plan is shifted by hours.
- Nobody is there to answer the first comments, while the articles
  smm-audit's built-in checks are based on call an answer within one hour the
  norm (000 L277).

Beyond that, this rule and all its thresholds are this plugin's own: the
articles give no posting hours. The 08:00–23:00
window, the 20% and 50% shares and the 90-day window are our defaults; change
them to your audience's analytics.

## Example

```json
{"id": "vk", "platform": "vk",
 "posts": [{"id": "p1", "published_at": "2026-10-30T03:10:00+03:00"},
           {"id": "p2", "published_at": "2026-10-29T02:55:00+03:00"},
           {"id": "p3", "published_at": "2026-10-28T13:00:00+03:00"}]}
```

With `min_posts = 3` and the client's `target_regions` `["RU-MOW"]`
(Europe/Moscow), two of the three posts went out at night, 67%: a `medium`
finding at `/accounts/0`, and the check fails.

## How to fix

Check the time zone of the scheduling tool first: a shift of exactly three
hours (Moscow against UTC) is a setting, not a habit. Then schedule posts into
the hours the audience is active (the platform's statistics show when your
followers are online) instead of publishing when the content is ready.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from smm_audit.api import Account, Check, Finding, Option, Result, Snapshot, hookimpl, parse_time

SMM_AUDIT_API = ("1",)
"""The smm-audit API versions this plugin is written for: smm-audit refuses to load it under another one."""

AUTO = "auto"

REGION_ZONES: Mapping[str, str] = {
    # Russian subdivisions (ISO 3166-2): the biggest audiences, each in one zone.
    "RU-MOW": "Europe/Moscow",
    "RU-MOS": "Europe/Moscow",
    "RU-SPE": "Europe/Moscow",
    "RU-LEN": "Europe/Moscow",
    "RU-KDA": "Europe/Moscow",
    "RU-TA": "Europe/Moscow",
    "RU-NIZ": "Europe/Moscow",
    "RU-ROS": "Europe/Moscow",
    "RU-SAM": "Europe/Samara",
    "RU-BA": "Asia/Yekaterinburg",
    "RU-SVE": "Asia/Yekaterinburg",
    "RU-CHE": "Asia/Yekaterinburg",
    "RU-NVS": "Asia/Novosibirsk",
    "RU-KYA": "Asia/Krasnoyarsk",
    "RU-IRK": "Asia/Irkutsk",
    "RU-PRI": "Asia/Vladivostok",
    # Countries with a single time zone.
    "AM": "Asia/Yerevan",
    "BY": "Europe/Minsk",
    "DE": "Europe/Berlin",
    "GB": "Europe/London",
    "GE": "Asia/Tbilisi",
    "IT": "Europe/Rome",
    "PL": "Europe/Warsaw",
    "RS": "Europe/Belgrade",
    "TR": "Europe/Istanbul",
    "UZ": "Asia/Tashkent",
}
"""Regions of ``client.target_regions`` whose time zone is known; any other makes ``auto`` use the posts' offsets."""

_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")


def audit(snapshot: Snapshot, options: Mapping[str, Any]) -> Result:
    start, end = _clock(options, "active_from"), _clock(options, "active_until")
    if options["warn_share"] > options["fail_share"]:
        raise ValueError("option warn_share must not be greater than fail_share")
    zone, zone_name, zone_source = _zone(options["timezone"], snapshot)
    window = f"{options['active_from']}–{options['active_until']}"

    dated = [a for a in snapshot.accounts if any("published_at" in p for p in a.posts)]

    findings: list[Finding] = []
    scores: list[float] = []
    per_account: list[dict[str, Any]] = []
    for account in dated:
        recent = _recent_posts(snapshot, account, options["window_days"])
        row: dict[str, Any] = {"account": account.id, "posts": len(recent), "outside": None, "share": None}
        per_account.append(row)
        if len(recent) < options["min_posts"]:
            continue
        outside = [(post, local) for post, local in _local_times(recent, zone) if not _active(local, start, end)]
        share = len(outside) / len(recent)
        row.update(outside=len(outside), share=round(share, 4))
        scores.append(1.0 - share)
        if share >= options["warn_share"]:
            findings.append(_finding(account, outside, len(recent), share, window, zone_name, options))

    if not scores:
        return Result.not_applicable(
            ["accounts[].posts[].published_at"],
            f"no account has {options['min_posts']} dated posts in the last {options['window_days']} days",
        )
    metrics = {
        "timezone": zone_name,
        "timezone_from": zone_source,
        "active_hours": window,
        "accounts_checked": len(scores),
        "posts_checked": sum(r["posts"] for r in per_account if r["share"] is not None),
        "posts_outside": sum(r["outside"] for r in per_account if r["share"] is not None),
        "accounts": per_account,
    }
    return Result(score=sum(scores) / len(scores), findings=findings, metrics=metrics)


def _finding(
    account: Account,
    outside: Sequence[tuple[Mapping[str, Any], datetime]],
    total: int,
    share: float,
    window: str,
    zone_name: str,
    options: Mapping[str, Any],
) -> Finding:
    severity = "medium" if share >= options["fail_share"] else "low"
    examples = [{"post": post["id"], "local_time": local.strftime("%Y-%m-%d %H:%M")} for post, local in outside[:5]]
    sample = ", ".join(f"{e['post']} at {e['local_time'][-5:]}" for e in examples[:3])
    return Finding(
        f"{account.label}: {len(outside)} of {total} posts of the last {options['window_days']} days ({share:.0%}) "
        f"went out outside the audience's active hours {window} ({zone_name}), e.g. {sample}",
        account.pointer,
        ("account", account.id, "off-hours"),
        severity,
        evidence={"posts": total, "outside": len(outside), "share": round(share, 4), "examples": examples},
    )


def _recent_posts(snapshot: Snapshot, account: Account, window_days: int) -> list[Mapping[str, Any]]:
    """Dated posts published within ``window_days`` before ``taken_at`` (scheduled future posts are left out)."""
    return [
        p for p in account.posts if "published_at" in p and 0 <= snapshot.days_since(p["published_at"]) <= window_days
    ]


def _local_times(posts: Sequence[Mapping[str, Any]], zone: tzinfo | None) -> list[tuple[Mapping[str, Any], datetime]]:
    """Each post with its publication time in ``zone`` (None: in the offset it was exported with)."""
    moments = [(post, parse_time(post["published_at"])) for post in posts]
    return [(post, moment.astimezone(zone) if zone is not None else moment) for post, moment in moments]


def _active(local: datetime, start: int, end: int) -> bool:
    """Whether a local time falls in [start, end) minutes after midnight; the window may wrap past midnight."""
    minute = local.hour * 60 + local.minute
    if start == end:
        return True
    if start < end:
        return start <= minute < end
    return minute >= start or minute < end


def _clock(options: Mapping[str, Any], name: str) -> int:
    """An ``HH:MM`` option as minutes after midnight (``24:00`` is allowed as an end)."""
    match = _CLOCK.match(options[name].strip())
    hours, minutes = (int(match.group(1)), int(match.group(2))) if match else (-1, -1)
    if not (0 <= minutes < 60 and (0 <= hours < 24 or (hours, minutes) == (24, 0))):
        raise ValueError(f"option {name} must be a time HH:MM such as '08:00', got {options[name]!r}")
    return hours * 60 + minutes


def _zone(spec: str, snapshot: Snapshot) -> tuple[tzinfo | None, str, str]:
    """The audience's time zone, its name for reports, and where it came from."""
    spec = spec.strip()
    if spec.lower() != AUTO:
        return parse_zone(spec), spec, "option"
    zones = {REGION_ZONES.get(region) for region in snapshot.client.get("target_regions", ())}
    if len(zones) == 1 and None not in zones:
        (name,) = zones
        assert name is not None
        return ZoneInfo(name), name, "client.target_regions"
    return None, "the offsets the posts were exported with", "published_at"


def parse_zone(spec: str) -> tzinfo:
    """An IANA zone (``Europe/Moscow``), ``UTC``, or a fixed offset (``+03:00``, ``UTC-5``, ``+0530``)."""
    if spec.upper() in ("UTC", "Z", "GMT"):
        return UTC
    match = _OFFSET.match(spec)
    if match:
        sign, hours, minutes = match.group(1), int(match.group(2)), int(match.group(3) or 0)
        if hours <= 14 and minutes < 60:
            offset = timedelta(hours=hours, minutes=minutes)
            return timezone(-offset if sign == "-" else offset)
    else:
        try:
            return ZoneInfo(spec)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    raise ValueError(
        f"option timezone: unknown time zone {spec!r} "
        "(use an IANA name such as 'Europe/Moscow', an offset such as '+03:00', or 'auto')"
    )


CHECK = Check(
    id="posting-hours",
    title="Posts go out while the audience is awake",
    category="activity",
    severity="medium",
    fail_at="medium",  # a medium finding is an account posting mostly outside the hours: the check fails
    weight=1,
    run=audit,
    summary="The share of each account's recent posts published outside the audience's active hours.",
    why="A post published while the audience sleeps is buried by morning; night posts often mean a mis-set scheduler.",
    fix="Check the scheduler's time zone, then schedule posts into the hours the audience is online.",
    options=(
        Option(
            "timezone",
            str,
            AUTO,
            "The audience's time zone: an IANA name ('Europe/Moscow'), an offset ('+03:00'), or 'auto' "
            "(from client.target_regions when they lie in one known zone, else each post's own offset).",
        ),
        Option("active_from", str, "08:00", "Start of the audience's active hours, local time HH:MM (ours)."),
        Option("active_until", str, "23:00", "End of the active hours, HH:MM; before active_from wraps midnight."),
        Option(
            "warn_share",
            float,
            0.2,
            "Warn from this share of posts outside the active hours (ours).",
            minimum=0,
            maximum=1,
        ),
        Option(
            "fail_share",
            float,
            0.5,
            "Fail from this share of posts outside the active hours (ours).",
            minimum=0,
            maximum=1,
        ),
        Option("min_posts", int, 5, "Accounts with fewer dated posts in the window are not judged.", minimum=1),
        Option("window_days", int, 90, "Only posts of this many days before taken_at count.", minimum=1),
    ),
    sources=(
        "000 L277: the norm is an answer within one hour (nobody answers a post published at night).",
        "The rule and its thresholds are this plugin's own: the source articles give no posting hours.",
    ),
    requires=("accounts[].posts", "accounts[].posts[].published_at"),
    docs=__doc__ or "",
)


@hookimpl
def register_checks(register):  # type: ignore[no-untyped-def]
    register(CHECK)
