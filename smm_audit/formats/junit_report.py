"""The JUnit XML report: one test case per check, and one for the gate, for Jenkins, GitLab and any CI.

It validates against the Surefire/Jenkins schema (tests/data/junit-10.xsd)::

    <testsuites name="smm-audit" tests="6" failures="6" errors="0" time="0">
      <testsuite name="smm-audit: Kofeinya Zerno (snapshot.json)" tests="6" failures="6" errors="0" …>
        <properties>…score, grade, coverage, gate…</properties>
        <testcase classname="Kofeinya Zerno.gate" name="gate" time="0">
          <failure message="Gate FAILED: score 42.8 is under 90" type="gate">…</failure>
        </testcase>
        <testcase classname="Kofeinya Zerno.security" name="my-house-rule" time="0">
          <failure message="6 findings at or above high: [critical] …" type="critical">…</failure>
        </testcase>
        …
        <system-out>Gate FAILED (fail on high) …</system-out>
      </testsuite>
    </testsuites>

The first test case is the gate itself: it fails, with the gate's reasons,
exactly when the gate fails (on findings, the score or the coverage), so that a
pipeline's red build always has a red test. A check is a ``<failure>`` when it
has open findings that fail the gate (at or above ``fail_on``, not baselined or
suppressed). Its other findings, and all findings of a passing check, are
listed in ``<system-out>``. ``error`` is ``<error>``, ``not_applicable`` is
``<skipped>``. The suite is named after the client and the snapshot, and each
class name starts with the client, so that two clients audited in one pipeline
do not collide. Times are ``0``, there is no timestamp or host name: the same
report gives the same bytes.

Text is escaped exactly as :func:`html.escape` does (plus newlines and tabs in
attributes), so the redactor, which looks for each secret in that form too, finds
it in this XML; characters XML 1.0 cannot carry are dropped.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from smm_audit.api import SEVERITIES, Format, findings_count, gate_rules, hookimpl, severity_rank, triage_mark

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

MESSAGE_LIMIT = 400
"""Characters of a ``message`` attribute at most; the element's text has everything."""

ILLEGAL_XML = "[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"


@functools.cache
def _illegal_xml() -> re.Pattern[str]:
    """:data:`ILLEGAL_XML` compiled when a report is first written: compiling it takes 3 ms, at every start-up."""
    return re.compile(ILLEGAL_XML)


_ATTR_EXTRA = {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def clean(text: str) -> str:
    """Drop what XML 1.0 cannot carry (control characters, lone surrogates); newlines become ``\\n``."""
    return _illegal_xml().sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a space so that no word (or secret) is left half-shown."""
    text = " ".join(clean(text).split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return (text[:cut] if cut > 0 else "") + " …"


def _escape_text(text: str) -> str:
    return html.escape(clean(text), quote=True)


def _escape_attr(text: str) -> str:
    return re.sub("[\n\r\t]", lambda m: _ATTR_EXTRA[m.group()], _escape_text(text))


def serialize(root: ET.Element) -> str:
    """The document, indented two spaces, attributes in the order they were set."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    _serialize(root, 0, lines)
    return "\n".join(lines) + "\n"


def _serialize(elem: ET.Element, level: int, lines: list[str]) -> None:
    indent = "  " * level
    attrs = "".join(f' {name}="{_escape_attr(value)}"' for name, value in elem.attrib.items())
    children = list(elem)
    if children:
        lines.append(f"{indent}<{elem.tag}{attrs}>")
        for child in children:
            _serialize(child, level + 1, lines)
        lines.append(f"{indent}</{elem.tag}>")
    elif elem.text:
        lines.append(f"{indent}<{elem.tag}{attrs}>{_escape_text(elem.text)}</{elem.tag}>")
    else:
        lines.append(f"{indent}<{elem.tag}{attrs}/>")


def gate_findings(check: Mapping[str, Any], gate: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The check's findings that fail the gate: open (not baselined or suppressed) and at or above ``fail_on``."""
    fail_on = gate["fail_on"]
    if fail_on not in SEVERITIES:  # "never"
        return []
    floor = severity_rank(fail_on)
    return [f for f in check["findings"] if f.get("status", "open") == "open" and severity_rank(f["severity"]) >= floor]


def _where(finding: Mapping[str, Any], source: str) -> str:
    line = finding.get("line")
    file = f"{source}:{line}" if isinstance(line, int) else source
    return f"{finding['location'] or '/'} ({file})"


def finding_lines(findings: Sequence[Mapping[str, Any]], source: str) -> list[str]:
    lines = []
    for finding in findings:
        lines.append(f"[{finding['severity']}] {finding['message']}")
        lines.append(f"    at {_where(finding, source)}")
        if finding.get("fix"):
            lines.append(f"    fix: {finding['fix']}")
        mark = triage_mark(finding)
        if mark:
            lines.append(f"    {mark[1]}")
    return lines


def _body(check: Mapping[str, Any], source: str) -> str:
    lines = []
    if check["message"]:
        lines.append(check["message"])
    if check["missing"]:
        lines.append("missing: " + ", ".join(check["missing"]))
    findings = check["findings"]
    if findings:
        if lines:
            lines.append("")
        lines.extend(finding_lines(findings, source))
        lines.extend(["", f"why: {check['why']}", f"fix: {check['fix']}"])
    return "\n".join(lines)


def _failure_message(failing: Sequence[Mapping[str, Any]], fail_on: str) -> str:
    count = findings_count(failing)
    shown = "; ".join(f"[{f['severity']}] {shorten(f['message'], 120)}" for f in failing[:3])
    more = f"; +{count - findings_count(failing[:3])} more" if len(failing) > 3 else ""
    head = f"{count} finding{'s' if count != 1 else ''} at or above {fail_on}: "
    return shorten(head + shown + more, MESSAGE_LIMIT)


def _testcase(check: Mapping[str, Any], gate: Mapping[str, Any], source: str, prefix: str) -> tuple[ET.Element, str]:
    """The test case of one check and what it counts as: error, skipped, failure or passed."""
    import xml.etree.ElementTree as ET  # when a report is written: not at every start-up

    case = ET.Element("testcase", {"classname": prefix + check["category"], "name": check["id"], "time": "0"})
    body = _body(check, source)
    status = check["status"]
    if status == "error":
        message = check["message"] or "the check failed"
        ET.SubElement(case, "error", {"message": shorten(message, MESSAGE_LIMIT), "type": "error"}).text = body
        return case, "errors"
    if status == "not_applicable":
        message = check["message"] or "not applicable"
        ET.SubElement(case, "skipped", {"message": shorten(message, MESSAGE_LIMIT)}).text = body
        return case, "skipped"
    failing = gate_findings(check, gate)
    if failing:
        attrs = {"message": _failure_message(failing, gate["fail_on"]), "type": failing[0]["severity"]}
        ET.SubElement(case, "failure", attrs).text = body
        return case, "failures"
    if body:
        ET.SubElement(case, "system-out").text = f"{status}\n{body}"
    return case, "passed"


def _gate_case(report: Mapping[str, Any], prefix: str) -> tuple[ET.Element, str]:
    """The gate as a test case: a failure with the gate's reasons whenever the gate fails."""
    import xml.etree.ElementTree as ET  # when a report is written: not at every start-up

    case = ET.Element("testcase", {"classname": prefix + "gate", "name": "gate", "time": "0"})
    gate = report["gate"]
    if gate["passed"]:
        ET.SubElement(case, "system-out").text = _gate_text(report)
        return case, "passed"
    message = shorten("Gate FAILED: " + "; ".join(gate["reasons"]), MESSAGE_LIMIT)
    ET.SubElement(case, "failure", {"message": message, "type": "gate"}).text = _gate_text(report)
    return case, "failures"


def suite_name(report: Mapping[str, Any]) -> str:
    """``smm-audit: CLIENT (SNAPSHOT FILE NAME)``: one suite per audited client and snapshot."""
    snap = report["snapshot"]
    source = snap["source"]
    name = source if source == "<stdin>" else source.replace("\\", "/").rsplit("/", 1)[-1]
    return f"smm-audit: {snap['client'] or 'unnamed client'} ({name})"


def _number(value: float) -> str:
    return f"{value:g}"


def _properties(report: Mapping[str, Any]) -> ET.Element:
    import xml.etree.ElementTree as ET  # when a report is written: not at every start-up

    snap, gate = report["snapshot"], report["gate"]
    values: list[tuple[str, Any]] = [
        ("smm-audit.version", report["tool"]["version"]),
        ("client", snap["client"]),
        ("snapshot.source", snap["source"]),
        ("snapshot.sha256", snap["sha256"]),
        ("snapshot.taken_at", snap["taken_at"]),
        ("score", None if report["score"] is None else _number(report["score"])),
        ("grade", report["grade"]),
        ("coverage", _number(report["coverage"])),
        ("gate.passed", "true" if gate["passed"] else "false"),
        ("gate.fail_on", gate["fail_on"]),
        ("gate.fail_under", None if gate.get("fail_under") is None else _number(gate["fail_under"])),
        ("gate.min_coverage", None if gate.get("min_coverage") is None else _number(gate["min_coverage"])),
    ]
    props = ET.Element("properties")
    for name, value in values:
        if value is not None:
            ET.SubElement(props, "property", {"name": name, "value": str(value)})
    return props


def _gate_text(report: Mapping[str, Any]) -> str:
    gate = report["gate"]
    rules = gate_rules(gate)
    score = "n/a" if report["score"] is None else f"{_number(report['score'])}/100"
    grade = f" ({report['grade']})" if report["grade"] else ""
    lines = [
        f"Score {score}{grade}, coverage {report['coverage']:.0%}",
        f"Gate {'PASSED' if gate['passed'] else 'FAILED'} ({rules})",
    ]
    lines.extend(f"  - {reason}" for reason in gate["reasons"])
    return "\n".join(lines)


def render(report: Mapping[str, Any]) -> str:
    import xml.etree.ElementTree as ET  # when a report is written: not at every start-up

    source = report["snapshot"]["source"]
    prefix = (report["snapshot"]["client"] or "smm-audit") + "."
    counts = {"failures": 0, "errors": 0, "skipped": 0, "passed": 0}
    cases = []
    for case, outcome in [
        _gate_case(report, prefix),
        *(_testcase(check, report["gate"], source, prefix) for check in report["checks"]),
    ]:
        counts[outcome] += 1
        cases.append(case)
    tests = str(len(cases))
    failures, errors, skipped = str(counts["failures"]), str(counts["errors"]), str(counts["skipped"])
    root = ET.Element(
        "testsuites", {"name": "smm-audit", "tests": tests, "failures": failures, "errors": errors, "time": "0"}
    )
    suite = ET.SubElement(
        root,
        "testsuite",
        {
            "name": suite_name(report),
            "tests": tests,
            "failures": failures,
            "errors": errors,
            "skipped": skipped,
            "time": "0",
        },
    )
    suite.append(_properties(report))
    suite.extend(cases)
    ET.SubElement(suite, "system-out").text = _gate_text(report)
    return serialize(root)


@hookimpl
def register_formats(register: Callable[[Format], None]) -> None:
    register(
        Format(
            "junit",
            render,
            "JUnit XML: a test case for the gate and one per check, for Jenkins and GitLab (junit-10.xsd)",
            ".xml",
        )
    )
