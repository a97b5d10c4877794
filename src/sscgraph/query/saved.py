"""Saved analyst questions: ``queries/<name>.rq`` files with a comment header.

A saved query is plain SPARQL preceded by comment lines that describe it::

    # title: Partners of an organisation
    # description: Organisations linked to ORG by ssc:partnerOf, with the
    #   number of documents stating the partnership.
    # param: org: Organisation = <https://w3id.org/sscgraph/id/organisation/wfp> (the organisation; a name or acronym is looked up)
    SELECT ?org ?partner ...

``param`` lines read ``NAME[: CLASS] = DEFAULT (DESCRIPTION)``. DEFAULT is an
RDF term in Turtle syntax (``<iri>``, ``ssc:term``, ``"text"``,
``"2020-01-01"^^xsd:date``, ``2020``); its kind and datatype are the
parameter's type. CLASS (one of the entity classes) narrows the label lookup
used when a user gives a name instead of an IRI. A parameter is *bound* by the
engine (SEP-0007 substitution), never pasted into the text, so the variable
must appear in the query's projection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import QueryError
from ..resources import queries_dir

_HEADER = re.compile(r"^#\s*(?P<key>[a-z]+)\s*:\s*(?P<value>.*)$")
_CONTINUATION = re.compile(r"^#\s{2,}(?P<value>\S.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*(?P<cls>[A-Za-z]+)\s*)?=\s*"
    r"(?P<default>\"[^\"]*\"\S*|\S+)\s*(?:\((?P<description>.*)\))?\s*$"
)
ENTITY_CLASSES = ("Project", "Organisation", "Country", "Place", "Person", "Event")


@dataclass(frozen=True)
class Param:
    """One parameter of a saved query."""

    name: str
    default: str
    description: str = ""
    cls: str | None = None


@dataclass(frozen=True)
class SavedQuery:
    """A saved question: its file name (without ``.rq``), header and SPARQL text."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: str

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(f"saved query {self.name!r} has no parameter {name!r}; known: {known}")


def parse_saved(text: str, *, name: str, path: str = "") -> SavedQuery:
    """Read the header of a saved query; the SPARQL text is kept whole."""
    fields: dict[str, str] = {}
    params: list[Param] = []
    last: str | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        cont = _CONTINUATION.match(stripped)
        head = _HEADER.match(stripped)
        if cont and last in ("title", "description"):
            fields[last] += " " + cont.group("value").strip()
            continue
        if not head:
            last = None
            continue
        key, value = head.group("key"), head.group("value").strip()
        if key == "param":
            params.append(_parse_param(value, name))
            last = None
        else:
            fields[key] = value
            last = key
    if "title" not in fields:
        raise QueryError(f"saved query {name!r} ({path or 'text'}) has no '# title:' line")
    return SavedQuery(
        name=name,
        title=fields["title"],
        description=fields.get("description", ""),
        params=tuple(params),
        text=text,
        path=path,
    )


def _parse_param(value: str, query: str) -> Param:
    m = _PARAM.match(value)
    if not m:
        raise QueryError(
            f"saved query {query!r}: cannot read parameter line {value!r}; "
            "expected 'NAME[: CLASS] = DEFAULT (DESCRIPTION)'"
        )
    cls = m.group("cls")
    if cls and cls not in ENTITY_CLASSES:
        raise QueryError(f"saved query {query!r}: unknown class {cls!r}; known: {', '.join(ENTITY_CLASSES)}")
    return Param(m.group("name"), m.group("default"), (m.group("description") or "").strip(), cls)


def list_saved(directory: str | Path | None = None) -> list[SavedQuery]:
    """Every saved query in ``directory`` (default: the project's ``queries/``), sorted by name."""
    folder = Path(directory) if directory else queries_dir()
    return [load_saved(p.stem, folder) for p in sorted(folder.glob("*.rq"))]


def load_saved(name: str, directory: str | Path | None = None) -> SavedQuery:
    """The saved query called ``name`` (a file name without ``.rq``)."""
    folder = Path(directory) if directory else queries_dir()
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", name) or name.startswith("."):
        raise QueryError(f"not a saved query name: {name!r}")
    path = folder / f"{name.removesuffix('.rq')}.rq"
    if not path.is_file():
        known = ", ".join(p.stem for p in sorted(folder.glob("*.rq"))) or "none"
        raise QueryError(f"no saved query {name!r}; known: {known}")
    return parse_saved(path.read_text(encoding="utf-8"), name=path.stem, path=str(path))


__all__ = ["ENTITY_CLASSES", "Param", "SavedQuery", "list_saved", "load_saved", "parse_saved"]
