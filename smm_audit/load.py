"""snapshot spec → bytes → JSON → validated :class:`Snapshot`, or an :class:`InputError` listing every problem."""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from . import jsontext, sources, validate
from .errors import MAX_PROBLEMS, InputError, Problem
from .redact import Redactor, secrets_of
from .snapshot import Snapshot
from .stages import stage


@dataclass(frozen=True)
class Loaded:
    """A validated snapshot and what the report says about where it came from."""

    snapshot: Snapshot
    source: str
    sha256: str
    text: str


def load(spec: str, fetch: sources.FetchOptions | None = None, extensions: Mapping[str, Any] | None = None) -> Loaded:
    """Read, parse and validate the snapshot named by ``spec`` (a path, ``-`` or a URL).

    ``extensions`` are the plugins' schemas for their data under ``extensions.<name>``.
    """
    fetch = fetch or sources.FetchOptions()
    with stage("read"):
        raw = sources.read(spec, fetch)
    name = sources.display_name(spec)
    with stage("decode"):
        text = decode(raw, name, max_bytes=fetch.max_bytes)
    with stage("parse"):
        data = parse(text, name)
    _refuse_too_many_accounts(data, name, fetch.max_accounts)
    problems = validate.validate(data, extensions=extensions)
    if problems:
        redact = Redactor(secrets_of(data))  # a password may stand in the wrong field (or be a key) and be echoed
        shown = [Problem(redact(p.where), redact(p.message)) for p in problems[:MAX_PROBLEMS]]
        raise InputError(name, shown, None if len(problems) > MAX_PROBLEMS else 0)
    with stage("sha256"):
        digest = hashlib.sha256(raw).hexdigest()
    with stage("snapshot"):
        snapshot = Snapshot(data)
    return Loaded(snapshot, name, digest, text)


def _refuse_too_many_accounts(data: Any, name: str, limit: int) -> None:
    """More accounts than one client has: refused before the schema is checked (each one costs findings later)."""
    accounts = data.get("accounts") if isinstance(data, dict) else None
    if isinstance(accounts, list) and len(accounts) > limit:
        message = (
            f"{len(accounts):,} accounts, more than the {limit:,} one snapshot may hold "
            "(one client's presence; raise the limit with --max-accounts)"
        )
        raise InputError(name, [Problem("accounts", message)])


def decode(raw: bytes, name: str, max_bytes: int | None = None) -> str:
    """Bytes to text (gzip, BOM, UTF-8); the text is kept to locate findings by line."""
    try:
        return jsontext.decode(raw, max_bytes=max_bytes)
    except jsontext.JSONProblems as exc:
        raise InputError(name, exc.problems, exc.more) from None


def parse(text: str, name: str) -> Any:
    """Parse text strictly."""
    try:
        with _collector_paused():
            return jsontext.parse(text)
    except jsontext.JSONProblems as exc:
        raise InputError(name, exc.problems, exc.more) from None


def tune_collector() -> None:
    """Run the cyclic garbage collector's youngest pass every 100,000 allocations instead of 700.

    An audit makes millions of objects that live to its end (the snapshot, findings, report data) and almost no
    cycles; at the default every young pass rescans survivors, about a third of the time of a run with a few
    hundred thousand findings. A pass still runs: a plugin that makes cyclic garbage in a loop is still collected.
    """
    gc.set_threshold(100_000, 50, 100)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """JSON data has no reference cycles: collecting while millions of objects are made only costs time.

    Afterwards they are moved out of the collector's sight (``gc.freeze``) instead of being left to its first
    pass, which would walk all of them (a second for 5 million nested lists) and promote them to be walked again;
    reference counting still frees them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
