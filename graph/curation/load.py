"""Read and check every curated file of a data folder: sources, concepts and relations.

All faults of a file are collected and raised together in one :class:`~graph.errors.CurationError`, so
a curator fixes them in one pass. Nothing here writes a file.
"""

from __future__ import annotations

from pathlib import Path

from graph.curation.concepts import load_concepts
from graph.curation.records import Curated
from graph.curation.relations import load_relations
from graph.curation.sources import load_sources
from graph.curation.vocabulary import Vocabulary
from graph.memory import paused_gc

__all__ = ["load_curated"]


def load_curated(data_dir: Path, vocabulary: Vocabulary) -> Curated:
    """Read and check every curated file of ``data_dir``.

    Raises :class:`CurationError` listing every fault, each with its file and line. The cycle collector
    is paused meanwhile (see :mod:`graph.memory`).
    """
    with paused_gc():
        book, documents = load_sources(data_dir)
        concepts = load_concepts(data_dir, vocabulary)
        evidence = load_relations(data_dir, concepts, documents, vocabulary)
    return Curated(book=book, documents=documents, concepts=concepts, evidence=evidence)
