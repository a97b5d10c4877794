"""Events named in lower case by their kind and topic, and phrases referring back to them."""

from __future__ import annotations

import pytest

from sscgraph.extract import events

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp():
    from sscgraph.extract import ner

    return ner.load()


def _phrases(nlp, sentence: str) -> list[events.Phrase]:
    return events.parsed_phrases(nlp(sentence))


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
    ],
)
def test_event_mentions_indefinite_head_with_a_topic_is_a_described_event(nlp, sentence, name, kind):
    [phrase] = _phrases(nlp, sentence)
    assert (phrase.name, phrase.kind, phrase.definite) == (name, kind, False)
    assert sentence[phrase.start : phrase.end].endswith(name.split()[-1])


@pytest.mark.parametrize(
    ("sentence", "kind", "modifiers", "places"),
    [
        ("The three-day workshop was jointly organized by FAO and IFAD.", "workshop", (), ()),
        ("The regional dialogue was co-organized by the African Union Commission and WFP.", "dialogue", ("regional",), ()),
        ("The training in Mombasa was organized by the Kenya Marine and Fisheries Research Institute.",
         "training", (), ("mombasa",)),
        ("Its annual meeting took place in Bangkok.", "meeting", ("annual",), ()),
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
    ],
)
def test_event_mentions_generic_activity_and_plurals_are_no_event(nlp, sentence):
    assert [p for p in _phrases(nlp, sentence) if p.name] == []
