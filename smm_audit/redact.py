"""Secrets never leave: the report data is scrubbed of the snapshot's secrets before any format renders it.

Scrubbing the data, not the rendered text, matters twice over. A format may
rewrite text (collapse spaces, drop control characters, escape for XML), after
which the secret would no longer be found; and replacing text blindly would
break the syntax of a JSON or SARIF file when a password is ``null`` or a
space. So string values are scrubbed, never keys, and never the fields whose
values come from a fixed vocabulary (severities, statuses, fingerprints),
which a common password such as ``high`` or ``pass`` would garble.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

MASK = "[REDACTED]"
MIN_SECRET_LENGTH = 4
"""Shorter values are not scrubbed: masking every "abc" in a report would garble it and protect nothing."""

FIXED_VOCABULARY = frozenset(
    {
        "severity",
        "status",
        "grade",
        "fail_on",
        "fingerprint",
        "sha256",
        "schema_version",
        "report_version",
        "taken_at",
        "category",
        "id",
    }
)
"""Report fields whose values the engine writes from a closed set, or that hold no snapshot text."""


def secrets_of(data: Mapping[str, Any]) -> set[str]:
    """The secret strings of a snapshot: every string under a credential's ``password``."""
    found: set[str] = set()
    credentials = data.get("credentials") if isinstance(data, Mapping) else None
    for credential in credentials if isinstance(credentials, list) else []:
        if isinstance(credential, Mapping):
            _strings(credential.get("password"), found)
    return {s for s in found if len(s) >= MIN_SECRET_LENGTH}


def _strings(value: Any, found: set[str]) -> None:
    if isinstance(value, str):
        found.add(value)
    elif isinstance(value, Mapping):
        for item in value.values():
            _strings(item, found)
    elif isinstance(value, list):
        for item in value:
            _strings(item, found)


class Redactor:
    """Replaces each secret by ``[REDACTED]``, in text or in every string value of JSON data."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        ordered = sorted(set(secrets), key=lambda s: (-len(s), s))
        self._pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def __bool__(self) -> bool:
        return self._pattern is not None

    def __call__(self, text: str) -> str:
        return self._pattern.sub(MASK, text) if self._pattern else text

    def data(self, value: Any, key: str | None = None) -> Any:
        """A copy of JSON data with every string value scrubbed, except keys and fixed-vocabulary fields."""
        if not self._pattern:
            return value
        if isinstance(value, str):
            return value if key in FIXED_VOCABULARY else self(value)
        if isinstance(value, Mapping):
            return {k: self.data(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self.data(item, key) for item in value]
        return value
