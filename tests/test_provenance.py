"""The provenance model of the README, checked on one relation the text states plainly."""

from __future__ import annotations

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from graph.namespace import CONCEPT, LG, OA, SOURCE


def test_personal_power_fosters_trust_with_its_quote_and_position(kg: Graph) -> None:
    subject, obj = CONCEPT["personal-power"], CONCEPT["trust"]
    assert (subject, LG.fosters, obj) in kg
    claims = [c for c in kg.subjects(RDF.subject, subject)
              if (c, RDF.predicate, LG.fosters) in kg and (c, RDF.object, obj) in kg]
    assert len(claims) == 1
    claim = claims[0]
    assert isinstance(claim, URIRef)
    assert (claim, RDF.type, RDF.Statement) in kg
    assert (claim, PROV.wasDerivedFrom, SOURCE["ch03"]) in kg
    (annotation,) = kg.subjects(OA.hasBody, claim)
    assert (annotation, RDF.type, OA.Annotation) in kg
    target = kg.value(annotation, OA.hasTarget)
    assert kg.value(target, OA.hasSource) == SOURCE["ch03"]
    selectors = {kg.value(s, RDF.type): s for s in kg.objects(target, OA.hasSelector)}
    quote, position = selectors[OA.TextQuoteSelector], selectors[OA.TextPositionSelector]
    assert kg.value(quote, OA.exact) == Literal("Using personal forms of power helps leaders generate "
                                                "and sustain trust.")
    assert str(kg.value(quote, OA.prefix)).endswith("to get others to follow them. ")
    assert str(kg.value(quote, OA.suffix)).startswith("\n\nBoth leaders and led")
    start, end = int(kg.value(position, OA.start)), int(kg.value(position, OA.end))
    assert end - start == len("Using personal forms of power helps leaders generate and sustain trust.")


def test_documents_carry_title_url_and_book_with_its_author(kg: Graph) -> None:
    book = SOURCE["mastering-inner-leadership"]
    assert kg.value(book, DCTERMS.creator) == Literal("Gilbert W. Fairholm")
    document = SOURCE["ch13"]
    assert (document, RDF.type, LG.SourceDocument) in kg
    assert kg.value(document, DCTERMS.isPartOf) == book
    assert kg.value(document, DCTERMS.source) == URIRef(
        "https://westsidetoastmasters.com/resources/inner_leadership/lib0061.html")
    assert "Service Techniques" in str(kg.value(document, DCTERMS.title))


def test_concepts_are_skos_concepts_with_labels_synonyms_and_a_definition(kg: Graph) -> None:
    trust = CONCEPT["trust"]
    assert (trust, RDF.type, SKOS.Concept) in kg
    assert (trust, RDF.type, LG.PowerAndInfluence) in kg
    assert kg.value(trust, SKOS.prefLabel) == Literal("trust", lang="en")
    assert Literal("interpersonal trust", lang="en") in set(kg.objects(trust, SKOS.altLabel))
    assert len(str(kg.value(trust, SKOS.definition))) > 20
    assert kg.value(trust, SKOS.inScheme) is not None


def test_the_graph_has_no_blank_nodes_so_rebuilds_give_the_same_names(kg: Graph) -> None:
    assert not any(isinstance(term, BNode) for triple in kg for term in triple)
