"""Incremental build after changing 1% of the files, against the full build, in the same run.

Generates N documents (bench/corpus.py), builds them from scratch, changes a
fraction of the files (default 1%), builds again incrementally, then rebuilds
with nothing changed. Prints each time and the ratios to the full build.
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
    print(f"{label:<30}{seconds:>8.1f} s   " + " ".join(f"{k} {v}" for k, v in found.items()))
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
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        corpus, graph = Path(tmp) / "corpus", Path(tmp) / "graph"
        paths = generate(args.n, corpus)
        full = timed(f"full build ({args.n} docs)", corpus, graph, args.jobs)
        changed = touch(paths, args.touch)
        inc = timed(f"incremental ({len(changed)} changed)", corpus, graph, args.jobs)
        same = timed("rebuild, nothing changed", corpus, graph, args.jobs)
        print(f"\nincremental / full = {inc / full:.3f}   (target <= 0.05 at 10k documents)")
        print(f"no-change rebuild / full = {same / full:.3f}")
        if args.verify:
            timed("full build of final corpus", corpus, Path(tmp) / "check", args.jobs)
            ok = quads(graph) == quads(Path(tmp) / "check")
            print(f"incremental graph == full build of final corpus: {ok}")
            if not ok:
                raise SystemExit(1)


if __name__ == "__main__":
    main()
