"""Query results written in the W3C formats (SPARQL 1.1 Query Results JSON, XML, CSV, TSV) and RDF.

Written here rather than by pyoxigraph's serialiser because results may be cut
at a row cap first; tests read every format back with independent parsers.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from ..errors import QueryError
from ..vocab import PREFIXES, SERIALISATION_PREFIXES
from .engine import Result

XSD_STRING = PREFIXES["xsd"] + "string"
RDF_LANG_STRING = PREFIXES["rdf"] + "langString"

#: format name → media type, for solutions (and booleans)
SOLUTION_FORMATS: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
#: format name → (media type, pyoxigraph format), for CONSTRUCT and DESCRIBE
GRAPH_FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    "turtle": ("text/turtle", ox.RdfFormat.TURTLE),
    "ntriples": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "rdfxml": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
}


def _json_term(term: object) -> dict[str, object]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        }}
    raise QueryError(f"cannot write a {type(term).__name__} in query results")


def to_json(result: Result) -> str:
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)})
    bindings = [
        {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None} for row in result.rows
    ]
    return json.dumps({"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}},
                      ensure_ascii=False)


def _xml_term(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        parts = (("subject", term.subject), ("predicate", term.predicate), ("object", term.object))
        return "<triple>" + "".join(f"<{n}>{_xml_term(t)}</{n}>" for n, t in parts) + "</triple>"
    raise QueryError(f"cannot write a {type(term).__name__} in query results")


def to_xml(result: Result) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    out.append("</head>")
    if result.kind == "ask":
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in result.rows:
            cells = "".join(
                f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                for v, t in zip(result.variables, row, strict=True) if t is not None
            )
            out.append(f"<result>{cells}</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def _csv_value(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value  # type: ignore[attr-defined]


def to_csv(result: Result) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
        return buf.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_csv_value(t) for t in row])
    return buf.getvalue()


def _tsv_term(term: object) -> str:
    return "" if term is None else str(term)


def to_tsv(result: Result) -> str:
    if result.kind == "ask":
        return "?boolean\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


WRITERS: dict[str, Callable[[Result], str]] = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}


def to_rdf(result: Result, fmt: str = "turtle") -> bytes:
    """The triples of a CONSTRUCT or DESCRIBE result, serialised."""
    try:
        media, rdf_format = GRAPH_FORMATS[fmt]
    except KeyError:
        raise QueryError(f"unknown RDF format {fmt!r}; known: {', '.join(GRAPH_FORMATS)}") from None
    kwargs = {"prefixes": SERIALISATION_PREFIXES} if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else {}
    data = ox.serialize(list(result.triples), format=rdf_format, **kwargs)
    return data if data is not None else b""


def write(result: Result, fmt: str) -> tuple[bytes, str]:
    """The body and media type of ``result`` in ``fmt`` (a solution or an RDF format name)."""
    if result.kind == "graph":
        name = fmt if fmt in GRAPH_FORMATS else "turtle"
        return to_rdf(result, name), GRAPH_FORMATS[name][0]
    if fmt not in WRITERS:
        known = ", ".join(WRITERS)
        raise QueryError(f"unknown results format {fmt!r}; known: {known}")
    return WRITERS[fmt](result).encode("utf-8"), SOLUTION_FORMATS[fmt]


def display(term: object) -> str:
    """A short human form of a term for tables: prefixed IRIs, bare literal values."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in PREFIXES.items():
            if term.value.startswith(ns) and len(term.value) > len(ns):
                return term.value[len(ns):] if prefix == "id" else f"{prefix}:{term.value[len(ns):]}"
        return term.value
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


__all__ = ["GRAPH_FORMATS", "SOLUTION_FORMATS", "WRITERS", "display", "to_csv", "to_json", "to_rdf",
           "to_tsv", "to_xml", "write"]
