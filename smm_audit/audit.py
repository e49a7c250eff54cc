"""One audit from start to finish: configuration and plugins → snapshot → checks → report data.

The CLI only turns flags into a :class:`~smm_audit.config.Config` (over the
settings file's); everything else happens here, so the steps can be read in
order and reused (by ``run``, ``baseline`` and the testing kit's ``audit_report``). Each step's modules are
imported by the function that needs them: ``smm-audit checks`` builds a registry and loads no snapshot.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import PluginRunError, UsageError
from .stages import stage

if TYPE_CHECKING:
    from . import engine, plugins, sources
    from .api import Check
    from .config import Config
    from .load import Loaded
    from .redact import Redactor


@dataclass
class Audit:
    """What one audit produced: the loaded snapshot, the outcomes, the report data, and the redactor for output."""

    loaded: Loaded
    outcomes: list[engine.Outcome]
    report: dict[str, Any]
    redact: Redactor
    plugin_errors: list[str]
    notes: list[str] = dataclasses.field(default_factory=list)

    @property
    def errored(self) -> bool:
        return bool(self.plugin_errors) or any(o.result.status == "error" for o in self.outcomes)


def registry_for(config: Config, plugin_modules: Sequence[str] = (), *, autoload: bool = True) -> plugins.Registry:
    """The plugins of the configuration and of the command line; without ``autoload``, no installed ones."""
    from . import plugins

    return plugins.load([*config["plugins"], *plugin_modules], entry_points=autoload)


def configured_checks(
    config: Config, registry: plugins.Registry
) -> tuple[list[Check], dict[str, dict[str, Any]], dict[str, str]]:
    """The checks to run with their configured weight and severity, their options, and the severity overrides."""
    from . import config as config_module
    from . import engine

    options, settings = config_module.apply_to_checks(config, registry)
    for check_id, given in options.items():
        try:
            engine.resolve_options(registry.checks[check_id], given)
        except UsageError as exc:
            raise UsageError(f"{config.origins['checks']}: {exc}") from None
    disabled = [check_id for check_id, s in settings.items() if s.get("enabled") is False]
    checks = registry.select(config["select"], [*config["ignore"], *disabled])
    configured = []
    for check in checks:
        changes = {k: settings.get(check.id, {})[k] for k in ("severity", "weight") if k in settings.get(check.id, {})}
        configured.append(dataclasses.replace(check, **changes) if changes else check)
    severities = {check_id: s["severity"] for check_id, s in settings.items() if "severity" in s}
    return configured, options, severities


def run(
    spec: str,
    config: Config,
    registry: plugins.Registry,
    fetch: sources.FetchOptions | None = None,
) -> Audit:
    """Load the snapshot named by ``spec``, run the configured checks, and build the report."""
    from . import engine, report
    from .load import load
    from .redact import Redactor, secrets_of
    from .triage import Triage, read_baseline

    checks, options, severities = configured_checks(config, registry)
    baseline = read_baseline(config["baseline"]) if config["baseline"] else set()
    loaded = load(spec, fetch, registry.extensions)
    redact = Redactor(secrets_of(loaded.snapshot.data))
    outcomes = engine.run(
        loaded.snapshot,
        checks,
        options,
        hooks=registry.manager.hook,
        severities=severities,
        timeout=config["check_timeout"],
        scrub=redact,
        owners={check_id: info.name for info in registry.plugins for check_id in info.checks},
    )
    triage = Triage(config.suppressions, baseline, today=loaded.snapshot.taken_at.date(), data=loaded.snapshot.data)
    with stage("report"):
        data = report.build(
            loaded,
            outcomes,
            fail_on=config["fail_on"],
            fail_under=config["fail_under"],
            min_coverage=config["min_coverage"],
            triage=triage,
            plugins=contributors(registry, checks),
            max_findings=config["max_findings_per_check"],
        )
        data = report.cite(redact.data(data), redact)
    ran = [check.id for check in checks]
    notes = report.stale_baseline_notes(config["baseline"], baseline, ran)
    notes += report.fold_suppression_notes(config.suppressions, ran)
    return Audit(loaded, outcomes, data, redact, _tell_plugins(registry, redact, data), notes)


def contributors(registry: plugins.Registry, checks: Sequence[Check]) -> list[dict[str, Any]]:
    """The plugins other than the built-in ones whose checks this audit runs: name, version, source, checks."""
    ran = {check.id for check in checks}
    return [
        {"name": info.name, "version": info.version, "source": info.source, "checks": sorted(ran & set(info.checks))}
        for info in registry.plugins
        if info.source != "built-in" and ran & set(info.checks)
    ]


def _tell_plugins(registry: plugins.Registry, redact: Redactor, data: dict[str, Any]) -> list[str]:
    """Call every audit_finished hook with a scrubbed copy of the report; collect their failures.

    Each hook runs as a check does: its output captured (shown on stderr under its name), ``os._exit`` refused.
    """
    from . import engine, isolation

    errors = []
    for impl in registry.manager.hook.audit_finished.get_hookimpls():
        failure = None
        with isolation.plugin_call(f"plugin {impl.plugin_name!r}, audit_finished", redact) as refused:
            try:
                impl.function(report=json.loads(json.dumps(data)))  # a copy: one plugin cannot change another's
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # a plugin's failure, even sys.exit() or os._exit(), is reported, not obeyed
                failure = engine.describe(exc)
        if failure is None and refused:
            failure = f"refused: {refused[0]}: a plugin may not change the snapshot or the process"
        if failure is not None:
            errors.append(redact(f"plugin {impl.plugin_name!r} failed in audit_finished: {failure}"))
    return errors


def render(audit: Audit, fmt: Any) -> str:
    """A format's rendering of the (already scrubbed) report; a format that fails is a plugin failure."""
    from . import engine, isolation

    try:
        with isolation.plugin_call(f"format {fmt.name!r}", audit.redact) as refused, stage(f"format {fmt.name}"):
            text = fmt.render(audit.report)
        if refused:
            raise TypeError(f"refused: {refused[0]}: a plugin may not change the snapshot or the process")
        if not isinstance(text, str):
            raise TypeError(f"render returned {type(text).__name__}, not str")
        return text
    except KeyboardInterrupt:
        raise
    except BaseException as exc:
        raise PluginRunError(f"format {fmt.name!r} failed: {audit.redact(engine.describe(exc))}") from None


def effective(config: Config) -> Mapping[str, tuple[Any, str]]:
    """Each key's value and where it came from, for ``smm-audit config``."""
    return {key: (config.values[key], config.origins[key]) for key in config.values}
