"""Structural gaps: pairs of communities with few links between them, and who bridges them."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import networkx as nx

from graph.analysis.concept_graph import undirected

__all__ = ["CommunityGap", "structural_gaps"]


@dataclass(frozen=True)
class CommunityGap:
    """Two communities, how thinly they are linked, and the concepts that link them."""

    first: int
    second: int
    links: int
    density: float
    brokers: list[str]


def structural_gaps(G: nx.MultiDiGraph, communities: list[list[str]],
                    ranking: dict[str, float]) -> list[CommunityGap]:
    """Every pair of communities, thinnest first.

    ``links`` counts the concept pairs related across the two communities; ``density`` divides it
    by the number of possible pairs. ``brokers`` are the concepts touching both communities (members
    of one linked to the other, or outsiders linked to both), ranked by ``ranking`` (for example
    betweenness), highest first.

    >>> G = nx.MultiDiGraph([("a", "b"), ("x", "y"), ("b", "x"), ("p", "q"), ("q", "a")])
    >>> gaps = structural_gaps(G, [["a", "b"], ["x", "y"], ["p", "q"]], {n: 0.0 for n in G})
    >>> [(g.first, g.second, g.links) for g in gaps]
    [(1, 2, 0), (0, 1, 1), (0, 2, 1)]
    >>> gaps[0].brokers
    []
    """
    H = undirected(G)
    members = [set(c) for c in communities]
    gaps = []
    for (i, first), (j, second) in combinations(enumerate(members), 2):
        links = sum(1 for u, v in H.edges() if (u in first and v in second) or (u in second and v in first))
        brokers = [node for node in H
                   if (node in first or first & set(H[node])) and (node in second or second & set(H[node]))]
        brokers.sort(key=lambda node: (-ranking.get(node, 0.0), node))
        gaps.append(CommunityGap(first=i, second=j, links=links,
                                 density=links / (len(first) * len(second)), brokers=brokers))
    return sorted(gaps, key=lambda gap: (gap.density, gap.links, gap.first, gap.second))
