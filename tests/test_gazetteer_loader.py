"""The gazetteer file: structure checks with clear errors, lookups, ambiguity."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sscgraph.resolve.gazetteer import GazetteerError, load, parse

DATA = Path(__file__).parent / "data" / "gazetteer.yaml"


def test_gazetteer_loads_entries_with_keys() -> None:
    gaz = load(DATA)
    assert gaz.by_key("organisation/ifad").name == "International Fund for Agricultural Development"
    assert gaz.by_key("place/ifad") is None
    assert gaz.entries["khm-maff"].country == "KHM"


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("IFAD", {"ifad"}),
        ("IFAD's", {"ifad"}),
        ("ifad", set()),  # acronyms match their exact case only
        ("the International Fund for Agricultural Development", {"ifad"}),
        ("World Food Program", {"wfp"}),
        ("AfDB", {"afdb"}),
        ("MAFF", {"khm-maff", "jpn-maff"}),
        ("Ministry of Commerce of the People's Republic of China", {"chn-mofcom"}),
        ("Ministry of Commerce of the People’s Republic of China", {"chn-mofcom"}),
    ],
)
def test_gazetteer_lookup_by_acronym_and_name(text: str, ids: set[str]) -> None:
    assert {e.id for e in load(DATA).lookup(text)} == ids


def test_gazetteer_pick_uses_document_countries_or_refuses() -> None:
    gaz = load(DATA)
    cands = gaz.lookup("MAFF")
    assert gaz.pick(cands, {"KHM", "CHN"}).id == "khm-maff"
    assert gaz.pick(cands, {"JPN"}).id == "jpn-maff"
    assert gaz.pick(cands, set()) is None
    assert gaz.pick(cands, {"KHM", "JPN"}) is None


def test_gazetteer_patterns_split_names_and_acronyms() -> None:
    names, acronyms = load(DATA).patterns()
    assert ("IFAD", "Organisation", "ifad") in acronyms
    assert ("World Food Programme", "Organisation", "wfp") in names


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([{"id": "A b", "name": "x"}], "lowercase slug"),
        ([{"id": "a", "name": "x"}, {"id": "a", "name": "y"}], "duplicate id"),
        ([{"id": "a"}], "needs a name"),
        ([{"id": "a", "name": "x", "type": "Company"}], "known: Project, Organisation"),
        ([{"id": "a", "name": "x", "country": "XXX"}], "not an ISO 3166 code"),
        ([{"id": "a", "name": "x", "wikidata": "12"}], "not a Q-id"),
        ([{"id": "a", "name": "x", "parent": "b"}], "parent 'b'"),
        ([{"id": "a", "name": "x", "kind": "club"}], "kind 'club' unknown"),
    ],
)
def test_gazetteer_errors_name_the_entry_and_what_is_allowed(entries: list, message: str) -> None:
    with pytest.raises(GazetteerError, match=message):
        parse({"kinds": {"ministry": "a ministry"}, "entries": entries}, Path("g.yaml"))


def test_gazetteer_missing_file_is_an_error_only_when_asked_for(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="no such gazetteer"):
        load(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("entries: [", encoding="utf-8")
    with pytest.raises(GazetteerError, match="not valid YAML"):
        load(bad)


def test_gazetteer_of_the_project_is_valid_when_present() -> None:
    from sscgraph.resources import ontology_path

    path = ontology_path("gazetteer.yaml")
    if not path.exists():
        pytest.skip("ontology/gazetteer.yaml not written yet")
    gaz = parse(yaml.safe_load(path.read_text("utf-8")), path)
    assert len(gaz) > 50
