"""Node positions computed once in Python, so pages draw at once instead of simulating physics.

A vectorised Fruchterman–Reingold force layout (numpy, dense): about a second
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
    a = np.zeros((n, n), dtype=np.float32)
    for u, v, w in edges:
        if u in index and v in index and u != v:
            i, j = index[u], index[v]
            strength = 1.0 + math.log1p(max(w, 0.0))
            a[i, j] += strength
            a[j, i] += strength
    rng = np.random.default_rng(seed)
    pos = (rng.random((n, 2), dtype=np.float32) * 2 - 1).astype(np.float32)
    k = np.float32(math.sqrt(4.0 / n))
    t = 0.2
    cooling = t / (iterations + 1)
    for _ in range(iterations):
        # squared distances from the Gram matrix: no n×n×2 array of differences
        sq = (pos * pos).sum(axis=1)
        d2 = sq[:, None] + sq[None, :] - 2 * (pos @ pos.T)
        np.maximum(d2, 1e-4, out=d2)
        # repulsion k²/d between all pairs, attraction d²/k along edges (both along the unit vector)
        force = (k * k) / d2 - a * np.sqrt(d2) / k
        # Σ_j f_ij (p_i − p_j) = p_i Σ_j f_ij − (F p)_i, plus a weak pull towards the centre
        disp = pos * force.sum(axis=1)[:, None] - force @ pos - GRAVITY * pos
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
