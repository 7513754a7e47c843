"""The pages: dashboard, events, event, entities, entity, articles, article, claims, search.
Each is server-rendered from a Jinja2 template and has a JSON twin (``.json``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from factwire.model import PLOVER_TYPES
from factwire.web import charts, views
from factwire.web.api import ArticleId
from factwire.web.article_view import article_page
from factwire.web.map import map_page
from factwire.web.params import ENTITY_TYPES, EventFilters, Filters
from factwire.web.queries import Params, event_activity
from factwire.web.render import page_or_json

router = APIRouter(include_in_schema=False)


def twin(path: str):
    """Register a page at ``path`` and its JSON twin at ``path.json``."""
    def register(handler):
        router.get(path + ".json")(handler)  # first: "/events/3.json" is not event "3.json"
        router.get(path)(handler)
        return handler
    return register


@twin("/")
def dashboard(request: Request, p: EventFilters) -> Response:
    data = views.dashboard(request, p)
    activity = data.pop("_activity")
    return page_or_json(request, "dashboard.html", data, p=p, types=PLOVER_TYPES,
                        chart=charts.timeline(activity))


@router.get("/index.json", include_in_schema=False)
def dashboard_json(request: Request, p: EventFilters) -> Response:
    return dashboard(request, p)


@twin("/events")
def events(request: Request, p: EventFilters) -> Response:
    data = views.events(request, p)
    return page_or_json(request, "events.html", data, p=p, types=PLOVER_TYPES)


@twin("/map")
def events_map(request: Request, p: EventFilters) -> Response:
    return map_page(request, p)


@twin("/events/{event_id}")
def event(request: Request, event_id: Annotated[int, Path(ge=1)]) -> Response:
    return page_or_json(request, "event.html", {"event": views.event(request, event_id)})


@twin("/entities")
def entities(request: Request, p: Filters) -> Response:
    data = views.entities(request, p)
    return page_or_json(request, "entities.html", data, p=p, types=ENTITY_TYPES)


@twin("/entities/{entity_id}")
def entity(request: Request, entity_id: Annotated[int, Path(ge=1)]) -> Response:
    data = views.entity(request, entity_id)
    activity = event_activity(views.store_of(request), Params(), entity_id)
    return page_or_json(request, "entity.html", data, chart=charts.timeline(activity),
                        series_pairs=_with_charts(data["series"]))


@twin("/articles")
def articles(request: Request, p: Filters) -> Response:
    return page_or_json(request, "articles.html", views.articles(request, p), p=p)


@twin("/articles/{article_id}")
def article(request: Request, article_id: ArticleId,
            highlight: Annotated[str | None, Query(pattern=r"^v\d{1,6}$")] = None) -> Response:
    facts, links = views.article(request, article_id)
    return page_or_json(request, "article.html", views.facts_json(facts, links),
                        **article_page(facts, links, highlight))


@twin("/claims")
def claims(request: Request, p: Filters) -> Response:
    data = views.claim_series(request, p)
    return page_or_json(request, "claims.html", data, p=p,
                        series_pairs=_with_charts(data["items"]))


SERIES_ROWS = 20  # figures listed in a series' table (its chart and JSON have them all)


def _with_charts(series: list[dict], charted: int = 20) -> list[tuple]:
    """Each series with its chart (the first ``charted`` ones with two points or more), the
    figures its table lists and how many it leaves out."""
    return [(s, charts.series_chart(s) if i < charted and len(s["claims"]) > 1 else None,
             *_rows_listed(s["claims"])) for i, s in enumerate(series)]


def _rows_listed(claims: list[dict], most: int = SERIES_ROWS) -> tuple[list[dict], int]:
    """The figures a series' table lists, in time order: every contradicted one and the
    latest others, ``most`` in all when that many suffice; and how many are left out. (A
    busy subject's series hold thousands of figures: listing them all made a page of
    megabytes.)"""
    if len(claims) <= most:
        return claims, 0
    keep = {i for i, claim in enumerate(claims) if claim["contradicted"]}
    for i in range(len(claims) - 1, -1, -1):
        if len(keep) >= most:
            break
        keep.add(i)
    return [c for i, c in enumerate(claims) if i in keep], len(claims) - len(keep)


@twin("/contradictions")
def contradictions(request: Request, p: Filters) -> Response:
    return page_or_json(request, "contradictions.html", views.contradictions(request, p), p=p)


@twin("/quotes")
def quotes(request: Request, p: Filters) -> Response:
    return page_or_json(request, "quotes.html", views.quotes(request, p), p=p)


@twin("/search")
def search(request: Request, p: Filters) -> Response:
    return page_or_json(request, "search.html", views.search(request, p), p=p)
