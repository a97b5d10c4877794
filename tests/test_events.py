"""Events of tables and prose become keyed Event mentions with dates, venues and modules."""

from __future__ import annotations

from sscgraph.extract import event_facts, events
from sscgraph.extract.evidence import Collector
from sscgraph.model import Mention

REPORT = """Annual review 2019 of the seed hub

S/N\tEvent\tDates\tLocation
1\tRegional Workshop on Seed Systems\t4-6 Mar.\tNairobi
2\tWebinar Series on Irrigation\tSession 1: Drip Systems\t2 Apr.\tVirtual
\t\tSession 2: Solar Pumps\t9 Apr.\tVirtual
3\tFarmers' Field Day\t30 Nov. - 2 Dec.\tMalawi
4\tSeed Fair and 2nd Regional Breeders Conference\t8 Dec.\tLusaka
5\tMalawi Project: Clinics for Rural Districts\tAll around the year\tMalawi
6\tUpdating the hub website\tAll around the year\tOnline

The hub also kept its website.

The Regional Workshop on Seed Systems was opened by the Minister. The workshop gathered 40 breeders.
A Zoom Conference followed.
"""


def _facts(text: str, mentions: list[Mention] | None = None) -> tuple[Collector, list[Mention]]:
    col = Collector(mentions or [])
    event_facts.extract(col, text, None)
    return col, [col.mention(i) for i in range(len(col))]


def _named(ms: list[Mention], text: str) -> list[int]:
    return [i for i, m in enumerate(ms) if m.type == "Event" and m.text == text]


def test_events_table_rows_become_events_with_dates_venue_and_mode():
    col, ms = _facts(REPORT)
    [ws] = [i for i in _named(ms, "Regional Workshop on Seed Systems") if ms[i].extractor == "rule:table"]
    attrs = {(a.property, a.value) for a in col.attributes if a.subject == ws}
    assert attrs == {("ssc:startDate", "2019-03-04"), ("ssc:endDate", "2019-03-06")}
    [held] = [r for r in col.relations if r.subject == ws and r.predicate == "heldIn"]
    assert ms[held.object].text == "Nairobi" and ms[held.object].type == "Place"
    assert held.sentence.startswith("1\tRegional Workshop") and REPORT[held.start : held.end] == held.sentence
    [day] = _named(ms, "Farmers' Field Day")
    [country] = [r.object for r in col.relations if r.subject == day and r.predicate == "heldIn"]
    assert ms[country].key == "country/MWI"


def test_events_modules_are_part_of_their_webinar_which_is_online():
    col, ms = _facts(REPORT)
    [webinar] = _named(ms, "Webinar Series on Irrigation")
    parts = {ms[r.subject].text for r in col.relations if r.predicate == "partOf" and r.object == webinar}
    assert parts == {"Drip Systems", "Solar Pumps"}
    assert ("ssc:mode", "online") in {(a.property, a.value) for a in col.attributes if a.subject == webinar}
    assert not [r for r in col.relations if r.subject == webinar and r.predicate == "heldIn"]
    keys = {ms[r.subject].key for r in col.relations if r.predicate == "partOf"}
    assert len(keys) == 2 and all(k.startswith("event/webinar-series-on-irrigation-") for k in keys)


def test_events_prose_name_and_reference_share_the_table_rows_key():
    _, ms = _facts(REPORT)
    key = events.key_of("Regional Workshop on Seed Systems")
    prose = [m for m in ms if m.key == key and m.extractor != "rule:table"]
    assert {m.extractor for m in prose} == {"rule:event-name", "rule:event-reference"}
    ref = next(m for m in prose if m.extractor == "rule:event-reference")
    assert REPORT[ref.start : ref.end] == "The workshop" and ref.text == "Regional Workshop on Seed Systems"


def test_events_meeting_tools_are_not_event_names():
    _, ms = _facts(REPORT)
    assert not [m for m in ms if "Zoom" in m.text]


def test_events_ner_fragments_of_a_name_are_dropped_but_places_inside_kept():
    text = "Partners met at the Global Forum on Rice in Dhaka on 3 May 2021.\n"
    start = text.index("Global Forum")
    base = [
        Mention("Global Forum", "Organisation", "model:ORG", 0.75, start, start + 12),
        Mention("Dhaka", "Place", "model:GPE", 0.75, text.index("Dhaka"), text.index("Dhaka") + 5),
    ]
    col, ms = _facts(text, base)
    assert col.dropped(0) and not col.dropped(1)
    assert [m.text for m in ms if m.type == "Event"] == ["Global Forum on Rice in Dhaka"]


def test_events_table_row_naming_two_events_is_split_in_two():
    col, ms = _facts(REPORT)
    [fair] = _named(ms, "Seed Fair")
    [conference] = _named(ms, "2nd Regional Breeders Conference")
    for e in (fair, conference):
        assert ("ssc:startDate", "2019-12-08") in {(a.property, a.value) for a in col.attributes if a.subject == e}
        assert [ms[r.object].text for r in col.relations if r.subject == e and r.predicate == "heldIn"] == ["Lusaka"]


def test_events_table_row_naming_a_project_is_the_project_and_ongoing_work_no_event():
    col, ms = _facts(REPORT)
    [project] = [i for i, m in enumerate(ms) if m.type == "Project"]
    assert ms[project].text == "Malawi Project"
    [target] = [r for r in col.relations if r.subject == project]
    assert target.predicate == "targetsCountry" and ms[target.object].key == "country/MWI"
    assert not [m for m in ms if "website" in m.text or "Clinics" in m.text]


def test_events_a_part_of_an_event_may_stand_for_any_event_a_whole_event_only_for_its_kind():
    assert events.referent_kind("session") is None and events.referent_kind("day") is None
    assert events.referent_kind("seminar") == "seminar"
    assert events.referent_kind("consultation") == "meeting"


def test_events_same_topic_in_other_words_is_the_same_event():
    from sscgraph.extract.events import best_match, normalise_name

    known = {normalise_name(n): k for n, k in [
        ("2020 International Seminar on Global Poverty Partnerships", "seminar"),
        ("Training Workshop on Climate Smart Mechanization for Dryland Agriculture in Central Asian Countries", "workshop"),
        ("Webinar on Seed Policy", "webinar"),
    ]}
    assert best_match("Seminar on Global Partnership for Poverty Reduction", known) == "seminar"
    assert best_match("webinar on Climate Smart Mechanization for Dryland Agriculture for Central Asian Countries",
                      known) == "workshop"  # five topic words or more: the kind word may differ
    assert best_match("Workshop on Global Poverty Partnerships", known) is None  # short topic, other kind
    assert best_match("Training on Seed Policy", known) is None
    assert best_match("Seminar on Global Trade Partnerships", known) is None  # another topic


def test_events_and_inside_a_topic_joins_two_parts_of_it():
    text = ("Nine officers completed the Training Course on Maize Drying and Grain Storage in Kitale. "
            "They joined the Workshop on Seed Systems and FAO staff came. "
            "They attended the Forum on Rice and Kenya signed a deal.")
    names = [s.text for s in events.named_spans(text)]
    assert names == ["Training Course on Maize Drying and Grain Storage", "Workshop on Seed Systems", "Forum on Rice"]


def test_events_venue_after_the_head_word_is_no_part_of_the_name():
    text = "The embassy hosted the Kenya-Zambia Seed Trade Dialogue at the Serena Hotel in Nairobi."
    assert [s.text for s in events.named_spans(text)] == ["Kenya-Zambia Seed Trade Dialogue"]
