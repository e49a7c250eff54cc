"""Read a file of labelled rows: JSON lines (one object a line) or CSV with a header (``smm-audit calibrate``).

CSV cells are typed the way a JSON exporter would have written them: an empty cell
is left out, ``true``/``false`` are booleans, integers and decimals are numbers, the
rest is text.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from .errors import UsageError

_INT = re.compile(r"^[+-]?\d+$")
_FLOAT = re.compile(r"^[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?$")


def read_rows(path: str) -> list[dict[str, Any]]:
    """The rows of ``path``: CSV when it ends in .csv or does not start with '{', else JSON lines."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 text (byte {exc.start + 1})") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except ValueError:
        raise UsageError(f"{path!r}: not a valid file name") from None
    if path.lower().endswith(".csv") or not text.lstrip().startswith("{"):
        rows = _csv(path, text)
    else:
        rows = _json_lines(path, text)
    if not rows:
        raise UsageError(f"{path}: no rows")
    return rows


def _json_lines(path: str, text: str) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise UsageError(f"{path}:{number}: invalid JSON: {exc}") from None
        if not isinstance(row, dict):
            raise UsageError(f"{path}:{number}: a row must be a JSON object")
        rows.append(row)
    return rows


def _cell(value: str) -> Any:
    if value.lower() in ("true", "false"):
        return value.lower() == "true"
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value


def _csv(path: str, text: str) -> list[dict[str, Any]]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader, None)
        if header is None:
            return []
        names = [name.strip() for name in header]
        rows = []
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(names):
                raise UsageError(
                    f"{path}:{reader.line_num}: {len(values)} cells, but the header names {len(names)} columns"
                )
            rows.append({name: _cell(v.strip()) for name, v in zip(names, values, strict=True) if v.strip()})
    except csv.Error as exc:
        raise UsageError(f"{path}:{reader.line_num}: invalid CSV: {exc}") from None
    return rows
