"""``sscgraph analyze``."""

from __future__ import annotations

import click
from rich.table import Table
from rich.text import Text

from ..model import ENTITY_TYPES
from .common import console, domain_errors, graph_option

METRICS = ("pagerank", "betweenness", "eigenvector", "degree", "weighted_degree")


@click.command()
@graph_option
@click.option("--top", type=click.IntRange(min=0), default=20, show_default=True, help="How many entities to show (0: all).")
@click.option("--type", "etype", type=click.Choice(ENTITY_TYPES), help="Rank only entities of this type.")
@click.option("--by", type=click.Choice(METRICS), default="pagerank", show_default=True, help="Metric to rank by.")
@click.option("--format", "-f", "fmt", type=click.Choice(("table", "csv", "json")), default="table", show_default=True)
@click.option("--comention", type=click.Choice(("sentence", "paragraph", "document", "none")), default="sentence", show_default=True,
              help="Also link entities named in the same sentence, paragraph or document (none: typed edges only).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Also write the full ranking (every entity) to this CSV file.")
@click.option("--no-write", is_flag=True, help="Do not store the results in the graph (then the store is opened read-only).")
@domain_errors()
def analyze(graph_dir: str, top: int, etype: str | None, by: str, fmt: str, comention: str, output: str | None,
            no_write: bool) -> None:
    """Rank the central actors and find communities.

    Computes degree, weighted degree, betweenness (exact on small networks,
    sampled on large ones), eigenvector centrality, PageRank and Louvain
    communities over typed edges and co-mentions, prints a ranking (overall or
    for one --type) and stores the scores in the named graph
    <https://w3id.org/sscgraph/id/graph/analysis>, where SPARQL, exports and
    pages find them.

    Example: sscgraph analyze --graph out/graph --type Organisation --top 10
    """
    from ..analysis import analyze as run_analysis
    from ..analysis import report
    from ..graph.store import OxigraphStore

    scope = None if comention == "none" else comention
    with OxigraphStore(graph_dir, read_only=no_write, create=False) as store:
        analysis = run_analysis(store, comention=scope, write=not no_write)
    table = report.rows(analysis, by=by, type=etype, top=top or None)
    out = console()
    if output:
        n = report.write_csv(analysis, output, by=by)
        console(err=True).print(f"Wrote the ranking of {n} entities to {output}.")
    if fmt == "csv":
        out.out(report.to_csv(table), end="")
        return
    if fmt == "json":
        out.out(report.to_json(analysis, table, by=by))
        return
    how = "exact" if analysis.betweenness_k is None else f"sampled from k={analysis.betweenness_k} sources"
    title = (f"Most central {etype or 'entities'} by {by} — {len(analysis.scores)} nodes, {analysis.edges} links, "
             f"{analysis.communities} communities; betweenness {how}")
    # light borders and one space between columns leave the names room on an 80-column terminal
    t = Table(title=title, box=None, padding=(0, 1), pad_edge=False, header_style="bold underline")
    for col, justify in (("#", "right"), ("entity", "left"), ("type", "left"), ("PageRank", "right"),
                         ("betw.", "right"), ("eigen.", "right"), ("deg.", "right"), ("w.deg.", "right"),
                         ("comm.", "right")):
        t.add_column(col, justify=justify, no_wrap=col != "entity", min_width=12 if col == "entity" else None)  # type: ignore[arg-type]
    for r in table:
        t.add_row(str(r["rank_in_type"] if etype else r["rank"]), Text(r["label"]), r["type"], f"{r['pagerank']:.4f}",
                  f"{r['betweenness']:.4f}", f"{r['eigenvector']:.4f}", str(r["degree"]),
                  f"{r['weighted_degree']:g}", str(r["community"]))
    out.print(t)
    if not analysis.eigenvector_converged:
        console(err=True).print(f"Warning: eigenvector centrality {analysis.eigenvector_method}; "
                                "rank by pagerank or betweenness instead.", markup=False)
    if not no_write:
        out.print("Scores stored in graph <https://w3id.org/sscgraph/id/graph/analysis>.")
