"""Serialise the knowledge graph deterministically: same graph, same bytes.

The triples are sorted and written in that order: Turtle (with the project's prefixes) and N-Triples by
Oxigraph's serializers, which are some fifty times faster than rdflib's on this graph; JSON-LD in compact
form, with the context shipped in the package (:data:`CONTEXT_FILE`, the project's prefixes) written
inline, by :func:`compact_json_ld` (Oxigraph cannot compact with a context; writing the compact form
from the sorted triples fixes the bytes without relying on rdflib's serializer order).
Writing the bytes out is :mod:`graph.files`'s job.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import orjson
import pyoxigraph as ox
from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from graph.namespace import PREFIXES

__all__ = ["CONTEXT_FILE", "FORMATS", "SHORT_NAMES", "compact_json_ld", "json_ld_context", "oxigraph_term",
           "oxigraph_triples", "rdflib_term", "serialise"]

FORMATS = {"turtle": ".ttl", "json-ld": ".jsonld", "nt": ".nt"}
"""Output formats of ``leadgraph build`` and the suffix each is written with."""

SHORT_NAMES = {"jsonld": "json-ld", "ttl": "turtle", "nt": "nt"}
"""The names ``leadgraph export --format`` gives the formats (their usual suffixes)."""

_OXIGRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}

CONTEXT_FILE = Path(__file__).with_name("context.jsonld")
"""The JSON-LD context of leadgraph's graphs (the prefixes of :data:`graph.namespace.PREFIXES`), shipped in
the package; ``leadership.jsonld`` carries it inline, so that reading it needs no network."""


def json_ld_context() -> dict[str, str]:
    """The JSON-LD context shipped in the package: prefix to namespace."""
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]


def _compact_iri(iri: str, namespaces: list[tuple[str, str]]) -> str:
    """``iri`` as ``prefix:local`` under the longest namespace it starts with, else whole."""
    for prefix, namespace in namespaces:
        local = iri[len(namespace):]
        if iri.startswith(namespace) and local and not local.startswith("/"):
            return f"{prefix}:{local}"
    return iri


def compact_json_ld(kg: Graph | Iterable[ox.Triple], context: dict[str, str] | None = None,
                    triples: list[ox.Triple] | None = None) -> bytes:
    """The graph as compact JSON-LD: one node object per subject in ``@graph``, IRIs shortened by the
    ``context``'s prefixes (by default :func:`json_ld_context`), which the document carries inline.

    Subjects, properties and values are sorted, so the same graph gives the same bytes. A value is an
    ``{"@id"}`` for a resource, a plain string for an ``xsd:string``, ``{"@value", "@language"}`` or
    ``{"@value", "@type"}`` otherwise; a property with several values holds a list. Pass ``triples``
    (from :func:`oxigraph_triples`) to reuse one sort for several formats. The layout is
    ``json.dumps(..., indent=2, ensure_ascii=False)``'s, written by orjson (the standard library's
    encoder falls back to pure Python when it indents).

    >>> g = Graph().add((URIRef("https://w3id.org/leadgraph/concept/trust"), RDF.type,
    ...                  URIRef("http://www.w3.org/2004/02/skos/core#Concept")))
    >>> json.loads(compact_json_ld(g))["@graph"]
    [{'@id': 'lgc:trust', '@type': 'skos:Concept'}]
    """
    context = json_ld_context() if context is None else context
    nodes: dict[str, dict[str, list]] = {}
    json_value = _JsonValues(context)
    node_id, key_of, known = json_value.node_id, json_value.key, json_value.values
    for triple in oxigraph_triples(kg) if triples is None else triples:
        subject, predicate, obj = triple.subject, triple.predicate, triple.object
        properties = nodes.get(subject)
        if properties is None:
            properties = nodes[subject] = {}
        key = key_of(predicate, obj)
        if key == "@type":
            item = node_id(obj)
        else:  # the cache read here, not through a call: this loop runs once per triple
            item = known.get(obj)
            if item is None:
                item = json_value(obj)
        found = properties.get(key)
        if found is None:
            properties[key] = [item]
        else:
            found.append(item)
    graph = [_node_object(node_id(subject), properties) for subject, properties in nodes.items()]
    document = {"@context": context, "@graph": graph}
    return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def _node_object(subject: str, properties: dict[str, list]) -> dict[str, object]:
    """A JSON-LD node object: ``@id``, then ``@type``, then the properties by name; one value bare."""
    node: dict[str, object] = {"@id": subject}
    for key in sorted(properties, key=lambda k: (k != "@type", k)):
        values = properties[key]
        node[key] = values[0] if len(values) == 1 else values
    return node


class _JsonValues:
    """The compact JSON-LD form of Oxigraph terms under a context, each distinct term worked out once
    (a concept's IRI or a class recurs in thousands of triples of a large graph)."""

    def __init__(self, context: dict[str, str]):
        self.namespaces = sorted(context.items(), key=lambda item: -len(item[1]))
        self.separated = all(namespace.endswith(("/", "#")) for _, namespace in self.namespaces)
        self.stems: dict[str, list[tuple[str, str]]] = {}
        self.ids: dict[ox.NamedNode | ox.BlankNode, str] = {}
        self.values: dict[ox.NamedNode | ox.BlankNode | ox.Literal, object] = {}
        self.keys: dict[ox.NamedNode, str] = {}
        self.rdf_type = ox.NamedNode(str(RDF.type))

    def node_id(self, term: ox.NamedNode | ox.BlankNode) -> str:
        """A resource's ``@id``: ``_:label`` for a blank node, else the compacted IRI."""
        found = self.ids.get(term)
        if found is None:
            found = self.ids[term] = (f"_:{term.value}" if isinstance(term, ox.BlankNode)
                                      else self.compact(term.value))
        return found

    def compact(self, iri: str) -> str:
        """:func:`_compact_iri`, trying only the namespaces the IRI's stem (up to its last ``/`` or
        ``#``) starts with, found once per stem: when every namespace ends in a separator, those are the
        only ones the IRI can start with."""
        if not self.separated:
            return _compact_iri(iri, self.namespaces)
        stem = iri[:max(iri.rfind("/"), iri.rfind("#")) + 1]
        candidates = self.stems.get(stem)
        if candidates is None:
            candidates = self.stems[stem] = [(prefix, namespace) for prefix, namespace in self.namespaces
                                             if stem.startswith(namespace)]
        return _compact_iri(iri, candidates)

    def key(self, predicate: ox.NamedNode, obj: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
        """The property name a triple's value goes under: ``@type`` for an ``rdf:type`` resource."""
        if predicate == self.rdf_type and not isinstance(obj, ox.Literal):
            return "@type"
        found = self.keys.get(predicate)
        if found is None:
            found = self.keys[predicate] = self.compact(predicate.value)
        return found

    def __call__(self, term: ox.NamedNode | ox.BlankNode | ox.Literal) -> object:
        """A value: ``{"@id"}``, a plain string for ``xsd:string``, or ``@value`` with its language or type."""
        found = self.values.get(term)
        if found is None:
            found = self.values[term] = self._value(term)
        return found

    def _value(self, term: ox.NamedNode | ox.BlankNode | ox.Literal) -> object:
        if not isinstance(term, ox.Literal):
            return {"@id": self.node_id(term)}
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype.value == _XSD_STRING:
            return term.value
        return {"@value": term.value, "@type": self.node_id(term.datatype)}


_XSD_STRING = str(XSD.string)


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


def rdflib_term(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> Node:
    """The rdflib equivalent of an Oxigraph term.

    >>> rdflib_term(ox.Literal("trust", language="en")) == Literal("trust", lang="en")
    True
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"cannot convert {term!r} to an rdflib term")


def oxigraph_triples(kg: Graph | Iterable[ox.Triple]) -> list[ox.Triple]:
    """The graph's triples (an rdflib graph, or Oxigraph triples) as Oxigraph triples, sorted by their
    N-Triples form.

    Each distinct term of an rdflib graph is converted once (a concept's IRI recurs in dozens of triples),
    and the sort key is the triple's N-Triples line as Oxigraph writes it, which orders as rdflib's
    ``n3()`` terms did (``tests/test_determinism.py`` holds the bytes) at a third of the cost.
    """
    if not isinstance(kg, Graph):
        return sorted(kg, key=str)
    converted: dict[Node, ox.NamedNode | ox.Literal | ox.BlankNode] = {}

    def term(node: Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
        found = converted.get(node)
        if found is None:
            found = converted[node] = oxigraph_term(node)
        return found

    return sorted((ox.Triple(term(s), term(p), term(o)) for s, p, o in kg), key=str)


def serialise(kg: Graph | Iterable[ox.Triple], fmt: str, triples: list[ox.Triple] | None = None) -> bytes:
    """The graph (an rdflib graph, or Oxigraph triples) as bytes in ``fmt`` (turtle, json-ld or nt), the
    same bytes on every run.

    Pass ``triples`` (from :func:`oxigraph_triples`) to reuse one conversion for several formats.
    """
    triples = oxigraph_triples(kg) if triples is None else triples
    if fmt == "json-ld":
        return compact_json_ld(kg, triples=triples)
    prefixes = PREFIXES if fmt == "turtle" else None
    return ox.serialize(triples, format=_OXIGRAPH_FORMATS[fmt], prefixes=prefixes)
