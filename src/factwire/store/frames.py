"""pandas DataFrames of the record across articles (pandas is imported only when asked).

Columns are stable (exports and the query CLI rely on them): see ``EVENT_COLUMNS``,
``ENTITY_COLUMNS``, ``CLAIM_COLUMNS``, ``CONTRADICTION_COLUMNS``, ``QUOTE_COLUMNS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factwire.link.claims import Claim, contradictions, series
from factwire.store.read import QuoteRecord

if TYPE_CHECKING:
    import pandas as pd

EVENT_COLUMNS = ("event_id", "type", "mode", "modality", "negated", "date", "date_precision",
                 "actors", "actor_countries", "recipients", "recipient_countries",
                 "locations", "reports", "republished", "outlets", "first_reported",
                 "last_reported", "sentence", "articles", "place", "latitude", "longitude",
                 "geonameid", "place_country", "feature")
ENTITY_COLUMNS = ("entity_id", "name", "type", "country", "articles", "aliases", "key")
CLAIM_COLUMNS = ("subject", "subject_id", "counted", "unit", "date", "value", "low", "high",
                 "comparator", "approximate_text", "change", "derived", "source", "outlet",
                 "published", "contradicted", "article_id", "quantity_id")
CONTRADICTION_COLUMNS = ("subject", "counted", "unit", "first_value", "first_source",
                         "first_date", "first_text", "first_article", "second_value",
                         "second_source", "second_date", "second_text", "second_article",
                         "difference")
QUOTE_COLUMNS = ("published", "outlet", "speaker", "speaker_country", "kind", "cue",
                 "content", "article_id", "quote_id")


# The columns a terminal table shows (the full frame has the others).
BRIEF = {"events": ("event_id", "type", "date", "actors", "recipients", "place", "reports",
                    "outlets", "sentence"),
         "claims": ("subject", "counted", "date", "value", "comparator", "derived", "source",
                    "contradicted"),
         "contradictions": ("subject", "counted", "first_value", "first_source", "first_date",
                            "second_value", "second_source", "second_date", "difference"),
         "entities": ("entity_id", "name", "type", "country", "articles", "aliases"),
         "quotes": ("published", "outlet", "speaker", "kind", "content")}
_INTEGERS = ("geonameid", "subject_id", "reports", "republished", "event_id",
             "entity_id")


def frame(rows: list[dict], columns: tuple[str, ...]) -> pd.DataFrame:
    import pandas as pd

    df = pd.DataFrame([{c: row.get(c) for c in columns} for row in rows],
                      columns=list(columns))
    for column in _INTEGERS:
        if column in df.columns:
            df[column] = df[column].astype("Int64")  # nullable: ids stay integers
    return df


def _date(claim: Claim) -> str | None:
    if claim.date:
        return claim.date
    if claim.when is None:
        return None
    low, high = claim.when.low, claim.when.high
    return low.isoformat() if low == high else f"{low.isoformat()}/{high.isoformat()}"


def _source(claim: Claim) -> str | None:
    return claim.source or claim.outlet


def claim_rows(claims: list[Claim]) -> list[dict]:
    """Claims series by series, each in time order, marking those in a contradiction."""
    flagged = {(c.article_id, c.quantity_id) for pair in contradictions(claims)
               for c in (pair.first, pair.second)}
    rows = []
    for one in series(claims):
        for c in one.claims:
            rows.append({
                "subject": one.subject_name, "subject_id": one.subject, "counted": one.counted,
                "unit": one.unit, "date": _date(c), "value": c.value, "low": c.low,
                "high": c.high, "comparator": c.comparator, "approximate_text": c.text,
                "change": c.change, "derived": c.derived, "source": _source(c),
                "outlet": c.outlet, "published": c.published,
                "contradicted": (c.article_id, c.quantity_id) in flagged,
                "article_id": c.article_id, "quantity_id": c.quantity_id})
    return rows


def contradiction_rows(claims: list[Claim], tolerance: float) -> list[dict]:
    rows = []
    for pair in contradictions(claims, tolerance):
        a, b = pair.first, pair.second
        rows.append({"subject": a.subject_name, "counted": a.key[1], "unit": a.unit,
                     "first_value": a.value, "first_source": _source(a),
                     "first_date": _date(a), "first_text": a.text,
                     "first_article": a.article_id, "second_value": b.value,
                     "second_source": _source(b), "second_date": _date(b),
                     "second_text": b.text, "second_article": b.article_id,
                     "difference": pair.difference})
    return rows


def quote_rows(quotes: list[QuoteRecord]) -> list[dict]:
    return [{"published": q.article.published, "outlet": q.article.outlet,
             "speaker": q.speaker.name if q.speaker else q.speaker_text,
             "speaker_country": q.speaker.country if q.speaker else None, "kind": q.kind,
             "cue": q.cue, "content": q.content_text, "article_id": q.article.id,
             "quote_id": q.quote_id} for q in quotes]
