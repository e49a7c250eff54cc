"""Secrets never leave: every rendered output is scrubbed of the snapshot's secrets before it is written."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

MASK = "[REDACTED]"
MIN_SECRET_LENGTH = 4
"""Shorter values are not scrubbed: masking every "abc" in a report would garble it and protect nothing."""


def secrets_of(data: Mapping[str, Any]) -> set[str]:
    """The secret strings of a snapshot: every string under a credential's ``password``."""
    found: set[str] = set()
    for credential in data.get("credentials", []) if isinstance(data.get("credentials"), list) else []:
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


def _encodings(secret: str) -> set[str]:
    """The secret as it stands in plain text, inside a JSON string and inside XML."""
    return {secret, json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1], html.escape(secret)}


class Redactor:
    """Replaces each secret by ``[REDACTED]`` in any text, in one regex pass."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        forms = {form for secret in secrets for form in _encodings(secret)}
        ordered = sorted(forms, key=lambda s: (-len(s), s))
        self._pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def __call__(self, text: str) -> str:
        return self._pattern.sub(MASK, text) if self._pattern else text
