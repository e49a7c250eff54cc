"""Each check as the engine runs it (its requirements, then ``run``), another tree's modules against this one's.

    mkdir -p /tmp/main && git archive main | tar -x -C /tmp/main
    python benchmarks/make_big_snapshot.py 2000 --posts 50000 --comments 500000 > /tmp/ch.json
    python benchmarks/checks_ab.py /tmp/ch.json /tmp/main [--rounds 5] [--check missing-utm ...]

The snapshot is loaded once, by this tree's loader. For each check (all but bot-followers unless
``--check`` names some), the other tree's check module and its ``requirements.py`` are imported under
names of their own (what they import, the shared helpers of smm_audit/ included, is this tree's), and
the two sides run in turn, ``--rounds`` times, each on a fresh
:class:`Snapshot` of the same data, under the audit's services, as ``checks_time.py`` runs one side.
Prints CPU medians, their ratio, each ÷ a bare ``json.loads`` of the file in this process, and whether
both sides gave the same results (status, score, message, findings, metrics) in every round.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from smm_audit import audit, config, engine, load, plugins, requirements, services
from smm_audit.redact import Redactor, secrets_of
from smm_audit.snapshot import Snapshot


def _module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _said(result: Any) -> str:
    findings = [(f.message, f.location, f.key, f.severity, f.evidence, f.fix) for f in result.findings]
    parts = [result.status, result.score, result.message, list(result.missing), result.status_reason]
    return json.dumps([*parts, findings, result.metrics], sort_keys=True, default=str)


def _bare_parse(path: str) -> float:
    raw = Path(path).read_bytes()
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        json.loads(raw)
        return time.process_time() - start
    finally:
        gc.enable()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("snapshot")
    parser.add_argument("other_tree", type=Path, help="the root of the other tree (holding smm_audit/)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--check", action="append", help="time only this check (repeatable)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:  # its requirements.py, imported from outside its package
        source = (args.other_tree / "smm_audit" / "requirements.py").read_text(encoding="utf-8")
        copy = Path(scratch) / "requirements.py"
        copy.write_text(source.replace("from .api import", "from smm_audit.api import"), encoding="utf-8")
        other_requirements = _module("smm_audit._other_requirements", copy)
    registry = plugins.load(entry_points=False, env={})
    checks, options, _ = audit.configured_checks(config.from_table({}, "defaults"), registry)
    ids = args.check or [check.id for check in checks if check.id != "bot-followers"]
    loaded = load.load(args.snapshot)
    load.tune_collector()
    data = loaded.snapshot.data
    redact = Redactor(secrets_of(data))
    bare = statistics.median(_bare_parse(args.snapshot) for _ in range(3))
    print(f"{args.snapshot}: bare json.loads in process {bare:.3f} s (median of 3); {args.rounds} rounds, CPU medians")
    print(f"{'check':28} {'other':>7} {'this':>7} {'ratio':>6} {'other ÷ parse':>13} {'this ÷ parse':>12}  same")
    for check_id in ids:
        check = next(c for c in checks if c.id == check_id)
        name = check.run.__module__.rsplit(".", 1)[1]
        path = args.other_tree / "smm_audit" / "builtin_checks" / f"{name}.py"
        other = _module(f"smm_audit.builtin_checks._other_{name}", path).CHECK
        resolved = engine.resolve_options(check, options.get(check_id))
        sides = ((other_requirements, other), (requirements, check))
        times: tuple[list[float], list[float]] = ([], [])
        said: tuple[set[str], set[str]] = (set(), set())
        for _ in range(args.rounds):
            for i, (side_requirements, side_check) in enumerate(sides):
                snapshot = Snapshot(data)
                with services.active(registry.manager.hook, redact):
                    gc.collect()
                    start = time.process_time()
                    result = side_requirements.unmet(side_check, snapshot.data) or side_check.run(snapshot, resolved)
                    times[i].append(time.process_time() - start)
                said[i].add(_said(result))
        a, b = statistics.median(times[0]), statistics.median(times[1])
        same = said[0] == said[1] and len(said[0]) == 1
        print(f"{check_id:28} {a:7.3f} {b:7.3f} {b / a:6.2f} {a / bare:13.3f} {b / bare:12.3f}  {same}")


if __name__ == "__main__":
    main()
