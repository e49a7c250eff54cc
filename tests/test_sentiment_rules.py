"""benchmarks/sentiment_rules.py: the lexicon-first decision rule and its threshold, chosen on training sets only."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from sentiment_rules import choose_threshold, lexicon_first, prf


def test_prf() -> None:
    assert prf([True, True, False, False], [True, False, True, False]) == (0.5, 0.5, 0.5)
    assert prf([False], [False]) == (0.0, 0.0, 0.0)


def test_lexicon_first_only_adds_negatives() -> None:
    lex = [True, False, False]
    assert lexicon_first(lex, [0.1, 0.8, 0.3], 0.5) == [True, True, False]
    assert lexicon_first(lex, [0.1, 0.8, 0.3], None) == lex


def test_threshold_keeps_every_sets_precision() -> None:
    # set "a": the model's 0.9 and 0.8 are negatives, its 0.6 is not; set "b": its 0.7 is not
    prob = [0.9, 0.8, 0.6, 0.1, 0.7, 0.2]
    gold = [True, True, False, False, False, True]
    lex = [False, False, False, False, False, True]
    groups = ["a", "a", "a", "a", "b", "b"]
    # from 0.71 on "b" keeps its lexicon precision (1.0), and "a" gains both negatives up to 0.80
    assert choose_threshold(prob, gold, lex, groups, precision=0.75) == 0.71


def test_threshold_adds_nothing_when_every_addition_costs_precision() -> None:
    prob = [0.9, 0.9]
    gold = [False, True]
    lex = [False, True]
    t = choose_threshold(prob, gold, lex, ["a", "a"], precision=0.75)
    assert t is not None and t > 0.9 and lexicon_first(lex, prob, t) == lex
    # and None when even the lexicon's own answer would not be kept (a grid of thresholds that all add)
    assert choose_threshold(prob, gold, lex, ["a", "a"], precision=0.75, grid=(0.5, 0.8)) is None
