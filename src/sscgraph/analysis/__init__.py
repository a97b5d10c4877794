"""Network analysis of the graph: a networkx projection, centralities, communities, rankings.

* :func:`analyze` projects the store, scores every entity and writes the
  results into their own named graph (``id:graph/analysis``);
* :func:`network` is what the exports and the pages read: the projection plus
  the scores, taken from the store when they describe the current corpus and
  computed afresh otherwise.

networkx is imported only when these run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..graph.store import OxigraphStore

if TYPE_CHECKING:
    import networkx as nx

    from .metrics import Analysis

DEFAULT_COMENTION = "sentence"


def _layers(comention: str | None) -> tuple[str, ...]:
    return ("typed",) if comention is None else ("typed", "comention")


def analyze(
    store: OxigraphStore,
    *,
    comention: str | None = DEFAULT_COMENTION,
    write: bool = True,
    exact_limit: int | None = None,
    k: int | None = None,
) -> Analysis:
    """Score every entity of the store's network; with ``write`` also store the results.

    Betweenness is exact up to ``exact_limit`` nodes and estimated from ``k``
    sampled sources above (defaults in :mod:`sscgraph.analysis.metrics`).
    """
    from . import metrics, results
    from .projection import project

    g = project(store, comention=comention)
    analysis = metrics.compute(
        g, layers=_layers(comention),
        exact_limit=metrics.EXACT_LIMIT if exact_limit is None else exact_limit,
        k=metrics.SAMPLE_K if k is None else k,
    )
    if write:
        results.write(store, analysis, comention)
    return analysis


def network(store: OxigraphStore, *, comention: str | None = DEFAULT_COMENTION) -> tuple[nx.MultiDiGraph, Analysis]:
    """The projected network (typed edges, plus co-mentions unless ``comention`` is None) and its scores."""
    from . import results
    from .metrics import compute
    from .projection import project

    g = project(store, comention=comention)
    stored = results.read(store, g, comention)
    return g, stored if stored is not None else compute(g, layers=_layers(comention))


__all__ = ["DEFAULT_COMENTION", "analyze", "network"]
