"""The shortest chains of relations between two concepts, each step with its relation and quotes."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice, pairwise

import networkx as nx

from graph.analysis.concept_graph import undirected

__all__ = ["ConceptPath", "Step", "concept_paths"]


@dataclass(frozen=True)
class Step:
    """One relation on a chain, in the direction the text states it."""

    subject: str
    type: str
    object: str
    evidence: list[dict]


@dataclass(frozen=True)
class ConceptPath:
    """A chain of concepts from source to target, and for each hop every relation that links them."""

    concepts: list[str]
    hops: list[list[Step]]


def _steps_between(G: nx.MultiDiGraph, first: str, second: str) -> list[Step]:
    """Every relation linking two adjacent concepts, whichever way it reads."""
    steps = []
    for subject, obj in ((first, second), (second, first)):
        for label, data in sorted((G.get_edge_data(subject, obj) or {}).items()):
            steps.append(Step(subject=subject, type=label, object=obj, evidence=data["evidence"]))
    return steps


def concept_paths(G: nx.MultiDiGraph, source: str, target: str, limit: int = 5) -> list[ConceptPath]:
    """Up to ``limit`` shortest chains from ``source`` to ``target``, in sorted order.

    Relations are followed whichever way they read ("A fosters B" links B to A too), since a reader
    asks how two ideas connect, not only what causes what. Returns an empty list when no chain exists.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("power", "leader", key="practised by", evidence=[{"quote": "leaders use power"}])
    >>> _ = G.add_edge("leader", "service", key="fosters", evidence=[{"quote": "leaders foster service"}])
    >>> [path.concepts for path in concept_paths(G, "power", "service")]
    [['power', 'leader', 'service']]
    >>> concept_paths(G, "power", "service")[0].hops[1][0].evidence[0]["quote"]
    'leaders foster service'
    """
    H = undirected(G)
    try:
        chains = sorted(islice(nx.all_shortest_paths(H, source, target), 1000))
    except nx.NetworkXNoPath:
        return []
    return [ConceptPath(concepts=chain,
                        hops=[_steps_between(G, a, b) for a, b in pairwise(chain)])
            for chain in chains[:limit]]
