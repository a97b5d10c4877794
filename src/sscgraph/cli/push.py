"""``sscgraph push``."""

from __future__ import annotations

import click

from .common import console, domain_errors, graph_option


@click.command()
@graph_option
@click.option("--endpoint", required=True, metavar="URL",
              help="SPARQL 1.1 Graph Store endpoint, e.g. http://host:8890/sparql-graph-crud-auth (Virtuoso) "
                   "or http://host:3030/ds/data (Fuseki).")
@click.option("--user", envvar="SSCGRAPH_PUSH_USER", help="User for HTTP Digest/Basic authentication. Also $SSCGRAPH_PUSH_USER.")
@click.option("--password", envvar="SSCGRAPH_PUSH_PASSWORD", help="Password. Also $SSCGRAPH_PUSH_PASSWORD.")
@click.option("--all", "everything", is_flag=True, help="Send every graph, not only those changed since the last push.")
@click.option("--retries", type=click.IntRange(min=0), default=3, show_default=True,
              help="Retries of a graph after a connection error or a 5xx/429 answer.")
@domain_errors()
def push(graph_dir: str, endpoint: str, user: str | None, password: str | None, everything: bool, retries: int) -> None:
    """Send the named graphs to a SPARQL server (Graph Store HTTP Protocol).

    Each named graph (one per document, the entities, the ontology) replaces
    its copy on the server with an HTTP PUT; graphs of documents removed since
    the last push are deleted there. Only graphs that changed since the last
    push to the same endpoint are sent, so a push after an incremental build is
    quick. A refusal (bad credentials, read-only endpoint) stops with the
    server's answer; exit status 2.

    Example: sscgraph push --graph sscgraph-data --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth --user dba --password dba
    """
    from ..push import push as run_push

    report = run_push(graph_dir, endpoint, user=user, password=password, everything=everything, retries=retries)
    console().print(
        f"Pushed {len(report.sent)} graph(s) ({report.bytes / 1e6:.1f} MB) to {endpoint}; "
        f"{report.unchanged} unchanged, {len(report.deleted)} deleted, in {report.seconds:.1f} s."
    )
