"""Send the graph to a SPARQL server through the SPARQL 1.1 Graph Store HTTP Protocol.

Each named graph of the store (documents, entities, ontology, derived graphs)
is sent with ``PUT <endpoint>?graph=<iri>``, which replaces that graph on the
server; a graph that is gone from the store since the last push is removed
with ``DELETE``. A digest of every graph sent is remembered per endpoint in
``<graph dir>/cache/push.json``, so a push after an incremental build sends
only the graphs that changed. Works with any Graph Store endpoint (Virtuoso's
``/sparql-graph-crud-auth``, Fuseki's ``/<dataset>/data``, GraphDB, ...);
HTTP Digest and Basic authentication are answered with ``user``/``password``.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from .cache import CACHE_SUBDIR
from .errors import SscGraphError
from .graph.store import open_store

STATE_FILE = "push.json"
CONTENT_TYPE = "application/n-triples"
RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}

Progress = Callable[[str, int, int], None]


class PushError(SscGraphError):
    """The server could not be reached, or refused a graph."""

    def __init__(self, message: str, *, graph: str | None = None, status: int | None = None) -> None:
        self.graph = graph
        self.status = status
        super().__init__(message)


@dataclass
class PushReport:
    endpoint: str
    sent: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0
    bytes: int = 0
    seconds: float = 0.0


class _Client:
    """PUT and DELETE with authentication and retries (standard library only)."""

    def __init__(self, endpoint: str, user: str | None, password: str | None, *,
                 retries: int, timeout: float, backoff: float) -> None:
        parts = urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise PushError(f"not an http(s) URL: {endpoint!r}")
        self.endpoint = endpoint
        handlers: list[urllib.request.BaseHandler] = []
        if user is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, endpoint, user, password or "")
            handlers += [urllib.request.HTTPDigestAuthHandler(passwords),
                         urllib.request.HTTPBasicAuthHandler(passwords)]
        self.opener = urllib.request.build_opener(*handlers)
        self.retries = retries
        self.timeout = timeout
        self.backoff = backoff

    def url(self, graph: str) -> str:
        sep = "&" if "?" in self.endpoint else "?"
        return f"{self.endpoint}{sep}graph={quote(graph, safe='')}"

    def send(self, method: str, graph: str, body: bytes | None = None) -> None:
        headers = {"Content-Type": CONTENT_TYPE} if body is not None else {}
        last = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            request = urllib.request.Request(self.url(graph), data=body, method=method, headers=headers)
            try:
                with self.opener.open(request, timeout=self.timeout) as response:
                    response.read()
                return
            except urllib.error.HTTPError as exc:
                detail = _excerpt(exc.read())
                exc.close()
                if method == "DELETE" and exc.code == 404:
                    return  # already gone
                if exc.code not in RETRY_STATUS:
                    hint = " (check --user and --password)" if exc.code in (401, 403) else ""
                    raise PushError(
                        f"{self.endpoint} refused {method} of graph <{graph}>: HTTP {exc.code} "
                        f"{exc.reason}{hint}{': ' + detail if detail else ''}",
                        graph=graph, status=exc.code,
                    ) from None
                last = f"HTTP {exc.code} {exc.reason}"
            except (urllib.error.URLError, OSError) as exc:
                last = str(getattr(exc, "reason", exc))
        raise PushError(
            f"cannot {method} graph <{graph}> at {self.endpoint} after {self.retries + 1} attempts: {last}",
            graph=graph,
        )


def _excerpt(data: bytes) -> str:
    text = " ".join(data.decode("utf-8", "replace").split())
    return text[:200]


def _state_path(graph_dir: Path) -> Path:
    return graph_dir / CACHE_SUBDIR / STATE_FILE


def _load_state(graph_dir: Path) -> dict[str, dict[str, str]]:
    try:
        data = json.loads(_state_path(graph_dir).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save_state(graph_dir: Path, state: dict[str, dict[str, str]]) -> None:
    path = _state_path(graph_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, indent=1, sort_keys=True), "utf-8")
    os.replace(tmp, path)


def push(
    graph_dir: str | Path,
    endpoint: str,
    *,
    user: str | None = None,
    password: str | None = None,
    everything: bool = False,
    retries: int = 3,
    timeout: float = 120.0,
    backoff: float = 0.5,
    progress: Progress | None = None,
) -> PushReport:
    """Send the graphs of ``graph_dir`` that changed since the last push to ``endpoint``.

    ``everything`` sends every graph again. Transient failures (connection
    errors, 5xx, 429) are retried ``retries`` times; a refusal raises
    :class:`PushError` at once. Graphs sent before a failure are remembered.
    """
    import pyoxigraph as ox

    started = time.perf_counter()
    graph_dir = Path(graph_dir)
    client = _Client(endpoint, user, password, retries=retries, timeout=timeout, backoff=backoff)
    report = PushReport(endpoint=endpoint)
    state = _load_state(graph_dir)
    sent: dict[str, str] = {} if everything else dict(state.get(endpoint, {}))
    try:
        with open_store(graph_dir, read_only=True) as store:
            names = store.named_graphs()
            for i, name in enumerate(names):
                out = io.BytesIO()
                store.dump(out, ox.RdfFormat.N_TRIPLES, graph=name)
                body = out.getvalue()
                digest = hashlib.sha256(b"\n".join(sorted(body.splitlines()))).hexdigest()[:32]
                if sent.get(name) == digest:
                    report.unchanged += 1
                else:
                    client.send("PUT", name, body)
                    sent[name] = digest
                    report.sent.append(name)
                    report.bytes += len(body)
                if progress:
                    progress("push", i + 1, len(names))
        for name in sorted(set(sent) - set(names)):
            client.send("DELETE", name)
            del sent[name]
            report.deleted.append(name)
    finally:
        state[endpoint] = sent
        _save_state(graph_dir, state)
    report.seconds = time.perf_counter() - started
    return report
