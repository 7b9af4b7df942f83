"""Render the concept graph as one self-contained HTML file with pyvis and vis-network, offline and safe.

pyvis holds the network (nodes, edges, options) and ships vis-network; the page itself comes from our
own template, because pyvis 0.3.2's template links Bootstrap from a CDN even with ``in_line``
resources, renders titles as raw HTML as soon as one contains "href", and does not autoescape.
Here every label, definition and quote travels as JSON data in a ``<script type="application/json">``
block with ``<``, ``>`` and ``&`` escaped, so no text can close the block or become markup, and the
page's script puts text on screen only through ``textContent``.

Nodes and edges are added to pyvis's lists directly: its ``from_nx`` mutates its input and is slow,
and its ``add_node``/``add_edge`` scan every existing node on each call, which is quadratic.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from importlib import resources
from itertools import pairwise
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node

from graph.analysis.reports import concept_summary, relation_order
from graph.analysis.summary import ConceptAnalysis
from graph.view.layout import concept_positions
from graph.view.style import class_colour, relation_style

__all__ = ["SIZE_MEASURE", "render_view", "view_data"]

SIZE_MEASURE = "betweenness"
"""The measure that sizes the concepts."""

_HERE = Path(__file__).resolve().parent


def _vis_library() -> tuple[str, str]:
    """The vis-network script and stylesheet that pyvis ships, to inline in the page."""
    base = resources.files("pyvis") / "templates" / "lib" / "vis-9.1.2"
    return ((base / "vis-network.min.js").read_text(encoding="utf-8"),
            (base / "vis-network.css").read_text(encoding="utf-8"))


def _node_size(value: float, largest: float) -> float:
    """Area-like sizing: 8 px for the least central concept to 48 px for the most."""
    return round(8 + 40 * math.sqrt(value / largest), 1) if largest > 0 else 12.0


def _ordered_edges(G: nx.MultiDiGraph) -> list[tuple[str, str, str, str, dict]]:
    """Every relation with the id the page knows it by (``e0``, ``e1``, ...), in a fixed order."""
    ordered = sorted(G.edges(keys=True, data=True), key=lambda edge: edge[:3])
    return [(f"e{index}", subject, obj, label, data) for index, (subject, obj, label, data) in enumerate(ordered)]


def _network(analysis: ConceptAnalysis, positions: dict[str, tuple[float, float]]) -> Network:
    """The pyvis network: positioned, coloured, sized nodes and styled, titled edges."""
    G = analysis.G
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    largest = max((getattr(m, SIZE_MEASURE) for m in analysis.measures.values()), default=0.0)
    for node in sorted(G):
        data = G.nodes[node]
        x, y = positions[node]
        entry = Node(node, "dot", label=data["label"], color=class_colour(data["cls"]),
                     title=f"{data['label']} ({data['cls']})", x=x, y=y,
                     size=_node_size(getattr(analysis.measures[node], SIZE_MEASURE), largest)).options
        del entry["label"]  # the page draws the labels itself, sized by importance and never overlapping
        net.nodes.append(entry)
        net.node_ids.append(node)
        net.node_map[node] = entry
    for edge_id, subject, obj, label, _ in _ordered_edges(G):
        style = relation_style(label)
        title = f"{G.nodes[subject]['label']} {label} {G.nodes[obj]['label']}"
        net.edges.append(Edge(subject, obj, True, id=edge_id, title=title, relation=label,
                              color={"color": style["color"], "highlight": style["color"], "hover": style["color"],
                                     "inherit": False},
                              dashes=style["dashes"], arrows=style["arrows"],
                              width=style["width"]).options)
    many = G.number_of_edges() > 2000
    net.set_options(json.dumps({
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": many, "hideEdgesOnZoom": many},
        "edges": {"smooth": False if many else {"enabled": True, "type": "curvedCW", "roundness": 0.12},
                  "arrows": {"to": {"scaleFactor": 0.6}, "from": {"scaleFactor": 0.6}}},
        "nodes": {"font": {"size": 22, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "borderWidth": 1},
        "layout": {"improvedLayout": False},
    }))
    return net


def _passages(G: nx.MultiDiGraph) -> dict[tuple[str, int, int], str]:
    """An id (``p0``, ``p1``, ...) for every quoted passage (document, start, end), in text order."""
    spans = sorted({(item["document"], item["start"], item["end"])
                    for _, _, data in G.edges(data=True) for item in data["evidence"]})
    return {span: f"p{index}" for index, span in enumerate(spans)}


def _details(analysis: ConceptAnalysis, passages: dict[tuple[str, int, int], str]) -> tuple[dict, dict]:
    """What the panel shows: per concept its names, class, definition, figures and relations (by type, in
    the text's order); per edge its quotes, each with the id of its passage in the reader."""
    G = analysis.G
    ordered = _ordered_edges(G)
    # each concept's relations in the order of `leadgraph concept` (reports.concept_relations), by one key per edge
    order = {edge_id: relation_order(analysis, subject, label, obj, data["evidence"])
             for edge_id, subject, obj, label, data in ordered}
    incident: dict[str, list[str]] = {node: [] for node in G}
    for edge_id, subject, obj, _, _ in ordered:
        incident[subject].append(edge_id)
        if obj != subject:
            incident[obj].append(edge_id)
    largest = max((getattr(m, SIZE_MEASURE) for m in analysis.measures.values()), default=0.0)
    concepts = {}
    for node in sorted(G):
        summary = concept_summary(analysis, node)
        summary["measures"] = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in summary["measures"].items()}
        del summary["concept"]
        value = getattr(analysis.measures[node], SIZE_MEASURE)
        summary["importance"] = round(math.sqrt(value / largest), 3) if largest > 0 else 0.0
        summary["relations"] = sorted(incident[node], key=order.__getitem__)
        concepts[node] = summary
    relations = {}
    for edge_id, subject, obj, label, data in ordered:
        relations[edge_id] = {"subject": subject, "object": obj, "type": label,
                              "evidence": [{**{k: item[k] for k in ("quote", "document", "document_title",
                                                                    "url", "start", "end", "context")},
                                            "passage": passages[(item["document"], item["start"], item["end"])]}
                                           for item in data["evidence"]]}
    return concepts, relations


def _segments(text: str, spans: list[tuple[int, int, str]]) -> list[list]:
    """The text cut at every quote's start and end: ``[characters]`` or ``[characters, "p3 p7"]`` for
    a piece inside quoted passages. Joined, the pieces are the text itself.

    >>> _segments("abcdef", [(1, 4, "p0"), (3, 5, "p1")])
    [['a'], ['bc', 'p0'], ['d', 'p0 p1'], ['e', 'p1'], ['f']]
    """
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    starting: dict[int, list[int]] = {}
    ending: dict[int, list[int]] = {}
    for index, (start, end, _) in enumerate(spans):
        if start < end:  # an empty span covers no piece
            starting.setdefault(start, []).append(index)
            ending.setdefault(end, []).append(index)
    active: set[int] = set()  # the spans open over the current piece: one sweep over the cuts
    pieces = []
    for start, end in pairwise(cuts):
        active.difference_update(ending.get(start, ()))
        active.update(starting.get(start, ()))
        covering = " ".join(spans[index][2] for index in sorted(active))  # in the spans' order
        pieces.append([text[start:end], covering] if covering else [text[start:end]])
    return pieces


def _documents(G: nx.MultiDiGraph, passages: dict[tuple[str, int, int], str]) -> list[dict]:
    """The source documents with their text cut into pieces at the quotes, for the reader."""
    documents = {iri: {"id": iri, "title": d["title"], "url": d["url"], "text": d["text"]}
                 for iri, d in G.graph.get("documents", {}).items()}
    for _, _, data in G.edges(data=True):
        for item in data["evidence"]:
            documents.setdefault(item["document"], {"id": item["document"], "title": item["document_title"],
                                                    "url": item["url"], "text": ""})
    by_document: dict[str, list[tuple[int, int, str]]] = {}
    for (d, s, e), p in passages.items():
        by_document.setdefault(d, []).append((s, e, p))
    result = []
    for iri, document in sorted(documents.items()):
        text = document.pop("text")
        spans = sorted((s, e, p) for s, e, p in by_document.get(iri, ()) if e <= len(text))
        result.append({**document, "segments": _segments(text, spans) if text else []})
    return result


def _passage_relations(relations: dict, passages: dict[tuple[str, int, int], str]) -> dict[str, dict]:
    """Per passage id: its document, offsets and the relations it grounds."""
    result = {p: {"document": d, "start": s, "end": e, "relations": []} for (d, s, e), p in passages.items()}
    for edge_id, relation in relations.items():
        for passage in dict.fromkeys(item["passage"] for item in relation["evidence"]):
            result[passage]["relations"].append(edge_id)
    return result


def view_data(analysis: ConceptAnalysis, positions: dict[str, tuple[float, float]] | None = None) -> dict:
    """Everything the page needs, as one JSON-ready dict (deterministic for the same analysis)."""
    G = analysis.G
    positions = positions if positions is not None else concept_positions(G, analysis.communities)
    net = _network(analysis, positions)
    nodes, edges, _, _, _, options = net.get_network_data()
    passages = _passages(G)
    concepts, relations = _details(analysis, passages)
    class_counts: dict[str, int] = {}
    for node in G:
        class_counts[G.nodes[node]["cls"]] = class_counts.get(G.nodes[node]["cls"], 0) + 1
    type_counts: dict[str, int] = {}
    for _, _, label in G.edges(keys=True):
        type_counts[label] = type_counts.get(label, 0) + 1
    return {
        "nodes": nodes, "edges": edges, "options": json.loads(options),
        "concepts": concepts, "relations": relations, "sizeMeasure": SIZE_MEASURE,
        "classes": [{"label": c, "colour": class_colour(c), "count": n} for c, n in sorted(class_counts.items())],
        "types": [{"label": t, "count": n, **relation_style(t)} for t, n in sorted(type_counts.items())],
        "documents": _documents(G, passages), "passages": _passage_relations(relations, passages),
    }


def _json_for_script(data: dict) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` survives as such.

    >>> _json_for_script({"q": "</script><img src=x>"})
    '{"q":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _csp_hash(script: str) -> str:
    """The Content-Security-Policy source that allows exactly this inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def render_view(analysis: ConceptAnalysis, title: str = "leadgraph: leadership concepts",
                positions: dict[str, tuple[float, float]] | None = None) -> str:
    """The whole HTML page for a concept analysis."""
    environment = Environment(loader=FileSystemLoader(_HERE), autoescape=select_autoescape(["html", "j2"]))
    template = environment.get_template("page.html.j2")
    vis_js, vis_css = _vis_library()
    viewer_js = (_HERE / "viewer.js").read_text(encoding="utf-8")
    return template.render(
        title=title,
        data_json=_json_for_script(view_data(analysis, positions)),
        vis_js=vis_js, vis_css=vis_css, viewer_js=viewer_js,
        script_hashes=" ".join((_csp_hash(vis_js), _csp_hash(viewer_js))),
        viewer_css=(_HERE / "viewer.css").read_text(encoding="utf-8"),
    )
