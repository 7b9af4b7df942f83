"""Writing outputs atomically: every file or none, and no temporary file left behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.files import write_files


def test_every_file_is_written_whole(tmp_path: Path) -> None:
    contents = {tmp_path / f"out{i}.txt": bytes([65 + i]) * (100_000 * (i + 1)) for i in range(4)}
    write_files(contents)
    assert {path: path.read_bytes() for path in contents} == contents
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in contents)


def test_one_file_that_cannot_be_written_leaves_every_target_as_it_was(tmp_path: Path) -> None:
    kept = tmp_path / "kept.txt"
    kept.write_bytes(b"old")
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(OSError):
        write_files({kept: b"new", tmp_path / "fresh.txt": b"new", blocker / "inside.txt": b"new"})
    assert kept.read_bytes() == b"old"
    assert not (tmp_path / "fresh.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker", "kept.txt"]  # no temporary file left
