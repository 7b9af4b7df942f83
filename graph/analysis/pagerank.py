"""PageRank of the directed concept graph by numpy alone, equal to networkx's to the last bit.

networkx's ``pagerank`` builds a scipy sparse matrix, and importing scipy costs about 0.2 s, more than
the whole analysis of the shipped graph. :func:`pagerank` runs the same power iteration (the same
matrix, dangling-node rule, stopping rule and order of every floating-point sum) with ``np.bincount``
as the sparse product, so it gives the same numbers without scipy.
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np

__all__ = ["pagerank"]


def _transitions(G: nx.MultiDiGraph, position: dict[Hashable, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The row-stochastic transition matrix as arcs sorted by (source, target), with each arc's probability;
    parallel relations add up, as in networkx's matrix of a weighted ``DiGraph`` of them."""
    count = len(position)
    keys = np.fromiter((position[subject] * count + position[obj] for subject, obj in G.edges()), dtype=np.int64)
    arcs, multiplicity = np.unique(keys, return_counts=True)
    sources, targets = np.divmod(arcs, count)
    out_weight = np.bincount(sources, weights=multiplicity, minlength=count)
    # networkx scales each row by the reciprocal of its sum (Q @ A): multiply, not divide, for the same bits
    inverse = np.zeros(count)
    inverse[out_weight != 0] = 1.0 / out_weight[out_weight != 0]
    return sources, targets, multiplicity * inverse[sources]


def _sequential_sum(values: np.ndarray) -> float:
    """``sum(values)`` as Python's ``sum`` adds it (left to right, as networkx does), in numpy: ``np.sum``
    adds pairwise, so its last bit can differ.

    >>> values = np.array([0.1, 0.2, 0.3, 1e-17])
    >>> _sequential_sum(values) == float(sum(values))
    True
    """
    return float(np.add.accumulate(values)[-1]) if len(values) else 0.0


def pagerank(G: nx.MultiDiGraph, alpha: float = 0.85, max_iter: int = 100, tol: float = 1.0e-6) -> dict[str, float]:
    """PageRank of ``G``, each relation one unit of weight, as ``nx.pagerank(D, alpha, weight="weight")`` gives
    it for the ``DiGraph`` ``D`` whose edge weights count ``G``'s relations between two concepts.

    The product ``x @ A`` is ``np.bincount`` over the arcs sorted by source, which adds each target's
    terms in the order scipy's compressed-column product does, so the result is bit-identical.

    >>> G = nx.MultiDiGraph([("a", "hub"), ("b", "hub"), ("c", "hub"), ("hub", "a")])
    >>> D = nx.DiGraph(); D.add_edges_from(G.edges(), weight=1)
    >>> pagerank(G) == nx.pagerank(D, weight="weight")
    True
    """
    nodes = list(G)
    count = len(nodes)
    if count == 0:
        return {}
    sources, targets, probability = _transitions(G, {node: index for index, node in enumerate(nodes)})
    x = np.repeat(1.0 / count, count)
    p = np.repeat(1.0 / count, count)
    dangling = np.flatnonzero(np.bincount(sources, minlength=count) == 0)
    for _ in range(max_iter):
        xlast = x
        flow = np.bincount(targets, weights=x[sources] * probability, minlength=count)
        x = alpha * (flow + _sequential_sum(x[dangling]) * p) + (1 - alpha) * p
        if np.absolute(x - xlast).sum() < count * tol:
            return dict(zip(nodes, map(float, x), strict=True))
    raise nx.PowerIterationFailedConvergence(max_iter)
