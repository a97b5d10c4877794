"""The network for Gephi and other graph tools: GEXF, GraphML, and CSV node/edge tables.

Every file carries the same nodes and edges (see :mod:`sscgraph.analysis.projection`):
node ids are entity IRIs, each node has a type, a colour for its type and a
size growing with its PageRank; each edge has a stable id, its predicate as
label, a weight (evidence statements, or shared sentences/documents for the
co-mention layer), its layer and whether its direction means anything
(``directed``; co-mention and partnership edges are symmetric). Every attribute has one type in the whole
file: text attributes are "" when unknown, lists are joined with " | ".
"""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..analysis import DEFAULT_COMENTION, network
from ..analysis.metrics import Analysis
from ..analysis.style import colour, rgb, size
from ..errors import ExportError
from ..graph.store import OxigraphStore

if TYPE_CHECKING:
    import networkx as nx

FORMATS = ("gexf", "graphml", "csv")
LIST_SEPARATOR = " | "
NODE_COLUMNS = ("label", "type", "iso3", "kind", "aliases", "documents", "degree", "weighted_degree",
                "betweenness", "eigenvector", "pagerank", "community", "rank", "rank_in_type")
EDGE_COLUMNS = ("predicate", "layer", "scope", "documents", "evidence", "sentence")
_UNDATED = re.compile(r'^(\s*)<meta lastmodifieddate="[^"]*">$')


def edge_id(source: str, predicate: str, target: str) -> str:
    """A stable id of an edge, the same on every export of the same graph."""
    return "e" + hashlib.sha1(f"{source} {predicate} {target}".encode()).hexdigest()[:16]


def flat(g: nx.MultiDiGraph, analysis: Analysis, *, viz: bool) -> nx.MultiDiGraph:
    """A copy of ``g`` whose attributes are plain, typed values (and GEXF ``viz`` data when asked)."""
    import networkx as nx

    out = nx.MultiDiGraph(name=g.graph.get("name", "sscgraph"))
    largest = max((s.pagerank for s in analysis.scores.values()), default=0.0)
    for v, d in g.nodes(data=True):
        s = analysis.scores[v]
        attrs: dict[str, Any] = {
            "label": str(d["label"]), "type": str(d["type"]), "iso3": str(d["iso3"] or ""),
            "kind": str(d["kind"] or ""), "aliases": LIST_SEPARATOR.join(d["aliases"]),
            "documents": int(d["documents"]), "degree": int(s.degree), "weighted_degree": float(s.weighted_degree),
            "betweenness": float(s.betweenness), "eigenvector": float(s.eigenvector),
            "pagerank": float(s.pagerank), "community": int(s.community), "rank": int(s.rank),
            "rank_in_type": int(s.rank_in_type),
        }
        if viz:
            r, gr, b = rgb(attrs["type"])
            attrs["viz"] = {"color": {"r": r, "g": gr, "b": b, "a": 1.0}, "size": size(s.pagerank, largest)}
        else:
            attrs["color"] = colour(attrs["type"])
            attrs["size"] = size(s.pagerank, largest)
        out.add_node(v, **attrs)
    for u, v, key, d in g.edges(keys=True, data=True):
        out.add_edge(
            u, v, key=edge_id(u, key, v), id=edge_id(u, key, v), label=str(d["predicate"]),
            weight=float(d["weight"]), directed=bool(d["directed"]), predicate=str(d["predicate"]),
            layer=str(d["layer"]), scope=str(d.get("scope", "")), documents=int(d["documents"]),
            evidence=int(d["evidence"]), sentence=str(d["sentence"]),
        )
    return out


def write_gexf(g: nx.MultiDiGraph, analysis: Analysis, output: Path) -> None:
    import networkx as nx

    # One edge type for the whole file (networkx cannot read mixed GEXF): co-mentions are
    # written from the smaller to the larger IRI and keep ``directed`` = false.
    h = flat(g, analysis, viz=True)
    with output.open("w", encoding="utf-8") as fh:
        fh.write("<?xml version='1.0' encoding='utf-8'?>\n")
        for line in nx.generate_gexf(h, version="1.2draft"):
            # no modification date: the same graph gives the same file on any day
            fh.write(_UNDATED.sub(r"\1<meta>", line) + "\n")


def write_graphml(g: nx.MultiDiGraph, analysis: Analysis, output: Path) -> None:
    import networkx as nx

    h = flat(g, analysis, viz=False)
    for _, _, d in h.edges(data=True):
        d.pop("id")
    nx.write_graphml(h, output, named_key_ids=True, edge_id_from_attribute=None)


def write_csv(g: nx.MultiDiGraph, analysis: Analysis, folder: Path) -> None:
    """``nodes.csv`` and ``edges.csv`` in Gephi's spreadsheet import format."""
    h = flat(g, analysis, viz=False)
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "nodes.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Id", "Label", "Type", "Color", "Size", *(_title(c) for c in NODE_COLUMNS[2:])])
        for v, d in h.nodes(data=True):
            w.writerow([v, d["label"], d["type"], d["color"], d["size"], *(d[c] for c in NODE_COLUMNS[2:])])
    with (folder / "edges.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Source", "Target", "Type", "Id", "Label", "Weight", *(_title(c) for c in EDGE_COLUMNS)])
        for u, v, d in h.edges(data=True):
            w.writerow([u, v, "Directed" if d["directed"] else "Undirected", d["id"], d["label"], d["weight"],
                        *(d[c] for c in EDGE_COLUMNS)])


def _title(column: str) -> str:
    return "".join(part.capitalize() for part in column.split("_")) if column != "iso3" else "ISO3"


def export_network(
    store: OxigraphStore, fmt: str, output: str | Path, *, comention: str | None = DEFAULT_COMENTION
) -> str:
    """Write the network in ``fmt`` (gexf, graphml, csv: a folder) to ``output``; returns a summary."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown network format {fmt!r}; known: {', '.join(FORMATS)}")
    g, analysis = network(store, comention=comention)
    out = Path(output)
    if fmt == "csv":
        write_csv(g, analysis, out)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        (write_gexf if fmt == "gexf" else write_graphml)(g, analysis, out)
    return f"{g.number_of_nodes()} nodes and {g.number_of_edges()} edges"


__all__ = ["FORMATS", "edge_id", "export_network"]
