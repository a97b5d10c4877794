"""Self-contained interactive network pages (vis-network, the library pyvis bundles).

``write_pages`` writes into one folder:

* ``index.html``: an overview of the most central entities (by PageRank),
  laid out in Python (:mod:`.layout`) and drawn with physics off, so large
  overviews appear at once; below it, a directory of the entity pages;
* ``<type>/<id>.html``: one ego page per organisation, country and project
  (the entity, its neighbours and the links among them), linked to each other;
* ``lib/``: vis-network's JavaScript and CSS, copied from the installed pyvis
  package, and the pages' own script and style. Nothing is fetched from a CDN;
  the pages open from disk or any static server, offline.

Every page uses one template of its own (pyvis' templates load Bootstrap and
vis-network from CDNs). The graph goes in as JSON inside a
``<script type="application/json">`` block with ``<``, ``>`` and ``&``
escaped, and the page script writes all text with ``textContent``: a label
such as ``<script>…</script>`` from a document stays text.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..analysis import DEFAULT_COMENTION, network
from ..analysis.style import TYPE_COLOURS, colour, size
from ..errors import SscGraphError
from ..graph.stats import ENTITY_CLASSES
from ..graph.store import OxigraphStore
from ..ids import slug
from ..vocab import ID_BASE
from .layout import force_layout, radial_layout

if TYPE_CHECKING:
    import networkx as nx

    from ..analysis.metrics import Analysis

STATIC = Path(__file__).resolve().parent.parent / "static" / "viz"
EGO_TYPES = ("Organisation", "Country", "Project")
DEFAULT_TOP = 500
DEFAULT_MAX_PAGES = 2000
MAX_NEIGHBOURS = 150
SHORT_LABEL = 32
#: Documents named in a node's tooltip (the count says how many there are in all).
MAX_SOURCES = 5
MAX_QUOTE = 300


class VizError(SscGraphError):
    """The pages cannot be written (vis-network not found, output not writable)."""


@dataclass(frozen=True)
class PagesReport:
    """What :func:`write_pages` wrote."""

    folder: Path
    index: Path
    pages: int
    overview_nodes: int
    overview_edges: int
    nodes: int


def vis_library() -> Path:
    """The folder of vis-network's bundled JS and CSS inside the installed pyvis package (newest version)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or spec.origin is None:
        raise VizError("pyvis is not installed; it ships the vis-network library the pages need (pip install pyvis)")
    candidates = sorted(
        (p for p in (Path(spec.origin).parent / "lib").glob("vis-*") if (p / "vis-network.min.js").is_file()),
        key=lambda p: tuple(int(x) for x in p.name[4:].split(".") if x.isdigit()),
    )
    if not candidates:
        raise VizError(f"no vis-network library inside pyvis at {Path(spec.origin).parent}")
    return candidates[-1]


def page_path(iri: str) -> str:
    """The page of an entity, relative to the pages' folder (``organisation/ifad.html``)."""
    key = iri[len(ID_BASE):] if iri.startswith(ID_BASE) else slug(iri)
    parts = [p if p and all(c.isalnum() or c in "-_." for c in p) and not p.startswith(".") else slug(p)
             for p in key.split("/")]
    return "/".join(parts) + ".html"


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``</script>``, no HTML, no line separators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


@dataclass(frozen=True)
class _Evidence:
    sources: tuple[str, ...]  # file names of the first documents that mention the entity
    quote: str  # a sentence naming it: the evidence of its strongest typed edge, else a mention's sentence


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - 1] + "…"


def node_evidence(store: OxigraphStore, g: nx.MultiDiGraph) -> dict[str, _Evidence]:
    """What a node's tooltip quotes: the documents that mention it and one sentence about it."""
    sources: dict[str, list[str]] = defaultdict(list)
    for r in store.query("SELECT ?e ?src WHERE { ?d a ssc:Document ; ssc:mentions ?e ; dcterms:source ?src } "
                         "ORDER BY ?e ?src"):
        found = sources[r["e"].value]
        if len(found) < MAX_SOURCES:
            found.append(r["src"].value)
    quote: dict[str, tuple[float, str]] = {}
    for u, v, d in g.edges(data=True):
        if d["layer"] == "typed" and d["sentence"]:
            for end in (u, v):
                if end not in quote or quote[end][0] < d["weight"]:
                    quote[end] = (d["weight"], d["sentence"])
    missing = set(g.nodes) - set(quote)
    if missing:
        rows = store.query("SELECT ?e (MIN(?s) AS ?sentence) WHERE { ?m a ssc:Mention ; ssc:mentionOf ?e ; "
                           "ssc:sentence ?s } GROUP BY ?e")
        for r in rows:
            if r["e"].value in missing and r["sentence"] is not None:
                quote[r["e"].value] = (0.0, r["sentence"].value)
    return {v: _Evidence(tuple(sources.get(v, ())), _clip(quote[v][1]) if v in quote else "") for v in g.nodes}


class _Writer:
    def __init__(self, g: nx.MultiDiGraph, analysis: Analysis, folder: Path, pages: dict[str, str],
                 evidence: dict[str, _Evidence]) -> None:
        import jinja2

        self.g = g
        self.evidence = evidence
        self.analysis = analysis
        self.folder = folder
        self.pages = pages
        self.largest = max((s.pagerank for s in analysis.scores.values()), default=0.0)
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(STATIC)), autoescape=True,
                                 undefined=jinja2.StrictUndefined)
        self.template = env.get_template("page.html")

    def node(self, v: str, pos: tuple[float, float], root: str, *, centre: bool = False) -> dict[str, Any]:
        d = self.g.nodes[v]
        s = self.analysis.scores[v]
        label = d["label"]
        return {
            "id": v, "label": label,
            "short": label if len(label) <= SHORT_LABEL else label[: SHORT_LABEL - 1] + "…",
            "type": d["type"], "iso3": d["iso3"], "aliases": list(d["aliases"]), "documents": d["documents"],
            "sources": list(self.evidence[v].sources), "quote": self.evidence[v].quote,
            "x": pos[0], "y": pos[1], "size": size(s.pagerank, self.largest), "color": colour(d["type"]),
            "rank": s.rank, "rank_in_type": s.rank_in_type, "community": s.community, "pagerank": s.pagerank,
            "betweenness": s.betweenness, "degree": s.degree, "centre": centre,
            "page": root + self.pages[v] if v in self.pages else "",
        }

    def edges(self, members: set[str]) -> list[dict[str, Any]]:
        out = []
        for u, v, d in self.g.edges(data=True):
            if u in members and v in members:
                out.append({"from": u, "to": v, "predicate": d["predicate"], "weight": d["weight"],
                            "directed": d["directed"], "layer": d["layer"], "documents": d["documents"],
                            "sentence": d["sentence"]})
        return out

    def render(self, path: Path, *, root: str, title: str, subtitle: str, summary: str,
               nodes: list[dict[str, Any]], edges: list[dict[str, Any]],
               directory: list[tuple[str, list[dict[str, str]]]], directory_title: str) -> None:
        counts: dict[str, int] = defaultdict(int)
        for n in nodes:
            counts[n["type"]] += 1
        types = [{"type": t, "color": colour(t), "count": counts[t]} for t in ENTITY_CLASSES if counts[t]]
        data = {"nodes": nodes, "edges": edges, "types": types}
        html = self.template.render(root=root, title=title, subtitle=subtitle, summary=summary,
                                    data_json=script_json(data), directory=directory,
                                    directory_title=directory_title)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")

    def directory(self, iris: list[str], root: str) -> list[tuple[str, list[dict[str, str]]]]:
        groups: dict[str, list[dict[str, str]]] = defaultdict(list)
        for v in iris:
            if v in self.pages:
                groups[self.g.nodes[v]["type"]].append({"href": root + self.pages[v], "label": self.g.nodes[v]["label"]})
        return [(t, groups[t]) for t in ENTITY_CLASSES if groups.get(t)]


def _neighbours(g: nx.MultiDiGraph, v: str) -> list[tuple[str, float, bool]]:
    """Neighbours of ``v`` with the summed weight of their links and whether any link is typed."""
    weight: dict[str, float] = defaultdict(float)
    typed: dict[str, bool] = defaultdict(bool)
    for edges in (g.out_edges(v, data=True), g.in_edges(v, data=True)):
        for a, b, d in edges:
            other = b if a == v else a
            weight[other] += d["weight"]
            typed[other] |= d["layer"] == "typed"
    return [(u, weight[u], typed[u]) for u in weight]


def write_pages(
    store: OxigraphStore,
    output: str | Path,
    *,
    top: int = DEFAULT_TOP,
    comention: str | None = DEFAULT_COMENTION,
    ego_types: tuple[str, ...] = EGO_TYPES,
    max_pages: int = DEFAULT_MAX_PAGES,
) -> PagesReport:
    """Write the overview, the entity pages and their libraries into ``output``."""
    library = vis_library()
    folder = Path(output)
    g, analysis = network(store, comention=comention)
    ranking = analysis.ranking()
    pages = {s.iri: page_path(s.iri) for s in [s for s in ranking if s.type in ego_types][:max_pages]}
    try:
        lib = folder / "lib"
        lib.mkdir(parents=True, exist_ok=True)
        for name in ("vis-network.min.js", "vis-network.css"):
            shutil.copyfile(library / name, lib / name)
        for name in ("sscgraph-network.js", "sscgraph-network.css"):
            shutil.copyfile(STATIC / name, lib / name)
    except OSError as exc:
        raise VizError(f"cannot write pages to {folder}: {exc}") from exc
    writer = _Writer(g, analysis, folder, pages, node_evidence(store, g))

    # overview
    chosen = [s.iri for s in ranking[:top]]
    members = set(chosen)
    edges = writer.edges(members)
    pos = force_layout(chosen, [(e["from"], e["to"], float(e["weight"])) for e in edges])
    nodes = [writer.node(v, pos[v], "") for v in chosen]
    how = "exact" if analysis.betweenness_k is None else f"sampled (k={analysis.betweenness_k})"
    summary = (f"The {len(chosen)} most central of {g.number_of_nodes()} entities by PageRank, with the "
               f"{len(edges)} links among them (solid: typed relations; dashed: named in the same "
               f"{comention or 'sentence'}). Betweenness {how}. Click a node for its details, double-click "
               "to open its page.")
    writer.render(folder / "index.html", root="", title="Cooperation network", subtitle="", summary=summary,
                  nodes=nodes, edges=edges, directory=writer.directory([s.iri for s in ranking], ""),
                  directory_title="Entity pages")

    # one page per entity of the ego types
    for v, rel in pages.items():
        root = "../" * rel.count("/")
        near = sorted(_neighbours(g, v), key=lambda x: (-x[1], x[0]))[:MAX_NEIGHBOURS]
        typed_ring = [u for u, _, t in near if t]
        other_ring = [u for u, _, t in near if not t]
        pos = radial_layout(v, [typed_ring, other_ring])
        ego = {v, *typed_ring, *other_ring}
        ego_nodes = [writer.node(u, pos[u], root, centre=u == v) for u in [v, *typed_ring, *other_ring]]
        ego_edges = writer.edges(ego)
        d = g.nodes[v]
        s = analysis.scores[v]
        also = f" Also known as {', '.join(d['aliases'])}." if d["aliases"] else ""
        summary = (f"{d['type']}, ranked {s.rank} of {len(ranking)} by PageRank, mentioned in {d['documents']} "
                   f"document(s), linked to {len(near)} entities shown here.{also}")
        writer.render(folder / rel, root=root, title=d["label"], subtitle=d["type"], summary=summary,
                      nodes=ego_nodes, edges=ego_edges, directory=writer.directory([u for u, _, _ in near], root),
                      directory_title="Pages of linked entities")
    return PagesReport(folder, folder / "index.html", len(pages) + 1, len(chosen), len(edges), g.number_of_nodes())


__all__ = ["EGO_TYPES", "TYPE_COLOURS", "PagesReport", "VizError", "page_path", "script_json", "write_pages"]
