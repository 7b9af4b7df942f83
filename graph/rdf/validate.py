"""Validate the knowledge graph against the SHACL shapes of ``ontology/shapes.ttl``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate
from rdflib import Graph

__all__ = ["ShapeReport", "validate_graph"]


@dataclass(frozen=True)
class ShapeReport:
    """The outcome of a validation run."""

    conforms: bool
    text: str


def validate_graph(kg: Graph, shapes_path: Path) -> ShapeReport:
    """Validate ``kg`` with pySHACL (SHACL-SPARQL constraints on, no inference).

    The data graph already holds the ontology, so the class hierarchy needed by ``sh:class`` is
    there without running a reasoner, which keeps validation fast.
    """
    shapes = Graph().parse(shapes_path, format="turtle")
    conforms, _, text = validate(kg, shacl_graph=shapes, inference="none", inplace=True,
                                 allow_warnings=True)
    return ShapeReport(conforms=bool(conforms), text=str(text))
