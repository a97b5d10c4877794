"""The persistent RDF store: an on-disk Oxigraph database behind a small protocol.

Writes are transactional per call: :meth:`OxigraphStore.replace` drops and
re-adds a set of named graphs in one SPARQL Update, which Oxigraph applies
atomically, so a crash or a kill leaves each document graph either as it was
or fully rewritten, never half-written.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

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


class OxigraphStore:
    """An Oxigraph store in ``<graph dir>/store``."""

    def __init__(self, graph_dir: str | Path, *, read_only: bool = False, create: bool = True) -> None:
        self.graph_dir = Path(graph_dir)
        self.read_only = read_only
        self.path = self.graph_dir / STORE_SUBDIR
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
        with contextlib.suppress(OSError, ValueError):
            self._store.remove_graph(ox.NamedNode(name))
        self.add(quads, bulk=True)

    def bulk_load(self, path: str | Path, format: ox.RdfFormat) -> None:
        """Load a large RDF file with Oxigraph's native bulk loader, without building Python terms.

        Not atomic: meant for filling a new store or a derived graph rebuilt whole.
        """
        try:
            self._store.bulk_load(path=str(path), format=format)
            self._store.flush()
        except (OSError, SyntaxError, ValueError) as exc:
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


def open_store(graph_dir: str | Path, *, read_only: bool = False) -> OxigraphStore:
    """Open the store of a graph folder (read-only for consumers)."""
    return OxigraphStore(graph_dir, read_only=read_only, create=not read_only)


def wipe(graph_dir: str | Path) -> None:
    """Remove a store completely (for ``--full`` rebuilds into a fresh folder)."""
    path = Path(graph_dir) / STORE_SUBDIR
    if path.exists():
        shutil.rmtree(path)
