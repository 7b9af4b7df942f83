"""Run SPARQL over the knowledge graph: results as rdflib rows or as a pandas DataFrame.

Every query gets the project's common prefixes (``lg``, ``lgc``, ``skos``, ``rdf``, ``rdfs``, ``owl``,
``prov``, ``oa``, ``dcterms``, ``xsd``) declared in front of it, so a query may use them without
declaring them; a query's own declarations come later and win.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Graph, Literal, URIRef

from graph.namespace import PREFIXES

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["python_value", "query", "with_prefixes"]


def with_prefixes(text: str) -> str:
    """The query with the project's prefix declarations in front.

    >>> with_prefixes("SELECT * WHERE { ?s a lg:Role }").splitlines()[0]
    'PREFIX lg: <https://w3id.org/leadgraph/vocab#>'
    """
    return "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items()) + text


def python_value(term: Any) -> Any:
    """A result term as a plain Python value: IRIs and blank nodes as strings, numbers as numbers."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, Decimal):
            return float(value)
        return value if isinstance(value, (int, float, bool, str)) else str(term)
    if isinstance(term, (URIRef, BNode)):
        return str(term)
    return str(term)


def query(text: str, kg: Graph | None = None) -> pd.DataFrame:
    """Run a SELECT query and return its rows as a DataFrame, one column per variable.

    ``kg`` defaults to the built graph (``build/leadership.ttl``, built in memory when missing).
    """
    import pandas as pd

    from graph.load import load_graph

    kg = load_graph() if kg is None else kg
    result = kg.query(with_prefixes(text))
    columns = [str(v) for v in result.vars or []]
    rows = [[python_value(term) for term in row] for row in result]
    return pd.DataFrame(rows, columns=columns)
