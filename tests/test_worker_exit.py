"""The supervised worker's exit: sys.exit's status and flushes, without the interpreter's teardown (issue 12)."""

from __future__ import annotations

import atexit
import io
import os
import subprocess
import sys
import threading

import pytest

from conftest import DEMO
from smm_audit import supervise


class Exited(Exception):
    pass


@pytest.fixture
def calls(monkeypatch):
    """What _worker_exit did, in order: the atexit handlers run, the flushes, the immediate exit."""
    seen: list[object] = []

    def fake_exit(code: int) -> None:
        seen.append(("_exit", code))
        raise Exited

    class Stream(io.StringIO):
        def __init__(self, name: str) -> None:
            super().__init__()
            self.label = name

        def flush(self) -> None:
            seen.append(("flush", self.label))

    monkeypatch.setattr(supervise, "_exit", fake_exit)
    monkeypatch.setattr(atexit, "_run_exitfuncs", lambda: seen.append("atexit"))  # not pytest's own handlers
    # the streams are read at the call, where pytest's capture has set its own: swap them in the test's body
    monkeypatch.setattr(supervise, "_streams", lambda: (Stream("stdout"), Stream("stderr")))
    return seen


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (1, 1), (2, 2), (3, 3), (130, 130), (-1, 255)])
def test_the_status_is_sys_exits_after_atexit_and_both_flushes(calls, code, status):
    with pytest.raises(Exited):
        supervise._worker_exit(code)
    assert calls == ["atexit", ("flush", "stdout"), ("flush", "stderr"), ("_exit", status)]


def test_a_message_as_the_code_exits_normally(calls):
    with pytest.raises(SystemExit) as exc:
        supervise._worker_exit("error: something")
    assert exc.value.code == "error: something"
    assert calls == []


def test_a_failing_flush_exits_normally(calls, monkeypatch):
    def broken() -> None:
        raise BrokenPipeError

    stream = io.StringIO()
    stream.flush = broken  # type: ignore[method-assign]
    monkeypatch.setattr(supervise, "_streams", lambda: (stream,))
    with pytest.raises(SystemExit) as exc:
        supervise._worker_exit(0)
    assert exc.value.code == 0
    assert ("_exit", 0) not in calls


def test_a_running_thread_is_waited_for_by_a_normal_exit(calls):
    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        with pytest.raises(SystemExit) as exc:
            supervise._worker_exit(1)
    finally:
        release.set()
        worker.join()
    assert exc.value.code == 1
    assert calls == []


def test_the_supervised_run_writes_its_report_and_its_atexit_output(tmp_path):
    """The real console script, forked: the report is complete, an atexit handler's output is not lost."""
    out = tmp_path / "audit.json"
    script = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('atexit ran', file=sys.stderr))\n"
        "from smm_audit.supervise import main\n"
        f"sys.argv = ['smm-audit', 'run', {str(DEMO)!r}, '-f', 'json', '-o', {str(out)!r}]\n"
        "main()\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "SMM_AUDIT_NO_SUPERVISOR"}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    plain = subprocess.run(
        [sys.executable, "-c", script.replace(str(out), str(tmp_path / "plain.json"))],
        env={**env, "SMM_AUDIT_NO_SUPERVISOR": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == plain.returncode
    assert plain.stderr.count("atexit ran") == 1
    assert done.stderr.count("atexit ran") == 2  # registered before the fork: in the worker and in the parent
    assert out.read_bytes() == (tmp_path / "plain.json").read_bytes()
