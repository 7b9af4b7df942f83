"""Acronyms a text defines: "leader-member exchange (LMX)", then "LMX" alone names the same concept.

A capitalised abbreviation in parentheses right after the words whose initials it spells (small words
such as "of" or "and" may be skipped; the parts of a hyphenated word count as words) defines it. Later
uses of the acronym, alone or with a plural "s", are then mentions of the long form.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .text import Token

_DEFINED_RE = re.compile(r"\(([A-Z]{2,6})s?\)")
_SKIPPABLE = frozenset({"of", "and", "for", "the", "in", "on", "to", "&"})


@dataclass(frozen=True)
class Acronym:
    """An acronym ``short`` defined for the long form ``toks[first..last]``, and where it is used."""

    short: str
    first: int
    last: int
    defined_at: int  # the token of the acronym inside the parentheses
    uses: tuple[int, ...]  # tokens of its later uses


def _spells(initials: list[str], short: str) -> bool:
    return "".join(initials).upper() == short


def _initials(part: str, short: str) -> str:
    """The letter a word gives an acronym: its first, or "X" for an "ex-" word where the acronym has one
    ("leader-member exchange (LMX)")."""
    return "X" if part[:2].lower() == "ex" and "X" in short else part[0]


def _long_form(text: str, toks: list[Token], before: int, short: str) -> int | None:
    """The first token of the words ending at ``toks[before]`` whose initials spell ``short``, if any."""
    initials: list[str] = []
    i = before
    while i >= 0 and toks[i].sentence == toks[before].sentence and len(initials) < len(short):
        parts = [p for p in text[toks[i].start : toks[i].end].split("-") if p]
        if toks[i].norm in _SKIPPABLE and initials:
            i -= 1
            continue
        initials = [_initials(p, short) for p in parts] + initials
        if _spells(initials, short):
            return i
        if not short.endswith("".join(initials).upper()):
            return None
        i -= 1
    return None


def acronyms(text: str, toks: list[Token]) -> list[Acronym]:
    """The acronyms ``text`` defines, each with the tokens of its later uses (first definition wins)."""
    starts = [t.start for t in toks]
    out: list[Acronym] = []
    seen: set[str] = set()
    for m in _DEFINED_RE.finditer(text):
        short = m.group(1)
        at = bisect.bisect_left(starts, m.start(1))
        if short in seen or at == 0 or at >= len(toks) or toks[at].start != m.start(1):
            continue
        first = _long_form(text, toks, at - 1, short)
        if first is None or text[toks[at - 1].end : m.start()].strip():
            continue  # the parentheses must follow the long form directly
        seen.add(short)
        uses = tuple(
            t for t in range(at + 1, len(toks))
            if text[toks[t].start : toks[t].end] in (short, short + "s")
        )
        out.append(Acronym(short, first, at - 1, at, uses))
    return out
