"""What each source document stresses: concepts by the number of quoted relations they take part in."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

__all__ = ["DocumentEmphasis", "document_emphasis"]


@dataclass(frozen=True)
class DocumentEmphasis:
    """Per document, how often each concept is an end of a relation quoted from it."""

    titles: dict[str, str]
    counts: dict[str, Counter]

    def top(self, document: str, n: int = 10) -> list[tuple[str, int]]:
        """The concepts a document stresses most, ties broken by IRI."""
        return sorted(self.counts[document].items(), key=lambda item: (-item[1], item[0]))[:n]

    def shared(self) -> list[str]:
        """Concepts every document relates."""
        sets = [set(c) for c in self.counts.values()]
        return sorted(set.intersection(*sets)) if sets else []

    def only_in(self, document: str) -> list[str]:
        """Concepts only this document relates."""
        others = set().union(*(set(c) for d, c in self.counts.items() if d != document))
        return sorted(set(self.counts[document]) - others)


def document_emphasis(G: nx.MultiDiGraph) -> DocumentEmphasis:
    """Count, for each document, the quoted relations each concept takes part in.

    >>> G = nx.MultiDiGraph()
    >>> quote = lambda doc: {"document": doc, "document_title": doc.upper()}
    >>> _ = G.add_edge("a", "b", key="fosters", evidence=[quote("d1"), quote("d2")])
    >>> _ = G.add_edge("a", "c", key="requires", evidence=[quote("d1")])
    >>> emphasis = document_emphasis(G)
    >>> emphasis.top("d1"), emphasis.shared(), emphasis.only_in("d1")
    ([('a', 2), ('b', 1), ('c', 1)], ['a', 'b'], ['c'])
    """
    titles: dict[str, str] = {}
    counts: dict[str, Counter] = {}
    for subject, obj, data in G.edges(data=True):
        for item in data["evidence"]:
            document = item["document"]
            titles[document] = item["document_title"]
            counts.setdefault(document, Counter()).update([subject, obj])
    return DocumentEmphasis(titles=dict(sorted(titles.items())), counts=dict(sorted(counts.items())))
