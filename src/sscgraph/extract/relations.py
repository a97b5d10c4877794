"""Typed edges, events and their evidence from the prose.

Entry point for the pipeline: :func:`extract` receives one document, its
spaCy parse and the entity mentions found in it, and returns what it adds:
events of activity tables and prose (:mod:`.event_facts`), then the edges of
the relation patterns (:mod:`.patterns`), each with its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Attribute, Document, Mention, Relation


@dataclass(frozen=True)
class ProseFacts:
    """Mentions added by relation/event extraction, and the relations and attributes found.

    Relation indices refer to the concatenation ``mentions + ProseFacts.mentions``.
    ``rekey`` lists ``(index, key)`` pairs for mentions found by earlier
    extractors: ``key`` becomes that mention's entity key, and the empty
    string drops the mention (it is kept as a record but names no entity).
    """

    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    attributes: tuple[Attribute, ...] = ()
    rekey: tuple[tuple[int, str], ...] = ()


def extract(document: Document, parsed: Any, mentions: list[Mention]) -> ProseFacts:
    """Events and relations among ``mentions`` of ``document`` (``parsed`` is its spaCy Doc)."""
    from . import event_facts
    from .evidence import Collector

    col = Collector(mentions)
    event_facts.extract(col, document.text, parsed)
    return ProseFacts(
        mentions=tuple(col.added),
        relations=col.relations,
        attributes=col.attributes,
        rekey=col.rekeys(),
    )
