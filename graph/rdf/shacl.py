"""A SHACL validator for leadgraph's shapes: SHACL Core checked over an index of the triples, SHACL-SPARQL
constraints run on an in-memory Oxigraph store.

pySHACL evaluates every constraint through rdflib, which takes minutes on a library-sized graph; here the
Core constraints are dictionary look-ups and the SPARQL constraints run in Rust. It implements the
constraint parameters leadgraph's shapes use (:data:`CORE_PARAMETERS`, :data:`PATH_PARAMETERS`) and refuses
a shapes file that uses any other, so a constraint is never skipped silently. The datatype checks read
the triples themselves, not the store: Oxigraph stores an ``xsd:nonNegativeInteger`` as an ``xsd:integer``.

``tests/test_shacl.py`` breaks the built graph once for every constraint of the shapes file and checks
that this validator and pySHACL both report it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.collection import Collection
from rdflib.namespace import SH, XSD

from graph.errors import LeadgraphError
from graph.rdf.triples import TripleSet

__all__ = ["CORE_PARAMETERS", "ShapesProgram", "Violation", "compile_shapes"]

Term = ox.NamedNode | ox.BlankNode | ox.Literal

CORE_PARAMETERS = ("minCount", "maxCount", "datatype", "minLength", "class", "in", "hasValue", "node", "nodeKind")
"""The SHACL Core constraint parameters this validator checks (local names in the ``sh:`` namespace)."""

SHAPE_KEYS = {"path", "message", "property", "sparql", "targetClass", "targetNode", "targetSubjectsOf",
              "targetObjectsOf", "name", "description", "severity", "deactivated", "declare", "prefixes"}
"""Other ``sh:`` terms a shape may carry: structure, targets and descriptions, not constraints."""

_NON_NEGATIVE = re.compile(r"^\+?[0-9]+$")
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_LEXICAL = {str(XSD.nonNegativeInteger): _NON_NEGATIVE, str(XSD.integer): _INTEGER}
"""Lexical forms checked for the datatypes the shapes name, so ``"-1"^^xsd:nonNegativeInteger`` fails."""
LANG_STRING = str(RDF.langString)


@dataclass(frozen=True)
class Violation:
    """One result: which shape and constraint, on which focus node, path and value, and the message."""

    shape: str
    constraint: str
    focus: str
    message: str
    path: str = ""
    value: str = ""

    def text(self) -> str:
        """The result as report lines."""
        lines = [f"Violation of sh:{self.constraint} in shape {self.shape}: {self.message}",
                 f"  focus node: {self.focus}"]
        if self.path:
            lines.append(f"  path: {self.path}")
        if self.value:
            lines.append(f"  value: {self.value}")
        return "\n".join(lines)


@dataclass
class PropertyShape:
    """A property shape: a path (a predicate, an inverse, or a sequence) and its constraints."""

    path: tuple[tuple[str, bool], ...]
    path_text: str
    constraints: dict[str, object]
    message: str | None


@dataclass
class NodeShape:
    """A node shape: its targets, constraints on the focus node itself, property shapes, SPARQL constraints."""

    name: str
    targets: dict[str, list[str]]
    constraints: dict[str, object]
    properties: list[PropertyShape] = field(default_factory=list)
    sparql: list[tuple[str, str]] = field(default_factory=list)
    message: str | None = None


class ShapesError(LeadgraphError):
    """A shapes file uses SHACL this validator does not implement."""


def _ox(term: object) -> Term:
    """An rdflib term from the shapes graph as an Oxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, RdfLiteral):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))
    raise ShapesError(f"shapes: cannot use {term!r} as a value")


def _local(term: object) -> str:
    return str(term).rsplit("#", 1)[-1]


def _path(shapes: Graph, node: object) -> tuple[tuple[tuple[str, bool], ...], str]:
    """A property path as steps (predicate IRI, inverse?), and as text for the report."""
    if isinstance(node, URIRef):
        return ((str(node), False),), shapes.namespace_manager.normalizeUri(node)
    inverse = shapes.value(node, SH.inversePath)
    if inverse is not None:
        return ((str(inverse), True),), f"^{shapes.namespace_manager.normalizeUri(inverse)}"
    if (node, RDF.first, None) in shapes:
        items = list(Collection(shapes, node))
        if all(isinstance(item, URIRef) for item in items):
            return (tuple((str(item), False) for item in items),
                    "/".join(shapes.namespace_manager.normalizeUri(item) for item in items))
    raise ShapesError(f"shapes: a property path of a kind this validator does not implement: {node}")


def _constraints(shapes: Graph, node: object) -> dict[str, object]:
    """The Core constraint parameters of a shape, refusing any parameter not implemented."""
    found: dict[str, object] = {}
    for predicate, value in shapes.predicate_objects(node):
        if not str(predicate).startswith(str(SH)):
            continue
        name = _local(predicate)
        if name in SHAPE_KEYS:
            continue
        if name not in CORE_PARAMETERS:
            raise ShapesError(f"shapes: sh:{name} is not implemented by the Oxigraph validator; "
                              "validate with --shacl pyshacl")
        if name == "in":
            found[name] = {_ox(item) for item in Collection(shapes, value)}
        elif name in ("minCount", "maxCount", "minLength"):
            found[name] = int(value)
        elif name in ("datatype", "class", "node", "nodeKind"):
            found[name] = str(value)
        else:
            found[name] = _ox(value)
    return found


def _prefixes(shapes: Graph, constraint: object) -> str:
    """The PREFIX lines a SPARQL constraint declares through ``sh:prefixes`` and ``sh:declare``."""
    lines = []
    for owner in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(owner, SH.declare):
            lines.append(f"PREFIX {shapes.value(declaration, SH.prefix)}: <{shapes.value(declaration, SH.namespace)}>")
    return "\n".join(sorted(lines))


def _node_shape(shapes: Graph, node: object) -> NodeShape:
    """Read one node shape with its property shapes and SPARQL constraints."""
    name = shapes.namespace_manager.normalizeUri(node) if isinstance(node, URIRef) else str(node)
    targets = {kind: [str(t) for t in shapes.objects(node, SH[kind])]
               for kind in ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf")}
    shape = NodeShape(name=name, targets=targets, constraints=_constraints(shapes, node),
                      message=_text(shapes.value(node, SH.message)))
    for member in shapes.objects(node, SH.property):
        path, path_text = _path(shapes, shapes.value(member, SH.path))
        shape.properties.append(PropertyShape(path=path, path_text=path_text,
                                              constraints=_constraints(shapes, member),
                                              message=_text(shapes.value(member, SH.message))))
    for constraint in shapes.objects(node, SH.sparql):
        select = shapes.value(constraint, SH.select)
        if select is None:
            raise ShapesError(f"shapes: a SPARQL constraint of {name} without sh:select")
        query = _prefixes(shapes, constraint) + "\n" + str(select)
        shape.sparql.append((query, _text(shapes.value(constraint, SH.message)) or "SPARQL constraint"))
    return shape


def _text(term: object) -> str | None:
    return None if term is None else str(term)


def compile_shapes(shapes_path: Path) -> ShapesProgram:
    """Read a shapes file into a program that validates graphs (see :class:`ShapesProgram`)."""
    shapes = Graph().parse(shapes_path, format="turtle")
    nodes = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.objects(None, SH.node))
    ordered = sorted(nodes, key=str)
    return ShapesProgram({str(node): _node_shape(shapes, node) for node in ordered})


def _append(table: dict[Term, dict[str, list[Term]]], node: Term, predicate: str, value: Term) -> None:
    """Add ``value`` to ``table[node][predicate]``, making the entries on first use."""
    entry = table.get(node)
    if entry is None:
        table[node] = {predicate: [value]}
        return
    found = entry.get(predicate)
    if found is None:
        entry[predicate] = [value]
    else:
        found.append(value)


class _Index:
    """The data graph's triples that the shapes read: by subject and predicate, by object and predicate.

    Only the predicates the shapes name are indexed (``wanted``), and objects only for those read
    backwards (``inverse``), which keeps the index small on a large graph.
    """

    def __init__(self, triples: Iterable[ox.Triple], wanted: set[str], inverse: set[str]) -> None:
        self.out: dict[Term, dict[str, list[Term]]] = {}
        self.back: dict[Term, dict[str, list[Term]]] = {}
        self.by_predicate: dict[str, list[tuple[Term, Term]]] = defaultdict(list)
        # predicates looked up as Oxigraph terms: reading each triple's IRI as a string costs more
        wanted_terms = {ox.NamedNode(predicate): predicate for predicate in wanted}
        for triple in triples:
            predicate = wanted_terms.get(triple.predicate)
            if predicate is None:
                continue
            subject, obj = triple.subject, triple.object
            _append(self.out, subject, predicate, obj)
            if predicate in inverse:
                _append(self.back, obj, predicate, subject)
            self.by_predicate[predicate].append((subject, obj))
        self.superclasses = self._superclasses()

    def _superclasses(self) -> dict[str, set[str]]:
        """Each class with every class it is (reflexively, transitively) a subclass of."""
        direct: dict[str, set[str]] = defaultdict(set)
        for sub, sup in self.by_predicate.get(str(RDFS.subClassOf), []):
            direct[sub.value].add(sup.value)
        closure: dict[str, set[str]] = {}
        for start in list(direct):
            seen, stack = {start}, [start]
            while stack:
                for parent in direct.get(stack.pop(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        stack.append(parent)
            closure[start] = seen
        return closure

    def values(self, focus: Term, path: tuple[tuple[str, bool], ...]) -> list[Term]:
        """The value nodes of ``path`` from ``focus``, in order, without duplicates."""
        current = [focus]
        for predicate, inverse in path:
            table = self.back if inverse else self.out
            reached: dict[Term, None] = {}
            for node in current:
                entry = table.get(node)
                if entry is not None:
                    reached.update(dict.fromkeys(entry.get(predicate, ())))
            current = list(reached)
        return current

    def is_instance(self, node: Term, cls: str) -> bool:
        """True when ``node`` has a type that is ``cls`` or one of its subclasses."""
        entry = self.out.get(node)
        types = entry.get(str(RDF.type), ()) if entry is not None else ()
        return any(cls in self.superclasses.get(t.value, {t.value}) for t in types)

    def focus_nodes(self, targets: dict[str, list[str]]) -> list[Term]:
        """The focus nodes of a shape's targets, in a fixed order."""
        found: dict[Term, None] = {}
        for cls in targets["targetClass"]:
            classes = [c for c, supers in self.superclasses.items() if cls in supers] + [cls]
            for each in dict.fromkeys(classes):
                entry = self.back.get(ox.NamedNode(each))
                found.update(dict.fromkeys(entry.get(str(RDF.type), ()) if entry is not None else ()))
        for node in targets["targetNode"]:
            found[ox.NamedNode(node)] = None
        for predicate in targets["targetSubjectsOf"]:
            found.update(dict.fromkeys(s for s, _ in self.by_predicate.get(predicate, ())))
        for predicate in targets["targetObjectsOf"]:
            found.update(dict.fromkeys(o for _, o in self.by_predicate.get(predicate, ())))
        return list(found)


_NODE_KINDS = {str(SH.IRI): (ox.NamedNode,), str(SH.BlankNode): (ox.BlankNode,), str(SH.Literal): (ox.Literal,),
               str(SH.BlankNodeOrIRI): (ox.NamedNode, ox.BlankNode), str(SH.IRIOrLiteral): (ox.NamedNode, ox.Literal),
               str(SH.BlankNodeOrLiteral): (ox.BlankNode, ox.Literal)}


def _fill_message(message: str, bound: dict[str, Term]) -> str:
    """A SPARQL constraint's message with each ``{?variable}`` replaced by its value in the solution.

    >>> _fill_message("Claim {?value} is wrong", {"value": ox.NamedNode("urn:x")})
    'Claim <urn:x> is wrong'
    """
    return re.sub(r"\{[?$](\w+)\}", lambda m: str(bound[m.group(1)]) if m.group(1) in bound else m.group(0), message)


def _datatype_ok(value: Term, datatype: str) -> bool:
    """True when ``value`` is a well-formed literal of ``datatype``."""
    if not isinstance(value, ox.Literal):
        return False
    actual = LANG_STRING if value.language else value.datatype.value
    pattern = _LEXICAL.get(datatype)
    return actual == datatype and (pattern is None or bool(pattern.match(value.value)))


class ShapesProgram:
    """Compiled shapes: :meth:`validate` checks a graph's triples and returns every violation."""

    def __init__(self, shapes: dict[str, NodeShape]) -> None:
        self.shapes = shapes
        forward = {str(RDF.type), str(RDFS.subClassOf)}
        backward = {str(RDF.type)}
        for shape in shapes.values():
            forward.update(*shape.targets.values())
            for prop in shape.properties:
                forward.update(predicate for predicate, _ in prop.path)
                backward.update(predicate for predicate, inverse in prop.path if inverse)
        self.forward, self.backward = forward, backward

    def validate(self, triples: list[ox.Triple] | TripleSet) -> list[Violation]:
        """Every violation of the shapes by the graph made of ``triples``, in a fixed order."""
        index = _Index(triples, self.forward | self.backward, self.backward)
        violations: list[Violation] = []
        targeted = [shape for shape in self.shapes.values() if any(shape.targets.values())]
        for shape in targeted:
            for focus in index.focus_nodes(shape.targets):
                violations.extend(self._check_node(index, shape, focus))
        with_sparql = [shape for shape in targeted if shape.sparql]
        if with_sparql:
            store = ox.Store()
            store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
            for shape in with_sparql:
                for focus in index.focus_nodes(shape.targets):
                    violations.extend(self._check_sparql(store, shape, focus))
        return violations

    def _check_node(self, index: _Index, shape: NodeShape, focus: Term) -> list[Violation]:
        """The violations of one shape's Core constraints at one focus node."""
        found = [Violation(shape.name, name, str(focus), shape.message or message, value=str(focus))
                 for name, message in self._failures(index, shape.constraints, [focus], node_level=True)]
        for prop in shape.properties:
            values = index.values(focus, prop.path)
            for name, message in self._failures(index, prop.constraints, values, node_level=False):
                found.append(Violation(shape.name, name, str(focus), prop.message or message, path=prop.path_text))
        return found

    def _failures(self, index: _Index, constraints: dict[str, object], values: list[Term],
                  node_level: bool) -> list[tuple[str, str]]:
        """(constraint, default message) for every constraint the value nodes break."""
        failures = []
        count = len(values)
        if "minCount" in constraints and count < constraints["minCount"]:
            failures.append(("minCount", f"fewer than {constraints['minCount']} values ({count})"))
        if "maxCount" in constraints and count > constraints["maxCount"]:
            failures.append(("maxCount", f"more than {constraints['maxCount']} values ({count})"))
        if "hasValue" in constraints and constraints["hasValue"] not in values:
            failures.append(("hasValue", f"no value {constraints['hasValue']}"))
        for value in values:
            failures.extend(self._value_failures(index, constraints, value))
        return failures

    def _value_failures(self, index: _Index, constraints: dict[str, object], value: Term) -> list[tuple[str, str]]:
        """(constraint, default message) for every value-level constraint ``value`` breaks."""
        failures = []
        if "datatype" in constraints and not _datatype_ok(value, str(constraints["datatype"])):
            failures.append(("datatype", f"{value} is not a literal of datatype <{constraints['datatype']}>"))
        if "minLength" in constraints and (isinstance(value, ox.BlankNode)
                                           or len(value.value) < int(constraints["minLength"])):
            failures.append(("minLength", f"{value} is shorter than {constraints['minLength']} characters"))
        if "nodeKind" in constraints and not isinstance(value, _NODE_KINDS[str(constraints["nodeKind"])]):
            failures.append(("nodeKind", f"{value} is not of node kind <{constraints['nodeKind']}>"))
        if "class" in constraints and not index.is_instance(value, str(constraints["class"])):
            failures.append(("class", f"{value} is not an instance of <{constraints['class']}>"))
        if "in" in constraints and value not in constraints["in"]:
            failures.append(("in", f"{value} is not one of the allowed values"))
        if "node" in constraints:
            nested = self.shapes[str(constraints["node"])]
            reasons = self._check_node(index, nested, value)
            if reasons:
                failures.append(("node", f"{value} does not conform to shape {nested.name}: "
                                 + "; ".join(f"{r.path} {r.message}".strip() for r in reasons)))
        return failures

    def _check_sparql(self, store: ox.Store, shape: NodeShape, focus: Term) -> list[Violation]:
        """The violations of one shape's SPARQL constraints at one focus node ($this bound to it)."""
        found = []
        for query, message in shape.sparql:
            solutions = store.query(query, substitutions={ox.Variable("this"): focus})
            for solution in solutions:
                bound = {variable.value: solution[variable] for variable in solutions.variables
                         if solution[variable] is not None}
                text = _fill_message(message, bound)
                found.append(Violation(shape.name, "sparql", str(focus), text, value=str(bound.get("value", ""))))
        return found
