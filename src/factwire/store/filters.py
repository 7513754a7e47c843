"""What a query asks for, and the SQL conditions every read shares: period, country, names,
words, the place of an event.

:class:`Filters` (period, country, event types) selects facts by their article;
:class:`Query` adds an actor's name, words and a :class:`Place` (events only);
:class:`Params` is a query and the page asked for (the web's lists). Only portable SQL is
used.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Row, exists, func, or_, select
from sqlalchemy.orm import Session

from factwire.errors import FactwireError
from factwire.store.schema import ArticleRow, EntityAliasRow, EntityRow

BBox = tuple[float, float, float, float]


class PlaceFilterError(FactwireError, ValueError):
    """A place filter that cannot be applied (a malformed box or country code)."""


@dataclass(frozen=True)
class Place:
    """Where an event happened: the place of one of its ``location`` arguments.

    ``country``: ISO 3166-1 alpha-3 code of the place (``entities.geo_country``).
    ``admin1``: first-level area as stored (``Kursk``, ``California``), ignoring case.
    ``bbox``: (min_lon, min_lat, max_lon, max_lat) in degrees, edges included; a box whose
    min_lon is greater than its max_lon crosses the antimeridian (170,-20,-170,20).
    """

    country: str | None = None
    admin1: str | None = None
    bbox: BBox | None = None

    def __bool__(self) -> bool:
        return bool(self.country or self.admin1 or self.bbox)


def parse_bbox(value: str | tuple | list | None) -> BBox | None:
    """A box from ``"min_lon,min_lat,max_lon,max_lat"`` or four numbers; None if empty.

    >>> parse_bbox("30,45,40,55")
    (30.0, 45.0, 40.0, 55.0)
    """
    if value is None or value == "" or value == ():
        return None
    parts = value.split(",") if isinstance(value, str) else list(value)
    if len(parts) != 4:
        raise PlaceFilterError("bbox: expected four numbers min_lon,min_lat,max_lon,max_lat")
    try:
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
    except (TypeError, ValueError):
        raise PlaceFilterError("bbox: expected four numbers min_lon,min_lat,max_lon,"
                               "max_lat") from None
    if not all(-180 <= x <= 180 for x in (min_lon, max_lon)):
        raise PlaceFilterError("bbox: longitudes must lie between -180 and 180")
    if not all(-90 <= y <= 90 for y in (min_lat, max_lat)):
        raise PlaceFilterError("bbox: latitudes must lie between -90 and 90")
    if min_lat > max_lat:
        raise PlaceFilterError("bbox: min_lat is greater than max_lat")
    return (min_lon, min_lat, max_lon, max_lat)


def make_place(country: str | None = None, admin1: str | None = None,
               bbox: str | tuple | list | None = None) -> Place:
    """A Place from user-facing arguments (country code in any case, bbox as text or numbers;
    blank means no filter)."""
    country = (country or "").strip()
    if country and not (len(country) == 3 and country.isascii() and country.isalpha()):
        raise PlaceFilterError(f"place country {country!r}: expected an ISO 3166-1 alpha-3 "
                               "code such as UKR")
    admin1 = (admin1 or "").strip()
    return Place(country=country.upper() if country else None, admin1=admin1 or None,
                 bbox=parse_bbox(bbox))


@dataclass(frozen=True)
class Filters:
    """Which facts a query returns.

    ``since``/``until``: articles published in that period (inclusive); an article with no
    publication date is only included when neither is given. ``country``: ISO 3166-1
    alpha-3; events whose actor, recipient or location has that country, and figures and
    quotes from articles that name an entity of that country. ``types``: PLOVER event types.
    """

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    types: tuple[str, ...] = ()


@dataclass(frozen=True)
class Query:
    """Filters of the query commands: period, country, event types, an actor's name, words.

    ``since``/``until`` bound the event's (or figure's) own date, else its report's date.
    ``actor``: a name or alias of a global entity, ignoring case. ``text``: words that must
    appear in the sentence (events), the counted thing (claims) or the name (entities).
    ``place``: where the event happened (merged events only; other reads ignore it).
    """

    filters: Filters = Filters()
    actor: str | None = None
    text: str | None = None
    place: Place = Place()


@dataclass(frozen=True)
class Params:
    """A query and the page of its rows asked for (``limit`` rows from ``offset``)."""

    types: tuple[str, ...] = ()
    actor: str | None = None
    country: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    q: str | None = None
    limit: int = 50
    offset: int = 0
    place: Place = Place()

    @property
    def filters(self) -> Filters:
        return Filters(since=self.since, until=self.until, country=self.country,
                       types=self.types)

    @property
    def query(self) -> Query:
        return Query(self.filters, actor=self.actor, text=self.q, place=self.place)


def like(column, words: str) -> ColumnElement[bool]:
    """``column`` contains ``words``, ignoring case; ``%`` and ``_`` in them are literal."""
    escaped = words.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped}%", escape="\\")


def named(global_id_column, name: str) -> ColumnElement[bool]:
    """The global entity in ``global_id_column`` goes by ``name`` (any case); looked up in
    the ``lower(alias)`` index."""
    return global_id_column.in_(select(EntityAliasRow.global_id)
                                .where(func.lower(EntityAliasRow.alias) == name.lower()))


def period_conditions(filters: Filters) -> list[ColumnElement[bool]]:
    """Conditions on ``articles.published`` for the filters' period."""
    conditions = []
    if filters.since:
        conditions.append(ArticleRow.published >= filters.since)
    if filters.until:
        conditions.append(ArticleRow.published <= filters.until)
    return conditions


def has_country(entity, country: str) -> ColumnElement[bool]:
    """The entity (a table or alias of ``entities``) is of ``country``, or lies in it."""
    return or_(entity.country == country, entity.geo_country == country)


def article_names_country(country: str) -> ColumnElement[bool]:
    """True for articles with at least one entity of ``country``."""
    return exists().where(EntityRow.article_id == ArticleRow.id, has_country(EntityRow, country))


def article_conditions(filters: Filters) -> list[ColumnElement[bool]]:
    """Conditions on an article: published in the period, naming the country."""
    conditions = period_conditions(filters)
    if filters.country:
        conditions.append(article_names_country(filters.country))
    return conditions


def rows_of(session: Session, stmt) -> list[Row]:
    """The rows of a select of columns, all fetched at once on the session's connection:
    plain Core rows, without the ORM's per-row processing nor a fetch per row (thousands of
    rows read several times faster)."""
    return session.connection().execute(stmt).all()


def first_of(session: Session, stmt) -> Row | None:
    """The first row of a select of columns (as :func:`rows_of`), or None."""
    return session.connection().execute(stmt).first()
