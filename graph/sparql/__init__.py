"""Query: SPARQL over the knowledge graph, in process, over HTTP, and as a server.

Modules: ``syntax`` (the project's prefixes, syntax errors with line and column), ``engines`` (rdflib and
Oxigraph by name), ``store`` (the persistent on-disk store: loaded once, opened read-only), ``endpoint``
(a remote SPARQL 1.1 Protocol endpoint such as Virtuoso, Graph Store push with credentials), ``results``
(table, JSON, CSV, TSV), ``frame`` (pandas DataFrames for notebooks), ``saved`` (the ``.rq`` files of
``ontology/queries/``) and ``serve`` (the read-only Oxigraph server behind ``leadgraph serve``).
"""

__all__ = ["ENGINES"]

ENGINES = ("rdflib", "oxigraph")
"""The in-process SPARQL engines, by name: ``--engine``'s choices; ``engines.open_engine`` opens each."""
