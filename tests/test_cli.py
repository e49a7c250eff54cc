"""The CLI end to end on the shipped examples: reports, gate, exit codes, determinism."""

from __future__ import annotations

import json
import os

import jsonschema
import pytest

from conftest import DEMO, HEALTHY
from smm_audit.testing import make_snapshot


def schema(cli, name: str) -> dict:
    result = cli("schema", name)
    assert result.exit_code == 0
    return json.loads(result.stdout)


def test_demo_validates_against_the_snapshot_schema(cli):
    validator = jsonschema.Draft202012Validator(schema(cli, "snapshot"))
    assert list(validator.iter_errors(json.loads(DEMO.read_text("utf-8")))) == []
    assert list(validator.iter_errors(json.loads(HEALTHY.read_text("utf-8")))) == []
    assert cli("validate", str(DEMO)).exit_code == 0


def test_demo_json_report_validates_and_fails_the_gate(cli):
    result = cli("run", str(DEMO), "-f", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    jsonschema.Draft202012Validator(schema(cli, "report")).validate(report)
    assert report["gate"]["passed"] is False
    assert report["snapshot"]["taken_at"] == "2026-11-01T12:00:00+03:00"
    statuses = {c["id"]: c["status"] for c in report["checks"]}
    assert statuses["dead-community"] == "fail"


def test_healthy_example_passes(cli):
    result = cli("run", str(HEALTHY))
    assert result.exit_code == 0, result.output
    assert "Gate PASSED" in result.stdout


def test_json_report_is_byte_identical_across_runs(cli, tmp_path):
    first = cli("run", str(DEMO), "-f", "json").stdout_bytes
    second = cli("run", str(DEMO), "-f", "json").stdout_bytes
    assert first == second
    # the same snapshot read from stdin differs only in its source name
    piped = json.loads(cli("run", "-", "-f", "json", input=DEMO.read_bytes()).stdout)
    assert piped["snapshot"]["source"] == "<stdin>"
    assert piped["snapshot"]["sha256"] == json.loads(first)["snapshot"]["sha256"]


def test_output_file_is_written_atomically_and_uncoloured(cli, tmp_path):
    target = tmp_path / "out" / "audit.txt"
    result = cli("run", str(DEMO), "-o", str(target), "--color", "always")
    assert result.exit_code == 1
    assert result.stdout == ""
    text = target.read_text("utf-8")
    assert "Gate FAILED" in text and "\x1b[" not in text
    assert [p.name for p in target.parent.iterdir()] == ["audit.txt"]  # no temporary file left behind
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)


def test_color_only_when_asked_and_never_with_no_color(cli):
    assert "\x1b[" in cli("run", str(DEMO), "--color", "always").stdout
    assert "\x1b[" not in cli("run", str(DEMO)).stdout  # not a terminal
    assert "\x1b[" not in cli("run", str(DEMO), env={"NO_COLOR": "1"}).stdout


def test_fail_on_and_fail_under(cli):
    assert cli("run", str(DEMO), "--fail-on", "never").exit_code == 0
    result = cli("run", str(HEALTHY), "--fail-under", "100.0", "-f", "json")
    report = json.loads(result.stdout)
    expected = 0 if report["score"] == 100 else 1
    assert result.exit_code == expected
    assert cli("run", str(DEMO), "--fail-on", "sometimes").exit_code == 2


def test_select_and_ignore(cli):
    report = json.loads(cli("run", str(DEMO), "-f", "json", "--select", "dead-community").stdout)
    assert [c["id"] for c in report["checks"]] == ["dead-community"]
    report = json.loads(cli("run", str(DEMO), "-f", "json", "--ignore", "dead-community").stdout)
    assert "dead-community" not in [c["id"] for c in report["checks"]]


def test_unknown_check_and_format_suggest_the_closest(cli):
    result = cli("run", str(DEMO), "--select", "dead-comunity")
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: --select: unknown check 'dead-comunity' (did you mean 'dead-community'?)"
    result = cli("run", str(DEMO), "-f", "jsn")
    assert result.exit_code == 2 and "did you mean 'json'?" in result.stderr


def test_not_applicable_names_the_missing_data(cli, write_snapshot):
    path = write_snapshot(accounts=[{"id": "vk", "platform": "vk"}])
    report = json.loads(cli("run", str(path), "-f", "json", "--select", "dead-community").stdout)
    (check,) = report["checks"]
    assert check["status"] == "not_applicable"
    assert check["missing"] == ["accounts[].posts"]
    assert report["coverage"] == 0.0 and report["score"] is None


def test_checks_explain_schema_plugins_version(cli):
    checks = cli("checks", "-f", "json")
    ids = [c["id"] for c in json.loads(checks.stdout)]
    assert "dead-community" in ids and ids == sorted(ids)
    explain = cli("explain", "dead-community").stdout
    for part in ("## What it checks", "## Why it matters", "## Example", "## How to fix", "## Options", "warn_days"):
        assert part in explain
    assert cli("explain", "no-such-check").exit_code == 2
    assert cli("schema", "nope").exit_code == 2
    assert "dead-community" in cli("plugins").stdout
    assert cli("--version").stdout.startswith("smm-audit, version ")


def test_help_has_examples_and_exit_codes(cli):
    text = cli("run", "--help").stdout
    assert "Examples:" in text and "Exit codes:" in text
    assert "Examples:" in cli("--help").stdout


def test_report_never_contains_a_password(cli, write_snapshot):
    secret = "Zerno-Secret-Passw0rd!"
    data = make_snapshot(
        client={"name": secret},  # even where a check or format would echo it
        accounts=[{"id": "vk", "platform": "vk", "name": secret, "posts": []}],
        credentials=[{"account_id": "vk", "password": {"plaintext": secret}}],
    )
    path = write_snapshot(data)
    for fmt in ("text", "json"):
        result = cli("run", str(path), "-f", fmt)
        assert result.exit_code in (0, 1), result.output
        assert secret not in result.output
        assert json.dumps(secret)[1:-1] not in result.output
        assert "[REDACTED]" in result.output


@pytest.mark.skipif(os.name != "posix", reason="symlink semantics")
def test_output_replaces_existing_file(cli, tmp_path):
    target = tmp_path / "audit.json"
    target.write_text("old", encoding="utf-8")
    cli("run", str(DEMO), "-f", "json", "-o", str(target))
    assert json.loads(target.read_text("utf-8"))["tool"]["name"] == "smm-audit"


def test_one_run_writes_text_to_the_console_and_json_junit_sarif_files(cli, tmp_path):
    build = tmp_path / "build"
    result = cli(
        "run",
        str(DEMO),
        "--report",
        f"json={build}/audit.json",
        "--report",
        f"junit={build}/audit.xml",
        "--report",
        f"sarif={build}/audit.sarif",
    )
    assert result.exit_code == 1
    assert "Gate FAILED" in result.stdout
    for fmt, name in (("json", "audit.json"), ("junit", "audit.xml"), ("sarif", "audit.sarif")):
        alone = cli("run", str(DEMO), "-f", fmt).stdout
        assert (build / name).read_text("utf-8") == alone, fmt
    assert sorted(p.name for p in build.iterdir()) == ["audit.json", "audit.sarif", "audit.xml"]


def test_report_option_needs_format_and_path(cli, tmp_path):
    result = cli("run", str(DEMO), "--report", "junit")
    assert result.exit_code == 2 and "must look like FORMAT=PATH" in result.stderr
    result = cli("run", str(DEMO), "--report", f"xml={tmp_path}/a.xml")
    assert result.exit_code == 2 and "unknown format 'xml'" in result.stderr


def test_output_follows_symlinks_keeps_modes_and_writes_fifos(cli, tmp_path):
    import os
    import stat
    import threading

    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    cli("run", str(DEMO), "-f", "json", "-o", str(link))
    assert link.is_symlink() and json.loads(real.read_text("utf-8"))["tool"]["name"] == "smm-audit"
    os.chmod(real, 0o600)
    cli("run", str(DEMO), "-f", "json", "-o", str(real))
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    cli("run", str(DEMO), "-f", "json", "-o", str(fifo))
    reader.join(10)
    assert fifo.exists() and stat.S_ISFIFO(fifo.stat().st_mode)
    assert json.loads(received[0])["tool"]["name"] == "smm-audit"


def test_text_report_neutralises_terminal_control_sequences(cli, write_snapshot):
    hostile = "Evil\x1b]0;pwned\x07\rGate PASSED\x1b[2J\u202e"
    path = write_snapshot(client={"name": hostile}, accounts=[{"id": "vk", "platform": "vk", "posts": []}])
    out = cli("run", str(path), "--color", "never").stdout
    assert "\x1b" not in out and "\r" not in out and "\x07" not in out and "\u202e" not in out


@pytest.mark.parametrize("link", ["same", "dotted", "symlink", "hardlink", "slash", "slash-dot", "link-slash"])
@pytest.mark.parametrize("option", ["-o", "--report", "baseline"])
def test_output_over_the_snapshot_is_refused(cli, write_snapshot, tmp_path, link, option):
    """-o, --report or baseline -o naming the snapshot (by any path or link) would destroy it: exit 2, one line.

    ``snap.json/`` names no file to the system, but pathlib (and so the writing) reads it as ``snap.json``."""
    snapshot = write_snapshot()
    before = snapshot.read_bytes()
    target: os.PathLike[str] | str = tmp_path / "alias.json"
    if link == "same":
        target = snapshot
    elif link == "dotted":
        target = tmp_path / "." / snapshot.name
    elif link == "symlink":
        target.symlink_to(snapshot)
    elif link == "slash":
        target = f"{snapshot}{os.sep}"
    elif link == "slash-dot":
        target = f"{snapshot}{os.sep}."
    elif link == "link-slash":
        target.symlink_to(snapshot)
        target = f"{target}{os.sep}"
    else:
        os.link(snapshot, target)
    if option == "baseline":
        result = cli("baseline", str(snapshot), "-o", str(target))
    elif option == "-o":
        result = cli("run", str(snapshot), "-o", str(target))
    else:
        result = cli("run", str(snapshot), "--report", f"json={target}")
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: ") and "is the snapshot itself; refusing to overwrite it" in line, line
    assert snapshot.read_bytes() == before


@pytest.mark.parametrize("option", ["-o", "--report"])
def test_report_over_the_baseline_the_run_reads_is_refused(cli, write_snapshot, tmp_path, option):
    """run --baseline B -o B (or --report F=B, or a baseline named by the config) would lose the baseline."""
    snapshot = write_snapshot()
    baseline = tmp_path / "baseline.json"
    assert cli("baseline", str(snapshot), "-o", str(baseline)).exit_code == 0
    before = baseline.read_bytes()
    config = tmp_path / "smm-audit.toml"
    config.write_text('baseline = "baseline.json"\n', encoding="utf-8")
    target = ["-o", str(baseline)] if option == "-o" else ["--report", f"sarif={baseline}"]
    for how in (["--baseline", str(baseline)], ["--config", str(config)]):
        result = cli("run", str(snapshot), *how, *target)
        assert result.exit_code == 2, result.output
        (line,) = result.stderr.splitlines()
        assert line.startswith("error: ") and "is the baseline the run reads; refusing to overwrite it" in line, line
        assert baseline.read_bytes() == before
    # baseline -o rewriting the configured baseline is how a baseline is updated: allowed
    assert cli("baseline", str(snapshot), "--config", str(config), "-o", str(baseline)).exit_code == 0


@pytest.mark.parametrize("command", ["run", "baseline"])
def test_output_over_the_configuration_file_is_refused(cli, write_snapshot, tmp_path, command):
    snapshot = write_snapshot()
    config = tmp_path / "smm-audit.toml"
    config.write_text('fail_on = "never"\n', encoding="utf-8")
    before = config.read_bytes()
    result = cli(command, str(snapshot), "--config", str(config), "-o", str(tmp_path / "." / config.name))
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: ") and "is the configuration file; refusing to overwrite it" in line, line
    assert config.read_bytes() == before


def test_report_over_a_check_options_file_or_calibrate_over_its_input_is_refused(cli, write_snapshot, tmp_path):
    snapshot = write_snapshot()
    (tmp_path / "sub").mkdir()
    weights = tmp_path / "sub" / "weights.json"
    weights.write_text("{}", encoding="utf-8")
    config = tmp_path / "sub" / "smm-audit.toml"
    config.write_text('[checks.bot-followers]\nweights = "weights.json"\n', encoding="utf-8")
    result = cli("run", str(snapshot), "--config", str(config), "-f", "json", "-o", str(weights))
    assert result.exit_code == 2, result.output
    assert "is the file of bot-followers's option weights; refusing to overwrite it" in result.stderr
    assert weights.read_text(encoding="utf-8") == "{}"
    labelled = tmp_path / "labelled.jsonl"
    labelled.write_text("{}\n", encoding="utf-8")
    result = cli("calibrate", "bot-followers", str(labelled), "-o", str(labelled))
    assert result.exit_code == 2 and "is the labelled file; refusing to overwrite it" in result.stderr
    assert labelled.read_text(encoding="utf-8") == "{}\n"


# --------------------------------------------------------------------------- the text report in a terminal

MANY_FINDINGS = """
from smm_audit.api import Check, Finding, Result, hookimpl

def audit(snapshot, options):
    found = [Finding(f"post {i} says nothing", f"/accounts/0/posts/{i}", ("post", str(i)), severity="medium")
             for i in (41, 5, 4, 12)]
    found.append(Finding("the worst one", "/accounts/0/posts/30", ("post", "30"), severity="critical"))
    found.append(Finding("a high one", "/accounts/0/posts/31", ("post", "31"), severity="high"))
    return Result("fail", 0.1, found)

@hookimpl
def register_checks(register):
    register(Check(id="many-things", title="Many things", category="content", run=audit,
                   summary="s", why="w " * 60, fix="f"))
"""


def _many(write_snapshot):
    posts = [{"id": f"p{i}", "published_at": "2026-10-30T12:00:00+03:00"} for i in range(45)]
    return str(write_snapshot(accounts=[{"id": "vk", "platform": "vk", "posts": posts}]))


def test_text_findings_are_worst_first_then_by_pointer_with_numeric_indexes(cli, write_snapshot, plugin_dir):
    module = plugin_dir("many_things", MANY_FINDINGS)
    report = json.loads(cli("run", _many(write_snapshot), "-p", module, "-f", "json").stdout)
    (check,) = [c for c in report["checks"] if c["id"] == "many-things"]
    assert [f["location"].rsplit("/", 1)[1] for f in check["findings"]] == ["30", "31", "4", "5", "12", "41"]


def test_text_shows_n_findings_all_with_zero_and_lines_of_the_snapshot(cli, write_snapshot, plugin_dir):
    module = plugin_dir("many_things_b", MANY_FINDINGS)
    snapshot = _many(write_snapshot)
    out = cli("run", snapshot, "-p", module, "--select", "many-things", "--max-findings", "2").stdout
    assert "the worst one" in out and "a high one" in out and "post 4 says" not in out
    assert "… and 4 more (--max-findings 0 shows all; -f json has them)" in out
    everything = cli("run", snapshot, "-p", module, "--select", "many-things", "--max-findings", "0").stdout
    assert all(f"post {i} says nothing" in everything for i in (4, 5, 12, 41)) and "more (" not in everything
    assert f"at /accounts/0/posts/30 ({snapshot}:" in " ".join(everything.split())  # the entity's line
    assert cli("run", snapshot, "--max-findings", "-1").exit_code == 2


def test_text_wraps_to_the_width_with_a_hanging_indent(cli, write_snapshot, plugin_dir):
    module = plugin_dir("many_things_c", MANY_FINDINGS)
    snapshot = _many(write_snapshot)
    for columns, width in (("80", 80), (None, 100)):
        env = {"COLUMNS": columns} if columns else {"COLUMNS": ""}
        out = cli("run", snapshot, "-p", module, "--select", "many-things", env=env).stdout
        lines = out.splitlines()
        too_long = [line for line in lines[2:] if len(line) > width]  # the second line is the snapshot path
        assert all(" " not in line.strip() for line in too_long), too_long  # an unbreakable path may be longer
        why = next(i for i, line in enumerate(lines) if line.startswith("        why: "))
        assert lines[why + 1].startswith(" " * 13 + "w ")  # continued under the text, not under "why:"
    demo = cli("run", str(DEMO), env={"COLUMNS": "80"}).stdout.splitlines()
    long_lines = [line for line in demo if len(line) > 80]
    assert all(" " not in line.strip() for line in long_lines), long_lines  # only an unbreakable URL may be longer


def test_text_scores_on_one_scale_and_plugins_named(cli, write_snapshot, plugin_dir):
    module = plugin_dir("many_things_d", MANY_FINDINGS)
    out = cli("run", _many(write_snapshot), "-p", module).stdout
    assert "score 0." not in out
    assert "many-things  Many things  10/100" in out
    assert "plugin many_things_d (-p) adds: many-things" in out.splitlines()[2]
    assert "plugin " not in cli("run", _many(write_snapshot)).stdout.splitlines()[2]


def test_text_colours_critical_apart_from_high_and_not_on_a_dumb_terminal(cli, write_snapshot, plugin_dir, monkeypatch):
    import click

    from smm_audit import console

    module = plugin_dir("many_things_e", MANY_FINDINGS)
    out = cli("run", _many(write_snapshot), "-p", module, "--color", "always").stdout
    critical = next(line for line in out.splitlines() if "the worst one" in line)
    high = next(line for line in out.splitlines() if "a high one" in line)
    assert click.unstyle(critical) != critical and click.unstyle(high) != high
    assert critical.split("critical")[0] != high.split("high")[0]  # different styles
    monkeypatch.setattr(console.sys.stdout, "isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert console.use_color("auto") is True
    monkeypatch.setenv("TERM", "dumb")
    assert console.use_color("auto") is False


def test_a_dash_output_is_standard_output(cli, tmp_path, monkeypatch):
    """``-o -`` means standard output, as click's file options have it; no file named '-' is written."""
    monkeypatch.chdir(tmp_path)
    plain = cli("run", str(DEMO), "-f", "json")
    dashed = cli("run", str(DEMO), "-f", "json", "-o", "-")
    assert (dashed.exit_code, dashed.stdout) == (plain.exit_code, plain.stdout) == (1, plain.stdout)
    recorded = cli("baseline", str(DEMO), "-o", "-")
    assert recorded.exit_code == 0, recorded.output
    assert json.loads(recorded.stdout)["smm_audit_baseline"] == 1
    assert "standard output: " in recorded.stderr and "findings recorded" in recorded.stderr
    refused = cli("run", str(DEMO), "--report", "json=-")
    assert refused.exit_code == 2
    assert "standard output carries the main report" in refused.stderr
    assert not (tmp_path / "-").exists()
