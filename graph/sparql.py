"""Run SPARQL over the knowledge graph: results as rdflib rows or as a pandas DataFrame.

Every query gets the project's common prefixes (``lg``, ``lgc``, ``skos``, ``rdf``, ``rdfs``, ``owl``,
``prov``, ``oa``, ``dcterms``, ``xsd``) declared in front of it, so a query may use them without
declaring them; a query's own declarations come later and win.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from graph.namespace import PREFIXES

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["SparqlSyntaxError", "check_syntax", "python_value", "query", "with_prefixes"]

_PREFIX_LINES = len(PREFIXES)


class SparqlSyntaxError(ValueError):
    """A query that does not parse, with the line and column (in the user's own text) where it fails."""

    def __init__(self, message: str, line: int, column: int):
        self.line, self.column = line, column
        super().__init__(f"SPARQL syntax error at line {line}, column {column}: {message}")


def with_prefixes(text: str) -> str:
    """The query with the project's prefix declarations in front.

    >>> with_prefixes("SELECT * WHERE { ?s a lg:Role }").splitlines()[0]
    'PREFIX lg: <https://w3id.org/leadgraph/vocab#>'
    """
    return "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items()) + text


def check_syntax(text: str) -> str:
    """Parse the query (with the common prefixes); return its form: SELECT, ASK or GRAPH (CONSTRUCT, DESCRIBE).

    Oxigraph's parser gives the most precise messages, so every engine checks syntax with it: the query
    is run against an empty store, which costs nothing and tells the form by the type of its result.

    >>> check_syntax("SELECT ?s WHERE { ?s a lg:Role }"), check_syntax("DESCRIBE lgc:trust")
    ('SELECT', 'GRAPH')
    >>> check_syntax("SELECT * WHERE {\\n  ?s ?p }")
    Traceback (most recent call last):
    ...
    graph.sparql.SparqlSyntaxError: SPARQL syntax error at line 2, column 10: expected one of LATERAL, SERVICE, [_]
    """
    import pyoxigraph as ox

    try:
        result = ox.Store().query(with_prefixes(text))
    except SyntaxError as error:
        match = re.match(r"error at (\d+):(\d+): (.*)", str(error), re.DOTALL)
        if not match:
            raise SparqlSyntaxError(str(error), 1, 1) from None
        line, column, message = int(match[1]), int(match[2]), " ".join(match[3].split())
        if len(message) > 200:  # Oxigraph lists every character class it would accept
            message = message[:200].rsplit(" ", 1)[0] + " ..."
        raise SparqlSyntaxError(message, max(1, line - _PREFIX_LINES), column) from None
    if isinstance(result, ox.QueryBoolean):
        return "ASK"
    return "GRAPH" if isinstance(result, ox.QueryTriples) else "SELECT"


_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMBERS = {**{_XSD + t: int for t in ("integer", "nonNegativeInteger", "positiveInteger", "int", "long", "short",
                                      "nonPositiveInteger", "negativeInteger", "byte", "unsignedInt", "unsignedLong")},
            **{_XSD + t: float for t in ("decimal", "double", "float")}}


def python_value(term: dict | None) -> Any:
    """A term of SPARQL JSON results as a plain Python value: numbers and booleans typed, the rest text.

    >>> python_value({"type": "literal", "value": "0.5", "datatype": "http://www.w3.org/2001/XMLSchema#decimal"})
    0.5
    >>> python_value({"type": "uri", "value": "https://w3id.org/leadgraph/concept/trust"})
    'https://w3id.org/leadgraph/concept/trust'
    """
    if term is None:
        return None
    datatype = term.get("datatype")
    if datatype in _NUMBERS:
        return _NUMBERS[datatype](term["value"])
    if datatype == _XSD + "boolean":
        return term["value"] == "true"
    return term["value"]


def query(text: str, kg: Graph | None = None, engine: str = "rdflib") -> pd.DataFrame:
    """Run a SELECT query and return its rows as a DataFrame, one column per variable.

    ``kg`` defaults to the built graph (``build/leadership.ttl``, built in memory when missing);
    ``engine`` is ``rdflib`` or ``oxigraph``. Query strings only: no prepared queries.
    """
    import pandas as pd

    from graph.engines import open_engine

    answer = open_engine(engine, kg=kg).ask(text)
    if answer.results is None or "boolean" in answer.results:
        raise ValueError("graph.query returns a DataFrame for SELECT queries; use leadgraph query for the others")
    variables = answer.results["head"]["vars"]
    rows = [[python_value(row.get(v)) for v in variables] for row in answer.results["results"]["bindings"]]
    return pd.DataFrame(rows, columns=variables)
