"""The README's examples run as written: its Python blocks, each in a fresh namespace, in the repository's
project; its shell blocks, line by line, in a copy of the project."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.build import BuildResult
from graph.sparql.serve import die_with_parent, oxigraph_command
from tests.servers import free_port

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```python\n(.*?)^```", README, re.MULTILINE | re.DOTALL)


def test_the_readme_has_python_examples() -> None:
    assert len(BLOCKS) >= 2


@pytest.mark.parametrize("code", BLOCKS, ids=[f"block{i + 1}" for i in range(len(BLOCKS))])
def test_readme_python_block_runs(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    exec(compile(code, "README.md", "exec"), {"__name__": "__readme__"})


# --- the shell examples ---------------------------------------------------------------------------------

SHELL_BLOCKS = re.findall(r"^```sh\n(.*?)^```", README, re.MULTILINE | re.DOTALL)

NOT_RUN = ("make ", "pip install ", ".venv/bin/jupyter ")
"""Lines no test runs as written: the install steps (what `make` and pip do, which the suite runs in),
and running the notebooks, which tests/test_notebooks.py does."""

SERVERS = (".venv/bin/leadgraph serve", ".venv/bin/oxigraph serve")
"""Lines that start a server and run until stopped: started in the background on a free port (for the
other lines of their block to use) and stopped at the end of the block."""

TEXT = """Chapter 5: Vision

A vision is a picture of a future worth working for. Inner leaders share their vision with followers,
and a shared vision fosters trust. Vision is not the same as a plan: a plan says how, a vision says why.
"""
"""The new chapter of the "suggest, then review" example, as `~/texts/ch05.txt`."""


def _command_lines(block: str) -> list[str]:
    """The block's commands, one a line, continued lines joined, comment lines dropped."""
    joined = re.sub(r"\\\n\s*", " ", block)
    return [line for line in joined.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _shell_project(tmp_path: Path, built: BuildResult) -> tuple[Path, dict[str, str]]:
    """A copy of this project with its build, `.venv/bin/leadgraph` and `.venv/bin/oxigraph` running this
    working tree's code, and a home folder with the files the examples name; the environment to run in."""
    project = tmp_path / "project"
    for folder in ("data", "ontology"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copytree(next(iter(built.files)).parent, project / "build")
    bin_dir = project / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "leadgraph").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m graph.cli "$@"\n', encoding="utf-8")
    (bin_dir / "leadgraph").chmod(0o755)
    (bin_dir / "oxigraph").symlink_to(oxigraph_command())
    home = tmp_path / "home"
    (home / "texts").mkdir(parents=True)
    (home / "texts" / "ch05.txt").write_text(TEXT, encoding="utf-8")
    (home / ".curlrc").write_text("fail\n", encoding="utf-8")  # an HTTP error status makes curl fail too
    (project / "big-query.rq").write_text((ROOT / "ontology" / "queries" / "cq12-relation-evidence.rq")
                                          .read_text(encoding="utf-8"), encoding="utf-8")
    environment = {**os.environ, "HOME": str(home), "EDITOR": "true", "PYTHONPATH": str(ROOT),
                   "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    return project, environment


def _start_server(line: str, cwd: Path, environment: dict[str, str], port: int) -> subprocess.Popen:
    """Start a server line in its own process group (comment and trailing ``&`` dropped), on the port it
    binds or else on ``port``; wait until it listens."""
    command = line.split(" #")[0].strip().removesuffix("&").strip()
    bound = re.search(r"127\.0\.0\.1:(\d+)", command)
    if bound:
        port = int(bound[1])
    elif "--port" not in command:
        command += f" --port {port}"
    process = subprocess.Popen(["bash", "-c", f"exec {command}"], cwd=cwd, env=environment, start_new_session=True,
                               preexec_fn=die_with_parent,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, f"{line!r} exited: {process.stderr.read()}"
        assert time.monotonic() < deadline, f"{line!r} did not listen on port {port}"
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return process
        time.sleep(0.1)


def test_the_lines_not_run_are_install_steps_and_notebooks_only() -> None:
    lines = [line for block in SHELL_BLOCKS for line in _command_lines(block)]
    skipped = [line for line in lines if line.startswith(NOT_RUN)]
    assert skipped and all("leadgraph " not in line.split("#")[0] for line in skipped)
    assert any(line.startswith(SERVERS) for line in lines)


RUN_BLOCKS = [block for block in SHELL_BLOCKS if any(not line.startswith(NOT_RUN) for line in _command_lines(block))]


@pytest.mark.parametrize("block", RUN_BLOCKS, ids=[f"sh{i + 1}" for i in range(len(RUN_BLOCKS))])
def test_readme_shell_block_runs(block: str, tmp_path: Path, built: BuildResult) -> None:
    """Each line runs as written in a copy of the project, one after the other, and exits with status 0;
    the ports 7878 and 7879 become free ports and /tmp/leadgraph-store a temporary folder."""
    project, environment = _shell_project(tmp_path, built)
    ports = {"7878": str(free_port()), "7879": str(free_port())}
    for number, replacement in ports.items():
        block = block.replace(number, replacement)
    block = block.replace("/tmp/leadgraph-store", str(tmp_path / "store"))
    servers: list[subprocess.Popen] = []
    try:
        for line in _command_lines(block):
            if line.startswith(NOT_RUN):
                continue
            if line.startswith(SERVERS):
                servers.append(_start_server(line, project, environment, int(ports["7878"])))
                continue
            done = subprocess.run(["bash", "-c", line], cwd=project, env=environment, capture_output=True,
                                  text=True, timeout=300)
            assert done.returncode == 0, f"{line}\n{done.stderr}"
            assert "Traceback" not in done.stderr
    finally:
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
