#!/usr/bin/env python3
"""Speed of the built-in sentiment classifiers, whole-process, one core.

Usage (from the repository root):

    python benchmarks/bench_sentiment_speed.py [DIR ...] [--repeat 3]

Texts: every labelled set under the folders given (benchmarks/sentiment_sets.py), or
tests/data/comments_labeled.jsonl when none is given. For each classifier (``lexicon``:
smm_audit.sentiment.classify, the default; ``model``: smm_audit.sentiment.model.classify) a fresh
Python process is started per measurement, and it reports:

* first use: the wall time of the first classify call after the import (loading the lexicons,
  the calibration table and, for the model, its weights), the median of ``--repeat`` processes;
* throughput: comments a second over all the texts with the language given, and the whole
  process's wall time (start-up, import, reading the texts, classifying them);
* comments a second with the language detected (``lang=None``), in another fresh process.

Comments a second are given by wall time and, in brackets, by the process's CPU time: on a
machine shared with other jobs the second is the steadier figure of what one core does.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sentiment_sets import find_sets

ROOT = Path(__file__).resolve().parent.parent
FIRST_USE = """
import time, sys
t0 = time.perf_counter()
import {module} as m
t1 = time.perf_counter()
m.classify("Заказ не пришёл уже две недели", "ru")
t2 = time.perf_counter()
print((t1 - t0) * 1000, (t2 - t1) * 1000)
"""

THROUGHPUT = """
import json, sys, time
import {module} as m
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
if sys.argv[2] == "detected":
    rows = [(text, None) for text, _lang in rows]
m.classify("warm up", "en")
t0, c0 = time.perf_counter(), time.process_time()
for text, lang in rows:
    m.classify(text, lang)
print(len(rows) / (time.perf_counter() - t0), len(rows) / (time.process_time() - c0))
"""

MODULES = {"lexicon": "smm_audit.sentiment", "model": "smm_audit.sentiment.model"}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, help="folders or files of labelled sets")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=tuple(MODULES), help="measure one classifier only")
    args = parser.parse_args(argv)
    paths = args.paths or [ROOT / "tests" / "data" / "comments_labeled.jsonl"]
    texts = [(text, s.lang) for p in paths for s in find_sets(p) for text, _ in s.rows]
    if not texts:
        raise SystemExit("no labelled set found under " + ", ".join(map(str, paths)))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for row in texts:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(texts):,} texts; {args.repeat} fresh processes per figure; median\n")
    print(
        "| classifier | import | first classify call | comments/s (language given) | whole process "
        "| comments/s (language detected) |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for name, module in MODULES.items():
        if args.only and name != args.only:
            continue
        firsts, imports, speeds, walls, detected, cpu, cpu_detected = [], [], [], [], [], [], []
        for _ in range(args.repeat):
            out = subprocess.run(
                [sys.executable, "-c", FIRST_USE.format(module=module)], capture_output=True, text=True, check=True
            ).stdout.split()
            imports.append(float(out[0]))
            firsts.append(float(out[1]))
            t0 = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-c", THROUGHPUT.format(module=module), f.name, "given"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            walls.append(time.perf_counter() - t0)
            speeds.append(float(out.split()[0]))
            cpu.append(float(out.split()[1]))
            out = subprocess.run(
                [sys.executable, "-c", THROUGHPUT.format(module=module), f.name, "detected"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            detected.append(float(out.split()[0]))
            cpu_detected.append(float(out.split()[1]))
        print(
            f"| {name} | {statistics.median(imports):.0f} ms | {statistics.median(firsts):.0f} ms "
            f"| {statistics.median(speeds):,.0f} ({statistics.median(cpu):,.0f}) | {statistics.median(walls):.2f} s "
            f"| {statistics.median(detected):,.0f} ({statistics.median(cpu_detected):,.0f}) |"
        )
    Path(f.name).unlink()


if __name__ == "__main__":
    main()
