"""Make ``first_chars.json``: the first characters of every lexicon regex (see :data:`smm_audit.sentiment.INDEX_FILE`).

    python -m smm_audit.sentiment.index          # after editing a [patterns] or [sarcasm] line of a lexicon

Each regex is parsed with ``re._parser`` as reading a lexicon without the index does (the same errors, the same
check for capturing groups), so that the index holds only regexes that read well.
"""

from __future__ import annotations

import json
from pathlib import Path
from re import _parser  # type: ignore[attr-defined]  # as smm_audit.sentiment reads the regexes
from typing import Any

from smm_audit import bundled, sentiment

LEXICON_FILES = ("common.txt", *(f"{lang}.txt" for lang in sentiment.SUPPORTED_LANGUAGES))


def build() -> dict[str, Any]:
    """The index of the shipped lexicons, every regex parsed (none taken from the shipped index)."""
    table: dict[str, Any] = {}
    for name in LEXICON_FILES:
        lex = sentiment._parse(bundled.read_text("smm_audit.sentiment", "lexicons", name), name)
        for rx in [rx for _weight, rx in lex.patterns] + lex.sarcasm:
            chars, empty = sentiment._first_chars(_parser.parse(rx))
            table[rx] = ["".join(sorted(chars)) if chars is not None else None, empty]
    return {
        "about": "made by python -m smm_audit.sentiment.index; see smm_audit.sentiment.INDEX_FILE",
        "first_chars": table,
    }


def text() -> str:
    """The file: one regex a line, sorted, so that a lexicon change shows as a small diff."""
    index = build()
    lines = [f"{json.dumps(rx, ensure_ascii=False)}: {json.dumps(v)}" for rx, v in sorted(index["first_chars"].items())]
    about = json.dumps(index["about"])
    return '{"about": ' + about + ',\n"first_chars": {\n' + ",\n".join(lines) + "\n}}\n"


def main() -> None:
    path = Path(sentiment.__file__).with_name(sentiment.INDEX_FILE)
    path.write_text(text(), encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
