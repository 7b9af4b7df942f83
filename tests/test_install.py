"""leadgraph as an installed tool: the wheel carries everything, and works on any project folder."""

from __future__ import annotations

import csv
import io
import json
import os
import site
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest

from tests.repository import ROOT


def test_every_package_of_the_tree_is_listed_for_the_wheel() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    in_tree = {".".join(path.parent.relative_to(ROOT).parts) for path in (ROOT / "graph").rglob("__init__.py")}
    assert in_tree | {"graph.ontology"} == listed


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the leadgraph wheel installed (not editable); its bin folder.

    The wheel is built from the working tree and installed without its dependencies, which are taken
    from this environment's site-packages through a .pth file; that file adds the folder to the path
    without running its own .pth files, so the editable install of the tree stays out of sight.
    """
    folder = tmp_path_factory.mktemp("install")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(folder / "wheel"),
                    str(ROOT)], check=True, capture_output=True)
    wheel = next((folder / "wheel").glob("leadgraph-*.whl"))
    venv.create(folder / "venv", with_pip=False)
    bin_dir = folder / "venv" / "bin"
    python = bin_dir / "python"
    purelib = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    Path(purelib, "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    "--no-index", str(wheel)], check=True, capture_output=True)
    return bin_dir


def _run(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(bin_dir / "leadgraph"), *args], cwd=cwd, capture_output=True, text=True,
                          env=environment, timeout=300)


def test_the_installed_package_is_the_wheel_not_the_working_tree(installed: Path, tmp_path: Path) -> None:
    done = subprocess.run([installed / "python", "-c", "import graph; print(graph.__file__)"], cwd=tmp_path,
                          capture_output=True, text=True, check=True)
    assert Path(done.stdout.strip()).is_relative_to(installed.parent)


def test_init_then_build_then_query_in_a_new_folder(installed: Path, tmp_path: Path) -> None:
    done = _run(installed, tmp_path, "init", "my-course")
    assert done.returncode == 0, done.stderr
    project = tmp_path / "my-course"
    assert not (project / "ontology").exists()  # the starter project uses the packaged ontology
    done = _run(installed, project, "build")
    assert done.returncode == 0, done.stderr
    assert "Built 3 concepts, 2 relations from 2 quotes" in done.stdout
    assert {p.name for p in (project / "build").iterdir()} >= {"leadership.ttl", "leadership.html"}
    # from a sub-folder, the project is found upwards
    done = _run(installed, project / "data" / "sources", "concept", "listening", "--format", "json")
    assert done.returncode == 0, done.stderr
    card = json.loads(done.stdout)
    assert {(r["type"], r["object_label"]) for r in card["relations"]} == {("fosters", "trust"),
                                                                           ("contrasts with", "waiting to speak")}
    # the saved queries ship with the package
    done = _run(installed, project, "query", "cq12-relation-evidence", "--format", "csv")
    assert done.returncode == 0, done.stderr
    quotes = {row["quote"] for row in csv.DictReader(io.StringIO(done.stdout))}
    assert quotes == {"Listening builds trust.", "Listening is not the same as waiting to speak"}


def test_outside_a_project_the_command_says_how_to_make_one(installed: Path, tmp_path: Path) -> None:
    done = _run(installed, tmp_path, "build")
    assert done.returncode == 1
    assert done.stderr.startswith("leadgraph: no leadgraph project in ")
    assert "leadgraph init DIR" in done.stderr and "Traceback" not in done.stderr


def test_the_wheel_carries_the_query_page_and_the_editor_fetched_before_it_was_built(installed: Path,
                                                                                    tmp_path: Path) -> None:
    """`make test` fetched the editor into the tree, so the wheel built from it serves the full page."""
    done = subprocess.run([installed / "python", "-c", "from graph.sparql.page import QueryPage, STATIC_DIR\n"
                           "print(STATIC_DIR); print(QueryPage().editor['version'])"],
                          cwd=tmp_path, capture_output=True, text=True, check=True)
    static, version = done.stdout.split()
    assert Path(static).is_relative_to(installed.parent)
    assert {path.name for path in Path(static).iterdir()} >= {"query.js", "query.css", "vendor"}
    assert version == "4.6.2"
