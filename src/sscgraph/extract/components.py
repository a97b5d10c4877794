"""Registered spaCy components that turn the model's entities into sscgraph's.

``ssc_gazetteer``
    A phrase ruler built from ``ontology/gazetteer.yaml`` and the country
    names: names and aliases match in any case but must start with a capital,
    acronyms match their exact case. It also reads "Government of X", "the X
    Government" and "the Malawian government" as country X acting, and the
    acronym definitions of the text ("Long Name (ACR)"). Its spans go to
    ``doc.spans["ssc_ruler"]``.

``ssc_entity_rules``
    Merges the ruler's spans with the model's entities and writes
    ``doc.ents``: model spans are cut at line breaks and brackets, lose
    leading articles and titles ("Dr.", "H.E.") and trailing roles
    ("Moderator", "Country Director"); their class is decided by their head
    word (Ministry → organisation, Forum → event, Project → project,
    Province → place); headings, diseases, crops and field vocabulary are
    dropped, and so is a span whose every word the same document also uses
    in lower case ("Value Chain Development", "Climate Adaptation"), which
    is how a common phrase in title case is told from a name. Each entity
    keeps its extractor in ``span.id_`` ("gazetteer", "rule:<name>",
    "model:<LABEL>") and an identity hint in ``span.kb_id_``.

The word lists are data: ``ontology/ner-rules.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..resolve import countries
from ..resolve.gazetteer import load as load_gazetteer
from ..resources import ontology_path, parse_yaml
from . import acronyms
from .doctext import text as doc_text

RULER_KEY = "ssc_ruler"
NESTED_KEY = "ssc_nested"
#: Confidence of each way of finding an entity.
CONFIDENCE = {"gazetteer": 0.95, "country": 0.95, "government": 0.9, "acronym": 0.85, "model": 0.75, "weak": 0.55}
_LABEL_OF_TYPE = {"Organisation": "ORG", "Place": "GPE", "Country": "GPE", "Event": "EVENT",
                  "Project": "PROJECT", "Person": "PERSON"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "his", "her"}
_PREPOSITIONS = {"of", "for", "on", "in", "against", "about", "to", "at", "with", "and", "&", "by", "from"}
_HEAD_STOPS = _PREPOSITIONS - {"and", "&"}
_CLOSERS = {")", "(", "*", "**", ",", ";", ":", ".", "'s", "’s", "'", "’", "-", "–", "—", "/", "\"", "“", "”"}


@dataclass(frozen=True)
class Rules:
    organisation: frozenset[str]
    event: frozenset[str]
    project: frozenset[str]
    generic: frozenset[str]
    titles: frozenset[str]
    roles: frozenset[str]
    noise: frozenset[str]  # headings, topics, concepts
    headings: frozenset[str]
    regions: frozenset[str]
    place: frozenset[str]
    demonyms: dict[str, str]
    phrases: frozenset[str] = frozenset()  # generic names of kinds of bodies, compared without plural s
    references: frozenset[str] = frozenset()  # generic heads and other words that alone refer back

    def is_generic_phrase(self, words: list[str]) -> bool:
        """"Country Offices", "Centre of Excellence": the name of a kind of body, not of one body."""
        return _unplural(words) in self.phrases


def _words(data: dict[str, Any], name: str) -> frozenset[str]:
    return frozenset(" ".join(str(w).lower().split()) for w in data.get(name) or ())


@lru_cache(maxsize=4)
def load_rules(path: str | None = None) -> Rules:
    """The word lists of ``ontology/ner-rules.yaml`` (or ``path``)."""
    p = Path(path) if path else ontology_path("ner-rules.yaml")
    data = parse_yaml(p.read_text("utf-8")) or {}
    return Rules(
        organisation=_words(data, "organisation_words"),
        event=_words(data, "event_words"),
        project=_words(data, "project_words"),
        generic=_words(data, "generic_heads"),
        titles=_words(data, "titles"),
        roles=_words(data, "role_words"),
        noise=_words(data, "headings") | _words(data, "topics") | _words(data, "concepts"),
        headings=_words(data, "headings"),
        regions=_words(data, "regions"),
        place=_words(data, "place_words"),
        demonyms={str(k): countries.from_code(str(v)) or str(v) for k, v in (data.get("demonyms") or {}).items()},
        phrases=frozenset(_unplural(p.split()) for p in _words(data, "generic_phrases")),
        references=_words(data, "generic_heads") | _words(data, "back_reference_words"),
    )


def _unplural(words: list[str]) -> str:
    words = [w for w in words if w not in _DETERMINERS]
    return " ".join(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words)


def _after_possessor(doc: Doc, start: int, end: int, countries_before: dict[int, int]) -> int:
    """Where a body's name begins after its country's possessive: "Kenya's" + "Dairy Board" (the
    possessive says whose body it is, it is no part of the name)."""
    for cend, cstart in countries_before.items():
        if cstart == start and cend + 1 < end and doc[cend].lower_ in ("'s", "’s"):
            return cend + 1
    return start


def _owner_start(doc: Doc, start: int, end: int, country_spans: dict[int, int]) -> int | None:
    """Where a trailing "of [the] <Country>" begins inside a span, if it ends with one."""
    for cstart, cend in country_spans.items():
        if cend != end or cstart <= start + 1:
            continue
        i = cstart - 1
        if doc[i].lower_ == "the":
            i -= 1
        if i > start and doc[i].lower_ == "of":
            return i
    return None


def _span(doc: Doc, start: int, end: int, label: str, extractor: str, key: str = "") -> Span:
    return Span(doc, start, end, label=label, kb_id=key, span_id=extractor)


# ---------------------------------------------------------------- gazetteer ruler


class GazetteerRuler:
    """Gazetteer entries, country names, governments and acronym definitions as spans."""

    def __init__(self, nlp: Language, gazetteer: str | None = None, rules: str | None = None) -> None:
        self.gaz = load_gazetteer(gazetteer)
        self.rules = load_rules(rules)
        self.names = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.labels: dict[str, tuple[str, str, str]] = {}  # match id → (label, extractor, key)
        names, acrs = self.gaz.patterns()
        by_name: dict[str, list[Doc]] = {}
        by_exact: dict[str, list[Doc]] = {}
        for text, etype, ident in names:
            mid = "gaz:" + ident
            self.labels[mid] = (_LABEL_OF_TYPE.get(etype, "ORG"), "gazetteer", f"{etype.lower()}/{ident}")
            by_name.setdefault(mid, []).append(nlp.make_doc(text))
        for text, etype, ident in acrs:
            mid = "gaz:" + ident
            self.labels[mid] = (_LABEL_OF_TYPE.get(etype, "ORG"), "gazetteer", f"{etype.lower()}/{ident}")
            by_exact.setdefault(mid, []).append(nlp.make_doc(text))
        for text, iso3 in _country_names():
            mid = "country:" + iso3
            self.labels[mid] = ("GPE", "rule:country", "country/" + iso3)
            target = by_exact if _exact_case(text) else by_name
            target.setdefault(mid, []).append(nlp.make_doc(text))
        for mid, docs in by_name.items():
            self.names.add(mid, docs)
        for mid, docs in by_exact.items():
            self.exact.add(mid, docs)

    def __call__(self, doc: Doc) -> Doc:
        found: dict[tuple[int, int], list[tuple[str, str, str]]] = {}
        vocab = doc.vocab.strings
        for matcher, any_case in ((self.names, True), (self.exact, False)):
            for mid, start, end in matcher(doc):
                if any_case and not doc[start].text[:1].isupper():
                    continue
                found.setdefault((start, end), []).append(self.labels[vocab[mid]])
        spans = [self._country_city(doc, self._one(doc, start, end, labels))
                 for (start, end), labels in sorted(found.items())]
        spans.extend(self._governments(doc, spans))
        spans.extend(self._acronyms(doc, spans))
        spans.extend(self._compounds(doc, spans))
        spans.extend(self._source(doc))
        spans.extend(self._announced(doc))
        taken = {i for s in spans for i in range(s.start, s.end)}
        spans.extend(self._persons(doc, taken))
        spans.extend(self._listed_places(doc, taken))
        spans.extend(self._places_of(doc, taken))
        spans.extend(self._dateline(doc, taken))
        spans.extend(self._located_places(doc, spans))
        spans = self._continued(doc, spans)
        spans = self._units(doc, spans)
        spans.extend(self._country_projects(doc, spans))
        doc.spans[RULER_KEY] = spans
        return doc

    @staticmethod
    def _country_city(doc: Doc, span: Span) -> Span:
        """"Guatemala City", "Kuwait City": a country's name and the next capitalised word that
        GeoNames knows together as a city are that city."""
        if span.id_ != "rule:country" or span.end >= len(doc) or not doc[span.end].is_title:
            return span
        from ..resolve import places

        city = doc[span.start : span.end + 1]
        if any(p.kind == "city" for p in places.candidates(city.text)):
            return _span(doc, city.start, city.end, "GPE", "rule:place")
        return span

    def _one(self, doc: Doc, start: int, end: int, labels: list[tuple[str, str, str]]) -> Span:
        """One span for the entries a phrase matches; several entries ("MPI", "Ministry of
        Agriculture") or a national body leave the choice to the resolver, which knows the
        document's countries."""
        keys = sorted({key for _, _, key in labels})
        countries_named = [lab for lab in labels if lab[1] == "rule:country"]
        label, extractor, key = countries_named[0] if countries_named else labels[0]
        if len(keys) > 1 and not countries_named:
            key = ""
        elif extractor == "gazetteer":
            entry = self.gaz.by_key(key)
            if entry is not None and self.gaz.national(entry):
                key = ""
        return _span(doc, start, end, label, extractor, key)

    def _governments(self, doc: Doc, found: list[Span]) -> Iterable[Span]:
        """"Government of X", "the X Government", "the Malawian government": country X as an actor."""
        for s in found:
            if not s.kb_id_.startswith("country/"):
                continue
            start, end = s.start, s.end
            if start >= 2 and doc[start - 1].lower_ == "the" and doc[start - 2].lower_ == "of":
                start -= 1
            if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ == "government":
                start -= 2
                if start >= 1 and doc[start - 1].lower_ in ("royal", "federal", "national", "central"):
                    start -= 1
            elif end < len(doc) and doc[end].lower_ == "government":
                end += 1
            else:
                continue
            yield _span(doc, start, end, "GPE", "rule:government", s.kb_id_)
        for tok in doc[:-1]:
            iso3 = self.rules.demonyms.get(tok.text)
            if iso3 and doc[tok.i + 1].lower_ == "government":
                yield _span(doc, tok.i, tok.i + 2, "GPE", "rule:government", "country/" + iso3)

    def _acronyms(self, doc: Doc, found: list[Span]) -> Iterable[Span]:
        """Both forms of each acronym the text defines, and the acronym wherever else it occurs."""
        defs = acronyms.find(doc_text(doc), loose=True)
        known: dict[str, str] = {}
        full: dict[str, str] = {}  # surfaces whose name goes on after the bracket
        generic: set[str] = set()  # acronyms of kinds of bodies: "COs", "COE"
        out: list[Span] = []
        not_names: list[tuple[int, int]] = []
        for d in defs:
            long = doc.char_span(d.long_start, d.long_end, alignment_mode="expand")
            short = doc.char_span(d.short_start, d.short_end, alignment_mode="expand")
            if long is None or short is None or long.end > short.start and short.end > long.start:
                continue
            outer = [s for s in found if s.end == long.end and s.start < long.start]
            if outer:
                # "National Fund for Education Development (FNDE)": the known name, not the letters' run
                long = doc[min(s.start for s in outer) : long.end]
                d = acronyms.Definition(d.short, long.text, d.short_start, d.short_end, long.start_char,
                                        long.end_char, d.exact)
            generic_name = self.rules.is_generic_phrase([t.lower_ for t in _strip_determiners(list(long))])
            label = None if generic_name else self._definition_label(long, d.short)
            trailing = self._head_after(doc, short.end)
            if trailing is not None:
                # "Enhanced Integrated Framework (EIF) Programme": the word after the bracket is the head
                label = head_label([trailing.lower_], self.rules) or label
            if not d.exact and not generic_name:
                label = self._loose_label(doc, long, label)
            if label is None or label == "PLURAL":
                if d.exact or generic_name:
                    not_names.append((d.long_start, d.short_end))
                if generic_name:
                    generic.update((d.short, d.short.removesuffix("s")))
                continue
            known.setdefault(d.short, label)
            if trailing is not None and trailing.text[:1].isupper() and d.short not in full:
                full[d.short] = full[long.text] = f"{d.long} {trailing.text}"
            out.append(_span(doc, long.start, long.end, label, "rule:acronym"))
            out.append(_span(doc, short.start, short.end, label, "rule:acronym"))
        if known:
            taken = {(s.start, s.end) for s in out}
            for tok in doc:
                label = known.get(tok.text)
                if label and (tok.i, tok.i + 1) not in taken:
                    out.append(_span(doc, tok.i, tok.i + 1, label, "rule:acronym"))
        long_forms = {d.short: d.long for d in defs if d.short in known}
        long_forms.update(full)
        doc.user_data["ssc_acronyms"] = long_forms
        doc.user_data["ssc_not_names"] = not_names
        doc.user_data["ssc_generic_acronyms"] = sorted(generic)  # a list: Docs of nlp.pipe(n_process=…) are serialised
        doc.user_data["ssc_generic_longs"] = {
            short: d.long for d in defs if d.short in generic for short in (d.short, d.short.removesuffix("s"))
        }
        return out

    def _name_word(self, tok: Any, taken: set[int]) -> bool:
        """A word that can be part of a person's name: capitalised, no role, title or head word."""
        r = self.rules
        w = tok.lower_
        shaped = (tok.is_alpha and tok.is_title) or _APOSTROPHE_NAME.match(tok.text) is not None
        return (shaped and tok.i not in taken and w not in r.roles and w not in r.titles
                and w not in r.organisation and w not in r.event and w not in r.project and w not in r.place
                and w not in r.noise and w not in _PREPOSITIONS)

    def _name_run(self, doc: Doc, i: int, taken: set[int]) -> int:
        """The end of a run of up to three name words starting at ``i`` on one line."""
        j, words = i, 0
        while j < len(doc) and words < 3 and self._name_word(doc[j], taken) and (j == i or not _breaks_after(doc[j - 1])):
            j += 1
            words += 1
            if j + 1 < len(doc) and doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_ \
                    and self._name_word(doc[j + 1], taken):
                j += 1  # "Jean-Baptiste": one name word
                words -= 1
        return j

    def _persons(self, doc: Doc, taken: set[int]) -> Iterable[Span]:
        """Persons of programmes and speaker lists: "Mr. Wang Shihai Speaker", a table cell
        "Su Yangsheng Department Director": two or three name words after an honorific, or
        opening a line or cell and followed by a role."""
        lower = {t.lower_ for t in doc if t.is_lower}
        i = 0
        while i < len(doc):
            tok = doc[i]
            start = None
            if tok.lower_.rstrip(".") in _HONORIFICS:
                start = i + 1
                while start < len(doc) and doc[start].lower_ in self.rules.titles and doc[start].is_title:
                    start += 1  # "H.E. Ambassador Josefa Sacko"
            elif _line_start(doc, i):
                start = i
            if start is None or start >= len(doc):
                i += 1
                continue
            end = self._name_run(doc, start, taken)
            after = doc[end] if end < len(doc) and not _breaks_after(doc[end - 1]) else None
            roles = self.rules.roles | self.rules.titles
            by_role = after is not None and (after.lower_ in roles or (
                after.lower_ in self.rules.organisation and end + 1 < len(doc) and doc[end + 1].lower_ in roles))
            if end - start >= 2 and (start > i or by_role) and not any(doc[k].lower_ in lower for k in range(start, end)):
                yield _span(doc, start, end, "PERSON", "rule:person")
                i = end
                continue
            i += 1

    def _units(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A known unit named with its parent is one name: "Centre for X of the United Nations
        Economic and Social Commission ..." (the gazetteer says whose unit it is); a known body
        followed by a generic unit name ("WFP Headquarters", "FAO Regional Office") is that unit."""
        by_start = {s.start: s for s in spans if s.id_ == "gazetteer"}
        countries_at = {s.start: s for s in spans if s.id_ == "rule:country"}
        out: list[Span] = []
        absorbed: set[int] = set()
        for s in sorted(spans, key=lambda s: s.start):
            if s.start in absorbed:
                continue
            entry = self.gaz.by_key(s.kb_id_) if s.id_ == "gazetteer" and s.kb_id_ else None
            office = self._country_office(doc, s, entry, countries_at)
            if office is not None:
                out.append(office)
                absorbed.update(range(s.end, office.end))
                continue
            i = s.end + (1 if s.end < len(doc) and doc[s.end].lower_ == "of" else 0)
            if i > s.end and i < len(doc) and doc[i].lower_ == "the":
                i += 1
            parent = by_start.get(i) if i > s.end else None
            if entry is not None and entry.parent and parent is not None and parent.kb_id_ \
                    and parent.kb_id_.endswith("/" + entry.parent):
                out.append(_span(doc, s.start, parent.end, s.label_, s.id_, s.kb_id_))
                absorbed.add(parent.start)
                continue
            unit = self._unit_after(doc, s)
            if unit is not None:
                # "FAO Country Office" + "for Southern Africa": what the unit serves is in its name
                others = {i for o in spans if o is not s for i in range(o.start, o.end)}
                unit = _span(doc, unit.start, extend_right(doc, unit.start, unit.end, others, self.rules),
                             unit.label_, unit.id_)
                absorbed.update(range(s.end, unit.end))
            out.append(unit if unit is not None else s)
        return out

    @staticmethod
    def _country_office(doc: Doc, s: Span, entry: Any, countries_at: dict[int, Span]) -> Span | None:
        """"UNDP Bolivia", "JICA Timor-Leste Office", "WFP Namibia Country Office": a known body's
        office in a country, its own organisation. Without an office word only an international
        body (``entry`` names no country) is read so, and only when no capitalised word follows
        the country."""
        if entry is None or not _continued_body(doc, s):
            return None
        country = countries_at.get(s.end)
        if country is None:
            return None
        end = country.end
        for tail in _OFFICE_TAILS:
            words = [t.lower_ for t in doc[end : end + len(tail)]]
            if tuple(words) == tail and not _breaks_after(doc[end - 1]):
                return _span(doc, s.start, end + len(tail), "ORG", "rule:unit")
        if entry.country or (end < len(doc) and _titled(doc[end]) and not _breaks_after(doc[end - 1])):
            return None
        return _span(doc, s.start, end, "ORG", "rule:unit")

    def _unit_after(self, doc: Doc, s: Span) -> Span | None:
        if not _continued_body(doc, s):
            return None
        for n in (3, 2, 1):
            words = doc[s.end : s.end + n]
            if len(words) < n or not all(t.is_title and t.is_alpha for t in words):
                continue
            if self.rules.is_generic_phrase([t.lower_ for t in words]):
                return _span(doc, s.start, s.end + n, "ORG", "rule:unit")
        return None

    def _country_projects(self, doc: Doc, spans: list[Span]) -> Iterable[Span]:
        """"Sri Lanka Project", "Malawi Programme": a country's project named by its country."""
        for s in spans:
            if s.id_ == "rule:country" and s.end < len(doc) and doc[s.end].is_title \
                    and doc[s.end].lower_ in self.rules.project and not _breaks_after(doc[s.end - 1]):
                yield _span(doc, s.start, s.end + 1, "PROJECT", "rule:project")

    def _continued(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A known name that goes on ("Ministry of Education" + "and Human Development",
        "State Department" + "for Agriculture", "Ministry of Agriculture" + ", Fisheries and Forests")
        names another body: the whole run, unlinked."""
        out: list[Span] = []
        blocked = {i for s in spans for i in range(s.start, s.end)}
        for s in spans:
            others = blocked - set(range(s.start, s.end))
            listed = comma_list(doc, s.start, s.end, others, self.rules) if s.id_ == "gazetteer" else s.end
            if listed > s.end:
                out.append(_span(doc, s.start, listed, s.label_, "rule:name"))
                continue
            if s.id_ == "gazetteer" and s.end + 1 < len(doc) and doc[s.end].lower_ in ("and", "&", "for") \
                    and not _breaks_after(doc[s.end - 1]) and doc[s.end + 1].is_title and s.end + 1 not in blocked \
                    and not acronyms.is_short_form(s.text):
                end = extend_right(doc, s.start, s.end, others, self.rules, allow_and=True)
                if end > s.end + 1:
                    out.append(_span(doc, s.start, end, s.label_, "rule:name"))
                    continue
            out.append(s)
        return out

    def _located_places(self, doc: Doc, found: list[Span]) -> Iterable[Span]:
        """"hatcheries in Mymensingh", "experts from Bangalore", "Santa Cruz de la Sierra": a capitalised
        name after "in", "at", "from", "to" (or after a place and "and") that GeoNames or ISO 3166-2 know,
        even where the model saw nothing or a person. A place of one of the document's countries may be
        small; elsewhere it must be a large city whose namesakes are much smaller. The whole run of
        capitals must be the name, so "Harare" of "Harare Institute of Technology" is not a place."""
        from ..resolve import places

        seen = {s.kb_id_.split("/", 1)[1] for s in found if s.kb_id_.startswith("country/")}
        taken = {i for s in found for i in range(s.start, s.end)}
        lower = {t.lower_ for t in doc if t.is_lower}
        persons = [e for e in doc.ents if e.label_ == "PERSON"]
        # "Belo Horizonte", "Bandar Seri Begawan": a city the model read as a person's name
        person_words = {t.lower_ for p in persons if len(p) > 1 and places.well_known(p.text) is None for t in p}
        ends = {s.end for s in (*found, *doc.ents) if s.label_ in ("GPE", "LOC", "FAC")}
        country_starts = {s.start for s in found if s.id_ == "rule:country"}
        for tok in doc[:-1]:
            after_place = tok.lower_ in ("and", ",") and tok.i in ends
            if (tok.lower_ not in _PLACE_BEFORE and not after_place) or tok.i + 1 in taken:
                continue
            i = tok.i + 1
            j = _place_run(doc, i, taken)
            if i == j or (j < len(doc) and doc[j].text in "-–") or _inside_compound(doc, i, j):
                continue
            if doc[j - 1].lower_ in _PLACE_CONNECTORS or any(
                    doc[k].lower_ in lower - _PLACE_CONNECTORS | _MONTHS | self.rules.noise for k in range(i, j)):
                continue
            if any(p.start < j and i < p.end and (p.start < i or p.end > j) for p in persons):
                continue  # "Mr. Paris Hilton"
            name = doc[i:j].text
            place = places.lookup(name, seen)
            if place is None:
                if self._before_its_country(doc, i, j, country_starts):
                    yield _span(doc, i, j, "GPE", "rule:place")
                    taken.update(range(i, j))
                    ends.add(j)
                continue
            if any(doc[k].lower_ in person_words for k in range(i, j)):
                continue
            if place.country in seen or places.well_known(name) is not None:
                yield _span(doc, i, j, "GPE", "rule:place")
                taken.update(range(i, j))
                ends.add(j)

    def _before_its_country(self, doc: Doc, i: int, j: int, country_starts: set[int]) -> bool:
        """"held in Tiboulen, Niger": one or two capitalised words after a locative word and before
        ", <Country>" are a place of that country, known to no list or not."""
        r = self.rules
        heads = r.organisation | r.event | r.project | r.place | r.noise | r.titles | r.roles
        return j - i <= 2 and j + 1 < len(doc) and doc[j].text == "," and j + 1 in country_starts \
            and not _breaks_after(doc[j - 1]) and not any(doc[k].lower_ in heads for k in range(i, j)) \
            and not countries.from_name(doc[i:j].text)

    def _dateline(self, doc: Doc, taken: set[int]) -> Iterable[Span]:
        """"Dakar, 14 March 2023 - ...", "NAIROBI, 4 May –", "KIGALI — ...": the place a news text opens
        with, on one of its first lines. A name before a date is a place; a name before a dash is one
        only when it is a known place, so that "Summary — ..." stays a heading."""
        from ..resolve import places

        lines = 0
        for i in range(len(doc)):
            if not _line_start(doc, i) or doc[i].is_space:
                continue
            lines += 1
            if lines > _DATELINE_LINES:
                return
            j = i
            while j < len(doc) and j - i < 4 and j not in taken and _dateline_word(doc[j]):
                j += 1
            if i == j or j + 1 >= len(doc) or any(_breaks_after(doc[k]) for k in range(i, j - 1)):
                continue
            name = doc[i:j]
            words = " ".join(t.lower_ for t in name)
            if words in self.rules.noise or words in self.rules.regions:
                continue
            nxt, after = doc[j], doc[j + 1]
            dated = nxt.text == "," and (after.lower_ in _MONTHS or after.text in _WEEKDAYS or
                                         bool(countries.from_name(after.text)) or
                                         (after.like_num and j + 2 < len(doc) and doc[j + 2].lower_ in _MONTHS))
            dashed = nxt.text in _DASHES and bool(doc[j - 1].whitespace_) and not _breaks_after(nxt) \
                and len(name.text) > 3 and bool(places.candidates(name.text))
            if dated or dashed:
                yield _span(doc, i, j, "GPE", "rule:place")
                return

    def _places_of(self, doc: Doc, taken: set[int]) -> Iterable[Span]:
        """"the provinces of Nampula and Tete", "the regions of Saint-Louis and Matam"."""
        plurals = {w + "s" for w in self.rules.place}
        for tok in doc[:-2]:
            if tok.lower_ not in plurals or not tok.is_lower or doc[tok.i + 1].lower_ != "of":
                continue
            i = tok.i + 2
            while i < len(doc):
                j = i
                while j < len(doc) and j - i < 4 and j not in taken and (
                        doc[j].is_title or (j > i and doc[j].text == "-" and not doc[j - 1].whitespace_)):
                    j += 1
                while j > i and doc[j - 1].text == "-":
                    j -= 1
                if j == i:
                    break
                yield _span(doc, i, j, "GPE", "rule:place")
                if j < len(doc) - 1 and doc[j].lower_ in (",", "and", "&"):
                    i = j + 1
                else:
                    break

    def _listed_places(self, doc: Doc, taken: set[int]) -> Iterable[Span]:
        """"in Monaragala and Anuradhapura districts": each name before a plural place word is a place."""
        plurals = {w + "s" for w in self.rules.place} | {w[:-1] + "ies" for w in self.rules.place if w.endswith("y")}
        for tok in doc:
            if tok.lower_ not in plurals or tok.i == 0 or not tok.is_lower:
                continue
            i = tok.i
            found = 0
            while i > 0:
                j, words = i, 0
                while j > 0 and words < 3 and j - 1 not in taken:
                    if doc[j - 1].is_title and doc[j - 1].is_alpha:
                        words += 1
                        j -= 1
                    elif j < i and j > 1 and _glued_hyphen(doc, j - 1) and doc[j - 2].is_title:
                        j -= 1  # "Issyk-Kul": the hyphen inside one name
                    else:
                        break
                if j == i:
                    break
                yield _span(doc, j, i, "GPE", "rule:place")
                found += 1
                if j > 0 and doc[j - 1].lower_ in ("and", ",", "&", "or"):
                    i = j - 1
                else:
                    break

    def _announced(self, doc: Doc) -> Iterable[Span]:
        """"an initiative called “BRIDGE”", "a programme known as Harvest Plus": a name after its class."""
        for tok in doc[1:-1]:
            if tok.lower_ not in _NAMING or tok.lower_ == "known":
                continue
            label = head_label([doc[tok.i - 1].lower_], self.rules)
            if label not in ("ORG", "EVENT", "PROJECT"):
                continue
            i = tok.i + 1
            quoted = doc[i].is_quote
            if quoted:
                i += 1
            j = i
            while j < len(doc) and j - i < 8 and (_titled(doc[j]) or (j > i and doc[j].lower_ in _CONNECTORS)):
                j += 1
            while j > i and doc[j - 1].lower_ in _CONNECTORS:
                j -= 1
            closed = quoted and i < j < len(doc) and doc[j].is_quote
            if closed or (not quoted and j == i + 1 and acronyms.is_short_form(doc[i].text)):
                yield _span(doc, i, j, label, "rule:named")

    def _source(self, doc: Doc) -> Iterable[Span]:
        """The outlet credited on the last line of a news text: "(Xinhua)", "Source: The Daily Mail"."""
        text = doc_text(doc).rstrip()
        start = text.rfind("\n") + 1
        m = _SOURCE_LINE.match(text, start)
        if not m:
            return
        name = m.group(1) or m.group(2)
        named = acronyms.name_and_short_form(name.rstrip(" ."))  # "Source: Agence X de Presse (AXP)"
        if named:
            name = named[0]
        a = start + m.start(1 if m.group(1) else 2) - m.start()
        span = doc.char_span(a, a + len(name.rstrip(" .")), alignment_mode="contract")
        if span is None or countries.from_name(span.text) or span.text.lower() in self.rules.noise:
            return
        yield _span(doc, span.start, span.end, "ORG", "rule:source")

    def _compounds(self, doc: Doc, found: list[Span]) -> Iterable[Span]:
        """"WFP China" + "COE" where the text defines COE as "Centre of Excellence": the gazetteer's
        "WFP China Centre of Excellence", when it knows that name."""
        longs = {**doc.user_data.get("ssc_generic_longs", {}), **doc.user_data.get("ssc_acronyms", {})}
        if not longs:
            return
        for s in found:
            if s.id_ != "gazetteer" or s.end >= len(doc) or doc[s.end].text not in longs:
                continue
            long = longs[doc[s.end].text]
            for name in (f"{s.text} {long}", f"{s.text} {_unplural(long.split())}"):
                entries = self.gaz.lookup(name)
                if entries:
                    labels = [(_LABEL_OF_TYPE.get(e.type, "ORG"), "gazetteer", e.key) for e in entries]
                    yield self._one(doc, s.start, s.end + 1, labels)
                    break

    def _head_after(self, doc: Doc, i: int) -> Any:
        """The capitalised head word right after an acronym's closing bracket, if any."""
        if i < len(doc) and doc[i].text == ")":
            i += 1
        if i >= len(doc):
            return None
        word = doc[i].lower_
        heads = self.rules.project | self.rules.event | self.rules.organisation
        return doc[i] if word in heads else None

    @staticmethod
    def _loose_label(doc: Doc, long: Span, label: str | None) -> str | None:
        """A run of capitals before "(ACR)" is a name only if its head or the model says so, and no person."""
        touching = [e for e in doc.ents if e.start < long.end and long.start < e.end]
        if any(e.label_ == "PERSON" for e in touching):
            return None
        if label is not None:
            return label
        named = [e.label_ for e in touching if e.label_ in ("ORG", "EVENT")]
        return named[0] if named else None

    def _definition_label(self, long: Span, short: str) -> str | None:
        if self.gaz.lookup(short) or self.gaz.lookup(long.text):
            entries = self.gaz.lookup(long.text) or self.gaz.lookup(short)
            return _LABEL_OF_TYPE.get(entries[0].type, "ORG")
        tokens = _strip_determiners(list(long))
        words = [t.lower_ for t in tokens]
        if _variants(" ".join(words)) & self.rules.noise or short.lower() in self.rules.noise:
            return None
        if self.rules.is_generic_phrase(words):
            return None
        label = head_label(words, self.rules)
        return None if label == "PLURAL" else label


def _strip_determiners(tokens: list[Any]) -> list[Any]:
    while tokens and tokens[0].lower_ in _DETERMINERS:
        tokens = tokens[1:]
    return tokens


def _exact_case(name: str) -> bool:
    """Short or all-capital names (US, UK, DRC, RoC) match only as written."""
    letters = [c for c in name if c.isalpha()]
    return len(name) <= 4 or (bool(letters) and all(c.isupper() for c in letters))


@lru_cache(maxsize=1)
def _country_names() -> tuple[tuple[str, str], ...]:
    """Every country name as written (ISO names and the aliases file), with its ISO-3 code."""
    import pycountry

    out: dict[str, str] = {}
    for c in pycountry.countries:
        for name in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if name:
                out.setdefault(name, c.alpha_3)
    aliases = parse_yaml(ontology_path("country-aliases.yaml").read_text("utf-8")) or {}
    for name, code in aliases.items():
        out[str(name)] = str(code).upper()
    return tuple(sorted(out.items()))


def head_label(words: list[str], rules: Rules) -> str | None:
    """The class a name's head word gives it: ORG, EVENT, PROJECT, GPE or None.

    The head is the last word before the first preposition ("Forum" in "Forum
    for Building ...", "Ministry" in "Ministry of Agriculture").
    """
    head_part: list[str] = []
    for w in words:
        if w in _HEAD_STOPS and head_part:
            break
        head_part.append(w)
    head = head_part[-1] if head_part else ""
    if head.endswith("s") and head[:-1] in rules.organisation | rules.event | rules.project:
        return "PLURAL"
    if head.endswith("ies") and head[:-3] + "y" in rules.organisation:
        return "PLURAL"
    if head in rules.project:
        return "PROJECT"
    if head in rules.event:
        return "EVENT"
    if head in rules.organisation:
        return "ORG"
    if head in rules.place:
        return "GPE"
    if any(w in rules.organisation for w in head_part):
        return "ORG"
    if any(w in rules.event for w in head_part):
        return "EVENT"
    return None


@Language.factory("ssc_gazetteer", default_config={"gazetteer": None, "rules": None})
def make_gazetteer_ruler(nlp: Language, name: str, gazetteer: str | None, rules: str | None) -> GazetteerRuler:
    return GazetteerRuler(nlp, gazetteer, rules)


# ---------------------------------------------------------------- entity rules

MODEL_LABELS = ("ORG", "PERSON", "GPE", "LOC", "FAC", "EVENT")


class EntityRules:
    """Model entities cleaned, typed and filtered, merged with the ruler's spans into ``doc.ents``."""

    def __init__(self, nlp: Language, rules: str | None = None) -> None:
        self.rules = load_rules(rules)

    def __call__(self, doc: Doc) -> Doc:
        lower = {t.lower_ for t in doc if t.is_lower}
        ruler = list(doc.spans[RULER_KEY]) if RULER_KEY in doc.spans else []
        blocked = {i for s in ruler for i in range(s.start, s.end)}
        countries_before = {s.end: s.start for s in ruler if s.id_ == "rule:country"
                            and s.end < len(doc) and not _breaks_after(doc[s.end - 1])}
        quoted = quotations(doc_text(doc))
        generic = set(doc.user_data.get("ssc_generic_acronyms", ()))
        model: list[Span] = []
        for ent in doc.ents:
            if ent.label_ not in MODEL_LABELS or ent.text in generic:
                continue
            fixed = self.clean(doc, ent, lower, blocked, countries_before)
            if fixed is None or _within(fixed, quoted):
                continue
            if not fixed.id_.endswith(":weak") or _repeated(doc, fixed, ruler, quoted):
                model.append(fixed)
        persons = {t.lower_ for s in model if s.label_ == "PERSON" and len(s) > 1 for t in s}
        model = [s for s in model if s.label_ != "PERSON" or len(s) > 1 or s[0].lower_ in persons]
        chosen, nested = select(ruler, model, self.rules)
        chosen = sorted([*chosen, *self._back_references(doc, chosen)], key=lambda s: s.start)
        doc.ents = repeat_acronyms(doc, chosen)
        doc.spans[NESTED_KEY] = nested
        return doc

    def _back_references(self, doc: Doc, chosen: list[Span]) -> list[Span]:
        """"the Fund", "the Facility", "the Centre": a capitalised generic word after "the" names the
        one body of that kind the text named before ("the Green Climate Fund"); its full name goes to
        ``doc.user_data["ssc_back_references"]`` (by character offset) as the mention's long form.
        With no such body, or several, the word names nothing."""
        out: list[Span] = []
        refs: dict[int, str] = {}
        taken = {i for s in chosen for i in range(s.start, s.end)}
        named: list[tuple[int, str, str]] = []  # (end, head word, name) of the bodies named so far
        gaz = load_gazetteer()
        for s in chosen:
            if s.label_ != "ORG":
                continue
            entry = gaz.by_key(s.kb_id_) if s.kb_id_ else None
            name = entry.name if entry is not None and len(s) == 1 else s.text  # "IFAD" ... "the Fund"
            words = name.lower().split()
            if len(words) > 1:
                named.append((s.end, _singular_head(words[_head_index(words)]), name))
        for tok in doc[1:]:
            word = tok.lower_
            if tok.i in taken or not tok.is_title or word not in self.rules.references \
                    or word not in self.rules.organisation or doc[tok.i - 1].lower_ != "the":
                continue
            if tok.i + 1 < len(doc) and (_titled(doc[tok.i + 1]) or doc[tok.i + 1].lower_ in ("of", "for")):
                continue  # "the Fund for ...", "the Centre Director": part of a longer name
            before = {name for end, head, name in named if end <= tok.i and head == _singular_head(word)}
            if len(before) != 1:
                continue
            out.append(_span(doc, tok.i, tok.i + 1, "ORG", "rule:reference"))
            refs[tok.idx] = before.pop()
        doc.user_data["ssc_back_references"] = refs
        return out

    def _without_owner(self, doc: Doc, start: int, end: int, countries_before: dict[int, int]) -> int:
        """"Department of Fisheries of Bangladesh" → "Department of Fisheries" (the country stays a
        mention of its own), unless the rest is generic ("Embassy of the Kingdom of Denmark")."""
        cut = _owner_start(doc, start, end, self._countries_inside(doc, start, end))
        if cut is None:
            return end
        words = [t.lower_ for t in doc[start:cut] if t.lower_ not in _DETERMINERS]
        if len(words) < 2 or " ".join(words) in self.rules.generic | self.rules.titles:
            return end
        return cut if head_label(words, self.rules) == "ORG" else end

    @staticmethod
    def _countries_inside(doc: Doc, start: int, end: int) -> dict[int, int]:
        """Start → end of a country name that ends the span."""
        return {a: end for a in range(start + 2, end) if countries.from_name(doc[a:end].text)}

    def clean(self, doc: Doc, ent: Span, lower: set[str], blocked: set[int] | frozenset[int] = frozenset(),
              countries_before: dict[int, int] | None = None) -> Span | None:
        """The model's span trimmed, completed and re-typed, or None when it names nothing."""
        r = self.rules
        label = ent.label_
        start, end = ent.start, ent.end
        if label == "PERSON" and _inside_compound(doc, start, end):
            return None
        if label != "GPE":
            named = extend_left(doc, start, blocked, r)
            if named < start:
                # "Dryland Resilience" of "Regional Knowledge Hub for Dryland Resilience"
                start, label = named, "ORG"
        if label in ("ORG", "EVENT") or head_label([t.lower_ for t in ent], r) in ("ORG", "EVENT", "PROJECT"):
            end = extend_right(doc, start, end, blocked, r)
            end = _of_place(doc, end, blocked, r)
            end = comma_list(doc, start, end, blocked, r)
            if countries_before and start in countries_before and doc[start].text[:1].isupper():
                # "China South-South Cooperation Network": a country name before a body's name is part of it
                start = countries_before[start]
            start = _after_possessor(doc, start, end, countries_before or {})
        # cut at a line break, a tab or an opening bracket: keep what comes before
        for i in range(start, end):
            t = doc[i]
            if t.is_space or "\n" in t.text or t.text == "(" or (i > start and "\t" in doc[i - 1].whitespace_):
                end = i
                break
        while start < end and (doc[start].lower_ in _DETERMINERS or doc[start].lower_ in r.titles
                               or doc[start].text in _CLOSERS or doc[start].like_num):
            start += 1
        while end > start and (doc[end - 1].text in _CLOSERS or doc[end - 1].lower_ in _PREPOSITIONS):
            end -= 1
        if label == "PERSON":
            for i in range(start + 1, end):
                if doc[i].lower_ in r.roles or doc[i].lower_.rstrip("-") in r.roles:
                    end = i
                    break
            while end - start > 1 and (doc[end - 1].lower_ in lower or doc[end - 1].text.endswith("-")):
                end -= 1
            if end > start and _inside_compound(doc, start, end):
                return None  # "Global Agro" of "Global Agro-industry Ecology Conference"
            end = _complete_person(doc, start, end, blocked, lower, r)
        if label != "PERSON" and start >= 2 and doc[start - 1].lower_ == "of" \
                and doc[start - 2].lower_ in r.roles | r.titles and head_label([t.lower_ for t in doc[start:end]], r) is None:
            return None  # "Minister of Agriculture and Forestry": the rest of a job title
        if label != "PERSON" and countries_before is not None:
            end = self._without_owner(doc, start, end, countries_before)
        if label == "PERSON" and start >= 2 and doc[start - 1].lower_ in ("on", "about", "for", "of") \
                and doc[start - 2].lower_ in r.event | r.project:
            return None  # "Study Tour on Rainwater Harvesting": a topic in a title
        if end <= start:
            return None
        tokens = list(doc[start:end])
        words = [t.lower_ for t in tokens]
        text = " ".join(words)
        if _variants(text) & (r.noise | r.references | r.titles) or words[0] in r.headings \
                or r.is_generic_phrase(words):
            return None
        if any(ent.start_char < e and s < ent.end_char for s, e in doc.user_data.get("ssc_not_names", ())):
            return None
        capitals = [t for t in tokens if t.text[:1].isupper()]
        if not capitals or any(t.text in ("/", "|") for t in tokens):
            return None
        content = [w for w in words if w not in _PREPOSITIONS and w not in _DETERMINERS]
        if all(w in r.noise or w in r.generic or w in r.roles for w in content):
            return None
        single_acronym = (
            len(tokens) == 1
            and (acronyms.is_short_form(tokens[0].text) or _camel(tokens[0].text))
            and tokens[0].lower_ not in lower
        )
        if text in r.regions or text.removeprefix("the ") in r.regions:
            return None  # regions across countries are neither countries nor places
        head = head_label(words, r)
        if head == "PLURAL":
            return None
        if head is None and label in ("ORG", "PERSON", "EVENT") and _in_heading(doc, start, end) \
                and not _known_place(text) and not _outside_headings(doc, doc[start:end].text):
            return None  # "RESILIENT LIVELIHOODS", "KEY RESULTS": a heading in capitals names nothing
        if label == "ORG" and head is None and _in_role_apposition(doc, start, end, r):
            label = "PERSON"  # "said Jean-Baptiste Ondaye, Director General of ..."
        announced = _named_as(doc, start, r)
        if announced is not None and head is None:
            return _span(doc, start, end, announced, "rule:named")
        attested = all(w in lower or w in r.noise or not _letters(w) for w in content)
        if label == "PERSON":
            if single_acronym or (head == "ORG" and len(tokens) > 1) or _acronym_led(tokens):
                return _span(doc, start, end, "ORG", "model:" + label)
            if head == "GPE" and len(tokens) > 1:
                return _span(doc, start, end, "GPE", "model:" + label)  # "Garut Regency"
            if head is not None or attested or any(w in r.noise or w in r.roles for w in words):
                return None
            if any(not (t.is_alpha or t.text in ("-", "'")) for t in tokens):
                return None
            return _span(doc, start, end, "PERSON", "model:PERSON")
        if (head == "ORG" or label == "ORG" and head is None) and _apposed_project(doc, end, r):
            return _span(doc, start, end, "PROJECT", "rule:apposed")
        if label in ("GPE", "LOC", "FAC"):
            if countries.from_name(text):
                return _span(doc, start, end, "GPE", "model:" + label)
            if head in ("ORG", "EVENT", "PROJECT"):
                return _span(doc, start, end, head, "model:" + label)
            if _premodifier(doc, start, end, r):
                return None  # "Nile tilapia", "Pacific island countries": a kind of thing, not a place
            if attested or single_acronym and label != "GPE":
                return None
            if head != "GPE" and not _located(doc, start, end, blocked) and not _known_place(text):
                return None  # a capitalised word of a slogan or title, with nothing that makes it a place
            return _span(doc, start, end, "GPE", "model:" + label)
        # ORG and EVENT
        if head is not None:
            if len(content) == 1 and content[0] in r.references:
                return None
            if head == "GPE" and len(tokens) > 1 and words[-1] in r.place and words[0] not in r.place:
                return _span(doc, start, end, "GPE", "model:" + label)  # "Banyuasin Regency"
            return _span(doc, start, end, head if head != "GPE" else label, "model:" + label)
        if single_acronym:
            return _span(doc, start, end, label, "model:" + label)
        common = sum(1 for w in content if w in lower or w in r.noise)
        if common * 2 >= len(content) or len(tokens) < 2 or len(content) > 5 or any("/" in t.text for t in tokens):
            return None
        return _span(doc, start, end, label, "model:" + label + ":weak")


def _variants(text: str) -> set[str]:
    """A lower-case phrase with its hyphens written joined, spaced and as spaces."""
    joined = re.sub(r"\s*-\s*", "-", text)
    return {text, joined, joined.replace("-", " ")}


def _camel(word: str) -> bool:
    """AliResearch, AfDB: inner capitals mark a name even without an organisation word."""
    return word[:1].isupper() and any(c.isupper() for c in word[1:]) and word.isalpha()


_SOURCE_LINE = re.compile(r"\s*(?:\(\s*([A-Z][^()\n:]{1,60}?)\s*\)|(?:Source|Sources|Via)\s*:\s*([A-Z][^\n]{1,60}))\s*$")
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
           "dec"}
#: Words after which a capitalised name may be a place ("from Harare", "in Pune").
_PLACE_BEFORE = {"in", "at", "near", "from", "to", "via", "visit", "visits", "visited", "visiting", "between", "with"}
#: Lower-case words inside place names ("Santa Cruz de la Sierra", "Ciudad del Este").
_PLACE_CONNECTORS = {"de", "del", "de la", "la", "las", "los", "do", "da", "dos", "das", "di", "el", "es", "sur"}
_DASHES = {"-", "--", "–", "—", "―"}
_WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
#: A dateline is looked for on this many first lines of a text (a title may come before it).
_DATELINE_LINES = 3
_HONORIFICS = {"mr", "mrs", "ms", "dr", "prof", "h.e", "madam", "mme", "sir", "hon", "excellency", "dame"}
_CONNECTORS = {"of", "for", "on", "and", "&", "the", "to"}
_LOCATIVE = {"in", "at", "from", "to", "near", "across", "throughout", "within", "around", "of", "visited", "via"}


#: Apostrophes and glottal stops inside place names: "Nuku'alofa", "Hawaiʻi".
_INNER_MARKS = str.maketrans("", "", "'’ʻ`")
_OFFICE_TAILS = (("country", "office"), ("office",))  # after "<body> <country>"
# a name word with an elided prefix: "O'Brien", "N'Diaye", "D'Souza"
_APOSTROPHE_NAME = re.compile(r"^[A-Z][a-z]?['’][A-Z][a-z]+$")


def _letters(word: str) -> bool:
    """Whether a word is made of letters, apostrophes or glottal stops between them included."""
    bare = word.translate(_INNER_MARKS)
    return bare.isalpha() and word[:1].isalpha() and word[-1:].isalpha()


def _capitalised_word(word: str) -> bool:
    """"Kisumu", "Nuku'alofa", "Ha'apai": a capital, then lower-case letters (inner apostrophes kept)."""
    return _letters(word) and word[:1].isupper() and word[1:].translate(_INNER_MARKS).islower()


def _continued_body(doc: Doc, s: Span) -> bool:
    """Whether ``s`` is a known body's name that the words right after it may go on."""
    return s.id_ == "gazetteer" and s.label_ == "ORG" and not _breaks_after(doc[s.end - 1])


def _titled(tok: Any) -> bool:
    return tok.text[:1].isupper() and any(c.isalpha() for c in tok.text)


def _glued_hyphen(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a hyphen with no space on either side ("Jalal-Abad")."""
    return doc[i].text in ("-", "‐", "–") and i > 0 and not doc[i - 1].whitespace_ and not doc[i].whitespace_


def _place_run(doc: Doc, i: int, taken: set[int]) -> int:
    """The end of a run of capitalised words from ``i`` (lower-case connectors of place names inside)."""
    j = i
    while j < len(doc) and j - i < 6 and j not in taken:
        tok = doc[j]
        connector = j > i and tok.lower_ in _PLACE_CONNECTORS and j + 1 < len(doc) and doc[j + 1].is_title
        if _capitalised_word(tok.text) or connector:
            j += 1
        else:
            break
    return j


def _line_at(text: str, a: int, b: int) -> str:
    return text[text.rfind("\n", 0, a) + 1 : (text.find("\n", b) + 1 or len(text) + 1) - 1]


def _capitals_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters) and len(line.split()) >= 2


def _in_heading(doc: Doc, start: int, end: int) -> bool:
    """Whether the span lies on a line written in capitals only (a heading, a form label)."""
    return _capitals_line(_line_at(doc_text(doc), doc[start].idx, doc[end - 1].idx + len(doc[end - 1])))


def _outside_headings(doc: Doc, name: str) -> bool:
    """Whether the text also writes ``name`` (in any case) on a line that is no heading."""
    text = doc_text(doc)
    for m in re.finditer(r"\b" + re.escape(name) + r"\b", text, re.IGNORECASE):
        if not _capitals_line(_line_at(text, m.start(), m.end())):
            return True
    return False


def _dateline_word(tok: Any) -> bool:
    """A word of a dateline's place: "Dakar", "NAIROBI", "SAN JOSÉ", "Addis"."""
    return tok.is_alpha and (tok.is_title or (tok.is_upper and len(tok.text) > 1))


def _breaks_after(tok: Any) -> bool:
    return "\n" in tok.whitespace_ or "\t" in tok.whitespace_


def _line_start(doc: Doc, i: int) -> bool:
    """Whether token ``i`` opens a line or a table cell."""
    if i == 0 or _breaks_after(doc[i - 1]):
        return True
    prev = doc[i - 1]
    return prev.is_space and ("\n" in prev.text or "\t" in prev.text)


def _inside_compound(doc: Doc, start: int, end: int) -> bool:
    """Whether the span was cut inside a hyphenated word ("Agro" of "Agro-industry")."""
    after = end < len(doc) - 1 and doc[end].text in ("-", "‐", "–") and not doc[end - 1].whitespace_ \
        and not doc[end].whitespace_ and doc[end + 1].is_alpha
    before = start > 1 and doc[start - 1].text in ("-", "‐") and not doc[start - 1].whitespace_ \
        and not doc[start - 2].whitespace_ and doc[start - 2].is_alpha
    return after or before


def extend_right(doc: Doc, start: int, end: int, blocked: set[int] | frozenset[int], rules: Rules,
                 *, allow_and: bool = False) -> int:
    """The end of a name the model cut inside a run of capitalised words.

    "Training Workshop on Climate" + "Smart Mechanization for Dryland
    Agriculture": the run goes on through capitalised words, hyphenated
    compounds ("High-tech") and link words followed by a capital, and stops at
    a line break, a bracket, a lower-case word or another entity. A name that
    already ends on its head word ("Chongqing University") is not joined to
    the next one by "and".
    """
    heads = rules.organisation | rules.event | rules.project
    i = new_end = end
    while i < len(doc) and i not in blocked and not _breaks_after(doc[i - 1]):
        t = doc[i]
        if _titled(t) and (t.is_alpha or "-" in t.text):
            i += 1
            new_end = i
            continue
        if t.text == "-" and not doc[i - 1].whitespace_ and not t.whitespace_ and i + 1 < len(doc) \
                and doc[i + 1].is_alpha and i + 1 not in blocked:
            i += 2
            new_end = i
            continue
        if _served_by(doc, i, blocked, rules):
            i += 2  # "Regional Office for the Pacific Islands", "University of the South Pacific"
            continue
        complete = doc[i - 1].lower_ in heads and not (allow_and and i == end)
        if t.lower_ in _CONNECTORS and not (complete and t.lower_ in ("and", "&")) and i + 1 < len(doc) \
                and not _breaks_after(t) and _titled(doc[i + 1]) and doc[i + 1].is_alpha and i + 1 not in blocked:
            i += 1
            continue
        break
    while new_end > end and doc[new_end - 1].lower_ in _CONNECTORS:
        new_end -= 1
    return new_end


def _served_by(doc: Doc, i: int, blocked: set[int] | frozenset[int], rules: Rules) -> bool:
    """Whether "for the" or "of the" at ``i`` goes on with a capitalised name after a body's head
    word: what the body serves is part of its name ("Office for the Pacific Islands")."""
    return i + 2 < len(doc) and doc[i - 1].lower_ in rules.organisation and doc[i].lower_ in ("for", "of") \
        and doc[i + 1].lower_ == "the" and _titled(doc[i + 2]) and doc[i + 2].is_alpha \
        and not _breaks_after(doc[i]) and not _breaks_after(doc[i + 1]) and i + 2 not in blocked


def comma_list(doc: Doc, start: int, end: int, blocked: set[int] | frozenset[int], rules: Rules) -> int:
    """The end of a body's name whose domains are listed with commas: "Ministry of Trade" +
    ", Industry and Tourism", "Institute for Arid Zone Studies" + ", Soils and Pastures".

    The name before the comma must end on a domain after "of", "for" or "on"
    (not on its head word), and what follows must be capitalised words
    separated by commas whose last one comes after "and" or "&"; a list item
    that holds another entity, a head word or a person's name ends nothing.
    """
    if end >= len(doc) or doc[end].text != "," or _breaks_after(doc[end - 1]):
        return end
    words = [t.lower_ for t in doc[start:end]]
    link = next((k for k, w in enumerate(words) if w in ("of", "for", "on")), None)
    heads = rules.organisation | rules.event | rules.project
    if link is None or head_label(words[:link], rules) != "ORG" or words[-1] in heads:
        return end
    persons = {i for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for i in range(e.start, e.end)}
    i, last = end, False
    while i < len(doc) and not last:
        sep = doc[i]
        if sep.lower_ in ("and", "&"):
            last = True
        elif sep.text != ",":
            return end
        elif i + 1 < len(doc) and doc[i + 1].lower_ in ("and", "&"):
            i, last = i + 1, True  # ", and": the last item after a serial comma
        j = i + 1
        while j < len(doc) and j - i <= 4 and _titled(doc[j]) and doc[j].is_alpha and j not in blocked \
                and j not in persons and doc[j].lower_ not in heads and not _breaks_after(doc[j - 1]):
            j += 1
        if j == i + 1 or _breaks_after(doc[i]):
            return end
        i = j
    return i if last else end


def _of_place(doc: Doc, end: int, blocked: set[int] | frozenset[int], rules: Rules) -> int:
    """A body named after its place: "People's Committee" + "of the mountainous province of Cao Bang"."""
    if end + 3 >= len(doc) or doc[end - 1].lower_ not in rules.organisation or doc[end].lower_ != "of":
        return end
    i = end + 1
    while i < len(doc) and i - end < 5 and (doc[i].lower_ in _DETERMINERS or doc[i].is_lower and doc[i].is_alpha) \
            and doc[i].lower_ != "of":
        i += 1
    if i == end + 1 or doc[i - 1].lower_ not in rules.place or i >= len(doc) or doc[i].lower_ != "of":
        return end
    j = i + 1
    while j < len(doc) and j - i <= 3 and doc[j].is_title and doc[j].is_alpha and j not in blocked:
        j += 1
    return j if j > i + 1 else end


def extend_left(doc: Doc, start: int, blocked: set[int] | frozenset[int], rules: Rules) -> int:
    """The start of a title the model cut after "<head word> for|on|of": "Study Tour on" +
    "Rainwater Harvesting", "Knowledge Hub for" + "Dryland Resilience"."""
    if start < 2 or doc[start - 1].lower_ not in ("for", "on", "of", "about", "against"):
        return start
    head = doc[start - 2]
    if not head.is_title or head.lower_ not in rules.organisation | rules.event | rules.project or head.i in blocked:
        return start
    i = start - 2
    while i > 0 and not _breaks_after(doc[i - 1]) and i - 1 not in blocked and doc[i - 1].is_alpha and (
            doc[i - 1].is_title or doc[i - 1].lower_ in ("of", "for", "and", "on")):
        i -= 1
    while i < start - 2 and (doc[i].lower_ in _CONNECTORS or doc[i].lower_ in _DETERMINERS):
        i += 1
    return i


def _in_role_apposition(doc: Doc, start: int, end: int, rules: Rules) -> bool:
    """A name followed by ", <role>" or introduced by "said": a person's."""
    roles = rules.roles | rules.titles
    after = end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in roles
    said = start > 0 and doc[start - 1].lower_ in ("said", "says", "added", "explained", "noted", "stressed")
    return after or said


def _complete_person(doc: Doc, start: int, end: int, blocked: set[int] | frozenset[int], lower: set[str],
                     rules: Rules) -> int:
    """A third name the model left out ("Margaret Agaba" + "Anyasi"), before any role word."""
    if end >= len(doc) or end - start != 2 or end in blocked or _breaks_after(doc[end - 1]):
        return end
    t = doc[end]
    if not (t.is_alpha and t.is_title) or t.lower_ in lower or t.lower_ in rules.roles or t.lower_ in rules.titles:
        return end
    if end + 1 < len(doc) and doc[end + 1].is_alpha and doc[end + 1].is_title and doc[end + 1].lower_ not in rules.roles:
        return end  # a longer run of capitals: a heading or a name list, not one person
    return end + 1


_NAMING = {"as", "called", "named", "titled", "entitled", "dubbed", "known"}


def _named_as(doc: Doc, start: int, rules: Rules) -> str | None:
    """The class announced before a name: "an initiative called “DAA”", "a forum named X"."""
    i = start - 1
    while i >= 0 and doc[i].is_quote:
        i -= 1
    if i < 1 or doc[i].lower_ not in _NAMING:
        return None
    label = head_label([doc[i - 1].lower_], rules)
    return label if label not in (None, "PLURAL", "GPE") else None


_MODIFIER_POS = {"ADJ", "NOUN", "PROPN", "NUM"}


def _apposed_project(doc: Doc, end: int, rules: Rules) -> bool:
    """An apposition right after a name says it is a project: "X, a three-year project funded by",
    "X, an initiative of". The head is the last noun before the apposition's first verb,
    preposition or punctuation ("a project management unit" is a unit, not a project)."""
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in ("a", "an"):
        return False
    head = None
    for tok in doc[end + 2:end + 10]:
        if tok.text in ("-", "–"):
            continue  # "three-year"
        if tok.lower_ in _HEAD_STOPS or tok.pos_ not in _MODIFIER_POS:
            break
        head = tok
    return head is not None and head.pos_ == "NOUN" and head.lower_ in rules.project


def _located(doc: Doc, start: int, end: int, blocked: set[int] | frozenset[int]) -> bool:
    """Whether the words around a span read as a place: "in X", "X Province", "X, Kenya"."""
    i = start - 1
    while i >= 0 and doc[i].lower_ in _DETERMINERS:
        i -= 1
    if i >= 0 and doc[i].lower_ in _LOCATIVE:
        return True
    return end + 1 < len(doc) and doc[end].text == "," and end + 1 in blocked


def _acronym_led(tokens: list[Any]) -> bool:
    """"BPTU Sembawa": an all-capital acronym before a capitalised word names a body (a unit and
    its seat), never a person."""
    first = tokens[0].text
    return (len(tokens) > 1 and first.isupper() and acronyms.is_short_form(first)
            and all(t.is_title for t in tokens[1:]))  # not a name written in capitals ("ZHANG WEI")


def _premodifier(doc: Doc, start: int, end: int, rules: Rules) -> bool:
    """Whether a one-word name (or one ending in a lower-case word: "Pacific island") only qualifies
    the lower-case common nouns after it ("Nile tilapia", "the Volta hatcheries", "Atlantic island
    countries"); a place word heading them ("Volta basin") keeps it a place."""
    if not (end - start == 1 or doc[end - 1].is_lower):
        return False
    i = end
    while i < len(doc) and doc[i].is_lower and doc[i].pos_ == "NOUN" and doc[i - 1].whitespace_ == " ":
        i += 1
    if i == end:
        return False
    head = doc[i - 1]
    return head.lower_ not in rules.place and head.lemma_.lower() not in rules.place


def _known_place(text: str) -> bool:
    from ..resolve import places

    return bool(places.candidates(text))


def _repeated(doc: Doc, span: Span, ruler: list[Span], quoted: list[tuple[int, int]]) -> bool:
    """A name without a head word is kept when the document uses it again (outside quotes) or defines it."""
    if any(s.id_ == "rule:acronym" and s.start < span.end and span.start < s.end for s in ruler):
        return True
    inside = [*quoted, *((s.start_char, s.end_char) for s in ruler)]
    seen = 0
    for m in re.finditer(re.escape(span.text), doc_text(doc)):
        if not any(a <= m.start() and m.end() <= b for a, b in inside):
            seen += 1
    return seen >= 2


_QUOTE = re.compile(r"“[^”\n]{3,400}”|\"[^\"\n]{3,400}\"")


def quotations(text: str) -> list[tuple[int, int]]:
    """Character ranges of quoted passages: titles, themes and slogans."""
    return [(m.start(), m.end()) for m in _QUOTE.finditer(text)]


def _within(span: Span, quoted: list[tuple[int, int]]) -> bool:
    """Whether a span lies inside a quotation that says more than the span itself (a title or theme)."""
    a, b = span.start_char, span.end_char
    return any(qa < a and b < qb and (qb - qa) - (b - a) > 4 for qa, qb in quoted)


def select(ruler: list[Span], model: list[Span], rules: Rules) -> tuple[list[Span], list[Span]]:
    """Non-overlapping entities: ruler spans first, except a longer named model span around them.

    A model span with its own head word ("WFP China Office", "Embassy of the
    Kingdom of Denmark") wins over the ruler spans inside it; the countries
    among those are kept as nested spans.
    """
    wins: list[Span] = []
    nested: list[Span] = []
    ruler = sorted(set(ruler), key=lambda s: (-(s.end - s.start), s.start, s.id_, s.kb_id_))
    for m in model:
        if m.label_ not in ("ORG", "EVENT", "PROJECT"):
            continue
        touching = [s for s in ruler if s.start < m.end and m.start < s.end]
        inside = [s for s in touching if m.start <= s.start and s.end <= m.end]
        if not inside or len(inside) != len(touching) or any(s.id_ == "rule:person" for s in inside):
            continue
        words = [t.lower_ for t in m]
        head = m.start + _head_index(words)
        if head_label(words, rules) in (None, "PLURAL"):
            continue
        if any(s.start <= head < s.end for s in inside) and not _local_body(m, inside, rules):
            continue
        wins.append(m)
        nested.extend(s for s in inside if s.kb_id_.startswith("country/"))
    taken = [False] * (len(model[0].doc) if model else len(ruler[0].doc) if ruler else 0)
    chosen: list[Span] = []

    def free(s: Span) -> bool:
        return not any(taken[s.start : s.end])

    for s in [*wins, *ruler, *sorted(model, key=lambda s: (-(s.end - s.start), s.start))]:
        if free(s):
            chosen.append(s)
            for i in range(s.start, s.end):
                taken[i] = True
    chosen.sort(key=lambda s: s.start)
    return chosen, nested


def _local_body(m: Span, inside: list[Span], rules: Rules) -> bool:
    """"Gaza Province Department of Agriculture": a gazetteer name the model's span extends to the
    left with the place the body serves, which belongs to the name."""
    if len(inside) != 1 or inside[0].id_ != "gazetteer" or inside[0].end != m.end or inside[0].start <= m.start:
        return False
    before = m.doc[m.start : inside[0].start]
    if not all(t.is_title and t.is_alpha for t in before):
        return False
    from ..resolve import places

    return any(t.lower_ in rules.place or t.lower_ in _LOCAL_WORDS for t in before) or bool(
        places.candidates(before.text))


_LOCAL_WORDS = {"provincial", "municipal", "metropolitan", "regional", "local", "prefectural", "departmental"}


def repeat_acronyms(doc: Doc, chosen: list[Span]) -> list[Span]:
    """An acronym taken for an entity once is that entity wherever else it stands alone."""
    found = {s.text: s for s in chosen if len(s) == 1 and acronyms.is_short_form(s.text)}
    if not found:
        return chosen
    taken = set()
    for s in chosen:
        taken.update(range(s.start, s.end))
    extra = [
        _span(doc, t.i, t.i + 1, found[t.text].label_, "rule:acronym", found[t.text].kb_id_)
        for t in doc
        if t.text in found and t.i not in taken
    ]
    return sorted([*chosen, *extra], key=lambda s: s.start)


def _singular_head(word: str) -> str:
    """"center" and "centre", "organization" and "organisation" are one head word."""
    return {"center": "centre", "organization": "organisation"}.get(word, word)


def _head_index(words: list[str]) -> int:
    i = 0
    for j, w in enumerate(words):
        if w in _HEAD_STOPS and j > 0:
            break
        i = j
    return i


@Language.factory("ssc_entity_rules", default_config={"rules": None})
def make_entity_rules(nlp: Language, name: str, rules: str | None) -> EntityRules:
    return EntityRules(nlp, rules)
