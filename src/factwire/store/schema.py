"""The store's tables: one row per article and per fact, each fact keyed by (article, local id).

Every fact keeps its character offsets into ``articles.text`` so it links back to the words
that state it. ``articles.facts_json`` keeps the extracted ArticleFacts (without the text,
which is in ``articles.text``) so an article reads back exactly as it was extracted.

Only portable column types are used (no SQLite-only SQL): the same schema serves PostgreSQL
by URL. Facts reference each other (a quantity's subject, an event's time) by local id
without foreign keys, because a reference the extractor left dangling must not make the whole
article unstorable; the joins are outer joins. Child rows reference their article with
``ON DELETE CASCADE``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Bump on every schema change, with an Alembic migration in store/migrations/versions that
# records the new number (the table holds one row: the version the database has).
SCHEMA_VERSION = 6

ID = String(64)  # a SHA-256 hex digest
LOCAL_ID = String(32)  # "e1", "t3", "v12"...
CODE = String(32)  # short codes: types, modes, reasons, comparators
COUNTRY = CODE  # ISO 3166-1 alpha-3 (room to spare: PostgreSQL enforces lengths)


class Base(DeclarativeBase):
    """Declarative base of every factwire table."""


def _article_fk() -> Any:
    return ForeignKey("articles.id", ondelete="CASCADE")


class SchemaVersion(Base):
    """Which schema version this database holds (one row per version applied)."""

    __tablename__ = "factwire_schema_version"

    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    description: Mapped[str] = mapped_column(Text)
    applied_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ArticleRow(Base):
    """An article as read, with its metadata and its extracted facts as JSON."""

    __tablename__ = "articles"
    __table_args__ = (Index("ix_articles_published_id", sql_text("published DESC"), "id"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text, index=True)
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    language: Mapped[str | None] = mapped_column(CODE)
    source_id: Mapped[str | None] = mapped_column(Text)
    source_path: Mapped[str | None] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    contract_version: Mapped[str] = mapped_column(CODE)
    facts_json: Mapped[dict] = mapped_column(JSON)


class RemovedRow(Base):
    """A filler span of an article (lorem ipsum, placeholders, boilerplate)."""

    __tablename__ = "removed_spans"

    article_id: Mapped[str] = mapped_column(ID, _article_fk(), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(CODE)


class EntityRow(Base):
    """An actor or place of one article (canonical entities across articles come later)."""

    __tablename__ = "entities"
    # by country with the key (covering): an event's parties of a country (schema 5)
    __table_args__ = (Index("ix_entities_country", "country", "article_id", "entity_id"),
                      Index("ix_entities_name", "name"),
                      Index("ix_entities_geo_country", "geo_country", "article_id",
                            "entity_id"))

    article_id: Mapped[str] = mapped_column(ID, _article_fk(), primary_key=True)
    entity_id: Mapped[str] = mapped_column(LOCAL_ID, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(CODE)
    country: Mapped[str | None] = mapped_column(COUNTRY)
    role: Mapped[str | None] = mapped_column(Text)
    sector: Mapped[str | None] = mapped_column(Text)
    nominal: Mapped[bool] = mapped_column(Boolean, default=False)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geonameid: Mapped[int | None] = mapped_column(Integer)
    geo_feature: Mapped[str | None] = mapped_column(CODE)
    geo_admin1: Mapped[str | None] = mapped_column(Text)
    geo_country: Mapped[str | None] = mapped_column(COUNTRY)
    geo_precision: Mapped[str | None] = mapped_column(CODE)


class MentionRow(Base):
    """One mention of an entity: where the article names it."""

    __tablename__ = "mentions"
    __table_args__ = (
        ForeignKeyConstraint(["article_id", "entity_id"],
                             ["entities.article_id", "entities.entity_id"], ondelete="CASCADE"),
    )

    article_id: Mapped[str] = mapped_column(ID, primary_key=True)
    entity_id: Mapped[str] = mapped_column(LOCAL_ID, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class TimeRow(Base):
    """A time expression with its TIMEX3 value."""

    __tablename__ = "times"

    article_id: Mapped[str] = mapped_column(ID, _article_fk(), primary_key=True)
    time_id: Mapped[str] = mapped_column(LOCAL_ID, primary_key=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(CODE)
    value: Mapped[str | None] = mapped_column(String(64), index=True)
    begin: Mapped[str | None] = mapped_column(String(64))
    until: Mapped[str | None] = mapped_column(String(64))


class QuantityRow(Base):
    """A numeric claim: value or range, what it counts, whose, when, on whose word."""

    __tablename__ = "quantities"
    __table_args__ = (Index("ix_quantities_article_start", "article_id", "start"),)

    article_id: Mapped[str] = mapped_column(ID, _article_fk(), primary_key=True)
    quantity_id: Mapped[str] = mapped_column(LOCAL_ID, primary_key=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    value: Mapped[float | None] = mapped_column(Float)
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    approximate: Mapped[bool] = mapped_column(Boolean, default=False)
    comparator: Mapped[str] = mapped_column(CODE)
    change: Mapped[str | None] = mapped_column(CODE)
    unit: Mapped[str | None] = mapped_column(Text)
    counted: Mapped[str | None] = mapped_column(Text, index=True)
    subject_id: Mapped[str | None] = mapped_column(LOCAL_ID)
    time_id: Mapped[str | None] = mapped_column(LOCAL_ID)
    source_id: Mapped[str | None] = mapped_column(LOCAL_ID)
    derived: Mapped[bool] = mapped_column(Boolean, default=False)
    derived_from: Mapped[list] = mapped_column(JSON)
    # a time or quantity id, or the words of what a change is relative to (schema 6: Text)
    relative_to: Mapped[str | None] = mapped_column(Text)


class QuoteRow(Base):
    """Reported speech: speaker, cue verb and the words reported."""

    __tablename__ = "quotes"
    __table_args__ = (Index("ix_quotes_article_start", "article_id", "start"),
                      Index("ix_quotes_speaker", "article_id", "speaker_id"))

    article_id: Mapped[str] = mapped_column(ID, _article_fk(), primary_key=True)
    quote_id: Mapped[str] = mapped_column(LOCAL_ID, primary_key=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(CODE)
    speaker_id: Mapped[str | None] = mapped_column(LOCAL_ID)
    speaker_text: Mapped[str | None] = mapped_column(Text)
    cue: Mapped[str | None] = mapped_column(Text)
    content_start: Mapped[int | None] = mapped_column(Integer)
    content_end: Mapped[int | None] = mapped_column(Integer)
    content_text: Mapped[str | None] = mapped_column(Text)
    medium_id: Mapped[str | None] = mapped_column(LOCAL_ID)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)


class EventRow(Base):
    """A PLOVER event as one article reports it (merged events across articles come later)."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_type", "type"),)

    article_id: Mapped[str] = mapped_column(ID, _article_fk(), primary_key=True)
    event_id: Mapped[str] = mapped_column(LOCAL_ID, primary_key=True)
    type: Mapped[str] = mapped_column(CODE)
    mode: Mapped[str | None] = mapped_column(CODE)
    time_id: Mapped[str | None] = mapped_column(LOCAL_ID)
    modality: Mapped[str] = mapped_column(CODE)
    attributed_to: Mapped[str | None] = mapped_column(LOCAL_ID)
    trigger_start: Mapped[int] = mapped_column(Integer)
    trigger_end: Mapped[int] = mapped_column(Integer)
    trigger_text: Mapped[str] = mapped_column(Text)
    sentence_start: Mapped[int] = mapped_column(Integer)
    sentence_end: Mapped[int] = mapped_column(Integer)
    sentence_text: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)
    negated: Mapped[bool] = mapped_column(Boolean, default=False)
    parent: Mapped[str | None] = mapped_column(LOCAL_ID)


class EventArgRow(Base):
    """An entity in an event: role is ``actor``, ``recipient`` or ``location``."""

    __tablename__ = "event_args"
    __table_args__ = (
        ForeignKeyConstraint(["article_id", "event_id"],
                             ["events.article_id", "events.event_id"], ondelete="CASCADE"),
        Index("ix_event_args_entity", "article_id", "entity_id", "event_id"),
        Index("ix_event_args_role_entity", "role", "article_id", "entity_id"),
    )

    article_id: Mapped[str] = mapped_column(ID, primary_key=True)
    event_id: Mapped[str] = mapped_column(LOCAL_ID, primary_key=True)
    role: Mapped[str] = mapped_column(CODE, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[str] = mapped_column(LOCAL_ID)


class EventQuantityRow(Base):
    """A figure stated about an event (troops mobilized, people killed...)."""

    __tablename__ = "event_quantities"
    __table_args__ = (
        ForeignKeyConstraint(["article_id", "event_id"],
                             ["events.article_id", "events.event_id"], ondelete="CASCADE"),
    )

    article_id: Mapped[str] = mapped_column(ID, primary_key=True)
    event_id: Mapped[str] = mapped_column(LOCAL_ID, primary_key=True)
    quantity_id: Mapped[str] = mapped_column(LOCAL_ID, primary_key=True)


ARGUMENT_ROLES = ("actor", "recipient", "location")

# The tables holding an article's facts, in the order they are written (parents first).
FACT_TABLES = (RemovedRow, EntityRow, MentionRow, TimeRow, QuantityRow, QuoteRow, EventRow,
               EventArgRow, EventQuantityRow)


# Across articles (schema version 2): global entities, near-duplicates, merged events.

class GlobalEntityRow(Base):
    """One real actor or place across articles; ``key`` as factwire.link.entities makes it."""

    __tablename__ = "global_entities"
    # the entities list, most reported first, read in index order (schema 5)
    __table_args__ = (Index("ix_global_entities_rank", sql_text("articles DESC"), "name", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(Text, unique=True)  # holds a name: no length limit
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(CODE)
    country: Mapped[str | None] = mapped_column(COUNTRY, index=True)
    surname: Mapped[str | None] = mapped_column(Text, index=True)
    articles: Mapped[int] = mapped_column(Integer, default=0)


class EntityAliasRow(Base):
    """A name a global entity goes by in some article."""

    __tablename__ = "entity_aliases"
    # an actor filter looks entities up by any of their names, ignoring case
    __table_args__ = (Index("ix_entity_aliases_lower_alias", sql_text("lower(alias)")),)

    global_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("global_entities.id", ondelete="CASCADE"), primary_key=True)
    alias: Mapped[str] = mapped_column(String(255), primary_key=True)


class EntityLinkRow(Base):
    """Which global entity an article's entity is."""

    __tablename__ = "entity_links"
    __table_args__ = (
        ForeignKeyConstraint(["article_id", "entity_id"],
                             ["entities.article_id", "entities.entity_id"], ondelete="CASCADE"),
        Index("ix_entity_links_global_id", "global_id", "article_id", "entity_id"),
    )

    article_id: Mapped[str] = mapped_column(ID, primary_key=True)
    entity_id: Mapped[str] = mapped_column(LOCAL_ID, primary_key=True)
    global_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("global_entities.id", ondelete="CASCADE"))


class ArticleSignatureRow(Base):
    """An article's MinHash signature, and the earlier article it nearly copies."""

    __tablename__ = "article_signatures"

    article_id: Mapped[str] = mapped_column(ID, _article_fk(), primary_key=True)
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    duplicate_of: Mapped[str | None] = mapped_column(ID, index=True)
    similarity: Mapped[float | None] = mapped_column(Float)


class ArticleBandRow(Base):
    """One locality-sensitive hash band of an article's signature (finds near-duplicates)."""

    __tablename__ = "article_bands"

    band: Mapped[int] = mapped_column(Integer, primary_key=True)
    hash: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[str] = mapped_column(ID, _article_fk(), primary_key=True)


class MergedEventRow(Base):
    """One event across the articles that report it (factwire.link.events' rule)."""

    __tablename__ = "merged_events"
    __table_args__ = (Index("ix_merged_events_type_date", "type", "date_low"),
                      Index("ix_merged_events_order",
                            sql_text("coalesce(date_low, first_reported)"), "id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    type: Mapped[str] = mapped_column(CODE)
    mode: Mapped[str | None] = mapped_column(CODE)
    modality: Mapped[str] = mapped_column(CODE)
    negated: Mapped[bool] = mapped_column(Boolean, default=False)
    date: Mapped[str | None] = mapped_column(String(64))  # the most precise reported date
    date_precision: Mapped[str | None] = mapped_column(CODE)
    date_low: Mapped[dt.date | None] = mapped_column(Date)  # earliest day any report allows
    date_high: Mapped[dt.date | None] = mapped_column(Date)
    max_low: Mapped[dt.date | None] = mapped_column(Date)  # for complete linkage on dates
    min_high: Mapped[dt.date | None] = mapped_column(Date)
    first_reported: Mapped[dt.date | None] = mapped_column(Date, index=True)
    last_reported: Mapped[dt.date | None] = mapped_column(Date)
    reports: Mapped[int] = mapped_column(Integer, default=0)  # independent articles
    republished: Mapped[int] = mapped_column(Integer, default=0)  # near-duplicate copies


class EventLinkRow(Base):
    """Which merged event an article's event reports; ``features`` as the rule compared it."""

    __tablename__ = "event_links"
    __table_args__ = (
        ForeignKeyConstraint(["article_id", "event_id"],
                             ["events.article_id", "events.event_id"], ondelete="CASCADE"),
    )

    article_id: Mapped[str] = mapped_column(ID, primary_key=True)
    event_id: Mapped[str] = mapped_column(LOCAL_ID, primary_key=True)
    merged_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("merged_events.id", ondelete="CASCADE"), index=True)
    duplicate: Mapped[bool] = mapped_column(Boolean, default=False)
    features: Mapped[dict] = mapped_column(JSON)


# Claim series and contradictions (schema version 4), kept up to date as articles are linked.

class ClaimSeriesRow(Base):
    """Figures about one subject and one counted thing, in one unit (factwire.link.claims)."""

    __tablename__ = "claim_series"
    # ix_claim_series_rank: the claims page's first series without sorting them all (schema 5)
    __table_args__ = (Index("ix_claim_series_subject", "subject_id", "counted"),
                      Index("ix_claim_series_rank", "contradictions", "claims"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(ID, unique=True)  # SHA-256 of (subject, counted, unit)
    subject_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("global_entities.id", ondelete="CASCADE"))
    counted: Mapped[str] = mapped_column(Text)  # normalized: "troop", "civilian casualty"
    unit: Mapped[str | None] = mapped_column(Text)
    claims: Mapped[int] = mapped_column(Integer, default=0)
    contradictions: Mapped[int] = mapped_column(Integer, default=0)


class ClaimRow(Base):
    """A figure in its series, with the time it is for; copies of an article have none."""

    __tablename__ = "claims"
    __table_args__ = (
        ForeignKeyConstraint(["article_id", "quantity_id"],
                             ["quantities.article_id", "quantities.quantity_id"],
                             ondelete="CASCADE"),
        Index("ix_claims_series_order", "series_id", "sort_date", "sort_published",
              "article_id", "quantity_id"),
    )

    article_id: Mapped[str] = mapped_column(ID, primary_key=True)
    quantity_id: Mapped[str] = mapped_column(LOCAL_ID, primary_key=True)
    series_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("claim_series.id", ondelete="CASCADE"))
    counted: Mapped[str] = mapped_column(Text)  # as the article says it (words match it)
    date: Mapped[str | None] = mapped_column(String(64))  # TIMEX3 value, else publication
    date_low: Mapped[dt.date | None] = mapped_column(Date)  # the days the date covers
    date_high: Mapped[dt.date | None] = mapped_column(Date)
    sort_date: Mapped[dt.date] = mapped_column(Date)  # date_low, else published, else max
    sort_published: Mapped[dt.date] = mapped_column(Date)  # published, else max
    source: Mapped[str | None] = mapped_column(Text)  # the quoted source's name
    comparable: Mapped[bool] = mapped_column(Boolean, default=False)


class ContradictionRow(Base):
    """Two figures of one series from two sources that disagree, the earlier one first."""

    __tablename__ = "contradictions"
    __table_args__ = (
        ForeignKeyConstraint(["first_article_id", "first_quantity_id"],
                             ["claims.article_id", "claims.quantity_id"], ondelete="CASCADE"),
        ForeignKeyConstraint(["second_article_id", "second_quantity_id"],
                             ["claims.article_id", "claims.quantity_id"], ondelete="CASCADE"),
        Index("ix_contradictions_first", "first_article_id", "first_quantity_id"),
        Index("ix_contradictions_second", "second_article_id", "second_quantity_id"),
        Index("ix_contradictions_latest", "latest_date", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    series_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("claim_series.id", ondelete="CASCADE"), index=True)
    first_article_id: Mapped[str] = mapped_column(ID)
    first_quantity_id: Mapped[str] = mapped_column(LOCAL_ID)
    second_article_id: Mapped[str] = mapped_column(ID)
    second_quantity_id: Mapped[str] = mapped_column(LOCAL_ID)
    difference: Mapped[float] = mapped_column(Float)  # the gap, relative to the larger value
    tolerance: Mapped[float] = mapped_column(Float)  # the rule's tolerance when flagged
    reason: Mapped[str] = mapped_column(Text)
    latest_date: Mapped[str] = mapped_column(String(64))  # the later of the two dates


# Children first: the order in which a relink empties them.
LINK_TABLES = (ContradictionRow, ClaimRow, ClaimSeriesRow, EventLinkRow, MergedEventRow,
               ArticleBandRow, ArticleSignatureRow, EntityLinkRow, EntityAliasRow,
               GlobalEntityRow)
