"""Typed edges, events and their evidence from the prose.

Entry point for the pipeline: :func:`extract` receives one document, its
spaCy parse and the entity mentions found in it, and returns what it adds:
events of activity tables and prose (:mod:`.event_facts`), then the edges of
the relation patterns (:mod:`.patterns`), each with its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model import Attribute, Document, Mention, Relation

if TYPE_CHECKING:
    from .frontmatter import FrontMatterFacts


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
    providers: tuple[str, ...] = ()
    """Country keys of the document's front-matter country list that the prose shows as the
    providing side of the project: they are not countries the project targets."""


def extract(
    document: Document, parsed: Any, mentions: list[Mention], record: FrontMatterFacts | None = None
) -> ProseFacts:
    """Events and relations among ``mentions`` of ``document`` (``parsed`` is its spaCy Doc).

    ``record`` is what the document's front matter says under the build's mapping
    (the project it is about, its countries); without it the default mapping is read.
    """
    from . import appositions, event_facts, patterns, projects
    from .evidence import Collector

    if record is None:
        record = projects.record_facts(document)
    col = Collector(mentions)
    index = event_facts.extract(col, document.text, parsed)
    if parsed is not None and parsed.has_annotation("DEP"):
        projects.apply(col, document.text)
        own = projects.record_project(col, document, record)
        patterns.apply(col, parsed, skip_spans=index.table_spans, record=own)
        appositions.apply(col, parsed, document.text, skip_spans=index.table_spans)
        projects.labels(col, document.text, own if own is not None else patterns.document_project(col, parsed))
    providers = projects.providers(col, parsed, record)
    return ProseFacts(
        mentions=tuple(col.added),
        relations=col.relations,
        attributes=col.attributes,
        rekey=col.rekeys(),
        providers=providers,
    )
