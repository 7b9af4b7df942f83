"""The records the curated files are read into: the book, its documents, concepts and evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from graph.curation.quotes import Passage, TextIndex

__all__ = ["Book", "Concept", "Curated", "Document", "Evidence"]


@dataclass(frozen=True)
class Book:
    """The book the source documents reproduce."""

    id: str
    title: str
    creator: str
    license: str | None = None
    """The IRI of the licence the graph is published under (``dcterms:license`` of the dataset), if any."""


@dataclass(frozen=True)
class Document:
    """A source document: its metadata, its text, and the spans of its navigation lines."""

    id: str
    title: str
    chapter: int | None
    url: str | None
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
    listed_as_work: bool = False
    """True for an entry of the ``works`` list, False for one of ``concepts``."""


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
