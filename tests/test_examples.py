"""The committed example snapshots are exactly what examples/generate_examples.py writes.

Edit the generator, then regenerate (``python examples/generate_examples.py``) and commit
both; an example edited by hand, or a generator change not regenerated, fails here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NAMES = ("demo-snapshot.json", "healthy-snapshot.json")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("examples")
    subprocess.run(
        [sys.executable, str(EXAMPLES / "generate_examples.py"), str(folder)], check=True, capture_output=True
    )
    return folder


@pytest.mark.parametrize("name", NAMES)
def test_committed_example_is_the_generators_output(generated: Path, name: str) -> None:
    committed = (EXAMPLES / name).read_bytes()
    fresh = (generated / name).read_bytes()
    if committed != fresh:
        old, new = committed.splitlines(), fresh.splitlines()
        line = next(
            (i for i, (a, b) in enumerate(zip(old, new, strict=False), 1) if a != b), min(len(old), len(new)) + 1
        )
        pytest.fail(
            f"examples/{name} differs from the generator's output from line {line}: "
            "run python examples/generate_examples.py and commit the generator and the examples together"
        )


def test_generator_writes_only_the_examples(generated: Path) -> None:
    # a new example must be added to NAMES, so that it is checked too
    assert sorted(p.name for p in generated.iterdir()) == sorted(NAMES)
