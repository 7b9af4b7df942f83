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

__all__ = ["ARRAY_LIMIT", "forceatlas2"]

ARRAY_LIMIT = 150
"""Up to this many concepts the layout runs on numpy arrays: faster than loading numba's compiled code
(about a second per process) until the n-by-n arrays grow large."""


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

        adjacency = nx.to_scipy_sparse_array(H, nodelist=nodes, weight=weight, format="csr")
        run(position, adjacency.indptr.astype(np.int64), adjacency.indices.astype(np.int64),
            adjacency.data.astype(np.float64), mass, iterations, float(scaling_ratio), float(gravity))
    return dict(zip(nodes, position, strict=True))
