"""SKOS hygiene, in the spirit of qSKOS: the concept scheme is whole, labelled once, and its hierarchy acyclic."""

from __future__ import annotations

from collections import Counter

import networkx as nx
from rdflib import RDF, SKOS, Graph

from graph.namespace import SCHEME


def _concepts(kg: Graph) -> set:
    return set(kg.subjects(RDF.type, SKOS.Concept))


def test_every_concept_is_in_the_scheme(kg: Graph) -> None:
    assert {c for c in _concepts(kg) if (c, SKOS.inScheme, SCHEME) not in kg} == set()


def test_no_two_concepts_share_a_preferred_label(kg: Graph) -> None:
    labels = Counter((str(label).casefold(), label.language) for c in _concepts(kg)
                     for label in kg.objects(c, SKOS.prefLabel))
    assert [label for label, count in labels.items() if count > 1] == []
    assert all(len(list(kg.objects(c, SKOS.prefLabel))) == 1 for c in _concepts(kg))


def test_no_concept_is_orphaned(kg: Graph) -> None:
    related = set(kg.objects(None, RDF.subject)) | set(kg.objects(None, RDF.object))
    assert _concepts(kg) - related == set()


def test_the_top_concepts_are_exactly_those_without_a_broader_one(kg: Graph) -> None:
    top = set(kg.objects(SCHEME, SKOS.hasTopConcept))
    assert top == {c for c in _concepts(kg) if kg.value(c, SKOS.broader) is None}
    assert top == set(kg.subjects(SKOS.topConceptOf, SCHEME))
    assert top  # a scheme with concepts has top concepts


def test_broader_has_no_cycle_and_follows_kind_of(kg: Graph) -> None:
    from graph.namespace import LG
    broader = set(kg.subject_objects(SKOS.broader))
    assert broader == set(kg.subject_objects(LG.kindOf))
    assert list(nx.simple_cycles(nx.DiGraph(broader))) == []
