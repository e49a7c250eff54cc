"""The lexicon's P(negative): loaded from calibration.json, in [0, 1], never rising with the score."""

from __future__ import annotations

import itertools
import json
from importlib import resources

import pytest

from smm_audit.sentiment import NO_EVIDENCE, analyse, calibration, classify

SCORES = [i / 50 for i in range(-50, 51)]
EVIDENCE = [
    NO_EVIDENCE,
    (1.5, 0.0, 1, 0, 0, 1, False, 0, 7),
    (0.0, 2.0, 0, 1, 1, 0, True, 1, 3),
    (3.0, 3.0, 2, 2, 2, 2, True, 2, 400),
]


def test_the_shipped_file_loads_and_names_its_sets_and_licences():
    data = json.loads(resources.files("smm_audit.sentiment").joinpath("calibration.json").read_text("utf-8"))
    weights = calibration.load()
    assert len(weights) == len(calibration.FEATURES)
    assert data["sets"] and all(s["licence"] and s["texts"] > 0 for s in data["sets"])
    assert "fit_calibration.py" in data["command"]


@pytest.mark.parametrize("ev", EVIDENCE)
def test_the_probability_is_in_0_1_and_never_rises_with_the_score(ev):
    ps = [calibration.probability(s, ev) for s in SCORES]
    assert all(0.0 <= p <= 1.0 for p in ps)
    assert all(a >= b for a, b in itertools.pairwise(ps))
    assert ps[0] > ps[-1]  # and it does fall: -1 is more negative than +1


def test_classify_carries_the_calibrated_probability():
    complaint, praise = classify("Ужасный сервис, больше никогда"), classify("Great flat white, thank you!")
    assert complaint.negative_probability > 0.5 > praise.negative_probability
    label, score, lang, ev = analyse("Ужасный сервис, больше никогда")
    assert (label, score, lang) == (complaint.label, complaint.score, complaint.lang)
    assert complaint.negative_probability == calibration.probability(score, ev)
    assert classify("").negative_probability == calibration.probability(0.0, NO_EVIDENCE)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not a calibration table"),
        ('{"weights": {"bias": 1}}', "not a calibration table"),
        (json.dumps({"weights": dict.fromkeys(calibration.FEATURES, "x")}), "not a calibration table"),
        (json.dumps({"weights": dict.fromkeys(calibration.FEATURES, float("nan"))}), "a weight is not a finite number"),
        (json.dumps({"weights": dict.fromkeys(calibration.FEATURES, 0.5)}), "a score weight is positive"),
    ],
)
def test_a_bad_table_is_refused_by_name(text, message):
    with pytest.raises(ValueError, match=f"calibration.json: {message}"):
        calibration.load(text)


def test_weights_of_another_length_are_refused():
    with pytest.raises(ValueError, match="8 weights for 9 features"):
        calibration.logit(0.0, NO_EVIDENCE, (1.0,) * 8)
