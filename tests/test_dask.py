"""Extraction on a real Dask distributed cluster gives the graph a single process gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from sscgraph.executors import ExecutorError, make_executor
from sscgraph.pipeline import build

from .test_incremental import assert_same_dataset, record

pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler():
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


@pytest.mark.slow
def test_dask_executor_builds_the_same_graph_as_one_process(scheduler: str, tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i, country in enumerate(["KHM", "LAO", "VNM", "THA", "MMR", "IDN", "PHL"]):
        (corpus / f"{i}.md").write_text(record(f"{i:08d}", country), encoding="utf-8")
    report = build([corpus], tmp_path / "dask", use_model=False, executor="dask",
                   scheduler=scheduler, batch_size=2)
    assert report.extracted == 7 and report.jobs == 2
    build([corpus], tmp_path / "one", use_model=False, jobs=1)
    assert_same_dataset(tmp_path / "dask", tmp_path / "one")
    (corpus / "3.md").write_text(record("00000003", "LKA"), encoding="utf-8")
    again = build([corpus], tmp_path / "dask", use_model=False, executor="dask", scheduler=scheduler)
    assert again.extracted == 1 and again.changed == ["3.md"]


def test_dask_executor_needs_a_scheduler_address() -> None:
    with pytest.raises(ExecutorError, match="--scheduler"):
        make_executor("dask")


def test_a_rebuild_with_nothing_to_extract_does_not_need_the_cluster(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "0.md").write_text(record("00000000", "KHM"), encoding="utf-8")
    build([corpus], tmp_path / "g", use_model=False, jobs=1)
    again = build([corpus], tmp_path / "g", use_model=False, executor="dask",
                  scheduler="tcp://127.0.0.1:9")  # nothing listens there
    assert again.extracted == 0 and again.unchanged == ["0.md"]
