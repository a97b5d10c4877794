"""The gazetteer of known actors (``ontology/gazetteer.yaml``): loading, checking, lookup.

Each entry names one organisation (or place, project, event) with its
canonical name, acronyms, other names, kind, country and parent. Lookups are
by acronym (exact case: "MAFF", "AfDB") or by name and alias (compared in
:func:`~sscgraph.resolve.resolver.normalise` form). An acronym or a name can
belong to several entries (MAFF is a ministry in Cambodia and in Japan):
lookups return every candidate and :meth:`Gazetteer.pick` chooses by the
countries of the document, or not at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import MappingError
from ..model import ENTITY_TYPES
from ..resources import ontology_path, parse_yaml
from . import countries
from .names import compact, normalise

_ID = re.compile(r"^[a-z0-9][a-z0-9\-]*$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
#: Kinds of entries that belong to one state and whose names other states share.
NATIONAL_KINDS = frozenset({"ministry", "government-agency"})


class GazetteerError(MappingError):
    """The gazetteer file is missing or one of its entries is invalid."""


@dataclass(frozen=True)
class Entry:
    """One known actor."""

    id: str
    name: str
    type: str = "Organisation"
    kind: str | None = None
    acronyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    country: str | None = None  # ISO-3
    parent: str | None = None  # id of another entry
    wikidata: str | None = None  # Q-id

    @property
    def key(self) -> str:
        return f"{self.type.lower()}/{self.id}"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def same_as(self) -> tuple[str, ...]:
        return (f"http://www.wikidata.org/entity/{self.wikidata}",) if self.wikidata else ()


class Gazetteer:
    """Entries indexed by id, acronym and normalised name."""

    def __init__(self, entries: Iterable[Entry], kinds: dict[str, str] | None = None) -> None:
        self.entries: dict[str, Entry] = {}
        self.kinds = dict(kinds or {})
        self._acronyms: dict[str, list[Entry]] = {}
        self._names: dict[str, list[Entry]] = {}
        self._compact: dict[str, list[Entry]] = {}
        for e in entries:
            self.entries[e.id] = e
            for a in e.acronyms:
                _add(self._acronyms, a, e)
            for n in e.names:
                _add(self._names, normalise(n), e)
                _add(self._compact, compact(n), e)

    def __len__(self) -> int:
        return len(self.entries)

    def by_key(self, key: str) -> Entry | None:
        kind, _, ident = key.partition("/")
        e = self.entries.get(ident)
        return e if e is not None and e.type.lower() == kind else None

    def lookup(self, text: str) -> tuple[Entry, ...]:
        """Every entry ``text`` names: as an acronym (exact case) or as a name or alias."""
        text = text.strip()
        found = self._acronyms.get(text) or self._acronyms.get(_strip_possessive(text))
        if found:
            return tuple(found)
        n = normalise(text)
        found = self._names.get(n) or self._compact.get(compact(text))
        return tuple(found or ())

    def is_acronym(self, text: str) -> bool:
        return text in self._acronyms

    @staticmethod
    def national(entry: Entry) -> bool:
        """A body of one state whose name rarely says which ("Ministry of Agriculture", "MPI")."""
        return entry.country is not None and entry.kind in NATIONAL_KINDS

    def pick(self, candidates: Iterable[Entry], countries_seen: Iterable[str] = ()) -> Entry | None:
        """The one candidate meant, or None when the choice would be a guess.

        A single candidate is taken, unless it is a national body (a
        ministry, a government agency) of a country the document does not
        name while it names others. Among several, the candidates whose
        country is one of ``countries_seen`` (the document's countries) are
        kept; multilateral entries (no country) are kept only when no
        country-bound candidate is left. Exactly one survivor wins.
        """
        cands = list(dict.fromkeys(candidates))
        seen = set(countries_seen)
        if len(cands) <= 1:
            if cands and seen and self.national(cands[0]) and cands[0].country not in seen:
                return None
            return cands[0] if cands else None
        local = [e for e in cands if e.country and e.country in seen]
        if len(local) == 1:
            return local[0]
        if not local:
            unbound = [e for e in cands if not e.country]
            if len(unbound) == 1:
                return unbound[0]
        return None

    def patterns(self) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
        """Ruler patterns: (text, type, entry id) for names (any case) and for acronyms (exact case)."""
        names: list[tuple[str, str, str]] = []
        acronyms: list[tuple[str, str, str]] = []
        for e in self.entries.values():
            for n in e.names:
                names.append((n, e.type, e.id))
            for a in e.acronyms:
                acronyms.append((a, e.type, e.id))
        return names, acronyms


def _add(index: dict[str, list[Entry]], key: str, entry: Entry) -> None:
    if not key:
        return
    bucket = index.setdefault(key, [])
    if entry not in bucket:
        bucket.append(entry)


def _strip_possessive(text: str) -> str:
    return re.sub(r"['’]s?$", "", text)


def _strings(value: object, where: str, path: Path) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise GazetteerError(f"{where}: expected a list of names", path=path)
    return tuple(" ".join(str(v).split()) for v in value if str(v).strip())


def parse(data: object, path: Path) -> Gazetteer:
    """Check the structure of a loaded gazetteer document and index it."""
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise GazetteerError("a gazetteer needs an 'entries:' list", path=path)
    kinds = data.get("kinds") or {}
    if not isinstance(kinds, dict):
        raise GazetteerError("'kinds:' must map each kind to its description", path=path)
    entries: list[Entry] = []
    seen: set[str] = set()
    for i, raw in enumerate(data["entries"]):
        where = f"entry {i + 1}"
        if not isinstance(raw, dict):
            raise GazetteerError(f"{where}: expected a mapping with id and name", path=path)
        ident, name = raw.get("id"), raw.get("name")
        if not isinstance(ident, str) or not _ID.match(ident):
            raise GazetteerError(f"{where}: id {ident!r} must be a lowercase slug", path=path)
        where = f"entry {ident!r}"
        if ident in seen:
            raise GazetteerError(f"{where}: duplicate id", path=path)
        seen.add(ident)
        if not isinstance(name, str) or not name.strip():
            raise GazetteerError(f"{where}: needs a name", path=path)
        etype = raw.get("type") or "Organisation"
        if etype not in ENTITY_TYPES:
            raise GazetteerError(f"{where}: type {etype!r} unknown; known: {', '.join(ENTITY_TYPES)}", path=path)
        kind = raw.get("kind")
        if kinds and kind is not None and kind not in kinds:
            raise GazetteerError(f"{where}: kind {kind!r} unknown; known: {', '.join(sorted(kinds))}", path=path)
        country = raw.get("country")
        iso3 = None
        if country:
            iso3 = countries.from_code(str(country))
            if iso3 is None:
                raise GazetteerError(f"{where}: country {country!r} is not an ISO 3166 code", path=path)
        wikidata = raw.get("wikidata")
        if wikidata is not None and not _QID.match(str(wikidata)):
            raise GazetteerError(f"{where}: wikidata {wikidata!r} is not a Q-id", path=path)
        entries.append(
            Entry(
                id=ident,
                name=" ".join(name.split()),
                type=etype,
                kind=kind,
                acronyms=_strings(raw.get("acronyms"), where, path),
                aliases=_strings(raw.get("aliases"), where, path),
                country=iso3,
                parent=raw.get("parent"),
                wikidata=str(wikidata) if wikidata else None,
            )
        )
    for e in entries:
        if e.parent and e.parent not in seen:
            raise GazetteerError(f"entry {e.id!r}: parent {e.parent!r} is not an entry id", path=path)
    return Gazetteer(entries, {str(k): str(v) for k, v in kinds.items()})


@lru_cache(maxsize=4)
def load(path: str | Path | None = None) -> Gazetteer:
    """The gazetteer at ``path`` (default ``ontology/gazetteer.yaml``); empty when the default is absent."""
    p = Path(path) if path else ontology_path("gazetteer.yaml")
    if not p.exists():
        if path:
            raise GazetteerError("no such gazetteer file", path=p)
        return Gazetteer(())
    try:
        data = parse_yaml(p.read_text("utf-8"))
    except yaml.YAMLError as exc:
        raise GazetteerError(f"gazetteer is not valid YAML: {exc}", path=p) from exc
    return parse(data, p)


@lru_cache(maxsize=1 << 14)
def countries_named(text: str) -> frozenset[str]:
    """ISO-3 codes of the countries a name spells out ("Ministry of Agriculture of China")."""
    words = re.sub(r"['’]s\b", "", text).replace(",", " ").split()
    found: set[str] = set()
    for n in range(1, 5):
        for i in range(len(words) - n + 1):
            iso3 = countries.from_name(" ".join(words[i : i + n]))
            if iso3:
                found.add(iso3)
    return frozenset(found)
