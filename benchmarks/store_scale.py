"""Benchmark: the persistent store and Virtuoso at scale, on the shipped build replicated K times.

Run with ``.venv/bin/python benchmarks/store_scale.py [--copies 64] [--runs 5] [--virtuoso-copies 1 64]``.
The replicated graph is the build's N-Triples written K times, every leadgraph IRI outside the vocabulary
suffixed with the copy's number (``lgc:trust`` becomes ``lgc:trust-c7``), so each copy is a whole graph
of its own and the vocabulary is shared; at K = 64 that is about 465,000 triples. It is written as Turtle,
as a build of that size would write it. Every figure is a fresh ``leadgraph`` process, as a user runs it:

- ``store load``: wall time, and the size of the store on disk;
- ``serve --store``: from starting the command to the first answer of a saved query (target < 1 s),
  against ``serve --graph`` over the same Turtle file, which loads it first;
- ``query --store``: a saved query, against ``query --engine oxigraph --graph`` over the Turtle file;
- ``push`` into a real Virtuoso (``tests/virtuoso.py``) with digest authentication, and a saved query on it.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyoxigraph as ox

from graph.build import build_graph
from graph.namespace import BASE, LG, PREFIXES
from graph.rdf.serialise import serialise
from tests.repository import QUERIES_DIR
from tests.virtuoso import GRAPH, PASSWORD, USER, Virtuoso, free_port

LEADGRAPH = [sys.executable, "-m", "graph.cli"]
SAVED = "cq06-eleven-service-tasks"
_OURS = re.compile(r"<(" + re.escape(BASE) + r"(?!" + re.escape(str(LG._NS)[len(BASE):]) + r")[^>]*)>")


def replicated_turtle(base: bytes, copies: int, path: Path) -> int:
    """Write ``copies`` copies of the N-Triples ``base`` as one Turtle file; return its number of triples."""
    lines = base.decode("utf-8").splitlines()
    replicated = "\n".join(_OURS.sub(lambda m, n=n: f"<{m[1]}-c{n}>", line) if n else line
                           for n in range(copies) for line in lines) + "\n"
    store = ox.Store()
    store.bulk_load(replicated.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    triples = (ox.Triple(quad.subject, quad.predicate, quad.object) for quad in store)
    path.write_bytes(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))
    return len(store)


def _run(*args: str) -> float:
    """Wall seconds of one ``leadgraph`` command (which must succeed)."""
    started = time.perf_counter()
    subprocess.run([*LEADGRAPH, *args], check=True, capture_output=True)
    return time.perf_counter() - started


def _first_answer(*args: str, timeout: float = 600.0) -> float:
    """Seconds from starting ``leadgraph serve ARGS`` to the first answer of the saved query."""
    port = free_port()
    query = urllib.parse.urlencode({"query": (QUERIES_DIR / f"{SAVED}.rq").read_text(encoding="utf-8")})
    request = urllib.request.Request(f"http://127.0.0.1:{port}/query?{query}",
                                     headers={"Accept": "application/sparql-results+json"})
    started = time.perf_counter()
    server = subprocess.Popen([*LEADGRAPH, "serve", *args, "--port", str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - started < timeout:
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    response.read()
                    return time.perf_counter() - started
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.01)
        raise RuntimeError("the server did not answer")
    finally:
        server.terminate()
        server.wait(timeout=30)


def _median(times: list[float]) -> str:
    return f"median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}, {len(times)} runs)"


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def store_figures(turtle: Path, folder: Path, runs: int) -> None:
    """Print the store's figures for one replicated graph."""
    load = [_run("store", "load", str(folder), "--graph", str(turtle)) for _ in range(max(1, runs // 2))]
    print(f"  store load:                {_median(load)}; {_size(folder) / 1e6:.1f} MB on disk "
          f"(the Turtle file: {turtle.stat().st_size / 1e6:.1f} MB)", flush=True)
    start = [_first_answer("--store", str(folder)) for _ in range(runs)]
    print(f"  serve --store, 1st answer: {_median(start)}", flush=True)
    start = [_first_answer("--graph", str(turtle)) for _ in range(max(1, runs // 2))]
    print(f"  serve --graph, 1st answer: {_median(start)}", flush=True)
    for name in (SAVED, "cq12-relation-evidence"):
        stored = [_run("query", name, "--store", str(folder), "--format", "csv") for _ in range(runs)]
        print(f"  query --store {name}: {_median(stored)}", flush=True)
        loaded = [_run("query", name, "--engine", "oxigraph", "--graph", str(turtle), "--format", "csv")
                  for _ in range(max(1, runs // 2))]
        print(f"  query --graph (oxigraph) {name}: {_median(loaded)}", flush=True)


def virtuoso_figures(turtle: Path, folder: Path) -> None:
    """Print the push time into a fresh Virtuoso and the time of a saved query on it."""
    with Virtuoso(folder, max_rows=1_000_000, buffers=170_000) as server:
        push = _run("push", "--endpoint", server.graph_store, "--graph-uri", GRAPH, "--graph", str(turtle),
                    "--user", USER, "--password", PASSWORD)
        again = _run("push", "--endpoint", server.graph_store, "--graph-uri", GRAPH, "--graph", str(turtle),
                     "--user", USER, "--password", PASSWORD)
        print(f"  Virtuoso push:             {push:.2f} s (again, replacing: {again:.2f} s)", flush=True)
        query = [_run("query", SAVED, "--endpoint", server.sparql, "--graph-uri", GRAPH, "--format", "csv")
                 for _ in range(3)]
        print(f"  query --endpoint {SAVED}: {_median(query)}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="*", default=[1, 64])
    parser.add_argument("--virtuoso-copies", type=int, nargs="*", default=[1, 64])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    kg, _ = build_graph()
    base = serialise(kg, "nt")
    with tempfile.TemporaryDirectory() as scratch:
        for copies in sorted(set(args.copies) | set(args.virtuoso_copies)):
            turtle = Path(scratch) / f"k{copies}.ttl"
            triples = replicated_turtle(base, copies, turtle)
            print(f"\nK = {copies}: {triples:,} triples", flush=True)
            if copies in args.copies:
                store_figures(turtle, Path(scratch) / f"store-k{copies}", args.runs)
            if copies in args.virtuoso_copies:
                virtuoso_figures(turtle, Path(scratch) / f"virtuoso-k{copies}")


if __name__ == "__main__":
    main()
