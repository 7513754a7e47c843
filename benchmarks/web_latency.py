"""Page latency of the web UI on a store holding Reuters-21578 stories: p50/p95 per page.

    python benchmarks/web_latency.py --db reuters.db                 # an existing store
    python benchmarks/web_latency.py --limit 2000 --build reuters.db # build it first

Serves the app with uvicorn on 127.0.0.1 (a free port) in this process, waits for the
start-up warm-up (the dashboard), then requests every page ``--requests`` times over HTTP
(detail pages: that many different events, entities and articles; lists: a few offsets and
filters, so later requests may come from the response cache; ``--no-cache`` turns it off) and
prints, per page, the first request's time, p50, p95 and max in milliseconds. Target: p95 <
300 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGET_MS = 300.0
SEARCH_WORDS = ("oil", "bank", "trade", "dollar", "wheat", "strike", "tax", "gold")
COUNTRIES = ("USA", "JPN", "GBR", "DEU", "FRA", "CAN", "BRA", "CHN")


def build_store(path: Path, limit: int) -> None:
    """Extract ``limit`` Reuters stories into a new store at ``path`` (slow: minutes)."""
    from benchmarks.reuters import stories
    from factwire.batch import extract_chunk
    from factwire.model import Article
    from factwire.pipeline import article_id
    from factwire.store import Store

    with Store(path) as store:
        chunk: list[Article] = []
        for story in stories(limit):
            chunk.append(Article(article_id(story.text), story.text, title=story.title,
                                 outlet="Reuters", published=story.published,
                                 source_id=story.id))
            if len(chunk) == 64:
                _store_chunk(store, chunk, extract_chunk)
                chunk = []
        _store_chunk(store, chunk, extract_chunk)
        print(f"built {path}: {store.count_articles()} articles", file=sys.stderr)


def _store_chunk(store, chunk, extract_chunk) -> None:
    for facts in extract_chunk([a for a in chunk if not store.has(a.id)]):
        if not isinstance(facts, Exception):
            store.add(facts)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: str, cache: bool = True):
    """The app under uvicorn in a daemon thread; returns (server, app, base URL)."""
    import uvicorn

    from factwire.web.app import create_app

    app = create_app(db) if cache else create_app(db, cache_bytes=0)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, app, f"http://127.0.0.1:{port}"


def wait_warm(timeout: float = 600.0) -> float:
    """Wait for the app's start-up warm-up thread to end; the seconds waited."""
    start = time.perf_counter()
    while any(t.name == "factwire-warm-up" for t in threading.enumerate()):
        if time.perf_counter() - start > timeout:
            break
        time.sleep(0.1)
    return time.perf_counter() - start


def page_urls(client: httpx.Client, n: int) -> dict[str, list[str]]:
    """For each page, ``n`` URLs to request (varied offsets, filters and ids)."""
    def ids(path: str) -> list:
        items = client.get(path, params={"limit": 500}).json()["items"]
        random.Random(1).shuffle(items)
        return [i["id"] for i in items][:n] or [None]

    events, entities, articles = ids("/api/events"), ids("/api/entities"), ids("/api/articles")
    cycle = range(n)
    return {
        "dashboard /": ["/"] * n,
        "events /events": [f"/events?offset={50 * (i % 5)}" for i in cycle],
        "events by country": [f"/events?country={COUNTRIES[i % 8]}" for i in cycle],
        "event /events/{id}": [f"/events/{events[i % len(events)]}" for i in cycle],
        "entities /entities": [f"/entities?offset={50 * (i % 5)}" for i in cycle],
        "entity /entities/{id}": [f"/entities/{entities[i % len(entities)]}" for i in cycle],
        "articles /articles": [f"/articles?offset={50 * (i % 5)}" for i in cycle],
        "article /articles/{id}": [f"/articles/{articles[i % len(articles)]}" for i in cycle],
        "claims /claims": [f"/claims?offset={50 * (i % 3)}" for i in cycle],
        "contradictions": ["/contradictions"] * n,
        "quotes /quotes": [f"/quotes?offset={50 * (i % 5)}" for i in cycle],
        "search /search": [f"/search?q={SEARCH_WORDS[i % 8]}" for i in cycle],
        "api /api/events": [f"/api/events?limit=100&offset={100 * (i % 5)}" for i in cycle],
        "map /map": ["/map" if i % 2 == 0 else f"/map?country={COUNTRIES[i % 8]}"
                     for i in cycle],
        "events by place": [f"/events?place_country={COUNTRIES[i % 8]}" if i % 2 == 0
                            else "/events?bbox=-25,34,45,72" for i in cycle],
    }


def measure(client: httpx.Client, urls: list[str]) -> list[float]:
    times = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="an existing store (path or SQLAlchemy URL)")
    parser.add_argument("--build", help="build a store here from --limit Reuters stories")
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=30, help="requests per page")
    parser.add_argument("--no-cache", action="store_true",
                        help="serve without the response cache (every request computed)")
    args = parser.parse_args()
    if args.build:
        build_store(Path(args.build), args.limit)
    db = args.db or args.build
    if not db:
        parser.error("give --db of an existing store, or --build PATH --limit N")
    server, app, base = serve(db, cache=not args.no_cache)
    store = app.state.store
    print(f"store: {db}: {store.count_articles():,} articles; response cache "
          f"{'off' if args.no_cache else 'on'}; load average "
          + " ".join(f"{x:.1f}" for x in os.getloadavg()))
    print(f"warm-up (the dashboard): {wait_warm():.1f} s")
    with httpx.Client(base_url=base, timeout=120) as client:
        rows = []
        for name, urls in page_urls(client, args.requests).items():
            times = measure(client, urls)
            p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
            rows.append((name, len(times), times[0], statistics.median(times), p95,
                         max(times)))
    print(f"{'page':28} {'n':>4} {'first':>8} {'p50':>8} {'p95':>8} {'max':>8}  (ms); load "
          "average " + " ".join(f"{x:.1f}" for x in os.getloadavg()))
    for name, n, first, p50, p95, top in rows:
        flag = "ok" if p95 < TARGET_MS else "SLOW"
        print(f"{name:28} {n:4d} {first:8.1f} {p50:8.1f} {p95:8.1f} {top:8.1f}  {flag}")
    server.should_exit = True


if __name__ == "__main__":
    main()
