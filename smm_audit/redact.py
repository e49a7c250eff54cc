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

Where a cut did come first (a URL that a quote or a trimmed "!" ends inside a
password, an exporter's shortened comment, a plugin's ``text[:40]``), the
Redactor also masks a recognisable *part* of a password where text was cut: a
prefix that ends the string or stands just before a cut mark ("…", "..."), a
suffix (or a middle) that begins the string or follows a cut mark. A part is
recognisable from half the password's characters (rounded up), never fewer
than :data:`PART_FLOOR` (5: "pass" or "shop" is never masked as a part), and
always from :data:`PART_ALWAYS` (8) on. A part in the middle of running text,
with no cut next to it, is not looked for: only exact passwords are.
"""

from __future__ import annotations

import bisect
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
PART_FLOOR = 5
"""The fewest characters of a secret masked as a *part* of it, where text was cut (:meth:`Redactor.__call__`).

A part counts when it holds at least half the secret (rounded up) and at least this many characters, and
always from :data:`PART_ALWAYS` characters on: 4-letter words such as "pass" or "shop" are never masked as
parts, and a secret of 5 characters or fewer is masked whole only. At a text's own start or end (no cut
mark there) a part of letters only is taken for a word of the text, not masked (:func:`_cut_at`)."""
PART_ALWAYS = 8
"""A part this long is recognisable whatever the secret's length (the 8-character runs no output may hold)."""
CUT_MARKS = ("…", "...")
"""What marks a cut inside a text: a part of a secret just before one (or just after) is masked too
(:meth:`_Parts.may_hold` spells them out, for speed)."""
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


def part_length(secret: str) -> int:
    """The fewest characters of ``secret`` that are a recognisable part of it (see :data:`PART_FLOOR`)."""
    return min(PART_ALWAYS, max(PART_FLOOR, -(-len(secret) // 2)))


class _Parts:
    """The recognisable parts of the secrets, found where a text was cut: prefixes that end a text or stand
    just before a cut mark, suffixes (and middles) that begin a text or stand just after one.

    The secrets that may have a part at a cut are looked up by the :data:`PART_FLOOR` characters next to it
    (one slice and one dict lookup a side: a text with no cut mark and no part at either end costs two
    lookups); each is then matched by C-level searches, never character by character.
    """

    def __init__(self, secrets: Iterable[str]) -> None:
        self.ends: dict[str, list[str]] = {}
        """The secrets with a prefix of a part's length or more that ends in these PART_FLOOR characters."""
        self.starts: dict[str, list[str]] = {}
        """The secrets with a suffix of a part's length or more that begins with these PART_FLOOR characters."""
        for secret in secrets:
            least = part_length(secret)
            for key in {secret[k - PART_FLOOR : k] for k in range(least, len(secret))}:
                self.ends.setdefault(key, []).append(secret)
            for key in {secret[j : j + PART_FLOOR] for j in range(1, len(secret) - least + 1)}:
                self.starts.setdefault(key, []).append(secret)

    def __bool__(self) -> bool:
        return bool(self.ends)

    def may_hold(self, text: str) -> bool:
        """Whether ``text`` may hold a part at a cut (quick: false for almost every text without one)."""
        return text[-PART_FLOOR:] in self.ends or text[:PART_FLOOR] in self.starts or "…" in text or "..." in text

    def spans(self, text: str) -> list[tuple[int, int]]:
        ends, starts = [len(text)], [0]
        for mark in CUT_MARKS:
            at = text.find(mark)
            while at >= 0:
                ends.append(at)
                starts.append(at + len(mark))
                at = text.find(mark, at + len(mark))
        found = []
        for end in ends:
            for secret in self.ends.get(text[end - PART_FLOOR : end], ()) if end >= PART_FLOOR else ():
                begin = _prefix_before(text, end, secret)
                if begin is not None and _cut_at(text, begin, end, end == len(text)):
                    found.append((begin, end))
        ends.sort()
        for start in starts:
            for secret in self.starts.get(text[start : start + PART_FLOOR], ()):
                stop = ends[bisect.bisect_left(ends, start + PART_FLOOR)]
                finish = _suffix_after(text, start, stop, secret)
                if finish is not None and _cut_at(text, start, finish, start == 0):
                    found.append((start, finish))
        return found


def _cut_at(text: str, begin: int, end: int, unmarked: bool) -> bool:
    """Whether a part found at ``text[begin:end]`` is taken for a secret cut there.

    Beside a cut mark, always. At the text's own start or end nothing says that the text was cut, so a
    part made of letters only is taken for a word of the text ("Kofeinya Zerno" where the password is
    "Zerno2024!"): masking it would mask the client's name and tell the reader how the password begins.
    A part with a digit or a sign in it ("?q=Hunter2-" of "Hunter2-\"x…") is masked.
    """
    return not unmarked or not text[begin:end].isalpha()


def _prefix_before(text: str, end: int, secret: str) -> int | None:
    """Where the longest prefix of ``secret`` (shorter than it, of a part's length or more) that ends at ``end``
    begins, else None. Each such prefix begins with the secret's first part, found by ``str.find``."""
    least = part_length(secret)
    head = secret[:least]
    at = text.find(head, max(0, end - len(secret) + 1), end)
    while at >= 0 and end - at >= least:
        if secret.startswith(text[at:end]):
            return at
        at = text.find(head, at + 1, end)
    return None


def _suffix_after(text: str, start: int, stop: int, secret: str) -> int | None:
    """Where the longest suffix of ``secret`` (of a part's length or more) that begins at ``start`` ends, or
    ``stop`` when the text up to that next cut is a middle of the secret; else None. Each suffix ends with
    the secret's last part, found by ``str.rfind``."""
    least = part_length(secret)
    seg = text[start : min(stop, start + len(secret))]
    if len(seg) < least:
        return None
    if stop - start < len(secret) and secret.find(text[start:stop], 1) > 0:
        return stop  # a middle of the secret, cut at both ends
    tail = secret[-least:]
    at = seg.rfind(tail)
    while at >= 0:
        end = at + least
        if end < len(secret) and secret.endswith(seg[:end]):
            return start + end
        at = seg.rfind(tail, 0, end - 1)
    return None


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
        self._parts = _Parts(ordered)
        self._secret = re.compile("|".join(map(re.escape, ordered))).search if ordered else None
        self._ends, self._starts = self._parts.ends, self._parts.starts
        self._part = self._parts.may_hold if self._parts else None
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
        if self._part is not None and self._part(text):
            spans += self._parts.spans(text)
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
        if "=" in text or "@" in text or (self._secret is not None and self._may_need(text)):
            done = seen.get(text)
            if done is None:
                done = seen[text] = self(text)
            return done
        return text

    def _may_need(self, text: str) -> bool:
        """Whether a text may hold a secret, or a part of one at a cut (the texts without ``=`` or ``@``)."""
        if self._secret is not None and self._secret(text):
            return True
        ends = self._ends
        return bool(ends) and (
            text[-PART_FLOOR:] in ends or text[:PART_FLOOR] in self._starts or "…" in text or "..." in text
        )

    def _dict(self, value: dict[Any, Any], seen: dict[str, str]) -> dict[Any, Any]:
        copy = {}
        text, secret, ends, starts = self._text, self._secret, self._ends, self._starts
        for k, v in value.items():  # the plain strings passed here, not in a call each: a report has millions
            kind = type(v)
            if kind is str:
                if k in FIXED_VOCABULARY or not (
                    "=" in v
                    or "@" in v
                    or (
                        secret is not None
                        and (
                            secret(v)
                            or (
                                ends and (v[-PART_FLOOR:] in ends or v[:PART_FLOOR] in starts or "…" in v or "..." in v)
                            )
                        )
                    )
                ):
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
        text, secret, ends, starts = self._text, self._secret, self._ends, self._starts
        copy = []
        for v in value:
            kind = type(v)
            if kind is str:
                if (  # as in _dict: the quick test inline
                    "=" in v
                    or "@" in v
                    or (
                        secret is not None
                        and (
                            secret(v)
                            or (
                                ends and (v[-PART_FLOOR:] in ends or v[:PART_FLOOR] in starts or "…" in v or "..." in v)
                            )
                        )
                    )
                ):
                    v = text(v, seen)
                copy.append(v)
            elif kind is dict:
                copy.append(self._dict(v, seen))
            else:
                copy.append(self._data(v, None, seen))
        return copy


PLAIN = Redactor()
"""Masks URL credentials only: for text outside an audit, where no password is known."""
