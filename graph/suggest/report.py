"""Suggestions as text for an 80-column terminal: known concepts, new candidates, relation candidates."""

from __future__ import annotations

import textwrap

__all__ = ["WIDTH", "suggestion_report"]

WIDTH = 80
QUOTE_CHARS = 300
"""Quotes longer than this are cut in the table (``--format json`` and ``yaml`` keep them whole)."""


def _wrap(text: str, indent: int, hanging: int | None = None) -> list[str]:
    """``text`` wrapped to :data:`WIDTH`; continuation lines indented by ``hanging`` (default ``indent``)."""
    return textwrap.wrap(text, WIDTH, initial_indent=" " * indent, subsequent_indent=" " * (hanging or indent),
                         break_on_hyphens=False) or [" " * indent]


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    return f'"{flat}"' if len(flat) <= QUOTE_CHARS else f'"{flat[:QUOTE_CHARS].rsplit(" ", 1)[0]} ..."'


def suggestion_report(suggestions: dict, concepts: int = 30, relations: int = 40) -> str:
    """A readable report: every known concept with its mentions, the best new concepts and relations.

    >>> report = suggestion_report({"document": "note", "concepts": [
    ...     {"label": "trust", "forms": ["trust"], "known": True, "class": "power and influence", "score": 1.0,
    ...      "evidence": [{"quote": "trust", "start": 9, "end": 14}]}], "relations": []})
    >>> print(report.splitlines()[0])
    Suggestions for note: 1 known concept(s), 0 new, 0 relation(s)
    >>> max(len(line) for line in report.splitlines()) <= WIDTH
    True
    """
    known = sorted((c for c in suggestions["concepts"] if c["known"]), key=lambda c: c["label"].casefold())
    new = [c for c in suggestions["concepts"] if not c["known"]]
    lines = [f"Suggestions for {suggestions['document']}: {len(known)} known concept(s), {len(new)} new, "
             f"{len(suggestions['relations'])} relation(s)", ""]
    lines.append(f"Known concepts mentioned ({len(known)}): mentions, first offset")
    for concept in known:
        first = min((e["start"] for e in concept["evidence"]), default=0)
        lines += _wrap(f"{concept['label']} ({concept['class']}): {len(concept['evidence'])}, at {first}", 2)
    lines += ["", f"New concept candidates (best {min(concepts, len(new))} of {len(new)}): score, proposed class"]
    for rank, concept in enumerate(new[:concepts], start=1):
        forms = [f for f in concept["forms"] if f.casefold() != concept["label"].casefold()]
        seen = f"; seen as {', '.join(forms[:4])}" if forms else ""
        lines += _wrap(f"{rank:>3}. {concept['label']}  {concept['score']:.2f}  {concept['class']}{seen}", 0, 7)
        if concept["evidence"]:
            first = concept["evidence"][0]
            lines += _wrap(f"{_quote(first['quote'])} ({first['start']}-{first['end']})", 7)
    shown = suggestions["relations"][:relations]
    lines += ["", f"Relation candidates (best {len(shown)} of {len(suggestions['relations'])}): "
                  "score, next-best types"]
    for rank, relation in enumerate(shown, start=1):
        others = ", ".join(f"{a['type']} {a['score']:.2f}" for a in relation["alternatives"][:2])
        mark = "  [known]" if relation["known"] else ""
        lines += _wrap(f"{rank:>3}. {relation['subject']} {relation['type'].upper()} {relation['object']}  "
                       f"{relation['score']:.2f}{mark}" + (f"  (next: {others})" if others else ""), 0, 7)
        lines += _wrap(f"{_quote(relation['quote'])} ({relation['start']}-{relation['end']})", 7)
    return "\n".join(lines) + "\n"
