"""Activity tables of PDF-converted reports: header detection, rows, sub-rows, dates, venues."""

from __future__ import annotations

from datetime import date

from sscgraph.extract import tables

from .conftest import SEEDS

SYNTHETIC = """Annual report 2019 of the regional hub

Table 2. Events supported in 2019
S/N\tEvent\tDates\tLocation
1\tRegional Workshop on Seed Systems\t4-6 Mar.\tNairobi
2\tWebinar Series on Irrigation\tSession 1: Drip Systems\t2 Apr.\tVirtual
\t\tSession 2: Solar Pumps\t9 Apr.\tVirtual
\t\tSession 1: Fertiliser Markets\t5 May\tVirtual
3\tTraining on Market Access\tSession 2: Contracts\t12 May\tVirtual
4\tFarmers' Field Day\t\t30 Nov. - 2 Dec.\tLilongwe
The hub also maintained its website.
5\tThis line is prose after the table\t1 Jan.\tNowhere
"""


def test_tables_reads_rows_dates_and_venues_of_an_unseen_layout():
    [table] = tables.find_tables(SYNTHETIC)
    names = [r.name.text for r in table.rows]
    assert "Regional Workshop on Seed Systems" in names
    assert "This line is prose after the table" not in names
    first = table.rows[0]
    assert (first.date.start, first.date.end) == (date(2019, 3, 4), date(2019, 3, 6))
    assert first.venue.text == "Nairobi" and first.mode is None
    assert SYNTHETIC[first.name.start : first.name.end] == first.name.text
    last = next(r for r in table.rows if r.name.text == "Farmers' Field Day")
    assert (last.date.start, last.date.end) == (date(2019, 11, 30), date(2019, 12, 2))


def test_tables_sub_rows_restarting_their_numbering_belong_to_the_next_row():
    [table] = tables.find_tables(SYNTHETIC)
    rows = table.rows
    webinar = next(i for i, r in enumerate(rows) if r.name.text == "Webinar Series on Irrigation")
    training = next(i for i, r in enumerate(rows) if r.name.text == "Training on Market Access")
    subs = {r.name.text: r.parent for r in rows if r.parent is not None}
    assert subs["Session 1: Drip Systems"] == webinar
    assert subs["Session 2: Solar Pumps"] == webinar
    assert subs["Session 1: Fertiliser Markets"] == training
    assert subs["Session 2: Contracts"] == training
    assert rows[webinar].mode == "online"
    assert (rows[webinar].date.start, rows[webinar].date.end) == (date(2019, 4, 2), date(2019, 4, 9))


def test_tables_need_a_header_row():
    text = "1\tSomething\t4 Mar.\tNairobi\n2\tOther\t5 Mar.\tLima\n"
    assert tables.find_tables(text, 2020) == []


def test_tables_seed_engagement_table_has_25_activities_with_modules():
    text = next(SEEDS.glob("001_*")).read_text("utf-8")
    found = tables.find_tables(text)
    rows = [r for t in found for r in t.rows]
    numbered = [r for r in rows if r.number]
    assert [r.number for r in numbered] == [str(i) for i in range(1, 26)]
    assert all(r.date is not None and r.date.start.year == 2020 for r in rows)
    assert all(r.venue is not None or r.mode for r in rows)
    modules = [r for r in rows if r.parent is not None]
    assert len(modules) == 9
