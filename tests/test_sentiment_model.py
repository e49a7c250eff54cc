"""The learned model: its weights load, its features match the training script's, and it answers like classify."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from smm_audit.sentiment import Sentiment, analyse, classify, model


def test_the_shipped_table_loads_with_its_provenance():
    data = json.loads(resources.files("smm_audit.sentiment").joinpath("model.json").read_text("utf-8"))
    table = model.load()
    assert len(table.dense) == len(model.DENSE) and data["dense_features"] == list(model.DENSE)
    assert data["sets"] and all(s["licence"] and s["texts"] > 0 for s in data["sets"])
    assert "CC BY-SA" in data["licence"] and "train_sentiment_model.py" in data["command"]


def test_ngrams_are_words_bigrams_and_character_grams_of_words():
    grams = model.ngrams("Не РАБОТАЕТ!!! 😡 не")
    assert {"w:не", "w:работает", "b:не работает", "<не>", "<ра", "бота", "ает>", "w:😡"} <= set(grams)
    assert grams.count("w:не") == 2 and not any(g.startswith("<😡") for g in grams)
    assert model.ngrams("") == []


def test_the_memoised_word_sums_give_the_logits_of_every_occurrence():
    table = model.load(resources.files("smm_audit.sentiment").joinpath("model.json").read_text("utf-8"))
    text = "Не работает, не работает и не отвечают"
    z = model.logits(text, "ru", table)[0]
    z_again = model.logits(text, "ru", table)[0]  # now from the memo
    label, score, _used, ev = analyse(text, "ru")
    expect = [
        sum(x * row[k] for x, row in zip(model.dense_features(label, score, ev), table.dense, strict=True))
        for k in range(3)
    ]
    grams = model.ngrams(text)
    for g in grams:
        w = table.ngrams.get(g)
        for k in range(3):
            expect[k] += (w[k] if w else 0) * table.quantum / len(grams) ** 0.5
    assert z == z_again == pytest.approx(expect)


def test_dense_features_follow_the_lexicon():
    label, score, _lang, ev = analyse("Ужасный сервис, больше никогда", "ru")
    x = model.dense_features(label, score, ev)
    assert len(x) == len(model.DENSE)
    named = dict(zip(model.DENSE, x, strict=True))
    assert named["bias"] == 1.0 and named["lexicon_negative"] == 1.0 and named["score_below_0"] == score


@pytest.mark.parametrize("text", ["", "Great flat white, thank you!", "Заказ не пришёл уже две недели, верните деньги"])
def test_it_answers_a_sentiment_with_a_probability(text):
    answer = model.classify(text, "ru")
    assert isinstance(answer, Sentiment) and answer.label in ("negative", "neutral", "positive")
    assert 0.0 <= answer.negative_probability <= 1.0 and -1.0 <= answer.score <= 1.0


def test_score_and_probability_are_the_lexicon_s_calibrated_ones():
    text = "Ужасный сервис, больше никогда"
    answer, lexicon = model.classify(text, "ru"), classify(text, "ru")
    assert (answer.score, answer.lang, answer.negative_probability) == (
        lexicon.score,
        lexicon.lang,
        lexicon.negative_probability,
    )
    p = model.probabilities(text, "ru")
    assert len(p) == 3 and sum(p) == pytest.approx(1.0) and p[0] > p[2]


def test_a_complaint_is_more_likely_negative_than_praise():
    complaint = model.classify("Заказ не пришёл уже две недели, верните деньги", "ru")
    praise = model.classify("Great flat white, thank you!", "en")
    assert complaint.label == "negative" and praise.label == "positive"
    assert complaint.negative_probability > 0.5 > praise.negative_probability


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", "not a model table"),
        ('{"quantum": 1, "dense": [[0, 0, 0]]}', "not a model table .*do not fit"),
    ],
)
def test_a_bad_table_is_refused_by_name(text, message):
    with pytest.raises(ValueError, match=f"model.json: {message}"):
        model.load(text)
