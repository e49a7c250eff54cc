"""What a running check may ask of the plugins (today: sentiment), without a handle on the engine.

The engine sets the hooks of the current audit for the duration of a run; a
check calls :func:`classify_sentiment` from :mod:`smm_audit.api`. Outside a run
(in a unit test of a helper, say) the built-in classifier answers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

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


def scrub(text: str) -> str:
    """``text`` without the secrets of the snapshot being audited (unchanged outside an audit)."""
    current = _scrub.get()
    return current(text) if current is not None else text


def classify_sentiment(text: str, lang: str | None = None) -> Any:
    """The first plugin's answer, or the built-in lexicon classifier's."""
    hooks = _hooks.get()
    if hooks is not None:
        answer = hooks.classify_sentiment(text=text, lang=lang)
        if answer is not None:
            return answer
    from .sentiment import classify

    return classify(text, lang)
