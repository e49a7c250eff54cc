"""SMM_AUDIT_STAGES (smm_audit/stages.py): a measured run names its stages and reports the same bytes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from smm_audit.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_stages_are_written_and_the_report_is_unchanged(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    stages = tmp_path / "stages.jsonl"
    out = tmp_path / "report.json"
    args = ["run", "examples/demo-snapshot.json", "-f", "json", "-o", str(out), "--no-plugins", "--fail-on", "never"]
    result = CliRunner().invoke(main, args, catch_exceptions=False, env={"SMM_AUDIT_STAGES": str(stages)})
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == (ROOT / "tests" / "golden" / "demo.json").read_bytes()
    entries = [json.loads(line) for line in stages.read_text("utf-8").splitlines()]
    names = [entry["stage"] for entry in entries]
    assert names[:4] == ["read", "sha256", "parse", "validate snapshot"]
    assert "references" in names
    assert "check bot-followers" in names
    assert names[-2:] == ["report", "format json"]
    assert all(entry["cpu"] >= 0 and entry["wall"] >= 0 and entry["maxrss_mib"] > 0 for entry in entries)


def test_nothing_is_written_without_the_variable(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SMM_AUDIT_STAGES", raising=False)
    args = ["validate", str(ROOT / "examples" / "demo-snapshot.json")]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert list(tmp_path.iterdir()) == []
