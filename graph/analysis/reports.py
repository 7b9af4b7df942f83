"""The analysis as people read it: concept cards, rankings, gaps, documents and paths as plain rows.

The command line prints these rows, the view shows the same cards, and notebooks turn them into
DataFrames, so there is one copy of each. Every row is a dict of plain values (text, numbers, lists).
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from graph.analysis.centrality import EXACT_LIMIT, MEASURES
from graph.analysis.communities import LEIDEN_LIMIT, community_method
from graph.analysis.concept_graph import undirected
from graph.analysis.documents import document_emphasis
from graph.analysis.gaps import structural_gaps
from graph.analysis.paths import ConceptPath
from graph.analysis.summary import ConceptAnalysis
from graph.errors import UsageError

__all__ = ["RANKING_COLUMNS", "RANKING_TABLE", "bridge_rows", "concept_card", "concept_relations", "concept_summary",
           "document_rows", "gap_rows", "path_rows", "ranking_rows", "ranking_title", "relation_order", "text_order"]

RANKING_COLUMNS = ("rank", "concept", "label", "class", *MEASURES, "community", "articulation_point")
"""Every column of a ranking row, in the order the machine-readable formats print them."""


SHORT_NAMES = {"degree": "deg", "in_degree": "in", "out_degree": "out", "betweenness": "betw", "closeness": "close",
               "pagerank": "PR", "eigenvector": "eigen", "core_number": "core", "community": "comm"}
"""Short column headings for tables on narrow terminals (the full names are in ``--format`` output)."""


@dataclass(frozen=True)
class RankingTable:
    """Which columns the ranking table shows, their headings, and which it drops first on narrow terminals."""

    shown: tuple[str, ...] = ("rank", "label", "class", "degree", "betweenness", "closeness", "pagerank",
                              "eigenvector", "core_number", "community")
    optional: tuple[str, ...] = ("class", "closeness", "eigenvector", "core_number")

    def columns(self, measure: str, wide: bool = False) -> tuple[list[str], dict[str, str], list[str]]:
        """The columns, headings and droppable columns (last dropped first) of a ranking by ``measure``;
        ``wide`` tables keep the full names."""
        shown = list(self.shown)
        if measure not in shown:
            shown.insert(shown.index("betweenness"), measure)
        names = {} if wide else SHORT_NAMES
        headers = {**names, "rank": f"{names.get(measure, measure)} rank"}
        return shown, headers, [c for c in self.optional if c != measure]


RANKING_TABLE = RankingTable()


def concept_summary(analysis: ConceptAnalysis, node: str) -> dict:
    """A concept's names, class, definition, figures and community."""
    data = analysis.G.nodes[node]
    measures = analysis.measures[node].as_dict()
    return {"concept": node, "label": data["label"], "class": data["cls"], "synonyms": data["synonyms"],
            "forms": data["forms"], "definition": data["definition"], "measures": measures,
            "community": analysis.community[node]}


def text_order(evidence: list[dict]) -> tuple:
    """Where a relation is first stated: its first quote's document and offsets (unquoted ones last).

    >>> early, late = {"document": "d1", "start": 40, "end": 60}, {"document": "d1", "start": 90, "end": 99}
    >>> text_order([late, early]) < text_order([late])
    True
    """
    first = min(((item["document"], item["start"], item["end"]) for item in evidence), default=None)
    return (1, "", 0, 0) if first is None else (0, *first)


def concept_relations(analysis: ConceptAnalysis, node: str) -> list[dict]:
    """Every relation of a concept, either way, with its quotes: by type, then in the order the texts
    state them (so the members of a list come in the text's order), then by the labels of its ends."""
    G, label = analysis.G, analysis.label
    edges = [*G.out_edges(node, keys=True, data=True), *G.in_edges(node, keys=True, data=True)]
    return [{"subject": s, "subject_label": label(s), "type": k, "object": o, "object_label": label(o),
             "evidence": d["evidence"]}
            for s, o, k, d in sorted(edges, key=lambda e: relation_order(analysis, e[0], e[2], e[1], e[3]["evidence"]))]


def relation_order(analysis: ConceptAnalysis, subject: str, type_: str, obj: str, evidence: list[dict]) -> tuple:
    """The sort key of :func:`concept_relations`: type, place in the texts, then the labels of the ends."""
    return (type_, text_order(evidence), analysis.label(subject), analysis.label(obj))


def concept_card(analysis: ConceptAnalysis, node: str) -> dict:
    """Everything about one concept: :func:`concept_summary` and :func:`concept_relations`."""
    return {**concept_summary(analysis, node), "relations": concept_relations(analysis, node)}


def ranking_rows(analysis: ConceptAnalysis, measure: str = "betweenness", class_label: str | None = None,
                 community: int | None = None) -> list[dict]:
    """Concepts ranked by ``measure`` (``rank`` is the overall rank), optionally only one class or community."""
    if measure not in MEASURES:
        raise UsageError(f"unknown measure {measure!r}; the measures are: {', '.join(MEASURES)}")
    order = {node: rank for rank, node in enumerate(analysis.ranked(measure), start=1)}
    rows = [dict(row, rank=order[str(row["concept"])]) for row in analysis.rows()]
    if class_label is not None:
        classes = sorted({str(row["class"]) for row in rows})
        if class_label not in classes:
            raise UsageError(f"unknown class {class_label!r}; the classes are: {', '.join(classes)}")
        rows = [row for row in rows if row["class"] == class_label]
    if community is not None:
        if not 0 <= community < len(analysis.communities):
            raise UsageError(f"there is no community {community}; the communities are numbered 0 to "
                             f"{len(analysis.communities) - 1}")
        rows = [row for row in rows if row["community"] == community]
        if not rows:
            raise UsageError(f"no concept of class {class_label!r} is in community {community}")
    return sorted(rows, key=lambda row: int(row["rank"]))


def ranking_title(analysis: ConceptAnalysis, measure: str, rows: list[dict], top: int,
                  class_label: str | None = None, community: int | None = None) -> str:
    """The title of a ranking table: what is ranked, what the filters kept, and what the rank counts."""
    total = analysis.G.number_of_nodes()
    shown = min(top, len(rows)) if top else len(rows)
    filters = [f"class {class_label}"] * (class_label is not None)
    filters += [f"community {community}"] * (community is not None)
    kept = f"{len(rows)} of {total} concepts ({', '.join(filters)})" if filters else f"{total} concepts"
    estimated = "".join(f" {name.capitalize()} estimated {how} above {EXACT_LIMIT:,} concepts."
                        for name, how in analysis.estimated.items())
    method = community_method(total)
    found = f" (by {method}, above {LEIDEN_LIMIT:,} concepts)" if method != "Louvain" else ""
    return (f"Concepts by {measure}: {kept}, top {shown} shown; rank is among all {total} concepts. "
            f"{len(analysis.communities)} communities{found}, modularity {analysis.modularity:.3f}.{estimated}")


def gap_rows(analysis: ConceptAnalysis) -> list[dict]:
    """Pairs of communities, most thinly linked first, with the concepts that broker between them."""
    betweenness = {n: m.betweenness for n, m in analysis.measures.items()}
    label = analysis.label
    return [{"first": analysis.community_name(g.first), "second": analysis.community_name(g.second),
             "links": g.links, "density": g.density, "brokers": ", ".join(label(n) for n in g.brokers[:5]),
             "broker_iris": g.brokers}
            for g in structural_gaps(analysis.G, analysis.communities, betweenness)]


def bridge_rows(analysis: ConceptAnalysis) -> list[dict]:
    """Relations whose loss would cut a group of two or more concepts off the rest, largest group first.

    A relation to a concept that has no other relation is a bridge too, but a trivial one; it is left out.
    """
    H = undirected(analysis.G)
    rows = []
    for first, second in analysis.bridges:
        H.remove_edge(first, second)
        cut_off = min(len(nx.node_connected_component(H, first)), len(nx.node_connected_component(H, second)))
        H.add_edge(first, second)
        if cut_off > 1:
            rows.append({"first": analysis.label(first), "second": analysis.label(second), "cut_off": cut_off})
    return sorted(rows, key=lambda row: (-int(row["cut_off"]), row["first"], row["second"]))


def document_rows(analysis: ConceptAnalysis) -> list[dict]:
    """Per document and concept, how many quoted relations of that document the concept takes part in."""
    emphasis = document_emphasis(analysis.G)
    rows = []
    for document, title in emphasis.titles.items():
        others = [d for d in emphasis.titles if d != document]
        for node, count in emphasis.counts[document].items():
            rows.append({"document": title, "concept": node, "label": analysis.label(node), "relations": count,
                         "in_other_documents": any(node in emphasis.counts[d] for d in others)})
    return sorted(rows, key=lambda r: (r["document"], -int(r["relations"]), r["label"]))


def path_rows(analysis: ConceptAnalysis, paths: list[ConceptPath]) -> list[dict]:
    """Chains of relations with labels beside every IRI, as ``leadgraph path --format json`` prints them."""
    label = analysis.label
    return [{"concepts": [{"concept": c, "label": label(c)} for c in path.concepts],
             "steps": [[{"subject": s.subject, "subject_label": label(s.subject), "type": s.type,
                         "object": s.object, "object_label": label(s.object), "evidence": s.evidence}
                        for s in hop] for hop in path.hops]}
            for path in paths]
