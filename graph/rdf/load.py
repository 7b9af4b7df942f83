"""Load a built knowledge graph file (Turtle, N-Triples, JSON-LD) for analysis and queries."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from graph.errors import GraphFileError
from graph.rdf.assemble import bind_prefixes

__all__ = ["load_graph_file", "require_graph_file"]


def require_graph_file(path: Path) -> Path:
    """``path`` when it is an existing file; otherwise a :class:`GraphFileError` saying so."""
    if not path.exists():
        raise GraphFileError(f"graph file not found: {path} (`leadgraph build` writes build/leadership.ttl)")
    if not path.is_file():
        raise GraphFileError(f"not a graph file: {path} is a directory")
    return path


def load_graph_file(path: Path) -> Graph:
    """The graph in ``path``, with the project's prefixes bound; the format is taken from the suffix."""
    source = require_graph_file(Path(path))
    kg = bind_prefixes(Graph())
    kg.parse(source, format="turtle" if source.suffix == ".ttl" else None)
    return kg
