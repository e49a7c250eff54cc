"""## What it checks

For every account with a `profile`, which parts of its public face are in
place, and whether the accounts share one handle across networks:

- **avatar**: `profile.avatar` is true;
- **cover**: `profile.cover` is true;
- **description**: `profile.description` has text;
- **website**: `profile.website` has text, or the description holds a link
  (`https://…`, `www.…`, or a bare mention of one of `client.domains`);
- **contacts**: `profile.contacts` has a line, or the description holds an
  e-mail address, a phone number (`+…` or `8 (…)`), an `@username` or a
  `t.me/` / `wa.me/` link;
- **discussions**: `settings.discussions_enabled` is true (counted only where
  the exporter gives it: `count_discussions`);
- **same handle**: the account's handle, normalised, is the one most accounts
  share (`compare_handles`).

**Unknown is not missing.** `avatar` and `cover` are flags the exporter
leaves out when it cannot read them: absent, they are left out of the
account's count. The texts (description, website, contacts) are exported
whenever they exist, so inside a given `profile` an absent or blank text is
missing. An account without `profile` is not judged on its parts; with no
profile anywhere (and fewer than two handles to compare) the check is
not_applicable.

**Per-platform exceptions.** Instagram, Telegram and TikTok have no cover
image (`no_cover_platforms`): the cover is not expected there. On Instagram
and TikTok a link in the bio text is not clickable, so only `profile.website`
counts as the site link there (`website_field_only_platforms`, 001 L543);
elsewhere (VK, Telegram channels, which have no separate website field, …) a
link in the description counts.

**Handles.** A handle is `handle`, or when absent the first path segment of
`url` when it is a chosen name (not `club123`, `id123`, `channel/…`,
`profile.php`, `joinchat`, `+invite`). They are compared lower-cased, without
a leading `@` and without dots, underscores and hyphens, so `Zerno.Coffee`,
`zerno_coffee` and `@zerno-coffee` are the same. The reference is the
normalised handle most accounts share (a tie goes to the shortest, then the
first alphabetically); each account whose handle differs is a **low** finding
that names it and the accounts it differs from. Two accounts on the same
network cannot share a handle, so an account is not reported when another
account on its network already holds the reference handle.

**Score**: for each account, the share of its expected parts present (each
part weighs the same; the handle counts as one part when at least two
accounts have a handle); the check's score is the mean over accounts. An
account with profile parts missing is a **low** finding listing them; with
less than `fail_below` of its profile parts present (the handle aside), the
finding is **medium** and the check fails. Handle differences alone warn.

**Metrics**: `accounts_checked`, `accounts_without_profile` (ids),
`parts_expected`, `parts_present`, `missing_by_part` (accounts missing each
part), `handles_compared`, `distinct_handles`, `reference_handle`
(normalised), `accounts_with_other_handle`, and per account its `share` and
the parts `present` and `missing`.

## Why it matters

- Setting up a community means decorating the cover and the avatar, adding
  descriptions, discussions, widgets, contacts, and links to the website and
  the other networks (004 L189).
- The group's address "must match the brand name and be the same on all
  social networks", short enough for a business card or a sign (000 L55);
  the description should be concise and say at once what the customer gains
  (000 L57).
- On Instagram the avatar is the first thing a prospective customer sees and
  the bio must give location, business, topic and the site link, "the only
  place on Instagram for an active link" (001 L539-543).

The parts come from the articles; `fail_below = 0.5`, equal weights and the
platform exceptions are ours (the platforms' own features, as of 2026).

## Example

```json
{"id": "tg-zerno", "platform": "telegram", "handle": "zerno_coffee_msk",
 "profile": {"description": "Новости кофейни Зерно. Магазин: zerno-coffee.ru/shop", "avatar": true}}
```

Next to `vk` and `instagram` accounts whose handle is `zerno.coffee`, this
channel has avatar, description and site link (in its description) but no
contacts, and its handle differs: a **low** finding "telegram
@zerno_coffee_msk: profile lacks contacts (3 of 4 parts present)" at
`/accounts/2/profile` and a **low** finding "handle 'zerno_coffee_msk'
differs from 'zerno.coffee' of vk @zerno.coffee, instagram @zerno.coffee" at
`/accounts/2/handle`; the check warns.

## How to fix

Fill in what is missing: an avatar and (where the network has one) a cover,
a short description that says what the customer gains, the site link (with
UTM tags, see missing-utm) and contacts: a phone or e-mail, or a messenger
username. Register the same short name on every network, even for accounts
you do not run yet, and rename the odd ones out where the network allows it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from smm_audit.api import Account, Check, Finding, Option, Result, Severity, Snapshot, hookimpl

PARTS = ("avatar", "cover", "description", "website", "contacts", "discussions", "same_handle")
"""The parts in the order findings list them."""

PLATFORMS = frozenset({"vk", "ok", "telegram", "instagram", "facebook", "youtube", "tiktok", "x", "other"})

_LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")
_PHONE = re.compile(r"(?<![\w/])(?:\+\d|8[\s(-]*\d{3})[\d\s().-]{6,}\d")
_MESSENGER = re.compile(r"(?<![\w.@])@[A-Za-z][\w.]{3,}|(?:t\.me|wa\.me|telegram\.me)/\S", re.IGNORECASE)
_HANDLE_SEPARATORS = re.compile(r"[._\-\s]+")
_URL_HANDLE = re.compile(r"^@?[\w.\-]{3,}$")
_NUMERIC_PAGE = re.compile(r"^(?:club|public|event|id)\d+$", re.IGNORECASE)
_NOT_HANDLES = frozenset(
    {"channel", "c", "user", "profile.php", "groups", "pages", "joinchat", "s", "share", "watch", "p", "reel"}
)


def audit(snapshot: Snapshot, options: Mapping[str, Any]) -> Result:
    for name in ("no_cover_platforms", "website_field_only_platforms"):
        _check_platforms(name, options[name])
    handles = _handles(snapshot) if options["compare_handles"] else {}
    profiled = [a for a in snapshot.accounts if a.has("profile")]
    if not profiled and len(handles) < 2:
        return Result.not_applicable(["accounts[].profile"])
    reference, odd, excused = _handle_verdicts(snapshot, handles) if len(handles) >= 2 else (None, [], set())
    findings: list[Finding] = []
    per_account: list[dict[str, Any]] = []
    for account in snapshot.accounts:
        parts = _parts(snapshot, account, options) if account.has("profile") else {}
        if account.id in handles and reference is not None and account.id not in excused:
            parts["same_handle"] = account.id not in odd
        if not parts:
            continue
        row = _account_row(account, parts)
        per_account.append(row)
        finding = _missing_finding(account, parts, options)
        if finding:
            findings.append(finding)
    findings.extend(_handle_finding(snapshot, snapshot.account_by_id[i], handles, reference) for i in odd)
    return _result(snapshot, findings, per_account, handles, reference, odd)


def _check_platforms(name: str, value: Any) -> None:
    """An option listing platforms must list known ones (a typo would silently change the verdict)."""
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        raise ValueError(f"option {name} must be a list of platform names")
    unknown = sorted(set(value) - PLATFORMS)
    if unknown:
        raise ValueError(f"option {name}: unknown platform(s) {', '.join(unknown)}")


def _parts(snapshot: Snapshot, account: Account, options: Mapping[str, Any]) -> dict[str, bool]:
    """Each expected, known part of the account's profile: present (True) or missing (False)."""
    profile = account.get("profile") or {}
    description = _text(profile.get("description"))
    parts: dict[str, bool] = {}
    if isinstance(profile.get("avatar"), bool):
        parts["avatar"] = profile["avatar"]
    if account.platform not in options["no_cover_platforms"] and isinstance(profile.get("cover"), bool):
        parts["cover"] = profile["cover"]
    parts["description"] = bool(description)
    link_in_text = account.platform not in options["website_field_only_platforms"] and _has_link(
        description, snapshot.client.get("domains", ())
    )
    parts["website"] = bool(_text(profile.get("website"))) or link_in_text
    contact_lines = [line for line in profile.get("contacts", ()) if _text(line)]
    parts["contacts"] = bool(contact_lines) or _has_contact(description)
    discussions = (account.get("settings") or {}).get("discussions_enabled")
    if options["count_discussions"] and isinstance(discussions, bool):
        parts["discussions"] = discussions
    return parts


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _has_link(text: str, domains: Sequence[str]) -> bool:
    """Whether the text holds a web link, or names one of the client's domains."""
    if not text:
        return False
    if _LINK.search(text):
        return True
    lowered = text.lower()
    return any(domain.lower() in lowered for domain in domains)


def _has_contact(text: str) -> bool:
    """Whether the text holds an e-mail, a phone number, an @username or a messenger link."""
    if not text:
        return False
    return bool(("@" in text and _EMAIL.search(text)) or _PHONE.search(text) or _MESSENGER.search(text))


def normalise_handle(handle: str) -> str:
    """``@Zerno.Coffee`` → ``zernocoffee``: lower case, no leading @, no dots, underscores or hyphens."""
    return _HANDLE_SEPARATORS.sub("", handle.strip().lstrip("@").lower())


def handle_of(account: Account) -> str | None:
    """The account's handle as written: ``handle``, else a chosen name in the first segment of ``url``."""
    handle = _text(account.get("handle"))
    if handle:
        return handle
    url = _text(account.get("url"))
    if not url:
        return None
    try:
        segments = [s for s in urlsplit(url).path.split("/") if s]
    except ValueError:
        return None
    if not segments:
        return None
    first = segments[0]
    if first.lower() in _NOT_HANDLES or first.startswith("+") or _NUMERIC_PAGE.match(first):
        return None
    return first if _URL_HANDLE.match(first) else None


def _handles(snapshot: Snapshot) -> dict[str, tuple[str, str]]:
    """Account id → (handle as written, normalised handle), for the accounts that have one."""
    found = {}
    for account in snapshot.accounts:
        handle = handle_of(account)
        if handle and normalise_handle(handle):
            found[account.id] = (handle, normalise_handle(handle))
    return found


def _handle_verdicts(snapshot: Snapshot, handles: Mapping[str, tuple[str, str]]) -> tuple[str, list[str], set[str]]:
    """The reference handle, the accounts that differ from it, and those excused (their network has it already)."""
    counts = Counter(normalised for _, normalised in handles.values())
    reference = min(counts, key=lambda h: (-counts[h], len(h), h))
    holders = {snapshot.account_by_id[i].platform for i, (_, n) in handles.items() if n == reference}
    odd, excused = [], set()
    for account_id, (_, normalised) in handles.items():
        if normalised == reference:
            continue
        if snapshot.account_by_id[account_id].platform in holders:
            excused.add(account_id)
        else:
            odd.append(account_id)
    return reference, odd, excused


def _account_row(account: Account, parts: Mapping[str, bool]) -> dict[str, Any]:
    present = [p for p in PARTS if parts.get(p) is True]
    missing = [p for p in PARTS if parts.get(p) is False]
    return {
        "account": account.id,
        "platform": account.platform,
        "share": round(len(present) / len(parts), 4),
        "present": present,
        "missing": missing,
    }


def _missing_finding(account: Account, parts: Mapping[str, bool], options: Mapping[str, Any]) -> Finding | None:
    """One finding per account listing its missing profile parts; the handle has its own finding."""
    profile_parts = {name: value for name, value in parts.items() if name != "same_handle"}
    missing = [p for p in PARTS if profile_parts.get(p) is False]
    if not missing:
        return None
    present = sum(1 for value in profile_parts.values() if value)
    share = present / len(profile_parts)
    severity: Severity = "medium" if share < options["fail_below"] else "low"
    return Finding(
        f"{account.label}: profile lacks {', '.join(missing)} ({present} of {len(profile_parts)} parts present)",
        account.child("profile"),
        ("account", account.id, "profile-incomplete", *missing),
        severity,
        evidence={"missing": missing, "share_present": round(share, 4)},
    )


def _handle_finding(
    snapshot: Snapshot, account: Account, handles: Mapping[str, tuple[str, str]], reference: str | None
) -> Finding:
    """The account whose handle differs, named with the accounts that share the reference handle."""
    written, normalised = handles[account.id]
    holders = [i for i, (_, n) in handles.items() if n == reference]
    shown = sorted(handles[i][0] for i in holders)[0]
    labels = ", ".join(snapshot.account_by_id[i].label for i in holders[:5]) + (", …" if len(holders) > 5 else "")
    return Finding(
        f"{account.label}: handle '{written}' differs from '{shown}' of {labels}",
        account.child("handle") if account.has("handle") else account.child("url"),
        ("account", account.id, "handle-differs"),
        "low",
        evidence={
            "handle": written,
            "normalised": normalised,
            "reference": reference,
            "reference_accounts": holders[:5],
        },
    )


def _result(
    snapshot: Snapshot,
    findings: list[Finding],
    per_account: list[dict[str, Any]],
    handles: Mapping[str, tuple[str, str]],
    reference: str | None,
    odd: list[str],
) -> Result:
    missing_by_part = {p: sum(1 for row in per_account if p in row["missing"]) for p in PARTS}
    metrics = {
        "accounts_checked": len(per_account),
        "accounts_without_profile": [a.id for a in snapshot.accounts if not a.has("profile")][:20],
        "parts_expected": sum(len(row["present"]) + len(row["missing"]) for row in per_account),
        "parts_present": sum(len(row["present"]) for row in per_account),
        "missing_by_part": missing_by_part,
        "handles_compared": len(handles) if reference is not None else 0,
        "distinct_handles": len({n for _, n in handles.values()}) if reference is not None else 0,
        "reference_handle": reference,
        "accounts_with_other_handle": odd[:20],
        "accounts": per_account,
    }
    shares = [len(row["present"]) / (len(row["present"]) + len(row["missing"])) for row in per_account]
    score = sum(shares) / len(shares) if shares else 1.0
    return Result(score=score, findings=findings, metrics=metrics)


CHECK = Check(
    id="profile-completeness",
    title="Profiles are complete and share one handle",
    category="profile",
    severity="low",
    weight=1,
    fail_at="medium",  # a profile under fail_below is medium, and that is a failing profile
    run=audit,
    summary="Avatar, cover, description, site link, contacts and discussions of each profile, "
    "and the same handle on every network.",
    why="A community is set up with cover, avatar, description, contacts and site links (004 L189), under an "
    "address that is the same on every network (000 L55).",
    fix="Fill in the missing profile parts and register the same short handle on every network.",
    options=(
        Option(
            "fail_below",
            float,
            0.5,
            "An account with less than this share of its profile parts present (the handle aside) fails (ours).",
            minimum=0,
            maximum=1,
        ),
        Option(
            "no_cover_platforms",
            list,
            ["instagram", "telegram", "tiktok"],
            "Platforms that have no cover image: the cover is not expected there (ours, from the platforms' features).",
        ),
        Option(
            "website_field_only_platforms",
            list,
            ["instagram", "tiktok"],
            "Platforms where a link in the bio text is not clickable: only profile.website counts (001 L543).",
        ),
        Option(
            "count_discussions",
            bool,
            True,
            "Count discussions as a part where settings.discussions_enabled is given (004 L189).",
        ),
        Option("compare_handles", bool, True, "Report accounts whose handle differs from the others' (000 L55)."),
    ),
    sources=(
        "004 L189: cover, avatar, description, discussions, widgets, contacts, links to the site and networks.",
        "000 L53-58: name = brand + main keyword; the same address on every network; a concise description.",
        "001 L539-543: Instagram avatar first; bio with location, business, topic and the site link.",
    ),
    reads=("accounts[].profile",),
    docs=__doc__ or "",
)


@hookimpl
def register_checks(register: Callable[[Check], None]) -> None:
    register(CHECK)
