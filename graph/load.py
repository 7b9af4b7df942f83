"""Load the built knowledge graph, for the commands and notebooks that analyse or query it."""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import Graph

from graph.assemble import bind_prefixes
from graph.paths import GRAPH_FILE

__all__ = ["load_graph", "require_graph_file"]


def require_graph_file(path: Path) -> Path:
    """``path`` when it exists; otherwise a ``FileNotFoundError`` that says where the graph comes from."""
    if not path.exists():
        raise FileNotFoundError(f"graph file not found: {path} (`leadgraph build` writes {GRAPH_FILE})")
    return path


def load_graph(path: Path | str | None = None) -> Graph:
    """The graph in ``path`` (default ``build/leadership.ttl``).

    When the default file does not exist yet, the graph is built in memory from the shipped data
    instead, so every command works on a fresh checkout; a path given explicitly must exist.
    """
    if path is None and not GRAPH_FILE.exists():
        from graph.build import build_graph

        print(f"note: {GRAPH_FILE} not found; building the graph in memory "
              "(run `leadgraph build` to write it)", file=sys.stderr)
        return build_graph()[0]
    source = require_graph_file(Path(path) if path is not None else GRAPH_FILE)
    kg = bind_prefixes(Graph())
    kg.parse(source, format="turtle" if source.suffix == ".ttl" else None)
    return kg
