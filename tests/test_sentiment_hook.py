"""The classify_sentiment hook: the built-in classifier is a plugin asked last, answers are normalised or refused."""

from __future__ import annotations

import json
from collections import namedtuple
from typing import Any

import pluggy
import pytest

from smm_audit import hookspecs, plugins, sentiment, services
from smm_audit.api import Sentiment, hookimpl
from smm_audit.classifiers import sentiment as builtin_classifier
from smm_audit.errors import PluginRunError

BUILTIN = "smm_audit.classifiers.sentiment"
COMPLAINT = "Заказ не пришёл уже две недели, верните деньги"
Answer = namedtuple("Answer", "label score negative_probability")


class Fixed:
    """A test classifier that gives one answer to every text, and counts its calls."""

    def __init__(self, answer: Any) -> None:
        self.answer = answer
        self.calls = 0

    @hookimpl
    def classify_sentiment(self, text, lang):
        self.calls += 1
        return self.answer


def manager(*plugins_: object, builtin: bool = True) -> pluggy.PluginManager:
    """A PluginManager as a run builds it: the built-in classifier registered first, then ``plugins_``."""
    pm = pluggy.PluginManager("smm_audit")
    pm.add_hookspecs(hookspecs)
    if builtin:
        pm.register(builtin_classifier, name=BUILTIN)
    for plugin in plugins_:
        pm.register(plugin)
    return pm


def ask(pm: pluggy.PluginManager, text: str = COMPLAINT, lang: str | None = "ru") -> Sentiment:
    with services.active(pm.hook):
        return services.classify_sentiment(text, lang)


# --- the built-in classifier is a plugin ---------------------------------------------------------------------------


def test_the_built_in_classifier_is_a_built_in_plugin_marked_trylast():
    registry = plugins.load(entry_points=False, env={})
    (info,) = [p for p in registry.plugins if p.name == BUILTIN]
    assert info.source == "built-in" and info.hooks == ["classify_sentiment"]
    (impl,) = [i for i in registry.manager.hook.classify_sentiment.get_hookimpls() if i.plugin_name == BUILTIN]
    assert impl.trylast
    assert registry.manager.hook.classify_sentiment(text=COMPLAINT, lang="ru") == sentiment.classify(COMPLAINT, "ru")


def test_smm_audit_plugins_lists_it_with_its_hook(cli):
    assert f"{BUILTIN} (built-in): hook classify_sentiment" in cli("plugins").stdout
    rows = {row["name"]: row for row in json.loads(cli("plugins", "-f", "json").stdout)}
    assert rows[BUILTIN]["hooks"] == ["classify_sentiment"] and rows[BUILTIN]["checks"] == []


def test_a_plugin_registered_before_the_built_in_is_still_asked_first():
    pm = pluggy.PluginManager("smm_audit")
    pm.add_hookspecs(hookspecs)
    early = Fixed("positive")
    pm.register(early)  # registered first: without trylast, the built-in (registered later) would be asked first
    pm.register(builtin_classifier, name=BUILTIN)
    assert ask(pm).label == "positive" and early.calls == 1


def test_a_plugin_that_abstains_lets_the_next_one_decide():
    abstains, decides = Fixed(None), Fixed("neutral")
    pm = manager(decides, abstains)  # abstains is registered last: asked first
    assert ask(pm).label == "neutral"
    assert (abstains.calls, decides.calls) == (1, 1)
    assert ask(manager(Fixed(None))) == sentiment.classify(COMPLAINT, "ru")


def test_the_first_answer_wins_and_the_rest_are_not_asked():
    first, second = Fixed("positive"), Fixed("neutral")
    assert ask(manager(second, first)).label == "positive"
    assert (first.calls, second.calls) == (1, 0)


def test_the_hook_is_called_through_pluggy_so_a_wrapper_sees_the_answer():
    class Wrapper:
        def __init__(self) -> None:
            self.seen: list[str] = []

        @hookimpl(wrapper=True)
        def classify_sentiment(self, text, lang):
            answer = yield
            self.seen.append(answer.label)
            return answer

    wrapper = Wrapper()
    assert ask(manager(wrapper)).label == "negative"
    assert wrapper.seen == ["negative"]


@pytest.mark.parametrize(("tag", "told"), [("ru-RU", "ru"), ("ru_RU", "ru"), (" RU ", "ru"), ("", None), (None, None)])
def test_plugins_are_told_the_primary_subtag_as_the_built_in_classifier_reads_it(tag, told):
    told_to_plugins: list[str | None] = []

    class Listens:
        @hookimpl
        def classify_sentiment(self, text, lang):
            told_to_plugins.append(lang)

    ask(manager(Listens()), lang=tag)
    assert told_to_plugins == [told] and sentiment.primary_language(tag) == told


def test_outside_a_run_the_built_in_classifier_answers():
    assert services.classify_sentiment(COMPLAINT, "ru-RU") == sentiment.classify(COMPLAINT, "ru")


def test_with_the_built_in_blocked_and_no_answer_it_is_a_plugin_error():
    with pytest.raises(PluginRunError, match=r"no plugin answered classify_sentiment.*is not loaded"):
        ask(manager(Fixed(None), builtin=False))
    registry = plugins.load([f"no:{BUILTIN}"], entry_points=False, env={})
    assert registry.manager.hook.classify_sentiment(text=COMPLAINT, lang="ru") is None


# --- answers: normalised, or refused ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("negative", Sentiment("negative", -1.0, "ru")),
        ({"label": "neutral"}, Sentiment("neutral", 0.0, "ru")),
        ({"label": "negative", "score": -0.4, "negative_probability": 0.7}, Sentiment("negative", -0.4, "ru", 0.7)),
        (Answer("positive", 3.0, 0), Sentiment("positive", 1.0, "ru", 0.0)),
        (Answer("negative", float("nan"), 1), Sentiment("negative", -1.0, "ru", 1.0)),
        (Sentiment("negative", -0.2, "xx", 0.55), Sentiment("negative", -0.2, "xx", 0.55)),
    ],
)
def test_answers_are_normalised_to_a_sentiment(answer, expected):
    assert ask(manager(Fixed(answer))) == expected


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        ("angry", "a str whose label is 'angry', not one of negative, neutral, positive"),
        ({"label": "NEGATIVE"}, "a dict whose label is 'NEGATIVE'"),
        ({"score": -1}, "a dict without a label"),
        (42, "an int without a label"),
        (Answer("negative", -1.0, 1.5), "an Answer whose negative_probability is 1.5, not a number in [0, 1]"),
        (Answer("negative", -1.0, "high"), "whose negative_probability is 'high'"),
        (Answer("negative", -1.0, True), "whose negative_probability is True"),
        (Answer("negative", -1.0, float("nan")), "whose negative_probability is nan"),
    ],
)
def test_an_invalid_answer_is_the_plugins_error_naming_it(answer, problem):
    bad, after = Fixed(answer), Fixed("neutral")
    pm = manager(after)
    pm.register(bad, name="house_model")
    with pytest.raises(PluginRunError) as error:
        ask(pm)
    assert str(error.value).startswith("plugin 'house_model' answered classify_sentiment with ")
    assert problem in str(error.value)
    assert after.calls == 0  # a wrong answer is not passed on: it is the plugin's bug to fix


def test_the_error_never_quotes_the_comment_text():
    echo = Fixed({"label": COMPLAINT})
    with pytest.raises(PluginRunError) as error:
        ask(manager(echo))
    assert COMPLAINT not in str(error.value) and len(str(error.value)) < 200


INVALID_PLUGIN = """
from smm_audit.api import hookimpl


@hookimpl
def classify_sentiment(text, lang):
    return {"label": "angry"}
"""


def test_an_invalid_answer_in_a_run_makes_the_check_an_error_and_exits_3(cli, plugin_dir, write_snapshot):
    module = plugin_dir("angry_classifier", INVALID_PLUGIN)
    comment = {"id": "c1", "post_id": "p1", "author_id": "u1", "text": "ok", "deleted": True}
    snapshot = write_snapshot(accounts=[{"id": "vk", "platform": "vk", "posts": [{"id": "p1"}], "comments": [comment]}])
    result = cli("run", str(snapshot), "-p", module, "-f", "json", "--select", "deleted-negative-comments")
    assert result.exit_code == 3
    (check,) = json.loads(result.stdout)["checks"]
    assert check["status"] == "error"
    assert check["message"] == (
        "PluginRunError: plugin 'angry_classifier' answered classify_sentiment with a dict "
        "whose label is 'angry', not one of negative, neutral, positive"
    )


@pytest.mark.parametrize(
    "judged, band",
    [
        (None, None),
        (("exporter", Sentiment("negative", -1.0, None)), "confident"),
        (("exporter", Sentiment("neutral", 0.0, None)), None),
        (("classifier", Sentiment("negative", -0.6, "ru", 0.7)), "confident"),
        (("classifier", Sentiment("neutral", -0.1, "ru", 0.69)), "possible"),
        (("classifier", Sentiment("positive", 0.1, "ru", 0.5)), "possible"),
        (("classifier", Sentiment("negative", -0.3, "ru", 0.49)), None),
        (("classifier", Sentiment("negative", -0.3, "ru")), "confident"),  # no probability: taken at its label
        (("classifier", Sentiment("neutral", 0.0, "ru")), None),
    ],
)
def test_a_complaint_is_told_once_for_every_check(judged, band):
    """api.complaint: the rule deleted-negative-comments and response-time share (thresholds 0.7 and 0.5 here)."""
    from smm_audit.api import complaint

    assert complaint(judged, 0.7, 0.5) == band


def test_a_possible_band_above_confident_is_empty():
    from smm_audit.api import complaint

    assert complaint(("classifier", Sentiment("negative", -0.5, "en", 0.75)), 0.7, 0.9) == "confident"
    assert complaint(("classifier", Sentiment("negative", -0.5, "en", 0.69)), 0.7, 0.9) is None
