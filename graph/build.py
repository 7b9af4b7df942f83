"""``leadgraph build``: curated data and ontology in, validated knowledge graph files out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from graph.assemble import assemble_graph
from graph.curation import Curated, load_curated
from graph.output import FORMATS, serialise, write_files
from graph.paths import BUILD_DIR, DATA_DIR, ONTOLOGY_DIR
from graph.validate import ShapeValidationError, validate_graph
from graph.vocabulary import Vocabulary, load_ontology

__all__ = ["BuildResult", "build", "build_graph"]


@dataclass(frozen=True)
class BuildResult:
    """What a build made: the graph, the curated data behind it, and the files written."""

    kg: Graph
    curated: Curated
    files: list[Path]


def build_graph(data_dir: Path = DATA_DIR, ontology_dir: Path = ONTOLOGY_DIR) -> tuple[Graph, Curated]:
    """Read, check, assemble and validate the graph, without writing anything.

    Raises ``CurationError`` for faulty curated data and ``ShapeValidationError`` when the assembled
    graph breaks a SHACL shape.
    """
    ontology = load_ontology(ontology_dir)
    vocabulary = Vocabulary.from_graph(ontology)
    curated = load_curated(data_dir, vocabulary)
    kg = assemble_graph(curated, ontology, vocabulary)
    report = validate_graph(kg, ontology_dir / "shapes.ttl")
    if not report.conforms:
        raise ShapeValidationError(report.text)
    return kg, curated


def build(data_dir: Path = DATA_DIR, ontology_dir: Path = ONTOLOGY_DIR,
          out_dir: Path = BUILD_DIR) -> BuildResult:
    """Build the graph and write ``leadership.ttl``, ``.jsonld`` and ``.nt`` into ``out_dir``.

    Nothing is written unless the whole build succeeds.
    """
    kg, curated = build_graph(data_dir, ontology_dir)
    contents = {out_dir / f"leadership{suffix}": serialise(kg, fmt) for fmt, suffix in FORMATS.items()}
    write_files(contents)
    return BuildResult(kg=kg, curated=curated, files=list(contents))
