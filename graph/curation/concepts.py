"""Read ``concepts.yaml``: concepts and cited works, each name owned by one concept."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from graph.curation.records import Concept
from graph.curation.vocabulary import Vocabulary
from graph.curation.yamlfile import KEY_LINES, LINE, Faults, entries, read_yaml, string_list, text_field, unknown_keys
from graph.errors import CurationError

__all__ = ["ID_PATTERN", "check_names_unique", "load_concept", "load_concepts"]

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

MIN_DEFINITION_CHARS = 10
"""The shortest definition accepted (the SHACL shapes ask the same of skos:definition)."""


def load_concept(entry: dict[str, Any], vocabulary: Vocabulary, work: bool,
                  faults: Faults) -> Concept | None:
    """One concept or work entry, checked field by field."""
    concept_id = text_field(entry, "id", "concept", faults)
    name = f"{'work' if work else 'concept'} {concept_id!r}"
    allowed = {"id", "label", "synonyms", "forms", "class", "definition"}
    if work:
        allowed |= {"creator", "year"}
    unknown_keys(entry, allowed, name, faults)
    label = text_field(entry, "label", name, faults)
    definition = text_field(entry, "definition", name, faults)
    if definition is not None and len(definition) < MIN_DEFINITION_CHARS:
        faults.add(entry.get(KEY_LINES, {}).get("definition", entry[LINE]), name,
                   f"the definition {definition!r} is too short: say in a sentence what the concept is")
        definition = None
    class_label = text_field(entry, "class", name, faults)
    if concept_id is not None and not ID_PATTERN.match(concept_id):
        faults.add(entry[LINE], name, "id must be lowercase words joined by hyphens, like 'personal-power'")
    if class_label is not None and class_label not in vocabulary.classes:
        faults.add(entry[LINE], name, f"unknown class {class_label!r}; the classes are: "
                   + ", ".join(vocabulary.classes))
    year = entry.get("year")
    if year is not None and not isinstance(year, int):
        faults.add(entry[LINE], name, "year must be a whole number")
    if None in (concept_id, label, definition, class_label):
        return None
    return Concept(id=str(concept_id), label=str(label), class_label=str(class_label),
                   definition=str(definition),
                   synonyms=string_list(entry, "synonyms", name, faults),
                   forms=string_list(entry, "forms", name, faults),
                   creator=text_field(entry, "creator", name, faults, required=False),
                   year=year if isinstance(year, int) else None, line=entry[LINE], listed_as_work=work)


def check_names_unique(concepts: list[Concept], faults: Faults) -> None:
    """Ids, and labels and synonyms (case-insensitively), must each name one concept."""
    owner: dict[str, Concept] = {}
    ids: dict[str, Concept] = {}
    for concept in concepts:
        if concept.id in ids:
            faults.add(concept.line, f"concept {concept.id!r}",
                       f"duplicate id (first used on line {ids[concept.id].line})")
        ids.setdefault(concept.id, concept)
        for name in (concept.label, *concept.synonyms):
            key = name.casefold()
            other = owner.setdefault(key, concept)
            if other is not concept:
                faults.add(concept.line, f"concept {concept.id!r}",
                           f"the name {name!r} already names concept {other.id!r} (line {other.line})")


def load_concepts(data_dir: Path, vocabulary: Vocabulary) -> dict[str, Concept]:
    """Read ``concepts.yaml``: concepts and cited works."""
    path = data_dir / "concepts.yaml"
    content = read_yaml(path, ("concepts", "works"))
    faults = Faults(path)
    loaded = []
    for key, work in (("concepts", False), ("works", True)):
        for entry in entries(content, key, faults, required=not work):
            concept = load_concept(entry, vocabulary, work, faults)
            if concept is not None:
                loaded.append(concept)
    check_names_unique(loaded, faults)
    if faults.found:
        raise CurationError(faults.found)
    return {c.id: c for c in loaded}
