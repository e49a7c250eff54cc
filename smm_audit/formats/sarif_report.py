"""The SARIF 2.1.0 report: for GitHub code scanning and any SARIF viewer.

One run; one rule per check (``tool.driver.rules``) and one result per finding,
located in the snapshot file (``region.startLine`` when the entity's line is
known) and by its JSON pointer (a logical location), with the finding's
fingerprint in ``partialFingerprints``. Levels: critical and high are
``error``, medium ``warning``, low and info ``note``; each rule's
``properties.security-severity`` (GitHub's 0-10 scale: 9.5, 8.0, 5.5, 2.0)
tells critical from high in GitHub's severity column.

Checks that errored or were not applicable become tool execution notifications
of the run's invocation. The file validates against the OASIS schema
(tests/data/sarif-schema-2.1.0.json) and stays within what GitHub code
scanning keeps (the top 5,000 results a run: the worst are kept, and a
notification says how many were left out). No time, no GUID, no absolute path that the report does not
have: the same report gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from smm_audit.api import Format, hookimpl, severity_rank
from smm_audit.formats.json_report import dumps

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "smmAudit/v1"
MAX_RESULTS = 5_000
"""GitHub code scanning keeps the top 5,000 results of a run (and rejects a run of more than 25,000)."""

LEVELS = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "2.0"}
"""GitHub's ``security-severity`` (over 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low); info has none."""
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def level(severity: str) -> str:
    return LEVELS[severity]


def rule_name(check_id: str) -> str:
    """``my-house-rule`` → ``MyHouseRule``."""
    return "".join(part[:1].upper() + part[1:] for part in check_id.split("-"))


def artifact_location(source: str) -> dict[str, str]:
    """Where the snapshot is, as SARIF wants it: a relative path against SRCROOT, or an absolute URI.

    A relative path (the usual case in CI, run from the repository's root) is
    percent-encoded and based on ``SRCROOT``, which GitHub resolves to the
    checkout; an absolute path is a ``file:`` URI; a URL is kept; ``<stdin>``
    (not a URI) is percent-encoded so that the file stays a valid SARIF log.
    """
    if _URL.match(source):
        return {"uri": _quote(source, safe=":/?#[]@!$&'()*+,;=%~")}
    if source == "<stdin>":
        return {"uri": _quote(source, safe="")}
    path = PurePath(source)
    if path.is_absolute():
        try:
            return {"uri": path.as_uri()}
        except ValueError:  # a lone surrogate that is not a surrogate-escaped byte
            return {"uri": "file://" + _quote(path.as_posix(), safe="/")}
    return {"uri": _quote(path.as_posix(), safe="/"), "uriBaseId": "SRCROOT"}


def _quote(text: str, safe: str) -> str:
    """Percent-encode UTF-8; a file name that is not UTF-8 (surrogate-escaped by Python) keeps its own bytes."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogatepass")
    return quote(raw, safe=safe)


def _text(value: str) -> str:
    """A lone surrogate (from bad input) cannot be UTF-8 encoded: it becomes U+FFFD."""
    return _LONE_SURROGATE.sub("\ufffd", value)


def _md(value: str) -> str:
    """Plugin text inside rule help Markdown: no raw HTML, no line breaks that would start a block."""
    return " ".join(value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").split())


def _rule(check: Mapping[str, Any]) -> dict[str, Any]:
    help_text = f"{check['fix']}\n\nWhy: {check['why']}"
    help_md = f"**How to fix:** {_md(check['fix'])}\n\n**Why it matters:** {_md(check['why'])}"
    return {
        "id": check["id"],
        "name": rule_name(check["id"]),
        "shortDescription": {"text": check["title"]},
        "fullDescription": {"text": check["summary"]},
        "help": {"text": help_text, "markdown": help_md},
        "defaultConfiguration": {"level": level(check["severity"])},
        "properties": {
            "category": check["category"],
            "severity": check["severity"],
            "weight": check["weight"],
            "tags": [check["category"]],
            **_security_severity(check["severity"]),
        },
    }


def _security_severity(severity: str) -> dict[str, str]:
    value = SECURITY_SEVERITY.get(severity)
    return {"security-severity": value} if value else {}


def _result(
    check: Mapping[str, Any], rule_index: int, finding: Mapping[str, Any], location: Mapping[str, str], baseline: bool
) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {**location, "index": 0}}
    line = finding.get("line")
    if isinstance(line, int) and not isinstance(line, bool) and line >= 1:
        physical["region"] = {"startLine": line}
    where: dict[str, Any] = {"physicalLocation": physical}
    if finding["location"]:
        where["logicalLocations"] = [{"fullyQualifiedName": finding["location"], "kind": "object"}]
    result: dict[str, Any] = {
        "ruleId": check["id"],
        "ruleIndex": rule_index,
        "level": level(finding["severity"]),
        "message": {"text": finding["message"] or check["title"]},
        "locations": [where],
        "partialFingerprints": {FINGERPRINT_KEY: finding["fingerprint"]},
    }
    status = finding.get("status", "open")
    if status == "suppressed":
        suppression = finding.get("suppression") or {}
        entry = {"kind": "external", "status": "accepted"}
        if suppression.get("reason"):
            entry["justification"] = suppression["reason"]
        result["suppressions"] = [entry]
    if baseline:
        result["baselineState"] = "unchanged" if status == "baselined" else "new"
    properties: dict[str, Any] = {"severity": finding["severity"], **_security_severity(finding["severity"])}
    if finding.get("fix"):
        properties["fix"] = finding["fix"]
    if status != "open" or finding.get("suppression"):
        properties["status"] = status
        if finding.get("suppression"):
            properties["suppression"] = finding["suppression"]
    result["properties"] = properties
    return result


def _kept(checks: Sequence[Mapping[str, Any]]) -> tuple[set[tuple[int, int]], int]:
    """Which (check, finding) pairs fit in GitHub's limit: the worst, in report order among equals."""
    pairs = [(ci, fi) for ci, check in enumerate(checks) for fi in range(len(check["findings"]))]
    if len(pairs) <= MAX_RESULTS:
        return set(pairs), 0
    ranked = sorted(pairs, key=lambda p: (-severity_rank(checks[p[0]]["findings"][p[1]]["severity"]), p))
    return set(ranked[:MAX_RESULTS]), len(pairs) - MAX_RESULTS


def _notifications(checks: Sequence[Mapping[str, Any]], left_out: int) -> list[dict[str, Any]]:
    notes = []
    for index, check in enumerate(checks):
        status = check["status"]
        if status not in ("error", "not_applicable"):
            continue
        text = check["message"] or ("the check failed" if status == "error" else "not applicable")
        if status == "not_applicable" and check["missing"]:
            text += " (missing: " + ", ".join(check["missing"]) + ")"
        notes.append(
            {
                "level": "error" if status == "error" else "note",
                "message": {"text": f"{check['id']}: {text}"},
                "associatedRule": {"id": check["id"], "index": index},
            }
        )
    if left_out:
        notes.append(
            {
                "level": "warning",
                "message": {
                    "text": f"{left_out} less severe results left out: GitHub code scanning keeps at most "
                    f"{MAX_RESULTS:,} a run (the JSON report has them all)"
                },
            }
        )
    return notes


def render(report: Mapping[str, Any]) -> str:
    snap = report["snapshot"]
    checks = report["checks"]
    location = artifact_location(snap["source"])
    baseline = any(f.get("status") == "baselined" for check in checks for f in check["findings"])
    kept, left_out = _kept(checks)
    results = [
        _result(check, ci, finding, location, baseline)
        for ci, check in enumerate(checks)
        for fi, finding in enumerate(check["findings"])
        if (ci, fi) in kept
    ]
    invocation: dict[str, Any] = {"executionSuccessful": all(c["status"] != "error" for c in checks)}
    notifications = _notifications(checks, left_out)
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run = {
        "tool": {
            "driver": {
                "name": report["tool"]["name"],
                "version": report["tool"]["version"],
                "rules": [_rule(check) for check in checks],
            }
        },
        "invocations": [invocation],
        "artifacts": [{"location": location, "hashes": {"sha-256": snap["sha256"]}}],
        "results": results,
        "properties": {
            "score": report["score"],
            "grade": report["grade"],
            "coverage": report["coverage"],
            "gate": report["gate"],
            "snapshot": {"taken_at": snap["taken_at"], "schema_version": snap["schema_version"]},
        },
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return _text(dumps(log)) + "\n"  # json.dumps(log, indent=2, ensure_ascii=False), faster


@hookimpl
def register_formats(register: Callable[[Format], None]) -> None:
    register(
        Format(
            "sarif",
            render,
            "SARIF 2.1.0: one rule per check, one result per finding, for GitHub code scanning",
            ".sarif",
        )
    )
