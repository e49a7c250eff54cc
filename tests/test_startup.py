"""Start-up: each command imports what it needs, and only commands that may run plugin code fork a supervisor.

Not timed (benchmarks/startup.py measures it): these tests look at WHICH modules a command imported, in a
fresh interpreter, so that a top-level import of httpx, jsonschema or the checks cannot come back unseen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import DEMO
from smm_audit import supervise
from smm_audit.cli import main

PROBE = r"""
import json, os, sys
out_path, args, deny_fork = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3] == "1"
if deny_fork:
    def refused():
        raise SystemExit(99)
    os.fork = refused
sys.argv = ["smm-audit", *args]
from smm_audit.supervise import main
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code
with open(out_path, "w") as handle:
    json.dump({"modules": sorted(sys.modules), "code": code}, handle)
"""

HEAVY = ("httpx", "jsonschema", "fastjsonschema")


def probe(tmp_path, *args: str, deny_fork: bool = False, supervised: bool = False) -> dict:
    """Run the console script's function with ``args`` in a new interpreter: its exit code, the modules it imported."""
    env = {k: v for k, v in os.environ.items() if k != "SMM_AUDIT_NO_SUPERVISOR"}
    if not supervised:
        env["SMM_AUDIT_NO_SUPERVISOR"] = "1"  # one process: every module the command imported is seen here
    out = tmp_path / "probe.json"
    subprocess.run(
        [sys.executable, "-c", PROBE, str(out), json.dumps(list(args)), "1" if deny_fork else "0"],
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    return json.loads(out.read_text())


def of(modules: list[str], *prefixes: str) -> list[str]:
    return [m for m in modules if any(m == p or m.startswith(f"{p}.") for p in prefixes)]


def test_version_imports_neither_click_nor_the_api(tmp_path):
    found = probe(tmp_path, "--version")
    assert found["code"] == 0
    assert of(found["modules"], "smm_audit") == ["smm_audit", "smm_audit.supervise"]
    assert of(found["modules"], "click", "pluggy", *HEAVY) == []


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_the_fast_version_says_what_click_says(flag):
    fast = subprocess.run(
        [sys.executable, "-c", "from smm_audit.supervise import main; main()", flag],
        capture_output=True,
        text=True,
        check=False,
    )
    assert fast.returncode == 0
    assert fast.stdout == CliRunner().invoke(main, [flag]).output == "smm-audit, version 0.1.0\n"


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["run", "--help"],
        ["checks"],
        ["explain", "bot-followers"],
        ["plugins"],
        ["schema", "snapshot"],
        ["config"],
    ],
)
def test_commands_that_read_no_snapshot_import_no_http_nor_schema_validator(tmp_path, args):
    found = probe(tmp_path, *args)
    assert found["code"] == 0
    assert of(found["modules"], *HEAVY[:1] if args[0] == "schema" else HEAVY) == []
    assert of(found["modules"], "msgspec") == []  # the reader's and the JSON report's, imported when used


@pytest.mark.parametrize("args", [["--help"], ["run", "--help"], ["schema", "snapshot"], ["config"]])
def test_help_and_commands_without_checks_import_none(tmp_path, args):
    found = probe(tmp_path, *args)
    checks = of(found["modules"], "smm_audit.builtin_checks", "smm_audit.formats", "smm_audit.collectors")
    assert checks == []
    assert of(found["modules"], "smm_audit.engine", "smm_audit.report", "smm_audit.plugins") == []


def test_an_audit_of_a_file_imports_no_http_client(tmp_path):
    found = probe(tmp_path, "run", str(DEMO), "-f", "json", "-o", str(tmp_path / "audit.json"))
    assert found["code"] == 1  # the demo fails the gate
    assert of(found["modules"], "httpx") == []
    assert "smm_audit.builtin_checks.bot_followers" in found["modules"]


@pytest.mark.parametrize("command", ["run", "validate"])
def test_a_valid_snapshot_is_read_without_the_explaining_validators(tmp_path, command):
    """The Rust validator answers alone on the happy path: jsonschema and fastjsonschema are not imported."""
    found = probe(tmp_path, command, str(DEMO), *(["-f", "json", "-o", str(tmp_path / "a.json")] * (command == "run")))
    assert found["code"] == (1 if command == "run" else 0)
    assert of(found["modules"], "jsonschema", "fastjsonschema") == []


def test_an_invalid_snapshot_is_still_explained(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(DEMO.read_text(encoding="utf-8").replace('"schema_version"', '"schema_versio"', 1), "utf-8")
    found = probe(tmp_path, "validate", str(bad))
    assert found["code"] == 2
    assert "jsonschema" in found["modules"]


@pytest.mark.parametrize(
    ("args", "forks"),
    [
        (["--help"], False),
        (["-h"], False),
        (["run", "--help"], False),
        (["checks", "-h"], False),
        (["schema", "snapshot"], False),
        (["config"], False),
        (["validate", str(DEMO)], False),
        (["checks"], True),
        (["run", str(DEMO)], True),
        (["plugins"], True),
        (["explain", "bot-followers"], True),
    ],
)
def test_only_commands_that_may_run_plugin_code_fork_a_supervisor(tmp_path, args, forks):
    found = probe(tmp_path, *args, deny_fork=True, supervised=True)
    assert (found["code"] == 99) is forks


@pytest.mark.parametrize(
    ("args", "runs"),
    [
        ([], False),
        (["--version"], False),
        (["-h", "run"], False),
        (["validate", "a.json"], False),
        (["schema", "report"], False),
        (["config", "--config", "x.toml"], False),
        (["run", "-h"], False),
        (["run", "snap.json"], True),
        (["run", "-o", "--help", "snap.json"], True),  # "--help" as the value of -o: not a help
        (["run", "snap.json", "--help"], True),  # click prints the help, but the words are not the simple form
        (["collect", "vk", "g", "-o", "x"], True),
        (["collect", "--help"], True),  # lists the collectors that plugins register
        (["calibrate", "bot-followers", "l.csv", "-o", "w.json"], True),
        (["baseline", "snap.json", "-o", "b.json"], True),
        (["unknown"], True),
    ],
)
def test_runs_plugin_code(args, runs):
    assert supervise.runs_plugin_code(args) is runs


@pytest.mark.parametrize("module", ["snapshot", "pointer", "readonly", "redact", "load", "engine", "testing"])
def test_each_module_imports_first_in_a_fresh_interpreter(module):
    """The package's lazy API must not turn ``from . import x`` of a module imported first into a cycle."""
    done = subprocess.run([sys.executable, "-c", f"import smm_audit.{module}"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("args", [["checks"], ["run", str(DEMO)]])
def test_the_supervisor_forks_before_the_cli_is_imported(tmp_path, args):
    """The parent stays a bare interpreter: its exit after the worker's tears down nothing (issue 12)."""
    found = probe(tmp_path, *args, deny_fork=True, supervised=True)
    assert found["code"] == 99  # the fork was asked for: what was imported before it
    assert of(found["modules"], "click", "pluggy", "smm_audit.cli", "smm_audit.load", "smm_audit.api") == []


FIRST_USE_ONLY = ("xml.etree", "smm_audit.formats._html_page")
# importlib.metadata, which finds installed plugins, imports importlib.resources and tempfile itself
NOT_WITHOUT_PLUGINS = ("importlib.metadata", "importlib.resources", "tempfile", "difflib")


@pytest.mark.entry_points("example")  # installed plugins are looked for (the example plugin is installed)
@pytest.mark.parametrize(
    "args", [["checks"], ["run", "DEMO", "-f", "json", "-o", "OUT"], ["run", "DEMO", "-f", "markdown", "-o", "OUT"]]
)
def test_an_audit_imports_no_unused_format(tmp_path, args):
    """The HTML and JUnit formats' modules are imported only when such a report is written."""
    args = [str(DEMO) if a == "DEMO" else str(tmp_path / "out") if a == "OUT" else a for a in args]
    found = probe(tmp_path, *args)
    assert found["code"] == (0 if args[0] == "checks" else 1)
    assert of(found["modules"], *FIRST_USE_ONLY) == []
    assert "smm_audit_example" in found["modules"]  # the installed example plugin was still found and loaded


@pytest.mark.parametrize("args", [["checks", "--no-plugins"], ["run", str(DEMO), "--no-plugins", "--format", "json"]])
def test_without_plugins_nothing_for_files_nor_names_is_imported(tmp_path, args):
    """Shipped files are read without importlib.resources, tempfile waits for a report written to a file, difflib
    for an unknown name. (A short option such as ``-f`` makes click itself import difflib.)"""
    found = probe(tmp_path, *args)
    assert found["code"] == (0 if args[0] == "checks" else 1)
    assert of(found["modules"], *NOT_WITHOUT_PLUGINS) == []


@pytest.mark.parametrize(("fmt", "module"), [("html", "smm_audit.formats._html_page"), ("junit", "xml.etree")])
def test_a_format_imports_its_code_when_it_writes(tmp_path, fmt, module):
    found = probe(tmp_path, "run", str(DEMO), "-f", fmt, "-o", str(tmp_path / "out"))
    assert found["code"] == 1
    assert module in found["modules"]


@pytest.mark.parametrize(
    ("package", "parts"),
    [
        ("smm_audit.schemas", ("snapshot.schema.json",)),
        ("smm_audit.schemas", ("report.schema.json",)),
        ("smm_audit.sentiment", ("lexicons", "ru.txt")),
        ("smm_audit.sentiment", ("calibration.json",)),
        ("smm_audit.sentiment", ("model.json",)),
        ("smm_audit.builtin_checks", ("data", "common_passwords.txt")),
        ("smm_audit.builtin_checks", ("data", "url_shorteners.txt")),
    ],
)
def test_a_shipped_file_reads_as_importlib_resources_reads_it(package, parts):
    from importlib import resources

    from smm_audit import bundled

    assert bundled.read_text(package, *parts) == resources.files(package).joinpath(*parts).read_text(encoding="utf-8")


def test_a_package_not_in_a_directory_is_read_by_importlib_resources(tmp_path, monkeypatch):
    """A zipped package (zipimport's loader) has no directory to open files in: importlib.resources reads them."""
    import zipfile

    from smm_audit import bundled

    archive = tmp_path / "zipped.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("zipped_pkg/__init__.py", "")
        zipped.writestr("zipped_pkg/data/words.txt", "one\r\ntwo\n")
    monkeypatch.syspath_prepend(str(archive))
    monkeypatch.delitem(sys.modules, "zipped_pkg", raising=False)
    assert bundled.read_text("zipped_pkg", "data", "words.txt") == "one\ntwo\n"


def test_the_checks_read_their_shipped_files_from_a_zipped_installation(tmp_path):
    """From a zip on sys.path every check still finds its shipped files (bot-followers read its weights by
    file path, and ended in an error there), and the sentiment classifier its lexicons and fallback list."""
    import zipfile
    from pathlib import Path

    import smm_audit

    source = Path(smm_audit.__file__).parent
    archive = tmp_path / "smm_audit.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for file in sorted(source.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                zipped.write(file, Path("smm_audit") / file.relative_to(source))
    script = (
        "import sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "import smm_audit\n"
        "assert smm_audit.__file__.startswith(sys.argv[1]), smm_audit.__file__\n"
        "from smm_audit.cli import main\n"
        "from smm_audit.sentiment import classify\n"
        "assert classify('They abandoned us', 'en').label == 'negative'  # the English fallback list\n"
        "main(['run', sys.argv[2], '--no-plugins', '-f', 'json', '-o', sys.argv[3]])\n"
    )
    report = tmp_path / "report.json"
    done = subprocess.run(
        [sys.executable, "-c", script, str(archive), str(DEMO), str(report)], capture_output=True, text=True
    )
    assert done.returncode == 1, done.stderr  # the demo fails the gate; 3 would be a check that broke
    broken = [check["id"] for check in json.loads(report.read_text("utf-8"))["checks"] if check["status"] == "error"]
    assert broken == []
