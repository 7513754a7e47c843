"""Remembering work until the store changes: the store's data version, checked at most every
``VERSION_TTL`` seconds, and whole GET responses (``ResponseCache``) kept while it holds.

Each server process keeps its own cache. A process that stores an article over HTTP sees it
at once; the others (``factwire serve --workers N``, or ``factwire ingest`` beside the server)
within ``VERSION_TTL`` seconds.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

from starlette.concurrency import run_in_threadpool

from factwire.web import queries

VERSION_TTL = 2.0  # seconds between checks that the store has not changed
MAX_BYTES = 64 * 1024 * 1024  # response bodies kept, in all
MAX_BODY = 2 * 1024 * 1024  # a larger response is not kept
MAX_KEY = 2048  # a longer path + query string is not kept
UNCACHED = ("/static/", "/swagger-ui/")  # served from files by StaticFiles


def version_now(state) -> int | None:
    """The store's data version if checked less than ``VERSION_TTL`` seconds ago, else None."""
    checked = getattr(state, "version_checked", None)
    if checked is None or time.monotonic() - checked[0] > VERSION_TTL:
        return None
    return checked[1]


def check_version(state) -> int:
    """Read the store's data version now (a query) and remember when."""
    version = queries.data_version(state.store)
    state.version_checked = (time.monotonic(), version)
    return version


def current_version(state) -> int:
    """The store's data version, queried at most every ``VERSION_TTL`` seconds."""
    version = version_now(state)
    return check_version(state) if version is None else version


async def fresh_version(state) -> int:
    """``current_version`` for the event loop: the query runs in a worker thread, and while
    one request reads the version the others go on with the last one read (under load, every
    request arriving when the version expires would otherwise query it too)."""
    version = version_now(state)
    if version is not None:
        return version
    checked = getattr(state, "version_checked", None)
    if checked is not None and getattr(state, "version_checking", False):
        return checked[1]
    state.version_checking = True
    try:
        return await run_in_threadpool(check_version, state)
    finally:
        state.version_checking = False


def forget_version(state) -> None:
    """The store has just changed (an article was added): check its version again."""
    state.version_checked = None


class ResponseCache:
    """ASGI middleware keeping whole 200 responses to GET requests, keyed on path, query
    string and whether JSON was asked for, while the store's data version holds. At most
    ``max_bytes`` of bodies are kept, least recently used dropped first. A hit costs no
    query, no validation and no rendering: only the headers the outer middleware adds."""

    def __init__(self, app, max_bytes: int = MAX_BYTES) -> None:
        self.app, self.max_bytes = app, max_bytes
        self.entries: OrderedDict[tuple, tuple] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    async def __call__(self, scope, receive, send) -> None:
        key = _key(scope)
        if key is None:
            await self.app(scope, receive, send)
            return
        version = await fresh_version(scope["app"].state)
        hit = self.get(key, version)
        if hit is not None:
            await _replay(hit, send)
            return
        await self.app(scope, receive, self._recorder(key, version, send))

    def get(self, key: tuple, version: int) -> tuple | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None or entry[0] != version:
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key: tuple, entry: tuple) -> None:
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.size -= len(old[2])
            self.entries[key] = entry
            self.size += len(entry[2])
            while self.size > self.max_bytes and self.entries:
                _, dropped = self.entries.popitem(last=False)
                self.size -= len(dropped[2])

    def _recorder(self, key: tuple, version: int, send):
        """``send``, also keeping a 200 response's headers and body for the next request."""
        start: dict = {}
        chunks: list[bytes] = []
        size = 0

        async def record(message) -> None:
            nonlocal size
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body" and start.get("status") == 200:
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                if not message.get("more_body", False) and size <= MAX_BODY:
                    self.put(key, (version, list(start.get("headers", [])), b"".join(chunks)))
            await send(message)
        return record


def _key(scope) -> tuple | None:
    """What a response depends on, or None when the request is not to be cached."""
    if scope["type"] != "http" or scope["method"] != "GET":
        return None
    path, query = scope["path"], scope.get("query_string", b"")
    if path.startswith(UNCACHED) or len(path) + len(query) > MAX_KEY:
        return None
    accept = b""
    for name, value in scope.get("headers", ()):
        if name == b"accept":
            accept = value
    json = b"application/json" in accept and b"text/html" not in accept
    return path, query, json


async def _replay(entry: tuple, send) -> None:
    _, headers, body = entry
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})
