"""Rankings as rows, CSV and JSON: what ``sscgraph analyze`` prints and writes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from .metrics import Analysis

COLUMNS = ("rank", "rank_in_type", "iri", "label", "type", "pagerank", "betweenness", "eigenvector",
           "degree", "weighted_degree", "community")


def rows(analysis: Analysis, *, by: str = "pagerank", type: str | None = None, top: int | None = None) -> list[dict[str, Any]]:
    """One dict per ranked entity, most central first."""
    return [{c: getattr(s, c) for c in COLUMNS} for s in analysis.ranking(by=by, type=type, top=top)]


def to_csv(table: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(table)
    return buf.getvalue()


def to_json(analysis: Analysis, table: list[dict[str, Any]], *, by: str) -> str:
    return json.dumps({
        "ranked_by": by,
        "layers": list(analysis.layers),
        "betweenness": "exact" if analysis.betweenness_k is None else f"sampled k={analysis.betweenness_k}",
        "nodes": len(analysis.scores),
        "edges": analysis.edges,
        "communities": analysis.communities,
        "eigenvector": analysis.eigenvector_method,
        "entities": table,
    }, ensure_ascii=False, indent=2)


def write_csv(analysis: Analysis, path: str | Path, *, by: str = "pagerank") -> int:
    """The full ranking (every entity) as CSV; returns the number of rows."""
    table = rows(analysis, by=by)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(to_csv(table), encoding="utf-8")
    return len(table)


__all__ = ["COLUMNS", "rows", "to_csv", "to_json", "write_csv"]
