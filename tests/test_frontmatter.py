from __future__ import annotations

from pathlib import Path

import pytest

from sscgraph.errors import MappingError
from sscgraph.extract import frontmatter as fm


@pytest.fixture(scope="module")
def mapping() -> fm.FieldMapping:
    return fm.load_mapping()


def test_frontmatter_maps_project_countries_and_concepts(mapping: fm.FieldMapping) -> None:
    facts = fm.extract(
        {
            "open_project_id": "00070609",
            "project_title": "Cassava Project",
            "country": ["KHM ", " chn"],
            "region": ["asia_pacific"],
            "territorial_focus": "LDC",
            "project_link": "http//open.undp.org/#project/00070609",
            "published": True,
        },
        mapping,
        "x.md",
    )
    assert facts.title == "Cassava Project"
    project = facts.mentions[facts.project]
    assert project.key == "project/undp-00070609"
    countries = [m.key for m in facts.mentions if m.type == "Country"]
    assert countries == ["country/KHM", "country/CHN"]
    assert {r.predicate for r in facts.relations} == {"targetsCountry"}
    concepts = {(a.scheme, a.value, a.label) for a in facts.attributes if a.kind == "concept"}
    assert ("region", "asia_pacific", "Asia and the Pacific") in concepts
    assert ("territorial-focus", "ldc", "Least developed countries (LDC)") in concepts
    urls = [a for a in facts.attributes if a.property == "ssc:page"]
    assert urls[0].kind == "url" and urls[0].value == "http://open.undp.org/#project/00070609"
    assert facts.unmapped == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, []),
        ("", []),
        ("  KHM  ", ["KHM"]),
        (["KHM", None, " ", "LAO"], ["KHM", "LAO"]),
        (42, ["42"]),
        ([{"nested": 1}, "VNM"], ["VNM"]),
    ],
)
def test_values_cleans_scalars_lists_and_blanks(raw, expected) -> None:
    assert fm.values(raw) == expected


@pytest.mark.parametrize(
    ("raw", "ok", "value"),
    [
        ("http://open.undp.org/#project/1", True, "http://open.undp.org/#project/1"),
        ("http//open.undp.org/x", True, "http://open.undp.org/x"),
        ("https:/example.org/a", True, "https://example.org/a"),
        ("www.undp.org", True, "http://www.undp.org"),
        ("not a url at all", False, "not a url at all"),
        ("http://exa mple.org", False, "http://exa mple.org"),
    ],
)
def test_clean_url_repairs_or_keeps_literal(raw: str, ok: bool, value: str) -> None:
    assert fm.clean_url(raw) == (value, ok)


def test_frontmatter_reports_unknown_country_and_unmapped_keys(mapping: fm.FieldMapping) -> None:
    facts = fm.extract({"title": "T", "country": "XXZ, Viet Nam", "colour": "red"}, mapping, "x.md")
    assert [m.key for m in facts.mentions if m.type == "Country"] == ["country/VNM"]
    assert "XXZ" in facts.problems[0].reason
    assert facts.unmapped == ["colour"]


def test_frontmatter_organisation_role_links_project(tmp_path: Path) -> None:
    p = tmp_path / "m.yaml"
    p.write_text(
        "fields:\n  ref: {role: project_id, prefix: acme}\n  name: {role: project_title}\n"
        "  donor: {role: organisation, predicate: fundedBy}\n  nation: {role: country, predicate: targetsCountry}\n"
    )
    facts = fm.extract({"Ref": "7", "Name": "P", "Donor": "IFAD; FAO", "Nation": "Malawi"}, fm.load_mapping(p), "d")
    orgs = [m.text for m in facts.mentions if m.type == "Organisation"]
    assert orgs == ["IFAD", "FAO"]
    assert sorted(r.predicate for r in facts.relations) == ["fundedBy", "fundedBy", "targetsCountry"]
    assert facts.mentions[0].key == "project/acme-7"


def test_frontmatter_reads_iati_participating_organisations_and_activity_dates(mapping: fm.FieldMapping) -> None:
    facts = fm.extract(
        {
            "iati_identifier": "XM-EXAMPLE-0042",
            "title": "Seed Banks for Upland Villages",
            "recipient_country": "NP",
            "participating_org_funding": ["Example Fund for Cooperation"],
            "participating_org_implementing": ["Hill Agriculture Institute", "Valley Farmers Union"],
            "activity_date_start_actual": "2021-03-01",
            "activity_date_end_planned": "2024-02-29",
        },
        mapping,
        "x.md",
    )
    edges = sorted((r.predicate, facts.mentions[r.object].text) for r in facts.relations)
    assert edges == [("fundedBy", "Example Fund for Cooperation"), ("implementedBy", "Hill Agriculture Institute"),
                     ("implementedBy", "Valley Farmers Union"), ("targetsCountry", "NP")]
    dates = sorted((a.property, a.value) for a in facts.attributes if a.kind == "date")
    assert dates == [("schema:endDate", "2024-02-29"), ("schema:startDate", "2021-03-01")]
    assert facts.unmapped == []


def test_frontmatter_organisation_written_with_its_acronym_defines_the_acronym(mapping: fm.FieldMapping) -> None:
    facts = fm.extract({"title": "Boats for Lagoon Fishers", "implementing_partners": [
        "Coastal Fisheries Institute (INPESCA)", "Lagoon Boatbuilders (of the north)", "Harbour Board"]}, mapping, "x.md")
    orgs = [(m.text, m.long_form) for m in facts.mentions if m.type == "Organisation"]
    assert orgs == [("INPESCA", "Coastal Fisheries Institute"), ("Lagoon Boatbuilders (of the north)", None),
                    ("Harbour Board", None)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("fields: [1, 2]", "fields"),
        ("fields:\n  a: {role: nonsense}", "role must be one of"),
        ("fields:\n  a: {role: country}", "needs a 'predicate'"),
        ("fields:\n  a: {role: country, predicate: likes}", "predicate must be one of"),
        ("fields:\n  a: {role: literal, property: 'zz:x'}", "unknown prefix"),
        ("fields: [unclosed", "not valid YAML"),
    ],
)
def test_load_mapping_errors_name_the_problem(tmp_path: Path, text: str, message: str) -> None:
    p = tmp_path / "bad.yaml"
    p.write_text(text)
    with pytest.raises(MappingError, match=message):
        fm.load_mapping(p)


def test_load_mapping_missing_file_is_a_mapping_error(tmp_path: Path) -> None:
    with pytest.raises(MappingError, match="cannot read"):
        fm.load_mapping(tmp_path / "nope.yaml")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["Ministry of Agriculture, Livestock and Fisheries", "UNDP"], ["Ministry of Agriculture, Livestock and Fisheries", "UNDP"]),
        ("Ministry of Agriculture, Livestock and Fisheries", ["Ministry of Agriculture, Livestock and Fisheries"]),
        ("UNDP, FAO; WFP", ["UNDP", "FAO", "WFP"]),
        ("Ministry of Health, UNICEF", ["Ministry of Health", "UNICEF"]),
        ("University of Nairobi, department of soils", ["University of Nairobi, department of soils"]),
    ],
)
def test_frontmatter_organisation_names_keep_their_commas(mapping: fm.FieldMapping, raw, expected) -> None:
    facts = fm.extract({"project_id": "1", "partners": raw}, mapping, "d")
    assert [m.text for m in facts.mentions if m.type == "Organisation"] == expected


def test_frontmatter_title_names_a_record_without_project_title(mapping: fm.FieldMapping) -> None:
    facts = fm.extract({"iati_identifier": "XM-1", "title": "Seed Systems Exchange"}, mapping, "d")
    project = facts.mentions[facts.project]
    assert (project.text, project.key, project.extractor) == ("Seed Systems Exchange", "project/iati-xm-1", "frontmatter:title")
    assert facts.title == "Seed Systems Exchange"
    only_id = fm.extract({"iati_identifier": "XM-2"}, mapping, "d")
    assert only_id.mentions[only_id.project].text == "Project XM-2"


@pytest.mark.parametrize("key", ["initiative_title", "Project Name", "programme-title"])
def test_an_unmapped_key_naming_a_project_title_creates_the_project(mapping: fm.FieldMapping, key: str) -> None:
    facts = fm.extract({key: "Improving Goat Breeding in Eastern Zambia", "sponsor_code": "X-12"}, mapping, "r.md")
    [project] = facts.mentions
    assert (project.type, project.text) == ("Project", "Improving Goat Breeding in Eastern Zambia")
    assert facts.project == 0 and facts.unmapped == ["sponsor_code"]


def test_an_unmapped_title_key_without_a_project_word_names_no_project(mapping: fm.FieldMapping) -> None:
    facts = fm.extract({"report_title": "Annual Summary of Goat Breeding"}, mapping, "r.md")
    assert facts.project is None and not facts.mentions
