"""The public API for checks, formats and collectors: everything a plugin needs, and nothing private.

A check is one module: a :class:`Check` that describes it and one function that
audits a :class:`~smm_audit.snapshot.Snapshot` into a :class:`Result`::

    from smm_audit.api import Check, Finding, Result, hookimpl

    def audit(snapshot, options):
        ...
        return Result(status="warn", score=0.8, findings=findings, metrics=metrics)

    CHECK = Check(id="my-check", title="...", category="activity", run=audit, ...)

    @hookimpl
    def register_checks(register):
        register(CHECK)
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

import pluggy

from . import pointer
from .errors import CollectError
from .sentiment import LABELS as SENTIMENT_LABELS
from .sentiment import Sentiment
from .services import classify_sentiment, comment_sentiment, complaint
from .snapshot import Account, Answers, FirstAnswer, Snapshot, is_deleted, parse_time
from .text import excerpt, scrubbed

if TYPE_CHECKING:
    import httpx

    from .checkpoint import Checkpoint

API_VERSION = "1"
"""The version of this API. It changes when a plugin written for the old one could break."""

hookimpl = pluggy.HookimplMarker("smm_audit")
"""Mark a function of a plugin module as the implementation of a hook."""

Severity = Literal["info", "low", "medium", "high", "critical"]
SEVERITIES: tuple[Severity, ...] = ("info", "low", "medium", "high", "critical")
"""Severities from the least to the most severe."""

Status = Literal["pass", "warn", "fail", "not_applicable", "error"]
STATUSES: tuple[Status, ...] = ("pass", "warn", "fail", "not_applicable", "error")

CATEGORIES: tuple[str, ...] = (
    "activity",
    "audience",
    "tracking",
    "moderation",
    "content",
    "team",
    "security",
    "profile",
    "privacy",
)
"""Known categories. A plugin may use another one; these are the built-ins' vocabulary."""


def severity_rank(severity: str) -> int:
    """Order severities: ``info`` is 0, ``critical`` is 4."""
    return SEVERITIES.index(severity)


def gate_rules(gate: Mapping[str, Any]) -> str:
    """The rules a report's ``gate`` applied, as every format says them: ``fail on high, min coverage 50%``."""
    rules = [f"fail on {gate['fail_on']}"]
    if gate.get("fail_under") is not None:
        rules.append(f"fail under {gate['fail_under']:g}")
    if gate.get("min_coverage") is not None:
        rules.append(f"min coverage {gate['min_coverage']:.0%}")
    return ", ".join(rules)


def triage_mark(finding: Mapping[str, Any], quote: Callable[[str], str] = str) -> tuple[str, str] | None:
    """How every format marks an accepted risk in a report's finding: ``(kind, words)``, None for an open one.

    ``kind`` is ``suppressed``, ``expired`` (a suppression that no longer applies: the finding is open
    again, or ``baselined``) or ``baselined``; ``words`` are ``suppressed until 2027-01-01: reason``,
    ``suppression expired 2026-10-01, baselined: reason`` or ``baselined``, the reason passed
    through ``quote`` (a format's escaping).
    """
    status = finding.get("status", "open")
    suppression = finding.get("suppression") or {}
    reason = f": {quote(suppression['reason'])}" if suppression.get("reason") else ""
    expires = suppression.get("expires")
    if status == "suppressed":
        return "suppressed", "suppressed" + (f" until {expires}" if expires else "") + reason
    if suppression.get("expired"):
        return "expired", f"suppression expired {expires}" + (", baselined" if status == "baselined" else "") + reason
    return ("baselined", "baselined") if status == "baselined" else None


def findings_count(findings: Iterable[Mapping[str, Any]]) -> int:
    """How many findings a report's entries stand for: an entry that counts the findings past
    ``max_findings_per_check`` (its ``folded``, since report 1.2) for as many as it counts."""
    return sum(finding.get("folded", 1) for finding in findings)


WORST_STATUS_FIRST: tuple[Status, ...] = ("error", "fail", "warn", "not_applicable", "pass")


def status_of(severities: Iterable[str], fail_at: str = "high") -> Status:
    """The status findings of these severities give, the same rule for every check.

    ``fail`` with a finding at ``fail_at`` or above (the check's :attr:`Check.fail_at`, ``high``
    unless it says otherwise); ``warn`` with any other finding above ``info``; ``pass`` otherwise
    (``info`` findings are notes, not problems).
    """
    ranks = [SEVERITIES.index(severity) for severity in severities]
    if any(rank >= SEVERITIES.index(fail_at) for rank in ranks):
        return "fail"
    return "warn" if any(rank > 0 for rank in ranks) else "pass"


def status_rank(status: str) -> int:
    """Order statuses for a reader, worst first: ``error`` is 0, ``pass`` is 4."""
    return WORST_STATUS_FIRST.index(status)


@dataclass(frozen=True)
class Option:
    """One typed, documented option of a check, with its default.

    ``path``: the value is a file path; written in a configuration file, it is relative to that
    file's directory. ``validate`` is called with a configured value when options are resolved
    (before any check runs); a ``ValueError`` it raises is the user's error, shown in one line.
    """

    name: str
    type: type
    default: Any
    help: str
    minimum: float | None = None
    maximum: float | None = None
    choices: Sequence[Any] | None = None
    path: bool = False
    validate: Callable[[Any], None] | None = None


@dataclass(frozen=True)
class Finding:
    """One problem found by a check, pointing at the entity it concerns.

    ``key`` identifies the finding by entity ids (never array positions), so its
    fingerprint survives a re-export or a reordering of the snapshot: for
    example ``("account", "vk-main", "silent")``.
    """

    message: str
    location: str
    key: tuple[str, ...]
    severity: Severity | None = None
    evidence: Mapping[str, Any] = field(default_factory=dict)
    fix: str | None = None


@dataclass(frozen=True)
class Result:
    """What a check returns: a score in [0, 1] (or None), findings and metrics; the status follows.

    Leave ``status`` out: the engine decides it once, from the findings' severities after any
    configured override (:func:`status_of`). Set it only to override that rule, and say why in
    ``status_reason`` (a share under a threshold that no single finding shows, say).
    """

    status: Status | None = None
    score: float | None = None
    findings: Sequence[Finding] = ()
    metrics: Mapping[str, Any] = field(default_factory=dict)
    message: str | None = None
    missing: Sequence[str] = ()
    status_reason: str | None = None

    @classmethod
    def not_applicable(cls, missing: Sequence[str], message: str | None = None) -> Result:
        """The snapshot lacks the data this check needs; ``missing`` names it (``accounts[].posts``)."""
        text = message or "the snapshot has no " + ", ".join(missing)
        return cls(status="not_applicable", score=None, message=text, missing=tuple(missing))


@dataclass(frozen=True)
class Requirement:
    """A field a check cannot do without, and what to tell the user when the snapshot lacks it.

    ``path`` is written as in :attr:`Check.requires` (``accounts[].posts[].published_at``); ``hint``
    follows the engine's standard reason after a colon (``the snapshot has no team: export who runs
    the accounts``). A plain string in ``requires`` is a requirement without a hint.
    """

    path: str
    hint: str = ""


@dataclass(frozen=True)
class Check:
    """The description of a check and the function that runs it.

    ``docs`` is the long documentation in Markdown (what it checks, why it
    matters, an example, how to fix); ``summary``, ``why`` and ``fix`` are the
    one-line versions the reports show next to each finding.

    ``requires`` is enforced: when the snapshot does not give one of these fields the engine reports
    the check ``not_applicable`` with a standard reason and never calls ``run`` (see
    :mod:`smm_audit.requirements`). ``reads`` names the other fields it uses when they are given:
    documentation only, shown by ``explain`` beside ``requires``.
    """

    id: str
    title: str
    category: str
    run: Callable[[Snapshot, Mapping[str, Any]], Result]
    summary: str
    why: str
    fix: str
    severity: Severity = "medium"
    weight: float = 1.0
    fail_at: Severity = "high"
    options: Sequence[Option] = ()
    sources: Sequence[str] = ()
    requires: Sequence[str | Requirement] = ()
    reads: Sequence[str] = ()
    docs: str = ""

    def defaults(self) -> dict[str, Any]:
        """The options with their default values."""
        return {opt.name: opt.default for opt in self.options}

    def requirements(self) -> tuple[Requirement, ...]:
        """``requires``, a plain string taken as a requirement without a hint."""
        return tuple(need if isinstance(need, Requirement) else Requirement(need) for need in self.requires)


@dataclass(frozen=True)
class Calibration:
    """What a calibrator fitted: the document ``calibrate -o FILE`` writes, and the lines it prints."""

    document: Mapping[str, Any]
    summary: Sequence[str]


@dataclass(frozen=True)
class Calibrator:
    """Fits a check's weights from labelled rows, for ``smm-audit calibrate CHECK LABELLED -o FILE``.

    ``fit(rows, source)`` gets the rows of the file (dicts; CSV cells typed) and the file's name;
    a ``ValueError`` it raises is a problem with the data (one line, exit 2).
    """

    check: str
    fit: Callable[[Sequence[Mapping[str, Any]], str], Calibration]
    description: str


@dataclass(frozen=True)
class Format:
    """A report format: ``render`` turns the report (plain JSON data) into text."""

    name: str
    render: Callable[[Mapping[str, Any]], str]
    description: str
    extension: str = ".txt"


def _no_progress(stage: str, done: int, total: int | None) -> None:
    """Progress is not shown."""


@dataclass(frozen=True)
class CollectContext:
    """What the CLI gives a collector: no click, no environment, everything injectable for tests.

    ``http`` is the HTTP client to use (its timeouts set; a test's has an ``httpx.MockTransport``);
    ``token`` the secret read from the environment (never to be written into the snapshot or a message);
    ``now`` the clock for ``taken_at``; ``api_base`` another address for the platform's API (a local
    test server); ``progress(stage, done, total)`` reports progress (``total`` None when unknown);
    ``sleep`` and ``monotonic`` pace requests and back off (a test passes a clock that never waits);
    ``checkpoint`` keeps the API's answers for ``--resume`` (:class:`smm_audit.checkpoint.Checkpoint`:
    ``get(key)``, ``put(key, value)``), None when not kept.
    """

    http: httpx.Client
    token: str | None
    now: Callable[[], datetime]
    api_base: str | None = None
    progress: Callable[[str, int, int | None], None] = _no_progress
    sleep: Callable[[float], None] = time.sleep
    monotonic: Callable[[], float] = time.monotonic
    checkpoint: Checkpoint | None = None


@dataclass(frozen=True)
class Collector:
    """A snapshot collector: ``collect(target, options, context)`` returns snapshot data (a dict).

    ``smm-audit collect NAME TARGET -o FILE`` runs it. ``options`` are declared like a check's and become
    command-line options (``--followers``); ``token_env`` names the environment variable that holds the
    token by default (the user may name another with ``--token-env``), None for a collector that needs none.
    A collector fills only what the platform gave (an absent field is never guessed) and raises
    :class:`CollectError` with one clear line on a bad target or an API error.
    """

    name: str
    description: str
    collect: Callable[[str, Mapping[str, Any], CollectContext], dict[str, Any]]
    target: str = "TARGET"
    target_help: str = ""
    options: Sequence[Option] = ()
    token_env: str | None = None
    docs: str = ""

    def defaults(self) -> dict[str, Any]:
        """The options with their default values."""
        return {opt.name: opt.default for opt in self.options}


__all__ = [
    "API_VERSION",
    "CATEGORIES",
    "SENTIMENT_LABELS",
    "SEVERITIES",
    "STATUSES",
    "WORST_STATUS_FIRST",
    "Account",
    "Answers",
    "Calibration",
    "Calibrator",
    "Check",
    "CollectContext",
    "CollectError",
    "Collector",
    "Finding",
    "FirstAnswer",
    "Format",
    "Option",
    "Requirement",
    "Result",
    "Sentiment",
    "Severity",
    "Snapshot",
    "Status",
    "classify_sentiment",
    "comment_sentiment",
    "complaint",
    "excerpt",
    "findings_count",
    "gate_rules",
    "hookimpl",
    "is_deleted",
    "parse_time",
    "pointer",
    "scrubbed",
    "severity_rank",
    "status_of",
    "status_rank",
    "triage_mark",
]
