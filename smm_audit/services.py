"""What a running check may ask of the plugins (today: sentiment), without a handle on the engine.

The engine sets the hooks of the current audit for the duration of a run; a
check calls :func:`classify_sentiment` from :mod:`smm_audit.api`. Outside a run
(in a unit test of a helper, say) the built-in classifier answers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from .redact import PLAIN, Redactor
from .sentiment import LABELS, Sentiment, classify

_hooks: ContextVar[Any] = ContextVar("smm_audit_hooks", default=None)
_scrub: ContextVar[Callable[[str], str] | None] = ContextVar("smm_audit_scrub", default=None)


@contextmanager
def active(hooks: Any, scrub: Callable[[str], str] | None = None) -> Iterator[None]:
    """Make ``hooks`` (a PluginManager's ``hook`` relay) the ones checks consult, and ``scrub`` the way
    quoted text loses the snapshot's secrets."""
    tokens = _hooks.set(hooks), _scrub.set(scrub)
    try:
        yield
    finally:
        _hooks.reset(tokens[0])
        _scrub.reset(tokens[1])


@contextmanager
def scrubbing(scrub: Callable[[str], str]) -> Iterator[None]:
    """Make ``scrub`` the way quoted text loses secrets (validation quotes values before any audit runs)."""
    token = _scrub.set(scrub)
    try:
        yield
    finally:
        _scrub.reset(token)


def scrub(text: str) -> str:
    """``text`` without the secrets of the snapshot being audited (outside an audit: without URL credentials)."""
    current = _scrub.get()
    return current(text) if current is not None else PLAIN(text)


def scrub_head(text: str, length: int) -> str:
    """:func:`scrub` of at least the first ``length`` characters of ``text``: a quote's window, cut safely.

    Secrets and URLs that begin in the window are masked whole, so cutting the result (with
    :func:`smm_audit.redact.cut`) leaves no part of one behind.
    """
    current = _scrub.get()
    if current is None:
        current = PLAIN
    if isinstance(current, Redactor):
        return current.head(text, length)
    return current(text)


def classify_sentiment(text: str, lang: str | None = None) -> Sentiment:
    """The first plugin's answer, or the built-in lexicon classifier's, as a :class:`Sentiment`.

    ``lang`` may be any BCP 47 tag ("ru-RU"): plugins and the built-in classifier
    get its primary subtag, lower-case ("ru"). A plugin may answer with a
    ``Sentiment``, a mapping with ``label`` (and ``score``), or a bare label; an
    answer without a known label lets the next plugin, or the built-in, decide.
    """
    lang = lang.split("-", 1)[0].lower() if lang else None
    hooks = _hooks.get()
    if hooks is not None:
        for impl in reversed(hooks.classify_sentiment.get_hookimpls()):
            answer = _as_sentiment(impl.function(text=text, lang=lang), lang)
            if answer is not None:
                return answer
    return classify(text, lang)


def _as_sentiment(answer: Any, lang: str | None) -> Sentiment | None:
    if isinstance(answer, Sentiment):
        return answer if answer.label in LABELS else None
    label: Any
    score: Any
    if isinstance(answer, str):
        label, score = answer, None
    elif isinstance(answer, Mapping):
        label, score = answer.get("label"), answer.get("score")
    else:
        label, score = getattr(answer, "label", None), getattr(answer, "score", None)
    if label not in LABELS:
        return None
    if not isinstance(score, (int, float)) or isinstance(score, bool):
        score = {"negative": -1.0, "neutral": 0.0, "positive": 1.0}[label]
    return Sentiment(label, max(-1.0, min(1.0, float(score))), lang)
