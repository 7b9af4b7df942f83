"""Turn checked curated data into the RDF knowledge graph, by the provenance model of the README.

For every relation ``s p o`` the graph holds the plain triple, a claim (``rdf:Statement``) derived
from its source documents, and one ``oa:Annotation`` per quote, whose target selects the passage by
quote (exact, prefix, suffix) and by position (start, end). Claims, annotations, targets and
selectors get IRIs derived from their content, never blank nodes, so a rebuild gives the same bytes.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox
from rdflib import RDF, RDFS, SKOS, XSD, Graph
from rdflib.namespace import DCTERMS, PROV

from graph.curation import Concept, Curated, Document, Evidence
from graph.curation.vocabulary import Vocabulary
from graph.memory import paused_gc
from graph.namespace import CLAIM, CONCEPT, EVIDENCE, LG, OA, SCHEME, SOURCE, content_digest
from graph.rdf.serialise import oxigraph_term
from graph.rdf.triples import OxTerms, TripleSet, bind_prefixes

__all__ = ["assemble_graph", "bind_prefixes", "iri"]

_RDF, _RDFS, _SKOS, _XSD, _DCTERMS, _PROV, _LG, _OA = map(OxTerms, (RDF, RDFS, SKOS, XSD, DCTERMS, PROV, LG, OA))
_SCHEME = ox.NamedNode(SCHEME)
_T = ox.Triple
_CONCEPT, _SOURCE, _CLAIM, _EVIDENCE = map(str, (CONCEPT, SOURCE, CLAIM, EVIDENCE))
"""The namespaces of minted IRIs as plain strings: an IRI is built by concatenation (what ``CONCEPT[id]``
gives, without an rdflib term and its check per IRI)."""


def iri(value: str) -> ox.NamedNode:
    """An IRI (a string or an rdflib ``URIRef``) as an Oxigraph named node."""
    return ox.NamedNode(value)


class _Nodes:
    """Named nodes made once per IRI: a concept's node serves its own triples, every claim that names it
    and the hierarchy; a document's, every quote taken from it."""

    def __init__(self) -> None:
        self._made: dict[str, ox.NamedNode] = {}

    def __call__(self, value: str) -> ox.NamedNode:
        node = self._made.get(value)
        if node is None:
            node = self._made[value] = ox.NamedNode(value)
        return node


def _en(text: str) -> ox.Literal:
    return ox.Literal(text, language="en")


def _plain(text: str) -> ox.Literal:
    return ox.Literal(text)


def _add_scheme(kg: TripleSet, curated: Curated) -> None:
    """The one concept scheme every concept is in, named after the book its documents belong to."""
    kg.add(_SCHEME, _RDF.type, _SKOS.ConceptScheme)
    kg.add(_SCHEME, _DCTERMS.title, _en(f"Concepts of {curated.book.title}"))
    kg.add(_SCHEME, _SKOS.definition, _en(
        f"Concepts and the relations between them stated in {len(curated.documents)} source document(s) of "
        f"{curated.book.title} by {curated.book.creator}, each relation grounded in a quote."))


def _add_concept(kg: TripleSet, concept: Concept, vocabulary: Vocabulary, nodes: _Nodes) -> None:
    """A concept as a ``skos:Concept`` of its class, with labels and definition."""
    node = nodes(_CONCEPT + concept.id)
    triples = [
        _T(node, _RDF.type, _SKOS.Concept),
        _T(node, _RDF.type, nodes(str(vocabulary.classes[concept.class_label]))),
        _T(node, _SKOS.inScheme, _SCHEME),
        _T(node, _SKOS.prefLabel, _en(concept.label)),
        _T(node, _SKOS.definition, _en(concept.definition)),
        _T(node, _SKOS.notation, _plain(concept.id)),
    ]
    triples += [_T(node, _SKOS.altLabel, _en(synonym)) for synonym in concept.synonyms]
    triples += [_T(node, _SKOS.hiddenLabel, _en(form)) for form in concept.forms]
    if concept.creator:
        triples.append(_T(node, _DCTERMS.creator, _plain(concept.creator)))
    if concept.year is not None:
        triples.append(_T(node, _DCTERMS.date, ox.Literal(str(concept.year), datatype=_XSD.gYear)))
    kg.update(triples)


def _add_sources(kg: TripleSet, curated: Curated, nodes: _Nodes) -> None:
    """The book and the source documents, with their full texts."""
    book = nodes(_SOURCE + curated.book.id)
    kg.add(book, _RDF.type, _LG.Book)
    kg.add(book, _DCTERMS.title, _plain(curated.book.title))
    kg.add(book, _DCTERMS.creator, _plain(curated.book.creator))
    for document in curated.documents.values():
        _add_document(kg, document, book, nodes)


def _add_document(kg: TripleSet, document: Document, book: ox.NamedNode, nodes: _Nodes) -> None:
    node = nodes(_SOURCE + document.id)
    kg.add(node, _RDF.type, _LG.SourceDocument)
    kg.add(node, _DCTERMS.title, _plain(document.title))
    if document.url is not None:
        kg.add(node, _DCTERMS.source, iri(document.url))
    kg.add(node, _DCTERMS.isPartOf, book)
    if document.chapter is not None:
        kg.add(node, _LG.chapter, ox.Literal(str(document.chapter), datatype=_XSD.integer))
    kg.add(node, _LG.text, _plain(document.text))


def _add_claim(kg: TripleSet, triple: tuple[str, str, str], label: str, evidence: list[Evidence],
               nodes: _Nodes) -> None:
    """The asserted triple, its claim, and one annotation per quote that states it."""
    subject, predicate, obj = map(nodes, triple)
    claim_iri = _CLAIM + content_digest(*triple)
    claim = ox.NamedNode(claim_iri)
    triples = [
        _T(subject, predicate, obj),
        _T(claim, _RDF.type, _RDF.Statement),
        _T(claim, _RDF.subject, subject),
        _T(claim, _RDF.predicate, predicate),
        _T(claim, _RDF.object, obj),
        _T(claim, _RDFS.label, _en(label)),
    ]
    for item in evidence:
        document_iri = _SOURCE + item.document
        document = nodes(document_iri)
        triples.append(_T(claim, _PROV.wasDerivedFrom, document))
        annotation_iri = _EVIDENCE + content_digest(claim_iri, document_iri, item.passage.start, item.passage.end)
        triples += _annotation(claim, annotation_iri, document, item)
    kg.update(triples)


def _annotation(claim: ox.NamedNode, annotation_iri: str, document: ox.NamedNode,
                item: Evidence) -> list[ox.Triple]:
    """An annotation whose body is the claim and whose target is the quoted passage."""
    passage = item.passage
    annotation = ox.NamedNode(annotation_iri)
    target = ox.NamedNode(f"{annotation_iri}/target")
    quote = ox.NamedNode(f"{annotation_iri}/quote")
    position = ox.NamedNode(f"{annotation_iri}/position")
    triples = [
        _T(annotation, _RDF.type, _OA.Annotation),
        _T(annotation, _OA.hasBody, claim),
        _T(annotation, _OA.hasTarget, target),
        _T(annotation, _OA.motivatedBy, _OA.describing),
    ]
    if item.context:
        triples.append(_T(annotation, _LG.context, _plain(item.context)))
    triples += [
        _T(target, _RDF.type, _OA.SpecificResource),
        _T(target, _OA.hasSource, document),
        _T(target, _OA.hasSelector, quote),
        _T(target, _OA.hasSelector, position),
        _T(quote, _RDF.type, _OA.TextQuoteSelector),
        _T(quote, _OA.exact, _plain(passage.exact)),
        _T(quote, _OA.prefix, _plain(passage.prefix)),
        _T(quote, _OA.suffix, _plain(passage.suffix)),
        _T(position, _RDF.type, _OA.TextPositionSelector),
        _T(position, _OA.start, ox.Literal(str(passage.start), datatype=_XSD.nonNegativeInteger)),
        _T(position, _OA.end, ox.Literal(str(passage.end), datatype=_XSD.nonNegativeInteger)),
    ]
    return triples


def assemble_graph(curated: Curated, ontology: Graph, vocabulary: Vocabulary) -> TripleSet:
    """The whole knowledge graph: ontology, scheme, concepts, sources, relations and evidence, as Oxigraph
    triples (see :class:`~graph.rdf.triples.TripleSet`). The cycle collector is paused meanwhile (see
    :mod:`graph.memory`)."""
    with paused_gc():
        kg = TripleSet(ox.Triple(*map(oxigraph_term, triple)) for triple in ontology)
        nodes = _Nodes()
        _add_scheme(kg, curated)
        for concept in curated.concepts.values():
            _add_concept(kg, concept, vocabulary, nodes)
        _add_sources(kg, curated, nodes)
        for triple, evidence in _claims(curated, vocabulary).items():
            first = evidence[0]
            label = (f"{curated.concepts[first.subject].label} {first.type_label} "
                     f"{curated.concepts[first.object].label}")
            _add_claim(kg, triple, label, evidence, nodes)
        _add_hierarchy(kg, curated, nodes)
    return kg


def _claims(curated: Curated, vocabulary: Vocabulary) -> dict[tuple[str, str, str], list[Evidence]]:
    """The evidence grouped by the triple it states (subject, predicate and object IRIs), in the order
    the triples are first stated."""
    grouped: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
    for item in curated.evidence:
        predicate = str(vocabulary.relation_types[item.type_label])
        grouped[(_CONCEPT + item.subject, predicate, _CONCEPT + item.object)].append(item)
    return grouped


def _add_hierarchy(kg: TripleSet, curated: Curated, nodes: _Nodes) -> None:
    """``skos:broader`` for every ``kind of`` relation, and the scheme's top concepts: those with no broader.

    ``lg:kindOf`` is declared a sub-property of ``skos:broader``; asserting the broader link as well lets
    SKOS tools that do no inference see the hierarchy.
    """
    narrower = set()
    for subject, obj in sorted({(e.subject, e.object) for e in curated.evidence if e.type_label == "kind of"}):
        kg.add(nodes(_CONCEPT + subject), _SKOS.broader, nodes(_CONCEPT + obj))
        narrower.add(subject)
    for concept_id in sorted(set(curated.concepts) - narrower):
        node = nodes(_CONCEPT + concept_id)
        kg.add(_SCHEME, _SKOS.hasTopConcept, node)
        kg.add(node, _SKOS.topConceptOf, _SCHEME)
