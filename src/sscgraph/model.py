"""Frozen records that cross stage boundaries.

``ingest`` makes :class:`Document`; the extractors make :class:`Mention`,
:class:`Relation` and :class:`Attribute` records bundled per document in an
:class:`Extraction`; ``resolve`` turns mentions into :class:`Entity` records.
No stage mutates another stage's objects, and nothing here knows about RDF.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

#: The six entity classes of the RDF contract, by their local names.
ENTITY_TYPES: tuple[str, ...] = ("Project", "Organisation", "Country", "Place", "Person", "Event")


@dataclass(frozen=True)
class Document:
    """One input file: its text without front matter, its metadata and identity."""

    path: str  # relative to the input root, POSIX separators
    text: str
    metadata: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    sha256: str = ""
    encoding: str = "utf-8"
    source: str = ""  # absolute path of the file that was read
    body_offset: int = 0  # character offset of ``text`` inside the decoded file

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input file, reported by name and reason."""

    path: str
    reason: str
    severity: str = "error"  # "error": the file was skipped; "warning": built with a caveat
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Mention:
    """A span of a document (or a front-matter value) naming an entity.

    ``key`` is an identity hint an extractor is sure of (an ISO-3 code, a
    gazetteer id, a front-matter project id); resolution decides the rest.
    """

    text: str
    type: str  # one of ENTITY_TYPES
    extractor: str  # "frontmatter:<key>", "model:<LABEL>", "gazetteer", "rule:<name>"
    confidence: float = 1.0
    start: int | None = None  # character offsets in Document.text
    end: int | None = None
    sentence: str | None = None
    key: str | None = None  # e.g. "country:KHM", "org:ifad", "project:undp-00070609"
    long_form: str | None = None  # the expansion when the text defines an acronym
    owner: str | None = None  # ISO-3 of a country written with it ("… of Ghana", "Kenya's …")


@dataclass(frozen=True)
class Relation:
    """A typed edge between two mentions of the same document, with its evidence."""

    subject: int  # index into Extraction.mentions
    predicate: str  # local name in the ssc: namespace, e.g. "fundedBy"
    object: int
    extractor: str
    confidence: float = 1.0
    start: int | None = None
    end: int | None = None
    sentence: str | None = None


@dataclass(frozen=True)
class Attribute:
    """A literal or concept-valued property of a mentioned entity or of the document.

    ``subject`` is a mention index, or ``None`` for the document itself.
    ``kind`` is "literal", "date", "url" or "concept"; for concepts ``value`` is
    the code and ``scheme`` names the concept scheme.
    """

    subject: int | None
    property: str  # a CURIE such as "dcterms:description" or "ssc:region"
    value: str
    kind: str = "literal"
    scheme: str | None = None
    label: str | None = None
    extractor: str = ""


@dataclass(frozen=True)
class Extraction:
    """Everything the extractors found in one document."""

    document: Document
    title: str
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    attributes: tuple[Attribute, ...] = ()
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Entity:
    """A canonical entity after resolution: one node of the graph."""

    key: str  # canonical identity, e.g. "country:KHM"; the IRI is minted from it
    type: str
    label: str
    alt_labels: tuple[str, ...] = ()
    iso3: str | None = None
    same_as: tuple[str, ...] = ()
    country: str | None = None  # ISO-3 of the country it is located in, when known
    kind: str | None = None  # finer category (gazetteer kind, place kind)


def freeze(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    """A read-only view of a mapping, for front matter carried by a Document."""
    return MappingProxyType(dict(mapping))
