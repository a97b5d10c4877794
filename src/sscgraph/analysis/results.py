"""Analysis results in the store: their own named graph, tied to the corpus they describe.

The graph ``id:graph/analysis`` holds, for every entity, its scores and ranks
(``ssc:degree``, ``ssc:weightedDegree``, ``ssc:betweenness``,
``ssc:eigenvectorCentrality``, ``ssc:pageRank``, ``ssc:community``,
``ssc:centralityRank``, ``ssc:centralityRankInType``) and one
``ssc:NetworkAnalysis`` node saying how they were computed (betweenness
samples; an ``rdfs:comment`` naming the eigenvector solver, or that it did not
converge) and from which corpus (``ssc:corpusFingerprint``). A build does not touch this graph, so
readers compare fingerprints and recompute when the corpus has changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pyoxigraph import Literal, NamedNode, Quad

from ..graph.store import OxigraphStore
from ..ids import ENTITIES_GRAPH
from ..vocab import ID_BASE, PREFIXES
from .metrics import Analysis, NodeScore

if TYPE_CHECKING:
    import networkx as nx

ANALYSIS_GRAPH = ID_BASE + "graph/analysis"
RUN = ANALYSIS_GRAPH + "#run"
SSC = PREFIXES["ssc"]
XSD = PREFIXES["xsd"]
#: Writes above this many quads go through the bulk loader (not atomic; the graph is derived):
#: a SPARQL update of 80k quads takes ~10 s, the bulk loader a fraction of that.
BULK_ABOVE = 10_000
VERSION = "1"
EIGENVECTOR_NOTE = "eigenvector centrality: "

#: NodeScore field → (ssc property, XSD datatype)
PROPERTIES: dict[str, tuple[str, str]] = {
    "degree": ("degree", "integer"),
    "weighted_degree": ("weightedDegree", "double"),
    "betweenness": ("betweenness", "double"),
    "eigenvector": ("eigenvectorCentrality", "double"),
    "pagerank": ("pageRank", "double"),
    "community": ("community", "integer"),
    "rank": ("centralityRank", "integer"),
    "rank_in_type": ("centralityRankInType", "integer"),
}


def layers_name(comention: str | None) -> str:
    return "typed" if comention is None else f"typed+comention:{comention}"


def fingerprint(store: OxigraphStore, comention: str | None) -> str:
    """A digest of what the analysis depends on: every document's content, the entities graph, the layers."""
    h = hashlib.sha1(f"v{VERSION} {layers_name(comention)}\n".encode())
    for path, digest in sorted(store.document_hashes().items()):
        h.update(f"{path} {digest}\n".encode())
    for row in store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?s ?p ?o }} }}"):
        h.update(f"entities {row['n'].value}\n".encode())
    return h.hexdigest()


def _quads(analysis: Analysis, stamp: str, comention: str | None) -> Iterator[Quad]:
    g = NamedNode(ANALYSIS_GRAPH)
    run = NamedNode(RUN)
    rdf_type = NamedNode(PREFIXES["rdf"] + "type")
    yield Quad(run, rdf_type, NamedNode(SSC + "NetworkAnalysis"), g)
    yield Quad(run, NamedNode(SSC + "networkLayers"), Literal(layers_name(comention)), g)
    yield Quad(run, NamedNode(SSC + "betweennessSamples"),
               Literal(str(analysis.betweenness_k or 0), datatype=NamedNode(XSD + "integer")), g)
    yield Quad(run, NamedNode(SSC + "corpusFingerprint"), Literal(stamp), g)
    yield Quad(run, NamedNode(PREFIXES["rdfs"] + "comment"),
               Literal(EIGENVECTOR_NOTE + analysis.eigenvector_method), g)
    props = {f: (NamedNode(SSC + p), NamedNode(XSD + t)) for f, (p, t) in PROPERTIES.items()}
    for iri in sorted(analysis.scores):
        s = analysis.scores[iri]
        node = NamedNode(iri)
        for field_name, (prop, datatype) in props.items():
            value = getattr(s, field_name)
            text = str(int(value)) if datatype.value.endswith("integer") else repr(float(value))
            yield Quad(node, prop, Literal(text, datatype=datatype), g)


def write(store: OxigraphStore, analysis: Analysis, comention: str | None) -> int:
    """Replace the analysis graph with ``analysis``; returns the number of quads written."""
    stamp = fingerprint(store, comention)
    quads = list(_quads(analysis, stamp, comention))
    if len(quads) > BULK_ABOVE:
        store.bulk_replace(ANALYSIS_GRAPH, quads)
    else:
        store.replace({ANALYSIS_GRAPH: quads})
    return len(quads)


def read(store: OxigraphStore, g: nx.MultiDiGraph, comention: str | None) -> Analysis | None:
    """The stored analysis of ``g``, or None when there is none or it describes another corpus or layers."""
    rows = list(store.query(
        f"SELECT ?stamp ?k ?note WHERE {{ GRAPH <{ANALYSIS_GRAPH}> {{ <{RUN}> ssc:corpusFingerprint ?stamp ; "
        f"ssc:betweennessSamples ?k . OPTIONAL {{ <{RUN}> rdfs:comment ?note "
        f'FILTER(STRSTARTS(?note, "{EIGENVECTOR_NOTE}")) }} }} }}'
    ))
    if len(rows) != 1 or rows[0]["stamp"].value != fingerprint(store, comention):
        return None
    k = int(rows[0]["k"].value) or None
    note = rows[0]["note"]
    eigen_method = note.value[len(EIGENVECTOR_NOTE):] if note is not None else ""
    values: dict[str, dict[str, float]] = {}
    by_prop = {SSC + p: f for f, (p, _) in PROPERTIES.items()}
    for q in store.quads(ANALYSIS_GRAPH):
        field_name = by_prop.get(q.predicate.value)
        if field_name is not None:
            values.setdefault(q.subject.value, {})[field_name] = float(q.object.value)
    if set(values) != set(g.nodes):
        return None
    scores = {}
    for v, d in g.nodes(data=True):
        x = values[v]
        scores[v] = NodeScore(
            iri=v, label=d["label"], type=d["type"], degree=int(x["degree"]), weighted_degree=x["weighted_degree"],
            betweenness=x["betweenness"], eigenvector=x["eigenvector"], pagerank=x["pagerank"],
            community=int(x["community"]), rank=int(x["rank"]), rank_in_type=int(x["rank_in_type"]),
        )
    layers = ("typed",) if comention is None else ("typed", "comention")
    edges = len({frozenset((u, v)) for u, v in g.edges()})
    return Analysis(scores, layers, k, len({s.community for s in scores.values()}), edges, {"read": 0.0},
                    eigen_method)


__all__ = ["ANALYSIS_GRAPH", "fingerprint", "read", "write"]
