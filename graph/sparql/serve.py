"""``leadgraph serve``: the build output in an Oxigraph store, behind a small guard that leadgraph runs.

Two processes serve the graph:

- the ``oxigraph`` command from PyPI, read-only, on a private loopback port, over a store in a temporary
  folder (or over a persistent store that ``leadgraph store load`` wrote, served as it is); it answers
  queries;
- leadgraph's front (:class:`Front`, stdlib ``http.server``) on ``127.0.0.1:PORT``, the only address
  users see. It serves our own query page at ``/`` and its files under ``/static/``
  (:mod:`graph.sparql.page`), declares the project's prefixes a query uses without declaring them,
  refuses federated queries (``SERVICE``) unless ``allow_service``, refuses updates, cuts every query at
  the time-out whatever its form (503), bounds every answer (``max_bytes``, 507) and answers only once
  the whole response is in, so a cut query is always an HTTP error, never a 200 with broken results.

Lifecycle: the Oxigraph child gets a parent-death signal (Linux), so it dies with leadgraph even after
SIGKILL; SIGINT, SIGTERM and SIGHUP stop the server and remove the temporary store (a persistent one is
left as it is); a temporary store left by a server that was killed outright is removed by the next
``leadgraph serve``.
"""

from __future__ import annotations

import contextlib
import ctypes
import http.client
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from graph.errors import PortInUseError, ServerError, UsageError
from graph.paths import packaged_ontology
from graph.sparql.guard import uses_service
from graph.sparql.page import QueryPage
from graph.sparql.store import open_store, oxigraph_location, process_alive, store_info
from graph.sparql.syntax import oxigraph_syntax_error, with_missing_prefixes

__all__ = ["DEFAULT_MAX_BYTES", "Front", "check_settings", "die_with_parent", "load_files", "oxigraph_command",
           "port_is_free", "serve", "sweep_stale_stores"]

DEFAULT_MAX_BYTES = 50_000_000
"""The largest answer the server sends, in bytes, unless ``--max-bytes`` says otherwise."""

MAX_REQUEST_BYTES = 10_000_000
"""The largest request body (a POSTed query) the server reads."""

QUERY_PATHS = ("/query", "/sparql")
"""Where Oxigraph answers SPARQL queries: ``/query``, and ``/sparql`` (the path its own query page used)."""

IDLE_S = 0.5
"""How long a connection to Oxigraph is kept idle for reuse (well under Oxigraph's own 2 s or more)."""

STORE_PREFIX = "leadgraph-store-"
OWNER_FILE = "owner.pid"
_CANCELLED = b"The SPARQL operation has been cancelled"


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


def die_with_parent() -> None:
    """In a child, before exec: ask Linux to kill it when its parent dies (``PR_SET_PDEATHSIG``)."""
    if sys.platform.startswith("linux"):
        parent = os.getppid()
        with contextlib.suppress(OSError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # 1: PR_SET_PDEATHSIG
        if os.getppid() != parent:  # the parent died before the signal was armed
            os._exit(1)


def load_files(files: list[Path], location: Path) -> None:
    """Load RDF files into an on-disk Oxigraph store with the server's own loader (same storage version)."""
    command = [oxigraph_command(), "load", "--location", str(location)]
    for path in files:
        command += ["--file", str(path)]
    done = subprocess.run(command, capture_output=True, text=True, preexec_fn=die_with_parent)
    if done.returncode != 0:
        raise ServerError(f"oxigraph could not load {', '.join(map(str, files))}: {done.stderr.strip()}")


def sweep_stale_stores(folder: Path | None = None) -> list[Path]:
    """Remove the store folders of servers that were killed outright (their owner process is gone)."""
    removed = []
    for candidate in Path(folder or tempfile.gettempdir()).glob(f"{STORE_PREFIX}*"):
        try:
            owner = int((candidate / OWNER_FILE).read_text(encoding="ascii"))
        except (OSError, ValueError):
            continue
        if not process_alive(owner):
            shutil.rmtree(candidate, ignore_errors=True)
            removed.append(candidate)
    return removed


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


def _free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- the front -------------------------------------------------------------------------------------------

class _RefusalError(Exception):
    """An answer the front gives itself: a status and a one-line message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


class Front(ThreadingHTTPServer):
    """leadgraph's HTTP front: guards and bounds every request, forwards it to the Oxigraph server."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, port: int, backend_port: int, timeout_s: float, max_bytes: int = DEFAULT_MAX_BYTES,
                 allow_service: bool = False, page: QueryPage | None = None):
        self.backend_port, self.timeout_s = backend_port, timeout_s
        self.max_bytes, self.allow_service = max_bytes, allow_service
        self.page = page or QueryPage()
        self._idle: queue.LifoQueue[tuple[float, http.client.HTTPConnection]] = queue.LifoQueue()
        super().__init__(("127.0.0.1", port), _Handler)

    def connection(self) -> http.client.HTTPConnection:
        """A kept-alive connection to Oxigraph idle for less than ``IDLE_S``, or a new one.

        Oxigraph times out an idle connection's read after its time-out and then answers the next request
        on it with a 500 (``Resource temporarily unavailable``), so older connections are closed."""
        while True:
            try:
                released, connection = self._idle.get_nowait()
            except queue.Empty:
                return http.client.HTTPConnection("127.0.0.1", self.backend_port, timeout=self.timeout_s)
            if time.monotonic() - released < IDLE_S:
                return connection
            connection.close()

    def release(self, connection: http.client.HTTPConnection) -> None:
        """Keep a connection whose answer was read to the end, for the next request."""
        if self._idle.qsize() < 64:
            self._idle.put((time.monotonic(), connection))
        else:
            connection.close()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Front

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._handle("GET")

    def do_HEAD(self) -> None:
        self._handle("HEAD")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PUT(self) -> None:
        self._handle("PUT")

    def do_DELETE(self) -> None:
        self._handle("DELETE")

    def do_PATCH(self) -> None:
        self._handle("PATCH")

    def _handle(self, method: str) -> None:
        try:
            body = self._read_body()
            path = urllib.parse.urlsplit(self.path).path
            own = self.server.page.answer(self.path) if method in ("GET", "HEAD") else None
            if own is not None:
                self._answer(*own, head=method == "HEAD")
                return
            if method not in ("GET", "HEAD"):
                if path == "/update" or path.startswith("/store") or self._is_update(path, body):
                    raise _RefusalError(403, "this server is read-only: updates and graph store writes are refused")
                if path not in QUERY_PATHS or method != "POST":
                    raise _RefusalError(405, f"{method} is not allowed on {path}")
            if (path in QUERY_PATHS and not self.server.allow_service
                    and any(uses_service(text) for text in self._query_texts(method, body))):
                raise _RefusalError(400, "federated queries (SERVICE) are refused by this server; "
                                         "its operator can allow them with leadgraph serve --allow-service")
            target, body, columns_added = self._with_our_prefixes(method, body) if path in QUERY_PATHS \
                else (self.path, body, 0)
            status, headers, content = self._forward(method, target, body)
            if status == 400 and path in QUERY_PATHS:
                content = _readable_syntax_error(content, columns_added)
        except _RefusalError as refusal:
            self._answer(refusal.status, [("Content-Type", "text/plain; charset=utf-8")],
                         (refusal.message + "\n").encode("utf-8"), head=method == "HEAD")
            return
        self._answer(status, headers, content, head=method == "HEAD")

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            self.close_connection = True
            raise _RefusalError(411, "send the request with a Content-Length")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_REQUEST_BYTES:
            self.close_connection = True
            raise _RefusalError(413, f"the request is larger than {MAX_REQUEST_BYTES} bytes")
        return self.rfile.read(length) if length > 0 else b""

    def _is_update(self, path: str, body: bytes) -> bool:
        """True for an update POSTed to a query path (Oxigraph's ``/sparql`` takes both)."""
        content_type = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        return path in QUERY_PATHS and (
            content_type == "application/sparql-update"
            or (content_type == "application/x-www-form-urlencoded"
                and "update" in urllib.parse.parse_qs(body.decode("utf-8", "replace"))))

    def _query_texts(self, method: str, body: bytes) -> list[str]:
        """Every text the server could read as the query: URL parameters, and the body for POST."""
        texts = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query).get("query", [])
        if method == "POST":
            content_type = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
            decoded = body.decode("utf-8", "replace")
            if content_type == "application/x-www-form-urlencoded":
                texts += urllib.parse.parse_qs(decoded).get("query", [])
            else:
                texts.append(decoded)
        return texts

    def _with_our_prefixes(self, method: str, body: bytes) -> tuple[str, bytes, int]:
        """The request's target and body with the project's prefixes declared in each query that uses them
        without declaring them (URL parameters, a form body, a direct POST body); and how many characters
        were added in front of the query, to place Oxigraph's syntax errors in the user's own text."""
        parts = urllib.parse.urlsplit(self.path)
        added: list[int] = []
        target = self.path
        if "query=" in parts.query:
            fields = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
            fields, added = _declare_in_fields(fields)
            if any(added):
                target = urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(fields)))
        content_type = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if method == "POST" and body:
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:  # Oxigraph will refuse it; nothing to declare
                return target, body, 0
            if content_type == "application/x-www-form-urlencoded":
                fields, in_body = _declare_in_fields(urllib.parse.parse_qsl(text, keep_blank_values=True))
                if any(in_body):
                    body = urllib.parse.urlencode(fields).encode("utf-8")
                added += in_body
            elif content_type == "application/sparql-query":
                declared = with_missing_prefixes(text)
                body = declared.encode("utf-8")
                added.append(len(declared) - len(text))
        return target, body, added[0] if len(added) == 1 else 0

    def _forward(self, method: str, target: str, body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
        """Send the request to Oxigraph; read the whole answer within the time-out and the size limit."""
        front = self.server
        deadline = time.monotonic() + front.timeout_s
        headers = {name: self.headers[name] for name in ("Accept", "Content-Type") if self.headers[name]}
        connection, complete = front.connection(), False
        try:
            try:
                connection.request(method, target, body=body or None, headers=headers)
                response = connection.getresponse()
            except (ConnectionError, http.client.RemoteDisconnected, http.client.CannotSendRequest):
                connection.close()  # a kept-alive connection that Oxigraph had closed: once more, afresh
                connection.request(method, target, body=body or None, headers=headers)
                response = connection.getresponse()
            parts, size = [], 0
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError
                connection.sock.settimeout(remaining)
                part = response.read1(65536) if method != "HEAD" else b""
                if not part:
                    break
                size += len(part)
                if size > front.max_bytes:
                    raise _RefusalError(507, f"the answer is larger than this server's limit of {front.max_bytes} "
                                        "bytes; add a LIMIT, or ask its operator to raise --max-bytes")
                parts.append(part)
            response.read()  # at the end already: marks the response done, so the connection can be kept
            complete = response.isclosed() and not response.will_close
        except TimeoutError:
            raise _RefusalError(503, f"the query was cut at this server's time-out of {front.timeout_s:g} s; "
                                "narrow it or add a LIMIT") from None
        except (OSError, http.client.HTTPException) as error:
            raise _RefusalError(502, f"the SPARQL server behind this endpoint failed: {error}") from None
        finally:
            if complete:
                front.release(connection)
            else:
                connection.close()  # on a cut, Oxigraph stops streaming at its next write
        content = b"".join(parts)
        if response.status == 200 and _CANCELLED in content[-200:]:
            raise _RefusalError(503, f"the query was cut at this server's time-out of {front.timeout_s:g} s; "
                                "narrow it or add a LIMIT")
        kept = [(name, value) for name, value in response.getheaders()
                if name.lower() in ("content-type", "content-disposition", "allow", "cache-control")]
        return response.status, kept, content

    def _answer(self, status: int, headers: list[tuple[str, str]], content: bytes, head: bool) -> None:
        try:
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            if not head:
                self.wfile.write(content)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


def _declare_in_fields(fields: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], list[int]]:
    """Form or URL fields with the project's missing prefixes declared in each ``query`` field; and the
    number of characters added to each query."""
    declared, added = [], []
    for name, value in fields:
        if name == "query":
            value, before = with_missing_prefixes(value), len(value)
            added.append(len(value) - before)
        declared.append((name, value))
    return declared, added


def _readable_syntax_error(content: bytes, columns_added: int) -> bytes:
    """Oxigraph's syntax error on one line, placed in the user's own text; other 400 answers unchanged."""
    error = oxigraph_syntax_error(content.decode("utf-8", "replace"), columns_added=columns_added)
    return content if error is None else (str(error) + "\n").encode("utf-8")


# --- the server's life -----------------------------------------------------------------------------------

def check_settings(port: int, timeout_s: float, max_bytes: int) -> None:
    """Refuse a port outside 1-65535, a time-out under 1 s, or a size limit under 1 byte, in one line."""
    if not 1 <= port <= 65535:
        raise UsageError(f"--port must be between 1 and 65535, not {port}")
    if timeout_s < 1:
        raise UsageError(f"--timeout must be at least 1 second, not {timeout_s}")
    if max_bytes < 1:
        raise UsageError(f"--max-bytes must be at least 1, not {max_bytes}")


_STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


def serve(files: list[Path], port: int = 7878, timeout_s: int = 30,
          announce: Callable[[str], None] = print, max_bytes: int = DEFAULT_MAX_BYTES,
          allow_service: bool = False, queries_dir: Path | None = None, store: Path | None = None) -> int:
    """Run the read-only SPARQL server until Ctrl-C, SIGTERM or SIGHUP; return an exit status.

    It serves ``files``, loaded into a temporary store, or else the persistent ``store`` folder
    (:mod:`graph.sparql.store`) as it is, without loading anything; the store is never changed or removed.
    The query page offers the saved queries of ``queries_dir`` (default: those that ship with leadgraph).
    """
    check_settings(port, timeout_s, max_bytes)
    if not port_is_free(port):
        raise PortInUseError(f"port {port} on 127.0.0.1 is already in use; choose another with --port")
    if not files and store is None:
        raise UsageError("nothing to serve: give graph files or a store")
    if files:
        from graph.rdf.load import require_graph_file  # rdflib: not needed to serve a persistent store
        for path in files:
            require_graph_file(path)
    served = None
    if store is not None:
        served = store_info(store)
        open_store(store)  # a damaged store is a one-line error here, not a child that dies; it closes at once
    sweep_stale_stores()
    # the folder names the address it serves, so `ps` shows which server a store and its child belong to
    folder = Path(tempfile.mkdtemp(prefix=f"{STORE_PREFIX}127.0.0.1:{port}-"))
    previous = {sig: signal.signal(sig, _interrupt) for sig in _STOP_SIGNALS}
    process: subprocess.Popen | None = None
    front: Front | None = None
    serving = False
    try:
        (folder / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
        page = QueryPage(queries_dir or packaged_ontology() / "queries")
        try:
            front = Front(port, 0, timeout_s, max_bytes, allow_service, page)
        except OSError:
            raise PortInUseError(f"port {port} on 127.0.0.1 is already in use; choose another with --port") from None
        location, log = folder / "store", folder / "server.log"
        if store is None:
            load_files(files, location)
        else:
            location = oxigraph_location(Path(store).resolve())
        backend_port = _free_loopback_port()
        front.backend_port = backend_port
        with log.open("w", encoding="utf-8") as log_stream:
            # Oxigraph's own time-out backs ours up: it stops evaluating a query the front has given up on
            process = subprocess.Popen(
                [oxigraph_command(), "serve-read-only", "--location", str(location),
                 "--bind", f"127.0.0.1:{backend_port}", "--timeout-s", str(int(timeout_s) + 1)],
                stdout=log_stream, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                preexec_fn=die_with_parent)
        _wait_until_listening(process, backend_port, log)
        threading.Thread(target=front.serve_forever, name="leadgraph-front", daemon=True).start()
        serving = True
        url = f"http://127.0.0.1:{port}"
        announce(f"SPARQL endpoint: {url}/query   query page: {url}/   (read-only; queries time out after "
                 f"{timeout_s} s; answers up to {max_bytes} bytes; SERVICE "
                 f"{'allowed' if allow_service else 'refused'}; Ctrl-C stops)")
        if served is not None:
            announce(f"Serving the store {store}: {served.describe()}")
        if not page.editor:
            announce("The query page's editor (YASGUI) is not installed, so the page offers a plain form: run "
                     "make yasgui in leadgraph's source folder, then restart leadgraph serve.")
        status = process.wait()
        raise ServerError(f"the oxigraph server stopped unexpectedly with status {status}: "
                          f"{log.read_text(encoding='utf-8', errors='replace').strip()[-500:]}")
    except KeyboardInterrupt:
        with contextlib.suppress(OSError, ValueError):  # the terminal may be gone (SIGHUP)
            announce("Stopping the SPARQL server.")
    finally:
        for sig in _STOP_SIGNALS:  # a second Ctrl-C must not interrupt the clean-up
            signal.signal(sig, signal.SIG_IGN)
        if serving:
            front.shutdown()
        if front is not None:
            front.server_close()
        if process is not None:
            _terminate(process)
        shutil.rmtree(folder, ignore_errors=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
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
