"""``sscgraph build``, ``stats`` and ``validate``."""

from __future__ import annotations

from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from .common import console, domain_errors, graph_option

STAGES = {"read": "Checking files", "extract": "Extracting entities", "write": "Writing graphs"}


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@graph_option
@click.option("--mapping", type=click.Path(dir_okay=False), help="Front-matter mapping file (YAML). Default: ontology/mappings/default.yaml.")
@click.option("--strict", is_flag=True, help="Fail on any problem and leave the store as it was.")
@click.option("--no-model", is_flag=True, help="Skip the spaCy pass (front matter only); fast, for testing mappings.")
@click.option("--full", is_flag=True, help="Re-extract and rewrite every document, ignoring the extraction cache.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes for extraction. Default: the cores.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where extraction runs: local processes, or a Dask distributed cluster.")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address (with --executor dask), e.g. tcp://10.0.0.5:8786.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@domain_errors()
def build(paths: tuple[str, ...], graph_dir: str, mapping: str | None, strict: bool, no_model: bool,
          full: bool, jobs: int | None, executor: str, scheduler: str | None, quiet: bool) -> None:
    """Build or update the graph from the documents under PATHS.

    PATHS are files or folders; folders are read recursively for .md,
    .markdown and .txt files, in sorted order. With no PATHS the bundled seed
    corpus is built. Files that cannot be read are named with the reason and
    skipped; the exit status is 0 when every file was built, 1 when some were
    skipped (or, with --strict, when the build was refused), 2 on bad usage.

    Builds are incremental: a folder built before is updated by extracting
    only new and changed files (by content hash) and removing the graphs of
    deleted ones; --full redoes everything. Extraction runs in --jobs local
    processes, or on a Dask cluster with --executor dask --scheduler ADDRESS.
    An interrupted build keeps every document written before it stopped.

    Example: sscgraph build seeds/ --graph out/graph
    """
    from ..pipeline import BuildFailed
    from ..pipeline import build as run_build

    out = console()
    err = console(err=True)
    show = not quiet and err.is_terminal
    with Progress(
        TextColumn("{task.description:<22}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        disable=not show,
        transient=True,
    ) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(STAGES.get(stage, stage), total=total)
            bar.update(tasks[stage], completed=done, total=total)

        try:
            report = run_build(list(paths) or None, graph_dir, mapping=mapping, strict=strict,
                               use_model=not no_model, progress=progress, full=full, jobs=jobs,
                               executor=executor, scheduler=scheduler)
        except BuildFailed as failed:
            _problems(err, failed.report.problems)
            err.print(f"[bold red]Build refused[/]: {failed}")
            raise SystemExit(1) from None

    _problems(err, report.problems)
    table = Table(title=f"Built {len(report.documents)} document(s) into {Path(graph_dir) / 'store'}", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("documents built", str(len(report.documents)))
    table.add_row("  added", str(len(report.added)))
    table.add_row("  changed", str(len(report.changed)))
    table.add_row("  unchanged", str(len(report.unchanged)))
    table.add_row("documents removed", str(len(report.removed)))
    if report.kept:
        table.add_row("documents kept (inputs missing)", str(len(report.kept)))
    table.add_row("documents extracted", f"{report.extracted} ({report.jobs} job(s))")
    table.add_row("graphs rewritten", str(report.graphs_written))
    table.add_row("files skipped", str(len(report.skipped)))
    table.add_row("warnings", str(len(report.warnings)))
    for etype, n in sorted(report.entities.items()):
        table.add_row(f"entities: {etype}", str(n))
    for pred, n in sorted(report.edges.items()):
        table.add_row(f"edges: {pred}", str(n))
    table.add_row("triples written", str(report.triples))
    table.add_row("seconds", f"{report.seconds:.1f}")
    out.print(table)
    if report.unmapped:
        keys = ", ".join(f"{k} ({n})" for k, n in sorted(report.unmapped.items()))
        err.print(f"Front-matter keys not in the mapping (ignored): {keys}. Map them with --mapping FILE.")
    if report.skipped:
        raise SystemExit(1)


def _problems(err, problems) -> None:  # type: ignore[no-untyped-def]
    for p in problems:
        colour = "yellow" if p.severity == "warning" else "red"
        err.print(f"[{colour}]{p.severity}[/]: {p}", markup=True, highlight=False)


@click.command()
@graph_option
@domain_errors()
def stats(graph_dir: str) -> None:
    """Count documents, entities by type, edges by predicate and quads.

    Example: sscgraph stats --graph sscgraph-data
    """
    from ..graph.stats import summarise
    from ..graph.store import open_store

    with open_store(graph_dir, read_only=True) as store:
        s = summarise(store)
    table = Table(title=f"Graph {graph_dir}")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("documents", str(s.documents))
    for k, v in s.entities.items():
        table.add_row(f"entities: {k}", str(v))
    for k, v in s.edges.items():
        table.add_row(f"edges: {k}", str(v))
    table.add_row("concepts", str(s.concepts))
    table.add_row("mentions", str(s.mentions))
    table.add_row("named graphs", str(s.graphs))
    table.add_row("quads", str(s.quads))
    console().print(table)


@click.command()
@graph_option
@click.option("--shapes", type=click.Path(dir_okay=False, exists=True), help="SHACL shapes file. Default: ontology/shapes.ttl.")
def validate(graph_dir: str, shapes: str | None) -> None:
    """Check the graph against the SHACL shapes.

    Exit status: 0 conforms, 1 violations (listed), 2 bad input (no graph,
    unreadable shapes), 3 internal error.

    Example: sscgraph validate --graph sscgraph-data
    """
    from ..errors import SscGraphError
    from ..graph.store import open_store
    from ..validate import validate as run_validate

    out = console()
    try:
        with open_store(graph_dir, read_only=True) as store:
            report = run_validate(store, shapes)
    except SscGraphError as exc:
        console(err=True).print(f"[red]Error[/]: {exc}")
        raise SystemExit(2) from None
    except Exception as exc:  # noqa: BLE001 - documented exit code 3
        console(err=True).print(f"[red]Internal error[/]: {type(exc).__name__}: {exc}")
        raise SystemExit(3) from None
    for f in report.findings:
        colour = "red" if f.severity == "Violation" else "yellow"
        path = f" ({f.path.rsplit('#', 1)[-1].rsplit('/', 1)[-1]})" if f.path else ""
        out.print(f"[{colour}]{f.severity}[/] {f.focus}{path}: {f.message}")
    if report.conforms:
        out.print(f"[green]Conforms[/] ({len(report.warnings)} warning(s)).")
    else:
        out.print(f"[red]Does not conform[/]: {len(report.violations)} violation(s).")
        raise SystemExit(1)
