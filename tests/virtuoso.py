"""A real Virtuoso Open Source server (Debian's ``virtuoso-opensource``) in a temporary folder, for the
tests and the benchmarks: a fresh database on free loopback ports, with Virtuoso's default ``dba`` account.

Virtuoso is started as ``virtuoso-t -f -c virtuoso.ini`` in its own process group and stopped by killing
that group. The configuration is written here rather than copied from ``/etc``: only the database files,
the two ports and the SPARQL limits matter, and ``ResultSetMaxRows`` keeps Debian's 10,000 so that the tests
meet the limit users meet.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from tests.servers import free_port

VIRTUOSO = "virtuoso-t"
USER, PASSWORD = "dba", "dba"  # a fresh Virtuoso database's administrator
GRAPH = "https://w3id.org/leadgraph/graph"
"""The named graph the tests and benchmarks push the build into."""

MISSING = "virtuoso-t is not installed: run `make virtuoso` (it installs Debian's virtuoso-opensource)"

_INI = """\
[Database]
DatabaseFile       = {folder}/virtuoso.db
ErrorLogFile       = {folder}/virtuoso.log
LockFile           = {folder}/virtuoso.lck
TransactionFile    = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {folder}/virtuoso-temp.db
TransactionFile    = {folder}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort           = 127.0.0.1:{sql_port}
DisableUnixSocket    = 1
MaxClientConnections = 10
CheckpointInterval   = 60
CaseMode             = 2
DirsAllowed          = ., {folder}
NumberOfBuffers      = {buffers}
MaxDirtyBuffers      = {dirty_buffers}

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerRoot           = {folder}
MaxClientConnections = 10
ServerThreads        = 10
Charset              = UTF-8

[SPARQL]
ResultSetMaxRows      = {max_rows}
MaxQueryExecutionTime = 120
"""


class Virtuoso:
    """One Virtuoso server over a new database in ``folder``; :meth:`start` it, :meth:`stop` it."""

    def __init__(self, folder: Path, max_rows: int = 10_000, buffers: int = 10_000):
        self.folder = Path(folder)
        self.http_port, self.sql_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.http_port}"
        self.sparql = f"{self.url}/sparql"
        self.graph_store = f"{self.url}/sparql-graph-crud-auth"
        self.process: subprocess.Popen | None = None
        self._settings = {"max_rows": max_rows, "buffers": buffers, "dirty_buffers": buffers * 3 // 4}

    def start(self, timeout: float = 120.0) -> Virtuoso:
        """Start the server and return once its SPARQL endpoint answers; RuntimeError if it cannot."""
        binary = shutil.which(VIRTUOSO)
        if binary is None:
            raise RuntimeError(MISSING)
        self.folder.mkdir(parents=True, exist_ok=True)
        ini = self.folder / "virtuoso.ini"
        ini.write_text(_INI.format(folder=self.folder, sql_port=self.sql_port, http_port=self.http_port,
                                   **self._settings), encoding="utf-8")
        with (self.folder / "console.log").open("wb") as console:
            self.process = subprocess.Popen([binary, "-f", "-c", str(ini)], cwd=self.folder, stdout=console,
                                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                            start_new_session=True)
        deadline = time.monotonic() + timeout
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"Virtuoso did not start: {self.log_tail()}")
            time.sleep(0.2)
        return self

    def _answers(self) -> bool:
        query = urllib.parse.urlencode({"query": "ASK {}"})
        try:
            with urllib.request.urlopen(f"{self.sparql}?{query}", timeout=5) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def log_tail(self, lines: int = 5) -> str:
        """The last lines Virtuoso wrote, on one line."""
        log = self.folder / "console.log"
        text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        return " | ".join(text.strip().splitlines()[-lines:]) or "(no output)"

    def stop(self) -> None:
        """Kill the server's process group and wait for it (a test database needs no clean shutdown)."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self.process = None

    def __enter__(self) -> Virtuoso:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
