"""The package is laid out as the pipeline: each stage imports only from the stages before it."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

from tests.repository import ROOT

STAGES = ["suggest", "curation", "rdf", "analysis", "view", "sparql"]
"""The pipeline's stages in order; view and sparql both follow analysis and rdf, and not each other."""

PARALLEL = {frozenset({"view", "sparql"})}
HELPERS = {"errors", "paths", "namespace", "lg", "files", "tables", "seed", "starter", "memory"}
"""Top-level modules any stage may use. ``build`` and ``cli`` sit above every stage and no stage uses them."""

PACKAGE = ROOT / "graph"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every ``graph...`` module a file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("graph")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("graph"):
            found.add(node.module)
    return found


MODULES = {_module_name(path): _imports(path) for path in sorted(PACKAGE.rglob("*.py"))}


def _top(module: str) -> str:
    """The stage or top-level module a module belongs to: ``graph.rdf.load`` -> ``rdf``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _top(m) in STAGES))
def test_a_stage_imports_only_earlier_stages_and_helpers(module: str) -> None:
    stage = _top(module)
    for imported in MODULES[module]:
        other = _top(imported)
        if other in ("", stage) or other in HELPERS:
            continue
        assert other in STAGES, f"{module} imports {imported}, which is above the stages"
        assert STAGES.index(other) < STAGES.index(stage) and frozenset({stage, other}) not in PARALLEL, \
            f"{module} (stage {stage}) imports {imported} (stage {other})"


def test_helpers_import_no_stage() -> None:
    for module, imported in MODULES.items():
        if _top(module) in HELPERS:
            assert all(_top(other) in HELPERS | {""} for other in imported), f"{module} imports {imported}"


def test_no_import_circle() -> None:
    G = nx.DiGraph((module, imported) for module, imports in MODULES.items() for imported in imports
                   if imported in MODULES and imported != module and not module.startswith(imported + "."))
    assert list(nx.simple_cycles(G)) == []
