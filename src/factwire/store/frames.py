"""pandas DataFrames of the record across articles (pandas is imported only when asked).

Columns are stable (exports and the query CLI rely on them): see ``EVENT_COLUMNS``,
``ENTITY_COLUMNS``, ``CLAIM_COLUMNS``, ``CONTRADICTION_COLUMNS``, ``QUOTE_COLUMNS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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


def quote_rows(quotes: list[QuoteRecord]) -> list[dict]:
    return [{"published": q.article.published, "outlet": q.article.outlet,
             "speaker": q.speaker.name if q.speaker else q.speaker_text,
             "speaker_country": q.speaker.country if q.speaker else None, "kind": q.kind,
             "cue": q.cue, "content": q.content_text, "article_id": q.article.id,
             "quote_id": q.quote_id} for q in quotes]
