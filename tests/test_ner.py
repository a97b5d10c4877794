"""The NER pipeline: spaCy's model plus sscgraph's registered components, on invented sentences.

Each test names the rule it covers; the sentences are written for the test,
so they check the class of error, not a string of the sample corpus.
"""

from __future__ import annotations

import pytest

from sscgraph.model import Document, Extraction, Mention

pytestmark = pytest.mark.model


def found(text: str) -> list[Mention]:
    from sscgraph.extract import ner

    return ner.mentions(ner.load()(text))


def by_text(text: str) -> dict[str, Mention]:
    return {m.text: m for m in found(text)}


def resolved(*texts: str):
    """Entities of a small corpus, one document per text, resolved with the project's gazetteer."""
    from sscgraph.resolve.merges import Merges
    from sscgraph.resolve.resolver import resolve

    exs = [
        Extraction(Document(path=f"d{i}.txt", text=t), title=f"d{i}", mentions=tuple(found(t)))
        for i, t in enumerate(texts)
    ]
    return resolve(exs, merges=Merges())


def labels(res, etype: str | None = None) -> set[str]:
    return {e.label for e in res.entities.values() if etype is None or e.type == etype}


# ---------------------------------------------------------------- gazetteer and national bodies


def test_ner_acronym_of_several_entries_is_left_to_the_resolver() -> None:
    ms = by_text("Officials of MPI met the delegation in Hanoi, Viet Nam, on Monday.")
    assert ms["MPI"].type == "Organisation" and ms["MPI"].key is None


def test_ner_ambiguous_acronym_resolves_by_the_countries_of_the_document() -> None:
    res = resolved(
        "In Viet Nam, MPI approved the new plan for the northern provinces.",
        "The Lao People's Democratic Republic and its MPI signed the agreement.",
    )
    keys = [k for path in ("d0.txt", "d1.txt") for k in res.assignments[path] if k and "mpi" in k]
    assert keys == ["organisation/vnm-mpi", "organisation/lao-mpi"]


def test_ner_ministry_of_an_unnamed_country_is_not_linked() -> None:
    res = resolved("Experts of the Ministry of Planning and Investment visited farms in Honduras and Guatemala.")
    ministry = [e for e in res.entities.values() if e.label == "Ministry of Planning and Investment"]
    assert len(ministry) == 1 and ministry[0].country is None


def test_ner_ministry_named_with_its_country_is_linked() -> None:
    res = resolved("The Ministry of Planning and Investment of Viet Nam met donors in Brussels, Belgium.")
    assert "organisation/vnm-mpi" in res.entities


# ---------------------------------------------------------------- acronyms


def test_ner_acronym_followed_by_its_head_word_takes_class_and_full_name() -> None:
    ms = found("The Regional Trade Facilitation (RTF) Programme will fund exporters in Malawi.")
    projects = {m.text: m for m in ms if m.type == "Project"}
    assert set(projects) == {"Regional Trade Facilitation", "RTF"}
    assert {m.long_form for m in projects.values()} == {"Regional Trade Facilitation Programme"}


def test_ner_definitions_of_kinds_of_bodies_name_nothing() -> None:
    ms = found("Staff from Regional Bureaus (RBs), Country Offices (COs) and Centres of Excellence (COEs) "
               "joined the call; two COEs presented.")
    assert ms == []


def test_ner_gazetteer_name_completed_by_a_defined_acronym() -> None:
    ms = by_text("Country Offices (COs) of several agencies took part, and UNDP China CO hosted the meeting.")
    assert ms["UNDP China CO"].key == "organisation/undp-chn"


# ---------------------------------------------------------------- fragments, titles, quotations


def test_ner_nothing_inside_a_quoted_theme() -> None:
    ms = found("The forum, themed “Green Valleys Build Shared Futures for Rural Youth”, was held in Nairobi.")
    assert [m.text for m in ms] == ["Nairobi"]


def test_ner_quotations_and_what_lies_within_them() -> None:
    from sscgraph.extract.components import quotations

    text = 'He said “Grow, Nourish, Sustain” and left "quickly today".'
    assert [text[a:b] for a, b in quotations(text)] == ["“Grow, Nourish, Sustain”", '"quickly today"']


def test_ner_capitalised_word_of_a_slogan_is_no_place() -> None:
    ms = found("The year’s slogan was Grow, Nourish, Sustain. Together we act.")
    assert not [m for m in ms if m.type in ("Place", "Country")]


def test_ner_unknown_place_after_a_locative_word_is_kept() -> None:
    ms = by_text("The team travelled to Mbarawa, where farmers met extension officers.")
    assert ms["Mbarawa"].type == "Place"


def test_ner_person_cut_inside_a_hyphenated_word_is_dropped() -> None:
    ms = found("The Global Agro-industry Ecology Conference opened in Jiaxing.")
    assert not [m for m in ms if m.type == "Person"]


def test_ner_person_keeps_a_third_name_before_the_role() -> None:
    ms = found("Dr. Rosalind Ekwueme Obiageli Keynote Speaker, Head of Department")
    assert [(m.text, m.type) for m in ms] == [("Rosalind Ekwueme Obiageli", "Person")]


def test_ner_organisation_cut_before_a_hyphenated_word_is_completed() -> None:
    ms = by_text("The Administrative Committee of Luoyang Agricultural High-tech Industry Zone of China signed.")
    assert ms["Administrative Committee of Luoyang Agricultural High-tech Industry Zone"].type == "Organisation"
    assert ms["China"].type == "Country"


def test_ner_two_complete_names_joined_by_and_stay_two() -> None:
    ms = by_text("Chongqing University and Chongqing Municipality Culture Exchange Centre co-organised it.")
    assert {"Chongqing University", "Chongqing Municipality Culture Exchange Centre"} <= set(ms)


# ---------------------------------------------------------------- demonyms and governments


def test_ner_demonym_before_a_common_noun_names_no_entity() -> None:
    """Policy (ontology/README.md): "Chinese experts", "Cambodian producers" are no country acting."""
    ms = found("Chinese experts trained Cambodian producers near the river.")
    assert ms == []


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("The Chinese Government funded the work.", "Chinese Government"),
        ("The Government of Malawi funded the work.", "Government of Malawi"),
        ("The Kenyan government funded the work.", "Kenyan government"),
    ],
)
def test_ner_government_of_a_country_is_that_country(text: str, surface: str) -> None:
    ms = by_text(text)
    assert ms[surface].type == "Country" and ms[surface].key and ms[surface].key.startswith("country/")


# ---------------------------------------------------------------- classes from the words around a name


def test_ner_head_word_after_an_acronym_types_it_even_in_lower_case() -> None:
    ms = by_text("Schools joined the Green Lunch Schools (GLS) pilot in two districts of Malawi.")
    assert ms["GLS"].type == "Project" and ms["Green Lunch Schools"].type == "Project"


def test_ner_name_announced_by_its_class_word_takes_that_class() -> None:
    ms = found("The office is designing a regional initiative called “BRIDGE” for young farmers.")
    assert [(m.text, m.type) for m in ms] == [("BRIDGE", "Project")]


def test_ner_regions_across_countries_are_no_entities() -> None:
    ms = found("Farmers in West Africa and Central Asia face droughts, as do those in Kenya.")
    assert [(m.text, m.type) for m in ms] == [("Kenya", "Country")]


@pytest.mark.parametrize("last", ["(Agence Ndjamena Presse)", "Source: Ndjamena Daily Courier"])
def test_ner_outlet_credited_on_the_last_line_is_an_organisation(last: str) -> None:
    ms = by_text(f"Farmers in Chad harvested early this year.\n\n{last}\n")
    name = last.strip("()").removeprefix("Source: ")
    assert ms[name].type == "Organisation" and ms[name].extractor == "rule:source"


def test_ner_person_after_named_is_not_announced_as_a_body() -> None:
    ms = found("The Committee named Mr. Peter Okoth as its chair.")
    assert ("Peter Okoth", "Person") in [(m.text, m.type) for m in ms]
