"""Centralities, communities and rankings of the projected network.

Everything is computed on the undirected, weighted simple graph of the chosen
layers (parallel edges summed): who is central does not depend on whether a
project funds a ministry or the ministry funds the project.

* degree: number of neighbours; weighted degree: sum of edge weights;
* betweenness (hop counts, normalised, as networkx computes it, with sparse
  matrix products: :mod:`.betweenness`): exact up to ``exact_limit`` nodes,
  above that estimated from ``k`` sampled sources (``k`` is reported);
* eigenvector centrality (weighted): the leading eigenvector of the weighted
  adjacency matrix, solved densely with numpy up to ``EIGEN_DENSE_LIMIT``
  nodes, with scipy's sparse Lanczos solver above (a dense solver is slow
  already at 1,000 nodes), then with networkx's power
  iteration if that fails; if nothing converges the scores are 0 and
  ``Analysis.eigenvector_method`` says so (it always names the method used);
* PageRank (weighted, damping 0.85);
* Louvain communities (weighted, fixed seed), numbered from 0 by size.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

import networkx as nx

from .betweenness import betweenness as brandes
from .projection import undirected

METRICS = ("degree", "weighted_degree", "betweenness", "eigenvector", "pagerank")
EXACT_LIMIT = 2000
EIGEN_DENSE_LIMIT = 50
EIGEN_MAX_ITER = 1000
NOT_CONVERGED = "did not converge"
SAMPLE_K = 100
SEED = 42


@dataclass(frozen=True)
class NodeScore:
    """The scores and ranks of one entity."""

    iri: str
    label: str
    type: str
    degree: int
    weighted_degree: float
    betweenness: float
    eigenvector: float
    pagerank: float
    community: int
    rank: int = 0  # 1 = most central overall (by PageRank, ties by weighted degree, then IRI)
    rank_in_type: int = 0


@dataclass
class Analysis:
    """Scores of every node and how they were computed."""

    scores: dict[str, NodeScore]
    layers: tuple[str, ...]
    betweenness_k: int | None  # None: exact
    communities: int
    edges: int
    seconds: dict[str, float] = field(default_factory=dict)
    #: How eigenvector centrality was solved; starts with NOT_CONVERGED when its scores are all 0 for that reason.
    eigenvector_method: str = ""

    @property
    def eigenvector_converged(self) -> bool:
        return not self.eigenvector_method.startswith(NOT_CONVERGED)

    def ranking(self, *, by: str = "pagerank", type: str | None = None, top: int | None = None) -> list[NodeScore]:
        """Nodes from most to least central by ``by``; only those of ``type`` when given."""
        if by not in METRICS:
            raise ValueError(f"unknown metric {by!r}; known: {', '.join(METRICS)}")
        rows = [s for s in self.scores.values() if type is None or s.type == type]
        rows.sort(key=lambda s: (-getattr(s, by), -s.weighted_degree, s.iri))
        return rows[:top] if top is not None else rows

    def value(self, iri: str, metric: str) -> float:
        return float(getattr(self.scores[iri], metric))


def compute(
    g: nx.MultiDiGraph,
    *,
    layers: tuple[str, ...] = ("typed", "comention"),
    exact_limit: int = EXACT_LIMIT,
    k: int = SAMPLE_K,
    seed: int = SEED,
    eigen_dense_limit: int = EIGEN_DENSE_LIMIT,
    eigen_max_iter: int = EIGEN_MAX_ITER,
) -> Analysis:
    """Scores of every node of ``g`` over the edges of ``layers``."""
    seconds: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[name] = now - clock
        clock = now

    h = undirected(g, layers=layers)
    n = h.number_of_nodes()
    lap("projection")
    degree = dict(h.degree())
    strength = dict(h.degree(weight="weight"))
    lap("degree")
    sample = None if n <= exact_limit else min(k, n)
    betweenness = brandes(h, k=sample, seed=seed if sample else None)
    lap("betweenness")
    eigen, eigen_method = eigenvector(h, dense_limit=eigen_dense_limit, max_iter=eigen_max_iter)
    lap("eigenvector")
    pagerank = nx.pagerank(h, weight="weight") if n else {}
    lap("pagerank")
    community = _communities(h, seed)
    lap("communities")

    scores = {
        v: NodeScore(
            iri=v, label=d["label"], type=d["type"], degree=int(degree[v]), weighted_degree=float(strength[v]),
            betweenness=float(betweenness.get(v, 0.0)), eigenvector=float(eigen.get(v, 0.0)),
            pagerank=float(pagerank.get(v, 0.0)), community=community[v],
        )
        for v, d in h.nodes(data=True)
    }
    analysis = Analysis(scores, layers, sample, len(set(community.values())), h.number_of_edges(), seconds,
                        eigen_method)
    _assign_ranks(analysis)
    return analysis


def eigenvector(
    h: nx.Graph, *, dense_limit: int = EIGEN_DENSE_LIMIT, max_iter: int = EIGEN_MAX_ITER
) -> tuple[dict[str, float], str]:
    """Weighted eigenvector centrality of ``h`` (unit length, non-negative) and how it was solved.

    Without edges every score is 0 (nothing to solve). When no solver
    converges every score is 0 and the method starts with ``NOT_CONVERGED``.
    """
    import numpy as np

    if h.number_of_edges() == 0:
        return {}, "none (no links)"
    nodes = list(h)
    if len(nodes) <= dense_limit:
        a = nx.to_numpy_array(h, nodelist=nodes, weight="weight")
        vector = np.linalg.eigh(a)[1][:, -1]  # eigenvalues ascending: the last is the largest
        method = "exact (dense eigensolver)"
    else:
        from scipy.sparse.linalg import ArpackNoConvergence, eigsh

        a = nx.to_scipy_sparse_array(h, nodelist=nodes, weight="weight", dtype=float)
        try:
            # 'LA' (largest algebraic), not largest magnitude: a bipartite graph also has -λ
            # a fixed start vector (ARPACK's default is random) keeps the scores the same on every run
            vector = eigsh(a, k=1, which="LA", maxiter=max_iter, tol=1e-8, v0=np.ones(len(nodes)))[1][:, 0]
            method = "sparse Lanczos solver (ARPACK)"
        except ArpackNoConvergence:
            try:
                found = nx.eigenvector_centrality(h, weight="weight", max_iter=max_iter, tol=1e-6)
            except nx.PowerIterationFailedConvergence:
                return {}, f"{NOT_CONVERGED} (ARPACK and {max_iter} power iterations): all scores are 0"
            vector = np.array([found[v] for v in nodes])
            method = "power iteration (ARPACK did not converge)"
    vector = np.abs(vector)  # the sign of an eigenvector is arbitrary
    norm = float(np.linalg.norm(vector)) or 1.0
    return {v: float(x) / norm for v, x in zip(nodes, vector, strict=True)}, method


def _communities(h: nx.Graph, seed: int) -> dict[str, int]:
    if h.number_of_nodes() == 0:
        return {}
    groups = nx.community.louvain_communities(h, weight="weight", seed=seed)
    ordered = sorted((sorted(c) for c in groups), key=lambda c: (-len(c), c[0]))
    return {v: i for i, members in enumerate(ordered) for v in members}


def _assign_ranks(analysis: Analysis) -> None:
    overall = analysis.ranking()
    per_type: dict[str, int] = {}
    for i, s in enumerate(overall, start=1):
        per_type[s.type] = per_type.get(s.type, 0) + 1
        analysis.scores[s.iri] = replace(s, rank=i, rank_in_type=per_type[s.type])


__all__ = ["METRICS", "NOT_CONVERGED", "Analysis", "NodeScore", "compute", "eigenvector"]
