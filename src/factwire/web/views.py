"""The data behind every endpoint and page, as JSON-able dicts (the pages' JSON twins and the
REST API return exactly these)."""

from __future__ import annotations

import time
from dataclasses import asdict
from types import SimpleNamespace

from fastapi import HTTPException, Request

from factwire.errors import StoreError
from factwire.model import ArticleFacts
from factwire.store import Store
from factwire.web import queries
from factwire.web.params import page, parse_entity_type
from factwire.web.queries import Params

NEWEST_CONTRADICTIONS = 10


def store_of(request: Request) -> Store:
    return request.app.state.store


VERSION_TTL = 2.0  # seconds between checks that the store has not changed


def current_version(request: Request) -> int:
    """The store's data version, checked at most every ``VERSION_TTL`` seconds."""
    state = request.app.state
    checked = getattr(state, "version_checked", None)
    now = time.monotonic()
    if checked is None or now - checked[0] > VERSION_TTL:
        checked = (now, queries.data_version(store_of(request)))
        state.version_checked = checked
    return checked[1]


def cached(request: Request, key: tuple, build):
    """``build()``, remembered until an article is added to the store."""
    cache = request.app.state.cache
    version = current_version(request)
    hit = cache.get(key)
    if hit is not None and hit[0] == version:
        return hit[1]
    value = build()
    if len(cache) > 256:
        cache.clear()
    cache[key] = (version, value)
    return value


def ready(request: Request, key: tuple):
    """The cached value for ``key`` if it is current, else None (nothing is computed)."""
    hit = request.app.state.cache.get(key)
    if hit is not None and hit[0] == current_version(request):
        return hit[1]
    return None


def warm(app) -> None:
    """Compute the views every dashboard needs (all claims, all contradictions) ahead of the
    first request: on a large store they take seconds."""
    request = SimpleNamespace(app=app)
    claims_of(request, Params())
    contradictions_of(request, Params())


def records(frame) -> list[dict]:
    """DataFrame rows as dicts, missing values as None."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


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
    every = ready(request, _claims_key(Params()))
    figures = [c for c in every if c["subject_id"] == global_id] if every is not None else [
        c for c in claims_of(request, Params(actor=found["name"])) if c["subject_id"] == global_id]
    return {"entity": found, "events": queries.entity_events(store, global_id),
            "quotes": queries.entity_quotes(store, global_id),
            "series": queries.group_series(figures)}


def claims_of(request: Request, p: Params) -> list[dict]:
    """Every claim matching the filters (cached: series need all of them)."""
    def build() -> list[dict]:
        return records(store_of(request).claims(p.since, p.until, p.country, p.actor, p.q))
    return cached(request, _claims_key(p), build)


def _claims_key(p: Params) -> tuple:
    return ("claims", p.since, p.until, p.country, p.actor, p.q)


def claim_series(request: Request, p: Params) -> dict:
    """A page of figure series (subject, counted thing, unit), contradicted ones first."""
    series = cached(request, ("series", *_claims_key(p)[1:]),
                    lambda: queries.group_series(claims_of(request, p)))
    return page(len(series), series[p.offset:p.offset + p.limit], p)


def contradictions_of(request: Request, p: Params) -> list[dict]:
    """Contradictions, newest first (by the later of the two figures' dates)."""
    def build() -> list[dict]:
        rows = records(store_of(request).contradictions(p.since, p.until, p.country,
                                                        p.actor, p.q))
        rows.sort(key=lambda r: max(str(r["first_date"] or ""), str(r["second_date"] or "")),
                  reverse=True)
        return rows
    return cached(request, ("contradictions", p.since, p.until, p.country, p.actor, p.q), build)


def contradictions(request: Request, p: Params) -> dict:
    rows = contradictions_of(request, p)
    return page(len(rows), rows[p.offset:p.offset + p.limit], p)


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
    """Counts, events over time by type, most active actors, newest contradictions."""
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
        "contradictions": contradictions_of(
            request, Params(since=p.since, until=p.until, country=p.country, actor=p.actor)
        )[:NEWEST_CONTRADICTIONS],
        "_activity": activity,
    }


def facts_json(facts: ArticleFacts, links: dict) -> dict:
    return {"facts": facts.to_dict(), "links": links}


def asdict_list(items) -> list[dict]:
    return [asdict(i) for i in items]
