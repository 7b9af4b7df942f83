"""Read the vocabulary of ``ontology/leadgraph.ttl``: concept classes and relation types by label.

Curated files name classes and relation types by their labels ("technique or practice",
"practised by"), so an educator never types an IRI; this module is where those labels are looked up.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef

from graph.namespace import LG

__all__ = ["Vocabulary", "load_ontology"]


def load_ontology(ontology_dir: Path) -> Graph:
    """Parse the OWL vocabulary file ``leadgraph.ttl`` of an ontology folder."""
    kg = Graph()
    kg.parse(ontology_dir / "leadgraph.ttl", format="turtle")
    return kg


@dataclass(frozen=True)
class Vocabulary:
    """Concept classes and relation types of the ontology, keyed by their English labels."""

    classes: dict[str, URIRef]
    relation_types: dict[str, URIRef]
    inverses: dict[URIRef, URIRef]

    @classmethod
    def from_graph(cls, kg: Graph) -> Vocabulary:
        """Collect the classes (instances of ``lg:ConceptClass``) and relation properties.

        Relation types are the sub-properties of ``skos:semanticRelation`` that are not declared
        as the inverse of another: curated relations are written in the forward direction only.
        """
        classes = {str(kg.value(c, RDFS.label)): c for c in kg.subjects(RDF.type, LG.ConceptClass)}
        inverses = {}
        for inverse, forward in kg.subject_objects(OWL.inverseOf):
            inverses[forward] = inverse
        relation_types = {
            str(kg.value(p, RDFS.label)): p
            for p in kg.subjects(RDFS.subPropertyOf, SKOS.semanticRelation)
            if kg.value(p, OWL.inverseOf) is None
        }
        return cls(classes=dict(sorted(classes.items())),
                   relation_types=dict(sorted(relation_types.items())),
                   inverses=inverses)
