"""How a report is laid out for a person: line width and findings shown per check.

These are settings of the display, not of the audit: the report data stays the
same whatever they are. The CLI sets them for the duration of a rendering
(:func:`showing`); a format that lays out text for people (the text report)
reads them with :func:`current`. Outside the CLI the defaults hold, so the same
report gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

DEFAULT_WIDTH = 100
"""Columns when the output is not a terminal (a file, a pipe, a CI log)."""
MIN_WIDTH = 40
DEFAULT_MAX_FINDINGS = 10


@dataclass(frozen=True)
class Display:
    """``width``: columns to wrap at; ``max_findings``: findings shown per check (None: all)."""

    width: int = DEFAULT_WIDTH
    max_findings: int | None = DEFAULT_MAX_FINDINGS


_DEFAULT = Display()
_current: ContextVar[Display | None] = ContextVar("smm_audit_display", default=None)


def current() -> Display:
    """The display settings of the rendering under way (the defaults outside one)."""
    return _current.get() or _DEFAULT


@contextmanager
def showing(display: Display) -> Iterator[None]:
    """Render with ``display`` in effect."""
    token = _current.set(display)
    try:
        yield
    finally:
        _current.reset(token)
