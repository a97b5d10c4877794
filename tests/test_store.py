"""The store's writes (a graph replaced holds exactly its new quads, whatever it held before), its
bulk loader (a file loaded in parts holds what it holds loaded whole) and its in-memory copy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from sscgraph.errors import StoreError
from sscgraph.graph import store as store_module
from sscgraph.graph.store import OxigraphStore, line_ranges, open_store
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


def nquads(path: Path, lines: int, *, bad_line: int | None = None, blank: bool = False) -> Path:
    """An N-Quads file of ``lines`` statements over 4 graphs (line ``bad_line`` malformed)."""
    rows = []
    for i in range(1, lines + 1):
        subject = "_:shared" if blank and i in (1, lines) else f"<{EX}s{i % 50}>"
        obj = '"unterminated .' if i == bad_line else f'"value {i} with some text"'
        rows.append(f"{subject} <{EX}p{i % 7}> {obj} <{EX}graph/{i % 4}> .\n")
    path.write_text("".join(rows), encoding="utf-8")
    return path


def everything(store: OxigraphStore) -> set[str]:
    return {str(q) for q in store.quads()}


def test_line_ranges_cover_the_file_and_end_at_line_ends(tmp_path: Path) -> None:
    path = nquads(tmp_path / "a.nq", 500)
    data = path.read_bytes()
    ranges = line_ranges(path, 7)
    assert len(ranges) == 7
    assert ranges[0][0] == 0 and ranges[-1][1] == len(data)
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:], strict=False))
    assert all(data[end - 1:end] == b"\n" for _, end in ranges)
    assert line_ranges(path, 10_000)[-1][1] == len(data)  # more parts than lines: still covered once


def test_a_file_loaded_in_parts_holds_what_it_holds_loaded_whole(tmp_path: Path, monkeypatch) -> None:
    path = nquads(tmp_path / "a.nq", 3000)
    monkeypatch.setattr(store_module, "PART_BYTES", 16_000)  # about 12 parts
    assert len(line_ranges(path, -(-path.stat().st_size // store_module.PART_BYTES))) > 8
    with open_store(tmp_path / "parts") as parts, open_store(tmp_path / "whole") as whole:
        parts.bulk_load(path, ox.RdfFormat.N_QUADS, threads=2)
        whole.bulk_load(path, ox.RdfFormat.N_QUADS, threads=1)
        assert len(parts) == len(whole) == 3000
        assert everything(parts) == everything(whole)
        assert parts.named_graphs() == whole.named_graphs()


def test_a_file_with_blank_nodes_is_loaded_whole_so_a_label_stays_one_node(tmp_path: Path, monkeypatch) -> None:
    path = nquads(tmp_path / "a.nq", 3000, blank=True)
    monkeypatch.setattr(store_module, "PART_BYTES", 16_000)
    with open_store(tmp_path / "g") as store:
        store.bulk_load(path, ox.RdfFormat.N_QUADS, threads=2)
        assert len({q.subject for q in store.quads() if isinstance(q.subject, ox.BlankNode)}) == 1


def test_a_syntax_error_in_a_later_part_is_reported_at_its_line_in_the_file(tmp_path: Path, monkeypatch) -> None:
    path = nquads(tmp_path / "a.nq", 3000, bad_line=2345)
    monkeypatch.setattr(store_module, "PART_BYTES", 16_000)
    with open_store(tmp_path / "g") as store, pytest.raises(StoreError, match=r"bulk load failed: .*line 2345\b"):
        store.bulk_load(path, ox.RdfFormat.N_QUADS, threads=2)


def test_the_in_memory_copy_answers_as_the_store_and_refuses_writes(tmp_path: Path) -> None:
    path = nquads(tmp_path / "a.nq", 3000)
    with open_store(tmp_path / "g") as disk:
        disk.bulk_load(path, ox.RdfFormat.N_QUADS)
        on_disk = everything(disk)
    copy = open_store(tmp_path / "g", memory=True)
    try:
        assert copy.memory and copy.read_only
        assert everything(copy) == on_disk
        count = f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s <{EX}p3> ?o }}"
        assert next(iter(copy.query(count)))["n"].value == "50"
        with pytest.raises(StoreError, match="in-memory copy"):
            copy.replace({A: quads(A, (n("x"), n("p"), n("y")))})
        with open_store(tmp_path / "g") as writer:  # the copy holds no lock on the folder
            writer.replace({A: quads(A, (n("x"), n("p"), n("y")))})
        assert A not in copy.named_graphs()  # a copy: later writes are not seen
    finally:
        copy.close()


def test_an_in_memory_copy_of_no_graph_says_to_build_one(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="build one first"):
        open_store(tmp_path / "none", memory=True)
