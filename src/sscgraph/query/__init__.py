"""SPARQL for analysts: running queries, saved questions with bound parameters, result formats.

``run`` executes a query text on a store; ``run_saved`` executes a saved
question from ``queries/`` with its parameters bound by the engine;
``results.write`` renders a :class:`Result` in a W3C results format or as RDF.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .bind import bind, lookup, parse_term
from .engine import Result, run
from .saved import Param, SavedQuery, list_saved, load_saved


def run_saved(
    store: Any,
    name: str | SavedQuery,
    params: Mapping[str, str] | None = None,
    *,
    max_rows: int | None = None,
) -> Result:
    """Run a saved query; ``params`` are values as a user types them (IRI, name, number, date)."""
    saved = load_saved(name) if isinstance(name, str) else name
    bindings = bind(saved, params or {}, store)
    return run(store, saved.text, bindings=bindings, max_rows=max_rows)


__all__ = ["Param", "Result", "SavedQuery", "bind", "list_saved", "load_saved", "lookup", "parse_term",
           "run", "run_saved"]
