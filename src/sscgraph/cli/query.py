"""``sscgraph query``."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from ..errors import QueryError
from .common import console, domain_errors, graph_option

FORMATS = ("table", "csv", "tsv", "json", "xml")


def _params(values: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param wants KEY=VALUE, got {item!r}")
        out[key.strip()] = value
    return out


@click.command()
@graph_option
@click.argument("query_text", metavar="QUERY|FILE.rq", required=False)
@click.option("--saved", "-s", "saved_name", metavar="NAME", help="Run a saved question (see --list).")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter of the saved query: an IRI, a key like organisation/wfp, a name or acronym, "
                   "a number or a date. Repeatable.")
@click.option("--list", "list_only", is_flag=True, help="List the saved questions with their parameters.")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="How SELECT and ASK results are printed; CONSTRUCT and DESCRIBE print Turtle.")
@click.option("--limit", type=click.IntRange(min=1), help="Print at most this many rows.")
@domain_errors()
def query(graph_dir: str, query_text: str | None, saved_name: str | None, params: tuple[str, ...],
          list_only: bool, fmt: str, limit: int | None) -> None:
    """Run a SPARQL query or a saved analyst question on the graph.

    QUERY is SPARQL text or the path of a .rq file. The default graph is the
    union of the document graphs, and the prefixes ssc:, id:, rdfs:, skos:,
    dcterms:, prov:, schema:, foaf:, org:, owl:, xsd: are known without PREFIX
    lines. Parameters of saved queries are bound as RDF terms, never pasted
    into the query text. A malformed query exits with status 2.

    Example: sscgraph query --graph out/graph --saved partners-of-organisation -p org=WFP
    """
    from ..query import list_saved

    out = console()
    if list_only:
        _print_saved(out, list_saved())
        return
    if bool(query_text) == bool(saved_name):
        raise click.UsageError("give a QUERY (text or .rq file) or --saved NAME, not both or neither")
    if params and not saved_name:
        raise click.UsageError("--param goes with --saved")
    from ..graph.store import open_store
    from ..query import results, run, run_saved

    with open_store(graph_dir, read_only=True) as store:
        if saved_name:
            result = run_saved(store, saved_name, _params(params), max_rows=limit)
        else:
            assert query_text is not None
            text = _read_query(query_text)
            result = run(store, text, max_rows=limit)
    if result.kind == "graph":
        out.out(results.to_rdf(result).decode("utf-8"), end="")
    elif fmt == "table":
        _print_table(out, result)
    else:
        out.out(results.write(result, fmt)[0].decode("utf-8"), end="")
    if result.truncated:
        console(err=True).print(f"Showing the first {limit} results; there are more.")


def _is_file(text: str) -> bool:
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # a query too long or too odd to be a file name
        return False


def _read_query(text: str) -> str:
    if text.endswith(".rq") or ("\n" not in text and _is_file(text)):
        path = Path(text)
        if not path.is_file():
            raise QueryError(f"no query file {text}")
        return path.read_text(encoding="utf-8")
    return text


def _print_table(out, result) -> None:  # type: ignore[no-untyped-def]
    from ..query.results import display

    if result.kind == "ask":
        out.out("true" if result.boolean else "false")
        return
    table = Table(show_lines=False)
    for v in result.variables:
        table.add_column(v)
    for row in result.rows:
        table.add_row(*(Text(display(t)) for t in row))
    out.print(table)
    out.print(f"{len(result.rows)} row(s)")


def _print_saved(out, saved) -> None:  # type: ignore[no-untyped-def]
    table = Table(title="Saved questions (run with --saved NAME [-p KEY=VALUE ...])", show_lines=True)
    table.add_column("name", no_wrap=True)
    table.add_column("question")
    table.add_column("parameters (default)")
    for q in saved:
        params = "\n".join(f"{p.name} = {p.default}" for p in q.params)
        table.add_row(q.name, Text(f"{q.title}\n{q.description}"), Text(params))
    out.print(table)
