"""The Markdown report: a summary for a pull-request comment or ``$GITHUB_STEP_SUMMARY``.

Title with the client, the gate's verdict (✅/❌) and its reasons, score, grade
and coverage, a table of checks (worst first), the ten worst findings, then one
collapsed ``<details>`` per check with its findings (at most 50 each; fewer when
the whole would not fit in a GitHub comment, 65,536 characters).

Text from the snapshot and from plugins is escaped as :func:`html.escape` does
(so the redactor still finds a secret in it), on one line, with ``|`` escaped in
table cells and a word joiner after an ``@`` that would mention a GitHub user.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from smm_audit.api import Format, findings_count, gate_rules, hookimpl, severity_rank, status_rank, triage_mark

MAX_FINDINGS_PER_CHECK = 50
MAX_WORST = 10
MAX_CHARS = 60_000
"""A GitHub comment holds 65,536 characters; the step summary 1 MiB."""

_STATUS = {
    "fail": ("❌", "fail"),
    "error": ("💥", "error"),
    "warn": ("⚠️", "warn"),
    "pass": ("✅", "pass"),
    "not_applicable": ("⏭️", "n/a"),
}
_SEVERITY = {"critical": "🔴", "high": "🟠", "medium": "🟡", "low": "🔵", "info": "⚪"}
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")
_MENTION = re.compile(r"(?<![\w`])@(?=[A-Za-z0-9])")


def text(value: str, limit: int | None = None) -> str:
    """Untrusted text, inline: one line, HTML escaped, no accidental @mention; cut at a space past ``limit``."""
    value = " ".join(_UNPRINTABLE.sub(" ", value).split())
    if limit is not None and len(value) > limit:
        cut = value.rfind(" ", 0, limit)
        value = (value[:cut] if cut > 0 else "") + " …"
    return _MENTION.sub("@\u2060", html.escape(value, quote=True))


def cell(value: str) -> str:
    """Untrusted text in a table cell: ``|`` would end the cell."""
    return text(value).replace("|", "\\|")


def code(value: str) -> str:
    """Inline code that holds any text: the fence is longer than any run of backticks inside."""
    value = " ".join(_UNPRINTABLE.sub(" ", value).split()) or " "
    longest = max((len(run) for run in re.findall("`+", value)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def _number(value: float) -> str:
    return f"{value:g}"


def _score(report: Mapping[str, Any]) -> str:
    score = "n/a" if report["score"] is None else f"{_number(report['score'])}/100"
    grade = f" ({report['grade']})" if report["grade"] else ""
    return f"{score}{grade}"


def _where(finding: Mapping[str, Any]) -> str:
    where = code(finding["location"] or "/")
    line = finding.get("line")
    return f"{where}, line {line}" if isinstance(line, int) else where


def _triage(finding: Mapping[str, Any]) -> str:
    mark = triage_mark(finding, text)
    return f" · *{mark[1]}*" if mark else ""


def _finding(finding: Mapping[str, Any], check_id: str | None, limit: int) -> str:
    severity = finding["severity"]
    check = f" {code(check_id)} ·" if check_id else ""
    return (
        f"- {_SEVERITY[severity]} **{severity}**{check} {text(finding['message'], limit)} — "
        f"{_where(finding)}{_triage(finding)}"
    )


def _worst_first(check: Mapping[str, Any]) -> tuple[int, float, str]:
    score = check["score"]
    return status_rank(check["status"]), 2.0 if score is None else score, check["id"]


def _header(report: Mapping[str, Any]) -> list[str]:
    client = report["snapshot"]["client"]
    gate = report["gate"]
    title = f"## smm-audit: {text(client)}" if client else "## smm-audit"
    rules = gate_rules(gate)
    verdict = "✅ **Gate passed**" if gate["passed"] else "❌ **Gate failed**"
    lines = [title, "", f"{verdict} ({rules})"]
    if gate["reasons"]:
        lines.append("")
        lines.extend(f"- {text(reason)}" for reason in gate["reasons"])
    summary = report["summary"]
    statuses = ", ".join(f"{n} {_STATUS[s][1]}" for s, n in summary["statuses"].items() if n) or "none"
    total = sum(summary["findings"].values())
    severities = ", ".join(f"{n} {s}" for s, n in summary["findings"].items() if n)
    accepted = _accepted(report["checks"])
    lines += [
        "",
        f"**Score {_score(report)}** · coverage {report['coverage']:.0%} · "
        f"{summary['checks']} check{'s' if summary['checks'] != 1 else ''}: {statuses} · "
        f"{total} finding{'s' if total != 1 else ''}{': ' + severities if severities else ''}{accepted}",
    ]
    return lines


def _accepted(checks: Sequence[Mapping[str, Any]]) -> str:
    findings = [finding for check in checks for finding in check["findings"]]
    counts = {
        status: findings_count(f for f in findings if f.get("status", "open") == status)
        for status in ("baselined", "suppressed")
    }
    parts = [f"{n} {status}" for status, n in counts.items() if n]
    return f" ({', '.join(parts)})" if parts else ""


def _table(checks: Sequence[Mapping[str, Any]]) -> list[str]:
    lines = ["| | Check | Category | Score | Findings |", "| :-: | --- | --- | --: | --: |"]
    for check in checks:
        emoji, label = _STATUS[check["status"]]
        score = "n/a" if check["score"] is None else f"{check['score']:.2f}"
        lines.append(
            f"| {emoji} {label} | {code(check['id'])} {cell(check['title'])} | {cell(check['category'])} "
            f"| {score} | {findings_count(check['findings'])} |"
        )
    return lines


def _worst(checks: Sequence[Mapping[str, Any]]) -> list[str]:
    ranked = sorted(
        (
            (finding.get("status", "open") != "open", -severity_rank(finding["severity"]), ci, fi)
            for ci, check in enumerate(checks)
            for fi, finding in enumerate(check["findings"])
        )
    )
    if not ranked:
        return []
    total = sum(findings_count(check["findings"]) for check in checks)
    lines = ["", f"### Worst findings ({min(len(ranked), MAX_WORST)} of {total})", ""]
    for *_, ci, fi in ranked[:MAX_WORST]:
        lines.append(_finding(checks[ci]["findings"][fi], checks[ci]["id"], 300))
    return lines


def _details(check: Mapping[str, Any], cap: int) -> list[str]:
    emoji, _ = _STATUS[check["status"]]
    findings = check["findings"]
    total = findings_count(findings)
    count = f"{total} finding{'s' if total != 1 else ''}"
    summary = f"{emoji} <code>{html.escape(check['id'])}</code> {text(check['title'])} · {count}"
    lines = ["", "<details>", f"<summary>{summary}</summary>", ""]
    if check["message"]:
        lines += [f"> {text(check['message'])}", ""]
    if check["missing"]:
        lines += ["Missing from the snapshot: " + ", ".join(code(m) for m in check["missing"]), ""]
    if findings:
        lines.extend(_finding(f, None, 500) for f in findings[:cap])
        if len(findings) > cap:
            lines.append(f"- … and {total - findings_count(findings[:cap])} more (see the JSON report)")
        lines += ["", f"**Why:** {text(check['why'])}", "", f"**Fix:** {text(check['fix'])}"]
    elif not check["message"] and not check["missing"]:
        lines.append("No findings.")
    lines += ["", "</details>"]
    return lines


def _footer(report: Mapping[str, Any]) -> list[str]:
    snap = report["snapshot"]
    return [
        "",
        f"<sub>smm-audit {text(report['tool']['version'])} · {code(snap['source'])} · "
        f"sha256 {code(snap['sha256'][:12])} · snapshot taken {text(snap['taken_at'])}</sub>",
    ]


def render(report: Mapping[str, Any]) -> str:
    checks = sorted(report["checks"], key=_worst_first)
    head = [*_header(report), "", *_table(checks), *_worst(checks), "", "### Checks"]
    foot = _footer(report)
    for cap in (MAX_FINDINGS_PER_CHECK, 20, 10, 5, 0):
        details = [line for check in checks for line in _details(check, cap)]
        document = "\n".join([*head, *details, *foot]) + "\n"
        if len(document) <= MAX_CHARS:
            break
    return document


@hookimpl
def register_formats(register: Callable[[Format], None]) -> None:
    register(
        Format(
            "markdown",
            render,
            "Markdown summary for a pull-request comment or $GITHUB_STEP_SUMMARY",
            ".md",
        )
    )
