"""Projects named after the country they serve ("the Sri Lanka Project", "Kenya Programme").

A Project mention whose name starts with a country's name targets that
country (``ssc:targetsCountry``); the phrase "<Country> Project" is also a
Project mention where NER missed it or an activity table's row swallowed it
("Kenya Project: Improving …"), so the project of a table row, of the table of
contents and of the narrative is one node.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..model import Document, Mention
from .evidence import Collector, Evidence

if TYPE_CHECKING:
    from .frontmatter import FrontMatterFacts

_HEADS = ("Project", "Programme", "Program", "Initiative")


@lru_cache(maxsize=1)
def _phrase() -> re.Pattern[str]:
    heads = "|".join(_HEADS)
    return re.compile(rf"(?<![\w-])((?:[A-Z][\w'’.-]*[ ]){{1,4}})(?:{heads})\b")


def _country(name: str) -> tuple[str, str] | None:
    """(ISO-3, the country words) when ``name`` is "<country> <Project>"."""
    from ..resolve import countries

    words = name.split()
    if len(words) < 2 or words[-1] not in _HEADS:
        return None
    for n in range(len(words) - 1, 0, -1):
        lead = " ".join(words[:n])
        iso3 = countries.from_name(lead.removeprefix("The ").removeprefix("the "))
        if iso3 and n == len(words) - 1:
            return iso3, lead
    return None


def _line(text: str, start: int, end: int) -> Evidence:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    b = len(text) if b < 0 else b
    line = text[a:b]
    lead = len(line) - len(line.lstrip())
    return Evidence(line.strip(), a + lead, a + lead + len(line.strip()))


def apply(col: Collector, text: str) -> None:
    """Country-named projects: mentions where missing, and the country each one targets."""
    projects: dict[tuple[int, int], int] = {}
    for i, m in col.live():
        if m.type == "Project" and m.start is not None and m.end is not None:
            projects[(m.start, m.end)] = i
    for mt in _phrase().finditer(text):
        start, end = mt.start(), mt.end()
        if text[start:end].split()[0].lower() == "the":
            start += 4
        if _country(text[start:end]) is None or (start, end) in projects:
            continue
        if any(s <= start and end <= e for s, e in projects):
            continue
        projects[(start, end)] = col.add(Mention(text[start:end], "Project", "rule:project-country", 0.8, start, end,
                                                 _line(text, start, end).text))
    live = dict(col.live())
    for (start, end), i in projects.items():
        found = _country(" ".join(text[start:end].split()))
        if found is None:
            continue
        iso3, lead = found
        country = next(
            (j for j, m in live.items() if m.start == start and (m.key == "country/" + iso3)),
            None,
        )
        if country is None:
            country = col.add(Mention(lead, "Country", "rule:project-country", 0.9, start, start + len(lead),
                                      _line(text, start, end).text, key="country/" + iso3))
        col.relate(i, "targetsCountry", country, "pattern:country-project", 0.85, _line(text, start, end))


_THIS = re.compile(r"\b[Tt]his\s+(?:[a-z-]+\s+){0,2}?(?:project|pilot|programme|program|initiative)\b")


@lru_cache(maxsize=1)
def _default_mapping():  # noqa: ANN202 - parsed once per process, not once per document
    from . import frontmatter

    return frontmatter.load_mapping(None)


def record_facts(document: Document) -> FrontMatterFacts:
    """The front-matter facts of ``document`` under the default mapping (when no build gives them)."""
    from . import frontmatter

    return frontmatter.extract(document.metadata, _default_mapping(), document.path)


def record_project(col: Collector, document: Document, facts: FrontMatterFacts) -> int | None:
    """The project a project record (front matter) is about, as a mention; and "this project" in it.

    ``facts`` are the document's front-matter facts under the build's mapping.
    Returns the mention's index, or None when the document is no project record.
    """
    if facts.project is None:
        return None
    own = facts.mentions[facts.project]
    record = col.add(Mention(own.text, "Project", "rule:record-project", 0.9, key=own.key))
    for m in _THIS.finditer(document.text):
        # named by the project's title: "this pilot" is no name of its own
        col.add(Mention(own.text, "Project", "rule:this-project", 0.7, m.start(), m.end(),
                        _line(document.text, m.start(), m.end()).text, key=own.key))
    return record


def _record_countries(facts: FrontMatterFacts) -> set[str]:
    return {m.key for m in facts.mentions if m.type == "Country" and m.key}


def _countries_in(tokens: Any, col: Collector, where: dict[int, str]) -> set[str]:
    """Country keys named by mentions or demonyms ("Chinese experts") among ``tokens``."""
    from .components import load_rules

    demonyms = load_rules().demonyms
    out = set()
    for t in tokens:
        if t.i in where:
            out.add(where[t.i])
        elif t.text in demonyms and demonyms[t.text]:
            out.add("country/" + demonyms[t.text])
    return out


_WHERE = {"in", "at", "across", "within", "throughout", "inside"}


def _not_where(tok: Any) -> list[Any]:
    """The subtree of ``tok`` without its "in <place>" phrases ("the project in Ethiopia")."""
    out = [tok]
    for c in tok.children:
        if not (c.dep_ == "prep" and c.lower_ in _WHERE):
            out.extend(_not_where(c))
    return out


def _givers_by_name(parsed: Any, col: Collector, where: dict[int, str], r: dict[str, Any]) -> set[str]:
    """Countries named as the source of knowledge: "Brazil's experience", "Chinese technology",
    "expertise from Viet Nam", "learning from Ethiopia", "a study visit to Kenya"."""
    knowledge, learn, visits = set(r["knowledge"]), set(r["learn"]), set(r["visits"])
    out: set[str] = set()
    for tok in parsed:
        low = tok.lower_
        if low in knowledge:
            owners = [c for c in tok.children if c.dep_ in ("poss", "amod", "compound", "nmod")]
            owners += [w for c in tok.children if c.dep_ == "prep" and c.lower_ == "from" for w in c.subtree]
            out |= _countries_in((w for o in owners for w in (o.subtree if o.dep_ != "prep" else [o])), col, where)
        elif low in learn or low in visits:
            word = "from" if low in learn else "to"
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == word:
                    out |= _countries_in(c.subtree, col, where)
    return out


def providers(col: Collector, parsed: Any, facts: FrontMatterFacts) -> tuple[str, ...]:
    """Countries of a project record's country list that the prose shows on the providing side.

    A country is a provider when a sentence has it (or its people: "Chinese experts") as the one
    who shares, transfers or provides expertise, experts, training … to another country of the
    list, or when it funds a project of the document.
    """
    from .appositions import rules
    from .patterns import effective_type

    listed = _record_countries(facts)
    if len(listed) < 2 or parsed is None or not parsed.has_annotation("DEP"):
        return ()
    r = rules()["provider"]
    verbs, objects = set(r["verbs"]), set(r["objects"])
    where: dict[int, str] = {}
    for _i, m in col.live():
        if m.start is None or m.end is None or effective_type(m) != "Country":
            continue
        key = m.key if m.key and m.key.startswith("country/") else None
        if key is None:
            from ..resolve import countries

            iso3 = countries.from_name(m.text)
            key = "country/" + iso3 if iso3 else None
        span = parsed.char_span(m.start, m.end, alignment_mode="expand")
        if key and span is not None:
            for t in span:
                where[t.i] = key
    found: set[str] = set()
    for tok in parsed:
        if tok.lower_ not in verbs or tok.pos_ not in ("VERB", "AUX"):
            continue
        kids = list(tok.children)
        if not any(w.lower_ in objects for k in kids if k.dep_ in ("dobj", "nsubjpass", "nsubj", "prep", "agent")
                   for w in k.subtree):
            continue
        agent = [k for k in kids if k.dep_ == "agent"]
        if agent:  # "farmers of X were trained by Chinese experts"
            giving = _countries_in((w for a in agent for w in _not_where(a)), col, where)
            taking = _countries_in((w for k in kids if k.dep_ == "nsubjpass" for w in k.subtree), col, where)
        else:
            giving = _countries_in((w for k in kids if k.dep_ == "nsubj" for w in _not_where(k)), col, where)
            taking = _countries_in((w for k in kids if k.dep_ in ("prep", "dative", "dobj") for w in k.subtree
                                    if w.i > tok.i), col, where)
        giving &= listed
        if giving and (taking & listed) - giving:
            found |= giving
    found |= _givers_by_name(parsed, col, where, r) & listed
    for rel in col.relations:
        if rel.predicate == "fundedBy":
            key = col.mention(rel.object).key
            if key in listed:
                found.add(key)
    if not listed - found:
        return ()  # every country of the list seems to give: read none of them as the provider
    return tuple(sorted(found))


#: "**Countries:** A, B", "- Funded by: X", "Implementing partners: A; B": a label and its value.
_LABEL_LINE = re.compile(r"^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?(?P<label>[A-Za-z][A-Za-z ()/-]{1,40}?)[ \t]*"
                         r"(?::[ \t]*(?:\*\*|__)|(?:\*\*|__)[ \t]*:|:)[ \t]*(?P<value>\S.*)$", re.M)


@lru_cache(maxsize=1)
def _labels() -> tuple[dict[str, tuple[str, frozenset[str]]], str, float]:
    """Label (lower case, single-spaced) → (predicate, allowed classes); the extractor; the confidence."""
    from .appositions import rules

    r = rules()["labels"]
    by_label = {" ".join(w.lower().split()): (p["predicate"], frozenset(p["types"]))
                for p in r["predicates"] for w in p["labels"]}
    return by_label, "pattern:" + r["name"], r["confidence"]


def labels(col: Collector, text: str, project: int | None) -> None:
    """Label lines of a brief ("**Countries:** Fiji, Tonga") give edges of the document's project:
    each mention of an allowed class on the line is an object of the label's predicate."""
    from .patterns import effective_type

    if project is None:
        return
    by_label, extractor, confidence = _labels()
    placed = [(m.start, i, effective_type(m)) for i, m in col.live() if m.start is not None]
    for line in _LABEL_LINE.finditer(text):
        found = by_label.get(" ".join(line.group("label").lower().split()))
        if found is None:
            continue
        predicate, types = found
        a, b = line.start("value"), line.end("value")
        ev = _line(text, a, b)
        for start, i, t in placed:
            if a <= start < b and t in types:
                col.relate(project, predicate, i, extractor, confidence, ev)


__all__ = ["apply", "labels", "providers", "record_facts", "record_project"]
