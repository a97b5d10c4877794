"""A read-only SPARQL endpoint over the graph store, with an offline query page.

``serve`` runs :func:`app.create_app` under uvicorn; Starlette and uvicorn
come with the ``serve`` extra (``pip install 'sscgraph[serve]'``).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import SscGraphError, StoreError

LOCALHOST = "127.0.0.1"


def serve(graph_dir: str | Path, *, host: str = LOCALHOST, port: int = 8890, timeout: float = 30.0,
          max_rows: int | None = 10_000, workers: int = 2, memory: bool = False,
          log_level: str = "warning") -> None:
    """Serve the graph of ``graph_dir`` on ``host:port`` until interrupted."""
    if not (Path(graph_dir) / "store").is_dir():
        raise StoreError(f"no graph here; build one first with 'sscgraph build --graph {graph_dir}'",
                         path=graph_dir)
    try:
        import uvicorn

        from .app import create_app
    except ImportError as exc:
        raise SscGraphError(f"serving needs the 'serve' extra: pip install 'sscgraph[serve]' ({exc})") from None
    app = create_app(graph_dir, timeout=timeout, max_rows=max_rows, workers=workers, memory=memory)
    uvicorn.run(app, host=host, port=port, log_level=log_level, timeout_graceful_shutdown=5)


__all__ = ["LOCALHOST", "serve"]
