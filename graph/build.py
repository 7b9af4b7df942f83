"""The orchestrator: curated data and ontology in, validated knowledge graph files out.

The build reads and checks the curated files, assembles the RDF graph, validates it against the SHACL
shapes, derives the concept graph and writes its figures back into the RDF, then writes every output
at once. Validation takes as long as the analysis, so on a machine that can fork it runs in a child process
while the parent analyses and serialises; nothing is written until the child reports that the graph
conforms.

The graph is held as Oxigraph triples (:class:`~graph.rdf.triples.TripleSet`) from assembly to
serialisation; an rdflib graph is made only when asked for (:attr:`BuildResult.kg`, :func:`build_graph`).

It is also the one place that decides where the graph every other command reads comes from: the
build output when there is one, otherwise an in-memory build of the project (:func:`current_triples`,
:func:`current_graph`).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from graph.alongside import alongside, standing_by
from graph.analysis.figures import add_figures
from graph.analysis.summary import ConceptAnalysis, analyse
from graph.curation import Curated, load_curated
from graph.curation.vocabulary import Vocabulary, load_ontology
from graph.errors import ShapeValidationError
from graph.files import write_files
from graph.memory import paused_gc
from graph.namespace import source_iri
from graph.paths import Project, find_project
from graph.rdf.assemble import assemble_graph
from graph.rdf.dataset import add_dataset_description, source_date
from graph.rdf.load import load_graph_file, read_triples
from graph.rdf.serialise import FORMATS, oxigraph_triples, serialise
from graph.rdf.triples import TripleSet
from graph.rdf.validate import validate_graph

__all__ = ["BuildResult", "Stopwatch", "build", "build_graph", "current_graph", "current_triples", "graph_source"]


class Stopwatch:
    """Seconds per step of a build, in the order the steps ran: what ``leadgraph build --timings`` prints.

    >>> watch = Stopwatch()
    >>> watch.lap("read"); list(watch.steps)
    ['read']
    """

    def __init__(self) -> None:
        self.steps: dict[str, float] = {}
        self._mark = time.perf_counter()

    def lap(self, step: str) -> None:
        """Charge the time since the last lap to ``step``."""
        now = time.perf_counter()
        self.steps[step] = self.steps.get(step, 0.0) + now - self._mark
        self._mark = now


@dataclass(frozen=True)
class BuildResult:
    """What a build made: the graph's triples, the curated data and analysis behind it, the files written,
    and the seconds each step took; :attr:`kg` is the graph as rdflib's, made on first use."""

    triples: TripleSet
    curated: Curated
    analysis: ConceptAnalysis
    files: list[Path]
    timings: dict[str, float]

    @cached_property
    def kg(self) -> Graph:
        """The graph as an rdflib graph, for SPARQL and notebooks (made from :attr:`triples` when first asked
        for: the build itself never needs one)."""
        return self.triples.rdflib_graph()


Renderer = Callable[[TripleSet, Stopwatch], dict[Path, bytes]]


def _build(project: Project, render: Renderer | None = None, watch: Stopwatch | None = None,
           ) -> tuple[TripleSet, Curated, ConceptAnalysis, dict[Path, bytes]]:
    """Assemble, validate (in parallel), analyse, and render outputs in memory, timing each step."""
    with paused_gc():  # see graph.memory: at K=16 the collector's passes took a third of the build
        return _build_steps(project, render, watch or Stopwatch())


def _build_steps(project: Project, render: Renderer | None, watch: Stopwatch,
                 ) -> tuple[TripleSet, Curated, ConceptAnalysis, dict[Path, bytes]]:
    """The steps of :func:`_build`, in order; validation and the view run alongside (see
    :mod:`graph.alongside`)."""
    ontology = load_ontology(project.ontology)
    vocabulary = Vocabulary.from_graph(ontology)
    curated = load_curated(project.data, vocabulary)
    watch.lap("read and check curated data")
    # forked now, the view's child imports and loads what it needs while this process assembles
    viewer = standing_by("the HTML view", _prepare_view, len(curated.concepts)) if render else None
    try:
        kg = assemble_graph(curated, ontology, vocabulary)
        watch.lap("assemble RDF")
        validation = alongside("SHACL validation", validate_graph, kg, project.shapes)
        watch.lap("start SHACL validation")
        analysis = analyse(kg)
        watch.lap("analysis")
        view = viewer.run(_view_page, analysis, f"leadgraph: {curated.book.title}") if viewer else None
    except BaseException:
        if viewer is not None:
            viewer.cancel()
        raise
    add_figures(kg, analysis)
    add_dataset_description(kg, source_date([project.data, project.ontology]),
                            sorted(source_iri(d) for d in curated.documents), curated.book.license)
    watch.lap("figures and dataset description")
    contents = render(kg, watch) if render else {}
    if view is not None:
        contents[project.view_file] = view.result().encode("utf-8")
        watch.lap("wait for the HTML view")
        watch.steps["HTML view (alongside)"] = view.seconds
    report = validation.result()
    watch.lap("wait for SHACL")
    watch.steps["SHACL validation (alongside)"] = report.seconds
    if not report.conforms:
        raise ShapeValidationError(report.text)
    return kg, curated, analysis, contents


def build_graph(data_dir: Path | None = None, ontology_dir: Path | None = None) -> tuple[Graph, Curated]:
    """Read, check, assemble, validate and analyse the graph, without writing anything.

    The folders default to the project's (see :func:`graph.paths.find_project`). Raises
    ``CurationError`` for faulty curated data and ``ShapeValidationError`` when the assembled graph
    breaks a SHACL shape.
    """
    triples, curated, _, _ = _build(find_project(data_dir, ontology_dir))
    return triples.rdflib_graph(), curated


def _prepare_view(concepts: int) -> None:
    """In the view's child, while the parent assembles and analyses: import the view stage, and load the
    compiled layout when a graph of ``concepts`` concepts will use it."""
    from graph.view import render_view  # noqa: F401 - imported now, used when the analysis arrives
    from graph.view.forceatlas import ARRAY_LIMIT, load_compiled

    if concepts > ARRAY_LIMIT:
        load_compiled()


def _view_page(analysis: ConceptAnalysis, title: str) -> str:
    """The HTML view, importing the view stage (pyvis, jinja2) only in the process that draws it."""
    from graph.view import render_view

    return render_view(analysis, title=title)


def _renderer(project: Project) -> Renderer:
    """Serialise the graph in every output format, in memory (the view is made alongside)."""
    def render(kg: TripleSet, watch: Stopwatch) -> dict[Path, bytes]:
        triples = oxigraph_triples(kg)
        contents = {project.graph_file.with_suffix(suffix): serialise(kg, fmt, triples)
                    for fmt, suffix in FORMATS.items()}
        watch.lap("serialise ttl, json-ld, nt")
        return contents
    return render


def build(data_dir: Path | None = None, ontology_dir: Path | None = None, out_dir: Path | None = None) -> BuildResult:
    """Build the graph; write ``leadership.ttl``, ``.jsonld``, ``.nt`` and the ``.html`` view into ``out_dir``.

    The folders default to the project's (see :func:`graph.paths.find_project`). Nothing is written
    unless the whole build succeeds.
    """
    project = find_project(data_dir, ontology_dir, out_dir)
    watch = Stopwatch()
    kg, curated, analysis, contents = _build(project, _renderer(project), watch)
    write_files(contents)
    watch.lap("write files")
    return BuildResult(triples=kg, curated=curated, analysis=analysis, files=list(contents), timings=watch.steps)


def _graph_file(graph_path: Path | None) -> Path | None:
    """The graph file to read: ``graph_path`` when given, else the project's build output; ``None`` (with a
    note on standard error) when the project has not been built yet."""
    if graph_path is not None:
        return Path(graph_path)
    project = find_project()
    if project.graph_file.exists():
        return project.graph_file
    print(f"note: {project.graph_file} not found; building the graph in memory "
          "(run `leadgraph build` to write it)", file=sys.stderr)
    return None


def graph_source(graph_path: Path | None = None) -> Path | Graph:
    """Where the graph to read comes from: ``graph_path`` when given, else the project's build output,
    else (when the project has not been built yet) an in-memory build of it.

    Engines that load files faster than they convert a graph (Oxigraph) take the path; an explicit
    ``graph_path`` must exist.
    """
    path = _graph_file(graph_path)
    return path if path is not None else _build(find_project())[0].rdflib_graph()


def current_triples(graph_path: Path | None = None) -> list[ox.Triple] | TripleSet:
    """The triples of the graph the analysis commands read (see :func:`graph_source`), parsed by Oxigraph:
    what reads only triples needs no rdflib graph."""
    path = _graph_file(graph_path)
    return read_triples(path) if path is not None else _build(find_project())[0]


def current_graph(graph_path: Path | None = None) -> Graph:
    """The graph the query commands and notebooks read, as an rdflib graph (see :func:`graph_source`)."""
    source = graph_source(graph_path)
    return source if isinstance(source, Graph) else load_graph_file(source)
