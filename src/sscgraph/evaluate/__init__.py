"""Extraction quality as a number: a built graph scored against gold annotations.

``load_gold`` reads the annotation files, ``evaluate`` scores an open store
(precision, recall and F1 per entity type and per predicate, splits and
merges), ``evaluate_graph`` does both for a graph folder.
"""

from __future__ import annotations

from .entities import EntityReport, Merge, Node, Split, Spurious, match_entities, predicted_nodes
from .gold import Gold, GoldEntity, GoldRelation, evidence_problems, load_gold
from .relations import Edge, RelationReport, WrongEdge, predicted_edges, score_relations
from .report import Evaluation, evaluate, evaluate_graph
from .scores import Score, micro

__all__ = [
    "Edge",
    "EntityReport",
    "Evaluation",
    "Gold",
    "GoldEntity",
    "GoldRelation",
    "Merge",
    "Node",
    "RelationReport",
    "Score",
    "Split",
    "Spurious",
    "WrongEdge",
    "evaluate",
    "evaluate_graph",
    "evidence_problems",
    "load_gold",
    "match_entities",
    "micro",
    "predicted_edges",
    "predicted_nodes",
    "score_relations",
]
