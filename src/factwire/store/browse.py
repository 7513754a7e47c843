"""Pages of rows with their totals: articles, global entities, quotes and figures, newest or
most reported first; one global entity with its record; the store's data version.

Each function takes a read session (``with store.reading() as session``) and a
:class:`~factwire.store.filters.Params`, and returns plain JSON-able dicts. Merged events:
:mod:`factwire.store.browse_events`; claim series and contradictions:
:mod:`factwire.store.read_claims`.
"""

from __future__ import annotations

from sqlalchemy import and_, desc, func, or_, select
from sqlalchemy.orm import Session, aliased

from factwire.store.filters import Params, article_conditions, first_of, like, rows_of
from factwire.store.read_links import entity_conditions
from factwire.store.schema import (
    ArticleRow,
    EntityAliasRow,
    EntityLinkRow,
    EntityRow,
    EventLinkRow,
    GlobalEntityRow,
    QuantityRow,
    QuoteRow,
)


def data_version(session: Session) -> int:
    """Changes whenever an article is added (for caching derived views): the number of
    articles (the store never deletes one)."""
    return session.scalar(select(func.count()).select_from(ArticleRow))


def article_ref(row) -> dict:
    """Where a fact was reported: id, title, outlet, url, publication date."""
    return {"id": row.id, "title": row.title, "outlet": row.outlet, "url": row.url,
            "published": row.published.isoformat() if row.published else None}


ARTICLE_REF = (ArticleRow.id, ArticleRow.title, ArticleRow.outlet, ArticleRow.url,
               ArticleRow.published)


# Articles

def list_articles(session: Session, p: Params) -> tuple[int, list[dict]]:
    """Articles, newest first, by period, country and words in the title or outlet."""
    conditions = article_conditions(p.filters)
    if p.q:
        conditions.append(or_(like(ArticleRow.title, p.q), like(ArticleRow.outlet, p.q)))
    total = session.scalar(select(func.count()).select_from(ArticleRow).where(*conditions))
    rows = rows_of(session, select(*ARTICLE_REF).where(*conditions)
                           .order_by(desc(ArticleRow.published), ArticleRow.id)
                           .limit(p.limit).offset(p.offset))
    return total, [article_ref(r) for r in rows]


def articles_by_id(session: Session, ids: list[str]) -> list[dict]:
    """Article references in the order of ``ids`` (search results)."""
    stmt = select(*ARTICLE_REF).where(ArticleRow.id.in_(ids))
    rows = {r.id: article_ref(r) for r in rows_of(session, stmt)}
    return [rows[i] for i in ids if i in rows]


def article_links(session: Session, article_id: str) -> dict:
    """The merged event of each of the article's events, the global entity of each entity."""
    events = dict(rows_of(session, select(EventLinkRow.event_id, EventLinkRow.merged_id)
                          .where(EventLinkRow.article_id == article_id)))
    entities = dict(rows_of(session, select(EntityLinkRow.entity_id, EntityLinkRow.global_id)
                            .where(EntityLinkRow.article_id == article_id)))
    return {"events": events, "entities": entities}


# Global entities

def list_entities(session: Session, p: Params, type: str | None = None,
                  ) -> tuple[int, list[dict]]:
    """Global entities, most reported first, with their aliases."""
    conditions = entity_conditions(p.query, type)
    total = session.scalar(select(func.count()).select_from(GlobalEntityRow)
                           .where(*conditions))
    stmt = (select(*ENTITY_COLUMNS).where(*conditions)
            .order_by(desc(GlobalEntityRow.articles), GlobalEntityRow.name, GlobalEntityRow.id)
            .limit(p.limit).offset(p.offset))
    rows = {g.id: entity_row(g) for g in rows_of(session, stmt)}
    _attach_aliases(session, rows)
    return total, list(rows.values())


# the columns entity_row reads (rows, not ORM objects: ``ix_global_entities_rank`` orders them)
ENTITY_COLUMNS = (GlobalEntityRow.id, GlobalEntityRow.name, GlobalEntityRow.type,
                  GlobalEntityRow.country, GlobalEntityRow.articles)


def entity_row(g) -> dict:
    """A global entity (a row of ``ENTITY_COLUMNS`` or a GlobalEntityRow) with no aliases yet."""
    return {"id": g.id, "name": g.name, "type": g.type, "country": g.country,
            "articles": g.articles, "aliases": []}


def _attach_aliases(session: Session, rows: dict) -> None:
    if rows:
        stmt = (select(EntityAliasRow.global_id, EntityAliasRow.alias)
                .where(EntityAliasRow.global_id.in_(list(rows))).order_by(EntityAliasRow.alias))
        for gid, alias in rows_of(session, stmt):
            rows[gid]["aliases"].append(alias)


def entity_detail(session: Session, global_id: int) -> dict | None:
    """One global entity with its aliases, or None."""
    g = first_of(session, select(*ENTITY_COLUMNS)
                        .where(GlobalEntityRow.id == global_id))
    if g is None:
        return None
    rows = {g.id: entity_row(g)}
    _attach_aliases(session, rows)
    return rows[global_id]


def entity_quotes(session: Session, global_id: int, limit: int = 50) -> list[dict]:
    """Quotes whose speaker is the global entity, newest first."""
    stmt = (select(*QUOTE_COLUMNS, *ARTICLE_REF)
            .join(ArticleRow, ArticleRow.id == QuoteRow.article_id)
            .join(EntityLinkRow, and_(EntityLinkRow.article_id == QuoteRow.article_id,
                                      EntityLinkRow.entity_id == QuoteRow.speaker_id))
            .where(EntityLinkRow.global_id == global_id)
            .order_by(desc(ArticleRow.published), QuoteRow.start).limit(limit))
    return [quote_row(r) for r in rows_of(session, stmt)]


# the columns quote_row reads, beside ARTICLE_REF (rows: no ORM objects to build)
QUOTE_COLUMNS = (QuoteRow.quote_id, QuoteRow.kind, QuoteRow.speaker_text, QuoteRow.cue,
                 QuoteRow.content_text, QuoteRow.anonymous)


def quote_row(row, speaker: str | None = None) -> dict:
    """A quote (a row of ``QUOTE_COLUMNS`` and ``ARTICLE_REF``) with its article."""
    q = row
    return {"article": article_ref(row), "quote_id": q.quote_id, "kind": q.kind,
            "speaker": speaker or q.speaker_text, "cue": q.cue, "content": q.content_text,
            "anonymous": q.anonymous}


# Quotes and figures, a page at a time

def list_quotes(session: Session, p: Params) -> tuple[int, list[dict]]:
    """Quotes, newest article first; ``actor`` matches the speaker, ``q`` the words."""
    speaker = aliased(EntityRow)
    speaker_join = and_(speaker.article_id == QuoteRow.article_id,
                        speaker.entity_id == QuoteRow.speaker_id)
    conditions = []
    if p.actor:
        conditions.append(or_(like(speaker.name, p.actor), like(QuoteRow.speaker_text,
                                                                p.actor)))
    if p.q:
        conditions.append(like(QuoteRow.content_text, p.q))
    base = (select(*QUOTE_COLUMNS, *ARTICLE_REF, speaker.name.label("speaker_name"))
            .join(ArticleRow, ArticleRow.id == QuoteRow.article_id)
            .outerjoin(speaker, speaker_join))
    total, rows = _newest_facts(session, QuoteRow, base, (speaker, speaker_join),
                                conditions, p)
    return total, [quote_row(r, r.speaker_name) for r in rows]


def list_quantities(session: Session, p: Params) -> tuple[int, list[dict]]:
    """Figures, newest article first; ``q`` matches what they count, ``actor`` the subject."""
    subject = aliased(EntityRow)
    subject_join = and_(subject.article_id == QuantityRow.article_id,
                        subject.entity_id == QuantityRow.subject_id)
    conditions = []
    if p.q:
        conditions.append(like(QuantityRow.counted, p.q))
    if p.actor:
        conditions.append(like(subject.name, p.actor))
    base = (select(*QUANTITY_COLUMNS, *ARTICLE_REF, subject.name.label("subject_name"))
            .join(ArticleRow, ArticleRow.id == QuantityRow.article_id)
            .outerjoin(subject, subject_join))
    total, rows = _newest_facts(session, QuantityRow, base, (subject, subject_join),
                                conditions, p)
    return total, [_quantity_row(r) for r in rows]


def _newest_facts(session: Session, fact, base, named: tuple, conditions: list, p: Params):
    """The total and the page of facts (``base``: the fact joined with its article and the
    entity ``named``) meeting ``conditions`` and ``p``'s article filters, newest first."""
    on_article = article_conditions(p.filters)
    in_page = _in_first_articles(fact, named, on_article, conditions, p)
    conditions = conditions + on_article
    base = base.where(*conditions)
    counted = select(func.count()).select_from(fact)
    if conditions:
        counted = select(func.count()).select_from(base.subquery())
    total = session.scalar(counted)
    rows = rows_of(session, base.where(in_page).order_by(
        desc(ArticleRow.published), ArticleRow.id, fact.start).limit(p.limit).offset(p.offset))
    return total, rows


QUANTITY_COLUMNS = (QuantityRow.quantity_id, QuantityRow.text, QuantityRow.value,
                    QuantityRow.low, QuantityRow.high, QuantityRow.approximate,
                    QuantityRow.comparator, QuantityRow.change, QuantityRow.unit,
                    QuantityRow.counted, QuantityRow.derived)


def _quantity_row(row) -> dict:
    q = row
    return {"article": article_ref(row), "quantity_id": q.quantity_id, "text": q.text,
            "value": q.value, "low": q.low, "high": q.high, "approximate": q.approximate,
            "comparator": q.comparator, "change": q.change, "unit": q.unit,
            "counted": q.counted, "subject": row.subject_name, "derived": q.derived}


def _in_first_articles(fact, named: tuple, on_article: list, conditions: list, p: Params):
    """The page's facts lie in these articles: each article meeting ``on_article`` with a fact
    meeting ``conditions`` (``fact`` outer-joined with the entity ``named`` = (alias, on))
    gives at least one row, newest article first, so rows ``offset .. offset + limit`` come
    from the first ``offset + limit`` such articles, read in ``ix_articles_published_id``
    order instead of sorting every fact."""
    entity, on = named
    matching = (select(fact.article_id).select_from(fact).outerjoin(entity, on)
                .where(fact.article_id == ArticleRow.id, *conditions)
                .correlate(ArticleRow).exists())
    firsts = (select(ArticleRow.id).where(*on_article, matching)
              .order_by(desc(ArticleRow.published), ArticleRow.id)
              .limit(p.offset + p.limit))
    return fact.article_id.in_(firsts)
