"""Every notebook runs from top to bottom without an error (their cells assert what their prose says), in
the environment `make run` makes: what they import, and what runs them, is the `notebooks` extra."""

from __future__ import annotations

import ast
import html
import re
import sys
import tomllib
from importlib.metadata import packages_distributions, version
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
RUNNERS = {"nbclient", "nbformat", "ipykernel"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower()


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _imports(path: Path) -> set[str]:
    notebook = nbformat.read(path, as_version=4)
    modules = set()
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                modules.add(node.module.split(".")[0])
    return modules


def test_the_notebooks_are_there() -> None:
    assert {path.stem for path in NOTEBOOKS} >= {"centrality", "sparql"}


def test_make_run_installs_what_the_notebooks_import_and_what_runs_them() -> None:
    project = _project()
    extra = {_name(r) for r in project["optional-dependencies"]["notebooks"]}
    available = extra | {_name(r) for r in project["dependencies"]}
    assert extra >= RUNNERS
    distributions = packages_distributions()
    for path in NOTEBOOKS:
        for module in _imports(path) - set(sys.stdlib_module_names) - {"graph"}:
            assert {d.lower() for d in distributions.get(module, [module])} & available, (path.name, module)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^\$\(VENV\)/\.installed:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert recipe and "install --quiet -e '.[notebooks]'" in recipe.group(1)
    assert re.search(r"^run: \$\(VENV\)/\.installed", makefile, re.MULTILINE)
    for requirement in extra:  # and this test runs in such an environment
        assert version(requirement)


def execute(path: Path) -> nbformat.NotebookNode:
    """Run a notebook with the python3 kernel of this environment; check what it shows; return it run."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any(o.get("output_type") == "display_data" and "image/png" in o.get("data", {}) for o in outputs) \
        or path.stem != "centrality"
    if path.stem == "sparql":  # quotes and questions are shown whole, never cut
        import graph
        shown = html.unescape(" ".join(o.get("data", {}).get("text/html", "") for o in outputs))
        tasks = graph.query((ROOT / "ontology" / "queries" / "cq06-eleven-service-tasks.rq").read_text())
        assert all(quote in shown for quote in tasks["quote"])
        questions = [q.read_text().splitlines()[0].removeprefix("# Question: ")
                     for q in (ROOT / "ontology" / "queries").glob("*.rq")]
        assert all(question in shown for question in questions)
    return notebook


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_runs_without_error(path: Path) -> None:
    execute(path)
