"""The project's IRIs: one base, the vocabulary as a checked namespace, and minted resource IRIs.

Every IRI the project mints starts with :data:`BASE`. The vocabulary terms are declared once in
``ontology/leadgraph.ttl`` and mirrored here as an rdflib ``DefinedNamespace`` with ``_fail = True``,
so ``LG.contrastsWith`` works and a misspelt ``LG.contrastWith`` raises ``AttributeError`` instead of
minting a new IRI. ``tests/test_ontology.py`` keeps the two lists equal.
"""

from __future__ import annotations

import hashlib

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = [
    "BASE",
    "CLAIM",
    "COMMUNITY",
    "CONCEPT",
    "EVIDENCE",
    "LG",
    "OA",
    "PREFIXES",
    "SCHEME",
    "SOURCE",
    "concept_iri",
    "content_iri",
    "source_iri",
]

BASE = "https://w3id.org/leadgraph/"


class LG(DefinedNamespace):
    """The leadgraph vocabulary (``ontology/leadgraph.ttl``)."""

    _fail = True
    _NS = Namespace(BASE + "vocab#")

    # concept classes
    ConceptClass: URIRef
    LeadershipModel: URIRef
    Role: URIRef
    Value: URIRef
    Practice: URIRef
    PowerAndInfluence: URIRef
    Structure: URIRef
    Outcome: URIRef
    Quality: URIRef
    CitedWork: URIRef
    # sources
    SourceDocument: URIRef
    Book: URIRef
    chapter: URIRef
    text: URIRef
    context: URIRef
    # relation types and their inverses
    contrastsWith: URIRef
    fosters: URIRef
    fosteredBy: URIRef
    reduces: URIRef
    reducedBy: URIRef
    requires: URIRef
    requiredBy: URIRef
    partOf: URIRef
    hasPart: URIRef
    kindOf: URIRef
    hasKind: URIRef
    practisedBy: URIRef
    practises: URIRef
    basedOn: URIRef
    basisOf: URIRef
    citedFor: URIRef
    hasCitation: URIRef
    # analysis figures
    ConceptMeasure: URIRef
    degree: URIRef
    inDegree: URIRef
    outDegree: URIRef
    betweenness: URIRef
    closeness: URIRef
    pagerank: URIRef
    eigenvector: URIRef
    coreNumber: URIRef
    isArticulationPoint: URIRef
    Community: URIRef
    inCommunity: URIRef
    communityIndex: URIRef


OA = Namespace("http://www.w3.org/ns/oa#")
"""Web Annotation vocabulary; rdflib has no bundled namespace for it."""

CONCEPT = Namespace(BASE + "concept/")
SOURCE = Namespace(BASE + "source/")
CLAIM = Namespace(BASE + "claim/")
EVIDENCE = Namespace(BASE + "evidence/")
COMMUNITY = Namespace(BASE + "community/")
SCHEME = URIRef(BASE + "scheme")

PREFIXES: dict[str, str] = {
    "lg": str(LG._NS),
    "lgc": str(CONCEPT),
    "lgs": str(SOURCE),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": str(OA),
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
"""Prefixes bound in every output and every query."""


def concept_iri(concept_id: str) -> URIRef:
    """IRI of a concept or cited work, from its id in ``data/concepts.yaml``."""
    return CONCEPT[concept_id]


def source_iri(source_id: str) -> URIRef:
    """IRI of a source document or of the book, from its id in ``data/sources.yaml``."""
    return SOURCE[source_id]


def content_iri(namespace: Namespace, *parts: object) -> URIRef:
    """A stable IRI derived from content, so that a rebuild mints the same IRI.

    >>> content_iri(CLAIM, "trust", "fosters") == content_iri(CLAIM, "trust", "fosters")
    True
    >>> content_iri(CLAIM, "trust", "fosters") == content_iri(CLAIM, "trustfosters")
    False
    """
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return namespace[digest[:16]]
