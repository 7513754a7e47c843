"""Read queries the web layer needs beyond the Store's methods: pages of rows with totals,
one merged event with its reports, one global entity with its record, dashboard counts.

Read-only, through the Store's engine and the schema tables; every function returns plain
JSON-able dicts. (Candidates to move into factwire.store.)
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import and_, desc, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from factwire.store import Store
from factwire.store.read import Filters, article_names_country, period_conditions
from factwire.store.read_links import Query, merged_conditions
from factwire.store.schema import (
    ArticleRow,
    EntityAliasRow,
    EntityLinkRow,
    EntityRow,
    EventArgRow,
    EventLinkRow,
    EventRow,
    GlobalEntityRow,
    MergedEventRow,
    QuantityRow,
    QuoteRow,
)

ROLE_FIELDS = {"actor": "actors", "recipient": "recipients", "location": "locations"}


@dataclass(frozen=True)
class Params:
    """Validated filters and the page asked for."""

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


def session(store: Store) -> Session:
    """A read session on the store's engine."""
    return Session(store.engine)


def _like(column, words: str):
    escaped = words.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped}%", escape="\\")


def data_version(store: Store) -> int:
    """Changes whenever an article is added (for caching derived views): the number of
    articles (the store never deletes one)."""
    with session(store) as s:
        return s.scalar(select(func.count()).select_from(ArticleRow))


def article_ref(row) -> dict:
    return {"id": row.id, "title": row.title, "outlet": row.outlet, "url": row.url,
            "published": row.published.isoformat() if row.published else None}


# Articles

def list_articles(store: Store, p: Params) -> tuple[int, list[dict]]:
    """Articles, newest first, by period, country and words in the title."""
    conditions = period_conditions(p.filters)
    if p.country:
        conditions.append(article_names_country(p.country))
    if p.q:
        conditions.append(or_(_like(ArticleRow.title, p.q), _like(ArticleRow.outlet, p.q)))
    columns = (ArticleRow.id, ArticleRow.title, ArticleRow.outlet, ArticleRow.url,
               ArticleRow.published)
    with session(store) as s:
        total = s.scalar(select(func.count()).select_from(ArticleRow).where(*conditions))
        rows = s.execute(select(*columns).where(*conditions)
                         .order_by(desc(ArticleRow.published), ArticleRow.id)
                         .limit(p.limit).offset(p.offset))
        return total, [article_ref(r) for r in rows]


def articles_by_id(store: Store, ids: list[str]) -> list[dict]:
    """Article references in the order of ``ids`` (search results)."""
    with session(store) as s:
        rows = {r.id: article_ref(r) for r in s.execute(
            select(ArticleRow.id, ArticleRow.title, ArticleRow.outlet, ArticleRow.url,
                   ArticleRow.published).where(ArticleRow.id.in_(ids)))}
    return [rows[i] for i in ids if i in rows]


def article_links(store: Store, article_id: str) -> dict:
    """The merged event of each of the article's events, the global entity of each entity."""
    with session(store) as s:
        events = dict(s.execute(select(EventLinkRow.event_id, EventLinkRow.merged_id)
                                .where(EventLinkRow.article_id == article_id)).all())
        entities = dict(s.execute(select(EntityLinkRow.entity_id, EntityLinkRow.global_id)
                                  .where(EntityLinkRow.article_id == article_id)).all())
    return {"events": events, "entities": entities}


# Merged events

def _event_order():
    return func.coalesce(MergedEventRow.date_low, MergedEventRow.first_reported)


def list_events(store: Store, p: Params) -> tuple[int, list[dict]]:
    """Merged events, newest first, with their parties, outlets and first sentence."""
    conditions = merged_conditions(p.query)
    with session(store) as s:
        total = s.scalar(select(func.count()).select_from(MergedEventRow).where(*conditions))
        merged = list(s.scalars(select(MergedEventRow).where(*conditions)
                                .order_by(desc(_event_order()), desc(MergedEventRow.id))
                                .limit(p.limit).offset(p.offset)))
        rows = {m.id: merged_row(m) for m in merged}
        _attach_reports(s, rows)
        _attach_parties(s, rows)
    return total, list(rows.values())


def merged_row(m: MergedEventRow) -> dict:
    return {"id": m.id, "type": m.type, "mode": m.mode, "modality": m.modality,
            "negated": m.negated, "date": m.date, "date_precision": m.date_precision,
            "first_reported": _iso(m.first_reported), "last_reported": _iso(m.last_reported),
            "reports": m.reports, "republished": m.republished, "actors": [],
            "recipients": [], "locations": [], "countries": [], "outlets": [],
            "sentence": None, "reports_list": []}


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _attach_reports(s: Session, rows: dict) -> None:
    """Each merged event's reports: article, local event id, trigger and sentence."""
    if not rows:
        return
    stmt = (select(EventLinkRow.merged_id, EventLinkRow.duplicate, EventRow,
                   ArticleRow.id, ArticleRow.title, ArticleRow.outlet, ArticleRow.url,
                   ArticleRow.published)
            .join(EventRow, and_(EventRow.article_id == EventLinkRow.article_id,
                                 EventRow.event_id == EventLinkRow.event_id))
            .join(ArticleRow, ArticleRow.id == EventLinkRow.article_id)
            .where(EventLinkRow.merged_id.in_(list(rows)))
            .order_by(EventLinkRow.merged_id, ArticleRow.published, ArticleRow.id))
    for row in s.execute(stmt):
        merged, event = rows[row.merged_id], row.EventRow
        merged["reports_list"].append({
            "article": article_ref(row), "event_id": event.event_id,
            "duplicate": row.duplicate, "trigger": event.trigger_text,
            "trigger_start": event.trigger_start - event.sentence_start,
            "trigger_end": event.trigger_end - event.sentence_start,
            "sentence": event.sentence_text, "modality": event.modality,
            "confidence": event.confidence})
        if row.outlet and row.outlet not in merged["outlets"]:
            merged["outlets"].append(row.outlet)
        if merged["sentence"] is None and not row.duplicate:
            merged["sentence"] = event.sentence_text


def _attach_parties(s: Session, rows: dict) -> None:
    """Actors, recipients and locations of each merged event, as global entities."""
    if not rows:
        return
    stmt = (select(EventLinkRow.merged_id, EventArgRow.role, EntityRow.name,
                   EntityRow.country, EntityRow.geo_country, GlobalEntityRow.id.label("gid"),
                   GlobalEntityRow.name.label("global_name"))
            .join(EventArgRow, and_(EventArgRow.article_id == EventLinkRow.article_id,
                                    EventArgRow.event_id == EventLinkRow.event_id))
            .join(EntityRow, and_(EntityRow.article_id == EventArgRow.article_id,
                                  EntityRow.entity_id == EventArgRow.entity_id))
            .outerjoin(EntityLinkRow, and_(EntityLinkRow.article_id == EntityRow.article_id,
                                           EntityLinkRow.entity_id == EntityRow.entity_id))
            .outerjoin(GlobalEntityRow, GlobalEntityRow.id == EntityLinkRow.global_id)
            .where(EventLinkRow.merged_id.in_(list(rows)))
            .order_by(EventLinkRow.merged_id, EventLinkRow.article_id, EventArgRow.seq))
    for row in s.execute(stmt):
        merged = rows[row.merged_id]
        party = {"id": row.gid, "name": row.global_name or row.name,
                 "country": row.country or row.geo_country}
        parties = merged[ROLE_FIELDS[row.role]]
        if party not in parties:
            parties.append(party)
        if party["country"] and party["country"] not in merged["countries"]:
            merged["countries"].append(party["country"])


def event_detail(store: Store, merged_id: int) -> dict | None:
    """One merged event with all its reports, or None."""
    with session(store) as s:
        merged = s.get(MergedEventRow, merged_id)
        if merged is None:
            return None
        rows = {merged.id: merged_row(merged)}
        _attach_reports(s, rows)
        _attach_parties(s, rows)
    return rows[merged_id]


def event_activity(store: Store, p: Params, global_id: int | None = None) -> list[tuple]:
    """(date, type) of every merged event matching ``p`` (or naming ``global_id``)."""
    conditions = merged_conditions(p.query)
    if global_id is not None:
        conditions.append(MergedEventRow.id.in_(_events_of_entity(global_id)))
    with session(store) as s:
        return list(s.execute(select(_event_order(), MergedEventRow.type)
                              .where(*conditions)).all())


def _events_of_entity(global_id: int):
    return (select(EventLinkRow.merged_id)
            .join(EventArgRow, and_(EventArgRow.article_id == EventLinkRow.article_id,
                                    EventArgRow.event_id == EventLinkRow.event_id))
            .join(EntityLinkRow, and_(EntityLinkRow.article_id == EventArgRow.article_id,
                                      EntityLinkRow.entity_id == EventArgRow.entity_id))
            .where(EntityLinkRow.global_id == global_id))


def entity_events(store: Store, global_id: int, limit: int = 50) -> list[dict]:
    """The newest merged events naming a global entity."""
    with session(store) as s:
        merged = list(s.scalars(select(MergedEventRow)
                                .where(MergedEventRow.id.in_(_events_of_entity(global_id)))
                                .order_by(desc(_event_order()), desc(MergedEventRow.id))
                                .limit(limit)))
        rows = {m.id: merged_row(m) for m in merged}
        _attach_reports(s, rows)
        _attach_parties(s, rows)
    return list(rows.values())


def top_actors(store: Store, p: Params, limit: int = 10) -> list[dict]:
    """Global entities that are the actor of the most merged events matching ``p``."""
    conditions = merged_conditions(p.query)
    count = func.count(func.distinct(EventLinkRow.merged_id)).label("events")
    stmt = (select(GlobalEntityRow.id, GlobalEntityRow.name, GlobalEntityRow.country, count)
            .join(EntityLinkRow, EntityLinkRow.global_id == GlobalEntityRow.id)
            .join(EventArgRow, and_(EventArgRow.article_id == EntityLinkRow.article_id,
                                    EventArgRow.entity_id == EntityLinkRow.entity_id,
                                    EventArgRow.role == "actor"))
            .join(EventLinkRow, and_(EventLinkRow.article_id == EventArgRow.article_id,
                                     EventLinkRow.event_id == EventArgRow.event_id))
            .join(MergedEventRow, MergedEventRow.id == EventLinkRow.merged_id)
            .where(*conditions)
            .group_by(GlobalEntityRow.id, GlobalEntityRow.name, GlobalEntityRow.country)
            .order_by(desc(count), GlobalEntityRow.name).limit(limit))
    with session(store) as s:
        return [{"id": r.id, "name": r.name, "country": r.country, "events": r.events}
                for r in s.execute(stmt)]


def count_by_type(activity: list[tuple]) -> dict[str, int]:
    return dict(Counter(t for _, t in activity).most_common())


# Global entities

def _entity_conditions(p: Params, type: str | None) -> list:
    conditions = []
    if p.country:
        conditions.append(GlobalEntityRow.country == p.country)
    if type:
        conditions.append(GlobalEntityRow.type == type)
    words = p.q or p.actor
    if words:
        conditions.append(or_(_like(GlobalEntityRow.name, words), exists().where(
            EntityAliasRow.global_id == GlobalEntityRow.id, _like(EntityAliasRow.alias, words))))
    return conditions


def list_entities(store: Store, p: Params, type: str | None = None
                  ) -> tuple[int, list[dict]]:
    """Global entities, most reported first, with their aliases."""
    conditions = _entity_conditions(p, type)
    with session(store) as s:
        total = s.scalar(select(func.count()).select_from(GlobalEntityRow).where(*conditions))
        rows = {g.id: entity_row(g) for g in s.scalars(
            select(GlobalEntityRow).where(*conditions)
            .order_by(desc(GlobalEntityRow.articles), GlobalEntityRow.name, GlobalEntityRow.id)
            .limit(p.limit).offset(p.offset))}
        _attach_aliases(s, rows)
    return total, list(rows.values())


def entity_row(g: GlobalEntityRow) -> dict:
    return {"id": g.id, "name": g.name, "type": g.type, "country": g.country,
            "articles": g.articles, "aliases": []}


def _attach_aliases(s: Session, rows: dict) -> None:
    if rows:
        for gid, alias in s.execute(select(EntityAliasRow.global_id, EntityAliasRow.alias)
                                    .where(EntityAliasRow.global_id.in_(list(rows)))
                                    .order_by(EntityAliasRow.alias)):
            rows[gid]["aliases"].append(alias)


def entity_detail(store: Store, global_id: int) -> dict | None:
    """One global entity with its aliases, or None."""
    with session(store) as s:
        g = s.get(GlobalEntityRow, global_id)
        if g is None:
            return None
        rows = {g.id: entity_row(g)}
        _attach_aliases(s, rows)
    return rows[global_id]


def entity_quotes(store: Store, global_id: int, limit: int = 50) -> list[dict]:
    """Quotes whose speaker is the global entity, newest first."""
    stmt = (select(QuoteRow, ArticleRow.id, ArticleRow.title, ArticleRow.outlet,
                   ArticleRow.url, ArticleRow.published)
            .join(ArticleRow, ArticleRow.id == QuoteRow.article_id)
            .join(EntityLinkRow, and_(EntityLinkRow.article_id == QuoteRow.article_id,
                                      EntityLinkRow.entity_id == QuoteRow.speaker_id))
            .where(EntityLinkRow.global_id == global_id)
            .order_by(desc(ArticleRow.published), QuoteRow.start).limit(limit))
    with session(store) as s:
        return [quote_row(r) for r in s.execute(stmt)]


def quote_row(row, speaker: str | None = None) -> dict:
    q = row.QuoteRow
    return {"article": article_ref(row), "quote_id": q.quote_id, "kind": q.kind,
            "speaker": speaker or q.speaker_text, "cue": q.cue, "content": q.content_text,
            "anonymous": q.anonymous}


# Quotes and figures, a page at a time

def list_quotes(store: Store, p: Params) -> tuple[int, list[dict]]:
    """Quotes, newest article first; ``actor`` matches the speaker, ``q`` the words."""
    speaker = aliased(EntityRow)
    speaker_join = and_(speaker.article_id == QuoteRow.article_id,
                        speaker.entity_id == QuoteRow.speaker_id)
    on_article, conditions = _article_conditions(p), []
    if p.actor:
        conditions.append(or_(_like(speaker.name, p.actor), _like(QuoteRow.speaker_text,
                                                                  p.actor)))
    if p.q:
        conditions.append(_like(QuoteRow.content_text, p.q))
    in_page = _in_first_articles(QuoteRow, (speaker, speaker_join), on_article, conditions,
                                 p)
    conditions += on_article
    base = (select(QuoteRow, ArticleRow.id, ArticleRow.title, ArticleRow.outlet,
                   ArticleRow.url, ArticleRow.published, speaker.name.label("speaker_name"))
            .join(ArticleRow, ArticleRow.id == QuoteRow.article_id)
            .outerjoin(speaker, speaker_join)
            .where(*conditions))
    counted = select(func.count()).select_from(QuoteRow)
    if conditions:
        counted = select(func.count()).select_from(base.subquery())
    page = base.where(in_page)
    with session(store) as s:
        total = s.scalar(counted)
        rows = s.execute(page.order_by(desc(ArticleRow.published), ArticleRow.id,
                                       QuoteRow.start).limit(p.limit).offset(p.offset))
        return total, [quote_row(r, r.speaker_name) for r in rows]


def list_quantities(store: Store, p: Params) -> tuple[int, list[dict]]:
    """Figures, newest article first; ``q`` matches what they count, ``actor`` the subject."""
    subject = aliased(EntityRow)
    subject_join = and_(subject.article_id == QuantityRow.article_id,
                        subject.entity_id == QuantityRow.subject_id)
    on_article, conditions = _article_conditions(p), []
    if p.q:
        conditions.append(_like(QuantityRow.counted, p.q))
    if p.actor:
        conditions.append(_like(subject.name, p.actor))
    in_page = _in_first_articles(QuantityRow, (subject, subject_join), on_article,
                                 conditions, p)
    conditions += on_article
    base = (select(QuantityRow, ArticleRow.id, ArticleRow.title, ArticleRow.outlet,
                   ArticleRow.url, ArticleRow.published, subject.name.label("subject_name"))
            .join(ArticleRow, ArticleRow.id == QuantityRow.article_id)
            .outerjoin(subject, subject_join)
            .where(*conditions))
    counted = select(func.count()).select_from(QuantityRow)
    if conditions:
        counted = select(func.count()).select_from(base.subquery())
    page = base.where(in_page)
    with session(store) as s:
        total = s.scalar(counted)
        rows = s.execute(page.order_by(desc(ArticleRow.published), ArticleRow.id,
                                       QuantityRow.start).limit(p.limit).offset(p.offset))
        return total, [_quantity_row(r) for r in rows]


def _quantity_row(row) -> dict:
    q = row.QuantityRow
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


def _article_conditions(p: Params) -> list:
    conditions = period_conditions(p.filters)
    if p.country:
        conditions.append(article_names_country(p.country))
    return conditions


def group_series(claims: list[dict]) -> list[dict]:
    """Claim rows grouped into series (subject, counted, unit), the longest first."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for claim in claims:
        groups[(claim["subject_id"], claim["subject"], claim["counted"],
                claim["unit"])].append(claim)
    series = [{"subject_id": k[0], "subject": k[1], "counted": k[2], "unit": k[3],
               "claims": v, "contradicted": any(c["contradicted"] for c in v)}
              for k, v in groups.items()]
    series.sort(key=lambda one: (-one["contradicted"], -len(one["claims"]),
                                 one["subject"] or "", one["counted"] or ""))
    return series
