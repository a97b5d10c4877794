"""Incremental builds: only new and changed files are extracted, and the result
is the graph a full build of the final corpus gives."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.compare import graph_diff, isomorphic

from sscgraph.graph.store import open_store
from sscgraph.pipeline import build

from .conftest import SEEDS

SEED_000 = (SEEDS / "000_75f7cc8fba2455d9.txt").read_text(encoding="utf-8")
SEED_002 = (SEEDS / "002_48d527bb8743e997.txt").read_text(encoding="utf-8")


def dataset(graph: Path) -> Dataset:
    import pyoxigraph as ox

    out = io.BytesIO()
    with open_store(graph, read_only=True) as store:
        store.native.dump(out, ox.RdfFormat.N_QUADS)
    ds = Dataset()
    ds.parse(data=out.getvalue().decode("utf-8"), format="nquads")
    return ds


def assert_same_dataset(a: Path, b: Path) -> None:
    """Both stores hold the same named graphs, each pair isomorphic (rdflib compare)."""
    da, db = dataset(a), dataset(b)
    names_a = {g.identifier for g in da.graphs() if len(g)}
    names_b = {g.identifier for g in db.graphs() if len(g)}
    assert names_a == names_b
    for name in sorted(names_a):
        ga, gb = da.graph(name), db.graph(name)
        if not isomorphic(ga, gb):
            _, only_a, only_b = graph_diff(ga, gb)
            pytest.fail(
                f"graph {name} differs:\nonly incremental:\n{only_a.serialize(format='nt')}\n"
                f"only full:\n{only_b.serialize(format='nt')}"
            )


def record(project: str, country: str, body: str = "") -> str:
    return (
        f'---\nopen_project_id: "{project}"\nproject_title: Project {project}\n'
        f"country:\n  - {country}\nregion: asia_pacific\n---\n{body or 'Text of ' + project}\n"
    )


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.md").write_text(record("00000001", "KHM"), encoding="utf-8")
    (folder / "b.md").write_text(record("00000002", "LAO"), encoding="utf-8")
    (folder / "c.md").write_text(record("00000003", "VNM"), encoding="utf-8")
    return folder


def test_incremental_rebuild_of_unchanged_folder_extracts_and_writes_nothing(corpus: Path, tmp_path: Path) -> None:
    graph = tmp_path / "g"
    first = build([corpus], graph, use_model=False)
    assert sorted(first.added) == ["a.md", "b.md", "c.md"] and first.extracted == 3
    with open_store(graph, read_only=True) as store:
        before = sorted(map(str, store.quads()))
    again = build([corpus], graph, use_model=False)
    assert again.extracted == 0 and again.graphs_written == 0
    assert sorted(again.unchanged) == ["a.md", "b.md", "c.md"]
    assert again.added == again.changed == again.removed == []
    with open_store(graph, read_only=True) as store:
        assert sorted(map(str, store.quads())) == before


def test_incremental_build_equals_full_build_of_final_corpus(corpus: Path, tmp_path: Path) -> None:
    graph = tmp_path / "g"
    build([corpus], graph, use_model=False)
    (corpus / "a.md").write_text(record("00000001", "THA"), encoding="utf-8")  # changed
    (corpus / "c.md").unlink()  # deleted: Viet Nam was only in it
    (corpus / "d.md").write_text(record("00000004", "MMR"), encoding="utf-8")  # new
    report = build([corpus], graph, use_model=False)
    assert (report.added, report.changed, report.removed, report.unchanged) == (
        ["d.md"], ["a.md"], ["c.md"], ["b.md"])
    assert report.extracted == 2
    build([corpus], tmp_path / "full", use_model=False, full=True)
    assert_same_dataset(graph, tmp_path / "full")


def test_build_with_a_missing_input_resolves_kept_documents_from_the_cache(corpus: Path, tmp_path: Path) -> None:
    graph = tmp_path / "g"
    build([corpus], graph, use_model=False)
    (corpus / "a.md").write_text(record("00000001", "THA"), encoding="utf-8")
    shutil.move(corpus / "b.md", tmp_path / "b.md")
    shutil.move(corpus / "c.md", tmp_path / "c.md")
    # Only a.md is readable and one input is missing: b and c stay, and the
    # entities they alone mention (Laos, Viet Nam) stay described.
    report = build([corpus, tmp_path / "typo"], graph, use_model=False)
    assert report.removed == [] and sorted(report.kept) == ["b.md", "c.md"]
    shutil.move(tmp_path / "b.md", corpus / "b.md")
    shutil.move(tmp_path / "c.md", corpus / "c.md")
    build([corpus], tmp_path / "full", use_model=False)
    assert_same_dataset(graph, tmp_path / "full")


def test_full_rebuild_extracts_everything_again(corpus: Path, tmp_path: Path) -> None:
    graph = tmp_path / "g"
    build([corpus], graph, use_model=False)
    report = build([corpus], graph, use_model=False, full=True)
    assert report.extracted == 3 and report.graphs_written >= 4


def test_changed_mapping_invalidates_the_cache(corpus: Path, tmp_path: Path) -> None:
    from sscgraph.resources import ontology_path

    graph = tmp_path / "g"
    build([corpus], graph, use_model=False)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_bytes(ontology_path("mappings/default.yaml").read_bytes() + b"\n# a comment\n")
    report = build([corpus], graph, use_model=False, mapping=mapping)
    assert report.extracted == 3


@pytest.mark.model
def test_incremental_model_build_forgets_what_a_deleted_document_taught(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "000.txt").write_text(SEED_000, encoding="utf-8")
    (corpus / "002.txt").write_text(SEED_002, encoding="utf-8")
    (corpus / "note.txt").write_text(
        "The Ministry of Agriculture, Forestry and Fisheries (MAFF) of Cambodia met the "
        "Food and Agriculture Organization (FAO) in Phnom Penh.\n",
        encoding="utf-8",
    )
    graph = tmp_path / "g"
    build([corpus], graph)
    (corpus / "note.txt").unlink()
    (corpus / "000.txt").write_text(SEED_000 + "\nUNDP and FAO signed a letter in Siem Reap.\n", encoding="utf-8")
    (corpus / "new.txt").write_text("The World Food Programme (WFP) opened a centre in Lusaka, Zambia.\n", encoding="utf-8")
    report = build([corpus], graph)
    assert report.extracted == 2 and report.removed == ["note.txt"]
    build([corpus], tmp_path / "full", full=True)
    assert_same_dataset(graph, tmp_path / "full")


def test_cli_build_summary_says_what_changed(corpus: Path, tmp_path: Path) -> None:
    import re
    import subprocess
    import sys

    def run(*extra: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "sscgraph", "build", str(corpus), "--graph", str(tmp_path / "g"),
             "--no-model", "--quiet", "--jobs", "1", *extra],
            capture_output=True, text=True, check=True,
        )
        return " ".join(re.sub(r"[^\w()]+", " ", done.stdout).split())

    assert "added 3" in run()
    (corpus / "b.md").unlink()
    out = run()
    assert "unchanged 2" in out and "documents removed 1" in out and "documents extracted 0" in out
    assert "documents extracted 2" in run("--full")
