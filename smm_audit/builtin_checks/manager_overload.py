"""## What it checks

For every active team member, how many social accounts they run: the
accounts of this snapshot assigned to them (`team[].account_ids`) plus those
they run for other clients or employers (`accounts_elsewhere`). More than
`warn_accounts` is a warning, more than `max_accounts` a failure. When
`accounts_elsewhere` is not exported it counts as 0 and the total is a lower
bound: the finding and the metrics say so.

It also reports:

- a one-person team (exactly one active member) whose accounts span more than
  `max_platforms_solo` platforms;
- every account that no active member is assigned to: nobody runs it;
- every member who has left but is still assigned to accounts.

Without `team` the check is not_applicable; an empty `team` is taken as
known (every account is then unattended). A member is active when `status`
is `active`; when `status` is absent, they count as active unless a
`left_at` at or before `taken_at` says they left. The score is the mean over
active members of `min(1, warn_accounts / load)`, lowered by half the share
of unattended accounts, by 10% per leaver still assigned and by 10% for a
one-person team on too many platforms.

## Why it matters

- "One dedicated marketing specialist can effectively run no more than 2-4
  social media accounts" (002 L64). `max_accounts = 4` is the top of that
  range; `warn_accounts = 3` warns before it is reached (our choice inside
  the articles' range).
- "If the strategy is in the hands of one team member, let them focus on the
  three leading networks of your region" (002 L64): `max_platforms_solo = 3`.
- A cheap "experienced" freelancer is "torn between a hundred projects"
  (004 L63); handing SMM to someone who has other work fails (000 L249-251).
- An account nobody is assigned to is one nobody answers on; a member who left
  but is still listed hides that the work (and the access, see
  credential-policy) was never handed over (002 L72).

## Example

```json
"team": [{"id": "tm-irina", "name": "Irina", "status": "active",
          "account_ids": ["vk-zerno", "ig-zerno", "tg-zerno"],
          "accounts_elsewhere": 4}]
```

Irina runs 3 + 4 = 7 accounts, more than 4: a `high` finding at `/team/0`,
and the check fails. Had she run 4, it would only warn.

## How to fix

Give each person at most 2-4 accounts in total: hire or contract help, or
drop the networks that bring the least (002 L62-64). Assign every account to
an active member, and take people who left off their accounts (then change the
passwords they knew: credential-policy). Export `accounts_elsewhere` so the
load is known rather than a lower bound.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from smm_audit.api import Check, Finding, Option, Requirement, Result, Snapshot, hookimpl, parse_time, pointer

EVIDENCE_IDS = 10
"""At most this many account ids in a finding's evidence."""
METRIC_FIELDS = ("member", "accounts_here", "accounts_elsewhere", "total", "lower_bound")
"""What ``accounts_per_member`` says of each active member."""


def audit(snapshot: Snapshot, options: Mapping[str, Any]) -> Result:
    max_accounts = options["max_accounts"]
    warn_accounts = min(options["warn_accounts"], max_accounts)
    active = [i for i, member in enumerate(snapshot.team) if _is_active(snapshot, member)]
    loads = [_load(snapshot, i) for i in active]

    findings = [f for load in loads if (f := _overload_finding(load, warn_accounts, max_accounts))]
    platforms = sorted({account.platform for account in snapshot.accounts})
    solo = _solo_finding(snapshot, active, platforms, options["max_platforms_solo"])
    findings.extend([solo] if solo else [])
    unattended = _unattended_findings(snapshot, set(active))
    findings.extend(unattended)
    leavers = _leaver_findings(snapshot, set(active))
    findings.extend(leavers)

    busiest = max(loads, key=lambda load: (load["total"], load["member"]), default=None)
    metrics = {
        "members": len(snapshot.team),
        "active_members": len(active),
        "accounts": len(snapshot.accounts),
        "platforms": len(platforms),
        "busiest_member": busiest["member"] if busiest else None,
        "busiest_load": busiest["total"] if busiest else None,
        "overloaded_members": sum(1 for load in loads if load["total"] > warn_accounts),
        "unattended_accounts": len(unattended),
        "left_but_assigned": len(leavers),
        "loads_are_lower_bounds": any(load["lower_bound"] for load in loads),
        "accounts_per_member": [{k: load[k] for k in METRIC_FIELDS} for load in loads],
    }
    score = _score(snapshot, loads, warn_accounts, len(unattended), len(leavers), solo is not None)
    return Result(score=score, findings=findings, metrics=metrics)


def _is_active(snapshot: Snapshot, member: Mapping[str, Any]) -> bool:
    """``status`` decides; without it, a ``left_at`` at or before ``taken_at`` means the member left."""
    status = member.get("status")
    if status is not None:
        return status == "active"
    left_at = member.get("left_at")
    return left_at is None or parse_time(left_at) > snapshot.taken_at


def _label(member: Mapping[str, Any]) -> str:
    """``Irina (tm-irina)``, or the id alone when there is no name."""
    name = member.get("name")
    return f"{name} ({member['id']})" if name else member["id"]


def _accounts(count: int) -> str:
    """``1 account``, ``3 accounts``."""
    return f"{count} account" + ("" if count == 1 else "s")


def _load(snapshot: Snapshot, index: int) -> dict[str, Any]:
    """How many accounts the member at ``team[index]`` runs, here and elsewhere."""
    member = snapshot.team[index]
    here = list(dict.fromkeys(member.get("account_ids", ())))
    elsewhere = member.get("accounts_elsewhere")
    return {
        "member": member["id"],
        "label": _label(member),
        "index": index,
        "accounts_here": len(here),
        "accounts_elsewhere": elsewhere,
        "total": len(here) + (elsewhere or 0),
        "lower_bound": elsewhere is None,
        "account_ids": here[:EVIDENCE_IDS],
    }


def _overload_finding(load: dict[str, Any], warn_accounts: int, max_accounts: int) -> Finding | None:
    total = load["total"]
    if total <= warn_accounts:
        return None
    failing = total > max_accounts
    limit = max_accounts if failing else warn_accounts
    at_least = "at least " if load["lower_bound"] else ""
    elsewhere = "elsewhere unknown" if load["lower_bound"] else f"{load['accounts_elsewhere']} elsewhere"
    return Finding(
        f"{load['label']} runs {at_least}{total} accounts ({load['accounts_here']} here, {elsewhere}): "
        f"more than {limit}; one specialist can run no more than 2-4 (002 L64)",
        pointer.join("team", load["index"]),
        ("member", load["member"], "overload"),
        "high" if failing else "medium",
        evidence={
            "accounts_here": load["accounts_here"],
            "accounts_elsewhere": load["accounts_elsewhere"],
            "total": total,
            "lower_bound": load["lower_bound"],
            "account_ids": load["account_ids"],
        },
    )


def _solo_finding(
    snapshot: Snapshot, active: Sequence[int], platforms: Sequence[str], max_platforms: int
) -> Finding | None:
    """A one-person team spread over more platforms than it can focus on."""
    if len(active) != 1 or len(platforms) <= max_platforms:
        return None
    member = snapshot.team[active[0]]
    return Finding(
        f"{_label(member)} is the only active team member and the accounts span {len(platforms)} platforms "
        f"({', '.join(platforms)}): a one-person team should focus on the top {max_platforms} (002 L64)",
        pointer.join("team", active[0]),
        ("member", member["id"], "solo-too-many-platforms"),
        "medium",
        evidence={"platforms": list(platforms), "max_platforms_solo": max_platforms},
    )


def _unattended_findings(snapshot: Snapshot, active: set[int]) -> list[Finding]:
    """Accounts no active member is assigned to (noting those assigned only to people who left)."""
    runners: dict[str, list[int]] = {}
    for i, member in enumerate(snapshot.team):
        for account_id in member.get("account_ids", ()):
            runners.setdefault(account_id, []).append(i)
    findings = []
    for account in snapshot.accounts:
        assigned = runners.get(account.id, [])
        if any(i in active for i in assigned):
            continue
        former = [snapshot.team[i]["id"] for i in assigned]
        detail = (
            "only people who left are assigned to it (" + ", ".join(_label(snapshot.team[i]) for i in assigned) + ")"
            if former
            else "no team member is assigned to it"
        )
        findings.append(
            Finding(
                f"{account.label}: nobody runs it — {detail}",
                account.pointer,
                ("account", account.id, "unattended"),
                "medium",
                evidence={"former_members": former[:EVIDENCE_IDS]},
            )
        )
    return findings


def _leaver_findings(snapshot: Snapshot, active: set[int]) -> list[Finding]:
    """Members who left but are still assigned to accounts."""
    findings = []
    for i, member in enumerate(snapshot.team):
        account_ids = list(dict.fromkeys(member.get("account_ids", ())))
        if i in active or not account_ids:
            continue
        left_at = member.get("left_at")
        since = f" on {parse_time(left_at).date().isoformat()}" if left_at else ""
        labels = [snapshot.account_by_id[a].label for a in account_ids[:EVIDENCE_IDS] if a in snapshot.account_by_id]
        findings.append(
            Finding(
                f"{_label(member)} left{since} but is still assigned to {_accounts(len(account_ids))}: "
                + ", ".join(labels),
                pointer.join("team", i, "account_ids"),
                ("member", member["id"], "left-but-assigned"),
                "medium",
                evidence={"account_ids": account_ids[:EVIDENCE_IDS], "left_at": left_at},
            )
        )
    return findings


def _score(
    snapshot: Snapshot, loads: list[dict[str, Any]], warn_accounts: int, unattended: int, leavers: int, solo: bool
) -> float:
    """Mean per-member score (``warn_accounts / load`` above the limit), lowered by the other problems."""
    if loads:
        score = sum(min(1.0, warn_accounts / load["total"]) if load["total"] else 1.0 for load in loads) / len(loads)
    else:
        score = 0.0 if snapshot.accounts else 1.0
    if snapshot.accounts:
        score *= 1 - 0.5 * unattended / len(snapshot.accounts)
    score *= 0.9**leavers
    if solo:
        score *= 0.9
    return max(0.0, min(1.0, score))


CHECK = Check(
    id="manager-overload",
    title="No one runs too many accounts",
    category="team",
    severity="medium",
    weight=2,
    run=audit,
    summary="Accounts per active team member (here and elsewhere), unattended accounts, and leavers still assigned.",
    why="One specialist can effectively run no more than 2-4 social media accounts (002 L64).",
    fix="Keep each person at 2-4 accounts in total, assign every account to an active member, unassign leavers.",
    options=(
        Option(
            "max_accounts",
            int,
            4,
            "Fail when a member runs more than this many accounts in total (the top of '2-4', 002 L64).",
            minimum=1,
        ),
        Option(
            "warn_accounts",
            int,
            3,
            "Warn when a member runs more than this many accounts in total (ours, inside '2-4', 002 L64).",
            minimum=1,
        ),
        Option(
            "max_platforms_solo",
            int,
            3,
            "A one-person team should focus on this many platforms at most ('the top three', 002 L64).",
            minimum=1,
        ),
    ),
    sources=(
        "002 L64: one specialist can effectively run no more than 2-4 social media accounts; "
        "a one-person team should focus on the top three networks of its region.",
        "004 L63: a cheap 'experienced' freelancer is torn between a hundred projects.",
        "000 L249-251: SMM handed to someone with other work fails.",
        "002 L72: change access after employees leave.",
    ),
    requires=(Requirement("team", "export who runs the accounts"),),
    docs=__doc__ or "",
)


@hookimpl
def register_checks(register: Callable[[Check], None]) -> None:
    register(CHECK)
