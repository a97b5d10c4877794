"""End to end: files → store, with the front matter only (fast) unless marked."""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from sscgraph.export.rdf import export_rdf
from sscgraph.graph.store import open_store
from sscgraph.pipeline import BuildFailed, NothingToBuild, build
from sscgraph.validate import validate

from .conftest import SEEDS

SEED_000 = (SEEDS / "000_75f7cc8fba2455d9.txt").read_text("utf-8")


def ask(graph: Path, sparql: str) -> bool:
    with open_store(graph, read_only=True) as store:
        return bool(store.query(sparql))


def test_build_seeds_cassava_project_targets_cambodia(seeds_graph: Path) -> None:
    with open_store(seeds_graph, read_only=True) as store:
        rows = list(store.query(
            "SELECT ?p ?c WHERE { ?p a ssc:Project ; rdfs:label ?l ; ssc:targetsCountry ?c . "
            "?c ssc:iso3 'KHM' ; rdfs:label 'Cambodia' . FILTER(CONTAINS(?l, 'Cassava Project Phase II')) }"
        ))
    assert len({r["p"] for r in rows}) == 1
    assert rows[0]["c"].value == "https://w3id.org/sscgraph/id/country/KHM"


def test_build_seeds_documents_follow_the_contract(seeds_store) -> None:
    rows = list(seeds_store.query(
        "SELECT ?d ?src ?t WHERE { GRAPH ?d { ?d a ssc:Document ; dcterms:source ?src ; dcterms:title ?t } }"
    ))
    assert sorted(r["src"].value for r in rows) == [p.name for p in sorted(SEEDS.glob("*.txt"))]
    for r in rows:
        assert r["d"].value.endswith(r["src"].value)


def test_build_seeds_validates(seeds_store) -> None:
    report = validate(seeds_store)
    assert report.conforms, [f.message for f in report.violations]


def test_export_trig_round_trips_isomorphic(seeds_store, tmp_path: Path) -> None:
    out = tmp_path / "g.trig"
    n = export_rdf(seeds_store, "trig", out)
    assert n == len(seeds_store)
    parsed = rdflib.Dataset()
    parsed.parse(out, format="trig")
    expected = rdflib.Dataset()
    expected.parse(data=ox.serialize(seeds_store.quads(), format=ox.RdfFormat.N_QUADS), format="nquads")
    # counted as quads: one triple may sit in several graphs (a document's edge, a reference fact)
    assert len(set(parsed.quads())) == len(set(expected.quads())) == n
    for g in expected.graphs():
        other = parsed.graph(g.identifier)
        assert isomorphic(g, other), g.identifier


@pytest.mark.parametrize("fmt", ["nquads", "turtle", "jsonld", "ntriples", "rdfxml"])
def test_export_other_formats_parse_back(seeds_store, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"g.{fmt}"
    n = export_rdf(seeds_store, fmt, out)
    rdf_format = {"nquads": "nquads", "turtle": "turtle", "jsonld": "json-ld", "ntriples": "nt", "rdfxml": "xml"}[fmt]
    if fmt in ("nquads", "jsonld"):
        ds = rdflib.Dataset()
        ds.parse(out, format=rdf_format)
        assert sum(len(g) for g in ds.graphs()) == n
    else:
        g = rdflib.Graph().parse(out, format=rdf_format)
        assert len(g) == n


def make_bad_corpus(folder: Path) -> None:
    folder.mkdir()
    (folder / "good.txt").write_text(SEED_000, encoding="utf-8")
    (folder / "malformed.md").write_text("---\ntitle: [oops\n---\nText\n", encoding="utf-8")
    (folder / "empty.md").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "latin1.txt").write_bytes("Réunion de coopération à Brazzaville avec la FAO.".encode("latin-1"))


def test_build_bad_corpus_names_each_problem_and_builds_the_rest(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    make_bad_corpus(corpus)
    report = build([corpus], tmp_path / "g", use_model=False)
    assert sorted(report.documents) == ["good.txt", "latin1.txt"]
    reasons = {p.path: p.reason for p in report.problems}
    assert "malformed YAML" in reasons["malformed.md"]
    assert reasons["empty.md"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert "read as cp1252" in reasons["latin1.txt"]
    assert ask(tmp_path / "g", "ASK { ?p ssc:targetsCountry <https://w3id.org/sscgraph/id/country/KHM> }")


def test_build_strict_refuses_and_leaves_store_as_it_was(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text(SEED_000, encoding="utf-8")
    graph = tmp_path / "g"
    build([corpus], graph, use_model=False)
    with open_store(graph, read_only=True) as store:
        before = sorted(map(str, store.quads()))
    (corpus / "good.txt").write_text(SEED_000.replace("KHM", "LAO"), encoding="utf-8")
    (corpus / "bad.md").write_text("---\n: : :\n  - [\n---\n", encoding="utf-8")
    with pytest.raises(BuildFailed, match="bad.md"):
        build([corpus], graph, strict=True, use_model=False)
    with open_store(graph, read_only=True) as store:
        assert sorted(map(str, store.quads())) == before


def test_rebuild_gives_identical_quads(tmp_path: Path) -> None:
    graphs = []
    for name in ("one", "two"):
        build([SEEDS], tmp_path / name, use_model=False)
        with open_store(tmp_path / name, read_only=True) as store:
            graphs.append(sorted(map(str, store.quads())))
    assert graphs[0] == graphs[1]


def test_rebuild_replaces_a_changed_document_and_drops_a_deleted_one(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SEED_000, encoding="utf-8")
    (corpus / "b.txt").write_text(SEED_000.replace("00070609", "00099999"), encoding="utf-8")
    graph = tmp_path / "g"
    build([corpus], graph, use_model=False)
    (corpus / "a.txt").write_text(SEED_000.replace("- KHM", "- LAO"), encoding="utf-8")
    (corpus / "b.txt").unlink()
    report = build([corpus], graph, use_model=False)
    assert len(report.removed) == 1
    assert ask(graph, "ASK { ?p ssc:targetsCountry <https://w3id.org/sscgraph/id/country/LAO> }")
    assert not ask(graph, "ASK { ?p ssc:targetsCountry <https://w3id.org/sscgraph/id/country/KHM> }")
    assert not ask(graph, "ASK { ?p ssc:projectId '00099999' }")


def test_a_missing_input_never_reads_as_deleted_documents(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SEED_000, encoding="utf-8")
    graph = tmp_path / "g"
    build([corpus], graph, use_model=False)
    with open_store(graph, read_only=True) as store:
        before = sorted(map(str, store.quads()))
    with pytest.raises(NothingToBuild, match="typo"):
        build([tmp_path / "typo"], graph, use_model=False)
    with open_store(graph, read_only=True) as store:
        assert sorted(map(str, store.quads())) == before
    other = tmp_path / "other"
    other.mkdir()
    (other / "b.txt").write_text(SEED_000.replace("00070609", "00099999"), encoding="utf-8")
    report = build([other, tmp_path / "typo"], graph, use_model=False)
    assert report.removed == []
    assert any("typo" in p.path for p in report.skipped)
    with open_store(graph, read_only=True) as store:
        assert len(store.document_graphs()) == 2


COUNTRY_VARIANTS = ["KHM", " LAO ", "vnm", "MWI\n", "", None, ["LKA", " "], "COG, HND", "Viet Nam", "XXZ"]
LINK_VARIANTS = ["http://open.undp.org/#project/1", "http//open.undp.org/x", "", None, "see website", "https:/x.org"]


def make_record(i: int, rng: random.Random) -> str:
    country = rng.choice(COUNTRY_VARIANTS)
    link = rng.choice(LINK_VARIANTS)
    lines = ["---", f'open_project_id: "{i:08d}"']
    if isinstance(country, list):
        lines.append("country:\n" + "\n".join(f"  - {c}" for c in country))
    elif country is None:
        lines.append("country: ")
    else:
        lines.append(f"country: {country!r}" if "\n" in country else f"country: {country}")
    lines.append(f"project_title: {rng.choice(['Rice value chains', 'Cassava  II ', '', 'Solar pumps'])} {i}")
    lines.append(f"region: {rng.choice(['asia_pacific', 'africa', '', 'Asia_Pacific'])}")
    lines.append("thematic_focus:\n  - " + rng.choice(["sustainable_development_pathways", "resilience_building", ""]))
    lines.append(f"territorial_focus: {rng.choice(['ldc', 'LDC', 'sids', ''])}")
    lines.append(f"project_link: {link if link is not None else ''}")
    lines.append(f"undp_role_type: {rng.choice(['knowledge_broker', '[]', ''])}")
    lines.append("published: true")
    lines.append("---")
    lines.append(rng.choice(["", "UNDP supports the Government of Malawi.", "Short body text."]))
    return "\n".join(lines) + "\n"


def test_build_hundreds_of_messy_project_records(tmp_path: Path) -> None:
    rng = random.Random(7)
    corpus = tmp_path / "records"
    corpus.mkdir()
    for i in range(400):
        (corpus / f"{i:04d}.md").write_text(make_record(i, rng), encoding="utf-8")
    for i in range(5):
        (corpus / f"empty-{i}.md").write_text("")
    report = build([corpus], tmp_path / "g", use_model=False)
    assert len(report.documents) == 400
    assert {p.path for p in report.skipped} == {f"empty-{i}.md" for i in range(5)}
    with open_store(tmp_path / "g", read_only=True) as store:
        n = int(next(iter(store.query("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a ssc:Project }")))["n"].value)
        assert n == 400
        # every country node carries a valid ISO-3 code; malformed links stay literals
        assert not store.query("ASK { ?c a ssc:Country . FILTER NOT EXISTS { ?c ssc:iso3 ?i } }")
        assert store.query("ASK { ?p ssc:page ?u . FILTER(isLiteral(?u)) }")
        report_v = validate(store)
    bad = [f for f in report_v.violations if "names at least one country" not in f.message]
    assert not bad, bad[:3]


def test_resolution_of_slimmed_extractions_equals_resolution_of_full_ones(seeds_graph: Path) -> None:
    """The build keeps only slimmed extractions in memory; resolution must not need what is cut."""
    from sscgraph.cache import ExtractionCache
    from sscgraph.pipeline import slim
    from sscgraph.resolve.resolver import resolve

    with ExtractionCache(seeds_graph) as xcache:
        full = [c.extraction for c in xcache.records()]
    assert len(full) == 3 and any(m.sentence for ex in full for m in ex.mentions)
    slimmed = [slim(ex) for ex in full]
    assert not any(ex.document.text or any(m.sentence for m in ex.mentions) for ex in slimmed)
    assert resolve(slimmed) == resolve(full)
