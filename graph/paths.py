"""Where a project's folders are: its curated data, its ontology and its build output.

A leadgraph project is a folder holding ``data/sources.yaml`` (with ``concepts.yaml``, ``relations.yaml``
and the texts), optionally its own ``ontology/``, and the ``build/`` folder the build writes. Commands
find the project from the working directory upwards, as git finds a repository; ``--data``,
``--ontology`` and ``--out`` override each part. A project without an ``ontology/`` folder uses the
vocabulary, shapes and saved queries that ship with leadgraph. This repository is itself the project
of the Fairholm chapters.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graph.errors import ProjectError

__all__ = ["GRAPH_FILE_NAME", "VIEW_FILE", "Project", "find_project", "packaged_ontology"]

GRAPH_FILE_NAME = "leadership.ttl"
"""File name of the Turtle output in the build folder, the graph every other command reads."""

VIEW_FILE = "leadership.html"
"""File name of the HTML view in the build folder."""

_MARKER = Path("data") / "sources.yaml"


def packaged_ontology() -> Path:
    """The ontology folder that ships with leadgraph: inside the installed package, or beside it in a checkout."""
    here = Path(__file__).resolve().parent
    inside = here / "ontology"
    return inside if inside.is_dir() else here.parent / "ontology"


@dataclass(frozen=True)
class Project:
    """The folders one build reads and writes."""

    data: Path
    ontology: Path
    out: Path

    @property
    def graph_file(self) -> Path:
        """The Turtle file of the build, which the analysis, view and query commands read."""
        return self.out / GRAPH_FILE_NAME

    @property
    def view_file(self) -> Path:
        return self.out / VIEW_FILE

    @property
    def shapes(self) -> Path:
        return self.ontology / "shapes.ttl"

    @property
    def queries(self) -> Path:
        """The saved queries: the project's own when its ontology has a ``queries/`` folder."""
        own = self.ontology / "queries"
        return own if own.is_dir() else packaged_ontology() / "queries"


def _project_root(start: Path) -> Path | None:
    """The nearest folder from ``start`` upwards that holds ``data/sources.yaml``."""
    start = start.resolve()
    return next((folder for folder in (start, *start.parents) if (folder / _MARKER).is_file()), None)


def find_project(data: Path | None = None, ontology: Path | None = None, out: Path | None = None,
                 start: Path | None = None) -> Project:
    """The project around ``start`` (default: the working directory), with any folder overridden.

    Given ``data``, the project is the folder that holds it; otherwise the nearest folder from ``start``
    upwards that holds ``data/sources.yaml``. The ontology defaults to the project's ``ontology/`` when
    it has one and to the packaged one otherwise; the output to the project's ``build/``.
    """
    if data is not None:
        root = Path(data).resolve().parent
    else:
        found = _project_root(start or Path.cwd())
        if found is None:
            where = (start or Path.cwd()).resolve()
            raise ProjectError(f"no leadgraph project in {where} or its parents (a folder with data/sources.yaml); "
                               "`leadgraph init DIR` makes one, or pass --data")
        root = found
        data = root / "data"
    if ontology is None:
        ontology = root / "ontology" if (root / "ontology" / "leadgraph.ttl").is_file() else packaged_ontology()
    return Project(data=Path(data), ontology=Path(ontology), out=Path(out) if out is not None else root / "build")
