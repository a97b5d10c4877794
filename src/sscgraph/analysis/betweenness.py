"""Betweenness centrality (hop counts) with sparse matrix products instead of one Python BFS per source.

Brandes' algorithm, run for a batch of sources at once: the breadth-first
search advances every source of the batch one level per product of the
adjacency matrix with an ``n × batch`` matrix (counting shortest paths on the
way), and the dependencies flow back level by level the same way. The result
is the same as ``networkx.betweenness_centrality(g, k, normalized=True,
seed=seed)`` (same sampled sources, same scaling), but on a 100,000-node
network each source costs milliseconds instead of a second of Python.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx
    import numpy as np
    from scipy.sparse import csr_array

#: Cells (nodes × sources) of one batch's working matrices: bounds memory to a few hundred MB.
BATCH_CELLS = 4_000_000
MAX_BATCH = 64


def sample_sources(g: nx.Graph, k: int | None, seed: int | None) -> list | None:
    """The sources networkx samples for ``k`` and ``seed`` (None: every node, exact)."""
    if k is None or k >= g.number_of_nodes():
        return None
    return random.Random(seed).sample(list(g.nodes()), k)


def betweenness(g: nx.Graph, *, k: int | None = None, seed: int | None = None) -> dict:
    """Normalised betweenness of every node of the undirected graph ``g``, from all sources or ``k`` sampled ones."""
    import networkx as nx
    import numpy as np

    nodes = list(g.nodes())
    n = len(nodes)
    scores = dict.fromkeys(nodes, 0.0)
    if n < 3 or g.number_of_edges() == 0:
        return scores
    sources = sample_sources(g, k, seed)
    index = {v: i for i, v in enumerate(nodes)}
    a = nx.to_scipy_sparse_array(g, nodelist=nodes, weight=None, dtype=np.float64, format="csr")
    a.setdiag(0)
    a.eliminate_zeros()
    chosen = np.arange(n) if sources is None else np.array([index[s] for s in sources])
    total = np.zeros(n)
    batch = max(1, min(MAX_BATCH, BATCH_CELLS // n))
    for start in range(0, len(chosen), batch):
        total += _dependencies(a, chosen[start:start + batch])
    # networkx's scaling: over ordered (s, t) pairs, s != t, neither of them the node itself
    pairs = n - 1
    if sources is None:
        scale = np.full(n, 1.0 / (pairs * (pairs - 1)))
    else:
        kk = len(chosen)
        scale = np.full(n, 1.0 / (kk * (pairs - 1)))
        if kk > 1:
            scale[chosen] = 1.0 / ((kk - 1) * (pairs - 1))
    values = total * scale
    return {v: float(values[i]) for i, v in enumerate(nodes)}


def _dependencies(a: csr_array, sources: Sequence[int] | np.ndarray) -> np.ndarray:
    """Sum over ``sources`` of Brandes' dependency of every node (sources themselves excluded)."""
    import numpy as np

    n, b = a.shape[0], len(sources)
    cols = np.arange(b)
    sigma = np.zeros((n, b))  # number of shortest paths from each source
    sigma[sources, cols] = 1.0
    dist = np.full((n, b), -1, dtype=np.int32)
    dist[sources, cols] = 0
    frontier = sigma.copy()
    depth = 0
    while True:
        reach = a @ frontier
        reach[dist >= 0] = 0.0
        found = reach > 0
        if not found.any():
            break
        depth += 1
        dist[found] = depth
        sigma += reach
        frontier = reach
    delta = np.zeros((n, b))
    for d in range(depth, 0, -1):
        here = dist == d
        coeff = np.zeros((n, b))
        coeff[here] = (1.0 + delta[here]) / sigma[here]
        back = a @ coeff
        before = dist == d - 1
        delta[before] += sigma[before] * back[before]
    delta[sources, cols] = 0.0
    return delta.sum(axis=1)


__all__ = ["betweenness", "sample_sources"]
