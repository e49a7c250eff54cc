"""The text report: for people at a terminal, grouped by category, worst first.

It always styles with ANSI codes; the CLI strips them when the output is not a
terminal, when NO_COLOR is set, or when it writes a file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import click

from smm_audit.api import Format, hookimpl

MAX_FINDINGS = 10
"""Findings shown per check; the JSON report has them all."""

_STATUS_ORDER = {"error": 0, "fail": 1, "warn": 2, "not_applicable": 3, "pass": 4}
_STATUS_STYLE = {
    "fail": ("FAIL", "red"),
    "error": ("ERROR", "magenta"),
    "warn": ("WARN", "yellow"),
    "pass": ("PASS", "green"),
    "not_applicable": ("N/A", "bright_black"),
}
_SEVERITY_COLOUR = {"critical": "red", "high": "red", "medium": "yellow", "low": "cyan", "info": "bright_black"}


def _worst_first(check: Mapping[str, Any]) -> tuple[int, float]:
    score = check["score"]
    return _STATUS_ORDER[check["status"]], 2.0 if score is None else score


def _score(score: float | None) -> str:
    return "n/a" if score is None else f"{score:g}/100"


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


def render(report: Mapping[str, Any]) -> str:
    report = _printable(report)
    lines: list[str] = []
    snap = report["snapshot"]
    summary = report["summary"]
    lines.append(
        click.style(f"smm-audit {report['tool']['version']}", bold=True)
        + f" · {snap['client']} · snapshot taken {snap['taken_at']}"
    )
    lines.append(click.style(f"{snap['source']} (sha256 {snap['sha256'][:12]}…)", dim=True))
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
            lines.extend(_check_lines(check))
    lines.append("")
    lines.extend(_gate_lines(report["gate"]))
    return "\n".join(lines) + "\n"


def _check_lines(check: Mapping[str, Any]) -> list[str]:
    label, colour = _STATUS_STYLE[check["status"]]
    score = "" if check["score"] is None else f"  score {check['score']:.2f}"
    lines = [f"  {click.style(f'{label:<5}', fg=colour, bold=True)} {check['id']}  {check['title']}{score}"]
    indent = " " * 8
    if check["message"]:
        lines.append(f"{indent}{check['message']}")
    findings = check["findings"]
    for finding in findings[:MAX_FINDINGS]:
        severity = click.style(f"{finding['severity']:<8}", fg=_SEVERITY_COLOUR[finding["severity"]])
        lines.append(f"{indent}{severity} {finding['message']}{_triage_tag(finding)}")
        lines.append(click.style(f"{indent}         at {finding['location'] or '/'}", dim=True))
        if finding["fix"]:
            lines.append(f"{indent}         fix: {finding['fix']}")
    if len(findings) > MAX_FINDINGS:
        lines.append(f"{indent}… and {len(findings) - MAX_FINDINGS} more (see -f json)")
    if findings:
        lines.append(f"{indent}{click.style('why:', bold=True)} {check['why']}")
        lines.append(f"{indent}{click.style('fix:', bold=True)} {check['fix']}")
    return lines


def _triage_tag(finding: Mapping[str, Any]) -> str:
    suppression = finding.get("suppression")
    if finding.get("status") == "suppressed" and suppression:
        until = f" until {suppression['expires']}" if suppression["expires"] else ""
        return click.style(f"  [suppressed{until}: {suppression['reason']}]", dim=True)
    if finding.get("status") == "baselined":
        return click.style("  [baselined]", dim=True)
    if suppression and suppression["expired"]:
        return click.style(f"  [suppression expired {suppression['expires']}]", fg="yellow")
    return ""


def _gate_lines(gate: Mapping[str, Any]) -> list[str]:
    rules = [f"fail on {gate['fail_on']}"]
    if gate["fail_under"] is not None:
        rules.append(f"fail under {gate['fail_under']:g}")
    if gate.get("min_coverage") is not None:
        rules.append(f"min coverage {gate['min_coverage']:.0%}")
    verdict = (
        click.style("PASSED", fg="green", bold=True) if gate["passed"] else click.style("FAILED", fg="red", bold=True)
    )
    lines = [f"Gate {verdict} ({', '.join(rules)})"]
    lines.extend(f"  - {reason}" for reason in gate["reasons"])
    return lines


@hookimpl
def register_formats(register):  # type: ignore[no-untyped-def]
    register(Format("text", render, "a readable report for the terminal (the default)", ".txt"))
