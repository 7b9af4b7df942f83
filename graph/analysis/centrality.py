"""Per-concept network measures: degree, betweenness, closeness, PageRank, eigenvector, k-core.

Direction matters for degree (in and out) and PageRank, where an edge runs from the subject of a
relation to its object; betweenness, closeness, eigenvector centrality and the k-core are taken on the
undirected concept graph, where a relation links its two concepts whichever way it reads.
"""

from __future__ import annotations

import math
import random
from typing import TYPE_CHECKING, NamedTuple

import networkx as nx
import numpy as np

from graph.analysis.adjacency import Adjacency
from graph.analysis.concept_graph import undirected
from graph.analysis.measures import MEASURES, ConceptMeasures
from graph.analysis.pagerank import pagerank
from graph.seed import SEED

if TYPE_CHECKING:
    from scipy.sparse import sparray

__all__ = ["EXACT_LIMIT", "MEASURES", "PIVOTS", "ConceptMeasures", "component_eigenvector", "concept_measures",
           "estimated_measures", "exact_betweenness", "exact_paths", "pivot_betweenness", "pivot_closeness"]

EXACT_LIMIT = 2000
"""Up to this many concepts every measure is exact. Above it betweenness and closeness are estimated from
:data:`PIVOTS` seeded concepts (exact betweenness and closeness cost O(n·m): 90 s and 16 s on a connected
graph of 5,000 concepts) and eigenvector centrality is solved by scipy's sparse eigensolver."""
PIVOTS = 256
"""Seeded source concepts of the estimates: their cost is PIVOTS breadth-first searches, linear in size."""
BATCH = 64
"""Fewest sources searched at once in :func:`_dependencies`: memory is n·BATCH numbers per array."""
BLOCK = 1 << 17
"""In a smaller graph more sources are searched at once, up to BLOCK numbers per array (1 MB): a component
of 133 concepts is searched from all its concepts in one sweep rather than three."""
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


def pivot_closeness(H: nx.Graph, pivots: int = PIVOTS, seed: int = SEED,
                    adjacency: Adjacency | None = None) -> dict[str, float]:
    """Closeness centrality (networkx's Wasserman-Faust form) estimated from breadth-first searches out of
    at most ``pivots`` seeded concepts per connected component.

    In a component of r concepts with p pivots, a concept's total distance to the component is estimated
    as r/p times its total distance to the pivots (Eppstein and Wang's estimator); with every concept a
    pivot (r ≤ ``pivots``) it is exact and equals ``nx.closeness_centrality``. Cost: p searches per
    component, O(pivots·m) in all: in numpy inside a component small enough to be exact, by scipy's
    shortest paths in a larger one. ``adjacency`` is ``H``'s (see :class:`Adjacency`), when already made.

    >>> H = nx.path_graph(["a", "b", "c", "d", "e"])
    >>> pivot_closeness(H) == nx.closeness_centrality(H)
    True
    """
    if pivots < 1:
        raise ValueError(f"closeness needs at least one pivot, not {pivots}")
    count = H.number_of_nodes()
    index = {node: position for position, node in enumerate(H)}
    adjacency = adjacency or Adjacency.of(H)
    rng = random.Random(seed)
    closeness = dict.fromkeys(H, 0.0)
    for members in sorted(sorted(component) for component in nx.connected_components(H)):
        size = len(members)
        if size < 2:
            continue
        rows = np.array([index[node] for node in members])
        if size <= pivots:
            chosen: range | list[int] = range(size)
            # every member a source: its own total distance is its search's
            totals = _dependencies(adjacency.component(rows), list(chosen), accumulate=False).distances
        else:
            chosen = sorted(rng.sample(range(size), pivots))
            totals = _pivot_distances(adjacency, rows, chosen)
        for node, total in zip(members, totals.tolist(), strict=True):
            # the same operations, in the same order, as networkx's closeness_centrality
            closeness[node] = (size - 1) / (total * size / len(chosen)) * ((size - 1) / (count - 1))
    return closeness


def _pivot_distances(adjacency: Adjacency, rows: np.ndarray, pivots: list[int]) -> np.ndarray:
    """Per member of the component ``rows``, its total distance to the ``pivots`` (positions in ``rows``), by
    scipy's breadth-first searches in C; each total is a sum of whole numbers, so exact in floating point."""
    from scipy.sparse.csgraph import shortest_path

    matrix = adjacency.component(rows).scipy()
    return shortest_path(matrix, unweighted=True, directed=False, indices=pivots).sum(axis=0)


class _Searches(NamedTuple):
    """What the breadth-first searches from a list of sources found."""

    dependencies: np.ndarray
    """Per concept: its Brandes dependencies on the shortest paths from the sources, summed."""
    distances: np.ndarray
    """Per source: the sum of its distances to the concepts it reaches (a whole number)."""
    reached: np.ndarray
    """Per source: how many concepts it reaches, itself included."""


def _dependencies(adjacency: Adjacency | sparray, sources: list[int], accumulate: bool = True) -> _Searches:
    """Brandes's dependencies of every concept on the shortest paths from ``sources``, and each source's
    distances (see :class:`_Searches`); without ``accumulate``, only the distances (the dependencies are 0).

    Breadth-first search and the backward accumulation run level by level for a batch of sources at
    once, as sparse products (Kepner and Gilbert's algebraic Brandes), so the cost is O(levels·m) per batch
    in numpy or scipy (whichever ``adjacency`` is) rather than O(n + m) per source in Python.
    """
    count = adjacency.shape[0]
    total = np.zeros(count)
    distances, reached_counts = np.zeros(len(sources), dtype=np.int64), np.zeros(len(sources), dtype=np.int64)
    step = max(BATCH, BLOCK // max(count, 1))
    for start in range(0, len(sources), step):
        batch = np.asarray(sources[start:start + step])
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
        for current in range(level - 1 if accumulate else 0, 0, -1):
            share = np.where(depth == current, (1 + delta) / np.where(sigma > 0, sigma, 1), 0.0)
            delta += np.where(depth == current - 1, sigma * (adjacency @ share), 0.0)
        delta[batch, columns] = 0.0  # a source is an endpoint of its own paths, never between
        total += delta.sum(axis=1)
        distances[start:start + step] = np.where(depth > 0, depth, 0).sum(axis=0)
        reached_counts[start:start + step] = (depth >= 0).sum(axis=0)
    return _Searches(total, distances, reached_counts)


def _scaled_betweenness(nodes: list[str], raw: np.ndarray, sources: list[str]) -> dict[str, float]:
    """Dependencies summed over ``sources`` scaled as networkx's normalised betweenness from them (its
    ``_rescale``): by 1/((k-1)(n-2)) for a source, 1/(k(n-2)) for the others; unscaled when n ≤ 2."""
    paths = len(nodes) - 2  # N - 1 in networkx's _rescale, endpoints excluded
    if paths < 1:
        return dict(zip(nodes, raw.tolist(), strict=True))
    pivots = len(sources)
    as_source = 1 / ((pivots - 1) * paths) if pivots > 1 else math.nan
    as_other = 1 / (pivots * paths)
    chosen = set(sources)
    return {node: value * (as_source if node in chosen else as_other)
            for node, value in zip(nodes, raw.tolist(), strict=True)}


def pivot_betweenness(H: nx.Graph, pivots: int = PIVOTS, seed: int = SEED,
                      adjacency: Adjacency | None = None) -> dict[str, float]:
    """Normalised betweenness estimated from ``pivots`` seeded source concepts, as networkx's
    ``betweenness_centrality(H, k=pivots, seed=seed)`` estimates it (the same sources and scaling), with the
    searches done by :func:`_dependencies` inside each source's component: in numpy up to
    :data:`EXACT_LIMIT` concepts, on scipy's sparse matrix in a larger one. ``adjacency`` is ``H``'s, when
    already made.

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
    adjacency = (adjacency or Adjacency.of(H)).without_loops()
    labels = _component_labels(H)
    drawn = np.array([index[node] for node in sources])
    raw = np.zeros(len(nodes))
    for label in sorted(set(labels[drawn].tolist())):
        members = np.flatnonzero(labels == label)
        local = np.searchsorted(members, drawn[labels[drawn] == label])  # the draw's order, numbered in members
        component = adjacency.component(members)
        searched = component.scipy() if len(members) > EXACT_LIMIT else component
        raw[members] += _dependencies(searched, local.tolist()).dependencies
    return _scaled_betweenness(nodes, raw, sources)


def exact_paths(H: nx.Graph, adjacency: Adjacency | None = None) -> tuple[dict[str, float], dict[str, float]]:
    """Normalised betweenness and closeness from every concept, both from one set of searches by
    :func:`_dependencies` in numpy instead of one concept at a time in Python.

    Betweenness is ``nx.betweenness_centrality(H)``'s (equal to about 1e-15, its sums taken in another
    order); closeness is ``nx.closeness_centrality(H)``'s (Wasserman and Faust's form) to the last bit, as
    it is made of whole-number sums by the same operations.

    >>> H = nx.path_graph(["a", "b", "c", "d", "e"])
    >>> betweenness, closeness = exact_paths(H)
    >>> all(abs(betweenness[n] - b) < 1e-15 for n, b in nx.betweenness_centrality(H).items())
    True
    >>> closeness == nx.closeness_centrality(H)
    True
    """
    nodes = list(H)
    searches = _dependencies((adjacency or Adjacency.of(H)).without_loops(), list(range(len(nodes))))
    closeness = {}
    for node, total, reached in zip(nodes, searches.distances.tolist(), searches.reached.tolist(), strict=True):
        # the same operations, in the same order, as networkx's closeness_centrality
        closeness[node] = (reached - 1.0) / total * ((reached - 1.0) / (len(nodes) - 1)) if total > 0 else 0.0
    return _scaled_betweenness(nodes, searches.dependencies, nodes), closeness


def exact_betweenness(H: nx.Graph, adjacency: Adjacency | None = None) -> dict[str, float]:
    """Normalised betweenness from every concept: the first half of :func:`exact_paths`.

    >>> H = nx.path_graph(["a", "b", "c", "d", "e"])
    >>> exact, networkx = exact_betweenness(H), nx.betweenness_centrality(H)
    >>> all(abs(exact[n] - networkx[n]) < 1e-15 for n in H)
    True
    """
    return exact_paths(H, adjacency)[0]


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


def _component_labels(H: nx.Graph) -> np.ndarray:
    """Each node's connected component, numbered in the order of ``nx.connected_components``."""
    position = {node: index for index, node in enumerate(H)}
    labels = np.empty(H.number_of_nodes(), dtype=np.int64)
    for label, component in enumerate(nx.connected_components(H)):
        labels[[position[node] for node in component]] = label
    return labels


def _solved_components(adjacency: Adjacency, labels: np.ndarray, chosen: np.ndarray) -> np.ndarray:
    """Unit-length leading eigenvectors of the ``chosen`` components by scipy's eigensolver (zero elsewhere)."""
    matrix = adjacency.scipy()
    scores = np.zeros(adjacency.size)
    for label in np.flatnonzero(chosen):
        members = np.flatnonzero(labels == label)
        scores[members] = _leading_eigenvector(matrix[members][:, members])
    return scores


def _power_iteration(adjacency: Adjacency, labels: np.ndarray, chosen: np.ndarray, max_iter: int = 10_000,
                     tol: float = 1e-12) -> np.ndarray:
    """Unit-length leading eigenvectors of the ``chosen`` components by networkx's power iteration on A + I,
    every component at once in numpy (zero elsewhere).

    Each component starts at 1/size, is normalised to unit length after every sweep and stops, as
    ``nx.eigenvector_centrality`` does on it alone, when its values moved less than size·tol in all.
    """
    sizes = np.bincount(labels)
    active = chosen.copy()
    x = np.where(active[labels], 1.0 / sizes[labels], 0.0)
    for _ in range(max_iter):
        if not active.any():
            return x
        step = x + adjacency.matmul(x)
        norms = np.sqrt(np.bincount(labels, weights=step * step, minlength=len(sizes)))
        step /= np.where(norms > 0, norms, 1.0)[labels]
        moving = active[labels]
        moved = np.bincount(labels, weights=np.where(moving, np.absolute(step - x), 0.0), minlength=len(sizes))
        x = np.where(moving, step, x)
        active &= moved >= sizes * tol
    raise nx.PowerIterationFailedConvergence(max_iter)


def component_eigenvector(H: nx.Graph, sparse: bool = False, adjacency: Adjacency | None = None,
                          ) -> dict[str, float]:
    """Eigenvector centrality that handles a disconnected graph.

    networkx's eigenvector centrality is defined for a connected graph. Here each connected component
    is scored on its own (a lone concept scores 0), and scores are scaled by the component's share of
    the graph's nodes, so the concepts of a small island do not outrank the hubs of the main graph.
    Each component is solved by networkx's power iteration, run in numpy for all of them at once
    (:func:`_power_iteration`); with ``sparse``, components above :data:`EXACT_LIMIT` concepts are solved
    by scipy's eigensolver instead (see :func:`_leading_eigenvector`), in linear time where the power
    iteration takes hundreds of sweeps on a large component. ``adjacency`` is ``H``'s, when already made.

    >>> H = nx.Graph([("a", "b"), ("b", "c"), ("x", "y")])
    >>> scores = component_eigenvector(H)
    >>> scores["b"] > scores["a"] == scores["c"] > scores["x"] == scores["y"] > 0
    True
    """
    adjacency = adjacency or Adjacency.of(H)
    labels = _component_labels(H)
    sizes = np.bincount(labels)
    large = (sizes > EXACT_LIMIT) if sparse else np.zeros(len(sizes), dtype=bool)
    scores = _power_iteration(adjacency, labels, (sizes > 1) & ~large)
    if large.any():
        scores += _solved_components(adjacency, labels, large)
    return dict(zip(adjacency.nodes, (scores * sizes[labels] / adjacency.size).tolist(), strict=True))


def concept_measures(G: nx.MultiDiGraph, H: nx.Graph | None = None) -> dict[str, ConceptMeasures]:
    """All measures for every concept of a concept graph (see :func:`concept_graph`); ``H`` is its
    undirected graph (:func:`undirected`), when already made.

    >>> G = nx.MultiDiGraph()
    >>> for leaf in ("a", "b", "c"):
    ...     _ = G.add_edge(leaf, "hub", key="part of")
    >>> measures = concept_measures(G)
    >>> measures["hub"].in_degree, measures["hub"].betweenness, measures["a"].betweenness
    (3, 1.0, 0.0)
    >>> measures["hub"].articulation_point, measures["hub"].pagerank > measures["a"].pagerank
    (True, True)
    """
    H = undirected(G) if H is None else H
    degree, in_degree, out_degree = dict(G.degree()), dict(G.in_degree()), dict(G.out_degree())
    adjacency = Adjacency.of(H)  # one matrix for betweenness, closeness and eigenvector
    large = H.number_of_nodes() > EXACT_LIMIT
    if large:
        betweenness, closeness = pivot_betweenness(H, adjacency=adjacency), pivot_closeness(H, adjacency=adjacency)
    else:
        betweenness, closeness = exact_paths(H, adjacency)
    ranks = pagerank(G)
    eigenvector = component_eigenvector(H, sparse=large, adjacency=adjacency)
    cores = nx.core_number(H)
    articulation = set(nx.articulation_points(H))
    return {
        node: ConceptMeasures(
            degree=degree[node], in_degree=in_degree[node], out_degree=out_degree[node],
            betweenness=betweenness[node], closeness=closeness[node], pagerank=ranks[node],
            eigenvector=eigenvector[node], core_number=cores[node],
            articulation_point=node in articulation)
        for node in G
    }
