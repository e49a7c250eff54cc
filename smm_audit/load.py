"""snapshot spec → bytes → JSON → validated :class:`Snapshot`, or an :class:`InputError` listing every problem."""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from . import jsontext, locate, sources
from .errors import MAX_PROBLEMS, InputError, Problem
from .redact import Redactor, secrets_of
from .snapshot import Snapshot
from .stages import stage


@dataclass(frozen=True)
class Loaded:
    """A validated snapshot and what the report says about where it came from.

    ``body`` is the snapshot's UTF-8 text as bytes, kept only when it spans more than one line (to say on
    which line a finding is); a snapshot on one line, as large exports are, keeps nothing.
    """

    snapshot: Snapshot
    source: str
    sha256: str
    body: bytes | None = None

    def lines(self, pointers: Iterable[str]) -> dict[str, int]:
        """The 1-based line where each pointer's value starts (see :func:`locate.lines`)."""
        if self.body is None:
            targets = set(pointers)
            return dict.fromkeys(targets, 1)
        return locate.lines_of_bytes(self.body, pointers)


def load(spec: str, fetch: sources.FetchOptions | None = None, extensions: Mapping[str, Any] | None = None) -> Loaded:
    """Read, parse and validate the snapshot named by ``spec`` (a path, ``-`` or a URL).

    ``extensions`` are the plugins' schemas for their data under ``extensions.<name>``.
    """
    from . import validate  # imported with the first snapshot: a command that reads none needs no validator

    fetch = fetch or sources.FetchOptions()
    with stage("read"):
        raw = sources.read(spec, fetch)
    name = sources.display_name(spec)
    with stage("sha256"):
        digest = hashlib.sha256(raw).hexdigest()
    with stage("parse"):
        body = unwrap(raw, name, max_bytes=fetch.max_bytes)
        del raw  # gzip: only the text is needed from here on
        data = parse_body(body, name)
    _refuse_too_many_accounts(data, name, fetch.max_accounts)
    problems = validate.validate(data, extensions=extensions)
    if problems:
        redact = Redactor(secrets_of(data))  # a password may stand in the wrong field (or be a key) and be echoed
        shown = [Problem(redact(p.where), redact(p.message)) for p in problems[:MAX_PROBLEMS]]
        raise InputError(name, shown, None if len(problems) > MAX_PROBLEMS else 0)
    with stage("snapshot"):
        snapshot = Snapshot(data)
    return Loaded(snapshot, name, digest, body if locate.has_lines(body) else None)


def _refuse_too_many_accounts(data: Any, name: str, limit: int) -> None:
    """More accounts than one client has: refused before the schema is checked (each one costs findings later)."""
    accounts = data.get("accounts") if isinstance(data, dict) else None
    if isinstance(accounts, list) and len(accounts) > limit:
        message = (
            f"{len(accounts):,} accounts, more than the {limit:,} one snapshot may hold "
            "(one client's presence; raise the limit with --max-accounts)"
        )
        raise InputError(name, [Problem("accounts", message)])


def unwrap(raw: bytes, name: str, max_bytes: int | None = None) -> bytes:
    """Bytes to the JSON text's bytes: gzip undone, a UTF-8 byte order mark skipped; UTF-16 and empty refused."""
    try:
        return jsontext.unwrap(raw, max_bytes=max_bytes)
    except jsontext.JSONProblems as exc:
        raise InputError(name, exc.problems, exc.more) from None


def decode(raw: bytes, name: str, max_bytes: int | None = None) -> str:
    """Bytes to text (gzip, BOM, UTF-8)."""
    try:
        return jsontext.decode(raw, max_bytes=max_bytes)
    except jsontext.JSONProblems as exc:
        raise InputError(name, exc.problems, exc.more) from None


def parse_body(body: bytes, name: str) -> Any:
    """Parse the bytes of :func:`unwrap` strictly: the fast reader, or the strict one whenever it cannot vouch."""
    with _collector_paused():
        data = jsontext.parse_fast(body)
    if data is not None:
        return data
    try:
        text = jsontext.decode_body(body)
    except jsontext.JSONProblems as exc:
        raise InputError(name, exc.problems, exc.more) from None
    return parse(text, name)


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
    from .supervise import COLLECTOR_THRESHOLDS  # the console script sets them itself, without importing this module

    gc.set_threshold(*COLLECTOR_THRESHOLDS)


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
