"""The built-in sentiment classifier as a plugin of the ``classify_sentiment`` hook.

It is registered like any installed plugin, marked ``trylast``: every other
plugin is asked first, and this one answers when all of them return None.
Block it with ``-p no:smm_audit.classifiers.sentiment`` to let only your own
classifier answer.
"""

from __future__ import annotations

from smm_audit.api import Sentiment, hookimpl
from smm_audit.sentiment import classify

SMM_AUDIT_API = ("1",)


@hookimpl(trylast=True)
def classify_sentiment(text: str, lang: str | None) -> Sentiment:
    """The built-in classifier's answer (smm_audit.sentiment): it always answers."""
    return classify(text, lang)
