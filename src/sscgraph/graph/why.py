"""Why the graph holds an edge: the evidence behind ``S P O``, read with SPARQL.

Subject and object are given by IRI (full, or ``id:``/``ssc:`` CURIE) or by a
name that equals a node's ``rdfs:label`` or ``skos:altLabel`` (compared
without case or extra spaces; an acronym works when it is an alias). Each
reified ``rdf:Statement`` of the edge (see ``ontology/README.md``) gives one
piece of evidence: its document, sentence, offsets, extractor and confidence.
Edges with no statement (facts of reference data in the entities graph, dates
of events) are reported by the graph that holds them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import SscGraphError
from ..ids import ENTITIES_GRAPH
from ..vocab import PREFIXES
from .store import OxigraphStore

SSC = PREFIXES["ssc"]
SYMMETRIC = frozenset({"partnerOf"})
DATE_PREDICATES = frozenset({"startDate", "endDate"})
#: Typed edges of the contract (and ``partOf`` of event modules) that evidence can be asked for.
PREDICATES = frozenset({
    "fundedBy", "implementedBy", "partnerOf", "targetsCountry", "organizedBy", "heldIn", "startDate",
    "endDate", "participatedIn", "affiliatedWith", "locatedIn", "partOf",
})


class NoSuchEdge(SscGraphError):
    """The graph holds no edge (or no node) matching what was asked."""


@dataclass(frozen=True)
class Evidence:
    """One reason for an edge: where it was read and by which extractor."""

    subject: str  # IRI
    subject_label: str
    predicate: str  # local name
    object: str  # IRI, or a date literal
    object_label: str
    document: str  # dcterms:source of the document, or the graph IRI for reference facts
    extractor: str
    confidence: float | None = None
    sentence: str | None = None
    start: int | None = None
    end: int | None = None


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _predicate(name: str) -> str:
    local = name.removeprefix(SSC).removeprefix("ssc:")
    known = _known_predicates()
    if local not in known:
        raise NoSuchEdge(f"unknown predicate {name!r}; known: {', '.join(sorted(known))}")
    return local


def _known_predicates() -> frozenset[str]:
    return PREDICATES


def nodes_named(store: OxigraphStore, name: str) -> dict[str, str]:
    """Nodes (IRI → label) that ``name`` designates: an IRI, a CURIE, a label or an alias."""
    text = " ".join(name.split())
    if text.startswith(("http://", "https://")):
        iri = text
    elif ":" in text and text.split(":", 1)[0] in PREFIXES and " " not in text:
        prefix, local = text.split(":", 1)
        iri = PREFIXES[prefix] + local
    else:
        iri = None
    if iri is not None:
        rows = store.query(f"SELECT ?l WHERE {{ OPTIONAL {{ <{iri}> rdfs:label ?l }} }}")
        labels = [r["l"].value for r in rows if r["l"] is not None]
        return {iri: labels[0] if labels else iri}
    rows = store.query(f"""
        SELECT DISTINCT ?n ?label WHERE {{
          {{ ?n rdfs:label ?l }} UNION {{ ?n skos:altLabel ?l }}
          FILTER(LCASE(STR(?l)) = LCASE({_literal(text)}))
          ?n rdfs:label ?label .
          FILTER NOT EXISTS {{ ?n a skos:Concept }}
        }}""")
    return {r["n"].value: r["label"].value for r in rows}


def explain(store: OxigraphStore, subject: str, predicate: str, obj: str) -> list[Evidence]:
    """Every piece of evidence for ``subject predicate obj``, most confident first.

    Raises :class:`NoSuchEdge` when a name matches no node or no such edge exists.
    """
    pred = _predicate(predicate)
    subjects = nodes_named(store, subject)
    if not subjects:
        raise NoSuchEdge(f"no node is named {subject!r}{_suggest(store, subject)}")
    if pred in DATE_PREDICATES:
        objects = {obj.strip(): obj.strip()}
    else:
        objects = nodes_named(store, obj)
        if not objects:
            raise NoSuchEdge(f"no node is named {obj!r}{_suggest(store, obj)}")
    pairs = [(s, o) for s in subjects for o in objects]
    if pred in SYMMETRIC:
        pairs += [(o, s) for s, o in pairs]
    labels = {**subjects, **objects}
    found: list[Evidence] = []
    for s, o in pairs:
        found.extend(_statements(store, s, pred, o, labels))
        found.extend(_unreified(store, s, pred, o, labels, {e.document for e in found}))
    if not found:
        names = f"{subject!r} —{pred}→ {obj!r}"
        raise NoSuchEdge(f"the graph holds no edge {names} ({len(subjects)} subject node(s), "
                         f"{len(objects)} object node(s) matched)")
    return sorted(found, key=lambda e: (-(e.confidence or 0.0), e.document, e.start or 0, e.extractor))


def _term(value: str, pred: str) -> str:
    return f'"{value}"^^xsd:date' if pred in DATE_PREDICATES else f"<{value}>"


def _statements(store: OxigraphStore, s: str, pred: str, o: str, labels: dict[str, str]) -> list[Evidence]:
    rows = store.query(f"""
        SELECT ?source ?doc ?extractor ?confidence ?sentence ?start ?end WHERE {{
          ?st rdf:subject <{s}> ; rdf:predicate <{SSC}{pred}> ; rdf:object {_term(o, pred)} ;
              prov:wasDerivedFrom ?doc ; ssc:extractor ?extractor .
          OPTIONAL {{ ?st ssc:confidence ?confidence }}
          OPTIONAL {{ ?st ssc:sentence ?sentence }}
          OPTIONAL {{ ?st ssc:startOffset ?start ; ssc:endOffset ?end }}
          OPTIONAL {{ ?doc dcterms:source ?source }}
        }}""")
    out = []
    for r in rows:
        out.append(Evidence(
            subject=s, subject_label=labels.get(s, s), predicate=pred, object=o, object_label=labels.get(o, o),
            document=(r["source"] or r["doc"]).value,
            extractor=r["extractor"].value,
            confidence=float(r["confidence"].value) if r["confidence"] is not None else None,
            sentence=r["sentence"].value if r["sentence"] is not None else None,
            start=int(r["start"].value) if r["start"] is not None else None,
            end=int(r["end"].value) if r["end"] is not None else None,
        ))
    return out


def _unreified(
    store: OxigraphStore, s: str, pred: str, o: str, labels: dict[str, str], explained: set[str]
) -> list[Evidence]:
    """The graphs holding the edge itself where no statement explains it (reference data, dates)."""
    rows = store.query(f"""
        SELECT DISTINCT ?g ?source WHERE {{
          GRAPH ?g {{ <{s}> <{SSC}{pred}> {_term(o, pred)} }}
          OPTIONAL {{ GRAPH ?g {{ ?g dcterms:source ?source }} }}
        }}""", use_default_graph_as_union=False)
    out = []
    for r in rows:
        graph = r["g"].value
        where = r["source"].value if r["source"] is not None else graph
        if where in explained:
            continue
        extractor = "reference data" if graph == ENTITIES_GRAPH else "document facts (no sentence recorded)"
        out.append(Evidence(s, labels.get(s, s), pred, o, labels.get(o, o), where, extractor))
    return out


def _suggest(store: OxigraphStore, name: str) -> str:
    words = [w for w in name.lower().split() if len(w) > 2]
    if not words:
        return ""
    rows = store.query(f"""
        SELECT DISTINCT ?label WHERE {{
          ?n rdfs:label ?label . FILTER(CONTAINS(LCASE(STR(?label)), {_literal(words[0])}))
          FILTER NOT EXISTS {{ ?n a skos:Concept }}
        }} ORDER BY ?label LIMIT 5""")
    labels = [r["label"].value for r in rows]
    return f"; did you mean: {', '.join(labels)}?" if labels else ""


__all__ = ["Evidence", "NoSuchEdge", "explain", "nodes_named"]
