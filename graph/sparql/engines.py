"""SPARQL engines chosen by name: rdflib or Oxigraph in process, or a remote endpoint (``endpoint.py``).

Every engine answers a SELECT or ASK query with a dict in the SPARQL 1.1 Query Results JSON Format and
a CONSTRUCT or DESCRIBE query with Turtle bytes, so formatting and tests do not care which engine ran.
Queries are passed as strings: rdflib prepared queries would make Oxigraph's rdflib bridge fall back to
the slow engine.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import Graph

from graph.errors import GraphFileError, UsageError
from graph.namespace import PREFIXES
from graph.rdf.load import load_graph_file, require_graph_file
from graph.rdf.serialise import oxigraph_triples
from graph.sparql import ENGINES
from graph.sparql.syntax import check_syntax, with_prefixes

__all__ = ["Answer", "Engine", "OxigraphEngine", "RdflibEngine", "open_engine"]


@dataclass(frozen=True)
class Answer:
    """An engine's answer: ``results`` (SPARQL JSON) for SELECT and ASK, ``turtle`` for CONSTRUCT and
    DESCRIBE (form ``GRAPH``)."""

    form: str
    results: dict | None = None
    turtle: bytes | None = None


class Engine(Protocol):
    """Anything that answers SPARQL query strings."""

    name: str

    def ask(self, text: str) -> Answer: ...


class RdflibEngine:
    """rdflib's in-memory SPARQL engine: no set-up, fine for the shipped graph."""

    name = "rdflib"

    def __init__(self, kg: Graph):
        self.kg = kg

    def ask(self, text: str) -> Answer:
        form = check_syntax(text)
        result = self.kg.query(with_prefixes(text))
        if form == "GRAPH":
            graph = Graph()
            for prefix, namespace in PREFIXES.items():
                graph.bind(prefix, namespace)
            for triple in result:
                graph.add(triple)
            return Answer(form, turtle=graph.serialize(format="turtle", encoding="utf-8"))
        return Answer(form, results=json.loads(result.serialize(format="json")))


class OxigraphEngine:
    """Oxigraph's in-memory store: much faster joins, aggregates and property paths on large graphs."""

    name = "oxigraph"

    def __init__(self, store: ox.Store):
        self.store = store

    @classmethod
    def from_files(cls, paths: list[Path]) -> OxigraphEngine:
        store = ox.Store()
        for path in paths:
            rdf_format = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
            try:
                store.bulk_load(path=str(path), format=rdf_format)
            except (SyntaxError, ValueError, OSError) as error:
                message = (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
                raise GraphFileError(f"{path}: cannot be read as {rdf_format.name}: {message}") from None
        return cls(store)

    @classmethod
    def from_graph(cls, kg: Graph) -> OxigraphEngine:
        store = ox.Store()
        store.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in oxigraph_triples(kg))
        return cls(store)

    def ask(self, text: str) -> Answer:
        form = check_syntax(text)
        result = self.store.query(with_prefixes(text))
        if isinstance(result, ox.QueryTriples):
            return Answer(form, turtle=ox.serialize(result, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))
        return Answer(form, results=json.loads(result.serialize(format=ox.QueryResultsFormat.JSON)))


_OPENERS: dict[str, Callable[[Graph | list[Path]], Engine]] = {
    "rdflib": lambda source: RdflibEngine(source if isinstance(source, Graph) else load_graph_file(source[0])),
    "oxigraph": lambda source: (OxigraphEngine.from_graph(source) if isinstance(source, Graph)
                                else OxigraphEngine.from_files(source)),
}
"""How each engine of :data:`~graph.sparql.ENGINES` opens, over a graph or over graph files."""


def open_engine(name: str, source: Graph | Path | list[Path]) -> Engine:
    """The engine called ``name`` over ``source``: an rdflib graph, or one or more graph files.

    >>> open_engine("oxygraph", Graph())
    Traceback (most recent call last):
    ...
    graph.errors.UsageError: unknown engine 'oxygraph'; the engines are: rdflib, oxigraph
    """
    if name not in _OPENERS:
        raise UsageError(f"unknown engine {name!r}; the engines are: {', '.join(ENGINES)}")
    if not isinstance(source, Graph):
        source = [require_graph_file(Path(path)) for path in (source if isinstance(source, list) else [source])]
    return _OPENERS[name](source)
