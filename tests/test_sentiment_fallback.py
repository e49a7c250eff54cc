"""The word list behind the lexicon (smm_audit.sentiment.fallback): VADER's, English, asked only without evidence."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from smm_audit import bundled, sentiment
from smm_audit.sentiment import _NO_INFO, _load, _tok_info, _tokenize, analyse, classify, fallback

ROOT = Path(__file__).resolve().parent.parent
_BUILD = importlib.util.spec_from_file_location("build_fallback_list", ROOT / "benchmarks" / "build_fallback_list.py")
assert _BUILD is not None and _BUILD.loader is not None
_builder = importlib.util.module_from_spec(_BUILD)
_BUILD.loader.exec_module(_builder)
NOTICE: str = _builder.NOTICE  # VADER's MIT notice, as the list's maker copies it

# words of VADER's list that the English lexicon does not know (the test below says so)
ABANDONED = -2.0  # VADER's mean valence of "abandoned"
SCANDAL = -1.9


def test_the_words_used_here_are_the_lists_and_not_the_lexicons():
    lex, wl = _load()["en"], fallback.load("en")
    assert (wl.words["abandoned"], wl.words["scandal"]) == (ABANDONED, SCANDAL)
    assert lex.info("abandoned") == lex.info("scandal") == _NO_INFO
    assert "abandoned" not in lex.stopwords and "scandal" not in lex.stopwords


def view(text: str, wl: fallback.WordList) -> tuple[list[tuple[int, float]], list[tuple[float, int]]] | None:
    """What lexicon_view adds to a text's facts: (token index, weight) of the words read from ``wl``, and phrases."""
    lex, toks = _load()["en"], _tokenize(text)
    infos = [_tok_info(lex, t) for t in toks]
    seen = fallback.lexicon_view(toks, infos, lex, wl, weight=1.0)
    if seen is None:
        return None
    new, phrases, _tokens = seen
    return [(i, a[0]) for i, (a, b) in enumerate(zip(new, infos, strict=True)) if a != b], phrases


def test_a_text_without_lexicon_evidence_is_read_by_the_list():
    label, score, _lang, ev = analyse("They abandoned us", "en")
    assert label == "negative"
    total = ABANDONED * fallback.WEIGHT
    assert score == round(total / (total * total + sentiment.ALPHA) ** 0.5, 4)
    assert ev[:4] == (pytest.approx(-total), 0.0, 1, 0)  # the list's word is evidence like a lexicon word
    assert analyse("They abandoned us", "en", fallback=False)[:2] == ("neutral", 0.0)


def test_the_list_is_not_asked_where_the_lexicon_found_evidence():
    text = "They abandoned us, the food was bad"
    assert analyse(text, "en") == analyse(text, "en", fallback=False)
    assert analyse(text, "en", fallback=False)[3][2] >= 1  # "bad" is the lexicon's


def test_a_negator_flips_the_lists_word_as_the_lexicon_flips_its_own():
    label, score, _lang, _ev = analyse("not a scandal", "en")
    assert label == "neutral" and score > 0
    total = SCANDAL * fallback.WEIGHT * sentiment.NEGATED_NEGATIVE
    assert score == round(total / (total * total + sentiment.ALPHA) ** 0.5, 4)


def test_punctuation_ends_the_negators_reach():
    assert analyse("not me. They abandoned us", "en")[0] == "negative"


def test_a_word_the_lexicon_knows_is_never_read_from_the_list():
    """Nor a stop word, nor an elongated word whose short form it knows ("baaad": "baad", then "bad")."""
    lex = _load()["en"]
    assert lex.info("bad")[0] and lex.info("no")[1] and "the" in lex.stopwords
    wl = fallback.WordList(words={"bad": 3.0, "baad": 3.0, "no": 3.0, "the": 3.0, "scandal": -1.0})
    assert view("bad baaad no the scandal", wl) == ([(4, -1.0)], [])
    assert view("bad baaad no the", wl) is None


def test_the_lists_words_are_read_as_the_lexicons_own():
    """Intensifiers, CAPS, "if" clauses and contrast weigh them as they weigh the lexicon's words."""
    plain = analyse("They abandoned us", "en")[1]
    assert analyse("They really abandoned us", "en")[1] < plain  # an intensifier
    assert analyse("They ABANDONED us", "en")[1] < plain  # CAPS
    assert analyse("If they abandoned us, we would leave", "en")[0] == "neutral"  # ×0.2 in an "if" clause
    assert analyse("They abandoned us, but the coffee is divine", "en")[0] == "positive"  # contrast


def test_short_chat_acronyms_are_left_out_of_the_list():
    """VADER's "l" (+2) and "po" (-2.6) would read "an L" and "PO box" as sentiment."""
    words = fallback.load("en").words
    assert not [w for w in words if len(w) <= 2]
    assert analyse("They sent an L instead of an M", "en")[0] == "neutral"
    assert analyse("Send it to PO box 12", "en")[0] == "neutral"


def test_an_elongated_negator_flips_the_lists_word_as_the_lexicon_reads_it():
    """The lexicon reads "noooo" as "no" and "nooot" as "not" (negators): so must the fallback."""
    assert analyse("nooot a scandal", "en")[:2] == analyse("not a scandal", "en")[:2]
    assert analyse("noooo scandal", "en")[:2] == analyse("no scandal", "en")[:2]


def test_a_phrase_that_starts_with_a_negator_is_read():
    """VADER's "can't stand" (-2.0) is a phrase of the list, not a negator before "stand"."""
    wl = fallback.WordList(phrases={("can't", "stand"): -2.0})
    assert view("I can't stand it", wl) == ([], [(-2.0, 1)])
    assert analyse("I can't stand this place", "en")[0] == "negative"


def test_a_phrase_is_read_before_its_words_and_not_across_punctuation():
    wl = fallback.WordList(words={"fed": 1.0}, phrases={("fed", "up"): -2.0})
    assert view("so fed up", wl) == ([], [(-2.0, 1)])
    assert view("so fed. up", wl) == ([(1, 1.0)], [])


def test_a_question_counts_the_lists_words_as_it_counts_the_lexicons():
    """A plain question to a business ("Do you have a loyalty card?") stays neutral, as with the lexicon."""
    assert fallback.load("en").words["loyalty"] > 0
    assert analyse("Do you have a loyalty card?", "en")[0] == "neutral"
    score = analyse("Is this a scandal?", "en")[1]
    total = SCANDAL * fallback.WEIGHT * sentiment.QUESTION_NEGATIVE
    assert score == round(total / (total * total + sentiment.ALPHA) ** 0.5, 4)


def test_exclamation_marks_intensify_the_lists_words_as_the_lexicons():
    assert analyse("They abandoned us!!!", "en")[1] < analyse("They abandoned us", "en")[1]


@pytest.mark.parametrize("lang", ["ru", "es", "de"])
def test_only_english_has_a_list(lang):
    """Another language given (or an unsupported one: all lexicons together) never reads the English list."""
    assert analyse("They abandoned us", lang, fallback=False) == analyse("They abandoned us", lang)


def test_a_text_detected_as_english_reads_the_list():
    assert analyse("They abandoned us", None)[0::2] == ("negative", "en")


def test_the_languages_with_a_list_are_named_once():
    assert sentiment._FALLBACK_LANGUAGES == fallback.LANGUAGES


def test_the_probability_follows_the_lists_evidence():
    """An uncertain complaint gets a middling probability, not the "no evidence" one."""
    complaint, plain = classify("They abandoned us", "en"), classify("They came to us", "en")
    assert plain.label == "neutral" and plain.negative_probability is not None
    assert complaint.negative_probability is not None and complaint.negative_probability > plain.negative_probability


def test_the_shipped_list_carries_vaders_licence_and_reads():
    text = bundled.read_text("smm_audit.sentiment", "lexicons", fallback.FILES["en"])
    lines = text.splitlines()
    first = lines.index("# The MIT License (MIT)")
    notice = "".join(line[2:] + "\n" for line in lines[first : first + NOTICE.count("\n")])
    assert notice == NOTICE  # the whole MIT notice, as build_fallback_list.py copies it
    wl = fallback.parse(text)
    assert len(wl.words) > 7000 and wl.phrases
    assert all(w.isalpha() or "'" in w for w in wl.words)  # no emoticon, no "gr8"


@pytest.mark.parametrize("line", ["word", "word\tx", "\t1.5", "word\tnan"])
def test_a_broken_list_line_is_named(line):
    with pytest.raises(ValueError, match=r"^list.txt:3: not 'words<TAB>value'$"):
        fallback.parse(f"# head\nok\t1\n{line}\n", "list.txt")


def test_the_list_is_read_only_when_an_english_text_has_no_evidence():
    probe = (
        "import sys\n"
        "from smm_audit.sentiment import classify\n"
        "classify('Отличный кофе', 'ru'); classify('The food was bad', 'en')\n"
        "print('smm_audit.sentiment.fallback' in sys.modules)\n"
        "classify('They abandoned us', 'en')\n"
        "print('smm_audit.sentiment.fallback' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]


def test_the_repositorys_notice_file_carries_the_same_notice():
    """NOTICE goes into the wheel's metadata beside LICENSE (.ci/run checks the wheel)."""
    notice = [line.strip() for line in (ROOT / "NOTICE").read_text(encoding="utf-8").splitlines()]
    wanted = [line.strip() for line in NOTICE.splitlines()]
    assert any(notice[i : i + len(wanted)] == wanted for i in range(len(notice))), "NOTICE lacks VADER's notice"
