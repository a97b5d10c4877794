"""Node positions computed once in Python, so pages draw at once instead of simulating physics.

A vectorised Fruchterman–Reingold force layout (numpy): repulsion between all
pairs in one reused n×n buffer, attraction along the links only; a few seconds
for 2,000 nodes, where networkx's sparse solver takes many times longer. Pages
draw these positions with physics switched off, so even large overviews are
still the moment they appear. Ego pages use a radial layout instead.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

SEED = 42
#: Above this many nodes the dense layout would need too much memory; nodes are placed on a spiral.
DENSE_LIMIT = 4000
#: Pull towards the centre, so separate components and lone nodes stay near the rest.
GRAVITY = 2.0


def force_layout(
    nodes: Sequence[str],
    edges: Sequence[tuple[str, str, float]],
    *,
    iterations: int = 80,
    scale: float | None = None,
    seed: int = SEED,
) -> dict[str, tuple[float, float]]:
    """Positions (in page pixels, centred on 0) of ``nodes`` linked by weighted ``edges``."""
    n = len(nodes)
    if n == 0:
        return {}
    scale = scale if scale is not None else 150.0 * math.sqrt(n)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    if n > DENSE_LIMIT:
        return _spiral(nodes, scale)
    index = {v: i for i, v in enumerate(nodes)}
    links = [(index[u], index[v], 1.0 + math.log1p(max(w, 0.0)))
             for u, v, w in edges if u in index and v in index and u != v]
    src = np.array([i for i, _, _ in links], dtype=np.intp)
    dst = np.array([j for _, j, _ in links], dtype=np.intp)
    strength = np.array([s for _, _, s in links], dtype=np.float32)
    rng = np.random.default_rng(seed)
    pos = (rng.random((n, 2), dtype=np.float32) * 2 - 1).astype(np.float32)
    k = np.float32(math.sqrt(4.0 / n))
    t = 0.2
    cooling = t / (iterations + 1)
    rep = np.empty((n, n), dtype=np.float32)  # one n×n buffer, reused in place
    for _ in range(iterations):
        # repulsion k²/d² · (p_i − p_j) between all pairs, from the Gram matrix:
        # Σ_j f_ij (p_i − p_j) = p_i Σ_j f_ij − (F p)_i
        sq = (pos * pos).sum(axis=1)
        np.matmul(pos * np.float32(-2), pos.T, out=rep)
        rep += sq[:, None]
        rep += sq[None, :]
        np.maximum(rep, 1e-4, out=rep)
        np.divide(k * k, rep, out=rep)
        disp = pos * rep.sum(axis=1)[:, None] - rep @ pos - GRAVITY * pos
        # attraction d/k · (p_j − p_i) along the links only
        if len(links):
            diff = pos[src] - pos[dst]
            pull = (strength * np.sqrt(np.maximum((diff * diff).sum(axis=1), 1e-4)) / k)[:, None] * diff
            for axis in (0, 1):
                disp[:, axis] -= np.bincount(src, weights=pull[:, axis], minlength=n).astype(np.float32)
                disp[:, axis] += np.bincount(dst, weights=pull[:, axis], minlength=n).astype(np.float32)
        length = np.sqrt((disp * disp).sum(axis=1))
        np.maximum(length, 0.01, out=length)
        pos += disp * (t / length)[:, None]
        t -= cooling
    pos -= pos.mean(axis=0)
    span = float(np.abs(pos).max()) or 1.0
    pos *= scale / span
    return {v: (round(float(pos[i, 0]), 1), round(float(pos[i, 1]), 1)) for i, v in enumerate(nodes)}


def _spiral(nodes: Sequence[str], scale: float) -> dict[str, tuple[float, float]]:
    golden = math.pi * (3 - math.sqrt(5))
    n = len(nodes)
    return {
        v: (round(scale * math.sqrt(i / n) * math.cos(i * golden), 1),
            round(scale * math.sqrt(i / n) * math.sin(i * golden), 1))
        for i, v in enumerate(nodes)
    }


def radial_layout(
    centre: str, rings: Sequence[Sequence[str]], *, gap: float = 220.0, spacing: float = 60.0
) -> dict[str, tuple[float, float]]:
    """``centre`` in the middle and each ring of nodes on a circle around it (ego pages).

    Rings come most important first; so do the nodes of a ring, which are dealt
    round the circle with a golden-ratio stride, so the largest nodes are spread
    out instead of crowding one side. ``spacing`` is the arc length per node.
    """
    pos = {centre: (0.0, 0.0)}
    radius = 0.0
    for ring in rings:
        n = len(ring)
        if not n:
            continue
        radius = max(radius + gap, n * spacing / (2 * math.pi))
        stride = _coprime_near(n, n / ((1 + math.sqrt(5)) / 2))
        for i, v in enumerate(ring):
            angle = 2 * math.pi * ((i * stride) % n) / n
            pos[v] = (round(radius * math.cos(angle), 1), round(radius * math.sin(angle), 1))
    return pos


def _coprime_near(n: int, target: float) -> int:
    """The integer closest to ``target`` that is coprime with ``n`` (so a stride visits every slot)."""
    best = 1
    for s in range(1, n + 1):
        if math.gcd(s, n) == 1 and abs(s - target) < abs(best - target):
            best = s
    return best


__all__ = ["force_layout", "radial_layout"]
