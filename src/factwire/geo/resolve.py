"""Choosing the place a name means, from its candidates and what the article says around it.

Each candidate gets a score: a prior (countries and continents first, then the log of the
population, so Paris is Paris, France) plus evidence from the article: the level its words
name ("the Kursk region" is the area, not the city), an apposition ("Paris, Texas"), the
country the entities component gave the place, and the countries and areas the rest of the
article is about. The best candidate wins.

>>> from factwire.geo import load_index
>>> place = resolve(load_index(), PlaceQuery(["Paris"], within=[load_index().admin1("USA", "Texas")]))
>>> (place.name, place.admin1)
('Paris', 'Texas')
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, replace

from factwire.geo.index import Named, Place, PlaceIndex, distance_km

# how much each kind of evidence counts, in units of one tenfold population
COUNTRY_PRIOR = 10.0
CONTINENT_PRIOR = 9.5
ADMIN1_DISCOUNT = 1.0
ADMIN2_PRIOR = 3.5
ALTERNATE_PENALTY = 1.0
ALIAS_BONUS = 2.0
CAPITAL_BONUS = 1.0
NAMESAKE_PENALTY = 2.0
COUNTRY_NAMESAKE_PENALTY = 6.0
AREA_NAMESAKE_PENALTY = 1.5
AREA_NAME_PENALTY = 3.0
SUPPORT_BONUS = 1.5
SUPPORT_SCALE = 1.0
NEAR_KM = 80.0
LOC_TOWN_POPULATION = 100_000
LEVEL_BONUS = 6.0
WITHIN_BONUS = 8.0
ENTITY_COUNTRY_BONUS = 1.0
ARTICLE_COUNTRY_BONUS = 4.0
ARTICLE_ADMIN1_BONUS = 2.5


@dataclass
class PlaceQuery:
    """What the article says about one place: its names and the evidence around them.

    ``level``: "admin1", "admin2" or "city" when words around the name say so;
    ``within``: places an apposition puts it in ("Texas" in "Paris, Texas");
    ``country``: the ISO3 country the entities component gave it;
    ``label``: its entity type; a LOC ("Middle East", "Atlantic", "West Coast") is an area,
    so towns that share its name rank lower.
    """

    names: list[str]
    level: str | None = None
    within: list[Place] = field(default_factory=list)
    country: str | None = None
    label: str = "GPE"


@dataclass
class ArticlePlaces:
    """What the article is about, geographically: the weight of each country and area."""

    countries: Counter = field(default_factory=Counter)
    admin1s: Counter = field(default_factory=Counter)
    support: Counter = field(default_factory=Counter)

    def country_share(self, country: str | None) -> float:
        """The share of the article's place evidence that falls in ``country`` (0..1)."""
        total = sum(self.countries.values())
        return self.countries[country] / total if total and country else 0.0

    def add(self, place: Place, weight: float = 1.0) -> None:
        """Count a resolved place as evidence for its country and first-level area."""
        if place.country:
            self.countries[place.country] += weight
        if place.admin1 and place.feature != "country":
            self.admin1s[(place.country, place.admin1)] += weight

    def add_candidates(self, found: list[Named], sign: float = 1.0) -> None:
        """Count the first-level areas a name could be in, each by 1/their number: names
        that could be in the same area support each other ("Paris and Henry County"
        are both in Tennessee)."""
        areas = candidate_areas(found)
        for area in areas:
            self.support[area] += sign / len(areas)

    def without(self, place: Place | None, weight: float = 1.0,
                found: list[Named] = ()) -> ArticlePlaces:
        """The evidence minus one place's own (a place is no evidence for itself)."""
        rest = ArticlePlaces(Counter(self.countries), Counter(self.admin1s),
                             Counter(self.support))
        if place is not None:
            rest.add(place, -weight)
        rest.add_candidates(list(found), -1.0)
        return rest


def area_of(place: Place) -> tuple[str | None, str | None]:
    """(country, first-level area) a place is in, or is."""
    return place.country, place.name if place.feature == "admin1" else place.admin1


def candidate_areas(found: list[Named]) -> set[tuple]:
    """The first-level areas of a name's candidates (countries and continents aside)."""
    return {area_of(n.place) for n in found if n.place.feature in ("admin1", "admin2", "city")
            and n.place.admin1}


def candidates(index: PlaceIndex, query: PlaceQuery) -> list[Named]:
    """Every place any of the query's names names (first name's candidates first)."""
    found: list[Named] = []
    seen: set[tuple] = set()
    for name in query.names:
        for named in index.lookup(name):
            key = (named.place.feature, named.place.geonameid, named.place.name,
                   named.place.country, named.place.admin1)
            if key not in seen:
                seen.add(key)
                found.append(named)
    return found


def resolve(index: PlaceIndex, query: PlaceQuery, article: ArticlePlaces | None = None,
            found: list[Named] | None = None) -> Place | None:
    """The place the query most likely means, or None when no candidate fits.

    An apposition that no candidate lies in was a list ("Texas, Oklahoma"), not a
    qualifier: the query is then resolved without it.
    """
    article = article or ArticlePlaces()
    found = candidates(index, query) if found is None else found
    if query.level and any(n.place.feature == "country" and n.how != "demonym" for n in found):
        query = replace(query, level=None)  # "China state media": a country stays a country
    if query.level == "admin1" and not any(n.place.feature == "admin1" for n in found):
        found = found + areas_around(index, found)
    scored = [(score(named, query, article, index), named.place) for named in found]
    scored = _namesakes(found, scored, query, index.capitals)
    scored = [(value, place) for value, place in scored if value is not None]
    if not scored and query.within:
        return resolve(index, replace(query, within=[]), article)
    if not scored:
        return None
    best = max(scored, key=lambda item: (item[0], item[1].population))
    return best[1]


def _namesakes(found: list[Named], scored: list[tuple], query: PlaceQuery,
               capitals: set[int]) -> list[tuple]:
    """Names shared across levels. "China" or "Europe" is not a town called China, and
    "Florida" not Florida, N.Y. (unless an apposition says "China, Texas"; "Georgia" may
    still be the US state); "Kursk" or "Odessa" alone is the city, not the region named
    after it."""
    big = {n.place.feature for n in found if n.how != "demonym"} & {"country", "continent"}
    cities_in = {(n.place.country, n.place.admin1) for n in found if n.place.feature == "city"}
    areas = {area_of(n.place) for n in found if n.place.feature == "admin1"}
    adjusted = []
    for named, (value, place) in zip(found, scored, strict=True):
        if value is not None and not query.within:
            if big and place.feature in ("city", "admin2"):
                value -= COUNTRY_NAMESAKE_PENALTY
            elif (place.feature == "city" and place.geonameid not in capitals
                  and areas - {area_of(place)}):  # "Florida" is not Florida, N.Y.
                value -= AREA_NAMESAKE_PENALTY
        if value is not None:
            if (not query.level and place.feature == "admin1" and named.how != "alias"
                    and (place.country, place.admin1) in cities_in):
                value -= NAMESAKE_PENALTY
        adjusted.append((value, place))
    return adjusted


def areas_around(index: PlaceIndex, found: list[Named]) -> list[Named]:
    """The first-level areas around the cities a name names: "the Bryansk region" is
    the area around Bryansk even where the gazetteer spells the area "Brjansk"."""
    areas = {index.admin1(n.place.country, n.place.admin1) for n in found
             if n.place.feature == "city" and n.place.country and n.place.admin1}
    return [Named(area, "around") for area in areas if area is not None]


def prior(named: Named) -> float:
    """How likely a name means this place before reading the article."""
    place = named.place
    if place.feature == "country":
        value = COUNTRY_PRIOR
    elif place.feature == "continent":
        value = CONTINENT_PRIOR
    elif place.feature == "admin2":
        value = ADMIN2_PRIOR
    else:
        value = math.log10(place.population + 10)
        if place.feature == "admin1":
            value -= ADMIN1_DISCOUNT
    if named.how == "alternate":
        value -= ALTERNATE_PENALTY
    elif named.how == "alias":  # our aliases are how English news names the place
        value += ALIAS_BONUS
    return value


def score(named: Named, query: PlaceQuery, article: ArticlePlaces,
          index: PlaceIndex | None = None) -> float | None:
    """The candidate's score, or None when the article rules it out."""
    place = named.place
    if named.how == "demonym" and place.feature != "country":
        return None
    value = prior(named)
    if index is not None and place.geonameid in index.capitals:
        value += CAPITAL_BONUS
    if query.level:
        value += LEVEL_BONUS if _level_fits(query.level, place) else -LEVEL_BONUS
    if query.within:
        if not any(_inside(place, outer) for outer in query.within):
            return None
        value += WITHIN_BONUS
    if query.country and place.country == query.country:
        value += ENTITY_COUNTRY_BONUS
    if query.label == "LOC" and place.feature == "city" and not query.within:
        if place.population < LOC_TOWN_POPULATION and not article.admin1s[area_of(place)]:
            return None  # "Middle East", "Atlantic": never a false town
        value -= AREA_NAME_PENALTY
    value += ARTICLE_COUNTRY_BONUS * article.country_share(place.country)
    if place.feature in ("city", "admin2", "admin1"):
        area = area_of(place)
        if article.admin1s[area] > 0:
            value += ARTICLE_ADMIN1_BONUS
        value += SUPPORT_BONUS * min(1.0, max(0.0, SUPPORT_SCALE * article.support[area]))
    return value


def _level_fits(level: str, place: Place) -> bool:
    return place.feature == level or (level == "city" and place.feature == "admin2")


def _inside(place: Place, outer: Place) -> bool:
    """True when ``place`` lies in ``outer`` (a country or a first-level area)."""
    if place is outer or place.country != outer.country or outer.country is None:
        return False
    if outer.feature == "country":
        return place.feature != "country"
    if outer.feature == "admin1":
        return place.admin1 == outer.admin1 and place.feature in ("city", "admin2")
    if outer.feature == "admin2":  # cities do not record their admin2: near its point
        return (place.admin1 == outer.admin1 and place.feature == "city"
                and distance_km(place.lat, place.lon, outer.lat, outer.lon) < NEAR_KM)
    return False


__all__ = ["PlaceQuery", "ArticlePlaces", "resolve", "candidates", "candidate_areas",
           "area_of", "score", "prior"]
