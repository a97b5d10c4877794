"""The ``sscgraph`` command line: a thin shell over the library.

Each command parses its arguments, calls one library function and renders the
result. Commands live in their own modules and are imported only when run, so
``sscgraph --help`` stays fast.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from ..errors import SscGraphError

DEFAULT_GRAPH = os.environ.get("SSCGRAPH_GRAPH", "sscgraph-data")

#: command name → (module, attribute, one-line help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "build": ("build", "build", "Build or update the graph from a folder of documents."),
    "stats": ("build", "stats", "Count documents, entities by type and edges by predicate."),
    "validate": ("build", "validate", "Check the graph against the SHACL shapes."),
    "export": ("export", "export", "Write the graph as RDF (TriG, N-Quads, Turtle, JSON-LD) or for Gephi."),
    "query": ("query", "query", "Run a SPARQL query or a saved analyst question."),
    "serve": ("serve", "serve", "Serve a read-only SPARQL endpoint and query page."),
    "analyze": ("analyze", "analyze", "Rank central actors and find communities."),
    "viz": ("viz", "viz", "Write interactive network pages (self-contained HTML)."),
    "evaluate": ("evaluate", "evaluate", "Score the graph against a gold annotation file."),
    "why": ("why", "why", "Show the evidence sentences behind an edge."),
    "push": ("push", "push", "Send the document graphs to a SPARQL Graph Store endpoint."),
}


class LazyGroup(click.Group):
    """A group whose commands are imported when used; missing modules are left out."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._spec(name) is not None]

    @staticmethod
    def _spec(name: str) -> tuple[str, str, str] | None:
        spec = COMMANDS.get(name)
        if spec is None:
            return None
        module = f"{__name__}.{spec[0]}"
        if importlib.util.find_spec(module) is None:
            return None
        return spec

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        spec = self._spec(name)
        if spec is None:
            return None
        module = importlib.import_module(f"{__name__}.{spec[0]}")
        return getattr(module, spec[1])

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="sscgraph")
def cli() -> None:
    """sscgraph: a knowledge graph of South-South and triangular cooperation.

    Builds a typed RDF graph of projects, organisations, countries, places,
    persons and events from project records, reports and news, then lets you
    query it (SPARQL), analyse it (centrality, communities), export it (Gephi,
    RDF) and draw it (interactive HTML pages).

    Every command reads and writes the graph folder given by --graph
    (default: ./sscgraph-data, or $SSCGRAPH_GRAPH).

    Example: sscgraph build seeds/ && sscgraph stats
    """


def main() -> None:
    """Console entry point: domain errors become one line on stderr, never a traceback."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except SscGraphError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("Interrupted; the store keeps every document written before.", err=True)
        sys.exit(130)
