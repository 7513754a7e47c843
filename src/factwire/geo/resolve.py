"""Choosing the place a name means, from its candidates and what the article says around it.

Each candidate gets a score: a prior (countries and continents first, then the log of the
population, so Paris is Paris, France) plus evidence from the article: the level its words
name ("the Kursk region" is the area, not the city), an apposition ("Paris, Texas"), the
country the entities component gave the place, the countries and areas the rest of the
article is about, the other names' candidates close by, and the outlet's country (a weak
prior, strong only for a town named the way local news names its own). The best candidate
wins. A county's bare name ("DeKalb") is a candidate for the county; a town named like a
country or a bigger area ("Palestine", "Florida") needs an apposition or local news from
its state; a nationally known city needs more context to lose to a small namesake than a
town does.

>>> from factwire.geo import load_index
>>> place = resolve(load_index(), PlaceQuery(["Paris"], within=[load_index().admin1("USA", "Texas")]))
>>> (place.name, place.admin1)
('Paris', 'Texas')
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from factwire.geo.index import Named, Place, PlaceIndex, distance_km

# how much each kind of evidence counts, in units of one tenfold population
COUNTRY_PRIOR = 10.0
CONTINENT_PRIOR = 9.5
REGION_PRIOR = 7.5
ADMIN1_DISCOUNT = 1.0
ADMIN2_PRIOR = 3.5
ALTERNATE_PENALTY = 1.0
COUNTY_PENALTY = 1.5
COUNTY_WORDS = ("county", "parish")
ALIAS_BONUS = 2.0
CAPITAL_BONUS = 1.0
NAMESAKE_PENALTY = 2.0
COUNTRY_NAMESAKE_PENALTY = 6.0
AREA_NAMESAKE_PENALTY = 3.0
AREA_NAMESAKE_RATIO = 3  # an area this many times the town's people outranks the town
AREA_NAME_PENALTY = 3.0
SUPPORT_BONUS = 2.0
SUPPORT_SCALE = 1.0
NEAR_BONUS = 2.0  # other names with a candidate within NEAR_KM
NEAR_FULL = 2.0  # ... weighing this much give the full bonus
NEAR_KM = 80.0
LOC_TOWN_POPULATION = 100_000
LEVEL_BONUS = 6.0
WITHIN_BONUS = 8.0
ENTITY_COUNTRY_BONUS = 1.0
ARTICLE_COUNTRY_BONUS = 4.0
ARTICLE_ADMIN1_BONUS = 2.5
# the outlet's country: a weak prior, below one tenfold population ("Paris" in a Texas paper
# that names no other place is still Paris, France; "Richmond" is Virginia's, not London's)
OUTLET_COUNTRY_BONUS = 0.75
LOCAL_OUTLET_BONUS = 4.0
WORLD_CITY = 1_000_000
AREA_SUPPORT = 0.5  # other names' share of candidates in an area that says the article may be there
# a nationally known city (300,000+) that a namesake trails 50-fold keeps its lead unless
# the article says more: the namesake's context counts 0.6 ("Louisville" in a sports story
# that also names Ohio towns is still Louisville, Kentucky)
GAP_CITY = 300_000
GAP_RATIO = 50
GAP_SHARE = 0.6
ADMIN1_FULL = 2.0  # mentions of other places in an area for its full bonus
LOCAL_EVIDENCE = 2.0
LOCAL_COUNTRY_SHARE = 0.7
STATE_COUNTRY_SHARE = 0.5  # "Georgia" is the US state in an article this much American
STATE_COUNTRY_RATIO = 3  # ... and this many times more American than Georgian


@dataclass
class PlaceQuery:
    """What the article says about one place: its names and the evidence around them.

    ``level``: "admin1", "admin2" or "city" when words around the name say so;
    ``within``: places an apposition puts it in ("Texas" in "Paris, Texas");
    ``country``: the ISO3 country the entities component gave it;
    ``label``: its entity type; a LOC ("Middle East", "Atlantic", "West Coast") is an area,
    so towns that share its name rank lower;
    ``local``: named the way local news names its own town ("a Paris woman", "Athens
    police"): with the outlet's country known, a town there outranks a namesake abroad;
    ``key``: the name's own key in ``ArticlePlaces.near`` (a name is no neighbour of itself).
    """

    names: list[str]
    level: str | None = None
    within: list[Place] = field(default_factory=list)
    country: str | None = None
    label: str = "GPE"
    local: bool = False
    key: str | None = None


@dataclass
class ArticlePlaces:
    """What the article is about, geographically: the weight of each country and area,
    and the outlet's country (ISO3) when known."""

    countries: Counter = field(default_factory=Counter)
    admin1s: Counter = field(default_factory=Counter)
    support: Counter = field(default_factory=Counter)
    outlet: str | None = None
    near: NearPlaces | None = None

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
                             Counter(self.support), self.outlet, self.near)
        if place is not None:
            rest.add(place, -weight)
        rest.add_candidates(list(found), -1.0)
        return rest


class NearPlaces:
    """Where the article's other names could be: a name's candidate is likelier where
    other names have candidates close by (local news names towns a few miles apart:
    Cornwall, Sharon and Salisbury, Connecticut, not their Pennsylvania namesakes). Each
    name counts 1 / the square root of its towns and counties (a "Washington" is near
    everything)."""

    def __init__(self, names: dict[str, list[Place]]) -> None:
        self.cells: dict[tuple[int, int], list[tuple[str, float, float]]] = {}
        self.weights: dict[str, float] = {}
        for key, places in names.items():
            points = {(p.lat, p.lon) for p in places if p.feature in ("city", "admin2")}
            if points:
                self.weights[key] = 1 / math.sqrt(len(points))
            for lat, lon in points:
                self.cells.setdefault(_cell(lat, lon), []).append((key, lat, lon))

    def around(self, place: Place, own: str | None) -> float:
        """The weight of the other names with a town or county within ``NEAR_KM``."""
        row, column = _cell(place.lat, place.lon)
        found = set()
        for cell in ((row + i, column + j) for i in (-1, 0, 1) for j in (-1, 0, 1)):
            for key, lat, lon in self.cells.get(cell, ()):
                if key != own and key not in found and distance_km(
                        place.lat, place.lon, lat, lon) < NEAR_KM:
                    found.add(key)
        return sum(self.weights[key] for key in found)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    """The whole-degree cell of a point (neighbouring cells hold every point within
    ``NEAR_KM`` below the polar circles)."""
    return math.floor(lat), math.floor(lon)


def area_of(place: Place) -> tuple[str | None, str | None]:
    """(country, first-level area) a place is in, or is."""
    return place.country, place.name if place.feature == "admin1" else place.admin1


def candidate_areas(found: list[Named]) -> set[tuple]:
    """The first-level areas of a name's candidates (countries and continents aside)."""
    return {area_of(n.place) for n in found if n.place.feature in ("admin1", "admin2", "city")
            and n.place.admin1}


def candidates(index: PlaceIndex, query: PlaceQuery) -> list[Named]:
    """Every place any of the query's names names (first name's candidates first), and the
    counties and parishes its first name is short for ("DeKalb" for DeKalb County, how
    "county"): local news drops the word once the county is known."""
    found: list[Named] = []
    seen: set[tuple] = set()
    for named in _named_by(index, query):
        key = (named.place.feature, named.place.geonameid, named.place.name,
               named.place.country, named.place.admin1)
        if key not in seen:
            seen.add(key)
            found.append(named)
    return found


def _named_by(index: PlaceIndex, query: PlaceQuery) -> Iterator[Named]:
    for name in query.names:
        yield from index.lookup(name)
    if query.names and query.level in (None, "admin2") and query.label != "FAC":
        words = query.names[0].split()
        if words and words[0][:1].isupper() and words[-1].lower() not in COUNTY_WORDS:
            name = " ".join(words)
            for word in COUNTY_WORDS:
                for named in index.lookup(f"{name} {word}"):
                    if named.place.feature == "admin2":
                        yield Named(named.place, "county")


def resolve(index: PlaceIndex, query: PlaceQuery, article: ArticlePlaces | None = None,
            found: list[Named] | None = None) -> Place | None:
    """The place the query most likely means, or None when no candidate fits.

    An apposition that no candidate lies in was a list ("Texas, Oklahoma"), not a
    qualifier: the query is then resolved without it.
    """
    article = article or ArticlePlaces()
    found = candidates(index, query) if found is None else found
    if (query.level and any(n.place.feature == "country" and n.how != "demonym" for n in found)
            and not any(n.place.feature == query.level for n in found)):
        query = replace(query, level=None)  # "China state media": a country stays a country
        # (but "the Georgia state line" is the US state)
    if query.level == "admin1" and not any(n.place.feature == "admin1" for n in found):
        found = found + areas_around(index, found)
    top = max((n.place.population for n in found if n.place.feature == "city"), default=0)
    areas = frozenset(n.place.country for n in found if n.how in ("name", "alias")
                      and n.place.feature in ("country", "admin1"))
    abroad = max((n.place.population for n in found if n.place.feature == "city"
                  and n.how in ("name", "alias") and n.place.country != article.outlet),
                 default=0)
    scored = [(score(named, query, article, index, top, areas, abroad), named.place)
              for named in found]
    demonym = any(n.how == "demonym" for name in query.names for n in index.lookup(name))
    scored = _namesakes(found, scored, query, index.capitals, article, demonym)
    scored = [(value, place) for value, place in scored if value is not None]
    if not scored and query.within:
        return resolve(index, replace(query, within=[]), article)
    if not scored:
        return None
    best = max(scored, key=lambda item: (item[0], item[1].population))
    return best[1]


def _namesakes(found: list[Named], scored: list[tuple], query: PlaceQuery,
               capitals: set[int], article: ArticlePlaces, demonym: bool = False) -> list[tuple]:
    """Names shared across levels. "China" or "Europe" is not a town called China, and
    "Florida" not Florida, N.Y. (unless an apposition says "China, Texas", or the article
    is local news from the town's state: "Palestine" among Texas towns; "Georgia" may
    still be the US state; but never where a mention is the people's name, ``demonym``:
    "Canada" and "Canadian" are no Canadian, Texas); "Kursk" or "Odessa" alone is the city,
    not the region named after it."""
    big = {n.place.feature for n in found if n.how != "demonym"} & {"country", "continent",
                                                                     "region"}
    cities_in = {(n.place.country, n.place.admin1) for n in found if n.place.feature == "city"}
    areas = {area_of(n.place): n.place.population for n in found
             if n.place.feature == "admin1"}
    local_town = any(_outlet_town(query, n.place, article) and _area_named(n.place, article)
                     for n in found)
    adjusted = []
    for named, (value, place) in zip(found, scored, strict=True):
        if value is not None and local_town and place.feature in ("country", "continent"):
            value -= COUNTRY_NAMESAKE_PENALTY  # "Lebanon police" among Pennsylvania towns
        if value is not None and not query.within:
            if big and place.feature in ("city", "admin2"):
                value -= 0 if not demonym and (_local(place, article) or _outlet_town(
                    query, place, article)) else COUNTRY_NAMESAKE_PENALTY
            elif (place.feature == "city" and place.geonameid not in capitals
                  and any(people > AREA_NAMESAKE_RATIO * place.population
                          for area, people in areas.items() if area != area_of(place))):
                value -= AREA_NAMESAKE_PENALTY  # "Florida" is not Florida, N.Y.; but St.
                # Louis is St. Louis, Missouri, not a Senegalese region's namesake town
        if value is not None and _state_not_country(named, found, article):
            value += COUNTRY_NAMESAKE_PENALTY
        if value is not None:
            if (not query.level and place.feature == "admin1" and named.how != "alias"
                    and (place.country, place.admin1) in cities_in):
                value -= NAMESAKE_PENALTY
        adjusted.append((value, place))
    return adjusted


def _state_not_country(named: Named, found: list[Named], article: ArticlePlaces) -> bool:
    """A first-level area named like another country ("Georgia") is the area where the
    article names other places in it and is mostly about the area's country, not the other
    ("ATLANTA - ... a Georgia man's death", among Arizona and Oregon)."""
    place = named.place
    if place.feature != "admin1" or named.how != "name" or article.admin1s[area_of(place)] <= 0:
        return False
    others = {n.place.country for n in found
              if n.place.feature == "country" and n.place.country != place.country}
    share = article.country_share(place.country)
    return bool(others) and share >= STATE_COUNTRY_SHARE and all(
        share > STATE_COUNTRY_RATIO * article.country_share(other) for other in others)


def _outlet_town(query: PlaceQuery, place: Place, article: ArticlePlaces) -> bool:
    """A town in the outlet's country, named the way local news names its own town."""
    return (query.local and article.outlet is not None and place.country == article.outlet
            and place.feature in ("city", "admin2"))


def _area_named(place: Place, article: ArticlePlaces) -> bool:
    """The article names other places that are, or could be, in the place's first-level
    area."""
    area = area_of(place)
    return article.admin1s[area] > 0 or article.support[area] >= AREA_SUPPORT


def _local(place: Place, article: ArticlePlaces) -> bool:
    """The article is local news from the place's first-level area: several other
    places there, and its country nearly all the article's place evidence."""
    return (article.admin1s[area_of(place)] >= LOCAL_EVIDENCE
            and article.country_share(place.country) >= LOCAL_COUNTRY_SHARE)


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
    elif place.feature == "region":  # "Black Sea", "Middle East": no town outranks them
        value = REGION_PRIOR
    elif place.feature == "admin2":
        value = ADMIN2_PRIOR
    else:
        value = math.log10(place.population + 10)
        if place.feature == "admin1":
            value -= ADMIN1_DISCOUNT
    if named.how == "alternate":
        value -= ALTERNATE_PENALTY
    elif named.how == "county":  # "DeKalb" is DeKalb County only where the article says so
        value -= COUNTY_PENALTY
    elif named.how == "alias":  # our aliases are how English news names the place
        value += ALIAS_BONUS
    return value


def score(named: Named, query: PlaceQuery, article: ArticlePlaces,
          index: PlaceIndex | None = None, top: int = 0,
          area_countries: frozenset = frozenset(), abroad: int = 0) -> float | None:
    """The candidate's score, or None when the article rules it out. Near neighbours count
    for neither a town a nationally known city far outnumbers (``top``) nor a town named
    like a country or a first-level area of its own country (``area_countries``: "Florida"
    near New York towns is still the state; "Virginia" among Irish towns is County
    Cavan's). A town local news names as its own outranks a namesake abroad, but one of
    ``WORLD_CITY`` people (``abroad``) only where the article names places around the
    town ("MOSCOW --" in an American paper is still Moscow, Russia)."""
    place = named.place
    if named.how == "demonym" and place.feature != "country":
        return None
    value = prior(named)
    if index is not None and place.geonameid in index.capitals:
        value += CAPITAL_BONUS
    if query.level:
        value += LEVEL_BONUS if _level_fits(query.level, place) else -LEVEL_BONUS
    if query.within:  # "Washington, New York and Boston" is a list, not Washington County
        if named.how == "county" or not any(_inside(place, outer) for outer in query.within):
            return None
        value += WITHIN_BONUS
    if query.country and place.country == query.country:
        value += ENTITY_COUNTRY_BONUS
    if query.label == "LOC" and place.feature == "city" and not query.within:
        if place.population < LOC_TOWN_POPULATION and not article.admin1s[area_of(place)]:
            return None  # "Middle East", "Atlantic": never a false town
        value -= AREA_NAME_PENALTY
    value += ARTICLE_COUNTRY_BONUS * article.country_share(place.country)
    if article.outlet and place.country == article.outlet:
        value += OUTLET_COUNTRY_BONUS
        if _outlet_town(query, place, article) and (
                abroad < WORLD_CITY or _area_named(place, article)):
            value += LOCAL_OUTLET_BONUS  # "Paris police": Paris, Texas, among Texas towns
    if place.feature in ("city", "admin2", "admin1"):
        area = area_of(place)
        context = ARTICLE_ADMIN1_BONUS * min(1.0, max(0.0, article.admin1s[area]) / ADMIN1_FULL)
        context += SUPPORT_BONUS * min(1.0, max(0.0, SUPPORT_SCALE * article.support[area]))
        if place.feature == "city" and top >= GAP_CITY and top > GAP_RATIO * place.population:
            context *= GAP_SHARE
        elif (article.near is not None and place.feature != "admin1"
              and place.country not in area_countries):
            context += NEAR_BONUS * min(1.0, article.near.around(place, query.key) / NEAR_FULL)
        value += context
    return value


def _level_fits(level: str, place: Place) -> bool:
    """"the Donbas region" is a region too; "the city of X" may be a city's own area."""
    return (place.feature == level or (level == "city" and place.feature == "admin2")
            or (level != "city" and place.feature == "region"))


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


__all__ = ["PlaceQuery", "ArticlePlaces", "NearPlaces", "resolve", "candidates", "candidate_areas",
           "area_of", "score", "prior"]
