"""Parameter values as RDF terms, handed to the engine as bindings.

A value typed by a user never becomes query text: it is turned into one
pyoxigraph term (whose constructor rejects what is not an IRI or escapes what
is in a literal) and the engine substitutes it for the variable. The kind and
datatype of a parameter come from its default; an IRI parameter also accepts
a name or an acronym, looked up among the labels of the graph's entities.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox

from ..errors import QueryError
from ..ids import SEGMENTS, iri
from ..vocab import PREFIXES, expand
from .engine import run
from .saved import SavedQuery

XSD = PREFIXES["xsd"]
Term = ox.NamedNode | ox.Literal

_LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(\S+))?')
_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_LEXICAL = {
    XSD + "integer": re.compile(r"[+-]?\d+"),
    XSD + "decimal": re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)"),
    XSD + "double": re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|NaN|-?INF"),
    XSD + "boolean": re.compile(r"true|false|1|0"),
    XSD + "date": re.compile(r"-?\d{4,}-\d\d-\d\d(Z|[+-]\d\d:\d\d)?"),
    XSD + "gYear": re.compile(r"-?\d{4,}(Z|[+-]\d\d:\d\d)?"),
}
_KEY_SEGMENTS = "|".join(sorted(set(SEGMENTS.values()) | {"concept", "scheme", "document"}))
_KEY = re.compile(rf"({_KEY_SEGMENTS})/\S+")

LOOKUP = """
SELECT ?name ?entity ?class (COUNT(DISTINCT ?doc) AS ?documents) WHERE {
  ?entity rdfs:label|skos:altLabel ?label ; a ?class .
  FILTER(?class IN (ssc:Project, ssc:Organisation, ssc:Country, ssc:Place, ssc:Person, ssc:Event, skos:Concept))
  FILTER(LCASE(STR(?label)) = LCASE(STR(?name)))
  OPTIONAL { ?doc ssc:mentions ?entity }
} GROUP BY ?name ?entity ?class
"""


def parse_term(text: str) -> Term:
    """An IRI or literal written in Turtle syntax (``<iri>``, ``ssc:x``, ``"a"@en``, ``2020``)."""
    t = text.strip()
    try:
        if t.startswith("<") and t.endswith(">"):
            return ox.NamedNode(t[1:-1])
        m = _LITERAL.fullmatch(t)
        if m:
            lexical = re.sub(r"\\(.)", lambda e: _ESCAPES.get(e.group(1), e.group(0)), m.group(1))
            if m.group(2):
                return ox.Literal(lexical, language=m.group(2))
            if m.group(3):
                return _typed(lexical, parse_term(m.group(3)).value)
            return ox.Literal(lexical)
        for datatype in ("integer", "decimal", "double"):
            if _LEXICAL[XSD + datatype].fullmatch(t) and t not in ("NaN", "INF", "-INF"):
                return ox.Literal(t, datatype=ox.NamedNode(XSD + datatype))
        if t in ("true", "false"):
            return ox.Literal(t, datatype=ox.NamedNode(XSD + "boolean"))
        return ox.NamedNode(expand(t))
    except ValueError as exc:
        raise QueryError(f"not an RDF term: {text!r} ({exc})") from None


def _typed(lexical: str, datatype: str) -> ox.Literal:
    pattern = _LEXICAL.get(datatype)
    if pattern and not pattern.fullmatch(lexical.strip()):
        short = datatype.replace(XSD, "xsd:")
        raise QueryError(f"{lexical!r} is not a valid {short}")
    return ox.Literal(lexical.strip() if pattern else lexical, datatype=ox.NamedNode(datatype))


def bind_value(saved: SavedQuery, name: str, value: str, store: Any) -> Term:
    """The term for ``value`` given to parameter ``name`` of ``saved``."""
    param = saved.param(name)
    default = parse_term(param.default)
    value = value.strip()
    if not value:
        raise QueryError(f"parameter {name!r} of {saved.name!r} is empty")
    if isinstance(default, ox.Literal):
        if _LITERAL.fullmatch(value):
            return parse_term(value)
        if default.language:
            return ox.Literal(value, language=default.language)
        return _typed(value, default.datatype.value)
    if value.startswith("<") and value.endswith(">"):
        return parse_term(value)
    if re.match(r"(https?|urn|file):", value):
        return parse_term(f"<{value}>")
    if _KEY.fullmatch(value):
        return ox.NamedNode(iri(value))
    prefix = value.partition(":")[0]
    if ":" in value and prefix in PREFIXES and " " not in value:
        return parse_term(value)
    return lookup(store, value, cls=param.cls, param=name)


def lookup(store: Any, name: str, *, cls: str | None = None, param: str = "value") -> ox.NamedNode:
    """The entity whose label or alias is ``name`` (any case); the most mentioned one wins.

    With ``cls`` (an entity class), entities of that class are preferred.
    """
    rows = run(store, LOOKUP, bindings={"name": ox.Literal(name)}).rows
    wanted = PREFIXES["ssc"] + cls if cls else None
    ranked = sorted(rows, key=lambda r: (wanted is not None and r[2].value != wanted, -int(r[3].value), r[1].value))
    if not ranked:
        raise QueryError(f"{param}: no entity is called {name!r}; give its IRI or another name")
    return ranked[0][1]


def bind(saved: SavedQuery, values: Mapping[str, str], store: Any) -> dict[str, Term]:
    """Bindings for every parameter of ``saved``: the given values, else the defaults."""
    for name in values:
        saved.param(name)
    out: dict[str, Term] = {}
    for p in saved.params:
        given = values.get(p.name)
        out[p.name] = bind_value(saved, p.name, given, store) if given is not None else parse_term(p.default)
    return out


__all__ = ["bind", "bind_value", "lookup", "parse_term"]
