"""The REST API under ``/api``: JSON, paginated (``limit``, ``offset``, ``total``), filtered by
``type``, ``actor``, ``country``, ``since``/``until`` and ``q``; and ``POST /api/articles``,
which extracts and stores an article (bearer token required)."""

from __future__ import annotations

import hmac
from typing import Annotated

from anyio import CapacityLimiter, to_thread
from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse

from factwire.errors import FactwireError
from factwire.ingest import read_bytes
from factwire.model import Article
from factwire.store import Store
from factwire.web import views
from factwire.web.cache import forget_version
from factwire.web.params import EventFilters, Filters, parse_date

router = APIRouter(prefix="/api", tags=["api"])

ArticleId = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$", description="the article's id")]
# Which reader a body goes to, by its media type (the name only picks the format).
BODY_NAMES = {"text/plain": "article.txt", "text/html": "article.html",
              "application/xhtml+xml": "article.html", "application/json": "article.json",
              "application/x-ndjson": "article.jsonl", "application/jsonl": "article.jsonl"}


def plain_json(data: dict) -> JSONResponse:
    """``data`` (made only of JSON types: str, int, float, bool, None, lists and dicts) as a
    JSON response, skipping FastAPI's ``jsonable_encoder`` walk (most of a list's time)."""
    return JSONResponse(data)


@router.get("/articles", summary="Articles, newest first", response_model=dict)
def list_articles(request: Request, p: Filters) -> JSONResponse:
    return plain_json(views.articles(request, p))


@router.get("/articles/{article_id}", summary="One article with all its facts")
def get_article(request: Request, article_id: ArticleId) -> dict:
    facts, links = views.article(request, article_id)
    return views.facts_json(facts, links)


@router.get("/events", summary="Events merged across articles, with their reports", response_model=dict)
def list_events(request: Request, p: EventFilters) -> JSONResponse:
    return plain_json(views.events(request, p))


@router.get("/events/{event_id}", summary="One merged event with every report of it", response_model=dict)
def get_event(request: Request, event_id: Annotated[int, Path(ge=1)]) -> JSONResponse:
    return plain_json(views.event(request, event_id))


@router.get("/entities", summary="Actors and places across articles (type: PERSON, ORG...)", response_model=dict)
def list_entities(request: Request, p: Filters) -> JSONResponse:
    return plain_json(views.entities(request, p))


@router.get("/entities/{entity_id}", summary="One entity: its events, quotes and figures")
def get_entity(request: Request, entity_id: Annotated[int, Path(ge=1)]) -> dict:
    return views.entity(request, entity_id)


@router.get("/quantities", summary="Figures as each article states them", response_model=dict)
def list_quantities(request: Request, p: Filters) -> JSONResponse:
    return plain_json(views.quantities(request, p))


@router.get("/claims", summary="Figure series per subject and counted thing")
def list_claims(request: Request, p: Filters) -> dict:
    return views.claim_series(request, p)


@router.get("/contradictions", summary="Figures from two sources that disagree")
def list_contradictions(request: Request, p: Filters) -> dict:
    return views.contradictions(request, p)


@router.get("/quotes", summary="Quotes with their speakers (actor: speaker, q: words)", response_model=dict)
def list_quotes(request: Request, p: Filters) -> JSONResponse:
    return plain_json(views.quotes(request, p))


@router.get("/search", summary="Full-text search over articles")
def search(request: Request, p: Filters) -> dict:
    return views.search(request, p)


def check_token(request: Request) -> None:
    """403 when the server is read-only, 401 without the right bearer token."""
    token = request.app.state.token
    if not token:
        raise HTTPException(403, detail="read-only server: start it with FACTWIRE_TOKEN set "
                                        "to accept articles")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(),
                                                             token.encode()):
        raise HTTPException(401, detail="a valid bearer token is required",
                            headers={"WWW-Authenticate": "Bearer"})


@router.post("/articles", status_code=201, summary="Extract an article and store it",
             responses={401: {}, 403: {}, 413: {}, 415: {}, 422: {}})
async def post_article(request: Request,
                       published: Annotated[str | None, Query(max_length=10)] = None,
                       ) -> JSONResponse:
    """The body is the article: plain text, HTML, a JSON record (``text``, ``title``,
    ``url``, ``outlet``, ``published``) or JSON Lines. Answers which articles were stored,
    which were already stored, and why any could not be read."""
    check_token(request)
    media = request.headers.get("content-type", "text/plain").split(";")[0].strip().lower()
    if media not in BODY_NAMES:
        raise HTTPException(415, detail=f"unsupported media type {media!r}: send "
                                        f"{', '.join(sorted(BODY_NAMES))}")
    day = parse_date(published, "published")
    body = await request.body()
    found = list(read_bytes(body, BODY_NAMES[media], day.isoformat() if day else None))
    result = await to_thread.run_sync(extract_and_store, request.app.state.store, found,
                                      limiter=ingest_limiter(request.app.state))
    forget_version(request.app.state)  # cached views see the new articles at once
    status = 201 if result["stored"] else 422 if result["errors"] else 200
    return JSONResponse(result, status_code=status)


def ingest_limiter(state) -> CapacityLimiter:
    """One article batch extracted at a time per process, in a thread apart from the
    requests' (extraction takes seconds: it must not hold the readers' threads)."""
    limiter = getattr(state, "ingest_limiter", None)
    if limiter is None:
        limiter = state.ingest_limiter = CapacityLimiter(1)
    return limiter


def extract_and_store(store: Store, found: list[Article | FactwireError]) -> dict:
    """Extract the articles read and store them; errors are reported, not raised."""
    from factwire.batch import extract_chunk

    result: dict[str, list] = {"stored": [], "existing": [], "errors": []}
    articles = []
    for item in found:
        if isinstance(item, FactwireError):
            result["errors"].append(str(item))
        elif store.has(item.id):
            result["existing"].append(item.id)
        else:
            articles.append(item)
    for facts in extract_chunk(articles):
        if isinstance(facts, FactwireError):
            result["errors"].append(str(facts))
            continue
        try:
            added = store.add(facts)
        except FactwireError as error:
            result["errors"].append(str(error))
            continue
        result["stored" if added else "existing"].append(facts.article.id)
    return result
