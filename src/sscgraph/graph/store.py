"""The persistent RDF store: an on-disk Oxigraph database behind a small protocol.

Writes are transactional per call: :meth:`OxigraphStore.replace` drops and
re-adds a set of named graphs in one SPARQL Update, which Oxigraph applies
atomically, so a crash or a kill leaves each document graph either as it was
or fully rewritten, never half-written.
"""

from __future__ import annotations

import contextlib
import mmap
import re
import shutil
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from ..cores import default_jobs
from ..errors import RETRY_HINT, QueryError, StoreError
from ..ids import ENTITIES_GRAPH, ONTOLOGY_GRAPH
from ..vocab import PREFIXES, SERIALISATION_PREFIXES, sparql_prologue

DEFAULT_GRAPH_DIR = "sscgraph-data"
STORE_SUBDIR = "store"

_CONTENT_HASH = ox.NamedNode(PREFIXES["ssc"] + "contentHash")  # on a document, in its own graph
_SOURCE = ox.NamedNode(PREFIXES["dcterms"] + "source")


_Triple = tuple[Any, Any, Any]  # subject, predicate, object terms


def _has_blank_node(triples: set[_Triple]) -> bool:
    return any(isinstance(s, ox.BlankNode) or isinstance(o, ox.BlankNode) for s, _, o in triples)


def _graph_blocks(graphs: Mapping[str, Iterable[_Triple]]) -> str:
    """``GRAPH <name> { s p o . ... }`` blocks of SPARQL update data ("" when there are no triples)."""
    blocks = []
    for name in sorted(graphs):
        body = " .\n".join(f"{s} {p} {o}" for s, p, o in graphs[name])
        if body:
            blocks.append(f"GRAPH <{name}> {{\n{body} .\n}}")
    return "\n".join(blocks)


# Formats with one statement per line: a file of them can be cut at line ends and its parts
# loaded side by side (when no blank node label could be shared across a cut).
_LINE_FORMATS = (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES)
_LINE = re.compile(r"\bline (\d+)")
PART_BYTES = 32 << 20  # the bytes of a file one thread reads and loads at a time


def line_ranges(path: Path, parts: int) -> list[tuple[int, int]]:
    """Byte ranges ``[start, end)`` covering ``path``, about equal in size, each ending at a line end."""
    size = path.stat().st_size
    cuts = [0]
    with path.open("rb") as f:
        for i in range(1, parts):
            f.seek(max(size * i // parts, cuts[-1]))
            f.readline()
            cuts.append(min(f.tell(), size))
    cuts.append(size)
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def _mentions_blank_nodes(path: Path) -> bool:
    """Whether ``path`` may hold a blank node label (``_:``; a false alarm only costs parallelism)."""
    if path.stat().st_size == 0:
        return False
    with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return data.find(b"_:") >= 0


def _first_line(path: Path, offset: int) -> int:
    """The number of the line that starts at byte ``offset`` of ``path``."""
    with path.open("rb") as f:
        return f.read(offset).count(b"\n") + 1


def bulk_load(store: ox.Store, path: Path, format: ox.RdfFormat, *, threads: int | None = None,
              lenient: bool = False) -> None:
    """Fill ``store`` from the file ``path`` with Oxigraph's bulk loader.

    Oxigraph's loader keeps about one core busy, so an N-Quads or N-Triples
    file is cut at line ends into parts of about :data:`PART_BYTES` that
    ``threads`` threads (default: the cores) load side by side. A file that may
    hold blank node labels is loaded whole, since a label names the same node
    only within one load. A syntax error is reported with its line in the
    whole file. ``lenient`` skips Oxigraph's validation of IRIs and literals
    (for data that comes from a store).
    """
    threads = threads or default_jobs()
    parts: list[tuple[int, int]] = []
    if format in _LINE_FORMATS and threads > 1 and not _mentions_blank_nodes(path):
        parts = line_ranges(path, max(threads, -(-path.stat().st_size // PART_BYTES)))
    if len(parts) <= 1:
        try:
            store.bulk_load(path=str(path), format=format, lenient=lenient)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"bulk load failed: {exc}", path=path) from exc
        return
    todo = iter(parts)
    taking = threading.Lock()
    errors: list[tuple[int, BaseException]] = []

    def load() -> None:
        with path.open("rb") as f:
            while not errors:
                with taking:
                    part = next(todo, None)
                if part is None:
                    return
                start, end = part
                try:
                    f.seek(start)
                    store.bulk_load(input=f.read(end - start), format=format, lenient=lenient)
                except (OSError, SyntaxError, ValueError) as exc:
                    errors.append((start, exc))

    loaders = [threading.Thread(target=load, name="sscgraph-bulk-load") for _ in range(min(threads, len(parts)))]
    for t in loaders:
        t.start()
    for t in loaders:
        t.join()
    if errors:
        start, exc = min(errors, key=lambda e: e[0])
        shift = _first_line(path, start) - 1
        text = _LINE.sub(lambda m: f"line {int(m.group(1)) + shift}", str(exc))
        raise StoreError(f"bulk load failed: {text}", path=path) from exc


_OUT_OF_SPACE = ("no space left", "file too large", "quota exceeded")


def _open_hint(message: str, read_only: bool) -> str:
    """What to do about a store that cannot be opened, when the error tells."""
    text = message.lower()
    if "lock" in text:
        return " (is another sscgraph process writing to it?)"
    if not read_only and any(words in text for words in _OUT_OF_SPACE):
        return f"; {RETRY_HINT}"  # opening for writing replays the store's log into new files
    return ""


class GraphStore(Protocol):
    """What the pipeline and the consumers need from a store."""

    def replace(self, graphs: Mapping[str, Iterable[ox.Quad]], *, remove: Iterable[str] = ()) -> None: ...

    def query(self, sparql: str, *, use_default_graph_as_union: bool = True) -> Any: ...

    def document_hashes(self) -> dict[str, str]: ...

    def close(self) -> None: ...


def _from_snapshot(snapshot: Path) -> ox.Store:
    """An in-memory store holding an N-Quads dump of a store (data a store held: not validated again)."""
    memory = ox.Store()
    bulk_load(memory, snapshot, ox.RdfFormat.N_QUADS, threads=1, lenient=True)  # in memory, threads contend
    return memory


def _in_memory(disk: ox.Store) -> ox.Store:
    """A copy of ``disk`` held in memory, through an N-Quads dump (the fastest way out and in)."""
    with tempfile.TemporaryDirectory(prefix="sscgraph-copy-") as tmp:
        dump = Path(tmp) / "store.nq"
        try:
            disk.dump(output=str(dump), format=ox.RdfFormat.N_QUADS)
        except OSError as exc:
            raise StoreError(f"cannot copy the store into memory: {exc}") from exc
        return _from_snapshot(dump)


class OxigraphStore:
    """An Oxigraph store in ``<graph dir>/store`` (or, with ``memory``, a read-only copy of it in memory).

    Queries on the in-memory copy run two to four times faster; per million
    quads it holds about 0.4 GB and takes about 13 s to make (10 s to dump the
    store, 3 s to load the dump).
    """

    def __init__(self, graph_dir: str | Path, *, read_only: bool = False, create: bool = True,
                 memory: bool = False, snapshot: Path | None = None) -> None:
        """Open the store of ``graph_dir``; ``memory`` copies it into memory, and ``snapshot``
        (an N-Quads dump of it, see :meth:`dump`) makes that copy from the dump instead."""
        self.graph_dir = Path(graph_dir)
        self.memory = memory = memory or snapshot is not None
        self.read_only = read_only = read_only or memory
        self.path = self.graph_dir / STORE_SUBDIR
        if snapshot is not None:
            self._store = _from_snapshot(snapshot)
            return
        if not self.path.exists():
            if read_only or not create:
                raise StoreError(
                    "no graph here; build one first with 'sscgraph build --graph "
                    f"{self.graph_dir}'",
                    path=self.graph_dir,
                )
            self.path.mkdir(parents=True, exist_ok=True)
        try:
            self._store = ox.Store.read_only(str(self.path)) if read_only else ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"cannot open store: {exc}{_open_hint(str(exc), read_only)}", path=self.path) from exc
        if memory:
            self._store = _in_memory(self._store)

    def _writable(self) -> None:
        if self.read_only:
            kind = "an in-memory copy" if self.memory else "opened read-only"
            raise StoreError(f"the store is {kind}; writes go to a store opened for writing", path=self.path)

    @property
    def native(self) -> ox.Store:
        """The underlying pyoxigraph store, for callers that need its full API."""
        return self._store

    # -- writing ---------------------------------------------------------------

    def replace(self, graphs: Mapping[str, Iterable[ox.Quad]], *, remove: Iterable[str] = ()) -> None:
        """Atomically make each named graph in ``graphs`` hold exactly the given quads (their
        graph name is not read) and drop the graphs in ``remove``, in one update.

        A graph already in the store is changed by its difference: a document edited
        a little changes a few triples of its graph, and sending only those is much
        less work for the store than writing the whole graph again. A graph with
        blank nodes, whose old and new blank nodes cannot be matched, and a graph
        left empty are dropped (and written again).
        """
        self._writable()
        drops = set(remove) - set(graphs)
        deletes: dict[str, set[_Triple]] = {}
        inserts: dict[str, set[_Triple]] = {}
        for name, quads in graphs.items():
            new = {(q.subject, q.predicate, q.object) for q in quads}
            old = {(q.subject, q.predicate, q.object)
                   for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(name))}
            if not new or _has_blank_node(new) or _has_blank_node(old):
                drops.add(name)
                inserts[name] = new
            else:
                deletes[name] = old - new
                inserts[name] = new - old
        self.change(drop=drops, delete=deletes, insert=inserts)

    def add(self, quads: Iterable[ox.Quad], *, bulk: bool = False) -> None:
        """Add ``quads`` to named graphs the store does not hold yet, in one transaction.

        ``bulk`` takes Oxigraph's bulk loader instead: about twice as fast, but not
        atomic, so only for a store that nobody reads before the writer ends and that
        can tell a graph cut short (the build keeps a digest row per written graph).
        """
        self._writable()
        try:
            (self._store.bulk_extend if bulk else self._store.extend)(quads)
        except OSError as exc:
            state = "may hold part of the quads" if bulk else "left unchanged"
            raise StoreError(f"write failed, store {state}: {exc}; {RETRY_HINT}", path=self.path) from exc

    def holds(self, graph: str) -> bool:
        """Whether the named graph ``graph`` has any quad."""
        return next(self.quads(graph), None) is not None

    def change(self, *, drop: Iterable[str] = (), delete: Mapping[str, Iterable[_Triple]] | None = None,
               insert: Mapping[str, Iterable[_Triple]] | None = None) -> None:
        """In one atomic update: drop the graphs ``drop``, then delete and insert the given
        ``(subject, predicate, object)`` triples in the named graphs they are keyed by."""
        self._writable()
        parts = [f"DROP SILENT GRAPH <{name}>" for name in sorted(drop)]
        for verb, graphs in (("DELETE", delete), ("INSERT", insert)):
            blocks = _graph_blocks(graphs or {})
            if blocks:
                parts.append(f"{verb} DATA {{\n{blocks}\n}}")
        if not parts:
            return
        try:
            self._store.update(" ;\n".join(parts))
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"write failed, store left unchanged: {exc}; {RETRY_HINT}", path=self.path) from exc

    def bulk_replace(self, name: str, quads: Iterable[ox.Quad]) -> None:
        """Replace one large graph fast (not atomic: for derived graphs that are rebuilt whole)."""
        self._writable()
        with contextlib.suppress(OSError, ValueError):
            self._store.remove_graph(ox.NamedNode(name))
        self.add(quads, bulk=True)

    def bulk_load(self, path: str | Path, format: ox.RdfFormat, *, threads: int | None = None) -> None:
        """Load a large RDF file with Oxigraph's native bulk loader, without building Python terms.

        N-Quads and N-Triples are loaded in ``threads`` parts side by side (see
        :func:`bulk_load`). Not atomic: meant for filling a new store or a derived
        graph rebuilt whole.
        """
        self._writable()
        bulk_load(self._store, Path(path), format, threads=threads)
        try:
            self._store.flush()
        except OSError as exc:
            raise StoreError(f"bulk load failed: {exc}", path=Path(path)) from exc

    def load_ontology(self, path: Path) -> None:
        g = ox.NamedNode(ONTOLOGY_GRAPH)
        quads = [
            ox.Quad(t.subject, t.predicate, t.object, g)
            for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
        ]
        self.replace({ONTOLOGY_GRAPH: quads})

    def flush(self) -> None:
        self._store.flush()

    def optimize(self) -> None:
        self._writable()
        self._store.optimize()

    # -- reading ---------------------------------------------------------------

    def query(self, sparql: str, *, use_default_graph_as_union: bool = True) -> Any:
        """Run a SPARQL query; the default graph is the union of all named graphs."""
        text = sparql if "PREFIX" in sparql.upper() else sparql_prologue() + sparql
        try:
            return self._store.query(text, use_default_graph_as_union=use_default_graph_as_union)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {exc}", query=sparql) from exc
        except OSError as exc:
            raise QueryError(f"query failed: {exc}", query=sparql) from exc

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def document_graphs(self) -> list[str]:
        fixed = {ENTITIES_GRAPH, ONTOLOGY_GRAPH}
        return [g for g in self.named_graphs() if g not in fixed and "/document/" in g]

    def document_hashes(self) -> dict[str, str]:
        """The relative path and content hash of every document in the store.

        Read by two index scans rather than a SPARQL join: a build asks this of
        every document before it can tell what changed.
        """
        hashes = {
            (q.graph_name, q.subject): q.object.value
            for q in self._store.quads_for_pattern(None, _CONTENT_HASH, None, None)
        }
        found: dict[str, str] = {}
        for q in self._store.quads_for_pattern(None, _SOURCE, None, None):
            sha = hashes.get((q.graph_name, q.subject))
            if sha is not None:
                found[q.object.value] = sha
        return found

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        g = ox.NamedNode(graph) if graph else None
        return iter(self._store.quads_for_pattern(None, None, None, g))

    def __len__(self) -> int:
        return len(self._store)

    def dump(self, output: Any, format: ox.RdfFormat, *, graph: str | None = None) -> None:
        kwargs: dict[str, Any] = {"prefixes": SERIALISATION_PREFIXES}
        if graph:
            kwargs["from_graph"] = ox.NamedNode(graph)
        self._store.dump(output, format, **kwargs)

    def close(self) -> None:
        if not self.read_only:
            with contextlib.suppress(OSError):
                self._store.flush()
        del self._store

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(graph_dir: str | Path, *, read_only: bool = False, memory: bool = False) -> OxigraphStore:
    """Open the store of a graph folder (read-only for consumers).

    ``memory`` gives a read-only copy of it held in memory, for many queries in
    a row (a notebook, the endpoint's ``--memory``): see :class:`OxigraphStore`.
    """
    return OxigraphStore(graph_dir, read_only=read_only, create=not (read_only or memory), memory=memory)


def wipe(graph_dir: str | Path) -> None:
    """Remove a store completely (for ``--full`` rebuilds into a fresh folder)."""
    path = Path(graph_dir) / STORE_SUBDIR
    if path.exists():
        shutil.rmtree(path)
