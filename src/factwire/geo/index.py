"""The gazetteer's data structure: ``Place`` records and the name index over them."""

from __future__ import annotations

import math
import unicodedata
from collections import defaultdict
from typing import NamedTuple

from factwire.errors import FactwireError

FEATURES = ("country", "admin1", "admin2", "city", "continent", "region", "other")
# hyphens and dots separate words; apostrophes and ayn/hamza marks ("‘Afrīn") are dropped
_PUNCTUATION = str.maketrans({".": " ", "-": " ", "‐": " ", "–": " ", "/": " ", "’": None,
                              "'": None, "‘": None, "`": None, "ʿ": None, "ʾ": None})
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_ABBREVIATION_SET = frozenset(_ABBREVIATIONS)


class GeoIndexError(FactwireError):
    """A gazetteer source is missing or not in the format factwire reads."""

    code = "E451"


class Place(NamedTuple):
    """One gazetteer entry: a country, an area, a populated place, a continent or a region
    (a sea, a river, a mountain range, a macro-region: ``data/places_features.tsv``).

    A named tuple, not a dataclass: the index builds 170,000 of them at first use.
    """

    name: str
    lat: float
    lon: float
    feature: str
    country: str | None
    admin1: str | None = None
    admin2: str | None = None
    geonameid: int | None = None
    population: int = 0


class Named(NamedTuple):
    """A place found under a name, and how: its own "name", an "alternate" or our "alias"."""

    place: Place
    how: str


def normalize_name(text: str) -> str:
    """The lookup key of a place name: no accents, case, dots or hyphens.

    >>> normalize_name("St. Étienne-du-Rouvray")
    'saint etienne du rouvray'
    """
    key = text.lower()
    if key.isascii():
        if key.isalpha() and key not in _ABBREVIATIONS:
            return key  # most names: one plain word (the index normalizes 200,000 at first use)
        key = key.translate(_PUNCTUATION)
        words = key.split()
        if _ABBREVIATION_SET.isdisjoint(words):
            return " ".join(words)
    key = key.translate(_PUNCTUATION)
    if not key.isascii():
        key = unicodedata.normalize("NFKD", key)
        plain = key.encode("ascii", "ignore").decode()
        # Latin names lose only their accents; other scripts keep their letters
        key = plain if plain.strip() else "".join(
            ch for ch in key if not unicodedata.combining(ch))
    words = key.split()
    if not _ABBREVIATION_SET.isdisjoint(words):
        words = [_ABBREVIATIONS.get(word, word) for word in words]
    return " ".join(words)


class CityRows:
    """The populated places as their compact source records, turned into ``Place`` on use.

    Building 170,000 ``Place`` tuples would take most of the index's load time; a lookup
    touches a handful of rows.
    """

    def __init__(self, records: list[tuple], country_of: dict[str, str],
                 admin1_of: dict[tuple[str, str], str]) -> None:
        self.records = records
        self.country_of = country_of
        self.admin1_of = admin1_of
        self._places: dict[int, Place] = {}

    def place(self, row: int) -> Place:
        """The ``Place`` of one record: (id, name, lat, lon, ISO2, population, admin1 code)."""
        place = self._places.get(row)
        if place is None:
            geonameid, name, lat, lon, iso2, population, code = self.records[row]
            place = Place(name, float(lat), float(lon), "city", self.country_of.get(iso2),
                          self.admin1_of.get((iso2, code)), None, int(geonameid),
                          int(population))
            self._places[row] = place
        return place


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine, Earth radius 6,371 km).

    >>> round(distance_km(50.45, 30.52, 55.75, 37.62))
    756
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


class PlaceIndex:
    """Name -> places, plus lookups by country and first-level area.

    ``by_name`` holds, per normalized name, (place or city row, how the name names it).
    """

    def __init__(self) -> None:
        self.by_name: dict[str, list[tuple[Place | int, str]]] = defaultdict(list)
        self.countries: dict[str, Place] = {}
        self.admin1s: dict[tuple[str, str], Place] = {}
        self.cities: CityRows | None = None
        self.capitals: set[int] = set()

    def add(self, name: str, place: Place | int, how: str = "name") -> None:
        """Index a place (or a city row) under ``name``; ``how``: "name", "alternate"..."""
        key = normalize_name(name)
        if not key:
            return
        bucket = self.by_name[key]
        same = [i for i, (other, _) in enumerate(bucket) if other == place]
        if how == "alias":  # our alias is English usage: it outranks an alternate name
            bucket[:] = [entry for i, entry in enumerate(bucket) if i not in same]
            bucket.append((place, how))
        elif how == "name" or not same:
            bucket.append((place, how))

    def lookup(self, name: str) -> list[Named]:
        """Every place called ``name``, each with how the name names it."""
        return [Named(self.place(ref), how) for ref, how in self.refs(name)]

    def refs(self, name: str) -> list[tuple[Place | int, str]]:
        """What ``by_name`` holds for ``name``: (place or city row, how)."""
        return list(self.by_name.get(normalize_name(name), ()))

    def place(self, ref: Place | int) -> Place:
        """The place a reference of ``by_name`` stands for."""
        return self.cities.place(ref) if isinstance(ref, int) else ref

    def admin1(self, country: str, name: str) -> Place | None:
        """The first-level area ``name`` of ``country`` (ISO3), if the gazetteer has it."""
        return self.admin1s.get((country, name))


__all__ = ["distance_km", "Place", "Named", "PlaceIndex", "CityRows", "GeoIndexError", "normalize_name",
           "FEATURES"]
