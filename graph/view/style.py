"""Colours and line styles: a colour per concept class, a style per relation type."""

from __future__ import annotations

__all__ = ["CLASS_COLOURS", "RELATION_STYLES", "class_colour", "relation_style"]

CLASS_COLOURS = {
    "leadership model": "#4c72b0",
    "role": "#dd8452",
    "value or vision": "#55a868",
    "technique or practice": "#c44e52",
    "power and influence": "#8172b3",
    "structure": "#937860",
    "outcome": "#da8bc3",
    "personal quality": "#8c8c8c",
    "cited work": "#ccb974",
}

RELATION_STYLES: dict[str, dict[str, object]] = {
    "contrasts with": {"color": "#d62728", "dashes": [8, 6], "arrows": "to;from", "width": 2.5},
    "fosters": {"color": "#2ca02c", "dashes": False, "arrows": "to", "width": 2},
    "reduces": {"color": "#7f7f7f", "dashes": [2, 4], "arrows": "to", "width": 2},
    "requires": {"color": "#ff7f0e", "dashes": False, "arrows": "to", "width": 2},
    "part of": {"color": "#1f77b4", "dashes": False, "arrows": "to", "width": 1.5},
    "kind of": {"color": "#9467bd", "dashes": [4, 3], "arrows": "to", "width": 1.5},
    "practised by": {"color": "#17becf", "dashes": False, "arrows": "to", "width": 1},
    "based on": {"color": "#8c564b", "dashes": False, "arrows": "to", "width": 1.5},
    "cited for": {"color": "#bcbd22", "dashes": [1, 4], "arrows": "to", "width": 1},
}

_FALLBACK_COLOURS = ["#17becf", "#bcbd22", "#e377c2", "#7f7f7f"]


def class_colour(label: str) -> str:
    """The colour of a concept class; an unknown class gets a stable fallback colour.

    >>> class_colour("role"), class_colour("role") == class_colour("role")
    ('#dd8452', True)
    """
    if label in CLASS_COLOURS:
        return CLASS_COLOURS[label]
    return _FALLBACK_COLOURS[sum(map(ord, label)) % len(_FALLBACK_COLOURS)]


def relation_style(label: str) -> dict[str, object]:
    """Line style of a relation type (colour, dashes, arrows, width)."""
    return RELATION_STYLES.get(label, {"color": "#999999", "dashes": False, "arrows": "to", "width": 1})
