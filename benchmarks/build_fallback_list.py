#!/usr/bin/env python3
"""Write smm_audit/sentiment/lexicons/en-vader.txt, the English fallback list, from VADER's lexicon.

Usage (from the repository root):

    cd /tmp/vader && pip download --no-deps vaderSentiment==3.3.2 && unzip vaderSentiment-3.3.2-py2.py3-none-any.whl
    python benchmarks/build_fallback_list.py /tmp/vader/vaderSentiment/vader_lexicon.txt [--check]

VADER's lexicon (C.J. Hutto, MIT) is a TSV: token, mean valence (-4..+4, mean of ten human
ratings), standard deviation, the ratings; a token listed twice keeps its last value, as VADER
reads it. Kept: the mean of each entry made of letters alone (words joined by blanks, hyphens or
apostrophes: "fed up", "cover-up", "can't stand"), in the sentiment lexicon's tokenisation and
normalisation (smm_audit.sentiment._tokenize: lower case, accents, elongation); left out:
emoticons (":)", "</3", "=D", "d:") and entries such as ":s", "8d", "gr8", "n00b", whose letters
alone would otherwise match the words "s", "d", "gr"; and entries whose every word has at most
two letters (SHORT), chat acronyms and letter emoticons ("l", "po", "ty", "xd", "x-d") that
collide with abbreviations ("an L", "PO box"). Entries that normalise alike are averaged.
Words the lexicon knows stay in the file: the fallback never reads them
(smm_audit/sentiment/fallback.py), so the file need not follow the lexicon's edits. The MIT
notice is copied to the top of the file. ``--check``: exit 1 if the file in the package differs
from what would be written (nothing is written).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

from smm_audit.sentiment import _tokenize
from smm_audit.sentiment.fallback import FILES, parse

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "smm_audit" / "sentiment" / "lexicons" / FILES["en"]
NOTICE = """\
The MIT License (MIT)

Copyright (c) 2016 C.J. Hutto

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


SHORT = 2  # entries of words this short or shorter are left out: chat acronyms, letter emoticons
WORDS_ALONE = re.compile(r"[^\W\d_]+(?:['’\s-]+[^\W\d_]+)*")  # letters, joined by apostrophes, blanks or hyphens


def entries(vader_tsv: str) -> tuple[dict[tuple[str, ...], float], int]:
    """VADER's entries made of words alone, normalised, as words → mean valence; and the number of entries read.

    A token listed twice keeps its last value, as VADER itself reads the file.
    """
    raw: dict[str, float] = {}
    for line in vader_tsv.splitlines():
        cols = line.split("\t")
        if len(cols) >= 2 and cols[0].strip():
            raw[cols[0].strip()] = float(cols[1])
    values: dict[tuple[str, ...], list[float]] = defaultdict(list)
    for term, value in raw.items():
        if WORDS_ALONE.fullmatch(term):
            words = tuple(t.norm for t in _tokenize(term) if t.kind == "word")
            if words and max(map(len, words)) > SHORT:
                values[words].append(value)
    return {w: round(sum(vs) / len(vs), 4) for w, vs in values.items()}, len(raw)


def render(table: dict[tuple[str, ...], float], lines: int) -> str:
    head = [
        "VADER's sentiment lexicon, English: the fallback behind en.txt where it finds no evidence",
        "(smm_audit/sentiment/fallback.py; docs/sentiment.md). Source: vaderSentiment 3.3.2,",
        "vaderSentiment/vader_lexicon.txt (https://github.com/cjhutto/vaderSentiment), MIT, below.",
        f"Made by benchmarks/build_fallback_list.py: {len(table):,} entries of {lines:,}; emoticons and entries",
        "not made of letters alone or only of words of one or two letters are left out, forms that",
        "normalise alike averaged.",
        "Format: the words, space-separated, normalised like the text; TAB; the mean valence (-4..+4).",
        "",
        *NOTICE.splitlines(),
    ]
    body = [f"{' '.join(words)}\t{value:g}" for words, value in sorted(table.items())]
    return "\n".join(["# " + h if h else "#" for h in head] + body) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("vader", type=Path, help="vaderSentiment/vader_lexicon.txt")
    parser.add_argument("--check", action="store_true", help="compare with the shipped file, write nothing")
    args = parser.parse_args(argv)
    table, lines = entries(args.vader.read_text(encoding="utf-8"))
    text = render(table, lines)
    parse(text, OUT.name)  # what is written must read back
    if args.check:
        same = OUT.is_file() and OUT.read_text(encoding="utf-8") == text
        print(f"{OUT.relative_to(ROOT)}: {'up to date' if same else 'differs'}")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(table):,} entries of {lines:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
