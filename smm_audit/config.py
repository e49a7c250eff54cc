"""Configuration: ``[tool.smm-audit]`` in the nearest pyproject.toml, or a TOML file named by ``--config``.

Every value remembers where it came from (a file, a flag, or the default), so
``smm-audit config`` can say it. Unknown keys and wrong types are usage errors
that name the key and the closest valid one.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from .api import SEVERITIES
from .errors import UsageError, UsageErrors
from .gate import DEFAULT_FAIL_ON, DEFAULT_MIN_COVERAGE, FAIL_ON_CHOICES
from .hints import did_you_mean

TABLE = ("tool", "smm-audit")
CHECK_KEYS = ("enabled", "severity", "weight")
SUPPRESS_KEYS = ("fingerprint", "check", "entity", "reason", "expires")

DEFAULT_MAX_FINDINGS_PER_CHECK = 1000
"""Findings of one check a report lists; the rest are counted in one finding per severity (0: all)."""

MIN_TIMEOUT = 0.001
MAX_TIMEOUT = 86400.0
"""Longest ``check_timeout`` (and ``--timeout``) accepted, in seconds: a day. A larger value is refused, not
capped: a wait that long is a typo, and a far larger one overflows the platform's timers."""

_TOP: dict[str, Any] = {
    "select": [],
    "ignore": [],
    "fail_on": DEFAULT_FAIL_ON,
    "fail_under": None,
    "min_coverage": DEFAULT_MIN_COVERAGE,
    "baseline": None,
    "check_timeout": 300.0,
    "max_findings_per_check": DEFAULT_MAX_FINDINGS_PER_CHECK,
    "plugins": [],
    "checks": {},
    "suppress": [],
}


@dataclass(frozen=True)
class Suppression:
    """Accept a finding, with a reason and perhaps an end date: by fingerprint, or by check and entity id."""

    reason: str
    fingerprint: str | None = None
    check: str | None = None
    entity: str | None = None
    expires: date | None = None

    def matches(self, check_id: str, fingerprint: str, entities: Collection[str]) -> bool:
        """By fingerprint; or by check id and the id of an entity on the way to the finding's location."""
        if self.fingerprint is not None:
            return self.fingerprint == fingerprint and (self.check is None or self.check == check_id)
        return self.check == check_id and self.entity in entities


@dataclass
class Config:
    """The effective configuration and, for each key, where its value came from."""

    values: dict[str, Any] = field(default_factory=lambda: {k: _copy(v) for k, v in _TOP.items()})
    origins: dict[str, str] = field(default_factory=lambda: dict.fromkeys(_TOP, "default"))
    path: Path | None = None

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def override(self, key: str, value: Any, origin: str) -> None:
        """A command-line flag wins over the file (only when it was given)."""
        if value is None or value == () or value == []:
            return
        self.values[key] = list(value) if isinstance(value, tuple) else value
        self.origins[key] = origin

    @property
    def suppressions(self) -> list[Suppression]:
        return [Suppression(**entry) for entry in self.values["suppress"]]


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else dict(value) if isinstance(value, dict) else value


def _cwd() -> Path:
    try:
        return Path.cwd().resolve()
    except OSError:  # the working directory was deleted
        raise UsageError(
            "the current directory no longer exists, so no pyproject.toml can be looked for: "
            "cd to an existing directory, or name the settings with --config FILE"
        ) from None


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above ``start`` that has a [tool.smm-audit] table."""
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            tool = _read(candidate).get(TABLE[0], {})
            if isinstance(tool, dict) and TABLE[1] in tool:
                return candidate
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 text (byte {exc.start + 1}); a TOML file must be UTF-8") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except ValueError:  # a NUL byte in the path
        raise UsageError(f"{path!r}: not a valid file name") from None


def load(explicit: str | None = None, cwd: Path | None = None) -> Config:
    """Read ``--config FILE`` (keys at top level) or the nearest pyproject.toml's [tool.smm-audit]."""
    config = Config()
    if explicit is not None:
        path = Path(explicit)
        table = _read(path)
        where = str(path)
    else:
        found = find_pyproject(cwd.resolve() if cwd is not None else _cwd())
        if found is None:
            return config
        path, table = found, _read(found)[TABLE[0]][TABLE[1]]
        where = f"{found} [tool.smm-audit]"
        if not isinstance(table, dict):
            raise UsageError(f"{where} must be a table, got {_kind(table)}")
    config.path = path
    for key, value in _validated(table, where).items():
        config.values[key] = value
        config.origins[key] = where
    if config.values["baseline"] is not None:
        config.values["baseline"] = str((path.parent / config.values["baseline"]).resolve())
    return config


def from_table(table: Mapping[str, Any], where: str) -> Config:
    """A configuration of the settings in ``table`` (keys as in ``[tool.smm-audit]``), checked; ``where`` names it."""
    config = Config()
    for key, value in _validated(table, where).items():
        config.values[key] = value
        config.origins[key] = where
    return config


def _validated(table: Mapping[str, Any], where: str) -> dict[str, Any]:
    """The table's settings, checked; every bad key is reported, not just the first."""

    def checked(key: str, value: Any) -> tuple[str, Any]:
        if key not in _TOP:
            raise UsageError(f"{where}: unknown key {key!r}{did_you_mean(key, _TOP)}")
        return key, _check_value(key, value, where)

    return dict(_each(table.items(), checked))


def _each(items: Iterable[tuple[Any, Any]], check: Callable[[Any, Any], Any]) -> list[Any]:
    """``check`` applied to every item; the errors of all of them raised together."""
    out, errors = [], []
    for key, value in items:
        try:
            out.append(check(key, value))
        except UsageError as exc:
            errors.append(exc)
    if errors:
        raise UsageErrors(errors)
    return out


def _check_value(key: str, value: Any, where: str) -> Any:
    name = f"{where}: {key}"
    if key in ("select", "ignore", "plugins"):
        return _string_list(value, name)
    if key == "fail_on":
        if value not in FAIL_ON_CHOICES:
            raise UsageError(f"{name} must be one of {', '.join(FAIL_ON_CHOICES)}, got {value!r}")
        return value
    if key == "fail_under":
        return _number(value, name, 0, 100)
    if key == "min_coverage":
        return _number(value, name, 0, 1)
    if key == "max_findings_per_check":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise UsageError(f"{name} must be a whole number, 0 or more (0: no limit), got {value!r}")
        return value
    if key == "check_timeout":
        return _number(value, name, MIN_TIMEOUT, MAX_TIMEOUT)
    if key == "baseline":
        if not isinstance(value, str):
            raise UsageError(f"{name} must be a path (string), got {_kind(value)}")
        return value
    if key == "checks":
        if not isinstance(value, dict):
            raise UsageError(f"{name} must be a table of check ids")
        tables = _each(value.items(), lambda check_id, settings: _check_table(check_id, settings, where))
        return dict(zip(value, tables, strict=True))
    return _each(enumerate(_tables(value, name)), lambda i, entry: _suppression(entry, f"{where}: suppress[{i}]"))


def _check_table(check_id: str, settings: Any, where: str) -> dict[str, Any]:
    name = f"{where}: checks.{check_id}"
    if not isinstance(settings, dict):
        raise UsageError(f"{name} must be a table")
    if "enabled" in settings and not isinstance(settings["enabled"], bool):
        raise UsageError(f"{name}.enabled must be true or false, got {_kind(settings['enabled'])}")
    if "severity" in settings and settings["severity"] not in SEVERITIES:
        raise UsageError(f"{name}.severity must be one of {', '.join(SEVERITIES)}, got {settings['severity']!r}")
    if "weight" in settings:
        _number(settings["weight"], f"{name}.weight", 0, None)
    return dict(settings)


def _suppression(entry: dict[str, Any], name: str) -> dict[str, Any]:
    for key in entry:
        if key not in SUPPRESS_KEYS:
            raise UsageError(f"{name}: unknown key {key!r}{did_you_mean(key, SUPPRESS_KEYS)}")
    for key in ("fingerprint", "check", "entity", "reason"):
        if key in entry and not (isinstance(entry[key], str) and entry[key].strip()):
            raise UsageError(f"{name}.{key} must be a non-empty string")
    if "reason" not in entry:
        raise UsageError(f"{name} needs a reason")
    if "fingerprint" not in entry and not ("check" in entry and "entity" in entry):
        raise UsageError(f"{name} needs a fingerprint, or a check and an entity")
    expires = entry.get("expires")
    # a TOML date-time is a datetime, which is also a date: refuse it first
    if expires is not None and (isinstance(expires, datetime) or not isinstance(expires, date)):
        raise UsageError(f"{name}.expires must be a TOML date (expires = 2027-01-31), got {_kind(expires)}")
    return dict(entry)


def _tables(value: Any, name: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise UsageError(f"{name} must be an array of tables ([[tool.smm-audit.suppress]])")
    return value


def _string_list(value: Any, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"{name} must be a list of strings, got {_kind(value)}")
    return value


def _number(value: Any, name: str, low: float | None, high: float | None) -> float:
    """A finite number within [low, high]: TOML's nan and inf are refused (a comparison with nan is always false)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise UsageError(f"{name} must be a number, got {_kind(value)}")
    try:
        number = float(value)
    except OverflowError:  # an integer too large for a float
        raise UsageError(f"{name} must be a finite number, got an integer too large for one") from None
    if not math.isfinite(number):
        raise UsageError(f"{name} must be a finite number, got {value}")
    if (low is not None and number < low) or (high is not None and number > high):
        raise UsageError(f"{name} must be between {low} and {high}, got {value}")
    return number


def _kind(value: Any) -> str:
    return {
        datetime: "a date-time",
        date: "a date",
        time: "a time",
        bool: "a boolean",
        str: "a string",
        int: "an integer",
        float: "a number",
        list: "an array",
        dict: "a table",
    }.get(type(value), type(value).__name__)


def _relative_paths(check: Any, given: dict[str, Any], path: Path | None) -> dict[str, Any]:
    """Options that are file paths, written relative to the configuration file: made absolute."""
    paths = {opt.name for opt in check.options if opt.path}
    for name, value in given.items():
        if name in paths and isinstance(value, str) and value and path is not None:
            given[name] = str((path.parent / value).resolve())
    return given


def option_files(config: Config, registry: Any) -> list[tuple[str, str]]:
    """The files that configured check options name (``[checks.<id>]`` options that are paths): what, path."""
    files = []
    for check_id, table in config.values["checks"].items():
        check = registry.checks.get(check_id)
        if check is None or not isinstance(table, dict):
            continue
        for name, value in _relative_paths(check, dict(table), config.path).items():
            if any(opt.path and opt.name == name for opt in check.options) and isinstance(value, str) and value:
                files.append((f"the file of {check_id}'s option {name}", value))
    return files


def apply_to_checks(config: Config, registry: Any) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """Split ``[checks.<id>]`` into check options and engine settings; unknown ids and options are errors."""
    options: dict[str, dict[str, Any]] = {}
    settings: dict[str, dict[str, Any]] = {}
    origin = config.origins["checks"]
    errors: list[UsageError] = []
    for check_id, table in config.values["checks"].items():
        if check_id not in registry.checks:
            errors.append(UsageError(f"{origin}: unknown check {check_id!r}{did_you_mean(check_id, registry.checks)}"))
            continue
        options[check_id] = _relative_paths(
            registry.checks[check_id], {k: v for k, v in table.items() if k not in CHECK_KEYS}, config.path
        )
        settings[check_id] = {k: v for k, v in table.items() if k in CHECK_KEYS}
    for key in ("select", "ignore"):
        for check_id in config.values[key]:
            if check_id not in registry.checks:
                where = config.origins[key]
                errors.append(
                    UsageError(f"{where}: unknown check {check_id!r}{did_you_mean(check_id, registry.checks)}")
                )
    for i, entry in enumerate(config.values["suppress"]):
        check_id = entry.get("check")
        if check_id is not None and check_id not in registry.checks:
            errors.append(
                UsageError(
                    f"{config.origins['suppress']}: suppress[{i}].check: unknown check {check_id!r}"
                    f"{did_you_mean(check_id, registry.checks)}"
                )
            )
    if errors:
        raise UsageErrors(errors)
    return options, settings
