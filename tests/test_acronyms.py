"""Acronym definitions: "Long Name (ACR)" and "ACR (Long Name)" in running text."""

from __future__ import annotations

import pytest

from sscgraph.extract import acronyms


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        ("Support came from the Malawi Rural Finance Company (MRFC) last year.", "MRFC", "Malawi Rural Finance Company"),
        ("officials of the Ministry of Emergency Management(MEM) attended", "MEM", "Ministry of Emergency Management"),
        ("the Food and Agriculture Organization of the United Nations (FAO) said", "FAO",
         "Food and Agriculture Organization of the United Nations"),
        ("with the African Development Bank (AfDB) and others", "AfDB", "African Development Bank"),
        ("the Korea International Cooperation Agency (KOICA) funds it", "KOICA",
         "Korea International Cooperation Agency"),
        ("Ministry of Commerce of People's Republic of China (MOFCOM) and UNDP", "MOFCOM",
         "Ministry of Commerce of People's Republic of China"),
        ("the Economic Community of West African States (ECOWAS) met", "ECOWAS",
         "Economic Community of West African States"),
    ],
)
def test_acronyms_find_long_form_before_short_form(text: str, short: str, long: str) -> None:
    (d,) = acronyms.find(text)
    assert (d.short, d.long) == (short, long)
    assert text[d.short_start : d.short_end] == short
    assert text[d.long_start : d.long_end] == long


def test_acronyms_find_short_form_before_long_form() -> None:
    text = "Officials from SEARCA (Southeast Asian Regional Center for Graduate Study and Research in Agriculture) spoke."
    (d,) = acronyms.find(text)
    assert d.short == "SEARCA"
    assert d.long == "Southeast Asian Regional Center for Graduate Study and Research in Agriculture"
    assert text[d.long_start : d.long_end] == d.long


def test_acronyms_prefer_initials_over_shortest_match() -> None:
    # "Management" alone spells MEM, but the words' initials say Ministry of Emergency Management
    assert acronyms.definitions_map("the Ministry of Emergency Management (MEM)") == {
        "MEM": "Ministry of Emergency Management"
    }


def test_acronyms_stop_at_an_earlier_parenthesis() -> None:
    found = acronyms.definitions_map("from Country Offices(CO) and Centre of Excellences(COE) joined")
    assert found == {"CO": "Country Offices", "COE": "Centre of Excellences"}


@pytest.mark.parametrize(
    "text",
    [
        "a grant (amount to be confirmed) under the programme",  # not a short form
        "in Cao Bang through the ongoing Smallholder Support Project (CSSP).",  # lowercase run
        "the price (USD) was fixed",  # no preceding words spell it
        "They met in 2019 (see Annex 2).",
        "we used mobile money (MM) widely",  # a lowercase long form is no proper name
    ],
)
def test_acronyms_ignore_brackets_that_define_nothing(text: str) -> None:
    assert acronyms.find(text) == []


@pytest.mark.parametrize(("word", "ok"), [("IFAD", True), ("AfDB", True), ("COVID-19", True), ("Hello", False),
                                           ("a", False), ("USD", True), ("Malawi", False)])
def test_acronyms_short_form_shape(word: str, ok: bool) -> None:
    assert acronyms.is_short_form(word) is ok


def test_acronyms_read_a_lower_case_l_as_the_capital_i_of_a_converted_pdf() -> None:
    (d,) = acronyms.find("a grant under the Joint Integrated Framework (JlF) for exporters")
    assert (d.short, d.long) == ("JlF", "Joint Integrated Framework")


def test_acronyms_plural_short_form_spells_without_its_s() -> None:
    (d,) = acronyms.find("with the Non-Governmental Organizations (NGOs) of the region")
    assert (d.short, d.long) == ("NGOs", "Non-Governmental Organizations")


def test_acronyms_blended_short_name_from_word_parts() -> None:
    (d,) = acronyms.find("with the Pacific Seaweed Research Centre (PacSeaweed) in Fiji")
    assert (d.short, d.long) == ("PacSeaweed", "Pacific Seaweed Research Centre")


def test_an_acronym_with_its_seat_names_the_body_before_its_bracket() -> None:
    text = "Farmers visited Indonesia's Lembang National Beef Cattle Centre (BBIB Lembang) in May."
    assert acronyms.definitions_map(text) == {"BBIB Lembang": "Lembang National Beef Cattle Centre"}
    assert acronyms.definitions_map("Staff of the Dairy Board (BBIB Lembang) met.") == {}
