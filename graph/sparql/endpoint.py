"""Remote SPARQL services over HTTP: query a SPARQL 1.1 Protocol endpoint, load a Graph Store.

Both speak to any standard server (Oxigraph server, Fuseki, GraphDB, Virtuoso); any refusal or network
failure becomes an :class:`~graph.errors.EndpointError` carrying the server's own words.

Queries go as an HTML form (``POST``, ``application/x-www-form-urlencoded``), the way of the SPARQL 1.1
Protocol that every server answers: Virtuoso 7 never answers a query POSTed as
``application/sparql-query`` (openlink/virtuoso-opensource#842). ``graph_uri`` names the graph to query
as the default graph (the protocol's ``default-graph-uri``); without it, Virtuoso's default graph is the
union of every graph it holds, its own system graphs among them. Virtuoso's answers are read as the
standard says: its ``typed-literal`` terms (from the 2007 draft of the JSON format) are literals, and an
answer it cut at its ``ResultSetMaxRows`` or its time-out is an error, never passed on as if whole.

A push loads a graph file into a Graph Store (SPARQL 1.1 Graph Store Protocol) as N-Triples, in parts
of at most :data:`PART_TRIPLES` triples: the first replaces the graph (``PUT``), the others add to it
(``POST``). A server that asks for credentials gets them by digest or basic authentication, as it asks;
a ``HEAD`` request fetches its challenge before each part, so no body is sent twice.
"""

from __future__ import annotations

import base64
import http.client
import json
import netrc
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path

from graph.errors import CredentialsError, EndpointError, GraphFileError
from graph.sparql.engines import Answer
from graph.sparql.syntax import check_syntax, with_prefixes

__all__ = ["PART_TRIPLES", "Credentials", "EndpointEngine", "Pushed", "graph_parts", "netrc_credentials", "push_graph"]


@dataclass(frozen=True)
class Credentials:
    """A user name and password for a server that asks for them (the password is never shown)."""

    user: str
    password: str = field(repr=False)


class EndpointEngine:
    """A SPARQL 1.1 Protocol endpoint over HTTP (Oxigraph server, Fuseki, GraphDB, Virtuoso, ...).

    ``graph_uri``, when given, is the named graph queried as the default graph (``default-graph-uri``).
    """

    name = "endpoint"

    def __init__(self, url: str, timeout: float = 60.0, graph_uri: str | None = None):
        self.url = url
        self.timeout = timeout
        self.graph_uri = graph_uri

    def ask(self, text: str) -> Answer:
        """Run a query at the endpoint: SPARQL JSON results for SELECT and ASK, Turtle for the others."""
        form = check_syntax(text)
        graph_form = form == "GRAPH"
        fields = {"query": with_prefixes(text)}
        if self.graph_uri:
            fields["default-graph-uri"] = self.graph_uri
        request = urllib.request.Request(
            self.url, data=urllib.parse.urlencode(fields).encode("utf-8"), method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded",
                     "Accept": "text/turtle" if graph_form else "application/sparql-results+json"})
        reply = _open(request, self.timeout)
        if reply.status >= 400:
            raise reply.failure(self.url)
        _require_whole(reply.status, reply.headers, self.url)
        body = reply.body
        if graph_form:
            return Answer(form, turtle=body)
        return Answer(form, results=_standard_terms(_results(body, self.url)))


def _one_line(text: str, limit: int = 300) -> str:
    """Text on one line, cut to ``limit`` characters.

    >>> _one_line("a\\n  b   c")
    'a b c'
    """
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + " ..."


def _server_words(body: bytes, content_type: str | None) -> str:
    """What an error answer says, on one line: the text of an HTML page without its markup.

    >>> _server_words(b"<html><title>Failed</title><body><h1>500</h1><xmp>no graph</xmp></body></html>", "text/html")
    'Failed 500 no graph'
    """
    text = body.decode("utf-8", "replace")
    if (content_type or "").startswith("text/html") or text.lstrip().startswith("<"):
        text = re.sub(r"<!DOCTYPE[^>]*>|<[^>]+>", " ", text)
    return _one_line(text)


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


def _standard_terms(results: dict) -> dict:
    """Results with Virtuoso's ``typed-literal`` terms written as the standard's ``literal`` (with datatype).

    >>> _standard_terms({"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "typed-literal",
    ...     "datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": "7"}}]}})["results"]["bindings"][0]["n"]
    {'type': 'literal', 'datatype': 'http://www.w3.org/2001/XMLSchema#integer', 'value': '7'}
    """
    for row in results.get("results", {}).get("bindings", []):
        for term in row.values():
            if term.get("type") == "typed-literal":
                term["type"] = "literal"
    return results


def _require_whole(status: int, headers: Message, url: str) -> None:
    """Refuse an answer the server says it cut: Virtuoso stops at its ``ResultSetMaxRows`` (saying so in
    ``X-SPARQL-MaxRows``) and, asked for a ``timeout``, returns what it has by then (an "anytime" answer:
    ``X-SQL-State``, and status 206 in its later versions). Virtuoso sends ``X-SPARQL-MaxRows`` also
    when an answer has exactly that many rows, so a query whose LIMIT is the server's limit is refused too."""
    if headers.get("X-SPARQL-MaxRows"):
        raise EndpointError(f"{url} cut the answer at its limit of {headers['X-SPARQL-MaxRows']} rows (Virtuoso's "
                            "ResultSetMaxRows); add a LIMIT, or raise ResultSetMaxRows in the [SPARQL] section of "
                            "its virtuoso.ini")
    if status == 206 or headers.get("X-SQL-State"):
        message = headers.get("X-SQL-Message", "").split("Activity:")[0]
        raise EndpointError(f"{url} returned an incomplete answer ({headers.get('X-SQL-State', '206')}: "
                            f"{_one_line(message, 160)}); narrow the query or add a LIMIT")


@dataclass(frozen=True)
class _Reply:
    """An HTTP answer, whatever its status."""

    status: int
    reason: str
    headers: Message
    body: bytes

    def failure(self, url: str) -> EndpointError:
        """The one-line error for an answer of status 400 or more, with the server's own words."""
        detail = _server_words(self.body, self.headers.get("Content-Type"))
        return EndpointError(f"{url} answered {self.status} {self.reason}".rstrip() + (f": {detail}" if detail else ""))


def _open(request: urllib.request.Request, timeout: float) -> _Reply:
    """Send an HTTP request and read the answer, whatever its status. A network or protocol failure
    becomes one line of :class:`EndpointError` naming the URL."""
    try:
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return _Reply(response.status, response.reason, response.headers, response.read())
        except urllib.error.HTTPError as error:
            try:
                body = error.read()
            except (OSError, http.client.HTTPException):
                body = b""
            return _Reply(error.code, str(error.reason or ""), error.headers, body)
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise EndpointError(f"cannot reach {request.full_url}: {_one_line(str(reason))}") from None
    except http.client.HTTPException as error:  # a broken answer: bad status line, cut-off body
        raise EndpointError(f"{request.full_url} broke the HTTP protocol: "
                            f"{_one_line(type(error).__name__ + ' ' + str(error))}") from None
    except ValueError as error:  # not an http(s) URL
        raise EndpointError(f"cannot query {request.full_url}: {_one_line(str(error))}") from None


# --- credentials and push --------------------------------------------------------------------------------

def netrc_credentials(url: str, user: str | None = None) -> Credentials | None:
    """The credentials a netrc file holds for the URL's host (and ``user``, when given), if any.

    The file is ``$NETRC`` when that is set, else ``~/.netrc``; a missing file holds none, a malformed
    one is a one-line :class:`EndpointError` naming it and its line.
    """
    named = os.environ.get("NETRC")
    path = Path(named) if named else Path.home() / ".netrc"
    host = urllib.parse.urlsplit(url).hostname
    if not host or not path.is_file():
        return None
    try:
        # the default file gets Python's permission check; one named in $NETRC is the user's own choice
        entries = netrc.netrc(str(path) if named else None)
    except netrc.NetrcParseError as error:
        raise EndpointError(f"{error.filename}:{error.lineno}: {error.msg}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise EndpointError(f"cannot read {path}: {_one_line(str(error))}") from None
    found = entries.authenticators(host)
    if found is None:
        return None
    login, _, password = found
    if user is not None and login != user:
        return None
    return Credentials(login, password or "")


PART_TRIPLES = 100_000
"""The most triples ``push`` sends in one request. Virtuoso 7 stopped answering a single PUT of about
520,000 triples in Turtle (it never replied, idle); in parts of this size it loads them in seconds."""


@dataclass(frozen=True)
class Pushed:
    """What a push sent: how many triples, in how many requests."""

    triples: int
    requests: int


def graph_parts(path: Path, size: int = PART_TRIPLES) -> tuple[int, list[bytes]]:
    """The graph file ``path`` (any format Oxigraph reads, by its suffix) as N-Triples documents of at
    most ``size`` triples each, and its number of triples.

    A graph with blank nodes stays in one document: a blank node's name means the same node only within
    one document. A file that cannot be read is a one-line :class:`GraphFileError`.
    """
    import pyoxigraph as ox

    rdf_format = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
    try:
        triples = [ox.Triple(quad.subject, quad.predicate, quad.object)
                   for quad in ox.parse(path=str(path), format=rdf_format, without_named_graphs=True)]
    except (SyntaxError, ValueError, OSError) as error:
        raise GraphFileError(f"{path}: cannot be read as {rdf_format.name}: {_one_line(str(error), 200)}") from None
    if any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples):
        size = len(triples)
    size = max(size, 1)
    parts = [ox.serialize(triples[start:start + size], format=ox.RdfFormat.N_TRIPLES)
             for start in range(0, max(len(triples), 1), size)]
    return len(triples), parts


def push_graph(path: Path, endpoint: str, graph_uri: str | None = None, timeout: float = 120.0,
               credentials: Credentials | None = None, part_triples: int = PART_TRIPLES) -> Pushed:
    """Replace the default graph (or ``graph_uri``) of a SPARQL 1.1 Graph Store Protocol endpoint with
    the graph in ``path``, authenticating with ``credentials`` when the server asks.

    The graph goes as N-Triples (which every Turtle parser reads, so it is sent as ``text/turtle``) in
    parts of at most ``part_triples`` triples: the first replaces the graph (PUT), the others add to it
    (POST). Should a later part fail, the error says how much of the graph the server now holds.
    """
    target = endpoint + ("&" if "?" in endpoint else "?") + (
        urllib.parse.urlencode({"graph": graph_uri}) if graph_uri else "default")
    triples, parts = graph_parts(path, part_triples)
    for number, part in enumerate(parts):
        try:
            _put_or_post("PUT" if number == 0 else "POST", target, part, credentials, timeout)
        except EndpointError as error:
            if number == 0:
                if graph_uri is None and "default graph" in str(error).lower():  # Virtuoso has none to write
                    raise EndpointError(f"{error}; give --graph-uri to load a named graph") from None
                raise
            sent = min(number * part_triples, triples)
            raise type(error)(f"{error} (part {number + 1} of {len(parts)}: the graph now holds the first "
                              f"{sent:,} of {triples:,} triples; push again)") from None
    return Pushed(triples, len(parts))


def _put_or_post(method: str, target: str, body: bytes, credentials: Credentials | None, timeout: float) -> None:
    """Send one part of a graph, answering the server's authentication challenge when it has one."""
    request = urllib.request.Request(target, data=body, method=method, headers={"Content-Type": "text/turtle"})
    challenge = _challenge(target, timeout)
    if challenge is not None:
        request.add_unredirected_header("Authorization", _authorization(challenge, request, credentials, target))
    reply = _open(request, timeout)
    if reply.status == 401:
        if credentials is None:
            raise _credentials_wanted(target)
        raise CredentialsError(f"{target} refused the credentials of user {credentials.user!r} (401 Unauthorized); "
                               "check the user name and password")
    if reply.status >= 400:
        raise reply.failure(target)


def _challenge(url: str, timeout: float) -> str | None:
    """The authentication challenge (``WWW-Authenticate``) a server answers a bodiless request with, or
    None when it asks for no credentials."""
    reply = _open(urllib.request.Request(url, method="HEAD"), timeout)
    if reply.status != 401:
        return None
    challenges = reply.headers.get_all("WWW-Authenticate") or []
    digest = [c for c in challenges if c.strip().lower().startswith("digest")]
    basic = [c for c in challenges if c.strip().lower().startswith("basic")]
    if not (digest or basic):
        raise EndpointError(f"{url} asks for an authentication leadgraph does not speak: "
                            f"{_one_line(' '.join(challenges)) or 'no WWW-Authenticate header'}")
    return (digest or basic)[0]


def _authorization(challenge: str, request: urllib.request.Request, credentials: Credentials | None,
                   url: str) -> str:
    """The ``Authorization`` header answering a digest or basic ``challenge`` for ``request``."""
    if credentials is None:
        raise _credentials_wanted(url)
    scheme, _, parameters = challenge.strip().partition(" ")
    if scheme.lower() == "basic":
        pair = f"{credentials.user}:{credentials.password}".encode()
        return "Basic " + base64.b64encode(pair).decode("ascii")
    manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    manager.add_password(None, url, credentials.user, credentials.password)
    fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(parameters))
    try:
        answer = urllib.request.HTTPDigestAuthHandler(manager).get_authorization(request, fields)
    except (urllib.error.URLError, ValueError) as error:
        raise EndpointError(f"{url} asks for a digest authentication leadgraph does not speak: "
                            f"{_one_line(str(getattr(error, 'reason', error)))}") from None
    if answer is None:
        raise EndpointError(f"{url} asks for a digest authentication leadgraph does not speak: {_one_line(challenge)}")
    return "Digest " + answer


def _credentials_wanted(url: str) -> CredentialsError:
    """The error for a server that asks for credentials when none were given."""
    host = urllib.parse.urlsplit(url).hostname
    return CredentialsError(f"{url} asks for a user name and password: give --user (with --password, "
                            f"LEADGRAPH_PASSWORD or at the prompt), or a netrc entry for {host}")
