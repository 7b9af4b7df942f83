"""Where the project's folders are, so that every command works from any directory by default."""

from __future__ import annotations

from pathlib import Path

__all__ = ["BUILD_DIR", "DATA_DIR", "GRAPH_FILE", "ONTOLOGY_DIR", "PROJECT_ROOT", "QUERIES_DIR"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
QUERIES_DIR = ONTOLOGY_DIR / "queries"
BUILD_DIR = PROJECT_ROOT / "build"
GRAPH_FILE = BUILD_DIR / "leadership.ttl"
VIEW_FILE = "leadership.html"
"""File name of the HTML view in the build folder."""
