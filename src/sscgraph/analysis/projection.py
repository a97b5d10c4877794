"""The RDF graph as a networkx multigraph: entities as nodes, facts as weighted edges.

Two layers, kept apart by each edge's ``layer`` attribute:

* ``typed``: the typed edges of the contract (``ssc:fundedBy``,
  ``ssc:partnerOf``, ...), one edge per (subject, predicate, object), keyed by
  the predicate's local name. ``weight`` is the number of evidence statements
  (reified ``rdf:Statement`` nodes) behind the edge, at least 1 for edges
  that come from reference data without a statement.
* ``comention``: switched on by ``comention="sentence"``, ``"paragraph"`` or
  ``"document"``: one undirected edge per pair of entities named in the same
  sentence or paragraph (read from the ``ssc:Mention`` nodes; paragraphs that
  one sentence runs across count as one, and a mention written before
  paragraphs were recorded counts its sentence as its paragraph) or the same document (``ssc:mentions``), keyed ``"coMention"``,
  weighted by the number of such sentences, paragraphs or documents.

Node ids are entity IRIs. Node attributes: ``label``, ``type`` (class local
name), ``iso3`` ("" when none), ``kind`` ("" when none), ``aliases`` (a sorted
tuple), ``documents`` (how many documents mention it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations
from typing import TYPE_CHECKING, Any

from ..errors import SscGraphError
from ..graph.stats import EDGE_PREDICATES, ENTITY_CLASSES
from ..graph.store import OxigraphStore
from ..vocab import PREFIXES

if TYPE_CHECKING:
    import networkx as nx

SSC = PREFIXES["ssc"]
COMENTION_SCOPES = ("sentence", "paragraph", "document")
#: Edges that read the same in both directions; the projection keeps one, from the smaller IRI.
SYMMETRIC = frozenset({"partnerOf"})
COMENTION_KEY = "coMention"
MAX_EXAMPLE = 300

_VALUES_TYPES = " ".join(f"ssc:{c}" for c in ENTITY_CLASSES)
_VALUES_PREDICATES = " ".join(f"ssc:{p}" for p in EDGE_PREDICATES)


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def project(store: OxigraphStore, *, comention: str | None = None) -> nx.MultiDiGraph:
    """Project the store's union graph onto a networkx ``MultiDiGraph``.

    ``comention`` adds the co-mention layer: ``"sentence"`` (entities named in
    the same sentence), ``"paragraph"`` or ``"document"``; ``None`` leaves it out.
    """
    import networkx as nx

    if comention is not None and comention not in COMENTION_SCOPES:
        raise SscGraphError(f"unknown co-mention scope {comention!r}; known: {', '.join(COMENTION_SCOPES)}")
    g = nx.MultiDiGraph(name="sscgraph")
    _add_nodes(store, g)
    _add_typed_edges(store, g)
    if comention == "sentence":
        _add_comention(g, _sentence_groups(store), scope="sentence")
    elif comention == "paragraph":
        _add_comention(g, _paragraph_groups(store), scope="paragraph")
    elif comention == "document":
        _add_comention(g, _document_groups(store), scope="document")
    return g


def _add_nodes(store: OxigraphStore, g: nx.MultiDiGraph) -> None:
    rank = {c: i for i, c in enumerate(ENTITY_CLASSES)}
    nodes: dict[str, dict[str, Any]] = {}
    rows = store.query(
        "SELECT ?e ?type (MIN(?l) AS ?label) WHERE { ?e a ?type ; rdfs:label ?l . "
        f"VALUES ?type {{ {_VALUES_TYPES} }} }} GROUP BY ?e ?type"
    )
    for r in rows:
        iri, etype = r["e"].value, _local(r["type"].value)
        seen = nodes.get(iri)
        if seen is not None and rank[seen["type"]] <= rank[etype]:
            continue
        nodes[iri] = {"label": r["label"].value, "type": etype, "iso3": "", "kind": "",
                      "aliases": (), "documents": 0}
    aliases: dict[str, set[str]] = defaultdict(set)
    for r in store.query(f"SELECT ?e ?alt WHERE {{ ?e a ?t ; skos:altLabel ?alt . VALUES ?t {{ {_VALUES_TYPES} }} }}"):
        aliases[r["e"].value].add(r["alt"].value)
    for iri, alts in aliases.items():
        if iri in nodes:
            nodes[iri]["aliases"] = tuple(sorted(alts - {nodes[iri]["label"]}))
    for prop in ("iso3", "kind"):
        for r in store.query(f"SELECT ?e (MIN(?v) AS ?value) WHERE {{ ?e ssc:{prop} ?v }} GROUP BY ?e"):
            if r["e"].value in nodes:
                nodes[r["e"].value][prop] = r["value"].value
    rows = store.query("SELECT ?e (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a ssc:Document ; ssc:mentions ?e } GROUP BY ?e")
    for r in rows:
        if r["e"].value in nodes:
            nodes[r["e"].value]["documents"] = int(r["n"].value)
    g.add_nodes_from(sorted(nodes.items()))


def _add_typed_edges(store: OxigraphStore, g: nx.MultiDiGraph) -> None:
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}

    def slot(s: str, p: str, o: str) -> dict[str, Any] | None:
        if s not in g or o not in g or s == o:
            return None
        if p in SYMMETRIC and o < s:
            s, o = o, s
        key = (s, p, o)
        if key not in edges:
            edges[key] = {"documents": 0, "evidence": 0, "sentence": ""}
        return edges[key]

    rows = store.query(
        "SELECT ?s ?p ?o (COUNT(DISTINCT ?d) AS ?docs) WHERE { GRAPH ?g { ?s ?p ?o } "
        f"VALUES ?p {{ {_VALUES_PREDICATES} }} OPTIONAL {{ GRAPH ?g {{ ?g a ssc:Document }} BIND(?g AS ?d) }} }} "
        "GROUP BY ?s ?p ?o"
    )
    for r in rows:
        e = slot(r["s"].value, _local(r["p"].value), r["o"].value)
        if e is not None:
            e["documents"] += int(r["docs"].value)
    rows = store.query(
        "SELECT ?s ?p ?o (COUNT(DISTINCT ?st) AS ?n) (MIN(?sent) AS ?sentence) WHERE { "
        "?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . "
        f"VALUES ?p {{ {_VALUES_PREDICATES} }} OPTIONAL {{ ?st ssc:sentence ?sent }} }} GROUP BY ?s ?p ?o"
    )
    for r in rows:
        e = slot(r["s"].value, _local(r["p"].value), r["o"].value)
        if e is not None:
            e["evidence"] += int(r["n"].value)
            if r["sentence"] is not None and not e["sentence"]:
                e["sentence"] = _clip(r["sentence"].value)
    for (s, p, o), e in sorted(edges.items()):
        g.add_edge(s, o, key=p, predicate=p, layer="typed", directed=p not in SYMMETRIC,
                   weight=max(1, e["evidence"], e["documents"]), **e)


def _sentence_groups(store: OxigraphStore) -> Iterable[tuple[str, set[str]]]:
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    rows = store.query(
        "SELECT ?doc ?sentence ?e WHERE { ?m a ssc:Mention ; ssc:mentionOf ?e ; "
        "ssc:inDocument ?doc ; ssc:sentence ?sentence }"
    )
    for r in rows:
        groups[(r["doc"].value, r["sentence"].value)].add(r["e"].value)
    for (_, sentence), members in groups.items():
        yield sentence, members


def _paragraph_groups(store: OxigraphStore) -> Iterable[tuple[str, set[str]]]:
    """Entities by paragraph; a sentence the segmenter ran across a paragraph break joins the two paragraphs."""
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def root(x: tuple[str, str]) -> tuple[str, str]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    members: dict[tuple[str, str], set[str]] = defaultdict(set)
    rows = store.query(
        "SELECT ?doc ?paragraph ?sentence ?e WHERE { ?m a ssc:Mention ; ssc:mentionOf ?e ; ssc:inDocument ?doc . "
        "OPTIONAL { ?m ssc:paragraph ?paragraph } OPTIONAL { ?m ssc:sentence ?sentence } "
        "FILTER(BOUND(?paragraph) || BOUND(?sentence)) }"
    )
    for r in rows:
        doc = r["doc"].value
        # without a recorded paragraph (graphs built before they were), a mention's sentence stands for it
        here = (doc, "p" + r["paragraph"].value if r["paragraph"] is not None else "s" + r["sentence"].value)
        members[here].add(r["e"].value)
        if r["sentence"] is not None:
            a, b = root(here), root((doc, "s" + r["sentence"].value))
            if a != b:
                parent[b] = a
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for place, found in members.items():
        groups[root(place)] |= found
    for found in groups.values():
        yield "", found


def _document_groups(store: OxigraphStore) -> Iterable[tuple[str, set[str]]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for r in store.query("SELECT ?d ?e WHERE { ?d a ssc:Document ; ssc:mentions ?e }"):
        groups[r["d"].value].add(r["e"].value)
    for _, members in groups.items():
        yield "", members


def _add_comention(g: nx.MultiDiGraph, groups: Iterable[tuple[str, set[str]]], *, scope: str) -> None:
    weights: dict[tuple[str, str], int] = defaultdict(int)
    example: dict[tuple[str, str], str] = {}
    for sentence, members in groups:
        present = sorted(m for m in members if m in g)
        for pair in combinations(present, 2):
            weights[pair] += 1
            if sentence and pair not in example:
                example[pair] = _clip(sentence)
    for (a, b), w in sorted(weights.items()):
        g.add_edge(a, b, key=COMENTION_KEY, predicate=COMENTION_KEY, layer="comention", scope=scope,
                   directed=False, weight=w, documents=w if scope == "document" else 0,
                   evidence=w if scope != "document" else 0, sentence=example.get((a, b), ""))


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_EXAMPLE else text[: MAX_EXAMPLE - 1] + "…"


def undirected(g: nx.MultiDiGraph, *, layers: Iterable[str] = ("typed", "comention")) -> nx.Graph:
    """A simple undirected graph for centrality: parallel edges of the chosen layers summed into ``weight``."""
    import networkx as nx

    wanted = set(layers)
    h = nx.Graph()
    h.add_nodes_from(g.nodes(data=True))
    for s, o, data in g.edges(data=True):
        if data.get("layer") not in wanted:
            continue
        if h.has_edge(s, o):
            h[s][o]["weight"] += data["weight"]
        else:
            h.add_edge(s, o, weight=data["weight"])
    return h


__all__ = ["COMENTION_SCOPES", "project", "undirected"]
