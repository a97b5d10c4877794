"""A read-only SPARQL endpoint over the graph store, with an offline query page.

``serve`` runs :func:`app.create_app` under uvicorn; Starlette and uvicorn
come with the ``serve`` extra (``pip install 'sscgraph[serve]'``).
"""

from __future__ import annotations

import errno
import socket
from collections.abc import Callable
from pathlib import Path

from ..errors import SscGraphError, StoreError

LOCALHOST = "127.0.0.1"


def serve(graph_dir: str | Path, *, host: str = LOCALHOST, port: int = 8890, timeout: float = 30.0,
          max_rows: int | None = 10_000, workers: int = 2, memory: bool = False,
          log_level: str = "warning", ready: Callable[[], None] | None = None) -> None:
    """Serve the graph of ``graph_dir`` on ``host:port`` until interrupted.

    The query workers start first, so a store that cannot be opened (or copied
    into memory) ends here with its error before the port opens; ``ready`` is
    called once they answer.
    """
    if not (Path(graph_dir) / "store").is_dir():
        raise StoreError(f"no graph here; build one first with 'sscgraph build --graph {graph_dir}'",
                         path=graph_dir)
    try:
        import uvicorn

        from .app import create_app
        from .pool import QueryPool
    except ImportError as exc:
        raise SscGraphError(f"serving needs the 'serve' extra: pip install 'sscgraph[serve]' ({exc})") from None
    _check_free(host, port)  # before the workers start, which may take a while
    pool = QueryPool(graph_dir, workers=workers, timeout=timeout, max_rows=max_rows, memory=memory)
    try:
        pool.start()
        if ready:
            ready()
        uvicorn.run(create_app(pool), host=host, port=port, log_level=log_level,
                    timeout_graceful_shutdown=5)
    finally:
        pool.close()  # the app closed it already, unless the server could not start


def _check_free(host: str, port: int) -> None:
    """Fail now, with what to do, when ``host:port`` cannot be listened on."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        hint = ("choose another --port (or stop what uses it)" if exc.errno == errno.EADDRINUSE
                else "give --host an address of this machine (127.0.0.1 by default)")
        raise SscGraphError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; {hint}") from None


__all__ = ["LOCALHOST", "serve"]
