"""Stable IRIs minted from content, never from counters or run order.

An entity's *key* is the path of its IRI below :data:`~sscgraph.vocab.ID_BASE`
(``country/KHM``, ``organisation/ifad``, ``person/qu-sixi``), so the same
canonical identity gives the same IRI on every rebuild and on every machine.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

from .vocab import ID_BASE

_NON_SLUG = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 80

#: Path segment of each entity class.
SEGMENTS: dict[str, str] = {
    "Project": "project",
    "Organisation": "organisation",
    "Country": "country",
    "Place": "place",
    "Person": "person",
    "Event": "event",
}


def slug(text: str) -> str:
    """Lowercase ASCII words joined by hyphens; long ones end in a short hash.

    >>> slug("Ministry of Commerce (MOFCOM)")
    'ministry-of-commerce-mofcom'
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    s = _NON_SLUG.sub("-", folded.lower()).strip("-")
    if not s:
        s = "x" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    if len(s) > MAX_SLUG:
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
        s = s[:MAX_SLUG].rstrip("-") + "-" + digest
    return s


def entity_key(entity_type: str, *parts: str) -> str:
    """The key of an entity of ``entity_type`` identified by ``parts``."""
    try:
        segment = SEGMENTS[entity_type]
    except KeyError:
        known = ", ".join(SEGMENTS)
        raise ValueError(f"unknown entity type {entity_type!r}; known: {known}") from None
    return "/".join([segment, *(p if _is_code(p) else slug(p) for p in parts)])


def _is_code(part: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{3}", part))


def concept_key(scheme: str, code: str) -> str:
    return f"concept/{slug(scheme)}/{slug(code)}"


def scheme_key(scheme: str) -> str:
    return f"scheme/{slug(scheme)}"


def iri(key: str) -> str:
    """The full IRI of a key."""
    return ID_BASE + key


def document_iri(path: str) -> str:
    """The IRI of a document (and of its named graph), from its relative path."""
    return ID_BASE + "document/" + quote(path, safe="/-._~")


ENTITIES_GRAPH = ID_BASE + "graph/entities"
"""Named graph holding the canonical description of every entity (labels, types, ids)."""

ONTOLOGY_GRAPH = ID_BASE + "graph/ontology"
"""Named graph holding the ontology, so queries can read class and property labels."""
