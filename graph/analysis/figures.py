"""Write the analysis figures back into RDF, so SPARQL can rank concepts and join them with quotes.

The vocabulary is in ``ontology/leadgraph.ttl`` (``lg:degree``, ``lg:betweenness``, ``lg:inCommunity``
...). Decimal figures are rounded to six places, so the output bytes do not depend on the last bits of
floating-point arithmetic, and written in canonical form.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from graph.analysis.summary import ConceptAnalysis
from graph.namespace import COMMUNITY, LG

__all__ = ["add_figures"]

_DECIMALS = {"betweenness": LG.betweenness, "closeness": LG.closeness, "pagerank": LG.pagerank,
             "eigenvector": LG.eigenvector}
_INTEGERS = {"degree": LG.degree, "in_degree": LG.inDegree, "out_degree": LG.outDegree,
             "core_number": LG.coreNumber}


def _decimal(value: float) -> Literal:
    """A figure as an ``xsd:decimal`` in canonical form, rounded to six places.

    Canonical (no trailing zeros, one digit at least after the point) so that every store spells it
    the same: Oxigraph canonicalises decimals, rdflib keeps the lexical form it is given.

    >>> str(_decimal(0.05477)), str(_decimal(0.0)), str(_decimal(1.0))
    ('0.05477', '0.0', '1.0')
    """
    text = f"{value:.6f}".rstrip("0")
    return Literal(text + "0" if text.endswith(".") else text, datatype=XSD.decimal)


def add_figures(kg: Graph, analysis: ConceptAnalysis) -> Graph:
    """Add every concept's measures and community to ``kg``; return it."""
    for index in range(len(analysis.communities)):
        community = COMMUNITY[str(index)]
        kg.add((community, RDF.type, LG.Community))
        kg.add((community, LG.communityIndex, Literal(index)))
        kg.add((community, RDFS.label, Literal(f"community {analysis.community_name(index)}", lang="en")))
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
