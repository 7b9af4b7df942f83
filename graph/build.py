"""``leadgraph build``: curated data and ontology in, validated knowledge graph files out.

The build reads and checks the curated files, assembles the RDF graph, validates it against the SHACL
shapes, derives the concept graph and writes its figures back into the RDF, then writes every output
at once. Validation is the slowest step, so on a machine that can fork it runs in a child process
while the parent analyses and serialises; nothing is written until the child reports that the graph
conforms.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from rdflib import Graph

from graph.analysis.figures import add_figures
from graph.analysis.summary import ConceptAnalysis, analyse
from graph.assemble import assemble_graph
from graph.curation import Curated, load_curated
from graph.errors import ShapeValidationError
from graph.output import FORMATS, oxigraph_triples, serialise, write_files
from graph.paths import BUILD_DIR, DATA_DIR, ONTOLOGY_DIR, VIEW_FILE
from graph.validate import ShapeReport, validate_graph
from graph.view import render_view
from graph.vocabulary import Vocabulary, load_ontology

__all__ = ["BuildResult", "build", "build_graph"]


@dataclass(frozen=True)
class BuildResult:
    """What a build made: the graph, the curated data and analysis behind it, and the files written."""

    kg: Graph
    curated: Curated
    analysis: ConceptAnalysis
    files: list[Path]


def _validate_child(kg: Graph, shapes: Path, connection: Connection) -> None:
    """Child process body: validate and send the report back."""
    try:
        connection.send(validate_graph(kg, shapes))
    finally:
        connection.close()


def _start_validation(kg: Graph, shapes: Path) -> Callable[[], ShapeReport]:
    """Start validating ``kg``; return a function that waits for the report.

    With the fork start method the child shares the parent's graph copy-on-write, so nothing is
    pickled but the report. Where fork is not available the validation simply runs here.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        report = validate_graph(kg, shapes)
        return lambda: report
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_validate_child, args=(kg, shapes, sender), daemon=True)
    child.start()
    sender.close()

    def wait() -> ShapeReport:
        try:
            report = receiver.recv()
        except EOFError:
            raise RuntimeError(f"SHACL validation process ended without a report "
                               f"(exit code {child.exitcode})") from None
        finally:
            child.join()
            receiver.close()
        return report

    return wait


def _build(data_dir: Path, ontology_dir: Path,
           render: Callable[[Graph, ConceptAnalysis], dict[Path, bytes]] | None = None,
           ) -> tuple[Graph, Curated, ConceptAnalysis, dict[Path, bytes]]:
    """Assemble, validate (in parallel), analyse, and render outputs in memory."""
    ontology = load_ontology(ontology_dir)
    vocabulary = Vocabulary.from_graph(ontology)
    curated = load_curated(data_dir, vocabulary)
    kg = assemble_graph(curated, ontology, vocabulary)
    wait_for_report = _start_validation(kg, ontology_dir / "shapes.ttl")
    analysis = analyse(kg)
    add_figures(kg, analysis)
    contents = render(kg, analysis) if render else {}
    report = wait_for_report()
    if not report.conforms:
        raise ShapeValidationError(report.text)
    return kg, curated, analysis, contents


def build_graph(data_dir: Path = DATA_DIR, ontology_dir: Path = ONTOLOGY_DIR) -> tuple[Graph, Curated]:
    """Read, check, assemble, validate and analyse the graph, without writing anything.

    Raises ``CurationError`` for faulty curated data and ``ShapeValidationError`` when the assembled
    graph breaks a SHACL shape.
    """
    kg, curated, _, _ = _build(data_dir, ontology_dir)
    return kg, curated


def _renderer(out_dir: Path) -> Callable[[Graph, ConceptAnalysis], dict[Path, bytes]]:
    """Serialise the graph in every output format, and the HTML view, in memory."""
    def render(kg: Graph, analysis: ConceptAnalysis) -> dict[Path, bytes]:
        triples = oxigraph_triples(kg)
        contents = {out_dir / f"leadership{suffix}": serialise(kg, fmt, triples) for fmt, suffix in FORMATS.items()}
        contents[out_dir / VIEW_FILE] = render_view(analysis).encode("utf-8")
        return contents
    return render


def build(data_dir: Path = DATA_DIR, ontology_dir: Path = ONTOLOGY_DIR,
          out_dir: Path = BUILD_DIR) -> BuildResult:
    """Build the graph; write ``leadership.ttl``, ``.jsonld``, ``.nt`` and the ``.html`` view into ``out_dir``.

    Nothing is written unless the whole build succeeds.
    """
    kg, curated, analysis, contents = _build(data_dir, ontology_dir, _renderer(out_dir))
    write_files(contents)
    return BuildResult(kg=kg, curated=curated, analysis=analysis, files=list(contents))
