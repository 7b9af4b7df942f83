"""SPARQL SELECT results as a pandas DataFrame, with numbers and booleans as Python values, for notebooks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rdflib import Graph

from graph.errors import UsageError
from graph.sparql.engines import open_engine

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["python_value", "select_frame"]


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


def select_frame(text: str, kg: Graph, engine: str = "rdflib") -> pd.DataFrame:
    """Run a SELECT query over ``kg`` and return its rows as a DataFrame, one column per variable.

    ``engine`` is one of :data:`~graph.sparql.engines.ENGINES`. Query strings only: no prepared queries.
    (``graph.query`` is this function over the project's current graph.)
    """
    import pandas as pd

    answer = open_engine(engine, kg).ask(text)
    if answer.results is None or "boolean" in answer.results:
        raise UsageError("graph.query returns a DataFrame for SELECT queries; use leadgraph query for the others")
    variables = answer.results["head"]["vars"]
    rows = [[python_value(row.get(v)) for v in variables] for row in answer.results["results"]["bindings"]]
    return pd.DataFrame(rows, columns=variables)
