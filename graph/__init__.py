"""leadgraph: a knowledge graph of the concepts of Fairholm's inner leadership.

The package reads the curated texts and knowledge of ``data/`` and the vocabulary of
``ontology/``, builds an RDF graph in which every relation carries the quote it was taken from,
and analyses, draws and queries it.

The command ``leadgraph build`` is :func:`graph.build.build`; notebooks use the functions below. They
are imported on first use, so that ``import graph`` (and every ``leadgraph`` command) starts quickly.

>>> import graph
>>> sorted(graph.__all__)
['analyse', 'build_graph', 'load_graph', 'query']
>>> callable(graph.load_graph)
True
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["analyse", "build_graph", "load_graph", "query"]

_HOMES = {"analyse": "graph.analysis.summary", "build_graph": "graph.build", "load_graph": "graph.load",
          "query": "graph.sparql"}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'graph' has no attribute {name!r}")
