"""ForceAtlas2: networkx's model and parameters, at a fraction of its cost.

networkx's ``forceatlas2_layout`` forms n-by-n-by-2 arrays with ``einsum`` on every iteration: 0.3 s for our
133 concepts and 42 s for 1,000. This module runs the same model (linear attraction along relations,
weighted; repulsion ``scaling_ratio·(deg u + 1)(deg v + 1)/d``; gravity towards the centre; networkx's
adaptive speed with its swing and traction) two ways: up to :data:`ARRAY_LIMIT` concepts as numpy
operations on n-by-n arrays (:mod:`graph.view.forceatlas_arrays`: 0.06 s for 133 concepts, and no
compiler to load), above it as loops compiled by numba (:mod:`graph.view.forceatlas_compiled`).
Floating-point sums run in another order than networkx's, and the start is drawn in sorted order, so
positions are the same kind of layout, not the same digits. Runs are deterministic: the same graph and seed
give the same positions, bit for bit, on one machine.
"""

from __future__ import annotations

import networkx as nx
import numpy as np

from graph.view.forceatlas_arrays import run as run_arrays

__all__ = ["ARRAY_LIMIT", "forceatlas2", "load_compiled"]

ARRAY_LIMIT = 150
"""Up to this many concepts the layout runs on numpy arrays: faster than loading numba's compiled code
(about a second per process) until the n-by-n arrays grow large."""


def _weighted_rows(H: nx.Graph, nodes: list[str], weight: str | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``H``'s weighted adjacency in compressed sparse rows (``indptr``, ``indices``, ``weights``), rows and
    columns in the order of ``nodes``: what ``nx.to_scipy_sparse_array`` gives, made by numpy alone (scipy's
    import costs more than a layout of a few thousand concepts).

    >>> H = nx.Graph([("a", "b", {"weight": 3}), ("b", "c")])
    >>> indptr, indices, weights = _weighted_rows(H, ["a", "b", "c"], "weight")
    >>> indptr.tolist(), indices.tolist(), weights.tolist()
    ([0, 1, 3, 4], [1, 0, 2, 1], [3.0, 3.0, 1.0, 1.0])
    """
    number = {node: index for index, node in enumerate(nodes)}
    edges = [(number[u], number[v], 1.0 if weight is None else float(data.get(weight, 1)))
             for u, v, data in H.edges(data=True)]
    ends = np.array([(u, v) for u, v, _ in edges], dtype=np.int64).reshape(-1, 2)
    values = np.array([w for _, _, w in edges], dtype=np.float64)
    loops = ends[:, 0] == ends[:, 1]  # a self-loop is one entry, as in networkx
    rows = np.concatenate([ends[:, 0], ends[~loops, 1]])
    columns = np.concatenate([ends[:, 1], ends[~loops, 0]])
    both = np.concatenate([values, values[~loops]])
    order = np.lexsort((columns, rows))
    indptr = np.zeros(len(nodes) + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=len(nodes)), out=indptr[1:])
    return indptr, columns[order], both[order]


def forceatlas2(H: nx.Graph, seed: int, iterations: int = 300, scaling_ratio: float = 2.0,
                gravity: float = 1.0, weight: str | None = "weight", compiled: bool | None = None,
                ) -> dict[str, np.ndarray]:
    """ForceAtlas2 positions of an undirected graph, as ``nx.forceatlas2_layout`` computes them.

    Starts from seeded random positions in the unit square, given to the concepts in sorted order, so
    the result depends on the graph and the seed alone; a concept's mass is its degree plus one; a
    relation pulls in proportion to its ``weight`` attribute (1 when ``weight`` is None or absent).
    Up to :data:`ARRAY_LIMIT` concepts it runs on numpy arrays, above on numba's compiled loops;
    ``compiled`` chooses instead (many small layouts in one process pay numba's start-up once and then run
    faster compiled).

    >>> H = nx.path_graph(["a", "b", "c"])
    >>> positions = forceatlas2(H, seed=1)
    >>> bool(abs(positions["a"] - positions["b"]).sum() < abs(positions["a"] - positions["c"]).sum())
    True
    """
    nodes = sorted(H)  # not H's order: a subgraph view lists its nodes in hash order
    if not nodes:
        return {}
    position = np.random.RandomState(seed).rand(len(nodes), 2)
    mass = np.array([H.degree(node) + 1 for node in nodes], dtype=np.float64)
    if not (len(nodes) > ARRAY_LIMIT if compiled is None else compiled):
        weights = nx.to_numpy_array(H, nodelist=nodes, weight=weight, dtype=np.float64)
        run_arrays(position, weights, mass, iterations, float(scaling_ratio), float(gravity))
    else:
        from graph.view.forceatlas_compiled import run  # numba loads only when a layout needs it

        indptr, indices, weights = _weighted_rows(H, nodes, weight)
        run(position, indptr, indices, weights, mass, iterations, float(scaling_ratio), float(gravity))
    return dict(zip(nodes, position, strict=True))


def load_compiled() -> None:
    """Import numba and load the compiled layout from its cache (about 0.65 s the first time in a process),
    by laying out two concepts: for a process that will draw a large graph, ahead of time."""
    forceatlas2(nx.Graph([("a", "b")]), seed=0, iterations=1, compiled=True)
