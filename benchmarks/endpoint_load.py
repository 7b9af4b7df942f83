"""Load on `leadgraph serve`: success rate and latency of small queries, alone and while runaways run.

Starts `leadgraph serve` over the build (or --graph), sends --requests small queries from --threads
threads, and prints the success rate and latency percentiles; then the same while --runaways clients
keep sending a query that would run for hours (each one cut at the server's time-out).

    .venv/bin/python benchmarks/endpoint_load.py                  # 2,000 requests, 8 threads, 2 runaways
    .venv/bin/python benchmarks/endpoint_load.py --url http://127.0.0.1:7878   # a server already running
"""

from __future__ import annotations

import argparse
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

SMALL = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
         "SELECT ?label WHERE { <https://w3id.org/leadgraph/concept/trust> skos:prefLabel ?label }")
RUNAWAYS = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
            "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")


@dataclass
class Load:
    """What a run of small queries gave: how many succeeded and their latencies in seconds."""

    requests: int
    succeeded: int
    latencies: list[float]
    seconds: float

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")

    def line(self) -> str:
        return (f"{self.requests} requests: {100 * self.succeeded / self.requests:.1f}% success, "
                f"p50 {1000 * self.percentile(0.50):.1f} ms, p90 {1000 * self.percentile(0.90):.1f} ms, "
                f"p99 {1000 * self.percentile(0.99):.1f} ms, max {1000 * max(self.latencies, default=0):.0f} ms, "
                f"mean {1000 * statistics.fmean(self.latencies or [0]):.1f} ms, "
                f"{self.requests / self.seconds:.0f} requests/s")


def _ask(url: str, query: str, timeout: float = 120) -> tuple[int, int]:
    """One GET of the SPARQL protocol: the status and the size of the answer."""
    request = urllib.request.Request(f"{url}/query?{urllib.parse.urlencode({'query': query})}",
                                     headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, len(error.read())


def run_load(url: str, requests: int = 2000, threads: int = 8, query: str = SMALL) -> Load:
    """Send ``requests`` queries from ``threads`` threads; time each one."""
    def one(_: int) -> tuple[bool, float]:
        started = time.perf_counter()
        try:
            ok = _ask(url, query)[0] == 200
        except OSError:
            ok = False
        return ok, time.perf_counter() - started

    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        results = list(pool.map(one, range(requests)))
    return Load(requests, sum(ok for ok, _ in results), [t for _, t in results], time.perf_counter() - started)


class Runaways:
    """Clients that keep sending queries that would run for hours, until stopped."""

    def __init__(self, url: str, clients: int):
        self.url, self.stopping, self.cut, self.statuses = url, threading.Event(), 0, []
        self.threads = [threading.Thread(target=self._loop, args=(RUNAWAYS[i % len(RUNAWAYS)],), daemon=True)
                        for i in range(clients)]

    def _loop(self, query: str) -> None:
        while not self.stopping.is_set():
            try:
                status, _ = _ask(self.url, query)
            except OSError:
                status = 0
            self.statuses.append(status)

    def __enter__(self) -> Runaways:
        for thread in self.threads:
            thread.start()
        time.sleep(0.5)  # let them start
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=120)


def start_server(graph: Path, port: int, timeout_s: int) -> subprocess.Popen:
    """`leadgraph serve` as a child process; returns once it announces its endpoint."""
    process = subprocess.Popen([sys.executable, "-m", "graph.cli", "serve", "--port", str(port), "--timeout",
                                str(timeout_s), "--graph", str(graph)], stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    if not line.startswith("SPARQL endpoint:"):
        process.kill()
        raise SystemExit(f"leadgraph serve did not start: {line}")
    return process


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", help="a running server (default: start `leadgraph serve` over --graph)")
    parser.add_argument("--graph", type=Path, default=Path("build/leadership.ttl"))
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--runaways", type=int, default=2, help="clients sending runaway queries meanwhile")
    parser.add_argument("--timeout", type=int, default=3, help="the server's --timeout, when this starts it")
    args = parser.parse_args()
    process = None
    url = args.url
    if url is None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        process = start_server(args.graph, port, args.timeout)
        url = f"http://127.0.0.1:{port}"
    try:
        run_load(url, 50, args.threads)  # warm up
        print(f"small queries alone:          {run_load(url, args.requests, args.threads).line()}")
        with Runaways(url, args.runaways) as runaways:
            during = run_load(url, args.requests, args.threads)
        print(f"while {args.runaways} runaway client(s) run: {during.line()}")
        cut = [status for status in runaways.statuses if status != 200]
        print(f"runaway queries: {len(runaways.statuses)} sent, {len(cut)} cut "
              f"(statuses {sorted(set(runaways.statuses))})")
    finally:
        if process is not None:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
