"""How fast a large overview page settles in headless Chromium, against a tiny page.

Writes a synthetic graph of ``--nodes`` entities (heavy-tailed degrees from a
Barabási–Albert graph, typed edges) into a temporary store, writes its pages
with ``sscgraph.viz.pages.write_pages`` (overview of all nodes, no entity
pages) and a 10-node page as the baseline, opens both in headless Chromium
(Debian's ``/usr/bin/chromium`` through Playwright; nothing is downloaded) and
prints, for each, the time from navigation to the first complete drawing and
whether any node still moves a second later (settled). ``--physics`` also
times the same large page with vis-network's physics switched on until it
stabilises, which is what pyvis pages do by default.

    python bench/viz.py                 # 2,000 nodes
    python bench/viz.py --nodes 5000 --physics
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import networkx as nx  # noqa: E402
import pyoxigraph as ox  # noqa: E402

from sscgraph.graph.store import OxigraphStore  # noqa: E402
from sscgraph.ids import ENTITIES_GRAPH  # noqa: E402
from sscgraph.viz.pages import write_pages  # noqa: E402

SSC = "https://w3id.org/sscgraph/ontology#"
ID = "https://w3id.org/sscgraph/id/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
TYPES = (("Organisation", 0.45), ("Person", 0.2), ("Place", 0.15), ("Event", 0.1), ("Project", 0.07), ("Country", 0.03))
PREDICATES = ("fundedBy", "implementedBy", "partnerOf", "organizedBy", "participatedIn", "locatedIn")


def synthetic_store(folder: Path, n: int, links: int, seed: int) -> None:
    rng = random.Random(seed)
    names, weights = zip(*TYPES, strict=True)
    types = rng.choices(names, weights=weights, k=n)
    node = [ox.NamedNode(f"{ID}{t.lower()}/e{i}") for i, t in enumerate(types)]
    entities = ox.NamedNode(ENTITIES_GRAPH)
    doc = ox.NamedNode(ID + "document/synthetic.md")
    quads = [ox.Quad(doc, RDF_TYPE, ox.NamedNode(SSC + "Document"), doc)]
    for i, t in enumerate(types):
        quads.append(ox.Quad(node[i], RDF_TYPE, ox.NamedNode(SSC + t), entities))
        quads.append(ox.Quad(node[i], LABEL, ox.Literal(f"{t} {i}"), entities))
        quads.append(ox.Quad(doc, ox.NamedNode(SSC + "mentions"), node[i], doc))
    for u, v in nx.barabasi_albert_graph(n, links, seed=seed).edges():
        quads.append(ox.Quad(node[u], ox.NamedNode(SSC + rng.choice(PREDICATES)), node[v], doc))
    with OxigraphStore(folder) as store:
        store.native.bulk_extend(quads)


def open_page(browser, url: str, *, physics: bool = False) -> dict[str, float]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(url)
        page.wait_for_function("window.sscgraph && window.sscgraph.ready", timeout=120_000)
        out = {"ready_ms": page.evaluate("window.sscgraph.readyAt"),
               "nodes": page.evaluate("window.sscgraph.network.body.nodeIndices.length")}
        moved = "(() => { const n = window.sscgraph.network; const a = n.getPositions();"\
                " return new Promise(r => setTimeout(() => { const b = n.getPositions();"\
                " r(Object.keys(a).filter(k => a[k].x !== b[k].x || a[k].y !== b[k].y).length); }, 1000)); })()"
        out["moving_after_1s"] = page.evaluate(moved)
        if physics:
            start = time.perf_counter()
            page.evaluate("""() => new Promise(resolve => {
                const n = window.sscgraph.network;
                n.once('stabilized', resolve);
                n.setOptions({physics: {enabled: true}});
                n.stabilize();
            })""")
            out["physics_s"] = time.perf_counter() - start
        if errors:
            raise RuntimeError(f"errors on {url}: {errors}")
        return out
    finally:
        context.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nodes", type=int, default=2000)
    ap.add_argument("--links", type=int, default=3, help="edges each new node brings (Barabási–Albert m)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--physics", action="store_true", help="also time the large page with physics on")
    ap.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        synthetic_store(root / "graph", args.nodes, args.links, args.seed)
        with OxigraphStore(root / "graph", read_only=True, create=False) as store:
            start = time.perf_counter()
            big = write_pages(store, root / "big", top=args.nodes, comention=None, max_pages=0)
            write_s = time.perf_counter() - start
            small = write_pages(store, root / "small", top=10, comention=None, max_pages=0)
        size_mb = big.index.stat().st_size / 1e6
        print(f"overview of {big.overview_nodes:,} nodes and {big.overview_edges:,} links written in "
              f"{write_s:.1f} s (scores, layout, page: {size_mb:.1f} MB)")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
            try:
                open_page(browser, small.index.as_uri())  # warm the browser's caches once
                base = open_page(browser, small.index.as_uri())
                large = open_page(browser, big.index.as_uri(), physics=args.physics)
            finally:
                browser.close()
    assert large["nodes"] == big.overview_nodes, large
    print(f"{'page':<22}{'nodes':>8}{'drawn after':>14}{'still moving':>14}")
    print(f"{'baseline (10 nodes)':<22}{base['nodes']:>8.0f}{base['ready_ms'] / 1000:>12.2f} s{base['moving_after_1s']:>14.0f}")
    print(f"{'overview':<22}{large['nodes']:>8,.0f}{large['ready_ms'] / 1000:>12.2f} s{large['moving_after_1s']:>14.0f}")
    ratio = large["ready_ms"] / base["ready_ms"]
    verdict = "under" if large["ready_ms"] < 10_000 and large["moving_after_1s"] == 0 else "NOT under"
    print(f"overview / baseline: {ratio:.1f}x; settled {verdict} 10 s")
    if "physics_s" in large:
        print(f"same page with physics on (pyvis' default) stabilised after {large['physics_s']:.1f} s more")


if __name__ == "__main__":
    main()
