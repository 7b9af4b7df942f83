"""Same input, same bytes: two builds under different hash seeds write identical files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _build(out: Path, seed: str) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-m", "graph.cli", "build", "--out", str(out)], check=True,
                   env=env, capture_output=True)
    return {path.name: path.read_bytes() for path in sorted(out.iterdir())}


def test_two_builds_write_the_same_bytes(tmp_path: Path) -> None:
    first = _build(tmp_path / "a", "1")
    second = _build(tmp_path / "b", "2")
    assert set(first) >= {"leadership.ttl", "leadership.jsonld", "leadership.nt"}
    assert first == second
