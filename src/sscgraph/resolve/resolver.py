"""Mentions of all documents to canonical entities with stable keys.

Pure functions over the extraction records: the same corpus resolves to the
same entities and keys whatever the order of its documents.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..ids import entity_key
from ..model import Entity, Extraction, Mention
from . import countries

_SPACE = re.compile(r"\s+")
_BROKEN = re.compile(r"(\w)-\s*\n\s*(\w)")
_DASHES = re.compile(r"\s*[-‐‑‒–—/]\s*")
_PUNCT = re.compile(r"[\"“”‘’()\[\]{}*,;:!?]")
#: British and American spellings of words frequent in names, read as one.
_SPELLINGS = {
    "programme": "program",
    "programmes": "programs",
    "centre": "center",
    "centres": "centers",
    "organisation": "organization",
    "organisations": "organizations",
}
_SPELLING = re.compile(r"\b(" + "|".join(_SPELLINGS) + r")\b")


def normalise(text: str) -> str:
    """The comparison form of a name.

    Folded case and accents; no leading article, possessive or stray
    punctuation; hyphens and dashes as spaces; a word broken over a line
    joined; British and American spellings of name words read as one
    (Programme/Program, Centre/Center, Organisation/Organization).
    """
    t = _BROKEN.sub(r"\1\2", text).replace("’", "'")
    t = countries.fold(t)
    t = t.replace("'s ", " ")
    t = re.sub(r"'s?$", "", t)
    t = _PUNCT.sub(" ", t)
    t = _DASHES.sub(" ", t)
    t = _SPELLING.sub(lambda m: _SPELLINGS[m.group(1)], t)
    t = _SPACE.sub(" ", t).strip(" .'")
    t = re.sub(r"^(the|a|an)\s+", "", t)
    return t


def compact(text: str) -> str:
    """Letters and digits of the normalised name only: "requirem ents" and "requirements" agree."""
    return re.sub(r"[^a-z0-9]", "", normalise(text))


@dataclass(frozen=True)
class Resolution:
    """Per document, the entity key of each mention (None: dropped); and the entities."""

    assignments: dict[str, tuple[str | None, ...]]
    entities: dict[str, Entity]


def mention_key(m: Mention) -> str | None:
    """The entity key of a mention; None when an extractor dropped it (empty key)."""
    if m.key is not None:
        return m.key or None
    return entity_key(m.type, normalise(m.text))


def resolve(extractions: Sequence[Extraction]) -> Resolution:
    assignments: dict[str, tuple[str | None, ...]] = {}
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    types: dict[str, str] = {}
    for ex in extractions:
        keys: list[str | None] = []
        for m in ex.mentions:
            key = mention_key(m)
            keys.append(key)
            if key is None:
                continue
            surfaces[key][m.text] += 1
            types.setdefault(key, m.type)
        assignments[ex.document.path] = tuple(keys)
    entities: dict[str, Entity] = {}
    for key, seen in surfaces.items():
        etype = types[key]
        if etype == "Country":
            iso3 = key.rsplit("/", 1)[1]
            info = countries.info(iso3)
            label = info.name if info else iso3
            same = (f"https://sws.geonames.org/{info.geonames_id}/",) if info and info.geonames_id else ()
            alts = tuple(sorted(s for s in seen if s != label and s != iso3))
            entities[key] = Entity(key, etype, label, alts, iso3=iso3, same_as=same)
        else:
            label = max(seen, key=lambda s: (seen[s], len(s), s))
            alts = tuple(sorted(s for s in seen if s != label))
            entities[key] = Entity(key, etype, label, alts)
    return Resolution(assignments, entities)
