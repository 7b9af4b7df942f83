"""The vocabulary: declared once in OWL, mirrored by a checked Python namespace."""

from __future__ import annotations

import sys

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph

from graph.curation.vocabulary import Vocabulary, load_ontology
from graph.namespace import LG
from tests.repository import ONTOLOGY_DIR, ROOT


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology(ONTOLOGY_DIR)


def test_python_namespace_declares_exactly_the_ontology_terms(ontology: Graph) -> None:
    namespace = str(LG._NS)
    in_ontology = {str(s)[len(namespace):] for s in ontology.subjects() if str(s).startswith(namespace)}
    in_python = set(LG.__annotations__)
    assert in_python == in_ontology


def test_the_generated_namespace_file_is_current() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from generate_namespace import generate
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    assert (ROOT / "graph" / "lg.py").read_text(encoding="utf-8") == generate(), "run `make namespace`"


def test_a_misspelt_term_fails_instead_of_minting_a_new_iri() -> None:
    assert str(LG.contrastsWith).endswith("#contrastsWith")
    with pytest.raises(AttributeError):
        _ = LG.contrastWith


def test_every_relation_type_is_a_defined_skos_semantic_relation(ontology: Graph) -> None:
    vocabulary = Vocabulary.from_graph(ontology)
    assert set(vocabulary.relation_types) == {
        "contrasts with", "fosters", "reduces", "requires", "part of", "kind of", "practised by",
        "based on", "cited for"}
    for prop in vocabulary.relation_types.values():
        assert (prop, RDF.type, OWL.ObjectProperty) in ontology
        assert (prop, RDFS.subPropertyOf, SKOS.semanticRelation) in ontology
        assert ontology.value(prop, SKOS.definition) is not None
        assert ontology.value(prop, RDFS.domain) is not None
        assert ontology.value(prop, RDFS.range) is not None
        symmetric = (prop, RDF.type, OWL.SymmetricProperty) in ontology
        assert symmetric or prop in vocabulary.inverses, f"{prop} has no inverse"


def test_every_concept_class_is_a_labelled_defined_subclass_of_skos_concept(ontology: Graph) -> None:
    vocabulary = Vocabulary.from_graph(ontology)
    assert len(vocabulary.classes) == 9
    for cls in vocabulary.classes.values():
        assert (cls, RDFS.subClassOf, SKOS.Concept) in ontology
        assert ontology.value(cls, SKOS.definition) is not None
