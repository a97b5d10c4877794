"""Every saved question answers, with the right rows, on a hand-written graph and on the seeds graph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from sscgraph.graph.store import open_store
from sscgraph.query import list_saved, load_saved, run, run_saved

from .test_query import DATA, ID, load_trig

SAVED = [q.name for q in list_saved()]


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory):
    graph = load_trig(DATA / "query.trig", tmp_path_factory.mktemp("saved") / "graph")
    with open_store(graph, read_only=True) as store:
        yield store


def ids(rows: list[dict[str, str]], *columns: str) -> set[tuple[str, ...]]:
    """The given columns of each row, with entity IRIs shortened to their keys."""
    return {tuple(r.get(c, "").removeprefix(ID) for c in columns) for r in rows}


# name → (parameters, columns, the exact set of rows expected on tests/data/query.trig)
EXPECTED: dict[str, tuple[dict[str, str], tuple[str, ...], set[tuple[str, ...]]]] = {
    "ranked-actors": ({}, ("entity", "documents", "projects", "events"), {
        ("organisation/wfp", "3", "1", "2"), ("organisation/fao", "2", "", "2"),
        ("organisation/undp", "2", "1", ""), ("organisation/chn-mara", "1", "1", "1"),
        ("organisation/acme-typo", "1", "", "")}),
    "single-document-entities": ({}, ("entity", "document"), {
        ("project/cassava", "a.md"), ("country/KHM", "a.md"), ("organisation/acme-typo", "a.md"),
        ("event/forum-2020", "b.md"), ("organisation/chn-mara", "b.md"), ("place/addis-ababa", "b.md"),
        ("person/li-wei", "b.md"), ("event/webinar-2021", "c.md"), ("project/rice", "c.md"),
        ("person/ana-silva", "c.md")}),
    "evidence-for-edge": (
        {"subject": "project/cassava", "predicate": "ssc:fundedBy", "object": "China"},
        ("document", "sentence", "extractor"),
        {("a.md", "The project is funded by China.", "rule:funded-by")}),
    "partners-of-organisation": ({"org": "WFP"}, ("partner", "documents"), {
        ("organisation/chn-mara", "1"), ("organisation/fao", "2")}),
    "find-entity": ({"text": "RICE"}, ("entity", "type"), {
        ("project/rice", "https://w3id.org/sscgraph/ontology#Project"),
        ("event/webinar-2021", "https://w3id.org/sscgraph/ontology#Event")}),
    "projects-by-country": ({}, ("country", "region", "project"), {
        ("country/KHM", "Asia and the Pacific", "project/cassava"),
        ("country/ETH", "Africa", "project/rice")}),
    "triangular-projects": ({}, ("project", "provider", "receiver", "facilitator"), {
        ("project/cassava", "country/CHN", "country/KHM", "organisation/undp"),
        ("project/rice", "country/CHN", "country/ETH", "organisation/wfp")}),
    "events-by-organiser": ({}, ("organiser", "year", "events"), {
        ("organisation/wfp", "2020", "1"), ("organisation/wfp", "2021", "1"),
        ("organisation/chn-mara", "2020", "1"), ("organisation/fao", "2021", "1")}),
    "events-in-country": ({"country": "Ethiopia"}, ("event", "place", "date"), {
        ("event/forum-2020", "place/addis-ababa", "2020-11-03")}),
    "co-organisers": ({}, ("a", "b", "events"), {
        ("organisation/chn-mara", "organisation/wfp", "1"), ("organisation/fao", "organisation/wfp", "1")}),
    "persons-and-affiliations": ({}, ("person", "affiliations", "events"), {
        ("person/li-wei", "Ministry of Agriculture and Rural Affairs", "Forum on Food Security 2020"),
        ("person/ana-silva", "World Food Programme", "")}),
    "countries-of-organisation": ({"org": "organisation/wfp"}, ("country", "roles"), {
        ("country/ETH", "implementer")}),
    "concepts-of-scheme": ({"scheme": "scheme/region"}, ("concept", "projects", "names"), {
        ("concept/region/africa", "1", "Rice Value Chain Project"),
        ("concept/region/asia-pacific", "1", "Cassava Project")}),
    "documents-mentioning": ({"entity": "Acme Typo Fund"}, ("document", "mentions", "surfaces"), {
        ("a.md", "1", "Acme Typo")}),
    "places-by-country": ({}, ("country", "entity"), {
        ("country/CHN", "organisation/chn-mara"), ("country/ETH", "place/addis-ababa")}),
}


def test_saved_queries_are_at_least_twelve_and_each_has_a_title_and_description() -> None:
    assert len(SAVED) >= 12
    for q in list_saved():
        assert q.title and len(q.description) > 30, q.name
        for p in q.params:
            assert p.default and p.description, (q.name, p.name)


@pytest.mark.parametrize("name", SAVED)
def test_saved_query_runs_with_its_defaults(small, name: str) -> None:
    run_saved(small, name)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_saved_query_rows_on_small_graph(small, name: str) -> None:
    params, columns, expected = EXPECTED[name]
    result = run_saved(small, name, params)
    assert ids(result.records(), *columns) == expected


def test_saved_queries_all_checked_on_small_graph() -> None:
    graph_queries = {q.name for q in list_saved() if "CONSTRUCT" in q.text}
    assert set(SAVED) - graph_queries == set(EXPECTED)


def test_saved_describe_entity_on_small_graph(small) -> None:
    result = run_saved(small, "describe-entity", {"entity": "MARA"})
    mara = ox.NamedNode(ID + "organisation/chn-mara")
    triples = set(result.triples)
    assert ox.Triple(mara, ox.NamedNode("https://w3id.org/sscgraph/ontology#locatedIn"),
                     ox.NamedNode(ID + "country/CHN")) in triples
    assert ox.Triple(ox.NamedNode(ID + "person/li-wei"),
                     ox.NamedNode("https://w3id.org/sscgraph/ontology#affiliatedWith"), mara) in triples
    assert ox.Triple(ox.NamedNode(ID + "country/CHN"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                     ox.Literal("China")) in triples


# -- the seeds graph -----------------------------------------------------------------------------

def _ask(store, sparql: str) -> bool:
    return bool(run(store, "ASK { " + sparql + " }").boolean)


def _first(store, sparql: str) -> str | None:
    rows = run(store, sparql + " LIMIT 1").records()
    return next(iter(rows[0].values())) if rows else None


# the predicates a query needs; on a graph without them it cannot answer
NEEDS = {
    "triangular-projects": ("fundedBy", "implementedBy", "targetsCountry"),
    "events-by-organiser": ("organizedBy",),
    "events-in-country": ("heldIn",),
    "co-organisers": ("organizedBy",),
    "countries-of-organisation": ("targetsCountry",),
}
# queries whose parameter is picked from the seeds graph: what the pick needs
PICKED = {
    "events-in-country": "event held in a country",
    "countries-of-organisation": "organisation funding or implementing a project that targets a country",
    "partners-of-organisation": "partnership, project or event linking two organisations",
}


def _params_for_seeds(store, name: str) -> dict[str, str]:
    """Parameter values that the seeds graph can answer (defaults where they do)."""
    if name == "events-in-country":
        country = _first(store, "SELECT ?c WHERE { ?e ssc:heldIn ?c . ?c a ssc:Country }") or _first(
            store, "SELECT ?c WHERE { ?e ssc:heldIn/ssc:locatedIn ?c }")
        return {"country": f"<{country}>"} if country else {}
    if name == "countries-of-organisation":
        org = _first(store, "SELECT ?o WHERE { ?p ssc:fundedBy|ssc:implementedBy ?o ; ssc:targetsCountry ?c . "
                            "?o a ssc:Organisation }")
        return {"org": f"<{org}>"} if org else {}
    if name == "partners-of-organisation":
        org = _first(store, "SELECT ?o WHERE { { ?o ssc:partnerOf ?x } UNION { ?x ssc:partnerOf ?o } UNION "
                            "{ ?e ssc:organizedBy|ssc:fundedBy|ssc:implementedBy ?o , ?x FILTER(?o != ?x) } "
                            "?o a ssc:Organisation . ?x a ssc:Organisation }")
        return {"org": f"<{org}>"} if org else {}
    return {}


@pytest.mark.model
@pytest.mark.parametrize("name", SAVED)
def test_saved_query_answers_on_seeds(seeds_store, name: str) -> None:
    missing = [p for p in NEEDS.get(name, ()) if not _ask(seeds_store, f"?s ssc:{p} ?o")]
    if missing:
        pytest.skip(f"the seeds graph has no ssc:{', ssc:'.join(missing)} edges yet")
    params = _params_for_seeds(seeds_store, name)
    if name in PICKED and not params:
        pytest.skip(f"the seeds graph has no {PICKED[name]} yet")
    result = run_saved(seeds_store, name, params)
    assert len(result) > 0, f"{name} gave no answer on the seeds graph"
    check = CHECKS.get(name)
    if check:
        check(seeds_store, result.records() if result.kind == "select" else result)


def _check_rows(template: str, *columns: str):
    """Each row must satisfy ``template`` (an ASK body) with its columns filled in."""

    def check(store, rows) -> None:
        for r in rows:
            values = {c: f"<{r[c]}>" if r[c].startswith("http") else f'"{r[c]}"' for c in columns}
            assert _ask(store, template.format(**values)), r

    return check


def _check_ranked(store, rows) -> None:
    counts = [int(r["documents"]) for r in rows]
    assert counts == sorted(counts, reverse=True)
    top = rows[0]
    n = run(store, f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d ssc:mentions <{top['entity']}> }}").rows[0][0]
    assert n.value == top["documents"]
    assert all(r["type"].endswith("#Organisation") for r in rows)


def _check_single(store, rows) -> None:
    for r in rows[:20]:
        n = run(store, f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d ssc:mentions <{r['entity']}> }}").rows[0][0]
        assert n.value == "1", r
        assert _ask(store, f'?d ssc:mentions <{r["entity"]}> ; dcterms:source "{r["document"]}"')


def _check_evidence(store, rows) -> None:
    assert {r["document"] for r in rows} == {"000_75f7cc8fba2455d9.txt"}
    assert rows[0]["extractor"].startswith("frontmatter")


def _check_documents(store, rows) -> None:
    assert len(rows) == 2  # FAO is named in the review and in the news article
    assert all("FAO" in r["surfaces"] for r in rows)


def _check_concepts(store, rows) -> None:
    assert ids(rows, "concept", "projects") == {
        ("concept/thematic-focus/sustainable-development-pathways", "1")}


def _check_projects(store, rows) -> None:
    assert ("country/KHM", "project/undp-00070609") in ids(rows, "country", "project")
    _check_rows("?p a ssc:Project . FILTER(?p = {project})", "project")(store, rows)


def _check_describe(store, result) -> None:
    fao = ox.NamedNode(ID + "organisation/fao")
    assert any(t.subject == fao and t.object == ox.Literal("FAO") for t in result.triples)


def _check_find(store, rows) -> None:
    assert "organisation/fao" in {e for (e,) in ids(rows, "entity")}


CHECKS = {
    "ranked-actors": _check_ranked,
    "single-document-entities": _check_single,
    "evidence-for-edge": _check_evidence,
    "documents-mentioning": _check_documents,
    "concepts-of-scheme": _check_concepts,
    "projects-by-country": _check_projects,
    "describe-entity": _check_describe,
    "find-entity": _check_find,
    "places-by-country": _check_rows("{entity} ssc:locatedIn {country}", "entity", "country"),
    "persons-and-affiliations": _check_rows("{person} a ssc:Person", "person"),
    "partners-of-organisation": _check_rows("{partner} a ssc:Organisation", "partner"),
    "co-organisers": _check_rows("?e ssc:organizedBy {a}, {b}", "a", "b"),
    "events-by-organiser": _check_rows("?e ssc:organizedBy {organiser}", "organiser"),
    "events-in-country": _check_rows("{event} ssc:heldIn {place}", "event", "place"),
    "countries-of-organisation": _check_rows("?p ssc:fundedBy|ssc:implementedBy {org} ; ssc:targetsCountry {country}",
                                             "org", "country"),
    "triangular-projects": _check_rows(
        "{project} ssc:targetsCountry {receiver} ; ssc:fundedBy|ssc:implementedBy {facilitator}",
        "project", "receiver", "facilitator"),
}


def test_saved_checks_cover_every_query() -> None:
    assert set(CHECKS) == set(SAVED)


def test_saved_query_loading_refuses_paths() -> None:
    from sscgraph.errors import QueryError

    for bad in ("../pyproject", "/etc/passwd", ".hidden"):
        with pytest.raises(QueryError):
            load_saved(bad)
    assert isinstance(Path(load_saved("find-entity").path), Path)


# -- the same edge stated by several documents ---------------------------------------------------

# A fourth document restating edges of the others. The default graph is the RDF merge of the
# document graphs, where a triple stated twice is one triple, so no saved question may answer
# differently (pyoxigraph 0.5 returns such a triple once per graph: the queries must not count on
# the engine to merge them).
RESTATED = """
@prefix ssc: <https://w3id.org/sscgraph/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix id: <https://w3id.org/sscgraph/id/> .
@prefix doc: <https://w3id.org/sscgraph/id/document/> .
doc:d.md {
  id:project\\/cassava ssc:targetsCountry id:country\\/KHM ; ssc:fundedBy id:country\\/CHN ;
      ssc:implementedBy id:organisation\\/undp ; ssc:region id:concept\\/region\\/asia-pacific .
  id:project\\/rice ssc:targetsCountry id:country\\/ETH ; ssc:fundedBy id:organisation\\/chn-mara ;
      ssc:implementedBy id:organisation\\/wfp .
  id:event\\/forum-2020 ssc:organizedBy id:organisation\\/wfp , id:organisation\\/chn-mara ;
      ssc:heldIn id:place\\/addis-ababa .
  id:event\\/webinar-2021 ssc:organizedBy id:organisation\\/wfp , id:organisation\\/fao ; ssc:heldIn id:country\\/CHN .
  id:person\\/li-wei ssc:affiliatedWith id:organisation\\/chn-mara ; ssc:participatedIn id:event\\/forum-2020 .
  id:organisation\\/wfp ssc:partnerOf id:organisation\\/chn-mara .
}
"""


@pytest.fixture(scope="module")
def restated(tmp_path_factory: pytest.TempPathFactory):
    graph = load_trig(DATA / "query.trig", tmp_path_factory.mktemp("restated") / "graph")
    with open_store(graph) as store:
        store.native.bulk_extend(ox.parse(RESTATED, format=ox.RdfFormat.TRIG))
    with open_store(graph, read_only=True) as store:
        yield store


def _cells(result) -> list[tuple[str, ...]]:
    """Rows as sorted tuples of values, the parts of concatenated lists sorted too."""
    def cell(term) -> str:
        if term is None:
            return ""
        return " | ".join(sorted(part for part in term.value.replace(", ", " | ").split(" | ")))
    return sorted(tuple(cell(t) for t in row) for row in result.rows)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_saved_query_rows_unchanged_when_documents_restate_edges(small, restated, name: str) -> None:
    params = EXPECTED[name][0]
    assert _cells(run_saved(restated, name, params)) == _cells(run_saved(small, name, params))
