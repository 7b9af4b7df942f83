"""SPARQL engines behind one function that takes a name: rdflib, Oxigraph, or a remote endpoint.

Every engine answers a SELECT or ASK query with a dict in the SPARQL 1.1 Query Results JSON Format and
a CONSTRUCT or DESCRIBE query with Turtle bytes, so formatting and tests do not care which engine ran.
Queries are passed as strings: rdflib prepared queries would make Oxigraph's rdflib bridge fall back to
the slow engine.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import Graph

from graph.namespace import PREFIXES
from graph.output import oxigraph_triples
from graph.sparql import check_syntax, with_prefixes

__all__ = ["ENGINES", "Answer", "EndpointError", "Engine", "open_engine", "push_graph"]

ENGINES = ("rdflib", "oxigraph")


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


class EndpointError(RuntimeError):
    """A remote endpoint refused a request or could not be reached."""


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
            store.bulk_load(path=str(path), format=ox.RdfFormat.from_extension(path.suffix.lstrip(".")))
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


class EndpointEngine:
    """A SPARQL 1.1 Protocol endpoint over HTTP (Oxigraph server, Fuseki, GraphDB, ...)."""

    name = "endpoint"

    def __init__(self, url: str, timeout: float = 60.0):
        self.url = url
        self.timeout = timeout

    def ask(self, text: str) -> Answer:
        form = check_syntax(text)
        graph_form = form == "GRAPH"
        request = urllib.request.Request(
            self.url, data=with_prefixes(text).encode("utf-8"), method="POST",
            headers={"Content-Type": "application/sparql-query",
                     "Accept": "text/turtle" if graph_form else "application/sparql-results+json"})
        body = _send(request, self.timeout)
        if graph_form:
            return Answer(form, turtle=body)
        return Answer(form, results=json.loads(body))


def _send(request: urllib.request.Request, timeout: float) -> bytes:
    """Send an HTTP request; any refusal becomes an :class:`EndpointError` with the server's words."""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        detail = error.read().decode("utf-8", "replace").strip()[:500]
        raise EndpointError(f"{request.full_url} answered {error.code} {error.reason}: {detail}") from None
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        reason = getattr(error, "reason", error)
        raise EndpointError(f"cannot reach {request.full_url}: {reason}") from None


def open_engine(name: str = "rdflib", graph_files: list[Path] | None = None, endpoint: str | None = None,
                kg: Graph | None = None) -> Engine:
    """The engine called ``name`` over ``kg``, over ``graph_files``, or over the build output
    (``build/leadership.ttl``, built in memory when it is missing); or the remote ``endpoint``."""
    if endpoint:
        return EndpointEngine(endpoint)
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}; the engines are: {', '.join(ENGINES)}")
    from graph.load import load_graph, require_graph_file
    from graph.paths import GRAPH_FILE
    if kg is None and not graph_files and not GRAPH_FILE.exists():
        kg = load_graph()
    if kg is not None:
        return RdflibEngine(kg) if name == "rdflib" else OxigraphEngine.from_graph(kg)
    files = [require_graph_file(path) for path in graph_files or [GRAPH_FILE]]
    return RdflibEngine(load_graph(files[0])) if name == "rdflib" else OxigraphEngine.from_files(files)


def push_graph(path: Path, endpoint: str, graph_uri: str | None = None, timeout: float = 120.0) -> None:
    """Replace the default graph (or ``graph_uri``) of a SPARQL 1.1 Graph Store Protocol endpoint with
    the contents of a Turtle or N-Triples file."""
    target = endpoint + ("&" if "?" in endpoint else "?") + (
        urllib.parse.urlencode({"graph": graph_uri}) if graph_uri else "default")
    content_type = "application/n-triples" if path.suffix == ".nt" else "text/turtle"
    request = urllib.request.Request(target, data=path.read_bytes(), method="PUT",
                                     headers={"Content-Type": content_type})
    _send(request, timeout)
