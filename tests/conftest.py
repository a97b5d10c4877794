"""Shared fixtures: the seeds graph is built once per test session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sscgraph.pipeline import build
from sscgraph.resources import seeds_dir

ROOT = Path(__file__).resolve().parent.parent
SEEDS = seeds_dir()
IN_CI = bool(os.environ.get("CI"))
# Subprocesses (``python -m sscgraph``) run the code of this checkout, like the tests do.
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH", "")) if p
)


def need(tool: str) -> str:
    """The path of an external tool; in CI a missing tool fails the test instead of skipping it."""
    found = shutil.which(tool)
    if found:
        return found
    if IN_CI:
        pytest.fail(f"{tool} is not installed; scripts/setup.sh --test installs it")
    pytest.skip(f"{tool} is not installed (scripts/setup.sh --test installs it)")
    raise AssertionError  # unreachable


@pytest.fixture(scope="session")
def seeds_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A graph folder holding the full build (spaCy included) of the seed corpus."""
    graph = tmp_path_factory.mktemp("seeds") / "graph"
    report = build([SEEDS], graph)
    assert len(report.documents) == 3
    return graph


@pytest.fixture()
def seeds_store(seeds_graph: Path):
    from sscgraph.graph.store import open_store

    with open_store(seeds_graph, read_only=True) as store:
        yield store
