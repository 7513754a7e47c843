"""Queries over stored facts: events, figures and quotes with the names they refer to.

Each query returns plain records joined with their article (outlet, title, date) and the
entities they name, filtered by a :class:`~factwire.store.filters.Filters`. Only portable SQL
is used.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from factwire.store.filters import (  # noqa: F401 - Filters and the helpers were defined here
    Filters,
    article_conditions,
    article_names_country,
    has_country,
    period_conditions,
    rows_of,
)
from factwire.store.schema import (
    ArticleRow,
    EntityRow,
    EventArgRow,
    EventRow,
    QuantityRow,
    QuoteRow,
    TimeRow,
)


@dataclass(frozen=True)
class ArticleRef:
    """Where a fact was reported."""

    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: dt.date | None
    source_path: str | None = None


@dataclass(frozen=True)
class EntityRef:
    """An entity named by a fact, with its country."""

    id: str
    name: str
    type: str
    country: str | None


@dataclass
class EventRecord:
    """One stored event with its arguments resolved to names, and its evidence sentence."""

    article: ArticleRef
    event_id: str
    type: str
    mode: str | None
    modality: str
    negated: bool
    trigger_text: str
    sentence_text: str
    confidence: float
    time_text: str | None
    time_value: str | None
    time_type: str | None = None
    actors: list[EntityRef] = field(default_factory=list)
    recipients: list[EntityRef] = field(default_factory=list)
    locations: list[EntityRef] = field(default_factory=list)

    @property
    def date(self) -> str | None:
        """The event's own calendar date (``2025-04-01``, ``2024-08``, ``2025-W14``), else its
        article's publication date. Durations and ``PAST_REF`` are not dates."""
        if self.time_value and self.time_type in ("DATE", "TIME") and \
                self.time_value[:1].isdigit():
            return self.time_value
        return self.article.published.isoformat() if self.article.published else None


@dataclass
class QuantityRecord:
    """One stored figure with what it counts, its subject, time and source resolved."""

    article: ArticleRef
    quantity_id: str
    text: str
    value: float | None
    low: float | None
    high: float | None
    approximate: bool
    comparator: str
    change: str | None
    unit: str | None
    counted: str | None
    derived: bool
    subject: EntityRef | None
    source: EntityRef | None
    time_text: str | None
    time_value: str | None


@dataclass
class QuoteRecord:
    """One stored quote with its speaker resolved."""

    article: ArticleRef
    quote_id: str
    kind: str
    speaker: EntityRef | None
    speaker_text: str | None
    cue: str | None
    content_text: str | None
    anonymous: bool


_ROLE_FIELD = {"actor": "actors", "recipient": "recipients", "location": "locations"}
_ARTICLE_COLUMNS = (ArticleRow.id, ArticleRow.title, ArticleRow.outlet, ArticleRow.url,
                    ArticleRow.published, ArticleRow.source_path)


# The columns each record reads (Core rows: no ORM object per fact).
_EVENT_COLUMNS = (EventRow.article_id, EventRow.event_id, EventRow.type, EventRow.mode,
                  EventRow.modality, EventRow.negated, EventRow.trigger_text,
                  EventRow.sentence_text, EventRow.confidence)
_QUANTITY_COLUMNS = (QuantityRow.quantity_id, QuantityRow.text, QuantityRow.value,
                     QuantityRow.low, QuantityRow.high, QuantityRow.approximate,
                     QuantityRow.comparator, QuantityRow.change, QuantityRow.unit,
                     QuantityRow.counted, QuantityRow.derived)
_QUOTE_COLUMNS = (QuoteRow.quote_id, QuoteRow.kind, QuoteRow.speaker_text, QuoteRow.cue,
                  QuoteRow.content_text, QuoteRow.anonymous)


def _article_ref(row) -> ArticleRef:
    return ArticleRef(row.id, row.title, row.outlet, row.url, row.published, row.source_path)


def _entity_ref(row, prefix: str) -> EntityRef | None:
    entity_id = getattr(row, f"{prefix}_id")
    if entity_id is None or getattr(row, f"{prefix}_name") is None:
        return None
    return EntityRef(entity_id, getattr(row, f"{prefix}_name"), getattr(row, f"{prefix}_type"),
                     getattr(row, f"{prefix}_country"))


def event_conditions(filters: Filters) -> list[ColumnElement[bool]]:
    """Conditions selecting the events the filters ask for (joined with their article)."""
    conditions = period_conditions(filters)
    if filters.types:
        conditions.append(EventRow.type.in_(filters.types))
    if filters.country:
        arg = aliased(EventArgRow)
        entity = aliased(EntityRow)
        conditions.append(exists().where(
            arg.article_id == EventRow.article_id, arg.event_id == EventRow.event_id,
            entity.article_id == arg.article_id, entity.entity_id == arg.entity_id,
            has_country(entity, filters.country)))
    return conditions


def count_articles(session: Session, filters: Filters) -> int:
    """How many articles fall in the filters' period (and name their country, if given)."""
    return session.scalar(
        select(func.count()).select_from(ArticleRow).where(*article_conditions(filters)))


def query_events(session: Session, filters: Filters) -> list[EventRecord]:
    """Events matching ``filters`` in publication order, with their arguments' names."""
    conditions = event_conditions(filters)
    stmt = (
        select(*_EVENT_COLUMNS, *_ARTICLE_COLUMNS, TimeRow.text.label("time_text"),
               TimeRow.value.label("time_value"), TimeRow.type.label("time_type"))
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .outerjoin(TimeRow, and_(TimeRow.article_id == EventRow.article_id,
                                 TimeRow.time_id == EventRow.time_id))
        .where(*conditions)
        .order_by(ArticleRow.published, ArticleRow.id, EventRow.trigger_start)
    )
    records: dict[tuple[str, str], EventRecord] = {}
    for row in rows_of(session, stmt):
        event = row  # the event's columns, its article's and its time's
        records[(event.article_id, event.event_id)] = EventRecord(
            article=_article_ref(row), event_id=event.event_id, type=event.type,
            mode=event.mode, modality=event.modality, negated=event.negated,
            trigger_text=event.trigger_text, sentence_text=event.sentence_text,
            confidence=event.confidence, time_text=row.time_text, time_value=row.time_value,
            time_type=row.time_type)
    _attach_arguments(session, conditions, records)
    return list(records.values())


def _attach_arguments(session: Session, conditions, records: dict) -> None:
    """Fill each event's actors, recipients and locations with one query."""
    stmt = (
        select(EventArgRow.article_id, EventArgRow.event_id, EventArgRow.role,
               EntityRow.entity_id, EntityRow.name, EntityRow.type, EntityRow.country,
               EntityRow.geo_country)
        .join(EventRow, and_(EventRow.article_id == EventArgRow.article_id,
                             EventRow.event_id == EventArgRow.event_id))
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .join(EntityRow, and_(EntityRow.article_id == EventArgRow.article_id,
                              EntityRow.entity_id == EventArgRow.entity_id))
        .where(*conditions)
        .order_by(EventArgRow.article_id, EventArgRow.event_id, EventArgRow.role,
                  EventArgRow.seq)
    )
    for row in rows_of(session, stmt):
        record = records.get((row.article_id, row.event_id))
        if record is not None:
            ref = EntityRef(row.entity_id, row.name, row.type, row.country or row.geo_country)
            getattr(record, _ROLE_FIELD[row.role]).append(ref)


def _entity_columns(entity, prefix: str) -> tuple:
    return (entity.entity_id.label(f"{prefix}_id"), entity.name.label(f"{prefix}_name"),
            entity.type.label(f"{prefix}_type"), entity.country.label(f"{prefix}_country"))


def _join_entity(stmt, entity, table, column):
    return stmt.outerjoin(entity, and_(entity.article_id == table.article_id,
                                       entity.entity_id == column))


def query_quantities(session: Session, filters: Filters) -> list[QuantityRecord]:
    """Figures from the filtered articles, with subject, source and time resolved."""
    subject, source = aliased(EntityRow), aliased(EntityRow)
    stmt = select(*_QUANTITY_COLUMNS, *_ARTICLE_COLUMNS, *_entity_columns(subject, "subject"),
                  *_entity_columns(source, "source"), TimeRow.text.label("time_text"),
                  TimeRow.value.label("time_value"))
    stmt = stmt.join(ArticleRow, ArticleRow.id == QuantityRow.article_id)
    stmt = _join_entity(stmt, subject, QuantityRow, QuantityRow.subject_id)
    stmt = _join_entity(stmt, source, QuantityRow, QuantityRow.source_id)
    stmt = stmt.outerjoin(TimeRow, and_(TimeRow.article_id == QuantityRow.article_id,
                                        TimeRow.time_id == QuantityRow.time_id))
    stmt = stmt.where(*article_conditions(filters)).order_by(
        ArticleRow.published, ArticleRow.id, QuantityRow.start)
    records = []
    for row in rows_of(session, stmt):
        q = row
        records.append(QuantityRecord(
            article=_article_ref(row), quantity_id=q.quantity_id, text=q.text, value=q.value,
            low=q.low, high=q.high, approximate=q.approximate, comparator=q.comparator,
            change=q.change, unit=q.unit, counted=q.counted, derived=q.derived,
            subject=_entity_ref(row, "subject"), source=_entity_ref(row, "source"),
            time_text=row.time_text, time_value=row.time_value))
    return records


def query_quotes(session: Session, filters: Filters,
                 speaker_name: str | None = None) -> list[QuoteRecord]:
    """Quotes from the filtered articles, with their speakers resolved.

    ``speaker_name``: only quotes whose speaker's name (or the words naming the speaker)
    is this, ignoring case.
    """
    speaker = aliased(EntityRow)
    stmt = select(*_QUOTE_COLUMNS, *_ARTICLE_COLUMNS, *_entity_columns(speaker, "speaker"))
    stmt = stmt.join(ArticleRow, ArticleRow.id == QuoteRow.article_id)
    stmt = _join_entity(stmt, speaker, QuoteRow, QuoteRow.speaker_id)
    conditions = article_conditions(filters)
    if speaker_name:
        name = speaker_name.lower()
        conditions.append(or_(func.lower(speaker.name) == name,
                              func.lower(QuoteRow.speaker_text) == name))
    stmt = stmt.where(*conditions).order_by(
        ArticleRow.published, ArticleRow.id, QuoteRow.start)
    records = []
    for row in rows_of(session, stmt):
        q = row
        records.append(QuoteRecord(
            article=_article_ref(row), quote_id=q.quote_id, kind=q.kind,
            speaker=_entity_ref(row, "speaker"), speaker_text=q.speaker_text, cue=q.cue,
            content_text=q.content_text, anonymous=q.anonymous))
    return records
