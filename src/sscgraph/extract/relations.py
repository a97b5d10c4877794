"""Typed edges, events and their evidence from the prose.

Entry point for the pipeline: :func:`extract` receives one document, its
spaCy parse and the entity mentions found in it, and returns what it adds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Attribute, Document, Mention, Relation


@dataclass(frozen=True)
class ProseFacts:
    """Mentions added by relation/event extraction, and the relations and attributes found.

    Relation indices refer to the concatenation ``mentions + ProseFacts.mentions``.
    """

    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    attributes: tuple[Attribute, ...] = ()


def extract(document: Document, parsed: Any, mentions: list[Mention]) -> ProseFacts:
    """Relations among ``mentions`` of ``document`` (``parsed`` is its spaCy Doc)."""
    return ProseFacts()
