"""The smm-audit command line: run, validate, checks, explain, schema, plugins."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

import click

from . import __version__, checkdoc, engine, gate, plugins, report, sources, validate
from .errors import EXIT_CHECK_FAILED, EXIT_GATE_FAILED, EXIT_PASSED, SmmAuditError, UsageError
from .load import load
from .output import write_atomic, write_stream
from .redact import Redactor, secrets_of

EXIT_CODES_HELP = """\b
Exit codes:
  0  the audit ran and the gate passed
  1  the gate failed (a finding at or above --fail-on, or a score under --fail-under)
  2  usage or input error (bad option, unreadable or invalid snapshot, plugin that fails to load)
  3  a check, a plugin or smm-audit itself failed while running"""


def _guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn our errors into one line per problem and an exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SmmAuditError as exc:
            for line in exc.lines():
                click.echo(f"error: {line}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("error: interrupted", err=True)
            sys.exit(130)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # a bug of ours: say so in one line, exit 3
            click.echo(f"error: internal error: {type(exc).__name__}: {exc} (please report it)", err=True)
            sys.exit(EXIT_CHECK_FAILED)

    return wrapper


def _split_ids(values: Sequence[str]) -> list[str]:
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def plugin_options(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "-p",
        "--plugin",
        "plugin_modules",
        multiple=True,
        metavar="MODULE",
        help="Load a plugin module (importable name; the current directory is searched). Repeatable. "
        "Also read from SMM_AUDIT_PLUGINS (comma-separated).",
    )(func)


def fetch_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option(
        "--header",
        "headers",
        multiple=True,
        metavar="'NAME: VALUE'",
        help="HTTP header for a SNAPSHOT given as a URL, e.g. 'Authorization: Bearer …'. Repeatable; never echoed.",
    )(func)
    return click.option(
        "--timeout",
        type=click.FloatRange(min=0.1),
        default=sources.DEFAULT_TIMEOUT,
        show_default=True,
        help="Seconds to wait for a URL's server to connect or send data.",
    )(func)


def _fetch(headers: Sequence[str], timeout: float) -> sources.FetchOptions:
    parsed: dict[str, str] = {}
    for i, header in enumerate(headers, 1):
        name, sep, value = header.partition(":")
        if not sep or not name.strip():
            raise UsageError(f"--header #{i} must look like 'Name: value'")
        parsed[name.strip()] = value.strip()
    return sources.FetchOptions(headers=parsed, timeout=timeout)


def _emit(text: str, color: bool) -> None:
    write_stream(sys.stdout.buffer, text if color else click.unstyle(text))


def _use_color(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Run 'smm-audit COMMAND --help' for a command's options and examples.",
)
@click.version_option(__version__, "-V", "--version", prog_name="smm-audit")
def main() -> None:
    """Audit a client's social-media presence from a JSON snapshot.

    \b
    Examples:
      smm-audit run examples/demo-snapshot.json
      smm-audit run snapshot.json -f json -o audit.json --fail-on critical
      smm-audit validate snapshot.json
      smm-audit checks
      smm-audit explain CHECK_ID
    """


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("snapshot")
@click.option(
    "-f",
    "--format",
    "fmt",
    default="text",
    show_default=True,
    metavar="FORMAT",
    help="Report format: text, json, or one a plugin adds.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the report to this file (atomically) instead of standard output.",
)
@click.option("--select", multiple=True, metavar="IDS", help="Run only these checks (comma-separated ids; repeatable).")
@click.option(
    "--ignore", multiple=True, metavar="IDS", help="Do not run these checks (comma-separated ids; repeatable)."
)
@click.option(
    "--fail-on",
    type=click.Choice(gate.FAIL_ON_CHOICES),
    default=gate.DEFAULT_FAIL_ON,
    show_default=True,
    help="Fail the gate when a finding is at least this severe; 'never' turns this off.",
)
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    metavar="SCORE",
    help="Fail the gate when the score (0-100) is lower.",
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text report (NO_COLOR is respected).",
)
@fetch_options
@plugin_options
@_guarded
def run(
    snapshot: str,
    fmt: str,
    output: str | None,
    select: Sequence[str],
    ignore: Sequence[str],
    fail_on: str,
    fail_under: float | None,
    color: str,
    headers: Sequence[str],
    timeout: float,
    plugin_modules: Sequence[str],
) -> None:
    """Audit SNAPSHOT (a path, '-' for standard input, or an http(s) URL) and report.

    \b
    Examples:
      smm-audit run examples/demo-snapshot.json
      smm-audit run snapshot.json.gz -f json -o build/audit.json
      smm-audit run - < snapshot.json --select CHECK_ID,CHECK_ID
      smm-audit run https://exports.example/client.json --header 'Authorization: Bearer $TOKEN'
      smm-audit run snapshot.json --fail-on never --fail-under 70
    """
    registry = plugins.load(plugin_modules)
    checks = registry.select(_split_ids(select), _split_ids(ignore))
    renderer = registry.format(fmt)
    loaded = load(snapshot, _fetch(headers, timeout))
    outcomes = engine.run(loaded.snapshot, checks, hooks=registry.manager.hook)
    data = report.build(loaded, outcomes, fail_on=fail_on, fail_under=fail_under, with_lines=renderer.wants_lines)
    text = Redactor(secrets_of(loaded.snapshot.data))(renderer.render(data))
    if output:
        write_atomic(output, click.unstyle(text))
    else:
        _emit(text, _use_color(color))
    if any(o.result.status == "error" for o in outcomes):
        sys.exit(EXIT_CHECK_FAILED)
    sys.exit(EXIT_PASSED if data["gate"]["passed"] else EXIT_GATE_FAILED)


@main.command("validate")
@click.argument("snapshot")
@fetch_options
@_guarded
def validate_command(snapshot: str, headers: Sequence[str], timeout: float) -> None:
    """Check SNAPSHOT against the schema and its references; run no checks.

    Exit 0 when it is valid, 2 with one line per problem when it is not.

    \b
    Examples:
      smm-audit validate examples/demo-snapshot.json
      cat export.json | smm-audit validate -
    """
    loaded = load(snapshot, _fetch(headers, timeout))
    snap = loaded.snapshot
    click.echo(
        f"{loaded.source}: valid snapshot {snap.schema_version} of {snap.client.get('name')!r}, "
        f"{len(snap.accounts)} accounts"
    )


@main.command("checks")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@plugin_options
@_guarded
def checks_command(fmt: str, plugin_modules: Sequence[str]) -> None:
    """List the checks that 'run' would run, from every plugin.

    \b
    Examples:
      smm-audit checks
      smm-audit checks -f json
    """
    registry = plugins.load(plugin_modules)
    owners = {check_id: info.name for info in registry.plugins for check_id in info.checks}
    if fmt == "json":
        rows = [_check_json(c, owners[c.id]) for c in registry.checks.values()]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    width = max((len(i) for i in registry.checks), default=2)
    click.echo(f"{'ID':<{width}}  {'CATEGORY':<10}  {'SEVERITY':<8}  {'WEIGHT':>6}  TITLE")
    for check in registry.checks.values():
        click.echo(f"{check.id:<{width}}  {check.category:<10}  {check.severity:<8}  {check.weight:>6g}  {check.title}")


def _check_json(check: Any, plugin: str) -> dict[str, Any]:
    return {
        "id": check.id,
        "title": check.title,
        "category": check.category,
        "severity": check.severity,
        "weight": check.weight,
        "summary": check.summary,
        "plugin": plugin,
        "requires": list(check.requires),
        "options": [
            {"name": o.name, "type": o.type.__name__, "default": o.default, "help": o.help} for o in check.options
        ],
    }


@main.command()
@click.argument("check_id")
@plugin_options
@_guarded
def explain(check_id: str, plugin_modules: Sequence[str]) -> None:
    """Explain a check: what it checks, why, its sources, the data it needs, its options.

    \b
    Examples:
      smm-audit checks
      smm-audit explain CHECK_ID
    """
    registry = plugins.load(plugin_modules)
    click.echo(checkdoc.render(registry.check(check_id)), nl=False)


@main.command()
@click.argument("name", type=click.Choice(["snapshot", "report"]))
@_guarded
def schema(name: str) -> None:
    """Print the JSON Schema of a snapshot or of the JSON report.

    \b
    Examples:
      smm-audit schema snapshot > snapshot.schema.json
    """
    click.echo(json.dumps(validate.load_schema(name), indent=2, ensure_ascii=False))


@main.command("plugins")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@plugin_options
@_guarded
def plugins_command(fmt: str, plugin_modules: Sequence[str]) -> None:
    """List the loaded plugins: name, version, where they come from, what they register.

    \b
    Examples:
      smm-audit plugins
      smm-audit plugins -p my_checks -f json
    """
    registry = plugins.load(plugin_modules)
    rows = [
        {"name": p.name, "version": p.version, "source": p.source, "checks": p.checks, "formats": p.formats}
        for p in registry.plugins
    ]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        version = f" {row['version']}" if row["version"] else ""
        provides = ", ".join([*row["checks"], *(f"format {f}" for f in row["formats"])]) or "nothing"
        click.echo(f"{row['name']}{version} ({row['source']}): {provides}")
