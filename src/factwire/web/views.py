"""The data behind every endpoint and page, as JSON-able dicts (the pages' JSON twins and the
REST API return exactly these)."""

from __future__ import annotations

from dataclasses import asdict, replace
from types import SimpleNamespace

from fastapi import HTTPException, Request

from factwire.errors import StoreError
from factwire.model import ArticleFacts
from factwire.store import Store
from factwire.web import queries
from factwire.web.cache import current_version
from factwire.web.params import page, parse_entity_type
from factwire.web.queries import Params

NEWEST_CONTRADICTIONS = 10
ENTITY_SERIES = 30  # figure series on an entity's page, contradicted then longest first


def store_of(request: Request) -> Store:
    return request.app.state.store


def cached(request: Request, key: tuple, build):
    """``build()``, remembered until an article is added to the store."""
    cache = request.app.state.cache
    version = current_version(request.app.state)
    hit = cache.get(key)
    if hit is not None and hit[0] == version:
        return hit[1]
    value = build()
    if len(cache) >= MAX_VIEWS:
        cache.pop(next(iter(cache), None), None)  # the oldest
    cache[key] = (version, value)
    return value


MAX_VIEWS = 64


def warm(app) -> None:
    """Compute the unfiltered dashboard ahead of the first request (its counts read every
    merged event: a while on a large store)."""
    dashboard(SimpleNamespace(app=app), Params())


def articles(request: Request, p: Params) -> dict:
    return page(*queries.list_articles(store_of(request), p), p)


def article(request: Request, article_id: str) -> tuple[ArticleFacts, dict]:
    """An article's facts and the links of its events and entities; 404 if absent."""
    store = store_of(request)
    try:
        facts = store.facts(article_id)
    except KeyError:
        raise HTTPException(404, detail="no such article") from None
    return facts, queries.article_links(store, article_id)


def events(request: Request, p: Params) -> dict:
    return page(*queries.list_events(store_of(request), p), p)


def event(request: Request, merged_id: int) -> dict:
    found = queries.event_detail(store_of(request), merged_id)
    if found is None:
        raise HTTPException(404, detail="no such event")
    return found


def entities(request: Request, p: Params) -> dict:
    entity_type = parse_entity_type(p.types)
    return page(*queries.list_entities(store_of(request), p, entity_type), p)


def entity(request: Request, global_id: int) -> dict:
    """A global entity with its newest events, quotes and the figures about it."""
    store = store_of(request)
    found = queries.entity_detail(store, global_id)
    if found is None:
        raise HTTPException(404, detail="no such entity")
    _, series = queries.claim_series(store, Params(limit=ENTITY_SERIES), subject_id=global_id)
    return {"entity": found, "events": queries.entity_events(store, global_id),
            "quotes": queries.entity_quotes(store, global_id), "series": series}


def claim_series(request: Request, p: Params) -> dict:
    """A page of figure series (subject, counted thing, unit), contradicted ones first."""
    return page(*queries.claim_series(store_of(request), p), p)


def contradictions(request: Request, p: Params) -> dict:
    """A page of contradictions, newest first (by the later of the two figures' dates)."""
    return page(*queries.list_contradictions(store_of(request), p), p)


def quotes(request: Request, p: Params) -> dict:
    return page(*queries.list_quotes(store_of(request), p), p)


def quantities(request: Request, p: Params) -> dict:
    return page(*queries.list_quantities(store_of(request), p), p)


def search(request: Request, p: Params) -> dict:
    """Articles matching ``q`` (full-text search), best first. Words the search syntax cannot
    parse are searched as plain quoted words instead."""
    store = store_of(request)
    if not p.q:
        return {**page(0, [], p), "q": None}
    wanted = p.offset + p.limit
    try:
        ids = store.search(p.q, limit=wanted + 1)
    except StoreError:
        words = [w.replace('"', "") for w in p.q.split()]
        quoted = " ".join(f'"{w}"' for w in words if w)
        try:
            ids = store.search(quoted, limit=wanted + 1) if quoted else []
        except StoreError:
            ids = []
    rows = queries.articles_by_id(store, ids[p.offset:wanted])
    total = len(ids) if len(ids) <= wanted else wanted + 1
    return {**page(total, rows, p), "q": p.q, "more": len(ids) > wanted}


def dashboard(request: Request, p: Params) -> dict:
    """Counts, events over time by type, most active actors, newest contradictions
    (remembered until the store changes; ``_activity`` is every event's date and type)."""
    key = ("dashboard", replace(p, limit=0, offset=0))
    return dict(cached(request, key, lambda: _dashboard(request, p)))


def _dashboard(request: Request, p: Params) -> dict:
    store = store_of(request)
    activity = queries.event_activity(store, p)
    timeline = {}
    for day, event_type in activity:
        key = (day.isoformat()[:7] if day else None, event_type)
        timeline[key] = timeline.get(key, 0) + 1
    return {
        "articles": store.count_articles(p.since, p.until, p.country),
        "events": len(activity),
        "by_type": queries.count_by_type(activity),
        "by_month": [{"month": m, "type": t, "events": n}
                     for (m, t), n in sorted(timeline.items(), key=lambda i: (i[0][0] or "",
                                                                               i[0][1]))],
        "top_actors": queries.top_actors(store, p),
        "contradictions": queries.list_contradictions(store, Params(
            since=p.since, until=p.until, country=p.country, actor=p.actor,
            limit=NEWEST_CONTRADICTIONS))[1],
        "_activity": activity,
    }


def facts_json(facts: ArticleFacts, links: dict) -> dict:
    return {"facts": facts.to_dict(), "links": links}


def asdict_list(items) -> list[dict]:
    return [asdict(i) for i in items]
