"""Write the analysis figures back into RDF, so SPARQL can rank concepts and join them with quotes.

The vocabulary is in ``ontology/leadgraph.ttl`` (``lg:degree``, ``lg:betweenness``, ``lg:inCommunity``
...). Decimal figures are rounded to six places, so the output bytes do not depend on the last bits of
floating-point arithmetic, and written in canonical form.
"""

from __future__ import annotations

from functools import cache

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD

from graph.analysis.summary import ConceptAnalysis
from graph.namespace import COMMUNITY, LG
from graph.rdf.assemble import iri
from graph.rdf.triples import OxTerms, TripleSet

__all__ = ["add_figures"]

_RDF, _RDFS, _XSD, _LG = map(OxTerms, (RDF, RDFS, XSD, LG))
_DECIMALS = {"betweenness": _LG.betweenness, "closeness": _LG.closeness, "pagerank": _LG.pagerank,
             "eigenvector": _LG.eigenvector}
_INTEGERS = {"degree": _LG.degree, "in_degree": _LG.inDegree, "out_degree": _LG.outDegree,
             "core_number": _LG.coreNumber}


def _decimal(value: float) -> ox.Literal:
    """A figure as an ``xsd:decimal`` in canonical form, rounded to six places.

    Canonical (no trailing zeros, one digit at least after the point) so that every store spells it
    the same: Oxigraph canonicalises decimals, rdflib keeps the lexical form it is given.

    >>> _decimal(0.05477).value, _decimal(0.0).value, _decimal(1.0).value
    ('0.05477', '0.0', '1.0')
    """
    text = f"{value:.6f}".rstrip("0")
    return ox.Literal(text + "0" if text.endswith(".") else text, datatype=_XSD.decimal)


@cache
def _integer(value: int) -> ox.Literal:
    """A count as an ``xsd:integer``; made once per value (degrees and core numbers repeat thousands of times)."""
    return ox.Literal(str(int(value)), datatype=_XSD.integer)


_BOOLEANS = {True: ox.Literal("true", datatype=_XSD.boolean), False: ox.Literal("false", datatype=_XSD.boolean)}


def add_figures(kg: TripleSet, analysis: ConceptAnalysis) -> TripleSet:
    """Add every concept's measures and community to ``kg``; return it."""
    communities = [iri(COMMUNITY[str(index)]) for index in range(len(analysis.communities))]
    for index, community in enumerate(communities):
        kg.add(community, _RDF.type, _LG.Community)
        kg.add(community, _LG.communityIndex, _integer(index))
        kg.add(community, _RDFS.label, ox.Literal(f"community {analysis.community_name(index)}", language="en"))
    for node, measures in analysis.measures.items():
        concept = iri(node)
        figures = measures.as_dict()
        for name, prop in _DECIMALS.items():
            kg.add(concept, prop, _decimal(float(figures[name])))
        for name, prop in _INTEGERS.items():
            kg.add(concept, prop, _integer(figures[name]))
        kg.add(concept, _LG.isArticulationPoint, _BOOLEANS[bool(figures["articulation_point"])])
        kg.add(concept, _LG.inCommunity, communities[analysis.community[node]])
    return kg
