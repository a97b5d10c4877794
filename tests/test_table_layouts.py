"""Activity tables in the layouts converters write: tabs, aligned spaces, Markdown pipes;
organiser columns; "City, Country" venues."""

from __future__ import annotations

from sscgraph.extract import tables
from sscgraph.extract.event_facts import EventIndex, table_events
from sscgraph.extract.evidence import Collector

PIPES = """Report 2021

| # | Title | Dates | Location | Organised by |
|---|:------|-------|----------|--------------|
| 1 | Expert Meeting on Seed Systems | 2-4 March | Lusaka, Zambia | AGRA, FAO |
| 2 | Webinar on Fish Value Chains | 9 June | Virtual | WorldFish |

Text after the table.
"""

TABS = "Annual summary 2019\n\nNo.\tEvent\tDate\tVenue\tHost\n1\tForum on Dryland Farming\t5 May\tNiamey, Niger\tICRISAT\n"


def test_markdown_pipe_tables_are_read_with_their_rule_line_skipped() -> None:
    [table] = tables.find_tables(PIPES)
    assert set(table.columns) == {"number", "name", "date", "venue", "organizers"}
    first, second = table.rows
    assert first.name.text == "Expert Meeting on Seed Systems"
    assert (first.date.start.isoformat(), first.date.end.isoformat()) == ("2021-03-02", "2021-03-04")
    assert first.venue is not None and first.venue.text == "Lusaka, Zambia"
    assert first.organizers is not None and first.organizers.text == "AGRA, FAO"
    assert second.mode == "online" and second.venue is None
    # cell offsets point into the document
    assert PIPES[first.name.start : first.name.end] == first.name.text


def test_a_table_without_an_organiser_column_has_no_organisers() -> None:
    [table] = tables.find_tables("2020\n\nNo.\tActivity\tDate\tVenue\n1\tTraining on Storage\t3 May\tAccra\n")
    assert table.rows[0].organizers is None


def _collect(text: str) -> tuple[Collector, list]:
    col = Collector([])
    table_events(col, text, None, EventIndex())
    return col, [(col.mention(r.subject).text, r.predicate, col.mention(r.object).text) for r in col.relations]


def test_organiser_cells_become_organizedBy_edges_to_each_organisation() -> None:
    col, edges = _collect(PIPES)
    assert ("Expert Meeting on Seed Systems", "organizedBy", "AGRA") in edges
    assert ("Expert Meeting on Seed Systems", "organizedBy", "FAO") in edges
    assert ("Webinar on Fish Value Chains", "organizedBy", "WorldFish") in edges
    assert all(r.extractor.startswith("table:") and r.sentence for r in col.relations)


def test_city_comma_country_venues_give_both_places_and_locate_the_city() -> None:
    col, edges = _collect(TABS)
    assert ("Forum on Dryland Farming", "heldIn", "Niamey") in edges
    assert ("Forum on Dryland Farming", "heldIn", "Niger") in edges
    assert ("Niamey", "locatedIn", "Niger") in edges
    types = {m.text: (m.type, m.key) for _, m in col.live()}
    assert types["Niger"] == ("Country", "country/NER") and types["Niamey"][0] == "Place"
    assert ("Forum on Dryland Farming", "organizedBy", "ICRISAT") in edges


def test_a_venue_with_a_comma_but_no_country_stays_one_place() -> None:
    _, edges = _collect("2018\n\nNo.\tEvent\tDate\tVenue\n1\tSeminar on Soils\t1 May\tHotel Royal, Main Hall\n")
    assert ("Seminar on Soils", "heldIn", "Hotel Royal, Main Hall") in edges


STACKED = """Annual review 2022

Table 2. Exchanges

No.
Activity
Date
Venue
1
Seminar on grain storage for
cooperatives
3-5 May
Kisumu, Kenya
2
Webinar on drip irrigation
14 June
Virtual
3
Workshop on seed testing
9 Nov.
Arusha

Source: records of the programme.
17
"""

STACKED_GAPPED = """Progress note 2020

Event

Dates

Location

Dialogue on pastoral mobility

2-3 July

Bamako, Mali

Training of trainers on vaccination

21 Sept.

Online

The next section describes the results.
"""


def test_tables_written_one_cell_per_line_are_read_row_by_row() -> None:
    [table] = tables.find_tables(STACKED)
    assert set(table.columns) == {"number", "name", "date", "venue"}
    first, second, third = table.rows
    assert first.number == "1" and first.name.text == "Seminar on grain storage for cooperatives"
    assert STACKED[first.name.start : first.name.end].split() == first.name.text.split()
    assert (first.date.start.isoformat(), first.date.end.isoformat()) == ("2022-05-03", "2022-05-05")
    assert first.venue is not None and first.venue.text == "Kisumu, Kenya"
    assert second.mode == "online" and second.venue is None
    assert third.name.text == "Workshop on seed testing" and third.venue.text == "Arusha"


def test_one_cell_per_line_tables_with_blank_lines_and_no_number_column() -> None:
    [table] = tables.find_tables(STACKED_GAPPED)
    assert [r.name.text for r in table.rows] == ["Dialogue on pastoral mobility", "Training of trainers on vaccination"]
    assert table.rows[0].venue.text == "Bamako, Mali" and table.rows[1].mode == "online"


def test_one_cell_per_line_rows_give_events_with_their_venues() -> None:
    _, edges = _collect(STACKED)
    assert ("Seminar on grain storage for cooperatives", "heldIn", "Kisumu") in edges
    assert ("Seminar on grain storage for cooperatives", "heldIn", "Kenya") in edges
    assert ("Workshop on seed testing", "heldIn", "Arusha") in edges
    assert not any(e[0] == "Webinar on drip irrigation" and e[1] == "heldIn" for e in edges)


def test_header_words_alone_on_lines_without_dated_rows_are_no_table() -> None:
    text = "2021\n\nActivity\nDate\nVenue\nThe plans changed during the year.\nNothing was held.\n"
    assert tables.find_tables(text) == []
