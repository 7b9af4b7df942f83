"""The persistent store: `leadgraph store load` writes it once, `query --store` and `serve --store` read it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph

from graph.build import BuildResult
from graph.cli import main
from graph.sparql.engines import OxigraphEngine
from graph.sparql.store import DESCRIPTION_FILE, load_store, oxigraph_location, store_info
from tests.repository import QUERIES_DIR
from tests.servers import free_port
from tests.sparql_rows import result_rows

SAVED = sorted(path.stem for path in QUERIES_DIR.glob("*.rq"))
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _leadgraph(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _count(result: Result) -> int:
    assert result.exit_code == 0, result.stderr
    return int(json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"])


def _one_line_error(result: Result, text: str) -> None:
    assert result.exit_code == 1, result.stdout
    assert result.stderr.startswith("leadgraph: ") and result.stderr.count("\n") == 1, result.stderr
    assert text in result.stderr


def _siblings(folder: Path) -> list[str]:
    """What a load may have left beside the store folder."""
    return sorted(path.name for path in folder.parent.iterdir() if path.name.startswith(f".{folder.name}."))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, graph_file: Path) -> Path:
    """A store loaded from the shared build, shared by the tests that only read it."""
    folder = tmp_path_factory.mktemp("stores") / "leadgraph"
    result = _leadgraph("store", "load", str(folder), "--graph", str(graph_file))
    assert result.exit_code == 0, result.stderr
    return folder


def test_load_writes_a_store_that_says_which_build_it_holds(store: Path, graph_file: Path,
                                                           built: BuildResult) -> None:
    info = store_info(store)
    assert info.triples == len(built.kg) and info.source == str(graph_file)
    assert info.created and info.created.startswith("20") and info.version
    result = _leadgraph("store", "info", str(store))
    assert result.exit_code == 0 and f"{len(built.kg):,} triples loaded from {graph_file}" in result.stdout
    assert _siblings(store) == []


@pytest.mark.parametrize("name", SAVED)
def test_every_saved_query_on_the_store_gives_the_answers_of_the_file(store: Path, graph_file: Path,
                                                                      name: str) -> None:
    text = (QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")
    result = _leadgraph("query", name, "--store", str(store), "--format", "json")
    assert result.exit_code == 0, result.stderr
    expected = OxigraphEngine.from_files([graph_file]).ask(text).results
    assert result_rows(json.loads(result.stdout), text) == result_rows(expected, text)


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv"])
def test_a_query_on_the_store_prints_in_every_format(store: Path, fmt: str) -> None:
    result = _leadgraph("query", "cq05-staff-skills", "--store", str(store), "--format", fmt, "--wide")
    assert result.exit_code == 0, result.stderr
    assert "management by walking around" in result.stdout


def test_describe_on_the_store_prints_turtle(store: Path) -> None:
    result = _leadgraph("query", "DESCRIBE lgc:trust", "--store", str(store))
    assert result.exit_code == 0 and len(Graph().parse(data=result.stdout, format="turtle")) > 5


def test_loading_again_replaces_the_store(tmp_path: Path, graph_file: Path, built: BuildResult) -> None:
    folder = tmp_path / "store"
    first = _leadgraph("store", "load", str(folder), "--graph", str(graph_file))
    assert first.exit_code == 0 and first.stdout.startswith(f"Wrote the store {folder}")
    small = tmp_path / "small.ttl"
    small.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    second = _leadgraph("store", "load", str(folder), "--graph", str(small))
    assert second.exit_code == 0 and second.stdout.startswith(f"Replaced the store {folder}")
    assert _count(_leadgraph("query", COUNT, "--store", str(folder), "--format", "json")) == 1
    assert store_info(folder).created is None  # a file without the build's dataset description
    assert _siblings(folder) == []


def test_a_failed_load_leaves_the_previous_store_whole(tmp_path: Path, graph_file: Path, built: BuildResult) -> None:
    folder = tmp_path / "store"
    assert _leadgraph("store", "load", str(folder), "--graph", str(graph_file)).exit_code == 0
    broken = tmp_path / "broken.ttl"
    broken.write_text("<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> \"unterminated .\n", encoding="utf-8")
    result = _leadgraph("store", "load", str(folder), "--graph", str(broken))
    _one_line_error(result, f"{broken}: cannot be read as Turtle: Parser error")
    assert _count(_leadgraph("query", COUNT, "--store", str(folder), "--format", "json")) == len(built.kg)
    assert _siblings(folder) == []


def test_a_folder_that_is_not_a_store_is_refused_and_left_alone(tmp_path: Path, graph_file: Path) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    result = _leadgraph("store", "load", str(folder), "--graph", str(graph_file))
    _one_line_error(result, f"{folder} is a folder that is not a leadgraph store (it has no {DESCRIPTION_FILE})")
    assert [path.name for path in folder.iterdir()] == ["notes.txt"]
    _one_line_error(_leadgraph("query", COUNT, "--store", str(folder)),
                    f"{folder} is not a leadgraph store: it has no {DESCRIPTION_FILE}")
    a_file = folder / "notes.txt"
    _one_line_error(_leadgraph("store", "load", str(a_file), "--graph", str(graph_file)), f"{a_file} is a file")


def test_an_empty_folder_takes_a_store(tmp_path: Path, graph_file: Path, built: BuildResult) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    assert _leadgraph("store", "load", str(folder), "--graph", str(graph_file)).exit_code == 0
    assert _count(_leadgraph("query", COUNT, "--store", str(folder), "--format", "json")) == len(built.kg)


def test_a_missing_store_is_a_one_line_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    for command in (["query", COUNT, "--store", str(missing)], ["store", "info", str(missing)],
                    ["serve", "--store", str(missing), "--port", str(free_port())]):
        _one_line_error(_leadgraph(*command), f"no leadgraph store at {missing}: the folder does not exist")


def _copy_of(store: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-r", str(store), str(copy)], check=True)
    return copy


def test_a_damaged_store_is_a_one_line_error(store: Path, tmp_path: Path) -> None:
    damaged = _copy_of(store, tmp_path)
    (oxigraph_location(damaged) / "CURRENT").unlink()
    for command in (["query", COUNT, "--store", str(damaged)], ["store", "info", str(damaged)],
                    ["serve", "--store", str(damaged), "--port", str(free_port())]):
        _one_line_error(_leadgraph(*command), f"{damaged}: its Oxigraph store cannot be opened")


def test_a_damaged_store_description_is_a_one_line_error(store: Path, tmp_path: Path) -> None:
    damaged = _copy_of(store, tmp_path)
    (damaged / DESCRIPTION_FILE).write_text("{ not json", encoding="utf-8")
    _one_line_error(_leadgraph("query", COUNT, "--store", str(damaged)),
                    f"{damaged / DESCRIPTION_FILE}: not a valid leadgraph store description")


def test_a_load_killed_midway_is_swept_by_the_next_load(tmp_path: Path, graph_file: Path) -> None:
    folder = tmp_path / "store"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    abandoned = tmp_path / f".store.loading-{dead.stdout.strip()}-x1y2"
    (abandoned / "oxigraph").mkdir(parents=True)
    assert _leadgraph("store", "load", str(folder), "--graph", str(graph_file)).exit_code == 0
    assert not abandoned.exists() and _siblings(folder) == []


def test_a_graph_in_memory_loads_too(tmp_path: Path, kg: Graph) -> None:
    info = load_store(kg, tmp_path / "store")
    assert info.triples == len(kg) and info.source == "a graph in memory"


@pytest.mark.parametrize(("options", "message"), [
    (["--graph", "x.ttl"], "give one of --graph, --store and --endpoint, not --graph and --store"),
    (["--endpoint", "http://127.0.0.1:9/query"], "give one of --graph, --store and --endpoint"),
    (["--engine", "rdflib"], "a store is an Oxigraph store, queried by the oxigraph engine; leave out --engine rdflib"),
])
def test_query_store_refuses_a_second_source_or_another_engine(store: Path, options: list[str], message: str) -> None:
    _one_line_error(_leadgraph("query", COUNT, "--store", str(store), *options), message)


def test_graph_uri_needs_an_endpoint(store: Path) -> None:
    _one_line_error(_leadgraph("query", COUNT, "--store", str(store), "--graph-uri", "urn:g"),
                    "--graph-uri names the graph to query at an --endpoint; give --endpoint too")


# --- serve --store --------------------------------------------------------------------------------------

class StoreServer:
    """`leadgraph serve --store` running as a real process."""

    def __init__(self, folder: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen([sys.executable, "-m", "graph.cli", "serve", "--store", str(folder),
                                         "--port", str(self.port), "--timeout", "5"],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.announcement = [self.process.stdout.readline(), self.process.stdout.readline()]

    def get(self, query: str) -> tuple[int, bytes]:
        request = urllib.request.Request(f"{self.url}/query?{urllib.parse.urlencode({'query': query})}",
                                         headers={"Accept": "application/sparql-results+json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()


@pytest.fixture(scope="module")
def served(store: Path) -> Iterator[StoreServer]:
    running = StoreServer(store)
    assert running.announcement[0].startswith(f"SPARQL endpoint: {running.url}/query"), running.process.stderr.read()
    yield running
    running.process.send_signal(signal.SIGINT)
    running.process.wait(timeout=20)


def test_serve_store_says_what_it_serves(served: StoreServer, store: Path, built: BuildResult) -> None:
    assert served.announcement[1].startswith(f"Serving the store {store}: {len(built.kg):,} triples loaded from")


@pytest.mark.parametrize("name", SAVED)
def test_every_saved_query_over_http_from_the_store_gives_the_answers_of_the_file(
        served: StoreServer, graph_file: Path, name: str) -> None:
    text = (QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")
    result = _leadgraph("query", name, "--endpoint", f"{served.url}/query", "--format", "json")
    assert result.exit_code == 0, result.stderr
    expected = OxigraphEngine.from_files([graph_file]).ask(text).results
    assert result_rows(json.loads(result.stdout), text) == result_rows(expected, text)


def test_serve_store_keeps_the_guards(served: StoreServer) -> None:
    status, body = served.get("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert status == 400 and b"federated queries (SERVICE) are refused" in body
    status, _ = served.get("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    assert status == 503


def test_stopping_serve_store_leaves_the_store_in_place(store: Path, built: BuildResult) -> None:
    running = StoreServer(store)
    assert running.announcement[0].startswith("SPARQL endpoint:")
    running.process.send_signal(signal.SIGINT)
    assert running.process.wait(timeout=20) == 0
    assert store_info(store).triples == len(built.kg) and os.listdir(oxigraph_location(store))
    assert _count(_leadgraph("query", COUNT, "--store", str(store), "--format", "json")) == len(built.kg)


def test_serve_takes_a_graph_or_a_store_not_both(store: Path, graph_file: Path) -> None:
    _one_line_error(_leadgraph("serve", "--store", str(store), "--graph", str(graph_file)),
                    "give --graph or --store, not both")
