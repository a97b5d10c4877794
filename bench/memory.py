"""Peak memory of a whole build, process and workers together, as a user runs it.

Generates N documents (bench/corpus.py) unless ``--corpus`` names a folder,
then runs ``python -m sscgraph build CORPUS --graph DIR --jobs J`` in a fresh
process and samples the resident memory of that process and all its workers
every ``--every`` seconds (psutil). It prints the documents, the wall time,
documents/s, the peak of the summed resident memory of the process tree, the
peak of the building process alone, and the size of the graph folder.

    python bench/memory.py --n 100000 --jobs 2

Target (issue of scale): a 100k-document build stays under 4 GB.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "src"), str(HERE)]

LIMIT_MB = 4096


def tree_rss(proc: object) -> tuple[int, int]:
    """Resident bytes of ``proc`` and of ``proc`` plus its descendants."""
    import psutil

    assert isinstance(proc, psutil.Process)
    try:
        own = proc.memory_info().rss
        kids = proc.children(recursive=True)
    except psutil.NoSuchProcess:
        return 0, 0
    total = own
    for k in kids:
        with contextlib.suppress(psutil.NoSuchProcess):
            total += k.memory_info().rss
    return own, total


def folder_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def measure(corpus: Path, graph: Path, jobs: int, every: float) -> dict:
    import psutil

    env = dict(os.environ, PYTHONPATH=str(HERE.parent / "src"))
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "sscgraph", "build", str(corpus), "--graph", str(graph), "--jobs", str(jobs)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True,
    )
    proc = psutil.Process(child.pid)
    peak_own = peak_total = 0
    while child.poll() is None:
        own, total = tree_rss(proc)
        peak_own, peak_total = max(peak_own, own), max(peak_total, total)
        time.sleep(every)
    seconds = time.perf_counter() - started
    err = child.stderr.read() if child.stderr else ""
    if child.returncode != 0:
        raise SystemExit(f"build failed ({child.returncode}):\n{err[-2000:]}")
    return {"seconds": seconds, "peak_own_mb": peak_own / 2**20, "peak_total_mb": peak_total / 2**20,
            "graph_mb": folder_mb(graph)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="documents to generate (default 10000)")
    parser.add_argument("--corpus", type=Path, help="an existing corpus folder instead of generating one")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: the cores)")
    parser.add_argument("--every", type=float, default=0.5, help="seconds between memory samples (default 0.5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus
        if corpus is None:
            from corpus import generate

            corpus = Path(tmp) / "corpus"
            generate(args.n, corpus)
        docs = sum(1 for p in corpus.rglob("*") if p.suffix in (".md", ".markdown", ".txt"))
        r = measure(corpus, Path(tmp) / "graph", args.jobs, args.every)
    print(f"documents          {docs}")
    print(f"jobs               {args.jobs}")
    print(f"wall seconds       {r['seconds']:.1f}")
    print(f"documents/s        {docs / r['seconds']:.1f}")
    print(f"peak RSS, all      {r['peak_total_mb']:.0f} MB   (building process and its workers, summed;"
          f" target < {LIMIT_MB} MB)")
    print(f"peak RSS, builder  {r['peak_own_mb']:.0f} MB")
    print(f"graph folder       {r['graph_mb']:.0f} MB")


if __name__ == "__main__":
    main()
