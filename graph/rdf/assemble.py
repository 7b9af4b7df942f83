"""Turn checked curated data into the RDF knowledge graph, by the provenance model of the README.

For every relation ``s p o`` the graph holds the plain triple, a claim (``rdf:Statement``) derived
from its source documents, and one ``oa:Annotation`` per quote, whose target selects the passage by
quote (exact, prefix, suffix) and by position (start, end). Claims, annotations, targets and
selectors get IRIs derived from their content, never blank nodes, so a rebuild gives the same bytes.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox
from rdflib import RDF, RDFS, SKOS, XSD, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV

from graph.curation import Concept, Curated, Document, Evidence
from graph.curation.vocabulary import Vocabulary
from graph.namespace import CLAIM, EVIDENCE, LG, OA, SCHEME, concept_iri, content_iri, source_iri
from graph.rdf.serialise import oxigraph_term
from graph.rdf.triples import OxTerms, TripleSet, bind_prefixes

__all__ = ["assemble_graph", "bind_prefixes", "iri"]

_RDF, _RDFS, _SKOS, _XSD, _DCTERMS, _PROV, _LG, _OA = map(OxTerms, (RDF, RDFS, SKOS, XSD, DCTERMS, PROV, LG, OA))
_SCHEME = ox.NamedNode(SCHEME)


def iri(value: str) -> ox.NamedNode:
    """An IRI (a string or an rdflib ``URIRef``) as an Oxigraph named node."""
    return ox.NamedNode(value)


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


def _add_concept(kg: TripleSet, concept: Concept, vocabulary: Vocabulary) -> None:
    """A concept as a ``skos:Concept`` of its class, with labels and definition."""
    node = iri(concept_iri(concept.id))
    kg.add(node, _RDF.type, _SKOS.Concept)
    kg.add(node, _RDF.type, iri(vocabulary.classes[concept.class_label]))
    kg.add(node, _SKOS.inScheme, _SCHEME)
    kg.add(node, _SKOS.prefLabel, _en(concept.label))
    kg.add(node, _SKOS.definition, _en(concept.definition))
    kg.add(node, _SKOS.notation, _plain(concept.id))
    for synonym in concept.synonyms:
        kg.add(node, _SKOS.altLabel, _en(synonym))
    for form in concept.forms:
        kg.add(node, _SKOS.hiddenLabel, _en(form))
    if concept.creator:
        kg.add(node, _DCTERMS.creator, _plain(concept.creator))
    if concept.year is not None:
        kg.add(node, _DCTERMS.date, ox.Literal(str(concept.year), datatype=_XSD.gYear))


def _add_sources(kg: TripleSet, curated: Curated) -> None:
    """The book and the source documents, with their full texts."""
    book = iri(source_iri(curated.book.id))
    kg.add(book, _RDF.type, _LG.Book)
    kg.add(book, _DCTERMS.title, _plain(curated.book.title))
    kg.add(book, _DCTERMS.creator, _plain(curated.book.creator))
    for document in curated.documents.values():
        _add_document(kg, document, book)


def _add_document(kg: TripleSet, document: Document, book: ox.NamedNode) -> None:
    node = iri(source_iri(document.id))
    kg.add(node, _RDF.type, _LG.SourceDocument)
    kg.add(node, _DCTERMS.title, _plain(document.title))
    if document.url is not None:
        kg.add(node, _DCTERMS.source, iri(document.url))
    kg.add(node, _DCTERMS.isPartOf, book)
    if document.chapter is not None:
        kg.add(node, _LG.chapter, ox.Literal(str(document.chapter), datatype=_XSD.integer))
    kg.add(node, _LG.text, _plain(document.text))


def _add_claim(kg: TripleSet, triple: tuple[URIRef, URIRef, URIRef], label: str,
               evidence: list[Evidence]) -> None:
    """The asserted triple, its claim, and one annotation per quote that states it."""
    subject, predicate, obj = map(iri, triple)
    kg.add(subject, predicate, obj)
    claim_iri = content_iri(CLAIM, *triple)
    claim = iri(claim_iri)
    kg.add(claim, _RDF.type, _RDF.Statement)
    kg.add(claim, _RDF.subject, subject)
    kg.add(claim, _RDF.predicate, predicate)
    kg.add(claim, _RDF.object, obj)
    kg.add(claim, _RDFS.label, _en(label))
    for item in evidence:
        document = source_iri(item.document)
        kg.add(claim, _PROV.wasDerivedFrom, iri(document))
        _add_annotation(kg, claim, content_iri(EVIDENCE, claim_iri, document, item.passage.start,
                                               item.passage.end), iri(document), item)


def _add_annotation(kg: TripleSet, claim: ox.NamedNode, annotation_iri: str, document: ox.NamedNode,
                    item: Evidence) -> None:
    """An annotation whose body is the claim and whose target is the quoted passage."""
    passage = item.passage
    annotation = iri(annotation_iri)
    target = iri(f"{annotation_iri}/target")
    quote = iri(f"{annotation_iri}/quote")
    position = iri(f"{annotation_iri}/position")
    kg.add(annotation, _RDF.type, _OA.Annotation)
    kg.add(annotation, _OA.hasBody, claim)
    kg.add(annotation, _OA.hasTarget, target)
    kg.add(annotation, _OA.motivatedBy, _OA.describing)
    if item.context:
        kg.add(annotation, _LG.context, _plain(item.context))
    kg.add(target, _RDF.type, _OA.SpecificResource)
    kg.add(target, _OA.hasSource, document)
    kg.add(target, _OA.hasSelector, quote)
    kg.add(target, _OA.hasSelector, position)
    kg.add(quote, _RDF.type, _OA.TextQuoteSelector)
    kg.add(quote, _OA.exact, _plain(passage.exact))
    kg.add(quote, _OA.prefix, _plain(passage.prefix))
    kg.add(quote, _OA.suffix, _plain(passage.suffix))
    kg.add(position, _RDF.type, _OA.TextPositionSelector)
    kg.add(position, _OA.start, ox.Literal(str(passage.start), datatype=_XSD.nonNegativeInteger))
    kg.add(position, _OA.end, ox.Literal(str(passage.end), datatype=_XSD.nonNegativeInteger))


def assemble_graph(curated: Curated, ontology: Graph, vocabulary: Vocabulary) -> TripleSet:
    """The whole knowledge graph: ontology, scheme, concepts, sources, relations and evidence, as Oxigraph
    triples (see :class:`~graph.rdf.triples.TripleSet`)."""
    kg = TripleSet(ox.Triple(*map(oxigraph_term, triple)) for triple in ontology)
    _add_scheme(kg, curated)
    for concept in curated.concepts.values():
        _add_concept(kg, concept, vocabulary)
    _add_sources(kg, curated)
    grouped: dict[tuple[URIRef, URIRef, URIRef], list[Evidence]] = defaultdict(list)
    for item in curated.evidence:
        predicate = vocabulary.relation_types[item.type_label]
        grouped[(concept_iri(item.subject), predicate, concept_iri(item.object))].append(item)
    for triple, evidence in grouped.items():
        first = evidence[0]
        label = (f"{curated.concepts[first.subject].label} {first.type_label} "
                 f"{curated.concepts[first.object].label}")
        _add_claim(kg, triple, label, evidence)
    _add_hierarchy(kg, curated)
    return kg


def _add_hierarchy(kg: TripleSet, curated: Curated) -> None:
    """``skos:broader`` for every ``kind of`` relation, and the scheme's top concepts: those with no broader.

    ``lg:kindOf`` is declared a sub-property of ``skos:broader``; asserting the broader link as well lets
    SKOS tools that do no inference see the hierarchy.
    """
    narrower = set()
    for subject, obj in sorted({(e.subject, e.object) for e in curated.evidence if e.type_label == "kind of"}):
        kg.add(iri(concept_iri(subject)), _SKOS.broader, iri(concept_iri(obj)))
        narrower.add(subject)
    for concept_id in sorted(set(curated.concepts) - narrower):
        kg.add(_SCHEME, _SKOS.hasTopConcept, iri(concept_iri(concept_id)))
        kg.add(iri(concept_iri(concept_id)), _SKOS.topConceptOf, _SCHEME)
