"""The reader's text pieces: cut at every quote's start and end, each piece naming the quotes that hold it."""

from __future__ import annotations

import random
from itertools import pairwise

from graph.view.page import _segments


def _by_definition(text: str, spans: list[tuple[int, int, str]]) -> list[list[str]]:
    """Every piece between two cuts, with the names of the spans that contain it, in the spans' order."""
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    pieces = []
    for start, end in pairwise(cuts):
        covering = " ".join(name for s, e, name in spans if s <= start and end <= e)
        pieces.append([text[start:end], covering] if covering else [text[start:end]])
    return pieces


def test_the_sweep_gives_the_pieces_of_the_definition() -> None:
    chance = random.Random(4)
    for _ in range(5000):
        text = "".join(chance.choice("ab ") for _ in range(chance.randint(0, 40)))
        spans = []
        for _ in range(chance.randint(0, 8)):
            start = chance.randint(0, len(text))
            spans.append((start, chance.randint(start, len(text)), f"p{chance.randint(0, 9)}"))
        if chance.random() < 0.5:
            spans.sort()
        assert _segments(text, spans) == _by_definition(text, spans), (text, spans)
        assert "".join(piece[0] for piece in _segments(text, spans)) == text
