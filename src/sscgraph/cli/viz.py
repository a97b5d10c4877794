"""``sscgraph viz``."""

from __future__ import annotations

import click

from .common import console, domain_errors, graph_option


@click.command()
@graph_option
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False), help="Folder receiving index.html, the entity pages and lib/.")
@click.option("--top", type=click.IntRange(min=1), default=500, show_default=True,
              help="How many of the most central entities the overview shows.")
@click.option("--comention", type=click.Choice(("sentence", "paragraph", "document", "none")), default="sentence", show_default=True,
              help="Also draw links between entities named in the same sentence, paragraph or document.")
@click.option("--max-pages", type=click.IntRange(min=0), default=2000, show_default=True,
              help="At most this many entity pages (organisations, countries, projects; most central first).")
@domain_errors()
def viz(graph_dir: str, output: str, top: int, comention: str, max_pages: int) -> None:
    """Write interactive network pages that open offline in any browser.

    index.html shows the most central entities; each organisation, country
    and project gets its own page with its neighbours. Colour shows the type,
    size the PageRank; search by name, filter by type, click for details and
    evidence. Everything the pages need is copied beside them (no CDN).

    Example: sscgraph viz --graph out/graph -o out/pages
    """
    from ..graph.store import open_store
    from ..viz.pages import write_pages

    with open_store(graph_dir, read_only=True) as store:
        report = write_pages(store, output, top=top, comention=None if comention == "none" else comention,
                             max_pages=max_pages)
    console().print(f"Wrote {report.pages} page(s) to {report.folder}: the overview shows "
                    f"{report.overview_nodes} of {report.nodes} entities and {report.overview_edges} links.")
    console().print(f"Open {report.index}")
