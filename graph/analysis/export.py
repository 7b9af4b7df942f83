"""The concept graph for other graph tools: GraphML and GEXF (Gephi, Cytoscape, yEd) and a pair of CSV files.

Every concept carries its label, class, community and every measure; every relation its type and its
quotes. Attribute values are plain text, numbers and booleans, as GraphML and GEXF require: lists (the
quotes, the synonyms) are joined with :data:`SEPARATOR`, one item a line; a quote's own line breaks and runs
of spaces are written as single spaces (the RDF formats keep every quote exactly as it stands in the text).
The RDF formats (Turtle, N-Triples, JSON-LD) are :mod:`graph.rdf.serialise`'s.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import networkx as nx

from graph.analysis.summary import ConceptAnalysis

__all__ = ["EDGE_FIELDS", "GRAPH_FORMATS", "NODE_FIELDS", "SEPARATOR", "export_files", "export_graph"]

GRAPH_FORMATS = {"graphml": ".graphml", "gexf": ".gexf", "csv": ".csv"}
"""Concept-graph export formats and the suffix each is written with (CSV writes ``-nodes`` and ``-edges`` files)."""

SEPARATOR = "\n"
"""Joins the items of a list-valued attribute (quotes, synonyms, documents)."""

NODE_FIELDS = ("id", "label", "class", "class_iri", "community", "definition", "synonyms", "degree", "in_degree",
               "out_degree", "betweenness", "closeness", "pagerank", "eigenvector", "core_number",
               "articulation_point")
EDGE_FIELDS = ("source", "target", "label", "relation", "relation_iri", "quote_count", "quotes", "documents",
               "positions")


def export_graph(analysis: ConceptAnalysis) -> nx.MultiDiGraph:
    """The concept graph with flat, typed attributes: what the GraphML, GEXF and CSV exports hold.

    Edges are keyed by relation type; ``label`` and ``relation`` are the type's label (``label`` is what
    Gephi shows), ``relation_iri`` its property.
    """
    G = analysis.G
    out = nx.MultiDiGraph(name="leadgraph concept graph")
    for node, data in G.nodes(data=True):
        out.add_node(node, label=data["label"], **{"class": data["cls"]}, class_iri=data["class_iri"],
                     community=analysis.community[node], definition=data["definition"],
                     synonyms=SEPARATOR.join(data["synonyms"]), **analysis.measures[node].as_dict())
    for subject, obj, key, data in G.edges(keys=True, data=True):
        evidence = data["evidence"]
        quotes = [" ".join(item["quote"].split()) for item in evidence]
        out.add_edge(subject, obj, key=key, label=data["type"], relation=data["type"], relation_iri=data["relation"],
                     quote_count=len(evidence), quotes=SEPARATOR.join(quotes),
                     documents=SEPARATOR.join(item["document"] for item in evidence),
                     positions=SEPARATOR.join(f"{item['start']}-{item['end']}" for item in evidence))
    return out


def _csv(rows: list[dict], fields: tuple[str, ...]) -> bytes:
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=list(fields), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return text.getvalue().encode("utf-8")


def export_files(analysis: ConceptAnalysis, fmt: str, target: Path) -> dict[Path, bytes]:
    """The files of a concept-graph export in ``fmt`` (see :data:`GRAPH_FORMATS`), by path.

    ``target`` names the file; for CSV it names the pair, ``NAME-nodes.csv`` and ``NAME-edges.csv``.
    """
    G = export_graph(analysis)
    if fmt == "csv":
        stem = target.with_suffix("")
        nodes = [{"id": node, **data} for node, data in G.nodes(data=True)]
        edges = [{"source": s, "target": o, **data} for s, o, data in G.edges(data=True)]
        return {stem.with_name(f"{stem.name}-nodes.csv"): _csv(nodes, NODE_FIELDS),
                stem.with_name(f"{stem.name}-edges.csv"): _csv(edges, EDGE_FIELDS)}
    if fmt == "graphml":
        text = "\n".join(nx.generate_graphml(G, named_key_ids=True))
        return {target: (text + "\n").encode("utf-8")}
    if fmt == "gexf":
        text = "\n".join(nx.generate_gexf(G))
        # networkx stamps today's date; leave it out so that the same graph gives the same bytes
        text = re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)
        return {target: (text + "\n").encode("utf-8")}
    raise ValueError(f"unknown graph export format {fmt!r}; the formats are: {', '.join(GRAPH_FORMATS)}")
