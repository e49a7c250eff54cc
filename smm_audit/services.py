"""What a running check may ask of the plugins (today: sentiment), without a handle on the engine.

The engine sets the hooks of the current audit for the duration of a run; a
check calls :func:`classify_sentiment` from :mod:`smm_audit.api`. Outside a run
(in a unit test of a helper, say) the built-in classifier answers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from .errors import PluginRunError
from .redact import PLAIN, Redactor, shorten
from .sentiment import LABELS, Sentiment, primary_language

_hooks: ContextVar[Any] = ContextVar("smm_audit_hooks", default=None)
_scrub: ContextVar[Callable[[str], str] | None] = ContextVar("smm_audit_scrub", default=None)
_judged: ContextVar[dict[tuple[str, Any], Sentiment] | None] = ContextVar("smm_audit_judged", default=None)
"""The classifier's answers in this run by (text, lang): each distinct comment text is classified once."""


@contextmanager
def active(hooks: Any, scrub: Callable[[str], str] | None = None) -> Iterator[None]:
    """Make ``hooks`` (a PluginManager's ``hook`` relay) the ones checks consult, and ``scrub`` the way
    quoted text loses the snapshot's secrets."""
    tokens = _hooks.set(hooks), _scrub.set(scrub), _judged.set({})
    try:
        yield
    finally:
        _hooks.reset(tokens[0])
        _scrub.reset(tokens[1])
        _judged.reset(tokens[2])


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
    """The answer of the ``classify_sentiment`` hook, as a :class:`Sentiment`.

    ``lang`` may be any BCP 47 tag ("ru-RU", also "ru_RU"): plugins get its primary subtag,
    lower-case ("ru"; :func:`~smm_audit.sentiment.primary_language`). The hook is ``firstresult``: plugins are asked in
    pluggy's order and the built-in classifier (a ``trylast`` plugin) answers
    when all others return None. A plugin may answer with a ``Sentiment``, a
    mapping with ``label`` (and ``score``, ``negative_probability``), an object
    with those attributes, or a bare label. Any other answer is the plugin's
    error (:class:`~smm_audit.errors.PluginRunError`), and so is no answer at
    all (the built-in classifier blocked and every other plugin abstaining).
    Outside a run (no hooks active) the built-in classifier answers.
    """
    lang = primary_language(lang)
    hooks = _hooks.get()
    if hooks is None:
        from .classifiers import sentiment as builtin  # a plugin module: it imports the API, which imports us

        return builtin.classify_sentiment(text, lang)
    answer = hooks.classify_sentiment(text=text, lang=lang)
    if answer is None:
        raise PluginRunError(
            "no plugin answered classify_sentiment: every one returned None "
            "and the built-in classifier (smm_audit.classifiers.sentiment) is not loaded"
        )
    sentiment = _as_sentiment(answer, lang)
    if isinstance(sentiment, str):
        raise PluginRunError(f"{_answering(hooks, text, lang)} answered classify_sentiment with {sentiment}")
    return sentiment


EXPORTER = "exporter"
CLASSIFIER = "classifier"
_SCORES = {"negative": -1.0, "neutral": 0.0, "positive": 1.0}
_LABELLED = {label: Sentiment(label, _SCORES[label], None) for label in LABELS}


def comment_sentiment(comment: Mapping[str, Any], classify: bool = True) -> tuple[str, Sentiment] | None:
    """A comment's sentiment as the checks take it: the exporter's label, else the classifier's answer.

    ``("exporter", Sentiment)`` when the comment carries a known ``sentiment`` label (its score -1, 0 or 1;
    no probability: the label is taken as certain); else, when ``classify`` and the comment has text,
    ``("classifier", the answer of classify_sentiment(text, lang))``; else None. Within an audit each
    distinct text and ``lang`` is classified once, whichever check asks first.
    """
    label = comment.get("sentiment")
    if label is not None and label in _LABELLED:
        return EXPORTER, _LABELLED[label]
    if not classify:
        return None
    text = comment.get("text")
    if not text or not text.strip():
        return None
    lang = comment.get("lang")
    judged = _judged.get()
    if judged is None:
        return CLASSIFIER, classify_sentiment(text, lang)
    key = (text, lang)
    answer = judged.get(key)
    if answer is None:
        answer = judged[key] = classify_sentiment(text, lang)
    return CLASSIFIER, answer


def complaint(judged: tuple[str, Sentiment] | None, confident: float, possible: float) -> str | None:
    """Whether a comment judged by :func:`comment_sentiment` is a complaint: "confident", "possible" or None.

    The exporter's negative label is certain. A classifier's answer is read by its ``negative_probability``:
    from ``confident`` a complaint, from ``possible`` (up to ``confident``) possibly one, below it none; an
    answer without a probability is taken at its label (negative: certain).
    """
    if judged is None:
        return None
    source, answer = judged
    probability = answer.negative_probability
    if source == EXPORTER or probability is None:
        return "confident" if answer.label == "negative" else None
    if probability >= confident:
        return "confident"
    return "possible" if probability >= possible else None


def _as_sentiment(answer: Any, lang: str | None) -> Sentiment | str:
    """The answer as a Sentiment, or what is wrong with it (its label and probability, never its text)."""
    if type(answer) is Sentiment and _fine(answer):  # the common case, the built-in's answer: as it is
        return answer
    label: Any
    score: Any
    probability: Any
    if isinstance(answer, str):
        label, score, probability = answer, None, None
    elif isinstance(answer, Mapping):
        label, score, probability = answer.get("label"), answer.get("score"), answer.get("negative_probability")
    else:
        label = getattr(answer, "label", None)
        score = getattr(answer, "score", None)
        probability = getattr(answer, "negative_probability", None)
    name = type(answer).__name__
    kind = f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"
    if label is None:
        return f"{kind} without a label (one of {', '.join(LABELS)})"
    if label not in LABELS:
        return f"{kind} whose label is {_shown(label)}, not one of {', '.join(LABELS)}"
    if probability is not None and not (_is_number(probability) and 0.0 <= probability <= 1.0):
        return f"{kind} whose negative_probability is {_shown(probability)}, not a number in [0, 1] or None"
    if not _is_number(score) or math.isnan(score):
        score = {"negative": -1.0, "neutral": 0.0, "positive": 1.0}[label]
    elif isinstance(answer, Sentiment) and -1.0 <= score <= 1.0:
        return answer
    return Sentiment(
        label,
        max(-1.0, min(1.0, float(score))),
        answer.lang if isinstance(answer, Sentiment) else lang,
        None if probability is None else float(probability),
    )


def _fine(answer: Sentiment) -> bool:
    """Whether a Sentiment needs no normalising: a known label, a score in [-1, 1], a probability or None."""
    p = answer.negative_probability
    return (
        answer.label in LABELS
        and type(answer.score) is float
        and -1.0 <= answer.score <= 1.0
        and (p is None or (type(p) is float and 0.0 <= p <= 1.0))
    )


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _shown(value: Any) -> str:
    """A value of a plugin's answer, quoted short and without the snapshot's secrets (it may echo the text)."""
    return shorten(scrub_head(repr(value), 40), 40)


def _answering(hooks: Any, text: str, lang: str | None) -> str:
    """Which plugin gave the first answer, asked again one by one (only when that answer was wrong)."""
    for impl in reversed(hooks.classify_sentiment.get_hookimpls()):  # pluggy calls the last registered first
        if impl.hookwrapper or impl.wrapper:
            continue
        try:
            if impl.function(text=text, lang=lang) is not None:
                return f"plugin {impl.plugin_name!r}"
        except Exception:
            break
    return "a plugin"
