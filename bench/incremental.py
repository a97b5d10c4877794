"""Incremental build after changing 1% of the files, against the full build, in the same run.

Generates N documents (bench/corpus.py), builds them from scratch, changes a
fraction of the files (default 1%), builds again incrementally, then rebuilds
with nothing changed. Prints each time and the ratios to the full build.
A short run is hit harder than a long one by a busy moment of the machine,
so the incremental build is run ``--repeat`` times, each from a copy of the
graph as the full build left it, and the median is compared.
With ``--verify`` it also builds the final corpus from scratch in another
folder and checks that both stores hold the same quads. Each build runs as
``python -m sscgraph build`` in a fresh process, as a user runs it (so each
pays for loading the spaCy model).

    python bench/incremental.py --n 1000 --touch 0.01 --verify
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "src"), str(HERE)]


def timed(label: str, corpus: Path, graph: Path, jobs: int | None) -> float:
    """Wall-clock seconds of one ``sscgraph build`` run in a fresh process."""
    cmd = [sys.executable, "-m", "sscgraph", "build", str(corpus), "--graph", str(graph), "--quiet"]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    env = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(done.stderr)
    table = " ".join(re.sub(r"[^\w()]+", " ", done.stdout).split())
    found = dict(re.findall(r"(added|changed|unchanged|removed|extracted|rewritten) (\d+)", table))
    print(f"{label:<30}{seconds:>8.1f} s   " + " ".join(f"{k} {v}" for k, v in found.items()), flush=True)
    return seconds


def quads(graph: Path) -> list[str]:
    from sscgraph.graph.store import open_store

    with open_store(graph, read_only=True) as store:
        return sorted(map(str, store.quads()))


def main() -> None:
    from corpus import generate, touch

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--touch", type=float, default=0.01, help="fraction of files to change")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: the cores)")
    parser.add_argument("--verify", action="store_true", help="compare with a full build of the final corpus")
    parser.add_argument("--repeat", type=int, default=3, help="incremental runs, each from the full build's graph")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        corpus, graph, before = Path(tmp) / "corpus", Path(tmp) / "graph", Path(tmp) / "graph-after-full-build"
        paths = generate(args.n, corpus)
        full = timed(f"full build ({args.n} docs)", corpus, graph, args.jobs)
        changed = touch(paths, args.touch)
        runs = []
        if args.repeat > 1:
            shutil.copytree(graph, before)
        for i in range(max(1, args.repeat)):
            if i:
                shutil.rmtree(graph)
                shutil.copytree(before, graph)
            runs.append(timed(f"incremental ({len(changed)} changed) #{i + 1}", corpus, graph, args.jobs))
        inc = statistics.median(runs)
        same = timed("rebuild, nothing changed", corpus, graph, args.jobs)
        print(f"\nincremental / full = {inc / full:.3f} (median of {len(runs)}; "
              f"{min(runs) / full:.3f} to {max(runs) / full:.3f})   (target <= 0.05 at 10k documents)")
        print(f"no-change rebuild / full = {same / full:.3f}")
        if args.verify:
            timed("full build of final corpus", corpus, Path(tmp) / "check", args.jobs)
            ok = quads(graph) == quads(Path(tmp) / "check")
            print(f"incremental graph == full build of final corpus: {ok}")
            if not ok:
                raise SystemExit(1)


if __name__ == "__main__":
    main()
