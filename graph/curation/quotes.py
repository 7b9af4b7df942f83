"""Find a quote in a document's text, ignoring differences in whitespace, and record where it is.

Curated quotes are copied by hand, so line breaks and runs of spaces may differ from the document;
every other character must match. Positions are character offsets into the document's own text,
as the Web Annotation ``TextPositionSelector`` expects.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass
from itertools import accumulate
from operator import add, sub

__all__ = ["Passage", "TextIndex", "normalise_whitespace"]

CONTEXT_CHARS = 32
"""How many characters of text before and after a quote go into its prefix and suffix."""

_WHITESPACE = re.compile(r"\s+")
"""A run of whitespace: the characters ``str.isspace`` and ``str.split`` take for whitespace."""

_WHITESPACE_RUNS = re.compile(r"(\s+)")
"""The same runs, kept by ``split`` between the words."""


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
        self._normal, self._runs, self._run_origins = self._normalise_with_origin(text)

    @staticmethod
    def _normalise_with_origin(text: str) -> tuple[str, list[int], list[int]]:
        """Collapse whitespace runs to one space (dropping a leading one), remembering where each stretch
        of the normalised text begins in the original.

        A stretch is what follows a whitespace run, up to and including the next run's space; inside it
        the offsets advance together, so one pair per run maps every character back (a list per
        character held an integer object for every character of the texts: 2.7 million at 8,000 concepts).

        >>> TextIndex._normalise_with_origin("  a b\\n\\n cd ")
        ('a b cd ', [0, 0, 2, 4, 7], [0, 2, 4, 8, 11])
        """
        normal = _WHITESPACE.sub(" ", text)
        if normal.startswith(" "):
            normal = normal[1:]
        # the text's words (even places) and whitespace runs (odd places), measured in C rather than
        # one match at a time: where each run ends, and how many characters the runs take up to there
        pieces = _WHITESPACE_RUNS.split(text)
        origins = list(accumulate(map(len, pieces)))[1::2]
        run_chars = accumulate(map(len, pieces[1::2]))
        # a run leaves one space, except a leading run, which goes whole
        kept = range(0 if pieces[0] == "" else 1, len(origins) + 1)
        runs = list(map(add, map(sub, origins, run_chars), kept))
        return normal, [0, *runs], [0, *origins]

    def _original(self, at: int) -> int:
        """The offset in the original text of the normalised text's character ``at``."""
        run = bisect.bisect_right(self._runs, at) - 1
        return self._run_origins[run] + at - self._runs[run]

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
        start = self._original(normal_start)
        end = self._original(normal_end - 1) + 1
        return Passage(
            start=start,
            end=end,
            exact=self.text[start:end],
            prefix=self.text[max(0, start - CONTEXT_CHARS):start],
            suffix=self.text[end:end + CONTEXT_CHARS],
        )

    def closest(self, quote: str, candidates: int = 5) -> str:
        """The passage of the text most like the quote, to help a curator fix a mistyped quote.

        Linear in the text's length: a window of the quote's length slides over the words, counting
        the quote's words it holds; only the few best windows are compared character by character.

        >>> TextIndex("Trust is built slowly. Power is used quickly.").closest("power is used quikly")
        'Power is used quickly.'
        """
        needle = normalise_whitespace(quote).lower()
        words = self._normal.split(" ")
        lowered = [word.lower() for word in words]
        width = max(1, min(len(needle.split(" ")), len(words)))
        wanted = set(needle.split(" "))
        hits = [word in wanted for word in lowered]
        count = sum(hits[:width])
        scores = [count]
        for start in range(1, len(words) - width + 1):
            count += hits[start + width - 1] - hits[start - 1]
            scores.append(count)
        best_starts = sorted(range(len(scores)), key=lambda i: (-scores[i], i))[:candidates]
        # characters for a short quote; words for a long one, so that the comparison stays fast
        by_words = len(needle) > 400
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(needle.split(" ") if by_words else needle)
        best, best_ratio = best_starts[0], -1.0
        for start in sorted(best_starts):
            window = lowered[start:start + width]
            matcher.set_seq1(window if by_words else " ".join(window))
            if (ratio := matcher.ratio()) > best_ratio:
                best, best_ratio = start, ratio
        return " ".join(words[best:best + width])
