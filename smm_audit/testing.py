"""The testing kit: build small valid snapshots, run one check, assert on its findings.

smm-audit's own checks are tested with it, and so can yours. Under pytest the
same kit comes as fixtures (``snapshot_builder``, ``run_check``: see
:mod:`smm_audit.pytest_plugin`, loaded automatically once smm-audit is
installed); everything here can also be imported and used without pytest::

    from smm_audit.testing import SnapshotBuilder, assert_finding, assert_status, run_check

    data = SnapshotBuilder().account("vk", platform="vk").post(days_ago=3, text="Hello").build()
    result = run_check("my-check", data, plugins=["my_check"], max_words=1)
    assert_status(result, "warn")
    assert_finding(result, severity="low", location="/accounts/0/posts/0", message_contains="2 words")

Building snapshots
    :class:`SnapshotBuilder` makes a snapshot taken at :data:`TAKEN_AT` (client
    "Test client") one entity at a time. Times are given relative to the
    snapshot's ``taken_at``: ``days_ago=3`` / ``hours_ago=2`` set the entity's own
    time (a post's ``published_at``, a comment's ``created_at``, a follower's
    ``joined_at``, a member's ``left_at``, a credential's ``last_changed_at``, an
    account's ``created_at``), and ``<name>_days_ago`` / ``<name>_hours_ago`` set
    ``<name>_at`` (``last_active_days_ago=400`` → ``last_active_at``). Ids are
    generated (``acc1``, ``p1``, ``c1``, ``f1``, ``m1``) unless given; any other
    keyword is copied into the entity as is. :meth:`SnapshotBuilder.build`
    returns a plain dict and fails with every problem listed if it is not a
    valid snapshot. :func:`make_snapshot` is the one-call form for hand-written
    dicts, and :func:`hashed_password` the ``password`` of a hand-written credential.

Running a check
    :func:`run_check` validates the snapshot (with the extension schemas of the
    loaded plugins), loads the built-in plugins and the modules named in
    ``plugins`` (like ``-p``), and only those: no installed entry points, no
    ``SMM_AUDIT_PLUGINS``, so what else is installed cannot change a test. It
    runs one check with its options through the engine, so a check that
    raises comes back as status ``error``, as in a real audit.

Asserting
    :func:`assert_status`, :func:`assert_finding`, :func:`assert_no_findings` and
    :func:`find_findings` fail with the check's status, message and findings in
    the message, so a failing test says what the check did report.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

from . import audit, engine, validate
from . import config as _config
from . import plugins as _plugins
from .api import Check, Finding, Result
from .errors import InputError
from .redact import Redactor, secrets_of
from .snapshot import Snapshot, parse_time

TAKEN_AT = "2026-11-01T12:00:00+03:00"
"""The ``taken_at`` of every snapshot the kit makes, unless told otherwise: the tests' "now"."""


def make_snapshot(**fields: Any) -> dict[str, Any]:
    """A minimal valid snapshot (client "Test client", taken at :data:`TAKEN_AT`) with ``fields`` set on top."""
    data: dict[str, Any] = {"schema_version": "1.0", "taken_at": TAKEN_AT, "client": {"name": "Test client"}}
    data.update(copy.deepcopy(fields))
    return data


def ago(days: float = 0, hours: float = 0, minutes: float = 0, *, taken_at: str = TAKEN_AT) -> str:
    """The timestamp that long before ``taken_at``, in its offset: ``ago(days=3)`` → ``2026-10-29T12:00:00+03:00``."""
    return (parse_time(taken_at) - timedelta(days=days, hours=hours, minutes=minutes)).isoformat()


def hashed_password(password: str) -> dict[str, Any]:
    """A credential's ``password`` as an exporter writes it: SHA-256 ``fingerprint`` and ``length``, never the text.

    ``hashed_password("password")`` → ``{"fingerprint": "5e88…42d8", "length": 8}``. For hand-written
    credentials; :meth:`SnapshotBuilder.credential` stores a string ``password`` the same way.
    """
    return {"fingerprint": hashlib.sha256(password.encode("utf-8")).hexdigest(), "length": len(password)}


def assert_valid(data: Mapping[str, Any], extensions: Mapping[str, Any] | None = None) -> None:
    """Fail with every problem listed when ``data`` is not a valid snapshot.

    ``extensions`` maps a plugin's name to the JSON Schema of its ``extensions.<name>`` data.
    """
    __tracebackhide__ = True
    problems = validate.validate(json.loads(json.dumps(data)), extensions=extensions)
    if problems:
        raise AssertionError("not a valid snapshot:\n" + "\n".join(InputError("snapshot", problems).lines()))


# --------------------------------------------------------------------------- building snapshots


class SnapshotBuilder:
    """A small valid snapshot in a few lines, built one entity at a time.

    ::

        data = (
            SnapshotBuilder(domains=["shop.ru"])
            .account("vk", platform="vk", followers_count=1200)
            .post(days_ago=3, text="New menu", links=["https://shop.ru/menu"])
            .comment(hours_ago=5, text="Where is my order?")
            .follower(joined_days_ago=2, status="banned")
            .account("ig", platform="instagram")      # later calls add to this account
            .post(hours_ago=1)
            .member("tm-irina", accounts=["vk", "ig"], status="left", days_ago=30)
            .credential("vk", holders=["tm-irina"], password="correct horse", two_factor=False)
            .build()
        )

    Keyword arguments of the constructor are fields of ``client`` (``name``
    defaults to "Test client"); ``taken_at`` defaults to :data:`TAKEN_AT`.
    Every method but :meth:`build` and :meth:`ago` returns the builder.
    """

    def __init__(self, *, taken_at: str = TAKEN_AT, name: str = "Test client", **client: Any) -> None:
        self._data: dict[str, Any] = {
            "schema_version": "1.0",
            "taken_at": taken_at,
            "client": {"name": name, **copy.deepcopy(client)},
        }
        self._current: dict[str, Any] | None = None
        self._counters: dict[str, int] = {}

    # -- time and ids

    def ago(self, days: float = 0, hours: float = 0, minutes: float = 0) -> str:
        """The timestamp that long before this snapshot's ``taken_at``."""
        return ago(days, hours, minutes, taken_at=self._data["taken_at"])

    def _next_id(self, prefix: str, taken: Iterable[str]) -> str:
        used = set(taken)
        while True:
            self._counters[prefix] = self._counters.get(prefix, 0) + 1
            candidate = f"{prefix}{self._counters[prefix]}"
            if candidate not in used:
                return candidate

    def _entity(self, main_time: str | None, fields: Mapping[str, Any]) -> dict[str, Any]:
        """Copy ``fields``; ``days_ago``/``hours_ago`` and ``<name>_days_ago``/``<name>_hours_ago`` become times."""
        entity: dict[str, Any] = {}
        offsets: dict[str, timedelta] = {}
        for key, value in fields.items():
            for unit in ("days", "hours"):
                suffix = f"{unit}_ago"
                if key == suffix or key.endswith("_" + suffix):
                    if key == suffix:
                        if main_time is None:
                            raise TypeError(f"{key!r} has no meaning here: name the time, e.g. created_{suffix}")
                        target = main_time
                    else:
                        target = key[: -len(suffix) - 1] + "_at"
                    offsets[target] = offsets.get(target, timedelta()) + timedelta(**{unit: value})
                    break
            else:
                entity[key] = copy.deepcopy(value)
        taken_at = parse_time(self._data["taken_at"])
        for target, offset in offsets.items():
            entity.setdefault(target, (taken_at - offset).isoformat())
        return entity

    # -- the snapshot and its client

    def client(self, **fields: Any) -> SnapshotBuilder:
        """Set fields of ``client``: ``.client(domains=["shop.ru"], target_regions=["RU-MOW"])``."""
        self._data["client"].update(copy.deepcopy(fields))
        return self

    def extension(self, name: str, data: Any) -> SnapshotBuilder:
        """Set a plugin's own data, ``extensions.<name>`` (validated by :func:`run_check` against its schema)."""
        self._data.setdefault("extensions", {})[name] = copy.deepcopy(data)
        return self

    def set(self, **fields: Any) -> SnapshotBuilder:
        """Set top-level fields as they are, e.g. an empty ``team=[]`` (known to be empty, not missing)."""
        self._data.update(copy.deepcopy(fields))
        return self

    # -- accounts and what belongs to them

    def account(self, id: str | None = None, *, platform: str | None = None, **fields: Any) -> SnapshotBuilder:
        """Add an account (``platform`` defaults to ``vk``) and make it the current one.

        Naming an account that already exists makes it current again and updates
        its fields. ``days_ago`` sets ``created_at``. Lists such as ``posts`` are
        only present once something is added (or given, e.g. ``posts=[]``).
        """
        accounts = self._data.setdefault("accounts", [])
        existing = next((a for a in accounts if a["id"] == id), None) if id is not None else None
        entity = self._entity("created_at", fields)
        if existing is not None:
            existing.update(entity)
            if platform is not None:
                existing["platform"] = platform
            self._current = existing
            return self
        account_id = id if id is not None else self._next_id("acc", (a["id"] for a in accounts))
        account = {"id": account_id, "platform": platform or "vk", **entity}
        accounts.append(account)
        self._current = account
        return self

    def _account(self) -> dict[str, Any]:
        if self._current is None:
            self.account()
        assert self._current is not None
        return self._current

    def _add(self, kind: str, prefix: str, main_time: str | None, fields: dict[str, Any]) -> dict[str, Any]:
        account = self._account()
        items = account.setdefault(kind, [])
        entity = self._entity(main_time, fields)
        if "id" not in entity:
            entity = {"id": self._next_id(prefix, (item["id"] for item in items)), **entity}
        items.append(entity)
        return entity

    def post(self, id: str | None = None, **fields: Any) -> SnapshotBuilder:
        """Add a post to the current account; ``days_ago``/``hours_ago`` set ``published_at``."""
        self._add("posts", "p", "published_at", {"id": id, **fields} if id is not None else fields)
        return self

    def comment(self, id: str | None = None, *, post: str | None = None, **fields: Any) -> SnapshotBuilder:
        """Add a comment of the current account; ``post`` defaults to its last post, ``days_ago`` sets ``created_at``.

        ``reply_to="c1", from_account=True`` makes it the account's answer to c1.
        """
        account = self._account()
        if post is None and "post_id" not in fields:
            if not account.get("posts"):
                raise ValueError(f"account {account['id']!r} has no post to comment on: add one with .post() first")
            post = account["posts"][-1]["id"]
        given = {"id": id, **fields} if id is not None else fields
        self._add("comments", "c", "created_at", {"post_id": post, **given} if post is not None else given)
        return self

    def follower(self, id: str | None = None, **fields: Any) -> SnapshotBuilder:
        """Add a follower to the current account; ``days_ago`` sets ``joined_at``."""
        self._add("followers", "f", "joined_at", {"id": id, **fields} if id is not None else fields)
        return self

    def ad(self, id: str | None = None, **fields: Any) -> SnapshotBuilder:
        """Add an ad to the current account; ``days_ago`` sets ``started_at``."""
        self._add("ads", "ad", "started_at", {"id": id, **fields} if id is not None else fields)
        return self

    # -- the team and the logins

    def member(self, id: str | None = None, *, accounts: Sequence[str] | None = None, **fields: Any) -> SnapshotBuilder:
        """Add a team member; ``accounts`` are the ids it runs (``account_ids``), ``days_ago`` sets ``left_at``."""
        team = self._data.setdefault("team", [])
        entity = self._entity("left_at", fields)
        if accounts is not None:
            entity["account_ids"] = list(accounts)
        member_id = id if id is not None else self._next_id("m", (m["id"] for m in team))
        team.append({"id": member_id, **entity})
        return self

    def credential(self, account: str | None = None, *, password: Any = None, **fields: Any) -> SnapshotBuilder:
        """Add the login of ``account`` (default: the current one); ``days_ago`` sets ``last_changed_at``.

        A ``password`` given as a string is stored as its SHA-256 ``fingerprint``
        and ``length``, never in clear; pass a dict to write ``password`` as is.
        """
        account_id = account if account is not None else self._account()["id"]
        entity = {"account_id": account_id, **self._entity("last_changed_at", fields)}
        if isinstance(password, str):
            entity["password"] = hashed_password(password)
        elif password is not None:
            entity["password"] = copy.deepcopy(password)
        self._data.setdefault("credentials", []).append(entity)
        return self

    # -- the result

    def build(self) -> dict[str, Any]:
        """The snapshot as a new plain dict; fails with every problem listed if it is not valid."""
        __tracebackhide__ = True
        data = copy.deepcopy(self._data)
        assert_valid(data)
        return data


def _data_of(snapshot: Mapping[str, Any] | SnapshotBuilder) -> Mapping[str, Any]:
    __tracebackhide__ = True
    return snapshot.build() if isinstance(snapshot, SnapshotBuilder) else snapshot


# --------------------------------------------------------------------------- running a check

_registries: dict[tuple[str, ...], _plugins.Registry] = {}


def registry(plugin_modules: Sequence[str] = ()) -> _plugins.Registry:
    """The built-in plugins and the modules ``plugin_modules`` (like ``-p``), and nothing else; cached.

    Installed plugins (entry points) and ``SMM_AUDIT_PLUGINS`` are not loaded: a
    test's result must not depend on what else is installed. Name your plugin's
    module, installed or not.
    """
    key = tuple(plugin_modules)
    if key not in _registries:
        _registries[key] = _plugins.load(list(plugin_modules), entry_points=False, env={})
    return _registries[key]


def get_check(check_id: str, plugins: Sequence[str] = ()) -> Check:
    """A registered check (built-in, or from the modules ``plugins``) by id."""
    return registry(plugins).check(check_id)


def run_check(
    check_id: str,
    data: Mapping[str, Any] | SnapshotBuilder,
    *,
    plugins: Sequence[str] = (),
    **options: Any,
) -> Result:
    """Validate ``data``, then run one check on it with ``options`` over its defaults, as the engine would.

    ``data`` is a snapshot dict or a :class:`SnapshotBuilder`. ``plugins`` names
    modules to load as with ``-p`` (the current directory is searched). Findings
    without a severity of their own come back with the check's, as reports show
    them. A check that raises or returns nonsense gives status ``error``.
    """
    __tracebackhide__ = True
    snapshot = _data_of(data)
    loaded = registry(plugins)
    check = loaded.check(check_id)
    assert_valid(snapshot, loaded.extensions)
    redact = Redactor(secrets_of(snapshot))  # as in a run: what the check quotes through scrubbed() is masked
    (outcome,) = engine.run(Snapshot(snapshot), [check], {check_id: options}, hooks=loaded.manager.hook, scrub=redact)
    result = outcome.result
    if any(f.severity is None for f in result.findings):
        findings = [f if f.severity else dataclasses.replace(f, severity=check.severity) for f in result.findings]
        result = dataclasses.replace(result, findings=findings)
    return result


def audit_report(
    data: Mapping[str, Any] | SnapshotBuilder,
    *,
    plugins: Sequence[str] = (),
    source: str = "snapshot.json",
    **settings: Any,
) -> dict[str, Any]:
    """Run the whole audit on ``data`` as ``smm-audit run`` would, and return the report data.

    The data is what every format's ``render`` receives and the JSON report holds
    (secrets already scrubbed): test a format with ``render(audit_report(data))``.
    ``settings`` are keys of ``[tool.smm-audit]`` (``fail_on="never"``,
    ``select=["my-check"]``, ``checks={"my-check": {"limit": 3}}``); ``plugins``
    and installed plugins are as for :func:`run_check`. The snapshot is written
    to a temporary file (so findings have their ``line``) and reported as ``source``.
    """
    __tracebackhide__ = True
    snapshot = _data_of(data)
    loaded = registry(plugins)
    assert_valid(snapshot, loaded.extensions)
    config = _config.from_table(settings, "audit_report()")
    with tempfile.TemporaryDirectory(prefix="smm-audit-") as folder:
        path = Path(folder) / "snapshot.json"
        path.write_text(json.dumps(snapshot, indent=2, ensure_ascii=False), encoding="utf-8")
        report = audit.run(str(path), config, loaded).report
    report["snapshot"]["source"] = source
    return report


# --------------------------------------------------------------------------- asserting


def describe(result: Result) -> str:
    """The result in a few lines: status, score, message and every finding."""
    score = "none" if result.score is None else f"{result.score:.3g}"
    lines = [f"status {result.status!r}, score {score}" + (f", message {result.message!r}" if result.message else "")]
    if not result.findings:
        lines.append("no findings")
    else:
        lines.append(f"{len(result.findings)} finding{'s' if len(result.findings) != 1 else ''}:")
        lines.extend(f"  - [{f.severity}] {f.location}: {f.message}  key={f.key!r}" for f in result.findings)
    return "\n".join(lines)


def _criteria(**criteria: Any) -> dict[str, Any]:
    return {name: value for name, value in criteria.items() if value is not None}


def _matches(finding: Finding, criteria: Mapping[str, Any]) -> bool:
    for name, value in criteria.items():
        if name == "message_contains":
            ok = value in finding.message
        elif name == "key":
            ok = tuple(finding.key) == tuple(value)
        elif name == "entity":
            ok = value in finding.key
        else:
            ok = getattr(finding, name) == value
        if not ok:
            return False
    return True


def _select(
    result: Result,
    severity: str | None,
    location: str | None,
    message_contains: str | None,
    key: Sequence[str] | None,
    entity: str | None,
) -> tuple[dict[str, Any], list[Finding]]:
    """The criteria given, and the findings that match all of them."""
    wanted = _criteria(severity=severity, location=location, message_contains=message_contains, key=key, entity=entity)
    return wanted, [f for f in result.findings if _matches(f, wanted)]


def find_findings(
    result: Result,
    *,
    severity: str | None = None,
    location: str | None = None,
    message_contains: str | None = None,
    key: Sequence[str] | None = None,
    entity: str | None = None,
) -> list[Finding]:
    """The findings that match every criterion given.

    ``severity`` and ``location`` (a JSON pointer) must be equal, ``message_contains``
    must be part of the message, ``key`` equal to the finding's key, and ``entity``
    one of the ids in its key.
    """
    return _select(result, severity, location, message_contains, key, entity)[1]


def _wanted_text(criteria: Mapping[str, Any]) -> str:
    return ", ".join(f"{name}={value!r}" for name, value in criteria.items()) or "any finding"


def assert_finding(
    result: Result,
    *,
    severity: str | None = None,
    location: str | None = None,
    message_contains: str | None = None,
    key: Sequence[str] | None = None,
    entity: str | None = None,
) -> Finding:
    """Exactly one finding matches the criteria (see :func:`find_findings`): return it, or fail saying why."""
    __tracebackhide__ = True
    wanted, found = _select(result, severity, location, message_contains, key, entity)
    if len(found) == 1:
        return found[0]
    if not found:
        raise AssertionError(f"no finding with {_wanted_text(wanted)}; the check gave {describe(result)}")
    raise AssertionError(
        f"{len(found)} findings match {_wanted_text(wanted)}, expected one "
        f"(narrow the criteria, or use find_findings); the check gave {describe(result)}"
    )


def assert_no_findings(
    result: Result,
    *,
    severity: str | None = None,
    location: str | None = None,
    message_contains: str | None = None,
    key: Sequence[str] | None = None,
    entity: str | None = None,
) -> None:
    """No finding at all, or none matching the criteria given (see :func:`find_findings`)."""
    __tracebackhide__ = True
    wanted, found = _select(result, severity, location, message_contains, key, entity)
    if found:
        what = "findings" if not wanted else f"findings with {_wanted_text(wanted)}"
        raise AssertionError(f"expected no {what}; the check gave {describe(result)}")


def assert_status(result: Result, status: str) -> None:
    """The result has this status (``pass``, ``warn``, ``fail``, ``not_applicable``, ``error``)."""
    __tracebackhide__ = True
    if result.status != status:
        raise AssertionError(f"expected status {status!r}, the check gave {describe(result)}")


__all__ = [
    "TAKEN_AT",
    "SnapshotBuilder",
    "ago",
    "assert_finding",
    "assert_no_findings",
    "assert_status",
    "assert_valid",
    "audit_report",
    "describe",
    "find_findings",
    "get_check",
    "hashed_password",
    "make_snapshot",
    "registry",
    "run_check",
]
