"""Configuration in pyproject.toml or --config, baselines and suppressions: the CI gate's controls."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from conftest import DEMO

DEMO_PATH = str(DEMO)


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with a pyproject.toml holding ``[tool.smm-audit]``; the CLI runs from a subfolder."""
    sub = tmp_path / "ci" / "job"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)

    def write(body: str, name: str = "pyproject.toml") -> str:
        path = tmp_path / name
        path.write_text(textwrap.dedent(body), encoding="utf-8")
        return str(path)

    return write


def demo_report(cli, *args: str) -> tuple[int, dict]:
    result = cli("run", DEMO_PATH, "-f", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def test_fail_on_never_in_pyproject_makes_the_demo_pass(cli, project):
    assert cli("run", DEMO_PATH).exit_code == 1
    project('[tool.smm-audit]\nfail_on = "never"\n')
    assert cli("run", DEMO_PATH).exit_code == 0


def test_an_export_that_could_assess_nothing_fails_the_default_gate(cli, project, write_snapshot):
    """An empty export is not a clean one: by default the gate wants half the checks' weight assessed."""
    empty = str(write_snapshot(accounts=[]))
    result = cli("run", empty, "-f", "json")
    assert result.exit_code == 1
    gate = json.loads(result.stdout)["gate"]
    assert gate["min_coverage"] == 0.5
    assert gate["reasons"] == ["coverage 0% is under 50%: too little could be assessed"]
    assert cli("run", empty, "--min-coverage", "0").exit_code == 0  # an explicit 0 lowers it
    project("[tool.smm-audit]\nmin_coverage = 0\n")
    assert cli("run", empty).exit_code == 0


def test_flags_override_the_file(cli, project):
    project('[tool.smm-audit]\nfail_on = "never"\n')
    assert cli("run", DEMO_PATH, "--fail-on", "high").exit_code == 1


def test_pyproject_without_our_table_is_skipped(cli, project, tmp_path):
    project('[tool.smm-audit]\nfail_on = "never"\n')
    (tmp_path / "ci" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert cli("run", DEMO_PATH).exit_code == 0


def test_every_error_of_a_settings_file_is_listed(cli, project):
    project(
        "[tool.smm-audit]\n"
        'fail_onn = "never"\nfail_under = "high"\nmin_coverage = 2\nselect = ["dead-comunity"]\n'
        "[tool.smm-audit.checks.dead-community]\nenabled = 3\n"
        '[tool.smm-audit.checks.response-time]\nseverity = "huge"\n'
    )
    result = cli("run", DEMO_PATH)
    assert result.exit_code == 2 and "Traceback" not in result.output
    lines = result.stderr.splitlines()
    expected = [
        "unknown key 'fail_onn'",
        "fail_under must be a number",
        "min_coverage must be between 0 and 1",
        "checks.dead-community.enabled must be true or false",
        "checks.response-time.severity must be one of",
    ]
    assert len(lines) == len(expected) and all(line.startswith("error: ") for line in lines)
    assert all(text in line for text, line in zip(expected, lines, strict=True)), lines
    project('[tool.smm-audit]\nselect = ["dead-comunity"]\nignore = ["respons-time"]\n')
    lines = cli("run", DEMO_PATH).stderr.splitlines()
    assert len(lines) == 2 and "'dead-comunity'" in lines[0] and "'respons-time'" in lines[1]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('fail_onn = "never"', "unknown key 'fail_onn' (did you mean 'fail_on'?)"),
        ('fail_on = "sometimes"', "fail_on must be one of info, low, medium, high, critical, never, got 'sometimes'"),
        ('fail_under = "high"', "fail_under must be a number, got a string"),
        ("min_coverage = 2", "min_coverage must be between 0 and 1, got 2"),
        ('select = "dead-community"', "select must be a list of strings, got a string"),
        ('select = ["dead-comunity"]', "unknown check 'dead-comunity' (did you mean 'dead-community'?)"),
        (
            "[tool.smm-audit.checks.dead-comunity]\nwarn_days = 3",
            "unknown check 'dead-comunity' (did you mean 'dead-community'?)",
        ),
        (
            "[tool.smm-audit.checks.dead-community]\nwarn_dayz = 3",
            "check 'dead-community' has no option 'warn_dayz' (did you mean 'warn_days'?)",
        ),
        (
            '[tool.smm-audit.checks.dead-community]\nwarn_days = "3"',
            "option dead-community.warn_days must be int, got str",
        ),
        ('[tool.smm-audit.checks.dead-community]\nseverity = "huge"', "checks.dead-community.severity must be one of"),
        (
            '[tool.smm-audit.checks.dead-community]\nenabled = "no"',
            "checks.dead-community.enabled must be true or false",
        ),
        ('[[tool.smm-audit.suppress]]\nfingerprint = "abc"', "suppress[0] needs a reason"),
        (
            '[[tool.smm-audit.suppress]]\ncheck = "dead-community"\nreason = "x"',
            "suppress[0] needs a fingerprint, or a check and an entity",
        ),
        (
            '[[tool.smm-audit.suppress]]\nfingerprint = "a"\nreason = "x"\nexpires = "soon"',
            "suppress[0].expires must be a TOML date",
        ),
        (
            '[[tool.smm-audit.suppress]]\nfingerprint = "a"\nreasn = "x"',
            "suppress[0]: unknown key 'reasn' (did you mean 'reason'?)",
        ),
        ("fail_on = ", "invalid TOML"),
    ],
)
def test_config_mistakes_exit_2_naming_the_key(cli, project, body, message):
    path = project("[tool.smm-audit]\n" + body + "\n")
    result = cli("run", DEMO_PATH)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    (line,) = result.stderr.splitlines()
    assert message in line, line
    assert path in line


def test_config_file_option_and_check_settings(cli, project):
    path = project(
        """
        select = ["dead-community"]
        [checks.dead-community]
        warn_days = 400
        fail_days = 500
        burst_min_posts = 1000
        weight = 7
        """,
        name="smm-audit.toml",
    )
    code, report = demo_report(cli, "--config", path)
    (check,) = report["checks"]
    assert check["status"] == "pass" and check["weight"] == 7 and check["options"]["warn_days"] == 400
    assert code == 0


def test_severity_and_enabled(cli, project):
    project('[tool.smm-audit.checks.dead-community]\nseverity = "low"\n')
    _, report = demo_report(cli, "--select", "dead-community")
    (check,) = report["checks"]
    assert {f["severity"] for f in check["findings"]} == {"low"} and check["severity"] == "low"
    project("[tool.smm-audit.checks.dead-community]\nenabled = false\n")
    _, report = demo_report(cli)
    assert "dead-community" not in [c["id"] for c in report["checks"]]


def test_config_command_says_where_values_come_from(cli, project):
    path = project('[tool.smm-audit]\nfail_on = "critical"\n')
    result = cli("config", "-f", "json")
    data = json.loads(result.stdout)
    assert data["fail_on"] == {"value": "critical", "from": f"{path} [tool.smm-audit]"}
    assert data["fail_under"] == {"value": None, "from": "default"}
    assert 'fail_on = "critical"  # ' in cli("config").stdout


def test_baseline_of_the_demo_makes_it_pass_and_new_findings_fail(cli, project, tmp_path):
    baseline = tmp_path / "baseline.json"
    result = cli("baseline", DEMO_PATH, "-o", str(baseline))
    assert result.exit_code == 0, result.output
    recorded = json.loads(baseline.read_text("utf-8"))
    assert recorded["smm_audit_baseline"] == 1 and recorded["findings"]
    code, report = demo_report(cli, "--baseline", str(baseline), "--fail-on", "info")
    assert code == 0
    statuses = {f["status"] for c in report["checks"] for f in c["findings"]}
    assert statuses == {"baselined"}
    # drop one finding from the baseline: it is new again and fails the gate
    recorded["findings"] = [f for f in recorded["findings"] if f["check"] != "dead-community"]
    baseline.write_text(json.dumps(recorded), encoding="utf-8")
    code, report = demo_report(cli, "--baseline", str(baseline))
    assert code == 1
    assert "dead-community" in report["gate"]["reasons"][0]


def test_baseline_path_in_config_is_relative_to_the_file(cli, project, tmp_path):
    cli("baseline", DEMO_PATH, "-o", str(tmp_path / "b.json"))
    project('[tool.smm-audit]\nbaseline = "b.json"\n')
    assert cli("run", DEMO_PATH).exit_code == 0


def test_a_missing_or_broken_baseline_is_a_usage_error(cli, tmp_path):
    result = cli("run", DEMO_PATH, "--baseline", str(tmp_path / "none.json"))
    assert result.exit_code == 2 and "no such file" in result.stderr
    (tmp_path / "bad.json").write_text("[]", encoding="utf-8")
    result = cli("run", DEMO_PATH, "--baseline", str(tmp_path / "bad.json"))
    assert result.exit_code == 2 and "not a smm-audit baseline" in result.stderr


def suppress_all(report: dict, expires: str) -> str:
    rules = []
    for check in report["checks"]:
        for finding in check["findings"]:
            rules.append(
                f'[[tool.smm-audit.suppress]]\nfingerprint = "{finding["fingerprint"]}"\n'
                f'reason = "accepted for the demo"\nexpires = {expires}\n'
            )
    return '[tool.smm-audit]\nfail_on = "low"\n' + "\n".join(rules)


def test_suppressions_with_future_and_past_expiry(cli, project):
    _, report = demo_report(cli)
    project(suppress_all(report, "2027-06-30"))
    code, suppressed = demo_report(cli)
    assert code == 0
    findings = [f for c in suppressed["checks"] for f in c["findings"]]
    assert findings and {f["status"] for f in findings} == {"suppressed"}
    assert findings[0]["suppression"] == {"reason": "accepted for the demo", "expires": "2027-06-30", "expired": False}
    assert all(s["matched"] == 1 for s in suppressed["suppressions"])
    assert "suppressed" in cli("run", DEMO_PATH).stdout  # still visible in the text report

    project(suppress_all(report, "2026-10-01"))  # before the demo's taken_at (2026-11-01)
    code, expired = demo_report(cli)
    assert code == 1
    findings = [f for c in expired["checks"] for f in c["findings"]]
    assert {f["status"] for f in findings} == {"open"}
    assert all(f["suppression"]["expired"] for f in findings)


def test_suppression_by_check_and_entity(cli, project):
    project(
        '[tool.smm-audit]\nselect = ["dead-community"]\n'
        '[[tool.smm-audit.suppress]]\ncheck = "dead-community"\nentity = "ig-zerno"\nreason = "account being closed"\n'
    )
    code, after = demo_report(cli)
    by_location = {f["location"]: f["status"] for f in after["checks"][0]["findings"]}
    assert "suppressed" in by_location.values()
    assert "open" in by_location.values() or code == 0


def test_a_renewed_suppression_wins_over_its_expired_twin(cli, project):
    project(
        '[tool.smm-audit]\nselect = ["dead-community"]\n'
        '[[tool.smm-audit.suppress]]\ncheck = "dead-community"\nentity = "ig-zerno"\nreason = "old"\n'
        "expires = 2026-01-01\n"
        '[[tool.smm-audit.suppress]]\ncheck = "dead-community"\nentity = "ig-zerno"\nreason = "renewed"\n'
        "expires = 2027-01-01\n"
    )
    _, report = demo_report(cli)
    suppressed = [f for f in report["checks"][0]["findings"] if f["status"] == "suppressed"]
    assert suppressed and all(f["suppression"]["reason"] == "renewed" for f in suppressed)
    assert [s["matched"] for s in report["suppressions"]] == [len(suppressed), len(suppressed)]


def test_entity_means_an_entity_id_not_a_word_of_the_key(cli, project):
    project(
        '[tool.smm-audit]\nselect = ["missing-utm"]\n'
        '[[tool.smm-audit.suppress]]\ncheck = "missing-utm"\nentity = "post"\nreason = "not an id"\n'
    )
    _, report = demo_report(cli)
    assert all(f["status"] == "open" for f in report["checks"][0]["findings"])
    assert report["suppressions"][0]["matched"] == 0


MANY = """
from smm_audit.api import Check, Finding, Result, hookimpl

def audit(snapshot, options):
    found = [Finding(f"c{i}", "/accounts", (str(i),), severity="high" if i % 3 else "medium") for i in range(2500)]
    return Result(score=0.0, findings=found)

@hookimpl
def register_checks(register):
    register(Check(id="many", title="Many", category="content", run=audit, summary="s", why="w", fix="f"))
"""


def test_past_max_findings_per_check_the_rest_are_counted_not_listed(cli, project, plugin_dir, write_snapshot):
    """A check's 2,500 findings: 1,000 listed worst first, the rest one finding per severity, the verdict kept."""
    module = plugin_dir("many_findings", MANY)
    snapshot = str(write_snapshot())

    def checked(*args):
        result = cli("run", snapshot, "-p", module, "--select", "many", "-f", "json", *args)
        assert result.exit_code == 1, result.output
        return json.loads(result.stdout)

    report = checked()
    (check,) = report["checks"]
    findings = check["findings"]
    assert len(findings) == 1002 and check["status"] == "fail"
    assert [f["severity"] for f in findings[:1000]] == ["high"] * 1000
    more = {f["severity"]: f for f in findings[1000:]}
    assert more["high"]["evidence"]["findings"] == 1666 - 1000 and more["medium"]["evidence"]["findings"] == 834
    assert more["medium"]["message"].startswith("… and 834 more medium findings of this check, not listed")
    assert (
        report["checks"][0]["findings"][1000]["fingerprint"] == checked()["checks"][0]["findings"][1000]["fingerprint"]
    )
    project("[tool.smm-audit]\nmax_findings_per_check = 0\n")
    assert len(checked()["checks"][0]["findings"]) == 2500
    project("[tool.smm-audit]\nmax_findings_per_check = -1\n")
    result = cli("run", snapshot, "-p", module)
    assert result.exit_code == 2 and "max_findings_per_check must be a whole number, 0 or more" in result.stderr


def test_a_counting_finding_counts_as_the_findings_it_stands_for(cli, plugin_dir, write_snapshot, tmp_path):
    """Totals, the gate's reason and every format count the 2,500 findings, not 1,000 entries and two folds."""
    module = plugin_dir("many_findings", MANY)
    snapshot = str(write_snapshot())
    reports = {fmt: tmp_path / f"r.{fmt}" for fmt in ("json", "markdown", "html", "junit")}
    args = [f"--report={fmt}={path}" for fmt, path in reports.items()]
    result = cli("run", snapshot, "-p", module, "--select", "many", *args)
    assert result.exit_code == 1, result.output
    report = json.loads(reports["json"].read_text("utf-8"))
    assert [f.get("folded") for f in report["checks"][0]["findings"][999:]] == [None, 666, 834]
    assert report["summary"]["findings"]["high"] == 1666 and report["summary"]["findings"]["medium"] == 834
    assert report["summary"]["triage"]["open"] == 2500
    assert report["gate"]["reasons"] == ["1666 findings at or above high (many: 1666)"]
    assert "… and 2490 more" in result.stdout  # the text report shows 10
    assert "2500 findings" in reports["markdown"].read_text("utf-8")
    page = reports["html"].read_text("utf-8")
    assert "2500 findings" in page and '<td class="n">2500</td>' in page
    assert 'message="1666 findings at or above high' in reports["junit"].read_text("utf-8")


GROWING = """
from smm_audit.api import Check, Finding, Result, hookimpl

def audit(snapshot, options):
    count = int(snapshot.client["name"])
    found = [Finding(f"c{i}", "/accounts/0", (f"{i:05d}",), severity="high") for i in range(count)]
    return Result(score=0.0, findings=found)

@hookimpl
def register_checks(register):
    register(Check(id="growing", title="Growing", category="content", run=audit, summary="s", why="w", fix="f"))
"""

ACCOUNTS = [{"id": "acc", "platform": "vk", "posts": []}]


def test_a_new_finding_past_max_findings_per_check_is_not_hidden_by_the_baseline(
    cli, project, plugin_dir, write_snapshot, tmp_path
):
    """A baseline of 1,200 findings (1,000 listed, 200 counted); one more, counted past the limit, fails the gate."""
    module = plugin_dir("growing_findings", GROWING)
    before = str(write_snapshot(name="before.json", client={"name": "1200"}, accounts=ACCOUNTS))
    after = str(write_snapshot(name="after.json", client={"name": "1201"}, accounts=ACCOUNTS))
    baseline = str(tmp_path / "baseline.json")
    project('[tool.smm-audit]\nselect = ["growing"]\n')
    assert cli("baseline", before, "-p", module, "-o", baseline).exit_code == 0
    assert len(json.loads(Path(baseline).read_text(encoding="utf-8"))["findings"]) == 1200

    def run(snapshot):
        result = cli("run", snapshot, "-p", module, "--baseline", baseline, "-f", "json")
        return result.exit_code, json.loads(result.stdout)["checks"][0]["findings"]

    code, findings = run(before)
    assert code == 0 and len(findings) == 1001
    assert findings[-1]["status"] == "baselined" and findings[-1]["evidence"]["findings"] == 200
    assert findings[-1]["message"].startswith("… and 200 more baselined high findings of this check, not listed")
    code, findings = run(after)
    assert code == 1, findings[-2:]
    folds = {f["status"]: f for f in findings[1000:]}
    assert folds["open"]["evidence"] == {"findings": 1, "examples": ["/accounts/0"]}
    assert folds["baselined"]["evidence"]["findings"] == 200
    assert [f["status"] for f in findings[1000:]] == ["open", "baselined"]


@pytest.mark.parametrize("expires", ["2099-01-01", "2000-01-01"])
def test_counted_findings_keep_their_suppression(cli, project, plugin_dir, write_snapshot, expires):
    """Past the limit, a suppression (live or expired) is carried by the counting finding of its findings."""
    module = plugin_dir("growing_findings", GROWING)
    snapshot = str(write_snapshot(client={"name": "1003"}, accounts=ACCOUNTS))
    project(
        '[tool.smm-audit]\nselect = ["growing"]\n'
        f'[[tool.smm-audit.suppress]]\ncheck = "growing"\nentity = "acc"\nreason = "known"\nexpires = {expires}\n'
    )
    result = cli("run", snapshot, "-p", module, "-f", "json")
    report = json.loads(result.stdout)
    (fold,) = report["checks"][0]["findings"][1000:]
    live = expires == "2099-01-01"
    assert result.exit_code == (0 if live else 1)
    assert fold["status"] == ("suppressed" if live else "open") and fold["evidence"]["findings"] == 3
    assert fold["suppression"] == {"reason": "known", "expires": expires, "expired": not live}
    assert report["suppressions"][0]["matched"] == 1003


def test_a_baseline_with_a_counting_finding_is_said_to_be_stale(cli, project, plugin_dir, write_snapshot, tmp_path):
    from smm_audit.engine import fingerprint

    module = plugin_dir("growing_findings", GROWING)
    snapshot = str(write_snapshot(client={"name": "3"}, accounts=ACCOUNTS))
    project('[tool.smm-audit]\nselect = ["growing"]\n')
    old = tmp_path / "old-baseline.json"
    fold = {"check": "growing", "fingerprint": fingerprint("growing", ("more-findings", "high")), "location": ""}
    old.write_text(json.dumps({"smm_audit_baseline": 1, "findings": [{**fold, "message": "…"}]}), encoding="utf-8")
    result = cli("run", snapshot, "-p", module, "--baseline", str(old), "-o", str(tmp_path / "r.json"))
    assert result.exit_code == 1
    (note,) = [line for line in result.stderr.splitlines() if line.startswith("note: ")]
    assert "was recorded by an earlier smm-audit" in note and "(growing)" in note and "smm-audit baseline" in note
    fresh = tmp_path / "baseline.json"
    assert cli("baseline", snapshot, "-p", module, "-o", str(fresh)).exit_code == 0
    result = cli("run", snapshot, "-p", module, "--baseline", str(fresh), "-o", str(tmp_path / "r.json"))
    assert result.exit_code == 0 and "note: " not in result.stderr


def test_a_suppression_of_a_counting_finding_is_said_to_match_nothing(
    cli, project, plugin_dir, write_snapshot, tmp_path
):
    """An earlier build let a suppression name an "… and N more" finding's fingerprint; now it matches nothing."""
    from smm_audit.engine import fingerprint

    module = plugin_dir("growing_findings", GROWING)
    snapshot = str(write_snapshot(client={"name": "1002"}, accounts=ACCOUNTS))
    fold = fingerprint("growing", ("more-findings", "high"))
    project(
        '[tool.smm-audit]\nselect = ["growing"]\n'
        f'[[tool.smm-audit.suppress]]\nfingerprint = "{fold}"\nreason = "the rest"\n'
        '[[tool.smm-audit.suppress]]\ncheck = "growing"\nentity = "nobody"\nreason = "unrelated"\n'
    )
    result = cli("run", snapshot, "-p", module, "-o", str(tmp_path / "r.txt"))
    assert result.exit_code == 1
    (note,) = [line for line in result.stderr.splitlines() if line.startswith("note: ")]
    assert f"suppress[0] (growing, fingerprint {fold})" in note and "matches nothing" in note  # as config errors


def test_accepted_findings_past_the_limit_are_counted_as_the_findings_they_stand_for(
    cli, project, plugin_dir, write_snapshot, tmp_path
):
    """1,200 baselined findings (1,000 listed, one fold of 200): markdown's accepted count and its worst
    findings' total, and HTML's accepted risks, count 1,200, not 1,001 entries."""
    module = plugin_dir("growing_findings", GROWING)
    snapshot = str(write_snapshot(client={"name": "1200"}, accounts=ACCOUNTS))
    baseline = str(tmp_path / "baseline.json")
    project('[tool.smm-audit]\nselect = ["growing"]\n')
    assert cli("baseline", snapshot, "-p", module, "-o", baseline).exit_code == 0
    markdown, page = tmp_path / "r.md", tmp_path / "r.html"
    result = cli(
        "run", snapshot, "-p", module, "--baseline", baseline, f"--report=markdown={markdown}", f"--report=html={page}"
    )
    assert result.exit_code == 0, result.output
    text = markdown.read_text("utf-8")
    assert "1200 findings: 1200 high (1200 baselined)" in text
    assert "### Worst findings (10 of 1200)" in text
    assert "Accepted risks (1200)" in page.read_text("utf-8")
