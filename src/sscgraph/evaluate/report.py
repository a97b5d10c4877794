"""One evaluation of a built graph against a gold annotation, and its summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .entities import (
    EntityReport,
    graph_documents,
    in_scope,
    match_entities,
    predicted_nodes,
    with_mentions,
)
from .gold import Gold, load_gold
from .relations import (
    RelationReport,
    Triple,
    canonical,
    gold_triples,
    predicted_edges,
    score_relations,
)


@dataclass(frozen=True)
class Evaluation:
    """Entity and relation scores over the gold documents found in the graph."""

    entities: EntityReport
    relations: RelationReport
    documents: tuple[str, ...]  # gold documents present in the graph (the ones scored)
    missing: tuple[str, ...] = ()  # gold documents absent from the graph
    #: (subject, predicate, object) of the gold → (document, evidence quote) stating it
    evidence: dict[Triple, tuple[str, str]] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        """Machine-readable numbers (what ``--format json`` prints and tests read)."""
        ent, rel = self.entities, self.relations
        return {
            "documents": list(self.documents),
            "missing_documents": list(self.missing),
            "entities": {
                "total": ent.total.as_dict(),
                "by_type": {t: s.as_dict() for t, s in ent.by_type.items()},
                "splits": len(ent.splits),
                "merges": len(ent.merges),
            },
            "relations": {
                "total": rel.total.as_dict(),
                "by_predicate": {p: s.as_dict() for p, s in rel.by_predicate.items()},
            },
        }

    def errors(self) -> dict[str, Any]:
        """The itemised errors: splits, merges, false positives and negatives."""
        ent, rel = self.entities, self.relations
        return {
            "entity_splits": [{"gold": s.gold, "type": s.type, "nodes": list(s.nodes)}
                              for s in ent.splits],
            "entity_merges": [{"node": m.node, "label": m.label, "gold": list(m.gold)}
                              for m in ent.merges],
            "entity_false_positives": [
                {"node": f.node.iri, "type": f.node.type, "label": f.node.label,
                 "documents": list(f.node.documents),
                 **({"gold_of_other_type": f.other} if f.other else {}),
                 **{k: v for k, v in (("surface", f.surface), ("extractor", f.extractor),
                                      ("sentence", f.sentence)) if v}}
                for f in ent.false_positives
            ],
            "entity_false_negatives": [{"name": e.name, "type": e.type, "documents": list(e.documents)}
                                       for e in ent.false_negatives],
            "relation_false_positives": [
                {"subject": w.subject, "predicate": w.predicate, "object": w.object,
                 **({"unmatched_end": True} if w.unmatched else {}),
                 **{k: v for k, v in (("document", w.document), ("extractor", w.extractor),
                                      ("sentence", w.sentence)) if v}}
                for w in rel.false_positives
            ],
            "relation_false_negatives": [
                {"subject": s, "predicate": p, "object": o,
                 **_where(self.evidence.get((s, p, o)))}
                for s, p, o in rel.false_negatives
            ],
        }


def _where(found: tuple[str, str] | None) -> dict[str, str]:
    return {"document": found[0], "evidence": found[1]} if found else {}


def evaluate(store, gold: Gold, reference: bool = True) -> Evaluation:  # type: ignore[no-untyped-def]
    """Score an open store against a loaded gold annotation.

    ``reference=False`` scores only the edges drawn from the documents, leaving
    out those of reference data (the entities graph).
    """
    present = set(graph_documents(store))
    wanted = gold.documents or tuple(sorted({d for e in gold.entities for d in e.documents}))
    docs = tuple(d for d in wanted if d in present)
    missing = tuple(d for d in wanted if d not in present)
    nodes = predicted_nodes(store, docs)
    entities = with_mentions(store, match_entities(nodes, in_scope(gold, docs)), docs)
    labels = {n.iri: n.label for n in nodes}
    edges = predicted_edges(store, docs, labels, reference=reference)
    relations = score_relations(edges, entities.matches, gold_triples(gold.relations, docs))
    evidence: dict[Triple, tuple[str, str]] = {}
    for r in gold.relations:
        if r.document in docs:
            evidence.setdefault(canonical((r.subject, r.predicate, r.object)), (r.document, r.evidence))
    return Evaluation(entities, relations, docs, missing, evidence)


def evaluate_graph(graph_dir: str | Path, gold_path: str | Path, reference: bool = True) -> Evaluation:
    """Open the graph folder read-only, load the gold file(s) and score."""
    from ..graph.store import open_store

    gold = load_gold(gold_path)
    with open_store(graph_dir, read_only=True) as store:
        return evaluate(store, gold, reference=reference)
