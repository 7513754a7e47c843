"""Exports of the record across articles: JSON Lines, CSV, Parquet, and PLOVER JSON.

>>> from factwire.store import Store
>>> with Store("factwire.db") as store:                               # doctest: +SKIP
...     export(store, "events.parquet", "parquet", table="events", country="RUS")

``table`` is one of ``events`` (merged events), ``claims``, ``contradictions``,
``entities``, ``quotes``; filters are those of the matching Store method. JSON Lines and
CSV can go to a stream (``-`` is stdout). CSV joins list cells with ``"; "``.

Event rows carry their place (the first location, else a place below country level the
event struck): ``place``, ``latitude``, ``longitude``, ``geonameid``, ``place_country``,
``feature``, ``place_admin1`` and ``place_precision`` (``country``, ``region``, ``city``).
Events are selected by their place with ``place_country``, ``admin1`` and ``bbox`` (see
:func:`factwire.store.frames.events`).

``plover`` writes merged events as JSON Lines records with the field names of the POLECAT
event data set (``Event ID``, ``Event Date``, ``Event Type``, ``Event Mode``, ``Actor Name``,
``Actor Country``, ``Recipient Name``, ``Recipient Country``, ``Placename``, ``Province``
(first-level area), ``Country``, ``Latitude``, ``Longitude``, ``Geo Precision``,
``GeoNames ID``, ``Feature Type``, ``Source``, ``Publication Date``, ``Event Text``,
``Story IDs``, ``Language``, ``Version``); several
actors, recipients or outlets are joined with ``;`` as POLECAT does. Fields POLECAT fills
from models factwire does not have (``Intensity``, ``Quad Code``, ``Contexts``, actor sectors,
Wikipedia ids) are null or empty.
"""

from __future__ import annotations

import json
import math
import sys
from typing import IO, TYPE_CHECKING, Any

from factwire import __version__
from factwire.errors import FactwireError
from factwire.store.frames import BRIEF
from factwire.store.frames import events as events_frame

if TYPE_CHECKING:
    import pandas as pd

    from factwire.store import Store

FORMATS = ("jsonl", "csv", "parquet", "plover")
TABLES = ("events", "claims", "contradictions", "entities", "quotes")


class ExportError(FactwireError):
    """An export that cannot be written as asked."""


def table_frame(store: Store, table: str, **filters: Any) -> pd.DataFrame:
    """The DataFrame of one table, filtered as its Store method allows (events: also by
    ``place_country``, ``admin1`` and ``bbox``)."""
    methods = {"events": lambda **f: events_frame(store, **f), "claims": store.claims,
               "contradictions": store.contradictions, "entities": store.entities,
               "quotes": store.quotes_frame}
    if table not in methods:
        raise ExportError(f"{table}: not an exportable table; use one of {', '.join(TABLES)}")
    return methods[table](**{k: v for k, v in filters.items() if v is not None})


def export(store: Store, target: str | IO[str], format: str, table: str = "events",
           **filters: Any) -> int:
    """Write one table of the store to ``target`` (a path, ``-`` or a text stream) in
    ``format``; returns the number of records written."""
    if format not in FORMATS:
        raise ExportError(f"{format}: not an export format; use one of {', '.join(FORMATS)}")
    if format == "plover" and table != "events":
        raise ExportError("the plover format holds events only")
    df = table_frame(store, table, **filters)
    if format == "parquet":
        if not isinstance(target, str) or target == "-":
            raise ExportError("parquet is written to a file: give a path")
        df.to_parquet(target, index=False)
        return len(df)
    records = [plover_record(row) for row in _records(df)] if format == "plover" else None
    with _open(target) as out:
        if format == "csv":
            _flatten(df).to_csv(out, index=False)
        else:
            for record in records or _records(df):
                out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    return len(df)


class _open:
    """A text stream for a path, ``-`` (stdout) or an open stream (left open)."""

    def __init__(self, target: str | IO[str]) -> None:
        self.target = target
        self.stream: IO[str] | None = None

    def __enter__(self) -> IO[str]:
        if self.target == "-":
            return sys.stdout
        if isinstance(self.target, str):
            self.stream = open(self.target, "w", encoding="utf-8", newline="")
            return self.stream
        return self.target

    def __exit__(self, *exc) -> None:
        if self.stream is not None:
            self.stream.close()


def _missing(value: Any) -> bool:
    return value is None or type(value).__name__ == "NAType" or (
        isinstance(value, float) and math.isnan(value))


def _clean(value: Any) -> Any:
    if _missing(value):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _records(df: pd.DataFrame) -> list[dict]:
    return [{k: _clean(v) for k, v in row.items()} for row in df.to_dict("records")]


def _flatten(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for column in out.columns:
        if out[column].map(lambda v: isinstance(v, list)).any():
            out[column] = out[column].map(
                lambda v: "; ".join(map(str, v)) if isinstance(v, list) else v)
    return out


def _joined(values: list | None) -> str | None:
    return ";".join(values) if values else None


def plover_record(event: dict) -> dict:
    """A merged event as a POLECAT-style PLOVER record (see the module docstring)."""
    return {
        "Event ID": f"factwire-{event['event_id']}",
        "Event Date": event["date"],
        "Event Type": event["type"],
        "Event Mode": event["mode"] or "",
        "Intensity": None, "Quad Code": None, "Contexts": "",
        "Actor Name": _joined(event["actors"]),
        "Actor Country": _joined(event["actor_countries"]),
        "Recipient Name": _joined(event["recipients"]),
        "Recipient Country": _joined(event["recipient_countries"]),
        "Placename": event["place"], "Province": event.get("place_admin1"),
        "Country": event["place_country"],
        "Latitude": event["latitude"], "Longitude": event["longitude"],
        "Geo Precision": event.get("place_precision"),
        "GeoNames ID": event["geonameid"], "Feature Type": event["feature"],
        "Source": _joined(event["outlets"]),
        "Publication Date": event["first_reported"],
        "Event Text": event["sentence"],
        "Story IDs": _joined(event["articles"]),
        "Reports": event["reports"],
        "Language": "en", "Version": f"factwire-{__version__}",
    }


TABLE_WIDTH = 48  # widest cell printed in a table; longer text is cut with "..."


def render(df: pd.DataFrame, format: str = "table", table: str | None = None) -> str:
    """A DataFrame as text: an aligned ``table`` (long cells cut; only the ``BRIEF`` columns
    of ``table`` when given), ``json`` lines or ``csv`` (every column)."""
    if format == "json":
        return "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n"
                       for r in _records(df))
    if format == "csv":
        return _flatten(df).to_csv(index=False)
    if df.empty:
        return "(nothing found)\n"
    if table in BRIEF:
        df = df[list(BRIEF[table])]
    flat = _flatten(df).map(lambda v: "" if _missing(v) else _cut(str(v)))
    return flat.to_string(index=False) + "\n"


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TABLE_WIDTH else text[:TABLE_WIDTH - 3] + "..."
