"""The command line's console I/O: the error guard, standard output and its broken pipes, colour and width.

Every command of :mod:`smm_audit.cli` (and ``collect``) runs under :func:`guarded`: our errors become one
line per problem and an exit code, never a traceback. What a command prints goes through :func:`out` (a line)
or :func:`emit` (a report); a reader that stops early (``| head``) is not an error.
"""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any

import click

from . import display
from .errors import EXIT_CHECK_FAILED, EXIT_USAGE, SmmAuditError, UsageError
from .redact import PLAIN


def guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn our errors into one line per problem and an exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SmmAuditError as exc:
            error_lines(exc)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("error: interrupted", err=True)
            sys.exit(130)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except BrokenPipeError:  # the reader went away (| head) somewhere out() does not guard: no traceback
            discard_stdout()
            sys.exit(EXIT_USAGE)
        except Exception as exc:  # a bug of ours: say so in one line, exit 3
            # Not the exception's message: it may quote the snapshot (a name, a comment, a secret).
            click.echo(f"error: internal error: {type(exc).__name__} at {where(exc)} (please report it)", err=True)
            sys.exit(EXIT_CHECK_FAILED)

    return wrapper


def error_lines(exc: SmmAuditError) -> None:
    """One ``error:`` line on standard error per problem of ``exc``."""
    for line in exc.lines():
        click.echo(f"error: {PLAIN(line)}", err=True)  # a URL's credentials, whoever wrote the line


def where(exc: BaseException) -> str:
    """The innermost frame of the traceback as ``file:line``, the file relative to its import root."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return "an unknown place"
    filename = frames[-1].filename
    package_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    roots = {os.path.abspath(p) for p in sys.path if p} | {package_root}
    for root in sorted(roots, key=len, reverse=True):
        prefix = os.path.join(root, "")
        if filename.startswith(prefix):
            filename = filename[len(prefix) :]
            break
    return f"{filename}:{frames[-1].lineno}"


def discard_stdout() -> None:
    """After a broken pipe, point standard output at the null device so that the final flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # no real file descriptor (a test runner's stream)
        pass
    finally:
        os.close(devnull)


def out(text: str = "", nl: bool = True) -> None:
    """click.echo to standard output; a reader that stops early (| head) is not an error, a closed stdout a no-op."""
    try:
        click.echo(text, nl=nl)
    except BrokenPipeError:
        discard_stdout()


def stdout_closed() -> bool:
    return sys.stdout is None or sys.stdout.closed


def emit(text: str, color: bool) -> None:
    """The report on standard output; a reader that stops early (| head) is not an error."""
    from .output import write_stream

    if stdout_closed():
        raise UsageError("standard output is closed: write the report with -o FILE")
    try:
        write_stream(sys.stdout.buffer, text if color else click.unstyle(text))
    except BrokenPipeError:
        discard_stdout()
    except OSError as exc:
        raise UsageError(f"cannot write the report to standard output: {exc.strerror or type(exc).__name__}") from None


def use_color(choice: str) -> bool:
    """``--color``: always, never, or auto (a terminal, unless NO_COLOR or TERM=dumb)."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb" or stdout_closed():
        return False
    return sys.stdout.isatty()


def width() -> int:
    """Columns of standard output: COLUMNS when set, else the terminal's, else (a pipe, a CI log) 100."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and columns.isascii():
        return max(int(columns), display.MIN_WIDTH)
    try:
        if sys.stdout.isatty():
            return max(os.get_terminal_size(sys.stdout.fileno()).columns, display.MIN_WIDTH)
    except (OSError, ValueError, AttributeError):
        pass
    return display.DEFAULT_WIDTH
