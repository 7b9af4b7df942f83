"""Benchmark: the build's first two steps alone, reading and checking the curated data and assembling the RDF.

Run with ``PYTHONPATH=. .venv/bin/python benchmarks/read_assemble.py DATA [--runs 3]`` (``DATA`` a data
folder, such as a replica made by ``benchmarks/build_scale.py``). It prints the median wall and processor
seconds of ``load_curated`` and ``assemble_graph`` over the runs, in one process. Processor seconds move
less than wall seconds on a shared machine; to compare two versions, run each from its own tree in turn.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.curation import load_curated
from graph.curation.vocabulary import Vocabulary, load_ontology
from graph.paths import find_project
from graph.rdf.assemble import assemble_graph


def _clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def main() -> None:
    """Time the two steps ``--runs`` times and print their medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    project = find_project(args.data, None)
    ontology = load_ontology(project.ontology)
    vocabulary = Vocabulary.from_graph(ontology)
    times: dict[str, list[float]] = {"read wall": [], "read cpu": [], "assemble wall": [], "assemble cpu": []}
    for _ in range(args.runs):
        wall, cpu = _clocks()
        curated = load_curated(args.data, vocabulary)
        read_wall, read_cpu = _clocks()
        triples = assemble_graph(curated, ontology, vocabulary)
        done_wall, done_cpu = _clocks()
        times["read wall"].append(read_wall - wall)
        times["read cpu"].append(read_cpu - cpu)
        times["assemble wall"].append(done_wall - read_wall)
        times["assemble cpu"].append(done_cpu - read_cpu)
        del curated, triples
    print(", ".join(f"{name} {statistics.median(values):.3f} s" for name, values in times.items()))


if __name__ == "__main__":
    main()
