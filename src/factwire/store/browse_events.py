"""Merged events a page at a time: newest first with their parties, outlets and first
sentence; one merged event with all its reports; events over time and the most active
actors (the dashboard).

Each function takes a read session (``with store.reading() as session``) and returns plain
JSON-able dicts. The filters are those of :func:`factwire.store.read_links.merged_conditions`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import and_, desc, func, select
from sqlalchemy.orm import Session

from factwire.store.browse import ARTICLE_REF, article_ref
from factwire.store.filters import Params, first_of, rows_of
from factwire.store.read_links import (
    MERGED_COLUMNS,
    ROLE_FIELDS,
    merged_conditions,
    party_rows,
)
from factwire.store.schema import (
    ArticleRow,
    EntityLinkRow,
    EntityRow,
    EventArgRow,
    EventLinkRow,
    EventRow,
    GlobalEntityRow,
    MergedEventRow,
)


def event_order():
    """When a merged event happened, else when it was first reported (the list order)."""
    return func.coalesce(MergedEventRow.date_low, MergedEventRow.first_reported)


def newest_first(stmt):
    """``stmt`` over ``merged_events`` in the list order (``ix_merged_events_order``)."""
    return stmt.order_by(desc(event_order()), desc(MergedEventRow.id))


def list_events(session: Session, p: Params) -> tuple[int, list[dict]]:
    """Merged events, newest first, with their parties, outlets and first sentence."""
    conditions = merged_conditions(p.query)
    page = newest_first(select(*MERGED_COLUMNS).where(*conditions)).limit(p.limit)
    count = select(func.count()).select_from(MergedEventRow).where(*conditions)
    if p.country or p.actor or p.q or p.place:
        # subqueries over parties or sentences: evaluated once, counted with the page
        rows = rows_of(session, page.add_columns(func.count().over().label("total"))
                       .offset(p.offset))
        total = rows[0].total if rows else (session.scalar(count) if p.offset else 0)
    else:
        total = session.scalar(count)
        rows = rows_of(session, page.offset(p.offset))
    return total, _with_reports(session, rows)


def _with_reports(session: Session, merged: list) -> list[dict]:
    """Rows of ``MERGED_COLUMNS`` as dicts, with their reports and parties (two queries)."""
    rows = {m.id: merged_row(m) for m in merged}
    _attach_reports(session, rows)
    _attach_parties(session, rows)
    return list(rows.values())


def merged_row(m) -> dict:
    """A merged event (a row of ``MERGED_COLUMNS`` or a MergedEventRow), parties to come."""
    return {"id": m.id, "type": m.type, "mode": m.mode, "modality": m.modality,
            "negated": m.negated, "date": m.date, "date_precision": m.date_precision,
            "first_reported": _iso(m.first_reported), "last_reported": _iso(m.last_reported),
            "reports": m.reports, "republished": m.republished, "actors": [],
            "recipients": [], "locations": [], "countries": [], "outlets": [],
            "sentence": None, "reports_list": [], "place": None}


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _attach_reports(session: Session, rows: dict) -> None:
    """Each merged event's reports: article, local event id, trigger and sentence."""
    if not rows:
        return
    stmt = (select(EventLinkRow.merged_id, EventLinkRow.duplicate, EventRow.event_id,
                   EventRow.trigger_text, EventRow.trigger_start, EventRow.trigger_end,
                   EventRow.sentence_start, EventRow.sentence_text, EventRow.modality,
                   EventRow.confidence, *ARTICLE_REF)
            .join(EventRow, and_(EventRow.article_id == EventLinkRow.article_id,
                                 EventRow.event_id == EventLinkRow.event_id))
            .join(ArticleRow, ArticleRow.id == EventLinkRow.article_id)
            .where(EventLinkRow.merged_id.in_(list(rows)))
            .order_by(EventLinkRow.merged_id, ArticleRow.published, ArticleRow.id))
    for row in rows_of(session, stmt):
        merged, event = rows[row.merged_id], row
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


def _attach_parties(session: Session, rows: dict) -> None:
    """Actors, recipients and locations of each merged event, as global entities."""
    if not rows:
        return
    stmt = party_rows(list(rows), EntityRow.name, EntityRow.country, EntityRow.geo_country,
                      GlobalEntityRow.id.label("gid"), GlobalEntityRow.name.label("global_name"),
                      *PLACE_COLUMNS)
    for row in rows_of(session, stmt):
        merged = rows[row.merged_id]
        party = {"id": row.gid, "name": row.global_name or row.name,
                 "country": row.country or row.geo_country}
        if row.role == "location" and merged["place"] is None:
            merged["place"] = place_of(row, party["name"])
        parties = merged[ROLE_FIELDS[row.role]]
        if party not in parties:
            parties.append(party)
        if party["country"] and party["country"] not in merged["countries"]:
            merged["countries"].append(party["country"])


# the columns of a location that ``place_of`` reads
PLACE_COLUMNS = (EntityRow.lat, EntityRow.lon, EntityRow.geonameid, EntityRow.geo_feature,
                 EntityRow.geo_admin1, EntityRow.geo_precision)


def place_of(row, name: str) -> dict:
    """Where a merged event happened (its first location): name, coordinates, GeoNames id,
    feature, first-level area, country and precision (``country``, ``region``, ``city``)."""
    return {"name": name, "lat": row.lat, "lon": row.lon, "geonameid": row.geonameid,
            "feature": row.geo_feature, "admin1": row.geo_admin1,
            "country": row.geo_country or row.country, "precision": row.geo_precision}


def event_detail(session: Session, merged_id: int) -> dict | None:
    """One merged event with all its reports, or None."""
    merged = first_of(session, select(*MERGED_COLUMNS).where(MergedEventRow.id == merged_id))
    return None if merged is None else _with_reports(session, [merged])[0]


def event_activity(session: Session, p: Params, global_id: int | None = None) -> list[tuple]:
    """(date, type) of every merged event matching ``p`` (or naming ``global_id``)."""
    conditions = merged_conditions(p.query)
    if global_id is not None:
        conditions.append(MergedEventRow.id.in_(_events_of_entity(global_id)))
    return rows_of(session, select(event_order(), MergedEventRow.type).where(*conditions))


def _events_of_entity(global_id: int):
    return (select(EventLinkRow.merged_id)
            .join(EventArgRow, and_(EventArgRow.article_id == EventLinkRow.article_id,
                                    EventArgRow.event_id == EventLinkRow.event_id))
            .join(EntityLinkRow, and_(EntityLinkRow.article_id == EventArgRow.article_id,
                                      EntityLinkRow.entity_id == EventArgRow.entity_id))
            .where(EntityLinkRow.global_id == global_id))


def entity_events(session: Session, global_id: int, limit: int = 50) -> list[dict]:
    """The newest merged events naming a global entity."""
    merged = rows_of(session, newest_first(
        select(*MERGED_COLUMNS).where(MergedEventRow.id.in_(_events_of_entity(global_id))))
        .limit(limit))
    return _with_reports(session, merged)


def top_actors(session: Session, p: Params, limit: int = 10) -> list[dict]:
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
    return [{"id": r.id, "name": r.name, "country": r.country, "events": r.events}
            for r in rows_of(session, stmt)]


def count_by_type(activity: list[tuple]) -> dict[str, int]:
    """How many of the (date, type) pairs are of each type, the most frequent first."""
    return dict(Counter(t for _, t in activity).most_common())
