"""Comparison forms of names: the one definition of when two surfaces read as the same name."""

from __future__ import annotations

import re
from functools import lru_cache

from ..resources import ontology_path, parse_yaml
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


@lru_cache(maxsize=65536)
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


@lru_cache(maxsize=65536)
def compact(text: str) -> str:
    """Letters and digits of the normalised name only: "requirem ents" and "requirements" agree."""
    return re.sub(r"[^a-z0-9]", "", normalise(text))


@lru_cache(maxsize=1)
def project_words() -> frozenset[str]:
    """The words that end a project's name ("project", "programme" …), in lower case
    (``project_words`` of ``ontology/ner-rules.yaml``)."""
    data = parse_yaml(ontology_path("ner-rules.yaml").read_text("utf-8")) or {}
    return frozenset(str(w).lower() for w in data.get("project_words") or ())


def names_the_record(key: str) -> bool:
    """Whether a front-matter key holds the record's own name ("title", "project_name")."""
    return bool(set(re.split(r"[\s_\-]+", key.strip().lower())) & {"title", "name"})
