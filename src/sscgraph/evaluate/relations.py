"""Typed edges of the graph against gold relations, per predicate.

Edges are read from the named graphs of the gold documents and from the
entities graph (facts of reference data), between nodes that the gold
documents mention. Each end is mapped to the gold entities its node matches
(see :mod:`.entities`); a date object is compared as its ISO string. Both
sides become sets of ``(subject, predicate, object)`` over the corpus;
``partnerOf`` is symmetric. An edge with an end that matches no gold entity
is a false positive.

Each predicted edge carries where it came from (document, extractor and
sentence of its reified statement, when the graph has one), so a listing of
false positives shows which pattern made a wrong edge and on which sentence.
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
    document: str = ""  # the document the edge was drawn from ("" for reference data)
    extractor: str = ""
    sentence: str = ""


@dataclass(frozen=True, order=True)
class WrongEdge:
    """A false positive: the gold triple it maps to, or the edge whose end matches no gold entity."""

    subject: str
    predicate: str
    object: str
    unmatched: bool = False
    document: str = ""
    extractor: str = ""
    sentence: str = ""


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
    unmatched: dict[Triple, WrongEdge] = {}
    source: dict[Triple, Edge] = {}
    for e in sorted(edges, key=_provenance_first):
        subjects = matches.get(e.subject, ())
        objects = (e.object,) if e.predicate in DATE_PREDICATES else matches.get(e.object, ())
        if not subjects or not objects:
            key = (e.subject_label or e.subject, e.predicate, e.object_label or e.object)
            unmatched.setdefault(key, WrongEdge(*key, unmatched=True, document=e.document,
                                                extractor=e.extractor, sentence=e.sentence))
            continue
        for s in subjects:
            for o in objects:
                triple = canonical((s, e.predicate, o))
                predicted.add(triple)
                source.setdefault(triple, e)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for _s, p, _o in predicted & gold:
        counts[p][0] += 1
    for _s, p, _o in predicted - gold:
        counts[p][1] += 1
    for w in unmatched.values():
        counts[w.predicate][1] += 1
    for _s, p, _o in gold - predicted:
        counts[p][2] += 1
    order = {p: i for i, p in enumerate(PREDICATES)}
    by_predicate = {
        p: Score(*counts[p]) for p in sorted(counts, key=lambda p: (order.get(p, len(order)), p))
    }
    wrong = [WrongEdge(*t, document=source[t].document, extractor=source[t].extractor,
                       sentence=source[t].sentence) for t in predicted - gold]
    by_kind = lambda w: (w.unmatched, w.predicate, w.subject, w.object)  # noqa: E731
    return RelationReport(
        by_predicate,
        tuple(sorted(wrong, key=by_kind) + sorted(unmatched.values(), key=by_kind)),
        tuple(sorted(gold - predicted, key=lambda t: (t[1], t[0], t[2]))),
    )


def _provenance_first(e: Edge) -> tuple[bool, bool, str, str]:
    """Edges with a sentence first, so the listing shows one that explains the triple."""
    return (not e.sentence, not e.document, e.document, e.extractor)


def predicted_edges(store, documents: Iterable[str], nodes: Mapping[str, str],  # type: ignore[no-untyped-def]
                    reference: bool = True) -> list[Edge]:
    """Typed edges between mentioned nodes (``nodes``: IRI → label) in the documents' graphs.

    With ``reference``, the edges of the entities graph (facts of reference
    data such as a place's country) count as well. An edge with a reified
    statement in its graph also gets the statement's extractor and sentence
    (one of them, when several documents state it).
    """
    docs = sorted(set(documents))
    if not docs:
        return []
    source = {document_iri(d): d for d in docs}
    graphs = " ".join(f"<{g}>" for g in [*source, *([ENTITIES_GRAPH] if reference else [])])
    preds = " ".join(f"<{SSC}{p}>" for p in PREDICATES)
    rows = store.query(f"""
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        PREFIX ssc: <{SSC}>
        SELECT ?g ?s ?p ?o (SAMPLE(?ex) AS ?extractor) (SAMPLE(?sent) AS ?sentence) WHERE {{
          VALUES ?g {{ {graphs} }}
          VALUES ?p {{ {preds} }}
          GRAPH ?g {{
            ?s ?p ?o
            OPTIONAL {{
              ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
              OPTIONAL {{ ?st ssc:extractor ?ex }}
              OPTIONAL {{ ?st ssc:sentence ?sent }}
            }}
          }}
        }} GROUP BY ?g ?s ?p ?o""", use_default_graph_as_union=False)
    edges: list[Edge] = []
    for row in rows:
        s, p, o = row["s"].value, row["p"].value.rsplit("#", 1)[1], row["o"]
        if s not in nodes:
            continue
        where = dict(document=source.get(row["g"].value, ""),
                     extractor=_text(row["extractor"]), sentence=" ".join(_text(row["sentence"]).split()))
        if p in DATE_PREDICATES:
            m = _DATE.match(o.value)
            value = m.group(0) if m else o.value
            edges.append(Edge(s, p, value, nodes[s], value, **where))
        elif o.value in nodes:
            edges.append(Edge(s, p, o.value, nodes[s], nodes[o.value], **where))
    return edges


def _text(term) -> str:  # type: ignore[no-untyped-def]
    return "" if term is None else term.value
