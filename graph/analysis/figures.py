"""Write the analysis figures back into RDF, so SPARQL can rank concepts and join them with quotes.

The vocabulary is in ``ontology/leadgraph.ttl`` (``lg:degree``, ``lg:betweenness``, ``lg:inCommunity``
...). Decimal figures are rounded to six places so the output bytes do not depend on the last bits of
floating-point arithmetic.
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from graph.analysis.summary import ConceptAnalysis
from graph.namespace import COMMUNITY, LG

__all__ = ["add_figures"]

_DECIMALS = {"betweenness": LG.betweenness, "closeness": LG.closeness, "pagerank": LG.pagerank,
             "eigenvector": LG.eigenvector}
_INTEGERS = {"degree": LG.degree, "in_degree": LG.inDegree, "out_degree": LG.outDegree,
             "core_number": LG.coreNumber}


def _decimal(value: float) -> Literal:
    return Literal(Decimal(f"{value:.6f}"), datatype=XSD.decimal)


def add_figures(kg: Graph, analysis: ConceptAnalysis) -> Graph:
    """Add every concept's measures and community to ``kg``; return it."""
    for index, members in enumerate(analysis.communities):
        community = COMMUNITY[str(index)]
        hubs = sorted(members, key=lambda n: (-analysis.measures[n].degree, analysis.label(n)))[:3]
        kg.add((community, RDF.type, LG.Community))
        kg.add((community, LG.communityIndex, Literal(index)))
        kg.add((community, RDFS.label, Literal(f"community {index}: "
                                               + ", ".join(analysis.label(n) for n in hubs), lang="en")))
    for node, measures in analysis.measures.items():
        concept = URIRef(node)
        figures = measures.as_dict()
        for name, prop in _DECIMALS.items():
            kg.add((concept, prop, _decimal(float(figures[name]))))
        for name, prop in _INTEGERS.items():
            kg.add((concept, prop, Literal(int(figures[name]))))
        kg.add((concept, LG.isArticulationPoint, Literal(bool(figures["articulation_point"]))))
        kg.add((concept, LG.inCommunity, COMMUNITY[str(analysis.community[node])]))
    return kg
