"""Real labelled sentiment sets, found in a folder by their layout (shared by train_ and measure_sentiment.py).

Known layouts (searched recursively under the folder given):

* OpenSentimentCorpus: ``opensentimentcorpus-final-by-majority.csv`` (Sentence,Sentiment), Russian;
  rows marked ``mixed`` are left out (neither label fits them).
* VADER ground truth: ``*_GroundTruth.txt`` (id, mean valence -4..4, text), English; the mean
  is cut at ±0.5: below -0.5 negative, above +0.5 positive, neutral between.
* ``label<TAB>text`` files (``*.tsv``) with labels -1/0/1, and ``text<TAB>0|1`` files
  (``*_labelled*.txt``/``.tsv``, the UCI "Sentiment Labelled Sentences" layout: 0 negative, 1 positive).
* JSON lines (``*.jsonl``) with ``text`` and ``label`` (and ``lang``) fields.
* CSV with a header naming a text column (text, sentence, comment, review, tweet) and a label column
  (label, sentiment, polarity, class).

Folders whose name starts with "_" (``_raw/``, ``_tools/``) are skipped.
The language is the row's ``lang`` when it has one, otherwise the folder's prefix
(``ru-…``, ``en-…``, ``es-…``). Labels are normalised to negative / neutral / positive.
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from smm_audit.sentiment import primary_language

LABELS = ("negative", "neutral", "positive")
LANGS = ("ru", "en", "es")
VADER_CUT = 0.5

_LABEL_WORDS = {
    "negative": "negative",
    "neg": "negative",
    "n": "negative",
    "-1": "negative",
    "-": "negative",
    "neutral": "neutral",
    "neu": "neutral",
    "none": "neutral",
    "0": "neutral",
    "positive": "positive",
    "pos": "positive",
    "p": "positive",
    "1": "positive",
    "+": "positive",
}


@dataclass
class LabeledSet:
    name: str
    lang: str
    path: Path
    note: str = ""
    rows: list[tuple[str, str]] = field(default_factory=list)  # (text, label)

    def counts(self) -> dict[str, int]:
        return {lab: sum(1 for _t, y in self.rows if y == lab) for lab in LABELS}


def _folder_lang(path: Path) -> str | None:
    for part in reversed(path.parts[:-1]):
        prefix = part.split("-", 1)[0].lower()
        if prefix in LANGS:
            return prefix
    return None


def _label(raw: str) -> str | None:
    return _LABEL_WORDS.get(raw.strip().lower())


def _osc(path: Path) -> list[LabeledSet]:
    s = LabeledSet("ru-opensentimentcorpus", "ru", path, "majority labels; 'mixed' rows left out")
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            lab = _label(row.get("Sentiment", ""))
            if lab and row.get("Sentence"):
                s.rows.append((row["Sentence"], lab))
    return [s]


def _vader(path: Path) -> list[LabeledSet]:
    kind = path.name.split("_", 1)[0]
    s = LabeledSet(f"en-vader-{kind}", "en", path, f"mean valence cut at ±{VADER_CUT}")
    with path.open(encoding="utf-8", errors="replace") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t", 2)
            if len(parts) != 3:
                continue
            try:
                v = float(parts[1])
            except ValueError:
                continue
            lab = "negative" if v < -VADER_CUT else "positive" if v > VADER_CUT else "neutral"
            s.rows.append((parts[2].replace("&amp;", "&"), lab))
    return [s]


def _tsv(path: Path, lang: str | None) -> list[LabeledSet]:
    rows: list[tuple[str, str]] = []
    binary = "_labelled" in path.name
    with path.open(encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 2:
                continue
            if binary:
                text, raw = parts
                lab = {"0": "negative", "1": "positive"}.get(raw.strip())
            else:
                raw, text = parts
                lab = _label(raw)
            if lab and text.strip():
                rows.append((text, lab))
    if not rows or lang is None:
        return []
    name = path.parent.name if path.parent.name.split("-", 1)[0] in LANGS else f"{lang}-{path.stem}"
    note = "binary (no neutral rows)" if binary else ""
    return [LabeledSet(name, lang, path, note, rows)]


def _jsonl(path: Path, lang: str | None) -> list[LabeledSet]:
    by_lang: dict[str, LabeledSet] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError:
                continue
            text, lab = row.get("text"), _label(str(row.get("label", "")))
            rl = primary_language(str(row.get("lang") or lang or ""))
            if isinstance(text, str) and lab and rl in LANGS:
                s = by_lang.setdefault(rl, LabeledSet(f"{rl}-{path.stem}", rl, path))
                s.rows.append((text, lab))
    return list(by_lang.values())


_TEXT_COLS = ("text", "sentence", "comment", "review", "tweet")
_LABEL_COLS = ("label", "sentiment", "polarity", "class")


def _csv(path: Path, lang: str | None) -> list[LabeledSet]:
    with path.open(encoding="utf-8", newline="", errors="replace") as f:
        reader = csv.DictReader(f)
        cols = {c.lower().strip(): c for c in reader.fieldnames or []}
        tcol = next((cols[c] for c in _TEXT_COLS if c in cols), None)
        lcol = next((cols[c] for c in _LABEL_COLS if c in cols), None)
        if tcol is None or lcol is None or lang is None:
            return []
        rows = [(r[tcol], lab) for r in reader if r.get(tcol) and (lab := _label(r.get(lcol) or ""))]
    return [LabeledSet(f"{lang}-{path.stem}", lang, path, rows=rows)] if rows else []


def find_sets(root: Path) -> list[LabeledSet]:
    """Every labelled set under ``root`` (a folder or one file), in path order."""
    # folders whose name starts with "_" (raw transcripts, tools) are skipped
    paths = (
        [root]
        if root.is_file()
        else sorted(
            p
            for p in root.rglob("*")
            if p.is_file() and not any(part.startswith("_") for part in p.relative_to(root).parts)
        )
    )
    out: list[LabeledSet] = []
    for p in paths:
        name = p.name.lower()
        lang = _folder_lang(p)
        try:
            if name == "opensentimentcorpus-final-by-majority.csv":
                found = _osc(p)
            elif name.endswith("_groundtruth.txt"):
                found = _vader(p)
            elif name.endswith(".tsv") or (name.endswith(".txt") and "_labelled" in name):
                found = _tsv(p, lang)
            elif name.endswith(".jsonl"):
                found = _jsonl(p, lang)
            elif name.endswith(".csv") and "opensentimentcorpus" not in name:
                found = _csv(p, lang)
            else:
                continue
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            print(f"{p}: skipped ({exc})", file=sys.stderr)
            continue
        out.extend(s for s in found if s.rows)
    return out
