"""Dates and ranges of reports and news, with the year from the document's context."""

from __future__ import annotations

from datetime import date

import pytest

from sscgraph.extract import dates


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("25-27 Sep.", date(2020, 9, 25), date(2020, 9, 27)),
        ("on 2 September", date(2020, 9, 2), None),
        ("from 12 to 14 October 2019", date(2019, 10, 12), date(2019, 10, 14)),
        ("during November 14-15", date(2020, 11, 14), date(2020, 11, 15)),
        ("19 Oct.", date(2020, 10, 19), None),
        ("was unfolded on 6,12 and 19 August.", date(2020, 8, 6), date(2020, 8, 19)),
        ("held on 29 June, 6, 13, and 20 July", date(2020, 6, 29), date(2020, 7, 20)),
        ("launched on 22 and 29 September", date(2020, 9, 22), date(2020, 9, 29)),
        ("Thursday 06 August 2020, 12:00 GMT", date(2020, 8, 6), None),
        ("SEPTEMBER 26, 19:00 - 21:00", date(2020, 9, 26), None),
        ("signed on 2021-03-04 in Lima", date(2021, 3, 4), None),
        ("from 28 Dec. to 3 Jan.", date(2020, 12, 28), date(2021, 1, 3)),
        ("on March 3rd, 2018", date(2018, 3, 3), None),
        ("2–5 December", date(2020, 12, 2), date(2020, 12, 5)),
    ],
)
def test_dates_parse_days_and_ranges_with_context_year(text, start, end):
    found = dates.parse(text, year=2020)
    assert found is not None
    assert (found.start, found.end) == (start, end)
    assert found.precision == "day"


def test_dates_month_only_keeps_month_precision():
    found = dates.parse("The mission took place in Sept. 2020.")
    assert found is not None
    assert found.start == date(2020, 9, 1) and found.precision == "month"


@pytest.mark.parametrize("text", ["All around the year", "Module II", "3 participants from 8 countries", "May"])
def test_dates_parse_finds_nothing_in_non_dates(text):
    assert dates.parse(text, year=2020) is None


def test_dates_without_year_or_context_are_not_guessed():
    assert dates.parse("on 2 September") is None


def test_dates_impossible_day_is_rejected():
    assert dates.parse("31 February", year=2020) is None


def test_dates_find_reports_offsets():
    text = "The forum ran from 3 to 4 November in Suzhou; a follow-up met on 8 December."
    found = dates.find_dates(text, 2020)
    assert [d.start for d in found] == [date(2020, 11, 3), date(2020, 12, 8)]
    assert text[found[1].offset : found[1].offset + len(found[1].text)] == found[1].text


def test_dates_document_year_prefers_the_most_frequent_year():
    text = "2020 Review\n2021\nIn 2020 we ... since 2016 ... the year 2020 ..."
    assert dates.document_year(text) == 2020
    assert dates.document_year("no year here") is None
