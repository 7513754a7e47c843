"""Query parameters, validated: a bad date, country code or event type is a 422, never a
query. Empty form fields mean "no filter" (the pages' filter forms send them)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Annotated

from fastapi import Depends, HTTPException, Query

from factwire.model import PLOVER_TYPES
from factwire.store.filters import Place, PlaceFilterError, parse_bbox
from factwire.web.queries import Params

MAX_LIMIT = 500
MAX_TEXT = 200
_COUNTRY = re.compile(r"[A-Za-z]{3}")
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC")


def invalid(name: str, message: str) -> HTTPException:
    return HTTPException(422, detail=[{"loc": ["query", name], "msg": message}])


def parse_date(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise invalid(name, "expected a date YYYY-MM-DD") from None


def parse_country(value: str | None) -> str | None:
    if not value:
        return None
    if not _COUNTRY.fullmatch(value):
        raise invalid("country", "expected an ISO 3166-1 alpha-3 code such as RUS")
    return value.upper()


def parse_types(types: tuple[str, ...]) -> tuple[str, ...]:
    """Event types: each must be a PLOVER type."""
    for value in types:
        if value not in PLOVER_TYPES:
            raise invalid("type", f"expected a PLOVER type: {', '.join(PLOVER_TYPES)}")
    return types


def parse_entity_type(types: tuple[str, ...]) -> str | None:
    """One entity type (PERSON, ORG, GPE, LOC, FAC) or None."""
    if not types:
        return None
    value = types[0]
    if len(types) > 1 or value not in ENTITY_TYPES:
        raise invalid("type", f"expected an entity type: {', '.join(ENTITY_TYPES)}")
    return value.upper()


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


async def params(
    type: Annotated[list[str] | None, Query(description="event or entity type (repeatable)")] = None,
    actor: Annotated[str | None, Query(max_length=MAX_TEXT, description="actor name")] = None,
    country: Annotated[str | None, Query(max_length=3, description="ISO 3166-1 alpha-3")] = None,
    since: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD")] = None,
    q: Annotated[str | None, Query(max_length=MAX_TEXT, description="words")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Params:
    """The filters every list endpoint and page accepts. (``async``: pure computation, so
    FastAPI runs it on the event loop instead of sending it to a worker thread.)"""
    types = tuple(dict.fromkeys(v.strip().upper() for v in type or () if v.strip()))
    if any(len(t) > 32 for t in types):
        raise invalid("type", "unknown type")
    found = Params(types=types, actor=_text(actor), country=parse_country(country),
                   since=parse_date(since, "since"), until=parse_date(until, "until"),
                   q=_text(q), limit=limit, offset=offset)
    if found.since and found.until and found.since > found.until:
        raise invalid("since", "since is after until")
    return found


def parse_place(place_country: str | None, admin1: str | None, bbox: str | None) -> Place:
    """Where events happened: ``place_country`` (alpha-3), ``admin1`` (a first-level area's
    name) and ``bbox`` (``min_lon,min_lat,max_lon,max_lat``); each bad one is a 422."""
    country = None
    if place_country:
        if not _COUNTRY.fullmatch(place_country):
            raise invalid("place_country", "expected an ISO 3166-1 alpha-3 code such as UKR")
        country = place_country.upper()
    try:
        box = parse_bbox(bbox.strip() if bbox else None)
    except PlaceFilterError as error:
        raise invalid("bbox", str(error).removeprefix("bbox: ")) from None
    return Place(country=country, admin1=_text(admin1), bbox=box)


async def event_params(
    p: Annotated[Params, Depends(params)],
    place_country: Annotated[str | None, Query(
        max_length=3, description="ISO 3166-1 alpha-3 code of the event's place")] = None,
    admin1: Annotated[str | None, Query(
        max_length=MAX_TEXT, description="first-level area of the event's place")] = None,
    bbox: Annotated[str | None, Query(
        max_length=100, description="min_lon,min_lat,max_lon,max_lat (min_lon > max_lon "
                                    "crosses the antimeridian)")] = None,
) -> Params:
    """The filters, with ``type`` checked against PLOVER's event types, and the place of the
    event (``place_country``, ``admin1``, ``bbox``)."""
    parse_types(p.types)
    place = parse_place(place_country, admin1, bbox)
    return dataclasses.replace(p, place=place) if place else p


def page(total: int, rows: list, p: Params) -> dict:
    """A page of results, as every list endpoint returns it."""
    return {"total": total, "limit": p.limit, "offset": p.offset, "items": rows}


Filters = Annotated[Params, Depends(params)]
EventFilters = Annotated[Params, Depends(event_params)]
