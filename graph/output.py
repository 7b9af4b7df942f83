"""Serialise the knowledge graph deterministically and write files atomically.

Same graph, same bytes: Turtle from rdflib's sorted serializer, N-Triples sorted line by line,
JSON-LD with nodes ordered by ``@id`` and values ordered within each property. Every file is
written to a temporary file beside its target and renamed over it only once all of them have
been serialised, so a failure never leaves a half-written output behind.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from rdflib import Graph

from graph.namespace import PREFIXES

__all__ = ["FORMATS", "serialise", "write_atomically", "write_files"]

FORMATS = {"turtle": ".ttl", "json-ld": ".jsonld", "nt": ".nt"}
"""Output formats of ``leadgraph build`` and the suffix each is written with."""


def _sorted_jsonld(value: Any) -> Any:
    """Order JSON-LD nodes and value arrays so the text does not depend on graph iteration order."""
    if isinstance(value, dict):
        return {key: _sorted_jsonld(item) for key, item in sorted(value.items())}
    if isinstance(value, list):
        items = [_sorted_jsonld(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value


def serialise(kg: Graph, fmt: str) -> bytes:
    """The graph as bytes in ``fmt`` (turtle, nt or json-ld), the same bytes on every run."""
    if fmt == "nt":
        lines = kg.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
        return ("\n".join(sorted(line for line in lines if line)) + "\n").encode("utf-8")
    if fmt == "json-ld":
        document = json.loads(kg.serialize(format="json-ld", context=PREFIXES, auto_compact=True))
        return (json.dumps(_sorted_jsonld(document), indent=1, ensure_ascii=False) + "\n").encode()
    return kg.serialize(format=fmt, encoding="utf-8")


def _file_mode() -> int:
    """The mode a plainly created file gets under the current umask (mkstemp would give 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_files(contents: dict[Path, bytes]) -> None:
    """Write every file atomically: all temporary files first, then the renames."""
    mode = _file_mode()
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in contents.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
            staged.append((temporary, path))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, mode)
        for temporary, path in staged:
            os.replace(temporary, path)
    finally:
        for temporary, _ in staged:
            if os.path.exists(temporary):
                os.unlink(temporary)


def write_atomically(path: Path, data: bytes) -> None:
    """Write one file atomically."""
    write_files({path: data})
