"""Time what a finding costs after its check returns: report data, scrubbing, citations, lines, each format.

    python benchmarks/findings.py                      # 30,000 posts, 60,000 findings, 3 runs
    python benchmarks/findings.py --posts 30000 --runs 3 --password hunter2-secret
    python benchmarks/findings.py --keep /tmp/findings  # keep the snapshot, config and reports there

Writes a snapshot of POSTS posts on one VK account, each with two links to the
client's site without UTM tags (one in ``links``, another in the text): two
missing-utm findings a post. It is indented, so that the findings' lines are
looked up (``--minified`` writes it on one line, as large exports are). A config sets ``max_findings_per_check = 0`` so
that every finding is listed. Then:

1. whole processes, ``smm-audit run SNAPSHOT --select missing-utm`` writing
   each format alone (``-f FORMAT -o PATH``) and the four CI formats at once
   (``--report FORMAT=PATH`` ×4), plus the same run with ``--select`` naming a
   check that finds nothing, to show the floor (load, validation, start-up):
   median wall and CPU seconds of RUNS runs;
2. one audit in this process, timed stage by stage (CPU seconds of the process): load, the check, report
   data, scrubbing, citations, and each format's render, unstyle and encoding.

With ``--password`` the snapshot holds that plaintext password (a credential
of the account), so the redactor has a secret to look for in every string.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FORMATS = ("json", "junit", "sarif", "markdown", "text", "html")
CI_FORMATS = ("json", "junit", "sarif", "markdown")
NOTHING = "comments-disabled"  # a check that finds nothing in this snapshot: the floor of a run


def snapshot(posts: int, password: str | None) -> dict:
    """POSTS posts, each linking twice to the client's site without UTM tags."""
    data: dict = {
        "schema_version": "1.0",
        "taken_at": "2026-11-01T09:00:00Z",
        "client": {"name": "Findings client", "domains": ["shop.example.ru"], "target_regions": ["RU"]},
        "accounts": [
            {
                "id": "vk-findings",
                "platform": "vk",
                "kind": "group",
                "followers_count": 1000,
                "posts": [
                    {
                        "id": f"p{i}",
                        "published_at": f"2026-{1 + i % 10:02d}-{1 + i % 28:02d}T{i % 24:02d}:00:00Z",
                        "text": f"Новинка № {i} «кофе» — https://shop.example.ru/blog/{i}?ref=vk&x={i % 7} ☕",
                        "links": [f"https://shop.example.ru/item/{i}?from=post"],
                        "category": "commercial",
                        "metrics": {"likes": i % 500, "reposts": i % 50, "comments": 0},
                    }
                    for i in range(posts)
                ],
            }
        ],
    }
    if password:
        data["team"] = [{"id": "tm-1", "name": "Manager", "role": "smm", "status": "active"}]
        data["credentials"] = [
            {"account_id": "vk-findings", "login": "owner", "holders": ["tm-1"], "password": {"plaintext": password}}
        ]
    return data


def timed(argv: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (the process and its children) and exit code of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    code = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, code


def whole_processes(folder: Path, snap: Path, config: Path, runs: int) -> None:
    exe = str(Path(sys.executable).parent / "smm-audit")
    base = [exe, "run", str(snap), "--config", str(config), "--no-plugins"]
    cases: dict[str, list[str]] = {
        f"floor (--select {NOTHING}, -f json)": [*base, "--select", NOTHING, "-f", "json", "-o", str(folder / "x")],
    }
    for fmt in FORMATS:
        cases[f"-f {fmt}"] = [*base, "--select", "missing-utm", "-f", fmt, "-o", str(folder / f"report.{fmt}")]
    extra = [arg for fmt in CI_FORMATS for arg in ("--report", f"{fmt}={folder / f'all.{fmt}'}")]
    cases["four reports (--report ×4)"] = [*base, "--select", "missing-utm", "-f", "text", *extra]
    results: dict[str, list[tuple[float, float, int]]] = {name: [] for name in cases}
    for _ in range(runs):  # interleaved, so that a busy moment of the machine spreads over all cases
        for name, argv in cases.items():
            results[name].append(timed(argv))
    print(f"\nwhole processes, median of {runs} (wall s / CPU s, exit):")
    for name, got in results.items():
        wall = statistics.median(w for w, _, _ in got)
        cpu = statistics.median(c for _, c, _ in got)
        print(f"  {name:<40} {wall:6.2f} s  {cpu:6.2f} s CPU  exit {got[0][2]}")


def in_process(snap: Path, config_path: Path) -> None:
    import click

    from smm_audit import audit, display, engine, plugins, report
    from smm_audit import config as config_module
    from smm_audit.load import load, tune_collector
    from smm_audit.output import encode
    from smm_audit.redact import Redactor, secrets_of
    from smm_audit.triage import Triage

    tune_collector()  # as the command does (smm_audit/supervise.py)
    config = config_module.load(str(config_path))
    config.values["select"] = ["missing-utm"]
    registry = plugins.load([], entry_points=False)
    checks, options, severities = audit.configured_checks(config, registry)
    stages: dict[str, float] = {}
    t = time.process_time()

    def stage(name: str) -> None:
        nonlocal t
        now = time.process_time()
        stages[name] = now - t
        t = now

    loaded = load(str(snap))
    stage("load (read, parse, validate)")
    redact = Redactor(secrets_of(loaded.snapshot.data))
    outcomes = engine.run(loaded.snapshot, checks, options, registry.manager.hook, severities, scrub=redact)
    stage("missing-utm (the check, its result validated)")
    findings = sum(len(o.result.findings) for o in outcomes)
    triage = Triage(config.suppressions, set(), today=loaded.snapshot.taken_at.date(), data=loaded.snapshot.data)
    data = report.build(loaded, outcomes, triage=triage)
    stage("report.build (entries, fingerprints, lines)")
    data = redact.data(data)
    stage("redact.data")
    data = report.cite(data, redact)
    stage("report.cite")
    common = sum(stages[name] for name in list(stages)[2:])
    per_format = {}
    for fmt in FORMATS:
        renderer = registry.format(fmt)
        t = time.process_time()
        with display.showing(display.Display()):
            text = renderer.render(data)
        stage(f"render {fmt}")
        encode(click.unstyle(text))
        stage(f"unstyle + encode {fmt} ({len(text):,} chars)")
        per_format[fmt] = sum(list(stages.values())[-2:])
    print(f"\nin process, one run, {findings:,} findings:")
    for name, seconds in stages.items():
        print(f"  {name:<52} {seconds:7.3f} s")
    four = common + sum(per_format[fmt] for fmt in CI_FORMATS)
    each = four / max(findings, 1) * 1e6
    print(f"  after the check, report data and the four CI formats: {four:.3f} s ({each:.1f} µs a finding)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=30_000, help="posts, two findings each (default 30000)")
    parser.add_argument("--runs", type=int, default=3, help="whole-process runs of each case (default 3)")
    parser.add_argument("--password", help="a plaintext password in the snapshot, for the redactor to look for")
    parser.add_argument("--minified", action="store_true", help="write the snapshot on one line (default: indented)")
    parser.add_argument("--keep", type=Path, help="write the snapshot, config and reports in this folder")
    parser.add_argument("--no-processes", action="store_true", help="only the in-process split")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = args.keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        snap = folder / "findings-snapshot.json"
        data = snapshot(args.posts, args.password)
        snap.write_text(json.dumps(data, ensure_ascii=False, indent=None if args.minified else 2), "utf-8")
        config = folder / "findings.toml"
        config.write_text("max_findings_per_check = 0\nmin_coverage = 0\n", "utf-8")
        print(f"{snap}: {os.path.getsize(snap):,} bytes, {args.posts:,} posts")
        in_process(snap, config)
        if not args.no_processes:
            whole_processes(folder, snap, config, args.runs)


if __name__ == "__main__":
    main()
