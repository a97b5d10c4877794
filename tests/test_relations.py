"""Typed edges read by the relation patterns, with their evidence, on invented prose."""

from __future__ import annotations

import pytest

from sscgraph.extract import patterns, relations
from sscgraph.model import Document

pytestmark = pytest.mark.model

TEXT = """\
The Coastal Fisheries Resilience Project, financed by the Asian Development Bank and IFAD, will run until 2025. \
It is implemented by the Ministry of Agriculture of Ghana and FAO.
In 2019 the Global Forum on Dryland Farming was jointly organized by FAO, UNDP and the African Union Commission. \
The forum was held in Addis Ababa, Ethiopia on 12-14 March 2019.
Dr. Amina Yusuf, Regional Programme Officer, FAO Regional Office for Africa, attended the forum. \
UNICEF Kenya Country Representative Peter Mwangi also participated in the forum.
WFP signed a memorandum of understanding with the African Development Bank. \
The Seed Systems Programme receives a grant from the Government of Norway to assist Malawi and Zambia.
The Mekong Rice Project is supported by the Government of Thailand. The Andes Water Project was launched in Lima.
The Ministry of Health, UNICEF and WFP have a shared commitment to end stunting.
In 2018 Norway signed an agreement involving FAO and the World Bank.
The Dairy Value Chain Project trains farmers in Kenya.
The Regional Seed Summit was organized by FAO, in collaboration with IFAD and the African Union Commission. \
The summit was held on 3 May 2022 in Kisumu, Kenya. About 40 representatives from UNDP, WFP and UNICEF attended. \
Ms. Grace Otieno, Programme Officer, Seed Systems Unit, FAO Kenya, presented the results.
Officials of the Ministry of Water and Sanitation of Peru met the Embassy of the Republic of Korea. \
IFAD in Brazil sent a note.
"""


def _extract(text: str, path: str = "invented.txt"):
    """The relations of a text and every mention they may point to (NER's, then the extractors')."""
    from sscgraph.extract import ner

    doc = ner.load()(text)
    mentions = ner.mentions(doc)
    found = relations.extract(Document(path, text), doc, mentions)
    return found, mentions + list(found.mentions)


@pytest.fixture(scope="module")
def facts():
    return _extract(TEXT)


def _triples(facts) -> dict[tuple[str, str, str], object]:
    found, every = facts
    return {(every[r.subject].text, r.predicate, every[r.object].text): r for r in found.relations}


@pytest.mark.parametrize(
    "triple",
    [
        ("Coastal Fisheries Resilience Project", "fundedBy", "Asian Development Bank"),
        ("Coastal Fisheries Resilience Project", "fundedBy", "IFAD"),
        ("Coastal Fisheries Resilience Project", "implementedBy", "FAO"),
        ("Global Forum on Dryland Farming", "organizedBy", "FAO"),
        ("Global Forum on Dryland Farming", "organizedBy", "UNDP"),
        ("Global Forum on Dryland Farming", "organizedBy", "African Union Commission"),
        ("Global Forum on Dryland Farming", "heldIn", "Addis Ababa"),
        ("Addis Ababa", "locatedIn", "Ethiopia"),
        ("Amina Yusuf", "affiliatedWith", "FAO Regional Office for Africa"),
        ("Amina Yusuf", "participatedIn", "Global Forum on Dryland Farming"),
        ("Peter Mwangi", "affiliatedWith", "UNICEF"),
        ("Peter Mwangi", "participatedIn", "Global Forum on Dryland Farming"),
        ("WFP", "partnerOf", "African Development Bank"),
        ("Seed Systems Programme", "fundedBy", "Government of Norway"),
        ("Seed Systems Programme", "targetsCountry", "Malawi"),
        ("Seed Systems Programme", "targetsCountry", "Zambia"),
        ("Mekong Rice Project", "fundedBy", "Government of Thailand"),
        ("UNICEF", "partnerOf", "WFP"),
        ("FAO", "partnerOf", "World Bank"),
        ("Dairy Value Chain Project", "targetsCountry", "Kenya"),
        ("Regional Seed Summit", "organizedBy", "IFAD"),
        ("Regional Seed Summit", "organizedBy", "African Union Commission"),
        ("Regional Seed Summit", "heldIn", "Kisumu"),
        ("Regional Seed Summit", "heldIn", "Kenya"),
        ("UNICEF", "participatedIn", "Regional Seed Summit"),
        ("Grace Otieno", "affiliatedWith", "FAO Kenya"),
    ],
)
def test_relations_patterns_find_edges_of_invented_prose(facts, triple):
    assert triple in _triples(facts)


def test_relations_edges_carry_pattern_sentence_and_offsets(facts):
    r = _triples(facts)[("Global Forum on Dryland Farming", "organizedBy", "UNDP")]
    assert r.extractor == "pattern:organized-by" and 0.5 < r.confidence <= 1
    assert TEXT[r.start : r.end] == r.sentence
    assert r.sentence.startswith("In 2019 the Global Forum") and r.sentence.endswith("Commission.")


def test_relations_no_edge_without_its_trigger(facts):
    triples = _triples(facts)
    assert not [t for t in triples if t[0] == "FAO Regional Office for Africa" and t[1] == "participatedIn"]
    assert not [t for t in triples if t[1] == "fundedBy" and t[0] == "Andes Water Project"]


def test_relations_event_dated_by_its_sentence(facts):
    found, every = facts
    dates = {(every[a.subject].text, a.property, a.value) for a in found.attributes}
    assert ("Global Forum on Dryland Farming", "ssc:startDate", "2019-03-12") in dates
    assert ("Global Forum on Dryland Farming", "ssc:endDate", "2019-03-14") in dates


def test_relations_pattern_names_are_unique_and_known_predicates():
    from sscgraph.vocab import SSC

    loaded = patterns.load()
    assert len({p.name for p in loaded}) == len(loaded)
    for p in loaded:
        assert getattr(SSC, p.predicate)
        assert p.subject in ("left", "right", "sentence", "record")


RECORD = """---
project_id: "X-42"
project_title: Dryland Seeds Project
---
FAO will facilitate the training of seed inspectors. This regional pilot is financed by the Government of Japan.
UNICEF contributes a small grant for school seed gardens.
The pilot is run by the Dryland Seed Service, which trains the growers, and the Oasis Farmers Union.
The workshop was attended by representatives of several agencies, including WFP, IFAD and UNICEF.
Speaking at the workshop, Ms. Laura Chen, emphasised the value of seed banks.
"""


def test_relations_project_record_is_the_subject_of_its_own_prose(tmp_path):
    from sscgraph import ingest
    from sscgraph.extract import ner

    path = tmp_path / "record.md"
    path.write_text(RECORD, "utf-8")
    document, _ = ingest.read(ingest.discover([tmp_path])[0][0])
    doc = ner.load()(document.text)
    mentions = ner.mentions(doc)
    found = relations.extract(document, doc, mentions)
    every = mentions + list(found.mentions)
    triples = {(every[r.subject].text, r.predicate, every[r.object].text) for r in found.relations}
    assert ("Dryland Seeds Project", "implementedBy", "FAO") in triples
    assert ("Dryland Seeds Project", "fundedBy", "Government of Japan") in triples
    assert ("Dryland Seeds Project", "fundedBy", "UNICEF") in triples  # a grant contributed in its record
    assert ("Dryland Seeds Project", "fundedBy", "WFP") not in triples
    # a list goes on after a relative clause closed by a comma
    assert {("Dryland Seeds Project", "implementedBy", "Dryland Seed Service"),
            ("Dryland Seeds Project", "implementedBy", "Oasis Farmers Union")} <= triples
    keys = {every[r.subject].key for r in found.relations if r.predicate == "fundedBy"}
    assert len(keys) == 1 and None not in keys


def test_relations_national_bodies_are_located_in_their_country_agencies_are_not(facts):
    found, every = facts
    located = {(every[r.subject].text, every[r.object].key) for r in found.relations if r.predicate == "locatedIn"}
    assert any(key == "country/PER" and "Water" in subject for subject, key in located)
    assert any(key == "country/KOR" and "Embassy" in subject for subject, key in located)
    assert not any(key == "country/BRA" for _, key in located)


def _edges(text: str) -> set[tuple[str, str, str]]:
    return set(_triples(_extract(text)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nine officers completed the Training Course on Maize Drying and Grain Storage at Kitale, Kenya, "
         "from 3 to 9 May 2023.",
         {("Training Course on Maize Drying and Grain Storage", "heldIn", "Kitale"),
          ("Training Course on Maize Drying and Grain Storage", "heldIn", "Kenya")}),
        ("The Sahel Millet Forum will take place in Tiboulen, Niger, next year.",
         {("Sahel Millet Forum", "heldIn", "Tiboulen"), ("Sahel Millet Forum", "heldIn", "Niger"),
          ("Tiboulen", "locatedIn", "Niger")}),
        ("The Pacific Taro Symposium will be held in Lape'ona, Samoa, from 3 to 5 May 2025.",
         {("Pacific Taro Symposium", "heldIn", "Lape'ona"), ("Pacific Taro Symposium", "heldIn", "Samoa")}),
    ],
)
def test_relations_event_held_in_a_place_after_its_name_or_unknown_to_any_list(text, expected) -> None:
    assert expected <= _edges(text)


def test_relations_next_event_is_not_the_one_told_about() -> None:
    edges = _edges("A regional workshop on millet breeding was held in Niamey, Niger, in May 2022. "
                   "The next workshop will take place in Bamako, Mali, in 2023.")
    assert not {e for e in edges if e[1] == "heldIn" and e[2] in ("Bamako", "Mali")}


def test_longest_match_of_a_trigger_counts_its_repeats() -> None:
    longest = patterns._longest
    assert longest([{"LOWER": "funded"}, {"LOWER": "by"}]) == 2
    assert longest([{"LOWER": "a", "OP": "?"}, {"IS_ALPHA": True, "OP": "{0,3}"}, {"LOWER": "with"}]) == 5
    assert longest([{"LOWER": "x", "OP": "{2}"}, {"LOWER": "y", "OP": "{,4}"}]) == 6
    for op in ("*", "+", "{1,}"):
        assert longest([{"LOWER": "signed"}, {"IS_ALPHA": True, "OP": op}]) is None


def test_trigger_windows_find_what_whole_sentences_find() -> None:
    """The matchers read only the tokens around their words; on every sentence of the seeds and
    of invented prose they find exactly what they find reading whole sentences."""
    from sscgraph.extract import ner
    from sscgraph.resources import seeds_dir

    nlp = ner.load()
    texts = [TEXT] + [p.read_text("utf-8") for p in sorted(seeds_dir().iterdir()) if p.is_file()]
    triggers = patterns._triggers(nlp.vocab)
    windowed = whole = 0
    for parsed in nlp.pipe(texts):
        expected = sorted(
            (name, sent.start + a, sent.start + b)
            for sent in parsed.sents
            for name, matcher in triggers.matchers.items()
            for _, a, b in matcher(sent)
        )
        found = triggers(parsed)
        assert sorted(found) == expected
        windowed += len(found)
        whole += len(expected)
    assert windowed == whole > 50


def test_trigger_windows_cover_each_word_as_far_as_a_match_reaches() -> None:
    t = patterns._Triggers(vocab=None, patterns={}, matchers={}, needs={}, by_word={}, always=frozenset(),
                           reach={"unbounded": None, "short": 2}, firsts={"short": frozenset({7})})
    assert t._windows("unbounded", [1, 2, 3], 10) == [(10, 13)]
    # words at 0, 4 and 5 of a sentence starting at token 20: ranges cut at its ends, overlaps merged
    assert t._windows("short", [7, 1, 1, 1, 7, 7], 20) == [(20, 22), (23, 26)]
    assert t._windows("short", [1, 1], 0) == []
