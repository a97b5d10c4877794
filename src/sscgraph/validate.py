"""SHACL validation of a built graph with pySHACL.

Exit codes follow pySHACL's: 0 conforms, 1 does not conform, 2 bad input,
3 internal error. Warnings (``sh:Warning``) are listed but do not fail.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib

from .errors import ValidationError
from .graph.store import OxigraphStore
from .ids import ONTOLOGY_GRAPH
from .resources import ontology_path

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True)
class Finding:
    severity: str  # "Violation", "Warning", "Info"
    focus: str
    path: str | None
    message: str


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    findings: tuple[Finding, ...]

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "Violation"]


def union_graph(store: OxigraphStore) -> rdflib.Graph:
    """All data triples of the store (without the ontology graph) as one rdflib Graph."""
    data = ox.serialize(
        (ox.Triple(q.subject, q.predicate, q.object) for q in store.quads() if q.graph_name.value != ONTOLOGY_GRAPH),
        format=ox.RdfFormat.N_TRIPLES,
    )
    g = rdflib.Graph()
    g.parse(data=data, format="nt")
    return g


def validate(store: OxigraphStore, shapes: str | Path | None = None) -> ValidationReport:
    """Validate the union of the store's graphs against ``shapes`` (default: ontology/shapes.ttl)."""
    import pyshacl

    shapes_path = Path(shapes) if shapes else ontology_path("shapes.ttl")
    try:
        shapes_graph = rdflib.Graph().parse(shapes_path, format="turtle")
    except Exception as exc:  # rdflib raises many parser-specific types
        raise ValidationError(f"{shapes_path}: cannot read shapes: {exc}") from exc
    ontology = rdflib.Graph().parse(ontology_path("sscgraph.ttl"), format="turtle")
    data = union_graph(store)
    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=shapes_graph, ont_graph=ontology, inference="none", allow_warnings=True
    )
    findings = []
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        severity = str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        focus = str(results.value(result, SH.focusNode))
        path = results.value(result, SH.resultPath)
        message = str(results.value(result, SH.resultMessage) or "")
        findings.append(Finding(severity, focus, str(path) if path else None, message))
    findings.sort(key=lambda f: (f.severity != "Violation", f.focus, f.message))
    return ValidationReport(bool(conforms), tuple(findings))
