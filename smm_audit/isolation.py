"""What plugin code runs under: its output captured, and ``os._exit`` refused.

While smm-audit runs checks (or a plugin's hook), ``sys.stdout`` and
``sys.stderr`` are routers: in plugin code (:func:`plugin_call`) what is
written goes to a buffer of that call, shown on standard error under the
plugin's name when the call ends, so that a report on standard output stays
parseable; anywhere else it goes to the real stream. Closing or replacing them
in plugin code does not reach the real streams. ``os._exit`` raises
:class:`ProcessExitRefused` in this process (a child it forked still exits).
"""

from __future__ import annotations

import io
import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from typing import Any, TextIO

from . import readonly, redact

MAX_SHOWN = 10_000
"""Characters of a plugin's output shown on standard error; the rest is counted, not shown."""

_buffer: ContextVar[io.TextIOWrapper | None] = ContextVar("smm_audit_plugin_output", default=None)
_lock = threading.RLock()
_depth = 0
_exit_saved: tuple[Any, Any] | None = None
_abandoned: set[int] = set()  # threads the engine stopped waiting for, while they are in plugin code
_real_exit = os._exit
_native: Any = sys.modules.get("posix") or sys.modules.get("nt")  # os._exit is its _exit
_pid = os.getpid()


class ProcessExitRefused(BaseException):
    """A plugin called ``os._exit``: ending the process is not a plugin's to do."""


class _Kept(io.BytesIO):
    """A capture buffer that a plugin cannot close (closing sys.stdout must not lose what was written)."""

    def close(self) -> None:
        pass


class _Capture(io.TextIOWrapper):
    """What plugin code sees as sys.stdout and sys.stderr; closing it is refused (and noted), not done."""

    def close(self) -> None:
        readonly.note("closing sys.stdout or sys.stderr")


class _Router:
    """Stands for sys.stdout or sys.stderr: plugin code writes to its call's buffer, the rest to the real stream."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def _target(self) -> Any:
        buffer = _buffer.get()
        return buffer if buffer is not None else self._real

    def write(self, text: str) -> int:
        return int(self._target().write(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._target(), name)


def _refused_exit(status: int = 0) -> None:
    if os.getpid() != _pid:  # a process the plugin forked (multiprocessing) ends as it should
        _real_exit(status)
    readonly.note(f"os._exit({status!r})")
    raise ProcessExitRefused(f"os._exit({status!r}) was refused: a plugin may not end the process")


@contextmanager
def guarded() -> Iterator[None]:
    """Install the routers and the ``os._exit`` guard (re-entrant).

    The ``os._exit`` guard stays while any thread is inside, abandoned ones included (a check that timed
    out is still plugin code). Routers are installed over whatever streams are there when they are not
    routers already (a CLI run in the same process after an abandoned check: the test suite), and taken
    away by the call that installed them, only if they are still in place and no abandoned thread may
    still write through them; otherwise they stay, and nothing is ever restored late.
    """
    global _depth, _exit_saved, _pid
    with _lock:
        if _depth == 0:
            _exit_saved = (os._exit, _native._exit)
            _pid = os.getpid()
            os._exit = _native._exit = _refused_exit  # type: ignore[assignment]
        _depth += 1
        installed: tuple[tuple[Any, Any], tuple[Any, Any]] | None = None
        if not (isinstance(sys.stdout, _Router) and isinstance(sys.stderr, _Router)):
            previous = (sys.stdout, sys.stderr)
            sys.stdout, sys.stderr = _Router(sys.stdout), _Router(sys.stderr)
            installed = (previous, (sys.stdout, sys.stderr))
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if installed is not None and not _abandoned and (sys.stdout, sys.stderr) == installed[1]:
                sys.stdout, sys.stderr = installed[0]
            if _depth == 0 and _exit_saved is not None:
                os._exit, _native._exit = _exit_saved
                _exit_saved = None


def abandon(thread_id: int | None) -> None:
    """Stop waiting for a thread that is still in plugin code (a check that timed out).

    When it ends, its call touches neither the streams nor the guard's routers: by then they belong to
    whatever the process went on to do (in the test suite, another test's CLI run, whose output would
    otherwise be swapped for the stale streams of the run the check was part of). Until then its output
    is still captured (the routers stay) and ``os._exit`` stays refused.
    """
    if thread_id is not None:
        with _lock:
            _abandoned.add(thread_id)


def _real_stderr() -> TextIO | None:
    stream = sys.stderr
    while isinstance(stream, _Router):
        stream = stream._real
    return stream


@contextmanager
def plugin_call(label: str, scrub: Callable[[str], str] = str) -> Iterator[list[str]]:
    """Run plugin code: output captured and shown on stderr under ``label``, os._exit refused.

    Yields the list of what the code tried and was refused (writes to the snapshot, ending the process).
    """
    raw = _Kept()
    buffer = _Capture(raw, encoding="utf-8", errors="backslashreplace", write_through=True)
    with guarded(), readonly.watch() as refused:
        stdout, stderr = sys.stdout, sys.stderr
        token = _buffer.set(buffer)
        try:
            yield refused
        finally:
            _buffer.reset(token)
            with _lock:  # a plugin that replaced sys.stdout or sys.stderr (or set None) changed them for itself only
                abandoned = threading.get_ident() in _abandoned  # the process moved on: the streams are not this call's
                _abandoned.discard(threading.get_ident())
                if not abandoned and (sys.stdout, sys.stderr) != (stdout, stderr):
                    readonly.note("replacing sys.stdout or sys.stderr")
                    sys.stdout, sys.stderr = stdout, stderr
            if not abandoned:
                with suppress(OSError, ValueError):
                    buffer.flush()
                _show(label, raw.getvalue().decode("utf-8", "backslashreplace"), scrub)


def _show(label: str, text: str, scrub: Callable[[str], str]) -> None:
    if not text:
        return
    text = scrub(text)  # whole, before the cut: a secret across the cut must not leave its first half behind
    shown = redact.cut(text, MAX_SHOWN).rstrip("\n")
    more = f"\n    … {len(text) - MAX_SHOWN} more characters not shown" if len(text) > MAX_SHOWN else ""
    lines = "\n".join(f"    {line}" for line in shown.split("\n"))
    stream = _real_stderr()
    if stream is None or getattr(stream, "closed", False):
        return
    try:
        stream.write(f"output of {label}:\n{lines}{more}\n")
        stream.flush()
    except (OSError, ValueError):
        pass
