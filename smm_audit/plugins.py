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
from typing import Any, Protocol

import pluggy

from . import hookspecs, requirements
from .api import API_VERSION, SEVERITIES, Calibrator, Check, Collector, Format
from .errors import PluginError, UsageError
from .hints import did_you_mean

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


class _Distribution(Protocol):
    @property
    def version(self) -> str | None: ...


class _EntryPoint(Protocol):
    """What the loader needs of an entry point: ``importlib.metadata.EntryPoint`` or :class:`FoundEntryPoint`."""

    name: str
    value: str
    group: str

    @property
    def dist(self) -> _Distribution | None: ...

    def load(self) -> Any: ...


def installed_entry_points() -> list[_EntryPoint]:
    """The entry points of the group ``smm_audit`` of the installed distributions.

    What ``importlib.metadata.entry_points(group="smm_audit")`` gives, in its order, read by :func:`scan_entry_points`
    where it can answer alone (importing ``importlib.metadata`` costs a command 20 ms of CPU, for the ``email``
    package it parses metadata with), by ``importlib.metadata`` itself elsewhere.
    """
    found = scan_entry_points(ENTRY_POINT_GROUP)
    if found is not None:
        return list(found)
    from importlib import metadata

    return list(metadata.entry_points(group=ENTRY_POINT_GROUP))


class FoundDistribution:
    """A distribution found by :func:`scan_entry_points`: its version is read from its metadata when asked."""

    def __init__(self, path: str) -> None:
        self._path = path

    @property
    def version(self) -> str | None:
        """The first ``Version`` header of METADATA (or PKG-INFO), as ``importlib.metadata`` reads it."""
        for name in ("METADATA", "PKG-INFO"):
            text = _read_text(os.path.join(self._path, name))
            if text:
                break
        else:
            return None
        for line in text.splitlines():
            if not line.strip():
                break  # the end of the headers
            key, colon, value = line.partition(":")
            if colon and key.lower() == "version":
                return value.lstrip(" \t")
        return None


class FoundEntryPoint:
    """One entry point as ``importlib.metadata.EntryPoint`` gives it: name, value, group, dist, load()."""

    VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")

    def __init__(self, name: str, value: str, group: str, dist: FoundDistribution) -> None:
        self.name, self.value, self.group, self.dist = name, value, group, dist

    def load(self) -> Any:
        match = self.VALUE.match(self.value)
        if match is None:
            raise ValueError(f"invalid entry point value {self.value!r}")  # what importlib.metadata's raises
        module: Any = importlib.import_module(match.group("module"))
        for attr in filter(None, (match.group("attr") or "").split(".")):
            module = getattr(module, attr)
        return module

    def __repr__(self) -> str:
        return f"EntryPoint(name={self.name!r}, value={self.value!r}, group={self.group!r})"


def scan_entry_points(group: str) -> list[FoundEntryPoint] | None:
    """The entry points of ``group``, found as ``importlib.metadata`` finds them, or None where it might not be so.

    It answers where the only distribution finder is the standard path finder and every entry of ``sys.path``
    is a directory (or nothing): the distributions are the ``*.dist-info`` and ``*.egg-info`` of each directory
    in the order of ``sys.path`` and of the directory's listing (grouped by name), the first of each name kept;
    their entry points are the ``[group]`` lines of their ``entry_points.txt``. A zip or an egg on the path,
    another finder, a file it cannot read as ``importlib.metadata`` reads it: None, and the caller asks it.
    """
    from importlib.machinery import PathFinder

    if any(getattr(f, "find_distributions", None) is not None and f is not PathFinder for f in sys.meta_path):
        return None
    seen: set[str] = set()
    found: list[FoundEntryPoint] = []
    for entry in sys.path:
        root = entry or "."
        if not isinstance(entry, str) or (os.path.exists(root) and not os.path.isdir(root)):
            return None
        if root.lower().endswith(".egg"):
            return None
        try:
            children = os.listdir(root)
        except OSError:
            continue
        by_name: dict[str, list[str]] = {}
        for child in children:
            low = child.lower()
            if low.endswith((".dist-info", ".egg-info")):
                if not child.endswith((".dist-info", ".egg-info")):
                    return None  # importlib.metadata would read the name from the metadata
                by_name.setdefault(_normalize(low.rpartition(".")[0].partition("-")[0]), []).append(child)
        for paths in by_name.values():
            for child in paths:
                name = _normalize(child.rpartition(".")[0].partition("-")[0])
                if name in seen:
                    continue
                seen.add(name)
                path = os.path.join(root, child)
                try:
                    eps = _group_entry_points(_read_text(os.path.join(path, "entry_points.txt")), group)
                except (OSError, ValueError):  # not UTF-8, unreadable: what importlib.metadata says of it
                    return None
                if eps is None:
                    return None
                dist = FoundDistribution(path)
                found.extend(FoundEntryPoint(name_, value, group, dist) for name_, value in eps)
    return found


def _normalize(name: str) -> str:
    """PEP 503 normalisation with underscores, as importlib.metadata's ``Prepared.normalize``."""
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _read_text(path: str) -> str | None:
    """The file's text, or None where importlib.metadata's ``read_text`` gives None (other errors are raised)."""
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        return None


def _group_entry_points(text: str | None, group: str) -> list[tuple[str, str]] | None:
    """The (name, value) pairs of ``[group]`` in an entry_points.txt, as importlib.metadata parses them.

    None for a line it would fail on (a line without "="), so that importlib.metadata says so itself.
    """
    pairs: list[tuple[str, str]] = []
    section = None
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section is None:
            continue
        name, equals, value = line.partition("=")
        if not equals:
            return None
        if section == group:
            pairs.append((name.strip(), value.strip()))
    return pairs


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


def _load_entry_point(ep: _EntryPoint) -> ModuleType:
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
