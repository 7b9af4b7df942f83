"""Load a built knowledge graph file (Turtle, N-Triples, JSON-LD) for analysis and queries: as Oxigraph
triples (:func:`read_triples`, fast, for what only reads triples) or as an rdflib graph
(:func:`load_graph_file`, for rdflib's SPARQL and notebooks)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from graph.errors import GraphFileError
from graph.rdf.assemble import bind_prefixes

__all__ = ["load_graph_file", "read_triples", "require_graph_file"]


def require_graph_file(path: Path) -> Path:
    """``path`` when it is an existing, non-empty file; otherwise a :class:`GraphFileError` saying so."""
    if not path.exists():
        raise GraphFileError(f"graph file not found: {path} (`leadgraph build` writes build/leadership.ttl)")
    if not path.is_file():
        raise GraphFileError(f"not a graph file: {path} is a directory")
    if path.stat().st_size == 0:
        raise GraphFileError(f"{path}: the graph file is empty (`leadgraph build` writes build/leadership.ttl)")
    return path


def load_graph_file(path: Path) -> Graph:
    """The graph in ``path``, with the project's prefixes bound; the format is taken from the suffix."""
    source = require_graph_file(Path(path))
    kg = bind_prefixes(Graph())
    try:
        kg.parse(source, format=_FORMATS.get(source.suffix, "turtle"))
    except Exception as error:  # rdflib's parsers raise many unrelated types on bad input
        raise GraphFileError(f"{source}: cannot be read as {_FORMATS.get(source.suffix, 'turtle')}: "
                             f"{_first_line(error)}") from None
    return kg


def read_triples(path: Path) -> list[ox.Triple]:
    """The triples in ``path``, parsed by Oxigraph (several times faster than rdflib); the format is taken
    from the suffix, and the triples of every graph of a dataset format (TriG, N-Quads) are read."""
    source = require_graph_file(Path(path))
    name = _FORMATS.get(source.suffix, "turtle")
    try:
        return [quad.triple for quad in ox.parse(path=source, format=_OXIGRAPH_FORMATS[name],
                                                 base_iri=source.resolve().as_uri())]
    except (SyntaxError, ValueError, OSError) as error:
        raise GraphFileError(f"{source}: cannot be read as {name}: {_first_line(error)}") from None


_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".xml": "xml",
            ".trig": "trig", ".nq": "nquads"}
_OXIGRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "json-ld": ox.RdfFormat.JSON_LD,
                     "xml": ox.RdfFormat.RDF_XML, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}


def _first_line(error: Exception) -> str:
    """An error message on one line, cut to 200 characters (parsers may quote a whole file)."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 200 else text[:200] + " ..."
