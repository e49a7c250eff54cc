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
