"""The one module that composes the stages: ingest → extract → resolve → graph.

The CLI calls :func:`build`; nothing else strings the stages together.

Builds are incremental. Each file's bytes are hashed; a document whose
extraction is in the graph folder's cache (same path, content and extractor
fingerprint) is not read again, the others are extracted by an executor (this
process, a local process pool or Dask) and cached as they complete. Resolution
then runs over the extractions of *every* document of the store, so a build
of a few files yields the same graph as a full build of the whole corpus.
Only the named graphs whose content changed are written, in atomic batches.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import chain
from pathlib import Path
from sys import intern
from typing import TYPE_CHECKING

from pyoxigraph import Quad

from . import cache, ingest
from .cache import Cached, ExtractionCache
from .errors import SscGraphError, StoreError
from .extract import frontmatter
from .extract.relations import ProseFacts
from .graph import rdf
from .graph.store import STORE_SUBDIR, OxigraphStore
from .ids import ENTITIES_GRAPH, ONTOLOGY_GRAPH, document_iri
from .memory import frees_what_was_kept, gc_paused
from .model import Document, Extraction, Mention, Problem, Relation
from .resolve.resolver import resolve
from .resources import ontology_path, seeds_dir

if TYPE_CHECKING:
    from .executors import Executor

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
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    relinked: list[str] = field(default_factory=list)  # unchanged files whose graph was rewritten
    kept: list[str] = field(default_factory=list)  # stored documents outside this build's inputs
    extracted: int = 0  # documents extracted (not found in the cache)
    graphs_written: int = 0
    jobs: int = 1
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
    doc: Document,
    mapping: frontmatter.FieldMapping,
    prose: ProseFacts | None = None,
    facts: frontmatter.FrontMatterFacts | None = None,
) -> tuple[Extraction, list[str]]:
    """Combine front-matter facts and prose facts of one document.

    ``facts`` are the front matter under ``mapping`` when the caller has them already.
    Prose relation indices are shifted past the front-matter mentions.
    """
    if facts is None:
        facts = frontmatter.extract(doc.metadata, mapping, doc.path)
    prose = prose or ProseFacts()
    offset = len(facts.mentions)
    mentions = list(facts.mentions) + list(prose.mentions)
    relations: list[Relation] = [  # a provider named by the prose is no target of the project
        r for r in facts.relations
        if not (r.predicate == "targetsCountry" and facts.mentions[r.object].key in prose.providers)
    ] + [
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


def extract_prose(
    documents: Sequence[Document], records: Sequence[frontmatter.FrontMatterFacts] | None = None
) -> Iterator[ProseFacts]:
    """Entities, relations and events of each document's prose, in order (spaCy pass).

    ``records`` are the documents' front-matter facts under the build's mapping
    (read with the default mapping when not given).
    """
    from .extract import ner, relations
    from .resolve import statebodies

    given: Sequence[frontmatter.FrontMatterFacts | None] = records or [None] * len(documents)
    for doc, parsed, record in zip(documents, ner.parse(documents), given, strict=False):
        mentions = ner.mentions(parsed)
        extra = relations.extract(doc, parsed, mentions, record)
        for i, key in extra.rekey:
            mentions[i] = replace(mentions[i], key=key)
        yield ProseFacts(
            mentions=tuple(statebodies.with_owner(m, doc.text) for m in (*mentions, *extra.mentions)),
            relations=extra.relations,
            attributes=extra.attributes,
            providers=extra.providers,
        )


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:200]
    return None


def extract_batch(
    batch: Sequence[tuple[Document, tuple[Problem, ...]]], mapping: str | None, use_model: bool
) -> list[Cached]:
    """Extract a batch of documents (runs in whichever process an executor chooses)."""
    field_mapping = _mapping(mapping)
    docs = [doc for doc, _ in batch]
    records = [frontmatter.extract(doc.metadata, field_mapping, doc.path) for doc in docs]
    prose: Iterable[ProseFacts | None] = extract_prose(docs, records) if use_model else (None for _ in docs)
    out = []
    for (doc, warnings), record, facts in zip(batch, records, prose, strict=False):
        ex, unmapped = extract_document(doc, field_mapping, facts, record)
        out.append(Cached(ex, tuple(unmapped), warnings))
    return out


@lru_cache(maxsize=4)
def _mapping(path: str | None) -> frontmatter.FieldMapping:
    return frontmatter.load_mapping(path)


@dataclass(frozen=True)
class _Entry:
    """What a build keeps in memory of one document between extraction and writing.

    Only the fields resolution reads: the document's text and the sentences of
    mentions and relations stay in the cache until the document's graph is
    written, so memory grows with the entities of a corpus, not with its text.
    """

    sha: str
    slim: Extraction
    words: int
    warnings: tuple[Problem, ...]
    unmapped: tuple[str, ...]


def slim(ex: Extraction) -> Extraction:
    """``ex`` without the texts resolution never reads (document text, sentences).

    The short strings that recur across a corpus (names, types, extractors,
    keys) are interned, so a hundred thousand documents share one copy each.
    """
    return replace(
        ex,
        document=replace(ex.document, text=""),
        mentions=tuple(_slim_mention(m) for m in ex.mentions),
        relations=tuple(replace(r, sentence=None, extractor=intern(r.extractor), predicate=intern(r.predicate))
                        for r in ex.relations),
    )


def _slim_mention(m: Mention) -> Mention:
    return replace(m, sentence=None, text=intern(m.text), type=intern(m.type), extractor=intern(m.extractor),
                   key=m.key and intern(m.key), long_form=m.long_form and intern(m.long_form))


def _entry(c: Cached) -> _Entry:
    ex = c.extraction
    return _Entry(ex.document.sha256, slim(ex), ex.document.words, (*c.warnings, *ex.problems), c.unmapped)


def _slim_entry(data: bytes | None) -> _Entry | None:
    """The slim record the cache keeps beside a document's extraction; None when unreadable."""
    if data is None:
        return None
    try:
        entry = cache.decode(data)
    except Exception:  # noqa: BLE001 - an unreadable record: the full entry is read instead
        return None
    return entry if isinstance(entry, _Entry) else None


@dataclass
class _Plan:
    """What a build reads: input files to extract, and records found in the cache."""

    entries: dict[str, _Entry] = field(default_factory=dict)  # path → extraction, slimmed
    todo: list[ingest.Source] = field(default_factory=list)  # sources to read and extract
    cached: list[tuple[ingest.Source, str]] = field(default_factory=list)  # unchanged: source, sha
    seen: dict[str, str] = field(default_factory=dict)  # path → sha of every readable input


def _plan(sources: Sequence[ingest.Source], xcache: ExtractionCache, fp: str, *, full: bool,
          progress: Progress | None) -> _Plan:
    """Hash every input and sort it into the documents the cache holds and those to extract."""
    plan = _Plan()
    known = set() if full else xcache.keys(fp)
    for i, source in enumerate(sources):
        try:
            sha = hashlib.sha256(source.path.read_bytes()).hexdigest()
        except OSError:
            sha = ""
        if (source.relative, sha) in known:
            plan.cached.append((source, sha))
        else:
            plan.todo.append(source)
        if progress:
            progress("read", i + 1, len(sources))
    return plan


def _load_cached(plan: _Plan, xcache: ExtractionCache, fp: str) -> None:
    """Read the slim records of the unchanged documents (a document whose record cannot be
    read is extracted again)."""
    slims = xcache.slims(fp) if plan.cached else {}
    missing: list[tuple[str, str, _Entry]] = []  # entries cached without their slim record
    with gc_paused(keep=True):
        for source, sha in plan.cached:
            rel = source.relative
            entry = _slim_entry(slims.pop((rel, sha), None))
            if entry is None:
                hit = xcache.get(rel, sha, fp)
                entry = _entry(hit) if hit is not None else None
                if entry is not None:
                    missing.append((rel, sha, entry))
            if entry is None:
                plan.todo.append(source)
            else:
                plan.entries[rel] = entry
                plan.seen[rel] = sha
    plan.cached.clear()
    xcache.add_slims(missing, fp)


def _read(todo: Iterable[ingest.Source], plan: _Plan, report: BuildReport) -> Iterator[tuple[Document, tuple[Problem, ...]]]:
    for source in todo:
        doc, found = ingest.read(source)
        if doc is None:
            report.skipped.extend(p for p in found if p.severity != "warning")
            report.warnings.extend(p for p in found if p.severity == "warning")
            continue
        plan.seen[doc.path] = doc.sha256
        yield doc, tuple(found)


def _runner(todo: int, *, jobs: int, executor: str, scheduler: str | None, batch_size: int,
            use_model: bool) -> Executor:
    """Where ``todo`` documents are extracted: Dask, a pool of workers, or this process when
    there is too little work to pay for starting workers."""
    from .executors import SerialExecutor, make_executor

    if not todo:
        return SerialExecutor()
    if executor == "dask":
        return make_executor("dask", scheduler=scheduler)
    if jobs > 1 and todo > jobs * batch_size:
        return make_executor("local", jobs=jobs, preload=("sscgraph.preload",) if use_model else ())
    return SerialExecutor()


def warm_up(mapping: str | None, use_model: bool) -> None:
    """Load what extraction needs (spaCy pipeline, rules, indexes) by extracting a small text,
    so that a worker is ready before its first batch arrives."""
    text = "The Ministry of Agriculture of Ghana and FAO held a workshop in Accra on 3 May 2024."
    extract_batch([(Document(path="warm-up.md", text=text), ())], mapping, use_model)


def _extract(plan: _Plan, runner: Executor, xcache: ExtractionCache, fp: str, *, mapping: str | None,
             use_model: bool, batch_size: int, report: BuildReport, progress: Progress | None) -> None:
    """Extract the documents of ``plan.todo`` on ``runner``, caching each batch as it completes."""
    if not plan.todo:
        return
    report.jobs = getattr(runner, "jobs", 1)
    total = len(plan.todo)
    batches = cache.iter_chunks(_read(plan.todo, plan, report), _batch_size(total, report.jobs, batch_size))
    for results in runner.map(extract_batch, batches, mapping, use_model):
        entries = {c.extraction.document.path: _entry(c) for c in results}
        xcache.put(results, fp, slim=lambda c, e=entries: e[c.extraction.document.path])
        plan.entries.update(entries)
        report.extracted += len(results)
        if progress:
            progress("extract", report.extracted, total)


def _batch_size(todo: int, jobs: int, most: int) -> int:
    """Documents per batch: ``most``, or fewer when there is little work, so that each of the
    ``jobs`` workers gets several batches and none is left with a long one while the others wait
    (100 documents on 2 workers: 8 batches of 13, not 32 + 32 + 32 + 4)."""
    if jobs <= 1:
        return most
    return max(1, min(most, -(-todo // (jobs * 4))))


def _kept(stored: dict[str, str], inputs: dict[str, str], xcache: ExtractionCache, fp: str,
          report: BuildReport) -> dict[str, _Entry]:
    """Extractions of stored documents that this build's inputs do not cover."""
    out: dict[str, _Entry] = {}
    for path, sha in sorted(stored.items()):
        if path in inputs:
            continue
        found = xcache.get(path, sha, fp) or xcache.get(path, sha)
        if found is None:
            report.warnings.append(Problem(
                path, "kept from an earlier build but not in the extraction cache; "
                "build its folder again to resolve it with the rest", severity="warning"))
            continue
        out[path] = _entry(found)
        report.kept.append(path)
    return out


@frees_what_was_kept()
def build(
    paths: Iterable[str | Path] | None,
    graph_dir: str | Path,
    *,
    mapping: str | Path | None = None,
    strict: bool = False,
    use_model: bool = True,
    progress: Progress | None = None,
    full: bool = False,
    jobs: int | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    batch_size: int = 32,
    write_batch: int = 50_000,
) -> BuildReport:
    """Build (or update) the graph in ``graph_dir`` from the files under ``paths``.

    Unchanged documents are taken from the extraction cache; ``full`` re-extracts
    and rewrites everything. Documents in the store whose files are gone are
    removed, unless some input could not be read (then the others are kept and
    still resolved with the rest). Files that cannot be read are reported and
    skipped; with ``strict`` any problem raises :class:`BuildFailed` before the
    store is touched. ``jobs`` (default: the cores) worker processes extract in
    parallel, or ``executor="dask"`` sends the work to the Dask ``scheduler``.
    Graphs are written in atomic transactions of about ``write_batch`` quads.
    """
    from .executors import default_jobs

    started = time.perf_counter()
    report = BuildReport(graph_dir=str(graph_dir))
    mapping_path = str(Path(mapping).resolve()) if mapping else None
    _mapping(mapping_path)  # a bad mapping fails before any work
    fp = cache.fingerprint(mapping_path, use_model)
    inputs = list(paths) if paths else default_inputs()
    graph_dir = Path(graph_dir)

    sources, problems = ingest.discover(inputs)
    report.skipped.extend(problems)
    # A mistyped or unmounted input must not read as "every document was deleted".
    inputs_complete = not problems
    store = OxigraphStore(graph_dir) if (graph_dir / STORE_SUBDIR).exists() else None
    runner: Executor | None = None
    try:
        with ExtractionCache(graph_dir) as xcache:
            plan = _plan(sources, xcache, fp, full=full, progress=progress)
            runner = _runner(len(plan.todo), jobs=jobs or default_jobs(), executor=executor,
                             scheduler=scheduler, batch_size=batch_size, use_model=use_model)
            try:
                if plan.todo:
                    # the workers load while this process reads the store and the cache
                    runner.start(warm_up, mapping_path, use_model)
                stored = store.document_hashes() if store is not None else {}
                _load_cached(plan, xcache, fp)
                _extract(plan, runner, xcache, fp, mapping=mapping_path, use_model=use_model,
                         batch_size=batch_size, report=report, progress=progress)
            except BaseException:
                runner.close(abort=True)
                raise
            runner.close(wait=False)  # the workers end while this process resolves
            entries = dict(sorted(plan.entries.items()))
            plan.entries.clear()
            for e in entries.values():
                report.warnings.extend(e.warnings)
                report.unmapped.update(e.unmapped)
            if strict and report.problems:
                raise BuildFailed(report)
            if not entries:
                raise NothingToBuild(inputs, report)
            kept = {} if inputs_complete else _kept(stored, plan.seen, xcache, fp, report)
            stale = sorted(set(stored) - set(entries)) if inputs_complete else []
            if store is None:
                store = OxigraphStore(graph_dir)
            _write(store, xcache, fp, entries, kept, stored, stale, full=full,
                   write_batch=write_batch, report=report, progress=progress)
            xcache.prune({(p, e.sha) for p, e in {**entries, **kept}.items()}, fp)
    finally:
        if runner is not None:
            runner.close()
        if store is not None:
            store.close()
    report.written = True
    report.seconds = time.perf_counter() - started
    return report


def _update_graph(store: OxigraphStore, name: str, quads: Iterable[Quad], *, fresh: bool = False) -> int:
    """Make graph ``name`` hold exactly ``quads``, changing only the difference, atomically.

    The entities graph is rewritten whenever any document changes; sending
    only what differs keeps an incremental build from re-parsing all of it.
    In a ``fresh`` store (made by this build, read by nobody yet) a new graph
    goes through the faster bulk loader: cut short, it has no digest row and
    the next build completes it. Returns how many quads the graph holds.
    """
    new = set(quads)
    if store.holds(name):
        store.replace({name: new})
    else:
        store.add(new, bulk=fresh)
    return len(new)


def _write(store: OxigraphStore, xcache: ExtractionCache, fp: str, entries: dict[str, _Entry],
           kept: dict[str, _Entry], stored: dict[str, str], stale: list[str], *, full: bool,
           write_batch: int, report: BuildReport, progress: Progress | None) -> None:
    """Resolve over every document and write the graphs that changed, in atomic batches.

    A document's full extraction is read back from the cache only when its
    graph is (re)written. Graphs new to the store are added in one atomic
    transaction per batch (into a store this build created, with Oxigraph's
    faster bulk loader); graphs that exist are replaced (dropped and
    re-added) in one atomic SPARQL update per batch.
    """
    everything = dict(sorted({**kept, **entries}.items()))
    resolution = resolve([e.slim for e in everything.values()])
    written = {} if full else xcache.digests()
    code = cache.graph_fingerprint()
    existing = set(store.named_graphs())  # replaced; the others are added
    fresh = not existing  # a new store: nobody reads it before this build ends

    concepts: dict[tuple[str, str], str] = {}
    added: list = []
    replaced: dict[str, list] = {}
    rows: list[tuple[str, str, str]] = []
    size = 0

    def flush() -> None:
        nonlocal size
        if rows:
            if replaced:
                store.replace(replaced)
            if added:
                # In a fresh store, a graph cut short by a kill exists without its digest
                # row, so the next build replaces it.
                store.add(added, bulk=fresh)
            xcache.set_digests(rows)
            report.graphs_written += len(rows)
            added.clear()
            replaced.clear()
            rows.clear()
            size = 0

    total = len(everything)
    for i, (path, e) in enumerate(everything.items()):
        if progress:
            progress("write", i + 1, total)
        ex = e.slim
        sha = e.sha
        assignment = resolution.assignments[path]
        for a in ex.attributes:
            if a.kind == "concept" and a.scheme:
                concepts.setdefault((a.scheme, a.value), a.label or a.value)
        for r in ex.relations:
            if assignment[r.subject] and assignment[r.object] and assignment[r.subject] != assignment[r.object]:
                report.edges[r.predicate] += 1
        report.words += e.words
        if path in entries:
            report.documents.append(path)
            if path not in stored:
                report.added.append(path)
            elif stored[path] != sha:
                report.changed.append(path)
            else:
                report.unchanged.append(path)
        name = document_iri(path)
        dg = cache.digest(code, fp, sha, assignment)
        if written.get(name) == (sha, dg) and stored.get(path) == sha:
            continue
        if path in entries and stored.get(path) == sha:
            report.relinked.append(path)
        full_record = xcache.get(path, sha, fp) or xcache.get(path, sha)
        if full_record is None:
            raise StoreError(f"the extraction of {path} vanished from the cache during the build",
                             path=xcache.path)
        quads = rdf.document_quads(full_record.extraction, assignment)
        if name in existing:
            replaced[name] = quads
        else:
            added.extend(quads)
        rows.append((name, sha, dg))
        size += len(quads)
        report.triples += len(quads)
        if size >= write_batch:
            flush()
    flush()

    if stale:
        names = [document_iri(p) for p in stale]
        store.replace({}, remove=names)
        xcache.set_digests([], remove=names)
        report.removed = stale

    for e in resolution.entities.values():
        report.entities[e.type] += 1
        if e.country and e.type in ("Place", "Organisation"):
            report.edges["locatedIn"] += 1
    dg = cache.digest(code, sorted(resolution.entities.items()), sorted(concepts.items()))
    if written.get(ENTITIES_GRAPH) != ("", dg):
        quads = chain(rdf.entity_quads(resolution.entities.values()), rdf.concept_quads(concepts))
        report.triples += _update_graph(store, ENTITIES_GRAPH, quads, fresh=fresh)
        xcache.set_digests([(ENTITIES_GRAPH, "", dg)])
        report.graphs_written += 1
    onto = ontology_path("sscgraph.ttl")
    dg = cache.digest(hashlib.sha256(onto.read_bytes()).hexdigest())
    if written.get(ONTOLOGY_GRAPH) != ("", dg):
        store.load_ontology(onto)
        xcache.set_digests([(ONTOLOGY_GRAPH, "", dg)])
