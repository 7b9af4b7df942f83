"""Find a quote in a document's text, ignoring differences in whitespace, and record where it is.

Curated quotes are copied by hand, so line breaks and runs of spaces may differ from the document;
every other character must match. Positions are character offsets into the document's own text,
as the Web Annotation ``TextPositionSelector`` expects.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

__all__ = ["Passage", "TextIndex", "normalise_whitespace"]

CONTEXT_CHARS = 32
"""How many characters of text before and after a quote go into its prefix and suffix."""


def normalise_whitespace(text: str) -> str:
    """Collapse every run of whitespace into one space and strip the ends.

    >>> normalise_whitespace("  caring,\\n   service ")
    'caring, service'
    """
    return " ".join(text.split())


@dataclass(frozen=True)
class Passage:
    """Where a quote sits in a document: ``text[start:end] == exact``."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


class TextIndex:
    """A document's text with a whitespace-normalised copy and the map back to original offsets.

    >>> index = TextIndex("Trust is\\n  critical.")
    >>> [(p.start, p.end, p.exact) for p in index.find("is critical")]
    [(6, 19, 'is\\n  critical')]
    """

    def __init__(self, text: str):
        self.text = text
        self._normal, self._origin = self._normalise_with_origin(text)

    @staticmethod
    def _normalise_with_origin(text: str) -> tuple[str, list[int]]:
        """Collapse whitespace runs to one space, remembering each kept character's offset."""
        chars: list[str] = []
        origin: list[int] = []
        for offset, char in enumerate(text):
            if char.isspace():
                if chars and chars[-1] != " ":
                    chars.append(" ")
                    origin.append(offset)
                continue
            chars.append(char)
            origin.append(offset)
        return "".join(chars), origin

    def find(self, quote: str) -> list[Passage]:
        """Every place the quote occurs, in document order (empty if it does not occur)."""
        needle = normalise_whitespace(quote)
        if not needle:
            return []
        passages = []
        at = self._normal.find(needle)
        while at != -1:
            passages.append(self._passage(at, at + len(needle)))
            at = self._normal.find(needle, at + 1)
        return passages

    def _passage(self, normal_start: int, normal_end: int) -> Passage:
        """Map a span of the normalised text back to the original text."""
        start = self._origin[normal_start]
        end = self._origin[normal_end - 1] + 1
        return Passage(
            start=start,
            end=end,
            exact=self.text[start:end],
            prefix=self.text[max(0, start - CONTEXT_CHARS):start],
            suffix=self.text[end:end + CONTEXT_CHARS],
        )

    def closest(self, quote: str) -> str:
        """The passage of the text most like the quote, to help a curator fix a mistyped quote."""
        needle = normalise_whitespace(quote)
        words = self._normal.split(" ")
        width = max(1, len(needle.split(" ")))
        windows = [" ".join(words[i:i + width]) for i in range(max(1, len(words) - width + 1))]
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(needle.lower())
        scored = []
        for window in windows:
            matcher.set_seq1(window.lower())
            scored.append((matcher.quick_ratio(), window))
        best_ratio, best = 0.0, windows[0]
        for _, window in sorted(scored, reverse=True)[:40]:
            matcher.set_seq1(window.lower())
            if (ratio := matcher.ratio()) > best_ratio:
                best_ratio, best = ratio, window
        return best
