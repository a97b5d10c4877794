"""Resolved extractions to RDF quads (pyoxigraph terms, written natively).

Layout of the dataset (see ``ontology/README.md``):

* one named graph per document, whose IRI is the document's IRI: the document
  node, ``ssc:mentions``, the typed edges drawn from it, literal facts from
  its front matter, and the evidence of every mention and edge;
* ``id:graph/entities``: the canonical description of every entity (type,
  label, aliases, ISO-3, ``owl:sameAs``) and of every concept and scheme,
  rewritten from the whole corpus on every build;
* ``id:graph/ontology``: the ontology itself.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from pyoxigraph import Literal, NamedNode, Quad

from ..ids import ENTITIES_GRAPH, concept_key, document_iri, iri, scheme_key
from ..model import Entity, Extraction
from ..vocab import PREFIXES, expand

RDF_TYPE = NamedNode(PREFIXES["rdf"] + "type")
RDFS_LABEL = NamedNode(PREFIXES["rdfs"] + "label")
SKOS = PREFIXES["skos"]
SSC = PREFIXES["ssc"]
XSD = PREFIXES["xsd"]
PROV = PREFIXES["prov"]
DCT = PREFIXES["dcterms"]

_nn_cache: dict[str, NamedNode] = {}
#: Paragraphs of a document's text are separated by blank lines.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def nn(value: str) -> NamedNode:
    """A cached NamedNode: the same few hundred predicates are minted millions of times."""
    node = _nn_cache.get(value)
    if node is None:
        node = _nn_cache[value] = NamedNode(value)
    return node


def ssc(local: str) -> NamedNode:
    return nn(SSC + local)


def lit(value: str, datatype: str | None = None) -> Literal:
    return Literal(value, datatype=nn(XSD + datatype)) if datatype else Literal(value)


def entity_node(key: str) -> NamedNode:
    """The node of an entity key (cached like :func:`nn`)."""
    node = _key_cache.get(key)
    if node is None:
        node = _key_cache[key] = nn(iri(key))
    return node


_key_cache: dict[str, NamedNode] = {}
# Terms written for every mention and edge, made once.
_INTEGER, _DECIMAL = nn(XSD + "integer"), nn(XSD + "decimal")
_MENTION, _MENTION_OF, _IN_DOCUMENT, _SURFACE = ssc("Mention"), ssc("mentionOf"), ssc("inDocument"), ssc("surface")
_START, _END, _EXTRACTOR, _CONFIDENCE = ssc("startOffset"), ssc("endOffset"), ssc("extractor"), ssc("confidence")
_PARAGRAPH, _SENTENCE, _MENTIONS = ssc("paragraph"), ssc("sentence"), ssc("mentions")
_STATEMENT, _PROV_ENTITY = nn(PREFIXES["rdf"] + "Statement"), nn(PROV + "Entity")
_SUBJECT, _PREDICATE, _OBJECT = (nn(PREFIXES["rdf"] + n) for n in ("subject", "predicate", "object"))
_DERIVED_FROM = nn(PROV + "wasDerivedFrom")


def document_quads(
    extraction: Extraction,
    assignment: Sequence[str | None],
) -> list[Quad]:
    """The quads of one document's named graph.

    ``assignment[i]`` is the entity key that mention ``i`` resolved to (None:
    dropped by resolution); edges whose ends were dropped are left out.
    """
    doc = extraction.document
    d = nn(document_iri(doc.path))
    g = d
    out: list[Quad] = []
    add = out.append
    add(Quad(d, RDF_TYPE, ssc("Document"), g))
    add(Quad(d, nn(DCT + "source"), lit(doc.path), g))
    add(Quad(d, nn(DCT + "title"), lit(extraction.title), g))
    add(Quad(d, ssc("contentHash"), lit(doc.sha256), g))

    for key in sorted({k for k in assignment if k}):
        add(Quad(d, _MENTIONS, entity_node(key), g))

    breaks = [b.end() for b in _PARAGRAPH_BREAK.finditer(doc.text)]
    for i, m in enumerate(extraction.mentions):
        key = assignment[i]
        if key is None or m.start is None:
            continue
        node = NamedNode(f"{d.value}#m{m.start}-{m.end}")  # one per mention: not cached
        add(Quad(node, RDF_TYPE, _MENTION, g))
        add(Quad(node, _MENTION_OF, entity_node(key), g))
        add(Quad(node, _IN_DOCUMENT, d, g))
        add(Quad(node, _SURFACE, Literal(m.text), g))
        add(Quad(node, _START, Literal(str(m.start), datatype=_INTEGER), g))
        add(Quad(node, _END, Literal(str(m.end), datatype=_INTEGER), g))
        add(Quad(node, _EXTRACTOR, Literal(m.extractor), g))
        add(Quad(node, _CONFIDENCE, Literal(f"{m.confidence:.3f}", datatype=_DECIMAL), g))
        add(Quad(node, _PARAGRAPH, Literal(str(bisect_right(breaks, m.start)), datatype=_INTEGER), g))
        if m.sentence:
            add(Quad(node, _SENTENCE, Literal(m.sentence), g))

    for r in extraction.relations:
        s, o = assignment[r.subject], assignment[r.object]
        if not s or not o or s == o:
            continue
        subj, pred, obj = entity_node(s), ssc(r.predicate), entity_node(o)
        add(Quad(subj, pred, obj, g))
        _evidence(add, d, subj, pred, obj, r.extractor, r.confidence, r.start, r.end, r.sentence)

    for a in extraction.attributes:
        if a.subject is None:
            subject = d
        else:
            key = assignment[a.subject]
            if key is None:
                continue
            subject = entity_node(key)
        prop = nn(expand(a.property))
        if a.kind == "concept" and a.scheme:
            add(Quad(subject, prop, nn(iri(concept_key(a.scheme, a.value))), g))
        elif a.kind == "url":
            add(Quad(subject, prop, nn(a.value), g))
        elif a.kind == "date":
            add(Quad(subject, prop, lit(a.value, "date"), g))
        else:
            add(Quad(subject, prop, lit(a.value), g))
    return out


def _evidence(
    add: Callable[[Quad], None],
    doc: NamedNode,
    subj: NamedNode,
    pred: NamedNode,
    obj: NamedNode,
    extractor: str,
    confidence: float,
    start: int | None,
    end: int | None,
    sentence: str | None,
) -> None:
    """A reified statement carrying the provenance of one edge (PROV-O terms), given to ``add``."""
    digest = hashlib.sha1(f"{subj.value} {pred.value} {obj.value} {start} {extractor}".encode()).hexdigest()[:16]
    node = NamedNode(f"{doc.value}#e{digest}")  # one per edge: not cached
    g = doc
    add(Quad(node, RDF_TYPE, _STATEMENT, g))
    add(Quad(node, RDF_TYPE, _PROV_ENTITY, g))
    add(Quad(node, _SUBJECT, subj, g))
    add(Quad(node, _PREDICATE, pred, g))
    add(Quad(node, _OBJECT, obj, g))
    add(Quad(node, _DERIVED_FROM, doc, g))
    add(Quad(node, _EXTRACTOR, Literal(extractor), g))
    add(Quad(node, _CONFIDENCE, Literal(f"{confidence:.3f}", datatype=_DECIMAL), g))
    if start is not None and end is not None:
        add(Quad(node, _START, Literal(str(start), datatype=_INTEGER), g))
        add(Quad(node, _END, Literal(str(end), datatype=_INTEGER), g))
    if sentence:
        add(Quad(node, _SENTENCE, Literal(sentence), g))


def entity_quads(entities: Iterable[Entity]) -> Iterator[Quad]:
    """The entities graph: canonical facts of each entity, sorted for stable output."""
    g = nn(ENTITIES_GRAPH)
    for e in sorted(entities, key=lambda e: e.key):
        node = nn(iri(e.key))
        yield Quad(node, RDF_TYPE, ssc(e.type), g)
        yield Quad(node, RDFS_LABEL, lit(e.label), g)
        yield Quad(node, nn(SKOS + "prefLabel"), lit(e.label), g)
        for alt in sorted(set(e.alt_labels) - {e.label}):
            yield Quad(node, nn(SKOS + "altLabel"), lit(alt), g)
        if e.iso3:
            yield Quad(node, ssc("iso3"), lit(e.iso3), g)
        if e.country and e.type in ("Place", "Organisation"):
            yield Quad(node, ssc("locatedIn"), nn(iri("country/" + e.country)), g)
        if e.kind:
            yield Quad(node, ssc("kind"), lit(e.kind), g)
        for same in sorted(e.same_as):
            yield Quad(node, nn(PREFIXES["owl"] + "sameAs"), nn(same), g)


def concept_quads(concepts: Mapping[tuple[str, str], str]) -> Iterator[Quad]:
    """skos:Concepts of the front-matter vocabularies, each in its scheme."""
    g = nn(ENTITIES_GRAPH)
    schemes = sorted({scheme for scheme, _ in concepts})
    for scheme in schemes:
        s = nn(iri(scheme_key(scheme)))
        yield Quad(s, RDF_TYPE, nn(SKOS + "ConceptScheme"), g)
        yield Quad(s, RDFS_LABEL, lit(scheme.replace("-", " ").capitalize()), g)
    for (scheme, code), label in sorted(concepts.items()):
        c = nn(iri(concept_key(scheme, code)))
        yield Quad(c, RDF_TYPE, nn(SKOS + "Concept"), g)
        yield Quad(c, nn(SKOS + "inScheme"), nn(iri(scheme_key(scheme))), g)
        yield Quad(c, nn(SKOS + "prefLabel"), lit(label), g)
        yield Quad(c, RDFS_LABEL, lit(label), g)
        yield Quad(c, nn(SKOS + "notation"), lit(code), g)


__all__ = ["concept_quads", "document_quads", "entity_quads"]
