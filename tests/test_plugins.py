"""Third-party plugins through -p and SMM_AUDIT_PLUGINS, and how their failures are isolated."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from smm_audit import plugins

ROOT = Path(__file__).resolve().parent.parent

GOOD = '''
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
'''

RAISES = '''
from smm_audit.api import Check, hookimpl

def audit(snapshot, options):
    raise RuntimeError("the house rule exploded")

@hookimpl
def register_checks(register):
    register(Check(id="exploding-rule", title="Explodes", category="profile", run=audit,
                   summary="s", why="w", fix="f"))
'''


@pytest.fixture
def plugin_dir(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))

    def write(name: str, source: str) -> str:
        (tmp_path / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
        return name

    return write


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
    engine_source = "\n".join(p.read_text("utf-8") for p in (ROOT / "smm_audit").rglob("*.py"))
    for check_id in registry.checks:
        assert check_id not in engine_source, check_id
        assert check_id.replace("-", "_") not in engine_source, check_id
