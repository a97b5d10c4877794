"""sscgraph: a knowledge graph of South-South and triangular cooperation."""

from __future__ import annotations

from .errors import SscGraphError
from .graph.store import OxigraphStore, open_store
from .pipeline import BuildReport, build

__all__ = ["BuildReport", "OxigraphStore", "SscGraphError", "build", "open_store"]
__version__ = "0.1.0"
