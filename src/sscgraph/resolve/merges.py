"""Curated identity decisions (``ontology/merges.yaml``), applied on every rebuild.

The file records what a person decided once so that no rebuild undoes it::

    version: 1
    same:        # each group is one entity; the first item that is a key names it
      - [organisation/ifad, "IFAD Viet Nam Country Office"]
    different:   # never joined by the resolver's own rules
      - ["Qu Sixi", "Sixi Qu"]
    ignore:      # surfaces that never name an entity
      - "Zoom Conference"

Items are entity keys (``<segment>/<id>``, e.g. ``country/KHM``) or names,
compared in :func:`~sscgraph.resolve.names.normalise` form. A ``same`` group
overrides a ``different`` pair only for the items it lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import MappingError
from ..ids import SEGMENTS
from ..resources import ontology_path, parse_yaml
from .names import normalise

_KEY = re.compile(r"^(" + "|".join(SEGMENTS.values()) + r")/[^\s/][^\s]*$")


class MergesError(MappingError):
    """The merges file is invalid."""


def is_key(item: str) -> bool:
    return bool(_KEY.match(item))


@dataclass(frozen=True)
class Merges:
    same: tuple[tuple[str, ...], ...] = ()
    different: tuple[tuple[str, ...], ...] = ()
    ignore: frozenset[str] = frozenset()  # normalised surfaces

    def ignored(self, surface: str) -> bool:
        return normalise(surface) in self.ignore


def _groups(value: object, name: str, path: Path) -> tuple[tuple[str, ...], ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise MergesError(f"'{name}:' must be a list of groups", path=path)
    out = []
    for i, group in enumerate(value):
        if not isinstance(group, list) or len(group) < 2 or not all(isinstance(x, str) and x.strip() for x in group):
            raise MergesError(f"{name} group {i + 1}: expected a list of two or more keys or names", path=path)
        out.append(tuple(x.strip() for x in group))
    return tuple(out)


def parse(data: object, path: Path) -> Merges:
    if data is None:
        return Merges()
    if not isinstance(data, dict):
        raise MergesError("expected a mapping with 'same:', 'different:' and 'ignore:'", path=path)
    unknown = set(data) - {"version", "same", "different", "ignore"}
    if unknown:
        raise MergesError(f"unknown section(s) {', '.join(sorted(unknown))}; known: same, different, ignore", path=path)
    ignore = data.get("ignore") or []
    if not isinstance(ignore, list) or not all(isinstance(x, str) for x in ignore):
        raise MergesError("'ignore:' must be a list of names", path=path)
    return Merges(
        same=_groups(data.get("same"), "same", path),
        different=_groups(data.get("different"), "different", path),
        ignore=frozenset(normalise(x) for x in ignore if x.strip()),
    )


def load(path: str | Path | None = None) -> Merges:
    """The merges at ``path`` (default ``ontology/merges.yaml``; none when that file is absent).

    Read again whenever the file changed, so every rebuild applies the
    decisions as they are now, even in a long-running process.
    """
    p = Path(path) if path else ontology_path("merges.yaml")
    if not p.exists():
        if path:
            raise MergesError("no such merges file", path=p)
        return Merges()
    stat = p.stat()
    return _load(str(p.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _load(path: str, mtime_ns: int, size: int) -> Merges:
    p = Path(path)
    try:
        data = parse_yaml(p.read_text("utf-8"))
    except yaml.YAMLError as exc:
        raise MergesError(f"merges file is not valid YAML: {exc}", path=p) from exc
    return parse(data, p)
