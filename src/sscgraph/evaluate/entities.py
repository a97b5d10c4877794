"""Graph nodes against gold entities: matching, per-type scores, splits and merges.

A node matches a gold entity when their types agree, one normalised
``rdfs:label``/``skos:altLabel``/``skos:prefLabel`` of the node equals the
normalised gold name or one of its aliases, and a document that mentions the
node is one the gold entity is annotated in. The predicted entities are the
nodes of the six entity classes that the gold documents ``ssc:mentions``.

* a gold entity matched by at least one node is a true positive; by none, a
  false negative; by several, one true positive reported as a *split*;
* a node matching no gold entity is a false positive (when its label names a
  gold entity of another type, the listing says so);
* a node matching several gold entities is reported as a *merge*.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from ..ids import document_iri
from ..model import ENTITY_TYPES
from ..resolve.resolver import normalise
from .gold import Gold, GoldEntity
from .scores import Score, micro

SSC = "https://w3id.org/sscgraph/ontology#"


@dataclass(frozen=True)
class Node:
    """A predicted entity: one graph node of an entity class."""

    iri: str
    type: str
    label: str
    labels: tuple[str, ...] = ()  # every label and alias, the canonical one included
    documents: tuple[str, ...] = ()


@dataclass(frozen=True)
class Split:
    """A gold entity spread over several nodes."""

    gold: str
    type: str
    nodes: tuple[str, ...]


@dataclass(frozen=True)
class Merge:
    """A node that stands for several gold entities."""

    node: str
    label: str
    gold: tuple[str, ...]


@dataclass(frozen=True)
class Spurious:
    """A false positive node; ``other`` names a gold entity it would match but for its type.

    ``surface``, ``extractor`` and ``sentence`` describe one mention of the
    node, when the graph records mentions (see :func:`with_mentions`).
    """

    node: Node
    other: str | None = None
    surface: str = ""
    extractor: str = ""
    sentence: str = ""


@dataclass(frozen=True)
class EntityReport:
    by_type: dict[str, Score]
    splits: tuple[Split, ...] = ()
    merges: tuple[Merge, ...] = ()
    false_positives: tuple[Spurious, ...] = ()
    false_negatives: tuple[GoldEntity, ...] = ()
    matches: dict[str, tuple[str, ...]] = field(default_factory=dict)  # node IRI → gold names

    @property
    def total(self) -> Score:
        return micro(self.by_type.values())


def in_scope(gold: Gold, documents: Iterable[str]) -> list[GoldEntity]:
    """Gold entities annotated in at least one of ``documents`` (or in no document in particular)."""
    docs = set(documents)
    return [e for e in gold.entities if not e.documents or docs.intersection(e.documents)]


def _same_documents(node: Node, entity: GoldEntity) -> bool:
    """Whether ``node`` is mentioned where ``entity`` is annotated (always, when either lists no document):
    an acronym shared by bodies of two countries names each only in its own documents."""
    return not (node.documents and entity.documents) or not set(node.documents).isdisjoint(entity.documents)


def match_entities(nodes: Sequence[Node], entities: Sequence[GoldEntity]) -> EntityReport:
    """Score predicted nodes against gold entities (a pure function)."""
    index: dict[tuple[str, str], list[GoldEntity]] = defaultdict(list)
    any_type: dict[str, list[GoldEntity]] = defaultdict(list)
    for e in entities:
        for name in {normalise(n) for n in e.names}:
            index[(e.type, name)].append(e)
            any_type[name].append(e)
    by_gold: dict[str, list[str]] = defaultdict(list)
    matches: dict[str, tuple[str, ...]] = {}
    spurious: list[Spurious] = []
    merges: list[Merge] = []
    fp: dict[str, int] = defaultdict(int)
    for node in sorted(nodes, key=lambda n: n.iri):
        forms = {normalise(label) for label in (node.label, *node.labels)}
        found: dict[str, GoldEntity] = {}
        for form in sorted(forms):
            for e in index.get((node.type, form), ()):
                if _same_documents(node, e):
                    found.setdefault(e.name, e)
        if not found:
            fp[node.type] += 1
            other = next((e.name for form in sorted(forms) for e in any_type.get(form, ())), None)
            spurious.append(Spurious(node, other))
            continue
        matches[node.iri] = tuple(sorted(found))
        if len(found) > 1:
            merges.append(Merge(node.iri, node.label, tuple(sorted(found))))
        for name in found:
            by_gold[name].append(node.iri)
    by_type: dict[str, Score] = {}
    for etype in ENTITY_TYPES:
        typed = [e for e in entities if e.type == etype]
        tp = sum(1 for e in typed if e.name in by_gold)
        if typed or fp[etype]:
            by_type[etype] = Score(tp=tp, fp=fp[etype], fn=len(typed) - tp)
    splits = tuple(
        Split(e.name, e.type, tuple(sorted(by_gold[e.name])))
        for e in entities if len(by_gold.get(e.name, ())) > 1
    )
    missed = tuple(e for e in entities if e.name not in by_gold)
    return EntityReport(by_type, splits, tuple(merges), tuple(spurious), missed, matches)


def predicted_nodes(store, documents: Iterable[str]) -> list[Node]:  # type: ignore[no-untyped-def]
    """Nodes of the six entity classes mentioned by ``documents`` (paths as in dcterms:source)."""
    docs = sorted(set(documents))
    if not docs:
        return []
    values = " ".join(f"<{document_iri(d)}>" for d in docs)
    classes = " ".join(f"<{SSC}{t}>" for t in ENTITY_TYPES)
    rows = store.query(f"""
        PREFIX ssc: <{SSC}>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?node ?cls ?src ?label ?alt WHERE {{
          VALUES ?doc {{ {values} }}
          VALUES ?cls {{ {classes} }}
          ?doc ssc:mentions ?node ; dcterms:source ?src .
          ?node a ?cls .
          OPTIONAL {{ ?node rdfs:label ?label }}
          OPTIONAL {{ ?node skos:altLabel|skos:prefLabel ?alt }}
        }}""")
    types: dict[tuple[str, str], str] = {}
    labels: dict[tuple[str, str], set[str]] = defaultdict(set)
    canonical: dict[tuple[str, str], str] = {}
    sources: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        iri = row["node"].value
        etype = row["cls"].value.rsplit("#", 1)[1]
        key = (iri, etype)
        types[key] = etype
        sources[key].add(row["src"].value)
        if row["label"] is not None:
            label = row["label"].value
            canonical[key] = min(label, canonical.get(key, label))
            labels[key].add(label)
        if row["alt"] is not None:
            labels[key].add(row["alt"].value)
    nodes = []
    for key in sorted(types):
        names = sorted(labels[key])
        label = canonical.get(key) or (names[0] if names else key[0].rsplit("/", 1)[-1])
        nodes.append(Node(key[0], key[1], label, tuple(names), tuple(sorted(sources[key]))))
    return nodes


def graph_documents(store) -> list[str]:  # type: ignore[no-untyped-def]
    """The relative paths of the documents in the store."""
    rows = store.query(
        "PREFIX ssc: <https://w3id.org/sscgraph/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/> "
        "SELECT DISTINCT ?src WHERE { ?d a ssc:Document ; dcterms:source ?src }"
    )
    return sorted(r["src"].value for r in rows)


def with_mentions(store, report: EntityReport, documents: Iterable[str]) -> EntityReport:  # type: ignore[no-untyped-def]
    """The report with one mention (surface, extractor, sentence) of each false positive node."""
    docs = sorted(set(documents))
    if not report.false_positives or not docs:
        return report
    values = " ".join(f"<{f.node.iri}>" for f in report.false_positives)
    in_docs = " ".join(f"<{document_iri(d)}>" for d in docs)
    rows = store.query(f"""
        PREFIX ssc: <{SSC}>
        SELECT ?node (MIN(?start) AS ?first) (SAMPLE(?surface) AS ?s) (SAMPLE(?extractor) AS ?x)
               (SAMPLE(?sentence) AS ?sent) WHERE {{
          VALUES ?node {{ {values} }}
          VALUES ?doc {{ {in_docs} }}
          ?m ssc:mentionOf ?node ; ssc:inDocument ?doc .
          OPTIONAL {{ ?m ssc:startOffset ?start }}
          OPTIONAL {{ ?m ssc:surface ?surface }}
          OPTIONAL {{ ?m ssc:extractor ?extractor }}
          OPTIONAL {{ ?m ssc:sentence ?sentence }}
        }} GROUP BY ?node""")
    found = {
        row["node"].value: tuple("" if row[k] is None else " ".join(row[k].value.split())
                                 for k in ("s", "x", "sent"))
        for row in rows
    }
    spurious = tuple(
        replace(f, surface=found[f.node.iri][0], extractor=found[f.node.iri][1],
                sentence=found[f.node.iri][2]) if f.node.iri in found else f
        for f in report.false_positives
    )
    return replace(report, false_positives=spurious)
