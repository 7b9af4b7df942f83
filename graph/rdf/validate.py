"""Validate the knowledge graph against the SHACL shapes of ``ontology/shapes.ttl``, by one of two engines.

``oxigraph`` (the default, :mod:`graph.rdf.shacl`): SHACL Core checked over an index of the triples, the
SHACL-SPARQL constraints run by Oxigraph; seconds on a library-sized graph. ``pyshacl``: the reference
implementation, on rdflib; minutes there. Both read the same shapes file, and the test suite breaks the
graph once per constraint of that file and checks that both engines report every break.
"""

from __future__ import annotations

import time
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from graph.errors import LeadgraphError
from graph.rdf.serialise import oxigraph_triples
from graph.rdf.triples import TripleSet

__all__ = ["SHACL_ENGINES", "ShapeReport", "validate_graph"]

SHACL_ENGINES = ("oxigraph", "pyshacl")
"""The validation engines, by name; the first is the default."""


@dataclass(frozen=True)
class ShapeReport:
    """The outcome of a validation run."""

    conforms: bool
    text: str
    seconds: float = 0.0
    """How long the validation took."""


def validate_graph(kg: Graph | Collection[ox.Triple], shapes_path: Path, engine: str = "oxigraph") -> ShapeReport:
    """Validate ``kg`` (an rdflib graph, or its triples as Oxigraph triples, as the build holds them) against
    the shapes file.

    No inference is run: the data graph already holds the ontology, so the class hierarchy that
    ``sh:class`` needs is there.
    """
    started = time.perf_counter()
    if engine == "pyshacl":
        conforms, text = _pyshacl(kg if isinstance(kg, Graph) else TripleSet(kg).rdflib_graph(), shapes_path)
    elif engine == "oxigraph":
        conforms, text = _oxigraph(kg, shapes_path)
    else:
        raise LeadgraphError(f"unknown SHACL engine {engine!r}; the engines are: {', '.join(SHACL_ENGINES)}")
    return ShapeReport(conforms=conforms, text=text, seconds=time.perf_counter() - started)


def _pyshacl(kg: Graph, shapes_path: Path) -> tuple[bool, str]:
    """pySHACL with SHACL-SPARQL constraints on and no inference."""
    from pyshacl import validate
    shapes = Graph().parse(shapes_path, format="turtle")
    conforms, _, text = validate(kg, shacl_graph=shapes, inference="none", inplace=True, allow_warnings=True)
    return bool(conforms), str(text)


def _oxigraph(kg: Graph | Collection[ox.Triple], shapes_path: Path) -> tuple[bool, str]:
    """leadgraph's validator (:mod:`graph.rdf.shacl`), with a report in pySHACL's layout."""
    from graph.rdf.shacl import compile_shapes
    triples = kg if not isinstance(kg, Graph) else oxigraph_triples(kg)
    violations = compile_shapes(shapes_path).validate(triples)
    lines = ["Validation Report", f"Conforms: {not violations}"]
    if violations:
        lines.append(f"Results ({len(violations)}):")
        lines.extend(violation.text() for violation in violations)
    return not violations, "\n".join(lines) + "\n"
