"""JSONTestSuite (tests/data/jsontestsuite, MIT, Nicolas Seriot): no case may produce a traceback.

None of the cases is a snapshot, so every one must be refused with exit 2 and
one-line errors; the cases that are not JSON at all must be refused at a
``line:column`` or with a whole-file reason.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SUITE = Path(__file__).parent / "data" / "jsontestsuite"
CASES = sorted(p for p in SUITE.glob("*.json"))
WHOLE_FILE_REASONS = ("the file is empty", "not UTF-8", "UTF-16 or UTF-32", "top level", "nesting deeper")


def test_the_suite_is_here():
    assert len(CASES) > 300
    assert (SUITE / "LICENSE.txt").exists()


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_case_is_refused_cleanly(cli, case):
    result = cli("validate", str(case))
    assert "Traceback" not in result.output
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert lines and all(line.startswith(f"error: {case}") for line in lines), lines
    if case.name.startswith("n_"):
        located = re.compile(rf"^error: {re.escape(str(case))}:\d+:\d+: ")
        assert all(located.match(line) or any(r in line for r in WHOLE_FILE_REASONS) for line in lines), lines
