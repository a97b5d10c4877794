"""Counts of what a graph holds: documents, entities by type, edges by predicate."""

from __future__ import annotations

from dataclasses import dataclass, field

from .store import OxigraphStore

EDGE_PREDICATES = (
    "fundedBy",
    "implementedBy",
    "partnerOf",
    "targetsCountry",
    "organizedBy",
    "heldIn",
    "participatedIn",
    "affiliatedWith",
    "locatedIn",
    "partOf",
)
ENTITY_CLASSES = ("Project", "Organisation", "Country", "Place", "Person", "Event")


@dataclass
class GraphStats:
    documents: int = 0
    quads: int = 0
    graphs: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    edges: dict[str, int] = field(default_factory=dict)
    concepts: int = 0
    mentions: int = 0


def summarise(store: OxigraphStore) -> GraphStats:
    """Distinct entities per class and distinct edges per predicate over the union graph."""
    s = GraphStats(quads=len(store), graphs=len(store.named_graphs()))
    s.documents = _count(store, "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a ssc:Document }")
    rows = store.query(
        "SELECT ?c (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?c . "
        "VALUES ?c { " + " ".join(f"ssc:{c}" for c in ENTITY_CLASSES) + " } } GROUP BY ?c"
    )
    found = {r["c"].value.rsplit("#", 1)[1]: int(r["n"].value) for r in rows}
    s.entities = {c: found.get(c, 0) for c in ENTITY_CLASSES}
    rows = store.query(
        "SELECT ?p (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o . "
        "VALUES ?p { " + " ".join(f"ssc:{p}" for p in EDGE_PREDICATES) + " } } } GROUP BY ?p"
    )
    found = {r["p"].value.rsplit("#", 1)[1]: int(r["n"].value) for r in rows}
    s.edges = {p: found.get(p, 0) for p in EDGE_PREDICATES}
    s.concepts = _count(store, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a skos:Concept }")
    s.mentions = _count(store, "SELECT (COUNT(?m) AS ?n) WHERE { ?m a ssc:Mention }")
    return s


def _count(store: OxigraphStore, sparql: str) -> int:
    for row in store.query(sparql):
        return int(row["n"].value)
    return 0
