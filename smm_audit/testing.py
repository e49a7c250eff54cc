"""Helpers to test checks on small hand-built snapshots (the built-in checks' tests use them).

    from smm_audit.testing import make_snapshot, run_check

    data = make_snapshot(accounts=[{"id": "vk", "platform": "vk", "posts": []}])
    result = run_check("my-check", data, some_option=7)
    assert result.status == "fail"
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

from . import engine, plugins, validate
from .api import Check, Result
from .errors import InputError
from .snapshot import Snapshot

TAKEN_AT = "2026-11-01T12:00:00+03:00"


def make_snapshot(**fields: Any) -> dict[str, Any]:
    """A minimal valid snapshot (client "Test client", taken at :data:`TAKEN_AT`) with ``fields`` set on top."""
    data: dict[str, Any] = {"schema_version": "1.0", "taken_at": TAKEN_AT, "client": {"name": "Test client"}}
    data.update(copy.deepcopy(fields))
    return data


def assert_valid(data: Mapping[str, Any]) -> None:
    """Fail with every problem listed when ``data`` is not a valid snapshot."""
    problems = validate.validate(json.loads(json.dumps(data)))
    if problems:
        raise AssertionError("\n".join(InputError("snapshot", problems).lines()))


_registry: plugins.Registry | None = None


def get_check(check_id: str) -> Check:
    """A registered check (built-in or installed) by id."""
    global _registry
    if _registry is None:
        _registry = plugins.load()
    return _registry.check(check_id)


def run_check(check_id: str, data: Mapping[str, Any], **options: Any) -> Result:
    """Validate ``data``, then run one check on it with ``options`` over its defaults, as the engine would."""
    assert_valid(data)
    check = get_check(check_id)
    hooks = _registry.manager.hook if _registry else None
    (outcome,) = engine.run(Snapshot(data), [check], {check_id: options}, hooks=hooks)
    return outcome.result
