"""Serialise the knowledge graph deterministically: same graph, same bytes.

The triples are sorted and written in that order by Oxigraph's serializers
(Turtle with the project's prefixes, JSON-LD in expanded form, N-Triples), which are also some fifty
times faster than rdflib's on this graph. Writing the bytes out is :mod:`graph.files`'s job.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from graph.namespace import PREFIXES

__all__ = ["FORMATS", "SHORT_NAMES", "oxigraph_term", "oxigraph_triples", "serialise"]

FORMATS = {"turtle": ".ttl", "json-ld": ".jsonld", "nt": ".nt"}
"""Output formats of ``leadgraph build`` and the suffix each is written with."""

SHORT_NAMES = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}
"""The names ``leadgraph export --format`` gives the formats (their usual suffixes)."""

_OXIGRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "json-ld": ox.RdfFormat.JSON_LD, "nt": ox.RdfFormat.N_TRIPLES}


def oxigraph_term(term: Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """The Oxigraph equivalent of an rdflib term.

    >>> oxigraph_term(Literal("trust", lang="en"))
    <Literal value=trust language=en>
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"cannot convert {term!r} to an Oxigraph term")


def oxigraph_triples(kg: Graph) -> list[ox.Triple]:
    """The graph's triples as Oxigraph triples, sorted by their N-Triples form."""
    ordered = sorted(kg, key=lambda triple: tuple(term.n3() for term in triple))
    return [ox.Triple(*(oxigraph_term(term) for term in triple)) for triple in ordered]


def serialise(kg: Graph, fmt: str, triples: list[ox.Triple] | None = None) -> bytes:
    """The graph as bytes in ``fmt`` (turtle, json-ld or nt), the same bytes on every run.

    Pass ``triples`` (from :func:`oxigraph_triples`) to reuse one conversion for several formats.
    """
    triples = oxigraph_triples(kg) if triples is None else triples
    prefixes = PREFIXES if fmt == "turtle" else None
    return ox.serialize(triples, format=_OXIGRAPH_FORMATS[fmt], prefixes=prefixes)
