"""Network measures: known answers on small graphs, and what the text makes plain on the real one."""

from __future__ import annotations

import networkx as nx
import pytest
from rdflib import Graph

from graph.analysis import (
    ConceptAnalysis,
    analyse,
    concept_measures,
    concept_paths,
    document_emphasis,
    louvain_communities,
    structural_gaps,
)
from graph.analysis.bridges import bridges
from graph.analysis.concept_graph import concept_graph
from graph.build import BuildResult
from graph.namespace import CONCEPT
from tests.repository import QUERIES_DIR


def _multi(edges: list[tuple[str, str]]) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for subject, obj in edges:
        G.add_edge(subject, obj, key="fosters", type="fosters", evidence=[{"quote": f"{subject} {obj}"}])
    return G


# --- small graphs with known answers ---------------------------------------------------------------

def test_a_path_graph_has_its_middle_as_the_only_broker() -> None:
    measures = concept_measures(_multi([("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")]))
    assert measures["c"].betweenness == pytest.approx(4 / 6)
    assert measures["b"].betweenness == pytest.approx(3 / 6)
    assert measures["a"].betweenness == 0
    assert measures["c"].closeness == pytest.approx(4 / 6)
    assert [measures[n].articulation_point for n in "abcde"] == [False, True, True, True, False]


def test_pagerank_flows_along_the_direction_of_relations() -> None:
    measures = concept_measures(_multi([("a", "hub"), ("b", "hub"), ("c", "hub")]))
    assert measures["hub"].pagerank > 3 * measures["a"].pagerank
    assert sum(m.pagerank for m in measures.values()) == pytest.approx(1.0)
    assert (measures["hub"].in_degree, measures["hub"].out_degree) == (3, 0)


def test_eigenvector_centrality_handles_a_disconnected_graph() -> None:
    G = _multi([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("x", "y")])
    G.add_node("lonely")
    measures = concept_measures(G)
    assert measures["c"].eigenvector > measures["a"].eigenvector > measures["d"].eigenvector
    assert measures["lonely"].eigenvector == 0
    assert 0 < measures["x"].eigenvector < measures["c"].eigenvector


def test_k_core_separates_a_clique_from_its_tail() -> None:
    clique = [(u, v) for u in "abcd" for v in "abcd" if u < v]
    measures = concept_measures(_multi([*clique, ("d", "e"), ("e", "f")]))
    assert {n: measures[n].core_number for n in "abcdef"} == {"a": 3, "b": 3, "c": 3, "d": 3, "e": 1, "f": 1}


def test_louvain_finds_two_triangles_joined_by_a_bridge_and_repeats() -> None:
    G = _multi([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("z", "x"), ("c", "x")])
    assert louvain_communities(G) == [["a", "b", "c"], ["x", "y", "z"]]
    assert louvain_communities(G) == louvain_communities(G.copy())
    assert bridges(G) == [("c", "x")]


def test_structural_gaps_rank_unlinked_communities_first_with_their_brokers() -> None:
    G = _multi([("a", "b"), ("x", "y"), ("p", "q"), ("b", "hub"), ("hub", "x"), ("a", "p")])
    communities = [["a", "b", "hub"], ["x", "y"], ["p", "q"]]
    gaps = structural_gaps(G, communities, {"hub": 1.0})
    assert (gaps[0].first, gaps[0].second, gaps[0].links) == (1, 2, 0)
    assert [(g.first, g.second, g.links) for g in gaps[1:]] == [(0, 1, 1), (0, 2, 1)]
    assert gaps[1].brokers[0] == "hub"


def test_paths_follow_relations_either_way_and_carry_each_quote() -> None:
    G = _multi([("a", "b"), ("c", "b"), ("a", "d"), ("d", "e"), ("e", "c")])
    paths = concept_paths(G, "a", "c")
    assert [p.concepts for p in paths] == [["a", "b", "c"]]
    (step,) = paths[0].hops[1]
    assert (step.subject, step.object, step.evidence[0]["quote"]) == ("c", "b", "c b")
    assert concept_paths(_multi([("a", "b"), ("x", "y")]), "a", "x") == []


# --- the real graph -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def analysis(kg: Graph) -> ConceptAnalysis:
    return analyse(kg)


def _iri(concept_id: str) -> str:
    return str(CONCEPT[concept_id])


def test_the_concept_graph_has_only_concepts_as_nodes(analysis: ConceptAnalysis, built: BuildResult) -> None:
    assert set(analysis.G) == {_iri(c) for c in built.curated.concepts}
    assert analysis.G.number_of_edges() == len({(e.subject, e.type_label, e.object)
                                                for e in built.curated.evidence})


def test_inner_leaders_are_the_hub_of_the_texts(analysis: ConceptAnalysis) -> None:
    hub = _iri("inner-leader")
    for measure in ("degree", "betweenness", "pagerank", "eigenvector", "closeness"):
        assert analysis.ranked(measure)[0] == hub, measure
    assert analysis.measures[hub].articulation_point


def test_personal_and_authority_power_stand_in_contrast_with_the_texts_words(analysis: ConceptAnalysis) -> None:
    edge = analysis.G.get_edge_data(_iri("personal-power"), _iri("authority-power"), key="contrasts with")
    quotes = [item["quote"] for item in edge["evidence"]]
    assert "Inner leaders use their personal power, not their authority" in quotes
    practised = {analysis.label(o) for _, o, k in analysis.G.out_edges(_iri("authority-power"), keys=True)
                 if k == "practised by"}
    assert practised == {"top leader"}


def test_personal_power_reaches_service_excellence_through_inner_leaders(analysis: ConceptAnalysis,
                                                                           built: BuildResult) -> None:
    paths = concept_paths(analysis.G, _iri("personal-power"), _iri("service-excellence"))
    assert [analysis.label(c) for c in paths[0].concepts] == ["personal power", "inner leader", "service excellence"]
    texts = {d.url: d.text for d in built.curated.documents.values()}
    for hop in paths[0].hops:
        for step in hop:
            for item in step.evidence:
                assert texts[item["url"]][item["start"]:item["end"]] == item["quote"]


def test_the_six_staff_skills_form_one_community(analysis: ConceptAnalysis) -> None:
    skills = ["common-courtesy", "management-by-walking-around", "naive-listening", "using-symbols",
              "focusing", "celebrating-accomplishment", "staff-skills"]
    assert len({analysis.community[_iri(s)] for s in skills}) == 1


def test_communities_repeat_from_run_to_run(kg: Graph, analysis: ConceptAnalysis) -> None:
    assert analyse(kg).communities == analysis.communities
    assert analysis.modularity > 0.4


def test_each_text_stresses_its_own_subject(analysis: ConceptAnalysis) -> None:
    emphasis = document_emphasis(analysis.G)
    ch03, ch13 = (str(d) for d in sorted(emphasis.titles))
    assert _iri("personal-power") in emphasis.only_in(ch03)
    assert _iri("staff-skills") in emphasis.only_in(ch13)
    assert _iri("inner-leader") in emphasis.shared()
    assert emphasis.top(ch13, 2)[0][0] in {_iri("inner-leader"), _iri("service-techniques")}


def test_figures_in_rdf_join_with_quotes_in_sparql(kg: Graph, analysis: ConceptAnalysis) -> None:
    rows = list(kg.query((QUERIES_DIR / "central-techniques.rq").read_text(encoding="utf-8")))
    techniques = []
    for row in rows:
        if str(row.label) not in techniques:
            techniques.append(str(row.label))
    practices = [n for n in analysis.ranked("betweenness") if analysis.G.nodes[n]["cls"] == "technique or practice"]
    assert techniques == [analysis.label(n) for n in practices[:5]]
    assert all(str(row.quote) for row in rows)
    assert any(str(row.community).startswith("community ") for row in rows)


def test_the_concept_graph_is_the_same_read_from_rdflib_or_from_the_triples(kg: Graph, built: BuildResult) -> None:
    from_rdflib, from_triples = concept_graph(kg), built.analysis.G
    assert list(from_rdflib.nodes(data=True)) == list(from_triples.nodes(data=True))
    assert list(from_rdflib.edges(keys=True, data=True)) == list(from_triples.edges(keys=True, data=True))
    assert from_rdflib.graph == from_triples.graph
