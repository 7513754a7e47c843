"""Queries over the record across articles: merged events and global entities.

Each returns plain rows (dicts), one per merged event / global entity; the Store turns them
into pandas DataFrames. Claims and contradictions: :mod:`factwire.store.read_claims`. Only
portable SQL is used.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from factwire.link.entities import PLACE_TYPES
from factwire.store.filters import Place, Query, like, named, rows_of
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
)

# the field of a merged event row that lists the parties of each role
ROLE_FIELDS = {"actor": "actors", "recipient": "recipients", "location": "locations"}


def merged_conditions(query: Query) -> list[ColumnElement[bool]]:
    """Conditions on ``merged_events`` for a query."""
    f = query.filters
    conditions = []
    if f.since:
        conditions.append(func.coalesce(MergedEventRow.date_high,
                                        MergedEventRow.last_reported) >= f.since)
    if f.until:
        conditions.append(func.coalesce(MergedEventRow.date_low,
                                        MergedEventRow.first_reported) <= f.until)
    if f.types:
        conditions.append(MergedEventRow.type.in_(f.types))
    link, arg, elink = aliased(EventLinkRow), aliased(EventArgRow), aliased(EntityLinkRow)
    arg_join = [link.merged_id == MergedEventRow.id, arg.article_id == link.article_id,
                arg.event_id == link.event_id]
    if f.country:
        conditions.append(MergedEventRow.id.in_(_events_in_country(f.country)))
    if query.actor:
        conditions.append(exists().where(
            *arg_join, arg.role == "actor", elink.article_id == arg.article_id,
            elink.entity_id == arg.entity_id, named(elink.global_id, query.actor)))
    if query.text:
        conditions.append(exists().where(
            link.merged_id == MergedEventRow.id, EventRow.article_id == link.article_id,
            EventRow.event_id == link.event_id, like(EventRow.sentence_text, query.text)))
    if query.place:
        conditions.append(MergedEventRow.id.in_(events_at_place(query.place)))
    return conditions


def place_conditions(entity, place: Place) -> list[ColumnElement[bool]]:
    """Conditions on an entity (a table or alias of ``entities``) lying in ``place``."""
    conditions = []
    if place.country:
        conditions.append(entity.geo_country == place.country)
    if place.admin1:
        conditions.append(func.lower(entity.geo_admin1) == place.admin1.lower())
    if place.bbox:
        min_lon, min_lat, max_lon, max_lat = place.bbox
        conditions.append(entity.lat.between(min_lat, max_lat))
        if min_lon <= max_lon:
            conditions.append(entity.lon.between(min_lon, max_lon))
        else:  # across the antimeridian: east of min_lon or west of max_lon
            conditions.append(or_(entity.lon >= min_lon, entity.lon <= max_lon))
    return conditions


def events_at_place(place: Place):
    """Ids of the merged events with a ``location`` argument in ``place``. The search starts
    from the location arguments (``ix_event_args_role_entity``: role first), few beside
    actors and recipients, and reads each one's entity by its key: no scan of entities."""
    link, arg, entity = aliased(EventLinkRow), aliased(EventArgRow), aliased(EntityRow)
    return (select(link.merged_id).select_from(arg)
            .join(entity, and_(entity.article_id == arg.article_id,
                               entity.entity_id == arg.entity_id))
            .join(link, and_(link.article_id == arg.article_id, link.event_id == arg.event_id))
            .where(arg.role == "location", *place_conditions(entity, place)))


def _events_in_country(country: str):
    """Ids of the merged events with a party of ``country``, found from the entities of that
    country (indexed on ``country`` and ``geo_country``) rather than event by event."""
    link, arg, entity = aliased(EventLinkRow), aliased(EventArgRow), aliased(EntityRow)
    return (select(link.merged_id)
            .join(arg, and_(arg.article_id == link.article_id, arg.event_id == link.event_id))
            .join(entity, and_(entity.article_id == arg.article_id,
                               entity.entity_id == arg.entity_id))
            .where(or_(entity.country == country, entity.geo_country == country)))


def merged_events(session: Session, query: Query) -> list[dict]:
    """One row per merged event: type, date, parties, reports, outlets, first/last report."""
    stmt = (select(*MERGED_COLUMNS).where(*merged_conditions(query))
            .order_by(func.coalesce(MergedEventRow.date_low, MergedEventRow.first_reported),
                      MergedEventRow.id))
    rows = {m.id: _merged_row(m) for m in rows_of(session, stmt)}
    if not rows:
        return []
    ids = select(MergedEventRow.id).where(*merged_conditions(query))
    _attach_reports(session, ids, rows)
    _attach_parties(session, ids, rows)
    return [_finish(row) for row in rows.values()]


# the columns a merged event's row reads (Core rows: no ORM objects to build)
MERGED_COLUMNS = (MergedEventRow.id, MergedEventRow.type, MergedEventRow.mode,
                  MergedEventRow.modality, MergedEventRow.negated, MergedEventRow.date,
                  MergedEventRow.date_precision, MergedEventRow.first_reported,
                  MergedEventRow.last_reported, MergedEventRow.reports,
                  MergedEventRow.republished)
# the columns of a party that _attach_parties and _maybe_place read
PARTY_COLUMNS = (EntityRow.name, EntityRow.type, EntityRow.country, EntityRow.geo_country,
                 EntityRow.geo_feature, EntityRow.lat, EntityRow.lon, EntityRow.geonameid,
                 EntityRow.geo_admin1, EntityRow.geo_precision)


def _merged_row(m) -> dict:
    return {"event_id": m.id, "type": m.type, "mode": m.mode, "modality": m.modality,
            "negated": m.negated, "date": m.date or (m.first_reported.isoformat()
                                                      if m.first_reported else None),
            "date_precision": m.date_precision, "actors": [], "actor_countries": [],
            "recipients": [], "recipient_countries": [], "locations": [],
            "reports": m.reports, "republished": m.republished, "outlets": [],
            "first_reported": m.first_reported, "last_reported": m.last_reported,
            "sentence": None, "articles": [], "place": None, "latitude": None,
            "longitude": None, "geonameid": None, "place_country": None, "feature": None,
            "place_admin1": None, "place_precision": None}


def _attach_reports(session: Session, ids, rows: dict) -> None:
    stmt = (select(EventLinkRow.merged_id, EventLinkRow.duplicate, ArticleRow.id,
                   ArticleRow.outlet, EventRow.sentence_text)
            .join(EventRow, and_(EventRow.article_id == EventLinkRow.article_id,
                                 EventRow.event_id == EventLinkRow.event_id))
            .join(ArticleRow, ArticleRow.id == EventLinkRow.article_id)
            .where(EventLinkRow.merged_id.in_(ids))
            .order_by(EventLinkRow.merged_id, ArticleRow.published, ArticleRow.ingested_at))
    for merged_id, duplicate, article_id, outlet, sentence in rows_of(session, stmt):
        row = rows[merged_id]
        row["articles"].append(article_id)
        if outlet:
            row["outlets"].append(outlet)
        if row["sentence"] is None and not duplicate:
            row["sentence"] = sentence


def party_rows(ids, *columns) -> Select:
    """Every argument (actor, recipient, location) of the reports of the merged events
    ``ids``: merged id, role and the caller's ``columns`` of its entity and global entity
    (EntityRow, GlobalEntityRow), in merged event, article and argument order."""
    return (select(EventLinkRow.merged_id, EventArgRow.role, *columns)
            .join(EventArgRow, and_(EventArgRow.article_id == EventLinkRow.article_id,
                                    EventArgRow.event_id == EventLinkRow.event_id))
            .join(EntityRow, and_(EntityRow.article_id == EventArgRow.article_id,
                                  EntityRow.entity_id == EventArgRow.entity_id))
            .outerjoin(EntityLinkRow, and_(EntityLinkRow.article_id == EntityRow.article_id,
                                           EntityLinkRow.entity_id == EntityRow.entity_id))
            .outerjoin(GlobalEntityRow, GlobalEntityRow.id == EntityLinkRow.global_id)
            .where(EventLinkRow.merged_id.in_(ids))
            .order_by(EventLinkRow.merged_id, EventLinkRow.article_id, EventArgRow.seq))


def _attach_parties(session: Session, ids, rows: dict) -> None:
    stmt = party_rows(ids, *PARTY_COLUMNS, GlobalEntityRow.name.label("global_name"))
    for entity in rows_of(session, stmt):
        row, role, global_name = rows[entity.merged_id], entity.role, entity.global_name
        row[ROLE_FIELDS[role]].append(global_name or entity.name)
        country = entity.country or entity.geo_country
        if role in ("actor", "recipient") and country:
            row[f"{role}_countries"].append(country)
        _maybe_place(row, role, entity, global_name)


def place_argument() -> ColumnElement[bool]:
    """An event argument that can be where its event happened, as ``_maybe_place`` reads
    it: a location, or a recipient that is a place below country level."""
    return or_(EventArgRow.role == "location",
               and_(EventArgRow.role == "recipient", EntityRow.type.in_(PLACE_TYPES),
                    EntityRow.geo_feature.is_not(None), EntityRow.geo_feature != "country"))


def _maybe_place(row: dict, role: str, entity, global_name: str | None) -> None:
    """Where the event happened: its first location, else its first recipient that is a
    place below country level (a shelled city)."""
    if role == "actor" or row.get("_place_role") == "location":
        return
    if role == "recipient" and (row["place"] is not None or entity.type not in PLACE_TYPES
                                or entity.geo_feature in (None, "country")):
        return
    row["_place_role"] = role
    row.update(place=global_name or entity.name, latitude=entity.lat, longitude=entity.lon,
               geonameid=entity.geonameid, place_country=entity.geo_country or entity.country,
               feature=entity.geo_feature, place_admin1=entity.geo_admin1,
               place_precision=entity.geo_precision)


def _finish(row: dict) -> dict:
    row.pop("_place_role", None)
    for key in ("actors", "actor_countries", "recipients", "recipient_countries",
                "locations", "outlets", "articles"):
        row[key] = list(dict.fromkeys(row[key]))
    return row


def entity_conditions(query: Query, type: str | None = None) -> list[ColumnElement[bool]]:
    """Conditions on ``global_entities``: country, type, and words (``text``, else ``actor``)
    in the name or an alias."""
    conditions = []
    if query.filters.country:
        conditions.append(GlobalEntityRow.country == query.filters.country)
    if type:
        conditions.append(GlobalEntityRow.type == type.upper())
    words = query.text or query.actor
    if words:
        conditions.append(or_(like(GlobalEntityRow.name, words), exists().where(
            EntityAliasRow.global_id == GlobalEntityRow.id, like(EntityAliasRow.alias, words))))
    return conditions


def global_entities(session: Session, query: Query, type: str | None = None) -> list[dict]:
    """One row per global entity: name, type, country, articles naming it, aliases."""
    conditions = entity_conditions(query, type)
    columns = (GlobalEntityRow.id, GlobalEntityRow.name, GlobalEntityRow.type,
               GlobalEntityRow.country, GlobalEntityRow.articles, GlobalEntityRow.key)
    rows = {g.id: {"entity_id": g.id, "name": g.name, "type": g.type, "country": g.country,
                   "articles": g.articles, "aliases": [], "key": g.key}
            for g in rows_of(session, select(*columns).where(*conditions)
                             .order_by(GlobalEntityRow.articles.desc(), GlobalEntityRow.name))}
    ids = select(GlobalEntityRow.id).where(*conditions)
    for gid, alias in rows_of(session, select(EntityAliasRow.global_id, EntityAliasRow.alias)
                              .where(EntityAliasRow.global_id.in_(ids))
                              .order_by(EntityAliasRow.alias)):
        rows[gid]["aliases"].append(alias)
    return list(rows.values())
