"""The repository's own project folder: the shipped Fairholm data, ontology and saved queries."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
ONTOLOGY_DIR = ROOT / "ontology"
QUERIES_DIR = ONTOLOGY_DIR / "queries"
