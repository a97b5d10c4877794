"""The networkx projection, the scores, their named graph and ``sscgraph analyze``."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from sscgraph.analysis import analyze, network, results
from sscgraph.analysis.metrics import compute
from sscgraph.analysis.projection import project, undirected
from sscgraph.errors import SscGraphError
from sscgraph.graph.store import OxigraphStore, open_store

from .network_data import EVIL, HOSTILE_LABEL, ID, small_graph

P1, FAO, MOFCOM = ID + "project/p1", ID + "organisation/fao", ID + "organisation/mofcom"


@pytest.fixture()
def small(tmp_path: Path) -> Path:
    return small_graph(tmp_path / "graph")


def _project(graph: Path, comention: str | None = None) -> nx.MultiDiGraph:
    with open_store(graph, read_only=True) as store:
        return project(store, comention=comention)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sscgraph", *args], capture_output=True, text=True, timeout=300)


def test_projection_nodes_carry_label_type_aliases_iso3_documents(small: Path) -> None:
    g = _project(small)
    assert g.number_of_nodes() == 10
    assert g.nodes[FAO] == {"label": "Food and Agriculture Organization", "type": "Organisation", "iso3": "",
                            "kind": "un-agency", "aliases": ("FAO", "UN FAO"), "documents": 2}
    assert g.nodes[ID + "country/COG"]["iso3"] == "COG"
    assert g.nodes[ID + "organisation/lonely"]["documents"] == 0
    assert g.nodes[EVIL]["label"] == HOSTILE_LABEL


def test_projection_typed_edges_weighted_by_evidence_and_documents(small: Path) -> None:
    g = _project(small)
    assert all(d["layer"] == "typed" for _, _, d in g.edges(data=True))
    funded = g.edges[P1, MOFCOM, "fundedBy"]
    assert (funded["weight"], funded["evidence"], funded["documents"]) == (3, 3, 2)
    assert "funded by MOFCOM" in funded["sentence"] or "MOFCOM fund" in funded["sentence"]
    # stated both ways in two documents, kept once
    assert g.has_edge(FAO, MOFCOM, "partnerOf") and not g.has_edge(MOFCOM, FAO, "partnerOf")
    assert g.edges[FAO, MOFCOM, "partnerOf"]["weight"] == 2
    assert g.edges[FAO, MOFCOM, "partnerOf"]["directed"] is False
    # from reference data, without a statement
    assert g.edges[MOFCOM, ID + "country/CHN", "locatedIn"]["weight"] == 1
    assert g.edges[P1, ID + "country/COG", "targetsCountry"]["evidence"] == 0
    assert not any(k in ("startDate", "mentions") for _, _, k in g.edges(keys=True))


def test_projection_comention_by_sentence_and_by_document(small: Path) -> None:
    by_sentence = _project(small, "sentence")
    comention = {(u, v): d for u, v, k, d in by_sentence.edges(keys=True, data=True) if k == "coMention"}
    assert comention[(FAO, MOFCOM)]["weight"] == 2
    assert comention[(MOFCOM, P1)]["weight"] == 2
    assert (ID + "person/li-wei", FAO) not in comention and (FAO, ID + "person/li-wei") not in comention
    assert all(d["layer"] == "comention" and not d["directed"] for d in comention.values())
    by_document = _project(small, "document")
    docs = {(u, v): d["weight"] for u, v, k, d in by_document.edges(keys=True, data=True) if k == "coMention"}
    assert docs[(FAO, MOFCOM)] == 2
    assert docs[(FAO, ID + "person/li-wei")] == 1
    with pytest.raises(SscGraphError, match="known: sentence, paragraph, document"):
        _project(small, "page")


def test_projection_comention_by_paragraph(small: Path) -> None:
    g = _project(small, "paragraph")
    pairs = {(u, v): d for u, v, k, d in g.edges(keys=True, data=True) if k == "coMention"}
    # b.md: two sentences of one paragraph; a.md has no paragraph indices, so its sentences count
    assert pairs[(ID + "country/CHN", FAO)]["weight"] == 1
    assert pairs[(FAO, MOFCOM)]["weight"] == 2 and pairs[(FAO, MOFCOM)]["scope"] == "paragraph"
    assert (FAO, ID + "person/li-wei") not in pairs
    sentence = _project(small, "sentence")
    assert not sentence.has_edge(ID + "country/CHN", FAO)


def test_graph_mentions_record_their_paragraph() -> None:
    from sscgraph.graph.rdf import document_quads
    from sscgraph.model import Document, Extraction, Mention

    text = "FAO met WFP.\n\nIFAD met FAO.\n \nAnd WFP."
    mentions = tuple(Mention(text=text[i:i + n], type="Organisation", extractor="gazetteer", start=i, end=i + n)
                     for i, n in ((0, 3), (8, 3), (14, 4), (23, 3), (34, 3)))
    assert [m.text for m in mentions] == ["FAO", "WFP", "IFAD", "FAO", "WFP"]
    doc = Extraction(Document(path="x.md", text=text), title="x", mentions=mentions)
    quads = document_quads(doc, ["organisation/fao", "organisation/wfp", "organisation/ifad",
                                 "organisation/fao", "organisation/wfp"])
    found = {q.subject.value.rsplit("#m", 1)[1]: int(q.object.value)
             for q in quads if q.predicate.value.endswith("#paragraph")}
    assert found == {"0-3": 0, "8-11": 0, "14-18": 1, "23-26": 1, "34-37": 2}


def test_undirected_sums_parallel_edges_of_chosen_layers(small: Path) -> None:
    g = _project(small, "sentence")
    assert undirected(g)[FAO][MOFCOM]["weight"] == 4  # partnerOf 2 + co-mentioned in 2 sentences
    assert undirected(g, layers=("typed",))[FAO][MOFCOM]["weight"] == 2


def test_metrics_on_a_star_match_known_values() -> None:
    g = nx.MultiDiGraph()
    for i in range(5):
        g.add_node(f"n{i}", label=f"N{i}", type="Organisation" if i else "Project")
    for i in range(1, 5):
        g.add_edge("n0", f"n{i}", key="fundedBy", layer="typed", weight=i)
    a = compute(g)
    hub = a.scores["n0"]
    assert hub.degree == 4 and hub.weighted_degree == 10 and hub.betweenness == pytest.approx(1.0)
    assert hub.rank == 1 and hub.rank_in_type == 1
    assert a.scores["n4"].rank == 2 and a.scores["n4"].rank_in_type == 1
    assert a.ranking(type="Organisation")[0].iri == "n4"
    assert a.betweenness_k is None and a.communities >= 1
    assert sum(s.pagerank for s in a.scores.values()) == pytest.approx(1.0)


def test_metrics_sample_betweenness_above_the_exact_limit(small: Path) -> None:
    g = _project(small, "sentence")
    exact = compute(g)
    sampled = compute(g, exact_limit=3, k=5)
    assert exact.betweenness_k is None and sampled.betweenness_k == 5
    assert set(sampled.scores) == set(exact.scores)
    assert max(s.betweenness for s in sampled.scores.values()) > 0


@pytest.mark.parametrize("k", [None, 7, 60])
def test_betweenness_matches_networkx_exact_and_sampled(k: int | None) -> None:
    from sscgraph.analysis.betweenness import betweenness

    g = nx.disjoint_union(nx.barabasi_albert_graph(150, 2, seed=3), nx.les_miserables_graph())
    g.add_edge(0, 0)
    g.add_node("alone")
    got = betweenness(g, k=k, seed=42)
    expected = nx.betweenness_centrality(g, k=k, normalized=True, seed=42 if k else None)
    assert set(got) == set(expected)
    for v in g:
        assert got[v] == pytest.approx(expected[v], abs=1e-12), v
    assert max(got.values()) > 0


def test_metrics_eigenvector_dense_and_sparse_agree_with_networkx() -> None:
    from sscgraph.analysis.metrics import eigenvector

    g = nx.barabasi_albert_graph(120, 2, seed=1)
    for u, v in g.edges():
        g[u][v]["weight"] = 1 + (u + v) % 3
    expected = nx.eigenvector_centrality(g, weight="weight", max_iter=1000, tol=1e-10)
    dense, how_dense = eigenvector(g, dense_limit=1000)
    sparse, how_sparse = eigenvector(g, dense_limit=0)
    assert how_dense.startswith("exact") and "Lanczos" in how_sparse
    for v in g:
        assert dense[v] == pytest.approx(expected[v], abs=1e-6)
        assert sparse[v] == pytest.approx(expected[v], abs=1e-6)
    assert eigenvector(g, dense_limit=0) == (sparse, how_sparse)  # the same on every run
    # a bipartite graph also has the eigenvalue -λ: the positive one must be chosen
    star, _ = eigenvector(nx.star_graph(4), dense_limit=0)
    assert star[0] == pytest.approx(2 ** -0.5)


def test_metrics_eigenvector_that_does_not_converge_says_so() -> None:
    g = nx.MultiDiGraph()
    path = nx.path_graph(400)
    for v in path:
        g.add_node(str(v), label=str(v), type="Place")
    for u, v in path.edges():
        g.add_edge(str(u), str(v), key="locatedIn", layer="typed", weight=1)
    a = compute(g, exact_limit=0, k=5, eigen_dense_limit=0, eigen_max_iter=1)
    assert not a.eigenvector_converged and a.eigenvector_method.startswith("did not converge")
    assert all(s.eigenvector == 0.0 for s in a.scores.values())
    assert max(s.pagerank for s in a.scores.values()) > 0  # the other scores are still there
    assert compute(g, exact_limit=0, k=5, eigen_dense_limit=0).eigenvector_converged


def test_metrics_without_edges_give_zero_scores(small: Path) -> None:
    g = nx.MultiDiGraph()
    g.add_node("a", label="A", type="Country")
    g.add_node("b", label="B", type="Country")
    a = compute(g)
    assert a.scores["a"].eigenvector == 0.0 and a.scores["a"].degree == 0 and a.communities == 2


def test_analyze_writes_scores_into_their_named_graph(small: Path) -> None:
    with OxigraphStore(small, create=False) as store:
        a = analyze(store)
        assert results.ANALYSIS_GRAPH in store.named_graphs()
        rows = list(store.query(
            "SELECT ?e ?pr ?rank WHERE { GRAPH <https://w3id.org/sscgraph/id/graph/analysis> "
            "{ ?e ssc:pageRank ?pr ; ssc:centralityRank ?rank } } ORDER BY ?rank"
        ))
        assert len(rows) == 10
        assert rows[0]["e"].value == a.ranking()[0].iri
        assert float(rows[0]["pr"].value) == pytest.approx(a.ranking()[0].pagerank)
        g, again = network(store)
        assert again.seconds == {"read": 0.0}  # read back, not recomputed
        assert again.scores == a.scores
        assert again.eigenvector_method == a.eigenvector_method != ""
        _, typed_only = network(store, comention=None)  # other layers: recomputed
        assert "read" not in typed_only.seconds


def test_analysis_results_go_stale_when_a_document_changes(small: Path) -> None:
    with OxigraphStore(small, create=False) as store:
        analyze(store)
        g = project(store, comention="sentence")
        assert results.read(store, g, "sentence") is not None
        store.native.update(
            "DELETE { GRAPH ?g { ?d <https://w3id.org/sscgraph/ontology#contentHash> ?h } } "
            "INSERT { GRAPH ?g { ?d <https://w3id.org/sscgraph/ontology#contentHash> \"changed\" } } "
            "WHERE { GRAPH ?g { ?d <https://w3id.org/sscgraph/ontology#contentHash> ?h } }"
        )
        assert results.read(store, g, "sentence") is None


def test_cli_analyze_table_csv_json(small: Path, tmp_path: Path) -> None:
    table = run("analyze", "--graph", str(small), "--top", "3")
    assert table.returncode == 0, table.stderr
    assert "Most central" in table.stdout and "betweenness exact" in table.stdout
    csv_out = run("analyze", "--graph", str(small), "--type", "Organisation", "-f", "csv", "-o", str(tmp_path / "r.csv"))
    assert csv_out.returncode == 0, csv_out.stderr
    lines = csv_out.stdout.strip().splitlines()
    assert lines[0].startswith("rank,rank_in_type,iri,label,type")
    assert len(lines) == 1 + 4 and all(",Organisation," in line for line in lines[1:])
    assert len((tmp_path / "r.csv").read_text(encoding="utf-8").strip().splitlines()) == 1 + 10
    js = json.loads(run("analyze", "--graph", str(small), "-f", "json", "--top", "0", "--comention", "none").stdout)
    assert js["nodes"] == 10 and len(js["entities"]) == 10 and js["layers"] == ["typed"]
    assert js["eigenvector"].startswith("exact")
    assert any(e["label"] == HOSTILE_LABEL for e in js["entities"])


def test_cli_analyze_without_graph_is_one_line(tmp_path: Path) -> None:
    done = run("analyze", "--graph", str(tmp_path / "none"))
    assert done.returncode == 2
    assert "no graph here" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "none" / "store").exists()


def test_analyze_seeds_ranks_every_entity(seeds_graph: Path, tmp_path: Path) -> None:
    copy = tmp_path / "seeds"
    shutil.copytree(seeds_graph, copy)
    with OxigraphStore(copy, create=False) as store:
        a = analyze(store)
        typed = project(store)
        comention = {scope: {frozenset((u, v)) for u, v, k in project(store, comention=scope).edges(keys=True)
                             if k == "coMention"} for scope in ("sentence", "paragraph", "document")}
    assert len(a.scores) == typed.number_of_nodes() > 50
    # a sentence lies in one paragraph, a paragraph in one document
    assert comention["sentence"] < comention["paragraph"] < comention["document"]
    ranks = sorted(s.rank for s in a.scores.values())
    assert ranks == list(range(1, len(ranks) + 1))
    assert a.ranking(top=1)[0].degree > 0
