"""Find a concept by any of its names: id, label, synonym or word form, case-insensitively."""

from __future__ import annotations

import difflib

import networkx as nx

from graph.errors import UnknownConceptError

__all__ = ["resolve_concept"]


def _names(G: nx.MultiDiGraph, node: str) -> list[tuple[int, str]]:
    """A concept's names with their priority: label 0, id 1, synonyms 2, forms 3."""
    data = G.nodes[node]
    return [(0, data["label"]), (1, node.rsplit("/", 1)[-1]),
            *((2, s) for s in data["synonyms"]), *((3, f) for f in data["forms"])]


def resolve_concept(G: nx.MultiDiGraph, name: str) -> str:
    """The IRI of the concept called ``name``; labels win over synonyms, synonyms over word forms.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("lgc/trust", label="trust", synonyms=["interpersonal trust"], forms=["trusting"])
    >>> G.add_node("lgc/ceo", label="top leader", synonyms=["CEO"], forms=[])
    >>> resolve_concept(G, "ceo"), resolve_concept(G, "Interpersonal Trust")
    ('lgc/ceo', 'lgc/trust')
    >>> resolve_concept(G, "trsut")
    Traceback (most recent call last):
    ...
    graph.errors.UnknownConceptError: no concept is called 'trsut'; the closest are: trust
    """
    wanted = " ".join(name.split()).casefold()
    if not wanted:
        raise UnknownConceptError("give a concept's name: its label, a synonym or its id")
    matches = sorted((priority, node) for node in G for priority, known in _names(G, node)
                     if known.casefold() == wanted)
    if matches:
        return matches[0][1]
    labels = sorted({known for node in G for priority, known in _names(G, node) if priority in (0, 2)})
    close = difflib.get_close_matches(name, labels, n=5, cutoff=0.5)
    close += [label for label in labels if wanted in label.casefold() and label not in close][:5 - len(close)]
    hint = f"; the closest are: {', '.join(close)}" if close else ""
    raise UnknownConceptError(f"no concept is called {name!r}{hint}")
