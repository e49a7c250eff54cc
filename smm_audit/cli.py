"""The smm-audit command line: run, validate, checks, explain, calibrate, schema, plugins, collect.

Console I/O (the error guard, standard output, colour, width) is :mod:`smm_audit.console`; the options several
commands share (click types, option factories) are :mod:`smm_audit.options`. A command imports
what it needs when it runs (the plugins and their checks, the snapshot reader, the schema validator), so that
``--help`` or ``smm-audit schema`` does not pay for an audit.
"""

from __future__ import annotations

import errno
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__, collect, display, sources
from . import config as config_module
from .console import emit, error_lines, guarded, out, stdout_closed, use_color, width
from .errors import (
    EXIT_CHECK_FAILED,
    EXIT_GATE_FAILED,
    EXIT_PASSED,
    EXIT_USAGE,
    PluginRunError,
    SmmAuditError,
    UsageError,
)
from .options import (
    STDOUT,
    OutputPath,
    apply_flags,
    config_option,
    fetch_from,
    fetch_options,
    gate_options,
    plugin_options,
)

if TYPE_CHECKING:
    from . import audit, plugins

EXIT_CODES_HELP = """\b
Exit codes:
  0  the audit ran and the gate passed
  1  the gate failed (a finding at or above --fail-on, or a score under --fail-under)
  2  usage or input error (bad option, unreadable or invalid snapshot, plugin that fails to load)
  3  a check, a plugin or smm-audit itself failed while running
A reader that stops early (| head) is not an error: the exit code stays the one above."""


def _write(path: str, text: str, what: str = "report") -> None:
    """write_atomic, with a failure (a directory, no such parent, no space, permission) as a usage error;
    ``-`` is standard output."""
    from .output import write_atomic

    if path == STDOUT:
        emit(text, color=False)
        return
    try:
        write_atomic(path, text)
    except OSError as exc:
        reason = exc.strerror or errno.errorcode.get(exc.errno or 0) or type(exc).__name__
        raise UsageError(f"cannot write {what} to {click.format_filename(path)}: {reason}") from None


def _refuse_closed_stdout(output: str, what: str) -> None:
    """``-o -`` with standard output closed: refused before the work (which ``emit`` would refuse after it)."""
    if output == STDOUT and stdout_closed():
        raise UsageError(f"standard output is closed: write {what} with -o FILE")


def _refuse_overwriting_input(
    snapshot: str | None, outputs: Sequence[tuple[str, str]], others: Sequence[tuple[str, str | None]] = ()
) -> None:
    """A file written over an input would lose it: refuse.

    The inputs are the snapshot (None: none) and ``others`` (what each is, its path: the baseline a run
    reads, the configuration file, a check option's file); the same file by any path or link counts.
    """
    inputs = [(what, stat) for what, path in others if path and (stat := _stat(path))]
    # an unreadable snapshot is left to loading, which says why
    if snapshot is not None and not sources.is_url(snapshot) and (stat := _stat(snapshot, stdin=snapshot == "-")):
        inputs.append(("the snapshot itself", stat))
    for option, path in outputs:
        if path == STDOUT:
            continue  # standard output replaces no file
        try:
            target = os.stat(Path(path))  # what write_atomic writes: pathlib reads "snap.json/" as "snap.json"
        except (OSError, ValueError):
            continue
        for what, source in inputs:
            if (target.st_dev, target.st_ino) == (source.st_dev, source.st_ino):
                raise UsageError(f"{option} {click.format_filename(path)} is {what}; refusing to overwrite it")


def _stat(path: str, stdin: bool = False) -> os.stat_result | None:
    """The file's identity (standard input's when ``stdin``), or None when it cannot be read."""
    try:
        return os.fstat(sys.stdin.fileno()) if stdin else os.stat(path)
    except (OSError, ValueError, AttributeError):
        return None


def _read_files(
    config: config_module.Config, registry: plugins.Registry, baseline: str | None = None
) -> list[tuple[str, str | None]]:
    """The files besides the snapshot that a command reads: the configuration, check options' files, the baseline."""
    files: list[tuple[str, str | None]] = [("the configuration file", str(config.path) if config.path else None)]
    files.extend(config_module.option_files(config, registry))
    if baseline:
        files.append(("the baseline the run reads", baseline))
    return files


def _refuse_one_path_twice(outputs: Sequence[tuple[str, str]]) -> None:
    """Two reports written to one file (by the same or another path) would keep only the last: refuse."""
    seen: dict[Any, tuple[str, str]] = {}
    for option, path in outputs:
        try:
            key: Any = os.path.realpath(path)
            stat = os.stat(path)
            key = (stat.st_dev, stat.st_ino)
        except (OSError, ValueError):
            pass  # a file not written yet: its resolved path is its identity
        if key in seen:
            first_option, first_path = seen[key]
            raise UsageError(
                f"{option} {click.format_filename(path)} is the file {first_option} "
                f"{click.format_filename(first_path)} already writes: give each report its own file"
            )
        seen[key] = (option, path)


def _registry(config: config_module.Config, plugin_modules: Sequence[str], no_plugins: bool) -> plugins.Registry:
    from . import audit

    return audit.registry_for(config, plugin_modules, autoload=not no_plugins)


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


def _config(config_file: str | None) -> config_module.Config:
    return config_module.load(config_file)


def _parse_reports(values: Sequence[str], registry: plugins.Registry) -> list[tuple[Any, str]]:
    reports = []
    for value in values:
        name, sep, path = value.partition("=")
        if not sep or not path:
            raise UsageError(f"--report {value!r} must look like FORMAT=PATH (e.g. junit=build/audit.xml)")
        if path == STDOUT:
            raise UsageError(f"--report {value!r}: standard output carries the main report (-f, -o); give a file")
        reports.append((registry.format(name.strip()), path))
    return reports


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("snapshot")
@click.option(
    "-f",
    "--format",
    "fmt",
    default="text",
    show_default=True,
    metavar="FORMAT",
    help="Report format on standard output: text, json, junit, sarif, markdown, html, or one a plugin adds.",
)
@click.option(
    "-o",
    "--output",
    type=OutputPath(),
    help="Write that report to this file, atomically ('-': standard output, as without -o).",
)
@click.option(
    "--report",
    "reports",
    multiple=True,
    metavar="FORMAT=PATH",
    help="Also write a report in FORMAT to PATH, atomically (repeatable): --report sarif=build/audit.sarif",
)
@gate_options
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text report (NO_COLOR and TERM=dumb are respected).",
)
@click.option(
    "--max-findings",
    type=click.IntRange(min=0),
    default=display.DEFAULT_MAX_FINDINGS,
    show_default=True,
    metavar="N",
    help="Findings the text report shows per check; 0 shows all (the other formats list up to max_findings_per_check).",
)
@fetch_options
@plugin_options
@guarded
def run(
    snapshot: str,
    fmt: str,
    output: str | None,
    reports: Sequence[str],
    color: str,
    max_findings: int,
    headers: Sequence[str],
    header_envs: Sequence[str],
    timeout: float,
    download_timeout: float,
    max_accounts: int,
    plugin_modules: Sequence[str],
    no_plugins: bool,
    config_file: str | None,
    **flags: Any,
) -> None:
    """Audit SNAPSHOT (a path, '-' for standard input, or an http(s) URL) and report.

    \b
    Examples:
      smm-audit run examples/demo-snapshot.json
      smm-audit run snapshot.json.gz -f json -o build/audit.json
      smm-audit run snapshot.json --report junit=build/audit.xml --report sarif=build/audit.sarif
      smm-audit run - < snapshot.json --select CHECK_ID,CHECK_ID
      smm-audit run https://exports.example/client.json --header "Authorization: Bearer $TOKEN"
      smm-audit run https://exports.example/client.json --header-env Authorization=EXPORT_AUTH
      smm-audit run snapshot.json --fail-on never --fail-under 70 --baseline .smm-audit-baseline.json
    """
    from . import audit

    if output == STDOUT:
        output = None
    if not output and stdout_closed():
        raise UsageError("standard output is closed: write the report with -o FILE")
    config = _config(config_file)
    apply_flags(config, **flags)
    registry = _registry(config, plugin_modules, no_plugins)
    main_format = registry.format(fmt)
    extra = _parse_reports(reports, registry)
    outputs = [("--report", p) for _, p in extra] + ([("-o", output)] if output else [])
    _refuse_overwriting_input(snapshot, outputs, _read_files(config, registry, config["baseline"]))
    _refuse_one_path_twice(outputs)
    fetch = fetch_from(headers, header_envs, timeout, download_timeout, max_accounts)
    result = audit.run(snapshot, config, registry, fetch)
    limit = max_findings or None
    for extra_format, path in extra:
        with display.showing(display.Display(max_findings=limit)):  # a file has no terminal: the default width
            _write(path, click.unstyle(audit.render(result, extra_format)))
    with display.showing(display.Display(width=display.DEFAULT_WIDTH if output else width(), max_findings=limit)):
        text = audit.render(result, main_format)
    if output:
        _write(output, click.unstyle(text))
    else:
        emit(text, use_color(color))
    for line in result.notes:
        click.echo(f"note: {line}", err=True)
    for line in result.plugin_errors:
        click.echo(f"error: {line}", err=True)
    if result.errored:
        sys.exit(EXIT_CHECK_FAILED)
    sys.exit(EXIT_PASSED if result.report["gate"]["passed"] else EXIT_GATE_FAILED)


@main.command()
@click.argument("snapshot")
@click.option(
    "-o", "--output", type=OutputPath(), required=True, help="The baseline file to write ('-': standard output)."
)
@config_option
@fetch_options
@plugin_options
@guarded
def baseline(
    snapshot: str,
    output: str,
    config_file: str | None,
    headers: Sequence[str],
    header_envs: Sequence[str],
    timeout: float,
    download_timeout: float,
    max_accounts: int,
    plugin_modules: Sequence[str],
    no_plugins: bool,
) -> None:
    """Record the fingerprints of SNAPSHOT's findings, so that 'run --baseline' fails only on new ones.

    \b
    Examples:
      smm-audit baseline snapshot.json -o .smm-audit-baseline.json
      smm-audit run snapshot.json --baseline .smm-audit-baseline.json
    """
    from . import audit, triage

    _refuse_closed_stdout(output, "the baseline")
    config = _config(config_file)
    config.values["baseline"] = None
    config.values["max_findings_per_check"] = 0  # every finding is recorded, listed in a report or not
    registry = _registry(config, plugin_modules, no_plugins)
    _refuse_overwriting_input(snapshot, [("-o", output)], _read_files(config, registry))
    fetch = fetch_from(headers, header_envs, timeout, download_timeout, max_accounts)
    result = audit.run(snapshot, config, registry, fetch)
    if result.errored:
        _baseline_refused(result, output)
    _write(output, result.redact(triage.render_baseline(result.report)), "the baseline")
    count = sum(len(c["findings"]) for c in result.report["checks"])
    where = "standard output" if output == STDOUT else click.format_filename(output)
    click.echo(f"{where}: {count} finding{'s' if count != 1 else ''} recorded", err=True)


def _baseline_refused(result: audit.Audit, output: str) -> None:
    """A baseline of a run where a check or a plugin failed would miss findings: write nothing, exit 3."""
    for line in result.plugin_errors:
        click.echo(f"error: {line}", err=True)
    failed = [o.check.id for o in result.outcomes if o.result.status == "error"]
    why = []
    if failed:
        why.append(f"check{'s' if len(failed) != 1 else ''} {', '.join(map(repr, failed))} failed")
    if result.plugin_errors:
        why.append(f"{len(result.plugin_errors)} plugin hook{'s' if len(result.plugin_errors) != 1 else ''} failed")
    where = (
        "baseline not written to standard output"
        if output == STDOUT
        else f"{click.format_filename(output)} not written"
    )
    raise PluginRunError(f"{where}: {' and '.join(why)} (see 'smm-audit run'); a baseline must record every finding")


@main.command("config")
@config_option
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@guarded
def config_command(config_file: str | None, fmt: str) -> None:
    """Print the effective configuration and where each value comes from.

    \b
    Examples:
      smm-audit config
      smm-audit config --config smm-audit.toml -f json
    """
    from . import audit

    effective = audit.effective(_config(config_file))
    if fmt == "json":
        data = {k: {"value": v, "from": origin} for k, (v, origin) in effective.items()}
        out(json.dumps(data, indent=2, ensure_ascii=False, default=str))
        return
    for key, (value, origin) in effective.items():
        out(f"{key} = {json.dumps(value, ensure_ascii=False, default=str)}  # {origin}")


@main.command("validate")
@click.argument("snapshots", metavar="SNAPSHOT...", nargs=-1, required=True)
@fetch_options
@guarded
def validate_command(
    snapshots: Sequence[str],
    headers: Sequence[str],
    header_envs: Sequence[str],
    timeout: float,
    download_timeout: float,
    max_accounts: int,
) -> None:
    """Check each SNAPSHOT against the schema and its references; run no checks.

    Exit 0 when all are valid, 2 with one line per problem when one is not.

    \b
    Examples:
      smm-audit validate examples/demo-snapshot.json
      smm-audit validate snapshots/*.json
      cat export.json | smm-audit validate -
    """
    from .load import load
    from .redact import Redactor, secrets_of

    fetch = fetch_from(headers, header_envs, timeout, download_timeout, max_accounts)
    failed = False
    for snapshot in snapshots:
        try:
            loaded = load(snapshot, fetch)
        except SmmAuditError as exc:
            failed = True
            error_lines(exc)
            continue
        snap = loaded.snapshot
        redact = Redactor(secrets_of(snap.data))
        out(
            redact(
                f"{loaded.source}: valid snapshot {snap.schema_version} of {snap.client.get('name')!r}, "
                f"{len(snap.accounts)} accounts"
            )
        )
    if failed:
        sys.exit(EXIT_USAGE)


@main.command("checks")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@plugin_options
@config_option
@guarded
def checks_command(fmt: str, plugin_modules: Sequence[str], no_plugins: bool, config_file: str | None) -> None:
    """List the checks that 'run' would run, from every plugin.

    \b
    Examples:
      smm-audit checks
      smm-audit checks -f json
    """
    registry = _registry(_config(config_file), plugin_modules, no_plugins)
    owners = {check_id: info.name for info in registry.plugins for check_id in info.checks}
    if fmt == "json":
        rows = [_check_json(c, owners[c.id]) for c in registry.checks.values()]
        out(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    width = max((len(i) for i in registry.checks), default=2)
    out(f"{'ID':<{width}}  {'CATEGORY':<10}  {'SEVERITY':<8}  {'WEIGHT':>6}  TITLE")
    for check in registry.checks.values():
        out(f"{check.id:<{width}}  {check.category:<10}  {check.severity:<8}  {check.weight:>6g}  {check.title}")


def _check_json(check: Any, plugin: str) -> dict[str, Any]:
    return {
        "id": check.id,
        "title": check.title,
        "category": check.category,
        "severity": check.severity,
        "weight": check.weight,
        "summary": check.summary,
        "plugin": plugin,
        "requires": [need.path for need in check.requirements()],
        "reads": list(check.reads),
        "options": [
            {"name": o.name, "type": o.type.__name__, "default": o.default, "help": o.help} for o in check.options
        ],
    }


@main.command()
@click.argument("check_id")
@plugin_options
@config_option
@guarded
def explain(check_id: str, plugin_modules: Sequence[str], no_plugins: bool, config_file: str | None) -> None:
    """Explain a check: what it checks, why, its sources, the data it needs, its options.

    \b
    Examples:
      smm-audit checks
      smm-audit explain CHECK_ID
    """
    from . import checkdoc

    registry = _registry(_config(config_file), plugin_modules, no_plugins)
    out(checkdoc.render(registry.check(check_id)), nl=False)


@main.command()
@click.argument("check_id")
@click.argument("labelled")
@click.option(
    "-o", "--output", type=OutputPath(), required=True, help="The weights file to write (JSON; '-': standard output)."
)
@plugin_options
@config_option
@guarded
def calibrate(
    check_id: str, labelled: str, output: str, plugin_modules: Sequence[str], no_plugins: bool, config_file: str | None
) -> None:
    """Fit a check's weights on LABELLED followers (JSON lines or CSV) and write them to a file.

    Prints the cross-validated figures. Point the check's 'weights' option at the file to use it.

    \b
    Examples:
      smm-audit calibrate CHECK_ID labelled.jsonl -o weights.json
      smm-audit calibrate CHECK_ID labelled.csv -o weights.json
    """
    from .rows import read_rows

    _refuse_closed_stdout(output, "the weights")
    config = _config(config_file)
    registry = _registry(config, plugin_modules, no_plugins)
    calibrator = registry.calibrator(check_id)
    config_path = str(config.path) if config.path else None
    inputs = [("the labelled file", labelled), ("the configuration file", config_path)]
    _refuse_overwriting_input(None, [("-o", output)], inputs)
    rows = read_rows(labelled)
    try:
        result = calibrator.fit(rows, labelled)
    except ValueError as exc:
        raise UsageError(f"{click.format_filename(labelled)}: {exc}") from None
    _write(output, json.dumps(result.document, indent=2, ensure_ascii=False) + "\n", "the weights")
    if output == STDOUT:  # the weights are standard output: the figures go beside it
        for line in result.summary:
            click.echo(line, err=True)
        return
    for line in result.summary:
        out(line)
    out(f"wrote {click.format_filename(output)}")


@main.command()
@click.argument("name", type=click.Choice(["snapshot", "report"]))
@guarded
def schema(name: str) -> None:
    """Print the JSON Schema of a snapshot or of the JSON report.

    \b
    Examples:
      smm-audit schema snapshot > snapshot.schema.json
    """
    from . import validate

    out(json.dumps(validate.load_schema(name), indent=2, ensure_ascii=False))


@main.command("plugins")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@plugin_options
@config_option
@guarded
def plugins_command(fmt: str, plugin_modules: Sequence[str], no_plugins: bool, config_file: str | None) -> None:
    """List the loaded plugins: name, version, where they come from, what they register.

    \b
    Examples:
      smm-audit plugins
      smm-audit plugins -p my_checks -f json
    """
    registry = _registry(_config(config_file), plugin_modules, no_plugins)
    rows: list[dict[str, Any]] = [
        {
            "name": p.name,
            "version": p.version,
            "source": p.source,
            "checks": p.checks,
            "formats": p.formats,
            "collectors": p.collectors,
            "extensions": p.extensions,
            "hooks": p.hooks,
            "calibrators": p.calibrators,
        }
        for p in registry.plugins
    ]
    if fmt == "json":
        out(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        version = f" {row['version']}" if row["version"] else ""
        provides = (
            ", ".join(
                [
                    *row["checks"],
                    *(f"format {f}" for f in row["formats"]),
                    *(f"collector {c}" for c in row["collectors"]),
                    *(f"extensions.{e}" for e in row["extensions"]),
                    *(f"hook {h}" for h in row["hooks"]),
                    *(f"calibrate {c}" for c in row["calibrators"]),
                ]
            )
            or "nothing"
        )
        out(f"{row['name']}{version} ({row['source']}): {provides}")


main.add_command(collect.make_command(guarded))  # the command lives in smm_audit/collect.py
