"""The build's graph as Oxigraph triples: a set kept in insertion order, and vocabularies as Oxigraph terms.

An rdflib graph keeps three indexes up to date on every ``add`` (about 30 µs and 2.5 KB a triple); the
build only ever adds triples, counts them, hands them to the validator, the concept graph and the
writers, so it keeps them in a :class:`TripleSet` of ``pyoxigraph.Triple`` objects instead, and makes
an rdflib graph only when someone asks for one (:meth:`TripleSet.rdflib_graph`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from graph.namespace import PREFIXES

__all__ = ["OxTerms", "Term", "TripleSet", "as_triples", "bind_prefixes"]

Term = ox.NamedNode | ox.BlankNode | ox.Literal


def bind_prefixes(kg: Graph) -> Graph:
    """Bind the project's prefixes so every serialisation reads the same way."""
    for prefix, namespace in PREFIXES.items():
        kg.bind(prefix, namespace, override=True, replace=True)
    return kg


class OxTerms:
    """A vocabulary's terms as Oxigraph named nodes, each made once, on first use.

    Wraps an rdflib namespace, so a term the namespace does not define fails as it does there
    (``LG.contrastWith`` raises ``AttributeError``).

    >>> from rdflib import SKOS
    >>> OxTerms(SKOS).prefLabel
    <NamedNode value=http://www.w3.org/2004/02/skos/core#prefLabel>
    """

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        node = ox.NamedNode(str(getattr(self._namespace, name)))
        setattr(self, name, node)  # later look-ups are plain attribute reads
        return node


class TripleSet:
    """A set of Oxigraph triples in the order they were first added: what the build assembles.

    >>> triples = TripleSet()
    >>> node = ox.NamedNode("urn:x")
    >>> triples.add(node, node, ox.Literal("a")); triples.add(node, node, ox.Literal("a")); len(triples)
    1
    """

    def __init__(self, triples: Iterable[ox.Triple] = ()) -> None:
        self._triples: dict[ox.Triple, None] = dict.fromkeys(triples)

    def add(self, subject: ox.NamedNode | ox.BlankNode, predicate: ox.NamedNode, obj: Term) -> None:
        """Add one triple (a triple already there is kept once, as in an RDF graph)."""
        self._triples[ox.Triple(subject, predicate, obj)] = None

    def update(self, triples: Iterable[ox.Triple]) -> None:
        """Add every triple of ``triples``."""
        self._triples.update(dict.fromkeys(triples))

    def __iter__(self) -> Iterator[ox.Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def __contains__(self, triple: object) -> bool:
        return triple in self._triples

    def rdflib_graph(self) -> Graph:
        """The triples as an rdflib graph with the project's prefixes bound, for SPARQL and notebooks."""
        from graph.rdf.serialise import rdflib_term
        kg = bind_prefixes(Graph())
        converted: dict[Term, Any] = {}

        def term(node: Term) -> Any:
            found = converted.get(node)
            if found is None:
                found = converted[node] = rdflib_term(node)
            return found

        for triple in self._triples:
            kg.add((term(triple.subject), term(triple.predicate), term(triple.object)))
        return kg


def as_triples(kg: Graph | Iterable[ox.Triple]) -> Iterable[ox.Triple]:
    """``kg``'s triples as Oxigraph triples: an rdflib graph converted, Oxigraph triples as they are."""
    if isinstance(kg, Graph):
        from graph.rdf.serialise import oxigraph_triples
        return oxigraph_triples(kg)
    return kg
