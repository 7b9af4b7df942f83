"""Turn checked curated data into the RDF knowledge graph, by the provenance model of the README.

For every relation ``s p o`` the graph holds the plain triple, a claim (``rdf:Statement``) derived
from its source documents, and one ``oa:Annotation`` per quote, whose target selects the passage by
quote (exact, prefix, suffix) and by position (start, end). Claims, annotations, targets and
selectors get IRIs derived from their content, never blank nodes, so a rebuild gives the same bytes.
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from graph.curation import Concept, Curated, Document, Evidence
from graph.curation.vocabulary import Vocabulary
from graph.namespace import CLAIM, EVIDENCE, LG, OA, PREFIXES, SCHEME, concept_iri, content_iri, source_iri

__all__ = ["assemble_graph", "bind_prefixes"]


def bind_prefixes(kg: Graph) -> Graph:
    """Bind the project's prefixes so every serialisation reads the same way."""
    for prefix, namespace in PREFIXES.items():
        kg.bind(prefix, namespace, override=True, replace=True)
    return kg


def _en(text: str) -> Literal:
    return Literal(text, lang="en")


def _add_scheme(kg: Graph, curated: Curated) -> None:
    """The one concept scheme every concept is in, named after the book its documents belong to."""
    kg.add((SCHEME, RDF.type, SKOS.ConceptScheme))
    kg.add((SCHEME, DCTERMS.title, _en(f"Concepts of {curated.book.title}")))
    kg.add((SCHEME, SKOS.definition, _en(
        f"Concepts and the relations between them stated in {len(curated.documents)} source document(s) of "
        f"{curated.book.title} by {curated.book.creator}, each relation grounded in a quote.")))


def _add_concept(kg: Graph, concept: Concept, vocabulary: Vocabulary) -> None:
    """A concept as a ``skos:Concept`` of its class, with labels and definition."""
    iri = concept_iri(concept.id)
    kg.add((iri, RDF.type, SKOS.Concept))
    kg.add((iri, RDF.type, vocabulary.classes[concept.class_label]))
    kg.add((iri, SKOS.inScheme, SCHEME))
    kg.add((iri, SKOS.prefLabel, _en(concept.label)))
    kg.add((iri, SKOS.definition, _en(concept.definition)))
    kg.add((iri, SKOS.notation, Literal(concept.id)))
    for synonym in concept.synonyms:
        kg.add((iri, SKOS.altLabel, _en(synonym)))
    for form in concept.forms:
        kg.add((iri, SKOS.hiddenLabel, _en(form)))
    if concept.creator:
        kg.add((iri, DCTERMS.creator, Literal(concept.creator)))
    if concept.year is not None:
        kg.add((iri, DCTERMS.date, Literal(str(concept.year), datatype=XSD.gYear)))


def _add_sources(kg: Graph, curated: Curated) -> None:
    """The book and the source documents, with their full texts."""
    book = source_iri(curated.book.id)
    kg.add((book, RDF.type, LG.Book))
    kg.add((book, DCTERMS.title, Literal(curated.book.title)))
    kg.add((book, DCTERMS.creator, Literal(curated.book.creator)))
    for document in curated.documents.values():
        _add_document(kg, document, book)


def _add_document(kg: Graph, document: Document, book: URIRef) -> None:
    iri = source_iri(document.id)
    kg.add((iri, RDF.type, LG.SourceDocument))
    kg.add((iri, DCTERMS.title, Literal(document.title)))
    if document.url is not None:
        kg.add((iri, DCTERMS.source, URIRef(document.url)))
    kg.add((iri, DCTERMS.isPartOf, book))
    if document.chapter is not None:
        kg.add((iri, LG.chapter, Literal(document.chapter)))
    kg.add((iri, LG.text, Literal(document.text)))


def _add_claim(kg: Graph, triple: tuple[URIRef, URIRef, URIRef], label: str,
               evidence: list[Evidence]) -> None:
    """The asserted triple, its claim, and one annotation per quote that states it."""
    subject, predicate, obj = triple
    kg.add(triple)
    claim = content_iri(CLAIM, subject, predicate, obj)
    kg.add((claim, RDF.type, RDF.Statement))
    kg.add((claim, RDF.subject, subject))
    kg.add((claim, RDF.predicate, predicate))
    kg.add((claim, RDF.object, obj))
    kg.add((claim, RDFS.label, _en(label)))
    for item in evidence:
        document = source_iri(item.document)
        kg.add((claim, PROV.wasDerivedFrom, document))
        _add_annotation(kg, claim, document, item)


def _add_annotation(kg: Graph, claim: URIRef, document: URIRef, item: Evidence) -> None:
    """An annotation whose body is the claim and whose target is the quoted passage."""
    passage = item.passage
    annotation = content_iri(EVIDENCE, claim, document, passage.start, passage.end)
    target = URIRef(f"{annotation}/target")
    quote = URIRef(f"{annotation}/quote")
    position = URIRef(f"{annotation}/position")
    kg.add((annotation, RDF.type, OA.Annotation))
    kg.add((annotation, OA.hasBody, claim))
    kg.add((annotation, OA.hasTarget, target))
    kg.add((annotation, OA.motivatedBy, OA.describing))
    if item.context:
        kg.add((annotation, LG.context, Literal(item.context)))
    kg.add((target, RDF.type, OA.SpecificResource))
    kg.add((target, OA.hasSource, document))
    kg.add((target, OA.hasSelector, quote))
    kg.add((target, OA.hasSelector, position))
    kg.add((quote, RDF.type, OA.TextQuoteSelector))
    kg.add((quote, OA.exact, Literal(passage.exact)))
    kg.add((quote, OA.prefix, Literal(passage.prefix)))
    kg.add((quote, OA.suffix, Literal(passage.suffix)))
    kg.add((position, RDF.type, OA.TextPositionSelector))
    kg.add((position, OA.start, Literal(passage.start, datatype=XSD.nonNegativeInteger)))
    kg.add((position, OA.end, Literal(passage.end, datatype=XSD.nonNegativeInteger)))


def assemble_graph(curated: Curated, ontology: Graph, vocabulary: Vocabulary) -> Graph:
    """The whole knowledge graph: ontology, scheme, concepts, sources, relations and evidence."""
    kg = bind_prefixes(Graph())
    kg += ontology
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


def _add_hierarchy(kg: Graph, curated: Curated) -> None:
    """``skos:broader`` for every ``kind of`` relation, and the scheme's top concepts: those with no broader.

    ``lg:kindOf`` is declared a sub-property of ``skos:broader``; asserting the broader link as well lets
    SKOS tools that do no inference see the hierarchy.
    """
    narrower = set()
    for subject, obj in sorted({(e.subject, e.object) for e in curated.evidence if e.type_label == "kind of"}):
        kg.add((concept_iri(subject), SKOS.broader, concept_iri(obj)))
        narrower.add(subject)
    for concept_id in sorted(set(curated.concepts) - narrower):
        kg.add((SCHEME, SKOS.hasTopConcept, concept_iri(concept_id)))
        kg.add((concept_iri(concept_id), SKOS.topConceptOf, SCHEME))
