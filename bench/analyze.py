"""How long the network analysis takes on a large projected graph, against bare networkx.

Builds a synthetic projected network shaped like sscgraph's (a MultiDiGraph
of typed entities with a ``typed`` and a ``comention`` layer, heavy-tailed
degrees from a Barabási–Albert graph), runs the whole analysis
(:func:`sscgraph.analysis.metrics.compute`: degree, weighted degree,
betweenness sampled with the stated k, eigenvector, PageRank, Louvain) and
stores the scores in an Oxigraph store, then prints each step's time and its
ratio to a baseline measured in the same run: networkx's bare degree and
PageRank on the same simple graph; networkx's own betweenness is timed from a
few sources to compare the cost per sampled source.

    python bench/analyze.py                  # 100,000 nodes
    python bench/analyze.py --nodes 20000 --k 50
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import networkx as nx  # noqa: E402

from sscgraph.analysis import metrics, results  # noqa: E402
from sscgraph.analysis.projection import undirected  # noqa: E402
from sscgraph.graph.store import OxigraphStore  # noqa: E402

TYPES = (("Organisation", 0.45), ("Person", 0.2), ("Place", 0.15), ("Event", 0.1), ("Project", 0.07), ("Country", 0.03))
PREDICATES = ("fundedBy", "implementedBy", "partnerOf", "organizedBy", "participatedIn", "locatedIn")


def synthetic(n: int, links: int, seed: int) -> nx.MultiDiGraph:
    """A projected network of ``n`` entities: each new node links to ``links`` earlier ones."""
    rng = random.Random(seed)
    base = nx.barabasi_albert_graph(n, links, seed=seed)
    names, weights = zip(*TYPES, strict=True)
    g = nx.MultiDiGraph(name="synthetic")
    iri = [f"https://w3id.org/sscgraph/id/entity/e{i}" for i in range(n)]
    for i, t in enumerate(rng.choices(names, weights=weights, k=n)):
        g.add_node(iri[i], label=f"Entity {i}", type=t, iso3="", kind="", aliases=(), documents=rng.randint(1, 5))
    for u, v in base.edges():
        if rng.random() < 0.3:
            p = rng.choice(PREDICATES)
            g.add_edge(iri[u], iri[v], key=p, predicate=p, layer="typed", weight=rng.randint(1, 3))
        g.add_edge(iri[u], iri[v], key="coMention", predicate="coMention", layer="comention",
                   weight=rng.randint(1, 4))
    return g


def timed(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nodes", type=int, default=100_000)
    ap.add_argument("--links", type=int, default=2, help="edges each new node brings (Barabási–Albert m)")
    ap.add_argument("--k", type=int, default=metrics.SAMPLE_K, help="sources sampled for betweenness")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--networkx-sources", type=int, default=3,
                    help="also time networkx's own betweenness from this many sources (0: skip)")
    args = ap.parse_args()

    g, made = timed(lambda: synthetic(args.nodes, args.links, args.seed))
    print(f"synthetic projected network: {g.number_of_nodes():,} nodes, {g.number_of_edges():,} edges "
          f"(made in {made:.1f} s)")

    h, _ = timed(lambda: undirected(g))
    nx.pagerank(nx.path_graph(3))  # load scipy before timing
    _, degree_s = timed(lambda: dict(h.degree()))
    _, pagerank_s = timed(lambda: nx.pagerank(h, weight="weight"))
    print(f"baseline on the same simple graph: networkx degree {degree_s:.3f} s, PageRank {pagerank_s:.2f} s")

    analysis, total = timed(lambda: metrics.compute(g, exact_limit=metrics.EXACT_LIMIT, k=args.k))
    with tempfile.TemporaryDirectory() as tmp, OxigraphStore(Path(tmp) / "graph") as store:
        quads, write_s = timed(lambda: results.write(store, analysis, "sentence"))

    if args.networkx_sources and analysis.betweenness_k:
        _, nx_s = timed(lambda: nx.betweenness_centrality(h, k=args.networkx_sources, seed=args.seed))
        per_nx = nx_s / args.networkx_sources
        per_ours = analysis.seconds["betweenness"] / analysis.betweenness_k
        print(f"betweenness per sampled source: networkx {per_nx:.2f} s, sscgraph {per_ours:.3f} s "
              f"({per_nx / per_ours:.0f}x); networkx would take ~{per_nx * analysis.betweenness_k:.0f} s "
              f"for k={analysis.betweenness_k}")
    how = "exact" if analysis.betweenness_k is None else f"sampled from k={analysis.betweenness_k} sources"
    print(f"\nanalysis ({len(analysis.scores):,} nodes, {analysis.edges:,} links, "
          f"{analysis.communities:,} communities; betweenness {how})")
    print(f"{'step':<14}{'seconds':>10}{'× degree':>12}{'× PageRank':>12}")
    steps = {**analysis.seconds, "store write": write_s}
    for name, s in steps.items():
        print(f"{name:<14}{s:>10.2f}{s / degree_s:>12.0f}{s / pagerank_s:>12.2f}")
    whole = total + write_s
    print(f"{'total':<14}{whole:>10.2f}{whole / degree_s:>12.0f}{whole / pagerank_s:>12.2f}")
    print(f"({quads:,} quads written to the analysis graph)")


if __name__ == "__main__":
    main()
