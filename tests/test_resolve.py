"""Resolution: surface variants, acronyms, gazetteer ids, countries and places to one node each."""

from __future__ import annotations

import pytest

from sscgraph.resolve.resolver import compact, normalise


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The International Fund for Agricultural Development", "international fund for agricultural development"),
        ("IFAD's", "IFAD"),
        ("IFAD’s", "ifad"),
        ("South-South Cooperation", "South South Cooperation"),
        ("World Food Programme", "World Food Program"),
        ("WFP Centre of Excellence", "WFP Center of Excellence"),
        ("Agri-\nculture Programme", "Agriculture Program"),
        ("Bureau  Iissala", "bureau iissala"),
        ("the Kingdom of Denmark", "Kingdom of Denmark"),
    ],
)
def test_resolve_normalise_reads_surface_variants_as_one(a: str, b: str) -> None:
    assert normalise(a) == normalise(b)


def test_resolve_compact_joins_words_broken_by_extraction() -> None:
    assert compact("requirem ents") == compact("requirements")
    assert normalise("Malawi") != normalise("Mali")
