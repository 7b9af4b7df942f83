"""Moving to Virtuoso: push the build into a real Virtuoso Open Source server with digest authentication,
and every saved query gives there the answers Oxigraph gives.

The server is Debian's ``virtuoso-opensource`` (``make virtuoso`` installs it), started once for the
module on free loopback ports in a temporary folder. Without it these tests fail, they are never skipped.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph

from graph.build import BuildResult
from graph.cli import main
from graph.errors import EndpointError
from graph.sparql.endpoint import Credentials, Pushed, graph_parts, push_graph
from graph.sparql.engines import OxigraphEngine
from tests.repository import QUERIES_DIR
from tests.sparql_rows import result_rows
from tests.virtuoso import GRAPH, PASSWORD, USER, Virtuoso

SAVED = sorted(path.stem for path in QUERIES_DIR.glob("*.rq"))
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    server = Virtuoso(tmp_path_factory.mktemp("virtuoso"))
    try:
        server.start()
    except RuntimeError as error:
        pytest.fail(str(error))
    yield server
    server.stop()


def _push(server: Virtuoso, graph_file: Path, *options: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env=env).invoke(main, ["push", "--endpoint", server.graph_store, "--graph-uri", GRAPH,
                                            "--graph", str(graph_file), *options])


def _query(server: Virtuoso, query: str, *options: str) -> Result:
    return CliRunner().invoke(main, ["query", query, "--endpoint", server.sparql, *options])


def _count(result: Result) -> int:
    assert result.exit_code == 0, result.stderr
    return int(json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def pushed(virtuoso: Virtuoso, graph_file: Path) -> Virtuoso:
    """The Virtuoso server holding the build in the named graph GRAPH."""
    result = _push(virtuoso, graph_file, "--user", USER, "--password", PASSWORD)
    assert result.exit_code == 0, result.stderr
    return virtuoso


def test_push_with_digest_auth_loads_the_build_and_pushing_again_replaces_it(
        pushed: Virtuoso, graph_file: Path, built: BuildResult) -> None:
    again = _push(pushed, graph_file, "--user", USER, "--password", PASSWORD)
    assert again.exit_code == 0 and f"({GRAPH})" in again.stdout
    assert _count(_query(pushed, COUNT, "--graph-uri", GRAPH, "--format", "json")) == len(built.kg)


@pytest.mark.parametrize("name", SAVED)
def test_every_saved_query_gives_on_virtuoso_the_answers_of_oxigraph(pushed: Virtuoso, graph_file: Path,
                                                                     name: str) -> None:
    text = (QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")
    result = _query(pushed, name, "--graph-uri", GRAPH, "--format", "json")
    assert result.exit_code == 0, result.stderr
    answer = json.loads(result.stdout)
    assert all(term["type"] in ("uri", "literal", "bnode") for row in answer["results"]["bindings"]
               for term in row.values())  # Virtuoso's typed-literal is read as the standard's literal
    expected = OxigraphEngine.from_files([graph_file]).ask(text).results
    assert result_rows(answer, text) == result_rows(expected, text)


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv"])
def test_virtuoso_answers_print_in_every_format(pushed: Virtuoso, fmt: str) -> None:
    result = _query(pushed, "cq06-eleven-service-tasks", "--graph-uri", GRAPH, "--format", fmt, "--wide")
    assert result.exit_code == 0, result.stderr
    assert "setting and living consistent values" in result.stdout


def test_a_construct_from_virtuoso_prints_turtle(pushed: Virtuoso) -> None:
    result = _query(pushed, "CONSTRUCT { ?c skos:prefLabel ?l } WHERE { ?c a lg:Role ; skos:prefLabel ?l }",
                    "--graph-uri", GRAPH)
    assert result.exit_code == 0, result.stderr
    assert len(Graph().parse(data=result.stdout, format="turtle")) == 8


def test_without_graph_uri_virtuoso_queries_its_own_graphs_too(pushed: Virtuoso, built: BuildResult) -> None:
    """Why --graph-uri: Virtuoso's default graph is the union of every graph, its system graphs among them."""
    assert _count(_query(pushed, COUNT, "--format", "json")) > len(built.kg)


def test_an_answer_cut_at_virtuosos_row_limit_is_an_error_not_a_short_answer(pushed: Virtuoso) -> None:
    result = _query(pushed, "SELECT * WHERE { ?s ?p ?o . ?s a ?type }", "--graph-uri", GRAPH)
    assert result.exit_code == 1
    assert result.stderr.startswith("leadgraph: ") and result.stderr.count("\n") == 1
    assert "cut the answer at its limit of 10000 rows (Virtuoso's ResultSetMaxRows)" in result.stderr


def test_a_wrong_password_is_a_one_line_error(pushed: Virtuoso, graph_file: Path) -> None:
    result = _push(pushed, graph_file, "--user", USER, "--password", "not-the-password")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "refused the credentials of user 'dba' (401 Unauthorized)" in result.stderr


def test_no_credentials_for_a_server_that_asks_is_a_one_line_error(pushed: Virtuoso, graph_file: Path,
                                                                  monkeypatch: pytest.MonkeyPatch,
                                                                  tmp_path: Path) -> None:
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))
    monkeypatch.delenv("LEADGRAPH_PASSWORD", raising=False)
    result = _push(pushed, graph_file)
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "asks for a user name and password: give --user" in result.stderr


def test_credentials_come_from_a_netrc_entry_for_the_host(pushed: Virtuoso, graph_file: Path,
                                                          monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine example.org login someone password other\n"
                     f"machine 127.0.0.1 login {USER} password {PASSWORD}\n", encoding="utf-8")
    monkeypatch.setenv("NETRC", str(netrc))
    result = _push(pushed, graph_file)
    assert result.exit_code == 0, result.stderr


def test_the_password_comes_from_the_environment(pushed: Virtuoso, graph_file: Path) -> None:
    result = _push(pushed, graph_file, "--user", USER, env={"LEADGRAPH_PASSWORD": PASSWORD})
    assert result.exit_code == 0, result.stderr


def test_a_password_without_a_user_name_is_refused(pushed: Virtuoso, graph_file: Path) -> None:
    result = _push(pushed, graph_file, "--password", PASSWORD)
    assert result.exit_code == 1
    assert result.stderr == ("leadgraph: a password (--password or LEADGRAPH_PASSWORD) needs a user name: "
                             "give --user too\n")


def test_a_malformed_netrc_is_a_one_line_error_naming_it(pushed: Virtuoso, graph_file: Path,
                                                         monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login dba password dba\nmachine\n", encoding="utf-8")
    monkeypatch.setenv("NETRC", str(netrc))
    result = _push(pushed, graph_file)
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"leadgraph: {netrc}:")


def test_pushing_to_virtuosos_default_graph_says_to_name_a_graph(pushed: Virtuoso, graph_file: Path) -> None:
    result = CliRunner().invoke(main, ["push", "--endpoint", pushed.graph_store, "--graph", str(graph_file),
                                       "--user", USER, "--password", PASSWORD])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "not configured to have default graph" in result.stderr and "give --graph-uri" in result.stderr


def test_a_large_graph_goes_in_parts_and_arrives_whole(pushed: Virtuoso, graph_file: Path,
                                                       built: BuildResult) -> None:
    sent = push_graph(graph_file, pushed.graph_store, GRAPH, credentials=Credentials(USER, PASSWORD),
                      part_triples=1000)
    assert sent == Pushed(len(built.kg), -(-len(built.kg) // 1000))
    assert _count(_query(pushed, COUNT, "--graph-uri", GRAPH, "--format", "json")) == len(built.kg)


def test_a_graph_with_blank_nodes_stays_in_one_part(tmp_path: Path) -> None:
    """A blank node's name means one node only within one document, so such a graph is never split."""
    path = tmp_path / "blank.ttl"
    path.write_text("<urn:a> <urn:p> [ <urn:q> 1 ] .\n<urn:b> <urn:p> <urn:c> .\n<urn:c> <urn:p> <urn:d> .\n",
                    encoding="utf-8")
    triples, parts = graph_parts(path, size=1)
    assert triples == 4 and len(parts) == 1
    plain = tmp_path / "plain.nt"
    plain.write_text("<urn:b> <urn:p> <urn:c> .\n<urn:c> <urn:p> <urn:d> .\n<urn:d> <urn:p> <urn:e> .\n",
                     encoding="utf-8")
    assert graph_parts(plain, size=2)[0] == 3 and len(graph_parts(plain, size=2)[1]) == 2


class _FailsOnPost(BaseHTTPRequestHandler):
    """A Graph Store that takes the first part of a push and fails on the next."""

    def do_HEAD(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        self.do_HEAD()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        body = b"disk full"
        self.send_response(500)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_a_push_that_fails_midway_says_how_much_the_server_holds(graph_file: Path, built: BuildResult) -> None:
    store = ThreadingHTTPServer(("127.0.0.1", 0), _FailsOnPost)
    threading.Thread(target=store.serve_forever, daemon=True).start()
    try:
        with pytest.raises(EndpointError) as failure:
            push_graph(graph_file, f"http://127.0.0.1:{store.server_address[1]}/store", part_triples=5000)
    finally:
        store.shutdown()
        store.server_close()
    assert "answered 500" in str(failure.value) and "disk full" in str(failure.value)
    assert f"(part 2 of 2: the graph now holds the first 5,000 of {len(built.kg):,} triples; push again)" \
        in str(failure.value)


def test_an_answer_virtuoso_returns_unfinished_at_its_time_out_is_an_error(pushed: Virtuoso) -> None:
    """Asked for a time-out (its `timeout` parameter, in milliseconds), Virtuoso returns what it has found
    by then as if it were the answer, saying so only in its headers ("anytime" queries)."""
    result = CliRunner().invoke(main, ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }",
                                       "--endpoint", f"{pushed.sparql}?timeout=200", "--graph-uri", GRAPH])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stdout
    assert "returned an incomplete answer (S1TAT: " in result.stderr


def test_without_virtuoso_installed_the_tests_fail_saying_how_to_install_it(monkeypatch: pytest.MonkeyPatch,
                                                                             tmp_path: Path) -> None:
    monkeypatch.setattr("tests.virtuoso.VIRTUOSO", "virtuoso-t-not-installed")
    with pytest.raises(RuntimeError, match=r"virtuoso-t is not installed: run `make virtuoso`"):
        Virtuoso(tmp_path).start()


def test_a_user_without_a_password_off_a_terminal_is_a_one_line_error(graph_file: Path,
                                                                      monkeypatch: pytest.MonkeyPatch,
                                                                      tmp_path: Path) -> None:
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))
    monkeypatch.delenv("LEADGRAPH_PASSWORD", raising=False)
    result = CliRunner().invoke(main, ["push", "--endpoint", "http://127.0.0.1:9/store", "--graph", str(graph_file),
                                       "--user", USER])
    assert result.exit_code == 1
    assert result.stderr == ("leadgraph: no password for user 'dba': give --password, set LEADGRAPH_PASSWORD, or add a "
                             "netrc entry for the endpoint's host\n")
