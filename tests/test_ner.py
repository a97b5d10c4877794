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
