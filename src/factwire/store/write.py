"""From ArticleFacts to table rows, and writing them: one article, or a chunk of them at once.

The rows of an article depend on that article alone, so they are made where it was extracted
(a worker process, :func:`prepare`), as plain dicts with ``facts_json`` already JSON text: the
writer receives them cheaply and inserts a whole chunk with one statement per table.

>>> from factwire.model import Article, ArticleFacts
>>> rows = fact_rows(ArticleFacts(article=Article(id="a1", text="Hi.")))
>>> rows[ArticleRow][0]["id"]
'a1'
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Connection, TypeDecorator, bindparam, insert, select

from factwire.model import Article, ArticleFacts, Entity, Event, Quantity, Quote
from factwire.store.schema import (
    ARGUMENT_ROLES,
    FACT_TABLES,
    ArticleRow,
    EntityRow,
    EventArgRow,
    EventQuantityRow,
    EventRow,
    MentionRow,
    QuantityRow,
    QuoteRow,
    RemovedRow,
    TimeRow,
)

if TYPE_CHECKING:
    from factwire.store.linking import ArticleLinks

Rows = dict[type, list[dict[str, Any]]]


class JSONText(TypeDecorator):
    """A JSON column's value that is JSON text already (made by json.dumps, as the JSON type
    would): stored as it is, not encoded a second time (PostgreSQL still reads it as JSON)."""

    impl = JSON
    cache_ok = True

    def bind_processor(self, dialect):
        return None


_INSERT_ARTICLES = insert(ArticleRow.__table__).values(
    facts_json=bindparam("facts_json", type_=JSONText()))
IN_CHUNK = 500  # ids per IN (...) list: well under SQLite's and PostgreSQL's parameter limits


@dataclass(slots=True)
class Prepared:
    """One article as the writer needs it, made where it was extracted (:func:`prepare`).

    ``rows``: (table name, rows) in the order tables are written; the ``articles`` row has
    ``facts_json`` as JSON text and no ``ingested_at`` (set when it is written). ``links``:
    what linking needs of the article alone (:func:`factwire.store.linking.prepare_links`).
    """

    id: str
    name: str  # how messages name the article: its source path, else its id's start
    rows: list[tuple[str, list[dict[str, Any]]]]
    links: ArticleLinks

    def facts(self) -> ArticleFacts:
        """The ArticleFacts these rows were made from (as the store reads them back)."""
        row = self.rows[0][1][0]
        data = json.loads(row["facts_json"])
        data["article"] = {**data["article"], "text": row["text"]}
        return ArticleFacts.from_dict(data)


def prepare(facts: ArticleFacts) -> Prepared:
    """Everything the writer needs of one article (run where it is extracted)."""
    from factwire.store.linking import prepare_links

    article = facts.article
    rows = [(model.__tablename__, table_rows)
            for model, table_rows in fact_rows(facts, now=None).items()]
    return Prepared(article.id, article.source_path or article.id[:12], rows,
                    prepare_links(facts))


# Built once (building a statement per article cost more than running it).
_INSERTS = {model.__tablename__: insert(model.__table__) for model in (ArticleRow, *FACT_TABLES)}
_STORED = select(ArticleRow.id).where(ArticleRow.id.in_(bindparam("ids", expanding=True)))


def write_rows(connection: Connection, chunk: Sequence[Prepared]) -> None:
    """Insert the articles of a chunk and all their facts: one statement per table, articles
    in chunk order (the caller commits)."""
    now = dt.datetime.now(dt.UTC)
    tables: dict[str, list[dict[str, Any]]] = {}
    for prepared in chunk:
        for name, rows in prepared.rows:
            tables.setdefault(name, []).extend(rows)
    for name, rows in tables.items():
        if name == ArticleRow.__tablename__:
            connection.execute(_INSERT_ARTICLES, [{**row, "ingested_at": now} for row in rows])
        elif rows:
            connection.execute(_INSERTS[name], rows)


def stored_ids(connection: Connection, ids: Sequence[str]) -> set[str]:
    """Which of these article ids are stored."""
    found: set[str] = set()
    for start in range(0, len(ids), IN_CHUNK):
        found.update(connection.scalars(_STORED, {"ids": ids[start:start + IN_CHUNK]}))
    return found


def fact_rows(facts: ArticleFacts, now: dt.datetime | None | bool = True) -> Rows:
    """Every row of one article, by table, parents before children.

    ``now``: the ``ingested_at`` of the article (True: the current time, as a dict of
    ``facts_json``); None: no ``ingested_at``, ``facts_json`` as JSON text (:func:`prepare`).
    """
    aid = facts.article.id
    rows: Rows = {ArticleRow: [article_row(facts, now)]}
    rows.update({table: [] for table in FACT_TABLES})
    rows[RemovedRow] = [{"article_id": aid, "seq": i, "start": r.start, "end": r.end,
                         "reason": r.reason} for i, r in enumerate(facts.removed)]
    for entity in facts.entities:
        rows[EntityRow].append(entity_row(aid, entity))
        rows[MentionRow].extend(
            {"article_id": aid, "entity_id": entity.id, "seq": i, "start": m.start,
             "end": m.end, "text": m.text} for i, m in enumerate(entity.mentions))
    rows[TimeRow] = [{"article_id": aid, "time_id": t.id, "start": t.start, "end": t.end,
                      "text": t.text, "type": t.type, "value": t.value, "begin": t.begin,
                      "until": t.until} for t in facts.times]
    rows[QuantityRow] = [quantity_row(aid, q) for q in facts.quantities]
    rows[QuoteRow] = [quote_row(aid, q) for q in facts.quotes]
    for event in facts.events:
        rows[EventRow].append(event_row(aid, event, facts.article.text))
        rows[EventArgRow].extend(event_arg_rows(aid, event))
        rows[EventQuantityRow].extend(
            {"article_id": aid, "event_id": event.id, "quantity_id": q}
            for q in dict.fromkeys(event.quantities))
    return rows


def article_row(facts: ArticleFacts, now: dt.datetime | None | bool = True) -> dict[str, Any]:
    """The ``articles`` row; ``facts_json`` leaves out the text, kept once in ``text``.

    ``now``: as in :func:`fact_rows`.
    """
    article: Article = facts.article
    data = facts.to_dict()
    data["article"] = {k: v for k, v in data["article"].items() if k != "text"}
    row = {
        "id": article.id, "text": article.text, "url": article.url, "title": article.title,
        "outlet": article.outlet, "published": parse_date(article.published),
        "language": article.language, "source_id": article.source_id,
        "source_path": article.source_path, "contract_version": facts.factwire,
    }
    if now is None:
        row["facts_json"] = json.dumps(data)  # as the JSON type encodes it
    else:
        row["ingested_at"] = dt.datetime.now(dt.UTC) if now is True else now
        row["facts_json"] = data
    return row


def parse_date(value: str | None) -> dt.date | None:
    """The calendar date of a published value such as ``2025-04-02`` or ``2025-04-02T10:00``."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None  # an unparseable date is kept verbatim in facts_json


def entity_row(aid: str, entity: Entity) -> dict[str, Any]:
    geo = entity.geo
    return {
        "article_id": aid, "entity_id": entity.id, "name": entity.name, "type": entity.type,
        "country": entity.country, "role": entity.role, "sector": entity.sector,
        "nominal": entity.nominal,
        "lat": geo.lat if geo else None, "lon": geo.lon if geo else None,
        "geonameid": geo.geonameid if geo else None,
        "geo_feature": geo.feature if geo else None,
        "geo_admin1": geo.admin1 if geo else None,
        "geo_country": geo.country if geo else None,
        "geo_precision": geo.precision if geo else None,
    }


def quantity_row(aid: str, q: Quantity) -> dict[str, Any]:
    return {
        "article_id": aid, "quantity_id": q.id, "start": q.start, "end": q.end,
        "text": q.text, "value": q.value, "low": q.low, "high": q.high,
        "approximate": q.approximate, "comparator": q.comparator, "change": q.change,
        "unit": q.unit, "counted": q.counted, "subject_id": q.subject, "time_id": q.time,
        "source_id": q.source, "derived": q.derived, "derived_from": list(q.from_),
        "relative_to": q.relative_to,
    }


def quote_row(aid: str, q: Quote) -> dict[str, Any]:
    content = q.content
    return {
        "article_id": aid, "quote_id": q.id, "start": q.start, "end": q.end,
        "kind": q.kind, "speaker_id": q.speaker, "speaker_text": q.speaker_text,
        "cue": q.cue, "content_start": content.start if content else None,
        "content_end": content.end if content else None,
        "content_text": content.text if content else None,
        "medium_id": q.medium, "anonymous": q.anonymous,
    }


def event_row(aid: str, event: Event, text: str) -> dict[str, Any]:
    sentence = event.sentence
    return {
        "article_id": aid, "event_id": event.id, "type": event.type, "mode": event.mode,
        "time_id": event.time, "modality": event.modality,
        "attributed_to": event.attributed_to,
        "trigger_start": event.trigger.start, "trigger_end": event.trigger.end,
        "trigger_text": event.trigger.text,
        "sentence_start": sentence.start, "sentence_end": sentence.end,
        "sentence_text": text[sentence.start:sentence.end],
        "confidence": event.confidence, "negated": event.negated, "parent": event.parent,
    }


def event_arg_rows(aid: str, event: Event) -> list[dict[str, Any]]:
    """One row per (role, entity); an entity listed twice in a role is stored once."""
    rows = []
    for role in ARGUMENT_ROLES:
        entity_ids = dict.fromkeys(getattr(event, role))
        rows.extend({"article_id": aid, "event_id": event.id, "role": role, "seq": i,
                     "entity_id": entity_id} for i, entity_id in enumerate(entity_ids))
    return rows
