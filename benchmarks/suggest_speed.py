"""Benchmark: wall time and peak memory of ``leadgraph suggest``, as a user runs it.

Each run is a fresh ``leadgraph suggest ... --format json`` process in the repository's project (so the
curated concepts and relations are loaded as the suggester's prior, as they are for a user), timed from
start to exit, with the peak resident memory of the child process. Texts:

- ``ch03``: the 31 KB chapter, registered in the project (target: under 5 s, under 600 MB);
- a large text made by repeating both chapters up to ``--large-mb`` megabytes (default 4.9, just under
  the 5 MB that ``suggest`` accepts; target: under 60 s);
- the same repeated past 5 MB, which ``suggest`` must refuse at once with a one-line message.

Run: ``.venv/bin/python benchmarks/suggest_speed.py [--runs N] [--large-mb MB]``
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "data" / "sources"


def run_suggest(source: str) -> tuple[float, float, int, str]:
    """Wall seconds, peak MB of the child, exit status and the last line of standard error."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "graph.cli", "suggest", source, "--format", "json"], cwd=ROOT,
                          capture_output=True, text=True)
    wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of the children is the largest of them so far (kB on Linux): report it when it grew
    return wall, max(peak, before) / 1024, done.returncode, (done.stderr.strip().splitlines() or [""])[-1]


def repeated_text(megabytes: float, folder: Path) -> Path:
    """Both chapters repeated until the text reaches ``megabytes`` (in millions of bytes)."""
    chapters = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(SOURCES.glob("*.txt")))
    target = int(megabytes * 1_000_000)
    text = (chapters + "\n\n") * (target // len(chapters.encode("utf-8")) + 1)
    text = text.encode("utf-8")[:target].decode("utf-8", "ignore")
    path = folder / f"repeated-{megabytes:g}mb.txt"
    path.write_text(text, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="runs on ch03 (the median is reported)")
    parser.add_argument("--large-mb", type=float, default=4.9, help="size of the large text, in MB")
    args = parser.parse_args()
    results = [run_suggest("ch03") for _ in range(args.runs)]
    walls = [r[0] for r in results]
    print(f"ch03 (31 KB), {args.runs} runs: median {statistics.median(walls):.2f} s wall "
          f"(min {min(walls):.2f}, max {max(walls):.2f}), peak {max(r[1] for r in results):.0f} MB; "
          f"exit {results[0][2]}  [targets: < 5 s, < 600 MB]")
    with tempfile.TemporaryDirectory() as folder:
        large = repeated_text(args.large_mb, Path(folder))
        wall, peak, status, _ = run_suggest(str(large))
        print(f"{os.path.getsize(large) / 1e6:.1f} MB: {wall:.1f} s wall, peak {peak:.0f} MB, exit {status}  "
              "[target: < 60 s]")
        too_large = repeated_text(5.5, Path(folder))
        wall, _, status, message = run_suggest(str(too_large))
        print(f"{os.path.getsize(too_large) / 1e6:.1f} MB: refused in {wall:.2f} s, exit {status}: {message}")


if __name__ == "__main__":
    main()
