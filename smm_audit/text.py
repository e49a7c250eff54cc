"""Quoting user text in reports: short, on one line, with phone numbers and e-mail addresses masked."""

from __future__ import annotations

import re

from .redact import cut, shorten
from .services import scrub, scrub_head

_PHONE = re.compile(r"\+?\d[\d\s().-]{5,}\d")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SPACES = re.compile(r"\s+")


def excerpt(text: str, limit: int = 80) -> str:
    """At most ``limit`` characters of ``text``, whitespace collapsed, phones and e-mails masked, cut at a word.

    Masking errs on the safe side: any run of digits that could be a phone is hidden. The secrets of the
    snapshot being audited, and URL credentials, are masked first, in a window that holds each one whole,
    so that a cut never leaves half a password behind; the cut never splits a ``[REDACTED]`` either. What is
    shown is scrubbed again: a part of a password that the text held (not the whole) and the cut ended is
    masked before the "…" (see :mod:`smm_audit.redact`).
    """
    window = scrub_head(text, limit * 4 + 200)  # what can show after masking and collapsing, and no more work
    text = _SPACES.sub(" ", _PHONE.sub("[phone]", _EMAIL.sub("[email]", window))).strip()
    if len(text) <= limit:
        return text
    shown = cut(text, limit - 1)
    space = shown.rfind(" ")
    if space >= limit // 2:
        shown = shown[:space]
    return scrub(shown.rstrip(" ,.;:-—") + "…")  # a part of a secret the cut left before "…" goes too


def scrubbed(text: str, limit: int | None = None) -> str:
    """``text`` without the audit's secrets and URL credentials, then cut to ``limit`` characters (with "…").

    Masking comes first, on the whole text, and the cut never splits a ``[REDACTED]``: the way to quote a
    value (a URL, a name) that may hold a secret.
    """
    text = scrub(text)
    if limit is None or len(text) <= limit:
        return text
    return scrub(shorten(text, limit))  # a part of a secret the cut left before "…" goes too
