"""Read and check the curated files of ``data/``: sources, concepts and relations.

Every entry keeps the line it starts on, so a fault is reported as ``file:line: entry: what is
wrong``. All faults of a run are collected and raised together in one :class:`CurationError`,
so a curator fixes them in one pass. Nothing here writes a file.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from graph.errors import CurationError, CurationFault
from graph.quotes import Passage, TextIndex, normalise_whitespace
from graph.vocabulary import Vocabulary

__all__ = ["Book", "Concept", "Curated", "Document", "Evidence", "load_curated"]

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LINE = "__line__"


@dataclass(frozen=True)
class Book:
    """The book the source documents reproduce."""

    id: str
    title: str
    creator: str


@dataclass(frozen=True)
class Document:
    """A source document: its metadata, its text, and the spans of its navigation lines."""

    id: str
    title: str
    chapter: int
    url: str
    path: Path
    text: str
    furniture: tuple[tuple[int, int], ...]
    index: TextIndex = field(repr=False, compare=False)


@dataclass(frozen=True)
class Concept:
    """A concept or cited work of ``concepts.yaml``."""

    id: str
    label: str
    class_label: str
    definition: str
    synonyms: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    creator: str | None = None
    year: int | None = None
    line: int | None = None


@dataclass(frozen=True)
class Evidence:
    """One relation entry of ``relations.yaml``, with its quote located in its document."""

    subject: str
    type_label: str
    object: str
    document: str
    passage: Passage
    context: str | None
    line: int


@dataclass(frozen=True)
class Curated:
    """Everything the curated files hold, checked and ready to be turned into RDF."""

    book: Book
    documents: dict[str, Document]
    concepts: dict[str, Concept]
    evidence: list[Evidence]


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A YAML loader that records, in each mapping, the line the mapping starts on.

    It parses with libyaml when PyYAML has it (several times faster) and constructs in Python.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE] = node.start_mark.line + 1
        return mapping


class _Faults:
    """Collects faults for one file while it is being checked."""

    def __init__(self, path: Path):
        self.path = path
        self.found: list[CurationFault] = []

    def add(self, line: int | None, entry: str, message: str) -> None:
        self.found.append(CurationFault(self.path, line, entry, message))


def _read_yaml(path: Path) -> dict[str, Any]:
    """Parse a YAML file whose top level is a mapping; malformed YAML names its line."""
    if not path.is_file():
        raise CurationError([CurationFault(path, None, "", "file not found")])
    try:
        content = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(error, "problem", None) or str(error)
        raise CurationError([CurationFault(path, line, "", f"malformed YAML: {problem}")]) from None
    if not isinstance(content, dict):
        raise CurationError([CurationFault(path, 1, "", "expected a mapping at the top level")])
    return content


def _entries(content: dict[str, Any], key: str, faults: _Faults) -> list[dict[str, Any]]:
    """The list of mappings under ``key``; anything else is a fault."""
    entries = content.get(key) or []
    if not isinstance(entries, list):
        faults.add(content.get(LINE), key, "expected a list of entries")
        return []
    good = []
    for number, entry in enumerate(entries, start=1):
        if isinstance(entry, dict):
            good.append(entry)
        else:
            faults.add(content.get(LINE), f"{key} entry {number}", "expected a mapping of fields")
    return good


def _text_field(entry: dict[str, Any], key: str, name: str, faults: _Faults,
                required: bool = True) -> str | None:
    """A non-empty string field, or a fault naming the entry and the field."""
    value = entry.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            faults.add(entry[LINE], name, f"missing {key}")
        return None
    if not isinstance(value, (str, int, float)):
        faults.add(entry[LINE], name, f"{key} must be text")
        return None
    return str(value).strip()


def _unknown_keys(entry: dict[str, Any], allowed: set[str], name: str, faults: _Faults) -> None:
    """Report fields the format does not know, which are usually misspellings."""
    for key in sorted(set(entry) - allowed - {LINE}, key=str):
        hint = difflib.get_close_matches(str(key), sorted(allowed), n=1)
        suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
        faults.add(entry[LINE], name, f"unknown field {key!r}{suggestion}")


def _suggest(name: str, known: list[str]) -> str:
    """A ' (closest: a, b, c)' hint for an unknown name."""
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
    return f" (closest: {', '.join(close)})" if close else ""


# --- sources -------------------------------------------------------------------------------------

def _furniture_spans(text: str, lines: list[str]) -> tuple[list[tuple[int, int]], list[str]]:
    """Spans of the text's lines that are navigation furniture, and furniture lines not found."""
    wanted = {line.strip() for line in lines}
    spans, seen, offset = [], set(), 0
    for line in text.splitlines(keepends=True):
        if line.strip() in wanted:
            spans.append((offset, offset + len(line)))
            seen.add(line.strip())
        offset += len(line)
    return spans, sorted(wanted - seen)


def _load_sources(data_dir: Path) -> tuple[Book, dict[str, Document]]:
    """Read ``sources.yaml`` and the texts it points at."""
    path = data_dir / "sources.yaml"
    content = _read_yaml(path)
    faults = _Faults(path)
    book_entry = content.get("book")
    book = None
    if isinstance(book_entry, dict):
        values = {k: _text_field(book_entry, k, "book", faults) for k in ("id", "title", "creator")}
        _unknown_keys(book_entry, {"id", "title", "creator"}, "book", faults)
        if all(values.values()):
            book = Book(**values)  # type: ignore[arg-type]
    else:
        faults.add(None, "book", "missing the book (id, title, creator)")
    documents: dict[str, Document] = {}
    allowed = {"id", "file", "title", "chapter", "url", "seed", "furniture"}
    for entry in _entries(content, "documents", faults):
        document = _load_document(entry, data_dir, allowed, faults)
        if document is None:
            continue
        if document.id in documents:
            faults.add(entry[LINE], f"document {document.id!r}", "duplicate id")
        documents[document.id] = document
    if faults.found:
        raise CurationError(faults.found)
    assert book is not None
    return book, documents


def _load_document(entry: dict[str, Any], data_dir: Path, allowed: set[str],
                   faults: _Faults) -> Document | None:
    """One document entry: check its fields, read its text, locate its furniture lines."""
    doc_id = _text_field(entry, "id", "document", faults)
    name = f"document {doc_id!r}"
    fields = {k: _text_field(entry, k, name, faults) for k in ("file", "title", "url")}
    _unknown_keys(entry, allowed, name, faults)
    chapter = entry.get("chapter")
    if not isinstance(chapter, int):
        faults.add(entry[LINE], name, "chapter must be a whole number")
    if doc_id is None or None in fields.values() or not isinstance(chapter, int):
        return None
    text_path = data_dir / str(fields["file"])
    if not text_path.is_file():
        faults.add(entry[LINE], name, f"text file not found: {text_path}")
        return None
    text = text_path.read_text(encoding="utf-8")
    spans, missing = _furniture_spans(text, [str(x) for x in entry.get("furniture") or []])
    for line in missing:
        faults.add(entry[LINE], name, f"furniture line not found in {text_path.name}: {line!r}")
    return Document(id=doc_id, title=str(fields["title"]), chapter=chapter, url=str(fields["url"]),
                    path=text_path, text=text, furniture=tuple(spans), index=TextIndex(text))


# --- concepts ------------------------------------------------------------------------------------

def _string_list(entry: dict[str, Any], key: str, name: str, faults: _Faults) -> tuple[str, ...]:
    """A list of non-empty strings (synonyms, forms)."""
    values = entry.get(key) or []
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        faults.add(entry[LINE], name, f"{key} must be a list of non-empty texts")
        return ()
    return tuple(v.strip() for v in values)


def _load_concept(entry: dict[str, Any], vocabulary: Vocabulary, work: bool,
                  faults: _Faults) -> Concept | None:
    """One concept or work entry, checked field by field."""
    concept_id = _text_field(entry, "id", "concept", faults)
    name = f"{'work' if work else 'concept'} {concept_id!r}"
    allowed = {"id", "label", "synonyms", "forms", "class", "definition"}
    if work:
        allowed |= {"creator", "year"}
    _unknown_keys(entry, allowed, name, faults)
    label = _text_field(entry, "label", name, faults)
    definition = _text_field(entry, "definition", name, faults)
    class_label = _text_field(entry, "class", name, faults)
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
                   synonyms=_string_list(entry, "synonyms", name, faults),
                   forms=_string_list(entry, "forms", name, faults),
                   creator=_text_field(entry, "creator", name, faults, required=False),
                   year=year if isinstance(year, int) else None, line=entry[LINE])


def _check_names_unique(concepts: list[Concept], faults: _Faults) -> None:
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


def _load_concepts(data_dir: Path, vocabulary: Vocabulary) -> dict[str, Concept]:
    """Read ``concepts.yaml``: concepts and cited works."""
    path = data_dir / "concepts.yaml"
    content = _read_yaml(path)
    faults = _Faults(path)
    loaded = []
    for key, work in (("concepts", False), ("works", True)):
        for entry in _entries(content, key, faults):
            concept = _load_concept(entry, vocabulary, work, faults)
            if concept is not None:
                loaded.append(concept)
    _check_names_unique(loaded, faults)
    if faults.found:
        raise CurationError(faults.found)
    return {c.id: c for c in loaded}


# --- relations -----------------------------------------------------------------------------------

def _locate(entry: dict[str, Any], quote: str, document: Document, name: str,
            faults: _Faults) -> Passage | None:
    """The passage the quote names: found, unambiguous, and not in the page furniture."""
    passages = document.index.find(quote)
    occurrence = entry.get("occurrence")
    if not passages:
        closest = document.index.closest(quote)
        faults.add(entry[LINE], name, f"quote not found in {document.path.name}: {quote!r}; "
                   f"the closest passage is: {closest!r}")
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


def _load_evidence(entry: dict[str, Any], concepts: dict[str, Concept],
                   documents: dict[str, Document], vocabulary: Vocabulary,
                   faults: _Faults) -> Evidence | None:
    """One relation entry: known ends, type and document, and a quote found in the document."""
    allowed = {"subject", "type", "object", "document", "quote", "occurrence", "context"}
    values = {k: _text_field(entry, k, "relation", faults)
              for k in ("subject", "type", "object", "document")}
    name = f"relation '{values['subject']} {values['type']} {values['object']}'"
    _unknown_keys(entry, allowed, name, faults)
    quote = entry.get("quote")
    if not isinstance(quote, str) or not quote.strip():
        faults.add(entry[LINE], name, "missing quote")
        quote = None
    for end in ("subject", "object"):
        if values[end] is not None and values[end] not in concepts:
            faults.add(entry[LINE], name, f"unknown concept {values[end]!r}"
                       + _suggest(str(values[end]), sorted(concepts)))
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
    if None in values.values() or quote is None:
        return None
    passage = _locate(entry, quote, documents[str(values["document"])], name, faults)
    if passage is None:
        return None
    return Evidence(subject=str(values["subject"]), type_label=str(values["type"]),
                    object=str(values["object"]), document=str(values["document"]),
                    passage=passage, context=_text_field(entry, "context", name, faults, False),
                    line=entry[LINE])


def _load_relations(data_dir: Path, concepts: dict[str, Concept],
                    documents: dict[str, Document], vocabulary: Vocabulary) -> list[Evidence]:
    """Read ``relations.yaml``; the same relation stated twice by one passage is a fault."""
    path = data_dir / "relations.yaml"
    content = _read_yaml(path)
    faults = _Faults(path)
    evidence: list[Evidence] = []
    seen: dict[tuple[str, str, str, str, int, int], int] = {}
    for entry in _entries(content, "relations", faults):
        item = _load_evidence(entry, concepts, documents, vocabulary, faults)
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


def load_curated(data_dir: Path, vocabulary: Vocabulary) -> Curated:
    """Read and check every curated file of ``data_dir``.

    Raises :class:`CurationError` listing every fault, each with its file and line.
    """
    book, documents = _load_sources(data_dir)
    concepts = _load_concepts(data_dir, vocabulary)
    evidence = _load_relations(data_dir, concepts, documents, vocabulary)
    return Curated(book=book, documents=documents, concepts=concepts, evidence=evidence)


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
    return any(re.search(r"(?<!\w)" + re.escape(normalise_whitespace(name).casefold()), text)
               for name in concept_names(concept))


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
