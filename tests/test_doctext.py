"""The text and sentences of a parsed Doc, kept once, agree with what spaCy computes each time."""

from __future__ import annotations

from sscgraph.extract import doctext, ner

TEXT = (
    "  The Ministry of Agriculture of Ghana and FAO held a workshop in Accra on 3 May 2024.\n\n"
    "TABLE 1: EVENTS\nJAAS trained 40 farmers. Mr. Chen Wei (MOFCOM) spoke; the IFAD office closed.  "
)


def test_text_and_sentences_agree_with_spacy() -> None:
    doc = ner.load()(TEXT)
    assert doctext.text(doc) == doc.text == TEXT
    assert doctext.text(doc) is doctext.text(doc)  # joined once
    for tok in doc:
        assert doctext.sentence(doc, tok.i) == (tok.sent.start_char, tok.sent.end_char)
        assert doctext.sentence_text(doc, tok.i) == tok.sent.text


def test_tokens_among_finds_lower_case_forms() -> None:
    doc = ner.load()(TEXT)
    words = frozenset({"workshop", "jaas", "closed", "nowhere"})
    assert doctext.tokens_among(doc, words) == [t.i for t in doc if t.lower_ in words]
    assert [doc[i].text for i in doctext.tokens_among(doc, words)] == ["workshop", "JAAS", "closed"]
