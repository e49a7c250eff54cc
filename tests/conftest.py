"""Shared fixtures: a CLI runner, the shipped examples, and snapshot files written to tmp_path."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from smm_audit import plugins
from smm_audit.cli import main
from smm_audit.testing import make_snapshot

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DEMO = EXAMPLES / "demo-snapshot.json"
HEALTHY = EXAMPLES / "healthy-snapshot.json"


@pytest.fixture
def cli() -> Callable[..., Result]:
    """Run the CLI in-process: ``cli("run", path, "-f", "json")``; stderr is kept apart."""

    def invoke(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None) -> Result:
        runner = CliRunner()
        return runner.invoke(main, list(args), input=input, env=env, catch_exceptions=False)

    return invoke


@pytest.fixture
def write_snapshot(tmp_path: Path) -> Callable[..., Path]:
    """Write a snapshot (a dict merged into a minimal valid one, or raw bytes/str) and return its path."""

    def write(content: Any = None, name: str = "snapshot.json", **fields: Any) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(json.dumps(content if content is not None else make_snapshot(**fields)), encoding="utf-8")
        return path

    return write


@pytest.fixture
def plugin_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str, str], str]:
    """Write a plugin module into an importable folder: ``plugin_dir("my_rules", SOURCE)`` returns its name."""
    monkeypatch.syspath_prepend(str(tmp_path))

    def write(name: str, source: str) -> str:
        (tmp_path / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
        return name

    return write


@pytest.fixture(autouse=True)
def only_named_plugins(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The suite's results must not depend on what is installed: no entry point loads unless a test names it.

    ``@pytest.mark.entry_points("example")`` lets the installed entry points of those names load; otherwise
    SMM_AUDIT_DISABLE_PLUGIN_AUTOLOAD is set, for the CLI run in a subprocess too. The SMM_AUDIT_PLUGINS of
    the environment the tests run in is ignored.
    """
    monkeypatch.delenv(plugins.ENV_VAR, raising=False)
    marker = request.node.get_closest_marker("entry_points")
    if marker is None:
        monkeypatch.setenv(plugins.NO_AUTOLOAD_VAR, "1")
        return
    monkeypatch.delenv(plugins.NO_AUTOLOAD_VAR, raising=False)
    installed = plugins.installed_entry_points
    monkeypatch.setattr(plugins, "installed_entry_points", lambda: [ep for ep in installed() if ep.name in marker.args])
