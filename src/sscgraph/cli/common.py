"""Options and output helpers shared by the commands."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click
from rich.console import Console

from ..errors import SscGraphError
from . import DEFAULT_GRAPH

F = TypeVar("F", bound=Callable[..., Any])

graph_option = click.option(
    "--graph",
    "graph_dir",
    default=DEFAULT_GRAPH,
    show_default=True,
    type=click.Path(file_okay=False),
    help="Graph folder (the store lives in DIR/store). Also $SSCGRAPH_GRAPH.",
)


def console(*, err: bool = False) -> Console:
    """The console user-facing output goes through (tests capture it)."""
    return Console(file=sys.stderr if err else sys.stdout, highlight=False, soft_wrap=True)


def domain_errors(exit_code: int = 2) -> Callable[[F], F]:
    """Turn sscgraph's errors into a one-line CLI error with ``exit_code``."""

    def wrap(fn: F) -> F:
        @functools.wraps(fn)
        def inner(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except SscGraphError as exc:
                error = click.ClickException(str(exc))
                error.exit_code = exit_code
                raise error from exc

        return inner  # type: ignore[return-value]

    return wrap
