"""A quote found in a document's whitespace-normalised text is placed at its offsets in the original text."""

from __future__ import annotations

import random

from graph.curation.quotes import TextIndex


def _origins(text: str) -> tuple[str, list[int]]:
    """The normalised text and every kept character's offset, one by one (the map TextIndex compresses)."""
    normal, origin = [], []
    for at, char in enumerate(text):
        if not char.isspace():
            normal.append(char)
            origin.append(at)
        elif normal and not text[at - 1].isspace():
            normal.append(" ")
            origin.append(at)
    return "".join(normal), origin


def test_every_character_of_a_normalised_text_maps_back_to_its_place() -> None:
    chooser = random.Random(14)
    for _ in range(300):
        text = "".join(chooser.choice("ab \n\t\u00a0\x1c\u2028") for _ in range(chooser.randrange(0, 30)))
        index = TextIndex(text)
        normal, origin = _origins(text)
        assert index._normal == normal
        assert [index._original(at) for at in range(len(normal))] == origin, repr(text)
