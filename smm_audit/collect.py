"""``smm-audit collect NAME TARGET -o FILE``: one subcommand per registered collector.

The subcommands are built from the plugins' :class:`~smm_audit.api.Collector` objects when click asks for
them, so that a third party's collector (Telegram, OK, …) is listed and run exactly like the built-in VK one.
Each gets the options every collector shares (``-o``, ``--token-env``, ``--api-base``, ``--timeout``,
``-q``) and its own, declared as :class:`~smm_audit.api.Option`. The token is read from the environment,
never from the command line, and no message leaves without it masked.
"""

from __future__ import annotations

import copy
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import click

from .errors import EXIT_USAGE, CollectError, InputError, PluginRunError, SmmAuditError, UsageError
from .redact import PLAIN, Redactor

if TYPE_CHECKING:  # the rest is imported when a collector runs: listing the commands needs none of it
    import httpx

    from . import plugins
    from .api import CollectContext, Collector, Option
    from .checkpoint import Checkpoint

DEFAULT_TIMEOUT = 30.0
"""Seconds to wait for the platform's API to connect or send data."""


class _Relined(SmmAuditError):
    """Another error, with the same exit code, told in other lines (masked, or with a hint added)."""

    def __init__(self, error: SmmAuditError, lines: list[str]) -> None:
        self.exit_code = error.exit_code
        self._lines = lines
        super().__init__(lines[0] if lines else "")

    def lines(self) -> list[str]:
        return self._lines


def read_token(
    collector: Collector, token_env: str | None, environ: Mapping[str, str], token_file: str | None = None
) -> str | None:
    """The token from ``--token-file``, ``--token-env NAME`` or the collector's variable; None when it needs none."""
    if token_file is not None:
        if token_env is not None:
            raise UsageError("give the token by --token-env or by --token-file, not both")
        return _token_from_file(token_file)
    name = token_env or collector.token_env
    if name is None:
        return None
    value = environ.get(name, "").strip()
    if not value:
        raise UsageError(
            f"collector {collector.name!r} needs a token: set the environment variable {name} (or give --token-file)"
        )
    return value


def _token_from_file(path: str) -> str:
    """The first line of the file, stripped; its content is never quoted in an error."""
    try:
        with open(path, encoding="utf-8") as handle:
            value = handle.readline().strip()
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        raise UsageError(f"--token-file {click.format_filename(path)}: cannot read it: {reason}") from None
    if not value:
        raise UsageError(f"--token-file {click.format_filename(path)}: the file is empty")
    return value


def make_http(timeout: float) -> httpx.Client:
    """The HTTP client a collector gets (a test replaces it with one on an httpx.MockTransport)."""
    import httpx

    return httpx.Client(timeout=httpx.Timeout(timeout))


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def run_collector(
    collector: Collector,
    target: str,
    options: Mapping[str, Any],
    context: CollectContext,
) -> dict[str, Any]:
    """Collect, then refuse (exit 3) a result that is not a valid snapshot: that is the collector's bug."""
    data = collector.collect(target, {**collector.defaults(), **options}, context)
    check_snapshot(collector, data)
    return data


def check_snapshot(collector: Collector, data: Mapping[str, Any]) -> None:
    """An invalid snapshot is the collector's bug (or the carrying's): exit 3, nothing written."""
    from . import validate

    problems = validate.validate(json.loads(json.dumps(data)))
    if problems:
        lines = InputError("snapshot", problems).lines(limit=5)
        raise PluginRunError(f"collector {collector.name!r} produced an invalid snapshot: " + "; ".join(lines))


class _Progress:
    """One line on stderr rewritten in place, when stderr is a terminal and -q is not given."""

    def __init__(self, quiet: bool) -> None:
        self.shown = not quiet and sys.stderr.isatty()
        self.stage: str | None = None

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if not self.shown:
            return
        if self.stage is not None and stage != self.stage:
            click.echo("", err=True)
        self.stage = stage
        of = f" of {total:,}" if total is not None else ""
        click.echo(f"\r{stage}: {done:,}{of}", nl=False, err=True)

    def close(self) -> None:
        if self.shown and self.stage is not None:
            click.echo("", err=True)


def _click_option(option: Option) -> click.Option:
    flag = "--" + option.name.replace("_", "-")
    if option.type is bool:
        return click.Option([f"{flag}/--no-{flag[2:]}", option.name], default=option.default, help=option.help)
    kind: Any
    if option.choices is not None:
        kind = click.Choice([str(c) for c in option.choices])
    elif option.type is int:
        kind = click.IntRange(min=_int(option.minimum), max=_int(option.maximum))
    elif option.type is float:
        kind = click.FloatRange(min=option.minimum, max=option.maximum)
    else:
        kind = click.STRING
    shown = option.default not in ("", None)
    return click.Option([flag, option.name], type=kind, default=option.default, show_default=shown, help=option.help)


def _int(value: float | None) -> int | None:
    return None if value is None else int(value)


Guard = Callable[[Callable[..., Any]], Callable[..., Any]]


def _command(collector: Collector, guard: Guard) -> click.Command:
    params: list[click.Parameter] = [
        click.Argument(["target"], metavar=collector.target),
        click.Option(
            ["-o", "--output"],
            type=click.Path(dir_okay=False),
            required=True,
            help="The snapshot file to write (atomically).",
        ),
    ]
    if collector.token_env:
        params.append(
            click.Option(
                ["--token-env"],
                metavar="NAME",
                help=f"Read the token from this environment variable instead of {collector.token_env}. "
                "A token is never taken from the command line, and never printed.",
            )
        )
        params.append(
            click.Option(
                ["--token-file"],
                type=click.Path(dir_okay=False),
                help="Read the token from the first line of this file instead (keep it readable by you only).",
            )
        )
    params += [
        click.Option(["--api-base"], metavar="URL", help="Another address of the platform's API (a test server)."),
        click.Option(
            ["--timeout"],
            type=click.FloatRange(min=0.1, max=3600),
            default=DEFAULT_TIMEOUT,
            show_default=True,
            help="Seconds to wait for the API to connect or send data.",
        ),
        click.Option(
            ["--previous"],
            type=click.Path(dir_okay=False),
            help="The previous snapshot of the same accounts: comments gone since are carried in as deleted, "
            "with their old text (docs/collect-vk.md).",
        ),
        click.Option(
            ["--resume"],
            is_flag=True,
            help="Continue an interrupted collect from its checkpoint (OUTPUT.checkpoint) instead of starting over.",
        ),
        click.Option(["-q", "--quiet"], is_flag=True, help="No progress on standard error."),
        *(_click_option(o) for o in collector.options),
    ]
    target_help = f"\n\n{collector.target}: {collector.target_help}" if collector.target_help else ""

    def callback(**values: Any) -> None:
        _collect_command(collector, values)

    return click.Command(
        collector.name,
        params=params,
        callback=guard(callback),
        help=f"{collector.description}{target_help}",
        short_help=collector.description,
    )


def _collect_command(collector: Collector, values: dict[str, Any]) -> None:
    from . import carry, load
    from .api import CollectContext
    from .output import write_atomic

    target, output = values.pop("target"), values.pop("output")
    token_env, token_file = values.pop("token_env", None), values.pop("token_file", None)
    api_base, timeout = values.pop("api_base"), values.pop("timeout")
    quiet, previous_path, resume = values.pop("quiet"), values.pop("previous"), values.pop("resume")
    previous = copy.deepcopy(load.load(previous_path).snapshot.data) if previous_path else None  # plain, writable
    token = read_token(collector, token_env, os.environ, token_file)
    redact = Redactor([token] if token else [])
    progress = _Progress(quiet)
    checkpoint = _checkpoint(output, resume)
    done = False
    try:
        with make_http(timeout) as http:
            context = CollectContext(
                http=http,
                token=token,
                now=_clock(checkpoint),
                api_base=api_base,
                progress=progress,
                checkpoint=checkpoint,
            )
            data = run_collector(collector, target, values, context)
        progress.close()
        carried = carry.carry(data, previous) if previous is not None else None
        if carried is not None:
            check_snapshot(collector, data)
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        if token and token in text:  # defence in depth: a collector must never write its token
            raise PluginRunError(f"collector {collector.name!r} wrote its token into the snapshot; nothing written")
        try:
            write_atomic(output, text)
        except OSError as exc:
            raise UsageError(f"cannot write the snapshot to {click.format_filename(output)}: {exc.strerror}") from None
        done = True
    except SmmAuditError as exc:
        progress.close()
        raise _Relined(exc, [redact(line) for line in _resumable(exc, checkpoint).lines()]) from None
    finally:
        checkpoint.close(done or len(checkpoint.answers) <= 1)  # nothing fetched: nothing to resume from
    accounts = data.get("accounts") or [{}]
    followers = len(accounts[0].get("followers", []))
    posts, comments = len(accounts[0].get("posts", [])), len(accounts[0].get("comments", []))
    if not quiet:
        since = ""
        if carried is not None:
            since = f"; since {previous_path}: {carried.deleted} comments deleted"
            since += f", {carried.left} members left" if carried.left is not None else ""
        click.echo(f"{output}: {followers} followers, {posts} posts, {comments} comments collected{since}", err=True)


def _checkpoint(output: str, resume: bool) -> Checkpoint:
    from .checkpoint import Checkpoint

    try:
        return Checkpoint(f"{output}.checkpoint", resume=resume)
    except OSError as exc:
        raise UsageError(f"cannot keep a checkpoint beside {click.format_filename(output)}: {exc.strerror}") from None


def _clock(checkpoint: Checkpoint) -> Callable[[], datetime]:
    from .checkpoint import MISSING

    """``taken_at`` of the first run when resuming one (the snapshot is of that moment), else now, kept."""

    def now() -> datetime:
        kept = checkpoint.get("taken_at")
        if kept is not MISSING:
            return datetime.fromisoformat(kept)
        moment = utc_now()
        checkpoint.put("taken_at", moment.isoformat())
        return moment

    return now


def _resumable(error: SmmAuditError, checkpoint: Checkpoint) -> SmmAuditError:
    """An error after some answers were kept says how to go on from them."""
    if not isinstance(error, CollectError) or len(checkpoint.answers) <= 1:  # only taken_at: nothing to resume
        return error
    lines = error.lines()
    return _Relined(error, [*lines[:-1], lines[-1] + " (run again with --resume to continue from what was fetched)"])


class CollectGroup(click.Group):
    """The ``collect`` command: its subcommands are the registered collectors."""

    def __init__(self, *args: Any, guard: Guard, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.guard = guard

    def _registry(self, ctx: click.Context) -> plugins.Registry:
        from . import plugins

        modules: Sequence[str] = ctx.params.get("plugin_modules") or ()
        return plugins.load(modules, entry_points=not ctx.params.get("no_plugins"))

    def list_commands(self, ctx: click.Context) -> list[str]:
        try:
            return sorted(self._registry(ctx).collectors)
        except SmmAuditError:
            return []  # the error is reported when a command is asked for

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        try:
            registry = self._registry(ctx)
            return _command(registry.collector(cmd_name), self.guard)
        except SmmAuditError as exc:
            for line in exc.lines():
                click.echo(f"error: {PLAIN(line)}", err=True)
            sys.exit(EXIT_USAGE)


def make_command(guard: Guard) -> click.Group:
    """The ``collect`` group; ``guard`` turns errors into lines and exit codes (the CLI's ``_guarded``)."""
    return CollectGroup(
        "collect",
        guard=guard,
        help=COLLECT_HELP,
        short_help="Collect a snapshot from a platform's API: collect vk GROUP -o FILE.",
        params=[
            click.Option(
                ["-p", "--plugin", "plugin_modules"],
                multiple=True,
                metavar="MODULE",
                is_eager=True,  # before --help, which lists the collectors
                help="Load a plugin module that registers a collector (repeatable).",
            ),
            click.Option(
                ["--no-plugins"],
                is_flag=True,
                is_eager=True,
                help="Load only the built-in plugins and those named with -p.",
            ),
        ],
    )


COLLECT_HELP = """Collect a snapshot from a platform's API: smm-audit collect NAME TARGET -o FILE.

\b
Examples:
  export VK_TOKEN=...
  smm-audit collect vk zerno.coffee -o snapshot.json
  smm-audit run snapshot.json
"""
