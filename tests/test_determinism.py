"""Same input, same bytes: two builds under different hash seeds write identical files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from rdflib import Graph
from rdflib.compare import isomorphic

from graph.build import BuildResult


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


def test_the_three_formats_hold_the_same_graph(built: BuildResult) -> None:

    files = {path.suffix: path for path in built.files}
    graphs = {suffix: Graph().parse(files[suffix], format=fmt)
              for suffix, fmt in ((".ttl", "turtle"), (".jsonld", "json-ld"), (".nt", "nt"))}
    assert len(graphs[".ttl"]) == len(built.kg)
    assert isomorphic(graphs[".ttl"], graphs[".jsonld"])
    assert isomorphic(graphs[".ttl"], graphs[".nt"])
