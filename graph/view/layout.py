"""Precomputed node positions, so the view draws at once and looks the same at every build.

Up to :data:`FORCE_LIMIT` concepts the layout is ForceAtlas2 (seeded; on numpy arrays for a small graph,
compiled by numba above: see :mod:`graph.view.forceatlas`), with relations inside a
community weighted :data:`COMMUNITY_PULL` times, which pulls each community together and pushes
communities apart. ForceAtlas2 weighs every pair of concepts, O(n²) per iteration (0.5 s at 2,000
concepts compiled), so larger graphs get a grouped layout: each community laid out by ForceAtlas2 on its
own (a community of two, or of more than :data:`FORCE_LIMIT`, as a sunflower spiral with its
best-connected concepts at the centre), and the communities placed on a sunflower spiral, largest first.
Its cost is the sum of the squares of the communities' sizes.
"""

from __future__ import annotations

import math

import networkx as nx

from graph.analysis.communities import louvain_communities
from graph.analysis.concept_graph import undirected
from graph.seed import SEED
from graph.view.forceatlas import forceatlas2

__all__ = ["FORCE_LIMIT", "concept_positions", "grouped_positions"]

FORCE_LIMIT = 1000
"""Above this many concepts, the grouped layout (a force layout per community)."""
ITERATIONS = 300
SCALING_RATIO = 4.0
"""ForceAtlas2's repulsion against its attraction: above 2 (networkx's default) spreads concepts for labels."""
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
COMMUNITY_PULL = 3
"""How much more a relation inside a community pulls than one between communities (force layout)."""
SPACING = 28.0
"""Pixels between neighbouring concepts of a spiral."""


def _sunflower(count: int, spacing: float) -> list[tuple[float, float]]:
    """``count`` points on a sunflower spiral, evenly spread, the first at the centre."""
    return [(spacing * math.sqrt(i) * math.cos(i * GOLDEN_ANGLE), spacing * math.sqrt(i) * math.sin(i * GOLDEN_ANGLE))
            for i in range(count)]


def _force_layout(H: nx.Graph, scale: float, compiled: bool | None = None) -> dict[str, tuple[float, float]]:
    """ForceAtlas2 positions centred on (0, 0), the farthest ``scale`` from it on either axis.

    ``compiled`` as :func:`graph.view.forceatlas.forceatlas2` takes it: by default numpy arrays for a small
    graph, numba's compiled loops for a larger one.
    """
    layout = forceatlas2(H, seed=SEED, iterations=ITERATIONS, scaling_ratio=SCALING_RATIO, compiled=compiled)
    return {node: (float(x), float(y)) for node, (x, y) in nx.rescale_layout_dict(layout, scale=scale).items()}


def _community_shape(H: nx.Graph, members: list[str]) -> dict[str, tuple[float, float]]:
    """A community's own layout around (0, 0), within a disc that grows as the square root of its size.

    ForceAtlas2 when it fits the force limit and has three concepts or more; otherwise a sunflower
    spiral, best-connected concepts at the centre.
    """
    radius = SPACING * math.sqrt(len(members))
    if 2 < len(members) <= FORCE_LIMIT:
        return _force_layout(H.subgraph(members), radius, compiled=True)  # numba's start-up paid once
    ordered = sorted(members, key=lambda n: (-H.degree(n), n))
    return dict(zip(ordered, _sunflower(len(ordered), SPACING), strict=True))


def grouped_positions(H: nx.Graph, communities: list[list[str]]) -> dict[str, tuple[float, float]]:
    """Each community laid out on its own, the communities on a spiral: for graphs too large for one
    force layout.

    >>> H = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y")])
    >>> positions = grouped_positions(H, [["a", "b", "c"], ["x", "y"]])
    >>> positions["x"]
    (-124.1, 113.7)
    >>> math.dist(positions["x"], positions["b"]) > math.dist(positions["a"], positions["b"])
    True
    """
    radii = [SPACING * math.sqrt(len(members)) + SPACING for members in communities]
    centres = _sunflower(len(communities), 2.2 * max(radii, default=SPACING))
    positions = {}
    for (cx, cy), members in zip(centres, communities, strict=True):
        for node, (x, y) in _community_shape(H, members).items():
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
    layout = _force_layout(H, 1000.0 * max(1.0, math.sqrt(count / 60)))
    return {node: (round(x, 1), round(y, 1)) for node, (x, y) in sorted(layout.items())}
