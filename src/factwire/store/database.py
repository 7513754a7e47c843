"""The Store: add extracted articles, read them back, query their facts.

>>> store = Store("sqlite://")  # in memory
>>> store.count_articles()
0
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING

from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from factwire.errors import StoreError
from factwire.link.claims import TOLERANCE
from factwire.model import ArticleFacts
from factwire.store import frames
from factwire.store.engine import create_schema, database_name, database_url, open_engine
from factwire.store.filters import Query
from factwire.store.linking import MemberCache, clear_links, link_article, link_links
from factwire.store.read import (
    EventRecord,
    Filters,
    QuantityRecord,
    QuoteRecord,
    count_articles,
    query_events,
    query_quantities,
    query_quotes,
)
from factwire.store.read_claims import claims, contradictions_of
from factwire.store.read_links import global_entities
from factwire.store.schema import ArticleRow, ArticleSignatureRow
from factwire.store.write import prepare, write_rows

if TYPE_CHECKING:
    import pandas as pd

DateLike = dt.date | str | None


def as_date(value: DateLike) -> dt.date | None:
    """A date from a ``date`` or an ISO ``YYYY-MM-DD`` string."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def make_filters(since: DateLike = None, until: DateLike = None, country: str | None = None,
                 type: str | list[str] | None = None) -> Filters:
    """A Filters from user-facing arguments (dates as strings, one type or several)."""
    types = (type,) if isinstance(type, str) else tuple(type or ())
    return Filters(since=as_date(since), until=as_date(until),
                   country=country.upper() if country else None,
                   types=tuple(t.upper() for t in types))


def make_query(since: DateLike = None, until: DateLike = None, country: str | None = None,
               type: str | list[str] | None = None, actor: str | None = None,
               q: str | None = None) -> Query:
    """A Query from user-facing arguments."""
    return Query(make_filters(since, until, country, type), actor=actor or None, text=q or None)


def _missing_sqlite_file(url) -> str | None:
    """The path of a SQLite database file that does not exist, else None."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return None if os.path.exists(url.database) else url.database


ADD_ATTEMPTS = 2

# The same expression as the GIN index of migration 0002, so PostgreSQL uses the index.
_PG_DOCUMENT = "to_tsvector('english', coalesce(title, '') || ' ' || text)"
PG_SEARCH = (f"SELECT id FROM articles WHERE {_PG_DOCUMENT} @@ websearch_to_tsquery('english', "
             f":q) ORDER BY ts_rank({_PG_DOCUMENT}, websearch_to_tsquery('english', :q)) DESC, "
             "id LIMIT :limit")


class Store:
    """Extracted articles and their facts in a SQL database.

    ``url``: a SQLAlchemy URL (``sqlite:///factwire.db``, ``postgresql+psycopg://...``) or a
    plain path, which means a SQLite file. Each article is written in one transaction and
    keyed by its content hash, so adding it again changes nothing. ``create=False``: a
    SQLite file that does not exist yet is an error instead of a new, empty database.
    """

    def __init__(self, url: str | os.PathLike = "factwire.db", *, create: bool = True) -> None:
        self.url = database_url(url)
        self.engine = open_engine(self.url)
        if not create and (missing := _missing_sqlite_file(self.engine.url)):
            self.engine.dispose()
            raise StoreError(f"{missing}: no such database; create it with `factwire ingest`")
        self.name = database_name(self.engine.url)
        self.has_search = create_schema(self.engine, self.name)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._members = MemberCache()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def reading(self) -> Session:
        """A session for reads (a context manager): ``with store.reading() as session:``,
        for the query functions of factwire.store.browse, browse_events and read_claims."""
        return self._sessions()

    def add(self, facts: ArticleFacts) -> bool:
        """Store an article and all its facts; False (and no change) if it is already stored.

        Raises StoreError when the facts cannot be stored (nothing is written then).
        """
        article_id = facts.article.id
        for attempt in range(ADD_ATTEMPTS):
            try:
                return self._add_once(facts)
            except IntegrityError as error:
                if self.has(article_id):
                    return False
                if attempt + 1 < ADD_ATTEMPTS:
                    continue  # another writer created the same global entity meanwhile
                raise StoreError(f"article {article_id[:12]}: its facts could not be stored "
                                 f"({error.orig}); nothing was written") from error
            except OperationalError as error:
                raise StoreError(f"{self.name}: could not write article {article_id[:12]} "
                                 f"({error.orig}); nothing was written") from error
        raise AssertionError("unreachable: every attempt returns or raises")

    def _add_once(self, facts: ArticleFacts) -> bool:
        prepared = prepare(facts)  # the same rows and links an ingest's workers prepare
        try:
            with self._sessions.begin() as session:
                write_rows(session.connection(), [prepared])
                link_links(session, prepared.links, self._members)
        except BaseException:
            self._members.clear()  # it may hold reports of the rolled-back transaction
            raise
        return True

    def relink(self) -> int:
        """Link every stored article again, oldest first (after a change of the rules);
        returns how many articles were linked. One transaction per article."""
        self._members.clear()
        with self._sessions.begin() as session:
            clear_links(session)
        ids = self.article_ids()
        for article_id in ids:
            facts = self.facts(article_id)
            try:
                with self._sessions.begin() as session:
                    link_article(session, facts, self._members)
            except BaseException:
                self._members.clear()
                raise
        return len(ids)

    def duplicate_of(self, article_id: str) -> str | None:
        """The id of the article this one nearly copies (a republished story), else None."""
        with self._sessions() as session:
            return session.scalar(select(ArticleSignatureRow.duplicate_of).where(
                ArticleSignatureRow.article_id == article_id))

    def has(self, article_id: str) -> bool:
        """Whether the article with this id (content hash) is stored."""
        with self._sessions() as session:
            stmt = select(ArticleRow.id).where(ArticleRow.id == article_id)
            return session.scalar(stmt) is not None

    def facts(self, article_id: str) -> ArticleFacts:
        """The stored ArticleFacts of an article, exactly as added. KeyError if absent."""
        with self._sessions() as session:
            row = session.get(ArticleRow, article_id)
            if row is None:
                raise KeyError(f"no article with id {article_id} in {self.name}")
            data = dict(row.facts_json)
            data["article"] = {**data["article"], "text": row.text}
            return ArticleFacts.from_dict(data)

    def article_ids(self) -> list[str]:
        """Ids of every stored article, oldest publication first."""
        with self._sessions() as session:
            stmt = select(ArticleRow.id).order_by(ArticleRow.published, ArticleRow.id)
            return list(session.scalars(stmt))

    def count_articles(self, since: DateLike = None, until: DateLike = None,
                       country: str | None = None) -> int:
        """How many articles are stored (published in the period, naming the country)."""
        with self._sessions() as session:
            return count_articles(session, make_filters(since, until, country))

    def event_reports(self, since: DateLike = None, until: DateLike = None,
                      country: str | None = None, type: str | list[str] | None = None,
                      ) -> list[EventRecord]:
        """Events as each article reports them, with argument names, countries, sentence;
        ``since``/``until`` bound the article's publication date."""
        with self._sessions() as session:
            return query_events(session, make_filters(since, until, country, type))

    def events(self, since: DateLike = None, until: DateLike = None,
               country: str | None = None, type: str | list[str] | None = None,
               actor: str | None = None, q: str | None = None,
               place_country: str | None = None, admin1: str | None = None,
               bbox=None) -> pd.DataFrame:
        """Events across articles, one row per merged event (columns: frames.EVENT_COLUMNS).

        ``place_country`` (ISO alpha-3), ``admin1`` and ``bbox`` (min_lon, min_lat, max_lon,
        max_lat) keep the events with a location there (see ``frames.events``).

        >>> store.events(since="2025-03-01", country="RUS", type="ASSAULT")  # doctest: +SKIP
        >>> store.events(place_country="UKR", bbox="30,45,40,55")  # doctest: +SKIP
        """
        return frames.events(self, since, until, country, type, actor, q,
                             place_country=place_country, admin1=admin1, bbox=bbox)

    def entities(self, country: str | None = None, type: str | None = None,
                 q: str | None = None) -> pd.DataFrame:
        """Global entities, most reported first, with their aliases."""
        with self._sessions() as session:
            rows = global_entities(session, make_query(country=country, q=q), type)
        return frames.frame(rows, frames.ENTITY_COLUMNS)

    def claims(self, since: DateLike = None, until: DateLike = None,
               country: str | None = None, actor: str | None = None,
               q: str | None = None) -> pd.DataFrame:
        """Figures as series (subject, counted thing, unit) in time order, with sources;
        ``contradicted`` marks figures another source contradicts. The series are stored as
        articles are linked: this reads them."""
        with self._sessions() as session:
            rows = claims(session, make_query(since, until, country, actor=actor, q=q))
        return frames.frame(rows, frames.CLAIM_COLUMNS)

    def contradictions(self, since: DateLike = None, until: DateLike = None,
                       country: str | None = None, actor: str | None = None,
                       q: str | None = None, tolerance: float = TOLERANCE) -> pd.DataFrame:
        """Pairs of figures from two sources that disagree (factwire.link.claims' rule),
        flagged as articles are linked; ``reason`` says why."""
        with self._sessions() as session:
            rows = contradictions_of(session, make_query(since, until, country, actor=actor,
                                                         q=q), tolerance)
        return frames.frame(rows, frames.CONTRADICTION_COLUMNS)

    def quotes_frame(self, since: DateLike = None, until: DateLike = None,
                     country: str | None = None, speaker: str | None = None) -> pd.DataFrame:
        """Quotes as a DataFrame (columns: frames.QUOTE_COLUMNS)."""
        return frames.frame(frames.quote_rows(self.quotes(since, until, country, speaker)),
                            frames.QUOTE_COLUMNS)

    def quantities(self, since: DateLike = None, until: DateLike = None,
                   country: str | None = None) -> list[QuantityRecord]:
        """Figures with what they count, their subject, time and source resolved."""
        with self._sessions() as session:
            return query_quantities(session, make_filters(since, until, country))

    def quotes(self, since: DateLike = None, until: DateLike = None,
               country: str | None = None, speaker: str | None = None) -> list[QuoteRecord]:
        """Quotes with their speakers resolved, in publication order; ``speaker``: by name."""
        with self._sessions() as session:
            return query_quotes(session, make_filters(since, until, country), speaker)

    def search(self, query: str, limit: int = 20) -> list[str]:
        """Ids of articles whose title or text match a query, best first: FTS5 syntax on
        SQLite, ``websearch_to_tsquery`` syntax (English stemming) on PostgreSQL."""
        if self.engine.dialect.name == "postgresql":
            stmt = text(PG_SEARCH)
        elif self.has_search:
            stmt = text("SELECT article_id FROM article_search WHERE article_search MATCH :q "
                        "ORDER BY rank LIMIT :limit")
        else:
            raise StoreError(f"{self.name}: full-text search needs SQLite with FTS5 or "
                             "PostgreSQL")
        with self._sessions() as session:
            try:
                return list(session.scalars(stmt, {"q": query, "limit": limit}))
            except (OperationalError, ProgrammingError) as error:
                raise StoreError(f"search {query!r}: {error.orig}") from error

    def count(self, table: type) -> int:
        """Rows in one of the schema's tables (for checks and statistics)."""
        with self._sessions() as session:
            return session.scalar(select(func.count()).select_from(table))
