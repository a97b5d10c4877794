"""Names many states give their own bodies, and the state a mention of one belongs to.

"Ministry of Agriculture", "Department of Fisheries" or "National Institute
of Statistics" name a different body in every country. A mention of one is
bound to a country: the one its name spells out, the one its text writes
next to it ("the Ministry of Agriculture of Ghana", "Kenya's Ministry of
Health"), or the one country its document names; else it stays a body of
its own document. The words that make such a name are data
(``state_bodies`` of ``ontology/ner-rules.yaml``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..model import Mention
from ..resources import ontology_path, parse_yaml
from . import countries
from .gazetteer import countries_named
from .names import normalise

_OWNER_AFTER = re.compile(r"\s*,?\s+(?:of|in)\s+(?:the\s+)?((?:[A-Z][\w'’.-]*\s?){1,4})")
_OWNER_BEFORE = re.compile(r"((?:[A-Z][\w.-]*\s){0,3}[A-Z][\w.-]*)(?:['’]s)?\s+$")


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    data = parse_yaml(ontology_path("ner-rules.yaml").read_text("utf-8")) or {}
    section = data.get("state_bodies") or {}
    return {k: frozenset(str(w).lower() for w in section.get(k) or ()) for k in ("qualifiers", "openings", "heads")}


def is_state_body(name: str) -> bool:
    """Whether ``name`` is a name many states give a body of theirs, with no country in it."""
    words = normalise(name).split()
    w = _words()
    if len(words) < 2 or not any(x in w["heads"] for x in words):
        return False
    qualified = words[0] in w["qualifiers"]
    opened = words[0] in w["openings"] and words[1] in _PREPOSITIONS
    return (qualified or opened) and not countries_named(name)


_PREPOSITIONS = {"of", "for", "on", "in"}


def owner(text: str, start: int | None, end: int | None) -> str | None:
    """ISO-3 of the country written right after ("of Ghana") or before ("Kenya's", "the Kenya") a mention."""
    if start is None or end is None or not text:
        return None
    after = _OWNER_AFTER.match(text, end)
    if after:
        words = after.group(1).split()
        for n in range(len(words), 0, -1):
            iso3 = countries.from_name(" ".join(words[:n]).rstrip(".,"))
            if iso3:
                return iso3
    head = text[max(0, start - 60) : start]
    head = re.sub(r"(?i)\bthe\s+$", "", head)
    before = _OWNER_BEFORE.search(head)
    if before and not before.group(1).endswith("."):  # "... and Bangladesh. CSTL": another sentence
        words = before.group(1).split()
        for n in range(len(words), 0, -1):
            iso3 = countries.from_name(" ".join(words[-n:]))
            if iso3:
                return iso3
    return None


def with_owner(m: Mention, text: str) -> Mention:
    """``m`` with :attr:`Mention.owner` set when an organisation's country is written with it."""
    if m.type != "Organisation" or m.owner is not None:
        return m
    iso3 = owner(text, m.start, m.end)
    return replace(m, owner=iso3) if iso3 else m
