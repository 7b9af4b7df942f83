"""leadgraph export: the concept graph for Gephi and Cytoscape (GraphML, GEXF, CSV) and the RDF formats."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from graph.analysis.export import EDGE_FIELDS, NODE_FIELDS, SEPARATOR, export_graph
from graph.build import BuildResult

Run = Callable[..., tuple[int, str, str]]


def _same_graph(read: nx.MultiDiGraph, built: BuildResult) -> None:
    """``read`` has the built concept graph's nodes, edges and every attribute of the export."""
    expected = export_graph(built.analysis)
    assert set(read.nodes) == set(expected.nodes)
    assert sorted(read.edges(keys=True)) == sorted(expected.edges(keys=True))
    for node, data in expected.nodes(data=True):
        assert read.nodes[node] == pytest.approx(data), node
    for s, o, key, data in expected.edges(keys=True, data=True):
        got = {k: v for k, v in read.edges[s, o, key].items() if k != "id"}  # GEXF's edge ids
        assert got == data, (s, o, key)


def test_every_concept_and_relation_carries_its_figures_and_quotes(built: BuildResult) -> None:
    G = export_graph(built.analysis)
    trust = G.nodes["https://w3id.org/leadgraph/concept/trust"]
    assert trust["label"] == "trust" and trust["class"] and isinstance(trust["community"], int)
    assert {"betweenness", "pagerank", "degree", "eigenvector", "closeness", "core_number"} <= set(trust)
    assert G.number_of_edges() == built.analysis.G.number_of_edges()
    quotes = sum(data["quote_count"] for _, _, data in G.edges(data=True))
    assert quotes == len(built.curated.evidence)
    assert all(data["quotes"] and data["relation"] for _, _, data in G.edges(data=True))


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_read_back_with_the_same_nodes_edges_and_attributes(
        fmt: str, leadgraph: Run, graph_file: Path, built: BuildResult, tmp_path: Path) -> None:
    out = tmp_path / f"concepts.{fmt}"
    code, stdout, err = leadgraph("export", "--format", fmt, "--out", str(out), "--graph", str(graph_file))
    assert code == 0, err
    assert str(out) in stdout
    read = nx.read_graphml(out, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(out)
    assert read.is_directed() and read.is_multigraph()
    _same_graph(read, built)
    code, again, _ = leadgraph("export", "--format", fmt, "--out", "-", "--graph", str(graph_file))
    assert again.encode("utf-8") == out.read_bytes()  # the same bytes every time (no date stamped in)


def test_csv_writes_a_nodes_file_and_an_edges_file(leadgraph: Run, graph_file: Path, built: BuildResult,
                                                    tmp_path: Path) -> None:
    code, _, err = leadgraph("export", "--format", "csv", "--out", str(tmp_path / "lg.csv"), "--graph", str(graph_file))
    assert code == 0, err
    with (tmp_path / "lg-nodes.csv").open(newline="") as stream:
        nodes = list(csv.DictReader(stream))
    with (tmp_path / "lg-edges.csv").open(newline="") as stream:
        edges = list(csv.DictReader(stream))
    assert tuple(nodes[0]) == NODE_FIELDS and tuple(edges[0]) == EDGE_FIELDS
    assert len(nodes) == built.analysis.G.number_of_nodes() and len(edges) == built.analysis.G.number_of_edges()
    counsel = next(e for e in edges if e["source"].endswith("/counciling-with") and e["target"].endswith("/counseling"))
    assert counsel["relation"] == "contrasts with" and "counseling is telling" in counsel["quotes"]
    assert sum(len(e["quotes"].split(SEPARATOR)) for e in edges) == len(built.curated.evidence)
    code, _, err = leadgraph("export", "--format", "csv", "--out", "-", "--graph", str(graph_file))
    assert code == 2 and "csv writes two files" in err


@pytest.mark.parametrize(("fmt", "parser"), [("jsonld", "json-ld"), ("ttl", "turtle"), ("nt", "nt")])
def test_rdf_exports_hold_the_same_graph(fmt: str, parser: str, leadgraph: Run, graph_file: Path,
                                         built: BuildResult, tmp_path: Path) -> None:
    out = tmp_path / f"graph.{fmt}"
    code, _, err = leadgraph("export", "--format", fmt, "--out", str(out), "--graph", str(graph_file))
    assert code == 0, err
    assert isomorphic(Graph().parse(out, format=parser), Graph().parse(graph_file, format="turtle"))


def test_json_ld_is_compact_with_the_shipped_context(built: BuildResult) -> None:
    from graph.rdf.serialise import CONTEXT_FILE
    document = json.loads(next(p for p in built.files if p.suffix == ".jsonld").read_text(encoding="utf-8"))
    assert document["@context"] == json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    trust = next(node for node in document["@graph"] if node["@id"] == "lgc:trust")
    assert trust["skos:prefLabel"] == {"@value": "trust", "@language": "en"}


def test_the_shipped_context_declares_the_project_prefixes() -> None:
    from graph.namespace import PREFIXES
    from graph.rdf.serialise import json_ld_context
    assert json_ld_context() == PREFIXES


def test_an_unknown_format_and_an_unwritable_file_are_refused(leadgraph: Run, graph_file: Path, tmp_path: Path) -> None:
    code, _, err = leadgraph("export", "--format", "dot", "--graph", str(graph_file))
    assert code == 2 and "'dot' is not one of" in err
    (tmp_path / "file").write_text("")
    code, _, err = leadgraph("export", "--format", "gexf", "--out", str(tmp_path / "file" / "x.gexf"),
                             "--graph", str(graph_file))
    assert code == 1 and err.startswith("leadgraph: cannot write")


def test_the_command_offers_every_format_the_modules_define() -> None:
    from graph.analysis.export import GRAPH_FORMATS
    from graph.cli import EXPORT_FORMATS
    from graph.rdf.serialise import SHORT_NAMES
    assert (*GRAPH_FORMATS, *SHORT_NAMES) == EXPORT_FORMATS
