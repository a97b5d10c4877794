"""Full-build throughput against bare spaCy on the same texts, measured in the same run.

Generates N documents (bench/corpus.py), then runs, each in a fresh process so
model loading and peak memory are counted alike:

* ``bare``: ``nlp.pipe`` (``n_process`` = jobs) over the texts and nothing else,
  with the very spaCy pipeline the build runs: the English model (same
  exclusions, same tokenizer) and sscgraph's registered spaCy components
  (gazetteer ruler, entity rules);
* ``build``: ``sscgraph.pipeline.build`` into an empty graph folder: the same
  spaCy pass plus front matter, relation and event extraction, resolution and
  the store's writes.

It prints documents/s, words/s and peak RSS (the process and its workers, summed,
sampled every half second) of each, and
the ratios: build/bare throughput per job count, the share of the build spent
after extraction (resolution and graph writing) against bare spaCy, and the
speed-up of N jobs. ``--model-only`` adds a ``model`` run: the English model
without sscgraph's components, to show what those components cost.

    python bench/build.py --n 1000 --jobs 1 2
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "src"), str(HERE)]


class PeakTree:
    """Samples the resident memory of this process and its workers, summed, in a thread."""

    def __init__(self, every: float = 0.5) -> None:
        import threading

        import psutil
        from memory import tree_rss

        self.peak = 0
        self._stop = threading.Event()
        me = psutil.Process()

        def watch() -> None:
            while not self._stop.wait(every):
                self.peak = max(self.peak, tree_rss(me)[1])

        self._thread = threading.Thread(target=watch, daemon=True)
        self._thread.start()

    def mb(self) -> float:
        """The peak so far, at least this process's own peak, in MB."""
        self._stop.set()
        self._thread.join()
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        return max(self.peak, own) / 2**20


def texts(corpus: Path) -> list[str]:
    from sscgraph import ingest

    sources, _ = ingest.discover([corpus])
    out = []
    for s in sources:
        doc, _ = ingest.read(s)
        if doc is not None:
            out.append(doc.text)
    return out


def measure_bare(corpus: Path, jobs: int, model_only: bool = False) -> dict:
    from sscgraph.extract import ner

    bodies = texts(corpus)  # reading is not counted
    peak = PeakTree()
    started = time.perf_counter()
    nlp = ner.load()
    if model_only:
        for name in ner.COMPONENTS:
            nlp.remove_pipe(name)
    n = sum(1 for _ in nlp.pipe(bodies, batch_size=16, n_process=jobs))
    seconds = time.perf_counter() - started
    return {"docs": n, "words": sum(len(t.split()) for t in bodies), "seconds": seconds, "rss": peak.mb()}


def measure_build(corpus: Path, jobs: int) -> dict:
    from sscgraph.pipeline import build

    marks: dict[str, float] = {}

    def progress(stage: str, done: int, total: int) -> None:
        marks[stage] = time.perf_counter()

    peak = PeakTree()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        report = build([corpus], Path(tmp) / "graph", jobs=jobs, progress=progress)
        seconds = time.perf_counter() - started
    after = started + seconds - marks.get("extract", started)
    return {"docs": len(report.documents), "words": report.words, "seconds": seconds, "rss": peak.mb(),
            "triples": report.triples, "after": after}


def run(kind: str, corpus: Path, jobs: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--measure", kind, "--corpus", str(corpus), "--jobs", str(jobs)],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="documents to generate (default 1000)")
    parser.add_argument("--corpus", type=Path, help="an existing corpus folder instead of generating one")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, os.cpu_count() or 1])
    parser.add_argument("--model-only", action="store_true",
                        help="also time the English model alone, without sscgraph's spaCy components")
    parser.add_argument("--measure", choices=["model", "bare", "build"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        r = measure_build(args.corpus, args.jobs[0]) if args.measure == "build" else \
            measure_bare(args.corpus, args.jobs[0], model_only=args.measure == "model")
        print(json.dumps(r))
        return

    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus
        if corpus is None:
            from corpus import generate

            corpus = Path(tmp) / "corpus"
            generate(args.n, corpus)
        results: dict[tuple[str, int], dict] = {}
        print(f"{'run':<14}{'docs':>7}{'words':>10}{'seconds':>9}{'docs/s':>9}{'words/s':>10}{'peak MB':>9}")
        kinds = ("model", "bare", "build") if args.model_only else ("bare", "build")
        for jobs in dict.fromkeys(args.jobs):
            for kind in kinds:
                r = results[kind, jobs] = run(kind, corpus, jobs)
                print(f"{kind + ' j' + str(jobs):<14}{r['docs']:>7}{r['words']:>10}{r['seconds']:>9.1f}"
                      f"{r['docs'] / r['seconds']:>9.1f}{r['words'] / r['seconds']:>10.0f}{r['rss']:>9.0f}")
        print()
        for jobs in dict.fromkeys(args.jobs):
            bare, built = results["bare", jobs], results["build", jobs]
            print(f"jobs {jobs}: build throughput / bare nlp.pipe = {bare['seconds'] / built['seconds']:.2f}"
                  f"   (target >= 0.85)")
            print(f"jobs {jobs}: resolve + write after extraction / bare nlp.pipe = "
                  f"{built['after'] / bare['seconds']:.3f}   (target <= 0.15)")
            if ("model", jobs) in results:
                model = results["model", jobs]
                print(f"jobs {jobs}: build throughput / the English model alone = "
                      f"{model['seconds'] / built['seconds']:.2f}; bare / model alone = "
                      f"{model['seconds'] / bare['seconds']:.2f}")
        first = args.jobs[0]
        for jobs in list(dict.fromkeys(args.jobs))[1:]:
            speed = results["build", first]["seconds"] / results["build", jobs]["seconds"]
            print(f"build speed-up, {jobs} jobs vs {first}: {speed:.2f}x")


if __name__ == "__main__":
    main()
