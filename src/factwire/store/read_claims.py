"""Reading claim series and contradictions, as stored at link time (store/claim_links.py).

Every read is a few indexed queries over ``claim_series``, ``claims`` and
``contradictions``; nothing is recomputed. Filters: ``country`` and ``actor`` select series
by their subject; ``since``/``until`` select claims by the days their date covers and
``text`` by the words of what they count. A contradiction is shown when both of its claims
are. Rows are plain dicts (``frames.CLAIM_COLUMNS``, ``frames.CONTRADICTION_COLUMNS``).

>>> with Session(store.engine) as session:                        # doctest: +SKIP
...     total, series = claim_series_page(session, Params(actor="Russia", limit=10))
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import ColumnElement, and_, case, desc, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from factwire.link.claims import TOLERANCE, Claim, contradictions
from factwire.link.dates import interval
from factwire.store.claim_links import reason
from factwire.store.filters import Params, Query, like, named, rows_of
from factwire.store.schema import (
    ArticleRow,
    ClaimRow,
    ClaimSeriesRow,
    ContradictionRow,
    GlobalEntityRow,
    QuantityRow,
)


def series_conditions(query: Query) -> list[ColumnElement[bool]]:
    """Conditions on a series and its subject (``global_entities`` joined)."""
    conditions = []
    if query.filters.country:
        conditions.append(GlobalEntityRow.country == query.filters.country)
    if query.actor:
        conditions.append(named(ClaimSeriesRow.subject_id, query.actor))
    return conditions


def member_conditions(query: Query, claim=ClaimRow) -> list[ColumnElement[bool]]:
    """Conditions on one claim (``claims`` or an alias of it): its period and words."""
    f, conditions = query.filters, []
    if f.since:
        conditions.append(claim.date_high >= f.since)
    if f.until:
        conditions.append(claim.date_low <= f.until)
    if query.text:
        conditions.append(like(claim.counted, query.text))
    return conditions


def _members(query: Query):
    """Every claim matching the query, with its figure, article and series."""
    return (select(ClaimRow.article_id, ClaimRow.quantity_id, ClaimRow.series_id,
                   ClaimRow.counted.label("stated_counted"), ClaimRow.date, ClaimRow.source,
                   ClaimRow.sort_date, ClaimRow.sort_published, ClaimSeriesRow.subject_id,
                   ClaimSeriesRow.counted, ClaimSeriesRow.unit,
                   GlobalEntityRow.name.label("subject_name"), QuantityRow.value,
                   QuantityRow.low, QuantityRow.high, QuantityRow.comparator,
                   QuantityRow.text, QuantityRow.change, QuantityRow.derived,
                   QuantityRow.relative_to, ArticleRow.outlet, ArticleRow.published)
            .join(ClaimSeriesRow, ClaimSeriesRow.id == ClaimRow.series_id)
            .join(GlobalEntityRow, GlobalEntityRow.id == ClaimSeriesRow.subject_id)
            .join(QuantityRow, and_(QuantityRow.article_id == ClaimRow.article_id,
                                    QuantityRow.quantity_id == ClaimRow.quantity_id))
            .join(ArticleRow, ArticleRow.id == ClaimRow.article_id)
            .where(*series_conditions(query), *member_conditions(query)))


def claim_row(r) -> dict:
    """A claim as the claims table shows it (``frames.CLAIM_COLUMNS``)."""
    return {"subject": r.subject_name, "subject_id": r.subject_id, "counted": r.counted,
            "unit": r.unit, "date": r.date, "value": r.value, "low": r.low, "high": r.high,
            "comparator": r.comparator, "approximate_text": r.text, "change": r.change,
            "derived": r.derived, "source": r.source or r.outlet, "outlet": r.outlet,
            "published": r.published, "contradicted": False, "article_id": r.article_id,
            "quantity_id": r.quantity_id}


def _in_series(rows) -> list[list]:
    """Rows grouped by series, each in time order; the longest series first."""
    groups: dict[int, list] = defaultdict(list)
    for r in rows:
        groups[r.series_id].append(r)
    for members in groups.values():
        members.sort(key=lambda r: (r.sort_date, r.sort_published, r.article_id,
                                    r.quantity_id))
    return sorted(groups.values(), key=lambda m: (-len(m), m[0].subject_name or "",
                                                  m[0].counted, m[0].unit or "",
                                                  m[0].series_id))


def claims(session: Session, query: Query) -> list[dict]:
    """Claims series by series (the longest first), each in time order; ``contradicted``
    marks those in a contradiction with another claim shown."""
    rows = [claim_row(r) for group in _in_series(rows_of(session, _members(query)))
            for r in group]
    _flag(session, query, rows)
    return rows


def _flag(session: Session, query: Query, rows: list[dict],
          series_ids: list[int] | None = None) -> None:
    """Mark the rows that are in a contradiction whose two claims are both among them."""
    if not rows:
        return
    stmt = _pairs(query, ContradictionRow.first_article_id, ContradictionRow.first_quantity_id,
                  ContradictionRow.second_article_id, ContradictionRow.second_quantity_id)
    if series_ids is not None:
        stmt = stmt.where(ContradictionRow.series_id.in_(series_ids))
    flagged = {key for a1, q1, a2, q2 in rows_of(session, stmt) for key in ((a1, q1), (a2, q2))}
    for row in rows:
        row["contradicted"] = (row["article_id"], row["quantity_id"]) in flagged


def _pairs(query: Query, *columns):
    """Contradictions whose two claims both match the query."""
    return (_both_match(select(*columns).select_from(ContradictionRow), query)
            .join(ClaimSeriesRow, ClaimSeriesRow.id == ContradictionRow.series_id)
            .join(GlobalEntityRow, GlobalEntityRow.id == ClaimSeriesRow.subject_id)
            .where(*series_conditions(query)))


def _both_match(stmt, query: Query):
    """``stmt`` over ``contradictions``, joined with its two claims, both matching."""
    first, second = aliased(ClaimRow, name="earlier"), aliased(ClaimRow, name="later")
    return (stmt.join(first, and_(first.article_id == ContradictionRow.first_article_id,
                                  first.quantity_id == ContradictionRow.first_quantity_id))
            .join(second, and_(second.article_id == ContradictionRow.second_article_id,
                               second.quantity_id == ContradictionRow.second_quantity_id))
            .where(*member_conditions(query, first), *member_conditions(query, second)))


# --- contradictions ------------------------------------------------------------------------

def _side(alias_name: str):
    claim = aliased(ClaimRow, name=f"{alias_name}_claim")
    figure = aliased(QuantityRow, name=f"{alias_name}_figure")
    article = aliased(ArticleRow, name=f"{alias_name}_article")
    return claim, figure, article


def _contradiction_stmt(query: Query):
    """Contradictions matching the query with both figures, their sources and dates."""
    columns, joins = [], []
    for side, prefix in (("first", ContradictionRow.first_article_id),
                         ("second", ContradictionRow.second_article_id)):
        claim, figure, article = _side(side)
        quantity_id = getattr(ContradictionRow, f"{side}_quantity_id")
        joins.append((claim, and_(claim.article_id == prefix, claim.quantity_id == quantity_id)))
        joins.append((figure, and_(figure.article_id == prefix,
                                   figure.quantity_id == quantity_id)))
        joins.append((article, article.id == prefix))
        columns += [figure.value.label(f"{side}_value"), claim.source.label(f"{side}_source"),
                    article.outlet.label(f"{side}_outlet"), claim.date.label(f"{side}_date"),
                    figure.text.label(f"{side}_text"), claim.article_id.label(f"{side}_article"),
                    claim.sort_date.label(f"{side}_sort"),
                    claim.sort_published.label(f"{side}_published"),
                    claim.quantity_id.label(f"{side}_quantity")]
    stmt = select(ContradictionRow.id, ContradictionRow.series_id, ContradictionRow.difference,
                  ContradictionRow.reason, GlobalEntityRow.name.label("subject"),
                  ClaimSeriesRow.counted, ClaimSeriesRow.unit, *columns)
    stmt = (stmt.select_from(ContradictionRow)
            .join(ClaimSeriesRow, ClaimSeriesRow.id == ContradictionRow.series_id)
            .join(GlobalEntityRow, GlobalEntityRow.id == ClaimSeriesRow.subject_id))
    for target, on in joins:
        stmt = stmt.join(target, on)
    first, second = joins[0][0], joins[3][0]
    return stmt.where(*series_conditions(query), *member_conditions(query, first),
                      *member_conditions(query, second))


def contradiction_row(r) -> dict:
    """A contradiction as the contradictions table shows it (``CONTRADICTION_COLUMNS``)."""
    row = {"subject": r.subject, "counted": r.counted, "unit": r.unit,
           "difference": r.difference, "reason": r.reason}
    for side in ("first", "second"):
        row.update({f"{side}_value": getattr(r, f"{side}_value"),
                    f"{side}_source": getattr(r, f"{side}_source")
                    or getattr(r, f"{side}_outlet"),
                    f"{side}_date": getattr(r, f"{side}_date"),
                    f"{side}_text": getattr(r, f"{side}_text"),
                    f"{side}_article": getattr(r, f"{side}_article")})
    return row


def contradictions_of(session: Session, query: Query, tolerance: float = TOLERANCE,
                      ) -> list[dict]:
    """Contradictions series by series (as :func:`claims` orders them), each pair in time
    order. A ``tolerance`` below the one they were stored with is recomputed from the
    stored claims."""
    if tolerance < TOLERANCE:
        return recomputed_contradictions(session, query, tolerance)
    rows = rows_of(session, _contradiction_stmt(query)
                   .where(ContradictionRow.difference > tolerance))
    order = _series_order(session, query, tolerance) if rows else {}
    rows.sort(key=lambda r: (order[r.series_id], r.first_sort, r.first_published,
                             r.first_article, r.first_quantity, r.second_sort,
                             r.second_published, r.second_article, r.second_quantity))
    return [contradiction_row(r) for r in rows]


def _series_order(session: Session, query: Query, tolerance: float) -> dict[int, tuple]:
    """The place of each series with a contradiction in :func:`claims`' order: its claims
    shown, subject's name, counted thing, unit."""
    flagged = select(ContradictionRow.series_id).where(ContradictionRow.difference > tolerance)
    stmt = (select(ClaimRow.series_id, func.count(), GlobalEntityRow.name,
                   ClaimSeriesRow.counted, ClaimSeriesRow.unit)
            .join(ClaimSeriesRow, ClaimSeriesRow.id == ClaimRow.series_id)
            .join(GlobalEntityRow, GlobalEntityRow.id == ClaimSeriesRow.subject_id)
            .where(ClaimRow.series_id.in_(flagged), *series_conditions(query),
                   *member_conditions(query))
            .group_by(ClaimRow.series_id, GlobalEntityRow.name, ClaimSeriesRow.counted,
                      ClaimSeriesRow.unit))
    return {sid: (-n, name or "", counted, unit or "", sid)
            for sid, n, name, counted, unit in rows_of(session, stmt)}


def recomputed_contradictions(session: Session, query: Query,
                              tolerance: float = TOLERANCE) -> list[dict]:
    """Contradictions at another tolerance, from the stored claims (the rule, in Python)."""
    claims_ = [Claim(article_id=r.article_id, quantity_id=r.quantity_id, subject=r.subject_id,
                     counted=r.stated_counted, value=r.value, text=r.text,
                     subject_name=r.subject_name, unit=r.unit, low=r.low, high=r.high,
                     comparator=r.comparator, change=r.change, derived=r.derived,
                     relative_to=r.relative_to, when=interval(r.date), date=r.date,
                     source=r.source, outlet=r.outlet, published=r.published)
               for r in rows_of(session, _members(query))]
    rows = []
    for pair in contradictions(claims_, tolerance):
        a, b = pair.first, pair.second
        row = {"subject": a.subject_name, "counted": a.key[1], "unit": a.unit,
               "difference": pair.difference, "reason": reason(pair, tolerance)}
        for side, c in (("first", a), ("second", b)):
            row.update({f"{side}_value": c.value, f"{side}_source": c.source or c.outlet,
                        f"{side}_date": c.date, f"{side}_text": c.text,
                        f"{side}_article": c.article_id})
        rows.append(row)
    return rows


# --- a page at a time (the web's lists) ----------------------------------------------------

def claim_series_page(session: Session, p: Params, subject_id: int | None = None,
                      ) -> tuple[int, list[dict]]:
    """Series matching ``p`` (of one subject, when given), contradicted ones first, then the
    longest: the total and the page asked for, each series with its claims in time order.

    Each series: ``subject_id``, ``subject``, ``counted``, ``unit``, ``claims`` (rows as
    :func:`claims`), ``contradicted``."""
    query = p.query
    counted = _ranked_series(query, subject_id, ordered=False)
    total = session.scalar(select(func.count()).select_from(counted.subquery()))
    ranked = _ranked_series(query, subject_id)
    if subject_id is None and not member_conditions(query) and not series_conditions(query):
        ranked = ranked.where(*_among_first(session, p.offset + p.limit))
    ids = [r.id for r in rows_of(session, ranked.limit(p.limit).offset(p.offset))]
    if not ids:
        return total, []
    groups = _in_series(rows_of(session, _members(query).where(ClaimRow.series_id.in_(ids))))
    by_series = {group[0].series_id: [claim_row(r) for r in group] for group in groups}
    _flag(session, query, [row for rows in by_series.values() for row in rows], ids)
    return total, [_series(by_series[sid]) for sid in ids if sid in by_series]


def _series(rows: list[dict]) -> dict:
    first = rows[0]
    return {"subject_id": first["subject_id"], "subject": first["subject"],
            "counted": first["counted"], "unit": first["unit"], "claims": rows,
            "contradicted": any(r["contradicted"] for r in rows)}


def _among_first(session: Session, wanted: int) -> list[ColumnElement[bool]]:
    """Conditions keeping (at least) the first ``wanted`` series of the unfiltered page
    order: every contradicted series (few), and the others with as many claims as the one
    ranked ``wanted``-th among them or more, found in ``ix_claim_series_rank`` order instead
    of sorting every series; no condition when every series may be needed."""
    contradicted = session.scalar(select(func.count()).select_from(ClaimSeriesRow)
                                  .where(ClaimSeriesRow.contradictions > 0))
    if wanted <= contradicted:
        return [ClaimSeriesRow.contradictions > 0]
    fewest = session.scalar(select(ClaimSeriesRow.claims)
                            .where(ClaimSeriesRow.contradictions == 0)
                            .order_by(desc(ClaimSeriesRow.claims))
                            .offset(wanted - contradicted - 1).limit(1))
    if fewest is None or fewest <= 1:
        return []
    return [or_(ClaimSeriesRow.contradictions > 0, ClaimSeriesRow.claims >= fewest)]


def _ranked_series(query: Query, subject_id: int | None, ordered: bool = True):
    """Ids of the series with a claim matching the query, in the page order (unordered,
    and joined with the subject only to filter by its country, for counting them)."""
    members = member_conditions(query)
    if members:
        counts = (select(ClaimRow.series_id, func.count().label("n")).where(*members)
                  .group_by(ClaimRow.series_id).subquery())
        size, joined = counts.c.n, counts
        contradicted = exists(_both_match(
            select(ContradictionRow.id).select_from(ContradictionRow), query)
            .where(ContradictionRow.series_id == ClaimSeriesRow.id))
    else:
        size, joined = ClaimSeriesRow.claims, None
        contradicted = ClaimSeriesRow.contradictions > 0
    flag = case((contradicted, 1), else_=0)
    stmt = select(ClaimSeriesRow.id)
    if ordered or query.filters.country:
        stmt = stmt.join(GlobalEntityRow, GlobalEntityRow.id == ClaimSeriesRow.subject_id)
    if joined is not None:
        stmt = stmt.join(joined, joined.c.series_id == ClaimSeriesRow.id)
    if subject_id is not None:
        stmt = stmt.where(ClaimSeriesRow.subject_id == subject_id)
    stmt = stmt.where(*series_conditions(query))
    if not ordered:
        return stmt
    return stmt.order_by(desc(flag), desc(size), GlobalEntityRow.name, ClaimSeriesRow.counted,
                         func.coalesce(ClaimSeriesRow.unit, ""), ClaimSeriesRow.id)


def contradictions_page(session: Session, p: Params) -> tuple[int, list[dict]]:
    """Contradictions matching ``p``, newest first (by the later of the two dates): the total
    and the page asked for."""
    stmt = _contradiction_stmt(p.query)
    counted = select(func.count()).select_from(stmt.subquery())
    if not series_conditions(p.query) and not member_conditions(p.query):
        # every contradiction has its claims, figures, articles and subject (foreign keys)
        counted = select(func.count()).select_from(ContradictionRow)
    total = session.scalar(counted)
    page = stmt.order_by(desc(ContradictionRow.latest_date), desc(ContradictionRow.id))
    return total, [contradiction_row(r) for r in
                   rows_of(session, page.limit(p.limit).offset(p.offset))]


def group_series(claims: list[dict]) -> list[dict]:
    """Claim rows (as :func:`claims` returns them) grouped into series (subject, counted,
    unit), contradicted ones first, then the longest."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for claim in claims:
        groups[(claim["subject_id"], claim["subject"], claim["counted"],
                claim["unit"])].append(claim)
    series = [_series(rows) for rows in groups.values()]
    series.sort(key=lambda one: (-one["contradicted"], -len(one["claims"]),
                                 one["subject"] or "", one["counted"] or ""))
    return series
