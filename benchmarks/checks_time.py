"""CPU seconds of each check on one snapshot, beside a bare ``json.load`` of the same file.

    python benchmarks/make_big_snapshot.py 1000000 > /tmp/f1m.json
    python benchmarks/checks_time.py /tmp/f1m.json [--repeat 3] [--check bot-followers]

The snapshot is loaded once (read, parse, validate, as ``smm-audit run`` does); then each check's
``run`` is called under the audit's services (the plugins' hooks, the scrubber), each on a fresh
:class:`Snapshot` of the same data so that no shared index is reused from the check before. The bare
parse is timed twice: in this process (``json.load``, collector paused as the loader pauses it) and in
a fresh process of its own (``python -c 'json.load(...)'``, its CPU time from ``resource``), the best
of ``--repeat`` each. Each check's figure is the best of ``--repeat`` runs; ``÷ parse`` divides it by
the in-process parse.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import time

from smm_audit import audit, config, engine, load, plugins, requirements, services
from smm_audit.redact import Redactor, secrets_of
from smm_audit.snapshot import Snapshot

BARE = "import json, sys; json.load(open(sys.argv[1], 'rb'))"


def _child_cpu(argv: list[str]) -> float:
    """CPU seconds of a child process, its exit included."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def parse_in_process(path: str) -> float:
    with open(path, "rb") as handle:
        raw = handle.read()
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        json.loads(raw)
        return time.process_time() - start
    finally:
        gc.enable()


def parse_whole_process(path: str) -> float:
    """CPU seconds of a process that only parses the file, less one that only starts."""
    return _child_cpu([sys.executable, "-c", BARE, path]) - _child_cpu([sys.executable, "-c", "import json"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("snapshot")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--check", action="append", help="time only this check (repeatable)")
    args = parser.parse_args()

    registry = plugins.load(entry_points=False, env={})
    checks, options, _ = audit.configured_checks(config.from_table({}, "defaults"), registry)
    if args.check:
        checks = [c for c in checks if c.id in args.check]
    start = time.process_time()
    loaded = load.load(args.snapshot)
    load_seconds = time.process_time() - start
    load.tune_collector()
    bare = min(parse_in_process(args.snapshot) for _ in range(args.repeat))
    whole = min(parse_whole_process(args.snapshot) for _ in range(args.repeat))
    data = loaded.snapshot.data
    redact = Redactor(secrets_of(data))
    print(f"{args.snapshot}: best of {args.repeat}, CPU seconds")
    print(f"  bare json.load in process {bare:.3f} s, in a process of its own {whole:.3f} s; load {load_seconds:.3f} s")
    print(f"  {'check':28} {'seconds':>8} {'÷ parse':>8}")
    total = 0.0
    for check in checks:
        best = float("inf")
        resolved = engine.resolve_options(check, options.get(check.id))
        for _ in range(args.repeat):
            snapshot = Snapshot(data)
            with services.active(registry.manager.hook, redact):
                start = time.process_time()
                requirements.unmet(check, snapshot.data) or check.run(snapshot, resolved)  # as the engine does
                best = min(best, time.process_time() - start)
        total += best
        print(f"  {check.id:28} {best:8.3f} {best / bare:8.3f}")
    print(f"  {'all checks':28} {total:8.3f} {total / bare:8.3f}")


if __name__ == "__main__":
    main()
