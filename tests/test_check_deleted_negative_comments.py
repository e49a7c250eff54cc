"""deleted-negative-comments: who deleted what, legitimate moderation, replies, metrics, and the sentiment hook."""

from __future__ import annotations

import inspect
import sys
from collections import namedtuple
from datetime import datetime, timedelta
from pathlib import Path

import pluggy
import pytest

from smm_audit import engine, hookspecs, plugins
from smm_audit.api import Sentiment, Snapshot, hookimpl
from smm_audit.classifiers import sentiment as builtin_classifier
from smm_audit.engine import fingerprint
from smm_audit.errors import UsageError
from smm_audit.testing import TAKEN_AT, get_check, make_snapshot, run_check

CHECK_ID = "deleted-negative-comments"
NOW = datetime.fromisoformat(TAKEN_AT)
COMPLAINT = "Заказ не пришёл уже две недели, верните деньги"
PRAISE = "Great flat white, thank you!"
TEAM = [{"id": "tm-irina", "name": "Ирина Ковалёва", "status": "active"}]
Verdict = namedtuple("Verdict", "label score lang")


def at(hours_ago: float) -> str:
    return (NOW - timedelta(hours=hours_ago)).isoformat()


def comment(cid: str, text: str = PRAISE, post: str = "p1", written: float = 10, **fields) -> dict:
    """A visible user comment written ``written`` hours before taken_at."""
    return {"id": cid, "post_id": post, "author_id": f"u{cid}", "created_at": at(written), "text": text, **fields}


def deleted(cid: str, text: str = COMPLAINT, written: float = 10, removed: float = 9, **fields) -> dict:
    """A comment the account deleted ``removed`` hours before taken_at (no reason given)."""
    fields.setdefault("deleted_by", "account")
    return comment(cid, text, written=written, deleted=True, deleted_at=at(removed), **fields)


def own(cid: str, post: str = "p1", written: float | None = 5, **fields) -> dict:
    """A comment of the account itself."""
    data = {"id": cid, "post_id": post, "author_id": "-1", "from_account": True, "text": "Спасибо!", **fields}
    if written is not None:
        data["created_at"] = at(written)
    return data


def snapshot(*comments: dict, **fields) -> dict:
    account = {"id": "vk", "platform": "vk", "handle": "zerno", "posts": [{"id": "p1"}, {"id": "p2"}]}
    account["comments"] = list(comments)
    return make_snapshot(accounts=[account], team=TEAM, **fields)


def check(*comments: dict, **options):
    return run_check(CHECK_ID, snapshot(*comments), **options)


# --- status, severity, score -------------------------------------------------------------------------------------


def test_only_legitimate_deletions_pass():
    result = check(
        comment("1"),
        deleted("2", "Заработок от 5000 ₽ в день! Пиши в ЛС", deletion_reason="spam"),
        deleted("3", deleted_by="author"),
    )
    assert result.status == "pass"
    assert result.score == 1.0 and not result.findings
    assert result.metrics["deleted"] == 2 and result.metrics["deleted_negative"] == 0


def test_deleted_complaint_that_was_answered_fails_high():
    result = check(deleted("1", written=10, removed=2), own("r", written=5))
    assert result.status == "fail"
    (finding,) = result.findings
    assert finding.severity == "high"
    assert finding.location == "/accounts/0/comments/0"
    assert finding.key == ("comment", "vk", "1", "deleted-negative")
    assert result.score == pytest.approx(0.5)
    assert "vk @zerno" in finding.message and "post p1" in finding.message
    assert "the account's admins" in finding.message and "8 h later" in finding.message
    assert finding.evidence["answered"] is True
    assert finding.evidence["post"] == "/accounts/0/posts/0"
    assert finding.evidence["created_at"] == at(10) and finding.evidence["deleted_at"] == at(2)


def test_unanswered_complaint_is_critical():
    result = check(deleted("1"), comment("2"))
    (finding,) = result.findings
    assert finding.severity == "critical" and result.status == "fail"
    assert "without any reply from the account" in finding.message
    assert finding.evidence["answered"] is False
    assert result.score == pytest.approx(0.25)
    assert result.metrics["deleted_negative_unanswered"] == 1


def test_the_score_falls_steeply_from_the_first_deletion():
    answer, spam = own("r", written=9.5), deleted("s", deletion_reason="spam")
    scores = [check(answer, spam, *(deleted(str(i)) for i in range(n))).score for n in range(4)]
    assert scores == [1.0, 0.5, 0.25, 0.125]


def test_unknown_deleter_is_a_medium_warning():
    data = deleted("1")
    del data["deleted_by"]
    result = check(data)
    (finding,) = result.findings
    assert finding.severity == "medium" and result.status == "warn"
    assert "someone unknown" in finding.message
    assert 0.5 < result.score < 1


# --- what counts as a reply ----------------------------------------------------------------------------------------


def test_a_reply_to_the_comment_counts_whenever_it_came():
    late_reply = own("r", written=1, reply_to="1")  # after the deletion, but addressed to it
    assert check(deleted("1", removed=5), late_reply).findings[0].severity == "high"


def test_only_own_comments_on_the_same_post_between_writing_and_deletion_count():
    complaint = deleted("1", written=10, removed=5)
    assert check(complaint, own("r", written=7)).findings[0].severity == "high"
    for other in (own("r", written=12), own("r", written=3), own("r", post="p2", written=7)):
        assert check(complaint, other).findings[0].severity == "critical", other
    user_reply = comment("2", "Same here", written=7, reply_to="1")
    assert check(complaint, user_reply).findings[0].severity == "critical"


def test_own_comment_without_a_time_gets_the_benefit_of_the_doubt():
    assert check(deleted("1"), own("r", written=None)).findings[0].severity == "high"


def test_missing_deletion_time_accepts_any_later_own_comment():
    complaint = deleted("1", written=10)
    del complaint["deleted_at"]
    assert check(complaint, own("r", written=1)).findings[0].severity == "high"
    assert check(complaint, own("r", written=20)).findings[0].severity == "critical"


# --- who deleted and why -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["spam", "obscene", "abuse", "personal_data"])
def test_legitimate_reasons_are_excluded(reason):
    result = check(deleted("1", deletion_reason=reason))
    assert result.status == "pass"
    assert result.metrics["deleted_legitimate"] == 1


@pytest.mark.parametrize("reason", ["other", None])
def test_other_or_no_reason_is_judged_by_the_text(reason):
    fields = {"deletion_reason": reason} if reason else {}
    assert check(deleted("1", **fields)).status == "fail"
    assert check(deleted("1", PRAISE, **fields)).status == "pass"


def test_deletion_by_the_author_is_excluded_by_word_or_by_id():
    assert check(deleted("1", deleted_by="author")).status == "pass"
    result = check(deleted("1", deleted_by="u1"))  # the comment's own author_id
    assert result.status == "pass" and result.metrics["deleted_by_author"] == 1
    assert check(deleted("1", deleted_by="u2")).status == "fail"  # someone else's id


def test_team_member_is_named_and_unknown_ids_are_shown():
    (finding,) = check(deleted("1", deleted_by="tm-irina")).findings
    assert "Ирина Ковалёва (tm-irina)" in finding.message
    assert finding.evidence["deleted_by"] == "tm-irina" and finding.evidence["deleted_by_name"] == "Ирина Ковалёва"
    (finding,) = check(deleted("1", deleted_by="tm-ghost")).findings
    assert "team member tm-ghost" in finding.message and "deleted_by_name" not in finding.evidence


def test_the_accounts_own_deleted_comments_are_not_findings():
    removed = own("r", text="Ужасно, всё сломалось", deleted=True, deleted_by="account")
    result = check(removed, deleted("1", deletion_reason="spam"))
    assert result.status == "pass" and result.metrics["deleted_own"] == 1


def test_deleted_false_wins_and_deleted_at_alone_means_deleted():
    visible = comment("1", COMPLAINT, deleted=False, deleted_at=at(1))
    assert check(visible).status == "pass"
    implied = comment("1", COMPLAINT, deleted_at=at(1), deleted_by="account")
    assert check(implied).status == "fail"


# --- sentiment: the exporter's label first, then the classifier ------------------------------------------------


def test_the_exporters_sentiment_wins_over_the_text():
    assert check(deleted("1", COMPLAINT, sentiment="positive")).status == "pass"
    (finding,) = check(deleted("1", PRAISE, sentiment="negative")).findings
    assert finding.evidence["sentiment_source"] == "exporter"


@pytest.mark.parametrize(
    "text",
    [
        COMPLAINT,
        "Вообще не работает, деньги не вернули",
        "Ordered two bags, still nothing and nobody answers my emails",
        "El pedido nunca llegó y nadie responde, una estafa",
    ],
)
def test_the_classifier_judges_unlabelled_negative_text(text):
    (finding,) = check(deleted("1", text)).findings
    assert finding.evidence["sentiment_source"] == "classifier"
    assert finding.evidence["sentiment_score"] < 0


@pytest.mark.parametrize("text", [PRAISE, "Очень вкусно, спасибо!", "Не плохо, возьму ещё", "¡Me encanta!"])
def test_the_classifier_spares_other_text(text):
    assert check(deleted("1", text)).status == "pass"


def test_a_deleted_comment_without_text_or_sentiment_is_counted_as_unjudged():
    removed = deleted("1")
    del removed["text"]
    result = check(removed)
    assert result.status == "pass" and result.metrics["deleted_unjudged"] == 1


# --- excerpt -------------------------------------------------------------------------------------------------------


def test_the_text_is_shortened_and_personal_data_masked():
    long_text = "Ужасный сервис, заказ потеряли. " * 8 + "Звоните +7 903 111-22-33 или anna@example.ru"
    (finding,) = check(deleted("1", long_text)).findings
    excerpt = finding.evidence["excerpt"]
    assert excerpt.endswith("…") and len(excerpt) <= 80 and excerpt in finding.message
    assert long_text not in finding.message
    (finding,) = check(deleted("1", "Ужас! Звоните +7 903 111-22-33 или anna@example.ru\n\nникто не отвечает")).findings
    assert "111-22" not in finding.message and "anna@" not in finding.message
    assert "[phone]" in finding.evidence["excerpt"] and "[email]" in finding.evidence["excerpt"]
    (finding,) = check(deleted("1", long_text), excerpt_chars=30).findings
    assert len(finding.evidence["excerpt"]) <= 30


# --- metrics -------------------------------------------------------------------------------------------------------


def test_metrics_count_comments_deletions_and_negatives():
    result = check(
        comment("1", "Ужасный сервис, больше никогда"),
        comment("2", PRAISE, sentiment="negative"),
        comment("3", PRAISE),
        deleted("4"),
        deleted("5", deletion_reason="spam"),
        own("r", written=20),
    )
    m = result.metrics
    # negative: "1" (classified), "2" (labelled), "4" and "5" (classified); only "4" is a problem deletion
    assert (m["comments"], m["deleted"], m["negative"], m["deleted_negative"]) == (6, 2, 4, 1)
    assert m["deleted_legitimate"] == 1 and m["classified"] == 4  # all unlabelled user comments
    assert m["negative_deleted_share"] == pytest.approx(0.25)
    assert m["negative_basis"] == "all"
    assert m["accounts"][0]["account"] == "vk" and m["accounts"][0]["deleted_negative"] == 1


def test_above_the_limit_only_deleted_comments_are_classified():
    comments = [comment("1", "Ужасно, никто не отвечает"), comment("2", PRAISE, sentiment="negative"), deleted("4")]
    m = check(*comments, classify_all_max=0).metrics
    assert m["negative_basis"] == "labelled+deleted"
    assert m["classified"] == 1  # the deleted complaint only
    assert m["negative"] == 2 and m["negative_deleted_share"] == pytest.approx(0.5)
    assert check(*comments).metrics["classified"] == 2  # "1" as well; "2" is labelled


# --- not applicable ------------------------------------------------------------------------------------------------


def test_without_comments_it_is_not_applicable():
    result = run_check(CHECK_ID, make_snapshot(accounts=[{"id": "vk", "platform": "vk"}]))
    assert result.status == "not_applicable" and result.missing == ("accounts[].comments",)
    assert run_check(CHECK_ID, make_snapshot()).status == "not_applicable"


def test_comments_without_any_deletion_field_are_not_applicable():
    result = check(comment("1", COMPLAINT), comment("2"))
    assert result.status == "not_applicable"
    assert result.missing == ("accounts[].comments[].deleted",)
    assert "does not report deleted comments" in result.message


@pytest.mark.parametrize(
    "field, value", [("deleted", False), ("deleted", True), ("deleted_at", at(3)), ("deleted_by", "author")]
)
def test_any_one_deletion_field_makes_the_check_applicable(field, value):
    """The exporter reports deletions when any comment holds any of the three fields, even one alone."""
    result = check(comment("1", COMPLAINT), comment("2", **{field: value}))
    assert result.status != "not_applicable", result.message


def test_an_empty_comment_list_is_known_and_passes():
    result = check()
    assert result.status == "pass" and result.metrics["comments"] == 0


def test_deletions_reported_by_one_account_make_the_others_count_as_none():
    data = snapshot(deleted("1", deletion_reason="spam"))
    data["accounts"].append(
        {"id": "tg", "platform": "telegram", "posts": [{"id": "p1"}], "comments": [comment("9", COMPLAINT)]}
    )
    result = run_check(CHECK_ID, data)
    assert result.status == "pass"
    assert [a["deletions_reported"] for a in result.metrics["accounts"]] == [True, False]


# --- stability -----------------------------------------------------------------------------------------------------


def test_fingerprints_survive_reordering_and_locations_follow():
    a, b, c = deleted("1"), comment("2"), deleted("3", deleted_by="tm-irina")
    first = check(a, b, c)
    second = check(c, b, a)
    assert {fingerprint(CHECK_ID, f.key) for f in first.findings} == {
        fingerprint(CHECK_ID, f.key) for f in second.findings
    }
    assert {f.evidence["comment_id"]: f.location for f in second.findings} == {
        "3": "/accounts/0/comments/0",
        "1": "/accounts/0/comments/2",
    }


# --- the classify_sentiment hook -----------------------------------------------------------------------------------


class CallsEverythingNegative:
    """A test plugin with a (very) pessimistic model; it records what it was asked."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str | None]] = []

    @hookimpl
    def classify_sentiment(self, text, lang):
        self.calls.append((text, lang))
        return Verdict("negative", -1.0, lang)


class AbstainsAlways:
    @hookimpl
    def classify_sentiment(self, text, lang):
        return None


def run_with(data: dict, *plugins_: object, **options):
    manager = pluggy.PluginManager("smm_audit")
    manager.add_hookspecs(hookspecs)
    manager.register(builtin_classifier)  # as in a run: the built-in classifier is a plugin, asked last
    for plugin in plugins_:
        manager.register(plugin)
    (outcome,) = engine.run(Snapshot(data), [get_check(CHECK_ID)], {CHECK_ID: options}, hooks=manager.hook)
    return outcome.result


def test_a_plugins_classifier_overrides_the_built_in_one():
    data = snapshot(deleted("1", PRAISE, lang="en-GB"), comment("2", PRAISE, sentiment="positive"))
    assert run_check(CHECK_ID, data).status == "pass"
    pessimist = CallsEverythingNegative()
    result = run_with(data, pessimist)
    assert result.status == "fail"
    (finding,) = result.findings
    assert finding.evidence["sentiment_source"] == "classifier" and finding.evidence["sentiment_score"] == -1.0
    assert pessimist.calls == [(PRAISE, "en")]  # labelled comments are never classified; the tag's language only


def test_a_plugin_that_abstains_leaves_it_to_the_built_in_classifier():
    data = snapshot(deleted("1", COMPLAINT), deleted("2", PRAISE))
    result = run_with(data, AbstainsAlways())
    assert [f.evidence["comment_id"] for f in result.findings] == ["1"]


def test_only_the_comments_that_need_it_reach_the_classifier():
    pessimist = CallsEverythingNegative()
    data = snapshot(
        comment("1"),
        comment("2", sentiment="neutral"),
        deleted("3", PRAISE),
        deleted("4", deletion_reason="spam"),
        deleted("5", deleted_by="author"),
        own("r"),
    )
    run_with(data, pessimist, classify_all_max=0)
    assert [text for text, _ in pessimist.calls] == [PRAISE]
    pessimist.calls.clear()
    run_with(data, pessimist)
    # every unlabelled user comment ("1", "3", "4", "5"; never "2" or "r"), each distinct text once
    assert sorted(pessimist.calls) == sorted([(COMPLAINT, None), (PRAISE, None)])


def test_one_audit_classifies_each_distinct_text_once_for_both_checks():
    pessimist = CallsEverythingNegative()
    manager = pluggy.PluginManager("smm_audit")
    manager.add_hookspecs(hookspecs)
    manager.register(builtin_classifier)
    manager.register(pessimist)
    data = snapshot(
        comment("1", written=100),
        comment("2", written=90),
        deleted("3", written=80),
        deleted("4", written=70),
        own("r"),
    )
    checks = [get_check(CHECK_ID), get_check("response-time")]
    dnc, rt = engine.run(Snapshot(data), checks, hooks=manager.hook)
    assert sorted(pessimist.calls) == sorted([(COMPLAINT, None), (PRAISE, None)])  # asked by the first check only
    assert dnc.result.metrics["classified"] == 4  # each check still counts the comments it judged
    assert rt.result.metrics["classified"] == 1  # and response-time its distinct texts, as before
    pessimist.calls.clear()
    engine.run(Snapshot(data), checks, hooks=manager.hook)
    assert len(pessimist.calls) == 2  # one memo per run: the next audit asks again


PLUGIN_SOURCE = """
from collections import namedtuple
from smm_audit.api import hookimpl

Verdict = namedtuple("Verdict", "label score lang")


@hookimpl
def classify_sentiment(text, lang):
    return Verdict("negative", -0.99, lang)
"""


def test_a_plugin_module_loaded_with_p_overrides_the_built_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    name = "dnc_pessimist_plugin"
    (tmp_path / f"{name}.py").write_text(PLUGIN_SOURCE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.chdir(tmp_path)
    try:
        registry = plugins.load([name], entry_points=False, env={})
        data = snapshot(deleted("1", PRAISE))
        (outcome,) = engine.run(Snapshot(data), [registry.check(CHECK_ID)], hooks=registry.manager.hook)
    finally:
        sys.modules.pop(name, None)
    assert outcome.result.status == "fail"
    assert outcome.result.findings[0].evidence["sentiment_score"] == -0.99


def test_the_check_asks_for_sentiment_only_through_the_api():
    module = sys.modules[get_check(CHECK_ID).run.__module__]
    source = inspect.getsource(module)
    assert "smm_audit.sentiment" not in source and "from smm_audit.api import" in source


def test_the_docs_example_gives_what_the_docs_say():
    example = {
        "id": "90990",
        "post_id": "p1257",
        "author_id": "86703137",
        "created_at": "2026-10-11T21:04:10+03:00",
        "text": COMPLAINT,
        "deleted": True,
        "deleted_at": "2026-10-11T21:42:10+03:00",
        "deleted_by": "tm-irina",
    }
    account = {"id": "vk", "platform": "vk", "posts": [{"id": "p1257"}], "comments": [example]}
    result = run_check(CHECK_ID, make_snapshot(accounts=[account], team=TEAM))
    (finding,) = result.findings
    assert (result.status, finding.severity, finding.location) == ("fail", "critical", "/accounts/0/comments/0")
    assert result.score == pytest.approx(0.25) and "38 min later" in finding.message
    assert "Ирина Ковалёва" in finding.message


# --- calibrated output: confident complaints, possible ones, and who judged -------------------------------------


class Probabilities:
    """A stand-in classifier: P(negative) by text (``None``: no probability, label only), the label by argmax."""

    def __init__(self, table: dict[str, float | None], label: str = "negative") -> None:
        self.table = table
        self.label = label

    @hookimpl
    def classify_sentiment(self, text, lang):
        if text not in self.table:
            return None
        p = self.table[text]
        label = self.label if p is None else ("negative" if p >= 0.5 else "neutral")
        return Sentiment(label, -0.5, lang, p)


def judged(*comments: dict, table: dict[str, float | None], **options):
    return run_with(snapshot(*comments), Probabilities(table), **options)


def test_a_confident_complaint_stays_critical_or_high_with_its_probability():
    result = judged(deleted("1", "sure"), deleted("2", "sure"), own("r", reply_to="2"), table={"sure": 0.93})
    by_id = {f.evidence["comment_id"]: f for f in result.findings}
    assert (by_id["1"].severity, by_id["2"].severity) == ("critical", "high")
    assert by_id["1"].evidence["complaint"] == "confident" and by_id["1"].evidence["negative_probability"] == 0.93
    assert "a negative comment on post p1" in by_id["1"].message
    assert result.status == "fail"


def test_an_uncertain_complaint_is_possibly_one_at_a_lower_severity_with_its_probability():
    result = judged(deleted("1", "unsure"), table={"unsure": 0.634})
    (finding,) = result.findings
    assert finding.severity == "medium" and result.status == "warn"
    assert "possibly a complaint (P(negative) 0.63)" in finding.message
    assert finding.evidence["complaint"] == "possible" and finding.evidence["negative_probability"] == 0.634
    assert result.score == pytest.approx(0.5**0.5)
    m = result.metrics
    assert (m["deleted_negative"], m["deleted_possibly_negative"], m["deleted_negative_unanswered"]) == (0, 1, 0)


def test_a_possible_complaint_answered_or_of_unknown_deleter_is_low():
    unknown = deleted("2", "unsure", post="p2")
    del unknown["deleted_by"]
    result = judged(deleted("1", "unsure"), own("r", reply_to="1"), unknown, table={"unsure": 0.6})
    assert [f.severity for f in result.findings] == ["low", "low"]
    assert result.status == "warn" and result.score == pytest.approx(0.5**0.5)


def test_below_possible_it_is_not_a_complaint():
    result = judged(deleted("1", "calm"), table={"calm": 0.49})
    assert result.status == "pass" and not result.findings
    assert result.metrics["deleted_classifier_unlikely"] == 1


def test_the_probability_decides_over_the_label():
    table = {"argmax says negative": 0.3}
    result = run_with(snapshot(deleted("1", "argmax says negative")), Probabilities(table, label="negative"))
    assert result.status == "pass"  # P(negative) 0.3 < possible, whatever the label


def test_the_thresholds_are_options():
    comments = (deleted("1", "unsure"),)
    assert judged(*comments, table={"unsure": 0.63}, confident=0.6).findings[0].severity == "critical"
    assert judged(*comments, table={"unsure": 0.63}, possible=0.7).findings == []
    assert judged(*comments, table={"unsure": 0.3}, possible=0.25).findings[0].evidence["complaint"] == "possible"
    # possible at or above confident: no "possibly" band, confident decides alone
    assert judged(*comments, table={"unsure": 0.75}, possible=0.9, confident=0.7).findings[0].severity == "critical"
    assert judged(*comments, table={"unsure": 0.65}, possible=0.9, confident=0.7).findings == []


@pytest.mark.parametrize(
    ("name", "value"), [("confident", 0.4), ("confident", 1.5), ("possible", 0.0), ("possible", 2)]
)
def test_thresholds_out_of_range_are_usage_errors(name, value):
    with pytest.raises(UsageError, match=rf"option {CHECK_ID}\.{name} must be"):
        check(deleted("1"), **{name: value})


def test_without_a_probability_the_label_is_taken_as_certain():
    result = judged(deleted("1", "labelled"), deleted("2", PRAISE), table={"labelled": None})
    (finding,) = result.findings
    assert finding.severity == "critical" and finding.evidence["complaint"] == "confident"
    assert "negative_probability" not in finding.evidence
    m = result.metrics
    assert m["deleted_classifier_label_only"] == 1  # "labelled" by the stand-in; the built-in gives P(negative)
    assert (m["deleted_classifier_confident"], m["deleted_classifier_unlikely"]) == (1, 1)


def test_metrics_say_who_judged_the_deleted_comments_and_how_sure():
    table = {"sure": 0.9, "unsure": 0.6, "calm": 0.1, "plain": None}
    result = judged(
        deleted("1", "sure"),
        deleted("2", "unsure"),
        deleted("3", "unsure"),
        deleted("4", "calm"),
        deleted("5", "plain"),
        deleted("6", PRAISE, sentiment="negative"),
        deleted("7", COMPLAINT, sentiment="positive"),
        deleted("8", "sure", deletion_reason="spam"),  # not at issue: never counted as judged
        comment("9", "sure"),  # not deleted: counts in "negative" only
        table=table,
    )
    m = result.metrics
    assert (m["deleted_judged_by_exporter"], m["deleted_judged_by_classifier"]) == (2, 5)
    bands = ("confident", "possible", "unlikely", "label_only")
    assert [m[f"deleted_classifier_{band}"] for band in bands] == [2, 2, 1, 1]  # "plain" is label-only and confident
    assert (m["deleted_negative"], m["deleted_possibly_negative"]) == (3, 2)  # 1, 5, 6; 2, 3
    assert m["negative"] == 5  # confident ones: 1, 5, 6, 8 and 9 (8 is legitimately deleted)
    assert m["accounts"][0]["deleted_classifier_possible"] == 2
    assert [f.severity for f in result.findings].count("medium") == 2
