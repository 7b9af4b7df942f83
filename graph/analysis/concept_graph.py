"""Derive the NetworkX concept graph from the RDF knowledge graph.

Nodes are the ``skos:Concept`` resources (concepts and cited works) with their label, class,
definition and synonyms; edges are the asserted relations, one per subject-type-object triple, keyed
by relation type, each carrying every quote that states it. Ontology terms, claims, annotations and
documents are not nodes. Nodes and edges are added in sorted order so that every algorithm that
depends on iteration order (Louvain among them) gives the same result on every run.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import networkx as nx
import pyoxigraph as ox
from rdflib import RDF, RDFS, SKOS, Graph
from rdflib.namespace import DCTERMS

from graph.namespace import LG, OA
from graph.rdf.triples import Term, as_triples

__all__ = ["concept_graph", "undirected"]

_TYPE = str(RDF.type)
_READ = {str(term) for term in (
    RDF.type, RDF.subject, RDF.predicate, RDF.object, RDFS.label, SKOS.prefLabel, SKOS.definition, SKOS.altLabel,
    SKOS.hiddenLabel, DCTERMS.title, DCTERMS.source, LG.text, LG.context, OA.hasTarget, OA.hasSource,
    OA.hasSelector, OA.exact, OA.start, OA.end)}
"""The predicates the concept graph reads; the others (the bulk: prefixes, suffixes, figures) are skipped."""


class _Resources:
    """The triples the concept graph reads, grouped by subject: one pass, then dictionary look-ups.

    ``values(node, predicate)`` lists a resource's values in the order first seen, each once; ``bodies``
    lists the annotations of each claim (``oa:hasBody`` read backwards); ``typed`` the resources of a class.
    """

    def __init__(self, triples: Iterable[ox.Triple]) -> None:
        self._out: dict[str, dict[str, dict[Term, None]]] = defaultdict(lambda: defaultdict(dict))
        self.bodies: dict[str, list[str]] = defaultdict(list)
        self.typed: dict[str, list[str]] = defaultdict(list)
        has_body = str(OA.hasBody)
        for triple in triples:
            predicate = triple.predicate.value
            if predicate == has_body:
                self.bodies[triple.object.value].append(triple.subject.value)
            elif predicate in _READ:
                subject, obj = triple.subject.value, triple.object
                values = self._out[subject][predicate]
                if obj not in values:
                    values[obj] = None
                    if predicate == _TYPE:
                        self.typed[obj.value].append(subject)

    def values(self, node: str, predicate: object) -> list[Term]:
        """The values of ``predicate`` for ``node``."""
        entry = self._out.get(node)
        return list(entry.get(str(predicate), ())) if entry is not None else []

    def value(self, node: str, predicate: object) -> str | None:
        """One value of ``predicate`` for ``node``, as text (``None`` when it has none)."""
        found = self.values(node, predicate)
        return found[0].value if found else None

    def text(self, node: str, predicate: object) -> str:
        """One value as text, ``"None"`` when missing: how ``str(kg.value(...))`` read it."""
        return str(self.value(node, predicate))


def _concept_class(kg: _Resources, concept: str) -> str | None:
    """The concept class (an instance of ``lg:ConceptClass``) among a concept's types."""
    classes = set(kg.typed.get(str(LG.ConceptClass), ()))
    return next((c.value for c in kg.values(concept, RDF.type) if c.value in classes), None)


def _add_concepts(G: nx.MultiDiGraph, kg: _Resources) -> None:
    for concept in sorted(kg.typed.get(str(SKOS.Concept), ())):
        cls = _concept_class(kg, concept)
        G.add_node(concept, label=kg.text(concept, SKOS.prefLabel),
                   cls=kg.text(cls, RDFS.label) if cls else "", class_iri=cls or "",
                   definition=kg.value(concept, SKOS.definition) or "",
                   synonyms=sorted(x.value for x in kg.values(concept, SKOS.altLabel)),
                   forms=sorted(x.value for x in kg.values(concept, SKOS.hiddenLabel)))


def _evidence(kg: _Resources, claim: str) -> list[dict]:
    """Every quote annotating a claim, in document order."""
    items = []
    for annotation in kg.bodies.get(claim, ()):
        target = kg.value(annotation, OA.hasTarget)
        document = kg.value(target, OA.hasSource)
        selectors = {kg.value(s.value, RDF.type): s.value for s in kg.values(target, OA.hasSelector)}
        quote, position = selectors[str(OA.TextQuoteSelector)], selectors[str(OA.TextPositionSelector)]
        items.append({
            "quote": kg.text(quote, OA.exact), "document": str(document),
            "document_title": kg.text(document, DCTERMS.title),
            "url": kg.value(document, DCTERMS.source),
            "start": int(kg.text(position, OA.start)), "end": int(kg.text(position, OA.end)),
            "context": kg.value(annotation, LG.context),
        })
    return sorted(items, key=lambda item: (item["document"], item["start"], item["end"]))


def _documents(kg: _Resources) -> dict[str, dict]:
    """Every source document with its title, web page and full text (``lg:text``), by IRI."""
    return {document: {"title": kg.value(document, DCTERMS.title) or "",
                       "url": kg.value(document, DCTERMS.source),
                       "text": kg.value(document, LG.text) or ""}
            for document in sorted(kg.typed.get(str(LG.SourceDocument), ()))}


def concept_graph(kg: Graph | Iterable[ox.Triple]) -> nx.MultiDiGraph:
    """The concept graph of an RDF knowledge graph built by ``leadgraph build`` (an rdflib graph, or its
    triples as Oxigraph triples, as the build holds them).

    Node keys are concept IRIs (strings), with ``label``, ``cls`` (class label), ``class_iri``,
    ``definition``, ``synonyms`` and ``forms``. There is one edge per claim, keyed by relation-type
    label, with ``type``, ``relation`` (the property IRI) and ``evidence``: a list of dicts with
    ``quote``, ``document`` (IRI), ``document_title``, ``url``, ``start``, ``end`` and ``context``.
    ``G.graph["documents"]`` maps each source document's IRI to its ``title``, ``url`` and ``text``
    (the offsets of the evidence count characters of that text). The triples are read in one pass and
    grouped by subject, rather than looked up in an rdflib graph or queried with SPARQL.
    """
    resources = _Resources(as_triples(kg))
    G = nx.MultiDiGraph(documents=_documents(resources))
    _add_concepts(G, resources)
    edges = []
    for claim in resources.typed.get(str(RDF.Statement), ()):
        subject, relation, obj = (resources.value(claim, p) for p in (RDF.subject, RDF.predicate, RDF.object))
        label = resources.text(relation, RDFS.label)
        edges.append((str(subject), str(obj), label, str(relation), _evidence(resources, claim)))
    for subject, obj, label, relation, evidence in sorted(edges, key=lambda edge: edge[:3]):
        G.add_edge(subject, obj, key=label, type=label, relation=relation, evidence=evidence)
    return G


def undirected(G: nx.MultiDiGraph) -> nx.Graph:
    """A simple undirected view for measures that ignore direction and multiplicity.

    The ``weight`` of an edge is the number of relation types between its two concepts.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="fosters"); G.add_edge("b", "a", key="requires")
    'fosters'
    'requires'
    >>> undirected(G)["a"]["b"]["weight"]
    2
    """
    H = nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    for subject, obj in G.edges():
        if H.has_edge(subject, obj):
            H[subject][obj]["weight"] += 1
        else:
            H.add_edge(subject, obj, weight=1)
    return H
