"""Run checks on a snapshot: resolve their options, isolate their failures, fingerprint their findings."""

from __future__ import annotations

import contextvars
import hashlib
import json
import math
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from . import isolation, pointer, requirements, services
from .api import SEVERITIES, STATUSES, Check, Finding, Option, Result, severity_rank, status_of
from .errors import UsageError
from .hints import did_you_mean
from .redact import shorten
from .snapshot import Snapshot
from .stages import stage


@dataclass(frozen=True)
class Outcome:
    """A check, the options it ran with, and its result."""

    check: Check
    options: Mapping[str, Any]
    result: Result

    @property
    def applicable(self) -> bool:
        return self.result.status not in ("not_applicable", "error")


def fingerprint(check_id: str, key: Sequence[str]) -> str:
    """A finding's identity: the check and the entity ids it names, never array positions."""
    return hashlib.sha256("\x1f".join((check_id, *key)).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def resolve_options(check: Check, given: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The check's defaults overridden by ``given``; unknown names and wrong types are usage errors."""
    declared = {opt.name: opt for opt in check.options}
    options = check.defaults()
    for name, value in (given or {}).items():
        if name not in declared:
            raise UsageError(f"check {check.id!r} has no option {name!r}{did_you_mean(name, declared)}")
        options[name] = _coerce(check.id, declared[name], value)
    return options


def _coerce(check_id: str, option: Option, value: Any) -> Any:
    where = f"option {check_id}.{option.name}"
    kind = option.type
    ok = isinstance(value, kind) and not (kind is not bool and isinstance(value, bool))
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value, ok = float(value), True
    if not ok:
        raise UsageError(f"{where} must be {kind.__name__}, got {type(value).__name__}")
    if option.minimum is not None and value < option.minimum:
        raise UsageError(f"{where} must be >= {option.minimum}, got {value}")
    if option.maximum is not None and value > option.maximum:
        raise UsageError(f"{where} must be <= {option.maximum}, got {value}")
    if option.choices is not None and value not in option.choices:
        raise UsageError(f"{where} must be one of {', '.join(map(str, option.choices))}, got {value!r}")
    if option.validate is not None:
        try:
            option.validate(value)
        except ValueError as exc:
            raise UsageError(f"{where}: {exc}") from None
    return value


def run(
    snapshot: Snapshot,
    checks: Sequence[Check],
    options: Mapping[str, Mapping[str, Any]] | None = None,
    hooks: Any = None,
    severities: Mapping[str, str] | None = None,
    timeout: float | None = None,
    scrub: Callable[[str], str] | None = None,
    owners: Mapping[str, str] | None = None,
) -> list[Outcome]:
    """Run each check whose requirements the snapshot meets (the others are ``not_applicable``, see
    :mod:`smm_audit.requirements`); one that raises, returns nonsense, overruns ``timeout`` seconds, tries to change the
    snapshot or to end the process becomes ``error``.

    ``hooks`` is the PluginManager's hook relay: what checks ask of other plugins goes there.
    ``severities`` maps check ids to a configured severity that all their findings take.
    ``scrub`` removes the snapshot's secrets from text that checks quote.
    ``owners`` maps check ids to their plugins, to name them above what a check prints (shown on stderr).
    """
    resolved = {check.id: resolve_options(check, (options or {}).get(check.id)) for check in checks}
    outcomes = []
    with services.active(hooks, scrub), isolation.guarded():
        for check in checks:
            owner = (owners or {}).get(check.id)
            label = f"plugin {owner!r}, check {check.id!r}" if owner else f"check {check.id!r}"
            with stage(f"check {check.id}"):
                result = requirements.unmet(check, snapshot.data) or _run_limited(
                    check, snapshot, resolved[check.id], timeout, label
                )
            override = (severities or {}).get(check.id)
            if override and result.findings:
                result = replace(result, findings=[replace(f, severity=override) for f in result.findings])  # type: ignore[arg-type]
            if result.status is None:
                result = replace(
                    result, status=status_of((finding_severity(check, f) for f in result.findings), check.fail_at)
                )
            outcomes.append(Outcome(check, resolved[check.id], result))
    return outcomes


def _run_limited(
    check: Check, snapshot: Snapshot, options: Mapping[str, Any], timeout: float | None, label: str
) -> Result:
    """Run the check in a daemon thread and stop waiting after ``timeout`` seconds.

    Python cannot kill a thread: a check that hangs is abandoned, reported as an
    error, and ends with the process.
    """
    if timeout is None:
        return _run_one(check, snapshot, options, label)
    box: list[Result] = []
    context = contextvars.copy_context()
    worker = threading.Thread(
        target=lambda: box.append(context.run(_run_one, check, snapshot, options, label)),
        name=f"check {check.id}",
        daemon=True,
    )
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        isolation.abandon(worker.ident)
        return Result(status="error", message=f"timed out: still running after {timeout:g} s (check_timeout)")
    return box[0] if box else Result(status="error", message="the check ended without a result")


def _run_one(check: Check, snapshot: Snapshot, options: Mapping[str, Any], label: str) -> Result:
    """Run the check with its output captured; what it tried and was refused makes it an error."""
    with isolation.plugin_call(label, services.scrub) as refused:
        result = _attempt(check, snapshot, options)
    if refused and result.status != "error":
        return Result(
            status="error", message=f"refused: {refused[0]}: a check may not change the snapshot or the process"
        )
    return result


def _attempt(check: Check, snapshot: Snapshot, options: Mapping[str, Any]) -> Result:
    try:
        result = _materialized(check.run(snapshot, options))
        _validate_result(result, snapshot.data)
    except KeyboardInterrupt as exc:
        if threading.current_thread() is threading.main_thread():
            raise  # Ctrl-C; in a worker thread, only the check itself raises it
        return Result(status="error", message=describe(exc))
    except BaseException as exc:  # isolate the check, even from sys.exit(): report its failure, keep auditing
        return Result(status="error", message=describe(exc))
    return result


def describe(exc: BaseException) -> str:
    """``Type: message`` of an exception, in one line, even when its ``__str__`` fails."""
    try:
        message = str(exc)
    except BaseException:  # an exception whose __str__ raises is still the plugin's error, not ours
        message = "(its message cannot be shown: str() of it failed)"
    message = " ".join(message.split())
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _materialized(result: Any) -> Any:
    """Findings given as any iterable (a generator) are read once, here, into a tuple."""
    if isinstance(result, Result) and not isinstance(result.findings, (list, tuple)):
        if isinstance(result.findings, (str, bytes, Mapping)) or not isinstance(result.findings, Iterable):
            raise TypeError(f"findings must be a sequence of Finding, not {type(result.findings).__name__}")
        result = replace(result, findings=tuple(result.findings))
    return result


def _validate_result(result: Any, data: Any) -> None:
    if not isinstance(result, Result):
        raise TypeError(f"the check returned {type(result).__name__}, not a Result")
    if result.status is not None and result.status not in STATUSES:
        raise ValueError(f"unknown status {result.status!r}")
    if result.status_reason is not None and not isinstance(result.status_reason, str):
        raise TypeError("status_reason must be a string")
    if result.score is not None and not (0.0 <= result.score <= 1.0):
        raise ValueError(f"score {result.score!r} is outside [0, 1]")
    if not isinstance(result.metrics, Mapping):
        raise TypeError("metrics must be a mapping")
    _json_data(result.metrics, "metrics")
    checked: set[str] = set()
    problem = pointer.problems(data)
    for finding in result.findings:
        if not isinstance(finding, Finding):
            raise TypeError(f"a finding is {type(finding).__name__}, not a Finding")
        if finding.severity is not None and finding.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {finding.severity!r}")
        if not isinstance(finding.message, str) or not isinstance(finding.location, str):
            raise TypeError("a finding's message and location must be strings")
        wrong = problem(finding.location) if finding.location not in checked else None
        if wrong:
            raise ValueError(f"a finding's location {shorten(finding.location, 80)!r} is not in the snapshot: {wrong}")
        checked.add(finding.location)
        if not isinstance(finding.key, tuple) or not all(isinstance(part, str) for part in finding.key):
            raise TypeError(f"a finding's key must be a tuple of strings, got {finding.key!r}")
        if not isinstance(finding.evidence, Mapping):
            raise TypeError("a finding's evidence must be a mapping")
    _json_data([finding.evidence for finding in result.findings], "evidence")  # one encoder call, not one a finding


def _json_data(value: Any, what: str) -> None:
    """Refuse what a report cannot hold: sets, dates, objects, integers too long to print."""
    try:  # plain JSON data as it is (NaN allowed): clean_number could not make it fail, so it need not run
        json.dumps(value)
        return
    except (TypeError, ValueError, RecursionError):
        pass
    try:
        json.dumps(clean_number(value), allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{what} must be JSON data: {exc}") from None


def finding_severity(check: Check, finding: Finding) -> str:
    return finding.severity or check.severity


def sorted_findings(check: Check, findings: Sequence[Finding]) -> list[Finding]:
    """Worst first, then by location (array indexes as numbers), so that reports are stable whatever order
    the check used."""
    ranks = {severity: -severity_rank(severity) for severity in SEVERITIES}
    where = pointer.sort_keys()

    def order(f: Finding) -> tuple[Any, ...]:
        severity = finding_severity(check, f)
        rank = ranks[severity] if severity in ranks else -severity_rank(severity)
        return (
            rank,
            where(f.location),
            f.key,
        )

    return sorted(findings, key=order)


def clean_number(value: Any) -> Any:
    """Make metrics JSON-safe and stable: NaN and infinities become null, floats keep 6 significant digits."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:  # no ABC check for the common leaves
        return value
    if kind is dict:  # strings and string keys kept without a call: evidence is mostly text
        return {(k if type(k) is str else str(k)): (v if type(v) is str else clean_number(v)) for k, v in value.items()}
    if kind is list:
        return [v if type(v) is str else clean_number(v) for v in value]
    if isinstance(value, float):
        return None if not math.isfinite(value) else float(f"{value:.6g}")
    if isinstance(value, Mapping):
        return {str(k): clean_number(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_number(v) for v in value]
    return value
