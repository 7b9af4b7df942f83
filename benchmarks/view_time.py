"""Benchmark: time to first draw of the HTML view in headless Chromium, and Python-side generation time.

Run with ``make bench`` or ``.venv/bin/python benchmarks/view_time.py [--concepts 5000] [--runs 3]``.
It measures the view of the shipped graph (target: first draw under 1 s) and of a synthetic graph of
5,000 concepts shaped like ours (target: under 3 s), and the layout alone (target: under 1 s at any size up
to 5,000 concepts) at the sizes given by ``--layout-sizes``; the first layout of the process also pays
for loading the compiled ForceAtlas2, which is timed on its own. "First draw" is ``performance.now()`` at
vis-network's first ``afterDrawing`` event, that is milliseconds since the page began to load.
``--screenshot PATH`` also saves a picture of the shipped view.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.analysis.centrality import concept_measures
from graph.analysis.communities import community_of, louvain_communities
from graph.analysis.concept_graph import undirected
from graph.analysis.summary import ConceptAnalysis, analyse
from graph.build import build_graph
from graph.seed import SEED
from graph.view import render_view
from graph.view.layout import concept_positions
from graph.view.style import CLASS_COLOURS, RELATION_STYLES
from tests.browser import CHROMIUM, CHROMIUM_ARGS


def synthetic_analysis(concepts: int, seed: int = SEED) -> tuple[ConceptAnalysis, dict[str, float]]:
    """A concept graph of the given size with our node and edge attributes, and its analysis timings."""
    rng = random.Random(seed)
    classes, types = sorted(CLASS_COLOURS), sorted(RELATION_STYLES)
    skeleton = nx.barabasi_albert_graph(concepts, 2, seed=seed)
    G = nx.MultiDiGraph()
    for node in skeleton:
        G.add_node(f"urn:concept:{node}", label=f"concept {node}", cls=classes[node % len(classes)], class_iri="",
                   definition=f"Synthetic concept number {node}.", synonyms=[f"idea {node}"], forms=[])
    for u, v in skeleton.edges():
        label = rng.choice(types)
        evidence = [{"quote": f"Concept {u} {label} concept {v}, as a passage of some length would say it.",
                     "document": f"urn:doc:{rng.randrange(2)}", "document_title": "Synthetic document",
                     "url": "https://example.org/", "start": 0, "end": 70, "context": None}]
        G.add_edge(f"urn:concept:{u}", f"urn:concept:{v}", key=label, type=label, relation="", evidence=evidence)
    timings = {}
    started = time.perf_counter()
    measures = concept_measures(G)
    timings["measures"] = time.perf_counter() - started
    started = time.perf_counter()
    communities = louvain_communities(G)
    timings["communities"] = time.perf_counter() - started
    analysis = ConceptAnalysis(G=G, measures=measures, communities=communities, community=community_of(communities),
                               modularity=nx.community.modularity(undirected(G), communities))
    return analysis, timings


def first_draws(path: Path, runs: int, screenshot: Path | None = None) -> list[float]:
    """Milliseconds to first draw, one fresh page per run."""
    from playwright.sync_api import sync_playwright
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            page.goto(path.resolve().as_uri())
            page.wait_for_selector("body[data-drawn='true']", state="attached", timeout=60000)
            times.append(page.evaluate("window.leadgraph.firstDrawMs"))
            if screenshot is not None:
                page.screenshot(path=str(screenshot))
                screenshot = None
            page.close()
        browser.close()
    return times


def report(name: str, analysis: ConceptAnalysis, runs: int, target_ms: int, extra: dict[str, float],
           screenshot: Path | None = None) -> None:
    started = time.perf_counter()
    html = render_view(analysis)
    generation = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "view.html"
        path.write_text(html, encoding="utf-8")
        draws = first_draws(path, runs, screenshot)
    G = analysis.G
    print(f"{name}: {G.number_of_nodes()} concepts, {G.number_of_edges()} relations, {len(html) / 1e6:.1f} MB")
    for step, seconds in extra.items():
        print(f"  {step:<28} {seconds:7.2f} s")
    print(f"  {'view generation (Python)':<28} {generation:7.2f} s")
    print(f"  {'first draw, median of ' + str(runs):<28} {statistics.median(draws) / 1000:7.2f} s "
          f"(min {min(draws) / 1000:.2f}, max {max(draws) / 1000:.2f}; target < {target_ms / 1000:g} s)")


def layout_times(sizes: list[int]) -> None:
    """Seconds to lay out synthetic graphs of each size (communities given, as the view gives them)."""
    started = time.perf_counter()
    concept_positions(nx.path_graph(200))  # above networkx's range: loads numba and the compiled code
    print(f"layout: loading the compiled ForceAtlas2 (once per process) {time.perf_counter() - started:.2f} s")
    for size in sizes:
        analysis, _ = synthetic_analysis(size)
        started = time.perf_counter()
        concept_positions(analysis.G, analysis.communities)
        print(f"layout: {size:>5} concepts {time.perf_counter() - started:6.2f} s (target < 1 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concepts", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--screenshot", type=Path, default=None)
    parser.add_argument("--layout-sizes", type=int, nargs="*", default=[133, 500, 1000, 2000, 5000])
    args = parser.parse_args()
    layout_times(args.layout_sizes)
    started = time.perf_counter()
    kg, _ = build_graph()
    shipped = analyse(kg)
    report("shipped graph", shipped, args.runs, 1000, {"build and analysis": time.perf_counter() - started},
           args.screenshot)
    analysis, timings = synthetic_analysis(args.concepts)
    report("synthetic graph", analysis, args.runs, 3000, timings)


if __name__ == "__main__":
    main()
