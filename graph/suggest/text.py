"""Blocks, sentences, clauses and word tokens of a plain text, all with character offsets.

Everything downstream (lexicon matching, term discovery, relation quotes) works on these spans, so
every span here satisfies ``text[start:end] == span text``. The rules are plain and general:

* a text is cut into blocks at line breaks; a short line without end punctuation, standing between
  blank lines, is a heading; a line starting with ``1.``, ``2)``, ``-``, ``*`` or a bullet is a
  list item; other consecutive lines are joined into one paragraph (hard-wrapped prose);
* short lines that occur more than once verbatim (site navigation, running heads) are skipped;
* sentences end at ``.``, ``!`` or ``?`` followed by space and a capital, digit or quote, unless the
  word before is a known abbreviation or a single initial;
* clauses are cut inside a sentence at ``;``, ``:``, dashes, brackets, at commas that precede a
  subordinating word and at ", and"; they give the shortest passage that still reads as a statement.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

# A word: letters/digits, joined by inner hyphens, apostrophes or a hyphenated line break.
WORD_RE = re.compile(r"[A-Za-z0-9]+(?:(?:['\u2019](?=[A-Za-z])|[-\u2010\u2011](?:\n[ \t]*)?)[A-Za-z0-9]+)*")
LIST_ITEM_RE = re.compile(r"^[ \t]*(?:\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|[-*•\u2013])[ \t]+")
_SENT_END_RE = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "vs",
        "etc",
        "eg",
        "ie",
        "cf",
        "no",
        "fig",
        "inc",
        "ltd",
        "jr",
        "sr",
        "co",
        "corp",
        "dept",
        "vol",
        "pp",
        "ed",
        "eds",
        "al",
        "approx",
    ]
)
_CLAUSE_PUNCT_RE = re.compile(r"\s*(?:;|:|\u2014|\u2013|\s-\s|\(|\))\s*")
_CLAUSE_COMMA_RE = re.compile(
    r",\s+(?=(?:but|while|whereas|although|though|because|since|which|who|whom|so|yet|unless|"
    r"if|when|where|as|thus|hence|therefore|however|instead|rather|not)\b)",
    re.IGNORECASE,
)


# ", and" before a second clause: the clause starts after the conjunction, which says nothing of it (a list's
# last item is cut off too, but a passage is the shortest run of clauses that holds both its ends)
_CLAUSE_AND_RE = re.compile(r",\s+and\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Span:
    """A piece of the text: ``text[start:end]``."""

    start: int
    end: int


@dataclass(frozen=True)
class Sentence(Span):
    """A sentence (or heading, or list item sentence) with its clause spans."""

    heading: bool
    block: int
    clauses: tuple[Span, ...]


class Token(NamedTuple):
    """A word token; ``norm`` is its lower-cased text with hyphens and line breaks made uniform.

    A named tuple rather than a dataclass: a long text has millions of tokens, and tuples are cheap.
    """

    start: int
    end: int
    norm: str
    sentence: int


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so it has no leading or trailing whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _lines(text: str) -> list[tuple[int, int]]:
    """Every line as a (start, end) pair, end excluding the newline."""
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _is_furniture(line: str, counts: dict[str, int]) -> bool:
    """A short line repeated verbatim, without end punctuation: navigation or running head."""
    s = line.strip()
    return counts.get(s, 0) > 1 and len(s.split()) <= 12 and not s.endswith((".", "!", "?"))


def blocks(text: str) -> list[tuple[int, int, bool]]:
    """Cut ``text`` into blocks ``(start, end, is_heading)``: paragraphs, list items and headings."""
    lines = _lines(text)
    counts: dict[str, int] = {}
    for a, b in lines:
        s = text[a:b].strip()
        if s:
            counts[s] = counts.get(s, 0) + 1
    out: list[tuple[int, int, bool]] = []
    cur: list[int] | None = None  # [start, end] of the paragraph being joined

    def flush() -> None:
        nonlocal cur
        if cur is not None:
            out.append((cur[0], cur[1], False))
            cur = None

    for i, (a, b) in enumerate(lines):
        line = text[a:b]
        if not line.strip():
            flush()
            continue
        if _is_furniture(line, counts):
            flush()
            continue
        sa, sb = _strip_span(text, a, b)
        m = LIST_ITEM_RE.match(line)
        prev_blank = i == 0 or not text[lines[i - 1][0] : lines[i - 1][1]].strip()
        next_blank = i + 1 >= len(lines) or not text[lines[i + 1][0] : lines[i + 1][1]].strip()
        words = line.split()
        if m:
            flush()
            cur = [a + m.end(), sb]
        elif prev_blank and next_blank and len(words) <= 12 and not line.rstrip().endswith((".", ";", ",", "!")):
            flush()
            out.append((sa, sb, True))
        elif cur is not None and not prev_blank:
            cur[1] = sb
        else:
            flush()
            cur = [sa, sb]
    flush()
    return out


def _sentence_cuts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside one block."""
    cuts = []
    pos = start
    for m in _SENT_END_RE.finditer(text, start, end):
        before = text[pos : m.start()]
        last = re.search(r"([A-Za-z.]+)$", before)
        if last:
            word = last.group(1).replace(".", "").lower()
            if word in _ABBREVIATIONS or (len(word) == 1 and last.group(1)[0].isupper()):
                continue
        a, b = _strip_span(text, pos, m.end())
        if b > a:
            cuts.append((a, b))
        pos = m.end()
    a, b = _strip_span(text, pos, end)
    if b > a:
        cuts.append((a, b))
    return cuts


def _clauses(text: str, start: int, end: int) -> tuple[Span, ...]:
    """Clause spans of one sentence, cut at strong punctuation and subordinating commas."""
    bounds = [start]
    for rx in (_CLAUSE_PUNCT_RE, _CLAUSE_COMMA_RE, _CLAUSE_AND_RE):
        for m in rx.finditer(text, start, end):
            bounds.extend((m.start(), m.end()))
    bounds.append(end)
    bounds = sorted(set(bounds))
    out = []
    for a, b in itertools.pairwise(bounds):
        a, b = _strip_span(text, a, b)
        while b > a and text[b - 1] in ",;:\u2014\u2013-(":
            b -= 1
        a, b = _strip_span(text, a, b)
        if b > a and any(c.isalnum() for c in text[a:b]):
            out.append(Span(a, b))
    return tuple(out) or (Span(start, end),)


def blank_spans(text: str, spans: Sequence[tuple[int, int]]) -> str:
    r"""``text`` with the given spans turned to spaces (line breaks kept): the same offsets, nothing to read there.

    >>> blank_spans("Menu\nTrust grows.", [(0, 4)])
    '    \nTrust grows.'
    """
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def sentences(text: str) -> list[Sentence]:
    """All sentences of ``text`` in order, headings included (flagged)."""
    out = []
    for bi, (a, b, heading) in enumerate(blocks(text)):
        spans = [(a, b)] if heading else _sentence_cuts(text, a, b)
        for sa, sb in spans:
            out.append(Sentence(sa, sb, heading, bi, _clauses(text, sa, sb)))
    return out


@lru_cache(maxsize=65536)
def normalize_word(surface: str) -> str:
    """Lower-case a word, make apostrophes straight and hyphenated line breaks a plain hyphen."""
    w = surface.lower().replace("\u2019", "'").replace("\u2010", "-").replace("\u2011", "-")
    return re.sub(r"-\n[ \t]*", "-", w)


def tokens(text: str, sents: list[Sentence]) -> list[Token]:
    """Word tokens of every sentence; possessive ``'s`` is dropped from the token's span."""
    out = []
    for si, s in enumerate(sents):
        for m in WORD_RE.finditer(text, s.start, s.end):
            a, b = m.start(), m.end()
            word = m.group(0)
            low = word.lower()
            if low.endswith(("'s", "\u2019s")):
                b -= 2
                word = word[:-2]
            out.append(Token(a, b, normalize_word(word), si))
    return out


def gap(text: str, left: Token, right: Token) -> str:
    """The characters between two tokens."""
    return text[left.end : right.start]


def joinable(text: str, left: Token, right: Token) -> bool:
    """True when only spaces, a hyphen or a possessive stand between two tokens (same phrase).

    A hyphen must touch the word before it ("self-", "work-\\ncommunity"): a dash set off by spaces
    ("alliances - partnerships") opens an aside, so the words on either side belong to different phrases."""
    g = gap(text, left, right)
    return bool(re.fullmatch(r"(?:['\u2019]s?)?(?:-[ \t\n]*|[ \t\n]*)", g)) and g.count("\n") <= 1
