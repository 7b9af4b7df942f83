"""Remote SPARQL services over HTTP: query a SPARQL 1.1 Protocol endpoint, load a Graph Store.

Both speak to any standard server (Oxigraph server, Fuseki, GraphDB, Virtuoso); any refusal or network
failure becomes an :class:`~graph.errors.EndpointError` carrying the server's own words.
"""

from __future__ import annotations

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
        return Answer(form, results=json.loads(body))


def _send(request: urllib.request.Request, timeout: float) -> bytes:
    """Send an HTTP request; any refusal becomes an :class:`EndpointError` with the server's words."""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        detail = error.read().decode("utf-8", "replace").strip()[:500]
        raise EndpointError(f"{request.full_url} answered {error.code} {error.reason}: {detail}") from None
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        reason = getattr(error, "reason", error)
        raise EndpointError(f"cannot reach {request.full_url}: {reason}") from None


def push_graph(path: Path, endpoint: str, graph_uri: str | None = None, timeout: float = 120.0) -> None:
    """Replace the default graph (or ``graph_uri``) of a SPARQL 1.1 Graph Store Protocol endpoint with
    the contents of a Turtle or N-Triples file."""
    target = endpoint + ("&" if "?" in endpoint else "?") + (
        urllib.parse.urlencode({"graph": graph_uri}) if graph_uri else "default")
    content_type = "application/n-triples" if path.suffix == ".nt" else "text/turtle"
    request = urllib.request.Request(target, data=path.read_bytes(), method="PUT",
                                     headers={"Content-Type": content_type})
    _send(request, timeout)
