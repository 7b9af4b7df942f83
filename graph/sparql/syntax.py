"""SPARQL text: the project's prefixes in front of every query, and a syntax check with line and column.

Every query gets the project's common prefixes (``lg``, ``lgc``, ``skos``, ``rdf``, ``rdfs``, ``owl``,
``prov``, ``oa``, ``dcterms``, ``xsd``) declared in front of it, so a query may use them without
declaring them; a query's own declarations come later and win.
"""

from __future__ import annotations

import re

from graph.errors import SparqlSyntaxError
from graph.namespace import PREFIXES
from graph.sparql.guard import query_keyword, uses_service

__all__ = ["check_syntax", "with_prefixes"]

_PREFIX_LINES = len(PREFIXES)


def with_prefixes(text: str) -> str:
    """The query with the project's prefix declarations in front.

    >>> with_prefixes("SELECT * WHERE { ?s a lg:Role }").splitlines()[0]
    'PREFIX lg: <https://w3id.org/leadgraph/vocab#>'
    """
    return "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items()) + text


def check_syntax(text: str) -> str:
    """Parse the query (with the common prefixes); return its form: SELECT, ASK or GRAPH (CONSTRUCT, DESCRIBE).

    Oxigraph's parser gives the most precise messages, so every engine checks syntax with it: the query
    is run against an empty store, which costs nothing and tells the form by the type of its result. A
    federated query is parsed by rdflib instead, which runs nothing: Oxigraph would call the service.

    >>> check_syntax("SELECT ?s WHERE { ?s a lg:Role }"), check_syntax("DESCRIBE lgc:trust")
    ('SELECT', 'GRAPH')
    >>> check_syntax("SELECT * WHERE {\\n  ?s ?p }")
    Traceback (most recent call last):
    ...
    graph.errors.SparqlSyntaxError: SPARQL syntax error at line 2, column 10: expected one of LATERAL, SERVICE, [_]
    """
    import pyoxigraph as ox

    if uses_service(text):
        return _check_without_running(text)
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


def _check_without_running(text: str) -> str:
    """Parse a query with rdflib's parser, which makes no request; its form from its first keyword.

    >>> _check_without_running("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    'SELECT'
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parseQuery(with_prefixes(text))
    except ParseException as error:
        raise SparqlSyntaxError(" ".join(str(error.msg).split())[:200], max(1, error.lineno - _PREFIX_LINES),
                                error.col) from None
    keyword = query_keyword(text)
    return {"SELECT": "SELECT", "ASK": "ASK"}.get(keyword or "", "GRAPH")
