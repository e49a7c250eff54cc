"""The one PluginManager: built-in plugins, installed ones and ``-p`` modules, and what they register.

Built-in checks, formats, collectors and the sentiment classifier are plain modules registered exactly like
a third party's: every module of ``smm_audit.builtin_checks``, ``smm_audit.formats``,
``smm_audit.collectors`` and ``smm_audit.classifiers`` is a plugin, found by listing the package, so the
engine names none of them.
"""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pluggy

from . import hookspecs, requirements
from .api import API_VERSION, SEVERITIES, Calibrator, Check, Collector, Format
from .errors import PluginError, UsageError
from .hints import did_you_mean

if TYPE_CHECKING:
    from importlib import metadata

ENTRY_POINT_GROUP = "smm_audit"
ENV_VAR = "SMM_AUDIT_PLUGINS"
NO_AUTOLOAD_VAR = "SMM_AUDIT_DISABLE_PLUGIN_AUTOLOAD"  # set (non-empty): installed entry points are not loaded
BUILTIN_PACKAGES = ("smm_audit.formats", "smm_audit.builtin_checks", "smm_audit.classifiers", "smm_audit.collectors")
HOOKS = tuple(name for name, spec in vars(hookspecs).items() if hasattr(spec, "smm_audit_spec"))
CHECK_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


@dataclass
class PluginInfo:
    """One loaded plugin: where it came from and what it registered."""

    name: str
    source: str  # built-in | entry point | -p | SMM_AUDIT_PLUGINS
    version: str | None = None
    checks: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    collectors: list[str] = field(default_factory=list)
    extensions: list[str] = field(default_factory=list)
    hooks: list[str] = field(default_factory=list)  # the hooks it implements besides the register_… ones
    calibrators: list[str] = field(default_factory=list)


@dataclass
class Registry:
    """Everything the plugins registered: checks by id, formats and collectors by name, and the plugins."""

    manager: pluggy.PluginManager
    plugins: list[PluginInfo]
    checks: dict[str, Check]
    formats: dict[str, Format]
    extensions: dict[str, Any] = field(default_factory=dict)
    calibrators: dict[str, Calibrator] = field(default_factory=dict)
    collectors: dict[str, Collector] = field(default_factory=dict)

    def select(self, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[Check]:
        """The checks to run, by id: all of them, or only ``select``, less ``ignore``.

        Unknown ids are errors, and so is a choice that leaves no check to run.
        """
        for check_id in (*select, *ignore):
            self.check(check_id)
        chosen = list(select) if select else sorted(self.checks)
        checks = [self.checks[i] for i in dict.fromkeys(chosen) if i not in set(ignore)]
        if not checks:
            raise UsageError("no checks to run: the selection, the ignored and the disabled checks leave none")
        return checks

    def check(self, check_id: str) -> Check:
        try:
            return self.checks[check_id]
        except KeyError:
            raise UsageError(f"unknown check {check_id!r}{did_you_mean(check_id, self.checks)}") from None

    def calibrator(self, check_id: str) -> Calibrator:
        """The calibrator of a check; a check without one (or an unknown id) is a usage error."""
        self.check(check_id)
        try:
            return self.calibrators[check_id]
        except KeyError:
            known = ", ".join(sorted(self.calibrators)) or "none"
            raise UsageError(f"check {check_id!r} cannot be calibrated (checks that can: {known})") from None

    def format(self, name: str) -> Format:
        try:
            return self.formats[name]
        except KeyError:
            known = ", ".join(sorted(self.formats))
            hint = did_you_mean(name, self.formats) or f" (choose from {known})"
            raise UsageError(f"unknown format {name!r}{hint}") from None

    def collector(self, name: str) -> Collector:
        try:
            return self.collectors[name]
        except KeyError:
            known = ", ".join(sorted(self.collectors)) or "none is installed"
            hint = did_you_mean(name, self.collectors) or f" (choose from {known})"
            raise UsageError(f"unknown collector {name!r}{hint}") from None


def load(
    modules: Sequence[str] = (),
    *,
    entry_points: bool = True,
    env: Mapping[str, str] | None = None,
    blocked: Sequence[str] = (),
) -> Registry:
    """Build the PluginManager and collect what every plugin registers.

    ``modules`` are loaded like ``-p``; a name written ``no:NAME`` blocks the
    plugin NAME (its full name or its last dotted part) instead. Without
    ``entry_points``, installed plugins and SMM_AUDIT_PLUGINS are not loaded;
    with SMM_AUDIT_DISABLE_PLUGIN_AUTOLOAD set in ``env``, installed plugins are not.
    """
    manager = pluggy.PluginManager("smm_audit")
    manager.add_hookspecs(hookspecs)
    infos: dict[str, PluginInfo] = {}
    refused = {name[3:] for name in modules if name.startswith("no:")} | set(blocked)

    def add(load_module: Callable[[], ModuleType], name: str, source: str, version: str | None = None) -> None:
        if name in refused or name.rsplit(".", 1)[-1] in refused or manager.has_plugin(name):
            return
        module = load_module()
        if manager.is_registered(module):
            return
        _check_api_version(module, name)
        _register(manager, module, name)
        infos[name] = PluginInfo(name, source, version, hooks=_other_hooks(manager, module))

    for package in BUILTIN_PACKAGES:
        for module_name in _package_modules(package):
            add(partial(_import, module_name), module_name, "built-in")
    explicit = [("-p", name) for name in modules if not name.startswith("no:")]
    environ = env if env is not None else os.environ
    if entry_points:
        if not environ.get(NO_AUTOLOAD_VAR):
            for ep in sorted(installed_entry_points(), key=lambda e: e.name):
                add(partial(_load_entry_point, ep), ep.name, "entry point", ep.dist.version if ep.dist else None)
        from_env = environ.get(ENV_VAR, "")
        explicit += [(ENV_VAR, name.strip()) for name in from_env.split(",") if name.strip()]
    cwd = _cwd()
    if explicit and cwd is not None and cwd not in sys.path:
        sys.path.insert(0, cwd)
    for source, module_name in explicit:
        add(partial(_import, module_name), module_name, source)

    checks = _collect(manager, "register_checks", infos, _validate_check, lambda c: c.id, "checks")
    formats = _collect(manager, "register_formats", infos, _validate_format, lambda f: f.name, "formats")
    collectors = _collect(manager, "register_collectors", infos, _validate_collector, lambda c: c.name, "collectors")
    extensions = _collect(
        manager, "register_snapshot_extensions", infos, _validate_extension, lambda e: e[0], "extensions"
    )
    calibrators = _collect(
        manager, "register_calibrators", infos, _validate_calibrator, lambda c: c.check, "calibrators"
    )
    return Registry(
        manager,
        list(infos.values()),
        dict(sorted(checks.items())),
        formats,
        {name: schema for name, (_, schema) in sorted(extensions.items())},
        dict(sorted(calibrators.items())),
        dict(sorted(collectors.items())),
    )


def installed_entry_points() -> list[metadata.EntryPoint]:
    """The entry points of the group ``smm_audit`` of the installed distributions."""
    from importlib import metadata  # 20 ms with the email package it reads metadata with: only when looked for

    return list(metadata.entry_points(group=ENTRY_POINT_GROUP))


def _cwd() -> str | None:
    """The working directory, searched for ``-p`` modules; None when it was deleted (nothing to find there)."""
    try:
        return os.getcwd()
    except OSError:
        return None


def _register(manager: pluggy.PluginManager, module: ModuleType, name: str) -> None:
    """Register a plugin module; a hook with parameters its spec lacks, or a hook no spec names, is its error."""
    try:
        manager.register(module, name=name)
    except pluggy.PluginValidationError:
        raise PluginError(_wrong_parameters(manager, module, name)) from None
    for caller in manager.get_hookcallers(module) or []:
        if caller.has_spec():
            continue
        for impl in caller.get_hookimpls():
            if impl.plugin is module and not impl.optionalhook:
                raise PluginError(
                    f"plugin {name!r} implements an unknown hook {caller.name!r}{did_you_mean(caller.name, HOOKS)}"
                )


def _other_hooks(manager: pluggy.PluginManager, module: ModuleType) -> list[str]:
    """The hooks a registered plugin implements that are not register_… ones (classify_sentiment, …)."""
    callers = manager.get_hookcallers(module) or []
    return sorted(c.name for c in callers if c.has_spec() and not c.name.startswith("register_"))


def _wrong_parameters(manager: pluggy.PluginManager, module: ModuleType, name: str) -> str:
    """Which hook of ``module`` takes parameters that its spec does not give, and which ones it gives."""
    for attr in dir(module):
        if manager.parse_hookimpl_opts(module, attr) is None:
            continue
        caller = getattr(manager.hook, attr, None)
        spec = caller.spec if caller is not None else None
        if spec is None:
            continue
        given = _parameters(getattr(module, attr))
        wrong = [arg for arg in given if arg not in (*spec.argnames, *spec.kwargnames)]
        if wrong:
            return (
                f"plugin {name!r}: hook {attr!r} takes ({', '.join(spec.argnames)}), "
                f"not ({', '.join(given)}): no parameter {', '.join(map(repr, wrong))}"
            )
    return f"plugin {name!r}: a hook's definition does not match its specification"


def _parameters(function: Any) -> list[str]:
    try:
        return list(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        return []


def _check_api_version(module: ModuleType, name: str) -> None:
    """A plugin may say which API versions it supports: ``SMM_AUDIT_API = ("1",)``."""
    supported = getattr(module, "SMM_AUDIT_API", None)
    if supported is None:
        return
    versions = (supported,) if isinstance(supported, str) else tuple(supported)
    if API_VERSION not in versions:
        raise PluginError(
            f"plugin {name!r} supports smm-audit API {', '.join(map(str, versions))}, "
            f"but this smm-audit provides API {API_VERSION}"
        )


def _package_modules(package: str) -> list[str]:
    path = importlib.import_module(package).__path__
    return sorted(f"{package}.{m.name}" for m in pkgutil.iter_modules(path) if not m.name.startswith("_"))


def _import(module_name: str) -> ModuleType:
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name or module_name.startswith(f"{exc.name}."):
            raise PluginError(f"plugin {module_name!r}: no module named {module_name!r}") from None
        raise PluginError(f"plugin {module_name!r} failed to import: {_describe(exc)}") from None
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # a plugin's import may fail in any way, even sys.exit(): name it
        raise PluginError(f"plugin {module_name!r} failed to import: {_describe(exc)}") from None


def _load_entry_point(ep: metadata.EntryPoint) -> ModuleType:
    try:
        return ep.load()
    except KeyboardInterrupt:
        raise
    except BaseException as exc:
        raise PluginError(f"plugin {ep.name!r} (entry point {ep.value}) failed to import: {_describe(exc)}") from None


def _describe(exc: BaseException) -> str:
    message = str(exc)
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _collect(
    manager: pluggy.PluginManager,
    hook_name: str,
    infos: dict[str, PluginInfo],
    validate: Callable[[Any, str], None],
    key: Callable[[Any], str],
    kind: str,
) -> dict[str, Any]:
    """Call one register_… hook plugin by plugin, so that each item is known by the plugin that gave it."""
    found: dict[str, Any] = {}
    owner: dict[str, str] = {}
    for impl in getattr(manager.hook, hook_name).get_hookimpls():
        plugin = impl.plugin_name

        def register(*args: Any, plugin: str = plugin) -> None:
            item = args[0] if len(args) == 1 else args
            validate(item, plugin)
            ident = key(item)
            if ident in found:
                raise PluginError(f"{kind[:-1]} {ident!r} is registered twice: by {owner[ident]!r} and by {plugin!r}")
            found[ident] = item
            owner[ident] = plugin
            getattr(infos[plugin], kind).append(ident)

        try:
            impl.function(register=register)
        except (PluginError, KeyboardInterrupt):
            raise
        except BaseException as exc:  # sys.exit() in a hook is a failure of the plugin, not ours to obey
            raise PluginError(f"plugin {plugin!r} failed in {hook_name}: {_describe(exc)}") from None
    return found


def _validate_check(check: Any, plugin: str) -> None:
    if not isinstance(check, Check):
        raise PluginError(f"plugin {plugin!r} registered {type(check).__name__}, not a smm_audit.api.Check")
    problems = []
    if not CHECK_ID.match(check.id):
        problems.append("its id must be kebab-case (like 'my-house-rule')")
    if check.severity not in SEVERITIES:
        problems.append(f"severity must be one of {', '.join(SEVERITIES)}")
    if check.fail_at not in SEVERITIES:
        problems.append(f"fail_at must be one of {', '.join(SEVERITIES)}")
    if not check.weight >= 0:
        problems.append("weight must be >= 0")
    if not callable(check.run):
        problems.append("run must be callable")
    if isinstance(check.requires, (str, bytes)) or not isinstance(check.requires, Sequence):
        problems.append("requires must be a sequence of paths")
    else:
        problems.extend(filter(None, map(requirements.problem, check.requires)))
    if problems:
        raise PluginError(f"plugin {plugin!r}: check {check.id!r}: " + "; ".join(problems))


def _validate_extension(item: Any, plugin: str) -> None:
    if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str) and isinstance(item[1], dict)):
        raise PluginError(f"plugin {plugin!r}: register_snapshot_extensions takes register(name, schema_dict)")
    import jsonschema  # only when a plugin registers an extension: listing the checks needs none of it

    try:
        jsonschema.Draft202012Validator.check_schema(item[1])
    except jsonschema.SchemaError as exc:
        raise PluginError(f"plugin {plugin!r}: the schema of extensions.{item[0]} is invalid: {exc.message}") from None


def _validate_calibrator(calibrator: Any, plugin: str) -> None:
    if not isinstance(calibrator, Calibrator) or not callable(calibrator.fit):
        raise PluginError(f"plugin {plugin!r} registered {type(calibrator).__name__}, not a smm_audit.api.Calibrator")


def _validate_collector(collector: Any, plugin: str) -> None:
    if not isinstance(collector, Collector):
        raise PluginError(f"plugin {plugin!r} registered {type(collector).__name__}, not a smm_audit.api.Collector")
    problems = []
    if not CHECK_ID.match(collector.name):
        problems.append("its name must be kebab-case (like 'vk' or 'my-network')")
    if not callable(collector.collect):
        problems.append("collect must be callable")
    reserved = {"output", "token_env", "token_file", "api_base", "timeout", "previous", "resume", "quiet", "help"}
    clashing = sorted({o.name for o in collector.options} & reserved)
    if clashing:
        problems.append(f"option {', '.join(map(repr, clashing))} is one smm-audit collect gives every collector")
    if problems:
        raise PluginError(f"plugin {plugin!r}: collector {collector.name!r}: " + "; ".join(problems))


def _validate_format(fmt: Any, plugin: str) -> None:
    if not isinstance(fmt, Format) or not callable(fmt.render):
        raise PluginError(f"plugin {plugin!r} registered {type(fmt).__name__}, not a smm_audit.api.Format")
