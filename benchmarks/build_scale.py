"""Benchmark: how ``leadgraph build`` scales with the size of a project, and what it costs over its imports.

Run with ``make bench`` or ``.venv/bin/python benchmarks/build_scale.py [--sizes 1 4 16 64] [--runs 3]``.

A project of size K is the shipped data replicated K times: every document, concept, work and relation
is copied with ``-rN`` appended to its id and `` rN`` to its labels and synonyms (the original names are
kept as word forms, so each quote still names its ends), and each copy of a document gets its own copy of
the text, so every quote stays verbatim. The copies are not linked to each other: the concept graph is K
islands, which flatters the measures that walk paths (closeness, betweenness), since a walk stays inside
its island; ``docs/scaling.md`` says what that means for a connected library.

For each K it runs the real command line (``python -m graph.cli build --timings``) in a fresh process and
reports wall time, the peak memory of the process tree (the build and its SHACL child, sampled with
psutil), the steps' times as the build prints them, concepts and triples; then the log-log slope of time
against K. ``--imports`` also times the shipped build against the bare imports of rdflib, networkx and
pyvis, in alternating runs.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
TARGETS = {16: 4.0, 64: 15.0}
"""Wall-time targets in seconds, by K."""
MEMORY_TARGET_MB = 2048


def _suffix(copy: int) -> tuple[str, str]:
    """The id and the label suffix of copy ``copy`` (copy 0 is the original, unchanged)."""
    return ("", "") if copy == 0 else (f"-r{copy}", f" r{copy}")


def _concept_copy(entry: dict, copy: int) -> dict:
    """A concept or work entry of copy ``copy``: suffixed id, label and synonyms; old names kept as forms."""
    id_tail, label_tail = _suffix(copy)
    if copy == 0:
        return dict(entry)
    names = [entry["label"], *entry.get("synonyms", []), *entry.get("forms", [])]
    return {**entry, "id": entry["id"] + id_tail, "label": entry["label"] + label_tail,
            "synonyms": [s + label_tail for s in entry.get("synonyms", [])], "forms": names}


def _relation_copy(entry: dict, copy: int) -> dict:
    """A relation entry of copy ``copy``: its ends and document suffixed, its quote unchanged."""
    id_tail, _ = _suffix(copy)
    return {**entry, "subject": entry["subject"] + id_tail, "object": entry["object"] + id_tail,
            "document": entry["document"] + id_tail}


def _sources_copy(sources: dict, copies: int, target: Path) -> dict:
    """``sources.yaml`` of the replicated project; the texts are copied into ``target``/sources."""
    documents = []
    for copy in range(copies):
        id_tail, label_tail = _suffix(copy)
        for document in sources["documents"]:
            text = Path(document["file"])
            name = f"sources/{text.stem}{id_tail}{text.suffix}"
            shutil.copyfile(DATA / document["file"], target / name)
            documents.append({**document, "id": document["id"] + id_tail, "file": name,
                              "title": document["title"] + label_tail})
    return {"book": sources["book"], "documents": documents}


def replicate(copies: int, target: Path) -> Path:
    """Write the shipped data replicated ``copies`` times into ``target``/data; return that folder."""
    data = target / "data"
    (data / "sources").mkdir(parents=True)
    load = lambda name: yaml.safe_load((DATA / name).read_text(encoding="utf-8"))  # noqa: E731
    sources, concepts, relations = load("sources.yaml"), load("concepts.yaml"), load("relations.yaml")
    dump = {"width": 1000, "allow_unicode": True, "sort_keys": False}
    (data / "sources.yaml").write_text(yaml.safe_dump(_sources_copy(sources, copies, data), **dump),
                                       encoding="utf-8")
    replicated = {key: [_concept_copy(entry, copy) for copy in range(copies) for entry in concepts[key]]
                  for key in ("concepts", "works")}
    (data / "concepts.yaml").write_text(yaml.safe_dump(replicated, **dump), encoding="utf-8")
    entries = [_relation_copy(entry, copy) for copy in range(copies) for entry in relations["relations"]]
    (data / "relations.yaml").write_text(yaml.safe_dump({"relations": entries}, **dump), encoding="utf-8")
    return data


def _pss(pid: int) -> int:
    """The proportional set size of a process in bytes: its private pages, and each page it shares with
    other processes divided by how many share it (Linux; 0 where that cannot be read)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


PSS_INTERVAL = 0.25
"""Seconds between two readings of the PSS. Reading it walks a process's page tables under the lock that
its page faults need: read every 20 ms, as the RSS is, it slowed a K=16 build by 0.4 s (3.5 s against
3.1 s)."""


def _tree_memory(process: psutil.Process, with_pss: bool = True) -> tuple[int, int]:
    """Resident bytes of a process and all its descendants now, summed two ways: ``(pss, rss)`` (the PSS
    is 0 unless ``with_pss``).

    The build forks children that share its memory copy-on-write; the sum of their RSS counts every shared
    page once per process, so it overstates what the tree holds, and the sum of their PSS does not.
    """
    pss = rss = 0
    with contextlib.suppress(psutil.Error):  # the tree may end while it is being listed
        for member in [process, *process.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                rss += member.memory_info().rss
                pss += _pss(member.pid) if with_pss else 0
    return pss, rss


def run_measured(command: list[str], env: dict[str, str] | None = None) -> tuple[float, dict[str, int], str]:
    """Run ``command``; return its wall seconds, the peak memory of its process tree (``pss`` and ``rss``,
    see :func:`_tree_memory`), and its output.

    The tree's RSS is sampled every 20 ms and its PSS every :data:`PSS_INTERVAL`, so a peak shorter than
    that can be missed; the child's own
    ``ru_maxrss`` (through ``RUSAGE_CHILDREN``) is a lower bound that catches the build process itself.
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    watched, peak, done = psutil.Process(process.pid), {"pss": 0, "rss": 0}, threading.Event()

    def sample() -> None:
        last_pss = -math.inf
        while not done.is_set():
            with_pss = time.monotonic() - last_pss >= PSS_INTERVAL
            pss, rss = _tree_memory(watched, with_pss)
            if with_pss:
                last_pss = time.monotonic()
                peak["pss"] = max(peak["pss"], pss)
            peak["rss"] = max(peak["rss"], rss)
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{output}")
    import resource
    floor = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return wall, {"pss": max(peak["pss"], floor), "rss": max(peak["rss"], floor)}, output


STEP = re.compile(r"^timing: (?P<step>.+?) +(?P<seconds>[0-9.]+) s$")
BUILT = re.compile(r"Built (?P<concepts>\d+) concepts, .* (?P<triples>\d+) triples")


def build_once(data: Path, out: Path) -> dict[str, object]:
    """One ``leadgraph build --timings`` of ``data`` into ``out``: wall, peak memory, steps, counts."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000"}
    command = [sys.executable, "-m", "graph.cli", "build", "--timings", "--data", str(data), "--out", str(out)]
    wall, peak, output = run_measured(command, env)
    steps = {m["step"]: float(m["seconds"]) for m in map(STEP.match, output.splitlines()) if m}
    counts = next((m for m in map(BUILT.search, output.splitlines()) if m), None)
    return {"wall": wall, "peak": peak, "steps": steps,
            "concepts": int(counts["concepts"]) if counts else 0, "triples": int(counts["triples"]) if counts else 0}


def measure_size(copies: int, runs: int) -> dict[str, object]:
    """The median of ``runs`` builds of the project replicated ``copies`` times (peak memory: the largest)."""
    with tempfile.TemporaryDirectory(prefix=f"leadgraph-k{copies}-") as folder:
        data = replicate(copies, Path(folder))
        results = [build_once(data, Path(folder) / "build") for _ in range(runs)]
    median = statistics.median(r["wall"] for r in results)
    steps = {step: statistics.median(r["steps"].get(step, 0.0) for r in results) for step in results[0]["steps"]}
    peak = {kind: max(r["peak"][kind] for r in results) for kind in ("pss", "rss")}
    return {"K": copies, "wall": median, "peak": peak, "steps": steps,
            "concepts": results[0]["concepts"], "triples": results[0]["triples"]}


def slope(rows: list[dict[str, object]]) -> float:
    """The least-squares exponent b of wall ≈ a·K^b over the measured sizes (1: linear)."""
    xs = [math.log(r["K"]) for r in rows]
    ys = [math.log(r["wall"]) for r in rows]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def print_table(rows: list[dict[str, object]]) -> None:
    """The scaling table, in Markdown, with each step's median seconds."""
    steps = list(dict.fromkeys(step for row in rows for step in row["steps"]))
    print("| K | concepts | triples | wall (s) | peak memory, PSS (MB) | RSS summed (MB) | "
          + " | ".join(steps) + " |")
    print("|---:" * (6 + len(steps)) + "|")
    for row in rows:
        figures = " | ".join(f"{row['steps'].get(step, 0.0):.2f}" for step in steps)
        print(f"| {row['K']} | {row['concepts']:,} | {row['triples']:,} | {row['wall']:.2f} | "
              f"{row['peak']['pss'] / 2**20:,.0f} | {row['peak']['rss'] / 2**20:,.0f} | {figures} |")


def check_targets(rows: list[dict[str, object]]) -> None:
    """Say, for each target, whether these measurements meet it."""
    for row in rows:
        if row["K"] in TARGETS:
            met = row["wall"] < TARGETS[row["K"]]
            print(f"K={row['K']}: {row['wall']:.2f} s wall (target < {TARGETS[row['K']]:g} s): "
                  f"{'met' if met else 'NOT met'}")
        if row["K"] == 64:
            megabytes = row["peak"]["pss"] / 2**20
            print(f"K=64: peak memory {megabytes:,.0f} MB, PSS of the build and its children "
                  f"(target < {MEMORY_TARGET_MB:,} MB): "
                  f"{'met' if megabytes < MEMORY_TARGET_MB else 'NOT met'}")
    if len(rows) > 1:
        exponent = slope(rows)
        # a fixed start-up cost makes small K look sub-linear; growth is what the largest sizes show
        tail = slope(rows[-2:])
        print(f"wall time grows as K^{exponent:.2f} over all sizes, K^{tail:.2f} between the two largest "
              f"(target: no faster than linear, exponent <= 1): {'met' if tail <= 1.05 else 'NOT met'}")


def import_ratio(runs: int) -> tuple[float, float]:
    """Median wall seconds of the shipped build and of the bare imports, run alternately ``runs`` times each."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    builds, imports = [], []
    with tempfile.TemporaryDirectory(prefix="leadgraph-shipped-") as out:
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", "import rdflib, networkx, pyvis"], check=True, env=env)
            imports.append(time.perf_counter() - started)
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "graph.cli", "build", "--out", out], check=True,
                           capture_output=True, env=env, cwd=ROOT)
            builds.append(time.perf_counter() - started)
    return statistics.median(builds), statistics.median(imports)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 16, 64])
    parser.add_argument("--runs", type=int, default=3, help="builds per size; the median is reported")
    parser.add_argument("--imports", type=int, default=7, metavar="RUNS",
                        help="alternating runs of the shipped build and the bare imports (0: skip)")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    rows = []
    for copies in args.sizes:
        rows.append(measure_size(copies, args.runs))
        print(f"  K={copies}: {rows[-1]['wall']:.2f} s", file=sys.stderr)
    print_table(rows)
    check_targets(rows)
    if args.imports:
        build, bare = import_ratio(args.imports)
        print(f"shipped build {build:.2f} s, bare imports of rdflib, networkx, pyvis {bare:.2f} s "
              f"(medians of {args.imports} alternating runs): ratio {build / bare:.2f} (target <= 2.5): "
              f"{'met' if build / bare <= 2.5 else 'NOT met'}")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
