"""Write output files atomically: a failure never leaves a half-written file behind.

Every file is written to a temporary file beside its target and renamed over it only once all of them
have been written, so a build, an export or an edit of a curated file is whole or not there at all.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["write_atomically", "write_files"]


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
