"""Entities per second of the full build against bare spaCy on the same texts, in the same run.

    PYTHONPATH=src python3 bench/entities.py [--copies 10]

The corpus is the seed documents copied ``--copies`` times (each copy its own
file, so nothing is skipped as unchanged). Two runs, models loaded and warmed
up before any clock starts:

* bare: ``spacy.load`` of the English model with its default pipeline,
  ``nlp.pipe`` over the texts, ``doc.ents`` counted;
* build: ``pipeline.build`` into a fresh store (read; extract: sscgraph's
  spaCy pipeline with the gazetteer and entity rules, mentions, relations;
  resolve; write), its stages timed through the progress callback.

Times are CPU seconds of the process (``time.process_time``), which a
shared machine disturbs less than the wall clock; the wall clock is printed
too. Printed: entities/s of both, the ratio build/bare, and the ratio of what the
build adds after its spaCy pass (resolution and graph writing) to bare spaCy.
Compare ratios of one run.
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import tempfile
import time
from pathlib import Path


def corpus(copies: int, into: Path) -> list[Path]:
    from sscgraph.resources import seeds_dir

    seeds = sorted(p for p in seeds_dir().iterdir() if p.suffix in (".txt", ".md"))
    out = []
    for i in range(copies):
        for p in seeds:
            target = into / f"{i:03d}_{p.name}"
            shutil.copyfile(p, target)
            out.append(target)
    return out


def count_mentions(graph: Path) -> int:
    """Entity mentions written to the store (one ``ssc:Mention`` node each)."""
    from sscgraph.graph.store import open_store

    with open_store(graph, read_only=True) as store:
        rows = list(store.query(
            "SELECT (COUNT(?m) AS ?n) WHERE { ?m a <https://w3id.org/sscgraph/ontology#Mention> }"
        ))
    return int(rows[0][0].value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10, help="copies of the seed corpus (default 10)")
    args = parser.parse_args()

    from sscgraph import ingest, pipeline
    from sscgraph.extract import ner

    work = Path(tempfile.mkdtemp(prefix="sscgraph-bench-"))
    try:
        folder = work / "corpus"
        folder.mkdir()
        corpus(args.copies, folder)
        sources, _ = ingest.discover([folder])
        documents = [d for d in (ingest.read(s)[0] for s in sources) if d is not None]
        texts = [d.text for d in documents]
        words = sum(d.words for d in documents)

        bare_nlp = importlib.import_module(ner.MODEL).load()
        list(bare_nlp.pipe(texts[:3]))
        list(ner.load().pipe(texts[:3]))

        t, wall = time.process_time(), time.perf_counter()
        bare_ents = sum(len(doc.ents) for doc in bare_nlp.pipe(texts, batch_size=16))
        bare, bare_wall = time.process_time() - t, time.perf_counter() - wall

        marks: dict[str, list[float]] = {}

        def progress(stage: str, done: int, total: int) -> None:
            marks.setdefault(stage, []).append(time.process_time())

        t, wall = time.process_time(), time.perf_counter()
        report = pipeline.build([folder], work / "graph", progress=progress)
        build, build_wall = time.process_time() - t, time.perf_counter() - wall
        extract = marks["extract"][-1] - marks["read"][-1]
        after = t + build - marks["extract"][-1]
        mentions = count_mentions(work / "graph")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"corpus: {len(documents)} documents, {words} words ({args.copies} copies of the seeds)")
    print(f"CPU seconds of this process (wall clock: bare {bare_wall:.1f} s, build {build_wall:.1f} s)")
    print(f"bare spaCy          {bare:7.2f} s  {bare_ents:6d} entities  {bare_ents / bare:8.1f} entities/s")
    print(f"sscgraph build      {build:7.2f} s  {mentions:6d} entities  {mentions / build:8.1f} entities/s"
          f"  ({sum(report.entities.values())} distinct, {report.triples} triples)")
    print(f"  of which extract  {extract:7.2f} s (spaCy with sscgraph's components, mentions, relations)")
    print(f"  resolve + write   {after:7.2f} s")
    print(f"ratio build / bare spaCy:              {build / bare:.2f}")
    print(f"ratio resolve + write / bare spaCy:    {after / bare:.2f}")


if __name__ == "__main__":
    main()
