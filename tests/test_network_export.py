"""GEXF, GraphML and CSV exports re-read by real readers: networkx, graphology-gexf, csv."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import networkx as nx
import pytest

from sscgraph.analysis.projection import project
from sscgraph.export.network import edge_id, export_network
from sscgraph.graph.store import open_store

from .conftest import ROOT, need
from .network_data import EVIL, HOSTILE_LABEL, ID, small_graph

JS = ROOT / "tests" / "js"
TYPES = {"Organisation", "Country", "Project", "Place", "Person", "Event"}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_graph(tmp_path_factory.mktemp("net") / "graph")


def _export(graph: Path, fmt: str, out: Path, **kw: object) -> Path:
    with open_store(graph, read_only=True) as store:
        export_network(store, fmt, out, **kw)
    return out


def _expected(graph: Path, comention: str | None = "sentence") -> nx.MultiDiGraph:
    with open_store(graph, read_only=True) as store:
        return project(store, comention=comention)


def test_export_gexf_round_trips_through_networkx(small: Path, tmp_path: Path) -> None:
    out = _export(small, "gexf", tmp_path / "n.gexf")
    expected = _expected(small)
    back = nx.read_gexf(out)
    assert set(back.nodes) == set(expected.nodes)
    assert back.number_of_edges() == expected.number_of_edges()
    fao = back.nodes[ID + "organisation/fao"]
    assert fao["label"] == "Food and Agriculture Organization"
    assert fao["type"] == "Organisation" and fao["aliases"] == "FAO | UN FAO" and fao["documents"] == 2
    assert fao["viz"]["color"] == {"r": 0, "g": 114, "b": 178, "a": 1.0}
    assert fao["viz"]["size"] > 0
    assert back.nodes[EVIL]["label"] == HOSTILE_LABEL
    funded = [d for _, _, d in back.edges(data=True) if d.get("predicate") == "fundedBy"]
    assert len(funded) == 1 and funded[0]["weight"] == 3.0 and funded[0]["label"] == "fundedBy"
    assert funded[0]["id"] == edge_id(ID + "project/p1", "fundedBy", ID + "organisation/mofcom")


def test_export_gexf_every_node_typed_every_attribute_one_type(small: Path, tmp_path: Path) -> None:
    out = _export(small, "gexf", tmp_path / "n.gexf")
    back = nx.read_gexf(out)
    assert all(d["type"] in TYPES for _, d in back.nodes(data=True))
    for attr in ("iso3", "kind", "aliases", "documents", "pagerank", "community"):
        kinds = {type(d[attr]) for _, d in back.nodes(data=True)}
        assert len(kinds) == 1, (attr, kinds)
    assert "None" not in out.read_text(encoding="utf-8")
    assert all(d["weight"] >= 1 for _, _, d in back.edges(data=True))


def test_export_graphml_round_trips_through_networkx(small: Path, tmp_path: Path) -> None:
    out = _export(small, "graphml", tmp_path / "n.graphml")
    expected = _expected(small)
    back = nx.read_graphml(out, force_multigraph=True)
    assert set(back.nodes) == set(expected.nodes)
    assert back.number_of_edges() == expected.number_of_edges()
    for v, d in expected.nodes(data=True):
        assert back.nodes[v]["type"] == d["type"]
        assert back.nodes[v]["label"] == d["label"]
        assert back.nodes[v]["documents"] == d["documents"]
    got = {(u, d["predicate"], v): d["weight"] for u, v, d in back.edges(data=True)}
    want = {(u, d["predicate"], v): d["weight"] for u, v, d in expected.edges(data=True)}
    assert got == pytest.approx(want)
    assert got[(ID + "organisation/fao", "partnerOf", ID + "organisation/mofcom")] == 2


def test_export_without_comention_keeps_only_typed_edges(small: Path, tmp_path: Path) -> None:
    out = _export(small, "graphml", tmp_path / "n.graphml", comention=None)
    back = nx.read_graphml(out, force_multigraph=True)
    assert {d["layer"] for _, _, d in back.edges(data=True)} == {"typed"}
    assert back.number_of_edges() == 9


def test_export_csv_is_gephi_spreadsheet_format(small: Path, tmp_path: Path) -> None:
    folder = _export(small, "csv", tmp_path / "tables")
    with (folder / "nodes.csv").open(encoding="utf-8", newline="") as fh:
        nodes = list(csv.DictReader(fh))
    with (folder / "edges.csv").open(encoding="utf-8", newline="") as fh:
        edges = list(csv.DictReader(fh))
    expected = _expected(small)
    assert list(nodes[0])[:2] == ["Id", "Label"]
    assert list(edges[0])[:3] == ["Source", "Target", "Type"]
    assert {n["Id"] for n in nodes} == set(expected.nodes)
    assert len(edges) == expected.number_of_edges()
    assert {n["Type"] for n in nodes} <= TYPES
    assert {e["Type"] for e in edges} == {"Directed", "Undirected"}
    ids = {n["Id"] for n in nodes}
    assert all(e["Source"] in ids and e["Target"] in ids and float(e["Weight"]) >= 1 for e in edges)
    evil = next(n for n in nodes if n["Id"] == EVIL)
    assert evil["Label"] == HOSTILE_LABEL


def test_export_seeds_gexf_and_graphml_every_node_typed(seeds_graph: Path, tmp_path: Path) -> None:
    gexf = nx.read_gexf(_export(seeds_graph, "gexf", tmp_path / "s.gexf"))
    graphml = nx.read_graphml(_export(seeds_graph, "graphml", tmp_path / "s.graphml"), force_multigraph=True)
    for g in (gexf, graphml):
        assert g.number_of_nodes() > 50
        assert all(d["type"] in TYPES for _, d in g.nodes(data=True))
        typed = [d for _, _, d in g.edges(data=True) if d["layer"] == "typed"]
        assert typed and all(d["weight"] >= 1 for d in typed)


def test_export_unknown_network_format_is_a_domain_error(small: Path, tmp_path: Path) -> None:
    from sscgraph.errors import ExportError

    with pytest.raises(ExportError, match="known: gexf"):
        _export(small, "dot", tmp_path / "x.dot")


def _graphology(path: Path) -> dict:
    node = need("node")
    if not (JS / "node_modules" / "graphology-gexf").is_dir():
        need("npm")
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund"], cwd=JS, check=True, timeout=300)
    done = subprocess.run([node, str(JS / "read-gexf.js"), str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_export_gexf_reads_in_graphology_gexf(small: Path, tmp_path: Path) -> None:
    out = _export(small, "gexf", tmp_path / "n.gexf")
    expected = _expected(small)
    read = _graphology(out)
    assert read["order"] == expected.number_of_nodes()
    assert read["size"] == expected.number_of_edges()
    nodes = {n["key"]: n["attributes"] for n in read["nodes"]}
    assert set(nodes) == set(expected.nodes)
    for v, d in expected.nodes(data=True):
        assert nodes[v]["type"] == d["type"] and nodes[v]["label"] == d["label"]
        assert nodes[v]["documents"] == d["documents"]
        assert nodes[v]["color"].startswith("rgb") and nodes[v]["size"] > 0
    assert nodes[EVIL]["label"] == HOSTILE_LABEL
    assert nodes[ID + "organisation/fao"]["aliases"] == "FAO | UN FAO"
    edges = {(e["source"], e["attributes"]["predicate"], e["target"]): e["attributes"] for e in read["edges"]}
    for u, v, d in expected.edges(data=True):
        got = edges[(u, d["predicate"], v)]
        assert got["weight"] == d["weight"] and got["layer"] == d["layer"]
        assert got["directed"] is d["directed"]
    assert edges[(ID + "project/p1", "fundedBy", ID + "organisation/mofcom")]["label"] == "fundedBy"


def test_export_seeds_gexf_reads_in_graphology_gexf(seeds_graph: Path, tmp_path: Path) -> None:
    read = _graphology(_export(seeds_graph, "gexf", tmp_path / "s.gexf"))
    assert read["order"] > 50
    assert all(n["attributes"]["type"] in TYPES for n in read["nodes"])
    typed = [e for e in read["edges"] if e["attributes"]["layer"] == "typed"]
    assert typed and all(e["attributes"]["weight"] >= 1 for e in typed)


def test_export_gexf_is_the_same_file_every_time(small: Path, tmp_path: Path) -> None:
    first = _export(small, "gexf", tmp_path / "a.gexf").read_bytes()
    assert _export(small, "gexf", tmp_path / "b.gexf").read_bytes() == first
    assert b"lastmodifieddate" not in first  # nor on another day


def test_export_gexf_sizes_nodes_by_pagerank(small: Path, tmp_path: Path) -> None:
    back = nx.read_gexf(_export(small, "gexf", tmp_path / "n.gexf"))
    by_rank = sorted(back.nodes(data=True), key=lambda x: x[1]["pagerank"])
    sizes = [d["viz"]["size"] for _, d in by_rank]
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1]


def test_cli_export_network_with_and_without_comention(small: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from sscgraph.cli.export import export

    for scope, layers in (("none", {"typed"}), ("document", {"typed", "comention"})):
        out = tmp_path / f"{scope}.graphml"
        done = CliRunner().invoke(export, ["--graph", str(small), "-f", "graphml", "--comention", scope, "-o", str(out)])
        assert done.exit_code == 0, done.output
        assert "Wrote" in done.output and str(out) in done.output.replace("\n", "")
        back = nx.read_graphml(out, force_multigraph=True)
        assert {d["layer"] for _, _, d in back.edges(data=True)} == layers
        if scope == "document":
            assert {d["scope"] for _, _, d in back.edges(data=True) if d["layer"] == "comention"} == {"document"}
