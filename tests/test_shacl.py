"""The built graph passes the SHACL shapes; a deliberately broken one fails with a readable report."""

from __future__ import annotations

import pytest
from rdflib import RDF, Graph, Literal
from rdflib.namespace import SKOS, XSD

from graph.namespace import CONCEPT, LG, OA
from graph.rdf.validate import validate_graph
from tests.repository import ONTOLOGY_DIR

SHAPES = ONTOLOGY_DIR / "shapes.ttl"


def _copy(kg: Graph) -> Graph:
    broken = Graph()
    for triple in kg:
        broken.add(triple)
    return broken


def test_the_built_graph_conforms(kg: Graph) -> None:
    report = validate_graph(kg, SHAPES)
    assert report.conforms, report.text


def _remove_label(kg: Graph) -> None:
    kg.remove((CONCEPT["trust"], SKOS.prefLabel, None))


def _unevidenced_relation(kg: Graph) -> None:
    kg.add((CONCEPT["trust"], LG.fosters, CONCEPT["caring"]))


def _shifted_offsets(kg: Graph) -> None:
    position = next(kg.subjects(RDF.type, OA.TextPositionSelector))
    start = int(kg.value(position, OA.start))
    kg.set((position, OA.start, Literal(start + 1, datatype=XSD.nonNegativeInteger)))


def _practised_by_a_non_role(kg: Graph) -> None:
    kg.remove((CONCEPT["caring"], RDF.type, LG.Value))
    kg.add((CONCEPT["caring"], RDF.type, LG.Practice))
    kg.add((CONCEPT["trust"], LG.practisedBy, CONCEPT["caring"]))


def _two_classes(kg: Graph) -> None:
    kg.add((CONCEPT["caring"], RDF.type, LG.Practice))


@pytest.mark.parametrize(("breakage", "expected"), [
    (_remove_label, "A concept needs exactly one preferred label"),
    (_unevidenced_relation, "has no claim (rdf:Statement) recording its evidence"),
    (_shifted_offsets, "the quote is not the text of its document between start and end"),
    (_practised_by_a_non_role, "The object of 'practised by' must be a role"),
    (_two_classes, "exactly one concept class"),
])
def test_a_broken_graph_fails_with_a_readable_report(kg: Graph, breakage, expected: str) -> None:
    broken = _copy(kg)
    breakage(broken)
    report = validate_graph(broken, SHAPES)
    assert not report.conforms
    assert expected in report.text
