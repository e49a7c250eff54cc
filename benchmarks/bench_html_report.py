"""Time the HTML format alone on a JSON report (not a unit test).

    smm-audit run /tmp/big.json -f json -o /tmp/big-report.json     # see make_big_snapshot.py
    python benchmarks/bench_html_report.py /tmp/big-report.json --runs 5
    python benchmarks/bench_html_report.py report.json --repeat 1000   # every check's findings 1,000 times over

Renders the report as ``-f html`` does (after the engine and the redactor, which
this leaves out) and prints the page's size and the median time of the runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from smm_audit.formats.html_report import render


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=1, help="repeat every check's findings this many times")
    args = parser.parse_args()
    report = json.loads(args.report.read_text("utf-8"))
    for check in report["checks"]:
        check["findings"] = check["findings"] * args.repeat
    findings = sum(len(c["findings"]) for c in report["checks"])
    render(report)  # warm-up
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        page = render(report)
        times.append(time.perf_counter() - start)
    size = len(page.encode("utf-8"))
    print(
        f"{len(report['checks'])} checks, {findings:,} findings: {size:,} bytes, "
        f"median {statistics.median(times) * 1000:.1f} ms over {args.runs} runs"
    )


if __name__ == "__main__":
    main()
