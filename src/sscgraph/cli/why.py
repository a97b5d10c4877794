"""``sscgraph why``."""

from __future__ import annotations

import click

from .common import console, domain_errors, graph_option


@click.command()
@graph_option
@click.argument("subject")
@click.argument("predicate")
@click.argument("object_", metavar="OBJECT")
@domain_errors(exit_code=1)
def why(graph_dir: str, subject: str, predicate: str, object_: str) -> None:
    """Show the evidence behind an edge: documents, sentences, extractors, confidence.

    SUBJECT and OBJECT are names (a label or an alias such as an acronym,
    case ignored) or IRIs; PREDICATE is an ssc: property such as fundedBy or
    organizedBy (an ISO date is the OBJECT of startDate/endDate).

    Example: sscgraph why --graph sscgraph-data "Commercial Smallholder Support Project" fundedBy IFAD
    """
    from ..graph.store import open_store
    from ..graph.why import explain

    with open_store(graph_dir, read_only=True) as store:
        found = explain(store, subject, predicate, object_)
    out = console()
    first = found[0]
    out.print(f"[bold]{first.subject_label}[/] —{first.predicate}→ [bold]{first.object_label}[/]"
              f"  ({len(found)} piece(s) of evidence)")
    for e in found:
        confidence = f"{e.confidence:.2f}" if e.confidence is not None else "–"
        where = f", characters {e.start}–{e.end}" if e.start is not None else ""
        out.print(f"\n[cyan]{e.document}[/]{where}", markup=True)
        if (e.subject_label, e.object_label) != (first.subject_label, first.object_label):
            out.print(f"  edge: {e.subject_label} —{e.predicate}→ {e.object_label}", markup=False)
        out.print(f"  extractor: {e.extractor}   confidence: {confidence}", markup=False)
        if e.sentence:
            out.print(f"  “{' '.join(e.sentence.split())}”", markup=False)
