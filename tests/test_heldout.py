"""Quality on documents the extraction rules were never developed against.

``tests/heldout/docs`` holds short documents of the kinds users bring (news,
project records with UNDP, IATI and other front-matter keys, reports with event
tables, from Africa, Asia, the Arab States, Latin America and the Pacific);
``tests/heldout/gold`` their annotations, written by the rules of
``tests/gold/GUIDELINES.md``. The floors below are the measured scores less a
small margin: a change that makes the tool worse on unseen text fails here even
when the seeds still score well.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sscgraph.evaluate import evaluate_graph, evidence_problems, load_gold
from sscgraph.pipeline import build

HELDOUT = Path(__file__).parent / "heldout"

ENTITY_PRECISION = 0.92  # measured 0.948 on twenty documents (0.967 on the first sixteen)
ENTITY_RECALL = 0.89  # measured 0.914
MAX_SPLITS = 1  # measured 1 (a provincial department found both by name and by acronym, in h19)
RELATION_PRECISION = 0.77  # measured 0.789 (0.949 without reference-data edges)
RELATION_RECALL = 0.69  # measured 0.713

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def heldout_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    graph = tmp_path_factory.mktemp("heldout") / "graph"
    report = build([HELDOUT / "docs"], graph)
    assert len(report.documents) == len(list((HELDOUT / "docs").iterdir()))
    return graph


def test_heldout_gold_is_consistent_with_its_documents() -> None:
    gold = load_gold(HELDOUT / "gold")
    assert gold.corpus == "heldout"
    assert sorted(gold.documents) == sorted(p.name for p in (HELDOUT / "docs").iterdir())
    assert evidence_problems(gold, HELDOUT / "docs") == []


def test_heldout_entity_quality_does_not_regress(heldout_graph: Path) -> None:
    result = evaluate_graph(heldout_graph, HELDOUT / "gold")
    summary = result.summary()
    total = summary["entities"]["total"]
    assert not result.missing
    assert total["precision"] >= ENTITY_PRECISION, result.errors()["entity_false_positives"]
    assert total["recall"] >= ENTITY_RECALL, result.errors()["entity_false_negatives"]
    assert summary["entities"]["splits"] <= MAX_SPLITS, result.errors()["entity_splits"]


def test_heldout_relation_quality_does_not_regress(heldout_graph: Path) -> None:
    result = evaluate_graph(heldout_graph, HELDOUT / "gold")
    total = result.summary()["relations"]["total"]
    assert total["precision"] >= RELATION_PRECISION, result.errors()["relation_false_positives"]
    assert total["recall"] >= RELATION_RECALL, result.errors()["relation_false_negatives"]
