"""The ``leadgraph`` command: a thin layer over the library functions notebooks call too."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from graph.errors import CurationError, ShapeValidationError
from graph.paths import BUILD_DIR, DATA_DIR, ONTOLOGY_DIR, VIEW_FILE

if TYPE_CHECKING:
    from graph.analysis import ConceptAnalysis

GRAPH_OPTION = click.option("--graph", "graph_path", type=click.Path(path_type=Path), default=None,
                            help="Graph file to read [default: build/leadership.ttl, or an in-memory "
                                 "build of the shipped data when that is missing].")


def _fail(message: str, status: int = 1) -> NoReturn:
    """Print a one-line error (never a traceback) and exit with ``status``."""
    click.echo(f"leadgraph: {message}", err=True)
    sys.exit(status)


def _analysis(graph_path: Path | None) -> ConceptAnalysis:
    """Load the graph and analyse it; a missing file is a clear error."""
    from graph.analysis import analyse
    from graph.load import load_graph
    try:
        return analyse(load_graph(graph_path))
    except FileNotFoundError as error:
        _fail(str(error))


def _resolve(analysis: ConceptAnalysis, name: str) -> str:
    """The concept called ``name``, or an error listing the closest labels."""
    from graph.names import UnknownConceptError, resolve_concept
    try:
        return resolve_concept(analysis.G, name)
    except UnknownConceptError as error:
        _fail(str(error))


@click.group()
@click.version_option(package_name="leadgraph")
def main() -> None:
    """leadgraph: a knowledge graph of inner leadership concepts, every link with its quote."""


@main.command("build")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=DATA_DIR,
              show_default=True, help="Folder of curated sources, concepts and relations.")
@click.option("--ontology", "ontology_dir", type=click.Path(path_type=Path), default=ONTOLOGY_DIR,
              show_default=True, help="Folder of the OWL vocabulary and SHACL shapes.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=BUILD_DIR,
              show_default=True, help="Folder the outputs are written to.")
def build_command(data_dir: Path, ontology_dir: Path, out_dir: Path) -> None:
    """Build, validate, analyse and write the knowledge graph from the curated data."""
    from graph.build import build
    started = time.perf_counter()
    try:
        result = build(data_dir, ontology_dir, out_dir)
    except CurationError as error:
        click.echo(f"leadgraph build: {len(error.faults)} fault(s) in the curated data; "
                   "nothing was written.", err=True)
        for fault in error.faults:
            click.echo(f"  {fault}", err=True)
        sys.exit(1)
    except ShapeValidationError as error:
        click.echo("leadgraph build: the graph breaks the SHACL shapes; nothing was written.", err=True)
        click.echo(str(error), err=True)
        sys.exit(1)
    curated = result.curated
    from graph.curation import unnamed_ends
    for item, end in unnamed_ends(curated):
        click.echo(f"warning: {data_dir / 'relations.yaml'}:{item.line}: relation '{item.subject} "
                   f"{item.type_label} {item.object}': the quote does not name '{end}'; add a synonym or "
                   "form to the concept, or say in 'context' where the text names it", err=True)
    relations = result.analysis.G.number_of_edges()
    click.echo(f"Built {len(curated.concepts)} concepts, {relations} relations from "
               f"{len(curated.evidence)} quotes, {len(result.kg)} triples in "
               f"{time.perf_counter() - started:.2f} s:")
    for path in result.files:
        click.echo(f"  {path}")


@main.command("view")
@click.option("--out", "out_path", type=click.Path(path_type=Path), default=BUILD_DIR / VIEW_FILE,
              show_default=True, help="HTML file to write.")
@GRAPH_OPTION
def view_command(out_path: Path, graph_path: Path | None) -> None:
    """Write the interactive HTML view of the graph (leadgraph build writes it too)."""
    from graph.output import write_atomically
    from graph.view import render_view
    analysis = _analysis(graph_path)
    write_atomically(out_path, render_view(analysis).encode("utf-8"))
    click.echo(f"Wrote {out_path}: open it in a browser (it works offline).")


@main.command("analyze")
@click.option("--measure", type=click.Choice(["degree", "in_degree", "out_degree", "betweenness", "closeness",
                                              "pagerank", "eigenvector", "core_number"]),
              default="betweenness", show_default=True, help="Measure to rank by.")
@click.option("--top", type=int, default=15, show_default=True, help="Rows of the table (0 for all).")
@click.option("--class", "class_label", default=None, help="Only concepts of this class (its label).")
@click.option("--community", type=int, default=None, help="Only concepts of this community.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "tsv"]), default="table",
              show_default=True, help="json, csv and tsv print every concept that passes the filters.")
@GRAPH_OPTION
def analyze_command(measure: str, top: int, class_label: str | None, community: int | None, fmt: str,
                    graph_path: Path | None) -> None:
    """Rank concepts by a centrality measure, with every measure and their community."""
    analysis = _analysis(graph_path)
    order = {node: rank for rank, node in enumerate(analysis.ranked(measure), start=1)}
    rows = [dict(row, rank=order[str(row["concept"])]) for row in analysis.rows()]
    if class_label is not None:
        classes = sorted({str(row["class"]) for row in rows})
        if class_label not in classes:
            _fail(f"unknown class {class_label!r}; the classes are: {', '.join(classes)}")
        rows = [row for row in rows if row["class"] == class_label]
    if community is not None:
        rows = [row for row in rows if row["community"] == community]
    rows.sort(key=lambda row: int(row["rank"]))
    columns = ["rank", "concept", "label", "class", "degree", "in_degree", "out_degree", "betweenness",
               "closeness", "pagerank", "eigenvector", "core_number", "community", "articulation_point"]
    if fmt == "table":
        shown = ["rank", "label", "class", "degree", "betweenness", "closeness", "pagerank", "eigenvector",
                 "core_number", "community"]
        from graph.tables import emit
        emit(rows[:top] if top else rows, shown, "table",
             title=f"Concepts by {measure} ({len(rows)} concepts, {len(analysis.communities)} communities, "
                   f"modularity {analysis.modularity:.3f})")
    else:
        from graph.tables import emit
        emit(rows, columns, fmt)


def _quote_line(item: dict) -> str:
    context = f" [{item['context']}]" if item.get("context") else ""
    return (f"      \"{' '.join(item['quote'].split())}\"\n"
            f"        {item['document_title']}, characters {item['start']}-{item['end']}{context}")


@main.command("path")
@click.argument("source")
@click.argument("target")
@click.option("--limit", type=int, default=5, show_default=True, help="Most chains to show.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@GRAPH_OPTION
def path_command(source: str, target: str, limit: int, fmt: str, graph_path: Path | None) -> None:
    """The shortest chains of relations between two concepts, with the quote behind each step."""
    from graph.analysis import concept_paths
    analysis = _analysis(graph_path)
    start, end = _resolve(analysis, source), _resolve(analysis, target)
    paths = concept_paths(analysis.G, start, end, limit=limit)
    label = analysis.label
    if fmt == "json":
        click.echo(json.dumps([{"concepts": [{"concept": c, "label": label(c)} for c in path.concepts],
                                "steps": [[{"subject": s.subject, "subject_label": label(s.subject),
                                            "type": s.type, "object": s.object, "object_label": label(s.object),
                                            "evidence": s.evidence} for s in hop] for hop in path.hops]}
                               for path in paths], indent=2, ensure_ascii=False))
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
    analysis = _analysis(graph_path)
    node = _resolve(analysis, name)
    G, label = analysis.G, analysis.label
    relations = [{"subject": s, "subject_label": label(s), "type": k, "object": o, "object_label": label(o),
                  "evidence": d["evidence"]}
                 for s, o, k, d in sorted([*G.out_edges(node, keys=True, data=True),
                                           *G.in_edges(node, keys=True, data=True)],
                                          key=lambda e: (e[2], label(e[0]), label(e[1])))]
    data = G.nodes[node]
    if fmt == "json":
        click.echo(json.dumps({"concept": node, "label": data["label"], "class": data["cls"],
                               "synonyms": data["synonyms"], "definition": data["definition"],
                               **analysis.measures[node].as_dict(), "community": analysis.community[node],
                               "relations": relations}, indent=2, ensure_ascii=False))
        return
    m = analysis.measures[node]
    click.echo(f"{data['label']} ({data['cls']})  {node}")
    if data["synonyms"]:
        click.echo(f"  also: {', '.join(data['synonyms'])}")
    click.echo(f"  {data['definition']}")
    click.echo(f"  degree {m.degree} (in {m.in_degree}, out {m.out_degree}), betweenness {m.betweenness:.4f}, "
               f"pagerank {m.pagerank:.4f}, community {analysis.community[node]}\n")
    for relation in relations:
        click.echo(f"  {relation['subject_label']} {relation['type']} {relation['object_label']}")
        for item in relation["evidence"]:
            click.echo(_quote_line(item))


@main.command("gaps")
@click.option("--top", type=int, default=10, show_default=True, help="Rows of the table (0 for all).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "tsv"]), default="table",
              show_default=True)
@GRAPH_OPTION
def gaps_command(top: int, fmt: str, graph_path: Path | None) -> None:
    """Structural gaps: pairs of communities with few links, and the concepts that bridge them."""
    from graph.analysis import structural_gaps
    from graph.tables import emit
    analysis = _analysis(graph_path)
    betweenness = {n: m.betweenness for n, m in analysis.measures.items()}
    label = analysis.label

    def name(index: int) -> str:
        hubs = sorted(analysis.communities[index], key=lambda n: (-analysis.measures[n].degree, label(n)))
        return f"{index}: {', '.join(label(n) for n in hubs[:3])}"

    rows = [{"first": name(g.first), "second": name(g.second), "links": g.links, "density": g.density,
             "brokers": ", ".join(label(n) for n in g.brokers[:5]), "broker_iris": g.brokers}
            for g in structural_gaps(analysis.G, analysis.communities, betweenness)]
    if fmt == "table":
        emit(rows[:top] if top else rows, ["first", "second", "links", "density", "brokers"], fmt,
             title="Community pairs, most thinly linked first (brokers ranked by betweenness)")
    else:
        emit(rows, ["first", "second", "links", "density", "brokers"] + (["broker_iris"] if fmt == "json" else []),
             fmt)


@main.command("documents")
@click.option("--top", type=int, default=10, show_default=True, help="Concepts listed per document.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "tsv"]), default="table",
              show_default=True)
@GRAPH_OPTION
def documents_command(top: int, fmt: str, graph_path: Path | None) -> None:
    """Which concepts each text stresses, which they share and which only one has."""
    from graph.analysis import document_emphasis
    from graph.tables import emit
    analysis = _analysis(graph_path)
    emphasis = document_emphasis(analysis.G)
    label = analysis.label
    rows = []
    for document, title in emphasis.titles.items():
        for node, count in emphasis.counts[document].items():
            others = [d for d in emphasis.titles if d != document]
            rows.append({"document": title, "concept": node, "label": label(node), "relations": count,
                         "in_other_documents": any(node in emphasis.counts[d] for d in others)})
    rows.sort(key=lambda r: (r["document"], -int(r["relations"]), r["label"]))
    if fmt != "table":
        emit(rows, ["document", "concept", "label", "relations", "in_other_documents"], fmt)
        return
    for document, title in emphasis.titles.items():
        emit([{"concept": label(n), "relations": c} for n, c in emphasis.top(document, top)],
             ["concept", "relations"], "table", title=f"{title}: concepts it stresses most")
        only = emphasis.only_in(document)
        click.echo(f"Only in {title} ({len(only)}): {', '.join(sorted(label(n) for n in only))}\n")
    click.echo(f"In both ({len(emphasis.shared())}): {', '.join(sorted(label(n) for n in emphasis.shared()))}")


# --- SPARQL ------------------------------------------------------------------------------------------

def _saved_queries() -> dict[str, tuple[Path, str]]:
    """Saved queries by name, with the question in their first line."""
    from graph.paths import QUERIES_DIR
    saved = {}
    for path in sorted(QUERIES_DIR.glob("*.rq")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        saved[path.stem] = (path, first.removeprefix("# Question:").strip() if first.startswith("#") else "")
    return saved


def _query_text(query: str) -> str:
    """A query given as text, as the path of a .rq file, or as the name of a saved query."""
    candidate = Path(query)
    if candidate.suffix == ".rq" or ("{" not in query and " " not in query.strip()):
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
        saved = _saved_queries()
        if query in saved:
            return saved[query][0].read_text(encoding="utf-8")
        _fail(f"no query file or saved query called {query!r}; saved queries: {', '.join(saved)}")
    return query


@main.command("query")
@click.argument("query", required=False)
@click.option("--list", "list_saved", is_flag=True, help="List the saved queries with their questions.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "tsv"]), default="table",
              show_default=True, help="json is the SPARQL 1.1 Query Results JSON Format. CONSTRUCT and "
                                      "DESCRIBE always print Turtle.")
@click.option("--engine", type=click.Choice(["rdflib", "oxigraph"]), default="rdflib", show_default=True,
              help="oxigraph is much faster on large graphs.")
@click.option("--endpoint", default=None, help="Query a SPARQL 1.1 Protocol endpoint instead, e.g. "
                                               "http://127.0.0.1:7878/query.")
@GRAPH_OPTION
def query_command(query: str | None, list_saved: bool, fmt: str, engine: str, endpoint: str | None,
                  graph_path: Path | None) -> None:
    """Run a SPARQL query: text, a .rq file, or the name of a saved query in ontology/queries/.

    The prefixes lg, lgc, lgs, skos, rdf, rdfs, owl, prov, oa, dcterms and xsd are declared for you.
    """
    from graph.engines import EndpointError, open_engine
    from graph.results import LABEL_QUERY, write_results
    from graph.sparql import SparqlSyntaxError
    if list_saved:
        from graph.tables import emit
        rows = [{"name": name, "question": question} for name, (_, question) in _saved_queries().items()]
        emit(rows, ["name", "question"], "table" if fmt == "table" else fmt)
        return
    if not query:
        _fail("give a query (text, a .rq file or a saved query name), or --list", status=2)
    text = _query_text(str(query))
    try:
        runner = open_engine(engine, [graph_path] if graph_path else None, endpoint)
        answer = runner.ask(text)
        if answer.turtle is not None:
            click.echo(answer.turtle.decode("utf-8"), nl=False)
            return
        labels = {}
        if fmt == "table":
            label_rows = runner.ask(LABEL_QUERY).results["results"]["bindings"]
            labels = {row["resource"]["value"]: row["label"]["value"] for row in label_rows}
        write_results(answer.results, fmt, sys.stdout, labels)
    except SparqlSyntaxError as error:
        _fail(str(error), status=2)
    except EndpointError as error:
        _fail(str(error))
    except FileNotFoundError as error:
        _fail(str(error))
    except RecursionError:
        _fail("the rdflib engine ran out of recursion depth (deep property paths on a large graph); "
              "try --engine oxigraph")


@main.command("serve")
@click.option("--port", type=int, default=7878, show_default=True, help="Port on 127.0.0.1.")
@click.option("--timeout", "timeout_s", type=int, default=30, show_default=True,
              help="Seconds after which a query is cancelled.")
@click.option("--graph", "graph_path", type=click.Path(path_type=Path), default=None,
              help="Graph file to serve [default: build/leadership.ttl].")
def serve_command(port: int, timeout_s: int, graph_path: Path | None) -> None:
    """Serve the graph read-only over the SPARQL 1.1 Protocol, with the YASGUI query page at /."""
    from graph.paths import GRAPH_FILE
    from graph.serve import PortInUseError, ServerError, serve
    try:
        sys.exit(serve([graph_path or GRAPH_FILE], port=port, timeout_s=timeout_s,
                       announce=lambda line: click.echo(line)))
    except (PortInUseError, ServerError, FileNotFoundError) as error:
        _fail(str(error))


@main.command("push")
@click.option("--endpoint", required=True, help="Graph Store Protocol endpoint, e.g. http://127.0.0.1:7878/store.")
@click.option("--graph-uri", default=None, help="Named graph to replace [default: the default graph].")
@click.option("--graph", "graph_path", type=click.Path(path_type=Path), default=None,
              help="File to load [default: build/leadership.ttl].")
def push_command(endpoint: str, graph_uri: str | None, graph_path: Path | None) -> None:
    """Load the build into a SPARQL 1.1 Graph Store Protocol server (Oxigraph, Fuseki, GraphDB...),
    replacing the target graph."""
    from graph.engines import EndpointError, push_graph
    from graph.load import require_graph_file
    from graph.paths import GRAPH_FILE
    path = graph_path or GRAPH_FILE
    try:
        push_graph(require_graph_file(path), endpoint, graph_uri)
    except (EndpointError, FileNotFoundError) as error:
        _fail(str(error))
    click.echo(f"Loaded {path} into {endpoint} ({graph_uri or 'default graph'}).")


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
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    entry()
