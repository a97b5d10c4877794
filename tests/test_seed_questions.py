"""What an analyst asks of the seeds graph: the engagement table, its narrative, and two questions.

Seed 001 (a 2020 review) lists its activities in tables (No. / Activity / Date /
Venue, webinar modules on lines of their own under the webinar) and tells about
the same events in later paragraphs. Seed 002 is a news story about projects in
Cao Bang. The tests read the table from the seed file itself, so they check what
the document says rather than a copy of the expected output.
"""

from __future__ import annotations

import re

import pytest

from sscgraph.resolve.resolver import normalise

from .conftest import SEEDS

pytestmark = pytest.mark.model

SEED_001 = next(SEEDS.glob("001_*.txt"))
ROW = re.compile(r"^(\d{1,2})\t([^\t]+)\t")
MODULE = re.compile(r"\t(Module [IVX]+:?\s*)(.+?)\t")


def table_rows() -> list[str]:
    """Activity names of the numbered table rows that are events (not year-long work or projects)."""
    rows = []
    for line in SEED_001.read_text("utf-8").splitlines():
        m = ROW.match(line)
        if m and "around the year" not in line:
            rows.append(m.group(2))
    return rows


def module_names() -> list[str]:
    out = []
    for line in SEED_001.read_text("utf-8").splitlines():
        m = MODULE.search(line)
        if m:
            out.append(m.group(2))
    return out


def key(text: str) -> str:
    text = re.sub(r"\((?:online|offline|online/offline)\)|\([A-Z][a-z]+\)$", " ", text, flags=re.IGNORECASE)
    return normalise(text)


def events_of_001(store) -> dict[str, dict[str, set[str]]]:
    """Every Event the document mentions: its names (label, aliases) and facts."""
    rows = store.query(
        """
        SELECT ?e ?name ?start ?venue ?mode ?parent WHERE {
          ?doc dcterms:source ?src ; ssc:mentions ?e . FILTER(STRSTARTS(?src, "001_"))
          ?e a ssc:Event .
          { ?e rdfs:label ?name } UNION { ?e skos:altLabel ?name }
          OPTIONAL { ?e ssc:startDate ?start }
          OPTIONAL { ?e ssc:heldIn ?venue }
          OPTIONAL { ?e ssc:mode ?mode }
          OPTIONAL { ?e ssc:partOf ?parent }
        }"""
    )
    out: dict[str, dict[str, set[str]]] = {}
    for r in rows:
        facts = out.setdefault(r["e"].value, {"names": set(), "start": set(), "venue": set(), "mode": set(),
                                                "parent": set()})
        facts["names"].add(key(r["name"].value))
        for field in ("start", "venue", "mode", "parent"):
            if r[field] is not None:
                facts[field].add(r[field].value)
    return out


def matching(events: dict[str, dict[str, set[str]]], name: str) -> list[str]:
    """Events one of whose names is the row's name, or a part of it (a row may name two events)."""
    want = key(name)
    return [e for e, f in events.items()
            if any(n == want or (len(n) >= 12 and n in want) for n in f["names"])]


def test_every_event_row_of_the_engagement_table_is_a_dated_event_with_its_venue(seeds_store) -> None:
    rows = table_rows()
    assert len(rows) >= 20  # the tables of seed 001 list 21 dated activities
    events = events_of_001(seeds_store)
    missing, undated, nowhere = [], [], []
    for name in rows:
        found = matching(events, name)
        if not found:
            missing.append(name)
            continue
        if not any(d.startswith("2020-") for e in found for d in events[e]["start"]):
            undated.append(name)
        if not any(events[e]["venue"] or events[e]["mode"] for e in found):
            nowhere.append(name)
    assert not missing, missing
    assert not undated, undated
    assert not nowhere, nowhere


def test_webinar_modules_are_dated_online_events_of_their_webinar(seeds_store) -> None:
    modules = module_names()
    assert len(modules) >= 8
    events = events_of_001(seeds_store)
    for name in modules:
        found = matching(events, name)
        assert found, name
        facts = events[found[0]]
        assert any(d.startswith("2020-") for d in facts["start"]), name
        assert facts["parent"], f"{name} is part of no webinar"
        parents = [events[p]["names"] for p in facts["parent"] if p in events]
        assert any("webinar" in n for names in parents for n in names), name


def test_the_narrative_adds_to_the_table_event_instead_of_a_duplicate(seeds_store) -> None:
    events = events_of_001(seeds_store)
    meeting = matching(events, "South-South Cooperation Review and Strategy Analysis Meeting")
    assert len(meeting) == 1  # the table row and the two paragraphs are one node
    rows = list(seeds_store.query(
        f"""SELECT ?org ?place WHERE {{
              <{meeting[0]}> ssc:organizedBy/skos:altLabel ?org ; ssc:heldIn/rdfs:label ?place }}"""))
    assert "WFP China COE" in {r["org"].value for r in rows}  # said only in the paragraphs
    assert {"Suzhou", "Jiangsu"} <= {r["place"].value for r in rows}  # paragraph city, table province


def test_events_wfp_china_coe_held_with_a_chinese_ministry_with_dates_places_and_evidence(seeds_store) -> None:
    """"Which events did WFP China COE co-organise with a Chinese ministry, when and where?\""""
    rows = list(seeds_store.query(
        """
        SELECT ?event ?ministry ?start ?coeSentence ?ministrySentence WHERE {
          ?coe skos:altLabel ?alias . FILTER(STR(?alias) = "WFP China COE")
          ?e ssc:organizedBy ?coe ; rdfs:label ?event ; ssc:startDate ?start .
          ?m ssc:locatedIn/ssc:iso3 "CHN" ; rdfs:label ?ministry . FILTER(CONTAINS(?ministry, "Ministry"))
          { ?e ssc:organizedBy ?m BIND(ssc:organizedBy AS ?how) BIND(?e AS ?s2) BIND(?m AS ?o2) }
          UNION { ?m ssc:participatedIn ?e BIND(ssc:participatedIn AS ?how) BIND(?m AS ?s2) BIND(?e AS ?o2) }
          ?a rdf:subject ?e ; rdf:predicate ssc:organizedBy ; rdf:object ?coe ; ssc:sentence ?coeSentence .
          ?b rdf:subject ?s2 ; rdf:predicate ?how ; rdf:object ?o2 ; ssc:sentence ?ministrySentence .
        }"""))
    assert rows, "no event of WFP China COE with a Chinese ministry"
    for r in rows:
        assert r["start"].value.startswith("2020-")
        assert "COE" in r["coeSentence"].value or "Centre of Excellence" in r["coeSentence"].value
        short = {"Ministry of Emergency Management": "MEM", "Ministry of Agriculture and Rural Affairs": "MARA"}
        assert r["ministry"].value in r["ministrySentence"].value or \
            short.get(r["ministry"].value, "?") in r["ministrySentence"].value


def test_who_funded_and_implemented_the_cao_bang_projects_with_evidence(seeds_store) -> None:
    """"Who funded and who implemented the Cao Bang projects?\""""
    rows = list(seeds_store.query(
        """
        SELECT ?project ?p ?who ?sentence WHERE {
          ?cb rdfs:label|skos:altLabel ?place . FILTER(STR(?place) = "Cao Bang")
          ?doc ssc:mentions ?cb , ?proj .
          ?proj a ssc:Project ; rdfs:label ?project ; ?p ?org .
          FILTER(?p IN (ssc:fundedBy, ssc:implementedBy))
          ?org rdfs:label ?who .
          ?st rdf:subject ?proj ; rdf:predicate ?p ; rdf:object ?org ; ssc:sentence ?sentence ;
              prov:wasDerivedFrom ?doc .
        }"""))
    answer = {(r["project"].value, r["who"].value) for r in rows}
    ifad = "International Fund for Agricultural Development"
    funded = {p for p, who in answer if who == ifad}
    assert "Rural Enterprise Development Program for Poor Rural People" in funded, answer
    assert any("Smallholder Support Project" in p for p in funded), answer
    for r in rows:
        sentence = r["sentence"].value
        assert "IFAD" in sentence or r["who"].value in sentence or "government" in sentence.lower(), sentence


ACRONYMS = ["IFAD", "MOFCOM", "MAFF", "CERFAM", "JAAS", "WFP", "FAO", "UNDP", "UNOSSC", "NAFRA", "CICETE", "IPRCC"]


@pytest.mark.parametrize("acronym", ACRONYMS)
def test_each_known_organisation_is_one_node_with_its_acronym_and_full_name(seeds_store, acronym: str) -> None:
    rows = list(seeds_store.query(
        f"""SELECT DISTINCT ?x ?label ?type WHERE {{
              ?x skos:altLabel|rdfs:label ?name . FILTER(STR(?name) = "{acronym}")
              ?x rdfs:label ?label ; a ?type . FILTER(STRSTARTS(STR(?type), STR(ssc:)))
              FILTER EXISTS {{ ?doc ssc:mentions ?x }} }}"""))
    assert len({r["x"].value for r in rows}) == 1, rows
    assert {r["type"].value.rsplit("#", 1)[1] for r in rows} == {"Organisation"}
    assert len(rows[0]["label"].value.split()) >= 3  # the full name, the acronym kept as an alias


@pytest.mark.parametrize("name", ["MAFF", "Milled Rice", "IFAD", "Cao Bang", "COVID-19", "Webinar", "Foreword",
                                  "cassava"])
def test_no_crop_disease_heading_or_body_is_taken_for_a_person_place_or_country(seeds_store, name: str) -> None:
    rows = list(seeds_store.query(
        f"""SELECT ?type WHERE {{ ?x rdfs:label|skos:altLabel ?n ; a ?type .
              FILTER(LCASE(STR(?n)) = LCASE("{name}"))
              FILTER(?type IN (ssc:Person, ssc:Country) || (?type = ssc:Place && "{name}" != "Cao Bang")
                     || ("{name}" IN ("COVID-19", "Webinar", "Foreword", "Milled Rice", "cassava"))) }}"""))
    assert not rows, [r["type"].value for r in rows]


def test_cambodia_of_the_front_matter_and_of_the_prose_is_one_node(seeds_store) -> None:
    nodes = {r["c"].value for r in seeds_store.query('SELECT ?c WHERE { ?c a ssc:Country ; ssc:iso3 "KHM" }')}
    assert len(nodes) == 1
    (khm,) = nodes
    front = list(seeds_store.query(
        f"""SELECT ?extractor WHERE {{ ?st rdf:predicate ssc:targetsCountry ; rdf:object <{khm}> ;
              ssc:extractor ?extractor }}"""))
    assert any(r["extractor"].value.startswith("frontmatter:") for r in front)
    prose = list(seeds_store.query(f"SELECT ?e WHERE {{ ?m ssc:mentionOf <{khm}> ; ssc:extractor ?e }}"))
    assert any(not r["e"].value.startswith("frontmatter:") for r in prose)
