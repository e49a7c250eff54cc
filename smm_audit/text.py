"""Quoting user text in reports: short, on one line, with phone numbers and e-mail addresses masked."""

from __future__ import annotations

import re

from .services import scrub

_PHONE = re.compile(r"\+?\d[\d\s().-]{5,}\d")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SPACES = re.compile(r"\s+")


def excerpt(text: str, limit: int = 80) -> str:
    """At most ``limit`` characters of ``text``, whitespace collapsed, phones and e-mails masked, cut at a word.

    Masking errs on the safe side: any run of digits that could be a phone is hidden. The secrets of the
    snapshot being audited are masked first, so that a cut never leaves half a password behind.
    """
    window = scrub(text[: limit * 4 + 200])  # what can show after masking and collapsing, and no more work
    text = _SPACES.sub(" ", _PHONE.sub("[phone]", _EMAIL.sub("[email]", window))).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:-—") + "…"
