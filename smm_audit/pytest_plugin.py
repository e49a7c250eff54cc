"""smm-audit's testing kit as a pytest plugin: fixtures to build snapshots and run checks.

Installing smm-audit registers this module with pytest (entry point
``pytest11``), so any test can ask for these fixtures without a conftest.py:

``snapshot_builder``
    :class:`smm_audit.testing.SnapshotBuilder`: call it (client fields as
    keywords, ``taken_at=``) for a new builder::

        def test_an_old_post(snapshot_builder, run_check):
            data = snapshot_builder().account("vk", platform="vk").post(days_ago=40)
            assert run_check("my-check", data, max_age_days=30).status == "warn"

``run_check``
    ``run_check(check_id, snapshot_or_builder, *, plugins=(), **options)``: run
    one check as the CLI would, with the built-in plugins and the modules of
    the ``smm_audit_plugins`` ini option and of ``plugins`` (loaded like
    ``-p``), and no other: installed plugins are not loaded unless named, so
    what else is installed cannot change a test. Return its
    :class:`~smm_audit.api.Result` (see :func:`smm_audit.testing.run_check`).

``audit_report``
    ``audit_report(snapshot_or_builder, *, plugins=(), **settings)``: run the
    whole audit (every check, the gate, the triage) and return the report data
    that formats render, e.g. to test a format plugin (see
    :func:`smm_audit.testing.audit_report`).

The assertion helpers are plain functions, imported from :mod:`smm_audit.testing`::

    from smm_audit.testing import assert_finding, assert_no_findings, assert_status

Your plugin, installed or not (a module next to its tests), is loaded by its module's name:
either per call, ``run_check("my-check", data, plugins=["my_check"])``, or for
the whole suite with the ini option::

    [tool.pytest.ini_options]
    smm_audit_plugins = ["my_check"]

Disable the kit with ``pytest -p no:smm_audit``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .api import Result
    from .testing import SnapshotBuilder

INI_PLUGINS = "smm_audit_plugins"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        INI_PLUGINS,
        type="linelist",
        default=[],
        help="smm-audit plugin modules the run_check fixture loads, like 'smm-audit -p MODULE'.",
    )


@pytest.fixture
def snapshot_builder() -> type[SnapshotBuilder]:
    """Make a snapshot builder: ``snapshot_builder(domains=["shop.ru"]).account("vk").post(days_ago=3).build()``."""
    from .testing import SnapshotBuilder

    return SnapshotBuilder


@pytest.fixture
def run_check(request: pytest.FixtureRequest) -> Callable[..., Result]:
    """Run one check on a snapshot dict or builder with options: ``run_check("my-check", data, limit=3)``."""
    from . import testing

    configured = [str(name) for name in request.config.getini(INI_PLUGINS)]

    def run(
        check_id: str,
        data: Mapping[str, Any] | SnapshotBuilder,
        *,
        plugins: Sequence[str] = (),
        **options: Any,
    ) -> Result:
        __tracebackhide__ = True
        return testing.run_check(check_id, data, plugins=list(dict.fromkeys([*configured, *plugins])), **options)

    return run


@pytest.fixture
def audit_report(request: pytest.FixtureRequest) -> Callable[..., dict[str, Any]]:
    """Run the whole audit on a snapshot dict or builder: ``audit_report(data, fail_on="never")`` → report data."""
    from . import testing

    configured = [str(name) for name in request.config.getini(INI_PLUGINS)]

    def run(
        data: Mapping[str, Any] | SnapshotBuilder, *, plugins: Sequence[str] = (), **settings: Any
    ) -> dict[str, Any]:
        __tracebackhide__ = True
        return testing.audit_report(data, plugins=list(dict.fromkeys([*configured, *plugins])), **settings)

    return run
