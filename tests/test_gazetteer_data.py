"""The gazetteer of known actors (ontology/gazetteer.yaml) keeps its schema and stays unambiguous."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

import pycountry
import pytest
import yaml

from sscgraph.resolve.resolver import normalise
from sscgraph.resources import ontology_path

FIELDS = {"id", "name", "type", "kind", "acronyms", "aliases", "country", "parent", "wikidata"}
TYPES = {"Organisation", "Place", "Project", "Event"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
QID = re.compile(r"^Q[1-9][0-9]*$")
# Words a name may keep in lower case ("Ministry of Agriculture and Forestry").
MINOR_WORDS = (
    "a an and at de del des du for in la le of on the to with y et da do dos e el les und für"
    " per against by from into through under between among towards via"
)
MINOR = frozenset(MINOR_WORDS.split())


@lru_cache(maxsize=1)
def gazetteer() -> dict:
    with ontology_path("gazetteer.yaml").open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def entries() -> list[dict]:
    return gazetteer()["entries"]


def test_gazetteer_top_level_shape() -> None:
    data = gazetteer()
    assert data["version"] == 1
    assert isinstance(data["kinds"], dict) and data["kinds"]
    for kind, description in data["kinds"].items():
        assert SLUG.match(kind), kind
        assert isinstance(description, str) and description.strip(), kind
    assert isinstance(data["entries"], list)


def test_gazetteer_is_broad() -> None:
    assert len(entries()) >= 200


def test_gazetteer_entries_have_known_fields_and_types() -> None:
    kinds = gazetteer()["kinds"]
    for e in entries():
        assert set(e) <= FIELDS, (e.get("id"), set(e) - FIELDS)
        assert {"id", "name", "kind"} <= set(e), e
        assert e.get("type", "Organisation") in TYPES, e["id"]
        assert e["kind"] in kinds, (e["id"], e["kind"])
        for field in ("acronyms", "aliases"):
            values = e.get(field, [])
            assert isinstance(values, list), (e["id"], field)
            assert all(isinstance(v, str) and v == v.strip() and v for v in values), e["id"]


def test_gazetteer_ids_are_unique_slugs() -> None:
    ids = Counter(e["id"] for e in entries())
    assert [i for i, n in ids.items() if n > 1] == []
    assert [i for i in ids if not SLUG.match(i)] == []


def test_gazetteer_every_kind_is_used() -> None:
    used = {e["kind"] for e in entries()}
    assert set(gazetteer()["kinds"]) - used == set()


def test_gazetteer_countries_are_iso3() -> None:
    bad = [
        (e["id"], e["country"])
        for e in entries()
        if "country" in e and pycountry.countries.get(alpha_3=str(e["country"])) is None
    ]
    assert bad == []


def test_gazetteer_parents_resolve_without_cycles() -> None:
    by_id = {e["id"]: e for e in entries()}
    for e in entries():
        seen = {e["id"]}
        parent = e.get("parent")
        while parent is not None:
            assert parent in by_id, (e["id"], parent)
            assert parent not in seen, ("cycle", e["id"], parent)
            seen.add(parent)
            parent = by_id[parent].get("parent")


def test_gazetteer_wikidata_ids_are_well_formed_and_unique() -> None:
    qids = Counter(e["wikidata"] for e in entries() if "wikidata" in e)
    assert [q for q in qids if not QID.match(str(q))] == []
    assert [q for q, n in qids.items() if n > 1] == []


def test_gazetteer_names_are_title_case() -> None:
    bad = []
    for e in entries():
        name = e["name"]
        if name != name.strip() or "  " in name:
            bad.append(name)
            continue
        for word in re.findall(r"[^\s/(),]+", name):
            word = re.sub(r"^[a-z]'", "", word)  # d'Ivoire, l'Agriculture
            if word[0].islower() and word not in MINOR:
                bad.append(name)
                break
    assert bad == []


def test_gazetteer_acronym_is_not_shared_within_a_country() -> None:
    """The same acronym may name bodies of different countries (khm-maff, jpn-maff), never two in one."""
    owners: dict[tuple[str | None, str], set[str]] = defaultdict(set)
    for e in entries():
        for acronym in e.get("acronyms", []):
            owners[(e.get("country"), acronym.upper())].add(e["id"])
    assert {k: sorted(v) for k, v in owners.items() if len(v) > 1} == {}


def test_gazetteer_name_or_alias_is_not_shared_within_a_country() -> None:
    owners: dict[tuple[str | None, str], set[str]] = defaultdict(set)
    for e in entries():
        for label in (e["name"], *e.get("aliases", [])):
            owners[(e.get("country"), normalise(label))].add(e["id"])
    assert {k: sorted(v) for k, v in owners.items() if len(v) > 1} == {}


def test_gazetteer_entry_does_not_repeat_its_own_labels() -> None:
    for e in entries():
        labels = [normalise(x) for x in (e["name"], *e.get("aliases", []))]
        assert len(labels) == len(set(labels)), e["id"]
        acronyms = e.get("acronyms", [])
        assert len(acronyms) == len(set(acronyms)), e["id"]


@pytest.mark.parametrize(
    ("entry_id", "country"),
    [("ifad", None), ("undp-khm", "KHM")],
)
def test_gazetteer_keeps_same_acronym_bodies_apart(entry_id: str, country: str | None) -> None:
    entry = {e["id"]: e for e in entries()}[entry_id]
    assert entry.get("country") == country
