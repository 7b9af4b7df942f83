"""``leadgraph serve``: the build output in an Oxigraph store, behind Oxigraph's own SPARQL server.

The server is the ``oxigraph`` command from PyPI, run read-only on 127.0.0.1 with a query time-out. It
speaks the SPARQL 1.1 Protocol at ``/query`` (GET and POST) and serves the YASGUI query page at ``/``
from its own binary, so the page works offline. The store lives in a temporary folder that is removed
when the server stops.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from graph.errors import PortInUseError, ServerError
from graph.rdf.load import require_graph_file

__all__ = ["load_store", "oxigraph_command", "port_is_free", "serve"]


def oxigraph_command() -> str:
    """The ``oxigraph`` executable installed beside this Python (the ``oxigraph`` package), or on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise ServerError("the oxigraph server is not installed: pip install oxigraph")
    return found


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """True when nothing listens on ``host:port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def load_store(files: list[Path], location: Path) -> None:
    """Load RDF files into an on-disk Oxigraph store with the server's own loader (same storage version)."""
    command = [oxigraph_command(), "load", "--location", str(location)]
    for path in files:
        command += ["--file", str(path)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise ServerError(f"oxigraph could not load {', '.join(map(str, files))}: {done.stderr.strip()}")


def _wait_until_listening(process: subprocess.Popen, port: int, log: Path, timeout: float = 20.0) -> None:
    """Return once the server accepts connections; raise if it exits or never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"oxigraph exited with status {process.returncode}: "
                              f"{log.read_text(encoding='utf-8', errors='replace').strip()}")
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise ServerError(f"oxigraph did not start listening on port {port} within {timeout:.0f} s")


def serve(files: list[Path], port: int = 7878, timeout_s: int = 30,
          announce: Callable[[str], None] = print) -> int:
    """Run the read-only SPARQL server over ``files`` until Ctrl-C (or SIGTERM); return an exit status."""
    if not port_is_free(port):
        raise PortInUseError(f"port {port} on 127.0.0.1 is already in use; choose another with --port")
    for path in files:
        require_graph_file(path)
    with tempfile.TemporaryDirectory(prefix="leadgraph-store-") as folder:
        location = Path(folder) / "store"
        load_store(files, location)
        log = Path(folder) / "server.log"
        with log.open("w", encoding="utf-8") as log_stream:
            process = subprocess.Popen(
                [oxigraph_command(), "serve-read-only", "--location", str(location),
                 "--bind", f"127.0.0.1:{port}", "--timeout-s", str(timeout_s)],
                stdout=log_stream, stderr=subprocess.STDOUT)
        # our own handlers, so Ctrl-C and SIGTERM stop the server even where SIGINT was inherited as ignored
        previous = {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            _wait_until_listening(process, port, log)
            url = f"http://127.0.0.1:{port}"
            announce(f"SPARQL endpoint: {url}/query   query page: {url}/   (read-only; queries time out after "
                     f"{timeout_s} s; Ctrl-C stops)")
            process.wait()
        except KeyboardInterrupt:
            announce("Stopping the SPARQL server.")
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            _terminate(process)
    return 0


def _interrupt(signum: int, frame: object) -> None:
    """Signal handler: stop the way Ctrl-C does."""
    raise KeyboardInterrupt


def _terminate(process: subprocess.Popen) -> None:
    """Stop the server process and wait for it, killing it if it does not stop."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
