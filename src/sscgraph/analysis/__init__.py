"""Network analysis of the graph: a networkx projection, centralities, communities, rankings.

:func:`network` is what the exports and the pages read: the projection of the
store plus the scores of every node. networkx is imported only when it runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..graph.store import OxigraphStore

if TYPE_CHECKING:
    import networkx as nx

    from .metrics import Analysis

DEFAULT_COMENTION = "sentence"


def network(store: OxigraphStore, *, comention: str | None = DEFAULT_COMENTION) -> tuple[nx.MultiDiGraph, Analysis]:
    """The projected network (typed edges, plus co-mentions unless ``comention`` is None) and its scores."""
    from .metrics import compute
    from .projection import project

    g = project(store, comention=comention)
    return g, compute(g)


__all__ = ["DEFAULT_COMENTION", "network"]
