"""Where per-document extraction runs: in this process, a local process pool, or Dask.

An executor maps one picklable function over batches of work and yields the
results as they complete, keeping only a bounded number of batches in flight
so a large corpus streams through without being held in memory. The three
executors run the very same function; only the transport differs:

* ``serial``: in this process (one job, or too little work to pay for workers);
* ``processes``: a :class:`concurrent.futures.ProcessPoolExecutor` of ``jobs``
  workers, forked from a clean server process that has loaded the spaCy
  pipeline once (``forkserver``; ``spawn`` where the platform lacks it, each
  worker then loading the pipeline itself);
* ``dask``: an existing ``dask.distributed`` scheduler (extra ``dask``);
  sscgraph does not run a cluster of its own.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol

from . import cache  # noqa: F401  (registers pickling of read-only front matter)
from .cores import default_jobs
from .errors import SscGraphError

KINDS = ("local", "dask")


class ExecutorError(SscGraphError):
    """An executor could not be started or a worker failed."""


class Executor(Protocol):
    """Runs ``fn(batch, *args)`` for each batch; yields results in completion order."""

    def start(self, warm: Callable[..., Any], *args: Any) -> None: ...

    def map(self, fn: Callable[..., Any], batches: Iterable[Any], *args: Any) -> Iterator[Any]: ...

    def close(self, *, abort: bool = False, wait: bool = True) -> None: ...


class SerialExecutor:
    """Runs each batch here, one after the other."""

    jobs = 1

    def start(self, warm: Callable[..., Any], *args: Any) -> None:
        """Nothing to start: the first batch loads what it needs here."""

    def map(self, fn: Callable[..., Any], batches: Iterable[Any], *args: Any) -> Iterator[Any]:
        for batch in batches:
            yield fn(batch, *args)

    def close(self, *, abort: bool = False, wait: bool = True) -> None:
        pass


class ProcessExecutor:
    """A pool of ``jobs`` local worker processes."""

    def __init__(self, jobs: int, *, preload: Sequence[str] = ()) -> None:
        self.jobs = jobs
        self.preload = tuple(preload)  # modules the workers' server imports once, before forking them
        self._pool: Any = None
        self._starting: Any = None  # the thread that starts the workers (see start)
        self._closing: Any = None  # the thread that waits for the workers to end

    def _started(self) -> Any:
        import threading
        from concurrent.futures import ProcessPoolExecutor

        if self._starting is not threading.current_thread():
            self._wait_for_start()
        if self._pool is None:
            context = _context(self.preload)
            self._pool = ProcessPoolExecutor(
                self.jobs, mp_context=context,
                initializer=_ignore_interrupts,
                initargs=(os.getpid() if context.get_start_method() == "spawn" else None,),
            )
        return self._pool

    def start(self, warm: Callable[..., Any], *args: Any) -> None:
        """Start the workers now, each running ``warm(*args)`` (loading the model and rules) while
        this process goes on with other work; batches sent later find them ready.

        The pool is made in a thread of its own: a forked worker exists only once its
        server has loaded what it preloads, and this process need not wait for that.
        """
        import threading

        def run() -> None:
            pool = self._started()
            for _ in range(self.jobs):
                pool.submit(warm, *args)

        if self._pool is None and self._starting is None:
            self._starting = threading.Thread(target=run, name="sscgraph-pool-start", daemon=True)
            self._starting.start()

    def _wait_for_start(self) -> None:
        """Wait for a start in progress (see :meth:`start`), so that its pool can be closed."""
        if self._starting is not None:
            self._starting.join()
            self._starting = None

    def map(self, fn: Callable[..., Any], batches: Iterable[Any], *args: Any) -> Iterator[Any]:
        from concurrent.futures import FIRST_COMPLETED, wait

        pool = self._started()
        window = 2 * self.jobs
        pending: set[Any] = set()
        for batch in batches:
            pending.add(pool.submit(fn, batch, *args))
            if len(pending) >= window:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (f.result() for f in done)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (f.result() for f in done)

    def close(self, *, abort: bool = False, wait: bool = True) -> None:
        """Stop the workers; ``abort`` (Ctrl-C, an error) does not wait for running batches.

        Without ``wait`` this returns at once and the workers end in the background
        (unloading a spaCy pipeline takes a while) while the build goes on; a later
        ``close()`` waits until they are gone.
        """
        import threading

        self._wait_for_start()
        if self._pool is not None:
            if abort:
                for process in list((getattr(self._pool, "_processes", None) or {}).values()):
                    process.terminate()
            pool, self._pool = self._pool, None
            self._closing = threading.Thread(target=pool.shutdown, kwargs={"wait": True, "cancel_futures": True},
                                             name="sscgraph-pool-close", daemon=True)
            self._closing.start()
        if wait and self._closing is not None:
            self._closing.join()
            self._closing = None


def _context(preload: Sequence[str]) -> Any:
    """How workers start: forked from a server process that imported ``preload`` (a fresh,
    single-threaded process, so forking it is safe), or spawned when there is nothing to
    preload or the platform cannot fork. The server is started once per process: the
    modules of the first pool that starts it are the ones it keeps."""
    import multiprocessing

    if preload and "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(preload))
        return context
    return multiprocessing.get_context("spawn")


def _ignore_interrupts(parent: int | None) -> None:
    """Workers leave Ctrl-C to the parent, which stops the pool and reports once, and end with it.

    A parent killed outright (SIGKILL, out of memory) cannot stop its pool: each
    worker watches for its parent to go and then exits instead of lingering.
    ``parent`` is the pid of the building process, taken before a spawned worker
    starts: a parent killed while the worker is still importing is noticed too.
    A forked worker (None) watches the server it was forked from, which ends
    when the building process does.
    """
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent is None:
        parent = os.getppid()

    def watch() -> None:
        import time

        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="sscgraph-parent-watch", daemon=True).start()


class DaskExecutor:
    """Batches run as tasks on an existing Dask distributed scheduler."""

    def __init__(self, scheduler: str) -> None:
        try:
            from distributed import Client
        except ImportError as exc:
            raise ExecutorError(
                "the dask executor needs dask.distributed: pip install 'sscgraph[dask]'"
            ) from exc
        try:
            self._client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise ExecutorError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        workers = self._client.scheduler_info().get("workers", {})
        self.jobs = max(1, sum(w.get("nthreads", 1) for w in workers.values()))

    def start(self, warm: Callable[..., Any], *args: Any) -> None:
        """Dask workers are started by whoever runs the cluster; each loads the model on its first batch."""

    def map(self, fn: Callable[..., Any], batches: Iterable[Any], *args: Any) -> Iterator[Any]:
        from distributed import as_completed

        window = 2 * self.jobs
        running = as_completed()
        inflight = 0
        it = iter(batches)
        for batch in it:
            running.add(self._client.submit(fn, batch, *args, pure=False))
            inflight += 1
            if inflight >= window:
                break
        for future in running:
            inflight -= 1
            yield future.result()
            future.release()
            nxt = next(it, None)
            if nxt is not None:
                running.add(self._client.submit(fn, nxt, *args, pure=False))

    def close(self, *, abort: bool = False, wait: bool = True) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


def make_executor(kind: str = "local", *, jobs: int | None = None, scheduler: str | None = None,
                  preload: Sequence[str] = ()) -> Executor:
    """The executor for ``--executor``/``--jobs``/``--scheduler``; local workers start with the
    modules ``preload`` already imported."""
    if kind == "dask":
        if not scheduler:
            raise ExecutorError("--executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
        return DaskExecutor(scheduler)
    if kind != "local":
        raise ExecutorError(f"unknown executor {kind!r}; known: {', '.join(KINDS)}")
    n = default_jobs() if jobs is None else jobs
    if n < 1:
        raise ExecutorError(f"--jobs must be at least 1, not {n}")
    return SerialExecutor() if n == 1 else ProcessExecutor(n, preload=preload)
