"""Events named in lower case by their kind and topic, and phrases referring back to them."""

from __future__ import annotations

import pytest

from sscgraph.extract import event_phrases, events, relations
from sscgraph.model import Document, Mention

pytestmark = pytest.mark.model

REPORT = """Annual report 2021 of the Blue Coast Fisheries Network

No.\tActivity\tDate\tVenue
1\tTraining on cold-chain management\t14-16 June\tMombasa, Kenya
2\tRegional meeting on fish trade statistics\t2 Sep.\tDar es Salaam
3\tStudy visit to Viet Nam hatcheries\t10-20 Oct.\tHanoi

The network trains officers every year and publishes training materials for its members.

The training in Mombasa was organized by the Kenya Marine and Fisheries Research Institute and the Indian Ocean \
Commission.

The regional meeting on fish trade statistics was co-organized by the African Union Commission and WorldFish.

The seminar was organized by the Ministry of Blue Economy.

In November, fisheries officers met in Zanzibar at a regional workshop on seaweed farming, hosted by the Tanzania \
Fisheries Research Institute. The three-day workshop was jointly organized by FAO and the Government of Norway.

Delegates gathered in Lusaka for a national consultation on aquaculture policy from 3 to 5 December. \
The consultation was convened by the Ministry of Fisheries and Livestock of Zambia.
"""


@pytest.fixture(scope="module")
def nlp():
    from sscgraph.extract import ner

    return ner.load()


def _phrases(nlp, sentence: str) -> list[event_phrases.Phrase]:
    return event_phrases.parsed_phrases(nlp(sentence))


@pytest.mark.parametrize(
    ("sentence", "name", "kind"),
    [
        ("Fisheries officers met in Mombasa last week at a regional training on cold-chain management, "
         "hosted by the institute.", "regional training on cold-chain management", "training"),
        ("Delegates gathered in Lusaka for a national consultation on seed policy from 3 to 5 May.",
         "national consultation on seed policy", "meeting"),
        ("Experts from Uzbekistan took part in an international conference on drylands held in Tashkent.",
         "international conference on drylands", "conference"),
        ("The ministry organized a two-day high-level forum about digital agriculture in Dakar.",
         "high-level forum about digital agriculture", "forum"),
        ("A webinar on post-harvest losses attracted 300 participants.", "webinar on post-harvest losses", "webinar"),
        ("Last year the cooperative sent two members to a study tour on dairy processing in Uruguay.",
         "study tour on dairy processing", "study tour"),
        ("Officials from Laos joined a study tour on rice seed production in Hunan Province.",
         "study tour on rice seed production", "study tour"),
        ("In March, the agency convened a high-level roundtable on climate finance for small island states in Suva.",
         "high-level roundtable on climate finance for small island states", "meeting"),
        ("Over 40 farmers attended a field day on drought-tolerant maize varieties in Chipata.",
         "field day on drought-tolerant maize varieties", "day"),
        ("The university will host an international symposium on soil health next year.",
         "international symposium on soil health", "symposium"),
        ("She presented the results at a side event on nutrition-sensitive agriculture during the summit.",
         "side event on nutrition-sensitive agriculture", "event"),
        ("The ministry organized an online seminar for extension workers on 5 October.",
         "online seminar for extension workers", "seminar"),
    ],
)
def test_event_mentions_indefinite_head_with_a_topic_is_a_described_event(nlp, sentence, name, kind):
    [phrase] = [p for p in _phrases(nlp, sentence) if p.name]
    assert (phrase.name, phrase.kind, phrase.definite) == (name, kind, False)
    assert sentence[phrase.start : phrase.end].endswith(name.split()[-1])


@pytest.mark.parametrize(
    ("sentence", "kind", "modifiers", "places"),
    [
        ("The three-day workshop was jointly organized by FAO and IFAD.", "workshop", (), ()),
        ("The regional dialogue was co-organized by the African Union Commission and WFP.", "dialogue", ("regional",), ()),
        ("The training in Mombasa was organized by the Kenya Marine and Fisheries Research Institute.",
         "training", (), ("mombasa",)),
        ("Its annual meeting took place in Bangkok.", "meeting", ("annual",), ("bangkok",)),
    ],
)
def test_event_mentions_definite_head_without_topic_is_a_reference(nlp, sentence, kind, modifiers, places):
    [phrase] = _phrases(nlp, sentence)
    assert (phrase.kind, phrase.definite, phrase.name) == (kind, True, None)
    assert (phrase.modifiers, phrase.places) == (modifiers, places)


@pytest.mark.parametrize(
    "sentence",
    [
        "The centre provides training to farmers and prints training materials for capacity-building trainings.",
        "Several workshops on irrigation were held across the region.",
        "The ministry held a meeting on 3 May with donors.",
        "A workshop report was shared with all partners.",
        "Farmers received training on soil fertility from extension officers.",
        "The conferences on trade were postponed.",
        "The project supports training for women entrepreneurs.",
        "Training sessions on bookkeeping were delivered in five districts.",
        "The second phase focuses on training, meetings and exchanges.",
        "They discussed the meeting schedule for next year.",
        "A consultation process on the new strategy is ongoing.",
        "The workshop report is available online.",
        "Each village runs a course on hygiene and a session on nutrition.",
        "The programme aims to foster a dialogue on sustainable fisheries among neighbours.",
        "The cooperative provides a forum for farmers to share experience.",
    ],
)
def test_event_mentions_generic_activity_and_plurals_are_no_event(nlp, sentence):
    assert [p for p in _phrases(nlp, sentence) if p.name] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Participants joined the Zoom conference from their offices.",
        "Each member received a training kit and a workshop agenda.",
    ],
)
def test_event_mentions_meeting_tools_and_things_named_after_events_are_no_event(nlp, sentence):
    assert [p for p in _phrases(nlp, sentence) if p.name] == []
    assert [p for p in _phrases(nlp, sentence) if p.definite and "zoom" in p.text.lower()] == []


def test_event_mentions_a_topic_with_names_in_it_keeps_them(nlp):
    [phrase] = _phrases(nlp, "A video conference for collaboration between WFP and JAAS was held on 2 April.")
    assert phrase.name == "video conference for collaboration between WFP and JAAS"


def test_event_mentions_a_coordinated_event_word_keeps_the_determiner(nlp):
    found = _phrases(nlp, "Two officers participated in the Forum and field visit.")
    assert [(p.kind, p.definite) for p in found] == [("forum", True), ("visit", True)]


@pytest.fixture(scope="module")
def report(nlp):
    doc = nlp(REPORT)
    mentions = ner_mentions(doc)
    found = relations.extract(Document("report.txt", REPORT), doc, mentions)
    every = mentions + list(found.mentions)
    dropped = {i for i, key in found.rekey if key == ""}
    return found, every, dropped


def ner_mentions(doc) -> list[Mention]:
    from sscgraph.extract import ner

    return ner.mentions(doc)


def _edges(report, predicate: str) -> set[tuple[str, str]]:
    found, every, _ = report
    return {(every[r.subject].key, every[r.object].key or every[r.object].text)
            for r in found.relations if r.predicate == predicate}


def _dates(report, key: str) -> dict[str, str]:
    found, every, _ = report
    return {a.property: a.value for a in found.attributes if a.subject is not None and every[a.subject].key == key}


def test_event_mentions_references_after_a_table_land_on_the_row_they_name(report):
    organised = _edges(report, "organizedBy")
    training = events.key_of("Training on cold-chain management")
    meeting = events.key_of("Regional meeting on fish trade statistics")
    assert {(training, "Kenya Marine and Fisheries Research Institute"), (training, "Indian Ocean Commission"),
            (meeting, "African Union Commission"), (meeting, "WorldFish")} <= organised
    assert (training, "Mombasa") in _edges(report, "heldIn")


def test_event_mentions_a_reference_never_lands_on_an_event_of_another_kind(report):
    visit = events.key_of("Study visit to Viet Nam hatcheries")
    assert not [o for k, o in _edges(report, "organizedBy") if k == visit]
    assert not [o for k, o in _edges(report, "organizedBy") if "Blue Economy" in o]


def test_event_mentions_described_events_get_their_organisers_venue_and_dates(report):
    _, every, dropped = report
    workshop = events.key_of("regional workshop on seaweed farming")
    consultation = events.key_of("national consultation on aquaculture policy")
    organised = _edges(report, "organizedBy")
    assert (workshop, "Tanzania Fisheries Research Institute") in organised
    assert (workshop, "organisation/fao") in organised
    assert {(workshop, "Zanzibar"), (consultation, "Lusaka")} <= _edges(report, "heldIn")
    assert _dates(report, consultation) == {"ssc:startDate": "2021-12-03", "ssc:endDate": "2021-12-05"}
    assert any(k == consultation and o.startswith("Ministry of Fisheries") for k, o in organised)
    labels = {m.text for i, m in enumerate(every) if m.key == workshop and i not in dropped}
    assert labels == {"regional workshop on seaweed farming"}


def test_event_mentions_generic_training_in_a_report_makes_no_event(report):
    _, every, dropped = report
    keys = {m.key for i, m in enumerate(every) if m.type == "Event" and i not in dropped}
    assert all(k is None or "material" not in k for k in keys)
    assert len({k for k in keys if k}) == 5


SAHEL = """Annual report 2022 of the Sahel Seed Alliance

No.\tActivity\tDate\tVenue
1\tTraining on seed certification\t4 Mar.\tBamako, Mali
2\tTraining on seed storage\t9 May\tNiamey
3\tWorkshop on seed policy harmonisation\t12 June\tDakar
4\tStudy visit to Kenya seed companies\t10-20 Oct.\tNairobi

The training on 4 March was organized by the Institute of Rural Economy.

The training in Niamey was co-organized by the National Institute of Agronomic Research of Niger.

The workshop on seed policy was co-hosted by two regional bodies.
"""


def test_event_mentions_references_pick_the_row_whose_date_place_or_topic_agrees(nlp):
    doc = nlp(SAHEL)
    mentions = ner_mentions(doc)
    found = relations.extract(Document("sahel.txt", SAHEL), doc, mentions)
    prose = sorted((m.start, SAHEL[m.start : m.end], m.key) for m in found.mentions
                   if m.extractor in ("rule:event-reference", "rule:event-described"))
    assert [(text, key) for _, text, key in prose] == [
        ("training", events.key_of("Training on seed certification")),  # on 4 March
        ("training", events.key_of("Training on seed storage")),  # in Niamey
        ("workshop on seed policy", events.key_of("Workshop on seed policy harmonisation")),
    ]


@pytest.mark.parametrize(
    ("sentence", "place", "when"),
    [
        ("The Ministry of Agriculture held a two-day workshop on aquaculture in Kisumu from 4 to 5 May.",
         "kisumu", "from 4 to 5 May"),
        ("In Kigali, the centre hosted a regional seminar on post-harvest losses.", "kigali", None),
        ("The institute organized a training on drip irrigation at its campus in Aleppo.", "aleppo", None),
        ("WFP convened a consultation on school feeding in Dakar last month.", "dakar", None),
        ("Fisheries officers met in Mombasa at a regional training on cold-chain management.", "mombasa", None),
        ("Delegates gathered in Lusaka for a national consultation on seed policy from 3 to 5 May.",
         "lusaka", "from 3 to 5 May"),
        ("A national dialogue on youth employment took place in Accra on 14-15 June 2023.",
         "accra", "on 14-15 June 2023"),
        ("The consultation on seed policy was held in Dakar on 3 May.", "dakar", "on 3 May"),
        ("A forum on rural finance opened in Kampala on 12 March.", "kampala", "on 12 March"),
    ],
)
def test_event_mentions_venue_and_date_of_the_verb_that_holds_or_gathers_the_event(nlp, sentence, place, when):
    [phrase] = [p for p in _phrases(nlp, sentence) if p.name]
    assert phrase.places == (place,)
    assert (sentence[phrase.when[0] : phrase.when[1]] if phrase.when else None) == when


def test_event_mentions_a_place_in_the_topic_is_no_venue(nlp):
    [phrase] = _phrases(nlp, "Experts discussed a report on food security in Africa at a conference on trade.")
    assert phrase.name == "conference on trade" and phrase.places == ()


NEWS = """FAO and Brazil share school feeding experience with Mozambique

On 12 April 2023, the Food and Agriculture Organization of the United Nations held a regional workshop on school \
feeding in Maputo, co-organized by the World Food Programme and the Brazilian Cooperation Agency.

The event was opened by the Minister of Education. A second meeting is planned for next year.

In June, a technical meeting on procurement from family farms was organized by the International Fund for \
Agricultural Development in Rome. Experts from Ghana and Kenya joined the meeting online.
"""


def test_event_mentions_news_events_get_their_venue_and_references(nlp):
    doc = nlp(NEWS)
    mentions = ner_mentions(doc)
    found = relations.extract(Document("news.txt", NEWS), doc, mentions)
    every = mentions + list(found.mentions)
    workshop = events.key_of("regional workshop on school feeding")
    meeting = events.key_of("technical meeting on procurement from family farms")
    prose = sorted((m.start, NEWS[m.start : m.end], m.key) for m in found.mentions if m.type == "Event")
    assert [(text, key) for _, text, key in prose] == [
        ("regional workshop on school feeding", workshop),
        ("event", workshop),
        ("technical meeting on procurement from family farms", meeting),
        ("meeting", meeting),
    ]
    held = {(every[r.subject].key, every[r.object].text) for r in found.relations if r.predicate == "heldIn"}
    assert {(workshop, "Maputo"), (meeting, "Rome")} <= held


def test_event_mentions_a_capitalised_name_with_an_event_word_is_left_to_the_name_rules(nlp):
    assert _phrases(nlp, "Researchers of the Forum for Agricultural Research in Africa met donors.") == []
