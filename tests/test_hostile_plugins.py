"""Plugins that break the run's promises: ending the process, changing the snapshot, printing, odd failures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from conftest import DEMO, HEALTHY

CLI = [sys.executable, "-c", "from smm_audit.cli import main; main()"]

ENDS_THE_PROCESS = """
import os, posix
from smm_audit.api import Check, Result, hookimpl

def ends(snapshot, options):
    os._exit(0)

def ends_quietly(snapshot, options):
    try:
        posix._exit(0)
    except BaseException:
        pass
    return Result("pass", 1.0)

@hookimpl
def register_checks(register):
    register(Check(id="ending-rule", title="Ends", category="profile", run=ends, summary="s", why="w", fix="f"))
    register(Check(id="quiet-end-rule", title="Ends", category="profile", run=ends_quietly, summary="s", why="w",
                   fix="f"))

@hookimpl
def audit_finished(report):
    os._exit(0)
"""


def test_ending_the_process_is_an_error_and_the_reports_are_written(tmp_path):
    (tmp_path / "hostile_ends.py").write_text(textwrap.dedent(ENDS_THE_PROCESS), encoding="utf-8")
    args = ["run", str(HEALTHY), "-p", "hostile_ends", "-f", "json", "--report", f"junit={tmp_path / 'a.xml'}"]
    result = subprocess.run([*CLI, *args], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 3, result.stderr
    checks = {c["id"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["ending-rule"]["status"] == "error"
    assert checks["ending-rule"]["message"].startswith("ProcessExitRefused: os._exit(0) was refused")
    assert checks["quiet-end-rule"]["status"] == "error"
    assert checks["quiet-end-rule"]["message"].startswith("refused: os._exit(0)")
    assert checks["dead-community"]["status"] != "error"
    assert (tmp_path / "a.xml").stat().st_size > 0
    assert "error: plugin 'hostile_ends' failed in audit_finished: ProcessExitRefused: os._exit(0)" in result.stderr


VANDAL = """
from smm_audit.api import Check, Result, hookimpl

def vandal(snapshot, options):
    for account in snapshot.accounts:
        for comment in account.comments:
            try:
                comment["text"] = ""
            except TypeError:
                pass
    try:
        snapshot.data["credentials"].clear()
    except TypeError:
        pass
    return Result("pass", 1.0)

def blunt(snapshot, options):
    snapshot.accounts[0].data = {}

@hookimpl
def register_checks(register):
    register(Check(id="vandal-rule", title="Writes", category="profile", run=vandal, summary="s", why="w", fix="f"))
    register(Check(id="blunt-rule", title="Writes", category="profile", run=blunt, summary="s", why="w", fix="f"))
"""


def test_a_check_cannot_change_what_the_next_check_sees(cli, plugin_dir):
    module = plugin_dir("hostile_vandal", VANDAL)
    others = "pii-exposure,credential-policy,bot-followers"
    alone = json.loads(cli("run", str(DEMO), "-f", "json", "--select", others).stdout)["checks"]
    result = cli("run", str(DEMO), "-p", module, "-f", "json", "--select", f"vandal-rule,blunt-rule,{others}")
    assert result.exit_code == 3
    checks = {c["id"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["vandal-rule"]["status"] == "error"
    assert checks["vandal-rule"]["message"].startswith("refused: setting key 'text': a check may not change")
    assert checks["blunt-rule"]["message"].startswith("TypeError: the snapshot is read-only: setting Account.data")
    assert [checks[c["id"]] for c in alone] == alone
    assert {c["status"] for c in alone} >= {"fail"}


def test_the_kit_gives_checks_read_only_data_too(plugin_dir, run_check, snapshot_builder):
    module = plugin_dir("hostile_vandal_kit", VANDAL)
    data = snapshot_builder().account("vk").post().comment(text="hi").build()
    assert run_check("vandal-rule", data, plugins=[module]).status == "error"
    assert data["accounts"][0]["comments"][0]["text"] == "hi"  # the caller's dict is left alone, and still writable
    data["accounts"][0]["comments"][0]["text"] = "changed"


NOISY = """
import sys
from smm_audit.api import Check, Result, hookimpl

def noisy(snapshot, options):
    print("hello from the check")
    print("the password is " + snapshot.credentials[0]["password"]["plaintext"], file=sys.stderr)
    return Result("pass", 1.0)

def closes(snapshot, options):
    sys.stdout.close()
    return Result("pass", 1.0)

@hookimpl
def register_checks(register):
    register(Check(id="noisy-rule", title="Prints", category="profile", run=noisy, summary="s", why="w", fix="f"))
    register(Check(id="closing-rule", title="Closes", category="profile", run=closes, summary="s", why="w", fix="f"))

@hookimpl
def audit_finished(report):
    print("posted")
"""


def _with_password(write_snapshot, secret: str):
    """A snapshot of one VK account whose login's plaintext password is ``secret``."""
    return write_snapshot(
        accounts=[{"id": "vk", "platform": "vk", "posts": []}],
        credentials=[{"account_id": "vk", "password": {"plaintext": secret}}],
    )


def test_plugin_output_goes_to_stderr_under_its_name_and_json_stays_parseable(cli, plugin_dir, write_snapshot):
    module = plugin_dir("hostile_noisy", NOISY)
    secret = "Very-Secret-Passw0rd"
    path = _with_password(write_snapshot, secret)
    result = cli("run", str(path), "-p", module, "-f", "json", "--select", "noisy-rule,dead-community")
    assert result.exit_code in (0, 1), result.stderr
    assert {c["id"] for c in json.loads(result.stdout)["checks"]} == {"noisy-rule", "dead-community"}
    assert (
        "output of plugin 'hostile_noisy', check 'noisy-rule':\n"
        "    hello from the check\n"
        "    the password is [REDACTED]\n"
    ) in result.stderr
    assert "output of plugin 'hostile_noisy', audit_finished:\n    posted\n" in result.stderr
    assert secret not in result.stderr


LONG_NOISE = """
from smm_audit.api import Check, Result, hookimpl
from smm_audit.isolation import MAX_SHOWN

def noisy(snapshot, options):
    print("x" * (MAX_SHOWN - 6) + snapshot.credentials[0]["password"]["plaintext"])
    return Result("pass", 1.0)

@hookimpl
def register_checks(register):
    register(Check(id="long-noise", title="Prints", category="profile", run=noisy, summary="s", why="w", fix="f"))
"""


def test_captured_output_is_scrubbed_before_it_is_cut(cli, plugin_dir, write_snapshot):
    """A password across the cut of a plugin's long output must not show its first characters."""
    module = plugin_dir("hostile_long_noise", LONG_NOISE)
    secret = "Straddling-Secret-Passw0rd-42"
    path = _with_password(write_snapshot, secret)
    result = cli("run", str(path), "-p", module, "-f", "json", "--select", "long-noise")
    assert "more characters not shown" in result.stderr
    assert secret[:6] not in result.stderr


def test_a_check_that_closes_stdout_is_blamed_and_the_report_is_written(cli, plugin_dir, write_snapshot):
    module = plugin_dir("hostile_closes", NOISY)
    path = write_snapshot(accounts=[{"id": "vk", "platform": "vk", "posts": []}])
    result = cli("run", str(path), "-p", module, "-f", "json", "--select", "closing-rule,dead-community")
    assert result.exit_code == 3, result.stderr
    checks = {c["id"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["closing-rule"]["message"].startswith("refused: closing sys.stdout or sys.stderr")


ODD = """
from smm_audit.api import Check, Finding, Result, hookimpl

class Unprintable(Exception):
    def __str__(self):
        raise ValueError("no")

def interrupts(snapshot, options):
    raise KeyboardInterrupt

def unprintable(snapshot, options):
    raise Unprintable()

def generates(snapshot, options):
    return Result("fail", 0.0, (Finding(f"{a.label} found", a.pointer, ("account", a.id)) for a in snapshot.accounts))

def mapping(snapshot, options):
    return Result("fail", 0.0, {"a": 1})

@hookimpl
def register_checks(register):
    for id, run in [("interrupting-rule", interrupts), ("unprintable-rule", unprintable),
                    ("generating-rule", generates), ("mapping-rule", mapping)]:
        register(Check(id=id, title="Odd", category="profile", run=run, summary="s", why="w", fix="f"))
"""


def test_odd_failures_are_the_check_s_error_in_one_line_and_generators_are_read_once(cli, plugin_dir, write_snapshot):
    module = plugin_dir("hostile_odd", ODD)
    path = write_snapshot(accounts=[{"id": "vk", "platform": "vk", "posts": []}])
    selected = "interrupting-rule,unprintable-rule,generating-rule,mapping-rule"
    result = cli("run", str(path), "-p", module, "-f", "json", "--select", selected)
    assert result.exit_code == 3
    assert "Traceback" not in result.stderr and "Exception in thread" not in result.stderr
    checks = {c["id"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["interrupting-rule"]["message"] == "KeyboardInterrupt"
    assert checks["unprintable-rule"]["message"] == "Unprintable: (its message cannot be shown: str() of it failed)"
    assert checks["generating-rule"]["status"] == "fail"
    assert [f["location"] for f in checks["generating-rule"]["findings"]] == ["/accounts/0"]
    assert checks["mapping-rule"]["message"] == "TypeError: findings must be a sequence of Finding, not dict"


C_EXIT = """
import ctypes
from smm_audit.api import Check, hookimpl

def ends(snapshot, options):
    ctypes.CDLL(None)._exit(0)  # below Python: no guard in the process sees it

@hookimpl
def register_checks(register):
    register(Check(id="c-exit-rule", title="Ends", category="profile", run=ends, summary="s", why="w", fix="f"))
"""

COMMAND = [sys.executable, "-c", "from smm_audit.supervise import main; main()"]  # the console script's function


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the supervisor needs fork")
def test_the_command_never_passes_when_a_plugin_ends_the_process_below_python(tmp_path):
    (tmp_path / "hostile_c_exit.py").write_text(textwrap.dedent(C_EXIT), encoding="utf-8")
    result = subprocess.run(
        [*COMMAND, "run", str(HEALTHY), "-p", "hostile_c_exit", "-f", "json"], cwd=tmp_path, capture_output=True
    )
    assert result.returncode == 3
    assert result.stderr.decode().strip() == (
        "error: the audit process ended early (exit status 0) without finishing its report: a plugin ended it"
    )
    passed = subprocess.run([*COMMAND, "run", str(HEALTHY), "-f", "json"], capture_output=True)
    assert passed.returncode == 0 and json.loads(passed.stdout)["gate"]["passed"]
    failed = subprocess.run([*COMMAND, "run", str(DEMO)], capture_output=True)
    assert failed.returncode == 1 and failed.stderr == b""


STUCK = """
import threading
from smm_audit.api import Check, Result, hookimpl

release = threading.Event()
done = threading.Event()

def stuck(snapshot, options):
    release.wait(30)
    print("late output of an abandoned check")
    done.set()
    return Result("pass", 1.0)

@hookimpl
def register_checks(register):
    register(Check(id="stuck-rule", title="Hangs", category="profile", run=stuck, summary="s", why="w", fix="f"))
"""


def test_an_abandoned_check_that_ends_later_leaves_the_streams_of_what_came_after(cli, plugin_dir, write_snapshot):
    """A check that timed out and ends during a later run (in the suite: a later test) must not swap that
    run's stdout and stderr for the stale ones of its own run, nor keep os._exit guarded."""
    import importlib
    import io

    module = plugin_dir("hostile_stuck", STUCK)
    result = cli("run", str(write_snapshot()), "-p", module, "--select", "stuck-rule", "--check-timeout", "0.05")
    assert result.exit_code == 3, result.output
    plugin = importlib.import_module(module)
    later_out, later_err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = later_out, later_err  # what the process went on to do: another run's streams
    try:
        plugin.release.set()
        assert plugin.done.wait(10)
        for thread in __import__("threading").enumerate():
            if thread.name == "check stuck-rule":
                thread.join(10)
        assert (sys.stdout, sys.stderr) == (later_out, later_err)
    finally:
        sys.stdout, sys.stderr = saved
    from smm_audit import isolation

    assert os._exit is isolation._real_exit


CHATTY = """
import time
from smm_audit.api import Check, Result, hookimpl

def chatty(snapshot, options):
    end = time.monotonic() + 3
    i = 0
    while time.monotonic() < end:
        i += 1
        print("CHATTY", i)
        time.sleep(0.001)
    return Result("pass", 1.0)

@hookimpl
def register_checks(register):
    register(Check(id="chatty-rule", title="Prints", category="profile", run=chatty, summary="s", why="w", fix="f"))
"""

EXITER = """
import os
from smm_audit.api import Check, Result, hookimpl

def exiter(snapshot, options):
    while True:
        try:
            os._exit(0)
        except BaseException:
            pass

@hookimpl
def register_checks(register):
    register(Check(id="exiter-rule", title="Ends", category="profile", run=exiter, summary="s", why="w", fix="f"))
"""


@pytest.mark.parametrize(
    ("name", "source", "check"), [("hostile_chatty", CHATTY, "chatty-rule"), ("hostile_exiter", EXITER, "exiter-rule")]
)
def test_a_timed_out_check_still_runs_guarded_while_the_report_is_written(tmp_path, name, source, check):
    """After the engine gave up on a check, its prints stay captured (stdout is the report) and its
    os._exit stays refused (the report is written)."""
    (tmp_path / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "SMM_AUDIT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    args = [*COMMAND, "run", str(DEMO), "-p", name, "-f", "json", "--check-timeout", "0.2"]
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 3, done.stderr
    report = json.loads(done.stdout)
    assert {c["id"]: c["status"] for c in report["checks"]}[check] == "error"
    assert "CHATTY" not in done.stdout
