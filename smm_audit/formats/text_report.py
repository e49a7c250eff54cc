"""The text report: for people at a terminal, grouped by category, worst first.

Lines are wrapped to the display's width (:mod:`smm_audit.display`: the
terminal's, or 100 columns in a file or a pipe) with a hanging indent, so that
a wrapped message stays under its own start; a URL or other long word is never
broken. Each check shows the display's number of findings (10 unless
``--max-findings`` says otherwise), each with its location and the line of its
entity in the snapshot file. Scores are on one scale, out of 100, everywhere.

It always styles with ANSI codes; the CLI strips them when the output is not a
terminal, when NO_COLOR is set or TERM is dumb, or when it writes a file.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Mapping
from typing import Any

import click

from smm_audit import display
from smm_audit.api import Format, findings_count, gate_rules, hookimpl, status_rank, triage_mark

INDENT = " " * 8
"""Where a check's details start; a finding's message starts 9 columns further (after its severity)."""

_STATUS_STYLE = {
    "fail": ("FAIL", "red"),
    "error": ("ERROR", "magenta"),
    "warn": ("WARN", "yellow"),
    "pass": ("PASS", "green"),
    "not_applicable": ("N/A", "bright_black"),
}
_SEVERITY_STYLE: dict[str, dict[str, Any]] = {
    "critical": {"fg": "bright_white", "bg": "red", "bold": True},
    "high": {"fg": "red", "bold": True},
    "medium": {"fg": "yellow"},
    "low": {"fg": "cyan"},
    "info": {"fg": "bright_black"},
}


def _worst_first(check: Mapping[str, Any]) -> tuple[int, float]:
    score = check["score"]
    return status_rank(check["status"]), 2.0 if score is None else score


def _score(score: float | None) -> str:
    """A score of the report's 0-100 scale (the audit's, a category's) as people read it."""
    return "n/a" if score is None else f"{score:g}/100"


def _check_score(score: float | None) -> str:
    """A check's 0-1 score on the same 0-100 scale."""
    return "" if score is None else _score(round(score * 100, 1))


def _wrap(text: str, first: str, rest: str, width: int) -> list[str]:
    """``text`` wrapped to ``width`` columns, after the plain prefix ``first`` and then under ``rest``."""
    lines = textwrap.wrap(
        text,
        width=max(width, len(first) + 20),
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return lines or [first.rstrip()]


def _styled_wrap(label: str, style: Mapping[str, Any], text: str, indent: str, width: int) -> list[str]:
    """``indent`` + ``label`` (styled) + ``text`` wrapped; continuation lines start under ``text``."""
    lines = _wrap(text, indent + label, " " * (len(indent) + len(label)), width)
    head = lines[0][len(indent) + len(label) :]
    return [indent + click.style(label, **style) + head, *lines[1:]]


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _printable(value: Any) -> Any:
    """The report with every control character of its text replaced by a space.

    Comments and names come from strangers: a raw escape sequence or carriage
    return could retitle the terminal or overwrite the gate's verdict.
    """
    if isinstance(value, str):
        return _CONTROL.sub(" ", value)
    if isinstance(value, Mapping):
        return {k: _printable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_printable(v) for v in value]
    return value


def _shown(report: Mapping[str, Any], limit: int | None) -> dict[str, Any]:
    """The report with the findings that are shown (the first ``limit`` of each check) made printable.

    The others are only counted (``findings_total``): a check with 60,000 findings shows ten of them.
    """
    checks = [
        {
            **_printable({k: v for k, v in check.items() if k != "findings"}),
            "findings": _printable(check["findings"][:limit]),
            "findings_total": findings_count(check["findings"]),
        }
        for check in report["checks"]
    ]
    return {**_printable({k: v for k, v in report.items() if k != "checks"}), "checks": checks}


def render(report: Mapping[str, Any]) -> str:
    shown = display.current()
    report = _shown(report, shown.max_findings)
    width = shown.width
    lines: list[str] = []
    snap = report["snapshot"]
    summary = report["summary"]
    lines.append(
        click.style(f"smm-audit {report['tool']['version']}", bold=True)
        + f" · {snap['client']} · snapshot taken {snap['taken_at']}"
    )
    lines.append(click.style(f"{snap['source']} (sha256 {snap['sha256'][:12]}…)", dim=True))
    for plugin in report["tool"].get("plugins", []):
        version = f" {plugin['version']}" if plugin["version"] else ""
        added = ", ".join(plugin["checks"])
        lines.extend(_wrap(f"plugin {plugin['name']}{version} ({plugin['source']}) adds: {added}", "", "  ", width))
    lines.append("")
    counts = ", ".join(f"{n} {status.replace('_', ' ')}" for status, n in summary["statuses"].items() if n)
    grade = f" ({report['grade']})" if report["grade"] else ""
    total = summary["checks"]
    lines.append(
        click.style(f"Score {_score(report['score'])}{grade}", bold=True)
        + f" · coverage {report['coverage']:.0%} · {total} check{'s' if total != 1 else ''}: {counts or 'none'}"
    )
    triaged = summary.get("triage", {})
    if triaged.get("baselined") or triaged.get("suppressed"):
        lines.append(", ".join(f"{n} {state}" for state, n in triaged.items()) + " findings")
    checks = {c["id"]: c for c in report["checks"]}
    categories = sorted(report["categories"], key=lambda c: (c["score"] is None, c["score"] or 0, c["id"]))
    for category in categories:
        lines.append("")
        lines.append(click.style(f"{category['id'].upper()} · {_score(category['score'])}", bold=True))
        for check in sorted((checks[i] for i in category["checks"]), key=_worst_first):
            lines.extend(_check_lines(check, snap["source"], shown))
    lines.append("")
    lines.extend(_gate_lines(report["gate"], width))
    return "\n".join(lines) + "\n"


def _check_lines(check: Mapping[str, Any], source: str, shown: display.Display) -> list[str]:
    width = shown.width
    label, colour = _STATUS_STYLE[check["status"]]
    score = _check_score(check["score"])
    title = f"{check['id']}  {check['title']}" + (f"  {score}" if score else "")
    lines = _styled_wrap(f"{label:<5} ", {"fg": colour, "bold": True}, title, "  ", width)
    if check["message"]:
        lines.extend(_wrap(check["message"], INDENT, INDENT, width))
    findings = check["findings"]  # the shown ones (_shown), of findings_total
    under = INDENT + " " * 9
    for finding in findings:
        severity = finding["severity"]
        lines.extend(_styled_wrap(f"{severity:<8} ", _SEVERITY_STYLE[severity], finding["message"], INDENT, width))
        tag = _triage_tag(finding)
        if tag:
            lines.append(under + tag)
        line = finding.get("line")
        where = f"at {finding['location'] or '/'}" + (f"  ({source}:{line})" if isinstance(line, int) else "")
        lines.extend(click.style(text, dim=True) for text in _wrap(where, under, under + "   ", width))
        if finding["fix"]:
            lines.extend(_wrap(f"fix: {finding['fix']}", under, under + "     ", width))
    more = check["findings_total"] - findings_count(findings)
    if more > 0:
        lines.extend(_wrap(f"… and {more} more (--max-findings 0 shows all; -f json has them)", INDENT, INDENT, width))
    if findings:
        for name in ("why", "fix"):
            lines.extend(_styled_wrap(f"{name}: ", {"bold": True}, check[name], INDENT, width))
    return lines


def _triage_tag(finding: Mapping[str, Any]) -> str:
    """``[baselined]``, ``[suppressed until …: reason]`` or ``[suppression expired …]``, styled; or nothing."""
    mark = triage_mark(finding)
    if mark is None:
        return ""
    kind, words = mark
    return click.style(f"[{words}]", fg="yellow") if kind == "expired" else click.style(f"[{words}]", dim=True)


def _gate_lines(gate: Mapping[str, Any], width: int) -> list[str]:
    rules = gate_rules(gate)
    verdict = (
        click.style("PASSED", fg="green", bold=True) if gate["passed"] else click.style("FAILED", fg="red", bold=True)
    )
    lines = [f"Gate {verdict} ({rules})"]
    for reason in gate["reasons"]:
        lines.extend(_wrap(reason, "  - ", "    ", width))
    return lines


@hookimpl
def register_formats(register: Callable[[Format], None]) -> None:
    register(Format("text", render, "a readable report for the terminal (the default)", ".txt"))
