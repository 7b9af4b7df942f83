"""Communities of concepts by seeded Louvain, numbered so that the result is the same on every run."""

from __future__ import annotations

import networkx as nx

from graph.analysis.concept_graph import undirected
from graph.seed import SEED

__all__ = ["community_of", "louvain_communities"]


def louvain_communities(G: nx.MultiDiGraph | nx.Graph, seed: int = SEED,
                        resolution: float = 1.0) -> list[list[str]]:
    """Communities of the undirected concept graph, largest first, each a sorted list of nodes.

    Ties in size are ordered by their first node, so the numbering is stable.

    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> louvain_communities(G)
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    H = undirected(G) if G.is_directed() or G.is_multigraph() else G
    found = nx.community.louvain_communities(H, weight="weight", resolution=resolution, seed=seed)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def community_of(communities: list[list[str]]) -> dict[str, int]:
    """Map each node to the index of its community."""
    return {node: index for index, members in enumerate(communities) for node in members}
