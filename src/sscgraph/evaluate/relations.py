"""Typed edges of the graph against gold relations, per predicate.

Edges are read from the named graphs of the gold documents and from the
entities graph (facts of reference data), between nodes that the gold
documents mention. Each end is mapped to the gold entities its node matches
(see :mod:`.entities`); a date object is compared as its ISO string. Both
sides become sets of ``(subject, predicate, object)`` over the corpus;
``partnerOf`` is symmetric. An edge with an end that matches no gold entity
is a false positive.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..ids import ENTITIES_GRAPH, document_iri
from .gold import DATE_PREDICATES, PREDICATES, GoldRelation
from .scores import Score, micro

SSC = "https://w3id.org/sscgraph/ontology#"
SYMMETRIC: frozenset[str] = frozenset({"partnerOf"})
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")

Triple = tuple[str, str, str]


@dataclass(frozen=True)
class Edge:
    """A predicted edge: node IRIs (or a date string as the object) and the ends' labels."""

    subject: str
    predicate: str
    object: str
    subject_label: str = ""
    object_label: str = ""


@dataclass(frozen=True, order=True)
class WrongEdge:
    """A false positive: the gold triple it maps to, or the edge whose end matches no gold entity."""

    subject: str
    predicate: str
    object: str
    unmatched: bool = False


@dataclass(frozen=True)
class RelationReport:
    by_predicate: dict[str, Score]
    false_positives: tuple[WrongEdge, ...] = ()
    false_negatives: tuple[Triple, ...] = ()

    @property
    def total(self) -> Score:
        return micro(self.by_predicate.values())


def canonical(triple: Triple) -> Triple:
    s, p, o = triple
    if p in SYMMETRIC and o < s:
        return (o, p, s)
    return triple


def gold_triples(relations: Iterable[GoldRelation], documents: Iterable[str]) -> set[Triple]:
    docs = set(documents)
    return {canonical((r.subject, r.predicate, r.object)) for r in relations if r.document in docs}


def score_relations(
    edges: Sequence[Edge], matches: Mapping[str, Sequence[str]], gold: set[Triple]
) -> RelationReport:
    """Score predicted edges against gold triples (a pure function).

    ``matches`` maps a node IRI to the names of the gold entities it matches.
    """
    predicted: set[Triple] = set()
    unmatched: set[WrongEdge] = set()
    for e in edges:
        subjects = matches.get(e.subject, ())
        objects = (e.object,) if e.predicate in DATE_PREDICATES else matches.get(e.object, ())
        if not subjects or not objects:
            unmatched.add(WrongEdge(e.subject_label or e.subject, e.predicate,
                                    e.object_label or e.object, unmatched=True))
            continue
        for s in subjects:
            for o in objects:
                predicted.add(canonical((s, e.predicate, o)))
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for _s, p, _o in predicted & gold:
        counts[p][0] += 1
    for _s, p, _o in predicted - gold:
        counts[p][1] += 1
    for w in unmatched:
        counts[w.predicate][1] += 1
    for _s, p, _o in gold - predicted:
        counts[p][2] += 1
    order = {p: i for i, p in enumerate(PREDICATES)}
    by_predicate = {
        p: Score(*counts[p]) for p in sorted(counts, key=lambda p: (order.get(p, len(order)), p))
    }
    wrong = sorted(WrongEdge(*t) for t in predicted - gold)
    return RelationReport(
        by_predicate,
        tuple(wrong + sorted(unmatched, key=lambda w: (w.predicate, w.subject, w.object))),
        tuple(sorted(gold - predicted, key=lambda t: (t[1], t[0], t[2]))),
    )


def predicted_edges(store, documents: Iterable[str], nodes: Mapping[str, str]) -> list[Edge]:  # type: ignore[no-untyped-def]
    """Typed edges between mentioned nodes (``nodes``: IRI → label) in the documents' graphs."""
    docs = sorted(set(documents))
    if not docs:
        return []
    graphs = " ".join(f"<{g}>" for g in [*(document_iri(d) for d in docs), ENTITIES_GRAPH])
    preds = " ".join(f"<{SSC}{p}>" for p in PREDICATES)
    rows = store.query(f"""
        SELECT DISTINCT ?s ?p ?o WHERE {{
          VALUES ?g {{ {graphs} }}
          VALUES ?p {{ {preds} }}
          GRAPH ?g {{ ?s ?p ?o }}
        }}""", use_default_graph_as_union=False)
    edges: list[Edge] = []
    for row in rows:
        s, p, o = row["s"].value, row["p"].value.rsplit("#", 1)[1], row["o"]
        if s not in nodes:
            continue
        if p in DATE_PREDICATES:
            m = _DATE.match(o.value)
            value = m.group(0) if m else o.value
            edges.append(Edge(s, p, value, nodes[s], value))
        elif o.value in nodes:
            edges.append(Edge(s, p, o.value, nodes[s], nodes[o.value]))
    return edges
