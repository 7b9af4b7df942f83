"""Per-concept network measures: degree, betweenness, closeness, PageRank, eigenvector, k-core.

Direction matters for degree (in and out) and PageRank, where an edge runs from the subject of a
relation to its object; betweenness, closeness, eigenvector centrality and the k-core are taken on the
undirected concept graph, where a relation links its two concepts whichever way it reads.
"""

from __future__ import annotations

import math
import random
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

from graph.analysis.concept_graph import undirected
from graph.analysis.measures import MEASURES, ConceptMeasures
from graph.seed import SEED

if TYPE_CHECKING:
    from scipy.sparse import sparray

__all__ = ["EXACT_LIMIT", "MEASURES", "PIVOTS", "ConceptMeasures", "component_eigenvector", "concept_measures",
           "estimated_measures", "pivot_betweenness", "pivot_closeness"]

EXACT_LIMIT = 2000
"""Up to this many concepts every measure is exact. Above it betweenness and closeness are estimated from
:data:`PIVOTS` seeded concepts (exact betweenness and closeness cost O(n·m): 90 s and 16 s on a connected
graph of 5,000 concepts) and eigenvector centrality is solved by scipy's sparse eigensolver."""
PIVOTS = 256
"""Seeded source concepts of the estimates: their cost is PIVOTS breadth-first searches, linear in size."""
BATCH = 64
"""Sources searched at once in :func:`_dependencies`: memory is n·BATCH numbers per array."""
DENSE_EIGEN_LIMIT = 64
"""Components up to this size are solved by a dense eigensolver, faster there than ARPACK's set-up."""


def estimated_measures(count: int) -> dict[str, str]:
    """The measures estimated on a graph of ``count`` concepts, each with how: empty up to :data:`EXACT_LIMIT`.

    >>> estimated_measures(133)
    {}
    >>> sorted(estimated_measures(5000))
    ['betweenness', 'closeness']
    """
    if count <= EXACT_LIMIT:
        return {}
    return {"betweenness": f"from {PIVOTS} seeded source concepts",
            "closeness": f"from {PIVOTS} seeded pivots per connected component (exact in smaller components)"}


def pivot_closeness(H: nx.Graph, pivots: int = PIVOTS, seed: int = SEED) -> dict[str, float]:
    """Closeness centrality (networkx's Wasserman-Faust form) estimated from breadth-first searches out of
    at most ``pivots`` seeded concepts per connected component.

    In a component of r concepts with p pivots, a concept's total distance to the component is estimated
    as r/p times its total distance to the pivots (Eppstein and Wang's estimator); with every concept a
    pivot (r ≤ ``pivots``) it is exact and equals ``nx.closeness_centrality``. Cost: p searches per
    component, O(pivots·m) in all.

    >>> H = nx.path_graph(["a", "b", "c", "d", "e"])
    >>> pivot_closeness(H) == nx.closeness_centrality(H)
    True
    """
    if pivots < 1:
        raise ValueError(f"closeness needs at least one pivot, not {pivots}")
    from scipy.sparse.csgraph import shortest_path

    count = H.number_of_nodes()
    index = {node: position for position, node in enumerate(H)}
    adjacency = nx.to_scipy_sparse_array(H, nodelist=list(H), weight=None, format="csr")
    rng = random.Random(seed)
    closeness = dict.fromkeys(H, 0.0)
    for members in sorted(sorted(component) for component in nx.connected_components(H)):
        size = len(members)
        if size < 2:
            continue
        chosen = range(size) if size <= pivots else sorted(rng.sample(range(size), pivots))
        rows = [index[node] for node in members]
        # breadth-first searches in C; each total is a sum of whole numbers, so exact in floating point
        totals = shortest_path(adjacency[rows][:, rows], unweighted=True, directed=False, indices=chosen).sum(axis=0)
        for node, total in zip(members, totals.tolist(), strict=True):
            # the same operations, in the same order, as networkx's closeness_centrality
            closeness[node] = (size - 1) / (total * size / len(chosen)) * ((size - 1) / (count - 1))
    return closeness


def _dependencies(adjacency: sparray, sources: list[int]) -> np.ndarray:
    """Brandes's dependencies of every concept on the shortest paths from ``sources``, summed.

    Breadth-first search and the backward accumulation run level by level for a batch of sources at
    once, as sparse products in scipy (Kepner and Gilbert's algebraic Brandes), so the cost is
    O(levels·m) per batch in C rather than O(n + m) per source in Python.
    """
    count = adjacency.shape[0]
    total = np.zeros(count)
    for start in range(0, len(sources), BATCH):
        batch = np.asarray(sources[start:start + BATCH])
        columns = np.arange(len(batch))
        depth = np.full((count, len(batch)), -1)
        sigma = np.zeros((count, len(batch)))
        depth[batch, columns], sigma[batch, columns] = 0, 1.0
        frontier, level = sigma.copy(), 0
        while frontier.any():
            level += 1
            reached = adjacency @ frontier
            new = (reached > 0) & (depth < 0)
            frontier = np.where(new, reached, 0.0)
            depth[new] = level
            sigma += frontier
        delta = np.zeros_like(sigma)
        for current in range(level - 1, 0, -1):
            share = np.where(depth == current, (1 + delta) / np.where(sigma > 0, sigma, 1), 0.0)
            delta += np.where(depth == current - 1, sigma * (adjacency @ share), 0.0)
        delta[batch, columns] = 0.0  # a source is an endpoint of its own paths, never between
        total += delta.sum(axis=1)
    return total


def pivot_betweenness(H: nx.Graph, pivots: int = PIVOTS, seed: int = SEED) -> dict[str, float]:
    """Normalised betweenness estimated from ``pivots`` seeded source concepts, as networkx's
    ``betweenness_centrality(H, k=pivots, seed=seed)`` estimates it (the same sources and scaling), with the
    searches done by :func:`_dependencies`.

    >>> H = nx.path_graph(["a", "b", "c", "d", "e"])
    >>> estimate, exact = pivot_betweenness(H, pivots=3), nx.betweenness_centrality(H, k=3, seed=SEED)
    >>> all(abs(estimate[n] - exact[n]) < 1e-12 for n in H)
    True
    """
    if not 1 <= pivots <= H.number_of_nodes():
        raise ValueError(f"betweenness needs between 1 and {H.number_of_nodes()} pivots, not {pivots}")
    nodes = list(H)
    index = {node: position for position, node in enumerate(nodes)}
    sources = random.Random(seed).sample(nodes, pivots)  # networkx's draw, so the same sources
    adjacency = nx.to_scipy_sparse_array(H, nodelist=nodes, weight=None, dtype=float, format="csr")
    adjacency.setdiag(0)
    adjacency.eliminate_zeros()
    raw = _dependencies(adjacency, [index[node] for node in sources])
    paths = len(nodes) - 2  # N - 1 in networkx's _rescale, endpoints excluded
    if paths < 1:
        return dict(zip(nodes, raw.tolist(), strict=True))
    as_source = 1 / ((pivots - 1) * paths) if pivots > 1 else math.nan
    as_other = 1 / (pivots * paths)
    chosen = set(sources)
    return {node: value * (as_source if node in chosen else as_other)
            for node, value in zip(nodes, raw.tolist(), strict=True)}


def _leading_eigenvector(adjacency: sparray) -> np.ndarray:
    """The unit-length, positive leading eigenvector of a connected graph's adjacency matrix.

    The largest algebraic eigenvalue is the Perron root, so this is the vector networkx's power
    iteration converges to (equal to about 1e-12).
    """
    from scipy.sparse.linalg import eigsh

    if adjacency.shape[0] <= DENSE_EIGEN_LIMIT:
        vector = np.linalg.eigh(adjacency.toarray())[1][:, -1]
    else:
        vector = eigsh(adjacency, k=1, which="LA", v0=np.ones(adjacency.shape[0]), tol=1e-12)[1][:, 0]
    return np.abs(vector) / np.linalg.norm(vector)


def _sparse_component_eigenvector(H: nx.Graph) -> dict[str, float]:
    """:func:`component_eigenvector` by scipy: one sparse matrix, its components sliced out of it."""
    from scipy.sparse.csgraph import connected_components

    nodes = list(H)
    adjacency = nx.to_scipy_sparse_array(H, nodelist=nodes, weight=None, dtype=float, format="csr")
    _, labels = connected_components(adjacency, directed=False)
    order = np.argsort(labels, kind="stable")
    scores = np.zeros(len(nodes))
    for members in np.split(order, np.cumsum(np.bincount(labels))[:-1]):
        if len(members) > 1:
            scores[members] = _leading_eigenvector(adjacency[members][:, members]) * len(members) / len(nodes)
    return dict(zip(nodes, scores.tolist(), strict=True))


def component_eigenvector(H: nx.Graph, sparse: bool = False) -> dict[str, float]:
    """Eigenvector centrality that handles a disconnected graph.

    networkx's eigenvector centrality is defined for a connected graph. Here each connected component
    is scored on its own (a lone concept scores 0), and scores are scaled by the component's share of
    the graph's nodes, so the concepts of a small island do not outrank the hubs of the main graph.
    ``sparse`` solves each component with scipy (see :func:`_leading_eigenvector`), in linear time where
    networkx's power iteration in Python takes hundreds of sweeps on a large component.

    >>> H = nx.Graph([("a", "b"), ("b", "c"), ("x", "y")])
    >>> scores = component_eigenvector(H)
    >>> scores["b"] > scores["a"] == scores["c"] > scores["x"] == scores["y"] > 0
    True
    """
    if sparse:
        return _sparse_component_eigenvector(H)
    scores = dict.fromkeys(H, 0.0)
    total = H.number_of_nodes()
    for component in nx.connected_components(H):
        if len(component) < 2:
            continue
        sub = H.subgraph(component)
        share = len(component) / total
        # power iteration on A + I converges on every component, bipartite ones included
        for node, value in nx.eigenvector_centrality(sub, max_iter=10_000, tol=1e-12).items():
            scores[node] = abs(value) * share
    return scores


def concept_measures(G: nx.MultiDiGraph) -> dict[str, ConceptMeasures]:
    """All measures for every concept of a concept graph (see :func:`concept_graph`).

    >>> G = nx.MultiDiGraph()
    >>> for leaf in ("a", "b", "c"):
    ...     _ = G.add_edge(leaf, "hub", key="part of")
    >>> measures = concept_measures(G)
    >>> measures["hub"].in_degree, measures["hub"].betweenness, measures["a"].betweenness
    (3, 1.0, 0.0)
    >>> measures["hub"].articulation_point, measures["hub"].pagerank > measures["a"].pagerank
    (True, True)
    """
    H = undirected(G)
    D = nx.DiGraph()
    D.add_nodes_from(G)
    for subject, obj in G.edges():
        weight = D[subject][obj]["weight"] + 1 if D.has_edge(subject, obj) else 1
        D.add_edge(subject, obj, weight=weight)
    large = H.number_of_nodes() > EXACT_LIMIT
    betweenness = pivot_betweenness(H) if large else nx.betweenness_centrality(H, normalized=True)
    closeness = pivot_closeness(H) if large else nx.closeness_centrality(H)
    pagerank = nx.pagerank(D, alpha=0.85, weight="weight")
    eigenvector = component_eigenvector(H, sparse=large)
    cores = nx.core_number(H)
    articulation = set(nx.articulation_points(H))
    return {
        node: ConceptMeasures(
            degree=G.degree(node), in_degree=G.in_degree(node), out_degree=G.out_degree(node),
            betweenness=betweenness[node], closeness=closeness[node], pagerank=pagerank[node],
            eigenvector=eigenvector[node], core_number=cores[node],
            articulation_point=node in articulation)
        for node in G
    }
