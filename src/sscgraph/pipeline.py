"""The one module that composes the stages: ingest → extract → resolve → graph.

The CLI calls :func:`build`; nothing else strings the stages together.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import ingest
from .errors import SscGraphError
from .extract import frontmatter
from .extract.relations import ProseFacts
from .graph import rdf
from .graph.store import OxigraphStore
from .ids import ENTITIES_GRAPH, document_iri
from .model import Document, Extraction, Problem, Relation
from .resolve.resolver import resolve
from .resources import ontology_path, seeds_dir

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)`` while a build runs."""


@dataclass
class BuildReport:
    """What a build did, for the closing summary."""

    graph_dir: str
    documents: list[str] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    entities: Counter[str] = field(default_factory=Counter)
    edges: Counter[str] = field(default_factory=Counter)
    unmapped: Counter[str] = field(default_factory=Counter)
    triples: int = 0
    words: int = 0
    seconds: float = 0.0
    written: bool = False

    @property
    def problems(self) -> list[Problem]:
        return [*self.skipped, *self.warnings]


class BuildFailed(SscGraphError):
    """A strict build met problems; the store was left as it was."""

    def __init__(self, report: BuildReport) -> None:
        self.report = report
        names = ", ".join(sorted({p.path for p in report.problems}))
        super().__init__(f"{len(report.problems)} problem(s) in {names}; store left unchanged (--strict)")


class NothingToBuild(SscGraphError):
    """No readable document under the inputs; the store was left as it was."""

    def __init__(self, inputs: Sequence[str | Path], report: BuildReport) -> None:
        self.report = report
        where = ", ".join(str(p) for p in inputs)
        reasons = "; ".join(f"{p.path}: {p.reason}" for p in report.skipped[:5])
        detail = f" ({reasons})" if reasons else ""
        super().__init__(
            f"no readable .md/.markdown/.txt document under {where}{detail}; store left unchanged"
        )


def default_inputs() -> list[Path]:
    return [seeds_dir()]


def extract_document(
    doc: Document, mapping: frontmatter.FieldMapping, prose: ProseFacts | None = None
) -> tuple[Extraction, list[str]]:
    """Combine front-matter facts and prose facts of one document.

    Prose relation indices are shifted past the front-matter mentions.
    """
    facts = frontmatter.extract(doc.metadata, mapping, doc.path)
    prose = prose or ProseFacts()
    offset = len(facts.mentions)
    mentions = list(facts.mentions) + list(prose.mentions)
    relations: list[Relation] = list(facts.relations) + [
        replace(r, subject=r.subject + offset, object=r.object + offset) for r in prose.relations
    ]
    attributes = list(facts.attributes) + [
        a if a.subject is None else replace(a, subject=a.subject + offset) for a in prose.attributes
    ]
    title = facts.title or _first_line(doc.text) or Path(doc.path).stem
    return (
        Extraction(
            document=doc,
            title=title,
            mentions=tuple(mentions),
            relations=tuple(relations),
            attributes=tuple(attributes),
            problems=tuple(facts.problems),
        ),
        facts.unmapped,
    )


def extract_prose(documents: Sequence[Document]) -> Iterator[ProseFacts]:
    """Entities, relations and events of each document's prose, in order (spaCy pass)."""
    from .extract import ner, relations

    for doc, parsed in zip(documents, ner.parse(documents), strict=False):
        mentions = ner.mentions(parsed)
        extra = relations.extract(doc, parsed, mentions)
        for i, key in extra.rekey:
            mentions[i] = replace(mentions[i], key=key)
        yield ProseFacts(
            mentions=tuple(mentions) + extra.mentions,
            relations=extra.relations,
            attributes=extra.attributes,
        )


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:200]
    return None


def build(
    paths: Iterable[str | Path] | None,
    graph_dir: str | Path,
    *,
    mapping: str | Path | None = None,
    strict: bool = False,
    use_model: bool = True,
    progress: Progress | None = None,
) -> BuildReport:
    """Build (or rebuild) the graph in ``graph_dir`` from the files under ``paths``.

    Files that cannot be read are reported and skipped; with ``strict`` any
    problem raises :class:`BuildFailed` before the store is touched.
    """
    started = time.perf_counter()
    report = BuildReport(graph_dir=str(graph_dir))
    field_mapping = frontmatter.load_mapping(mapping)
    inputs = list(paths) if paths else default_inputs()

    documents: list[Document] = []
    sources, problems = ingest.discover(inputs)
    report.skipped.extend(problems)
    # A mistyped or unmounted input must not read as "every document was deleted".
    inputs_complete = not problems
    for i, source in enumerate(sources):
        doc, found = ingest.read(source)
        for p in found:
            (report.warnings if p.severity == "warning" else report.skipped).append(p)
        if doc is not None:
            documents.append(doc)
        if progress:
            progress("read", i + 1, len(sources))

    prose: list[ProseFacts | None] = [None for _ in documents]
    if use_model and documents:
        for i, facts in enumerate(extract_prose(documents)):
            prose[i] = facts
            if progress:
                progress("extract", i + 1, len(documents))

    extractions: list[Extraction] = []
    for doc, found in zip(documents, prose, strict=False):
        ex, unmapped = extract_document(doc, field_mapping, found)
        report.unmapped.update(unmapped)
        report.warnings.extend(ex.problems)
        extractions.append(ex)
        report.words += doc.words

    if strict and report.problems:
        raise BuildFailed(report)
    if not documents:
        raise NothingToBuild(inputs, report)

    resolution = resolve(extractions)
    graphs: dict[str, list] = {}
    concepts: dict[tuple[str, str], str] = {}
    for ex in extractions:
        assignment = resolution.assignments[ex.document.path]
        quads = rdf.document_quads(ex, assignment)
        graphs[document_iri(ex.document.path)] = quads
        report.triples += len(quads)
        for a in ex.attributes:
            if a.kind == "concept" and a.scheme:
                concepts.setdefault((a.scheme, a.value), a.label or a.value)
        for r in ex.relations:
            if assignment[r.subject] and assignment[r.object] and assignment[r.subject] != assignment[r.object]:
                report.edges[r.predicate] += 1
        report.documents.append(ex.document.path)
    entity_quads = list(rdf.entity_quads(resolution.entities.values()))
    entity_quads.extend(rdf.concept_quads(concepts))
    graphs[ENTITIES_GRAPH] = entity_quads
    report.triples += len(entity_quads)
    for e in resolution.entities.values():
        report.entities[e.type] += 1
        if e.country and e.type in ("Place", "Organisation"):
            report.edges["locatedIn"] += 1

    Path(graph_dir).mkdir(parents=True, exist_ok=True)
    with OxigraphStore(graph_dir) as store:
        stale = [g for g in store.document_graphs() if g not in graphs] if inputs_complete else []
        report.removed = sorted(stale)
        total = len(graphs)
        for i, (name, quads) in enumerate(sorted(graphs.items())):
            store.replace({name: quads})
            if progress:
                progress("write", i + 1, total)
        if stale:
            store.replace({}, remove=stale)
        store.load_ontology(ontology_path("sscgraph.ttl"))
    report.written = True
    report.seconds = time.perf_counter() - started
    return report
