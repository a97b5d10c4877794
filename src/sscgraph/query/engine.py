"""Running one SPARQL query on the store and collecting its result.

The default graph a query sees is the union of every named graph, unless the
query names its own dataset (``FROM`` / ``FROM NAMED``) or the caller passes
one (the SPARQL protocol's ``default-graph-uri`` / ``named-graph-uri``), which
then wins, as the protocol says. The prefixes of :data:`sscgraph.vocab.PREFIXES`
are known without ``PREFIX`` lines, and error positions refer to the text as
written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from ..errors import QueryError
from ..vocab import PREFIXES

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

# IRIs, strings and comments are skipped when looking for the FROM keyword.
_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"
    r"|#[^\n]*"
    r"|(?<![\w:?$])FROM(?![\w:-])",
    re.IGNORECASE,
)
_POSITION = re.compile(r"error at (\d+):(\d+):?\s*(.*)", re.DOTALL)


@dataclass(frozen=True)
class Result:
    """The outcome of a query: solutions, a boolean, or triples."""

    kind: str  # "select" | "ask" | "graph"
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = ()
    truncated: bool = False

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.triples)

    def column(self, name: str) -> list[Any]:
        """The values of one variable, row by row (None where unbound)."""
        i = self.variables.index(name)
        return [row[i] for row in self.rows]

    def records(self) -> list[dict[str, str]]:
        """Rows as ``{variable: lexical value}`` (unbound variables left out)."""
        return [{v: t.value for v, t in zip(self.variables, row, strict=True) if t is not None} for row in self.rows]


def declares_dataset(sparql: str) -> bool:
    """Whether the query has a ``FROM`` or ``FROM NAMED`` clause of its own."""
    return any(m.group(0).upper() == "FROM" for m in _TOKENS.finditer(sparql))


def run(
    store: Any,
    sparql: str,
    *,
    bindings: Mapping[str, Term] | None = None,
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
    max_rows: int | None = None,
) -> Result:
    """Run ``sparql`` on ``store`` (an :class:`~sscgraph.graph.store.OxigraphStore` or a pyoxigraph ``Store``).

    ``bindings`` maps variable names to terms the engine substitutes for them
    (the variables must be projected). ``max_rows`` keeps the first rows (or
    triples) and marks the result truncated when there were more.
    """
    native = getattr(store, "native", store)
    kwargs: dict[str, Any] = {"prefixes": PREFIXES}
    if bindings:
        kwargs["substitutions"] = {ox.Variable(k): v for k, v in bindings.items()}
    if default_graphs or named_graphs:
        if default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    elif not declares_dataset(sparql):
        kwargs["use_default_graph_as_union"] = True
    try:
        raw = native.query(sparql, **kwargs)
        return _collect(raw, max_rows)
    except SyntaxError as exc:
        raise _syntax_error(exc, sparql) from None
    except (OSError, RuntimeError, ValueError, TypeError) as exc:
        raise QueryError(f"query failed: {exc}", query=sparql) from None


def _collect(raw: Any, max_rows: int | None) -> Result:
    if isinstance(raw, ox.QueryBoolean):
        return Result("ask", boolean=bool(raw))
    if isinstance(raw, ox.QuerySolutions):
        names = tuple(v.value for v in raw.variables)
        rows, truncated = _take(map(tuple, raw), max_rows)  # a solution iterates its values, None if unbound
        return Result("select", variables=names, rows=rows, truncated=truncated)
    triples, truncated = _take(iter(raw), max_rows)
    return Result("graph", triples=triples, truncated=truncated)


def _take(items: Iterable[Any], limit: int | None) -> tuple[tuple[Any, ...], bool]:
    if limit is None:
        return tuple(items), False
    out = []
    for item in items:
        if len(out) == limit:
            return tuple(out), True
        out.append(item)
    return tuple(out), False


def _syntax_error(exc: SyntaxError, sparql: str) -> QueryError:
    text = str(exc)
    m = _POSITION.match(text)
    if not m:
        return QueryError(f"malformed SPARQL: {text}", query=sparql)
    line, column, detail = int(m.group(1)), int(m.group(2)), m.group(3).strip()
    source = sparql.splitlines()[line - 1] if 0 < line <= len(sparql.splitlines()) else ""
    pointer = f"\n  {source}\n  {' ' * max(column - 1, 0)}^" if source.strip() else ""
    return QueryError(
        f"malformed SPARQL at line {line}, column {column}: {detail}{pointer}",
        query=sparql,
        line=line,
        column=column,
    )


__all__ = ["Result", "declares_dataset", "run"]
