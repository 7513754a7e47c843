"""The FastAPI app over a store: REST API under ``/api``, server-rendered pages, local docs.

>>> app = create_app("factwire.db", token="s3cret")  # doctest: +SKIP

``factwire serve --workers N`` runs N processes, each building its app with ``app_from_env``
from ``$FACTWIRE_DB`` and ``$FACTWIRE_TOKEN``, so every process has the same routes,
middleware, token and read-only rule.

Security: every page is rendered with autoescaping; every response carries a Content-Security-
Policy allowing only this server's own scripts and styles (no inline script), and
``X-Content-Type-Options``, ``X-Frame-Options``, ``Referrer-Policy``; request bodies over
``MAX_BODY_BYTES`` are refused (413); ingest needs the bearer token, and without a token the
server is read-only. No request value is ever used as a file path (static files are served by
Starlette's StaticFiles from two fixed folders).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from contextlib import asynccontextmanager
from pathlib import Path

from anyio import to_thread
from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from factwire.store import Store
from factwire.web import api, pages, views
from factwire.web.cache import MAX_BYTES as MAX_CACHE_BYTES
from factwire.web.cache import ResponseCache
from factwire.web.render import render, wants_json

HERE = Path(__file__).parent
MAX_BODY_BYTES = 5 * 1024 * 1024
DB_ENV = "FACTWIRE_DB"  # the store app_from_env serves
# Requests running queries at once in one process (anyio's default is 40). Python runs one
# thread at a time: more threads only interleave requests, so that under load each waits
# for all the others; few threads, taken in turn, serve requests in the order they came.
# (Ingest over HTTP has a thread of its own: see api.post_article.)
THREADS = 4

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
# Swagger UI sets inline styles on its widgets; its scripts still come from this server only.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
SECURITY_HEADERS = ((b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"cross-origin-opener-policy", b"same-origin"))


class SecurityHeaders:
    """ASGI middleware adding the security headers to every HTTP response."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = DOCS_CSP if scope["path"] == "/docs" else CSP

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", [])
                           if h[0].lower() != b"content-security-policy"]
                headers += [(b"content-security-policy", policy.encode()), *SECURITY_HEADERS]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """ASGI middleware refusing request bodies over ``max_bytes`` with 413, whether the
    client declares the length or streams the body in chunks."""

    def __init__(self, app, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(scope, receive, send)
            return
        received = 0

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise HTTPException(413, detail=self._message())
            return message

        await self.app(scope, limited_receive, send)

    def _message(self) -> str:
        return f"request body over {self.max_bytes:,} bytes"

    async def _refuse(self, scope, receive, send) -> None:
        response = JSONResponse({"detail": self._message()}, status_code=413)
        await response(scope, receive, send)


def open_store(store: str | os.PathLike | Store) -> Store:
    """The Store to serve: an open Store, or a URL/path that must already exist."""
    if isinstance(store, Store):
        return store
    return Store(store, create=str(store).startswith("sqlite://"))


def create_app(store_url: str | os.PathLike | Store, token: str | None = None,
               cache_bytes: int = MAX_CACHE_BYTES) -> FastAPI:
    """The app serving ``store_url``; ``token`` (else ``$FACTWIRE_TOKEN``) enables ingest.
    Whole GET responses are kept until the store changes, up to ``cache_bytes`` (0: none)."""
    app = FastAPI(title="factwire", version="1", docs_url=None, redoc_url=None, lifespan=_warm_up,
                  openapi_url="/openapi.json",
                  description="Source-attributed events, figures and quotes from news.")
    app.state.store = open_store(store_url)
    app.state.token = token or os.environ.get("FACTWIRE_TOKEN") or None
    app.state.cache = {}
    if cache_bytes:
        app.add_middleware(ResponseCache, max_bytes=cache_bytes)  # inside: hits get headers
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.mount("/swagger-ui", StaticFiles(directory=_swagger_folder()), name="swagger")
    app.include_router(api.router)
    app.include_router(pages.router)
    _add_docs(app)
    _add_error_pages(app)
    return app


def app_from_env() -> FastAPI:
    """The app of one ``factwire serve`` process (the factory uvicorn's workers call): the
    store named by ``$FACTWIRE_DB``, ingest enabled by ``$FACTWIRE_TOKEN``."""
    url = os.environ.get(DB_ENV)
    if not url:
        raise RuntimeError(f"${DB_ENV} must name the store to serve (factwire serve sets it)")
    return create_app(url)


@asynccontextmanager
async def _warm_up(app: FastAPI):
    """On server start: fewer worker threads, and the slow views computed in a background
    thread (requests go on)."""
    to_thread.current_default_thread_limiter().total_tokens = THREADS
    threading.Thread(target=_warm_quietly, args=(app,), daemon=True,
                     name="factwire-warm-up").start()
    yield


def _warm_quietly(app: FastAPI) -> None:
    log, started = logging.getLogger(__name__), time.perf_counter()
    try:
        views.warm(app)
    except Exception:  # noqa: BLE001 - a failed warm-up only means a slower first request
        log.exception("warming the dashboard failed")
        return
    log.info("warm-up done in %.1f s (the dashboard)", time.perf_counter() - started)


def _swagger_folder() -> Path:
    """Swagger UI's assets as shipped by the ``fastapi-offline`` package (no CDN)."""
    import importlib.util

    spec = importlib.util.find_spec("fastapi_offline")
    if spec is None or spec.origin is None:
        raise RuntimeError("the API docs need the fastapi-offline package (Swagger UI assets)")
    return Path(spec.origin).parent / "static"


def _add_docs(app: FastAPI) -> None:
    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        return render(request, "docs.html", {})


def _add_error_pages(app: FastAPI) -> None:
    def error(request: Request, status: int, detail, headers=None) -> Response:
        if request.url.path.startswith("/api/") or wants_json(request):
            return JSONResponse({"detail": detail}, status_code=status, headers=headers)
        message = detail if isinstance(detail, str) else "; ".join(
            f"{'.'.join(str(p) for p in d.get('loc', [])[1:])}: {d.get('msg')}" for d in detail)
        return render(request, "error.html", {"status": status, "message": message},
                      status=status, headers=headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error(request, exc.status_code, exc.detail, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg")} for e in exc.errors()]
        return error(request, 422, detail)
