"""Print SPARQL results: JSON (the SPARQL 1.1 Query Results JSON Format), CSV and TSV (the SPARQL 1.1
Query Results CSV and TSV Formats, written by Oxigraph's serialisers) or a table with labels beside IRIs."""

from __future__ import annotations

import json
from typing import IO

import pyoxigraph as ox

from graph.errors import UsageError
from graph.namespace import PREFIXES
from graph.tables import FORMATS, emit

__all__ = ["FORMATS", "LABEL_QUERY", "compact", "write_results"]

_OXIGRAPH_FORMATS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}

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


def _cell(term: dict | None, labels: dict[str, str]) -> str:
    if term is None:
        return ""
    if term["type"] == "uri":
        label = labels.get(term["value"])
        return f"{compact(term['value'])} ({label})" if label else compact(term["value"])
    if term["type"] == "bnode":
        return f"_:{term['value']}"
    return " ".join(term["value"].split()) if len(term["value"]) > 200 else term["value"]


def write_results(results: dict, fmt: str, stream: IO[str], labels: dict[str, str] | None = None,
                  wide: bool = False) -> None:
    """Write SELECT or ASK results (SPARQL JSON as a dict) in ``fmt``: table, json, csv or tsv (a ``wide``
    table keeps every cell on one line rather than fitting the terminal).

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
    if fmt in _OXIGRAPH_FORMATS:
        solutions = ox.parse_query_results(json.dumps(results), ox.QueryResultsFormat.JSON)
        stream.write(solutions.serialize(format=_OXIGRAPH_FORMATS[fmt]).decode("utf-8"))
        return
    variables = results["head"]["vars"]
    bindings = results["results"]["bindings"]
    if fmt == "table":
        rows = [{v: _cell(row.get(v), labels or {}) for v in variables} for row in bindings]
        emit(rows, variables, "table", title=f"{len(bindings)} row{'s' if len(bindings) != 1 else ''}",
             stream=stream, wide=wide)
    else:
        raise UsageError(f"unknown results format {fmt!r}; the formats are: {', '.join(FORMATS)}")
