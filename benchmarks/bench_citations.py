"""Time the citation rewrite of a report (smm_audit.report.cite) on N findings that each cite a source.

    python benchmarks/bench_citations.py [N] [SECRET]

The findings are copies of the demo report's first one, each message ending in
``(002 L72)``; with SECRET the redactor has a password, so every rewritten text
is scrubbed again. Prints the median of 3 runs.
"""

from __future__ import annotations

import copy
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from smm_audit import report
from smm_audit.redact import Redactor

DEMO = Path(__file__).resolve().parent.parent / "examples" / "demo-snapshot.json"


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    redact = Redactor(sys.argv[2:3])
    ran = subprocess.run(
        [Path(sys.executable).parent / "smm-audit", "run", str(DEMO), "-f", "json", "--no-plugins"],
        capture_output=True,
        text=True,
    )
    data = json.loads(ran.stdout)
    check = next(c for c in data["checks"] if c["findings"])
    first = check["findings"][0]
    check["findings"] = [dict(first, message=f"holder {i} left: revoke their access (002 L72)") for i in range(count)]
    data["checks"] = [check]
    times = []
    for _ in range(3):
        fresh = copy.deepcopy(data)
        start = time.perf_counter()
        report.cite(fresh, redact)
        times.append(time.perf_counter() - start)
    print(f"{count} cited findings{' (with a secret)' if redact else ''}: {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
