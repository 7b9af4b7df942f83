"""Bridges: the relations whose loss would split the concept graph (articulation points are a measure)."""

from __future__ import annotations

import networkx as nx

from graph.analysis.concept_graph import undirected

__all__ = ["bridges"]


def bridges(G: nx.MultiDiGraph) -> list[tuple[str, str]]:
    """Relations whose removal would disconnect two concepts (on the undirected graph), sorted.

    Two concepts linked by more than one relation type are never a bridge: removing one relation
    leaves the other.

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    >>> bridges(G)
    [('c', 'd')]
    """
    H = undirected(G)
    multiple = {tuple(sorted(edge)) for edge, weight in nx.get_edge_attributes(H, "weight").items() if weight > 1}
    return sorted(tuple(sorted(edge)) for edge in nx.bridges(H) if tuple(sorted(edge)) not in multiple)
