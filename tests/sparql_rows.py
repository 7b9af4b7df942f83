"""Compare SPARQL results across engines, up to what SPARQL leaves open (for tests and benchmarks)."""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["result_rows"]

_INTEGER_TYPES = {f"http://www.w3.org/2001/XMLSchema#{name}" for name in (
    "integer", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger", "long", "int",
    "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}


def _comparable(term: dict, separator: str | None) -> tuple:
    """A term as engines agree on it: integers by value (Oxigraph returns derived integer types as
    xsd:integer), and the parts of a GROUP_CONCAT in sorted order (their order is implementation-defined)."""
    if term.get("datatype") in _INTEGER_TYPES:
        return ("integer", int(term["value"]))
    value = term["value"]
    if separator is not None:
        value = separator.join(sorted(value.split(separator)))
    return (term["type"], value, term.get("datatype"), term.get("xml:lang"))


def result_rows(results: dict, query: str = "") -> Counter:
    """The rows of SELECT results as an order-free multiset of comparable tuples, to compare engines.

    ``query`` tells which variables are GROUP_CONCATs, and with which separator.

    >>> one = {"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "7",
    ...        "datatype": "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"}}]}}
    >>> two = {"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "7",
    ...        "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}
    >>> result_rows(one) == result_rows(two)
    True
    """
    if "boolean" in results:
        return Counter([(results["boolean"],)])
    separators = {name: separator for separator, name in
                  re.findall(r'GROUP_CONCAT\([^;]*;\s*separator\s*=\s*"([^"]*)"\s*\)[^?]*?AS\s+\?(\w+)', query)}
    variables = sorted(results["head"]["vars"])
    return Counter(tuple(_comparable(row[v], separators.get(v)) if v in row else None for v in variables)
                   for row in results["results"]["bindings"])
