"""Secrets never leave: the report data is scrubbed of the snapshot's secrets before any format renders it.

Scrubbing the data, not the rendered text, matters twice over. A format may
rewrite text (collapse spaces, drop control characters, escape for XML), after
which the secret would no longer be found; and replacing text blindly would
break the syntax of a JSON or SARIF file when a password is ``null`` or a
space. So string values are scrubbed, never keys, and never the fields whose
values come from a fixed vocabulary (severities, statuses, fingerprints),
which a common password such as ``high`` or ``pass`` would garble.

Two kinds of secret are masked, by one :class:`Redactor` that every report,
error message and quote goes through: the snapshot's passwords (exact text, at
least :data:`MIN_SECRET_LENGTH` characters), and credentials inside URLs
(:func:`mask_url_credentials`: query or fragment parameters named like
``token`` or ``api_key``, and ``user:password@``), which need no list. Text is
always scrubbed whole before it is cut (:func:`shorten`, :meth:`Redactor.head`),
and a cut never splits a ``[REDACTED]``: a cut that came first could leave half
a password that no exact match would find.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

MASK = "[REDACTED]"
MIN_SECRET_LENGTH = 4
"""Shorter values are not scrubbed: masking every "abc" in a report would garble it and protect nothing."""

CREDENTIAL_PARAMS = frozenset(
    {
        "token",
        "access_token",
        "refresh_token",
        "id_token",
        "auth_token",
        "key",
        "api_key",
        "apikey",
        "access_key",
        "private_key",
        "sig",
        "signature",
        "password",
        "passwd",
        "pwd",
        "pass",
        "secret",
        "client_secret",
        "auth",
        "authorization",
        "credential",
        "credentials",
        "session",
        "sessionid",
        "session_id",
        "sid",
        "code",
        "ticket",
    }
)
"""URL parameter names (lower case, ``-`` read as ``_``) whose values are credentials."""
CREDENTIAL_SUFFIXES = ("_token", "_key", "_secret", "_signature", "_sig", "_password", "_session", "_auth")
"""So are the values of names ending like this (``X-Amz-Signature``, ``private_token``, ``app_secret``)."""
URL_REACH = 2048
"""How far past a cut :meth:`Redactor.head` reads, so that a URL straddling the cut is masked whole."""

_PARAM = re.compile(r"(?<=[?&;#])([^=&#;?\s'\"<>]+)=([^&#;\s'\"<>]+)")
_HINT_WORDS = (
    "token key sig signature password passwd pwd pass secret auth authorization credential credentials"
    " session sessionid session_id session-id sid code ticket"
)
_CREDENTIAL_HINT = re.compile("(?i)=(?:" + "|".join(f"(?<={re.escape(w)}=)" for w in _HINT_WORDS.split()) + ")")
"""An ``=`` after a word that ends every credential parameter's name (:func:`is_credential_param`: each
name of :data:`CREDENTIAL_PARAMS` and each suffix ends in one of these words) and few others: a text without
one has no parameter to mask, and is not read parameter by parameter (the ``=`` first: a fast search)."""
_USERINFO = re.compile(r"(//)[^/?#\s'\"<>]*@")

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


def is_credential_param(name: str) -> bool:
    """Whether a URL parameter of this name carries a credential (case-insensitive)."""
    name = name.lower().replace("-", "_")
    return name in CREDENTIAL_PARAMS or name.endswith(CREDENTIAL_SUFFIXES)


def mask_url_credentials(text: str) -> str:
    """``text`` with every URL's credentials masked: ``user:pass@`` and the values of parameters like ``token``.

    Parameters are found after ``?``, ``&``, ``;`` or ``#`` anywhere in the text, so a URL in a sentence is
    covered; a check that needs the real query (to read ``utm_*`` tags) parses the URL before display.
    """
    return _masked(text, _url_spans(text))


def _url_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    if "=" in text and _CREDENTIAL_HINT.search(text):
        spans = [m.span(2) for m in _PARAM.finditer(text) if is_credential_param(m.group(1))]
    if "//" in text and "@" in text:
        spans += [(m.end(1), m.end() - 1) for m in _USERINFO.finditer(text) if m.end() - 1 > m.end(1)]
    return spans


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _masked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each (merged) span replaced by one ``[REDACTED]``."""
    parts, done = [], 0
    for start, end in _merged(spans):
        parts += [text[done:start], MASK]
        done = end
    return "".join(parts) + text[done:] if parts else text


def cut(text: str, end: int) -> str:
    """``text[:end]``, ended before a ``[REDACTED]`` that ``end`` would split, so no part of a mask is left."""
    for start in range(max(0, end - len(MASK) + 1), min(end, len(text))):
        if text.startswith(MASK, start) and start + len(MASK) > end:
            return text[:start]
    return text[:end]


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters of scrubbed ``text``, "…" marking a cut that splits no ``[REDACTED]``."""
    return text if len(text) <= limit else cut(text, limit - 1) + "…"


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
    """Replaces each secret, and every URL credential, by ``[REDACTED]``, in text or in every string of JSON data."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        ordered = sorted(set(secrets), key=lambda s: (-len(s), s))
        # A lookahead finds every occurrence, overlapping ones too: "xxabc" must not hide half of "abcdefgh12".
        self._pattern = re.compile("(?=(" + "|".join(map(re.escape, ordered)) + "))") if ordered else None
        self._secret = re.compile("|".join(map(re.escape, ordered))).search if ordered else None
        self.reach = max([URL_REACH, *map(len, ordered)])
        """How far past a cut a secret or a URL may reach."""

    def __bool__(self) -> bool:
        return self._pattern is not None

    def __call__(self, text: str) -> str:
        spans = self._spans(text)
        return _masked(text, spans) if spans else text  # most texts of a report hold nothing to mask

    def _spans(self, text: str) -> list[tuple[int, int]]:
        spans = _url_spans(text)
        if self._pattern:
            spans += [m.span(1) for m in self._pattern.finditer(text)]
        return spans

    def head(self, text: str, length: int) -> str:
        """Scrubbed text holding at least the first ``length`` characters of ``text``, for a quote to cut.

        It ends at ``length`` or, when a secret or a URL credential straddles that point, after it: masked
        whole, never half (a cut first would leave a prefix that no exact match finds).
        """
        if len(text) <= length:
            return self(text)
        window = text[: length + self.reach]
        spans = _merged(self._spans(window))
        end = max([length, *(e for s, e in spans if s < length < e)])
        return _masked(window[:end], [(s, min(e, end)) for s, e in spans if s < end])

    def data(self, value: Any, key: str | None = None) -> Any:
        """A copy of JSON data with every string value scrubbed, except keys and fixed-vocabulary fields."""
        return self._data(value, key, {})

    def _data(self, value: Any, key: str | None, seen: dict[str, str]) -> Any:
        kind = type(value)
        if kind is dict:  # the common cases first: isinstance against an ABC is slow
            return self._dict(value, seen)
        if kind is str:
            return value if key in FIXED_VOCABULARY else self._text(value, seen)
        if kind is int or kind is float or kind is bool or value is None:
            return value
        if kind is list and key not in FIXED_VOCABULARY:
            return self._list(value, seen)
        if isinstance(value, str):
            return value if key in FIXED_VOCABULARY else self(value)
        if isinstance(value, Mapping):
            return {k: self._data(v, k, seen) for k, v in value.items()}
        if isinstance(value, list):
            return [self._data(item, key, seen) for item in value]
        return value

    def _text(self, text: str, seen: dict[str, str]) -> str:
        """``self(text)``, tested first for what could need masking (most report texts hold none), once a text."""
        if "=" in text or "@" in text or (self._secret is not None and self._secret(text) is not None):
            done = seen.get(text)
            if done is None:
                done = seen[text] = self(text)
            return done
        return text

    def _dict(self, value: dict[Any, Any], seen: dict[str, str]) -> dict[Any, Any]:
        copy = {}
        text, secret = self._text, self._secret
        for k, v in value.items():  # the plain strings passed here, not in a call each: a report has millions
            kind = type(v)
            if kind is str:
                if k in FIXED_VOCABULARY or not ("=" in v or "@" in v or (secret is not None and secret(v))):
                    copy[k] = v
                else:
                    copy[k] = text(v, seen)
            elif kind is dict:
                copy[k] = self._dict(v, seen)
            else:
                copy[k] = self._data(v, k, seen)
        return copy

    def _list(self, value: list[Any], seen: dict[str, str]) -> list[Any]:
        """A list under a key outside the fixed vocabulary (its strings are scrubbed)."""
        text = self._text
        return [
            text(item, seen)
            if type(item) is str
            else self._dict(item, seen)
            if type(item) is dict
            else self._data(item, None, seen)
            for item in value
        ]


PLAIN = Redactor()
"""Masks URL credentials only: for text outside an audit, where no password is known."""
