"""response-time: what is an answer, what is judged, priority comments, percentiles, weekends, sentiment, metrics."""

from __future__ import annotations

import json
from collections import namedtuple
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pluggy
import pytest

from smm_audit import engine, hookspecs
from smm_audit.api import Sentiment, Snapshot, hookimpl
from smm_audit.classifiers import sentiment as builtin_classifier
from smm_audit.engine import fingerprint
from smm_audit.testing import TAKEN_AT, get_check, make_snapshot, run_check

CHECK_ID = "response-time"
NOW = datetime.fromisoformat(TAKEN_AT)
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
QUESTION = "Сколько стоит доставка в Тверь?"
COMPLAINT = "Заказ не пришёл уже две недели, верните деньги"
PRAISE = "Great flat white, thank you!"
Verdict = namedtuple("Verdict", "label score lang")


def at(hours_ago: float) -> str:
    return (NOW - timedelta(hours=hours_ago)).isoformat()


def user(cid: str, text: str = QUESTION, written: float = 100, post: str = "p1", **fields) -> dict:
    """A user comment written ``written`` hours before taken_at."""
    data = {"id": cid, "post_id": post, "author_id": f"u{cid}", "from_account": False, "text": text, **fields}
    if written is not None:
        data["created_at"] = at(written)
    return data


def reply(to: str | None, written: float | None, post: str = "p1", cid: str | None = None, **fields) -> dict:
    """An own comment of the account: a reply to ``to``, or top-level when ``to`` is None."""
    data = {
        "id": cid or f"r-{to}-{written}",
        "post_id": post,
        "from_account": True,
        "text": "Ответили в личку",
        **fields,
    }
    if to is not None:
        data["reply_to"] = to
    if written is not None:
        data["created_at"] = at(written)
    return data


def answered(cid: str, after_hours: float, text: str = QUESTION, written: float = 100, **fields) -> list[dict]:
    """A user comment and the account's reply ``after_hours`` later."""
    return [user(cid, text, written, **fields), reply(cid, written - after_hours)]


def snapshot(*comments: dict, **account_fields) -> dict:
    account = {"id": "vk", "platform": "vk", "handle": "zerno", "posts": [{"id": "p1"}, {"id": "p2"}]}
    account.update(account_fields)
    account["comments"] = list(comments)
    return make_snapshot(accounts=[account])


def check(*comments: dict, **options):
    return run_check(CHECK_ID, snapshot(*comments), **options)


def flat(*groups: list[dict]) -> list[dict]:
    return [comment for group in groups for comment in group]


def keyed(result) -> dict[str, object]:
    """Findings by their last key part ("slow-answers", "negative-unanswered", ...)."""
    found: dict[str, object] = {}
    for finding in result.findings:
        found.setdefault(finding.key[-1], finding)
    return found


# --- pass, warn, fail ----------------------------------------------------------------------------------------------


def test_questions_answered_within_the_hour_pass():
    result = check(*flat(*(answered(f"q{i}", 0.5) for i in range(6))))
    assert result.status == "pass" and not result.findings
    assert result.score == 1.0
    assert result.metrics["priority_median_hours"] == 0.5
    assert result.metrics["priority_within_warn_share"] == 1.0


def test_a_median_over_one_hour_warns():
    result = check(*flat(*(answered(f"q{i}", 3) for i in range(6))))
    assert result.status == "warn"
    (finding,) = result.findings
    assert finding.key == ("account", "vk", "slow-answers") and finding.severity == "medium"
    assert finding.location == "/accounts/0"
    assert "vk @zerno" in finding.message and "3 h" in finding.message
    assert result.score == 0.5


def test_a_median_over_24_hours_fails():
    result = check(*flat(*(answered(f"q{i}", 30) for i in range(6))))
    assert result.status == "fail"
    assert keyed(result)["slow-answers"].severity == "high"
    assert result.score == 0.0
    assert result.metrics["priority_median_hours"] == 30.0


def test_more_than_half_unanswered_makes_the_median_unanswered():
    comments = [user(f"q{i}") for i in range(4)] + flat(*(answered(f"a{i}", 0.2) for i in range(3)))
    result = check(*comments)
    finding = keyed(result)["slow-answers"]
    assert finding.severity == "high" and "never answered" in finding.message
    assert result.metrics["priority_median_hours"] is None and result.metrics["priority_median_unanswered"] is True
    assert result.metrics["priority_unanswered"] == 4
    assert result.metrics["priority_unanswered_share"] == pytest.approx(4 / 7, abs=1e-4)


def test_one_unanswered_negative_comment_fails_even_when_everything_else_is_fast():
    comments = [*flat(*(answered(f"q{i}", 0.2) for i in range(6))), user("bad", COMPLAINT, written=48)]
    result = check(*comments)
    assert result.status == "fail"
    finding = keyed(result)["negative-unanswered"]
    assert finding.severity == "high"
    assert finding.key == ("comment", "vk", "bad", "negative-unanswered")
    assert finding.location == "/accounts/0/comments/12"
    assert finding.evidence["post"] == "/accounts/0/posts/0"
    assert finding.evidence["waiting_hours"] == 48.0 and "2 days" in finding.message
    assert "slow-answers" not in keyed(result)


def test_a_negative_comment_answered_late_is_not_a_negative_unanswered_finding():
    result = check(*answered("bad", 30, COMPLAINT))
    assert "negative-unanswered" not in keyed(result)
    assert result.metrics["negative"] == 1 and result.metrics["negative_unanswered"] == 0


def test_unanswered_questions_warn_with_examples():
    comments = [*flat(*(answered(f"q{i}", 0.2) for i in range(6))), user("open", "Do you ship to Kazan?", written=30)]
    result = check(*comments)
    assert result.status == "warn"
    finding = keyed(result)["questions-unanswered"]
    assert finding.severity == "medium"
    assert finding.evidence["count"] == 1
    assert finding.evidence["examples"][0]["comment_id"] == "open"
    assert finding.evidence["examples"][0]["location"] == "/accounts/0/comments/12"


# --- what counts as an answer --------------------------------------------------------------------------------------


def test_a_reply_via_reply_to_counts():
    result = check(user("q", written=40), reply("q", 39.5))
    assert result.metrics["all_median_hours"] == 0.5 and result.metrics["all_unanswered"] == 0


def test_a_later_top_level_account_comment_on_the_same_post_counts():
    result = check(user("q", written=40), reply(None, 38))
    assert result.metrics["all_median_hours"] == 2.0


@pytest.mark.parametrize(
    "other",
    [
        reply(None, 42),  # top-level, but before the comment
        reply(None, 38, post="p2"),  # top-level, on another post
        reply("someone-else", 38),  # a reply to another comment on the same post
        user("x", "Same question", written=38, reply_to="q"),  # a user, not the account
    ],
    ids=["earlier", "other-post", "reply-to-another", "user-reply"],
)
def test_what_does_not_answer_a_comment(other):
    comments = [user("q", written=40), other]
    if other.get("reply_to") == "someone-else":
        comments.append(user("someone-else", PRAISE, written=41))
    result = check(*comments)
    assert result.metrics["all_unanswered"] >= 1
    assert "q" in [e["comment_id"] for e in keyed(result)["questions-unanswered"].evidence["examples"]]


def test_the_earliest_answer_wins_whichever_way_it_came():
    assert check(user("q", written=40), reply("q", 36), reply(None, 39)).metrics["all_median_hours"] == 1.0
    assert check(user("q", written=40), reply("q", 39.5), reply(None, 39)).metrics["all_median_hours"] == 0.5


def test_replies_dated_before_the_comment_are_clock_skew_and_ignored():
    skewed = check(user("q", written=40), reply("q", 40.2))
    assert skewed.metrics["all_unanswered"] == 1
    later = check(user("q", written=40), reply("q", 40.2, cid="early"), reply("q", 37, cid="late"))
    assert later.metrics["all_median_hours"] == 3.0 and later.metrics["all_unanswered"] == 0


def test_an_answer_at_the_same_moment_counts_as_zero_wait():
    assert check(user("q", written=40), reply("q", 40)).metrics["all_median_hours"] == 0.0


def test_a_reply_without_a_time_answers_at_an_unknown_time():
    result = check(user("q", COMPLAINT, written=50), reply("q", None))
    assert result.status == "pass"
    assert result.metrics["all_unanswered"] == 0
    assert result.metrics["all_answered_time_unknown"] == 1
    assert result.metrics["all_median_hours"] is None and result.metrics["all_median_unanswered"] is False


def test_a_top_level_own_comment_without_a_time_answers_at_an_unknown_time():
    result = check(user("q", written=50), reply(None, None))
    assert result.metrics["all_unanswered"] == 0
    assert result.metrics["all_answered_time_unknown"] == 1


def test_offsets_are_compared_as_instants():
    written = datetime(2026, 10, 28, 12, 0, tzinfo=timezone(timedelta(hours=3)))
    comment = user("q", written=None, created_at=written.isoformat())
    answer = reply("q", None, created_at=(written + timedelta(minutes=30)).astimezone(UTC).isoformat())
    assert answer["created_at"].endswith("+00:00")
    assert check(comment, answer).metrics["all_median_hours"] == 0.5


# --- what is judged ------------------------------------------------------------------------------------------------


def test_comments_younger_than_24_hours_are_not_unanswered():
    result = check(user("fresh", COMPLAINT, written=23), user("fresh-q", written=2))
    assert result.status == "pass" and not result.findings
    assert result.metrics["recent"] == 2 and result.metrics["judged"] == 0
    assert result.metrics["all_unanswered"] == 0
    assert result.score is None


def test_the_24_hour_cut_follows_fail_hours():
    assert check(user("c", COMPLAINT, written=30), fail_hours=48).metrics["recent"] == 1
    assert check(user("c", COMPLAINT, written=30), fail_hours=12).status == "fail"


def test_a_comment_without_created_at_is_counted_but_not_judged():
    result = check(user("untimed", COMPLAINT, written=None), *answered("q", 0.2))
    assert result.status == "pass"
    assert result.metrics["no_created_at"] == 1 and result.metrics["judged"] == 1


def test_deleted_comments_are_left_to_deleted_negative_comments():
    result = check(
        user("d1", COMPLAINT, deleted=True, deleted_by="account"),
        user("d2", COMPLAINT, deleted_at=at(90)),
        user("kept", COMPLAINT, deleted=False, deleted_by="author"),
    )
    assert result.metrics["deleted_skipped"] == 2 and result.metrics["judged"] == 1
    assert [f.evidence["comment_id"] for f in result.findings if f.key[-1] == "negative-unanswered"] == ["kept"]


def test_the_accounts_own_comments_are_not_waiting_for_anyone():
    result = check(reply(None, 50), reply("r-None-50", 40))
    assert result.metrics["own_comments"] == 2 and result.metrics["judged"] == 0 and result.status == "pass"


# --- priority: questions and negative comments --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Сколько стоит доставка?",
        "А сколько стоит доставка в Химки",
        "Подскажите, корпоративные заказы делаете",
        "Есть ли доставка в Тверь",
        "Когда откроетесь после ремонта",
        "Do you ship to Kazan",
        "Hi, where is my order. Thanks",
        "¿Cuánto cuesta el envío",
        "Hola. Cuándo abren el domingo",
        "Por qué no contestan",
        "Great coffee. How much is the subscription",
    ],
)
def test_questions_are_recognised_in_ru_en_es(text):
    from smm_audit.testing import get_check as _get  # the module of the registered check

    module = __import__(_get(CHECK_ID).run.__module__, fromlist=["is_question"])
    assert module.is_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "Спасибо, всё пришло!",
        "Как вкусно!",
        "Как всегда на высоте",
        "What a view",
        "Great, see https://zerno.ru/?utm_source=vk for details",
        "¡Qué rico!",
        "Что за прелесть!",
        "Ставлю лайк не глядя",
        "",
    ],
)
def test_statements_and_exclamations_are_not_questions(text):
    module = __import__(get_check(CHECK_ID).run.__module__, fromlist=["is_question"])
    assert not module.is_question(text)


def test_priority_comments_are_questions_and_negative_ones_the_rest_is_the_lighter_signal():
    comments = flat(
        *(answered(f"q{i}", 0.2) for i in range(3)),  # questions, fast
        *(answered(f"n{i}", 0.3, COMPLAINT) for i in range(3)),  # complaints, fast
        *(answered(f"p{i}", 30, PRAISE) for i in range(8)),  # praise, slow
    )
    result = check(*comments)
    assert result.metrics["priority_judged"] == 6 and result.metrics["all_judged"] == 14
    assert result.metrics["priority_median_hours"] == 0.2
    assert result.status == "warn"
    (finding,) = result.findings
    assert finding.key[-1] == "slow-answers-all" and finding.severity == "medium"
    assert result.score == 1.0  # the score follows the priority comments


def test_all_comments_count_when_there_are_too_few_priority_ones():
    result = check(*flat(*(answered(f"p{i}", 3, PRAISE) for i in range(6))))
    (finding,) = result.findings
    assert (finding.key[-1], finding.severity) == ("slow-answers-all", "low")
    assert result.score == 0.5


def test_no_all_comments_finding_when_it_says_what_the_priority_one_says():
    result = check(
        *flat(*(answered(f"q{i}", 30) for i in range(6)), *(answered(f"p{i}", 30, PRAISE) for i in range(6)))
    )
    assert [f.key[-1] for f in result.findings] == ["slow-answers"]


def test_too_few_comments_give_no_median_finding_but_metrics():
    result = check(*flat(*(answered(f"q{i}", 30) for i in range(4))))
    assert result.status == "pass" and not result.findings
    assert result.metrics["priority_median_hours"] == 30.0
    assert check(*flat(*(answered(f"q{i}", 30) for i in range(4))), min_comments=4).status == "fail"


# --- percentiles -------------------------------------------------------------------------------------------------


def test_percentiles_use_the_nearest_rank():
    module = __import__(get_check(CHECK_ID).run.__module__, fromlist=["percentile"])
    values = list(range(1, 11))
    assert module.percentile(values, 50) == 5 and module.percentile(values, 90) == 9
    assert module.percentile([1, 2, 3, 4], 50) == 2 and module.percentile([7], 90) == 7
    assert module.percentile([1, 2, 3, 4, 5], 50) == 3 and module.percentile([1, 2, 3, 4, 5, 6], 90) == 6
    assert module.percentile([], 50) is None
    result = check(*flat(*(answered(f"q{i}", float(i)) for i in range(1, 11))))
    assert result.metrics["priority_median_hours"] == 5.0 and result.metrics["priority_p90_hours"] == 9.0


def test_the_p90_can_be_unanswered_while_the_median_is_not():
    comments = [*flat(*(answered(f"q{i}", 0.5) for i in range(8))), user("u1"), user("u2")]
    metrics = check(*comments).metrics
    assert metrics["priority_median_hours"] == 0.5
    assert metrics["priority_p90_hours"] is None and metrics["priority_p90_unanswered"] is True


# --- weekends ------------------------------------------------------------------------------------------------------


def local(day: int, hour: int, minute: int = 0, offset: int = 3) -> datetime:
    """A moment in October 2026 at a UTC offset (1 October 2026 is a Thursday)."""
    return datetime(2026, 10, day, hour, minute, tzinfo=timezone(timedelta(hours=offset)))


def timed(cid: str, written: datetime, wait_hours: float | None, text: str = QUESTION) -> list[dict]:
    comment = user(cid, text, written=None, created_at=written.isoformat())
    if wait_hours is None:
        return [comment]
    return [comment, reply(cid, None, cid=f"r{cid}", created_at=(written + timedelta(hours=wait_hours)).isoformat())]


def test_weekend_is_saturday_or_sunday_in_the_comments_own_offset():
    saturday_night = local(24, 23, 30)  # Saturday in Moscow, still Saturday 20:30 in UTC
    monday_early = local(26, 1, 0)  # Monday in Moscow, Sunday 22:00 in UTC
    sunday_utc = local(25, 23, 0, offset=0)  # Sunday in UTC, Monday 02:00 in Moscow
    metrics = check(
        *timed("sat", saturday_night, 0.5), *timed("mon", monday_early, 0.5), *timed("sun", sunday_utc, 0.5)
    ).metrics
    assert metrics["weekend_all_judged"] == 2 and metrics["weekday_all_judged"] == 1
    assert saturday_night.astimezone(UTC).weekday() == 5 and monday_early.astimezone(UTC).weekday() == 6


def test_slow_weekends_are_a_weekend_gap():
    weekdays = flat(*(timed(f"wd{i}", local(5 + i, 11), 0.3) for i in range(5)))  # Mon 5 .. Fri 9 October
    weekends = flat(*(timed(f"we{i}", local(day, 11), 30) for i, day in enumerate((10, 11, 17, 18, 24))))
    result = check(*weekdays, *weekends)
    assert result.metrics["weekend_priority_median_hours"] == 30.0
    assert result.metrics["weekday_priority_median_hours"] == 0.3
    finding = keyed(result)["weekend-gap"]
    assert finding.severity == "medium" and "Saturdays and Sundays" in finding.message
    assert finding.evidence["weekend_median_hours"] == 30.0
    assert "slow-answers" not in keyed(result)  # the median (rank 5 of 10) is a weekday's 18 min


def test_weekends_as_slow_as_weekdays_are_no_weekend_gap():
    weekdays = flat(*(timed(f"wd{i}", local(5 + i, 11), 3) for i in range(5)))
    weekends = flat(*(timed(f"we{i}", local(day, 11), 3) for i, day in enumerate((10, 11, 17, 18, 24))))
    assert "weekend-gap" not in keyed(check(*weekdays, *weekends))


# --- sentiment -----------------------------------------------------------------------------------------------------


class Recorder:
    """A test classifier: negative for texts in ``negative``, neutral otherwise; it records what it was asked."""

    def __init__(self, *negative: str) -> None:
        self.negative = set(negative)
        self.calls: list[tuple[str, str | None]] = []

    @hookimpl
    def classify_sentiment(self, text, lang):
        self.calls.append((text, lang))
        return Verdict("negative" if text in self.negative else "neutral", -1.0, lang)


def run_with(data: dict, plugin: object, **options):
    manager = pluggy.PluginManager("smm_audit")
    manager.add_hookspecs(hookspecs)
    manager.register(builtin_classifier)  # as in a run: the built-in classifier is a plugin, asked last
    manager.register(plugin)
    (outcome,) = engine.run(Snapshot(data), [get_check(CHECK_ID)], {CHECK_ID: options}, hooks=manager.hook)
    return outcome.result


def test_the_exporters_sentiment_wins_and_is_never_classified():
    recorder = Recorder(COMPLAINT, PRAISE)
    data = snapshot(user("a", COMPLAINT, sentiment="positive"), user("b", PRAISE, sentiment="negative"))
    result = run_with(data, recorder)
    assert recorder.calls == []
    assert [f.evidence["comment_id"] for f in result.findings if f.key[-1] == "negative-unanswered"] == ["b"]
    assert keyed(result)["negative-unanswered"].evidence["sentiment_source"] == "exporter"


def test_only_the_comments_that_need_it_are_classified():
    recorder = Recorder()
    data = snapshot(
        *answered("answered-question", 0.2, "Do you ship to Kazan?"),  # a question: priority whatever its tone
        user("fresh", "fresh text", written=3),  # too recent to judge
        *answered("answered-statement", 0.2, "answered statement", lang="en-GB"),  # negativity decides priority
        user("unanswered", "unanswered statement", written=40),  # negativity decides the failure
        user("unanswered-question", "Is it open?", written=40),  # a question, but a negative one fails
        user("labelled", "labelled text", written=40, sentiment="neutral"),
        user("untimed", "untimed text", written=None),
        user("deleted", "deleted text", written=40, deleted=True),
    )
    run_with(data, recorder)
    assert sorted(recorder.calls) == [
        ("Is it open?", None),
        ("answered statement", "en"),
        ("unanswered statement", None),
    ]


def test_identical_texts_are_classified_once():
    recorder = Recorder(COMPLAINT)
    result = run_with(snapshot(*(user(f"c{i}", COMPLAINT, written=40 + i) for i in range(3))), recorder)
    assert len(recorder.calls) == 1 and result.metrics["classified"] == 1
    assert result.metrics["negative_unanswered"] == 3


def test_the_classifier_decides_negativity_when_sentiment_is_absent():
    recorder = Recorder("Курьер опоздал")
    result = run_with(snapshot(user("c", "Курьер опоздал", written=40)), recorder)
    assert result.status == "fail" and keyed(result)["negative-unanswered"].evidence["sentiment_source"] == "classifier"
    assert run_with(snapshot(user("c", "Курьер приехал", written=40)), Recorder()).status == "pass"


class Probabilities:
    """A stand-in classifier: P(negative) by text, labelled negative whatever it is (the label must not decide)."""

    def __init__(self, table: dict[str, float]) -> None:
        self.table = table

    @hookimpl
    def classify_sentiment(self, text, lang):
        return Sentiment("negative", -0.5, lang, self.table[text]) if text in self.table else None


def test_a_confident_complaint_unanswered_is_high_with_its_probability():
    result = run_with(snapshot(user("c", "sure", written=40)), Probabilities({"sure": 0.82}))
    finding = keyed(result)["negative-unanswered"]
    assert finding.severity == "high" and finding.evidence["negative_probability"] == 0.82
    assert (result.metrics["negative"], result.metrics["possibly_negative"]) == (1, 0)


def test_an_uncertain_complaint_unanswered_is_medium_and_a_priority_comment():
    data = snapshot(user("c", "unsure", written=40), *answered("q", 0.2, "Do you ship?"))
    result = run_with(data, Probabilities({"unsure": 0.634}))
    assert "negative-unanswered" not in keyed(result) and result.status == "warn"
    finding = keyed(result)["possibly-negative-unanswered"]
    assert finding.severity == "medium" and "possibly complaints" in finding.message and "0.63" in finding.message
    (example,) = finding.evidence["examples"]
    assert example["comment_id"] == "c" and example["negative_probability"] == 0.634
    m = result.metrics
    assert (m["negative"], m["possibly_negative"], m["possibly_negative_unanswered"]) == (0, 1, 1)
    assert m["priority_judged"] == 2  # the question and the possible complaint


def test_below_possible_a_negative_label_is_not_a_complaint():
    """One rule with deleted-negative-comments: the probability decides, not the label."""
    result = run_with(snapshot(user("c", "calm", written=40)), Probabilities({"calm": 0.42}))
    assert result.status == "pass" and not result.findings
    assert (result.metrics["negative"], result.metrics["possibly_negative"]) == (0, 0)
    assert result.metrics["priority_judged"] == 0


def test_the_thresholds_are_options():
    data, table = snapshot(user("c", "unsure", written=40)), Probabilities({"unsure": 0.634})
    assert "negative-unanswered" in keyed(run_with(data, table, confident=0.6))
    assert run_with(data, table, possible=0.65).status == "pass"


def test_the_built_in_classifier_is_used_without_a_plugin():
    assert check(user("c", COMPLAINT, written=40)).status == "fail"
    assert check(user("c", PRAISE, written=40)).status == "pass"


def test_over_the_budget_priority_falls_back_to_labels_but_unanswered_ones_are_still_classified():
    recorder = Recorder("slow complaint", "open complaint")
    data = snapshot(
        *answered("a1", 30, "slow complaint"),
        *answered("a2", 30, "another statement"),
        user("open", "open complaint", written=40),
    )
    result = run_with(data, recorder, classify_max=1)
    assert recorder.calls == [("open complaint", None)]
    assert result.metrics["priority_basis"] == "labelled"
    assert result.metrics["classified"] == 1 and result.metrics["classify_skipped"] == 2
    assert result.metrics["priority_judged"] == 0  # the classified complaint does not join: no answered-status bias
    assert keyed(result)["negative-unanswered"].evidence["comment_id"] == "open"
    full = run_with(data, Recorder("slow complaint", "open complaint"))
    assert full.metrics["priority_basis"] == "classified" and full.metrics["priority_judged"] == 2


# --- findings: bounds, excerpts, stability -----------------------------------------------------------------------


def test_per_comment_findings_are_capped_with_one_for_the_rest():
    comments = [user(f"n{i}", COMPLAINT, written=30 + i, sentiment="negative") for i in reversed(range(4))]
    result = check(*comments, max_comment_findings=2)
    shown = [f.evidence["comment_id"] for f in result.findings if f.key[-1] == "negative-unanswered"]
    assert shown == ["n0", "n1"]  # the most recent first
    rest = keyed(result)["negative-unanswered-more"]
    assert rest.severity == "high" and rest.evidence == {"count": 2, "examples": ["n2", "n3"]}


def test_excerpts_are_short_and_mask_personal_data():
    text = "Позвоните мне +7 916 555-12-34 или anna@example.ru, заказ так и не пришёл " + "очень " * 30
    (finding,) = check(user("c", text, written=30, sentiment="negative")).findings
    assert "555-12-34" not in finding.message and "anna@example.ru" not in finding.message
    assert "[phone]" in finding.evidence["excerpt"] and "[email]" in finding.evidence["excerpt"]
    assert len(finding.evidence["excerpt"]) <= 80


def test_fingerprints_survive_reordering():
    comments = [user("n1", COMPLAINT, written=30), user("q1", written=40), *answered("q2", 0.1)]
    first, second = check(*comments), check(*reversed(comments))
    assert {fingerprint(CHECK_ID, f.key) for f in first.findings} == {
        fingerprint(CHECK_ID, f.key) for f in second.findings
    }
    assert keyed(second)["negative-unanswered"].location == "/accounts/0/comments/3"


def test_metrics_are_json_safe_and_per_account():
    result = check(*answered("q", 0.5), user("n", COMPLAINT, written=30), user("f", written=1))
    json.dumps(result.metrics, allow_nan=False)
    (account,) = result.metrics["accounts"]
    assert account["account"] == "vk"
    assert (account["judged"], account["recent"], account["questions"], account["negative_unanswered"]) == (2, 1, 1, 1)
    assert result.metrics["priority_within_fail_share"] == 0.5


def test_the_score_is_the_mean_over_accounts():
    fast = {"id": "a", "platform": "vk", "posts": [{"id": "p1"}], "comments": answered("q", 0.5)}
    slow = {"id": "b", "platform": "vk", "posts": [{"id": "p1"}], "comments": answered("q", 5)}
    silent = {"id": "c", "platform": "vk", "posts": [{"id": "p1"}], "comments": []}
    result = run_check(CHECK_ID, make_snapshot(accounts=[fast, slow, silent]))
    assert result.score == 0.75 and result.metrics["accounts_checked"] == 3


# --- not applicable, empty -----------------------------------------------------------------------------------------


def test_without_comments_it_is_not_applicable():
    result = run_check(CHECK_ID, make_snapshot(accounts=[{"id": "vk", "platform": "vk", "posts": []}]))
    assert result.status == "not_applicable" and list(result.missing) == ["accounts[].comments"]


def test_without_from_account_anywhere_it_is_not_applicable():
    comment = user("q")
    del comment["from_account"]
    result = check(comment)
    assert result.status == "not_applicable" and list(result.missing) == ["accounts[].comments[].from_account"]


def test_without_created_at_anywhere_it_is_not_applicable():
    result = check(user("q", written=None), reply("q", None))
    assert result.status == "not_applicable" and list(result.missing) == ["accounts[].comments[].created_at"]


def test_an_empty_comment_list_is_known_and_passes():
    result = check()
    assert result.status == "pass" and result.score is None and result.metrics["comments"] == 0


# --- docs and examples -----------------------------------------------------------------------------------------


def test_the_docs_example_gives_what_the_docs_say():
    comments = [
        {
            "id": "c1",
            "post_id": "p1",
            "from_account": False,
            "created_at": "2026-10-30T10:00:00+03:00",
            "text": COMPLAINT,
        },
        {
            "id": "c2",
            "post_id": "p1",
            "from_account": False,
            "created_at": "2026-10-25T10:00:00+03:00",
            "text": QUESTION,
        },
        {
            "id": "r2",
            "post_id": "p1",
            "from_account": True,
            "reply_to": "c2",
            "created_at": "2026-10-25T10:40:00+03:00",
            "text": "350 ₽, привезём за день",
        },
    ]
    account = {"id": "vk", "platform": "vk", "posts": [{"id": "p1"}], "comments": comments}
    result = run_check(CHECK_ID, make_snapshot(accounts=[account]))
    (finding,) = result.findings
    assert (result.status, finding.severity, finding.location) == ("fail", "high", "/accounts/0/comments/0")
    assert finding.evidence["waiting_hours"] == 50.0
    assert result.metrics["priority_median_hours"] == pytest.approx(40 / 60, abs=1e-3)
    assert result.score == 0.5


@pytest.mark.skipif(not (EXAMPLES / "demo-snapshot.json").exists(), reason="the demo snapshot is not there")
def test_the_demo_finds_something_and_the_healthy_example_does_not_fail():
    demo = run_check(CHECK_ID, json.loads((EXAMPLES / "demo-snapshot.json").read_text("utf-8")))
    assert demo.status in ("warn", "fail") and demo.findings
    healthy = run_check(CHECK_ID, json.loads((EXAMPLES / "healthy-snapshot.json").read_text("utf-8")))
    assert healthy.status in ("pass", "warn")
