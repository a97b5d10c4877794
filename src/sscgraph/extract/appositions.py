"""Edges read from the order of mentions, not from trigger verbs.

* ``affiliatedWith``: a person and an organisation joined by a title
  ("Dr. X, Country Director, WFP China Office"; "IFAD Viet Nam Country
  Director X") or by "of"/"from"/"at" ("Ms. X of FAO");
* ``locatedIn``: a place followed by its country ("Kisumu, Kenya");
* ``heldIn``: a place inside an event's own name ("Forum in Yangling");
* ``ssc:startDate``/``ssc:endDate`` of an event from the date of the
  sentence that says it was held, when the document gives no other date.

The title words and links are data (``relations.yaml``: ``affiliation``,
``located``, ``event_place``, ``event_date``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Any

from ..resources import ontology_path, parse_yaml
from . import dates, doctext
from .evidence import Collector, Evidence
from .patterns import effective_type, mention_spans


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    data = parse_yaml(ontology_path("patterns/relations.yaml").read_text("utf-8"))
    return {k: data[k] for k in ("affiliation", "located", "event_place", "event_date", "project_place", "programme",
                                                 "provider", "labels")}


LONG = 400
"""Beyond this many characters a "sentence" is page layout: the evidence is the lines holding the edge."""


def _evidence(doc: Any, start: int, end: int) -> Evidence:
    """The sentence(s) from token ``start`` to token ``end`` (a signature block spans lines)."""
    s, e = doctext.sentence(doc, start)[0], doctext.sentence(doc, max(start, end - 1))[1]
    full = doctext.text(doc)
    text = full[s:e]
    if e - s > LONG or "\n\n" in text.strip():
        s = full.rfind("\n", 0, doc[start].idx) + 1
        stop = full.find("\n", doc[end - 1].idx)
        e = len(full) if stop < 0 else stop
        text = full[s:e]
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    return Evidence(text, s + lead, s + lead + len(text))


class _Tokens:
    def __init__(self, parsed: Any, col: Collector) -> None:
        self.doc = parsed
        self.col = col
        self.starts: dict[int, tuple[int, int, str]] = {}  # first token → (mention, end token, type)
        self.spans = list(mention_spans(parsed, col))
        for i, start, end, t in self.spans:
            old = self.starts.get(start)
            if old is None or old[1] < end:
                self.starts[start] = (i, end, t)

    def modifier(self, tok: int) -> bool:
        """A lower-case content word that may qualify a title or name a unit ("water", "veterinary")."""
        t = self.doc[tok]
        return t.is_alpha and t.is_lower and not t.is_stop and t.pos_ in ("NOUN", "ADJ", "PROPN") and not self.covered(tok)

    def covered(self, tok: int) -> bool:
        return any(s <= tok < e for _, s, e, _ in self.spans)

    def skip_space(self, j: int) -> int:
        while j < len(self.doc) and self.doc[j].is_space:
            j += 1
        return j

    def title_run(self, j: int, limit: int = 10, modifiers: bool = False) -> int:
        """The end of a run of title words starting at ``j`` (``j`` itself when there is none).
        With ``modifiers``, lower-case words may lead to a title word ("seed systems specialist")."""
        r = rules()["affiliation"]
        titles, weak = set(r["titles"]), set(r["weak_titles"])
        doc = self.doc
        end, strong, k = j, 0, j
        while k < len(doc) and k - j < limit:
            tok = doc[k]
            low = tok.lower_
            if modifiers and low not in titles and (tok.is_space or self.modifier(k)):
                k += 1  # part of the run only when a title word follows
                continue
            if low in titles or (tok.is_title and not self.covered(k) and tok.is_alpha) or low in ("/", "-", "&", "and"):
                if low in titles and low not in weak:
                    strong += 1
                k += 1
                if low not in ("/", "-", "&", "and"):
                    end = k if strong else end
                continue
            break
        return end if strong else j


def _organisation_after(view: _Tokens, j: int, links: set[str], unit_words: int) -> tuple[int, int, str] | None:
    """The organisation a title is linked to from token ``j``: "…, ORG", "… of the ORG",
    or "…, Unit Name, ORG" (a few capitalised words naming a unit or area in between)."""
    doc = view.doc
    j = view.skip_space(j)
    if j < len(doc) and doc[j].lower_ in links:
        j = view.skip_space(j + 1)
    if j < len(doc) and doc[j].lower_ == "the":
        j += 1
    org = view.starts.get(j)
    if org and org[2] == "Country" and view.starts.get(org[1], (0, 0, ""))[2] == "Organisation":
        org = view.starts.get(org[1])  # "of the Sierra Leone Agricultural Research Institute"
    if org and org[2] == "Organisation":
        return org
    org = _named_again(view, j)
    if org:
        return org
    if unit_words:
        k = j
        while k < len(doc) and k - j < unit_words and not view.covered(k) and (
            doc[k].is_title or doc[k].lower_ in ("and", "&", "-", "of", "for") or doc[k].is_upper
        ):
            k += 1
        if k > j and k < len(doc) and doc[k].text == ",":
            return _organisation_after(view, k, {","}, 0)
        found = _unit_at_organisation(view, j, unit_words)
        if found:
            return found
        # "Vice President of Public Affairs of Alibaba Group": back off to the last "of"
        for back in range(k - 1, j, -1):
            if doc[back].lower_ == "of":
                return _organisation_after(view, back, {"of"}, 0)
    return None


def _named_again(view: _Tokens, j: int) -> tuple[int, int, str] | None:
    """An organisation the document names elsewhere, written again from ``j`` where no mention was
    found (a name broken over a line): the longest such name."""
    doc = view.doc
    k, words = j, []
    while k < len(doc) and len(words) < 12 and not view.covered(k) and (
        doc[k].is_space or doc[k].is_title or doc[k].is_upper or doc[k].lower_ in ("of", "and", "for", "the", ",", "&")
    ):
        if not doc[k].is_space:
            words.append((doc[k].lower_, k + 1))
        k += 1
    if not words:
        return None
    names = {" ".join(m.text.lower().split()): i for i, m in view.col.live() if effective_type(m) == "Organisation"}
    for n in range(len(words), 1, -1):
        found = names.get(" ".join(w for w, _ in words[:n]).replace(" ,", ","))
        if found is not None:
            return found, words[n - 1][1], "Organisation"
    if doc[j].is_upper and len(doc[j]) > 2 and (len(words) == 1 or doc[j + 1].text in (",", ".", ";")):
        # "Director General of AGRHYMET": the one organisation whose name opens with that acronym
        opening = {n: i for n, i in names.items() if n.split()[0] == doc[j].lower_ and len(n.split()) > 1}
        if len(opening) == 1:
            return next(iter(opening.values())), j + 1, "Organisation"
    return None


def _unit_at_organisation(view: _Tokens, j: int, unit_words: int) -> tuple[int, int, str] | None:
    """"(Head of) Research at ORG", "(dean of) the veterinary faculty at ORG": a unit named from
    ``j`` and the organisation it is in, when that organisation ends the phrase."""
    doc = view.doc
    k = j
    while k < len(doc) and k - j < unit_words and not view.covered(k) and (
        doc[k].is_title or doc[k].is_upper or doc[k].lower_ in ("and", "&", "-", "of", "for", "the") or view.modifier(k)
    ):
        k += 1
    if k == j or k >= len(doc) or doc[k].lower_ not in ("at", "in", "within"):
        return None
    org = _organisation_after(view, k, {"at", "in", "within"}, 0)
    if org is None:
        return None
    nxt = view.skip_space(org[1])
    if nxt < len(doc) and doc[nxt].pos_ in ("NOUN", "PROPN"):
        return None  # "head of the delegation at the FAO conference": the name qualifies something else
    return org


_COPULA = {"is", "was", "serves", "served", "works", "worked"}


def _past_copula(doc: Any, k: int, comma: bool) -> int:
    """After "(, who) is (a|the)", "serves as", "works as" before a title: the title's first token."""
    j = k
    if comma and j < len(doc) and doc[j].lower_ == "who":
        j += 1
    if j < len(doc) and doc[j].lower_ in _COPULA:
        j += 1
        if j < len(doc) and doc[j].lower_ in ("also", "currently", "now"):
            j += 1
        if j < len(doc) and doc[j].lower_ == "as":
            j += 1
        if j < len(doc) and doc[j].lower_ in ("a", "an", "the"):
            j += 1
        return j
    return k


def _office_of(view: _Tokens, org: tuple[int, int, str]) -> tuple[int, int, str] | None:
    """"JICA Kenya Office", "FAO Regional Office": the organisation whose name opens an office's name."""
    doc = view.doc
    if doc[org[1] - 1].lower_ not in set(rules()["affiliation"]["office_words"]):
        return None
    start = next((s for i, s, _e, _t in view.spans if i == org[0]), None)
    if start is None:
        return None
    names = {" ".join(m.text.lower().split()): i for i, m in view.col.live()
             if effective_type(m) == "Organisation" and i != org[0]}
    for stop in range(org[1] - 1, start, -1):
        found = names.get(" ".join(doc[start:stop].text.lower().split()))
        if found is not None:
            return found, stop, "Organisation"
    return None


def _led_by(view: _Tokens, k: int) -> tuple[int, int, str] | None:
    """After "X, ": "who leads|heads|directs (the) ORG" or "who leads ORG's work": the organisation."""
    doc = view.doc
    if k + 1 >= len(doc) or doc[k].lower_ != "who" or doc[k + 1].lower_ not in set(rules()["affiliation"]["lead_verbs"]):
        return None
    j = k + 2
    if j < len(doc) and doc[j].lower_ == "the":
        j += 1
    org = view.starts.get(j)
    return org if org and org[2] == "Organisation" else None


def _ministry_of_title(view: _Tokens, k: int, end: int) -> tuple[int, int, str] | None:
    """"Deputy Minister of Fisheries and Aquaculture": the ministry of that name, when the document
    names it (the title alone says nothing of which country's ministry it is)."""
    doc, col = view.doc, view.col
    at = next((t for t in range(k, end) if doc[t].lower_ == "minister"), None)
    if at is None or at + 1 >= len(doc) or doc[at + 1].lower_ != "of":
        return None
    stop = at + 2
    while stop < len(doc) and not view.covered(stop) and (doc[stop].is_title or doc[stop].lower_ in ("and", "&", ",")):
        stop += 1
    while stop > at + 2 and doc[stop - 1].lower_ in ("and", "&", ","):
        stop -= 1
    if stop == at + 2:
        return None
    wanted = "ministry " + " ".join(t.lower_ for t in doc[at + 1 : stop])
    named = [i for i, m in col.live() if effective_type(m) == "Organisation" and " ".join(
        t.lower() for t in re.findall(r"\w+|[^\w\s]", m.text)) == wanted]
    return (named[0], stop, "Organisation") if named else None


def affiliations(view: _Tokens) -> None:
    r = rules()["affiliation"]
    doc, col = view.doc, view.col
    links, direct = set(r["links"]), set(r["direct_links"])
    name = "pattern:" + r["name"]
    for i, s, e, t in view.spans:
        if t == "Person":
            j = view.skip_space(e)
            comma = j < len(doc) and doc[j].text == ","
            k = view.skip_space(j + 1) if comma else j
            k = _past_copula(doc, k, comma)  # "X, who is the head of ORG", "X is a lecturer at ORG"
            if comma and k < len(doc) and doc[k].lower_ in ("a", "an", "the"):
                k += 1  # "X, a researcher with ORG"
            led = _led_by(view, k) if comma else None
            if led:  # "X, who leads the Institute's work on …"
                col.relate(i, "affiliatedWith", led[0], name, r["confidence"], _evidence(doc, s, led[1]))
                continue
            end = view.title_run(k, modifiers=comma)
            if end > k:
                org = _organisation_after(view, end, links, int(r.get("unit_words", 0))) or _ministry_of_title(view, k, end)
                if org:
                    col.relate(i, "affiliatedWith", org[0], name, r["confidence"], _evidence(doc, s, org[1]))
                    parent = _organisation_after(view, org[1], {","}, 0) or _office_of(view, org)
                    if parent:  # "Department of Climate Change, MEE": the unit and its parent
                        col.relate(i, "affiliatedWith", parent[0], name, r["confidence"], _evidence(doc, s, parent[1]))
            elif not comma and j + 2 < len(doc) and doc[j].text == "(":
                org = view.starts.get(view.skip_space(j + 1))
                if org and org[2] == "Organisation" and org[1] < len(doc) and doc[org[1]].text == ")":
                    col.relate(i, "affiliatedWith", org[0], "pattern:person-bracket-organisation",
                               r["direct_confidence"], _evidence(doc, s, org[1]))  # "Dr. X (EMBRAPA)"
            elif not comma and j < len(doc) and doc[j].lower_ in direct:
                j = view.skip_space(j + 1)
                if j < len(doc) and doc[j].lower_ == "the":
                    j += 1
                org = view.starts.get(j)
                if org and org[2] == "Organisation":
                    col.relate(i, "affiliatedWith", org[0], "pattern:person-of-organisation",
                               r["direct_confidence"], _evidence(doc, s, org[1]))
        elif t == "Organisation":
            j = view.skip_space(e)
            country = view.starts.get(j)
            if country and country[2] == "Country":
                j = country[1]  # "UNICEF Kenya Country Representative X"
            if j < len(doc) and doc[j].text in ("'s", "’s"):
                j += 1  # "FAO's chief economist X"
            end = view.title_run(j, limit=6)
            if end > j:
                person = view.starts.get(_after_title_scope(view, end))
                if person and person[2] == "Person":
                    col.relate(person[0], "affiliatedWith", i, "pattern:organisation-title-person",
                               r["confidence"], _evidence(doc, s, person[1]))


def _after_title_scope(view: _Tokens, j: int) -> int:
    """Past what may stand between a title and the person holding it: the country or place the
    title is for ("Country Director for Laos, Ms. X") and an honorific."""
    doc = view.doc
    j = view.skip_space(j)
    if j < len(doc) and doc[j].lower_ in ("for", "in"):
        scope = view.starts.get(j + 1)
        if scope and scope[2] in ("Country", "Place"):
            j = scope[1] + 1 if scope[1] < len(doc) and doc[scope[1]].text == "," else scope[1]
    j = view.skip_space(j)
    while j < len(doc) and _HONORIFIC.fullmatch(doc[j].text + " "):
        j = view.skip_space(j + 1)
    return j


def located(view: _Tokens) -> None:
    """Places and national bodies followed by their country: "Kisumu, Kenya", "Suning County of
    Hebei Province in China", "Ministry of Agriculture in Zambia"."""
    r = rules()["located"]
    doc = view.doc
    links, org_links = set(r["links"]), set(r["organisation_links"])
    bodies = set(r["national_bodies"])
    name = "pattern:" + r["name"]
    for i, s, e, t in view.spans:
        if t == "Place":
            allowed = links
        elif t == "Organisation" and bodies & {w.lower() for w in view.col.mention(i).text.split()}:
            allowed = org_links
        else:
            continue
        j = e
        for _ in range(3):  # over the larger places in between: "County of Hebei Province in China"
            if j >= len(doc) or doc[j].lower_ not in allowed:
                break
            k = j + 1
            if k < len(doc) and doc[k].lower_ == "the":
                k += 1
            nxt = view.starts.get(k)
            if not nxt:
                break
            if nxt[2] == "Country":
                view.col.relate(i, "locatedIn", nxt[0], name, r["confidence"], _evidence(doc, s, nxt[1]))
                break
            if nxt[2] != "Place":
                break
            j = nxt[1]


def country_before(view: _Tokens) -> None:
    """A national body after its country's possessive or demonym: "Kenya's Ministry of Agriculture",
    "the Bangladeshi Department of Fisheries"; a demonym only before a body every state has
    (`demonym_heads`), not inside a fixed proper name."""
    from .components import load_rules

    r = rules()["located"]
    doc, col = view.doc, view.col
    bodies = set(r["national_bodies"])
    demonyms = load_rules().demonyms
    heads = set(r.get("demonym_heads") or ())
    named: dict[str, int] = {}
    for i, s, e, t in list(view.spans):
        m = col.mention(i)
        if t != "Organisation" or not bodies & {w.lower() for w in m.text.split()}:
            continue
        if s > 1 and doc[s - 1].text in ("'s", "’s"):
            j = s - 1
            before = [x for x in view.spans if x[2] == j and x[3] == "Country"]
            if before:
                col.relate(i, "locatedIn", before[0][0], "pattern:country-possessive", r["confidence"],
                           _evidence(doc, before[0][1], e))
        else:
            tok = doc[s] if doc[s].text in demonyms else doc[s - 1] if s > 0 else None  # "(the) Kenyan Ministry"
            if tok is None or not demonyms.get(tok.text) or (tok.i < s and view.covered(tok.i)):
                continue
            if tok.i + 1 >= e or doc[tok.i + 1].lower_ not in heads:  # "Kyrgyz National Agrarian University"
                continue
            named = named or {x.key: j for j, x in col.live() if x.key and x.key.startswith("country/")}
            country = named.get("country/" + demonyms[tok.text])
            if country is not None:  # only a country the document names: the demonym adds no entity
                col.relate(i, "locatedIn", country, "pattern:country-demonym", r["confidence"],
                           _evidence(doc, tok.i, e))


def country_in_name(view: _Tokens) -> None:
    """A body whose own name ends with its country ("Ministry of Commerce of People's Republic of
    China", "Embassy of the Kingdom of Denmark"): the country is named there, and the body is in it."""
    from ..model import Mention
    from ..resolve import countries

    r = rules()["located"]
    col = view.col
    bodies = set(r["national_bodies"])
    for i, _s, _e, t in list(view.spans):
        m = col.mention(i)
        if t != "Organisation" or m.start is None or not bodies & {w.lower() for w in m.text.split()}:
            continue
        for found in re.finditer(r" (?:of|in) (?:the )?", m.text):
            tail = m.text[found.end():]
            iso3 = countries.from_name(tail)
            if not iso3:
                continue
            start = m.start + found.end()
            country = next((j for j, x in col.live() if x.start == start and x.key == "country/" + iso3), None)
            if country is None:
                country = col.add(Mention(tail, "Country", "rule:country-in-name", 0.85, start, start + len(tail),
                                          m.sentence, key="country/" + iso3))
            col.relate(i, "locatedIn", country, "pattern:" + r["name_pattern"], r["confidence"],
                       Evidence(m.text, m.start, m.end or m.start + len(m.text)))
            break


def event_places(view: _Tokens) -> None:
    """An event's place inside its name ("Forum in Yangling") or right after it ("Course on X at
    Kitale, Kenya", "Dialogue at the Serena Hotel in Nairobi"): the places of that run."""
    r = rules()["event_place"]
    doc = view.doc
    links = set(r["links"])
    for i, s, e, t in view.spans:
        if t != "Event":
            continue
        for k, ps, pe, pt in view.spans:
            if pt in ("Place", "Country") and s < ps and pe <= e and doc[ps - 1].lower_ in links:
                view.col.relate(i, "heldIn", k, "pattern:" + r["name"], r["confidence"], _evidence(doc, s, e))
        for k, pe in _places_after(view, e, links):
            view.col.relate(i, "heldIn", k, "pattern:" + r["name"], r["confidence"], _evidence(doc, s, pe))


def _places_after(view: _Tokens, end: int, links: set[str]) -> list[tuple[int, int]]:
    """(mention, end token) of the places an event's name is followed by: "at|in [the <Venue> in|,]
    <Place>[, |in <Place>]*"."""
    doc = view.doc
    if end >= len(doc) or doc[end].lower_ not in links:
        return []
    j = end + 1
    if j < len(doc) and doc[j].lower_ == "the":
        j += 1
    if j not in view.starts:
        k = j
        while k < len(doc) and k - j < 6 and doc[k].is_title and not view.covered(k):
            k += 1  # a venue's own name: "the Serena Hotel"
        j = k + 1 if k > j and k < len(doc) and doc[k].lower_ in links | {","} else len(doc)
    out: list[tuple[int, int]] = []
    while j in view.starts and view.starts[j][2] in ("Place", "Country"):
        k, pe, _ = view.starts[j]
        out.append((k, pe))
        j = pe + 1 if pe < len(doc) and doc[pe].lower_ in {",", "in"} else len(doc)
    return out


def event_dates(view: _Tokens, text: str, dated: set[str]) -> None:
    """Date events from the sentence that says they were held; ``dated``: keys already dated."""
    year = dates.document_year(text)
    doc, col = view.doc, view.col
    held = doctext.tokens_among(doc, frozenset(rules()["event_date"]["verbs"]))
    if not held:
        return
    for sent in doc.sents:
        k = bisect_left(held, sent.start)
        if k == len(held) or held[k] >= sent.end:
            continue  # no verb saying an event was held
        events = [(i, s) for i, s, e, t in view.spans if t == "Event" and sent.start <= s < sent.end]
        keys = {col.mention(i).key for i, _ in events}
        if len(keys) != 1 or None in keys:
            continue
        key = keys.pop()
        if key in dated:
            continue
        found = dates.find_dates(sent.text, year)
        if len(found) != 1 or found[0].precision != "day":
            continue
        when = found[0]
        i = events[0][0]
        col.attribute(i, "ssc:startDate", when.start.isoformat(), kind="date", extractor="pattern:event-sentence-date")
        if when.end is not None and when.end != when.start:
            col.attribute(i, "ssc:endDate", when.end.isoformat(), kind="date", extractor="pattern:event-sentence-date")
        dated.add(key)


def project_places(view: _Tokens) -> None:
    """A sentence about one project that says where ("in Cao Bang", "in Kenya") gives its country."""
    from ..resolve import countries, places

    r = rules()["project_place"]
    doc, col = view.doc, view.col
    country_of: dict[str, int] = {}
    for i, m in col.live():
        t = effective_type(m)
        if t == "Country":
            iso3 = m.key.split("/", 1)[1] if m.key and m.key.startswith("country/") else countries.from_name(m.text)
            if iso3:
                country_of.setdefault(iso3, i)
    seen = set(country_of)
    for sent in doc.sents:
        spans = [x for x in view.spans if sent.start <= x[1] < sent.end]
        projects = {col.mention(i).key or " ".join((col.mention(i).long_form or col.mention(i).text).lower().split()): i
                    for i, _s, _e, t in spans if t == "Project"}
        if len(projects) != 1:
            continue
        project = next(iter(projects.values()))
        for i, s, _e, t in spans:
            if s == 0 or doc[s - 1].lower_ not in set(r["links"]) or t not in ("Place", "Country", "Person"):
                continue
            m = col.mention(i)
            if t == "Country":
                iso3 = m.key.split("/", 1)[1] if m.key and m.key.startswith("country/") else countries.from_name(m.text)
            else:
                place = places.lookup(m.text, seen)
                iso3 = place.country if place is not None and place.country in seen else None
            if iso3 and iso3 in country_of:
                target = i if t == "Country" else country_of[iso3]
                col.relate(project, "targetsCountry", target, "pattern:" + r["name"], r["confidence"],
                           _evidence(doc, sent.start, sent.end))


_CELL = re.compile(r"[^\t\n]+")
_HONORIFIC = re.compile(r"^(?:(?:\d{1,2}[:.]\d{2}\s*(?:[-–]\s*\d{1,2}[:.]\d{2})?\s*)?(?:H\.\s?E\.|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|"
                        r"Prof\.?|Professor|Ambassador|Hon\.?|Minister|Sir|Madam)\s+)*")


def programme_speakers(view: _Tokens, text: str) -> None:
    """Persons of a programme laid out in cells took part in the event the programme is for."""
    r = rules()["programme"]
    col = view.col
    roles = [re.compile(rf"(?<![\w-]){re.escape(w)}(?![\w-])", re.I) for w in r["roles"]]
    persons = sorted((col.mention(i).start or 0, i) for i, _s, _e, t in view.spans if t == "Person")
    events = sorted((col.mention(i).start or 0, i) for i, _s, _e, t in view.spans
                    if t == "Event" and col.mention(i).extractor != "rule:event-reference")  # names, not "the webinar"
    if not persons or not events:
        return
    names: dict[str, int] = {}
    for i, m in col.live():
        if m.type == "Event" and len(_plain(m.text).split()) >= 4:
            names.setdefault(_plain(m.text), i)
    cells = [(m.start(), m.end()) for m in _CELL.finditer(text)]
    opening: dict[int, list[int]] = {}  # line start → persons opening a cell of that line
    found: list[tuple[int, int, int, int]] = []  # (person, cell start, cell end, line start)
    for a, b in cells:
        if b - a > r["cell_length"] or text[a:b].rstrip().endswith("."):
            continue
        inside = [i for p, i in persons if a <= p < b]
        if not inside:
            continue
        line = text.rfind("\n", 0, a) + 1
        cell = text[a:b]
        lead = len(cell) - len(cell.lstrip())
        head = _HONORIFIC.match(cell[lead:])
        first = a + lead + (head.end() if head else 0)
        opener = next((i for p, i in persons if p == first), None)
        if opener is not None:
            opening.setdefault(line, []).append(opener)
        if any(x.search(cell) for x in roles) and len(inside) == 1:
            found.append((inside[0], a, b, line))
        elif opener is not None:
            found.append((opener, a, b, -line - 1))  # speaker role unknown: needs a row of such cells
    for person, a, b, line in found:
        if line < 0 and len(opening.get(-line - 1, ())) < 2:
            continue
        before = [(p, i) for p, i in events if p < a and a - p <= r["window"]]
        if not before:
            continue
        event = _heading_event(text, before[-1][0], a, names)
        event = before[-1][1] if event is None else event
        ev = Evidence(text[a:b].strip(), a + len(text[a:b]) - len(text[a:b].lstrip()), b)
        col.relate(person, "participatedIn", event, "pattern:" + r["name"], r["confidence"], ev)


def _plain(text: str) -> str:
    return " " + " ".join(re.sub(r"[^\w]+", " ", text.lower()).split()) + " "


def _heading_event(text: str, since: int, until: int, names: dict[str, int]) -> int | None:
    """The event a title line between ``since`` and ``until`` names (the nearest such line)."""
    start = text.find("\n", since)
    if start < 0 or start >= until:
        return None
    for line in reversed(text[start:until].split("\n")):
        line = line.strip()
        if "\t" in line or not 10 <= len(line) <= 200 or line.endswith("."):
            continue
        plain = _plain(line)
        if len(plain.split()) < 4:
            continue
        hits = [(len(name), i) for name, i in names.items() if name in plain or plain in name]
        if hits:
            return max(hits)[1]
    return None


def apply(col: Collector, parsed: Any, text: str, *, skip_spans: list[tuple[int, int]] | None = None) -> None:
    view = _Tokens(parsed, col)
    if skip_spans:
        view.spans = [x for x in view.spans if not any(a <= parsed[x[1]].idx < b for a, b in skip_spans)]
    affiliations(view)
    programme_speakers(view, text)
    located(view)
    country_in_name(view)
    country_before(view)
    event_places(view)
    project_places(view)
    dated = {col.mention(a.subject).key for a in col.attributes if a.property == "ssc:startDate" and a.subject is not None}
    event_dates(view, text, dated)


__all__ = ["apply", "rules"]
