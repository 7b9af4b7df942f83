"""Analysis: the NetworkX concept graph derived from the RDF, its measures, communities, gaps, paths and
the rows and cards people read (``reports``).

The names below are imported on first use, so that a command that only needs :data:`MEASURES` (the
command line's choices) does not pay for importing networkx.
"""

from __future__ import annotations

import importlib
from typing import Any

from graph.analysis.measures import MEASURES, ConceptMeasures

__all__ = ["MEASURES", "ConceptAnalysis", "ConceptMeasures", "analyse", "concept_graph", "concept_measures",
           "concept_paths", "document_emphasis", "louvain_communities", "structural_gaps", "undirected"]

_HOMES = {"ConceptAnalysis": "summary", "analyse": "summary", "concept_graph": "concept_graph",
          "undirected": "concept_graph", "concept_measures": "centrality", "concept_paths": "paths",
          "document_emphasis": "documents", "louvain_communities": "communities", "structural_gaps": "gaps"}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(f"graph.analysis.{_HOMES[name]}"), name)
    raise AttributeError(f"module 'graph.analysis' has no attribute {name!r}")
