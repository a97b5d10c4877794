"""``sscgraph serve``."""

from __future__ import annotations

import click

from .common import console, domain_errors, graph_option


@click.command()
@graph_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Only this machine can connect unless you give another one "
                   "(e.g. 0.0.0.0).")
@click.option("--port", type=click.IntRange(0, 65535), default=8890, show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Seconds a query may run before it is stopped (answered with 503).")
@click.option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Rows (or triples) returned at most per query; more are cut and flagged in the "
                   "X-Sscgraph-Truncated header.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Queries answered at the same time (one process each).")
@click.option("--memory", is_flag=True,
              help="Answer from a copy of the store held in memory by each worker: queries run two to "
                   "four times faster. The store is written once to a temporary snapshot at start (about "
                   "10 s per million quads); each worker loads it (about 3 s per million) and holds about "
                   "0.4 GB per million quads.")
@domain_errors()
def serve(graph_dir: str, host: str, port: int, timeout: float, max_rows: int, workers: int,
          memory: bool) -> None:
    """Serve a read-only SPARQL 1.1 endpoint and a query page.

    The endpoint is http://HOST:PORT/sparql (GET and POST, results as JSON,
    XML, CSV or TSV by content negotiation, Turtle for CONSTRUCT); updates are
    refused with 403. The page at http://HOST:PORT/ lists the saved questions
    and works without internet access. A saved question also answers at
    /saved/NAME?PARAM=VALUE.

    Example: sscgraph serve --graph out/graph --port 8890
    """
    from ..serve import serve as run_server

    where = f"http://{host}:{port}"
    if memory:
        console(err=True).print(f"Copying the store into memory for {workers} worker(s) "
                                "(about 13 s per million quads)...")

    def ready() -> None:
        console(err=True).print(f"SPARQL endpoint {where}/sparql, query page {where}/ (read-only; Ctrl-C stops)")

    run_server(graph_dir, host=host, port=port, timeout=timeout, max_rows=max_rows, workers=workers,
               memory=memory, ready=ready)
