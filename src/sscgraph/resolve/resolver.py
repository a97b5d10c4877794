"""Mentions of all documents to canonical entities with stable keys.

Pure functions over the extraction records (plus the reference data they
load: gazetteer, merges, ISO 3166, GeoNames): the same corpus resolves to the
same entities and keys whatever the order of its documents.

How a mention finds its entity, first rule that applies:

1. a key set by its extractor (front matter, "Government of X", events);
2. a country name (ISO 3166 or ``country-aliases.yaml``);
3. a gazetteer entry named by its surface, or by the long form of the
   acronym it is (defined in the same document, or defined once in the
   corpus); several candidates are decided by the document's countries, or
   the mention stays unlinked;
4. a place (ISO 3166-2 subdivision or GeoNames city) in the document's
   countries;
5. its name: surfaces that agree in :func:`compact` form are one entity,
   an acronym is one entity with its long form, a person's "Qu Sixi",
   "Sixi Qu" and "Dr. Qu" are one person within a document.

``ontology/merges.yaml`` then joins or keeps apart what a person decided.
The type of a name-only entity is voted by its mentions, weighted by how
sure their extractors are, so one entity never splits over two classes.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..extract.acronyms import is_short_form
from ..ids import entity_key
from ..memory import gc_paused
from ..model import Entity, Extraction, Mention
from . import countries, places, statebodies
from .gazetteer import Entry, Gazetteer, countries_named
from .gazetteer import load as load_gazetteer
from .merges import Merges, is_key
from .merges import load as load_merges
from .names import compact, names_the_record, normalise, project_words

__all__ = ["Resolution", "compact", "mention_key", "normalise", "resolve"]

#: How much a mention's type counts in the vote, by extractor family.
WEIGHTS = {"frontmatter": 4.0, "gazetteer": 3.0, "rule": 2.0, "model": 1.0}
_TITLES = {"dr", "mr", "mrs", "ms", "prof", "h.e", "he", "sir", "madam", "dr.", "mr.", "ms.", "mrs.", "prof."}


@dataclass(frozen=True)
class Resolution:
    """Per document, the entity key of each mention (None: dropped); and the entities."""

    assignments: dict[str, tuple[str | None, ...]]
    entities: dict[str, Entity]


def mention_key(m: Mention) -> str | None:
    """The entity key a mention names on its own surface (no corpus context); None when dropped."""
    if m.key is not None:
        return m.key or None
    iso3 = countries.from_name(m.text) if m.type in ("Country", "Place") else None
    if iso3:
        return "country/" + iso3
    return entity_key(m.type, normalise(m.long_form or m.text) or m.text)


def _more_specific(long: str, than: str | None) -> bool:
    """Whether ``long`` names ``than`` with more said (its country: "Chile's X", "X of Chile"), or ``than`` is none."""
    if than is None:
        return True
    a, b = compact(long), compact(than)
    return len(a) > len(b) and (a.endswith(b) or a.startswith(b))


def _family(extractor: str) -> str:
    return extractor.split(":", 1)[0]


class _Sets:
    """Union-find over node ids, with pairs that must never be joined."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.apart: dict[str, set[str]] = {}  # node → the nodes it must never be joined with
        self.members: dict[str, set[str]] = {}

    def add(self, a: str) -> None:
        if a not in self.parent:
            self.parent[a] = a
            self.members[a] = {a}

    def find(self, a: str) -> str:
        self.add(a)
        root = a
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[a] != root:
            self.parent[a], a = root, self.parent[a]
        return root

    def keep_apart(self, a: str, b: str) -> None:
        self.apart.setdefault(a, set()).add(b)
        self.apart.setdefault(b, set()).add(a)

    def _kept_apart(self, one: set[str], other: set[str]) -> bool:
        """Whether a member of ``one`` must never be joined with a member of ``other``."""
        if len(one) > len(other):
            one, other = other, one
        return any(x in self.apart and not self.apart[x].isdisjoint(other) for x in one)

    def union(self, a: str, b: str, *, force: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not force and self.apart and self._kept_apart(self.members[ra], self.members[rb]):
            return False
        # a node with a fixed key ("k:") stays the root, the first one when both have one
        if rb.startswith("k:") and not ra.startswith("k:"):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)
        return True


@dataclass
class _Node:
    """What the mentions of one node say about it."""

    surfaces: Counter[str] = field(default_factory=Counter)
    longs: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)


def _name_node(etype: str, name: str) -> str:
    if etype == "Person":
        return "p:" + " ".join(sorted(_person_tokens(name)))
    return "n:" + compact(name)


def _person_tokens(name: str) -> list[str]:
    return [t for t in normalise(name).replace(".", ". ").split() if t not in _TITLES and t.strip(".")]


class _Resolver:
    def __init__(self, extractions: Sequence[Extraction], gazetteer: Gazetteer, merges: Merges) -> None:
        self.extractions = sorted(extractions, key=lambda ex: ex.document.path)
        self.gaz = gazetteer
        self.merges = merges
        self.sets = _Sets()
        self.nodes: dict[str, _Node] = defaultdict(_Node)
        self.entries: dict[str, Entry] = {}
        self.places: dict[str, places.Place] = {}
        self.mention_nodes: dict[str, list[str | None]] = {}
        self.doc_countries: dict[str, set[str]] = {}
        self.doc_defs: dict[str, dict[str, str]] = {}
        self.corpus_defs: dict[str, str] = {}
        self.doc_owners: dict[str, dict[str, str]] = {}

    # ------------------------------------------------------------ context
    def collect_context(self) -> None:
        longs: dict[str, set[str]] = defaultdict(set)
        first_long: dict[tuple[str, str], str] = {}
        for ex in self.extractions:
            path = ex.document.path
            seen: set[str] = set()
            defs: dict[str, str] = {}
            for m in ex.mentions:
                if m.key and m.key.startswith("country/"):
                    seen.add(m.key.split("/", 1)[1])
                elif m.key is None and m.type in ("Country", "Place") and (iso3 := countries.from_name(m.text)):
                    seen.add(iso3)
                if m.long_form and m.key != "" and is_short_form(m.text):
                    if _more_specific(m.long_form, defs.get(m.text)):
                        defs[m.text] = m.long_form  # "Chile's National Forestry Corporation" over its bare name
                    n = compact(m.long_form)
                    longs[m.text].add(n)
                    first_long.setdefault((m.text, n), m.long_form)
            self.doc_countries[path] = seen
            self.doc_defs[path] = defs
            self.doc_owners[path] = self._owners(ex.mentions, defs)
        for short, forms in sorted(longs.items()):
            if len(forms) == 1:
                self.corpus_defs[short] = first_long[(short, next(iter(forms)))]

    @staticmethod
    def _owners(mentions: Sequence[Mention], defs: dict[str, str]) -> dict[str, str]:
        """A state's body named once with its country ("Kenya's Central Seed Laboratory (CSL)")
        belongs to that country wherever else its document names it, in full or by its acronym:
        compact name → ISO-3. A name given two countries binds none."""
        found: dict[str, set[str]] = defaultdict(set)
        for m in mentions:
            if m.type != "Organisation" or not m.owner:
                continue
            long = m.long_form or (defs.get(m.text) if is_short_form(m.text) else None)
            if statebodies.is_state_body(long or m.text):
                for name in {long or m.text, m.text}:
                    found[compact(name)].add(m.owner)
        for short, long in defs.items():
            if len(found.get(compact(long), ())) == 1:
                found[compact(short)] |= found[compact(long)]
        return {name: next(iter(isos)) for name, isos in found.items() if len(isos) == 1}

    # ------------------------------------------------------------ mentions
    def place_mentions(self) -> None:
        for ex in self.extractions:
            path = ex.document.path
            out: list[str | None] = []
            for m in ex.mentions:
                node = self.node_of(m, path)
                out.append(node)
                if node is None:
                    continue
                info = self.nodes[node]
                info.surfaces[m.text.strip()] += 1
                info.types[m.type] += WEIGHTS.get(_family(m.extractor), 1.0) * max(m.confidence, 0.05)
            self.mention_nodes[path] = out

    def node_of(self, m: Mention, path: str) -> str | None:
        if m.key is not None:
            if not m.key:
                return None
            node = "k:" + m.key
            self.sets.add(node)
            entry = self.gaz.by_key(m.key)
            if entry is not None:
                self.entries[entry.key] = entry
                if m.long_form and _similar(m.long_form, entry):
                    # "Office of" where the gazetteer says "Office for": the long form is this entry
                    self.nodes[node].longs[m.long_form] += 1
                    self.sets.union(node, "n:" + compact(m.long_form))
            if m.type in ("Project", "Event") and m.text.strip():
                # a prose mention of a front-matter project names the same project
                self.sets.union(node, _name_node(m.type, m.text))
            return node
        text = " ".join(m.text.split())
        if not text or self.merges.ignored(text):
            return None
        seen = self.doc_countries.get(path, set())
        iso3 = countries.from_name(text) or government_of(text)
        if iso3 and m.type != "Person":
            return self.fixed("country/" + iso3)
        long = m.long_form
        if is_short_form(text):
            defined = self.doc_defs[path].get(text)
            if long is None:
                long = defined or self.corpus_defs.get(text)
            elif defined and _more_specific(defined, long):
                long = defined  # a record's "National Forestry Corporation (CONAF)" is its text's "Chile's …"
        state = m.type == "Organisation" and statebodies.is_state_body(long or text)
        if state:
            owner = m.owner or self.doc_owners[path].get(compact(long or text))
            seen = {owner} if owner else seen
        entry = self.gazetteer_entry(text, long, seen, state=state)
        if entry is not None:
            self.entries[entry.key] = entry
            node = self.fixed(entry.key)
            if long:
                self.nodes[node].longs[long] += 1
                if len(self.gaz.lookup(long)) <= 1:
                    self.sets.union(node, "n:" + compact(long))
            return node
        if m.type == "Place" or (m.type == "Person" and _family(m.extractor) == "model" and seen):
            place = places.lookup(text, seen)
            if place is not None and (m.type == "Place" or place.country in seen):
                self.places[place.key] = place
                return self.fixed(place.key)
        if state:
            return self.state_body(text, long, path, seen)
        if long:
            node = "n:" + compact(long)
            self.nodes[node].longs[long] += 1
            if m.long_form and is_short_form(text):
                # the definition itself: the acronym alone names the same entity in this corpus
                self.sets.union(node, "n:" + compact(text))
            return node
        node = _name_node(m.type, text)
        if m.type == "Person":
            # the same surface typed otherwise elsewhere is the same entity; the vote decides its class
            self.sets.union(node, "n:" + compact(text))
        return node

    def state_body(self, text: str, long: str | None, path: str, seen: set[str]) -> str:
        """The node of a state's body named without its state: one per country (the one its text
        or its document names), else one of its own document; never one of another country."""
        scope = next(iter(seen)).lower() if len(seen) == 1 else _document_scope(path)
        node = f"s:{scope}|{compact(long or text)}"
        if long:
            self.nodes[node].longs[long] += 1
            if is_short_form(text):
                self.sets.union(node, f"s:{scope}|{compact(text)}")
        return node

    def fixed(self, key: str) -> str:
        node = "k:" + key
        self.sets.add(node)
        return node

    def gazetteer_entry(self, text: str, long: str | None, seen: set[str], *, state: bool = False) -> Entry | None:
        if not len(self.gaz):
            return None
        cands = self.gaz.lookup(text)
        if long:
            by_long = self.gaz.lookup(long)
            if by_long:
                cands = by_long
            elif cands and self.gaz.is_acronym(text):
                # the document spells the acronym out: keep only entries whose name it resembles
                cands = tuple(e for e in cands if _similar(long, e))
        if not cands:
            return None
        seen = seen | countries_named(text) | countries_named(long or "")
        entry = self.gaz.pick(cands, seen)
        if entry is not None and state and entry.country and entry.country not in seen and not is_short_form(text):
            return None  # "Ministry of Commerce" in a text of no country is no one country's ministry
        return entry

    # ------------------------------------------------------------ joins
    def join_persons(self) -> None:
        """A one-word person ("Dr. Qu") is the one fuller person of its document holding that word."""
        for ex in self.extractions:
            nodes = {n for n in self.mention_nodes[ex.document.path] if n and n.startswith("p:")}
            full = [n for n in nodes if len(n[2:].split()) > 1]
            for n in nodes:
                tokens = n[2:].split()
                if len(tokens) != 1:
                    continue
                holders = {self.sets.find(f) for f in full if tokens[0] in f[2:].split()}
                if len(holders) == 1:
                    self.sets.union(n, holders.pop())

    def join_project_names(self) -> None:
        """"Smallholder Support Project" is the "Commercial Smallholder Support Project" of its document."""
        for ex in self.extractions:
            names: dict[str, str] = {}
            for m, node in zip(ex.mentions, self.mention_nodes[ex.document.path], strict=False):
                if node and m.type == "Project" and m.key is None:
                    names[normalise(m.long_form or m.text)] = node
            for short, node in names.items():
                if len(short.split()) < 3:
                    continue
                longer = {self.sets.find(n) for name, n in names.items() if name != short and name.endswith(" " + short)}
                if len(longer) == 1:
                    self.sets.union(node, longer.pop())

    def join_front_matter_projects(self) -> None:
        """The prose naming a record's project as its front matter does ("title: X Project") is that project."""
        for ex in self.extractions:
            pairs = list(zip(ex.mentions, self.mention_nodes[ex.document.path], strict=False))
            own = [(m, n) for m, n in pairs if n and m.type == "Project" and _family(m.extractor) == "frontmatter"]
            records = {n for _, n in own}
            if len(records) != 1:
                continue
            # the fields naming the record only: another field's value ("lead_institution: X Centre")
            # names another entity
            values = {normalise(m.text) for m, _ in own} | {
                normalise(v) for k, v in ex.document.metadata.items()
                if isinstance(v, str) and v.strip() and names_the_record(str(k))}
            bare = {_without_project_word(v) for v in values} - {""}
            record = records.pop()
            for m, node in pairs:
                if not node or _family(m.extractor) == "frontmatter" or m.type not in ("Project", "Organisation", "Event"):
                    continue
                name = normalise(m.text)
                if (m.type == "Project" and name in values) or (len(name.split()) >= 3 and name in bare):
                    # "Solar Irrigation for Smallholders programme", typed otherwise, is the record's project too
                    self.sets.union(record, node)

    def join_state_bodies(self) -> None:
        """A state's body another document binds to a country ("India's Central Potato Research
        Institute") is that body where a document names it without one, provided the document
        names that country and no other country's body of that name."""
        used = {n for nodes in self.mention_nodes.values() for n in nodes if n and n.startswith("s:")}
        for path, nodes in sorted(self.mention_nodes.items()):
            prefix = f"s:{_document_scope(path)}|"
            for node in sorted({n for n in nodes if n and n.startswith(prefix)}):
                name = node.removeprefix(prefix)
                owned = [f"s:{iso.lower()}|{name}" for iso in sorted(self.doc_countries.get(path, ()))]
                owned = [n for n in owned if n in used]
                if len(owned) == 1:
                    self.sets.union(node, owned[0])

    def join_long_names(self) -> None:
        """"Administrative Committee of X High-tech Industry Zone" is the "... High-tech Industry
        Demonstration Zone" of its document: long names that differ by a word or two inserted."""
        for ex in self.extractions:
            names: dict[tuple[str, ...], str] = {}
            for m, node in zip(ex.mentions, self.mention_nodes[ex.document.path], strict=False):
                if node and node.startswith("n:") and m.type in ("Organisation", "Event", "Project"):
                    words = tuple(normalise(m.text).split())
                    if len(words) >= 5:
                        names[words] = node
            for short, node in names.items():
                for longer, other in names.items():
                    if len(short) < len(longer) <= len(short) + 2 and short[0] == longer[0] \
                            and short[-1] == longer[-1] and _subsequence(short, longer):
                        self.sets.union(node, other)

    def nodes_for(self, item: str) -> list[str]:
        """The nodes a key or a name of the merges file stands for."""
        if is_key(item):
            return ["k:" + item]
        out = ["n:" + compact(item), _name_node("Person", item)]
        if iso3 := countries.from_name(item):
            out.append("k:country/" + iso3)
        out.extend("k:" + e.key for e in self.gaz.lookup(item))
        return out

    def keep_apart(self) -> None:
        for group in self.merges.different:
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    for x in self.nodes_for(a):
                        for y in self.nodes_for(b):
                            if x != y:
                                self.sets.keep_apart(x, y)

    def apply_same(self) -> None:
        for group in self.merges.same:
            nodes = [n for item in group for n in self.nodes_for(item)]
            for n in nodes[1:]:
                self.sets.union(nodes[0], n, force=True)

    # ------------------------------------------------------------ entities
    def entities(self) -> tuple[dict[str, str], dict[str, Entity]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for node in sorted(self.nodes):
            groups[self.sets.find(node)].append(node)
        node_key: dict[str, str] = {}
        entities: dict[str, Entity] = {}
        for root, members in sorted(groups.items()):
            surfaces: Counter[str] = Counter()
            longs: Counter[str] = Counter()
            types: Counter[str] = Counter()
            for n in members:
                surfaces.update(self.nodes[n].surfaces)
                longs.update(self.nodes[n].longs)
                types.update(self.nodes[n].types)
            # a country's scope before a document's: the body is that country's
            scopes = sorted((n[2:].split("|", 1)[0] for n in members if n.startswith("s:")),
                            key=lambda scope: (scope.startswith("doc-"), scope))
            entity = self.entity(root, surfaces, longs, types, scopes[0] if scopes else None)
            if entity.key in entities:
                entity = _merge(entities[entity.key], entity)
            entities[entity.key] = entity
            for n in members:
                node_key[n] = entity.key
        return node_key, entities

    def entity(self, root: str, surfaces: Counter[str], longs: Counter[str], types: Counter[str],
               scope: str | None = None) -> Entity:
        seen = set(surfaces) | set(longs)
        if root.startswith("k:"):
            key = root[2:]
            if key.startswith("country/"):
                iso3 = key.split("/", 1)[1]
                info = countries.info(iso3)
                label = _readable(info.name) if info else iso3
                if info and label != info.name:
                    seen.add(info.name)  # "Korea, Republic of" stays a label of "Republic of Korea"
                same = (f"https://sws.geonames.org/{info.geonames_id}/",) if info and info.geonames_id else ()
                alts = tuple(sorted(s for s in seen if s != label and s != iso3))
                return Entity(key, "Country", label, alts, iso3=iso3, same_as=same)
            entry = self.entries.get(key)
            if entry is not None:
                alts = tuple(sorted((seen | set(entry.acronyms) | set(entry.aliases)) - {entry.name}))
                return Entity(key, entry.type, entry.name, alts, same_as=entry.same_as,
                              country=entry.country, kind=entry.kind)
            place = self.places.get(key)
            if place is not None:
                return Entity(key, "Place", place.name, tuple(sorted(seen - {place.name})),
                              same_as=place.same_as, country=place.country, kind=place.kind)
            etype = _vote(types) or "Organisation"
            label = _label(surfaces, longs)
            return Entity(key, etype, label, tuple(sorted(seen - {label})))
        etype = _vote(types) or "Organisation"
        label = _label(surfaces, longs)
        if etype == "Person":
            label = _person_label(surfaces)
        elif etype == "Place" and label.isupper() and len(label) > 3:
            label = _title_case(label)  # "NAIROBI" of a dateline
        key = entity_key(etype, normalise(label) or label)
        if scope is not None:
            # a state's body: the country (or the document) is part of its identity
            key = entity_key(etype, f"{scope} {normalise(label) or label}")
        return Entity(key, etype, label, tuple(sorted(seen - {label})))


@lru_cache(maxsize=1)
def _project_words() -> frozenset[str]:
    """The words that end a project's name ("project", "programme" …), normalised."""
    return frozenset(normalise(w) for w in project_words())


def _without_project_word(name: str) -> str:
    """A normalised project name without its last word when that is "project", "programme"... ."""
    words = name.split()
    if words and words[-1] in _project_words():
        words = words[:-1]
    return " ".join(words)


def _document_scope(path: str) -> str:
    """A short stable tag of a document, for a body known only within it."""
    import hashlib

    return "doc-" + hashlib.sha1(path.encode("utf-8")).hexdigest()[:8]


def _similar(long: str, entry: Entry) -> bool:
    """Whether a long form spelt in a text is a variant of one of the entry's names."""
    from rapidfuzz import fuzz

    n = normalise(long)
    if len(n.split()) >= 3 and any(normalise(name).endswith(" " + n) for name in entry.names):
        return True  # "Fund for Education Development" of "National Fund for Education Development"
    return any(fuzz.ratio(n, normalise(name)) >= 88 for name in entry.names)


_GOVERNMENT = re.compile(
    r"^(?:the\s+)?(?:(?:royal|federal|national|central)\s+)?government\s+of\s+(?:the\s+)?(?P<a>.+)$"
    r"|^(?:the\s+)?(?P<b>.+?)\s+government$",
    re.IGNORECASE,
)


def government_of(text: str) -> str | None:
    """ISO-3 of the country a "Government of X" / "the X Government" surface names (the state acting)."""
    m = _GOVERNMENT.match(" ".join(text.split()))
    if not m:
        return None
    return countries.from_name(m.group("a") or m.group("b"))


def _readable(name: str) -> str:
    """"Korea, Republic of" → "Republic of Korea": ISO's inverted names in reading order."""
    head, sep, tail = name.partition(", ")
    if sep and (tail.endswith(" of") or tail.endswith(" of the")):
        return f"{tail.removeprefix('The ')} {head}"
    return name


def _subsequence(short: tuple[str, ...], longer: tuple[str, ...]) -> bool:
    it = iter(longer)
    return all(w in it for w in short)


def _vote(types: Counter[str]) -> str | None:
    if not types:
        return None
    return max(sorted(types), key=lambda t: types[t])


def _label(surfaces: Counter[str], longs: Counter[str]) -> str:
    """The long form when there is one, else the most frequent surface (longer on a tie)."""
    pool = longs if longs else surfaces
    full = Counter({s: c for s, c in pool.items() if not is_short_form(s)}) or pool
    return max(sorted(full), key=lambda s: (full[s], len(s)))


def _title_case(name: str) -> str:
    """"SAN PEDRO DE LA PAZ" → "San Pedro de la Paz": a name written in capitals, in title case."""
    small = {"de", "del", "da", "do", "dos", "das", "di", "la", "le", "les", "el", "of", "the", "and", "y", "e"}
    words = name.lower().split()
    return " ".join(w if i and w in small else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _person_label(surfaces: Counter[str]) -> str:
    """The most frequent full name (two words or more) of a person."""
    full = Counter({s: c for s, c in surfaces.items() if len(s.split()) > 1}) or surfaces
    return max(sorted(full), key=lambda s: (full[s], len(s)))


def _merge(a: Entity, b: Entity) -> Entity:
    alts = tuple(sorted((set(a.alt_labels) | set(b.alt_labels) | {b.label}) - {a.label}))
    return Entity(a.key, a.type, a.label, alts, a.iso3, a.same_as or b.same_as, a.country or b.country,
                  a.kind or b.kind)


def resolve(
    extractions: Sequence[Extraction],
    *,
    gazetteer: Gazetteer | str | Path | None = None,
    merges: Merges | str | Path | None = None,
) -> Resolution:
    """Canonical entities of a corpus and the entity key of each mention.

    ``gazetteer`` and ``merges`` default to ``ontology/gazetteer.yaml`` and
    ``ontology/merges.yaml``; pass a loaded object or a path to use others.
    """
    gaz = gazetteer if isinstance(gazetteer, Gazetteer) else load_gazetteer(gazetteer)
    rules = merges if isinstance(merges, Merges) else load_merges(merges)
    with gc_paused(keep=True):
        return _resolve(_Resolver(extractions, gaz, rules))


def _resolve(r: _Resolver) -> Resolution:
    r.collect_context()
    r.keep_apart()
    r.place_mentions()
    r.join_persons()
    r.join_project_names()
    r.join_long_names()
    r.join_state_bodies()
    r.join_front_matter_projects()
    r.apply_same()
    node_key, entities = r.entities()
    assignments = {
        path: tuple(node_key[n] if n else None for n in nodes) for path, nodes in r.mention_nodes.items()
    }
    return Resolution(assignments, entities)
