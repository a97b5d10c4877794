"""A read-only SPARQL 1.1 Protocol endpoint and query page, as an ASGI app (Starlette).

Routes:

``GET|POST /sparql``
    The SPARQL 1.1 Protocol for queries: ``query`` as a URL parameter, a
    form field, or the body of an ``application/sparql-query`` POST, with
    ``default-graph-uri`` / ``named-graph-uri``. The format follows ``Accept``
    (or a ``format`` parameter). Updates are refused with 403.
``GET /saved``
    The saved questions as JSON (name, title, description, parameters, text).
``GET|POST /saved/NAME``
    Runs one saved question; its parameters are URL or form parameters,
    bound by the engine, never pasted into the text.
``GET /``
    The query page, its assets served from the package (works offline).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import anyio
from starlette.applications import Starlette
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import SscGraphError
from .pool import Busy, Job, QueryPool, QueryTimeout

STATIC = Path(__file__).resolve().parent.parent / "static" / "query"
UPDATE_TYPE = "application/sparql-update"
QUERY_TYPE = "application/sparql-query"
FORM_TYPE = "application/x-www-form-urlencoded"
MAX_QUERY_BYTES = 1_000_000
RESERVED = {"format", "query", "update"}

_SKIP = re.compile(r"\s+|#[^\n]*|(?:PREFIX\s+[^\s:]*:\s*<[^>]*>)|(?:BASE\s*<[^>]*>)", re.IGNORECASE)
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}


def is_update(text: str) -> bool:
    """Whether SPARQL text is an update request (its first keyword after the prologue)."""
    pos = 0
    while True:
        m = _SKIP.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    word = re.match(r"[A-Za-z]+", text[pos:])
    return bool(word) and word.group(0).upper() in _UPDATE_WORDS


def _forbidden() -> Response:
    return PlainTextResponse("this endpoint is read-only: SPARQL updates are refused\n", status_code=403)


def create_app(pool: QueryPool) -> Starlette:
    """The app answering through ``pool``, whose query workers its caller has started.

    The app closes the pool when it stops: the server may end the process
    right after that (uvicorn raises the signal that stopped it again).
    """

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await anyio.to_thread.run_sync(pool.close)

    async def answer(job: Job) -> Response:
        try:
            reply = await anyio.to_thread.run_sync(pool.run, job)
        except (QueryTimeout, Busy) as exc:
            return PlainTextResponse(f"{exc}\n", status_code=503)
        except SscGraphError as exc:
            return PlainTextResponse(f"{exc}\n", status_code=500)
        headers = {"Vary": "Accept"}
        if reply.truncated:
            headers["X-Sscgraph-Truncated"] = f"results cut at {pool.max_rows} rows"
        return Response(reply.body, status_code=reply.status, media_type=reply.media, headers=headers)

    async def sparql(request: Request) -> Response:
        args: QueryParams = request.query_params
        query: str | None = args.get("query")
        if "update" in args:
            return _forbidden()
        if request.method == "POST":
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype == UPDATE_TYPE:
                return _forbidden()
            if ctype == QUERY_TYPE:
                body = await request.body()
                if len(body) > MAX_QUERY_BYTES:
                    return PlainTextResponse("query too long\n", status_code=413)
                query = body.decode("utf-8", errors="replace")
            elif ctype == FORM_TYPE:
                form = await _form(request)
                if form is None:
                    return PlainTextResponse("query too long\n", status_code=413)
                if "update" in form:
                    return _forbidden()
                args = form
                query = _text(form.get("query"))
            else:
                return PlainTextResponse(
                    f"send the query as {QUERY_TYPE} or as a form ({FORM_TYPE})\n", status_code=415)
        if query is None:
            if "text/html" in request.headers.get("accept", ""):
                return FileResponse(STATIC / "index.html")
            return PlainTextResponse("missing 'query' parameter\n", status_code=400)
        if is_update(query):
            return _forbidden()
        job = Job(
            query=query,
            default_graphs=tuple(_text(v) for v in args.getlist("default-graph-uri")),
            named_graphs=tuple(_text(v) for v in args.getlist("named-graph-uri")),
            accept=request.headers.get("accept"),
            format=_text(args.get("format")) or None,
        )
        return await answer(job)

    async def saved_list(request: Request) -> Response:
        from ..query import list_saved

        return JSONResponse([_describe(q) for q in list_saved()])

    async def saved_run(request: Request) -> Response:
        args = request.query_params
        if request.method == "POST":
            form = await _form(request)
            if form is None:
                return PlainTextResponse("request too long\n", status_code=413)
            args = form
        params = tuple((k, _text(v)) for k, v in args.multi_items() if k not in RESERVED)
        job = Job(saved=request.path_params["name"], params=params, accept=request.headers.get("accept"),
                  format=_text(args.get("format")) or None)
        return await answer(job)

    async def page(request: Request) -> Response:
        return FileResponse(STATIC / "index.html")

    routes = [
        Route("/", page),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/saved", saved_list),
        Route("/saved/{name}", saved_run, methods=["GET", "POST"]),
        Mount("/assets", app=StaticFiles(directory=STATIC), name="assets"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.pool = pool
    return app


async def _form(request: Request) -> QueryParams | None:
    """The fields of an URL-encoded form body (None when it is too long)."""
    body = await request.body()
    if len(body) > MAX_QUERY_BYTES:
        return None
    return QueryParams(body.decode("utf-8", errors="replace"))


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _describe(q: Any) -> dict[str, Any]:
    return {
        "name": q.name,
        "title": q.title,
        "description": q.description,
        "params": [{"name": p.name, "default": p.default, "description": p.description, "class": p.cls}
                   for p in q.params],
        "text": q.text,
    }
