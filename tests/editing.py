"""Break a scratch copy of a curated file in one place, for the tests of bad input."""

from __future__ import annotations

from pathlib import Path


def replace_once(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in ``path`` by ``new``; return the line ``old`` started on."""
    text = path.read_text(encoding="utf-8")
    at = text.index(old)
    path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    return text[:at].count("\n") + 1
