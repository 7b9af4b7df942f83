"""The undirected concept graph as a sparse adjacency matrix in numpy, built once and shared by the measures.

networkx's ``to_scipy_sparse_array`` walks every edge's data in Python and needs scipy, whose import
alone costs about 0.2 s: more than the measures of the shipped graph. :class:`Adjacency` holds the same
matrix (1 for each pair of linked concepts, 1 on the diagonal for a relation of a concept to itself) in
compressed rows made by numpy, multiplies it by a block of vectors with numpy alone, and hands scipy a
``csr_array`` only to the measures that need its solvers, on graphs above the exact limit.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

if TYPE_CHECKING:
    from scipy.sparse import csr_array

__all__ = ["Adjacency"]


@dataclass(frozen=True)
class Adjacency:
    """An undirected graph's adjacency in compressed sparse rows, its nodes numbered in graph order.

    >>> A = Adjacency.of(nx.path_graph(["a", "b", "c"]))
    >>> A.matmul(np.eye(3)).tolist()
    [[0.0, 1.0, 0.0], [1.0, 0.0, 1.0], [0.0, 1.0, 0.0]]
    """

    nodes: list[Hashable]
    indptr: np.ndarray
    """Row ``i``'s neighbours are ``indices[indptr[i]:indptr[i + 1]]``."""
    indices: np.ndarray

    @classmethod
    def of(cls, H: nx.Graph) -> Adjacency:
        """The adjacency of ``H`` (weights ignored), rows in the order of ``list(H)``, columns sorted."""
        nodes = list(H)
        position = {node: index for index, node in enumerate(nodes)}
        ends = np.fromiter((position[node] for edge in H.edges() for node in edge), dtype=np.int64).reshape(-1, 2)
        loops = ends[:, 0] == ends[:, 1]
        rows = np.concatenate([ends[:, 0], ends[~loops, 1]])  # a self-loop is one entry, as in networkx
        columns = np.concatenate([ends[:, 1], ends[~loops, 0]])
        order = np.lexsort((columns, rows))
        indptr = np.zeros(len(nodes) + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=len(nodes)), out=indptr[1:])
        return cls(nodes=nodes, indptr=indptr, indices=columns[order])

    @property
    def size(self) -> int:
        """The number of nodes."""
        return len(self.nodes)

    @property
    def shape(self) -> tuple[int, int]:
        """The matrix's shape, as scipy's matrices give it."""
        return self.size, self.size

    def __matmul__(self, block: np.ndarray) -> np.ndarray:
        return self.matmul(block)

    def matmul(self, block: np.ndarray) -> np.ndarray:
        """``A @ block`` for a vector or a block of column vectors, summed row by row with ``np.add.reduceat``
        (scipy's product is some five times faster on large graphs, but costs importing scipy)."""
        gathered = block[self.indices]
        result = np.zeros((self.size, *block.shape[1:]), dtype=np.result_type(block, np.float64))
        filled = np.flatnonzero(np.diff(self.indptr))  # reduceat would copy a value into an empty row
        if len(filled):
            result[filled] = np.add.reduceat(gathered, self.indptr[filled], axis=0)
        return result

    def without_loops(self) -> Adjacency:
        """The same graph with no self-loops (betweenness counts paths between distinct concepts)."""
        rows = np.repeat(np.arange(self.size), np.diff(self.indptr))
        keep = rows != self.indices
        indptr = np.zeros_like(self.indptr)
        np.cumsum(np.bincount(rows[keep], minlength=self.size), out=indptr[1:])
        return Adjacency(nodes=self.nodes, indptr=indptr, indices=self.indices[keep])

    def component(self, members: np.ndarray) -> Adjacency:
        """The adjacency among ``members`` (positions of a whole connected component, in any order), numbered
        in that order: searches inside one component cost its size, not the graph's."""
        renumber = np.full(self.size, -1)
        renumber[members] = np.arange(len(members))
        starts, counts = self.indptr[members], np.diff(self.indptr)[members]
        ends = np.cumsum(counts)
        arcs = np.arange(ends[-1] if len(ends) else 0) - np.repeat(ends - counts - starts, counts)
        indptr = np.zeros(len(members) + 1, dtype=np.int64)
        indptr[1:] = ends
        return Adjacency(nodes=[self.nodes[i] for i in members], indptr=indptr, indices=renumber[self.indices[arcs]])

    def scipy(self) -> csr_array:
        """The matrix as scipy's ``csr_array`` of floats (imports scipy: for its solvers on large graphs)."""
        from scipy.sparse import csr_array

        return csr_array((np.ones(len(self.indices)), self.indices, self.indptr), shape=(self.size, self.size))
