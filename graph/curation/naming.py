"""Does a quote name the concepts it relates? The check behind the build's unnamed-end warnings."""

from __future__ import annotations

import functools
import re

from graph.curation.quotes import normalise_whitespace
from graph.curation.records import Concept, Curated, Evidence

__all__ = ["concept_names", "names_concept", "unnamed_ends"]


def concept_names(concept: Concept) -> tuple[str, ...]:
    """Every name a concept goes by: label, synonyms and word forms."""
    return (concept.label, *concept.synonyms, *concept.forms)


def names_concept(quote: str, concept: Concept) -> bool:
    """True when the quote contains one of the concept's names, case-insensitively, at a word start.

    A name may be followed by more letters, so "value" names "values" and "follower" "followers".

    >>> names_concept("Inner leaders use trust", Concept("trust", "trust", "power and influence", "..."))
    True
    >>> names_concept("distrustful", Concept("trust", "trust", "power and influence", "..."))
    False
    """
    return _names_pattern(concept_names(concept)).search(normalise_whitespace(quote).casefold()) is not None


@functools.cache
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for every name of a concept, each at a word start: compiled once per concept, where a
    pattern per name and quote overflowed ``re``'s cache on a large project and was compiled again each
    time."""
    if not names:
        return re.compile(r"(?!)")  # matches nothing, as no name does
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(normalise_whitespace(name).casefold()) for name in names)
                      + ")")


def unnamed_ends(curated: Curated) -> list[tuple[Evidence, str]]:
    """Relation ends that a quote does not name and no context explains.

    Each relation's quote should name both of its ends; where the text names one only through a
    heading, a numbered list or the sentence before, the entry says so in ``context``.
    """
    missing = []
    for item in curated.evidence:
        if item.context:
            continue
        for end in (item.subject, item.object):
            if not names_concept(item.passage.exact, curated.concepts[end]):
                missing.append((item, end))
    return missing
