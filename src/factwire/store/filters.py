"""What a query asks for, and the SQL conditions every read shares: period, country, names,
words.

:class:`Filters` (period, country, event types) selects facts by their article;
:class:`Query` adds an actor's name and words; :class:`Params` is a query and the page asked
for (the web's lists). Only portable SQL is used.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Row, exists, func, or_, select
from sqlalchemy.orm import Session

from factwire.store.schema import ArticleRow, EntityAliasRow, EntityRow


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
    """

    filters: Filters = Filters()
    actor: str | None = None
    text: str | None = None


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

    @property
    def filters(self) -> Filters:
        return Filters(since=self.since, until=self.until, country=self.country,
                       types=self.types)

    @property
    def query(self) -> Query:
        return Query(self.filters, actor=self.actor, text=self.q)


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
