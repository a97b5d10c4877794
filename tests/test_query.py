"""``sscgraph query`` and the query library: formats, errors, bound parameters."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from sscgraph.cli import cli
from sscgraph.errors import QueryError, StoreError
from sscgraph.graph.store import open_store
from sscgraph.query import load_saved, parse_term, results, run, run_saved

from .conftest import SEEDS

DATA = Path(__file__).resolve().parent / "data"
ID = "https://w3id.org/sscgraph/id/"


def load_trig(path: Path, graph_dir: Path) -> Path:
    """A graph folder whose store holds the quads of a TriG file."""
    store = open_store(graph_dir)
    store.bulk_load(path, ox.RdfFormat.TRIG)
    store.close()
    return graph_dir


@pytest.fixture(scope="module")
def small_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return load_trig(DATA / "query.trig", tmp_path_factory.mktemp("query") / "graph")


@pytest.fixture()
def small_store(small_graph: Path):
    with open_store(small_graph, read_only=True) as store:
        yield store


def invoke(*args: str):
    return CliRunner().invoke(cli, ["query", *args])


def test_query_cli_select_on_seeds_prints_a_table(seeds_graph: Path) -> None:
    result = invoke("--graph", str(seeds_graph),
                    "SELECT ?iso WHERE { ?c a ssc:Country ; ssc:iso3 ?iso } ORDER BY ?iso")
    assert result.exit_code == 0, result.output
    assert "KHM" in result.output and "CHN" in result.output
    assert "row(s)" in result.output


def test_query_cli_csv_of_seeds_reads_back(seeds_graph: Path) -> None:
    result = invoke("--graph", str(seeds_graph), "-f", "csv",
                    "SELECT ?source WHERE { ?d a ssc:Document ; dcterms:source ?source } ORDER BY ?source")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0] == ["source"]
    assert [r[0] for r in rows[1:]] == sorted(p.name for p in SEEDS.iterdir() if p.is_file())


def test_query_cli_malformed_query_exits_2_with_line_and_column(small_graph: Path) -> None:
    result = invoke("--graph", str(small_graph), "SELECT ?x WHERE {\n  ?x ?y\n}")
    assert result.exit_code == 2
    assert "line 3, column" in result.output
    assert "Traceback" not in result.output


def test_query_cli_reads_a_query_file(small_graph: Path, tmp_path: Path) -> None:
    rq = tmp_path / "q.rq"
    rq.write_text("ASK { ?p ssc:fundedBy <https://w3id.org/sscgraph/id/country/CHN> }")
    result = invoke("--graph", str(small_graph), str(rq))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "true"


def test_query_cli_construct_prints_turtle(small_graph: Path) -> None:
    result = invoke("--graph", str(small_graph),
                    "CONSTRUCT { ?e ssc:organizedBy ?o } WHERE { ?e ssc:organizedBy ?o }")
    assert result.exit_code == 0, result.output
    triples = list(ox.parse(result.output.encode(), format=ox.RdfFormat.TURTLE))
    assert len(triples) == 4


def test_query_cli_without_graph_says_how_to_build(tmp_path: Path) -> None:
    result = invoke("--graph", str(tmp_path / "none"), "ASK {}")
    assert result.exit_code == 2
    assert "sscgraph build" in result.output


def test_query_cli_list_shows_every_saved_query() -> None:
    from sscgraph.query import list_saved

    result = CliRunner().invoke(cli, ["query", "--list"], terminal_width=200)
    assert result.exit_code == 0, result.output
    for q in list_saved():
        assert q.name in result.output


def test_query_cli_saved_with_param_by_acronym(small_graph: Path) -> None:
    result = invoke("--graph", str(small_graph), "-f", "json", "--saved", "partners-of-organisation",
                    "-p", "org=FAO")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    partners = {b["partner"]["value"] for b in data["results"]["bindings"]}
    assert partners == {ID + "organisation/wfp"}


def test_query_cli_unknown_parameter_names_the_known_ones(small_graph: Path) -> None:
    result = invoke("--graph", str(small_graph), "--saved", "partners-of-organisation", "-p", "nope=1")
    assert result.exit_code == 2
    assert "known: org" in result.output


def test_query_default_graph_is_the_union_of_document_graphs(small_store) -> None:
    res = run(small_store, "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a ssc:Document }")
    assert res.rows[0][0].value == "3"
    # a query naming its own dataset sees only that graph
    res = run(small_store, f"SELECT (COUNT(*) AS ?n) FROM <{ID}document/a.md> WHERE {{ ?d a ssc:Document }}")
    assert res.rows[0][0].value == "1"


def test_store_bulk_load_of_a_malformed_file_is_a_store_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.nq"
    bad.write_text('<urn:s> <urn:p> "unterminated .\n', encoding="utf-8")
    with open_store(tmp_path / "graph") as store, pytest.raises(StoreError, match="bulk load failed"):
        store.bulk_load(bad, ox.RdfFormat.N_QUADS)


def test_query_row_cap_marks_result_truncated(small_store) -> None:
    res = run(small_store, "SELECT ?s WHERE { ?s a ssc:Organisation }", max_rows=2)
    assert len(res.rows) == 2 and res.truncated
    res = run(small_store, "SELECT ?s WHERE { ?s a ssc:Organisation }", max_rows=50)
    assert len(res.rows) == 5 and not res.truncated


def test_query_parameter_injection_through_a_literal_does_nothing(small_store) -> None:
    plain = run_saved(small_store, "find-entity", {"text": "food"})
    assert {r["entity"] for r in plain.records()} == {ID + "organisation/wfp", ID + "organisation/fao",
                                                       ID + "event/forum-2020"}
    attack = 'food")) } UNION { ?entity ?p ?o . BIND(ssc:Organisation AS ?type) } #'
    res = run_saved(small_store, "find-entity", {"text": attack})
    assert res.rows == ()
    # the value reached the engine whole, as one literal
    res = run_saved(small_store, "find-entity", {"text": "Acme Typo"})
    assert [r["text"] for r in res.records()] == ["Acme Typo"]


def test_query_parameter_injection_through_an_iri_is_refused(small_store) -> None:
    attack = "<https://w3id.org/sscgraph/id/organisation/wfp> } UNION { ?partner ?p ?o }"
    with pytest.raises(QueryError):
        run_saved(small_store, "partners-of-organisation", {"org": attack})
    with pytest.raises(QueryError, match="no entity is called"):
        run_saved(small_store, "partners-of-organisation", {"org": 'WFP" } UNION { ?partner ?p ?o } #'})


def test_query_parse_term_reads_turtle_terms() -> None:
    assert parse_term("ssc:Organisation") == ox.NamedNode("https://w3id.org/sscgraph/ontology#Organisation")
    assert parse_term("2020") == ox.Literal("2020", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    assert parse_term('"a \\"b\\""@en') == ox.Literal('a "b"', language="en")
    assert parse_term('"2020-01-02"^^xsd:date').datatype.value.endswith("#date")
    with pytest.raises(QueryError):
        parse_term('"x"^^xsd:date')


def test_query_results_formats_read_back(small_store) -> None:
    res = run(small_store, 'SELECT ?e ?label ?d WHERE { ?e ssc:startDate ?d ; rdfs:label ?label } ORDER BY ?d')
    body, media = results.write(res, "json")
    assert media == "application/sparql-results+json"
    bindings = json.loads(body)["results"]["bindings"]
    assert bindings[0]["d"] == {"type": "literal", "value": "2020-11-03",
                                "datatype": "http://www.w3.org/2001/XMLSchema#date"}
    root = ET.fromstring(results.write(res, "xml")[0])
    ns = "{http://www.w3.org/2005/sparql-results#}"
    assert len(root.findall(f"{ns}results/{ns}result")) == 2
    rows = list(csv.DictReader(io.StringIO(results.write(res, "csv")[0].decode())))
    assert rows[1]["label"] == "Webinar on Rice 2021"
    tsv = results.write(res, "tsv")[0].decode().splitlines()
    assert tsv[0] == "?e\t?label\t?d"
    assert tsv[1].endswith('"2020-11-03"^^<http://www.w3.org/2001/XMLSchema#date>')


def test_query_saved_header_is_read() -> None:
    q = load_saved("evidence-for-edge")
    assert q.title == "The evidence behind an edge"
    assert [p.name for p in q.params] == ["subject", "predicate", "object"]
    assert "document" in q.description


def test_query_cli_long_one_line_query_is_a_query_not_a_file_name(small_graph: Path) -> None:
    padding = " ".join(f"?v{i}" for i in range(80))  # longer than a file name may be
    result = invoke("--graph", str(small_graph), f"SELECT ?p {padding} WHERE {{ ?p ssc:fundedBy ?f }}")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
