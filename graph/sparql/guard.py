"""What a query may do, read from its tokens: federated ``SERVICE`` calls, and updates in place of queries.

A small SPARQL lexer skips comments, strings, IRIs, variables and prefixed names the way Oxigraph's
parser does, so ``SERVICE`` inside a comment, a string, an IRI or a name such as ``ex:SERVICE`` is not a
call, while ``SERVICE`` anywhere in the query's own words is. Where the two could disagree the lexer
errs towards seeing a call: a query is refused, never a call let through.

Oxigraph (0.5) does not decode ``\\u`` escapes outside strings and IRIs, so neither does this lexer.
"""

from __future__ import annotations

import re

from graph.errors import UsageError

__all__ = ["QUERY_FORMS", "ReadOnlyQueryError", "declared_prefixes", "query_keyword", "require_query", "used_prefixes",
           "uses_service"]

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
"""The read-only query forms."""

_TOKEN = re.compile(r"""
    (?P<comment>\#[^\r\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\" | '''(?:[^'\\]|\\.|'(?!''))*'''
              | "(?:[^"\\\r\n]|\\.)*" | '(?:[^'\\\r\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<variable>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
  | (?P<name>(?:[^\W\d][\w.\-]*)?:(?:[\w\-:%]|\\[^\s]|\.(?=[\w\-:%\\]))*)
  | (?P<word>\w+)
  | (?P<other>[^\w])
""", re.VERBOSE | re.DOTALL)


def _words(text: str) -> list[str]:
    """The bare words of a query (keywords, function names, numbers), in order, upper-cased."""
    return [match["word"].upper() for match in _TOKEN.finditer(text) if match["word"]]


def used_prefixes(text: str) -> set[str]:
    """The prefixes of the prefixed names a query writes (``lg`` for ``lg:Role``), declarations included.

    >>> sorted(used_prefixes('SELECT ?x WHERE { ?x a lg:Role ; rdfs:label "skos:no" } # owl:no'))
    ['lg', 'rdfs']
    """
    return {match["name"].split(":", 1)[0] for match in _TOKEN.finditer(text) if match["name"]}


def declared_prefixes(text: str) -> set[str]:
    """The prefixes a query declares with ``PREFIX p: <...>`` (in any case, comments between allowed).

    >>> sorted(declared_prefixes("prefix lg: <urn:a>\\nPREFIX # the vocabulary\\n  skos:<urn:b> SELECT * {}"))
    ['lg', 'skos']
    """
    declared, after_prefix = set(), False
    for match in _TOKEN.finditer(text):
        if match["comment"] or (match["other"] and match["other"].isspace()):
            continue
        if after_prefix and match["name"] and match["name"].endswith(":"):
            declared.add(match["name"][:-1])
        after_prefix = bool(match["word"]) and match["word"].upper() == "PREFIX"
    return declared


def uses_service(text: str) -> bool:
    """True when the query calls another endpoint with ``SERVICE`` (a federated query).

    >>> uses_service("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service("SELECT * WHERE { ?s ?p ?o .service<http://example.org/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service('SELECT ?service WHERE { ?service a ex:SERVICE ; rdfs:label "SERVICE <x> {}" } # SERVICE')
    False
    """
    return any("SERVICE" in word for word in _words(text))


def query_keyword(text: str) -> str | None:
    """The first keyword after the prologue (``BASE`` and ``PREFIX`` declarations), upper-cased.

    >>> query_keyword("# a comment\\nPREFIX ex: <http://example.org/>\\nselect * where { ?s ?p ?o }")
    'SELECT'
    >>> query_keyword("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    'INSERT'
    """
    for word in _words(text):
        if word not in ("BASE", "PREFIX"):
            return word
    return None


class ReadOnlyQueryError(UsageError):
    """Text that is not a read-only query: an update, or something that does not open with a query form."""

    status = 2


def require_query(text: str) -> None:
    """Refuse text whose first keyword is not SELECT, ASK, CONSTRUCT or DESCRIBE (updates among them).

    >>> require_query("DELETE WHERE { ?s ?p ?o }")
    Traceback (most recent call last):
    ...
    graph.sparql.guard.ReadOnlyQueryError: leadgraph query runs read-only queries (SELECT, ASK, CONSTRUCT, \
DESCRIBE); updates are refused (this text opens with DELETE)
    """
    keyword = query_keyword(text)
    if keyword not in QUERY_FORMS:
        opening = f"opens with {keyword}" if keyword else "holds no query"
        raise ReadOnlyQueryError("leadgraph query runs read-only queries (SELECT, ASK, CONSTRUCT, DESCRIBE); "
                                 f"updates are refused (this text {opening})")
