"""Front matter to mentions, relations and attributes, through a mapping data file.

The mapping (``ontology/mappings/default.yaml`` unless the user passes
``--mapping FILE``) says which key plays which role; this module only knows
the roles. See the mapping file's header for the list.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import MappingError
from ..ids import entity_key
from ..model import Attribute, Mention, Problem, Relation
from ..resolve import countries
from ..resolve.names import names_the_record, project_words
from ..resources import ontology_path, parse_yaml
from ..vocab import expand
from . import acronyms

ROLES = (
    "project_id",
    "project_title",
    "title",
    "description",
    "url",
    "date",
    "literal",
    "country",
    "organisation",
    "concept",
    "ignore",
)
PROJECT_PREDICATES = ("targetsCountry", "fundedBy", "implementedBy")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s<>\"{}|\\^`]*$", re.I)
_SPLIT = re.compile(r"\s*[;,|]\s*")


@dataclass(frozen=True)
class FieldRule:
    key: str
    role: str
    prefix: str | None = None
    property: str | None = None
    predicate: str | None = None
    scheme: str | None = None
    labels: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FieldMapping:
    name: str
    path: str
    rules: Mapping[str, FieldRule]

    def rule(self, key: str) -> FieldRule | None:
        return self.rules.get(normal_key(key))


def normal_key(key: str) -> str:
    return re.sub(r"[\s\-]+", "_", str(key).strip().lower())


def load_mapping(path: str | Path | None = None) -> FieldMapping:
    """Read and check a mapping file; errors say which entry is wrong and what is allowed."""
    p = Path(path) if path else ontology_path("mappings/default.yaml")
    try:
        data = parse_yaml(p.read_text("utf-8"))
    except OSError as exc:
        raise MappingError(f"cannot read mapping: {exc.strerror or exc}", path=p) from exc
    except yaml.YAMLError as exc:
        raise MappingError(f"mapping is not valid YAML: {exc}", path=p) from exc
    if not isinstance(data, dict) or not isinstance(data.get("fields"), dict):
        raise MappingError("a mapping needs a 'fields:' table of front-matter keys", path=p)
    rules: dict[str, FieldRule] = {}
    for key, spec in data["fields"].items():
        if not isinstance(spec, dict) or spec.get("role") not in ROLES:
            raise MappingError(
                f"field {key!r}: role must be one of {', '.join(ROLES)}", path=p
            )
        role = spec["role"]
        if role in ("country", "organisation", "concept") and not spec.get("predicate"):
            raise MappingError(f"field {key!r}: role {role} needs a 'predicate'", path=p)
        if role in ("country", "organisation") and spec["predicate"] not in PROJECT_PREDICATES:
            raise MappingError(
                f"field {key!r}: predicate must be one of {', '.join(PROJECT_PREDICATES)}",
                path=p,
            )
        if role == "concept" and not spec.get("scheme"):
            raise MappingError(f"field {key!r}: role concept needs a 'scheme'", path=p)
        prop = spec.get("property")
        if prop:
            try:
                expand(prop)
            except ValueError as exc:
                raise MappingError(f"field {key!r}: {exc}", path=p) from None
        labels = {str(k).lower(): str(v) for k, v in (spec.get("labels") or {}).items()}
        rules[normal_key(key)] = FieldRule(
            key=str(key),
            role=role,
            prefix=spec.get("prefix"),
            property=prop,
            predicate=spec.get("predicate"),
            scheme=spec.get("scheme"),
            labels=labels,
        )
    return FieldMapping(name=str(data.get("name") or p.stem), path=str(p), rules=rules)


def values(raw: Any) -> list[str]:
    """A front-matter value as a list of clean strings: scalars, lists, comma lists, no blanks."""
    if raw is None:
        return []
    items: Iterable[Any] = raw if isinstance(raw, (list, tuple, set)) else [raw]
    out: list[str] = []
    for item in items:
        if item is None or isinstance(item, (dict, list)):
            continue
        if isinstance(item, (dt.date, dt.datetime)):
            out.append(item.isoformat()[:10])
            continue
        text = " ".join(str(item).split())
        if text:
            out.append(text)
    return out


def scalar(raw: Any) -> str | None:
    found = values(raw)
    return " ".join(found) if found else None


def clean_url(value: str) -> tuple[str, bool]:
    """The cleaned URL and whether it is a valid http(s) IRI (else it stays a literal)."""
    v = value.strip().strip("<>")
    fixed = re.sub(r"^(https?)//", r"\1://", v, flags=re.I)
    fixed = re.sub(r"^(https?):/(?!/)", r"\1://", fixed, flags=re.I)
    if fixed.lower().startswith("www."):
        fixed = "http://" + fixed
    return (fixed, True) if _URL.match(fixed) else (v, False)


def parse_date(value: str) -> str | None:
    v = value.strip()
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%Y"):
        try:
            parsed = dt.datetime.strptime(v[:30], fmt)
        except ValueError:
            continue
        return parsed.date().isoformat()
    m = re.match(r"^(\d{4}-\d{2}-\d{2})", v)
    return m.group(1) if m else None


@dataclass
class FrontMatterFacts:
    """What one document's front matter says, ready for the extraction record."""

    title: str | None = None
    project: int | None = None
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    attributes: list[Attribute] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)


def extract(metadata: Mapping[str, Any], mapping: FieldMapping, path: str) -> FrontMatterFacts:
    """Apply ``mapping`` to one document's front matter."""
    facts = FrontMatterFacts()
    by_role: dict[str, list[tuple[FieldRule, Any]]] = {}
    for key, raw in metadata.items():
        rule = mapping.rule(key)
        if rule is None:
            facts.unmapped.append(str(key))
            continue
        by_role.setdefault(rule.role, []).append((rule, raw))

    project_id = next(
        (v for rule, raw in by_role.get("project_id", []) if (v := scalar(raw))), None
    )
    rule_prefix = next((r.prefix for r, raw in by_role.get("project_id", []) if scalar(raw)), None)
    project_title = next(
        (v for _, raw in by_role.get("project_title", []) if (v := scalar(raw))), None
    )
    title_key = "project_title"
    if project_title is None:
        named = _project_title_field(metadata, facts.unmapped)
        if named is not None:
            title_key, project_title = named
            facts.unmapped.remove(title_key)
    title = next((v for _, raw in by_role.get("title", []) if (v := scalar(raw))), None)
    facts.title = project_title or title
    if project_id and not project_title and title:
        project_title = title  # a record with an id and only a title: the title names the project
        title_key = "title"
    if project_id or project_title:
        ident = f"{rule_prefix}-{project_id}" if project_id and rule_prefix else project_id
        key = entity_key("Project", ident) if ident else None
        facts.mentions.append(
            Mention(
                text=project_title or f"Project {project_id}",
                type="Project",
                extractor="frontmatter:" + (title_key if project_title else "project_id"),
                key=key,
            )
        )
        facts.project = 0
        if project_id:
            facts.attributes.append(
                Attribute(0, "ssc:projectId", project_id, extractor="frontmatter:project_id")
            )
    subject = facts.project  # None: the document itself

    for role, entries in sorted(by_role.items()):
        for rule, raw in entries:
            _apply(role, rule, raw, subject, facts, path)
    return facts


def _project_title_field(metadata: Mapping[str, Any], unmapped: list[str]) -> tuple[str, str] | None:
    """An unmapped key that says it holds a project's title ("programme_title", "project name")
    and its value: the record names its project under a key the mapping does not know."""
    for key in unmapped:
        value = scalar(metadata.get(key))
        if value and set(normal_key(key).split("_")) & project_words() and names_the_record(key):
            return key, value
    return None


def _apply(
    role: str, rule: FieldRule, raw: Any, subject: int | None, facts: FrontMatterFacts, path: str
) -> None:
    source = "frontmatter:" + rule.key
    if role in ("description", "literal"):
        for v in values(raw):
            facts.attributes.append(Attribute(subject, rule.property or "dcterms:description", v, extractor=source))
    elif role == "url":
        for v in values(raw):
            url, ok = clean_url(v)
            facts.attributes.append(
                Attribute(subject, rule.property or "ssc:page", url, kind="url" if ok else "literal", extractor=source)
            )
            if not ok:
                facts.problems.append(
                    Problem(path, f"front matter {rule.key}: {v!r} is not a valid URL; kept as text", severity="warning")
                )
    elif role == "date":
        for v in values(raw):
            date = parse_date(v)
            if date:
                facts.attributes.append(Attribute(subject, rule.property or "dcterms:date", date, kind="date", extractor=source))
            else:
                facts.attributes.append(Attribute(subject, rule.property or "dcterms:date", v, extractor=source))
    elif role == "concept":
        for v in values(raw):
            code = v.strip().lower()
            label = rule.labels.get(code) or _readable(v)
            facts.attributes.append(
                Attribute(subject, "ssc:" + (rule.predicate or "concept"), code, kind="concept",
                          scheme=rule.scheme, label=label, extractor=source)
            )
    elif role == "country":
        for v in _split_all(raw):
            iso3 = countries.from_code(v) or countries.from_name(v)
            if iso3 is None:
                facts.problems.append(
                    Problem(path, f"front matter {rule.key}: {v!r} is not a known country code or name", severity="warning")
                )
                continue
            _link(facts, subject, Mention(text=v, type="Country", extractor=source, key=entity_key("Country", iso3)), rule, source)
    elif role == "organisation":
        for v in _organisations(raw):
            named = acronyms.name_and_short_form(v)  # "National Forestry Institute (INFONA)"
            mention = (Mention(text=named[1], type="Organisation", extractor=source, long_form=named[0]) if named
                       else Mention(text=v, type="Organisation", extractor=source))
            _link(facts, subject, mention, rule, source)


def _link(facts: FrontMatterFacts, subject: int | None, mention: Mention, rule: FieldRule, source: str) -> None:
    facts.mentions.append(mention)
    if subject is not None and rule.predicate:
        facts.relations.append(Relation(subject, rule.predicate, len(facts.mentions) - 1, extractor=source))


def _split_all(raw: Any) -> list[str]:
    out: list[str] = []
    for v in values(raw):
        out.extend(p for p in _SPLIT.split(v) if p.strip())
    return out


_LIST_SPLIT = re.compile(r"\s*[;|]\s*")
_SERIES_TAIL = re.compile(r"^[A-Z][\w'-]*(?: [A-Z][\w'-]*)* and [A-Z]")


def _organisations(raw: Any) -> list[str]:
    """Organisation names: list items whole; a scalar split on ';', '|' and list commas.

    A comma is part of the name when it separates the series of a single name
    ("Ministry of Agriculture, Livestock and Fisheries"), recognisable by an "of"
    before it and an "X and Y" tail after it, or when a lower-case word follows it.
    """
    out: list[str] = []
    items = values(raw)
    listed = isinstance(raw, (list, tuple, set))
    for item in items:
        for part in _LIST_SPLIT.split(item):
            part = part.strip()
            if not part:
                continue
            if listed:
                out.append(part)
                continue
            pieces = [p.strip() for p in part.split(",") if p.strip()]
            in_name = len(pieces) > 1 and (
                any(p[:1].islower() for p in pieces[1:])
                or (" of " in pieces[0] and _SERIES_TAIL.match(pieces[-1]) is not None)
            )
            out.extend([part] if in_name else pieces)
    return out


def _readable(code: str) -> str:
    text = code.replace("_", " ").replace("-", " ").strip()
    if text.isupper() and len(text) <= 5:
        return text
    return text[:1].upper() + text[1:]
