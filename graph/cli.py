"""The ``leadgraph`` command: a thin layer that parses options, calls a library function and prints.

Errors are handled in one place: :class:`LeadgraphGroup` turns any :class:`~graph.errors.LeadgraphError`
into ``leadgraph: <message>`` on standard error and the error's exit status. Heavy libraries are
imported inside the commands, so that ``leadgraph --help`` and light commands start quickly.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from graph.analysis.measures import MEASURES
from graph.errors import LeadgraphError, UsageError
from graph.paths import VIEW_FILE, find_project
from graph.sparql import ENGINES
from graph.tables import FORMATS, emit, table_width

if TYPE_CHECKING:
    from graph.analysis import ConceptAnalysis
    from graph.sparql.endpoint import Credentials
    from graph.sparql.engines import Engine

GRAPH_OPTION = click.option("--graph", "graph_path", type=click.Path(path_type=Path), default=None,
                            help="Graph file to read [default: the project's build/leadership.ttl, or an "
                                 "in-memory build of the project when that is missing].")


class LeadgraphGroup(click.Group):
    """A click group that reports every leadgraph error as one line (or one report) and its exit status."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LeadgraphError as error:
            click.echo(f"leadgraph: {error}", err=True)
            ctx.exit(error.status)


def _analysis(graph_path: Path | None) -> ConceptAnalysis:
    """The analysis of the graph the command reads."""
    from graph.analysis import analyse
    from graph.build import current_triples
    return analyse(current_triples(graph_path))


def _quote_line(item: dict) -> str:
    context = f" [{item['context']}]" if item.get("context") else ""
    return (f"      \"{' '.join(item['quote'].split())}\"\n"
            f"        {item['document_title']}, characters {item['start']}-{item['end']}{context}")


def _prose(text: str, wide: bool = False) -> None:
    """A paragraph, wrapped to the width tables fit (unless ``wide``)."""
    import textwrap
    end = "\n" if text.endswith("\n") else ""
    click.echo(text if wide else textwrap.fill(text.rstrip("\n"), table_width(), break_long_words=False,
                                                break_on_hyphens=False) + end)


def _json(value: object) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


@click.group(cls=LeadgraphGroup)
@click.version_option(package_name="leadgraph")
def main() -> None:
    """leadgraph: a knowledge graph of leadership concepts, every link with its quote.

    Commands work on the project in the current folder (or the nearest parent holding data/sources.yaml).
    """


@main.command("init")
@click.argument("folder", type=click.Path(path_type=Path))
def init_command(folder: Path) -> None:
    """Write a small, buildable project into FOLDER, to replace with your own texts."""
    from graph.starter import init_project
    written = init_project(folder)
    click.echo(f"Wrote a leadgraph project into {folder}:")
    for path in written:
        click.echo(f"  {path}")
    click.echo(f"Next: cd {folder} && leadgraph build")


@main.command("build")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
              help="Folder of curated sources, concepts and relations [default: the project's data/].")
@click.option("--ontology", "ontology_dir", type=click.Path(path_type=Path), default=None,
              help="Folder of the OWL vocabulary and SHACL shapes [default: the project's ontology/, "
                   "or the one leadgraph ships].")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Folder the outputs are written to [default: the project's build/].")
@click.option("--timings", is_flag=True, help="Also print the seconds each step took, on standard error.")
def build_command(data_dir: Path | None, ontology_dir: Path | None, out_dir: Path | None, timings: bool) -> None:
    """Build, validate, analyse and write the knowledge graph from the curated data."""
    from graph.build import build
    from graph.curation.warnings import curation_warnings
    started = time.perf_counter()
    result = build(data_dir, ontology_dir, out_dir)
    curated = result.curated
    for warning in curation_warnings(curated, find_project(data_dir).data):
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"Built {len(curated.concepts)} concepts, {result.analysis.G.number_of_edges()} relations from "
               f"{len(curated.evidence)} quotes, {len(result.triples)} triples in "
               f"{time.perf_counter() - started:.2f} s:")
    for path in result.files:
        click.echo(f"  {path}")
    if timings:
        for step, seconds in result.timings.items():
            click.echo(f"timing: {step:<32} {seconds:7.3f} s", err=True)


@main.command("view")
@click.option("--out", "out_path", type=click.Path(path_type=Path), default=None,
              help=f"HTML file to write [default: the project's build/{VIEW_FILE}].")
@GRAPH_OPTION
def view_command(out_path: Path | None, graph_path: Path | None) -> None:
    """Write the interactive HTML view of the graph (leadgraph build writes it too)."""
    from graph.files import write_atomically
    from graph.view import render_view
    analysis = _analysis(graph_path)
    out_path = out_path or find_project().view_file
    write_atomically(out_path, render_view(analysis).encode("utf-8"))
    click.echo(f"Wrote {out_path}: open it in a browser (it works offline).")


WIDE_OPTION = click.option("--wide", is_flag=True,
                           help="Every column at full width, however wide the terminal [default: fit it].")
TOP_CHOICE = click.IntRange(min=0)


@main.command("analyse")
@click.option("--measure", type=click.Choice(MEASURES), default="betweenness", show_default=True,
              help="Measure to rank by.")
@click.option("--top", type=TOP_CHOICE, default=15, show_default=True, help="Rows of the table (0 for all).")
@click.option("--class", "class_label", default=None, help="Only concepts of this class (its label).")
@click.option("--community", type=int, default=None, help="Only concepts of this community.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="json, csv and tsv print every concept that passes the filters.")
@WIDE_OPTION
@GRAPH_OPTION
def analyse_command(measure: str, top: int, class_label: str | None, community: int | None, fmt: str,
                    wide: bool, graph_path: Path | None) -> None:
    """Rank concepts by a centrality measure, with every measure and their community.

    The rank is each concept's rank among all concepts, also when --class or --community filter them.
    """
    from graph.analysis.reports import RANKING_COLUMNS, RANKING_TABLE, ranking_rows, ranking_title
    analysis = _analysis(graph_path)
    rows = ranking_rows(analysis, measure, class_label, community)
    if fmt != "table":
        emit(rows, RANKING_COLUMNS, fmt)
        return
    columns, headers, optional = RANKING_TABLE.columns(measure, wide)
    emit(rows[:top] if top else rows, columns, "table", title=ranking_title(analysis, measure, rows, top,
                                                                           class_label, community),
         headers=headers, optional=optional, wide=wide, digits=3)


@main.command("path")
@click.argument("source")
@click.argument("target")
@click.option("--limit", type=int, default=5, show_default=True, help="Most chains to show.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@GRAPH_OPTION
def path_command(source: str, target: str, limit: int, fmt: str, graph_path: Path | None) -> None:
    """The shortest chains of relations between two concepts, with the quote behind each step."""
    from graph.analysis import concept_paths
    from graph.analysis.names import resolve_concept
    from graph.analysis.reports import path_rows
    analysis = _analysis(graph_path)
    start, end = resolve_concept(analysis.G, source), resolve_concept(analysis.G, target)
    paths = concept_paths(analysis.G, start, end, limit=limit)
    label = analysis.label
    if fmt == "json":
        _json(path_rows(analysis, paths))
        return
    if not paths:
        click.echo(f"No chain of relations links {label(start)} and {label(end)}.")
        return
    hops = len(paths[0].concepts) - 1
    click.echo(f"{label(start)} to {label(end)}: {len(paths)} shortest chain(s) of {hops} step(s)\n")
    for number, path in enumerate(paths, start=1):
        click.echo(f"{number}. " + " - ".join(label(c) for c in path.concepts))
        for hop in path.hops:
            for step in hop:
                click.echo(f"   {label(step.subject)} {step.type} {label(step.object)}")
                for item in step.evidence:
                    click.echo(_quote_line(item))
        click.echo()


@main.command("concept")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@GRAPH_OPTION
def concept_command(name: str, fmt: str, graph_path: Path | None) -> None:
    """A concept's labels, definition, figures and every relation with its quotes."""
    from graph.analysis.names import resolve_concept
    from graph.analysis.reports import concept_card
    analysis = _analysis(graph_path)
    card = concept_card(analysis, resolve_concept(analysis.G, name))
    if fmt == "json":
        _json(card)
        return
    m = card["measures"]
    click.echo(f"{card['label']} ({card['class']})  {card['concept']}")
    if card["synonyms"]:
        click.echo(f"  also: {', '.join(card['synonyms'])}")
    click.echo(f"  {card['definition']}")
    click.echo(f"  degree {m['degree']} (in {m['in_degree']}, out {m['out_degree']}), betweenness "
               f"{m['betweenness']:.4f}, pagerank {m['pagerank']:.4f}, community {card['community']}\n")
    for relation in card["relations"]:
        click.echo(f"  {relation['subject_label']} {relation['type']} {relation['object_label']}")
        for item in relation["evidence"]:
            click.echo(_quote_line(item))


@main.command("gaps")
@click.option("--top", type=TOP_CHOICE, default=10, show_default=True, help="Rows of the table (0 for all).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@WIDE_OPTION
@GRAPH_OPTION
def gaps_command(top: int, fmt: str, wide: bool, graph_path: Path | None) -> None:
    """Structural gaps: pairs of communities with few links, the concepts that bridge them, and the
    relations whose loss would split the graph."""
    from graph.analysis.reports import bridge_rows, gap_rows
    analysis = _analysis(graph_path)
    rows = gap_rows(analysis)
    columns = ["first", "second", "links", "density", "brokers"]
    if fmt != "table":
        emit(rows, columns + (["broker_iris"] if fmt == "json" else []), fmt)
        return
    emit(rows[:top] if top else rows, columns, fmt, wide=wide, digits=3,
         title="Community pairs (a community by its number and best-connected concepts), most thinly linked "
               "first; brokers ranked by betweenness")
    bridges = [f"{row['first']} - {row['second']} ({row['cut_off']})" for row in bridge_rows(analysis)]
    _prose(f"Relations whose loss would cut concepts off (how many): {'; '.join(bridges) or 'none'}", wide)


@main.command("documents")
@click.option("--top", type=TOP_CHOICE, default=10, show_default=True, help="Concepts listed per document.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@WIDE_OPTION
@GRAPH_OPTION
def documents_command(top: int, fmt: str, wide: bool, graph_path: Path | None) -> None:
    """Which concepts each text stresses, which they share and which only one has."""
    from graph.analysis.reports import document_rows
    analysis = _analysis(graph_path)
    rows = document_rows(analysis)
    if fmt != "table":
        emit(rows, ["document", "concept", "label", "relations", "in_other_documents"], fmt)
        return
    titles = list(dict.fromkeys(str(row["document"]) for row in rows))
    for title in titles:
        mine = [row for row in rows if row["document"] == title]
        emit([{"concept": row["label"], "relations": row["relations"]} for row in mine[:top]],
             ["concept", "relations"], "table", title=f"{title}: concepts it stresses most", wide=wide)
        only = sorted(str(row["label"]) for row in mine if not row["in_other_documents"])
        _prose(f"Only in {title} ({len(only)}): {', '.join(only)}\n", wide)
    by_document = [{row["concept"] for row in rows if row["document"] == title} for title in titles]
    common = set.intersection(*by_document) if by_document else set()
    shared = sorted({str(row["label"]) for row in rows if row["concept"] in common})
    _prose(f"In both ({len(shared)}): {', '.join(shared)}", wide)


EXPORT_FORMATS = ("graphml", "gexf", "csv", "jsonld", "ttl", "nt")
"""``export --format`` choices: the concept-graph formats of graph.analysis.export, then the RDF formats."""


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="graphml and gexf (Gephi, Cytoscape) and csv (a nodes and an edges file) hold the concept "
                   "graph with its measures and quotes; jsonld, ttl and nt the whole RDF graph.")
@click.option("--out", "out_path", type=click.Path(path_type=Path), default=None,
              help="File to write, - for standard output (not csv) [default: build/leadership.SUFFIX; for csv "
                   "build/leadership-nodes.csv and -edges.csv].")
@GRAPH_OPTION
def export_command(fmt: str, out_path: Path | None, graph_path: Path | None) -> None:
    """Write the graph in a format for other tools."""
    from graph.analysis.export import GRAPH_FORMATS, export_files
    from graph.build import current_triples
    from graph.files import write_files
    from graph.rdf.serialise import FORMATS as RDF_FORMATS
    from graph.rdf.serialise import SHORT_NAMES, serialise
    to_stdout = str(out_path) == "-"
    if to_stdout and fmt == "csv":
        raise click.UsageError("csv writes two files; give --out a file name, not -")
    kg = current_triples(graph_path)
    if fmt in GRAPH_FORMATS:
        from graph.analysis import analyse
        target = Path("-") if to_stdout else out_path or find_project().graph_file.with_suffix(GRAPH_FORMATS[fmt])
        contents = export_files(analyse(kg), fmt, target)
    else:
        rdf_format = SHORT_NAMES[fmt]
        target = Path("-") if to_stdout else out_path or find_project().graph_file.with_suffix(RDF_FORMATS[rdf_format])
        contents = {target: serialise(kg, rdf_format)}
    if to_stdout:
        click.echo(contents[target], nl=False)
        return
    try:
        write_files(contents)
    except OSError as error:
        raise LeadgraphError(f"cannot write {error.filename or next(iter(contents))}: {error.strerror}") from None
    for path in contents:
        click.echo(f"Wrote {path}")


# --- suggest and review ------------------------------------------------------------------------------

SUGGEST_FORMATS = ("table", "json", "yaml")


@main.command("add-document")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--id", "document_id", required=True, help="Short id for the document, like ch05.")
@click.option("--title", required=True, help="The document's title.")
@click.option("--url", default=None, help="Where the text can be read (http or https).")
@click.option("--chapter", type=int, default=None, help="Its chapter number.")
def add_document_command(file: Path, document_id: str, title: str, url: str | None, chapter: int | None) -> None:
    """Copy a UTF-8 text into the project's data/sources/ and register it in sources.yaml."""
    from graph.review import add_document
    target = add_document(find_project(), file, document_id, title, url, chapter)
    click.echo(f"Added {target} as document {document_id!r}. Next: leadgraph suggest {document_id} --format yaml")


@main.command("suggest")
@click.argument("source")
@click.option("--format", "fmt", type=click.Choice(SUGGEST_FORMATS), default="table", show_default=True,
              help="yaml writes the review file data/review/ID.yaml for a registered document.")
@click.option("--force", is_flag=True, help="Replace a review file that holds decisions not yet accepted.")
@click.option("--min-score", type=click.FloatRange(0, 1), default=None,
              help="Review file: relations from this score up [default: 0.45].")
@click.option("--min-concept-score", type=click.FloatRange(0, 1), default=None,
              help="Review file: new concepts from this score up [default: 0.5].")
def suggest_command(source: str, fmt: str, force: bool, min_score: float | None,
                    min_concept_score: float | None) -> None:
    """Propose concepts and quoted relations for a text: a registered document id or a UTF-8 file."""
    from graph.review import suggestions_for, write_review
    try:
        project = find_project()
    except LeadgraphError:
        project = None  # a plain text file can be read without a project, and without prior knowledge
    suggestions, document_id = suggestions_for(source, project)
    if fmt == "json":
        _json(suggestions)
    elif fmt == "yaml":
        if project is None or document_id is None:
            raise LeadgraphError(f"{source!r} is not a registered document: register it with `leadgraph "
                                 "add-document` first, so that the review file can name it")
        from graph.review import MIN_CONCEPT_SCORE, MIN_RELATION_SCORE
        path = write_review(project, document_id, suggestions, force,
                            MIN_CONCEPT_SCORE if min_concept_score is None else min_concept_score,
                            MIN_RELATION_SCORE if min_score is None else min_score)
        click.echo(f"Wrote {path}: set each decision to accept or reject, then run `leadgraph accept {document_id}`.")
    else:
        from graph.suggest.report import suggestion_report
        click.echo(suggestion_report(suggestions), nl=False)


@main.command("accept")
@click.argument("document_id")
def accept_command(document_id: str) -> None:
    """Move the accepted entries of data/review/ID.yaml into concepts.yaml and relations.yaml."""
    from graph.review import accept
    done = accept(find_project(), document_id)
    click.echo(f"Accepted {done.concepts} concept(s) and {done.relations} relation(s); remembered "
               f"{done.rejected} rejection(s); {done.pending} entr{'y' if done.pending == 1 else 'ies'} still "
               "pending. Run `leadgraph build` to rebuild the graph.")


@main.group("store")
def store_group() -> None:
    """A persistent Oxigraph store of the build, for large graphs: load it once, then query and serve it
    (`query --store DIR`, `serve --store DIR`) without loading anything again."""


@store_group.command("load")
@click.argument("folder", type=click.Path(path_type=Path))
@GRAPH_OPTION
def store_load_command(folder: Path, graph_path: Path | None) -> None:
    """Bulk-load the build into a new on-disk store in FOLDER, replacing the leadgraph store there.

    The load is atomic: a failed one leaves the previous store as it was. A FOLDER holding anything but a
    leadgraph store is refused.
    """
    from graph.build import graph_source
    from graph.rdf.load import require_graph_file
    from graph.sparql.store import is_store, load_store, require_loadable
    require_loadable(folder)  # before building anything
    source = graph_source(graph_path)
    if isinstance(source, Path):
        require_graph_file(source)
    replacing = is_store(folder)
    started = time.perf_counter()
    info = load_store(source, folder, origin=str(source) if isinstance(source, Path) else "an in-memory build")
    click.echo(f"{'Replaced' if replacing else 'Wrote'} the store {folder} in {time.perf_counter() - started:.2f} s: "
               f"{info.describe()}.")
    click.echo(f"Query it with `leadgraph query NAME --store {folder}`; "
               f"serve it with `leadgraph serve --store {folder}`.")


@store_group.command("info")
@click.argument("folder", type=click.Path(path_type=Path))
def store_info_command(folder: Path) -> None:
    """Say what the store in FOLDER holds (and check that it opens)."""
    from graph.sparql.store import open_store, store_info
    info = store_info(folder)
    open_store(folder)
    click.echo(f"{folder}: {info.describe()}")


# --- SPARQL ------------------------------------------------------------------------------------------

def _queries_dir() -> Path:
    """The saved queries: the project's, or, outside any project, those that ship with leadgraph."""
    from graph.paths import packaged_ontology
    try:
        return find_project().queries
    except LeadgraphError:
        return packaged_ontology() / "queries"


@main.command("query")
@click.argument("query", required=False)
@click.option("--list", "list_saved", is_flag=True, help="List the saved queries with their questions.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="json is the SPARQL 1.1 Query Results JSON Format. CONSTRUCT and DESCRIBE always print Turtle.")
@click.option("--engine", type=click.Choice(ENGINES), default=None,
              help="oxigraph is much faster on large graphs [default: rdflib; oxigraph with --store].")
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=None,
              help="Query a store that `leadgraph store load` wrote, in process and read-only, instead of a file.")
@click.option("--endpoint", default=None, help="Query a SPARQL 1.1 Protocol endpoint instead, e.g. "
                                               "http://127.0.0.1:7878/query.")
@click.option("--graph-uri", default=None, help="With --endpoint: the named graph to query as the default graph "
                                                "(sent as default-graph-uri), e.g. the one `leadgraph push` loaded.")
@WIDE_OPTION
@GRAPH_OPTION
def query_command(query: str | None, list_saved: bool, fmt: str, engine: str | None, store_dir: Path | None,
                  endpoint: str | None, graph_uri: str | None, wide: bool, graph_path: Path | None) -> None:
    """Run a SPARQL query: text, a .rq file, the name of a saved query in ontology/queries/, or - to read
    the query from standard input. Only read-only queries run; updates are refused.

    The prefixes lg, lgc, lgs, skos, rdf, rdfs, owl, prov, oa, dcterms, xsd and void are declared for you.
    """
    from graph.sparql.saved import query_text, saved_queries
    queries_dir = _queries_dir()
    if list_saved:
        rows = [{"name": q.name, "question": q.question} for q in saved_queries(queries_dir).values()]
        emit(rows, ["name", "question"], fmt, wide=wide)
        return
    if not query:
        raise click.UsageError("give a query (text, a .rq file, a saved query name or - for standard input), "
                               "or --list")
    from graph.sparql.guard import require_query
    text = sys.stdin.read() if query == "-" else query_text(query, queries_dir)
    require_query(text)
    from graph.sparql.results import LABEL_QUERY, write_results
    runner = _query_runner(engine, store_dir, endpoint, graph_uri, graph_path)
    try:
        answer = runner.ask(text)
    except RecursionError:
        raise LeadgraphError("the query nests too deeply for the rdflib engine; try --engine oxigraph") from None
    if answer.turtle is not None:
        click.echo(answer.turtle.decode("utf-8"), nl=False)
        return
    labels = {}
    if fmt == "table":
        label_rows = runner.ask(LABEL_QUERY).results["results"]["bindings"]
        labels = {row["resource"]["value"]: row["label"]["value"] for row in label_rows}
    write_results(answer.results, fmt, sys.stdout, labels, wide)


def _query_runner(engine: str | None, store_dir: Path | None, endpoint: str | None, graph_uri: str | None,
                  graph_path: Path | None) -> Engine:
    """The engine ``leadgraph query`` runs on: an endpoint, a persistent store, or a graph file (or build)."""
    sources = [name for name, given in (("--graph", graph_path), ("--store", store_dir), ("--endpoint", endpoint))
               if given is not None]
    if len(sources) > 1:
        raise UsageError(f"give one of --graph, --store and --endpoint, not {' and '.join(sources)}")
    if graph_uri is not None and endpoint is None:
        raise UsageError("--graph-uri names the graph to query at an --endpoint; give --endpoint too")
    if endpoint is not None:
        from graph.sparql.endpoint import EndpointEngine
        return EndpointEngine(endpoint, graph_uri=graph_uri)
    if store_dir is not None:
        if engine not in (None, "oxigraph"):
            raise UsageError(f"a store is an Oxigraph store, queried by the oxigraph engine; "
                             f"leave out --engine {engine}")
        from graph.sparql.engines import OxigraphEngine
        from graph.sparql.store import open_store
        return OxigraphEngine(open_store(store_dir))
    from graph.build import graph_source
    from graph.sparql.engines import open_engine
    return open_engine(engine or "rdflib", graph_source(graph_path))


@main.command("serve")
@click.option("--port", type=int, default=7878, show_default=True, help="Port on 127.0.0.1 (1-65535).")
@click.option("--timeout", "timeout_s", type=int, default=30, show_default=True,
              help="Seconds after which a query is cut, whatever its form (503).")
@click.option("--max-bytes", type=int, default=50_000_000, show_default=True,
              help="Largest answer sent; a larger one is refused with 507.")
@click.option("--allow-service", is_flag=True, help="Run federated queries (SERVICE), which make this machine "
                                                   "send HTTP requests wherever a query says.")
@click.option("--graph", "graph_path", type=click.Path(path_type=Path), default=None,
              help="Graph file to serve [default: the project's build/leadership.ttl].")
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=None,
              help="Serve a store that `leadgraph store load` wrote, as it is, without loading anything.")
def serve_command(port: int, timeout_s: int, max_bytes: int, allow_service: bool, graph_path: Path | None,
                  store_dir: Path | None) -> None:
    """Serve the graph read-only over the SPARQL 1.1 Protocol, with a query page at / (the YASGUI editor and
    the project's saved queries). Queries get the prefixes lg, lgc, skos... declared when they use them."""
    from graph.sparql.serve import check_settings, serve
    check_settings(port, timeout_s, max_bytes)
    if graph_path is not None and store_dir is not None:
        raise UsageError("give --graph or --store, not both")
    files = [] if store_dir is not None else [graph_path or find_project().graph_file]
    sys.exit(serve(files, port=port, timeout_s=timeout_s, max_bytes=max_bytes, allow_service=allow_service,
                   queries_dir=_queries_dir(), announce=lambda line: click.echo(line), store=store_dir))


@main.command("push")
@click.option("--endpoint", required=True, help="Graph Store Protocol endpoint, e.g. http://127.0.0.1:7878/store, "
                                                "or Virtuoso's http://127.0.0.1:8890/sparql-graph-crud-auth.")
@click.option("--graph-uri", default=None, help="Named graph to replace [default: the default graph; Virtuoso "
                                                "needs a named graph].")
@click.option("--graph", "graph_path", type=click.Path(path_type=Path), default=None,
              help="File to load [default: the project's build/leadership.ttl].")
@click.option("--user", default=None, help="User name, for a server that asks for one (digest or basic "
                                           "authentication) [default: the netrc entry for the endpoint's host].")
@click.option("--password", default=None, envvar="LEADGRAPH_PASSWORD", show_envvar=True,
              help="Password for --user [default: LEADGRAPH_PASSWORD, the netrc entry, or a prompt].")
def push_command(endpoint: str, graph_uri: str | None, graph_path: Path | None, user: str | None,
                 password: str | None) -> None:
    """Load the build into a SPARQL 1.1 Graph Store Protocol server (Oxigraph, Fuseki, GraphDB, Virtuoso...),
    replacing the target graph."""
    from graph.rdf.load import require_graph_file
    from graph.sparql.endpoint import push_graph
    path = graph_path or find_project().graph_file
    require_graph_file(path)
    started = time.perf_counter()
    pushed = push_graph(path, endpoint, graph_uri, credentials=_credentials(endpoint, user, password))
    requests = f"{pushed.requests} request{'s' if pushed.requests != 1 else ''}"
    click.echo(f"Loaded {pushed.triples:,} triples from {path} into {endpoint} ({graph_uri or 'default graph'}) "
               f"in {requests}, {time.perf_counter() - started:.2f} s.")


def _credentials(endpoint: str, user: str | None, password: str | None) -> Credentials | None:
    """The credentials ``push`` offers a server that asks: --user with --password (or LEADGRAPH_PASSWORD),
    else the netrc entry for the endpoint's host, else a prompt for the password of --user."""
    from graph.sparql.endpoint import Credentials, netrc_credentials
    if user is None:
        if password is not None:
            raise UsageError("a password (--password or LEADGRAPH_PASSWORD) needs a user name: give --user too")
        return netrc_credentials(endpoint)
    if password is not None:
        return Credentials(user, password)
    found = netrc_credentials(endpoint, user)
    if found is not None:
        return found
    if not sys.stdin.isatty():
        raise UsageError(f"no password for user {user!r}: give --password, set LEADGRAPH_PASSWORD, or add a netrc "
                         "entry for the endpoint's host")
    return Credentials(user, click.prompt(f"Password for {user}", hide_input=True))


def entry() -> None:
    """The console script: run a command, then leave without tearing the heap down.

    Once a command has returned, everything is written and flushed; freeing a built graph object by
    object would still take about 0.3 s (a sixth of a build), so the process ends at once instead.
    Click's own error handling is kept: usage errors print as usual with their exit status.
    """
    try:
        status = main(standalone_mode=False)
        code = status if isinstance(status, int) else 0
    except click.exceptions.Abort:
        click.echo("Aborted!", err=True)
        code = 1
    except click.ClickException as error:
        error.show()
        code = error.exit_code
    except click.exceptions.Exit as done:
        code = done.exit_code
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    entry()
