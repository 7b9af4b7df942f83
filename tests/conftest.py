"""Shared fixtures: one real build of the shipped data, and scratch copies of the curated files."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import Graph

from graph.build import BuildResult, build
from graph.cli import main
from tests.browser import CHROMIUM, CHROMIUM_ARGS
from tests.repository import DATA_DIR, ONTOLOGY_DIR
from tests.servers import Server, free_port


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """A full build of the shipped data into a temporary folder."""
    return build(out_dir=tmp_path_factory.mktemp("build"))


@pytest.fixture(scope="session")
def kg(built: BuildResult) -> Graph:
    """The built knowledge graph."""
    return built.kg


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A scratch copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@pytest.fixture
def ontology_copy(tmp_path: Path) -> Path:
    """A scratch copy of ontology/ that a test may break."""
    target = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY_DIR, target)
    return target


@pytest.fixture(scope="session")
def graph_file(built: BuildResult) -> Path:
    """The Turtle file of the shared build."""
    return next(path for path in built.files if path.suffix == ".ttl")


@pytest.fixture
def leadgraph() -> Callable[..., tuple[int, str, str]]:
    """Run a ``leadgraph`` command in-process; return its exit code, stdout and stderr."""
    def run(*args: str) -> tuple[int, str, str]:
        result = CliRunner().invoke(main, list(args))
        return result.exit_code, result.stdout, result.stderr
    return run


@pytest.fixture(scope="module")
def server(graph_file: Path) -> Iterator[Server]:
    """`leadgraph serve` of the shared build on a free port, for the tests of one module."""
    running = Server(graph_file, free_port())
    assert running.announcement.startswith(f"SPARQL endpoint: {running.url}/query"), running.process.stderr.read()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright (imported here, so tests without a browser never load it)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
