"""Saved queries: the ``.rq`` files of an ontology folder's ``queries/``, each opening with its question."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graph.errors import UsageError

__all__ = ["SavedQuery", "query_text", "saved_queries"]


@dataclass(frozen=True)
class SavedQuery:
    """A saved query: its name (the file stem), its file and the question its first line states."""

    name: str
    path: Path
    question: str


def saved_queries(queries_dir: Path) -> dict[str, SavedQuery]:
    """The saved queries of ``queries_dir`` by name, in name order."""
    saved = {}
    for path in sorted(queries_dir.glob("*.rq")):
        lines = path.read_text(encoding="utf-8").splitlines()
        first = lines[0] if lines else ""
        question = first.removeprefix("#").strip().removeprefix("Question:").strip() if first.startswith("#") else ""
        saved[path.stem] = SavedQuery(path.stem, path, question)
    return saved


def query_text(query: str, queries_dir: Path) -> str:
    """A query given as SPARQL text, as the path of a ``.rq`` file, or as the name of a saved query.

    >>> query_text("SELECT * WHERE { ?s ?p ?o }", Path("."))
    'SELECT * WHERE { ?s ?p ?o }'
    """
    candidate = Path(query)
    if candidate.suffix == ".rq" or ("{" not in query and " " not in query.strip()):
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
        saved = saved_queries(queries_dir)
        if query in saved:
            return saved[query].path.read_text(encoding="utf-8")
        raise UsageError(f"no query file or saved query called {query!r}; saved queries: {', '.join(saved)}")
    return query
