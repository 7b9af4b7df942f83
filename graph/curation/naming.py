"""Does a quote name the concepts it relates? The check behind the build's unnamed-end warnings."""

from __future__ import annotations

import functools

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
    text = normalise_whitespace(quote).casefold()
    return any(_at_word_start(text, name) for name in _folded_names(concept_names(concept)))


@functools.cache
def _folded_names(names: tuple[str, ...]) -> tuple[str, ...]:
    """A concept's names as quotes are compared with them: whitespace normalised, case folded."""
    return tuple(normalise_whitespace(name).casefold() for name in names)


def _at_word_start(text: str, name: str) -> bool:
    """True when ``name`` occurs in ``text`` where no word character (``\\w``) precedes it.

    What ``re.search(r"(?<!\\w)" + re.escape(name), text)`` answers, without compiling a pattern per
    name: on a large project those overflowed ``re``'s cache and were compiled again for every quote.

    >>> _at_word_start("distrust and trust", "trust"), _at_word_start("distrust", "trust")
    (True, False)
    """
    start = text.find(name)
    while start != -1:
        if start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_"):
            return True
        start = text.find(name, start + 1)
    return False


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
