"""RDF: assemble the knowledge graph from curated records, validate it, serialise it, load it back.

The second stage of the pipeline: everything downstream (analysis, view, queries) reads the RDF graph,
the single source of truth. Modules: ``triples`` (the graph as Oxigraph triples, as the build holds it),
``assemble`` (the provenance model), ``validate`` (SHACL), ``serialise`` (Turtle, JSON-LD, N-Triples),
``load`` (a built file back, as Oxigraph triples or into rdflib). Nothing is imported here, so that
loading a graph never pays for pySHACL.
"""
