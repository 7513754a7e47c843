"""Figures into claim series, and contradictions flagged, as each article is linked.

A figure of an article that is not a near-duplicate copy, whose subject is a global entity and
that counts something (:func:`factwire.link.claims.in_series`) joins the series of its
subject, counted thing and unit, which is created when new. Only the series the article
touches are read: each new comparable figure is compared with the comparable figures of its
series whose dates are near enough to be for the same time, and each disagreement (the rule:
:mod:`factwire.link.claims`) is stored as a contradiction, the earlier figure first.

Everything runs in the caller's session or connection, with Core statements only, so the
migration that introduced these tables can fill them for a store written before
(:func:`backfill_claims`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator

from sqlalchemy import Connection, and_, bindparam, insert, select, update
from sqlalchemy.orm import Session, aliased

from factwire.link.claims import (
    CLAIM_SLACK_DAYS,
    TOLERANCE,
    Claim,
    Contradiction,
    claim_date,
    comparable,
    disagreement,
    in_series,
    pairs_in_order,
    time_order,
)
from factwire.link.dates import interval
from factwire.model import ArticleFacts, Entity, Quantity
from factwire.store.schema import (
    ArticleRow,
    ArticleSignatureRow,
    ClaimRow,
    ClaimSeriesRow,
    ContradictionRow,
    EntityLinkRow,
    EntityRow,
    QuantityRow,
    TimeRow,
)
from factwire.store.write import parse_date

Executor = Session | Connection
CHUNK = 500  # keys per IN (...) list: well under SQLite's and PostgreSQL's parameter limits


def link_claims(session: Executor, facts: ArticleFacts, gids: dict[str, int]) -> None:
    """Add a just-written article's figures to their series (the caller skips copies)."""
    add_claims(session, article_claims(facts, gids))


def article_claims(facts: ArticleFacts, gids: dict[str, int]) -> list[Claim]:
    """The article's figures that belong in a series; ``gids``: local entity id -> global."""
    entities = {e.id: e for e in facts.entities}
    times = {t.id: t.value for t in facts.times}
    published = parse_date(facts.article.published)
    claims = []
    for quantity in facts.quantities:
        subject = gids.get(quantity.subject) if quantity.subject else None
        source = entities.get(quantity.source) if quantity.source else None
        when, date = claim_date(times.get(quantity.time) if quantity.time else None,
                                published)
        claim = _claim(facts, quantity, subject, source, when, date, published)
        if in_series(claim):
            claims.append(claim)
    return claims


def _claim(facts: ArticleFacts, q: Quantity, subject: int | None, source: Entity | None,
           when, date: str | None, published: dt.date | None) -> Claim:
    return Claim(article_id=facts.article.id, quantity_id=q.id, subject=subject,
                 counted=q.counted, value=q.value, text=q.text, unit=q.unit, low=q.low,
                 high=q.high, comparator=q.comparator, change=q.change, derived=q.derived,
                 relative_to=q.relative_to, when=when, date=date,
                 source=source.name if source else None, outlet=facts.article.outlet,
                 published=published)


def add_claims(session: Executor, claims: list[Claim], tolerance: float = TOLERANCE,
               known: dict[str, int] | None = None) -> None:
    """Add claims (of one article, or a batch of several) to their series, creating the
    missing series, and store the contradictions they make with their series' claims
    already stored and with each other. ``known``: the writer's cache of series ids by
    stored key (series are only deleted with every link: a relink clears it)."""
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        groups[claim.key].append(claim)
    if not groups:
        return
    ids, created = _series_ids(session, groups, {} if known is None else known)
    # Count the claims in first: the update locks each series row (PostgreSQL), so a
    # concurrent writer adding to the same series waits, then reads these claims. (A series
    # created here was inserted with its claims counted.)
    _count(session, "claims", sorted((ids[key], len(members))
                                     for key, members in groups.items() if key not in created))
    found: dict[int, list[Contradiction]] = {}
    for key, members in groups.items():
        new = sorted((c for c in members if comparable(c)), key=time_order)
        if new:
            stored = [] if key in created else _stored_near(session, ids[key], new)
            found[ids[key]] = _new_contradictions(stored, new, tolerance)
    for chunk in _chunks([claim_row(ids[c.key], c) for c in claims]):
        session.execute(_INSERT_CLAIMS, chunk)
    _store_contradictions(session, found, tolerance)


def series_key(key: tuple) -> str:
    """The stored key of a series: SHA-256 of (subject, counted thing, unit)."""
    return hashlib.sha256(json.dumps(list(key), ensure_ascii=False).encode()).hexdigest()


def _series_ids(session: Executor, groups: dict[tuple, list[Claim]], known: dict[str, int],
                ) -> tuple[dict[tuple, int], set[tuple]]:
    """Series id of each key, and the keys of the series created: those not stored yet,
    inserted with their claims counted. ``known`` (stored key -> id) is read first, and
    learns what is read and created."""
    by_hash = {series_key(key): key for key in groups}
    found = {h: known[h] for h in by_hash if h in known}
    found.update(_ids_by_hash(session, [h for h in by_hash if h not in found]))
    missing = [h for h in by_hash if h not in found]
    for chunk in _chunks(missing):
        found.update(session.execute(_INSERT_SERIES, [
            {"key": h, "subject_id": by_hash[h][0], "counted": by_hash[h][1],
             "unit": by_hash[h][2], "claims": len(groups[by_hash[h]]), "contradictions": 0}
            for h in chunk]).all())
    known.update(found)
    return ({by_hash[h]: series_id for h, series_id in found.items()},
            {by_hash[h] for h in missing})


_SERIES = ClaimSeriesRow.__table__
# New series and their ids, in the order given (ids are given out in that order).
_INSERT_SERIES = insert(_SERIES).returning(_SERIES.c.key, _SERIES.c.id,
                                           sort_by_parameter_order=True)


def _ids_by_hash(session: Executor, hashes: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in _chunks(hashes):
        found.update(session.execute(_BY_HASH, {"keys": chunk}).all())
    return found


def claim_row(series_id: int, claim: Claim) -> dict:
    """The ``claims`` row of a claim in its series."""
    when = claim.when
    return {"article_id": claim.article_id, "quantity_id": claim.quantity_id,
            "series_id": series_id, "counted": claim.counted, "date": claim.date,
            "date_low": when.low if when else None, "date_high": when.high if when else None,
            "sort_date": time_order(claim)[0], "sort_published": claim.published or dt.date.max,
            "source": claim.source, "comparable": comparable(claim)}


def _new_contradictions(stored: list[Claim], new: list[Claim], tolerance: float,
                        ) -> list[Contradiction]:
    """Contradictions of the new claims (comparable, in time order) with the series' stored
    claims and with each other."""
    found = []
    for old in stored:
        for claim in new:
            gap = disagreement(old, claim, tolerance)
            if gap is not None:
                first, second = sorted((old, claim), key=time_order)
                found.append(Contradiction(first, second, gap))
    return found + pairs_in_order(new, tolerance)


def _stored_near(session: Executor, series_id: int, new: list[Claim]) -> list[Claim]:
    """The series' stored comparable claims dated near enough to a new one to contradict it."""
    slack = dt.timedelta(days=CLAIM_SLACK_DAYS)
    low, high = min(c.when.low for c in new) - slack, max(c.when.high for c in new) + slack
    return [Claim(article_id=r.article_id, quantity_id=r.quantity_id, subject=None,
                  counted=r.counted, value=r.value, text=r.text, low=r.low, high=r.high,
                  comparator=r.comparator, when=interval(r.date), date=r.date,
                  source=r.source, outlet=r.outlet, published=r.published)
            for r in session.execute(_NEAR, {"series": series_id, "low": low, "high": high})]


# Built once: building a statement per series cost more than running it.
_NEAR = (select(ClaimRow.article_id, ClaimRow.quantity_id, ClaimRow.counted, ClaimRow.date,
                ClaimRow.source, QuantityRow.value, QuantityRow.low, QuantityRow.high,
                QuantityRow.comparator, QuantityRow.text, ArticleRow.outlet,
                ArticleRow.published)
         .join(QuantityRow, and_(QuantityRow.article_id == ClaimRow.article_id,
                                 QuantityRow.quantity_id == ClaimRow.quantity_id))
         .join(ArticleRow, ArticleRow.id == ClaimRow.article_id)
         .where(ClaimRow.series_id == bindparam("series"), ClaimRow.comparable.is_(True),
                ClaimRow.date_high >= bindparam("low"), ClaimRow.date_low <= bindparam("high")))
_INSERT_CLAIMS = insert(ClaimRow.__table__)
_INSERT_CONTRADICTIONS = insert(ContradictionRow.__table__)
_COUNTERS = {column: update(ClaimSeriesRow.__table__)
             .where(ClaimSeriesRow.id == bindparam("series"))
             .values({column: getattr(ClaimSeriesRow, column) + bindparam("more")})
             for column in ("claims", "contradictions")}
_BY_HASH = select(ClaimSeriesRow.key, ClaimSeriesRow.id).where(
    ClaimSeriesRow.key.in_(bindparam("keys", expanding=True)))


def _store_contradictions(session: Executor, found: dict[int, list[Contradiction]],
                          tolerance: float) -> None:
    rows = [contradiction_row(series_id, pair, tolerance)
            for series_id, pairs in found.items() for pair in pairs]
    for chunk in _chunks(rows):
        session.execute(_INSERT_CONTRADICTIONS, chunk)
    _count(session, "contradictions", sorted((series_id, len(pairs))
                                             for series_id, pairs in found.items() if pairs))


def _count(session: Executor, column: str, added: list[tuple[int, int]]) -> None:
    """Add to a counter of series: (series id, how many more), in id order."""
    if added:
        session.execute(_COUNTERS[column],
                        [{"series": series_id, "more": n} for series_id, n in added])


def contradiction_row(series_id: int, pair: Contradiction, tolerance: float) -> dict:
    """The ``contradictions`` row of two disagreeing claims."""
    a, b = pair.first, pair.second
    return {"series_id": series_id, "first_article_id": a.article_id,
            "first_quantity_id": a.quantity_id, "second_article_id": b.article_id,
            "second_quantity_id": b.quantity_id, "difference": pair.difference,
            "tolerance": tolerance, "reason": reason(pair, tolerance),
            "latest_date": max(a.date or "", b.date or "")}


def reason(pair: Contradiction, tolerance: float) -> str:
    """Why two claims contradict, in words.

    "Kremlin: 1.5 million troops; ISW: 1.1 million troops; for the same time, 26.7% apart
    (tolerance 10%)"
    """
    def says(claim: Claim) -> str:
        who = claim.source or claim.outlet or f"article {claim.article_id[:12]}"
        return f"{who}: {claim.text or claim.value}"

    return (f"{says(pair.first)}; {says(pair.second)}; for the same time, "
            f"{pair.difference:.1%} apart (tolerance {tolerance:.0%})")


def _chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


# --- a store written before schema 4 -------------------------------------------------------

def backfill_claims(connection: Executor) -> int:
    """Put every stored figure of an original article (not a copy) into its series and store
    their contradictions; returns how many claims were added. Reads only columns of schema
    3, so migration 0004 can run it."""
    claims = [c for c in (_stored_claim(row) for row in connection.execute(_figures()))
              if in_series(c)]
    add_claims(connection, claims)
    return len(claims)


def _figures():
    source = aliased(EntityRow)
    return (select(QuantityRow.article_id, QuantityRow.quantity_id, QuantityRow.counted,
                   QuantityRow.value, QuantityRow.text, QuantityRow.unit, QuantityRow.low,
                   QuantityRow.high, QuantityRow.comparator, QuantityRow.change,
                   QuantityRow.derived, QuantityRow.relative_to, EntityLinkRow.global_id,
                   source.name.label("source_name"), TimeRow.value.label("time_value"),
                   ArticleRow.outlet, ArticleRow.published)
            .join(ArticleRow, ArticleRow.id == QuantityRow.article_id)
            .join(EntityLinkRow, and_(EntityLinkRow.article_id == QuantityRow.article_id,
                                      EntityLinkRow.entity_id == QuantityRow.subject_id))
            .outerjoin(source, and_(source.article_id == QuantityRow.article_id,
                                    source.entity_id == QuantityRow.source_id))
            .outerjoin(TimeRow, and_(TimeRow.article_id == QuantityRow.article_id,
                                     TimeRow.time_id == QuantityRow.time_id))
            .outerjoin(ArticleSignatureRow, ArticleSignatureRow.article_id == ArticleRow.id)
            .where(ArticleSignatureRow.duplicate_of.is_(None))
            .order_by(ArticleRow.published, ArticleRow.id, QuantityRow.quantity_id))


def _stored_claim(row) -> Claim:
    when, date = claim_date(row.time_value, row.published)
    return Claim(article_id=row.article_id, quantity_id=row.quantity_id, subject=row.global_id,
                 counted=row.counted, value=row.value, text=row.text, unit=row.unit,
                 low=row.low, high=row.high, comparator=row.comparator, change=row.change,
                 derived=row.derived, relative_to=row.relative_to, when=when, date=date,
                 source=row.source_name, outlet=row.outlet, published=row.published)
