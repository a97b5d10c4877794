"""Queries run in worker processes, so a query past its time limit can be stopped.

A SPARQL engine cannot be interrupted from outside in the middle of a join,
and a thread that keeps computing after its client gave up would slow every
other request. Each worker process opens the store read-only and answers one
job at a time; when a job overruns the time limit its worker is killed and a
fresh one takes its place.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import queue
import tempfile
import threading
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ..errors import QueryError, SscGraphError


@dataclass(frozen=True)
class Job:
    """One request: SPARQL text or a saved query with parameters, and how to answer."""

    query: str | None = None
    saved: str | None = None
    params: tuple[tuple[str, str], ...] = ()
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    accept: str | None = None
    format: str | None = None


@dataclass(frozen=True)
class Reply:
    """A worker's answer: HTTP status, body, media type, and whether rows were cut at the cap."""

    status: int
    body: bytes
    media: str = "text/plain; charset=utf-8"
    truncated: bool = False
    headers: dict[str, str] = field(default_factory=dict)


class QueryTimeout(SscGraphError):
    """A query ran past the time limit and was stopped."""


class Busy(SscGraphError):
    """Every worker stayed busy for the whole time limit."""


def execute(store: Any, job: Job, max_rows: int | None) -> Reply:
    """Run ``job`` on ``store`` and render the result in the negotiated format."""
    from ..query import results, run, run_saved
    from .negotiate import choose

    if job.saved:
        result = run_saved(store, job.saved, dict(job.params), max_rows=max_rows)
    else:
        assert job.query is not None
        result = run(store, job.query, default_graphs=job.default_graphs, named_graphs=job.named_graphs,
                     max_rows=max_rows)
    fmt = choose(result.kind, job.accept, job.format)
    if fmt is None:
        return Reply(406, f"cannot answer in any of: {job.accept}\n".encode())
    body, media = results.write(result, fmt)
    if media.startswith("text/"):
        media += "; charset=utf-8"
    return Reply(200, body, media, result.truncated)


def _work(graph_dir: str, max_rows: int | None, snapshot: str | None, conn: Connection) -> None:
    from ..graph.store import OxigraphStore, open_store

    try:
        if snapshot:
            store = OxigraphStore(graph_dir, snapshot=Path(snapshot))
        else:
            store = open_store(graph_dir, read_only=True)
    except SscGraphError as exc:
        conn.send(Reply(500, f"{exc}\n".encode()))
        return
    conn.send(Reply(200, b"ready"))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            break
        if job is None:
            break
        try:
            reply = execute(store, job, max_rows)
        except QueryError as exc:
            reply = Reply(400, f"{exc}\n".encode())
        except SscGraphError as exc:
            reply = Reply(500, f"{exc}\n".encode())
        except Exception as exc:  # a worker reports every failure instead of dying
            reply = Reply(500, f"internal error: {type(exc).__name__}: {exc}\n".encode())
        conn.send(reply)
    store.close()


class _Worker:
    def __init__(self, graph_dir: str, max_rows: int | None, snapshot: str | None) -> None:
        self.memory = snapshot is not None
        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_work, args=(graph_dir, max_rows, snapshot, child), daemon=True,
                                   name="sscgraph-query-worker")
        self.process.start()
        child.close()

    def ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise SscGraphError("a query worker did not start")
        try:
            reply: Reply = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            code = self.process.exitcode
            hint = "; out of memory? serve without --memory" if self.memory and code == -9 else ""
            raise SscGraphError(f"a query worker exited while starting (exit code {code}){hint}") from None
        if reply.status != 200:
            self.kill()
            raise SscGraphError(reply.body.decode().strip())

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)

    def stop(self) -> None:
        with contextlib.suppress(OSError, BrokenPipeError):
            self.conn.send(None)
        self.process.join(2)
        self.kill()


class QueryPool:
    """``workers`` processes answering jobs on the store of ``graph_dir``, each within ``timeout`` s.

    With ``memory`` each worker answers from its own in-memory copy of the store,
    loaded from one N-Quads snapshot that the pool writes when it starts (about
    10 s per million quads), so every worker answers from the same state of the
    store: queries run two to four times faster, a worker takes about 3 s per
    million quads to start (and to replace one stopped at the time limit), and
    each holds about 0.4 GB per million quads. The snapshot is removed on close.
    """

    def __init__(self, graph_dir: str | Path, *, workers: int = 2, timeout: float = 30.0,
                 max_rows: int | None = 10_000, memory: bool = False) -> None:
        self.graph_dir = str(graph_dir)
        self.timeout = timeout
        self.max_rows = max_rows
        self.memory = memory
        self._start_limit = 3600.0 if memory else 60.0
        self._snapshot_dir: tempfile.TemporaryDirectory[str] | None = None
        self._snapshot: str | None = None
        self.size = max(1, workers)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> None:
        if self.memory:
            self._write_snapshot()
        started = [self._spawn() for _ in range(self.size)]
        for w in started:
            w.ready(self._start_limit)
            self._idle.put(w)

    def _write_snapshot(self) -> None:
        """Dump the store once, for the workers to load into memory."""
        import pyoxigraph as ox

        from ..graph.store import open_store

        self._snapshot_dir = folder = tempfile.TemporaryDirectory(prefix="sscgraph-serve-")
        path = Path(folder.name) / "store.nq"
        try:
            with open_store(self.graph_dir, read_only=True) as store:
                store.dump(str(path), ox.RdfFormat.N_QUADS)
        except OSError as exc:
            folder.cleanup()
            raise SscGraphError(f"cannot write the store's snapshot for --memory: {exc}") from None
        except BaseException:
            folder.cleanup()
            raise
        self._snapshot = str(path)

    def _spawn(self) -> _Worker:
        w = _Worker(self.graph_dir, self.max_rows, self._snapshot)
        with self._lock:
            self._all.add(w)
        return w

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and start another in the background (the caller answers at once)."""
        worker.kill()
        with self._lock:
            self._all.discard(worker)
            if self._closed:
                return
        threading.Thread(target=self._refill, daemon=True, name="sscgraph-worker-restart").start()

    def _refill(self) -> None:
        fresh = self._spawn()
        try:
            fresh.ready(self._start_limit)
        except SscGraphError:
            with self._lock:
                self._all.discard(fresh)
            return
        with self._lock:
            closed = self._closed
        if closed:
            fresh.stop()
        else:
            self._idle.put(fresh)

    def run(self, job: Job) -> Reply:
        """Answer ``job`` (blocking); raises :class:`QueryTimeout` or :class:`Busy`."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise Busy(f"all {self.size} query workers stayed busy for {self.timeout:g} s; try again") from None
        try:
            worker.conn.send(job)
            if worker.conn.poll(self.timeout):
                reply: Reply = worker.conn.recv()
                self._idle.put(worker)
                return reply
        except (EOFError, OSError) as exc:
            self._replace(worker)
            raise SscGraphError(f"the query worker stopped: {exc}") from None
        self._replace(worker)
        raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped")

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.stop()
        if self._snapshot_dir is not None:
            self._snapshot_dir.cleanup()
