"""The measures leadgraph takes of each concept, by name: what ``--measure`` offers and a row holds.

Kept apart from :mod:`graph.analysis.centrality`, which computes them, so that naming them costs no
networkx import.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

__all__ = ["MEASURES", "ConceptMeasures"]

MEASURES = ("degree", "in_degree", "out_degree", "betweenness", "closeness", "pagerank", "eigenvector",
            "core_number")
"""The measure names a user can rank by."""


@dataclass(frozen=True)
class ConceptMeasures:
    """Every measure of one concept."""

    degree: int
    in_degree: int
    out_degree: int
    betweenness: float
    closeness: float
    pagerank: float
    eigenvector: float
    core_number: int
    articulation_point: bool

    def as_dict(self) -> dict[str, float | int | bool]:
        """Every measure by name, in field order: ``dataclasses.asdict`` without its deep copy (every value
        is a number), which took half of writing the figures at K=64.

        >>> ConceptMeasures(3, 1, 2, 0.5, 0.25, 0.1, 0.2, 2, True).as_dict()["closeness"]
        0.25
        """
        return {name: getattr(self, name) for name in _FIELDS}


_FIELDS = tuple(field.name for field in fields(ConceptMeasures))
