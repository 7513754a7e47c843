"""Linking an article into the record across articles, in the transaction that stores it.

After an article's rows are written: its entities are linked to global entities, its
MinHash signature is stored and compared with earlier articles' (a near-duplicate points to
its original), and each of its events joins the merged event it reports, or starts one
(the rule: :mod:`factwire.link.events`), and its figures join their claim series, where
contradictions are flagged (:mod:`factwire.store.claim_links`; not for a copy: a republished
figure is not a second source). Everything here runs in the caller's transaction, with Core
statements only.

What depends on the article alone (entity keys, the MinHash signature and its bands, the
events' dates and parties, the figures that may join a series) is computed first, where the
article was extracted (:func:`prepare_links`, run in a worker process); the writer then only
asks the database what other articles made. Rows that no later step of linking reads (entity
links, aliases, counts of articles, event links) wait in a :class:`Pending` and are written
together at the end of the transaction, one statement each for a whole chunk of articles.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import (
    Connection,
    CursorResult,
    and_,
    bindparam,
    delete,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from factwire.link import dedup
from factwire.link.claims import Claim, in_series
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
from factwire.link.events import SLACK_DAYS, EventReport, Party, Place, can_join, choose
from factwire.model import ArticleFacts, Entity, Event
from factwire.store.claim_links import add_claims, article_claims
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
from factwire.store.write import Prepared, parse_date, write_rows

Executor = Session | Connection
IN_CHUNK = 500  # keys per IN (...) list: well under SQLite's and PostgreSQL's parameter limits


@dataclass(slots=True)
class ArticleLinks:
    """What linking needs of one article, computed from the article alone.

    ``entities``: (local id, key, name, type, country, surname) of each named entity;
    ``events``: each event's report with *local* entity ids in place of global ones, and its
    TIMEX3 value; ``claims``: (local subject id, claim without its subject) of each figure
    that joins a series once its subject is linked.
    """

    article_id: str
    published: dt.date | None
    entities: list[tuple[str, str, str, str, str | None, str | None]]
    signature: bytes
    bands: list[int]
    events: list[tuple[EventReport, str | None]]
    claims: list[tuple[str, Claim]]


def prepare_links(facts: ArticleFacts) -> ArticleLinks:
    """The article's part of linking (run where it is extracted)."""
    entities = [(e.id, key, e.name, e.type, entity_country(e),
                 surname(e.name) if e.type == "PERSON" else None)
                for e in facts.entities if (key := entity_key(e)) is not None]
    removed = [(r.start, r.end) for r in facts.removed]
    sig = dedup.signature(dedup.visible_text(facts.article.text, removed))
    local = {e.id: e.id for e in facts.entities}  # "global" ids: the local ones, for now
    times = {t.id: t.value for t in facts.times}
    events = [(event_report(facts, event, local), times.get(event.time))
              for event in facts.events]
    claims = [(claim.subject, replace(claim, subject=None))
              for claim in article_claims(facts, local) if in_series(claim)]
    return ArticleLinks(facts.article.id, parse_date(facts.article.published), entities,
                        dedup.to_bytes(sig), dedup.band_hashes(sig), events, claims)


def link_article(session: Executor, facts: ArticleFacts,
                 members: MemberCache | None = None) -> None:
    """Link a just-written article's entities, duplicates, events and claims (caller commits).

    ``members`` is the writer's cache of merged events' reports and global entities' keys
    (see :class:`MemberCache`); without one, everything is read from the database.
    """
    link_links(session, prepare_links(facts), members)


def link_links(session: Executor, links: ArticleLinks,
               members: MemberCache | None = None) -> None:
    """``link_article`` from the article's prepared part (``Prepared.links``)."""
    connection = session.connection() if isinstance(session, Session) else session
    pending = Pending()
    link_prepared(connection, links, MemberCache() if members is None else members, pending)
    pending.write(connection)


def link_prepared(connection: Connection, links: ArticleLinks, cache: MemberCache,
                  pending: Pending) -> None:
    """Link one article from its prepared part (the caller writes ``pending`` before it
    commits)."""
    gids = link_entities(connection, links.article_id, links.entities, cache, pending)
    original = find_original(connection, links)
    link_events(connection, links, gids, duplicate=original is not None, members=cache,
                pending=pending)
    if original is None:
        add_claims(connection, [replace(claim, subject=gids[subject])
                                for subject, claim in links.claims if subject in gids],
                   known=cache.series)


def store_chunk(connection: Connection, chunk: Sequence[Prepared], cache: MemberCache) -> None:
    """Write the rows of a chunk of articles (one statement per table), link each article
    in order, then write what linking left pending (the caller commits)."""
    write_rows(connection, chunk)
    pending = Pending()
    for prepared in chunk:
        link_prepared(connection, prepared.links, cache, pending)
    pending.write(connection)


def clear_links(session: Session) -> None:
    """Remove every cross-article link (before linking all articles again)."""
    for table in LINK_TABLES:
        session.execute(delete(table))


_GLOBAL = GlobalEntityRow.__table__
_ALIAS = EntityAliasRow.__table__
# Statements built once (building one per article cost more than running it).
_INSERT_LINKS = insert(EntityLinkRow.__table__)
_INSERT_ALIASES = insert(_ALIAS)
_ALIASES = select(_ALIAS.c.global_id, _ALIAS.c.alias).where(
    _ALIAS.c.global_id.in_(bindparam("gids", expanding=True)))
_COUNT_ARTICLES = update(_GLOBAL).where(_GLOBAL.c.id == bindparam("gid")).values(
    articles=_GLOBAL.c.articles + bindparam("more"))
# New global entities and their ids, in the order given (ids are given out in that order).
_INSERT_GLOBAL = insert(_GLOBAL).returning(_GLOBAL.c.key, _GLOBAL.c.id,
                                           sort_by_parameter_order=True)
_BY_KEY = select(_GLOBAL.c.key, _GLOBAL.c.id).where(
    _GLOBAL.c.key.in_(bindparam("keys", expanding=True)))
_PEOPLE = select(_GLOBAL.c.id, _GLOBAL.c.name, _GLOBAL.c.country, _GLOBAL.c.surname).where(
    _GLOBAL.c.type == "PERSON", _GLOBAL.c.surname.in_(bindparam("surnames", expanding=True)))
_RENAME = update(_GLOBAL).where(_GLOBAL.c.id == bindparam("gid")).values(
    name=bindparam("name"), country=bindparam("country"))


@dataclass
class Pending:
    """Rows of linking that no later step of linking reads, written at the end of the
    transaction in the order the articles were linked: entity links, new aliases, how many
    more articles name each global entity, and event links (read only for merged events
    the writer has no fresh reports of: :meth:`MemberCache.get` writes them first)."""

    links: list[dict[str, Any]] = field(default_factory=list)
    aliases: list[set[tuple[int, str]]] = field(default_factory=list)
    articles: Counter = field(default_factory=Counter)
    event_links: list[dict[str, Any]] = field(default_factory=list)

    def write(self, connection: Connection) -> None:
        if self.links:
            connection.execute(_INSERT_LINKS, self.links)
        self._write_aliases(connection)
        self.write_event_links(connection)
        if self.articles:  # in id order: concurrent writers lock rows in the same order
            connection.execute(_COUNT_ARTICLES, [{"gid": gid, "more": n}
                                                 for gid, n in sorted(self.articles.items())])
        self.links, self.aliases, self.articles = [], [], Counter()

    def write_event_links(self, connection: Connection) -> None:
        """Write the event links now (before the reports of merged events are read)."""
        if self.event_links:
            connection.execute(_INSERT_EVENT_LINKS, self.event_links)
            self.event_links = []

    def _write_aliases(self, connection: Connection) -> None:
        gids = sorted({gid for aliases in self.aliases for gid, _ in aliases})
        known: set[tuple[int, str]] = set()
        for start in range(0, len(gids), IN_CHUNK):
            known.update(connection.execute(
                _ALIASES, {"gids": gids[start:start + IN_CHUNK]}).all())
        rows = []
        for aliases in self.aliases:  # article by article, each one's new aliases sorted
            missing = aliases - known
            rows.extend({"global_id": gid, "alias": alias} for gid, alias in sorted(missing))
            known |= missing
        if rows:
            connection.execute(_INSERT_ALIASES, rows)


# --- entities ------------------------------------------------------------------------------

def link_entities(connection: Connection, article_id: str, entities: list[tuple],
                  cache: MemberCache, pending: Pending) -> dict[str, int]:
    """Link each named entity to its global entity (created when new); local id -> global.

    ``entities`` as :class:`ArticleLinks` has them. People already known by a matching name
    (aliases) are looked up at once; keys the writer has met are not asked again; new global
    entities are inserted with one executemany; links, aliases and counts wait in
    ``pending``.
    """
    if not entities:
        return {}
    gids = _people(connection, [e for e in entities if e[3] == "PERSON"])
    rest = [e for e in entities if e[0] not in gids]
    by_key = cache.global_ids(connection, {e[1] for e in rest})
    new = {key: (name, type_, country, last)
           for _, key, name, type_, country, last in rest if key not in by_key}
    if new:
        by_key.update(cache.created(connection.execute(_INSERT_GLOBAL, [
            {"key": key, "name": name, "type": type_, "country": country, "surname": last,
             "articles": 0} for key, (name, type_, country, last) in new.items()])))
    gids.update({e[0]: by_key[e[1]] for e in rest})
    pending.links.extend({"article_id": article_id, "entity_id": e[0], "global_id": gids[e[0]]}
                         for e in entities)
    pending.aliases.append({(gids[e[0]], e[2].strip()[:255]) for e in entities})
    pending.articles.update(set(gids.values()))
    return gids


def _ids_by_key(connection: Executor, keys: list[str]) -> dict[str, int]:
    found = {}
    for start in range(0, len(keys), IN_CHUNK):
        found.update(connection.execute(_BY_KEY, {"keys": keys[start:start + IN_CHUNK]}).all())
    return found


def _people(connection: Connection, people: list[tuple]) -> dict[str, int]:
    """Local id -> global id of the people already known by a matching name (aliases)."""
    surnames = {e[5] for e in people} - {None}
    if not surnames:
        return {}
    rows = connection.execute(_PEOPLE, {"surnames": sorted(surnames)}).all()
    found = {}
    for local_id, _, name, _, country, last in people:
        candidates = [KnownPerson(r.id, r.name, r.country) for r in rows if r.surname == last]
        known = match_person(name, country, candidates)
        if known is None:
            continue
        found[local_id] = known.id
        better = better_name(known.name, name)
        if better != known.name or (country and known.country is None):
            connection.execute(_RENAME, {"gid": known.id, "name": better,
                                         "country": known.country or country})
    return found


# --- near-duplicates -----------------------------------------------------------------------

# Signatures of the articles sharing a band with the new one: one (band, hash) equality per
# band, OR-ed, each a search of the primary key (a row-value IN list made SQLite scan every
# band of every article). Built once: building it per article cost more than running it.
_SIGNATURES = ArticleSignatureRow.__table__
_SAME_BAND = select(_SIGNATURES).where(_SIGNATURES.c.article_id.in_(
    select(ArticleBandRow.article_id).where(or_(*(
        and_(ArticleBandRow.band == i, ArticleBandRow.hash == bindparam(f"h{i}"))
        for i in range(dedup.BANDS)))).distinct()))


_INSERT_SIGNATURE = insert(_SIGNATURES)
_INSERT_BANDS = insert(ArticleBandRow.__table__)


def find_original(connection: Connection, links: ArticleLinks) -> str | None:
    """Store the article's signature; the id of the earlier article it nearly copies."""
    sig = dedup.from_bytes(links.signature)
    candidates = connection.execute(
        _SAME_BAND, {f"h{i}": h for i, h in enumerate(links.bands)})
    best, best_similarity = None, dedup.THRESHOLD
    for row in candidates:
        similarity = dedup.similarity(sig, dedup.from_bytes(row.signature))
        if similarity >= best_similarity:
            best, best_similarity = row, similarity
    original = None if best is None else (best.duplicate_of or best.article_id)
    aid = links.article_id
    connection.execute(_INSERT_SIGNATURE, {
        "article_id": aid, "signature": links.signature, "duplicate_of": original,
        "similarity": best_similarity if original else None})
    connection.execute(_INSERT_BANDS, [
        {"band": i, "hash": h, "article_id": aid} for i, h in enumerate(links.bands)])
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
    """The reports of merged events, as last read or written by this writer, and the ids of
    the global entities and claim series it met (by key).

    Each merged event's entry is kept with its report count (``reports + republished``,
    one per event link); an entry whose count differs from the database's (another process
    added a report, or a transaction was rolled back) is read again. The key of a global
    entity or a series never changes, and its row is only deleted with every link (a relink,
    which clears the cache). The owner must call :meth:`clear` after a failed transaction,
    since ids of rolled-back rows are given out again.
    """

    def __init__(self) -> None:
        self._entries: dict[int, tuple[int, list[EventReport]]] = {}
        self._gids: dict[str, int] = {}
        self.series: dict[str, int] = {}  # claim series' ids by stored key

    def clear(self) -> None:
        self._entries.clear()
        self._gids.clear()
        self.series.clear()

    def global_ids(self, connection: Executor, keys: set[str]) -> dict[str, int]:
        """Key -> id of the global entities with these keys that exist."""
        found = {key: self._gids[key] for key in keys if key in self._gids}
        if len(found) < len(keys):
            read = _ids_by_key(connection, sorted(keys - found.keys()))
            self._gids.update(read)
            found.update(read)
        return found

    def created(self, result: CursorResult) -> dict[str, int]:
        """Remember the (key, id) rows of global entities just created; key -> id."""
        made = dict(result.all())
        self._gids.update(made)
        return made

    def get(self, session: Executor, counts: dict[int, int], pending: Pending | None = None,
            ) -> dict[int, list[EventReport]]:
        """The reports of each merged event in ``counts`` (id -> report count); event links
        still ``pending`` are written before any are read."""
        stale = [i for i, n in counts.items() if self._entries.get(i, (None,))[0] != n]
        if stale and pending is not None:
            pending.write_event_links(session)
        fresh: dict[int, list[EventReport]] = {i: [] for i in stale}
        for start in range(0, len(stale), IN_CHUNK):
            for merged_id, features in session.execute(
                    _REPORTS, {"ids": stale[start:start + IN_CHUNK]}):
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


_EVENT_LINKS = EventLinkRow.__table__
_REPORTS = select(_EVENT_LINKS.c.merged_id, _EVENT_LINKS.c.features).where(
    _EVENT_LINKS.c.merged_id.in_(bindparam("ids", expanding=True)))
_INSERT_EVENT_LINKS = insert(_EVENT_LINKS)
_MERGED = MergedEventRow.__table__
_INSERT_MERGED = insert(_MERGED)
# What one more report changes in a merged event (the same columns every time: one
# statement, compiled once).
_ABSORBED = ("reports", "republished", "mode", "first_reported", "last_reported", "date_low",
             "date_high", "max_low", "min_high", "date_precision", "date")
_UPDATE_MERGED = update(_MERGED).where(_MERGED.c.id == bindparam("merged_id")).values(
    {name: bindparam(name) for name in _ABSORBED})


def link_events(connection: Connection, links: ArticleLinks, gids: dict[str, int],
                duplicate: bool, members: MemberCache, pending: Pending) -> None:
    """Each event joins the merged event it reports, or starts a new one (its link waits
    in ``pending``)."""
    reported = links.published or dt.date.today()
    for local, value in links.events:
        report = with_global_ids(local, gids)
        candidates = _candidates(connection, report) if can_join(report) else {}
        target = choose(report, members.get(connection, candidates, pending))
        if target is None:
            merged = {**dict.fromkeys(_ABSORBED), "type": report.type, "mode": report.mode,
                      "modality": report.modality, "negated": report.negated, "reports": 0,
                      "republished": 0}
        else:
            merged = dict(connection.execute(_MERGED_ROW, {"merged_id": target}).one()._mapping)
        _absorb(merged, report, value, reported, duplicate)
        if target is None:
            target = connection.execute(_INSERT_MERGED, merged).inserted_primary_key[0]
        else:
            connection.execute(_UPDATE_MERGED, {"merged_id": target,
                                                **{name: merged[name] for name in _ABSORBED}})
        pending.event_links.append({
            "article_id": report.article_id, "event_id": report.event_id,
            "merged_id": target, "duplicate": duplicate, "features": report.to_dict()})
        members.add(target, merged["reports"] + merged["republished"], report)


def with_global_ids(report: EventReport, gids: dict[str, int]) -> EventReport:
    """A report made with local entity ids (:func:`prepare_links`), with global ones."""
    def parties(local: tuple[Party, ...]) -> tuple[Party, ...]:
        return tuple(Party(gids.get(p.gid), p.country, p.generic) for p in local)

    return replace(report, actors=parties(report.actors),
                   recipients=parties(report.recipients),
                   places=tuple(replace(p, gid=gids.get(p.gid)) for p in report.places))


def _candidates_query(with_mode: bool):
    """Merged events the report could join, with their report counts: same type, modality,
    negation and (when both have one) mode, and every report near enough in date (the
    rule's cheap conditions, asked of the database; :func:`choose` applies the whole rule to
    what is left). Built once: building a query per event cost more than running it."""
    stmt = select(_MERGED.c.id, _MERGED.c.reports + _MERGED.c.republished).where(
        _MERGED.c.type == bindparam("type"), _MERGED.c.min_high.is_not(None),
        _MERGED.c.min_high >= bindparam("low"), _MERGED.c.max_low <= bindparam("high"),
        _MERGED.c.modality == bindparam("modality"), _MERGED.c.negated == bindparam("negated"))
    if with_mode:
        stmt = stmt.where(or_(_MERGED.c.mode.is_(None), _MERGED.c.mode == bindparam("mode")))
    return stmt


_CANDIDATES = {False: _candidates_query(False), True: _candidates_query(True)}
_MERGED_ROW = select(_MERGED).where(_MERGED.c.id == bindparam("merged_id"))


def _candidates(connection: Connection, report: EventReport) -> dict[int, int]:
    """Id -> report count of the merged events the report could join (``_CANDIDATES``)."""
    if report.when is None:
        return {}
    slack = dt.timedelta(days=SLACK_DAYS)
    params = {"type": report.type, "low": report.when.low - slack,
              "high": report.when.high + slack, "modality": report.modality,
              "negated": report.negated}
    if report.mode:
        params["mode"] = report.mode
    return dict(connection.execute(_CANDIDATES[bool(report.mode)], params).all())


def _absorb(merged: dict[str, Any], report: EventReport, value: str | None,
            reported: dt.date, duplicate: bool) -> None:
    """Update a merged event's dates, counts and first/last report with one more report."""
    if duplicate:
        merged["republished"] += 1
    else:
        merged["reports"] += 1
    merged["mode"] = merged["mode"] or report.mode
    merged["first_reported"] = min(filter(None, (merged["first_reported"], reported)))
    merged["last_reported"] = max(filter(None, (merged["last_reported"], reported)))
    when = report.when
    if when is None:
        return
    merged["date_low"] = min(filter(None, (merged["date_low"], when.low)))
    merged["date_high"] = max(filter(None, (merged["date_high"], when.high)))
    merged["max_low"] = max(filter(None, (merged["max_low"], when.low)))
    merged["min_high"] = min(filter(None, (merged["min_high"], when.high)))
    rank = PRECISION_ORDER.index(when.precision)
    precision = merged["date_precision"]
    if precision is None or rank < PRECISION_ORDER.index(precision):
        merged["date_precision"] = when.precision
        merged["date"] = value if when.precision != "reported" else None
