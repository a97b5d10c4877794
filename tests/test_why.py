"""``sscgraph why``: the evidence behind an edge, by name, acronym or IRI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sscgraph.cli import cli
from sscgraph.graph.why import NoSuchEdge, explain

pytestmark = pytest.mark.model


def _some_pattern_edge(store) -> tuple[str, str, str, str]:
    rows = list(store.query("""
        SELECT ?s ?p ?o ?sentence WHERE {
          ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; ssc:extractor ?x ; ssc:sentence ?sentence .
          FILTER(STRSTARTS(?x, "pattern:"))
        } ORDER BY ?s ?p ?o LIMIT 1"""))
    assert rows, "the seeds graph holds no edge read by a relation pattern"
    r = rows[0]
    return r["s"].value, r["p"].value.rsplit("#", 1)[1], r["o"].value, r["sentence"].value


def test_why_by_iri_prints_sentence_document_and_pattern(seeds_graph: Path, seeds_store) -> None:
    s, p, o, sentence = _some_pattern_edge(seeds_store)
    result = CliRunner().invoke(cli, ["why", "--graph", str(seeds_graph), s, p, o])
    assert result.exit_code == 0, result.output
    assert "pattern:" in result.output and ".txt" in result.output
    assert " ".join(sentence.split())[:60] in " ".join(result.output.split())


def test_why_by_name_finds_table_venue_evidence(seeds_store) -> None:
    found = explain(seeds_store, "8th China Taobao Village Forum", "heldIn", "hebei")
    assert any(e.extractor == "table:venue" and "Taobao" in (e.sentence or "") for e in found)
    assert all(e.document.startswith("001_") for e in found if e.extractor.startswith("table"))


def test_why_unknown_edge_or_name_is_one_clear_error(seeds_graph: Path, seeds_store) -> None:
    with pytest.raises(NoSuchEdge, match="known: "):
        explain(seeds_store, "IFAD", "fundedFrom", "China")
    result = CliRunner().invoke(cli, ["why", "--graph", str(seeds_graph), "No Such Body Anywhere", "fundedBy", "IFAD"])
    assert result.exit_code == 1
    assert "no node is named 'No Such Body Anywhere'" in result.output
    assert "Traceback" not in result.output
