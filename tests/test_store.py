"""The store's writes: a graph replaced holds exactly its new quads, whatever it held before."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from sscgraph.graph.store import OxigraphStore, open_store
from sscgraph.vocab import PREFIXES

EX = "https://example.org/"
A, B = EX + "graph/a", EX + "graph/b"


def n(name: str) -> ox.NamedNode:
    return ox.NamedNode(EX + name)


def quads(graph: str, *triples: tuple[object, object, object]) -> list[ox.Quad]:
    return [ox.Quad(s, p, o, ox.NamedNode(graph)) for s, p, o in triples]


def held(store: OxigraphStore, graph: str) -> set[tuple[str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in store.quads(graph)}


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[OxigraphStore]:
    with open_store(tmp_path / "g") as s:
        yield s


def test_a_replaced_graph_holds_exactly_the_new_quads_and_the_others_are_untouched(store: OxigraphStore) -> None:
    store.replace({A: quads(A, (n("x"), n("p"), ox.Literal("1")), (n("x"), n("q"), n("y"))),
                   B: quads(B, (n("z"), n("p"), ox.Literal("b")))})
    store.replace({A: quads(A, (n("x"), n("p"), ox.Literal("2")), (n("x"), n("q"), n("y")),
                            (n("y"), n("p"), ox.Literal("new", language="en")))})
    assert held(store, A) == {
        (f"<{EX}x>", f"<{EX}p>", '"2"'), (f"<{EX}x>", f"<{EX}q>", f"<{EX}y>"),
        (f"<{EX}y>", f"<{EX}p>", '"new"@en'),
    }
    assert held(store, B) == {(f"<{EX}z>", f"<{EX}p>", '"b"')}


def test_a_graph_with_blank_nodes_is_written_again_not_doubled(store: OxigraphStore) -> None:
    def shape() -> list[ox.Quad]:
        b = ox.BlankNode()
        return quads(A, (n("x"), n("has"), b), (b, n("p"), ox.Literal("v")))

    store.replace({A: shape()})
    store.replace({A: shape()})
    assert len(list(store.quads(A))) == 2
    assert len({q.object for q in store.quads(A) if q.predicate == n("has")}) == 1


def test_a_graph_replaced_by_nothing_or_removed_is_gone(store: OxigraphStore) -> None:
    store.replace({A: quads(A, (n("x"), n("p"), n("y"))), B: quads(B, (n("x"), n("p"), n("y")))})
    store.replace({A: []}, remove=[B])
    assert A not in store.named_graphs() and B not in store.named_graphs()
    assert list(store.quads()) == []


def test_replacing_a_graph_with_what_it_holds_changes_nothing(store: OxigraphStore) -> None:
    triples = [(n("x"), n("p"), ox.Literal(str(i))) for i in range(5)]
    store.replace({A: quads(A, *triples)})
    store.replace({A: quads(A, *reversed(triples))})
    assert len(held(store, A)) == 5 and A in store.named_graphs()


def test_document_hashes_pair_each_document_source_with_its_hash(store: OxigraphStore) -> None:
    ssc, dcterms = PREFIXES["ssc"], PREFIXES["dcterms"]
    doc_graph = EX + "document/a"
    doc = n("document/a")
    store.replace({doc_graph: quads(doc_graph, (doc, ox.NamedNode(dcterms + "source"), ox.Literal("a.md")),
                                    (doc, ox.NamedNode(ssc + "contentHash"), ox.Literal("abc")),
                                    (n("other"), ox.NamedNode(dcterms + "source"), ox.Literal("elsewhere")))})
    assert store.document_hashes() == {"a.md": "abc"}
