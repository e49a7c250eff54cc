"""Start-up of the smm-audit command beside a bare ``python -c pass`` (not a unit test).

    python benchmarks/startup.py                  # 11 interleaved runs of each command
    python benchmarks/startup.py --runs 21 --smm-audit /path/to/another/checkout/.venv/bin/smm-audit
    python benchmarks/startup.py --smm-audit .venv/bin/smm-audit --smm-audit ../main/.venv/bin/smm-audit  # side by side

Runs ``python -c pass`` (the same interpreter as the command's), ``smm-audit --version``, ``--help``,
``checks`` and the demo audit in turn, round after round, as whole processes; prints the median CPU time
(user + system of the process and the children it waited for), wall time and peak RSS of each, and its
ratio to ``python -c pass`` (the median of the ratios round by round, so that a machine that speeds up or
slows down in between moves both sides). The targets of issue 12 are printed beside them. Given
``--smm-audit`` more than once, the commands of every checkout are interleaved in each round (each beside
its own interpreter's ``python -c pass``), and a table is printed for each.

The package's bytecode is compiled first (``compileall``), as an installed package has it: with
PYTHONDONTWRITEBYTECODE set, an editable checkout would otherwise compile every module on every run.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "examples" / "demo-snapshot.json"

COMMANDS: list[tuple[str, list[str], str]] = [
    ("smm-audit --version", ["--version"], "<= 2x python -c pass (wall and CPU)"),
    ("smm-audit --help", ["--help"], ""),
    ("smm-audit checks", ["checks"], "<= 0.25 s"),
    ("smm-audit run demo", ["run", str(DEMO)], "<= 0.4 s wall"),
]


def measure(argv: list[str]) -> tuple[float, float, float]:
    """(CPU seconds, wall seconds, peak RSS in MiB) of one run of ``argv``, its output thrown away."""
    start = time.monotonic()
    process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - start
    process.returncode = 0  # reaped above: Popen must not wait for it again
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024


def console_script(given: str | None) -> str:
    """The smm-audit beside this interpreter (a virtual environment's), else the one on PATH."""
    if given:
        return given
    beside = Path(sys.executable).with_name("smm-audit")
    found = str(beside) if beside.exists() else shutil.which("smm-audit")
    if not found:
        sys.exit("smm-audit is not installed beside this Python nor on PATH: give --smm-audit PATH")
    return found


def interpreter_of(script: str) -> str:
    """The Python a console script runs (its #! line), so that ``python -c pass`` is the same one."""
    first = Path(script).read_text(encoding="utf-8", errors="replace").splitlines()[0]
    return first[2:].strip() if first.startswith("#!") else sys.executable


def compile_package(python: str) -> None:
    spec = importlib.util.find_spec("smm_audit")
    if spec is not None and spec.submodule_search_locations and python == sys.executable:
        for location in spec.submodule_search_locations:
            compileall.compile_dir(location, quiet=1)
    else:  # another interpreter: let it compile its own copy
        code = "import compileall, smm_audit, os; compileall.compile_dir(os.path.dirname(smm_audit.__file__), quiet=1)"
        # not from here: with -c, the working directory comes first on sys.path, and this checkout would be compiled
        subprocess.run([python, "-c", code], check=True, cwd=os.path.dirname(python))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="counted rounds (one warm-up round is not counted)")
    parser.add_argument(
        "--smm-audit",
        dest="scripts",
        action="append",
        help="the console script to time (default: the installed one); repeat it to time checkouts side by side",
    )
    parser.add_argument("--no-compile", action="store_true", help="do not compile the package's bytecode first")
    args = parser.parse_args()
    scripts = [console_script(given) for given in args.scripts or [None]]
    sides = []
    for script in scripts:
        python = interpreter_of(script)
        if not args.no_compile:
            compile_package(python)
        commands = [("python -c pass", [python, "-c", "pass"], "")] + [
            (label, [script, *words], target) for label, words, target in COMMANDS
        ]
        sides.append((script, commands, {label: [] for label, _, _ in commands}))
    figures: dict[str, list[tuple[float, float, float]]]
    for round_ in range(args.runs + 1):
        for _, commands, figures in sides:
            for label, argv, _ in commands:
                figure = measure(argv)
                if round_:
                    figures[label].append(figure)
    for script, commands, figures in sides:
        report(script, args.runs, commands, figures)


def report(
    script: str,
    runs_: int,
    commands: list[tuple[str, list[str], str]],
    figures: dict[str, list[tuple[float, float, float]]],
) -> None:
    base = figures["python -c pass"]
    print(f"{script} ({runs_} rounds, medians; ratios to python -c pass round by round)")
    print(f"{'command':<22} {'CPU s':>7} {'wall s':>7} {'CPU ×':>7} {'wall ×':>7} {'peak MiB':>9}  target")
    for label, _, target in commands:
        runs = figures[label]
        cpu = statistics.median(r[0] for r in runs)
        wall = statistics.median(r[1] for r in runs)
        peak = statistics.median(r[2] for r in runs)
        cpu_ratio = statistics.median(r[0] / max(b[0], 1e-6) for r, b in zip(runs, base, strict=True))
        wall_ratio = statistics.median(r[1] / max(b[1], 1e-6) for r, b in zip(runs, base, strict=True))
        print(f"{label:<22} {cpu:7.3f} {wall:7.3f} {cpu_ratio:7.2f} {wall_ratio:7.2f} {peak:9.1f}  {target}")


if __name__ == "__main__":
    main()
