"""Large graphs: the estimated measures agree with the exact ones, the fast layouts keep the look, and
both repeat exactly from run to run. Limits are lowered so the large-graph paths run on small graphs."""

from __future__ import annotations

import math
import os
import random
import subprocess
import sys
import textwrap

import networkx as nx
import numpy as np
import pytest
from scipy.stats import spearmanr

from graph.analysis import centrality, communities
from graph.analysis.adjacency import Adjacency
from graph.analysis.centrality import (
    component_eigenvector,
    concept_measures,
    exact_betweenness,
    exact_paths,
    pivot_betweenness,
    pivot_closeness,
)
from graph.analysis.communities import community_of, louvain_communities
from graph.analysis.concept_graph import undirected
from graph.analysis.pagerank import pagerank
from graph.analysis.reports import ranking_title
from graph.analysis.summary import ConceptAnalysis
from graph.view import layout
from graph.view.forceatlas import forceatlas2
from tests.repository import ROOT


def _concepts(count: int, seed: int = 7) -> nx.Graph:
    """A connected scale-free graph with concept-like names (strings, so hash seeds could matter)."""
    return nx.relabel_nodes(nx.barabasi_albert_graph(count, 2, seed=seed), lambda n: f"urn:concept:{n}")


def _with_islands(count: int) -> nx.Graph:
    H = _concepts(count)
    H.add_edges_from([("island a", "island b"), ("island b", "island c"), ("pair x", "pair y")])
    H.add_node("lonely")
    return H


def test_closeness_with_every_concept_a_pivot_is_networkx_closeness_to_the_last_digit() -> None:
    H = _with_islands(300)
    assert pivot_closeness(H, pivots=300) == nx.closeness_centrality(H)


def test_closeness_from_pivots_ranks_concepts_as_exact_closeness_does() -> None:
    H = _with_islands(600)
    estimated, exact = pivot_closeness(H, pivots=64), nx.closeness_centrality(H)
    nodes = sorted(H)
    assert spearmanr([estimated[n] for n in nodes], [exact[n] for n in nodes]).statistic > 0.95
    assert set(sorted(H, key=exact.get, reverse=True)[:10]) <= set(sorted(H, key=estimated.get, reverse=True)[:20])
    # small components have fewer members than pivots, so they are exact
    assert estimated["island b"] == exact["island b"] and estimated["lonely"] == 0


def test_betweenness_from_pivots_is_networkx_sampled_betweenness() -> None:
    H = _with_islands(500)
    estimated, networkx = pivot_betweenness(H, pivots=64, seed=3), nx.betweenness_centrality(H, k=64, seed=3)
    assert max(abs(estimated[n] - networkx[n]) for n in H) < 1e-12


def test_betweenness_from_every_concept_is_exact() -> None:
    H = _with_islands(200)
    estimated, exact = pivot_betweenness(H, pivots=H.number_of_nodes()), nx.betweenness_centrality(H)
    assert max(abs(estimated[n] - exact[n]) for n in H) < 1e-12


def test_closeness_needs_a_pivot() -> None:
    with pytest.raises(ValueError, match="at least one pivot"):
        pivot_closeness(_concepts(10), pivots=0)
    with pytest.raises(ValueError, match="between 1 and 10 pivots"):
        pivot_betweenness(_concepts(10), pivots=11)


def test_sparse_eigenvector_equals_power_iteration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(centrality, "EXACT_LIMIT", 100)
    H = _with_islands(400)  # a component solved by scipy (above the limit and the dense solver's) and islands
    sparse, power = component_eigenvector(H, sparse=True), component_eigenvector(H)
    assert max(abs(sparse[n] - power[n]) for n in H) < 1e-8
    assert sparse["lonely"] == 0


def test_measures_above_the_limit_are_estimated_and_the_table_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(centrality, "EXACT_LIMIT", 100)
    G = nx.MultiDiGraph()
    for subject, obj in _concepts(400).edges():
        G.add_edge(subject, obj, key="fosters")
    nx.set_node_attributes(G, {node: node for node in G}, "label")
    nx.set_node_attributes(G, "concept", "cls")
    measures = concept_measures(G)
    exact = nx.closeness_centrality(G.to_undirected())
    nodes = sorted(G)
    assert spearmanr([measures[n].closeness for n in nodes], [exact[n] for n in nodes]).statistic > 0.95
    communities = louvain_communities(G)
    analysis = ConceptAnalysis(G=G, measures=measures, communities=communities,
                               community=community_of(communities), modularity=0.0)
    assert set(analysis.estimated) == {"betweenness", "closeness"}
    title = ranking_title(analysis, "closeness", analysis.rows(), 10)
    assert "Closeness estimated from 256 seeded pivots" in title and "Betweenness estimated" in title


def test_compiled_forceatlas_draws_related_concepts_close_and_repeats() -> None:
    H = _concepts(300)
    positions = forceatlas2(H, seed=1)
    assert all((positions[n] == again).all() for n, again in forceatlas2(H, seed=1).items())
    linked = sum(math.dist(positions[u], positions[v]) for u, v in H.edges()) / H.number_of_edges()
    nodes = sorted(H)
    pairs = [(nodes[i], nodes[i * 7 % len(nodes)]) for i in range(len(nodes))]
    anywhere = sum(math.dist(positions[u], positions[v]) for u, v in pairs) / len(pairs)
    assert linked < anywhere / 2


@pytest.mark.parametrize("compiled", [True, False], ids=["compiled", "arrays"])
def test_our_layout_follows_the_graph_as_networkx_forceatlas_does(compiled: bool) -> None:
    """The same model: distances on screen follow distances in hops as closely as in networkx's layout."""
    H = _concepts(120)
    hops = dict(nx.all_pairs_shortest_path_length(H))
    nodes = sorted(H)
    pairs = [(u, v) for i, u in enumerate(nodes) for v in nodes[i + 1:]]

    def fidelity(positions: dict) -> float:
        return spearmanr([math.dist(positions[u], positions[v]) for u, v in pairs],
                         [hops[u][v] for u, v in pairs]).statistic

    networkx_fidelity = fidelity(nx.forceatlas2_layout(H, seed=3, max_iter=300, scaling_ratio=4.0))
    ours = forceatlas2(H, seed=3, scaling_ratio=4.0, compiled=compiled)
    assert fidelity(ours) > max(0.4, networkx_fidelity - 0.05)


def test_the_array_and_compiled_layouts_are_one_model() -> None:
    """Run on arrays and compiled, the same graph and seed end at the same positions, up to the order in
    which floating-point sums are taken."""
    H = _concepts(120)
    arrays = forceatlas2(H, seed=5, scaling_ratio=4.0, compiled=False)
    compiled = forceatlas2(H, seed=5, scaling_ratio=4.0, compiled=True)
    spread = max(abs(float(value)) for position in compiled.values() for value in position)
    assert max(abs(arrays[n] - compiled[n]).max() for n in H) < 1e-3 * spread
    assert all((arrays[n] == again).all() for n, again in forceatlas2(H, seed=5, scaling_ratio=4.0,
                                                                       compiled=False).items())


def test_a_grouped_layout_keeps_each_community_together(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layout, "FORCE_LIMIT", 200)
    H = _concepts(600)
    communities = louvain_communities(H)
    positions = layout.concept_positions(H, communities)
    centres = [(sum(positions[n][0] for n in c) / len(c), sum(positions[n][1] for n in c) / len(c))
               for c in communities]
    nearest_own = sum(min(range(len(centres)), key=lambda i: math.dist(positions[n], centres[i])) == index
                      for index, members in enumerate(communities) for n in members)
    assert nearest_own / H.number_of_nodes() > 0.95


REPEAT = textwrap.dedent("""
    import hashlib, networkx as nx
    from graph.analysis.centrality import pivot_closeness, component_eigenvector
    from graph.analysis.communities import louvain_communities
    from graph.view import layout
    layout.FORCE_LIMIT = 300
    H = nx.relabel_nodes(nx.barabasi_albert_graph(700, 2, seed=5), lambda n: f"urn:concept:{n}")
    small = H.subgraph(sorted(H)[:250]).copy()
    figures = (pivot_closeness(H, pivots=32), component_eigenvector(H, sparse=True),
               layout.concept_positions(H, louvain_communities(H)), layout.concept_positions(small))
    print(hashlib.sha256(repr(figures).encode()).hexdigest())
""")


def test_estimates_and_layouts_repeat_under_another_hash_seed() -> None:
    def run(seed: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        return subprocess.run([sys.executable, "-c", REPEAT], check=True, capture_output=True, text=True,
                              env=env, cwd=ROOT).stdout

    assert run("1") == run("2") != ""


# --- the analysis without scipy, and Leiden above the limit ------------------------------------------

def _relations(count: int, seed: int) -> nx.MultiDiGraph:
    """A concept graph with repeated relations, self-relations and concepts without any."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    G.add_nodes_from(f"urn:concept:{n}" for n in rng.sample(range(count), count))
    for _ in range(2 * count):
        G.add_edge(f"urn:concept:{rng.randrange(count)}", f"urn:concept:{rng.randrange(count)}")
    return G


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_pagerank_without_scipy_is_networkx_pagerank_to_the_last_bit(seed: int) -> None:
    G = _relations(300, seed)
    D = nx.DiGraph()
    D.add_nodes_from(G)
    for subject, obj in G.edges():
        D.add_edge(subject, obj, weight=D[subject][obj]["weight"] + 1 if D.has_edge(subject, obj) else 1)
    assert pagerank(G) == nx.pagerank(D, alpha=0.85, weight="weight")


def test_exact_betweenness_closeness_and_eigenvector_in_numpy_are_networkx_figures() -> None:
    H = undirected(_relations(300, 4))
    betweenness, closeness = exact_paths(H)
    networkx = nx.betweenness_centrality(H)
    assert max(abs(betweenness[n] - networkx[n]) for n in H) < 1e-14
    assert betweenness == exact_betweenness(H)
    assert closeness == nx.closeness_centrality(H)  # to the last bit
    power = component_eigenvector(H)
    for component in nx.connected_components(H):
        if len(component) > 1:
            reference = nx.eigenvector_centrality(H.subgraph(component), max_iter=10_000, tol=1e-12)
            share = len(component) / H.number_of_nodes()
            assert max(abs(power[n] - abs(reference[n]) * share) for n in component) < 1e-12


def test_the_shared_adjacency_multiplies_as_the_dense_matrix_does() -> None:
    H = undirected(_relations(200, 5))
    adjacency = Adjacency.of(H)
    dense = nx.to_numpy_array(H, nodelist=adjacency.nodes, weight=None)
    block = np.random.default_rng(1).random((H.number_of_nodes(), 3))
    assert np.allclose(adjacency.matmul(block), dense @ block, rtol=0, atol=1e-12)
    assert (adjacency.scipy().toarray() == dense).all()


def test_leiden_above_the_limit_finds_a_partition_as_good_as_louvain(monkeypatch: pytest.MonkeyPatch) -> None:
    H = _concepts(1500)
    nx.set_edge_attributes(H, 1, "weight")
    louvain = louvain_communities(H)
    monkeypatch.setattr(communities, "LEIDEN_LIMIT", 1000)
    leiden = louvain_communities(H)
    assert leiden == communities.leiden_communities(H) and communities.community_method(len(H)) == "Leiden"
    assert sorted(n for c in leiden for n in c) == sorted(H)  # every concept in exactly one community
    assert all(nx.is_connected(H.subgraph(c)) for c in leiden)
    assert nx.community.modularity(H, leiden) > nx.community.modularity(H, louvain) - 0.01


def test_leiden_keeps_concepts_without_relations_alone_and_copes_with_none() -> None:
    H = nx.Graph([("a", "b"), ("b", "c"), ("a", "c")])
    H.add_nodes_from(["lonely", "alone"])
    assert communities.leiden_communities(H) == [["a", "b", "c"], ["alone"], ["lonely"]]
    assert communities.leiden_communities(nx.empty_graph(["x", "y"])) == [["x"], ["y"]]


LEIDEN = textwrap.dedent("""
    import hashlib, networkx as nx
    from graph.analysis.communities import leiden_communities
    H = nx.relabel_nodes(nx.barabasi_albert_graph(3000, 2, seed=5), lambda n: f"urn:concept:{n}")
    print(hashlib.sha256(repr(leiden_communities(H)).encode()).hexdigest())
""")


def test_leiden_communities_repeat_under_another_hash_seed() -> None:
    def run(seed: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        return subprocess.run([sys.executable, "-c", LEIDEN], check=True, capture_output=True, text=True,
                              env=env, cwd=ROOT).stdout
    assert run("1") == run("2") != ""
