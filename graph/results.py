"""Print SPARQL results: JSON (the SPARQL 1.1 Query Results JSON Format), CSV and TSV (the SPARQL 1.1
Query Results CSV and TSV Formats) or a table with labels beside IRIs."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from typing import IO

from graph.namespace import PREFIXES
from graph.tables import emit

__all__ = ["LABEL_QUERY", "compact", "result_rows", "write_results"]

LABEL_QUERY = """SELECT ?resource ?label WHERE {
  ?resource skos:prefLabel|rdfs:label ?label .
  FILTER (LANG(?label) = "en" || LANG(?label) = "")
}"""
"""The labels shown beside IRIs in tables, fetched from the engine that ran the query."""


def compact(iri: str) -> str:
    """An IRI with the longest matching project prefix, or in angle brackets.

    >>> compact("https://w3id.org/leadgraph/concept/trust"), compact("urn:x")
    ('lgc:trust', '<urn:x>')
    """
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return f"<{iri}>"
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{iri[len(best):]}"


def _tsv_term(term: dict) -> str:
    """A term in the SPARQL TSV encoding (Turtle-like)."""
    if term["type"] == "uri":
        return f"<{term['value']}>"
    if term["type"] == "bnode":
        return f"_:{term['value']}"
    text = json.dumps(term["value"], ensure_ascii=False)
    if "xml:lang" in term:
        return f"{text}@{term['xml:lang']}"
    if "datatype" in term:
        return f"{text}^^<{term['datatype']}>"
    return text


def _cell(term: dict | None, labels: dict[str, str]) -> str:
    if term is None:
        return ""
    if term["type"] == "uri":
        label = labels.get(term["value"])
        return f"{compact(term['value'])} ({label})" if label else compact(term["value"])
    if term["type"] == "bnode":
        return f"_:{term['value']}"
    return " ".join(term["value"].split()) if len(term["value"]) > 200 else term["value"]


def write_results(results: dict, fmt: str, stream: IO[str], labels: dict[str, str] | None = None) -> None:
    """Write SELECT or ASK results (SPARQL JSON as a dict) in ``fmt``: table, json, csv or tsv.

    >>> import io
    >>> out = io.StringIO()
    >>> results = {"head": {"vars": ["c"]}, "results": {"bindings": [
    ...     {"c": {"type": "uri", "value": "https://w3id.org/leadgraph/concept/trust"}}]}}
    >>> write_results(results, "tsv", out)
    >>> out.getvalue()
    '?c\\n<https://w3id.org/leadgraph/concept/trust>\\n'
    """
    if fmt == "json":
        stream.write(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        return
    if "boolean" in results:
        stream.write(("true" if results["boolean"] else "false") + "\n")
        return
    variables = results["head"]["vars"]
    bindings = results["results"]["bindings"]
    if fmt == "csv":
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows([row.get(v, {}).get("value", "") for v in variables] for row in bindings)
    elif fmt == "tsv":
        stream.write("\t".join(f"?{v}" for v in variables) + "\n")
        for row in bindings:
            stream.write("\t".join(_tsv_term(row[v]) if v in row else "" for v in variables) + "\n")
    else:
        rows = [{v: _cell(row.get(v), labels or {}) for v in variables} for row in bindings]
        emit(rows, variables, "table", title=f"{len(bindings)} row{'s' if len(bindings) != 1 else ''}",
             stream=stream)


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
