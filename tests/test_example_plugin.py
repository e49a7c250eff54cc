"""The example plugin (examples/plugin), once installed, is an ordinary entry-point plugin everywhere.

Install it next to smm-audit first: ``pip install -e examples/plugin``. These
tests fail, rather than skip, when it is missing. Its own tests, written with
the testing kit, are in examples/plugin/tests.
"""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "examples" / "demo-snapshot.json"
HEALTHY = ROOT / "examples" / "healthy-snapshot.json"
DIST = "smm-audit-example-plugin"
CHECK = "posting-hours"

pytestmark = pytest.mark.entry_points("example")  # the suite loads no other installed plugin (tests/conftest.py)


@pytest.fixture
def example_version() -> str:
    try:
        return metadata.distribution(DIST).version
    except metadata.PackageNotFoundError:
        pytest.fail(f"{DIST} is not installed: run 'pip install -e examples/plugin' next to smm-audit", pytrace=False)


def test_its_check_is_listed(cli, example_version):
    rows = {row["id"]: row for row in json.loads(cli("checks", "-f", "json").stdout)}
    assert rows[CHECK]["plugin"] == "example"
    assert rows[CHECK]["category"] == "activity"
    assert {o["name"] for o in rows[CHECK]["options"]} >= {"timezone", "active_from", "active_until"}
    assert CHECK in cli("checks").stdout


def test_it_is_listed_as_an_entry_point_plugin_with_its_version(cli, example_version):
    rows = {row["name"]: row for row in json.loads(cli("plugins", "-f", "json").stdout)}
    assert rows["example"]["source"] == "entry point"
    assert rows["example"]["version"] == example_version
    assert rows["example"]["checks"] == [CHECK]
    assert f"example {example_version} (entry point): {CHECK}" in cli("plugins").stdout


def test_its_check_is_in_the_demo_report(cli, example_version):
    result = cli("run", str(DEMO), "-f", "json")
    checks = {c["id"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks[CHECK]["status"] in ("pass", "warn", "fail")
    assert checks[CHECK]["metrics"]["timezone"] == "Europe/Moscow"  # from the client's target_regions
    assert checks[CHECK]["metrics"]["posts_checked"] > 0


def test_it_does_not_fail_the_healthy_example(cli, example_version):
    result = cli("run", str(HEALTHY), "-f", "json")
    checks = {c["id"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks[CHECK]["status"] == "pass"
    assert checks[CHECK]["findings"] == []


def test_it_can_be_disabled(cli, example_version):
    assert CHECK not in cli("checks", "-p", "no:example").stdout
    assert CHECK not in cli("checks", "--no-plugins").stdout


def test_it_explains_itself_in_four_parts(cli, example_version):
    text = cli("explain", CHECK).stdout
    for part in ("## What it checks", "## Why it matters", "## Example", "## How to fix", "## Options", "timezone"):
        assert part in text, part
