"""The safety of `leadgraph serve` and `query --endpoint`, one group per case of the issue: SERVICE,
time-out (and the size limit), lifecycle, load, and the command line's one-line errors."""

from __future__ import annotations

import importlib.util
import json
import signal
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.build import BuildResult
from graph.cli import main
from graph.sparql.guard import query_keyword, uses_service
from tests.repository import ROOT
from tests.servers import COUNT, RUNAWAY, TIMEOUT_S, Server, count_of, free_port, http_get, http_post, listening

CROSS_JOIN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


class Recorder(ThreadingHTTPServer):
    """A second local server that records every request it receives (and answers an empty result)."""

    def __init__(self) -> None:
        self.received: list[str] = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self) -> None:
                recorder.received.append(f"{self.command} {self.path}")
                body = b'{"head":{"vars":[]},"results":{"bindings":[]}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                self._any()

            def do_POST(self) -> None:
                self._any()

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server_address[1]}/sparql"

    def close(self) -> None:
        self.shutdown()
        self.server_close()


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    running = Recorder()
    yield running
    running.close()


def _started(graph_file: Path, *options: str) -> Server:
    running = Server(graph_file, free_port(), *options)
    assert running.announcement.startswith(f"SPARQL endpoint: {running.url}/query"), running.process.stderr.read()
    return running


@pytest.fixture(scope="module")
def guarded(graph_file: Path) -> Iterator[Server]:
    """`leadgraph serve` with its defaults (SERVICE refused) and a time-out of TIMEOUT_S."""
    running = _started(graph_file)
    yield running
    running.stop()


# --- SERVICE -------------------------------------------------------------------------------------------

def test_service_a_federated_query_is_refused_and_the_other_server_receives_nothing(
        guarded: Server, recorder: Recorder) -> None:
    queries = [f"SELECT * WHERE {{ SERVICE <{recorder.url}> {{ ?s ?p ?o }} }}",
               f"select * where {{ ?x ?y ?z . service silent <{recorder.url}> {{ ?s ?p ?o }} }}",
               f"SELECT * WHERE {{ ?x ?y ?z .SERVICE<{recorder.url}>{{ ?s ?p ?o }} }}",
               f"ASK {{ # a comment\n SeRvIcE <{recorder.url}> {{ ?s ?p ?o }} }}"]
    for query in queries:
        for status, body in (http_get(guarded.url, query),
                             http_post(guarded.url, "/query", query, "application/sparql-query"),
                             http_post(guarded.url, "/query", urllib.parse.urlencode({"query": query}),
                                   "application/x-www-form-urlencoded"),
                             http_post(guarded.url, "/sparql", urllib.parse.urlencode({"query": query}),
                                   "application/x-www-form-urlencoded")):
            assert status == 400, (query, body)
            assert b"SERVICE" in body and b"--allow-service" in body
    time.sleep(0.5)
    assert recorder.received == []


def test_service_allowed_with_allow_service_reaches_the_other_server(graph_file: Path, recorder: Recorder) -> None:
    """The opt-in works, which also shows the recorder above would have seen a call."""
    running = _started(graph_file, "--allow-service")
    try:
        assert "SERVICE allowed" in running.announcement
        status, _ = http_get(running.url, f"SELECT * WHERE {{ SERVICE SILENT <{recorder.url}> {{ ?s ?p ?o }} }}")
        assert status == 200
        assert recorder.received
    finally:
        running.stop()


def test_service_in_comments_strings_iris_and_names_is_not_a_call(guarded: Server) -> None:
    query = ('PREFIX service: <urn:service:>\nSELECT ?service WHERE { # SERVICE <http://example.org/> { }\n'
             '  ?service <urn:SERVICE> "SERVICE <http://example.org/> { }" . ?service service:SERVICE ?x }')
    assert not uses_service(query)
    assert http_get(guarded.url, query)[0] == 200


@pytest.mark.parametrize(("text", "calls"), [
    ("SELECT * { SERVICE <urn:x> { } }", True),
    ("SELECT * { ?s ?p ?o SERVICE ?endpoint { } }", True),
    ('SELECT * { ?s ?p """a "quoted" SERVICE""" . SERVICE<urn:x>{ } }', True),
    ("SELECT * { ?s ?p 'it''s' }", False),
    ("SELECT * { ?s ?p ?o } # SERVICE <urn:x> { }", False),
    ("SELECT * { ?s ?p _:SERVICE }", False),
    ("SELECT * { ?s ?p ?o FILTER(?o<?p) }", False),
])
def test_service_detection_follows_the_sparql_tokens(text: str, calls: bool) -> None:
    assert uses_service(text) is calls


# --- time-out and size limit ---------------------------------------------------------------------------

def test_timeout_a_streaming_select_over_a_cross_join_is_cut_with_503(graph_file: Path) -> None:
    # a size limit far above what the query can stream before the time-out, so that only the time-out cuts it
    running = _started(graph_file, "--max-bytes", str(10**12))
    try:
        started = time.monotonic()
        status, body = http_get(running.url, CROSS_JOIN)
        assert status == 503, body[:200]
        assert b"time-out" in body and len(body) < 1000  # a message, not 584 MB of rows
        assert time.monotonic() - started < TIMEOUT_S + 3
    finally:
        running.stop()


@pytest.mark.parametrize("query", [
    RUNAWAY,
    "ASK { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER(STR(?a) = CONCAT(STR(?d), STR(?g), \"!\")) }",
    "CONSTRUCT { ?a ?b ?i } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
])
def test_timeout_every_query_form_is_cut_with_503_not_200(guarded: Server, query: str) -> None:
    started = time.monotonic()
    status, body = http_get(guarded.url, query, accept="application/sparql-results+json, text/turtle")
    assert status == 503, body[:200]
    assert body.decode().startswith("the query was cut at this server's time-out")
    assert time.monotonic() - started < TIMEOUT_S + 3
    assert http_get(guarded.url, COUNT)[0] == 200


def test_timeout_query_endpoint_reports_a_cut_query_in_one_line(guarded: Server) -> None:
    result = CliRunner().invoke(main, ["query", RUNAWAY, "--endpoint", f"{guarded.url}/query"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("leadgraph: ")
    assert "503" in result.stderr and "time-out" in result.stderr


def test_limit_an_answer_over_max_bytes_gets_507(graph_file: Path, built: BuildResult) -> None:
    running = _started(graph_file, "--max-bytes", "20000")
    try:
        status, body = http_get(running.url, "SELECT * WHERE { ?s ?p ?o }")
        assert status == 507 and b"--max-bytes" in body
        status, body = http_get(running.url, COUNT)
        assert status == 200 and count_of(body) == len(built.kg)
    finally:
        running.stop()


class _Broken(BaseHTTPRequestHandler):
    """An endpoint that answers badly, the way the issue saw: the path says how."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        if self.path == "/cancelled":  # what Oxigraph sends for a cancelled COUNT
            body = b'{"head":{"vars":["n"]},"results":{"bindings":[The SPARQL operation has been cancelled'
            self.send_response(200)
        elif self.path == "/multiline":
            body = b"Internal error\n  at line 1\n  at line 2\n"
            self.send_response(500)
        else:  # promises more than it sends, then hangs up
            body = b'{"head":'
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.parametrize("path", ["cancelled", "multiline", "cut"])
def test_query_endpoint_reports_any_http_or_protocol_error_in_one_line(path: str) -> None:
    broken = ThreadingHTTPServer(("127.0.0.1", 0), _Broken)
    threading.Thread(target=broken.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{broken.server_address[1]}/{path}"
        result = CliRunner().invoke(main, ["query", COUNT, "--endpoint", url])
    finally:
        broken.shutdown()
        broken.server_close()
    assert result.exit_code == 1
    assert result.stderr.startswith("leadgraph: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr


# --- lifecycle -----------------------------------------------------------------------------------------

def _store_of(running: Server) -> Path:
    """The store folder the Oxigraph child serves, read from its command line."""
    pid = running.children()[0]
    arguments = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    return Path(arguments[arguments.index(b"--location") + 1].decode()).parent


def _gone(running: Server, within: float = 5.0) -> bool:
    deadline = time.monotonic() + within
    while running.children() and time.monotonic() < deadline:
        time.sleep(0.1)
    return running.children() == []


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM, signal.SIGINT], ids=["SIGHUP", "SIGTERM", "SIGINT"])
def test_lifecycle_a_stop_signal_removes_the_store_and_stops_the_child(graph_file: Path, sig: int) -> None:
    running = _started(graph_file)
    store = _store_of(running)
    assert store.is_dir() and running.children()
    assert running.stop(sig) == 0
    assert _gone(running)
    assert not store.exists()
    assert not listening(running.port)


def test_lifecycle_sigkill_takes_the_oxigraph_child_with_it_and_the_next_serve_sweeps_the_store(
        graph_file: Path) -> None:
    running = _started(graph_file)
    store = _store_of(running)
    running.process.kill()
    running.process.wait(timeout=10)
    assert _gone(running), "the Oxigraph child outlived its parent"
    assert store.exists()  # SIGKILL cannot be handled ...
    following = _started(graph_file)
    try:
        assert not store.exists()  # ... so the next server removes what it left
    finally:
        following.stop()


# --- load ----------------------------------------------------------------------------------------------

def _benchmark() -> object:
    spec = importlib.util.spec_from_file_location("endpoint_load", ROOT / "benchmarks" / "endpoint_load.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


def test_load_small_queries_all_succeed_while_runaways_run(guarded: Server) -> None:
    """Every small query is answered while runaway queries run, and every runaway is cut with 503.

    How fast they are answered is measured by benchmarks/endpoint_load.py, not asserted here.
    """
    bench = _benchmark()
    alone = bench.run_load(guarded.url, requests=200, threads=8)
    with bench.Runaways(guarded.url, clients=2) as runaways:
        during = bench.run_load(guarded.url, requests=200, threads=8)
    assert alone.succeeded == alone.requests and during.succeeded == during.requests, during.line()
    assert runaways.statuses and set(runaways.statuses) == {503}


# --- the command line ----------------------------------------------------------------------------------

@pytest.mark.parametrize("port", ["99999", "0", "-1"])
def test_cli_serve_port_out_of_range_is_a_one_line_error(graph_file: Path, port: str) -> None:
    result = CliRunner().invoke(main, ["serve", "--port", port, "--graph", str(graph_file)])
    assert result.exit_code == 1
    assert result.stderr == f"leadgraph: --port must be between 1 and 65535, not {port}\n"


@pytest.mark.parametrize("text", ["SELEC ?x WHERE { ?x ?y ?z }", "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                                  "PREFIX ex: <urn:ex:> DELETE WHERE { ?s ?p ?o }", "CLEAR ALL"])
def test_cli_query_refuses_updates_by_name(graph_file: Path, text: str) -> None:
    result = CliRunner().invoke(main, ["query", text, "--graph", str(graph_file)])
    assert result.exit_code == 2
    assert result.stderr.startswith("leadgraph: leadgraph query runs read-only queries (SELECT, ASK, CONSTRUCT, "
                                    "DESCRIBE); updates are refused")
    assert query_keyword(text) in result.stderr


def _large_query() -> str:
    """A query over 1 MB: VALUES with many IRIs that match nothing, then a count of every triple."""
    values = " ".join(f"<urn:leadgraph:test:padding:{n:08d}>" for n in range(30_000))
    return f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o OPTIONAL {{ VALUES ?pad {{ {values} }} FILTER(false) }} }}"


def test_cli_query_reads_a_large_query_from_standard_input(graph_file: Path, guarded: Server,
                                                          built: BuildResult) -> None:
    text = _large_query()
    assert len(text.encode()) >= 1_000_000
    for where in (["--graph", str(graph_file), "--engine", "oxigraph"], ["--endpoint", f"{guarded.url}/query"]):
        result = CliRunner().invoke(main, ["query", "-", "--format", "json", *where], input=text)
        assert result.exit_code == 0, result.stderr
        assert int(json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"]) == len(built.kg)


def test_cli_query_too_deep_for_rdflib_names_the_cause(graph_file: Path) -> None:
    text = "SELECT * WHERE " + "{" * 300 + " ?s ?p ?o " + "}" * 300
    result = CliRunner().invoke(main, ["query", text, "--graph", str(graph_file)])
    assert result.exit_code == 1
    assert result.stderr == ("leadgraph: the query nests too deeply for the rdflib engine; "
                             "try --engine oxigraph\n")


def test_cli_serve_help_lists_the_safety_options() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    for option in ("--allow-service", "--max-bytes", "--timeout"):
        assert option in result.stdout
