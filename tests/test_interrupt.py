"""A build killed with SIGKILL leaves every document graph whole, and loses nothing committed."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import psutil

from sscgraph.graph.store import open_store
from sscgraph.ids import document_iri
from sscgraph.pipeline import build

from .test_incremental import assert_same_dataset, record

N = 150
CHILD = """
import sys
from sscgraph.pipeline import build

def progress(stage, done, total):
    print(stage, done, flush=True)

build([sys.argv[1]], sys.argv[2], use_model=False, batch_size=10, write_batch=1, progress=progress)
print("finished", flush=True)
"""


def write_corpus(folder: Path, country: str) -> None:
    folder.mkdir(exist_ok=True)
    for i in range(N):
        (folder / f"{i:04d}.md").write_text(record(f"{i:08d}", country), encoding="utf-8")


def graphs(graph: Path) -> dict[str, set[str]]:
    with open_store(graph, read_only=True) as store:
        return {g: {str(q) for q in store.quads(g)} for g in store.document_graphs()}


def build_killed_at(corpus: Path, graph: Path, line: str) -> bool:
    """Run a build in a child process and SIGKILL it once it prints ``line``; did it die?"""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(corpus), str(graph)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    workers: list[psutil.Process] = []
    for out in child.stdout:
        if out.strip() == line:
            workers = psutil.Process(child.pid).children(recursive=True)
            child.send_signal(signal.SIGKILL)
            break
    child.stdout.close()
    killed = child.wait() == -signal.SIGKILL
    # worker processes notice their parent is gone and end by themselves
    _, alive = psutil.wait_procs(workers, timeout=30)
    for p in alive:
        p.kill()
    assert not alive, f"{len(alive)} worker process(es) outlived the killed build"
    return killed


def built_then_edited(tmp_path: Path) -> tuple[Path, dict[str, set[str]], dict[str, set[str]]]:
    """A corpus built into ``g`` then edited; the graphs of full builds before and after the edit."""
    corpus = tmp_path / "in"
    write_corpus(corpus, "KHM")
    build([corpus], tmp_path / "old", use_model=False)
    build([corpus], tmp_path / "g", use_model=False)
    write_corpus(corpus, "LAO")
    build([corpus], tmp_path / "new", use_model=False)
    return corpus, graphs(tmp_path / "old"), graphs(tmp_path / "new")


def test_kill_during_writes_leaves_each_document_graph_old_or_new(tmp_path: Path) -> None:
    corpus, old, new = built_then_edited(tmp_path)

    assert build_killed_at(corpus, tmp_path / "g", "write 30")
    after = graphs(tmp_path / "g")
    assert set(after) == {document_iri(f"{i:04d}.md") for i in range(N)}
    for name, quads in after.items():
        assert quads in (old[name], new[name]), f"{name} is neither the old nor the new graph"

    report = build([corpus], tmp_path / "g", use_model=False)
    assert report.extracted == 0  # the killed build had cached every extraction
    assert_same_dataset(tmp_path / "g", tmp_path / "new")


def test_kill_during_extraction_keeps_extractions_already_cached(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    write_corpus(corpus, "KHM")
    assert build_killed_at(corpus, tmp_path / "g", "extract 30")
    assert not (tmp_path / "g" / "store").exists()  # nothing was written to a store
    report = build([corpus], tmp_path / "g", use_model=False)
    assert report.extracted <= N - 30
    build([corpus], tmp_path / "full", use_model=False)
    assert_same_dataset(tmp_path / "g", tmp_path / "full")


def test_first_build_killed_while_writing_then_edited_rebuilds_like_a_full_build(tmp_path: Path) -> None:
    """A new store is written with the non-transactional bulk loader; whatever a kill leaves is replaced."""
    corpus = tmp_path / "in"
    write_corpus(corpus, "KHM")
    assert build_killed_at(corpus, tmp_path / "g", "write 30")
    write_corpus(corpus, "LAO")
    build([corpus], tmp_path / "g", use_model=False)
    build([corpus], tmp_path / "full", use_model=False)
    assert_same_dataset(tmp_path / "g", tmp_path / "full")
