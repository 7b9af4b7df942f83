"""leadgraph query: every saved query, every format, both engines; and graph.query in Python."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph

import graph
from graph.sparql.engines import open_engine
from tests.repository import QUERIES_DIR
from tests.sparql_rows import result_rows

SAVED = sorted(path.stem for path in QUERIES_DIR.glob("*.rq"))


Run = Callable[..., tuple[int, str, str]]


def test_list_shows_every_saved_query_with_its_question(leadgraph: Run) -> None:
    code, out, _ = leadgraph("query", "--list", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and [row["name"] for row in rows] == SAVED
    assert all(row["question"].endswith("?") for row in rows)


def test_a_query_by_name_by_file_and_as_text_gives_one_answer(leadgraph: Run, graph_file: Path) -> None:
    path = QUERIES_DIR / "cq05-staff-skills.rq"
    answers = [json.loads(leadgraph("query", q, "--format", "json", "--graph", str(graph_file))[1])
               for q in ("cq05-staff-skills", str(path), path.read_text(encoding="utf-8"))]
    assert answers[0] == answers[1] == answers[2]
    assert len(answers[0]["results"]["bindings"]) == 6


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
@pytest.mark.parametrize("name", SAVED)
def test_every_saved_query_runs_in_every_format(leadgraph: Run, graph_file: Path, engine: str, name: str) -> None:
    outputs = {fmt: leadgraph("query", name, "--format", fmt, "--engine", engine, "--graph", str(graph_file))
               for fmt in ("table", "json", "csv", "tsv")}
    assert all(code == 0 for code, _, _ in outputs.values()), {f: o[2] for f, o in outputs.items()}
    results = json.loads(outputs["json"][1])
    variables, bindings = results["head"]["vars"], results["results"]["bindings"]
    assert bindings and all(set(row) <= set(variables) for row in bindings)
    table = list(csv.reader(io.StringIO(outputs["csv"][1])))
    assert table[0] == variables and len(table) == len(bindings) + 1
    tsv = outputs["tsv"][1].splitlines()
    assert tsv[0].split("\t") == [f"?{v}" for v in variables] and len(tsv) == len(bindings) + 1
    assert f"{len(bindings)} row" in outputs["table"][1]


@pytest.mark.parametrize("name", SAVED)
def test_both_engines_give_the_same_answers(graph_file: Path, name: str) -> None:
    text = (QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")
    answers = [open_engine(engine, [graph_file]).ask(text).results for engine in ("rdflib", "oxigraph")]
    assert result_rows(answers[0], text) == result_rows(answers[1], text)


def test_the_table_shows_labels_beside_iris(leadgraph: Run, graph_file: Path) -> None:
    code, out, _ = leadgraph("query", "cq07-counciling-with", "--wide", "--graph", str(graph_file))
    assert code == 0 and "lgc:counseling (counseling)" in out


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_construct_and_describe_print_turtle(leadgraph: Run, graph_file: Path, engine: str) -> None:
    code, out, _ = leadgraph("query", "CONSTRUCT { ?c skos:prefLabel ?l } WHERE { ?c a lg:Role ; skos:prefLabel ?l }",
                        "--engine", engine, "--graph", str(graph_file))
    roles = Graph().parse(data=out, format="turtle")
    assert code == 0 and len(roles) == 8
    code, out, _ = leadgraph("query", "DESCRIBE lgc:trust", "--engine", engine, "--graph", str(graph_file))
    assert code == 0 and len(Graph().parse(data=out, format="turtle")) > 5


def test_ask_answers_true_or_false(leadgraph: Run, graph_file: Path) -> None:
    assert leadgraph("query", "ASK { lgc:trust a lg:PowerAndInfluence }", "--graph", str(graph_file))[1] == "true\n"
    code, out, _ = leadgraph("query", "ASK { lgc:trust a lg:Role }", "--format", "json", "--graph", str(graph_file))
    assert code == 0 and json.loads(out) == {"head": {}, "boolean": False}


def test_a_syntax_error_names_line_and_column_and_exits_2(leadgraph: Run, graph_file: Path) -> None:
    code, out, err = leadgraph("query", "SELECT ?s WHERE {\n  ?s ?p }", "--graph", str(graph_file))
    assert code == 2
    assert "SPARQL syntax error at line 2, column" in err
    assert "Traceback" not in err + out


def test_an_unknown_saved_query_lists_the_saved_ones(leadgraph: Run) -> None:
    code, _, err = leadgraph("query", "cq99-nothing")
    assert code == 1 and "no query file or saved query called 'cq99-nothing'" in err and "cq01-" in err


def test_graph_query_returns_the_same_dataframe_on_both_engines(kg: Graph) -> None:
    text = "SELECT ?label ?pagerank WHERE { ?c a lg:Role ; skos:prefLabel ?label ; lg:pagerank ?pagerank } " \
           "ORDER BY DESC(?pagerank)"
    frames = [graph.query(text, kg, engine=engine) for engine in ("rdflib", "oxigraph")]
    assert frames[0].equals(frames[1])
    assert list(frames[0].columns) == ["label", "pagerank"]
    assert frames[0]["label"].iloc[0] == "inner leader"
    assert frames[0]["pagerank"].dtype.kind == "f"


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_a_missing_graph_file_is_the_same_clear_error_on_both_engines(leadgraph: Run, tmp_path: Path,
                                                                       engine: str) -> None:
    code, _, err = leadgraph("query", "ASK { ?s ?p ?o }", "--engine", engine, "--graph", str(tmp_path / "no.ttl"))
    assert code == 1 and f"graph file not found: {tmp_path / 'no.ttl'}" in err


def test_graph_query_refuses_an_unknown_engine(kg: Graph) -> None:
    with pytest.raises(ValueError, match="unknown engine 'oxgraph'; the engines are: rdflib, oxigraph"):
        graph.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1", kg, engine="oxgraph")


def test_every_engine_name_opens_an_engine(kg: Graph) -> None:
    from graph.sparql import ENGINES
    for name in ENGINES:
        assert open_engine(name, kg).ask("ASK { ?s a skos:Concept }").results["boolean"] is True
