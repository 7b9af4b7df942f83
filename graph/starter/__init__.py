"""``leadgraph init``: write a small, buildable project for a user to replace with their own texts.

The project is one short text of our own, three concepts and two relations with their quotes, every
field explained by a comment in the file that holds it; it uses the ontology that ships with leadgraph.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from graph.errors import ProjectError
from graph.files import write_files

__all__ = ["init_project"]


def _starter_files() -> dict[str, bytes]:
    """The starter project's files by their path relative to the project folder."""
    found: dict[str, bytes] = {}

    def walk(folder: resources.abc.Traversable, prefix: str) -> None:
        for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
            if item.is_dir() and item.name != "__pycache__":
                walk(item, f"{prefix}{item.name}/")
            elif item.is_file() and not item.name.endswith((".py", ".pyc")):
                found[prefix + item.name] = item.read_bytes()

    walk(resources.files(__name__), "")
    return found


def init_project(folder: Path) -> list[Path]:
    """Write the starter project into ``folder`` (created if needed); return the files written.

    Refuses a folder that already holds a ``data/`` folder, so nothing of a user's is overwritten.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ProjectError(f"cannot make a project in {folder}: it is a file")
    if (folder / "data").exists():
        raise ProjectError(f"{folder} already holds a data/ folder; leadgraph init writes only into a new project")
    contents = {folder / name: data for name, data in _starter_files().items()}
    write_files(contents)
    return sorted(contents)
