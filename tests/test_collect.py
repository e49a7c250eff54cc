"""The collector hook and ``smm-audit collect``: registration, options, tokens, errors."""

from __future__ import annotations

import json

import pytest

from smm_audit import plugins
from smm_audit.errors import PluginError

TOKEN = "vk1.a.SECRET-token-value-0123456789"

COLLECTOR = """
from smm_audit.api import CollectError, Collector, Option, hookimpl


def collect(target, options, context):
    if target == "boom":
        raise CollectError(f"the API refused {context.token}")
    if target == "invalid":
        return {"schema_version": "1.0"}
    return {
        "schema_version": "1.0",
        "taken_at": context.now().isoformat(),
        "client": {"name": f"{target} x{options['times']} {options['loud']}"},
    }


@hookimpl
def register_collectors(register):
    register(Collector("{name}", "A test collector", collect, token_env="HOUSE_TOKEN",
                       options=(Option("times", int, 1, "How many", minimum=1), Option("loud", bool, False, "Loud"))))
"""


def test_the_vk_collector_is_a_builtin_plugin():
    registry = plugins.load(entry_points=False)
    assert "vk" in registry.collectors
    owner = {name: info for info in registry.plugins for name in info.collectors}
    assert owner["vk"].name == "smm_audit.collectors.vk"
    assert owner["vk"].source == "built-in"


def test_a_collector_registered_twice_names_both_plugins(plugin_dir):
    module = plugin_dir("house_vk", COLLECTOR.replace("{name}", "vk"))
    twice = r"collector 'vk' is registered twice: by 'smm_audit\.collectors\.vk' and by 'house_vk'"
    with pytest.raises(PluginError, match=twice):
        plugins.load([module], entry_points=False)


def test_a_collector_with_a_bad_name_is_refused(plugin_dir):
    module = plugin_dir("house_bad", COLLECTOR.replace("{name}", "Bad Name"))
    with pytest.raises(PluginError, match="collector 'Bad Name': its name must be kebab-case"):
        plugins.load([module], entry_points=False)


def test_collect_help_lists_collectors_and_a_collector_its_options(cli, plugin_dir):
    module = plugin_dir("house_c", COLLECTOR.replace("{name}", "house"))
    listed = cli("collect", "-p", module, "--help")
    assert listed.exit_code == 0
    assert "vk  " in listed.stdout and "house  A test collector" in listed.stdout
    vk = cli("collect", "vk", "--help")
    for option in ("--followers", "--seed", "--posts", "--rate", "--token-env", "--api-base", "-o, --output"):
        assert option in vk.stdout
    house = cli("collect", "-p", module, "house", "--help")
    assert "--times" in house.stdout and "--loud / --no-loud" in house.stdout


def test_collect_writes_a_valid_snapshot_with_the_options(cli, plugin_dir, tmp_path, monkeypatch):
    module = plugin_dir("house_d", COLLECTOR.replace("{name}", "house"))
    monkeypatch.setenv("HOUSE_TOKEN", TOKEN)
    out = tmp_path / "out.json"
    result = cli("collect", "-p", module, "house", "zerno", "-o", str(out), "--times", "3", "--loud")
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["client"]["name"] == "zerno x3 True"


def test_a_missing_token_is_one_line_naming_the_variable(cli, plugin_dir, tmp_path, monkeypatch):
    module = plugin_dir("house_e", COLLECTOR.replace("{name}", "house"))
    monkeypatch.delenv("HOUSE_TOKEN", raising=False)
    result = cli("collect", "-p", module, "house", "zerno", "-o", str(tmp_path / "o.json"))
    assert result.exit_code == 2
    assert result.stderr == (
        "error: collector 'house' needs a token: set the environment variable HOUSE_TOKEN (or give --token-file)\n"
    )
    monkeypatch.setenv("OTHER", TOKEN)
    other = cli("collect", "-p", module, "house", "zerno", "-o", str(tmp_path / "o.json"), "--token-env", "OTHER")
    assert other.exit_code == 0, other.output


def test_the_token_is_masked_in_errors(cli, plugin_dir, tmp_path, monkeypatch):
    module = plugin_dir("house_f", COLLECTOR.replace("{name}", "house"))
    monkeypatch.setenv("HOUSE_TOKEN", TOKEN)
    out = tmp_path / "o.json"
    result = cli("collect", "-p", module, "house", "boom", "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr == "error: the API refused [REDACTED]\n"
    assert TOKEN[:8] not in result.output
    assert not out.exists()
    assert not (tmp_path / "o.json.checkpoint").exists()  # nothing was fetched: nothing to resume from


def test_an_invalid_snapshot_is_not_written(cli, plugin_dir, tmp_path, monkeypatch):
    module = plugin_dir("house_g", COLLECTOR.replace("{name}", "house"))
    monkeypatch.setenv("HOUSE_TOKEN", TOKEN)
    out = tmp_path / "o.json"
    result = cli("collect", "-p", module, "house", "invalid", "-o", str(out))
    assert result.exit_code == 3
    assert "collector 'house' produced an invalid snapshot" in result.stderr
    assert not out.exists()


def test_an_unknown_collector_is_a_usage_error(cli):
    result = cli("collect", "vj", "x", "-o", "x.json")
    assert result.exit_code == 2
    assert result.stderr == "error: unknown collector 'vj' (choose from vk)\n"


def test_the_token_may_come_from_a_file_never_quoted(cli, plugin_dir, tmp_path, monkeypatch):
    module = plugin_dir("house_h", COLLECTOR.replace("{name}", "house"))
    monkeypatch.delenv("HOUSE_TOKEN", raising=False)
    secret = tmp_path / "token"
    secret.write_text(f"{TOKEN}\n", encoding="utf-8")
    out = tmp_path / "o.json"
    boom = cli("collect", "-p", module, "house", "boom", "-o", str(out), "--token-file", str(secret))
    assert boom.stderr == "error: the API refused [REDACTED]\n"  # the file's token was the one used
    ok = cli("collect", "-p", module, "house", "zerno", "-o", str(out), "--token-file", str(secret))
    assert ok.exit_code == 0, ok.output
    empty = tmp_path / "empty"
    empty.write_text("\n", encoding="utf-8")
    result = cli("collect", "-p", module, "house", "zerno", "-o", str(out), "--token-file", str(empty))
    assert result.exit_code == 2 and result.stderr == f"error: --token-file {empty}: the file is empty\n"
    both = cli("collect", "-p", module, "house", "z", "-o", str(out), "--token-file", str(secret), "--token-env", "X")
    assert both.exit_code == 2 and "not both" in both.stderr


def test_plugins_lists_what_registers_a_collector(cli):
    result = cli("plugins", "--no-plugins")
    assert "smm_audit.collectors.vk (built-in): collector vk" in result.stdout
    rows = {row["name"]: row for row in json.loads(cli("plugins", "--no-plugins", "-f", "json").stdout)}
    assert rows["smm_audit.collectors.vk"]["collectors"] == ["vk"]
    assert rows["smm_audit.formats.json_report"]["collectors"] == []
