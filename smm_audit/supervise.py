"""The ``smm-audit`` command's last line of defence: no exit 0 (or 1) unless smm-audit itself chose it.

In-process guards (:mod:`smm_audit.isolation`) refuse ``sys.exit`` and
``os._exit`` in plugin code, but a plugin can still end the process below
Python (``ctypes`` and libc's ``_exit(0)``, ``os.exec…``). So on POSIX the
command forks once at start, before any plugin is loaded: the child does the
work and, on every exit smm-audit makes, writes one byte to a pipe first; the
parent (a few MiB, touching nothing) waits and passes the child's status on,
unless the byte never came: then it says so and exits 3, so that a CI gate
never passes without a complete report.

Commands that run no plugin code (``--version``, ``--help``, ``validate``, ``config``, ``schema``) have
nothing to supervise and do not fork; ``--version`` alone is answered before the CLI is imported at all.
"""

from __future__ import annotations

import os
import signal
import sys

_exit = os._exit  # taken before any plugin is loaded (plugin code runs with os._exit refused)

VERSION_ARGS = (["-V"], ["--version"])
HELP_OPTIONS = ("-h", "--help")
COLLECTOR_THRESHOLDS = (100_000, 50, 100)
"""The cyclic collector's thresholds for a command (:func:`smm_audit.load.tune_collector` says why)."""
PLUGIN_FREE_COMMANDS = frozenset({"validate", "config", "schema"})
"""Commands that load no plugin: no plugin code runs in them, so there is nothing to supervise."""


def main() -> None:
    """The console script: the CLI, supervised where the platform can fork and plugin code may run."""
    args = sys.argv[1:]
    if args in VERSION_ARGS:
        _print_version()
        return
    if not hasattr(os, "fork") or os.environ.get("SMM_AUDIT_NO_SUPERVISOR") or not runs_plugin_code(args):
        _cli()
        return
    # The fork comes before the CLI is imported: the parent stays a bare interpreter, whose exit frees
    # nothing (an exit after importing click, the API and the plugins' modules costs 10-15 ms of teardown).
    done_read, done_write = os.pipe()  # not inherited by exec: a plugin that execs cannot say "done"
    pid = os.fork()
    if pid == 0:
        os.close(done_read)
        code: object = 0
        try:
            _cli()
        except SystemExit as exc:
            code = exc.code
        finally:
            os.write(done_write, b"1")
        _worker_exit(code)
    os.close(done_write)
    os.set_blocking(done_read, False)  # a process the plugin forked may hold the pipe open: do not wait for it
    _worker_exit(_supervise(pid, done_read))  # the parent too: its exit would tear down an interpreter for 4-6 ms


def _cli() -> None:
    """The click command line, with the collector tuned for an audit (imported here, after any fork)."""
    import gc

    gc.set_threshold(*COLLECTOR_THRESHOLDS)
    from .cli import main as cli

    cli()


def _worker_exit(code: object) -> None:
    """End the worker (or the supervisor's parent) with ``code`` as ``sys.exit(code)`` would, without tearing down.

    Once the report is written, freeing the snapshot object by object is all the interpreter has left to do:
    about 0.4 s of CPU at 1M followers. So the worker runs the atexit handlers (logging's flush, temporary
    files, weakref finalizers), flushes both streams and ends at once. Where that is not the same as a normal
    exit (a code that is not a number, a flush that fails, a thread still running that exit would wait for),
    it exits normally. Only in the two processes of a supervised command (the parent has nothing to free but
    the interpreter's own modules, 4-6 ms): a caller of the CLI in-process keeps its interpreter.
    """
    import atexit

    threading = sys.modules.get("threading")  # not imported: no thread that exit would wait for
    if code is None:
        code = 0
    if not isinstance(code, int) or (
        threading is not None
        and any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread())
    ):
        raise SystemExit(code)
    atexit._run_exitfuncs()
    try:
        for stream in _streams():
            if stream is not None and not getattr(stream, "closed", True):
                stream.flush()  # type: ignore[attr-defined]
    except Exception:  # what the interpreter's own final flush would report, and its exit status
        sys.exit(code)
    _exit(code & 0xFF)


def _streams() -> tuple[object, ...]:
    return sys.stdout, sys.stderr


def runs_plugin_code(args: list[str]) -> bool:
    """Whether the command line may load a plugin: anything but a help, a version or a plugin-free command.

    Decided from the words as given, and only where click's parsing cannot make it otherwise: a group option
    (``-h``, ``-V``) ends parsing before any command runs; ``COMMAND --help`` alone prints the command's help,
    except ``collect --help``, which lists the collectors that plugins register.
    """
    if not args or args[0] in (*HELP_OPTIONS, "-V", "--version") or args[0] in PLUGIN_FREE_COMMANDS:
        return False
    return args[0] == "collect" or not (len(args) == 2 and args[1] in HELP_OPTIONS)


def _print_version() -> None:
    """What click's version option prints (``smm-audit, version X``), without importing click and the CLI."""
    from . import __version__

    if sys.stdout is None:
        return
    try:
        sys.stdout.write(f"smm-audit, version {__version__}\n")
        sys.stdout.flush()
    except BrokenPipeError:  # as click's main does: nothing more to say, exit 1, no failing flush at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        sys.exit(1)


def _supervise(pid: int, done_read: int) -> int:
    """Wait for the worker; the exit status the command ends with."""
    from .errors import EXIT_CHECK_FAILED

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the child too: it reports and exits 130
    for forwarded in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(forwarded, lambda signum, frame: os.kill(pid, signum))
    while True:
        try:
            _, status = os.waitpid(pid, 0)
            break
        except ChildProcessError:
            status = 0
            break
        except InterruptedError:
            continue
    try:
        done = os.read(done_read, 1) == b"1"
    except BlockingIOError:
        done = False
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        sys.stderr.write(f"error: smm-audit was killed by signal {number}; no complete report\n")
        return 128 + number
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else EXIT_CHECK_FAILED
    if not done:
        sys.stderr.write(
            f"error: the audit process ended early (exit status {code}) without finishing its report: "
            "a plugin ended it\n"
        )
        return code if code not in (0, 1) else EXIT_CHECK_FAILED
    return code
