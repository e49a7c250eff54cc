"""The "did you mean" of every message that names something unknown: one rule, one wording."""

from __future__ import annotations

from collections.abc import Iterable


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the choice closest to ``word``, case aside, or ``""`` when none is close."""
    import difflib  # here: only a message about something unknown needs it

    folded: dict[str, str] = {}
    for choice in choices:
        folded.setdefault(choice.lower(), choice)
    close = difflib.get_close_matches(word.lower(), list(folded), n=1)
    return f" (did you mean {folded[close[0]]!r}?)" if close else ""
