"""Collects what the event and relation extractors add to one document, with evidence.

:class:`Collector` starts from the mentions found by NER and gathers new
mentions, re-keyed or dropped NER mentions, typed edges and attributes. Every
edge carries the name of the rule or pattern that made it, a confidence, the
sentence it was read from and that sentence's character offsets; the same edge
found twice keeps its most confident evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..model import Attribute, Mention, Relation


@dataclass(frozen=True)
class Evidence:
    """Where an edge was read: a sentence (or table line) and its offsets in the document."""

    text: str
    start: int
    end: int


class Collector:
    """Mentions, edges and attributes found in one document, indexed like the pipeline expects.

    Mention indices below ``len(base)`` are NER mentions; later ones were added
    here. Relations refer to that concatenation.
    """

    def __init__(self, base: list[Mention]) -> None:
        self.base = list(base)
        self.added: list[Mention] = []
        self.rekeyed: dict[int, str] = {}
        self._relations: dict[tuple[int, str, int], Relation] = {}
        self._attributes: dict[tuple[int | None, str, str], Attribute] = {}
        self._spans: dict[tuple[int | None, int | None, str, str | None], int] = {}

    # ------------------------------------------------------------ mentions
    def __len__(self) -> int:
        return len(self.base) + len(self.added)

    def mention(self, index: int) -> Mention:
        """The mention at ``index``, with the key it was given here."""
        m = self.base[index] if index < len(self.base) else self.added[index - len(self.base)]
        if index in self.rekeyed:
            return replace(m, key=self.rekeyed[index])
        return m

    def live(self) -> list[tuple[int, Mention]]:
        """The mentions that still name an entity, in document order."""
        out = [(i, self.mention(i)) for i in range(len(self)) if self.rekeyed.get(i) != ""]
        return sorted(out, key=lambda t: (t[1].start if t[1].start is not None else -1, t[0]))

    def add(self, m: Mention) -> int:
        """Add a mention (once per span, type and key); its index."""
        sig = (m.start, m.end, m.type, m.key)
        if sig in self._spans:
            return self._spans[sig]
        self.added.append(m)
        index = len(self) - 1
        self._spans[sig] = index
        return index

    def rekey(self, index: int, key: str) -> None:
        """Give an NER mention an entity key; the empty string drops it."""
        if index < len(self.base):
            self.rekeyed[index] = key
        else:
            j = index - len(self.base)
            self.added[j] = replace(self.added[j], key=key)

    def drop(self, index: int) -> None:
        self.rekey(index, "")

    def dropped(self, index: int) -> bool:
        return self.rekeyed.get(index) == ""

    # ------------------------------------------------------------ facts
    def relate(
        self,
        subject: int,
        predicate: str,
        obj: int,
        extractor: str,
        confidence: float,
        evidence: Evidence | None = None,
    ) -> bool:
        """Record an edge between two mentions; False when it is a loop or a dropped mention."""
        if subject == obj or self.dropped(subject) or self.dropped(obj):
            return False
        s, o = self.mention(subject), self.mention(obj)
        if s.key and s.key == o.key:
            return False
        rel = Relation(
            subject=subject,
            predicate=predicate,
            object=obj,
            extractor=extractor,
            confidence=round(confidence, 3),
            start=evidence.start if evidence else None,
            end=evidence.end if evidence else None,
            sentence=evidence.text if evidence else None,
        )
        sig = (subject, predicate, obj)
        old = self._relations.get(sig)
        if old is None or old.confidence < rel.confidence:
            self._relations[sig] = rel
        return True

    def attribute(self, subject: int | None, prop: str, value: str, *, kind: str = "literal", extractor: str = "") -> None:
        sig = (subject, prop, value)
        self._attributes.setdefault(sig, Attribute(subject, prop, value, kind=kind, extractor=extractor))

    @property
    def relations(self) -> tuple[Relation, ...]:
        return tuple(self._relations.values())

    @property
    def attributes(self) -> tuple[Attribute, ...]:
        return tuple(self._attributes.values())

    def rekeys(self) -> tuple[tuple[int, str], ...]:
        return tuple(sorted(self.rekeyed.items()))


__all__ = ["Collector", "Evidence"]
