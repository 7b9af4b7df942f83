"""Benchmark: wall time of a full ``leadgraph build`` of the shipped data, and where it goes.

Run with ``make bench`` or ``.venv/bin/python benchmarks/build_time.py [--runs N]``. The first
figure is what a user waits for (a fresh process, imports included); the phases come from one
in-process build, run one after another; in ``leadgraph build`` the SHACL validation runs in a
forked child process alongside analysis, serialisation and the view. The target is a full build
under 2 s wall on a 2-core machine.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def wall_times(runs: int) -> list[float]:
    """Wall seconds of ``leadgraph build`` in a fresh interpreter, ``runs`` times."""
    times = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "graph.cli", "build", "--out", out], check=True,
                           capture_output=True)
            times.append(time.perf_counter() - started)
    return times


def phase_times() -> dict[str, float]:
    """Seconds spent in each phase of one in-process build."""
    phases: dict[str, float] = {}
    mark = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        phases[name] = now - mark
        mark = now

    from graph.analysis.figures import add_figures
    from graph.analysis.summary import analyse
    from graph.curation import load_curated
    from graph.curation.vocabulary import Vocabulary, load_ontology
    from graph.rdf.assemble import assemble_graph
    from graph.rdf.serialise import FORMATS, oxigraph_triples, serialise
    from graph.rdf.validate import validate_graph
    from graph.view import render_view
    from tests.repository import DATA_DIR, ONTOLOGY_DIR
    lap("import")
    ontology = load_ontology(ONTOLOGY_DIR)
    vocabulary = Vocabulary.from_graph(ontology)
    curated = load_curated(DATA_DIR, vocabulary)
    lap("read and check curated data")
    kg = assemble_graph(curated, ontology, vocabulary)
    lap("assemble RDF")
    validate_graph(kg, ONTOLOGY_DIR / "shapes.ttl")
    lap("SHACL validation (child process)")
    analysis = analyse(kg)
    add_figures(kg, analysis)
    lap("analysis")
    triples = oxigraph_triples(kg)
    for fmt in FORMATS:
        serialise(kg, fmt, triples)
    lap("serialise ttl, json-ld, nt")
    render_view(analysis)
    lap("HTML view")
    return phases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    times = wall_times(args.runs)
    print(f"leadgraph build, {args.runs} runs: median {statistics.median(times):.2f} s wall, "
          f"min {min(times):.2f} s, max {max(times):.2f} s (target < 2 s)")
    for name, seconds in phase_times().items():
        print(f"  {name:<30} {seconds:6.3f} s")


if __name__ == "__main__":
    main()
