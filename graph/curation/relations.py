"""Read ``relations.yaml``: each relation's ends, type and document checked, its quote located."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph.curation.quotes import Passage
from graph.curation.records import Concept, Document, Evidence
from graph.curation.vocabulary import Vocabulary
from graph.curation.yamlfile import LINE, Faults, closest_hint, entries, read_yaml, text_field, unknown_keys
from graph.errors import CurationError

__all__ = ["MAX_QUOTE_CHARS", "load_evidence", "load_relations", "shorten"]

MAX_QUOTE_CHARS = 2_000
"""The longest quote the build accepts: a quote states one relation, and the search for the closest
passage to a mistyped quote is kept fast."""

ECHO_CHARS = 300


def shorten(text: str) -> str:
    """Text as echoed in a fault: whitespace collapsed, cut to about :data:`ECHO_CHARS` characters.

    >>> shorten("a " * 400).endswith(" ...")
    True
    """
    flat = " ".join(text.split())
    return flat if len(flat) <= ECHO_CHARS else flat[:ECHO_CHARS].rsplit(" ", 1)[0] + " ..."


def _locate(entry: dict[str, Any], quote: str, document: Document, name: str,
            faults: Faults) -> Passage | None:
    """The passage the quote names: found, unambiguous, and not in the page furniture."""
    if len(quote) > MAX_QUOTE_CHARS:
        faults.add(entry[LINE], name, f"the quote is {len(quote):,} characters long: {shorten(quote)!r}; a quote "
                   f"is the passage that states one relation, at most {MAX_QUOTE_CHARS:,} characters")
        return None
    passages = document.index.find(quote)
    occurrence = entry.get("occurrence")
    if not passages:
        closest = document.index.closest(quote)
        faults.add(entry[LINE], name, f"quote not found in {document.path.name}: {shorten(quote)!r}; "
                   f"the closest passage is: {shorten(closest)!r}")
        return None
    if occurrence is None:
        if len(passages) > 1:
            faults.add(entry[LINE], name, f"quote occurs {len(passages)} times in "
                       f"{document.path.name}; add 'occurrence: N' to say which one")
            return None
        passage = passages[0]
    elif not isinstance(occurrence, int) or not 1 <= occurrence <= len(passages):
        faults.add(entry[LINE], name, f"occurrence must be a whole number from 1 to {len(passages)}")
        return None
    else:
        passage = passages[occurrence - 1]
    for start, end in document.furniture:
        if passage.start < end and start < passage.end:
            faults.add(entry[LINE], name, "quote comes from the site's navigation lines, "
                       "which are page furniture, not content")
            return None
    return passage


ROLE_OF = {"practised by": ("object", "role"), "cited for": ("subject", "cited work")}
"""Relation types whose end must be of one class (the SHACL shapes say so too; here the fault gets its line)."""


def _ends_fit_type(values: dict[str, str | None], concepts: dict[str, Concept], line: int, name: str,
                   faults: Faults) -> bool:
    """False, with a fault, when an end is not of the class its relation type requires."""
    end, wanted = ROLE_OF.get(str(values["type"]), (None, None))
    concept = concepts.get(str(values[end])) if end else None
    if concept is None or concept.class_label == wanted:
        return True
    faults.add(line, name, f"the {end} of {values['type']!r} must be a {wanted}; {concept.id!r} is a "
               f"{concept.class_label}")
    return False


def load_evidence(entry: dict[str, Any], concepts: dict[str, Concept],
                   documents: dict[str, Document], vocabulary: Vocabulary,
                   faults: Faults) -> Evidence | None:
    """One relation entry: known ends, type and document, and a quote found in the document."""
    allowed = {"subject", "type", "object", "document", "quote", "occurrence", "context"}
    values = {k: text_field(entry, k, "relation", faults)
              for k in ("subject", "type", "object", "document")}
    name = "relation '" + " ".join(values[k] or "?" for k in ("subject", "type", "object")) + "'"
    unknown_keys(entry, allowed, name, faults)
    quote = entry.get("quote")
    if not isinstance(quote, str) or not quote.strip():
        faults.add(entry[LINE], name, "missing quote")
        quote = None
    for end in ("subject", "object"):
        if values[end] is not None and values[end] not in concepts:
            faults.add(entry[LINE], name, f"unknown concept {values[end]!r}"
                       + closest_hint(str(values[end]), sorted(concepts)))
            values[end] = None
    if values["type"] is not None and values["type"] not in vocabulary.relation_types:
        faults.add(entry[LINE], name, f"unknown relation type {values['type']!r}; the types are: "
                   + ", ".join(vocabulary.relation_types))
        values["type"] = None
    if values["document"] is not None and values["document"] not in documents:
        faults.add(entry[LINE], name, f"unknown document {values['document']!r}; the documents are: "
                   + ", ".join(sorted(documents)))
        values["document"] = None
    if values["subject"] is not None and values["subject"] == values["object"]:
        faults.add(entry[LINE], name, "a concept cannot be related to itself")
        return None
    if not _ends_fit_type(values, concepts, entry[LINE], name, faults):
        return None
    if None in values.values() or quote is None:
        return None
    passage = _locate(entry, quote, documents[str(values["document"])], name, faults)
    if passage is None:
        return None
    return Evidence(subject=str(values["subject"]), type_label=str(values["type"]),
                    object=str(values["object"]), document=str(values["document"]),
                    passage=passage, context=text_field(entry, "context", name, faults, False),
                    line=entry[LINE])


def load_relations(data_dir: Path, concepts: dict[str, Concept],
                    documents: dict[str, Document], vocabulary: Vocabulary) -> list[Evidence]:
    """Read ``relations.yaml``; the same relation stated twice by one passage is a fault."""
    path = data_dir / "relations.yaml"
    content = read_yaml(path, ("relations",))
    faults = Faults(path)
    evidence: list[Evidence] = []
    seen: dict[tuple[str, str, str, str, int, int], int] = {}
    for entry in entries(content, "relations", faults, required=True):
        item = load_evidence(entry, concepts, documents, vocabulary, faults)
        if item is None:
            continue
        key = (item.subject, item.type_label, item.object, item.document,
               item.passage.start, item.passage.end)
        if key in seen:
            faults.add(item.line, f"relation '{item.subject} {item.type_label} {item.object}'",
                       f"duplicate of the entry on line {seen[key]} (same relation, same passage)")
            continue
        seen[key] = item.line
        evidence.append(item)
    if faults.found:
        raise CurationError(faults.found)
    return evidence
