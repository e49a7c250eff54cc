"""Time bot-followers on a generated snapshot of one account with 1,000,000 followers (not a unit test).

    python benchmarks/bench_bot_followers.py            # 1,000,000 followers, 3 runs
    python benchmarks/bench_bot_followers.py --n 200000 --runs 5
    git show REV:smm_audit/builtin_checks/bot_followers.py > /tmp/old_bot_followers.py
    python benchmarks/bench_bot_followers.py --check-module /tmp/old_bot_followers.py   # another version, same data
    python benchmarks/bench_bot_followers.py --snapshot /tmp/big-1000000.json --against /tmp/old_bot_followers.py

The snapshot comes from ``benchmarks/bot_fixtures.py`` (VK, every field of every
follower filled in but the ones left out at random, 20% fakes, a full list): the
worst case for the check, which parses three timestamps and a handle per
follower. ``--snapshot FILE`` loads a snapshot file instead, as ``smm-audit run``
does (make_big_snapshot.py makes the ones of issue 12). Generating or loading it
is not timed; the check is run as the engine runs it, on an already loaded and
validated snapshot (schema validation of a million followers is the loader's
cost, not the check's).

``--against FILE`` times that file's CHECK too, interleaved with this one run by
run (A, B, A, B, ...: the load of a shared machine falls on both alike), checks
that both give the same result and prints both CPU medians and their ratio.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from bot_fixtures import snapshot

from smm_audit.builtin_checks.bot_followers import CHECK
from smm_audit.engine import run
from smm_audit.snapshot import Snapshot


def load_check(path: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module.CHECK


def timed(snap: Snapshot, check: Any) -> tuple[float, float, Any]:
    started, started_cpu = time.perf_counter(), time.process_time()
    (outcome,) = run(snap, [check])
    return time.perf_counter() - started, time.process_time() - started_cpu, outcome.result


def as_json(result: Any) -> str:
    findings = [(f.message, f.evidence, f.severity) for f in result.findings]
    return json.dumps([result.status, result.score, result.metrics, findings], sort_keys=True, default=str)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--check-module", type=Path, help="time this file's CHECK instead (e.g. an older version)")
    parser.add_argument("--snapshot", type=Path, help="load this snapshot file instead of generating one")
    parser.add_argument("--against", type=Path, help="also time this file's CHECK, interleaved, and compare")
    args = parser.parse_args()
    check = load_check(args.check_module, "bot_followers_under_test") if args.check_module else CHECK
    other = load_check(args.against, "bot_followers_against") if args.against else None
    started = time.perf_counter()
    if args.snapshot:
        from smm_audit.load import load

        snap = load(str(args.snapshot)).snapshot
        what = f"{args.snapshot.name} ({sum(len(a.followers) for a in snap.accounts):,} followers)"
    else:
        snap = Snapshot(snapshot(args.n, seed=args.seed))
        what = f"{args.n:,} generated followers"
    print(f"{what}: ready in {time.perf_counter() - started:.1f} s")
    times, cpu, other_cpu = [], [], []
    for _ in range(args.runs):
        wall, used, result = timed(snap, check)
        times.append(wall)
        cpu.append(used)
        if other is not None:
            _, used, other_result = timed(snap, other)
            other_cpu.append(used)
            if as_json(other_result) != as_json(result):
                sys.exit("the two versions give different results")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = sum(len(a.followers) for a in snap.accounts)
    print(
        f"bot-followers on {what}: median {statistics.median(times):.2f} s, best {min(times):.2f} s "
        f"over {args.runs} runs ({n / min(times):,.0f} followers/s); CPU time median "
        f"{statistics.median(cpu):.2f} s, best {min(cpu):.2f} s (steadier on a busy machine); "
        f"peak RSS {peak_mb:,.0f} MB "
        f"(snapshot included); status {result.status}, {len(result.findings)} findings, "
        f"suspicious share {result.metrics['suspicious_share']:.1%}"
    )
    if other is not None:
        a, b = statistics.median(cpu), statistics.median(other_cpu)
        print(
            f"against {args.against}: CPU median {b:.3f} s, this one {a:.3f} s ({a / b:.2f}×), "
            f"runs {' '.join(f'{x:.2f}' for x in cpu)} vs {' '.join(f'{x:.2f}' for x in other_cpu)}; same results"
        )


if __name__ == "__main__":
    main()
