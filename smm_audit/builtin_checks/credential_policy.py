"""## What it checks

The client's inventory of logins (`credentials`) against the policy of
002 L70-72 and 000 L251-255:

- **Inventory**: every account has at least one credential record (high).
- **Reuse**: one password on two or more accounts, by `password.fingerprint`
  or by the SHA-256 of a plaintext password (high, one finding per group).
- **Plaintext**: a `password.plaintext` in the snapshot is itself critical:
  store fingerprints only. Its value never appears in any finding, metric or
  message (the messages say "a plaintext password is stored for …").
- **Weak**: a plaintext password shorter than `min_length` or found in the
  bundled list of the 10,000 most common passwords (SecLists, MIT), matched by
  plaintext (also case-insensitively) or by SHA-256 fingerprint; or a
  `password.length` below `min_length` when only the length is known (high).
- **Leavers**: a holder whose team `status` is `left`, or whose `left_at` is
  after the password's `last_changed_at` (or the change date is unknown), is
  critical.
- **Second factor**: `two_factor: false` is high; absent is info (unknown).
- **Age**: a `last_changed_at` older than `max_age_days` is low.
- **Ownership**: an account owned by a freelancer or an employee, or run as a
  `personal_profile`, is high; a `recovery_email` outside `client.domains`
  (and their subdomains) is medium; more holders than `max_holders` is low.

The check fails on a high or critical finding, warns on medium or low ones,
and passes when only info findings remain. The score starts at 1 and each
finding multiplies it by 0.5 (critical), 0.75 (high), 0.9 (medium), 0.95
(low) or 1 (info). Without `credentials` it is
not_applicable; it also reads `team` (holders' status and `left_at`),
`accounts[].owner`, `accounts[].kind` and `client.domains` (without domains
the recovery e-mails are not judged, and the metrics count them).

## Why it matters

- The policy must "restrict access to these accounts and keep a list of all
  accounts, usernames and passwords"; "make sure the credentials are different
  for each account and change passwords regularly, especially after employees
  leave: one post by a disgruntled colleague can become a nightmare"
  (002 L70-72).
- "After quitting, your employee can easily take over all your communities"
  (000 L253); communities created by (former) employees should be re-created
  or their rights transferred formally (000 L255). A freelancer "may stop
  answering you or delete the account. Yes, this happens" (004 L61). Personal
  profiles used instead of business pages get blocked (000 L251).
- Social accounts are among the most likely to be hacked (001 L162).

The articles give no length, rotation interval or holder count; the defaults
are ours, following NIST SP 800-63B where it speaks: `min_length = 12` (NIST
asks for at least 8, and 15 where a password is the only factor), passwords
checked against lists of known common and breached ones, a second factor.
`max_age_days = 365` is ours and only a low finding: NIST SP 800-63B
recommends *against* changing passwords on a calendar and asks for a change
when compromise is suspected, which is what the leaver rule enforces.
`max_holders = 3` is ours ("restrict access", 002 L70).

## Example

```json
"credentials": [
  {"account_id": "vk-zerno", "login": "a.zernov@zerno-coffee.ru",
   "holders": ["tm-irina", "tm-dmitry"],
   "password": {"fingerprint": "8d969eef6ecad3c29a3a629280e686cf0c3f5d5a86aff3ca12020c923adc6c92"},
   "two_factor": false, "last_changed_at": "2026-03-14T11:20:00+03:00"}
]
```

With Dmitry `left` on 2026-08-20, this gives a critical finding (he left
after the last change), a high one for the fingerprint, which is the SHA-256
of `123456`, and a high one for the second factor being off.

## How to fix

Keep one record per login in a password manager the client controls, with a
different long password per account (a generated passphrase of 16+
characters), a second factor on every login, and recovery e-mails on the
client's own domain. When someone leaves, change every password they knew
and take them off the holders the same day. Move accounts owned by a
freelancer or an employee to the client (or to a business page) by a formal
transfer of rights, and export fingerprints, never passwords.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from smm_audit.api import (
    Account,
    Check,
    Finding,
    Option,
    Requirement,
    Result,
    Snapshot,
    hookimpl,
    parse_time,
    pointer,
    scrubbed,
)

COMMON_PASSWORDS = "common_passwords.txt"
EVIDENCE_IDS = 10
"""At most this many ids in a finding's evidence."""
SEVERITY_COST = {"critical": 0.5, "high": 0.25, "medium": 0.1, "low": 0.05, "info": 0.0}
"""How much of the score each finding takes away (multiplicatively)."""
STAFF_OWNERS = ("freelancer", "employee")


def audit(snapshot: Snapshot, options: Mapping[str, Any]) -> Result:
    credentials = snapshot.credentials
    plaintexts = [p for c in credentials if isinstance(p := (c.get("password") or {}).get("plaintext"), str) and p]
    names = _credential_names(credentials, plaintexts)
    counts: dict[str, int] = dict.fromkeys(
        ("plaintext", "weak", "leavers", "two_factor_off", "two_factor_unknown", "stale", "change_date_unknown"), 0
    )
    counts.update(recovery_outside=0, recovery_unchecked=0, too_many_holders=0)

    findings = _inventory(snapshot) + _ownership(snapshot)
    domains = _client_domains(snapshot)
    for index, credential in enumerate(credentials):
        account = snapshot.account_by_id[credential["account_id"]]
        where = _Where(index, account, names[index], _describe(account, credential, plaintexts))
        findings.extend(_password_findings(where, credential, options, counts))
        findings.extend(_leaver_findings(snapshot, where, credential, counts))
        findings.extend(_access_findings(snapshot, where, credential, options, domains, counts))
    reuse = _reuse_findings(snapshot, credentials)
    findings.extend(reuse)
    findings = [_scrubbed_finding(finding) for finding in findings]

    metrics = _metrics(snapshot, findings, reuse, counts)
    score = 1.0
    for finding in findings:
        score *= 1 - SEVERITY_COST[finding.severity or "high"]
    return Result(score=score, findings=findings, metrics=_scrubbed(metrics))


class _Where:
    """One credential: its position, its account, its stable name (for keys) and how messages describe it."""

    def __init__(self, index: int, account: Account, name: str, description: str) -> None:
        self.index = index
        self.account = account
        self.name = name
        self.description = description

    def pointer(self, *tokens: str | int) -> str:
        return pointer.join("credentials", self.index, *tokens)

    def key(self, *parts: str) -> tuple[str, ...]:
        return ("credential", self.account.id, self.name, *parts)


# --- the bundled list of common passwords -----------------------------------------------------------------------


def _common_text() -> str:
    """The bundled list, as a package resource (or beside this file when loaded outside the package)."""
    if __package__:
        from smm_audit import bundled

        return bundled.read_text(__package__, "data", COMMON_PASSWORDS)
    return (Path(__file__).with_name("data") / COMMON_PASSWORDS).read_text(encoding="utf-8")


@cache
def _listed() -> tuple[frozenset[str], frozenset[str]]:
    """The common passwords as listed and lower-cased; read once, on first use."""
    words = frozenset(line for line in _common_text().splitlines() if line and not line.startswith("#"))
    return words, frozenset(w.lower() for w in words)


@cache
def _fingerprints() -> frozenset[str]:
    """The SHA-256 hex fingerprints of the common passwords: made when a fingerprint is first compared (5 ms)."""
    return frozenset(_sha256(w) for w in _listed()[0])


@cache
def common_passwords() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The common passwords as listed, lower-cased, and as SHA-256 hex fingerprints; read once, on first use."""
    return (*_listed(), _fingerprints())


def _sha256(text: str) -> str:
    """The fingerprint of a password: SHA-256 of its UTF-8 bytes, lower-case hex (never raises)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _is_common(plaintext: str) -> bool:
    words, lowered = _listed()
    return plaintext in words or plaintext.lower() in lowered


# --- secrets never leave -------------------------------------------------------------------------------------------


def _scrubbed(value: Any) -> Any:
    """``value`` with the snapshot's secrets masked in every string, at any depth (the engine's redactor)."""
    if isinstance(value, str):
        return scrubbed(value)
    if isinstance(value, Mapping):
        return {key: _scrubbed(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_scrubbed(item) for item in value]
    return value


def _scrubbed_finding(finding: Finding) -> Finding:
    """The finding with every secret masked: its message, key, evidence and fix, before it leaves the check."""
    return Finding(
        scrubbed(finding.message),
        finding.location,
        tuple(scrubbed(part) for part in finding.key),
        finding.severity,
        evidence=_scrubbed(dict(finding.evidence)),
        fix=None if finding.fix is None else scrubbed(finding.fix),
    )


def _credential_names(credentials: Sequence[Mapping[str, Any]], plaintexts: Sequence[str]) -> list[str]:
    """A stable name per credential within its account: its login, or ``#n`` among the account's credentials
    without a usable login (none, or one that overlaps a plaintext password)."""
    names = []
    unnamed: dict[str, int] = {}
    for credential in credentials:
        login = credential.get("login")
        if login and not _overlaps(login, plaintexts):
            names.append(f"login:{login}")
        else:
            n = unnamed[credential["account_id"]] = unnamed.get(credential["account_id"], 0) + 1
            names.append(f"#{n}")
    return names


def _overlaps(login: str, plaintexts: Sequence[str]) -> bool:
    """Whether the login contains a plaintext password or is part of one."""
    return any(secret in login or login in secret for secret in plaintexts)


def _describe(account: Account, credential: Mapping[str, Any], plaintexts: Sequence[str]) -> str:
    """``vk @zerno (login admin@zerno.ru)``; the login is left out when it overlaps any plaintext password."""
    login = credential.get("login")
    if not login:
        return f"{account.label} (a credential without a login)"
    if _overlaps(login, plaintexts):
        return f"{account.label} (a login withheld: it overlaps the password)"
    return f"{account.label} (login {login})"


# --- the rules -------------------------------------------------------------------------------------------------------


def _inventory(snapshot: Snapshot) -> list[Finding]:
    """Accounts without any credential record."""
    recorded = {credential["account_id"] for credential in snapshot.credentials}
    return [
        Finding(
            f"{account.label}: no credential record — the list of accounts and logins must cover it (002 L70)",
            account.pointer,
            ("account", account.id, "no-credential"),
            "high",
        )
        for account in snapshot.accounts
        if account.id not in recorded
    ]


def _ownership(snapshot: Snapshot) -> list[Finding]:
    """Accounts owned by a freelancer or an employee, and personal profiles run for the brand."""
    findings = []
    for account in snapshot.accounts:
        owner = account.get("owner") or {}
        owner_type = owner.get("type")
        if owner_type in STAFF_OWNERS:
            who = f" ({owner['name']})" if owner.get("name") else ""
            findings.append(
                Finding(
                    f"{account.label} is owned by a{'n' if owner_type == 'employee' else ''} {owner_type}{who}, "
                    f"not the client: they can leave with it or delete it (004 L61, 000 L253-255)",
                    account.child("owner"),
                    ("account", account.id, f"owned-by-{owner_type}"),
                    "high",
                    evidence={"owner_type": owner_type},
                )
            )
        if account.get("kind") == "personal_profile":
            findings.append(
                Finding(
                    f"{account.label} is a personal profile, not a business page: such profiles get blocked "
                    f"and belong to the person (000 L251)",
                    account.child("kind"),
                    ("account", account.id, "personal-profile"),
                    "high",
                )
            )
    return findings


def _password_findings(
    where: _Where, credential: Mapping[str, Any], options: Mapping[str, Any], counts: dict[str, int]
) -> list[Finding]:
    """Plaintext stored (critical) and weak passwords (high)."""
    password = credential.get("password") or {}
    plaintext = password.get("plaintext")
    findings = []
    if isinstance(plaintext, str):
        counts["plaintext"] += 1
        findings.append(
            Finding(
                f"a plaintext password is stored for {where.description}: export fingerprints only, "
                f"and change this password — it has been copied around in clear",
                where.pointer("password", "plaintext"),
                where.key("plaintext"),
                "critical",
            )
        )
    reasons = _weakness(password, options["min_length"])
    if reasons:
        counts["weak"] += 1
        findings.append(
            Finding(
                f"weak password for {where.description}: " + "; ".join(text for _, text in reasons),
                where.pointer("password"),
                where.key("weak"),
                "high",
                evidence={"reasons": [code for code, _ in reasons], "min_length": options["min_length"]},
            )
        )
    return findings


def _weakness(password: Mapping[str, Any], min_length: int) -> list[tuple[str, str]]:
    """Why the password is weak, as (code, text) pairs; empty when nothing says it is."""
    plaintext = password.get("plaintext")
    fingerprint = password.get("fingerprint")
    length = password.get("length")
    reasons = []
    if isinstance(plaintext, str):
        if len(plaintext) < min_length:
            reasons.append(("too-short", f"shorter than {min_length} characters"))
        if _is_common(plaintext):
            reasons.append(("common-password", "it is in the list of the most common passwords"))
    elif isinstance(length, int) and length < min_length:
        reasons.append(("too-short", f"{length} characters long, fewer than {min_length}"))
    common = any(code == "common-password" for code, _ in reasons)
    if not common and isinstance(fingerprint, str) and fingerprint.lower() in _fingerprints():
        reasons.append(("common-password", "its fingerprint is that of one of the most common passwords"))
    return reasons


def _leaver_findings(
    snapshot: Snapshot, where: _Where, credential: Mapping[str, Any], counts: dict[str, int]
) -> list[Finding]:
    """Holders who left and may still know the password (critical)."""
    changed_at = credential.get("last_changed_at")
    changed = parse_time(changed_at) if changed_at else None
    findings = []
    for j, holder in enumerate(credential.get("holders", ())):
        index = snapshot.member_index.get(holder)
        if index is None:
            continue
        member = snapshot.team[index]
        reason = _leaver_reason(snapshot, member, changed)
        if reason is None:
            continue
        counts["leavers"] += 1
        name = f"{member['name']} ({holder})" if member.get("name") else holder
        findings.append(
            Finding(
                f"{where.description}: {name} {reason} — change the password and revoke their access (002 L72)",
                where.pointer("holders", j),
                where.key("leaver", holder),
                "critical",
                evidence={"holder": holder, "left_at": member.get("left_at"), "last_changed_at": changed_at},
            )
        )
    return findings


def _leaver_reason(snapshot: Snapshot, member: Mapping[str, Any], changed: Any) -> str | None:
    """Why this holder is a leaver who may still know the password, or None."""
    left_at = member.get("left_at")
    left = parse_time(left_at) if left_at else None
    since = f" on {left.date().isoformat()}" if left else ""
    if left is not None and left > snapshot.taken_at:
        left = None  # a departure still to come is not one yet
    not_changed = changed is None or (left is not None and left > changed)
    if changed is None:
        tail = "and the password's last change is unknown"
    elif left is not None and left > changed:
        tail = f"and the password was last changed before that, on {changed.date().isoformat()}"
    else:
        tail = "and is still listed as knowing the password"
    if member.get("status") == "left":
        return f"left{since} {tail}"
    if left is not None and not_changed:
        return f"left{since} {tail}"
    return None


def _access_findings(
    snapshot: Snapshot,
    where: _Where,
    credential: Mapping[str, Any],
    options: Mapping[str, Any],
    domains: tuple[str, ...] | None,
    counts: dict[str, int],
) -> list[Finding]:
    """Second factor, password age, recovery e-mail and number of holders."""
    findings = []
    two_factor = credential.get("two_factor")
    if two_factor is False:
        counts["two_factor_off"] += 1
        findings.append(
            Finding(
                f"{where.description}: the second factor is off — social accounts are among the most hacked (001 L162)",
                where.pointer("two_factor"),
                where.key("two-factor-off"),
                "high",
            )
        )
    elif two_factor is None:
        counts["two_factor_unknown"] += 1
        findings.append(
            Finding(
                f"{where.description}: whether a second factor is on is unknown",
                where.pointer(),
                where.key("two-factor-unknown"),
                "info",
            )
        )
    findings.extend(_age_finding(snapshot, where, credential, options["max_age_days"], counts))
    findings.extend(_recovery_finding(where, credential, domains, counts))
    holders = credential.get("holders", ())
    if len(holders) > options["max_holders"]:
        counts["too_many_holders"] += 1
        findings.append(
            Finding(
                f"{where.description}: {len(holders)} people know the password, more than {options['max_holders']} "
                f"— restrict access (002 L70)",
                where.pointer("holders"),
                where.key("too-many-holders"),
                "low",
                evidence={"holders": list(holders[:EVIDENCE_IDS]), "count": len(holders)},
            )
        )
    return findings


def _age_finding(
    snapshot: Snapshot, where: _Where, credential: Mapping[str, Any], max_age_days: int, counts: dict[str, int]
) -> list[Finding]:
    changed_at = credential.get("last_changed_at")
    if not changed_at:
        counts["change_date_unknown"] += 1
        return []
    age = snapshot.days_since(changed_at)
    if age <= max_age_days:
        return []
    counts["stale"] += 1
    return [
        Finding(
            f"{where.description}: the password was last changed {age:.0f} days ago "
            f"({parse_time(changed_at).date().isoformat()}), more than {max_age_days}",
            where.pointer("last_changed_at"),
            where.key("stale"),
            "low",
            evidence={"last_changed_at": changed_at, "age_days": round(age, 1)},
        )
    ]


def _host(name: str) -> str:
    """A host name compared as ASCII: lower case, no trailing dot, IDNs in punycode."""
    host = name.strip().lower().rstrip(".")
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def _client_domains(snapshot: Snapshot) -> tuple[str, ...] | None:
    """The client's domains as ASCII hosts without ``www.``, or None when the snapshot does not say."""
    domains = snapshot.client.get("domains")
    if domains is None:
        return None
    hosts = (_host(domain) for domain in domains)
    return tuple(host[4:] if host.startswith("www.") else host for host in hosts)


def _recovery_finding(
    where: _Where, credential: Mapping[str, Any], domains: tuple[str, ...] | None, counts: dict[str, int]
) -> list[Finding]:
    email = credential.get("recovery_email")
    if not email:
        return []
    if domains is None:
        counts["recovery_unchecked"] += 1
        return []
    domain = _host(email.rsplit("@", 1)[1]) if "@" in email else ""
    if domain and any(domain == d or domain.endswith("." + d) for d in domains):
        return []
    counts["recovery_outside"] += 1
    shown = domain or "no domain at all"
    return [
        Finding(
            f"{where.description}: the recovery e-mail is on {shown}, outside the client's domains "
            f"({', '.join(domains)}) — whoever holds that mailbox can take the account",
            where.pointer("recovery_email"),
            where.key("recovery-outside"),
            "medium",
            evidence={"recovery_domain": domain, "client_domains": list(domains[:EVIDENCE_IDS])},
        )
    ]


def _reuse_findings(snapshot: Snapshot, credentials: Sequence[Mapping[str, Any]]) -> list[Finding]:
    """One finding per set of accounts that share a password (by fingerprint or plaintext)."""
    by_digest: dict[str, list[int]] = {}
    for index, credential in enumerate(credentials):
        for digest in _digests(credential.get("password") or {}):
            by_digest.setdefault(digest, []).append(index)
    groups: dict[tuple[str, ...], list[int]] = {}
    for indexes in by_digest.values():
        account_ids = tuple(sorted({credentials[i]["account_id"] for i in indexes}))
        if len(account_ids) >= 2:
            groups.setdefault(account_ids, []).extend(indexes)
    findings = []
    for account_ids, indexes in sorted(groups.items()):
        labels = [snapshot.account_by_id[a].label for a in account_ids[:EVIDENCE_IDS]]
        more = f" and {len(account_ids) - EVIDENCE_IDS} more" if len(account_ids) > EVIDENCE_IDS else ""
        findings.append(
            Finding(
                f"the same password opens {len(account_ids)} accounts: {', '.join(labels)}{more} — "
                f"use different credentials for each account (002 L72)",
                pointer.join("credentials", min(indexes), "password"),
                ("password-reuse", *account_ids),
                "high",
                evidence={"account_ids": list(account_ids[:EVIDENCE_IDS]), "accounts": len(account_ids)},
            )
        )
    return findings


def _digests(password: Mapping[str, Any]) -> set[str]:
    """The fingerprints a password is known by: the exported one and that of its plaintext."""
    digests = set()
    fingerprint = password.get("fingerprint")
    if isinstance(fingerprint, str) and fingerprint:
        digests.add(fingerprint.lower())
    plaintext = password.get("plaintext")
    if isinstance(plaintext, str):
        digests.add(_sha256(plaintext))
    return digests


def _metrics(
    snapshot: Snapshot, findings: Iterable[Finding], reuse: Sequence[Finding], counts: dict[str, int]
) -> dict[str, Any]:
    keys = [finding.key for finding in findings]
    holders = [len(credential.get("holders", ())) for credential in snapshot.credentials]
    return {
        "accounts": len(snapshot.accounts),
        "credentials": len(snapshot.credentials),
        "accounts_without_credential": sum(1 for key in keys if key[-1:] == ("no-credential",)),
        "plaintext_passwords": counts["plaintext"],
        "reused_password_groups": len(reuse),
        "accounts_sharing_a_password": len({a for finding in reuse for a in finding.key[1:]}),
        "weak_passwords": counts["weak"],
        "leaver_holders": counts["leavers"],
        "two_factor_off": counts["two_factor_off"],
        "two_factor_unknown": counts["two_factor_unknown"],
        "passwords_older_than_max_age": counts["stale"],
        "change_date_unknown": counts["change_date_unknown"],
        "staff_owned_accounts": sum(1 for key in keys if key[-1] in ("owned-by-freelancer", "owned-by-employee")),
        "personal_profiles": sum(1 for key in keys if key[-1:] == ("personal-profile",)),
        "recovery_outside_domains": counts["recovery_outside"],
        "recovery_unchecked_without_domains": counts["recovery_unchecked"],
        "credentials_over_max_holders": counts["too_many_holders"],
        "max_holders_on_a_credential": max(holders, default=0),
    }


CHECK = Check(
    id="credential-policy",
    title="Logins are inventoried, unique, strong and owned by the client",
    category="security",
    severity="high",
    weight=3,
    run=audit,
    summary="Credential inventory, reused/weak/plaintext passwords, leavers who still know them, "
    "second factor, password age, and who owns each account.",
    why="Keep a list of all logins, a different password per account, and change them after anyone leaves: "
    "one post by a disgruntled colleague can become a nightmare (002 L70-72, 000 L253).",
    fix="Keep logins in a client-owned password manager with a unique long password and a second factor each; "
    "change what leavers knew; move accounts to the client's ownership.",
    options=(
        Option(
            "min_length",
            int,
            12,
            "Passwords shorter than this are weak (ours; NIST SP 800-63B asks for at least 8, 15 as a sole factor).",
            minimum=1,
        ),
        Option(
            "max_age_days",
            int,
            365,
            "A password unchanged for longer is a low finding (ours; NIST SP 800-63B prefers change on suspicion).",
            minimum=1,
        ),
        Option(
            "max_holders",
            int,
            3,
            "More people than this knowing one password is a low finding (ours: 'restrict access', 002 L70).",
            minimum=1,
        ),
    ),
    sources=(
        "002 L70: restrict access to the accounts and keep a list of all accounts, usernames and passwords.",
        "002 L72: different credentials for each account; change passwords especially after employees leave.",
        "000 L251: personal profiles used instead of business pages get blocked.",
        "000 L253-255: a former employee can take over the communities; transfer rights formally.",
        "004 L61: a freelancer may stop answering or delete the account.",
        "001 L162: social media accounts are among the most likely to be hacked.",
        "NIST SP 800-63B: check passwords against common/breached lists, use a second factor, "
        "change on suspicion of compromise rather than on a calendar.",
        "Common passwords: SecLists 10-million-password-list-top-10000 (MIT).",
    ),
    requires=(Requirement("credentials", "export the list of accounts and logins (002 L70)"),),
    docs=__doc__ or "",
)


@hookimpl
def register_checks(register: Callable[[Check], None]) -> None:
    register(CHECK)
