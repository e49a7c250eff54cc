"""snapshot spec → bytes → JSON → validated :class:`Snapshot`, or an :class:`InputError` listing every problem."""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from . import jsontext, sources, validate
from .errors import InputError
from .snapshot import Snapshot


@dataclass(frozen=True)
class Loaded:
    """A validated snapshot and what the report says about where it came from."""

    snapshot: Snapshot
    source: str
    sha256: str


def load(spec: str, fetch: sources.FetchOptions | None = None) -> Loaded:
    """Read, parse and validate the snapshot named by ``spec`` (a path, ``-`` or a URL)."""
    raw = sources.read(spec, fetch)
    name = sources.display_name(spec)
    data = parse(raw, name, max_bytes=(fetch or sources.FetchOptions()).max_bytes)
    problems = validate.validate(data)
    if problems:
        raise InputError(name, problems)
    return Loaded(Snapshot(data), name, hashlib.sha256(raw).hexdigest())


def parse(raw: bytes, name: str, max_bytes: int | None = None) -> Any:
    """Decode and parse raw bytes strictly."""
    try:
        with _collector_paused():
            return jsontext.parse(jsontext.decode(raw, max_bytes=max_bytes))
    except jsontext.JSONProblems as exc:
        raise InputError(name, exc.problems) from None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """JSON data has no reference cycles: collecting while millions of objects are made only costs time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
