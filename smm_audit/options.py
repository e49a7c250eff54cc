"""The command line's shared options: click types, option factories, and what the options turn into.

Used by the commands of :mod:`smm_audit.cli`: ``--plugin``/``--no-plugins``, the URL options
(``--header``, ``--header-env``, the timeouts, ``--max-accounts``) and the gate's (``--select``,
``--fail-on``, ``--baseline``, ``--config``, …).
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from typing import Any

import click

from . import config as config_module
from . import gate, sources
from .errors import UsageError


class FiniteFloatRange(click.FloatRange):
    """click.FloatRange that also refuses nan and inf (``nan < 0`` is false, so a range alone lets nan in)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number.", param, ctx)
        return number


STDOUT = "-"
"""The output path that means standard output."""


class OutputPath(click.Path):
    """A file to write, or ``-`` for standard output (click's convention); an empty path is refused."""

    def __init__(self) -> None:
        super().__init__(dir_okay=False, allow_dash=True)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value:
            self.fail("the path is empty.", param, ctx)
        return super().convert(value, param, ctx)


def plugin_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option(
        "--no-plugins",
        is_flag=True,
        help="Load only the built-in plugins and those named with -p: no installed ones, no SMM_AUDIT_PLUGINS.",
    )(func)
    return click.option(
        "-p",
        "--plugin",
        "plugin_modules",
        multiple=True,
        metavar="MODULE",
        help="Load a plugin module (importable name; the current directory is searched); 'no:NAME' disables "
        "the plugin NAME. Repeatable. Also read from SMM_AUDIT_PLUGINS (comma-separated).",
    )(func)


def fetch_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option(
        "--header",
        "headers",
        multiple=True,
        metavar='"NAME: VALUE"',
        help='HTTP header for a SNAPSHOT given as a URL, e.g. "Authorization: Bearer $TOKEN" (double quotes, so '
        "that the shell expands the variable). Repeatable; never echoed.",
    )(func)
    func = click.option(
        "--header-env",
        "header_envs",
        multiple=True,
        metavar="NAME=VAR",
        help="HTTP header NAME with the value of the environment variable VAR, e.g. Authorization=EXPORT_AUTH: "
        "keeps a token out of the command line and the shell's history. Repeatable; never echoed.",
    )(func)
    func = click.option(
        "--download-timeout",
        type=FiniteFloatRange(min=0.1, max=config_module.MAX_TIMEOUT),
        default=sources.DEFAULT_DOWNLOAD_TIMEOUT,
        show_default=True,
        help="Seconds a URL's whole download may take, redirects included (--timeout is between two reads).",
    )(func)
    func = click.option(
        "--max-accounts",
        type=click.IntRange(min=1),
        default=sources.DEFAULT_MAX_ACCOUNTS,
        show_default=True,
        help="Most accounts the snapshot may list (one client's presence); more is refused.",
    )(func)
    return click.option(
        "--timeout",
        type=FiniteFloatRange(min=0.1, max=config_module.MAX_TIMEOUT),
        default=sources.DEFAULT_TIMEOUT,
        show_default=True,
        help="Seconds to wait for a URL's server to connect or send data.",
    )(func)


def fetch_from(
    headers: Sequence[str], header_envs: Sequence[str], timeout: float, download_timeout: float, max_accounts: int
) -> sources.FetchOptions:
    """The URL options (:func:`fetch_options`) as :class:`~smm_audit.sources.FetchOptions`; a bad header is refused."""
    parsed: dict[str, str] = {}
    for i, header in enumerate(headers, 1):
        name, sep, value = header.partition(":")
        if not sep or not name.strip():
            raise UsageError(f"--header #{i} must look like 'Name: value'")
        sources.check_header(i, name.strip(), value.strip())
        parsed[name.strip()] = value.strip()
    for i, spec in enumerate(header_envs, 1):
        name, sep, variable = (part.strip() for part in spec.partition("="))
        if not sep or not name or not variable:
            raise UsageError(f"--header-env #{i} must look like NAME=VARIABLE")
        found = os.environ.get(variable)
        if found is None:  # the variable's name is no secret; its value, never quoted, may be one
            raise UsageError(f"--header-env #{i}: the environment variable {variable!r} is not set")
        sources.check_header(i, name, found.strip(), option="--header-env")
        parsed[name] = found.strip()
    return sources.FetchOptions(
        headers=parsed,
        timeout=timeout,
        download_timeout=download_timeout,
        max_bytes=sources.DEFAULT_MAX_BYTES,
        max_accounts=max_accounts,
    )


def config_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--config",
        "config_file",
        type=click.Path(dir_okay=False),
        help="TOML file with the settings at top level (default: [tool.smm-audit] in the nearest pyproject.toml).",
    )(func)


def gate_options(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option(
            "--select", multiple=True, metavar="IDS", help="Run only these checks (comma-separated; repeatable)."
        ),
        click.option(
            "--ignore", multiple=True, metavar="IDS", help="Do not run these checks (comma-separated; repeatable)."
        ),
        click.option(
            "--fail-on",
            type=click.Choice(gate.FAIL_ON_CHOICES),
            help="Fail the gate on an open finding at least this severe; 'never' turns it off. "
            f"[default: {gate.DEFAULT_FAIL_ON}]",
        ),
        click.option(
            "--fail-under",
            type=FiniteFloatRange(0, 100),
            metavar="SCORE",
            help="Fail the gate when the score (0-100) is lower.",
        ),
        click.option(
            "--min-coverage",
            type=FiniteFloatRange(0, 1),
            metavar="SHARE",
            help="Fail the gate when less than this share (0-1) of the checks' weight could be assessed "
            f"(0 never fails).  [default: {gate.DEFAULT_MIN_COVERAGE:g}]",
        ),
        click.option(
            "--baseline",
            type=click.Path(dir_okay=False),
            help="Findings recorded in this file (smm-audit baseline) do not fail the gate.",
        ),
        click.option(
            "--check-timeout",
            type=FiniteFloatRange(min=config_module.MIN_TIMEOUT, max=config_module.MAX_TIMEOUT),
            metavar="SECONDS",
            help="Stop waiting for a check after this long and report it as an error (at most 86400, a day). "
            "[default: 300]",
        ),
        config_option,
    ]
    for option in reversed(options):
        func = option(func)  # type: ignore[assignment,arg-type]
    return func


def apply_flags(config: config_module.Config, **flags: Any) -> None:
    """The gate's flags (:func:`gate_options`) over the configuration, each with its flag as origin."""
    for key, value in flags.items():
        if key in ("select", "ignore"):
            value = split_ids(value)
        config.override(key, value, f"--{key.replace('_', '-')}")


def split_ids(values: Sequence[str]) -> list[str]:
    """``--select a,b --select c`` → ``["a", "b", "c"]``."""
    return [item.strip() for value in values for item in value.split(",") if item.strip()]
