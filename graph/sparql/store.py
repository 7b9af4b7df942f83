"""A persistent store: the build bulk-loaded once into an on-disk Oxigraph store, then opened read-only.

``leadgraph store load DIR`` writes it; ``leadgraph query --store DIR`` and ``leadgraph serve --store DIR``
open it without loading anything, which is what lets them start at once on a graph of hundreds of
thousands of triples. A store folder holds two things:

- ``oxigraph/``, the Oxigraph (RocksDB) store itself;
- ``leadgraph-store.json``, what the store holds: the file it was loaded from, its number of triples, and
  the date and leadgraph version of the build (from the build's dataset description), so that a command
  can say what it serves, and so that a folder which is not a leadgraph store is never replaced.

Opening a store imports neither rdflib nor the rest of the pipeline, so ``serve --store`` starts at once.

A load is atomic: the store is written into a hidden folder beside ``DIR`` and renamed into place only
when it is complete, so a failed or interrupted load leaves the previous store (or nothing) behind, never
half of one. Loading into a leadgraph store replaces it, as a build replaces its outputs; a folder that
is not a leadgraph store (and is not empty) is refused.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graph.errors import StoreError

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["DESCRIPTION_FILE", "OXIGRAPH_FOLDER", "StoreInfo", "is_store", "load_store", "open_store",
           "oxigraph_location", "process_alive", "require_loadable", "store_info"]

DESCRIPTION_FILE = "leadgraph-store.json"
"""The file in a store folder that says what the store holds (and that it is a leadgraph store)."""

OXIGRAPH_FOLDER = "oxigraph"
"""The folder inside a store folder that holds the Oxigraph store."""

_KIND = "leadgraph-store"
_LAYOUT = 1  # the layout of a store folder; a later leadgraph that changes it raises this


@dataclass(frozen=True)
class StoreInfo:
    """What a store holds: where it was loaded from, how many triples, and which build (date, version)."""

    folder: Path
    source: str
    triples: int
    created: str | None = None
    version: str | None = None

    def describe(self) -> str:
        """One line for people: ``8,378 triples loaded from build/leadership.ttl (the build of ...)``.

        >>> StoreInfo(Path("s"), "build/leadership.ttl", 8378, "2025-01-02T03:04:05Z", "0.1.0").describe()
        '8,378 triples loaded from build/leadership.ttl (the build of 2025-01-02T03:04:05Z, leadgraph 0.1.0)'
        """
        build = ", ".join(part for part in (self.created, self.version and f"leadgraph {self.version}") if part)
        return f"{self.triples:,} triples loaded from {self.source}" + (f" (the build of {build})" if build else "")


def oxigraph_location(folder: Path) -> Path:
    """The Oxigraph store inside a store folder (what ``oxigraph serve-read-only --location`` takes)."""
    return Path(folder) / OXIGRAPH_FOLDER


def is_store(folder: Path) -> bool:
    """True when ``folder`` is a leadgraph store folder (it holds the description file)."""
    return (Path(folder) / DESCRIPTION_FILE).is_file()


def store_info(folder: Path) -> StoreInfo:
    """What the store in ``folder`` holds, from its description file; a :class:`StoreError` in one line
    when there is no store there, or the folder is not a leadgraph store."""
    folder = Path(folder)
    if not folder.exists():
        raise StoreError(f"no leadgraph store at {folder}: the folder does not exist "
                         f"(`leadgraph store load {folder}` makes one from the build)")
    if not folder.is_dir():
        raise StoreError(f"{folder} is a file, not a leadgraph store folder")
    if not is_store(folder):
        raise StoreError(f"{folder} is not a leadgraph store: it has no {DESCRIPTION_FILE} "
                         f"(`leadgraph store load DIR` makes one from the build)")
    path = folder / DESCRIPTION_FILE
    try:
        fields = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(fields, dict) or fields.get("kind") != _KIND:
            raise ValueError(f"its kind is not {_KIND!r}")
        if fields.get("layout") != _LAYOUT:
            raise ValueError(f"layout {fields.get('layout')!r}, where this leadgraph reads layout {_LAYOUT}")
        return StoreInfo(folder, str(fields["source"]), int(fields["triples"]), fields.get("created"),
                         fields.get("version"))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
        reason = str(error) if not isinstance(error, KeyError) else f"no {error} field"
        raise StoreError(f"{path}: not a valid leadgraph store description ({_first_line(reason)}); "
                         f"load the store again with `leadgraph store load {folder}`") from None


def open_store(folder: Path) -> ox.Store:
    """The store in ``folder``, opened read-only (other processes may read it at the same time).

    A missing folder, a folder that is not a leadgraph store and a damaged store are each a one-line
    :class:`StoreError`.
    """
    store_info(folder)
    try:
        return ox.Store.read_only(str(oxigraph_location(folder)))
    except OSError as error:
        raise StoreError(f"{folder}: its Oxigraph store cannot be opened ({_first_line(str(error))}); "
                         f"load it again with `leadgraph store load {folder}`") from None


def load_store(source: Path | Graph, folder: Path, origin: str | None = None) -> StoreInfo:
    """Bulk-load ``source`` (a graph file, or a graph in memory) into a new store at ``folder``, atomically.

    ``folder`` may be missing, empty, or a leadgraph store (which is replaced); anything else is refused.
    ``origin`` says where the graph came from in the description (default: the file's absolute path).
    """
    folder = Path(folder)
    require_loadable(folder)
    in_memory = not isinstance(source, (str, Path))
    origin = origin or ("a graph in memory" if in_memory else str(Path(source).resolve()))
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        _sweep_abandoned_loads(folder)
        staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.loading-{os.getpid()}-"))
        staging.chmod(_folder_mode())  # mkdtemp makes it private; a store is as readable as any folder made here
    except OSError as error:
        raise StoreError(f"cannot write a store beside {folder}: {error.strerror or error}") from None
    try:
        triples, created, version = _fill(oxigraph_location(staging), source)
        info = StoreInfo(folder, origin, triples, created, version)
        _write_description(staging, info)
        _move_into_place(staging, folder)
    except StoreError:
        raise
    except OSError as error:
        raise StoreError(f"cannot write the store {folder}: {_first_line(str(error))}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return info


def require_loadable(folder: Path) -> None:
    """Refuse a target for a load that is a file, or a folder holding anything but a leadgraph store
    (a missing folder, an empty one and a leadgraph store are fine)."""
    if not folder.exists() and not folder.is_symlink():
        return
    if folder.is_dir() and (is_store(folder) or not any(folder.iterdir())):
        return
    what = "a file" if not folder.is_dir() else f"a folder that is not a leadgraph store (it has no {DESCRIPTION_FILE})"
    raise StoreError(f"{folder} is {what}; load the store into a new or empty folder")


def _fill(location: Path, source: Path | Graph) -> tuple[int, str | None, str | None]:
    """Bulk-load the graph into a new Oxigraph store at ``location``; return its triple count and the
    build's date and leadgraph version (from its dataset description, when it has one)."""
    from graph.rdf.dataset import DATASET
    from graph.rdf.serialise import oxigraph_triples

    store = ox.Store(str(location))
    if not isinstance(source, (str, Path)):
        store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
                          for t in oxigraph_triples(source))
    else:
        rdf_format = ox.RdfFormat.from_extension(Path(source).suffix.lstrip(".")) or ox.RdfFormat.TURTLE
        try:
            store.bulk_load(path=str(source), format=rdf_format)
        except (SyntaxError, ValueError) as error:
            raise StoreError(f"{source}: cannot be read as {rdf_format.name}: {_first_line(str(error))}") from None
    store.flush()
    return (len(store), _dataset_value(store, DATASET, _DCTERMS + "created"),
            _dataset_value(store, DATASET, _DCTERMS + "hasVersion"))


_DCTERMS = "http://purl.org/dc/terms/"


def _dataset_value(store: ox.Store, dataset: str, predicate: str) -> str | None:
    """A value of the build's dataset description (``<dataset> predicate ?value``), if it has one."""
    for quad in store.quads_for_pattern(ox.NamedNode(dataset), ox.NamedNode(predicate), None, ox.DefaultGraph()):
        return quad.object.value
    return None


def _write_description(staging: Path, info: StoreInfo) -> None:
    fields = {"kind": _KIND, "layout": _LAYOUT, "source": info.source, "triples": info.triples,
              "created": info.created, "version": info.version}
    (staging / DESCRIPTION_FILE).write_text(json.dumps(fields, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _move_into_place(staging: Path, folder: Path) -> None:
    """Rename the finished store to ``folder``; a store already there is set aside first, put back if
    the rename fails, and removed once the new one is in place."""
    retired = None
    if folder.exists():
        retired = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.replaced-"))
        os.replace(folder, retired)
    try:
        os.replace(staging, folder)
    except OSError:
        if retired is not None:
            os.replace(retired, folder)
        raise
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


def _folder_mode() -> int:
    """The mode a plainly created folder gets under the current umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def _sweep_abandoned_loads(folder: Path) -> None:
    """Remove the hidden folders of loads into ``folder`` whose process has gone (killed mid-load)."""
    for candidate in folder.parent.glob(f".{folder.name}.loading-*"):
        pid = candidate.name.removeprefix(f".{folder.name}.loading-").split("-")[0]
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(candidate, ignore_errors=True)


def process_alive(pid: int) -> bool:
    """The process ``pid`` still runs (a folder it owns is in use); the sweeps of stale folders ask this."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _first_line(text: str, limit: int = 200) -> str:
    """A message on one line, cut to ``limit`` characters (RocksDB and parsers may say a lot)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit] + " ..."

