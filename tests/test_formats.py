"""JUnit, SARIF, Markdown and HTML reports: valid, faithful to the JSON report, byte-stable, escaped."""

from __future__ import annotations

import copy
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from smm_audit import locate, plugins
from smm_audit.api import severity_rank
from smm_audit.formats import html_report, junit_report, markdown_report, sarif_report, text_report
from smm_audit.formats.json_report import dumps as json_dumps
from smm_audit.formats.json_report import render as json_render
from smm_audit.testing import make_snapshot

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
DEMO = ROOT / "examples" / "demo-snapshot.json"
DEMO_RELATIVE = "examples/demo-snapshot.json"
FORMATS = ("junit", "sarif", "markdown", "html")
LEVELS = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}

# RFC 3986 URI-reference: only these characters, and % only before two hex digits.
URI_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")

# A check whose texts hold everything that breaks XML, Markdown tables and HTML, plus a not_applicable,
# an error and a warn check.
TRICKY_PLUGIN = """
from smm_audit.api import Check, Finding, Result, hookimpl

NASTY = ("a <b>x</b> & \\"c\\" 'd' | e " + chr(0) + chr(1) + chr(27) + chr(127) + " ]]> " + chr(0xD800)
         + "\\r\\nnext line | `tick` @octocat <details><script>alert(1)</script>")

def nasty(snapshot, options):
    findings = [
        Finding(NASTY, "/accounts/0", ("account", "vk", "nasty"), severity="critical", fix="fix " + NASTY),
        Finding("second " + NASTY, "/accounts/0/a~1b|c", ("account", "vk", "second"), severity="low"),
    ]
    return Result("fail", 0.0, findings, message="remark " + NASTY)

def needs_ads(snapshot, options):
    return Result.not_applicable(["accounts[].ads"])

def explodes(snapshot, options):
    raise RuntimeError("boom <&> " + NASTY)

def warns(snapshot, options):
    return Result("warn", 0.8, [Finding("a medium thing", "/accounts/0", ("account", "vk", "m"), severity="medium")])

def common(**kw):
    return Check(summary="Summary <s> | s", why="Why & why", fix="Fix | fix", **kw)

CHECKS = [
    common(id="nasty-text", title="Title <i>with</i> | pipe & amp", category="weird|cat", run=nasty, severity="high"),
    common(id="needs-ads", title="Needs ads", category="ads", run=needs_ads),
    common(id="explodes", title="Explodes", category="profile", run=explodes),
    common(id="warns", title="Warns", category="activity", run=warns, severity="medium"),
]

@hookimpl
def register_checks(register):
    for check in CHECKS:
        register(check)
"""
NASTY = (
    "a <b>x</b> & \"c\" 'd' | e "
    + chr(0)
    + chr(1)
    + chr(27)
    + chr(127)
    + " ]]> "
    + chr(0xD800)
    + "\r\nnext line | `tick` @octocat <details><script>alert(1)</script>"
)
TRICKY_IDS = "nasty-text,needs-ads,explodes,warns"

SECRET = "Zq9\"<x>&'Zq9"
ECHO_PLUGIN = """
from smm_audit.api import Check, Finding, Result, hookimpl

def echo(snapshot, options):
    name = snapshot.client.get("name")
    # the secret is also a key of the snapshot, so that a location may hold it
    where = f"/extensions/echo/{name}"
    finding = Finding(f"client {name} said {name}", where, ("client",), severity="critical", fix=name)
    return Result("fail", 0.0, [finding], message=f"about {name}")

@hookimpl
def register_checks(register):
    register(Check(id="echo-secret", title="Echo", category="security", run=echo, summary="s", why="w", fix="f"))
"""


# --------------------------------------------------------------------------- helpers


@pytest.fixture
def in_root(monkeypatch):
    """Run from the repository's root, as CI does, so that the snapshot path is relative."""
    monkeypatch.chdir(ROOT)


def junit_schema():
    try:
        import xmlschema
    except ImportError:  # pragma: no cover - the test extra installs it
        pytest.fail("xmlschema is needed to validate JUnit output: pip install -e '.[test]'")
    return xmlschema.XMLSchema(str(DATA / "junit-10.xsd"))


def assert_valid_junit(text: str) -> ET.Element:
    junit_schema().validate(io.BytesIO(text.encode("utf-8")))
    return ET.fromstring(text.encode("utf-8"))


def assert_valid_sarif(text: str) -> dict[str, Any]:
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text("utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    log = json.loads(text)
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    assert_github_can_take(log)
    return log


def assert_github_can_take(log: dict[str, Any]) -> None:
    """What GitHub code scanning needs beyond the schema, and its hard limits."""
    assert log["version"] == "2.1.0" and len(log["runs"]) <= 20
    for run in log["runs"]:
        driver = run["tool"]["driver"]
        assert driver["name"] == "smm-audit"
        assert len(driver["rules"]) <= 25_000 and len(run["results"]) <= 25_000
        assert all(len(rule["properties"]["tags"]) <= 20 for rule in driver["rules"])
        for artifact in run["artifacts"]:
            assert URI_REFERENCE.match(artifact["location"]["uri"]), artifact
        for result in run["results"]:
            assert result["message"]["text"]
            assert 1 <= len(result["locations"]) <= 1000
            uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            assert uri and URI_REFERENCE.match(uri), uri
            assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def run_report(cli, fmt: str, *args: str) -> tuple[str, int]:
    result = cli("run", *args, "-f", fmt)
    assert result.exit_code in (0, 1, 3), result.output
    return result.stdout, result.exit_code


def json_report(cli, *args: str) -> dict[str, Any]:
    return json.loads(run_report(cli, "json", *args)[0])


def gate_failing(check: dict[str, Any], fail_on: str) -> list[dict[str, Any]]:
    if fail_on == "never":
        return []
    return [
        f
        for f in check["findings"]
        if f.get("status", "open") == "open" and severity_rank(f["severity"]) >= severity_rank(fail_on)
    ]


def cases(root: ET.Element) -> dict[str, ET.Element]:
    return {case.get("name"): case for case in root.iter("testcase")}


def lines_of_demo(report: dict[str, Any]) -> dict[str, Any]:
    """The demo's JSON report with each finding's line, as the formats that want lines get it."""
    with_lines = copy.deepcopy(report)
    text = DEMO.read_text("utf-8")
    found = locate.lines(text, [f["location"] for c in with_lines["checks"] for f in c["findings"]])
    for check in with_lines["checks"]:
        for finding in check["findings"]:
            if finding["location"] in found:
                finding["line"] = found[finding["location"]]
    return with_lines


# --------------------------------------------------------------------------- registration


def test_formats_are_registered_with_extensions_and_want_lines():
    formats = plugins.load(entry_points=False).formats
    assert {name: formats[name].extension for name in FORMATS} == {
        "junit": ".xml",
        "sarif": ".sarif",
        "markdown": ".md",
        "html": ".html",
    }


# --------------------------------------------------------------------------- JUnit


@pytest.mark.parametrize("fail_on", ["high", "critical", "low", "never"])
def test_demo_junit_validates_and_agrees_with_the_gate(cli, in_root, fail_on):
    report = json_report(cli, DEMO_RELATIVE, "--fail-on", fail_on)
    text, code = run_report(cli, "junit", DEMO_RELATIVE, "--fail-on", fail_on)
    assert code == (0 if report["gate"]["passed"] else 1)
    root = assert_valid_junit(text)
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "smm-audit: Kofeinya Zerno (demo-snapshot.json)"
    assert root.get("name") == "smm-audit" and suite.get("time") == "0" and root.get("time") == "0"
    checks = report["checks"]
    failing = {c["id"]: gate_failing(c, fail_on) for c in checks if c["status"] not in ("error", "not_applicable")}
    expected_failures = sum(1 for found in failing.values() if found) + (not report["gate"]["passed"])
    for node in (root, suite):
        assert node.get("tests") == str(len(checks) + 1)  # the gate is a test case too
        assert node.get("failures") == str(expected_failures)
        assert node.get("errors") == str(report["summary"]["statuses"]["error"])
    assert suite.get("skipped") == str(report["summary"]["statuses"]["not_applicable"])
    by_name = cases(suite)
    assert list(by_name) == ["gate", *(c["id"] for c in checks)]
    assert (by_name["gate"].find("failure") is None) == report["gate"]["passed"]
    for check in checks:
        case = by_name[check["id"]]
        assert case.get("classname") == "Kofeinya Zerno." + check["category"] and case.get("time") == "0"
        failure = case.find("failure")
        if failing.get(check["id"]):
            worst = failing[check["id"]][0]
            assert failure is not None and failure.get("type") == worst["severity"]
            assert failure.get("message").startswith(f"{len(failing[check['id']])} finding")
            assert worst["message"].split()[0] in failure.get("message")
            for finding in check["findings"]:  # the full list, each with its location
                assert f"at {finding['location']} ({DEMO_RELATIVE}:" in failure.text
        else:
            assert failure is None
            if check["findings"]:
                assert check["findings"][0]["location"] in case.find("system-out").text
    props = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert props["gate.passed"] == ("true" if report["gate"]["passed"] else "false")
    assert props["gate.fail_on"] == fail_on and props["grade"] == report["grade"]
    assert props["snapshot.sha256"] == report["snapshot"]["sha256"]
    gate_out = suite.find("system-out").text
    assert ("Gate PASSED" if report["gate"]["passed"] else "Gate FAILED") in gate_out
    assert all(reason in gate_out for reason in report["gate"]["reasons"])


@pytest.mark.parametrize(
    ("empty", "options", "reason"),
    [
        (False, ["--fail-on", "never", "--fail-under", "90"], "is under 90"),
        (True, ["--fail-on", "never", "--min-coverage", "0.5"], "coverage 0% is under 50%"),
    ],
)
def test_junit_gate_case_fails_whenever_the_gate_fails(cli, in_root, write_snapshot, empty, options, reason):
    """A gate failed by the score or the coverage alone is a failing test case, not a green JUnit report."""
    snapshot = str(write_snapshot(accounts=[])) if empty else DEMO_RELATIVE
    text, code = run_report(cli, "junit", snapshot, *options)
    assert code == 1
    (suite,) = assert_valid_junit(text).findall("testsuite")
    assert suite.get("failures") == "1"
    failure = cases(suite)["gate"].find("failure")
    assert failure is not None and failure.get("type") == "gate"
    assert failure.get("message").startswith("Gate FAILED: ") and reason in failure.get("message")
    assert reason in failure.text


def test_junit_suites_of_two_clients_do_not_collide(cli, write_snapshot, tmp_path):
    names = set()
    for client in ("Client A", "Client B"):
        snapshot = write_snapshot(client={"name": client}, accounts=[{"id": "vk", "platform": "vk"}])
        text, _ = run_report(cli, "junit", str(snapshot))
        (suite,) = assert_valid_junit(text).findall("testsuite")
        names.add(suite.get("name"))
        assert all(case.get("classname").startswith(client + ".") for case in suite.iter("testcase"))
    assert len(names) == 2


def test_junit_error_skipped_and_nasty_text(cli, plugin_dir, write_snapshot):
    module = plugin_dir("tricky_formats_a", TRICKY_PLUGIN)
    snapshot = write_snapshot(accounts=[{"id": "vk", "platform": "vk"}])
    text, code = run_report(cli, "junit", str(snapshot), "-p", module, "--select", TRICKY_IDS)
    assert code == 3  # a check errored
    root = assert_valid_junit(text)
    (suite,) = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors"), suite.get("skipped")) == (
        "5",  # four checks and the gate
        "2",  # nasty-text and the gate it fails
        "1",
        "1",
    )
    by_name = cases(suite)
    error = by_name["explodes"].find("error")
    assert error is not None and error.get("message").startswith("RuntimeError: boom <&> a <b>x</b>")
    skipped = by_name["needs-ads"].find("skipped")
    assert skipped is not None and "accounts[].ads" in skipped.get("message")
    assert by_name["warns"].find("failure") is None and "a medium thing" in by_name["warns"].find("system-out").text
    failure = by_name["nasty-text"].find("failure")
    assert by_name["nasty-text"].get("classname") == "Test client.weird|cat"
    assert failure.get("type") == "critical"
    # Everything XML 1.0 can carry survives, exactly; control characters and the lone surrogate are dropped.
    carried = junit_report.clean(NASTY)
    assert (
        carried
        == "a <b>x</b> & \"c\" 'd' | e \x7f ]]> \nnext line | `tick` @octocat <details><script>alert(1)</script>"
    )
    assert f"[critical] {carried}\n    at /accounts/0 (" in failure.text
    assert f"fix: fix {carried}" in failure.text and f"remark {carried}" in failure.text
    assert " ".join(carried.split()) in failure.get("message") or failure.get("message").endswith("…")
    assert "<script>" not in text and "\x00" not in text and "\x1b" not in text


def test_junit_message_is_short_and_cut_between_words():
    assert junit_report.shorten("one two three", 100) == "one two three"
    assert junit_report.shorten("one two three", 9) == "one two …"
    assert junit_report.shorten("x" * 50, 10) == " …"  # never half a word (or half a secret)


# --------------------------------------------------------------------------- SARIF


def test_demo_sarif_validates_and_matches_the_report(cli, in_root):
    report = json_report(cli, DEMO_RELATIVE)
    text, code = run_report(cli, "sarif", DEMO_RELATIVE)
    assert code == 1
    log = assert_valid_sarif(text)
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["version"] == report["tool"]["version"]
    checks = report["checks"]
    assert [rule["id"] for rule in driver["rules"]] == [c["id"] for c in checks]
    for rule, check in zip(driver["rules"], checks, strict=True):
        assert rule["name"] == "".join(part.capitalize() for part in check["id"].split("-"))
        assert rule["shortDescription"]["text"] == check["title"]
        assert rule["fullDescription"]["text"] == check["summary"]
        assert check["fix"] in rule["help"]["text"] and check["why"] in rule["help"]["text"]
        assert rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] == LEVELS[check["severity"]]
        assert rule["properties"]["category"] == check["category"]
    findings = [(i, c, f) for i, c in enumerate(checks) for f in c["findings"]]
    assert len(run["results"]) == len(findings) == sum(report["summary"]["findings"].values())
    demo_lines = locate.lines(DEMO.read_text("utf-8"), [f["location"] for _, _, f in findings])
    for result, (index, check, finding) in zip(run["results"], findings, strict=True):
        assert (result["ruleId"], result["ruleIndex"]) == (check["id"], index)
        assert result["level"] == LEVELS[finding["severity"]]
        assert result["message"]["text"] == finding["message"]
        assert result["partialFingerprints"] == {"smmAudit/v1": finding["fingerprint"]}
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": DEMO_RELATIVE, "uriBaseId": "SRCROOT", "index": 0}
        assert physical["region"] == {"startLine": demo_lines[finding["location"]]}
        assert location["logicalLocations"] == [{"fullyQualifiedName": finding["location"], "kind": "object"}]
        assert "suppressions" not in result and "baselineState" not in result
    assert run["artifacts"] == [
        {
            "location": {"uri": DEMO_RELATIVE, "uriBaseId": "SRCROOT"},
            "hashes": {"sha-256": report["snapshot"]["sha256"]},
        }
    ]
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["properties"]["gate"] == report["gate"] and run["properties"]["score"] == report["score"]


def test_sarif_line_is_the_entity_line(cli, in_root):
    log = json.loads(run_report(cli, "sarif", DEMO_RELATIVE)[0])
    text = DEMO.read_text("utf-8")
    data, lines = json.loads(text), text.splitlines()
    for result in log["runs"][0]["results"]:
        line = result["locations"][0]["physicalLocation"]["region"]["startLine"]
        pointer = result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
        value, tokens = data, [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]
        for token in tokens:
            value = value[int(token)] if isinstance(value, list) else value[token]
        first = json.dumps(value, ensure_ascii=False)[0]
        start = lines[line - 1].strip()
        member = f"{json.dumps(tokens[-1], ensure_ascii=False)}: {first}"
        assert start.startswith(first) or start.startswith(member), (pointer, line, start)


def test_sarif_without_lines_has_no_region(cli, in_root):
    report = json_report(cli, DEMO_RELATIVE)
    assert all("line" in f for c in report["checks"] for f in c["findings"])
    for check in report["checks"]:  # as when a location is not in the file
        for finding in check["findings"]:
            del finding["line"]
    log = assert_valid_sarif(sarif_report.render(report))
    for result in log["runs"][0]["results"]:
        assert "region" not in result["locations"][0]["physicalLocation"]


@pytest.mark.parametrize(
    ("source", "location"),
    [
        ("examples/demo-snapshot.json", {"uri": "examples/demo-snapshot.json", "uriBaseId": "SRCROOT"}),
        ("./audits/client a%b.json.gz", {"uri": "audits/client%20a%25b.json.gz", "uriBaseId": "SRCROOT"}),
        ("/abs/snap shot.json", {"uri": "file:///abs/snap%20shot.json"}),
        ("https://exports.example/c/snap.json", {"uri": "https://exports.example/c/snap.json"}),
        ("<stdin>", {"uri": "%3Cstdin%3E"}),
    ],
)
def test_sarif_artifact_location_of_each_kind_of_source(source, location):
    assert sarif_report.artifact_location(source) == location
    assert URI_REFERENCE.match(location["uri"])


def test_sarif_of_stdin_validates(cli):
    result = cli("run", "-", "-f", "sarif", input=DEMO.read_bytes())
    log = assert_valid_sarif(result.stdout)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": "%3Cstdin%3E", "index": 0}
    assert "region" in log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]


def test_sarif_error_not_applicable_and_nasty_text(cli, plugin_dir, write_snapshot):
    module = plugin_dir("tricky_formats_b", TRICKY_PLUGIN)
    snapshot = write_snapshot(accounts=[{"id": "vk", "platform": "vk"}])
    text, code = run_report(cli, "sarif", str(snapshot), "-p", module, "--select", TRICKY_IDS)
    assert code == 3
    log = assert_valid_sarif(text)
    (run,) = log["runs"]
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("nasty-text", "error"),
        ("nasty-text", "note"),
        ("warns", "warning"),
    ]
    assert results[0]["message"]["text"] == NASTY.replace(chr(0xD800), "\ufffd")
    assert results[0]["properties"]["fix"] == "fix " + NASTY.replace(chr(0xD800), "\ufffd")
    assert results[1]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "/accounts/0/a~1b|c"
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    notes = {n["associatedRule"]["id"]: n for n in invocation["toolExecutionNotifications"]}
    assert notes["explodes"]["level"] == "error" and "RuntimeError: boom" in notes["explodes"]["message"]["text"]
    assert notes["needs-ads"]["level"] == "note" and "accounts[].ads" in notes["needs-ads"]["message"]["text"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == TRICKY_IDS.split(",")
    assert all(run["tool"]["driver"]["rules"][n["associatedRule"]["index"]]["id"] == i for i, n in notes.items())
    assert "<s>" not in rules[0]["help"]["markdown"] or "&lt;" in rules[0]["help"]["markdown"]


def test_sarif_caps_results_at_what_github_keeps_and_tells_critical_from_high(cli, in_root):
    """GitHub code scanning keeps the top 5,000 results of a run; its severity column reads security-severity."""
    assert sarif_report.MAX_RESULTS == 5_000
    report = json_report(cli, DEMO_RELATIVE)
    log = assert_valid_sarif(sarif_report.render(report))
    run = log["runs"][0]
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["properties"].get("security-severity") == sarif_report.SECURITY_SEVERITY.get(
            rule["properties"]["severity"]
        )
    assert {r["properties"]["severity"] for r in run["tool"]["driver"]["rules"]} >= {"high", "medium"}
    scores = sarif_report.SECURITY_SEVERITY
    assert float(scores["critical"]) > 9.0 and 7.0 <= float(scores["high"]) < 9.0 and float(scores["low"]) < 4.0
    for result in run["results"]:
        severity = result["properties"]["severity"]
        expected = sarif_report.SECURITY_SEVERITY.get(severity)
        assert result["properties"].get("security-severity") == expected
        assert result["level"] == {"critical": "error", "high": "error", "medium": "warning"}.get(severity, "note")


def test_sarif_keeps_the_worst_results_within_githubs_limit(cli, in_root, monkeypatch):
    report = json_report(cli, DEMO_RELATIVE)
    monkeypatch.setattr(sarif_report, "MAX_RESULTS", 5)
    log = assert_valid_sarif(sarif_report.render(report))
    run = log["runs"][0]
    assert len(run["results"]) == 5
    all_findings = sorted((severity_rank(f["severity"]) for c in report["checks"] for f in c["findings"]), reverse=True)
    kept = sorted((severity_rank(r["properties"]["severity"]) for r in run["results"]), reverse=True)
    assert kept == all_findings[:5]
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert note["message"]["text"].startswith(f"{len(all_findings) - 5} less severe results left out")


# --------------------------------------------------------------------------- Markdown


def test_demo_markdown_summary(cli, in_root):
    report = json_report(cli, DEMO_RELATIVE)
    text, code = run_report(cli, "markdown", DEMO_RELATIVE)
    assert code == 1
    assert text.startswith(f"## smm-audit: {report['snapshot']['client']}\n")
    assert "❌ **Gate failed** (fail on high, min coverage 50%)" in text
    assert all(f"- {reason}" in text for reason in report["gate"]["reasons"])
    assert f"**Score {report['score']:g}/100 ({report['grade']})**" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "`" in line]
    assert len(rows) == len(report["checks"])
    for check in report["checks"]:
        (row,) = [r for r in rows if f"`{check['id']}`" in r]
        assert row.rstrip().endswith(f"| {len(check['findings'])} |")
    total = sum(len(c["findings"]) for c in report["checks"])
    worst = text.split("### Worst findings")[1].split("### Checks")[0]
    assert f"({min(total, 10)} of {total})" in worst
    listed = [line for line in worst.splitlines() if line.startswith("- ")]
    assert len(listed) == min(total, 10)
    severities = sorted((f["severity"] for c in report["checks"] for f in c["findings"]), key=severity_rank)[::-1]
    assert [line.split("**")[1] for line in listed] == severities[:10]
    assert all(re.search(r"— `/[^`]*`, line \d+", line) for line in listed)
    assert text.count("<details>") == text.count("</details>") == len(report["checks"])
    assert "✅ **Gate passed**" in run_report(cli, "markdown", DEMO_RELATIVE, "--fail-on", "never")[0]


def test_markdown_escapes_nasty_text(cli, plugin_dir, write_snapshot):
    module = plugin_dir("tricky_formats_c", TRICKY_PLUGIN)
    snapshot = write_snapshot(accounts=[{"id": "vk", "platform": "vk"}])
    text, code = run_report(cli, "markdown", str(snapshot), "-p", module, "--select", TRICKY_IDS)
    assert code == 3
    assert "<script>" not in text and "<b>" not in text and "<i>" not in text
    assert "&lt;script&gt;" in text and "&lt;details&gt;" in text
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", text) and "\ud800" not in text
    assert "@\u2060octocat" in text and "@octocat" not in text  # no GitHub mention
    assert text.count("<details>") == text.count("</details>") == 4  # the message's <details> is escaped
    table = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(table) == 2 + 4
    for row in table:  # every row has exactly the table's six unescaped pipes
        assert len(re.findall(r"(?<!\\)\|", row)) == 6, row
    nasty_row = next(row for row in table if "nasty-text" in row)
    assert "Title &lt;i&gt;with&lt;/i&gt; \\| pipe &amp; amp" in nasty_row and "weird\\|cat" in nasty_row
    assert "💥 error" in text and "⏭️ n/a" in text and "⚠️ warn" in text
    assert "`/accounts/0/a~1b|c`" in text  # in a list, not a table: code span as is
    assert "> RuntimeError: boom &lt;&amp;&gt;" in text
    assert "`accounts[].ads`" in text
    for line in text.splitlines():  # one line per finding: no message breaks the list
        assert not line.startswith("next line")


def test_markdown_code_span_holds_backticks():
    assert markdown_report.code("/a`b") == "``/a`b``"
    assert markdown_report.code("`x`") == "`` `x` ``"


def test_markdown_fits_in_a_github_comment(cli, in_root):
    report = json_report(cli, DEMO_RELATIVE)
    big = copy.deepcopy(report)
    template = big["checks"][0]["findings"][0]
    for check in big["checks"]:
        check["findings"] = [
            {**template, "message": f"finding {i} " + "word " * 60, "location": f"/accounts/0/posts/{i}"}
            for i in range(400)
        ]
    text = markdown_report.render(big)
    assert len(text) <= markdown_report.MAX_CHARS
    assert "… and " in text and "more (see the JSON report)" in text
    small = markdown_report.render(report)
    assert "more (see the JSON report)" not in small  # the demo shows everything


# --------------------------------------------------------------------------- all formats


@pytest.mark.parametrize("fmt", FORMATS)
def test_byte_identical_across_runs_and_to_a_file(cli, in_root, tmp_path, fmt):
    first, _ = run_report(cli, fmt, DEMO_RELATIVE)
    second, _ = run_report(cli, fmt, DEMO_RELATIVE)
    assert first == second
    target = tmp_path / f"audit{fmt}"
    cli("run", DEMO_RELATIVE, "-f", fmt, "-o", str(target))
    assert target.read_bytes() == first.encode("utf-8")
    assert "\x1b[" not in first  # no styling to strip


@pytest.mark.parametrize("fmt", FORMATS)
def test_reports_never_contain_a_secret(cli, plugin_dir, write_snapshot, fmt):
    module = plugin_dir(f"echo_secret_{fmt}", ECHO_PLUGIN)
    data = make_snapshot(
        client={"name": SECRET},
        accounts=[{"id": "vk", "platform": "vk", "name": SECRET, "posts": []}],
        credentials=[{"account_id": "vk", "password": {"plaintext": SECRET}}],
        extensions={"echo": {SECRET: True}},
    )
    path = write_snapshot(data)
    result = cli("run", str(path), "-p", module, "-f", fmt)
    assert result.exit_code in (0, 1), result.output
    assert "Zq9" not in result.stdout, result.stdout
    assert "[REDACTED]" in result.stdout
    if fmt == "junit":
        assert_valid_junit(result.stdout)
    elif fmt == "sarif":
        assert_valid_sarif(result.stdout)


def triaged(report: dict[str, Any]) -> dict[str, Any]:
    """The demo with the first check's findings baselined and the second's suppressed (one expired)."""
    report = copy.deepcopy(report)
    for finding in report["checks"][0]["findings"]:
        finding["status"] = "baselined"
        finding["suppression"] = None
    first, *rest = report["checks"][1]["findings"]
    first["status"] = "open"
    first["suppression"] = {"reason": "rotating <today>", "expires": "2026-10-01", "expired": True}
    for finding in rest:
        finding["status"] = "suppressed"
        finding["suppression"] = {"reason": "accepted by the client", "expires": "2027-01-01", "expired": False}
    for check in report["checks"][2:]:
        for finding in check["findings"]:
            finding["status"] = "open"
            finding["suppression"] = None
    return report


def test_baselined_and_suppressed_findings_are_marked_and_do_not_fail(cli, in_root):
    report = triaged(json_report(cli, DEMO_RELATIVE, "--fail-on", "info"))
    checks = report["checks"]

    root = assert_valid_junit(junit_report.render(report))
    by_name = cases(root)
    assert by_name[checks[0]["id"]].find("failure") is None  # all baselined: passes
    assert "    baselined" in by_name[checks[0]["id"]].find("system-out").text
    failure = by_name[checks[1]["id"]].find("failure")  # the expired suppression fails again, alone
    assert failure is not None and failure.get("message").startswith("1 finding at or above info")
    assert "suppression expired 2026-10-01: rotating <today>" in failure.text
    assert "suppressed until 2027-01-01: accepted by the client" in failure.text

    log = assert_valid_sarif(sarif_report.render(report))
    results = log["runs"][0]["results"]
    by_check: dict[str, list[dict[str, Any]]] = {}
    for result in results:
        by_check.setdefault(result["ruleId"], []).append(result)
    assert all(r["baselineState"] == "unchanged" and "suppressions" not in r for r in by_check[checks[0]["id"]])
    first, *rest = by_check[checks[1]["id"]]
    assert first["baselineState"] == "new" and "suppressions" not in first
    assert all(
        r["suppressions"] == [{"kind": "external", "status": "accepted", "justification": "accepted by the client"}]
        for r in rest
    )

    text = markdown_report.render(report)
    assert "· *baselined*" in text and "· *suppressed until 2027-01-01: accepted by the client*" in text
    assert "· *suppression expired 2026-10-01: rotating &lt;today&gt;*" in text
    worst = text.split("### Worst findings")[1].split("### Checks")[0]
    assert "*baselined*" not in worst and "*suppressed" not in worst  # open findings come first


@pytest.mark.parametrize(
    ("status", "suppression", "words"),
    [
        (
            "suppressed",
            {"reason": "accepted", "expires": "2027-01-01", "expired": False},
            "suppressed until 2027-01-01: accepted",
        ),
        (
            "baselined",
            {"reason": "rotating", "expires": "2026-10-01", "expired": True},
            "suppression expired 2026-10-01, baselined: rotating",
        ),
        ("baselined", None, "baselined"),
    ],
)
def test_every_format_marks_an_accepted_risk_in_the_same_words(cli, in_root, status, suppression, words):
    report = copy.deepcopy(json_report(cli, DEMO_RELATIVE, "--fail-on", "never"))
    finding = next(f for c in report["checks"] for f in c["findings"])
    finding.update(status=status, suppression=suppression)
    for fmt in (text_report, markdown_report, junit_report, html_report):
        assert words in re.sub(r"</?bdi>", "", fmt.render(report)), fmt.__name__


JSON_VALUES: list[Any] = [
    {},
    [],
    {"a": [], "b": {}, "c": [[[]]]},
    [1, -0.0, 2.5, 1e300, True, False, None, 'é \n " \u2028 \x00', float("nan"), float("inf")],
    {"k": {1: "int key", None: "null key"}, "t": (1, "tuple")},
    {"deep": [{"x": 1, "y": [{"z": None}]}]},
    "text",
    7,
]


@pytest.mark.parametrize("value", JSON_VALUES)
def test_json_report_encodes_as_json_dumps_with_indent(value):
    assert json_dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_json_report_of_the_demo_is_json_dumps_with_indent(cli, in_root):
    report = json.loads(cli("run", DEMO_RELATIVE, "-f", "json").stdout)
    assert json_render(report) == json.dumps(report, indent=2, ensure_ascii=False) + "\n"
