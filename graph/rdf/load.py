"""Load a built knowledge graph file (Turtle, N-Triples, JSON-LD) for analysis and queries."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from graph.errors import GraphFileError
from graph.rdf.assemble import bind_prefixes

__all__ = ["load_graph_file", "require_graph_file"]


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


_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".xml": "xml",
            ".trig": "trig", ".nq": "nquads"}


def _first_line(error: Exception) -> str:
    """An error message on one line, cut to 200 characters (parsers may quote a whole file)."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 200 else text[:200] + " ..."
