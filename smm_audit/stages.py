"""Where one run's time goes: each stage's CPU and wall seconds, for benchmarks/scale.py.

Off unless ``SMM_AUDIT_STAGES`` names a file: then every stage (read, parse,
validate, references, each check, the report, each format) appends one line of
JSON to it, ``{"stage": ..., "cpu": ..., "wall": ..., "maxrss_mib": ...}``.
Nothing else changes: reports, output and exit status are the same with it on.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

ENV_VAR = "SMM_AUDIT_STAGES"


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Time the block as stage ``name`` when ``SMM_AUDIT_STAGES`` is set; otherwise do nothing."""
    path = os.environ.get(ENV_VAR)
    if not path:
        yield
        return
    cpu, wall = time.process_time(), time.perf_counter()
    try:
        yield
    finally:
        record(name, time.process_time() - cpu, time.perf_counter() - wall, path)


def record(name: str, cpu: float, wall: float, path: str | None = None) -> None:
    """Append one stage's figures (and the peak RSS so far) to the file ``SMM_AUDIT_STAGES`` names."""
    path = path or os.environ.get(ENV_VAR)
    if not path:
        return
    import resource  # POSIX only; only measured runs need it

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    line = {"stage": name, "cpu": round(cpu, 4), "wall": round(wall, 4), "maxrss_mib": round(peak, 1)}
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(line) + "\n")
    except OSError:
        pass  # a measurement never breaks a run
