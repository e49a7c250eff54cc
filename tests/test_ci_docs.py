"""docs/ci.md: the shell example runs as written; the pre-commit hook calls a real command."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DEMO, HEALTHY, ROOT

DOC = (ROOT / "docs" / "ci.md").read_text("utf-8")


def shell_example() -> str:
    section = DOC.split("## A plain shell script", 1)[1]
    return re.search(r"```sh\n(.*?)```", section, re.S).group(1)


@pytest.fixture
def env():
    bin_dir = Path(sys.executable).parent
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}", "NO_COLOR": "1"}


@pytest.mark.parametrize(("snapshot", "code", "said"), [(DEMO, 1, "gate failed"), (HEALTHY, 0, "gate passed")])
def test_shell_example_runs(tmp_path, env, snapshot, code, said):
    script = tmp_path / "audit.sh"
    script.write_text(shell_example(), encoding="utf-8")
    result = subprocess.run(["sh", str(script), str(snapshot)], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == code, result.stderr
    assert f"smm-audit: {said}" in result.stdout
    for name in ("audit.json", "audit.xml", "audit.sarif", "audit.md"):
        assert (tmp_path / "build" / name).stat().st_size > 0, name


def test_shell_example_reports_bad_input(tmp_path, env):
    script = tmp_path / "audit.sh"
    script.write_text(shell_example(), encoding="utf-8")
    (tmp_path / "bad.json").write_text("[]", encoding="utf-8")
    result = subprocess.run(["sh", str(script), "bad.json"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 2
    assert "invalid" in result.stdout


def test_ci_commands_use_real_options(cli):
    for line in re.findall(r"smm-audit run [^\n]*", DOC):
        for option in re.findall(r"(--[a-z-]+)", line):
            assert option in cli("run", "--help").stdout, option
    for fmt in set(re.findall(r"--report ([a-z]+)=", DOC)):
        assert fmt in {"json", "junit", "sarif", "markdown", "html", "text"}


def test_pre_commit_hook_points_at_validate(tmp_path, env):
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text("utf-8")
    entry = re.search(r"entry: (.+)", hooks).group(1).split()
    pattern = re.compile(re.search(r"files: (.+)", hooks).group(1))
    exclude = re.compile(re.search(r"exclude: (.+)", hooks).group(1))

    def checked(path: str) -> bool:  # as pre-commit decides: files matches and exclude does not
        return bool(pattern.search(path)) and not exclude.search(path)

    for path in ("snapshots/client.json", "audits/snapshots/2026/client.json.gz", "demo-snapshot.json.gz"):
        assert checked(path), path
    for path in ("package.json", "snapshot.schema.json", "schemas/snapshot.json", "snapshots/README.md"):
        assert not checked(path), path
    result = subprocess.run([*entry, str(DEMO), str(HEALTHY)], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
