"""Derive the NetworkX concept graph from the RDF knowledge graph.

Nodes are the ``skos:Concept`` resources (concepts and cited works) with their label, class,
definition and synonyms; edges are the asserted relations, one per subject-type-object triple, keyed
by relation type, each carrying every quote that states it. Ontology terms, claims, annotations and
documents are not nodes. Nodes and edges are added in sorted order so that every algorithm that
depends on iteration order (Louvain among them) gives the same result on every run.
"""

from __future__ import annotations

import networkx as nx
from rdflib import RDF, RDFS, SKOS, Graph, URIRef
from rdflib.namespace import DCTERMS

from graph.namespace import LG, OA

__all__ = ["concept_graph", "undirected"]


def _concept_class(kg: Graph, concept: URIRef) -> URIRef | None:
    """The concept class (an instance of ``lg:ConceptClass``) among a concept's types."""
    return next((c for c in kg.objects(concept, RDF.type) if (c, RDF.type, LG.ConceptClass) in kg), None)


def _add_concepts(G: nx.MultiDiGraph, kg: Graph) -> None:
    for concept in sorted(kg.subjects(RDF.type, SKOS.Concept)):
        cls = _concept_class(kg, concept)
        G.add_node(str(concept), label=str(kg.value(concept, SKOS.prefLabel)),
                   cls=str(kg.value(cls, RDFS.label)) if cls else "", class_iri=str(cls or ""),
                   definition=str(kg.value(concept, SKOS.definition) or ""),
                   synonyms=sorted(str(x) for x in kg.objects(concept, SKOS.altLabel)),
                   forms=sorted(str(x) for x in kg.objects(concept, SKOS.hiddenLabel)))


def _text_or_none(term: object) -> str | None:
    return None if term is None else str(term)


def _evidence(kg: Graph, claim: URIRef) -> list[dict]:
    """Every quote annotating a claim, in document order."""
    items = []
    for annotation in kg.subjects(OA.hasBody, claim):
        target = kg.value(annotation, OA.hasTarget)
        document = kg.value(target, OA.hasSource)
        selectors = {kg.value(s, RDF.type): s for s in kg.objects(target, OA.hasSelector)}
        quote, position = selectors[OA.TextQuoteSelector], selectors[OA.TextPositionSelector]
        context = kg.value(annotation, LG.context)
        items.append({
            "quote": str(kg.value(quote, OA.exact)), "document": str(document),
            "document_title": str(kg.value(document, DCTERMS.title)),
            "url": _text_or_none(kg.value(document, DCTERMS.source)),
            "start": int(kg.value(position, OA.start)), "end": int(kg.value(position, OA.end)),
            "context": _text_or_none(context),
        })
    return sorted(items, key=lambda item: (item["document"], item["start"], item["end"]))


def _documents(kg: Graph) -> dict[str, dict]:
    """Every source document with its title, web page and full text (``lg:text``), by IRI."""
    return {str(document): {"title": str(kg.value(document, DCTERMS.title) or ""),
                            "url": _text_or_none(kg.value(document, DCTERMS.source)),
                            "text": str(kg.value(document, LG.text) or "")}
            for document in sorted(kg.subjects(RDF.type, LG.SourceDocument))}


def concept_graph(kg: Graph) -> nx.MultiDiGraph:
    """The concept graph of an RDF knowledge graph built by ``leadgraph build``.

    Node keys are concept IRIs (strings), with ``label``, ``cls`` (class label), ``class_iri``,
    ``definition``, ``synonyms`` and ``forms``. There is one edge per claim, keyed by relation-type
    label, with ``type``, ``relation`` (the property IRI) and ``evidence``: a list of dicts with
    ``quote``, ``document`` (IRI), ``document_title``, ``url``, ``start``, ``end`` and ``context``.
    ``G.graph["documents"]`` maps each source document's IRI to its ``title``, ``url`` and ``text``
    (the offsets of the evidence count characters of that text). The graph is read with plain triple
    look-ups rather than SPARQL, which is several times faster on rdflib.
    """
    G = nx.MultiDiGraph(documents=_documents(kg))
    _add_concepts(G, kg)
    edges = []
    for claim in kg.subjects(RDF.type, RDF.Statement):
        subject, relation, obj = (kg.value(claim, p) for p in (RDF.subject, RDF.predicate, RDF.object))
        label = str(kg.value(relation, RDFS.label))
        edges.append((str(subject), str(obj), label, str(relation), _evidence(kg, claim)))
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
