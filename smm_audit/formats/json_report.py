"""The JSON report: the report data as it is, for machines (schemas/report.schema.json)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from smm_audit.api import Format, hookimpl


def render(report: Mapping[str, Any]) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


@hookimpl
def register_formats(register):  # type: ignore[no-untyped-def]
    register(Format("json", render, "the full report as JSON (schemas/report.schema.json)", ".json"))
