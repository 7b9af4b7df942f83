"""leadgraph serve, query --endpoint and push, against real Oxigraph servers that the tests start."""

from __future__ import annotations

import json
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from SPARQLWrapper import JSON, SPARQLWrapper

from graph.build import BuildResult
from graph.cli import main
from graph.sparql.engines import open_engine
from graph.sparql.serve import oxigraph_command
from tests.repository import QUERIES_DIR
from tests.servers import COUNT, RUNAWAY, Server, count_of, free_port, http_get, http_post, listening
from tests.sparql_rows import result_rows


def test_get_and_post_queries_answer_in_sparql_json(server: Server, built: BuildResult) -> None:
    status, body = http_get(server.url, COUNT)
    assert status == 200 and count_of(body) == len(built.kg)
    status, body = http_post(server.url, "/query", COUNT, "application/sparql-query")
    assert status == 200 and count_of(body) == len(built.kg)
    status, body = http_post(server.url, "/query", urllib.parse.urlencode({"query": COUNT}),
                         "application/x-www-form-urlencoded")
    assert status == 200 and count_of(body) == len(built.kg)


def test_an_update_is_refused_and_the_data_stay_unchanged(server: Server, built: BuildResult) -> None:
    status, _ = http_post(server.url, "/update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-update")
    assert status in (403, 405)
    assert count_of(http_get(server.url, COUNT)[1]) == len(built.kg)


def test_a_malformed_query_gets_400(server: Server) -> None:
    assert http_get(server.url, "SELECT ?s WHERE { ?s ?p }")[0] == 400


def test_a_runaway_query_is_cut_at_the_time_out(server: Server) -> None:
    started = time.monotonic()
    try:
        status, body = http_get(server.url, RUNAWAY)
        completed = status == 200 and "results" in json.loads(body)
    except (json.JSONDecodeError, urllib.error.URLError, ConnectionError, OSError):
        completed = False
    assert not completed
    assert time.monotonic() - started < 60  # the query itself would run for hours
    assert http_get(server.url, COUNT)[0] == 200


def test_a_standard_client_works(server: Server) -> None:
    client = SPARQLWrapper(f"{server.url}/query")
    client.setQuery("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                    "SELECT ?label WHERE { <https://w3id.org/leadgraph/concept/trust> skos:prefLabel ?label }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["results"]["bindings"][0]["label"]["value"] == "trust"


@pytest.mark.parametrize("name", sorted(path.stem for path in QUERIES_DIR.glob("*.rq")))
def test_every_saved_query_gives_the_same_answer_over_http(server: Server, graph_file: Path, name: str) -> None:
    text = (QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["query", name, "--endpoint", f"{server.url}/query", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    local = open_engine("rdflib", [graph_file]).ask(text).results
    assert result_rows(json.loads(result.stdout), text) == result_rows(local, text)


def test_a_busy_port_gets_a_clear_error(server: Server, graph_file: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--port", str(server.port), "--graph", str(graph_file)])
    assert result.exit_code == 1
    assert f"port {server.port} on 127.0.0.1 is already in use; choose another with --port" in result.stderr


def test_ctrl_c_stops_the_server_and_its_child(graph_file: Path) -> None:
    running = Server(graph_file, free_port())
    assert running.announcement.startswith("SPARQL endpoint:")
    assert running.children()
    assert running.stop(signal.SIGINT) == 0
    assert running.children() == []
    assert not listening(running.port)


# --- push to and query a writable Graph Store Protocol server --------------------------------------------

@pytest.fixture
def writable_oxigraph(tmp_path: Path) -> Iterator[str]:
    """A plain, writable Oxigraph server, as a user might run one."""
    port = free_port()
    process = subprocess.Popen([oxigraph_command(), "serve", "--location", str(tmp_path / "store"),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while not listening(port):
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def test_push_loads_the_build_into_a_graph_store_and_query_reads_it_back(
        writable_oxigraph: str, graph_file: Path, built: BuildResult) -> None:
    runner = CliRunner()
    for _ in range(2):  # pushing twice replaces, it does not duplicate
        pushed = runner.invoke(main, ["push", "--endpoint", f"{writable_oxigraph}/store", "--graph", str(graph_file)])
        assert pushed.exit_code == 0, pushed.stderr
    counted = runner.invoke(main, ["query", COUNT, "--endpoint", f"{writable_oxigraph}/query", "--format", "json"])
    assert counted.exit_code == 0 and count_of(counted.stdout.encode()) == len(built.kg)
    tasks = runner.invoke(main, ["query", "cq06-eleven-service-tasks", "--endpoint", f"{writable_oxigraph}/query",
                                 "--format", "csv"])
    assert tasks.exit_code == 0 and len(tasks.stdout.strip().splitlines()) == 12


def test_an_unreachable_endpoint_is_a_clear_error(graph_file: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    pushed = CliRunner().invoke(main, ["push", "--endpoint", f"{url}/store", "--graph", str(graph_file)])
    assert pushed.exit_code == 1 and f"cannot reach {url}/store?default" in pushed.stderr
    queried = CliRunner().invoke(main, ["query", COUNT, "--endpoint", f"{url}/query"])
    assert queried.exit_code == 1 and "cannot reach" in queried.stderr
