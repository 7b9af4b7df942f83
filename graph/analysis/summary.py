"""One call that runs every analysis of the concept graph, for the command line, the view and notebooks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph

from graph.analysis.bridges import bridges
from graph.analysis.centrality import ConceptMeasures, concept_measures, estimated_measures
from graph.analysis.communities import community_of, louvain_communities
from graph.analysis.concept_graph import concept_graph, undirected
from graph.memory import paused_gc

__all__ = ["ConceptAnalysis", "analyse"]


@dataclass(frozen=True)
class ConceptAnalysis:
    """The concept graph with its measures and communities; bridges are found when first asked for."""

    G: nx.MultiDiGraph
    measures: dict[str, ConceptMeasures]
    communities: list[list[str]]
    community: dict[str, int]
    modularity: float

    def label(self, node: str) -> str:
        return self.G.nodes[node]["label"]

    @cached_property
    def bridges(self) -> list[tuple[str, str]]:
        """Relations whose removal would split the concept graph (see :func:`bridges`)."""
        return bridges(self.G)

    @property
    def estimated(self) -> dict[str, str]:
        """The measures estimated rather than exact at this graph's size, each with how (see
        :func:`estimated_measures`): what a table's footnote says."""
        return estimated_measures(self.G.number_of_nodes())

    def hubs(self, index: int, n: int = 3) -> list[str]:
        """The ``n`` best-connected concepts of a community, ties broken by label."""
        return sorted(self.communities[index], key=lambda node: (-self.measures[node].degree, self.label(node)))[:n]

    def community_name(self, index: int) -> str:
        """A community named by its number and its three best-connected concepts: ``4: trust, ...``."""
        return f"{index}: " + ", ".join(self.label(node) for node in self.hubs(index))

    def rows(self) -> list[dict[str, object]]:
        """One row per concept with every figure, sorted by IRI: what ``analyse --format`` prints."""
        return [{"concept": node, "label": self.label(node), "class": self.G.nodes[node]["cls"],
                 **self.measures[node].as_dict(), "community": self.community[node]}
                for node in sorted(self.G)]

    def ranked(self, measure: str) -> list[str]:
        """Concepts by a measure, highest first, ties broken by label."""
        return sorted(self.G, key=lambda n: (-getattr(self.measures[n], measure), self.label(n)))


def analyse(kg: Graph | Iterable[ox.Triple]) -> ConceptAnalysis:
    """Derive the concept graph from ``kg`` (an rdflib graph, or Oxigraph triples) and compute everything
    about it."""
    with paused_gc():  # the concept graph's dictionaries: see graph.memory
        G = concept_graph(kg)
        H = undirected(G)
        communities = louvain_communities(H)
        return ConceptAnalysis(G=G, measures=concept_measures(G, H), communities=communities,
                               community=community_of(communities),
                               modularity=nx.community.modularity(H, communities, weight="weight"))
