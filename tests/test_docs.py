"""The docs say what the code does: generated check docs are current, README commands are real."""

from __future__ import annotations

from pathlib import Path

from smm_audit import checkdoc

ROOT = Path(__file__).resolve().parent.parent


def test_check_docs_are_generated_from_the_checks():
    stale = checkdoc.write_all(str(ROOT / "docs" / "checks"), check_only=True)
    assert stale == [], "run: python -m smm_audit.checkdoc docs/checks"


def test_every_builtin_check_has_four_part_docs():
    for path in sorted((ROOT / "docs" / "checks").glob("*.md")):
        text = path.read_text("utf-8")
        for part in ("## What it checks", "## Why it matters", "## Example", "## How to fix"):
            assert part in text, (path.name, part)


def test_snapshot_docs_are_generated_from_the_schema():
    from smm_audit import schemadoc

    current = (ROOT / "docs" / "snapshot.md").read_text("utf-8")
    assert current == schemadoc.render(), "run: python -m smm_audit.schemadoc > docs/snapshot.md"


def test_the_sentiment_docs_examples_give_what_they_show():
    """docs/sentiment.md's ``>>> classify(...)`` lines and the answers under them (a refit moves the probabilities)."""
    import doctest

    from smm_audit import sentiment

    text = (ROOT / "docs" / "sentiment.md").read_text("utf-8")
    blocks = [block.split("```", 1)[0] for block in text.split("```python\n")[1:] if ">>> " in block]
    assert blocks, "docs/sentiment.md has no >>> example"
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for number, block in enumerate(blocks):
        test = parser.get_doctest(block, {"classify": sentiment.classify}, f"example {number}", "sentiment.md", 0)
        runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
