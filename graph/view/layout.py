"""Precomputed node positions, so the view draws at once and looks the same at every build.

Up to :data:`FORCE_LIMIT` concepts the layout is ForceAtlas2 (seeded), with relations inside a
community weighted :data:`COMMUNITY_PULL` times, which pulls each community together and pushes
communities apart. Force layouts cost O(n²) per iteration in networkx (tens of
seconds at 5,000 concepts), so larger graphs get a grouped layout in linear time: each community is a
sunflower spiral with its best-connected concepts at the centre, and the communities themselves sit on
a sunflower spiral, largest first.
"""

from __future__ import annotations

import math

import networkx as nx

from graph.analysis.communities import louvain_communities
from graph.analysis.concept_graph import undirected
from graph.seed import SEED

__all__ = ["FORCE_LIMIT", "concept_positions", "grouped_positions"]

FORCE_LIMIT = 1000
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
COMMUNITY_PULL = 3
"""How much more a relation inside a community pulls than one between communities (force layout)."""
SPACING = 28.0
"""Pixels between neighbouring concepts of a spiral."""


def _sunflower(count: int, spacing: float) -> list[tuple[float, float]]:
    """``count`` points on a sunflower spiral, evenly spread, the first at the centre."""
    return [(spacing * math.sqrt(i) * math.cos(i * GOLDEN_ANGLE), spacing * math.sqrt(i) * math.sin(i * GOLDEN_ANGLE))
            for i in range(count)]


def grouped_positions(H: nx.Graph, communities: list[list[str]]) -> dict[str, tuple[float, float]]:
    """Communities as spirals on a spiral: linear time, for graphs too large for a force layout.

    >>> H = nx.Graph([("a", "b"), ("b", "c"), ("x", "y")])
    >>> positions = grouped_positions(H, [["a", "b", "c"], ["x", "y"]])
    >>> positions["b"]
    (0.0, 0.0)
    >>> math.dist(positions["x"], positions["b"]) > math.dist(positions["a"], positions["b"])
    True
    """
    radii = [SPACING * math.sqrt(len(members)) + SPACING for members in communities]
    centres = _sunflower(len(communities), 2.2 * max(radii, default=SPACING))
    positions = {}
    for (cx, cy), members in zip(centres, communities, strict=True):
        ordered = sorted(members, key=lambda n: (-H.degree(n), n))
        for node, (x, y) in zip(ordered, _sunflower(len(ordered), SPACING), strict=True):
            positions[node] = (round(cx + x, 1), round(cy + y, 1))
    return positions


def concept_positions(G: nx.MultiDiGraph | nx.Graph,
                      communities: list[list[str]] | None = None) -> dict[str, tuple[float, float]]:
    """Screen positions in pixels, centred on 0, rounded to a tenth of a pixel for stable bytes.

    >>> positions = concept_positions(nx.Graph([("a", "b"), ("b", "c")]))
    >>> positions == concept_positions(nx.Graph([("a", "b"), ("b", "c")]))
    True
    >>> sorted(positions)
    ['a', 'b', 'c']
    """
    H = undirected(G) if G.is_directed() or G.is_multigraph() else G
    count = H.number_of_nodes()
    if count == 0:
        return {}
    if count > FORCE_LIMIT:
        return grouped_positions(H, communities if communities is not None else louvain_communities(H))
    if communities is not None:
        # Relations inside a community pull harder, so each community sits together on screen.
        member = {node: index for index, members in enumerate(communities) for node in members}
        H = H.copy()
        for u, v, data in H.edges(data=True):
            if member.get(u) == member.get(v):
                data["weight"] = data.get("weight", 1) * COMMUNITY_PULL
    layout = nx.forceatlas2_layout(H, seed=SEED, max_iter=300, scaling_ratio=4.0, weight="weight")
    spread = 1000.0 * max(1.0, math.sqrt(count / 60))
    scaled = nx.rescale_layout_dict(layout, scale=spread)
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in sorted(scaled.items())}
