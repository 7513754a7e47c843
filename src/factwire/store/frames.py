"""pandas DataFrames of the record across articles (pandas is imported only when asked).

Columns are stable (exports and the query CLI rely on them): see ``EVENT_COLUMNS``,
``ENTITY_COLUMNS``, ``CLAIM_COLUMNS``, ``CONTRADICTION_COLUMNS``, ``QUOTE_COLUMNS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factwire.store.filters import make_place
from factwire.store.read import QuoteRecord

if TYPE_CHECKING:
    import pandas as pd

    from factwire.store import Store

EVENT_COLUMNS = ("event_id", "type", "mode", "modality", "negated", "date", "date_precision",
                 "actors", "actor_countries", "recipients", "recipient_countries",
                 "locations", "reports", "republished", "outlets", "first_reported",
                 "last_reported", "sentence", "articles", "place", "latitude", "longitude",
                 "geonameid", "place_country", "feature", "place_admin1", "place_precision")
ENTITY_COLUMNS = ("entity_id", "name", "type", "country", "articles", "aliases", "key")
CLAIM_COLUMNS = ("subject", "subject_id", "counted", "unit", "date", "value", "low", "high",
                 "comparator", "approximate_text", "change", "derived", "source", "outlet",
                 "published", "contradicted", "article_id", "quantity_id")
CONTRADICTION_COLUMNS = ("subject", "counted", "unit", "first_value", "first_source",
                         "first_date", "first_text", "first_article", "second_value",
                         "second_source", "second_date", "second_text", "second_article",
                         "difference", "reason")
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

    # column by column: pandas builds a frame from lists faster than from dicts (an empty
    # frame as before: object columns)
    data = {c: [row.get(c) for row in rows] for c in columns} if rows else []
    df = pd.DataFrame(data, columns=list(columns))
    for column in _INTEGERS:
        if column in df.columns:
            df[column] = df[column].astype("Int64")  # nullable: ids stay integers
    return df


def events(store: Store, since=None, until=None, country: str | None = None,
           type: str | list[str] | None = None, actor: str | None = None,
           q: str | None = None, place_country: str | None = None,
           admin1: str | None = None, bbox=None) -> pd.DataFrame:
    """``Store.events`` with the place filters: events with a location in ``place_country``
    (ISO alpha-3), in the first-level area ``admin1`` (any case) or in ``bbox``
    (min_lon, min_lat, max_lon, max_lat, as text ``"30,45,40,55"`` or four numbers; crossing
    the antimeridian when min_lon > max_lon). Raises PlaceFilterError on a bad filter.

    >>> events(store, place_country="UKR", admin1="Kursk")  # doctest: +SKIP
    """
    from dataclasses import replace

    from factwire.store.database import make_query
    from factwire.store.read_links import merged_events

    query = replace(make_query(since, until, country, type, actor, q),
                    place=make_place(place_country, admin1, bbox))
    with store.reading() as session:
        rows = merged_events(session, query)
    return frame(rows, EVENT_COLUMNS)


def quote_rows(quotes: list[QuoteRecord]) -> list[dict]:
    return [{"published": q.article.published, "outlet": q.article.outlet,
             "speaker": q.speaker.name if q.speaker else q.speaker_text,
             "speaker_country": q.speaker.country if q.speaker else None, "kind": q.kind,
             "cue": q.cue, "content": q.content_text, "article_id": q.article.id,
             "quote_id": q.quote_id} for q in quotes]
