"""Reports stay byte-identical for the same input: the examples and a generated snapshot, in every format.

The stored copies in tests/golden/ were written before the speed work of issue 12, which must not
change a byte of any report. A change that is meant to alter reports (a new finding, a better
classifier) rewrites them on purpose and says why in its commit:

    SMM_AUDIT_UPDATE_GOLDEN=1 python -m pytest tests/test_golden_reports.py

The generated snapshot is ``benchmarks/make_big_snapshot.py 2000`` (fixed seed): keep that
script's output for a given size unchanged, or update the copies with it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from smm_audit.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
FORMATS = ("text", "json", "junit", "sarif", "markdown", "html")
SNAPSHOTS = ("demo", "healthy", "generated")
UPDATE = os.environ.get("SMM_AUDIT_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def snapshot_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """Each snapshot as (folder to run in, path relative to it): paths appear in the reports."""
    generated = tmp_path_factory.mktemp("generated")
    made = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "make_big_snapshot.py"), "2000"],
        check=True,
        capture_output=True,
    )
    (generated / "generated.json").write_bytes(made.stdout)
    return {
        "demo": (ROOT, "examples/demo-snapshot.json"),
        "healthy": (ROOT, "examples/healthy-snapshot.json"),
        "generated": (generated, "generated.json"),
    }


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", SNAPSHOTS)
def test_report_is_byte_identical_to_the_stored_copy(snapshot_dirs, tmp_path, monkeypatch, name, fmt):
    folder, path = snapshot_dirs[name]
    monkeypatch.chdir(folder)
    out = tmp_path / f"report.{fmt}"
    args = ["run", path, "-f", fmt, "-o", str(out), "--no-plugins", "--color", "never", "--fail-on", "never"]
    result = CliRunner().invoke(main, args, catch_exceptions=False, env={"NO_COLOR": "1", "COLUMNS": "100"})
    assert result.exit_code in (0, 1), result.output
    stored = GOLDEN / f"{name}.{fmt}"
    if UPDATE:
        stored.write_bytes(out.read_bytes())
    assert stored.exists(), f"no stored copy {stored.name}: run with SMM_AUDIT_UPDATE_GOLDEN=1"
    assert out.read_bytes() == stored.read_bytes(), f"{name} in {fmt} differs from tests/golden/{stored.name}"
