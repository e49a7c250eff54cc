"""An audit against the cost of reading the file: bare json.load vs validate vs run, side by side (issue 12).

    python benchmarks/scale.py                                   # 100k and 300k followers, 3 rounds
    python benchmarks/scale.py --sizes 100000,300000,1000000 --comment-heavy --repeat 5
    python benchmarks/scale.py /tmp/big.json other.json          # existing snapshots instead
    python benchmarks/scale.py --sides run --sizes 1000000       # only the audit (and its stage split)
    python benchmarks/scale.py --baseline OTHER/.venv/bin/smm-audit   # another checkout's run in the same rounds

Each snapshot is made once by make_big_snapshot.py (N followers; ``--comment-heavy`` adds one with 2,000
followers, 50,000 posts and 500,000 comments) in ``--workdir`` and reused while its size and shape stay the
same. Then, ``--repeat`` rounds, each running every side once as its own process, interleaved (parse,
validate, run, parse, ...) so that the load of a shared machine falls on all sides alike:

- parse: ``python -c 'import json,sys; json.load(open(sys.argv[1],"rb"))'``, the floor;
- validate: ``smm-audit validate FILE``;
- run: ``smm-audit run FILE -f json -o OUT``;
- baseline (with ``--baseline OTHER``): the same run of another smm-audit command, say an older checkout's, so
  that before and after share each round's load; the table adds run ÷ baseline.

CPU time is the child's user + system time (``os.wait4``, its waited-for descendants included: the
supervisor's forked worker), peak RSS the largest of that process tree; the table shows medians and the
ratios run ÷ parse, validate ÷ parse and peak RSS run ÷ parse. Installed plugins are not loaded
(SMM_AUDIT_DISABLE_PLUGIN_AUTOLOAD), so the figures are those of the built-in checks. Each side's package is
compiled to bytecode first (startup.py's ``compile_package``; ``--no-compile`` not to), as an installed one
is: the runs write none (PYTHONDONTWRITEBYTECODE), so a checkout without ``__pycache__`` would otherwise
compile every module on every run, and only that side pay it.

Then one more run per snapshot with ``SMM_AUDIT_STAGES`` set (smm_audit/stages.py) splits it into stages:
read, decode, parse, validate, references, each check, the report, each format, with the peak RSS so far.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from startup import compile_package, interpreter_of

HERE = Path(__file__).resolve().parent
PARSE = 'import json,sys; json.load(open(sys.argv[1],"rb"))'
SIDES = ("parse", "validate", "run")


@dataclass
class Sample:
    cpu: float
    wall: float
    rss_mib: float


def measure(argv: list[str], env: dict[str, str]) -> tuple[Sample, int]:
    """Run ``argv`` as a child; its CPU seconds (user + sys), wall seconds, peak RSS (MiB) and exit status."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    err = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    code = child.returncode
    if code not in (0, 1):  # 1: the audit's gate failed, which is a result, not a breakdown
        sys.exit(f"{' '.join(argv)} exited {code}: {err.decode(errors='replace')[-2000:]}")
    return Sample(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024), code


def make_snapshot(workdir: Path, followers: int, posts: int | None, comments: int | None) -> Path:
    """The generated snapshot of this shape, made once (make_big_snapshot.py) and kept in ``workdir``."""
    shape = [str(followers)]
    name = f"big-{followers}"
    if posts is not None:
        shape += ["--posts", str(posts)]
        name += f"-p{posts}"
    if comments is not None:
        shape += ["--comments", str(comments)]
        name += f"-c{comments}"
    path = workdir / f"{name}.json"
    if not path.exists():
        print(f"making {path} ...", file=sys.stderr, flush=True)
        partial = path.with_suffix(".part")
        with partial.open("wb") as out:
            subprocess.run([sys.executable, str(HERE / "make_big_snapshot.py"), *shape], stdout=out, check=True)
        partial.rename(path)
    return path


def commands(smm_audit: str, path: Path, out: Path, baseline: str | None = None) -> dict[str, list[str]]:
    argvs = {
        "parse": [sys.executable, "-c", PARSE, str(path)],
        "validate": [smm_audit, "validate", str(path)],
        "run": [smm_audit, "run", str(path), "-f", "json", "-o", str(out)],
    }
    if baseline:
        argvs["baseline"] = [baseline, "run", str(path), "-f", "json", "-o", str(out.with_suffix(".baseline.json"))]
    return argvs


def stage_split(argv: list[str], env: dict[str, str], workdir: Path) -> list[dict[str, float | str]]:
    """One run with SMM_AUDIT_STAGES set: its stages in order, then the rest (start-up, output) and the total."""
    fd, name = tempfile.mkstemp(prefix="stages-", suffix=".jsonl", dir=workdir)
    os.close(fd)
    try:
        total, _ = measure(argv, {**env, "SMM_AUDIT_STAGES": name})
        with open(name, encoding="utf-8") as handle:
            split: list[dict[str, float | str]] = [json.loads(line) for line in handle if line.strip()]
    finally:
        os.unlink(name)
    cpu = total.cpu - sum(float(entry["cpu"]) for entry in split)
    wall = total.wall - sum(float(entry["wall"]) for entry in split)
    split.append(
        {"stage": "rest (start-up, imports, writing, exit)", "cpu": cpu, "wall": wall, "maxrss_mib": total.rss_mib}
    )
    split.append({"stage": "total", "cpu": total.cpu, "wall": total.wall, "maxrss_mib": total.rss_mib})
    return split


def mib(path: Path) -> str:
    return f"{path.stat().st_size / 2**20:,.0f} MiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="snapshots to measure (default: generated ones)")
    parser.add_argument(
        "--sizes", default="100000,300000", help="followers of the generated snapshots, comma-separated"
    )
    parser.add_argument("--comment-heavy", action="store_true", help="also 2,000 followers, 50k posts, 500k comments")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument("--sides", default=",".join(SIDES), help="which of parse,validate,run to time")
    parser.add_argument("--no-stages", action="store_true", help="skip the per-stage split")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "smm-audit-scale")
    parser.add_argument("--smm-audit", default=None, help="the smm-audit command (default: next to this Python)")
    parser.add_argument("--baseline", help="another smm-audit command whose run is timed in the same rounds")
    parser.add_argument("--json", type=Path, help="also write every sample here")
    parser.add_argument("--no-compile", action="store_true", help="do not compile the packages' bytecode first")
    args = parser.parse_args()

    sides = [s for s in args.sides.split(",") if s]
    if unknown := set(sides) - set(SIDES):
        parser.error(f"unknown sides: {', '.join(sorted(unknown))}")
    smm_audit = args.smm_audit or str(Path(sys.executable).with_name("smm-audit"))
    if not Path(smm_audit).exists():
        smm_audit = shutil.which("smm-audit") or parser.error("smm-audit not found: give --smm-audit")
    if args.baseline:
        if "run" not in sides:
            parser.error("--baseline compares runs: keep run in --sides")
        sides.append("baseline")
    if not args.no_compile:  # as installed packages have it; runs below write no bytecode (one side's would be unfair)
        for script in filter(None, (smm_audit, args.baseline)):
            compile_package(interpreter_of(script))
    args.workdir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "SMM_AUDIT_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("SMM_AUDIT_STAGES", None)

    snapshots: list[tuple[str, Path]] = [(str(p), p) for p in args.paths]
    if not args.paths:
        for size in (int(s) for s in args.sizes.split(",") if s):
            snapshots.append((f"{size:,} followers", make_snapshot(args.workdir, size, None, None)))
        if args.comment_heavy:
            path = make_snapshot(args.workdir, 2000, 50_000, 500_000)
            snapshots.append(("2,000 followers, 50k posts, 500k comments", path))

    out = args.workdir / "report.json"
    samples: dict[str, dict[str, list[Sample]]] = {label: {s: [] for s in sides} for label, _ in snapshots}
    for label, path in snapshots:
        argvs = commands(smm_audit, path, out, args.baseline)
        for _ in range(args.repeat):
            for side in sides:
                samples[label][side].append(measure(argvs[side], env)[0])
        print(f"measured {label} ({args.repeat} rounds)", file=sys.stderr, flush=True)

    print(
        f"\n{args.repeat} interleaved rounds, medians; CPU = user + sys of the child, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end\n"
    )
    header = ["snapshot (file)"]
    for side in sides:
        header += [f"{side} CPU", f"{side} wall", f"{side} RSS"]
    pairs = (("run", "parse"), ("validate", "parse"), ("baseline", "parse"), ("run", "baseline"))
    ratios = [(a, b) for a, b in pairs if a in sides and b in sides]
    header += [f"{a} ÷ {b}" for a, b in ratios]
    if "run" in sides and "parse" in sides:
        header.append("RSS run ÷ parse")
    print("| " + " | ".join(header) + " |")
    print("|" + " --- |" * len(header))
    summary: dict[str, dict[str, dict[str, float]]] = {}
    for label, path in snapshots:
        med = {
            side: Sample(*(statistics.median(getattr(s, f) for s in got) for f in ("cpu", "wall", "rss_mib")))
            for side, got in samples[label].items()
        }
        summary[label] = {side: vars(m) for side, m in med.items()}
        row = [f"{label} ({mib(path)})"]
        for side in sides:
            row += [f"{med[side].cpu:.2f} s", f"{med[side].wall:.2f} s", f"{med[side].rss_mib:,.0f} MiB"]
        row += [f"{med[a].cpu / med[b].cpu:.2f}×" for a, b in ratios]
        if "run" in sides and "parse" in sides:
            row.append(f"{med['run'].rss_mib / med['parse'].rss_mib:.2f}×")
        print("| " + " | ".join(row) + " |")

    stages: dict[str, list[dict[str, float | str]]] = {}  # one run each, the baseline's too
    split_sides = [s for s in ("run", "baseline") if s in sides] or [s for s in ("validate",) if s in sides]
    for (label, path), side in itertools.product(snapshots, [] if args.no_stages else split_sides):
        key = label if side != "baseline" else f"{label} (baseline)"
        split = stages[key] = stage_split(commands(smm_audit, path, out, args.baseline)[side], env, args.workdir)
        floor = statistics.median(s.cpu for s in samples[label]["parse"]) if "parse" in sides else None
        print(
            f"\nstages of one `{side}` of {label}"
            + (f" (÷ parse: of the bare parse's {floor:.2f} s CPU)" if floor else "")
        )
        print("\n| stage | CPU | wall | ÷ parse | peak RSS so far |\n| --- | --- | --- | --- | --- |")
        for entry in split:
            share = f"{float(entry['cpu']) / floor:.2f}×" if floor else ""
            print(
                f"| {entry['stage']} | {float(entry['cpu']):.2f} s | {float(entry['wall']):.2f} s | {share} "
                f"| {float(entry['maxrss_mib']):,.0f} MiB |"
            )
    if args.json:
        raw = {label: {side: [vars(s) for s in got] for side, got in by.items()} for label, by in samples.items()}
        args.json.write_text(json.dumps({"medians": summary, "samples": raw, "stages": stages}, indent=1))


if __name__ == "__main__":
    main()
