"""leadgraph: a knowledge graph of the concepts of Fairholm's inner leadership.

The package reads the curated texts and knowledge of ``data/`` and the vocabulary of
``ontology/``, builds an RDF graph in which every relation carries the quote it was taken from,
and analyses, draws and queries it.
"""

from graph.build import build, build_graph

__all__ = ["build", "build_graph"]
