"""Remote SPARQL services over HTTP: query a SPARQL 1.1 Protocol endpoint, load a Graph Store.

Both speak to any standard server (Oxigraph server, Fuseki, GraphDB, Virtuoso); any refusal or network
failure becomes an :class:`~graph.errors.EndpointError` carrying the server's own words.
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from graph.errors import EndpointError
from graph.sparql.engines import Answer
from graph.sparql.syntax import check_syntax, with_prefixes

__all__ = ["EndpointEngine", "push_graph"]


class EndpointEngine:
    """A SPARQL 1.1 Protocol endpoint over HTTP (Oxigraph server, Fuseki, GraphDB, ...)."""

    name = "endpoint"

    def __init__(self, url: str, timeout: float = 60.0):
        self.url = url
        self.timeout = timeout

    def ask(self, text: str) -> Answer:
        form = check_syntax(text)
        graph_form = form == "GRAPH"
        request = urllib.request.Request(
            self.url, data=with_prefixes(text).encode("utf-8"), method="POST",
            headers={"Content-Type": "application/sparql-query",
                     "Accept": "text/turtle" if graph_form else "application/sparql-results+json"})
        body = _send(request, self.timeout)
        if graph_form:
            return Answer(form, turtle=body)
        return Answer(form, results=_results(body, self.url))


def _one_line(text: str, limit: int = 300) -> str:
    """Text on one line, cut to ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + " ..."


def _results(body: bytes, url: str) -> dict:
    """SPARQL JSON results, or an :class:`EndpointError` when the body is not that (a cut or broken answer)."""
    try:
        results = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        tail = body[-200:].decode("utf-8", "replace")
        raise EndpointError(f"{url} answered with invalid SPARQL JSON results (ending: {_one_line(tail, 120)!r}); "
                            "the query may have been cut off by the server") from None
    if not isinstance(results, dict) or not ("boolean" in results or "results" in results):
        raise EndpointError(f"{url} answered with JSON that is not SPARQL results") from None
    return results


def _send(request: urllib.request.Request, timeout: float) -> bytes:
    """Send an HTTP request; any refusal, network or protocol failure becomes one line of
    :class:`EndpointError` with the server's words."""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        try:
            detail = _one_line(error.read().decode("utf-8", "replace"))
        except (OSError, http.client.HTTPException):
            detail = ""
        raise EndpointError(f"{request.full_url} answered {error.code} {error.reason}"
                            + (f": {detail}" if detail else "")) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise EndpointError(f"cannot reach {request.full_url}: {_one_line(str(reason))}") from None
    except http.client.HTTPException as error:  # a broken answer: bad status line, cut-off body
        raise EndpointError(f"{request.full_url} broke the HTTP protocol: "
                            f"{_one_line(type(error).__name__ + ' ' + str(error))}") from None
    except ValueError as error:  # not an http(s) URL
        raise EndpointError(f"cannot query {request.full_url}: {_one_line(str(error))}") from None


def push_graph(path: Path, endpoint: str, graph_uri: str | None = None, timeout: float = 120.0) -> None:
    """Replace the default graph (or ``graph_uri``) of a SPARQL 1.1 Graph Store Protocol endpoint with
    the contents of a Turtle or N-Triples file."""
    target = endpoint + ("&" if "?" in endpoint else "?") + (
        urllib.parse.urlencode({"graph": graph_uri}) if graph_uri else "default")
    content_type = "application/n-triples" if path.suffix == ".nt" else "text/turtle"
    request = urllib.request.Request(target, data=path.read_bytes(), method="PUT",
                                     headers={"Content-Type": content_type})
    _send(request, timeout)
