"""leadgraph: a knowledge graph of leadership concepts in which every relation carries its quote.

The package follows the pipeline, one folder a stage, each importing only from the stages before it
and from the helpers at the top (``errors``, ``paths``, ``namespace``, ``files``, ``tables``, ``seed``):

- ``curation``: read and check the curated files of ``data/`` and the vocabulary of ``ontology/``;
- ``rdf``: assemble the RDF graph by the provenance model, validate, serialise, load;
- ``analysis``: the NetworkX concept graph derived from the RDF, its measures, communities and reports;
- ``view``: the offline HTML view;
- ``sparql``: SPARQL engines, result formats, saved queries, the endpoint server.

``build`` orchestrates them and ``cli`` is the ``leadgraph`` command. Notebooks use the functions
below; they are imported on first use, so that ``import graph`` (and every command) starts quickly.

>>> import graph
>>> sorted(graph.__all__)
['analyse', 'build_graph', 'load_graph', 'query']
>>> callable(graph.load_graph)
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    from rdflib import Graph

__all__ = ["analyse", "build_graph", "load_graph", "query"]

_HOMES = {"analyse": ("graph.analysis.summary", "analyse"), "build_graph": ("graph.build", "build_graph"),
          "load_graph": ("graph.build", "current_graph")}


def query(text: str, kg: Graph | None = None, engine: str = "rdflib") -> pd.DataFrame:
    """Run a SPARQL SELECT query and return its rows as a pandas DataFrame, one column per variable.

    ``kg`` defaults to the project's graph (its build output, or an in-memory build when it has none);
    ``engine`` is ``rdflib`` or ``oxigraph``.
    """
    from graph.build import current_graph
    from graph.sparql.frame import select_frame

    return select_frame(text, kg if kg is not None else current_graph(), engine)


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        module, attribute = _HOMES[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'graph' has no attribute {name!r}")
