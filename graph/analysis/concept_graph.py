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

_TYPE, _SUBJECT, _PREDICATE, _OBJECT, _STATEMENT = map(str, (RDF.type, RDF.subject, RDF.predicate, RDF.object,
                                                            RDF.Statement))
_LABEL, _PREF_LABEL, _DEFINITION, _ALT_LABEL, _HIDDEN_LABEL, _CONCEPT = map(str, (
    RDFS.label, SKOS.prefLabel, SKOS.definition, SKOS.altLabel, SKOS.hiddenLabel, SKOS.Concept))
_TITLE, _SOURCE, _TEXT, _CONTEXT, _CONCEPT_CLASS, _DOCUMENT = map(str, (
    DCTERMS.title, DCTERMS.source, LG.text, LG.context, LG.ConceptClass, LG.SourceDocument))
_HAS_BODY, _HAS_TARGET, _HAS_SOURCE, _HAS_SELECTOR, _EXACT, _START, _END, _QUOTE, _POSITION = map(str, (
    OA.hasBody, OA.hasTarget, OA.hasSource, OA.hasSelector, OA.exact, OA.start, OA.end, OA.TextQuoteSelector,
    OA.TextPositionSelector))
_READ = {_TYPE, _SUBJECT, _PREDICATE, _OBJECT, _LABEL, _PREF_LABEL, _DEFINITION, _ALT_LABEL, _HIDDEN_LABEL, _TITLE,
         _SOURCE, _TEXT, _CONTEXT, _HAS_TARGET, _HAS_SOURCE, _HAS_SELECTOR, _EXACT, _START, _END}
"""The predicates the concept graph reads; the others (the bulk: prefixes, suffixes, figures) are skipped."""


class _Resources:
    """The triples the concept graph reads, grouped by predicate and subject: one pass, then dictionary
    look-ups.

    ``values(node, predicate)`` lists a resource's values in the order first seen, each once; ``bodies``
    lists the annotations of each claim (``oa:hasBody`` read backwards); ``typed`` the resources of a class.
    A triple's predicate is matched as an Oxigraph term (hashed in Rust) before any of its text is made,
    since most triples (prefixes, suffixes, figures) are not read at all.
    """

    def __init__(self, triples: Iterable[ox.Triple]) -> None:
        self._tables: dict[str, dict[str, list[Term]]] = {predicate: {} for predicate in _READ}
        by_term = {ox.NamedNode(predicate): table for predicate, table in self._tables.items()}
        has_body, types = ox.NamedNode(_HAS_BODY), self._tables[_TYPE]
        self.bodies: dict[str, list[str]] = defaultdict(list)
        self.typed: dict[str, list[str]] = defaultdict(list)
        for triple in triples:
            predicate = triple.predicate
            table = by_term.get(predicate)
            if table is None:
                if predicate == has_body:
                    self.bodies[triple.object.value].append(triple.subject.value)
                continue
            subject, obj = triple.subject.value, triple.object
            found = table.get(subject)
            if found is None:
                table[subject] = [obj]
            elif obj not in found:
                found.append(obj)
            else:
                continue  # a triple read twice (a file may repeat one) counts once
            if table is types:
                self.typed[obj.value].append(subject)

    def table(self, predicate: str) -> dict[str, list[Term]]:
        """Every subject's values of ``predicate``: for a caller that looks up many subjects."""
        return self._tables[predicate]

    def values(self, node: str | None, predicate: str) -> list[Term]:
        """The values of ``predicate`` for ``node``."""
        return self._tables[predicate].get(node, [])

    def value(self, node: str | None, predicate: str) -> str | None:
        """One value of ``predicate`` for ``node``, as text (``None`` when it has none)."""
        found = self._tables[predicate].get(node)
        return found[0].value if found else None

    def text(self, node: str | None, predicate: str) -> str:
        """One value as text, ``"None"`` when missing: how ``str(kg.value(...))`` read it."""
        return str(self.value(node, predicate))


def _first(table: dict[str, list[Term]], node: str | None) -> str | None:
    """The first value of ``node`` in one of :meth:`_Resources.table`'s tables, as text (``None`` when none)."""
    found = table.get(node)
    return found[0].value if found else None


def _concept_class(kg: _Resources, concept: str, classes: set[str]) -> str | None:
    """The concept class (one of ``classes``, the instances of ``lg:ConceptClass``) among a concept's types."""
    return next((c.value for c in kg.values(concept, _TYPE) if c.value in classes), None)


def _add_concepts(G: nx.MultiDiGraph, kg: _Resources) -> None:
    classes = set(kg.typed.get(_CONCEPT_CLASS, ()))
    for concept in sorted(kg.typed.get(_CONCEPT, ())):
        cls = _concept_class(kg, concept, classes)
        G.add_node(concept, label=kg.text(concept, _PREF_LABEL),
                   cls=kg.text(cls, _LABEL) if cls else "", class_iri=cls or "",
                   definition=kg.value(concept, _DEFINITION) or "",
                   synonyms=sorted(x.value for x in kg.values(concept, _ALT_LABEL)),
                   forms=sorted(x.value for x in kg.values(concept, _HIDDEN_LABEL)))


class _Quotes:
    """The quotes annotating each claim, read with the tables they need looked up once (a claim's quotes are
    some fifteen look-ups each, thousands of times over), each document's title and web page read once."""

    def __init__(self, kg: _Resources) -> None:
        self._bodies = kg.bodies
        self._targets, self._sources, self._selectors, self._types, self._exact, self._start, self._end, \
            self._context = (kg.table(p) for p in (_HAS_TARGET, _HAS_SOURCE, _HAS_SELECTOR, _TYPE, _EXACT, _START,
                                                   _END, _CONTEXT))
        self._titles, self._pages = kg.table(_TITLE), kg.table(_SOURCE)
        self._documents: dict[str, tuple[str, str | None]] = {}

    def _document(self, document: str) -> tuple[str, str | None]:
        """A document's title (``"None"`` when missing, as ``str(kg.value(...))`` read it) and web page."""
        found = self._documents.get(document)
        if found is None:
            found = self._documents[document] = (str(_first(self._titles, document)),
                                                 _first(self._pages, document))
        return found

    def of(self, claim: str) -> list[dict]:
        """Every quote annotating ``claim``, in document order."""
        items = []
        for annotation in self._bodies.get(claim, ()):
            target = _first(self._targets, annotation)
            document = _first(self._sources, target)
            selectors = {_first(self._types, s.value): s.value for s in self._selectors.get(target, ())}
            quote, position = selectors[_QUOTE], selectors[_POSITION]
            title, url = self._document(document)
            items.append({
                "quote": str(_first(self._exact, quote)), "document": str(document), "document_title": title,
                "url": url, "start": int(str(_first(self._start, position))),
                "end": int(str(_first(self._end, position))), "context": _first(self._context, annotation),
            })
        return sorted(items, key=lambda item: (item["document"], item["start"], item["end"]))


def _documents(kg: _Resources) -> dict[str, dict]:
    """Every source document with its title, web page and full text (``lg:text``), by IRI."""
    return {document: {"title": kg.value(document, _TITLE) or "",
                       "url": kg.value(document, _SOURCE),
                       "text": kg.value(document, _TEXT) or ""}
            for document in sorted(kg.typed.get(_DOCUMENT, ()))}


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
    quotes, edges = _Quotes(resources), []
    for claim in resources.typed.get(_STATEMENT, ()):
        subject, relation, obj = (resources.value(claim, p) for p in (_SUBJECT, _PREDICATE, _OBJECT))
        label = resources.text(relation, _LABEL)
        edges.append((str(subject), str(obj), label, str(relation), quotes.of(claim)))
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
