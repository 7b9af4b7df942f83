"""Benchmark: rdflib against Oxigraph on graphs shaped like ours, at 10k, 100k and 1M triples.

Run with ``.venv/bin/python benchmarks/sparql_engines.py [--sizes 10000 100000 1000000] [--limit 120]``.
Each graph is the shipped build plus synthetic concepts, relations, claims, annotations and selectors in
the project's vocabulary (with ``lg:kindOf`` chains for property paths), so the saved queries find their
real answers among many others. For each engine it times loading the N-Triples file and every saved
query, plus three stress queries: a join over all evidence, a GROUP BY, and a transitive property path.
rdflib queries run in a forked child with a time limit (``--limit`` seconds); a RecursionError is
reported as such. The last column says whether both engines gave the same rows.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyoxigraph as ox
from rdflib import Graph

from graph.build import build_graph
from graph.namespace import BASE, LG, OA
from graph.rdf.serialise import serialise
from graph.seed import SEED
from graph.sparql.engines import OxigraphEngine, RdflibEngine
from tests.repository import QUERIES_DIR
from tests.sparql_rows import result_rows

STRESS = {
    "join: all evidence": (QUERIES_DIR / "cq12-relation-evidence.rq").read_text(encoding="utf-8"),
    "GROUP BY: relations per class": """SELECT ?class (COUNT(*) AS ?relations) WHERE {
        ?claim rdf:subject ?subject . ?subject a ?class . ?class a lg:ConceptClass }
        GROUP BY ?class ORDER BY DESC(?relations)""",
    "path: kind of+": "SELECT (COUNT(*) AS ?pairs) WHERE { ?narrow lg:kindOf+ ?broad }",
}

_CLASSES = ["LeadershipModel", "Role", "Value", "Practice", "PowerAndInfluence", "Structure", "Outcome", "Quality"]
_TYPES = ["fosters", "requires", "partOf", "basedOn", "contrastsWith", "reduces", "practisedBy"]
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_XSD = "http://www.w3.org/2001/XMLSchema#"


def _concept_lines(index: int, rng: random.Random) -> list[str]:
    iri = f"<{BASE}concept/synthetic-{index}>"
    cls = f"<{LG._NS}{rng.choice(_CLASSES)}>"
    return [f"{iri} <{_RDF}type> <{_SKOS}Concept> .", f"{iri} <{_RDF}type> {cls} .",
            f'{iri} <{_SKOS}prefLabel> "synthetic concept {index}"@en .',
            f'{iri} <{_SKOS}definition> "A synthetic concept for the benchmark, number {index}."@en .',
            f"{iri} <{_SKOS}inScheme> <{BASE}scheme> .",
            f'{iri} <{LG.betweenness}> "{rng.random() / 100:.6f}"^^<{_XSD}decimal> .']


def _relation_lines(index: int, subject: int, predicate: str, obj: int) -> list[str]:
    """One relation with its claim, annotation, target and two selectors: 22 triples, like ours."""
    s, o = f"<{BASE}concept/synthetic-{subject}>", f"<{BASE}concept/synthetic-{obj}>"
    p = f"<{LG._NS}{predicate}>"
    claim, note = f"<{BASE}claim/synthetic-{index}>", f"<{BASE}evidence/synthetic-{index}>"
    target, quote, position = f"<{BASE}evidence/synthetic-{index}/target>", \
        f"<{BASE}evidence/synthetic-{index}/quote>", f"<{BASE}evidence/synthetic-{index}/position>"
    document = f"<{BASE}source/ch03>"
    start = index % 30000
    return [f"{s} {p} {o} .",
            f"{claim} <{_RDF}type> <{_RDF}Statement> .", f"{claim} <{_RDF}subject> {s} .",
            f"{claim} <{_RDF}predicate> {p} .", f"{claim} <{_RDF}object> {o} .",
            f'{claim} <http://www.w3.org/2000/01/rdf-schema#label> "synthetic relation {index}"@en .',
            f"{claim} <http://www.w3.org/ns/prov#wasDerivedFrom> {document} .",
            f"{note} <{_RDF}type> <{OA}Annotation> .", f"{note} <{OA}hasBody> {claim} .",
            f"{note} <{OA}hasTarget> {target} .", f"{note} <{OA}motivatedBy> <{OA}describing> .",
            f"{target} <{_RDF}type> <{OA}SpecificResource> .", f"{target} <{OA}hasSource> {document} .",
            f"{target} <{OA}hasSelector> {quote} .", f"{target} <{OA}hasSelector> {position} .",
            f"{quote} <{_RDF}type> <{OA}TextQuoteSelector> .",
            f'{quote} <{OA}exact> "Synthetic concept {subject} {predicate} synthetic concept {obj}." .',
            f'{quote} <{OA}prefix> "some text before the quote " .', f'{quote} <{OA}suffix> " some text after" .',
            f"{position} <{_RDF}type> <{OA}TextPositionSelector> .",
            f'{position} <{OA}start> "{start}"^^<{_XSD}nonNegativeInteger> .',
            f'{position} <{OA}end> "{start + 60}"^^<{_XSD}nonNegativeInteger> .']


def synthetic_graph(triples: int, base: bytes, path: Path, seed: int = SEED) -> int:
    """Write the shipped graph plus synthetic data, about ``triples`` in all, as N-Triples; return the count."""
    rng = random.Random(seed)
    lines = base.decode("utf-8").splitlines()
    relations = max(0, (triples - len(lines)) // 26)
    concepts = max(2, int(relations * 0.6))
    for index in range(concepts):
        lines += _concept_lines(index, rng)
    chain = max(2, concepts // 4)  # the first quarter of concepts form one long kind-of chain
    for index in range(relations):
        if index < chain - 1:
            subject, predicate, obj = index, "kindOf", index + 1
        else:
            subject, obj = rng.randrange(concepts), rng.randrange(concepts)
            predicate = rng.choice(_TYPES)
        lines += _relation_lines(index, subject, predicate, obj)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def _rdflib_child(kg: Graph, text: str, connection) -> None:
    try:
        started = time.perf_counter()
        results = RdflibEngine(kg).ask(text).results
        connection.send(("ok", time.perf_counter() - started, results))
    except RecursionError:
        connection.send(("RecursionError", None, None))
    except Exception as error:  # a benchmark reports every failure rather than stopping
        connection.send((type(error).__name__, None, None))


def time_rdflib(kg: Graph, text: str, limit: float) -> tuple[str, float | None, dict | None]:
    """Run one rdflib query in a forked child with a time limit."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_rdflib_child, args=(kg, text, sender))
    child.start()
    sender.close()
    if receiver.poll(limit):
        outcome = receiver.recv()
        child.join()
        return outcome
    child.kill()
    child.join()
    return (f"> {limit:.0f} s", None, None)


def time_oxigraph(engine: OxigraphEngine, text: str) -> tuple[str, float, dict]:
    started = time.perf_counter()
    results = engine.ask(text).results
    return ("ok", time.perf_counter() - started, results)


def run(size: int, base: bytes, limit: float) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "graph.nt"
        count = synthetic_graph(size, base, path)
        started = time.perf_counter()
        store = ox.Store()
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
        ox_load = time.perf_counter() - started
        started = time.perf_counter()
        kg = Graph()
        kg.parse(path, format="nt")
        rdflib_load = time.perf_counter() - started
    oxigraph = OxigraphEngine(store)
    print(f"\n{count:,} triples")
    print(f"{'step':<36} {'rdflib':>12} {'oxigraph':>10} {'ratio':>8}  same")
    print(f"{'load N-Triples':<36} {rdflib_load:>11.2f}s {ox_load:>9.2f}s {rdflib_load / ox_load:>7.0f}x")
    queries = {path.stem: path.read_text(encoding="utf-8") for path in sorted(QUERIES_DIR.glob("*.rq"))}
    queries.update(STRESS)
    for name, text in queries.items():
        status, rdflib_time, rdflib_results = time_rdflib(kg, text, limit)
        _, ox_time, ox_results = time_oxigraph(oxigraph, text)
        if status == "ok":
            same = "yes" if result_rows(rdflib_results, text) == result_rows(ox_results, text) else "NO"
            ratio = f"{rdflib_time / max(ox_time, 1e-4):.0f}x"
            shown = f"{rdflib_time:.3f}s"
        else:
            same, ratio, shown = "-", "-", status
        print(f"{name:<36} {shown:>12} {ox_time:>9.3f}s {ratio:>8}  {same}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--limit", type=float, default=120.0, help="seconds allowed per rdflib query")
    args = parser.parse_args()
    kg, _ = build_graph()
    base = serialise(kg, "nt")
    for size in args.sizes:
        run(size, base, args.limit)


if __name__ == "__main__":
    main()
