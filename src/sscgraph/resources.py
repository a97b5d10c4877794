"""Where sscgraph's reference data lives (ontology, mappings, gazetteer, queries, seeds)."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def project_root() -> Path:
    """The folder holding ``ontology/`` and ``seeds/``.

    A source checkout (``pip install -e .``) finds them beside ``src/``; an
    installed wheel ships them as package data under ``sscgraph/data``; the
    environment variable ``SSCGRAPH_DATA`` overrides both.
    """
    override = os.environ.get("SSCGRAPH_DATA")
    if override:
        return Path(override)
    checkout = _PACKAGE.parent.parent
    if (checkout / "ontology").is_dir():
        return checkout
    return _PACKAGE / "data"


def ontology_path(name: str) -> Path:
    return project_root() / "ontology" / name


def queries_dir() -> Path:
    return project_root() / "queries"


def seeds_dir() -> Path:
    return project_root() / "seeds"
