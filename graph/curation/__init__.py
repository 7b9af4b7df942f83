"""Curation: read and check the curated files (sources, concepts, relations) and the vocabulary.

The first stage of the pipeline. It turns ``data/`` and ``ontology/leadgraph.ttl`` into checked Python
records (:class:`Curated`), every quote located in its document; any fault is reported with its file,
line and entry.
"""

from graph.curation.load import load_curated
from graph.curation.naming import names_concept, unnamed_ends
from graph.curation.records import Book, Concept, Curated, Document, Evidence
from graph.curation.vocabulary import Vocabulary, load_ontology

__all__ = ["Book", "Concept", "Curated", "Document", "Evidence", "Vocabulary", "load_curated", "load_ontology",
           "names_concept", "unnamed_ends"]
