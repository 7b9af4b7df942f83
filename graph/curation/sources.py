"""Read ``sources.yaml``: the book and the source documents, with their texts and navigation lines."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from graph.curation.quotes import TextIndex
from graph.curation.records import Book, Document
from graph.curation.yamlfile import LINE, Faults, entries, read_yaml, text_field, unknown_keys
from graph.errors import CurationError
from graph.files import read_text

__all__ = ["HTTP_URL", "load_sources"]

HTTP_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$")
"""What a document URL must look like: http or https, a host, no whitespace."""


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


def load_sources(data_dir: Path) -> tuple[Book, dict[str, Document]]:
    """Read ``sources.yaml`` and the texts it points at."""
    path = data_dir / "sources.yaml"
    content = read_yaml(path, ("book", "documents"))
    faults = Faults(path)
    book_entry = content.get("book")
    book = None
    if isinstance(book_entry, dict):
        values = {k: text_field(book_entry, k, "book", faults) for k in ("id", "title", "creator")}
        licence = text_field(book_entry, "license", "book", faults, required=False)
        unknown_keys(book_entry, {"id", "title", "creator", "license"}, "book", faults)
        if licence is not None and not licence.startswith(("http://", "https://")):
            faults.add(None, "book", f"license must be the licence's http(s) IRI, not {licence!r}")
        if all(values.values()):
            book = Book(**values, license=licence)  # type: ignore[arg-type]
    else:
        faults.add(None, "book", "missing the book (id, title, creator)")
    documents: dict[str, Document] = {}
    allowed = {"id", "file", "title", "chapter", "url", "seed", "furniture"}
    for entry in entries(content, "documents", faults, required=True):
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
                   faults: Faults) -> Document | None:
    """One document entry: check its fields, read its text, locate its furniture lines.

    ``url`` and ``chapter`` are optional (a text from a private collection may have neither); a URL
    given must be http(s), since the view links to it.
    """
    doc_id = text_field(entry, "id", "document", faults)
    name = f"document {doc_id!r}"
    fields = {k: text_field(entry, k, name, faults) for k in ("file", "title")}
    url = text_field(entry, "url", name, faults, required=False)
    unknown_keys(entry, allowed, name, faults)
    chapter = entry.get("chapter")
    good = doc_id is not None and None not in fields.values()
    if chapter is not None and (not isinstance(chapter, int) or isinstance(chapter, bool)):
        faults.add(entry[LINE], name, "chapter must be a whole number")
        good = False
    if url is not None and not HTTP_URL.match(url):
        faults.add(entry[LINE], name, f"url must be an http(s) address without spaces, not {url[:80]!r}")
        good = False
    if not good:
        return None
    text_path = data_dir / str(fields["file"])
    if not text_path.is_file():
        faults.add(entry[LINE], name, f"text file not found: {text_path}")
        return None
    text = read_text(text_path, "source text")
    spans, missing = _furniture_spans(text, [str(x) for x in entry.get("furniture") or []])
    for line in missing:
        faults.add(entry[LINE], name, f"furniture line not found in {text_path.name}: {line!r}")
    return Document(id=str(doc_id), title=str(fields["title"]), chapter=chapter, url=url,
                    path=text_path, text=text, furniture=tuple(spans), index=TextIndex(text))
