"""Linking an article into the record across articles, in the transaction that stores it.

After an article's rows are written: its entities are linked to global entities, its
MinHash signature is stored and compared with earlier articles' (a near-duplicate points to
its original), and each of its events joins the merged event it reports, or starts one
(the rule: :mod:`factwire.link.events`), and its figures join their claim series, where
contradictions are flagged (:mod:`factwire.store.claim_links`; not for a copy: a republished
figure is not a second source). Everything here runs in the caller's session.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, bindparam, delete, insert, or_, select, update
from sqlalchemy.orm import Session

from factwire.link import dedup
from factwire.link.dates import PRECISION_ORDER, event_interval
from factwire.link.entities import (
    PLACE_TYPES,
    KnownPerson,
    better_name,
    entity_country,
    entity_key,
    is_country,
    match_person,
    surname,
)
from factwire.link.events import SLACK_DAYS, EventReport, Party, Place, choose
from factwire.model import ArticleFacts, Entity, Event
from factwire.store.claim_links import link_claims
from factwire.store.schema import (
    LINK_TABLES,
    ArticleBandRow,
    ArticleSignatureRow,
    EntityAliasRow,
    EntityLinkRow,
    EventLinkRow,
    GlobalEntityRow,
    MergedEventRow,
)
from factwire.store.write import parse_date


def link_article(session: Session, facts: ArticleFacts,
                 members: MemberCache | None = None) -> None:
    """Link a just-written article's entities, duplicates, events and claims (caller commits).

    ``members`` is the writer's cache of merged events' reports (see :class:`MemberCache`);
    without one, every candidate's reports are read from the database.
    """
    gids = link_entities(session, facts.article.id, facts.entities)
    original = find_original(session, facts)
    link_events(session, facts, gids, duplicate=original is not None,
                members=MemberCache() if members is None else members)
    if original is None:
        link_claims(session, facts, gids)


def clear_links(session: Session) -> None:
    """Remove every cross-article link (before linking all articles again)."""
    for table in LINK_TABLES:
        session.execute(delete(table))


# --- entities ------------------------------------------------------------------------------

def link_entities(session: Session, article_id: str, entities: list[Entity]) -> dict[str, int]:
    """Link each named entity to its global entity (created when new); local id -> global.

    A few set-wise statements per article: known keys and people are looked up at once,
    new global entities, links and aliases are inserted with one executemany each.
    """
    keyed = [(e, key) for e in entities if (key := entity_key(e)) is not None]
    if not keyed:
        return {}
    gids = _people(session, [e for e, _ in keyed if e.type == "PERSON"])
    rest = [(e, key) for e, key in keyed if e.id not in gids]
    by_key = _ids_by_key(session, {key for _, key in rest})
    new = {key: e for e, key in rest if key not in by_key}
    if new:
        session.execute(insert(GlobalEntityRow), [
            {"key": key, "name": e.name, "type": e.type, "country": entity_country(e),
             "surname": surname(e.name) if e.type == "PERSON" else None, "articles": 0}
            for key, e in new.items()])
        by_key.update(_ids_by_key(session, set(new)))
    gids.update({e.id: by_key[key] for e, key in rest})
    _write_links(session, article_id, [e for e, _ in keyed], gids)
    return gids


def _ids_by_key(session: Session, keys: set[str]) -> dict[str, int]:
    if not keys:
        return {}
    return dict(session.execute(select(GlobalEntityRow.key, GlobalEntityRow.id)
                                .where(GlobalEntityRow.key.in_(keys))).all())


def _people(session: Session, people: list[Entity]) -> dict[str, int]:
    """Local id -> global id of the people already known by a matching name (aliases)."""
    surnames = {surname(e.name) for e in people} - {None}
    if not surnames:
        return {}
    rows = session.execute(select(GlobalEntityRow.id, GlobalEntityRow.name,
                                  GlobalEntityRow.country, GlobalEntityRow.surname)
                           .where(GlobalEntityRow.type == "PERSON",
                                  GlobalEntityRow.surname.in_(surnames))).all()
    found = {}
    for entity in people:
        candidates = [KnownPerson(r.id, r.name, r.country) for r in rows
                      if r.surname == surname(entity.name)]
        known = match_person(entity.name, entity_country(entity), candidates)
        if known is None:
            continue
        found[entity.id] = known.id
        name, country = better_name(known.name, entity.name), entity_country(entity)
        if name != known.name or (country and known.country is None):
            session.execute(update(GlobalEntityRow).where(GlobalEntityRow.id == known.id)
                            .values(name=name, country=known.country or country))
    return found


def _write_links(session: Session, article_id: str, entities: list[Entity],
                 gids: dict[str, int]) -> None:
    session.execute(insert(EntityLinkRow), [
        {"article_id": article_id, "entity_id": e.id, "global_id": gids[e.id]}
        for e in entities])
    aliases = {(gids[e.id], e.name.strip()[:255]) for e in entities}
    known = set(session.execute(select(EntityAliasRow.global_id, EntityAliasRow.alias).where(
        EntityAliasRow.global_id.in_({gid for gid, _ in aliases}))).all())
    if missing := aliases - known:
        session.execute(insert(EntityAliasRow), [
            {"global_id": gid, "alias": alias} for gid, alias in sorted(missing)])
    session.execute(update(GlobalEntityRow).where(GlobalEntityRow.id.in_(set(gids.values())))
                    .values(articles=GlobalEntityRow.articles + 1))


# --- near-duplicates -----------------------------------------------------------------------

# Signatures of the articles sharing a band with the new one: one (band, hash) equality per
# band, OR-ed, each a search of the primary key (a row-value IN list made SQLite scan every
# band of every article). Built once: building it per article cost more than running it.
_SAME_BAND = select(ArticleSignatureRow).where(ArticleSignatureRow.article_id.in_(
    select(ArticleBandRow.article_id).where(or_(*(
        and_(ArticleBandRow.band == i, ArticleBandRow.hash == bindparam(f"h{i}"))
        for i in range(dedup.BANDS)))).distinct()))


def find_original(session: Session, facts: ArticleFacts) -> str | None:
    """Store the article's signature; the id of the earlier article it nearly copies."""
    removed = [(r.start, r.end) for r in facts.removed]
    sig = dedup.signature(dedup.visible_text(facts.article.text, removed))
    bands = dedup.band_hashes(sig)
    candidates = session.execute(
        _SAME_BAND, {f"h{i}": h for i, h in enumerate(bands)}).scalars()
    best, best_similarity = None, dedup.THRESHOLD
    for row in candidates:
        similarity = dedup.similarity(sig, dedup.from_bytes(row.signature))
        if similarity >= best_similarity:
            best, best_similarity = row, similarity
    original = None if best is None else (best.duplicate_of or best.article_id)
    aid = facts.article.id
    session.add(ArticleSignatureRow(article_id=aid, signature=dedup.to_bytes(sig),
                                    duplicate_of=original,
                                    similarity=best_similarity if original else None))
    session.flush()
    session.execute(insert(ArticleBandRow), [
        {"band": i, "hash": h, "article_id": aid} for i, h in enumerate(bands)])
    return original


# --- events --------------------------------------------------------------------------------

def event_report(facts: ArticleFacts, event: Event, gids: dict[str, int]) -> EventReport:
    """The merge rule's view of one event: its date interval, parties and places."""
    entities = {e.id: e for e in facts.entities}
    times = {t.id: t for t in facts.times}
    value = times[event.time].value if event.time in times else None
    published = parse_date(facts.article.published)

    def parties(ids: list[str]) -> tuple[Party, ...]:
        return tuple(Party(gids.get(i), entity_country(entities[i]),
                           is_country(entities[i]) or entities[i].nominal)
                     for i in dict.fromkeys(ids) if i in entities)

    places = tuple(_place(entities[i], gids.get(i))
                   for i in dict.fromkeys([*event.location, *event.recipient])
                   if i in entities and _is_local_place(entities[i]))
    return EventReport(
        article_id=facts.article.id, event_id=event.id, type=event.type, mode=event.mode,
        modality=event.modality, negated=event.negated,
        when=event_interval(value, published), actors=parties(event.actor),
        recipients=parties(event.recipient), places=places)


def _is_local_place(entity: Entity) -> bool:
    return entity.type in PLACE_TYPES and not entity.nominal and not is_country(entity)


def _place(entity: Entity, gid: int | None) -> Place:
    geo = entity.geo
    return Place(gid, geo.lat if geo else None, geo.lon if geo else None,
                 geo.admin1 if geo else None, geo.feature if geo else None,
                 entity_country(entity))


class MemberCache:
    """The reports of merged events, as last read or written by this writer.

    Each entry is kept with the merged event's report count (``reports + republished``, one
    per event link); an entry whose count differs from the database's (another process
    added a report, or a transaction was rolled back) is read again. The owner must call
    :meth:`clear` after a failed transaction, since ids of rolled-back merged events are
    given out again.
    """

    def __init__(self) -> None:
        self._entries: dict[int, tuple[int, list[EventReport]]] = {}

    def clear(self) -> None:
        self._entries.clear()

    def get(self, session: Session, counts: dict[int, int]) -> dict[int, list[EventReport]]:
        """The reports of each merged event in ``counts`` (id -> report count)."""
        stale = [i for i, n in counts.items() if self._entries.get(i, (None,))[0] != n]
        fresh: dict[int, list[EventReport]] = {i: [] for i in stale}
        for start in range(0, len(stale), 500):
            for merged_id, features in session.execute(
                    select(EventLinkRow.merged_id, EventLinkRow.features)
                    .where(EventLinkRow.merged_id.in_(stale[start:start + 500]))):
                fresh[merged_id].append(EventReport.from_dict(features))
        for merged_id, reports in fresh.items():
            self._entries[merged_id] = (counts[merged_id], reports)
        return {i: self._entries[i][1] for i in counts}

    def add(self, merged_id: int, count: int, report: EventReport) -> None:
        """Record a report just linked to a merged event that now has ``count`` reports."""
        known = self._entries.get(merged_id)
        reports = known[1] if known and known[0] == count - 1 else None
        if reports is None and count != 1:
            self._entries.pop(merged_id, None)
            return
        self._entries[merged_id] = (count, [*(reports or []), report])


def link_events(session: Session, facts: ArticleFacts, gids: dict[str, int],
                duplicate: bool, members: MemberCache) -> None:
    """Each event joins the merged event it reports, or starts a new one."""
    times = {t.id: t.value for t in facts.times}
    reported = parse_date(facts.article.published) or dt.date.today()
    for event in facts.events:
        report = event_report(facts, event, gids)
        target = choose(report, _candidates(session, report, members))
        merged = (session.get(MergedEventRow, target) if target is not None
                  else _new_merged(session, report))
        _absorb(merged, report, times.get(event.time), reported, duplicate)
        session.add(EventLinkRow(article_id=report.article_id, event_id=report.event_id,
                                 merged_id=merged.id, duplicate=duplicate,
                                 features=report.to_dict()))
        session.flush()
        members.add(merged.id, merged.reports + merged.republished, report)


def _candidates(session: Session, report: EventReport,
                members: MemberCache) -> dict[int, list[EventReport]]:
    """Merged events the report could join: same type, modality, negation and (when both
    have one) mode, and every report near enough in date (the rule's cheap conditions,
    asked of the database; :func:`choose` applies the whole rule to what is left)."""
    if report.when is None:
        return {}
    slack = dt.timedelta(days=SLACK_DAYS)
    stmt = select(MergedEventRow.id, MergedEventRow.reports + MergedEventRow.republished).where(
        MergedEventRow.type == report.type, MergedEventRow.min_high.is_not(None),
        MergedEventRow.min_high >= report.when.low - slack,
        MergedEventRow.max_low <= report.when.high + slack,
        MergedEventRow.modality == report.modality, MergedEventRow.negated == report.negated)
    if report.mode:
        stmt = stmt.where(or_(MergedEventRow.mode.is_(None), MergedEventRow.mode == report.mode))
    return members.get(session, dict(session.execute(stmt).all()))


def _new_merged(session: Session, report: EventReport) -> MergedEventRow:
    merged = MergedEventRow(type=report.type, mode=report.mode, modality=report.modality,
                            negated=report.negated, reports=0, republished=0)
    session.add(merged)
    session.flush()
    return merged


def _absorb(merged: MergedEventRow, report: EventReport, value: str | None,
            reported: dt.date, duplicate: bool) -> None:
    """Update a merged event's dates, counts and first/last report with one more report."""
    if duplicate:
        merged.republished += 1
    else:
        merged.reports += 1
    merged.mode = merged.mode or report.mode
    merged.first_reported = min(filter(None, (merged.first_reported, reported)))
    merged.last_reported = max(filter(None, (merged.last_reported, reported)))
    when = report.when
    if when is None:
        return
    merged.date_low = min(filter(None, (merged.date_low, when.low)))
    merged.date_high = max(filter(None, (merged.date_high, when.high)))
    merged.max_low = max(filter(None, (merged.max_low, when.low)))
    merged.min_high = min(filter(None, (merged.min_high, when.high)))
    rank = PRECISION_ORDER.index(when.precision)
    if merged.date_precision is None or rank < PRECISION_ORDER.index(merged.date_precision):
        merged.date_precision = when.precision
        merged.date = value if when.precision != "reported" else None
