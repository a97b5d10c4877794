"""``sscgraph export``."""

from __future__ import annotations

import click

from .common import console, domain_errors, graph_option

RDF_FORMATS = ("trig", "nquads", "turtle", "ntriples", "jsonld", "rdfxml")
NETWORK_FORMATS = ("gexf", "graphml", "csv")


@click.command()
@graph_option
@click.option("--format", "-f", "fmt", type=click.Choice(RDF_FORMATS + NETWORK_FORMATS), default="trig", show_default=True,
              help="RDF serialisation (named graphs kept in trig/nquads/jsonld) or a network format for Gephi.")
@click.option("-o", "--output", required=True, type=click.Path(),
              help="Output file (for csv: a folder receiving nodes.csv and edges.csv).")
@click.option("--comention", type=click.Choice(("sentence", "paragraph", "document", "none")), default="sentence",
              show_default=True, help="Network formats: also link entities named in the same sentence, paragraph or "
              "document, as edges of layer 'comention' (none: typed relations only).")
@domain_errors()
def export(graph_dir: str, fmt: str, output: str, comention: str) -> None:
    """Write the graph as RDF or as a network file for Gephi.

    gexf, graphml and csv write the entity network: nodes coloured by type and
    sized by PageRank, typed relations weighted by their evidence, and
    co-mentions as a second layer (edge attribute 'layer').

    Example: sscgraph export --format trig -o out/graph.trig
    """
    from ..graph.store import open_store

    with open_store(graph_dir, read_only=True) as store:
        if fmt in RDF_FORMATS:
            from ..export.rdf import export_rdf

            n = export_rdf(store, fmt, output)
            console().print(f"Wrote {n} statements to {output} ({fmt}).")
        else:
            from ..export.network import export_network

            summary = export_network(store, fmt, output, comention=None if comention == "none" else comention)
            console().print(f"Wrote {summary} to {output} ({fmt}).")
