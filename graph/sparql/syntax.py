"""SPARQL text: the project's prefixes in front of every query, and a syntax check with line and column.

Every query gets the project's common prefixes (``lg``, ``lgc``, ``skos``, ``rdf``, ``rdfs``, ``owl``,
``prov``, ``oa``, ``dcterms``, ``xsd``) declared in front of it, so a query may use them without
declaring them; a query's own declarations come later and win.

Queries that reach ``leadgraph serve`` over HTTP get only what they lack (:func:`with_missing_prefixes`):
the declarations of the project's prefixes they use and do not declare, on the query's own first line,
so a client's query is sent on unchanged when it needs nothing, and line numbers in errors stay right.
"""

from __future__ import annotations

import re

from graph.errors import SparqlSyntaxError
from graph.namespace import PREFIXES
from graph.sparql.guard import declared_prefixes, query_keyword, used_prefixes, uses_service

__all__ = ["check_syntax", "missing_prefixes", "oxigraph_syntax_error", "with_missing_prefixes", "with_prefixes"]

_PREFIX_LINES = len(PREFIXES)


def with_prefixes(text: str) -> str:
    """The query with the project's prefix declarations in front.

    >>> with_prefixes("SELECT * WHERE { ?s a lg:Role }").splitlines()[0]
    'PREFIX lg: <https://w3id.org/leadgraph/vocab#>'
    """
    return "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items()) + text


def missing_prefixes(text: str) -> dict[str, str]:
    """The project's prefixes that the query uses without declaring them, with their IRIs, in
    :data:`~graph.namespace.PREFIXES` order.

    >>> missing_prefixes("PREFIX lg: <urn:mine#> SELECT ?c WHERE { ?c a lg:Role ; skos:prefLabel ?l ; ex:x 1 }")
    {'skos': 'http://www.w3.org/2004/02/skos/core#'}
    """
    wanted = used_prefixes(text) - declared_prefixes(text)
    return {prefix: iri for prefix, iri in PREFIXES.items() if prefix in wanted}


def with_missing_prefixes(text: str) -> str:
    """The query with declarations of the project's prefixes it uses and does not declare, in front of its
    first line; the text itself when it lacks none. ``BASE`` and the query's own declarations are kept.

    >>> with_missing_prefixes("SELECT ?c WHERE { ?c a lg:Role }")
    'PREFIX lg: <https://w3id.org/leadgraph/vocab#> SELECT ?c WHERE { ?c a lg:Role }'
    >>> with_missing_prefixes("PREFIX lg: <urn:other#> SELECT ?c WHERE { ?c a lg:Role }")
    'PREFIX lg: <urn:other#> SELECT ?c WHERE { ?c a lg:Role }'
    """
    missing = missing_prefixes(text)
    return "".join(f"PREFIX {prefix}: <{iri}> " for prefix, iri in missing.items()) + text


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
        raise (oxigraph_syntax_error(str(error), lines_added=_PREFIX_LINES)
               or SparqlSyntaxError(str(error), 1, 1)) from None
    if isinstance(result, ox.QueryBoolean):
        return "ASK"
    return "GRAPH" if isinstance(result, ox.QueryTriples) else "SELECT"


def oxigraph_syntax_error(message: str, lines_added: int = 0, columns_added: int = 0) -> SparqlSyntaxError | None:
    """Oxigraph's syntax error (``error at LINE:COLUMN: ...``) as ours, placed in the user's own text: less
    the lines added in front of it, or the columns added on its first line; None for another message.

    >>> str(oxigraph_syntax_error("error at 1:60: expected one of LATERAL, SERVICE, [_]", columns_added=48))
    'SPARQL syntax error at line 1, column 12: expected one of LATERAL, SERVICE, [_]'
    """
    match = re.match(r"error at (\d+):(\d+): (.*)", message, re.DOTALL)
    if not match:
        return None
    line, column, text = int(match[1]), int(match[2]), " ".join(match[3].split())
    if len(text) > 200:  # Oxigraph lists every character class it would accept
        text = text[:200].rsplit(" ", 1)[0] + " ..."
    if line == 1:
        column = max(1, column - columns_added)
    return SparqlSyntaxError(text, max(1, line - lines_added), column)


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
