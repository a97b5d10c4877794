"""Gold annotation files: load, check and combine them.

Two files, both YAML (see ``tests/gold/GUIDELINES.md`` for how they are written)::

    entities.yaml   {corpus, documents: [file], entities: [{name, type, aliases, documents}]}
    relations.yaml  {relations: [{subject, predicate, object, document, evidence}]}

:func:`load_gold` takes one file or a folder; every ``*.yaml`` in a folder is
read and the parts are combined, so entities and relations may live apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import IngestError
from ..model import ENTITY_TYPES
from ..resources import parse_yaml

#: Predicates whose object is an ISO date rather than a gold entity.
DATE_PREDICATES: frozenset[str] = frozenset({"startDate", "endDate"})

#: The typed edges a relation of the gold may use (the RDF contract, plus partOf).
PREDICATES: tuple[str, ...] = (
    "fundedBy", "implementedBy", "partnerOf", "targetsCountry", "organizedBy", "heldIn",
    "startDate", "endDate", "participatedIn", "affiliatedWith", "locatedIn", "partOf",
)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class GoldEntity:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The name and every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class GoldRelation:
    subject: str
    predicate: str
    object: str  # a gold entity name, or an ISO date for DATE_PREDICATES
    document: str
    evidence: str = ""


@dataclass(frozen=True)
class Gold:
    """A gold annotation of a corpus: its documents, entities and relations."""

    documents: tuple[str, ...]
    entities: tuple[GoldEntity, ...]
    relations: tuple[GoldRelation, ...] = ()
    corpus: str = ""

    def entity(self, name: str) -> GoldEntity | None:
        for e in self.entities:
            if e.name == name:
                return e
        return None


def load_gold(path: str | Path) -> Gold:
    """Read a gold file, or every ``*.yaml`` of a folder, and check it."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml"))
        if not files:
            raise IngestError("no *.yaml gold file in this folder", path=path)
    elif path.is_file():
        files = [path]
    else:
        raise IngestError("no such gold file or folder", path=path)
    documents: list[str] = []
    entities: list[GoldEntity] = []
    relations: list[GoldRelation] = []
    corpus = ""
    for f in files:
        data = _read(f)
        corpus = corpus or str(data.get("corpus") or "")
        documents += [str(d) for d in data.get("documents") or () if str(d) not in documents]
        entities += [_entity(item, f, i) for i, item in enumerate(data.get("entities") or ())]
        relations += [_relation(item, f, i) for i, item in enumerate(data.get("relations") or ())]
    gold = Gold(tuple(documents), tuple(entities), tuple(relations), corpus)
    _check(gold, path)
    return gold


def _read(path: Path) -> dict[str, Any]:
    try:
        data = parse_yaml(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(f"cannot read gold file: {exc}", path=path) from exc
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise IngestError(f"malformed YAML: {exc}", path=path,
                          line=line + 1 if line is not None else None) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise IngestError("a gold file is a mapping with documents/entities/relations", path=path)
    return data


def _entity(item: Any, path: Path, i: int) -> GoldEntity:
    if not isinstance(item, dict) or not item.get("name") or not item.get("type"):
        raise IngestError(f"entity #{i + 1} needs a name and a type", path=path)
    etype = str(item["type"])
    if etype not in ENTITY_TYPES:
        raise IngestError(f"entity {item['name']!r}: type {etype!r} is not one of "
                          f"{', '.join(ENTITY_TYPES)}", path=path)
    return GoldEntity(
        name=str(item["name"]),
        type=etype,
        aliases=tuple(str(a) for a in item.get("aliases") or ()),
        documents=tuple(str(d) for d in item.get("documents") or ()),
    )


def _relation(item: Any, path: Path, i: int) -> GoldRelation:
    keys = ("subject", "predicate", "object", "document")
    if not isinstance(item, dict) or any(not item.get(k) for k in keys):
        raise IngestError(f"relation #{i + 1} needs {', '.join(keys)}", path=path)
    predicate = str(item["predicate"])
    if predicate not in PREDICATES:
        raise IngestError(f"relation #{i + 1}: unknown predicate {predicate!r}; known: "
                          f"{', '.join(PREDICATES)}", path=path)
    obj = item["object"]
    obj = obj.isoformat() if hasattr(obj, "isoformat") else str(obj)
    return GoldRelation(str(item["subject"]), predicate, obj, str(item["document"]),
                        " ".join(str(item.get("evidence") or "").split()))


def _check(gold: Gold, path: Path) -> None:
    """Names unique, relation ends known, dates ISO, documents listed."""
    names: dict[str, GoldEntity] = {}
    for e in gold.entities:
        if e.name in names:
            raise IngestError(f"entity name {e.name!r} is used twice (relations name entities "
                              "by it: make it unique)", path=path)
        names[e.name] = e
        _known_documents(gold, e.documents, f"entity {e.name!r}", path)
    for r in gold.relations:
        _known_documents(gold, (r.document,), f"relation {r.subject} {r.predicate}", path)
        if r.subject not in names:
            raise IngestError(f"relation subject {r.subject!r} is not a gold entity name", path=path)
        if r.predicate in DATE_PREDICATES:
            if not _ISO_DATE.fullmatch(r.object):
                raise IngestError(f"{r.subject} {r.predicate}: {r.object!r} is not YYYY-MM-DD",
                                  path=path)
        elif r.object not in names:
            raise IngestError(f"relation object {r.object!r} is not a gold entity name", path=path)


def _known_documents(gold: Gold, docs: Iterable[str], what: str, path: Path) -> None:
    if not gold.documents:
        return
    for d in docs:
        if d not in gold.documents:
            raise IngestError(f"{what}: document {d!r} is not among the gold documents", path=path)


def evidence_problems(gold: Gold, corpus_dir: str | Path) -> list[str]:
    """Relations whose evidence is not a quote of their file (whitespace collapsed)."""
    texts: dict[str, str] = {}
    problems: list[str] = []
    for r in gold.relations:
        if r.document not in texts:
            raw = (Path(corpus_dir) / r.document).read_text("utf-8", errors="replace")
            texts[r.document] = " ".join(raw.split())
        if not r.evidence:
            problems.append(f"{r.document}: {r.subject} {r.predicate} {r.object}: no evidence")
        elif r.evidence not in texts[r.document]:
            problems.append(f"{r.document}: {r.subject} {r.predicate} {r.object}: "
                            f"evidence not found: {r.evidence!r}")
    return problems
