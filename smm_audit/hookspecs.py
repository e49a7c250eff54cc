"""The hooks a plugin implements. Every built-in check and format uses exactly these."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pluggy

hookspec = pluggy.HookspecMarker("smm_audit")


@hookspec
def register_checks(register: Callable[[Any], None]) -> None:
    """Register checks: call ``register(check)`` once for each :class:`smm_audit.api.Check`."""


@hookspec
def register_formats(register: Callable[[Any], None]) -> None:
    """Register report formats: call ``register(fmt)`` once for each :class:`smm_audit.api.Format`."""


@hookspec
def register_calibrators(register: Callable[[Any], None]) -> None:
    """Register calibrators: call ``register(calibrator)`` once for each :class:`smm_audit.api.Calibrator`."""


@hookspec
def register_collectors(register: Callable[[Any], None]) -> None:
    """Register snapshot collectors: call ``register(collector)`` once for each :class:`smm_audit.api.Collector`."""


@hookspec(firstresult=True)
def classify_sentiment(text: str, lang: str | None) -> Any:
    """Classify a comment: return a :class:`smm_audit.api.Sentiment`, or None to let the next plugin decide."""


@hookspec
def register_snapshot_extensions(register: Callable[[str, Any], None]) -> None:
    """Describe a plugin's own snapshot data: call ``register(name, json_schema)`` to validate ``extensions.<name>``."""


@hookspec
def audit_finished(report: Any) -> None:
    """Be told that an audit has finished, with its report data (secrets already scrubbed), e.g. to post it."""
