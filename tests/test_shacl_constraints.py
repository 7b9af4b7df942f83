"""Every constraint of the shapes file, broken once in the built graph, is reported by both SHACL engines.

The cases are read from ``ontology/shapes.ttl``: one per Core constraint parameter of every node and
property shape, made by a rule for that parameter (drop the values for ``sh:minCount``, add one for
``sh:maxCount``, an untyped resource for ``sh:class`` ...), and one per SPARQL constraint, made by the
breakage listed for its message below. A new parameter or SPARQL constraint without a rule fails the test,
so the list cannot drift from the shapes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import PROV, SH, XSD

from graph.namespace import CONCEPT, LG, OA
from graph.rdf.shacl import CORE_PARAMETERS
from graph.rdf.validate import SHACL_ENGINES, validate_graph
from tests.repository import ONTOLOGY_DIR

SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
SHAPES = Graph().parse(SHAPES_FILE, format="turtle")
Path = tuple[tuple[URIRef, bool], ...]


@dataclass(frozen=True)
class Case:
    """One constraint of the shapes: its shape, property path (none for the node itself) and parameter."""

    shape: object
    prop: object | None
    parameter: str
    message: str | None

    def __str__(self) -> str:
        where = self.path_text() or "node"
        return f"{SHAPES.namespace_manager.normalizeUri(self.shape)}-{where}-{self.parameter}"

    def path(self) -> Path:
        return _path(SHAPES.value(self.prop, SH.path)) if self.prop is not None else ()

    def path_text(self) -> str:
        steps = self.path()
        return "/".join(("^" if inverse else "") + SHAPES.namespace_manager.normalizeUri(p) for p, inverse in steps)


def _path(node: object) -> Path:
    if isinstance(node, URIRef):
        return ((node, False),)
    inverse = SHAPES.value(node, SH.inversePath)
    if inverse is not None:
        return ((inverse, True),)
    return tuple((item, False) for item in Collection(SHAPES, node))


def _cases() -> list[Case]:
    """Every constraint of the shapes file."""
    cases = []
    for shape in sorted(set(SHAPES.subjects(RDF.type, SH.NodeShape)), key=str):
        owners = [(shape, None), *((shape, prop) for prop in sorted(SHAPES.objects(shape, SH.property), key=str))]
        for node_shape, prop in owners:
            owner = prop if prop is not None else node_shape
            message = SHAPES.value(owner, SH.message)
            for predicate in sorted(SHAPES.predicates(owner), key=str):
                name = str(predicate).rsplit("#", 1)[-1]
                if str(predicate).startswith(str(SH)) and name in CORE_PARAMETERS:
                    cases.append(Case(node_shape, prop, name, str(message) if message else None))
        for constraint in SHAPES.objects(shape, SH.sparql):
            cases.append(Case(shape, constraint, "sparql", str(SHAPES.value(constraint, SH.message))))
    return cases


def _values(kg: Graph, focus: object, path: Path) -> list:
    current = [focus]
    for predicate, inverse in path:
        current = [v for node in current
                   for v in (kg.subjects(predicate, node) if inverse else kg.objects(node, predicate))]
    return sorted(set(current), key=str)


def _focus(kg: Graph, shape: object) -> object:
    """A focus node of ``shape`` in the built graph (through the shape that points at it with sh:node)."""
    for cls in SHAPES.objects(shape, SH.targetClass):
        return min(kg.subjects(RDF.type, cls), key=str)
    for predicate in SHAPES.objects(shape, SH.targetSubjectsOf):
        return min(kg.subjects(predicate, None), key=str)
    for node in SHAPES.objects(shape, SH.targetNode):
        return node
    prop = next(SHAPES.subjects(SH.node, shape))
    owner = next(SHAPES.subjects(SH.property, prop))
    return _values(kg, _focus(kg, owner), _path(SHAPES.value(prop, SH.path)))[0]


def _replace_one(kg: Graph, focus: object, path: Path, new: object) -> None:
    """Replace one value reached by a one-step path with ``new``."""
    (predicate, inverse), = path
    old = _values(kg, focus, path)[0]
    if inverse:
        kg.remove((old, predicate, focus))
        kg.add((new, predicate, focus))
    else:
        kg.remove((focus, predicate, old))
        kg.add((focus, predicate, new))


def _other_literal(value: object) -> Literal:
    """A literal of another datatype than ``value``'s: a language string, or a plain string for one."""
    return Literal(str(value)) if isinstance(value, Literal) and value.language else Literal(str(value), lang="en")


def _break_core(kg: Graph, case: Case) -> object:
    """Break ``case``'s Core constraint at a focus node of its shape; return that focus node."""
    focus, path = _focus(kg, case.shape), case.path()
    owner = case.prop if case.prop is not None else case.shape
    argument = SHAPES.value(owner, SH[case.parameter])
    if case.parameter == "nodeKind" and not path:
        blank = BNode("corrupt")
        kg.add((blank, RDF.type, next(SHAPES.objects(case.shape, SH.targetClass))))
        return blank
    if case.parameter == "class" and not path:
        kg.remove((focus, RDF.type, argument))
        return focus
    if case.parameter == "minCount":
        # keep minCount - 1 values, the shape's target class first, so the focus node stays targeted
        (predicate, inverse), = path
        targets = set(SHAPES.objects(case.shape, SH.targetClass))
        values = sorted(_values(kg, focus, path), key=lambda v: (v not in targets, str(v)))
        for value in values[int(argument) - 1:]:
            kg.remove((value, predicate, focus) if inverse else (focus, predicate, value))
    elif case.parameter == "maxCount":
        (predicate, _), = path
        value = _values(kg, focus, path)[0]
        if not isinstance(value, Literal):
            extra = URIRef("urn:corrupt:another")
        elif value.datatype == XSD.nonNegativeInteger:
            extra = Literal(int(value) + 1, datatype=XSD.nonNegativeInteger)
        else:
            extra = Literal(f"{value} (again)", lang=value.language, datatype=value.datatype)
        kg.add((focus, predicate, extra))
    elif case.parameter == "datatype":
        _replace_one(kg, focus, path, _other_literal(_values(kg, focus, path)[0]))
    elif case.parameter == "minLength":
        value = _values(kg, focus, path)[0]
        _replace_one(kg, focus, path, Literal("x" * (int(argument) - 1), lang=value.language, datatype=value.datatype))
    elif case.parameter in ("class", "in"):
        _replace_one(kg, focus, path, URIRef("urn:corrupt:untyped"))
    elif case.parameter == "nodeKind":
        _replace_one(kg, focus, path, Literal("not a resource"))
    elif case.parameter == "hasValue":
        *prefix, (last, _) = path
        for node in _values(kg, focus, tuple(prefix)):
            kg.remove((node, last, argument))
    elif case.parameter == "node":
        nested = next(p for p in SHAPES.objects(argument, SH.property) if SHAPES.value(p, SH.minCount))
        (predicate, _), = _path(SHAPES.value(nested, SH.path))
        kg.remove((_values(kg, focus, path)[0], predicate, None))
    else:
        raise AssertionError(f"no rule breaks sh:{case.parameter}: add one to _break_core")
    return focus


def _claim(kg: Graph) -> URIRef:
    return min(kg.subjects(RDF.type, RDF.Statement), key=str)


def _unevidenced_relation(kg: Graph) -> None:
    kg.add((CONCEPT["trust"], LG.fosters, CONCEPT["caring"]))


def _unasserted_claim(kg: Graph) -> None:
    claim = _claim(kg)
    kg.remove((kg.value(claim, RDF.subject), kg.value(claim, RDF.predicate), kg.value(claim, RDF.object)))


def _annotation_from_another_document(kg: Graph) -> None:
    annotation = min(kg.subjects(RDF.type, OA.Annotation), key=str)
    kg.remove((kg.value(annotation, OA.hasBody), PROV.wasDerivedFrom, None))


def _shifted_offsets(kg: Graph) -> None:
    position = min(kg.subjects(RDF.type, OA.TextPositionSelector), key=str)
    kg.set((position, OA.start, Literal(int(kg.value(position, OA.start)) + 1, datatype=XSD.nonNegativeInteger)))


def _two_classes(kg: Graph) -> None:
    kg.add((CONCEPT["caring"], RDF.type, LG.Practice))


def _ends_before_it_starts(kg: Graph) -> None:
    position = min(kg.subjects(RDF.type, OA.TextPositionSelector), key=str)
    kg.set((position, OA.end, kg.value(position, OA.start)))


SPARQL_BREAKAGES: dict[str, Callable[[Graph], None]] = {
    "has no claim": _unevidenced_relation,
    "its triple is not asserted": _unasserted_claim,
    "its document is not one its claim was derived from": _annotation_from_another_document,
    "the quote is not the text of its document": _shifted_offsets,
    "concept classes; it needs exactly one": _two_classes,
    "a position must end after it starts": _ends_before_it_starts,
}
"""How to break each SPARQL constraint of the shapes, by a phrase of its message."""


def _fixed_text(message: str) -> str:
    """The longest stretch of a message that no ``{?variable}`` fills in."""
    return max(re.split(r"\{[?$]\w+\}", message), key=len).strip()


CASES = _cases()
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


def test_the_shapes_have_the_constraints_these_tests_break() -> None:
    parameters = {case.parameter for case in CASES}
    assert {"minCount", "maxCount", "datatype", "class", "in", "hasValue", "node", "sparql"} <= parameters
    assert len([case for case in CASES if case.parameter == "sparql"]) == len(SPARQL_BREAKAGES)


@pytest.mark.parametrize("engine", SHACL_ENGINES)
def test_the_built_graph_conforms_by_each_engine(kg: Graph, engine: str) -> None:
    report = validate_graph(kg, SHAPES_FILE, engine)
    assert report.conforms, report.text


@pytest.mark.parametrize("case", CASES, ids=str)
def test_each_constraint_broken_is_reported_by_both_engines(kg: Graph, case: Case) -> None:
    broken = Graph()
    for triple in kg:
        broken.add(triple)
    if case.parameter == "sparql":
        phrase = next((p for p in SPARQL_BREAKAGES if p in (case.message or "")), None)
        assert phrase is not None, f"no breakage for the SPARQL constraint {case.message!r}: add one"
        SPARQL_BREAKAGES[phrase](broken)
        focus = None
    else:
        focus = _break_core(broken, case)
    expected = _fixed_text(case.message) if case.message else None
    parameter = case.parameter
    if not any((case.shape, predicate, None) in SHAPES for predicate in TARGETS):
        # a shape reached only through sh:node is reported as the sh:node constraint that reaches it
        parameter, expected = "node", None
        focus = next(SHAPES.subjects(SH.property, next(SHAPES.subjects(SH.node, case.shape))))
        focus = _focus(kg, focus)
    for engine in SHACL_ENGINES:
        report = validate_graph(broken, SHAPES_FILE, engine)
        assert not report.conforms, f"{engine} missed {case}"
        component = "SPARQL" if parameter == "sparql" else parameter[0].upper() + parameter[1:]
        named = f"sh:{parameter}" if engine == "oxigraph" else f"{component}ConstraintComponent"
        assert named in report.text, f"{engine} did not name {named} for {case}:\n{report.text[:2000]}"
        if expected:
            assert expected in report.text, f"{engine} did not give the message for {case}"
        if isinstance(focus, URIRef):
            assert str(focus) in report.text, f"{engine} did not name the focus node {focus}"
