"""Choosing a result format from a request's ``Accept`` header (or an explicit ``format``).

Solutions (SELECT) and booleans (ASK) go out as SPARQL Results JSON, XML, CSV
or TSV; graphs (CONSTRUCT, DESCRIBE) as Turtle, N-Triples, JSON-LD or RDF/XML.
What the client accepts best wins; ties keep the order of the header; a
client that accepts anything (a browser, curl) gets JSON or Turtle.
"""

from __future__ import annotations

from ..errors import QueryError
from ..query.results import GRAPH_FORMATS, SOLUTION_FORMATS

#: media types understood for each format (the first is the one sent)
SOLUTION_TYPES: dict[str, tuple[str, ...]] = {
    "json": (SOLUTION_FORMATS["json"], "application/json"),
    "xml": (SOLUTION_FORMATS["xml"], "application/xml", "text/xml"),
    "csv": (SOLUTION_FORMATS["csv"],),
    "tsv": (SOLUTION_FORMATS["tsv"],),
}
GRAPH_TYPES: dict[str, tuple[str, ...]] = {
    "turtle": (GRAPH_FORMATS["turtle"][0], "application/x-turtle"),
    "ntriples": (GRAPH_FORMATS["ntriples"][0], "text/plain"),
    "jsonld": (GRAPH_FORMATS["jsonld"][0],),
    "rdfxml": (GRAPH_FORMATS["rdfxml"][0],),
}
#: short names a ``format`` parameter may use
ALIASES = {"ttl": "turtle", "nt": "ntriples", "json-ld": "jsonld", "rdf": "rdfxml"}


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges of an ``Accept`` header with their quality, best first (stable)."""
    ranges: list[tuple[str, float, int]] = []
    for i, part in enumerate((header or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for f in fields[1:]:
            key, _, value = f.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media, q, i))
    ranges.sort(key=lambda r: (-r[1], r[2]))
    return [(m, q) for m, q, _ in ranges if q > 0]


def choose(kind: str, accept: str | None, fmt: str | None = None) -> str | None:
    """The format name for a result of ``kind`` ("select", "ask" or "graph"); None if none fits."""
    table = GRAPH_TYPES if kind == "graph" else SOLUTION_TYPES
    default = "turtle" if kind == "graph" else "json"
    if fmt:
        name = ALIASES.get(fmt.lower(), fmt.lower())
        if name in table:
            return name
        for candidate, types in table.items():
            if name in types:
                return candidate
        known = ", ".join(table)
        raise QueryError(f"format {fmt!r} does not fit this result; known: {known}")
    ranges = parse_accept(accept)
    if not ranges:
        return default
    for media, _ in ranges:
        for name, types in table.items():
            if media in types:
                return name
        if media in ("*/*", "application/*", "text/*", "text/html", "application/xhtml+xml"):
            return default
    return None
