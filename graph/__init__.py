"""leadgraph: a knowledge graph of the concepts of Fairholm's inner leadership.

The package reads the curated texts and knowledge of ``data/`` and the vocabulary of
``ontology/``, builds an RDF graph in which every relation carries the quote it was taken from,
and analyses, draws and queries it.

The command ``leadgraph build`` is :func:`graph.build.build`; notebooks use the functions below.

>>> import graph
>>> sorted(graph.__all__)
['analyse', 'build_graph', 'load_graph', 'query']
"""

from graph.analysis.summary import analyse
from graph.build import build_graph
from graph.load import load_graph
from graph.sparql import query

__all__ = ["analyse", "build_graph", "load_graph", "query"]
