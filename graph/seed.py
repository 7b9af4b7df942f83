"""The one seed of everything leadgraph draws at random, so that every run gives the same result.

Louvain communities, sampled betweenness on large graphs, the ForceAtlas2 layout of the view and the
synthetic graphs of the benchmarks all take it.
"""

__all__ = ["SEED"]

SEED = 7
