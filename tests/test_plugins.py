"""Third-party plugins through -p and SMM_AUDIT_PLUGINS, and how their failures are isolated."""

from __future__ import annotations

import json
import re
from importlib import metadata
from pathlib import Path

import pytest

from smm_audit import plugins
from smm_audit.errors import UsageError

ROOT = Path(__file__).resolve().parent.parent

GOOD = """
from smm_audit.api import Check, Finding, Result, hookimpl

def audit(snapshot, options):
    findings = [Finding(f"{a.label} has no name", a.pointer, ("account", a.id)) for a in snapshot.accounts
                if not a.get("name")]
    return Result("fail" if findings else "pass", 0.0 if findings else 1.0, findings)

CHECK = Check(id="{check_id}", title="Accounts are named", category="profile", run=audit,
              summary="Every account has a name.", why="Names help.", fix="Name it.", severity="high")

@hookimpl
def register_checks(register):
    register(CHECK)
"""

RAISES = """
from smm_audit.api import Check, hookimpl

def audit(snapshot, options):
    raise RuntimeError("the house rule exploded")

@hookimpl
def register_checks(register):
    register(Check(id="exploding-rule", title="Explodes", category="profile", run=audit,
                   summary="s", why="w", fix="f"))
"""


def test_p_module_adds_a_check_to_checks_and_report(cli, plugin_dir, write_snapshot):
    module = plugin_dir("house_rules_a", GOOD.replace("{check_id}", "account-named"))
    listed = cli("checks", "-p", module)
    assert listed.exit_code == 0
    assert re.search(r"^account-named\s+profile\s+high", listed.stdout, re.M)
    snapshot = write_snapshot(accounts=[{"id": "vk", "platform": "vk"}])
    result = cli("run", str(snapshot), "-p", module, "-f", "json", "--select", "account-named")
    report = json.loads(result.stdout)
    (check,) = report["checks"]
    assert check["id"] == "account-named" and check["status"] == "fail"
    assert check["findings"][0]["location"] == "/accounts/0"
    assert result.exit_code == 1


def test_env_var_loads_plugins(cli, plugin_dir):
    module = plugin_dir("house_rules_b", GOOD.replace("{check_id}", "env-named"))
    result = cli("plugins", "-f", "json", env={"SMM_AUDIT_PLUGINS": f" {module} ,"})
    rows = {row["name"]: row for row in json.loads(result.stdout)}
    assert rows[module]["source"] == "SMM_AUDIT_PLUGINS"
    assert rows[module]["checks"] == ["env-named"]
    assert rows["smm_audit.builtin_checks.dead_community"]["source"] == "built-in"


def test_a_check_that_raises_is_an_error_and_the_others_run(cli, plugin_dir, write_snapshot):
    module = plugin_dir("house_rules_c", RAISES)
    snapshot = write_snapshot(accounts=[{"id": "vk", "platform": "vk", "posts": []}])
    result = cli("run", str(snapshot), "-p", module, "-f", "json", "--select", "exploding-rule,dead-community")
    assert result.exit_code == 3
    checks = {c["id"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["exploding-rule"]["status"] == "error"
    assert checks["exploding-rule"]["message"] == "RuntimeError: the house rule exploded"
    assert checks["dead-community"]["status"] in ("pass", "warn", "fail")


def test_a_plugin_that_fails_to_import_is_named(cli, plugin_dir):
    module = plugin_dir("house_rules_d", "import this_module_does_not_exist_anywhere\n")
    result = cli("checks", "-p", module)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stderr.strip() == (
        "error: plugin 'house_rules_d' failed to import: "
        "ModuleNotFoundError: No module named 'this_module_does_not_exist_anywhere'"
    )


def test_an_unknown_plugin_module(cli):
    result = cli("checks", "-p", "no_such_plugin_module_xyz")
    assert result.exit_code == 2
    assert "no module named 'no_such_plugin_module_xyz'" in result.stderr


def test_a_duplicate_check_id_names_both_plugins(cli, plugin_dir):
    module = plugin_dir("house_rules_e", GOOD.replace("{check_id}", "dead-community"))
    result = cli("checks", "-p", module)
    assert result.exit_code == 2
    assert "check 'dead-community' is registered twice: by 'smm_audit.builtin_checks.dead_community'" in result.stderr
    assert "'house_rules_e'" in result.stderr


def test_invalid_check_id_is_refused(cli, plugin_dir):
    module = plugin_dir("house_rules_f", GOOD.replace("{check_id}", "Bad_Id"))
    result = cli("checks", "-p", module)
    assert result.exit_code == 2
    assert "check 'Bad_Id': its id must be kebab-case" in result.stderr


def test_builtins_are_discovered_not_named():
    registry = plugins.load(entry_points=False)
    assert "dead-community" in registry.checks
    assert {"text", "json"} <= set(registry.formats)


def test_the_engine_names_no_check():
    """No built-in check id appears in the engine's source: checks come only through the hooks."""
    registry = plugins.load(entry_points=False)
    checks = ROOT / "smm_audit" / "builtin_checks"
    engine = [p for p in (ROOT / "smm_audit").rglob("*.py") if checks not in p.parents]
    engine_source = "\n".join(p.read_text("utf-8") for p in engine)
    for check_id in registry.checks:
        assert check_id not in engine_source, check_id
        assert check_id.replace("-", "_") not in engine_source, check_id


HANGS = """
import time
from smm_audit.api import Check, Result, hookimpl

def audit(snapshot, options):
    time.sleep(30)
    return Result("pass", 1.0)

@hookimpl
def register_checks(register):
    register(Check(id="slow-rule", title="Hangs", category="profile", run=audit, summary="s", why="w", fix="f"))
"""

EXTENSION = """
from smm_audit.api import Check, Finding, Result, hookimpl

SCHEMA = {"type": "object", "additionalProperties": False, "required": ["hashtags"],
          "properties": {"hashtags": {"type": "array", "items": {"type": "string", "pattern": "^#"}}}}

def audit(snapshot, options):
    tags = snapshot.extensions.get("hashtags", {}).get("hashtags", [])
    return Result("pass" if tags else "warn", 1.0 if tags else 0.5, metrics={"hashtags": len(tags)})

@hookimpl
def register_snapshot_extensions(register):
    register("hashtags", SCHEMA)

@hookimpl
def register_checks(register):
    register(Check(id="hashtag-rule", title="Hashtags", category="content", run=audit, summary="s", why="w", fix="f"))
"""

FINISHED = """
import json, os
from smm_audit.api import hookimpl

@hookimpl
def audit_finished(report):
    with open(os.environ["FINISHED_OUT"], "w") as handle:
        json.dump({"score": report["score"], "client": report["snapshot"]["client"]}, handle)
"""


def test_a_check_that_hangs_is_stopped_and_reported(cli, plugin_dir, write_snapshot):
    module = plugin_dir("house_rules_g", HANGS)
    path = write_snapshot(accounts=[{"id": "vk", "platform": "vk", "posts": []}])
    result = cli(
        "run", str(path), "-p", module, "-f", "json", "--select", "slow-rule,dead-community", "--check-timeout", "0.5"
    )
    assert result.exit_code == 3
    checks = {c["id"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["slow-rule"]["status"] == "error"
    assert checks["slow-rule"]["message"] == "timed out: still running after 0.5 s (check_timeout)"
    assert checks["dead-community"]["status"] != "error"


def test_api_version_mismatch_names_the_plugin(cli, plugin_dir):
    module = plugin_dir("house_rules_h", 'SMM_AUDIT_API = ("2",)\n')
    result = cli("checks", "-p", module)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "error: plugin 'house_rules_h' supports smm-audit API 2, but this smm-audit provides API 1"
    )
    assert cli("checks", "-p", plugin_dir("house_rules_i", 'SMM_AUDIT_API = "1"\n')).exit_code == 0


def test_no_name_disables_a_plugin(cli):
    result = cli("checks", "-p", "no:dead_community", "-f", "json")
    assert "dead-community" not in [c["id"] for c in json.loads(result.stdout)]
    result = cli("plugins", "-p", "no:smm_audit.builtin_checks.dead_community")
    assert "dead_community" not in result.stdout


def test_no_plugins_skips_the_environment(cli, plugin_dir):
    module = plugin_dir("house_rules_j", GOOD.replace("{check_id}", "env-only"))
    env = {"SMM_AUDIT_PLUGINS": module}
    assert "env-only" in cli("checks", env=env).stdout
    assert "env-only" not in cli("checks", "--no-plugins", env=env).stdout


def test_extension_data_is_validated_with_the_snapshot(cli, plugin_dir, write_snapshot):
    module = plugin_dir("house_rules_k", EXTENSION)
    good = write_snapshot(extensions={"hashtags": {"hashtags": ["#coffee"]}, "someone-else": [1, 2]}, name="good.json")
    report = json.loads(cli("run", str(good), "-p", module, "-f", "json", "--select", "hashtag-rule").stdout)
    assert report["checks"][0]["metrics"] == {"hashtags": 1}
    bad = write_snapshot(extensions={"hashtags": {"hashtags": ["coffee"], "typo": 1}}, name="bad.json")
    result = cli("run", str(bad), "-p", module)
    assert result.exit_code == 2
    assert "/extensions/hashtags/hashtags/0: does not match the pattern ^#" in result.stderr
    assert "/extensions/hashtags/typo: unknown field 'typo'" in result.stderr
    assert "hashtags" in cli("plugins", "-p", module).stdout


def test_audit_finished_is_told_with_a_scrubbed_report(cli, plugin_dir, write_snapshot, tmp_path):
    module = plugin_dir("house_rules_l", FINISHED)
    out = tmp_path / "told.json"
    secret = "Very-Secret-Passw0rd"
    path = write_snapshot(
        client={"name": f"Client {secret}"},
        accounts=[{"id": "vk", "platform": "vk", "posts": []}],
        credentials=[{"account_id": "vk", "password": {"plaintext": secret}}],
    )
    result = cli("run", str(path), "-p", module, "--select", "dead-community", env={"FINISHED_OUT": str(out)})
    assert result.exit_code in (0, 1)
    told = json.loads(out.read_text("utf-8"))
    assert told["client"] == "Client [REDACTED]"


def test_audit_finished_failure_is_exit_3(cli, plugin_dir, write_snapshot):
    module = plugin_dir("house_rules_m", FINISHED)
    path = write_snapshot(accounts=[{"id": "vk", "platform": "vk", "posts": []}])
    result = cli(
        "run", str(path), "-p", module, "--select", "dead-community", env={"FINISHED_OUT": "/nonexistent/dir/x"}
    )
    assert result.exit_code == 3
    assert "plugin 'house_rules_m' failed in audit_finished: FileNotFoundError" in result.stderr


EXITS = """
import sys
from smm_audit.api import Check, Finding, Format, Result, hookimpl

def audit(snapshot, options):
    sys.exit(0)

def bad_key(snapshot, options):
    return Result("fail", 0.0, [Finding("m", "/accounts/0", ("post", 1234))])

def bad_metric(snapshot, options):
    return Result("pass", 1.0, metrics={"ids": {"a", "b"}})

@hookimpl
def register_checks(register):
    register(Check(id="exiting-rule", title="Exits", category="profile", run=audit, summary="s", why="w", fix="f"))
    register(Check(id="bad-key-rule", title="Bad key", category="profile", run=bad_key, summary="s", why="w", fix="f"))
    register(Check(id="bad-metric-rule", title="Bad metric", category="profile", run=bad_metric, summary="s",
                   why="w", fix="f"))

def render(report):
    raise SystemExit(0)

@hookimpl
def register_formats(register):
    register(Format("exits", render, "a format that exits"))

@hookimpl
def audit_finished(report):
    sys.exit(0)
"""


def test_plugins_that_exit_or_return_nonsense_cannot_pass_the_gate(cli, plugin_dir, write_snapshot):
    module = plugin_dir("house_rules_n", EXITS)
    path = write_snapshot(accounts=[{"id": "vk", "platform": "vk", "posts": []}])
    result = cli("run", str(path), "-p", module, "-f", "json")
    assert result.exit_code == 3
    checks = {c["id"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["exiting-rule"]["message"] == "SystemExit: 0"
    assert checks["bad-key-rule"]["message"].startswith("TypeError: a finding's key must be a tuple of strings")
    assert checks["bad-metric-rule"]["message"].startswith("TypeError: metrics must be JSON data")
    assert "plugin 'house_rules_n' failed in audit_finished: SystemExit: 0" in result.stderr
    result = cli("run", str(path), "-p", module, "-f", "exits")
    assert result.exit_code == 3
    assert "format 'exits' failed: SystemExit: 0" in result.stderr


# --------------------------------------------------------------------------- hook mistakes


def test_a_misspelt_hook_is_a_load_error_naming_the_closest_hook(cli, plugin_dir):
    module = plugin_dir(
        "house_rules_typo", "from smm_audit.api import hookimpl\n@hookimpl\ndef register_check(register):\n    pass\n"
    )
    result = cli("checks", "-p", module)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "error: plugin 'house_rules_typo' implements an unknown hook 'register_check' (did you mean 'register_checks'?)"
    )


def test_a_wrong_parameter_name_is_a_load_error_naming_the_hook_and_its_parameters(cli, plugin_dir):
    module = plugin_dir(
        "house_rules_param", "from smm_audit.api import hookimpl\n@hookimpl\ndef register_checks(reg):\n    pass\n"
    )
    result = cli("checks", "-p", module)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "error: plugin 'house_rules_param': hook 'register_checks' takes (register), not (reg): no parameter 'reg'"
    )


# --------------------------------------------------------------------------- installed plugins and the suite

FOREIGN = """
from smm_audit.api import Check, Finding, Result, hookimpl

def audit(snapshot, options):
    return Result("fail", 0.0, [Finding("foreign", "", ("foreign",), severity="critical")])

@hookimpl
def register_checks(register):
    register(Check(id="foreign-rule", title="Foreign", category="profile", run=audit, summary="s", why="w", fix="f"))
"""


def test_an_installed_foreign_plugin_changes_no_test(cli, plugin_dir, monkeypatch, run_check, snapshot_builder):
    module = plugin_dir("foreign_installed", FOREIGN)
    installed = metadata.EntryPoint("foreign", module, plugins.ENTRY_POINT_GROUP)
    real = metadata.entry_points

    def entry_points(**selection):
        return [installed] if selection.get("group") == plugins.ENTRY_POINT_GROUP else real(**selection)

    monkeypatch.setattr(metadata, "entry_points", entry_points)
    assert "foreign-rule" not in cli("checks").stdout
    report = json.loads(cli("run", str(ROOT / "examples" / "healthy-snapshot.json"), "-f", "json").stdout)
    assert "foreign-rule" not in [c["id"] for c in report["checks"]] and report["gate"]["passed"]
    with pytest.raises(UsageError, match="unknown check 'foreign-rule'"):
        run_check("foreign-rule", snapshot_builder())
    assert run_check("foreign-rule", snapshot_builder(), plugins=[module]).status == "fail"  # named: loaded
    monkeypatch.delenv(plugins.NO_AUTOLOAD_VAR)  # what the suite's conftest sets: without it, it is installed
    assert "foreign-rule" in cli("checks").stdout


def test_audit_report_runs_the_whole_audit_for_a_format_test(audit_report, snapshot_builder, plugin_dir):
    """The kit's audit_report gives the report data a format renders: every check, the gate, lines, settings."""
    import jsonschema

    from smm_audit import validate
    from smm_audit.formats import markdown_report

    data = snapshot_builder().account("vk", platform="vk").post(days_ago=200, text="hello")
    report = audit_report(data)
    jsonschema.Draft202012Validator(validate.load_schema("report")).validate(report)
    assert report["snapshot"]["source"] == "snapshot.json" and report["snapshot"]["client"] == "Test client"
    dead = next(c for c in report["checks"] if c["id"] == "dead-community")
    assert dead["findings"] and all(isinstance(f["line"], int) for f in dead["findings"])
    assert markdown_report.render(report).startswith("## smm-audit: Test client")
    quiet = audit_report(data, fail_on="never", min_coverage=0, select=["dead-community"])
    assert [c["id"] for c in quiet["checks"]] == ["dead-community"] and quiet["gate"]["passed"]
    module = plugin_dir("foreign_for_report", FOREIGN)
    assert "foreign-rule" in [c["id"] for c in audit_report(data, plugins=[module])["checks"]]
    with pytest.raises(UsageError, match="unknown key 'fail_onn'"):
        audit_report(data, fail_onn="never")


WHERE_PLUGIN = """
from smm_audit.api import Check, Finding, Result, hookimpl

def make(location):
    def audit(snapshot, options):
        return Result("fail", 0.0, [Finding("somewhere", location, ("x",), severity="high")])
    return audit

@hookimpl
def register_checks(register):
    for i, location in enumerate(LOCATIONS):
        register(Check(id=f"where-{i}", title="Where", category="content", run=make(location),
                       summary="s", why="w", fix="f"))
"""


def test_a_finding_location_must_point_into_the_snapshot(cli, plugin_dir, write_snapshot):
    """A location that is not a pointer, or points at nothing, is the check's error (exit 3), not shown as is."""
    locations = ["accounts/0/posts/999", "/accounts/0/posts/999", "/accounts/0/posts/01", "/accounts/0/profile", ""]
    module = plugin_dir("where_plugin", f"LOCATIONS = {locations!r}\n" + WHERE_PLUGIN)
    snapshot = write_snapshot(accounts=[{"id": "vk", "platform": "vk", "posts": [{"id": f"p{i}"} for i in range(2)]}])
    result = cli(
        "run", str(snapshot), "-p", module, "--select", "where-0,where-1,where-2,where-3,where-4", "-f", "json"
    )
    assert result.exit_code == 3
    checks = {c["id"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["where-0"]["status"] == "error"
    assert "'accounts/0/posts/999' is not in the snapshot: it is not a JSON pointer" in checks["where-0"]["message"]
    assert checks["where-1"]["status"] == "error"
    assert "nothing at '999' under /accounts/0/posts" in checks["where-1"]["message"]
    assert checks["where-2"]["status"] == "error"  # "01" is not an array index
    assert checks["where-3"]["status"] == "fail"  # a field missing from an existing account: where it belongs
    assert checks["where-4"]["status"] == "fail"  # the whole snapshot
