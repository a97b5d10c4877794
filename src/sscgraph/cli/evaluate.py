"""``sscgraph evaluate``."""

from __future__ import annotations

import json

import click
from rich.table import Table

from .common import console, domain_errors, graph_option


@click.command()
@graph_option
@click.option("--gold", "gold_path", required=True, type=click.Path(exists=True),
              help="Gold annotation file, or a folder whose *.yaml files are read together.")
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Readable tables or a JSON summary.")
@click.option("--show-errors", is_flag=True,
              help="Also list splits, merges, false positives and false negatives.")
@click.option("--no-reference-edges", "documents_only", is_flag=True,
              help="Score only edges drawn from the documents, not those of reference data "
                   "(e.g. a gazetteer place's country).")
@domain_errors()
def evaluate(graph_dir: str, gold_path: str, fmt: str, show_errors: bool, documents_only: bool) -> None:
    """Score the graph against gold annotations: precision, recall, F1.

    Entities are scored per type (a node matches a gold entity when the types
    agree and a label or alias equals the gold name or an alias, compared in
    normalised form); gold entities spread over several nodes are counted as
    splits. Relations are scored per predicate on (subject, predicate,
    object) sets over the corpus.

    Example: sscgraph evaluate --graph sscgraph-data --gold tests/gold --show-errors
    """
    from ..evaluate import evaluate_graph

    result = evaluate_graph(graph_dir, gold_path, reference=not documents_only)
    out = console()
    if fmt == "json":
        data = result.summary()
        if show_errors:
            data["errors"] = result.errors()
        out.print_json(json.dumps(data, ensure_ascii=False))
        return
    if result.missing:
        console(err=True).print(f"[yellow]Gold documents not in the graph (not scored)[/]: "
                                f"{', '.join(result.missing)}")
    out.print(_table("Entities", "type", result.entities.by_type, result.entities.total))
    ent = result.entities
    out.print(f"Split gold entities (one entity, several nodes): {len(ent.splits)}; "
              f"merged nodes (one node, several gold entities): {len(ent.merges)}")
    out.print(_table("Relations", "predicate", result.relations.by_predicate,
                     result.relations.total))
    if show_errors:
        _errors(out, result)


def _table(title: str, what: str, rows, total) -> Table:  # type: ignore[no-untyped-def]
    table = Table(title=title, caption="P precision, R recall (micro-averaged over all rows in the last)")
    for col in (what, "gold", "pred", "TP", "FP", "FN", "P", "R", "F1"):
        table.add_column(col, justify="left" if col == what else "right", no_wrap=True)
    for name, s in [*rows.items(), ("all (micro)", total)]:
        table.add_row(name, str(s.tp + s.fn), str(s.tp + s.fp), str(s.tp), str(s.fp), str(s.fn),
                      f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}")
    return table


def _errors(out, result) -> None:  # type: ignore[no-untyped-def]
    errors = _one_line(result.errors())
    short = lambda docs: ", ".join(d.rsplit("/", 1)[-1] for d in docs)  # noqa: E731
    out.print("\n[bold]Split gold entities[/] (one gold entity, several nodes)")
    for s in errors["entity_splits"]:
        out.print(f"  {s['gold']} ({s['type']}): {', '.join(s['nodes'])}", markup=False)
    out.print("\n[bold]Merged nodes[/] (one node, several gold entities)")
    for m in errors["entity_merges"]:
        out.print(f"  {m['label']} <{m['node']}>: {'; '.join(m['gold'])}", markup=False)
    out.print("\n[bold]Entity false positives[/] (node matches no gold entity)")
    for f in errors["entity_false_positives"]:
        hint = f"  [gold has {f['gold_of_other_type']!r} with another type]" \
            if "gold_of_other_type" in f else ""
        out.print(f"  {f['type']}: {f['label']}{hint}  ({short(f['documents'])})", markup=False)
        if f.get("sentence"):
            out.print(f"      {f.get('surface', '')!r} by {f.get('extractor') or '?'}: "
                      f"{_clip(f['sentence'])}", markup=False)
    out.print("\n[bold]Entity false negatives[/] (gold entity matched by no node)")
    for f in errors["entity_false_negatives"]:
        out.print(f"  {f['type']}: {f['name']}  ({short(f['documents'])})", markup=False)
    out.print("\n[bold]Relation false positives[/] (with the extractor and sentence behind them)")
    for f in errors["relation_false_positives"]:
        note = "  [an end matches no gold entity]" if f.get("unmatched_end") else ""
        out.print(f"  {f['subject']} —{f['predicate']}→ {f['object']}{note}", markup=False)
        where = ", ".join(v for v in (f.get("document"), f.get("extractor")) if v) or "reference data"
        out.print(f"      {where}" + (f": {_clip(f['sentence'])}" if f.get("sentence") else ""),
                  markup=False)
    out.print("\n[bold]Relation false negatives[/] (with the gold evidence)")
    for f in errors["relation_false_negatives"]:
        out.print(f"  {f['subject']} —{f['predicate']}→ {f['object']}", markup=False)
        if f.get("evidence"):
            out.print(f"      {f['document']}: {_clip(f['evidence'])}", markup=False)


def _clip(text: str, width: int = 160) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _one_line(value):  # type: ignore[no-untyped-def]
    """Labels drawn from PDF text may hold line breaks; list each error on one line."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_one_line(v) for v in value]
    if isinstance(value, dict):
        return {k: _one_line(v) for k, v in value.items()}
    return value
