"""Real servers for the tests: free ports, `leadgraph serve` as a process, and plain HTTP calls to it.

Every server a test starts is armed to die with the test process (``PR_SET_PDEATHSIG``), so an interrupted
run leaves no endpoint behind.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from graph.sparql.serve import die_with_parent

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
TIMEOUT_S = 2


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def listening(port: int) -> bool:
    """True when something accepts connections on 127.0.0.1:``port``."""
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


class Server:
    """`leadgraph serve` running as a real process."""

    def __init__(self, graph_file: Path, port: int, *options: str):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "graph.cli", "serve", "--port", str(port), "--timeout", str(TIMEOUT_S),
             "--graph", str(graph_file), *options], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            preexec_fn=die_with_parent)
        self.announcement = self.process.stdout.readline()

    def children(self) -> list[str]:
        found = subprocess.run(["pgrep", "-f", f"oxigraph serve-read-only.*127.0.0.1:{self.port}"],
                               capture_output=True, text=True)
        return found.stdout.split()

    def stop(self, sig: int = signal.SIGINT) -> int:
        self.process.send_signal(sig)
        return self.process.wait(timeout=20)


def http_get(url: str, query: str, accept: str = "application/sparql-results+json") -> tuple[int, bytes]:
    """GET ``query`` from the server at ``url``: the status and the body, errors included."""
    request = urllib.request.Request(f"{url}/query?{urllib.parse.urlencode({'query': query})}",
                                     headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def http_post(url: str, path: str, body: str, content_type: str) -> tuple[int, bytes]:
    """POST ``body`` to ``url`` + ``path``: the status and the body, errors included."""
    request = urllib.request.Request(f"{url}{path}", data=body.encode(), method="POST",
                                     headers={"Content-Type": content_type,
                                              "Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def count_of(results: bytes) -> int:
    """The ``?n`` of a one-row SPARQL JSON answer."""
    return int(json.loads(results)["results"]["bindings"][0]["n"]["value"])
