"""Communities of concepts: seeded Louvain (networkx) up to :data:`LEIDEN_LIMIT` concepts, seeded Leiden
(compiled, from graspologic-native) above it; numbered so that the result is the same on every run."""

from __future__ import annotations

import networkx as nx

from graph.analysis.concept_graph import undirected
from graph.seed import SEED

__all__ = ["LEIDEN_ITERATIONS", "LEIDEN_LIMIT", "community_method", "community_of", "leiden_communities",
           "louvain_communities"]

LEIDEN_LIMIT = 2000
"""Above this many concepts communities are found by Leiden rather than Louvain. networkx's Louvain runs in
Python (0.5 s on 8,500 concepts as islands, 4 s on a connected graph of that size); Leiden, compiled, takes
a tenth of a second. Up to the limit the communities stay networkx's, so a project's numbering does not
change with this code."""
LEIDEN_ITERATIONS = 3
"""Leiden cycles, each starting from the last one's partition: three reach a higher modularity than
networkx's Louvain on connected scale-free graphs of 2,000 and 8,500 concepts (0.541 and 0.548 against
0.534 and 0.534) in a twentieth of its time."""


def community_method(count: int) -> str:
    """The method that finds the communities of a graph of ``count`` concepts.

    >>> community_method(133), community_method(8512)
    ('Louvain', 'Leiden')
    """
    return "Leiden" if count > LEIDEN_LIMIT else "Louvain"


def _ordered(found: list[list[str]] | list[set[str]]) -> list[list[str]]:
    """Communities largest first, each a sorted list of nodes; ties in size ordered by their first node."""
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def leiden_communities(H: nx.Graph, seed: int = SEED, resolution: float = 1.0) -> list[list[str]]:
    """Communities of an undirected graph with a ``weight`` on each edge by seeded Leiden (Traag, Waltman and
    van Eck 2019: Louvain's moves, then a refinement that keeps every community connected), largest first.

    graspologic-native's implementation in Rust, maximising modularity at ``resolution``, run for
    :data:`LEIDEN_ITERATIONS` cycles. The same edges in the same order and the same seed give the same
    partition, whatever the hash seed. A concept without relations is a community of its own, as in Louvain.

    >>> H = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> H.add_node("lonely")
    >>> leiden_communities(H)
    [['a', 'b', 'c'], ['x', 'y', 'z'], ['lonely']]
    """
    import graspologic_native

    edges = [(subject, obj, float(weight)) for subject, obj, weight in H.edges(data="weight", default=1)]
    partition: dict[str, int] = {}
    if edges:
        _, partition = graspologic_native.leiden(edges, resolution=resolution, seed=seed,
                                                 iterations=LEIDEN_ITERATIONS)
    members: dict[int | str, list[str]] = {}
    for node in H:
        members.setdefault(partition.get(node, f"alone: {node}"), []).append(node)
    return _ordered(list(members.values()))


def louvain_communities(G: nx.MultiDiGraph | nx.Graph, seed: int = SEED,
                        resolution: float = 1.0) -> list[list[str]]:
    """Communities of the undirected concept graph, largest first, each a sorted list of nodes.

    Ties in size are ordered by their first node, so the numbering is stable. Found by networkx's seeded
    Louvain up to :data:`LEIDEN_LIMIT` concepts, by :func:`leiden_communities` above it (see
    :func:`community_method`).

    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> louvain_communities(G)
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    H = undirected(G) if G.is_directed() or G.is_multigraph() else G
    if H.number_of_nodes() > LEIDEN_LIMIT:
        return leiden_communities(H, seed=seed, resolution=resolution)
    return _ordered(nx.community.louvain_communities(H, weight="weight", resolution=resolution, seed=seed))


def community_of(communities: list[list[str]]) -> dict[str, int]:
    """Map each node to the index of its community."""
    return {node: index for index, members in enumerate(communities) for node in members}
