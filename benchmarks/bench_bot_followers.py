"""Time bot-followers on a generated snapshot of one account with 1,000,000 followers (not a unit test).

    python benchmarks/bench_bot_followers.py            # 1,000,000 followers, 3 runs
    python benchmarks/bench_bot_followers.py --n 200000 --runs 5
    git show REV:smm_audit/builtin_checks/bot_followers.py > /tmp/old_bot_followers.py
    python benchmarks/bench_bot_followers.py --check-module /tmp/old_bot_followers.py   # another version, same data

The snapshot comes from ``benchmarks/bot_fixtures.py`` (VK, every field of every
follower filled in but the ones left out at random, 20% fakes, a full list): the
worst case for the check, which parses three timestamps and a handle per
follower. Generating it is not timed; the check is run as the engine runs it,
on an already loaded and validated snapshot (schema validation of a million
followers is the loader's cost, not the check's).
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import statistics
import sys
import time
from pathlib import Path

from bot_fixtures import snapshot

from smm_audit.builtin_checks.bot_followers import CHECK
from smm_audit.engine import run
from smm_audit.snapshot import Snapshot


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--check-module", type=Path, help="time this file's CHECK instead (e.g. an older version)")
    args = parser.parse_args()
    check = CHECK
    if args.check_module:
        spec = importlib.util.spec_from_file_location("bot_followers_under_test", args.check_module)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
        check = module.CHECK
    started = time.perf_counter()
    data = snapshot(args.n, seed=args.seed)
    print(f"generated {args.n:,} followers in {time.perf_counter() - started:.1f} s")
    times, cpu = [], []
    for _ in range(args.runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        (outcome,) = run(Snapshot(data), [check])
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    result = outcome.result
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"bot-followers on {args.n:,} followers: median {statistics.median(times):.2f} s, best {min(times):.2f} s "
        f"over {args.runs} runs ({args.n / min(times):,.0f} followers/s); CPU time median "
        f"{statistics.median(cpu):.2f} s, best {min(cpu):.2f} s (steadier on a busy machine); "
        f"peak RSS {peak_mb:,.0f} MB "
        f"(snapshot included); status {result.status}, {len(result.findings)} findings, "
        f"suspicious share {result.metrics['suspicious_share']:.1%}"
    )


if __name__ == "__main__":
    main()
