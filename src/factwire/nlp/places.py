"""factwire_places: every place (GPE, LOC, FAC entity) resolved to coordinates.

Runs after factwire_entities. For each place entity, ``match`` reads what the article says
around its mentions and asks the offline gazetteer (``factwire.geo``) for the place meant:

- the words that name a level: "the Kursk region", "Kursk Oblast", "the province of Idlib"
  are the first-level area, "Rapides Parish" the second; "Kyiv airport" or "the Rafah
  crossing" are sites located at the place in their name (feature "other"); a street
  named after a place ("Dublin Road") is never that place;
- an apposition: "Paris, Texas", "Alexandria, La.", "Kyiv, Ukraine";
- the country the entities component gave it (unless that only is the country of the
  most populous namesake), and the countries and areas of the article's other places
  (resolved twice: the second pass knows the first's answers; a dateline, "COLUMBUS -",
  counts as more mentions; "the city" or "homes" is no evidence);
- the article's other names close by: local news names towns a few miles apart
  (``factwire.geo.resolve.NearPlaces``);
- the outlet's country (``doc._.outlet_country``): a weak prior; a town named the way local
  news names its own ("a Paris woman", "Athens police", "the City of Paris", a dateline:
  ``factwire.geo.cues``) is the outlet country's town, but a world city's
  namesake only where the article names places around it;
- a nominal place ("Ukrainian cities") is its country;
- a place the gazetteer lacks but the entities component put in a country is located at
  the country, with feature "other" and precision "country";
- seas, rivers, mountain ranges and macro-regions ("Black Sea", "Middle East") are feature
  "other", precision "region" (``data/places_features.tsv``).

Other entities get ``geo`` too (the map should filter by type):

- an organization named after its place ("Dublin City Council", "University of Cincinnati",
  "U.S. Department of Education") is located at its seat, feature "other" (its country is
  left as the entities component gave it); where the article's places name the seat
  ("Boulder City" and "Boulder City Council") it is that place;
- a group named by its town ("Hurricane police", "Chicopee residents") is located there,
  and so is a PERSON that NER made of a town's institution ("Huntsville Fire");
- a person, organization or facility whose every mention is a town's own name is the town
  (NER types towns as actors: "Roselle police", "Douma is surrounded") where the article
  is about the town's first-level area, or, except for a person, its country and the town
  has 15,000+ people. Its type is left as the entities component gave it.

Only place entities (and organizations seated in a whole country or first-level area, "State
of Ohio") are evidence of where the article is. ``set_annotations`` writes ``entity.geo``
(``factwire.model.Geo``) and fills a missing ``entity.country`` of a place from it. Places the
gazetteer does not know keep ``geo = None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from factwire.geo import Place, PlaceIndex, load_index, normalize_name
from factwire.geo.cues import dateline, local_after, local_cue
from factwire.geo.outlet import iso3_of
from factwire.geo.resolve import (
    COUNTY_WORDS,
    ArticlePlaces,
    NearPlaces,
    PlaceQuery,
    area_of,
    candidates,
    resolve,
)
from factwire.geo.sources import read_data_tsv
from factwire.model import Entity, Geo
from factwire.nlp import doc as _doc  # noqa: F401  (registers the Doc extensions)
from factwire.nlp.doc import doc_list, doc_text
from factwire.nlp.gazetteer import city_country, load_gazetteer

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
SEAT_FEATURES = frozenset({"country", "admin1", "admin2", "city"})
SEAT_POPULATION = 15_000
PREFIX_SEAT_POPULATION = 1_000  # "Laconia Police Department"; not White, Ga. (pop. 700)
ACTOR_TYPES = frozenset({"ORG", "PERSON", "FAC"})
ACTOR_PLACE_FEATURES = frozenset({"admin1", "admin2", "city", "region"})
ACTOR_COUNTRY_SHARE = 0.5
DATELINE_WEIGHT = 2  # a dateline town counts as this many more mentions
# words that begin a natural feature's name: "Lake Robinson" is no seat in Lake County
FEATURE_WORDS = frozenset({"lake", "lakes", "mount", "river", "bay", "cape", "glen", "isle"})
PRECISION = {"country": "country", "continent": "country", "region": "region",
             "admin1": "region", "admin2": "region", "city": "city"}
_LEADING = re.compile(r"^(?:the|The)\s+")
_TRAILING = re.compile(r"(?:'s|’s|'|’)$")
# a level word, unless a capitalized one goes on into a longer name ("Moscow State University")
_NEXT_WORD = re.compile(r"^[ \t]+([a-z]+|[A-Z][a-z]+(?![ \t]+[A-Z]))\b")
_LEVEL_BEFORE = re.compile(r"\b([a-z]+) of\s+(?:the\s+)?$")
_NAME = r"([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})"
_CUE_BEFORE = re.compile(r"\b(?:in|near|outside|across|throughout|inside|into)\s+$")
_CUE_AFTER = re.compile(r"^(?:'s|’s)?\s+(?:police|residents?|city|county|area|township|"
                        r"mayor|council|aldermen|selectmen|firefighters?|neighborhoods?)\b")
_APPOSITION = re.compile(rf"^,[ \t]+{_NAME}(?:,[ \t]+{_NAME})?")


@lru_cache(maxsize=1)
def place_words() -> dict[str, str]:
    """``data/places_words.tsv``: word -> the level it names (admin1, city, street...)."""
    return {row[0].strip(): row[1].strip() for row in read_data_tsv("places_words.tsv")}


class PlacesComponent:
    """Resolves places to coordinates: ``match(doc)`` then ``set_annotations(doc, found)``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.index: PlaceIndex = load_index()
        self.words = place_words()
        self.adjectives = _adjectives(nlp)

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> dict[str, Geo]:
        """Entity id -> ``Geo`` for every place entity the gazetteer can resolve.

        Two passes: the first weighs candidates by the countries the entities component
        gave and by the areas the other names could be in; the second also knows where
        the first put every other place. Only places are evidence of where the article
        is: an organization's seat ("University of Rochester") or a name NER typed as an
        actor is resolved, but moves no other place.
        """
        entities = doc_list(doc, "entities")
        places, others, reads, found = self._read_all(doc, entities)
        near = NearPlaces({entity_id: [n.place for n in named if n.how != "demonym"]
                           for entity_id, named in found.items()})
        article = ArticlePlaces(outlet=iso3_of(doc._.outlet_country), near=near)
        for entity in entities:
            if entity.country and entity.type not in PLACE_TYPES:
                article.countries[entity.country] += _weight(entity)
        for entity in places + [e for e in others if reads[e.id].actor]:
            article.add_candidates(found[entity.id])
        weights = {entity.id: _weight(entity) + DATELINE_WEIGHT * dateline(doc_text(doc), entity.mentions)
                   for entity in places}
        first = {entity.id: self.resolve_read(reads[entity.id], found[entity.id],
                                              article.without(None, 0, found[entity.id]))
                 for entity in places}
        article = ArticlePlaces(support=article.support, outlet=article.outlet, near=near)
        for entity in places:
            if first[entity.id] is not None and _evidence(entity):
                article.add(first[entity.id], weights[entity.id])
        self._area_evidence(others, reads, found, article)
        final = {entity.id: self.resolve_read(reads[entity.id], found[entity.id], article.without(
                     first[entity.id], weights[entity.id], found[entity.id]))
                 for entity in places}
        _drop_guessed_countries(places, reads, final)
        known = self._known(places, reads, final)
        for entity in others:
            rest = article.without(None, 0, found[entity.id]) if reads[entity.id].actor else article
            final[entity.id] = self.resolve_other(entity, reads[entity.id], found[entity.id],
                                                  rest, known)
        self._too_wide(doc, places, reads, final, article, known)
        geos = {entity_id: to_geo(place, reads[entity_id].site)
                for entity_id, place in final.items() if place is not None}
        for entity in places:  # a place only known to be in a country is there, roughly
            country = self.index.countries.get(entity.country or "")
            if entity.id not in geos and country is not None and not entity.nominal:
                geos[entity.id] = to_geo(country, site=True)
        return geos

    def _read_all(self, doc: Doc, entities: list[Entity]) -> tuple:
        """(place entities, other entities read as places or seats, entity id -> reading,
        entity id -> candidates)."""
        places = [e for e in entities if e.type in PLACE_TYPES]
        reads = {entity.id: self.read(doc, entity) for entity in places}
        others = []
        for entity in entities:
            read = None if entity.type in PLACE_TYPES else (
                self.read_actor(doc, entity) or self.seat(entity))
            if read is not None:
                others.append(entity)
                reads[entity.id] = read
        for entity_id, read in reads.items():
            read.query.key = entity_id
        found = {e.id: candidates(self.index, reads[e.id].query) for e in places + others}
        return places, others, reads, found

    def _area_evidence(self, others: list[Entity], reads: dict, found: dict,
                       article: ArticlePlaces) -> None:
        """An organization seated in a whole area ("State of Ohio", "Bank of Canada") is
        evidence for it; "Georgia Power" is evidence for neither Georgia."""
        for entity in others:
            areas = {(n.place.feature, n.place.country, n.place.name) for n in found[entity.id]
                     if n.place.feature in ("admin1", "country")}
            if len(areas) == 1:
                seat = self.resolve_read(reads[entity.id], found[entity.id], ArticlePlaces())
                if seat is not None and seat.feature in ("admin1", "country"):
                    article.add(seat, _weight(entity))

    def _known(self, places: list[Entity], reads: dict, final: dict) -> dict[str, Place]:
        """Normalized name -> the place the article's place entities resolved it to: one
        name keeps one sense in an article ("Boulder City" and "Boulder City Council")."""
        known = {}
        for entity in places:
            place = final[entity.id]
            if place is None or reads[entity.id].site:
                continue
            for text in [entity.name] + [mention.text for mention in entity.mentions]:
                known.setdefault(normalize_name(clean_name(text)), place)
        return known

    def _too_wide(self, doc: Doc, places: list[Entity], reads: dict, final: dict,
                  article: ArticlePlaces, known: dict[str, Place]) -> None:
        """A site NER typed a facility but named as a town is the town where the article
        is ("Red Wing"); a place NER drew too wide ("Titus County Jail") is located by
        its seat."""
        for entity in places:
            name, last = self._split_level(clean_name(entity.name))
            street = self._kind(last, name) == "street"
            if final[entity.id] or entity.nominal or street:
                continue
            read = self.read_actor(doc, entity) if entity.type == "FAC" else None
            read = read or self.seat_of(entity.name, entity.country)
            if read is not None:
                reads[entity.id] = read
                final[entity.id] = self.resolve_other(
                    entity, read, candidates(self.index, read.query), article, known)

    def resolve_other(self, entity: Entity, read: PlaceRead, found: list,
                      article: ArticlePlaces, known: dict[str, Place]) -> Place | None:
        """An organization's seat; or the place an actor's name is ("Roselle police"
        typed as an organization, "Douma" as a person), only where the article is about
        that place's area, or its country and the place is no village. A name the
        article's places already resolved keeps their sense."""
        words = clean_name(entity.name).split()
        for size in range(min(4, len(words)), 0, -1):
            place = known.get(normalize_name(" ".join(words[:size])))
            if place is not None and (size == len(words) or read.site):
                return place
        place = self.resolve_read(read, found, article)
        if place is None or not read.actor:
            return place
        if article.admin1s[area_of(place)] > 0:
            return place
        if read.cue and not sum(article.countries.values()) and (
                entity.type != "PERSON" or place.population >= SEAT_POPULATION):
            return place  # "in Joliet" in an article that names no other place
        if article.country_share(place.country) >= ACTOR_COUNTRY_SHARE and (read.cue or (
                entity.type != "PERSON" and (place.feature != "city"
                                             or place.population >= SEAT_POPULATION))):
            return place  # a person's name needs a place cue or the place's own area:
        return None  # "Wright" is no town, "in Joliet" and "Roswell police" are

    def read_actor(self, doc: Doc, entity: Entity) -> PlaceRead | None:
        """A person, organization or facility whose every mention is a place's own name
        (NER types towns as actors: "Roselle police", "Douma is surrounded"): read as a
        place."""
        if entity.type not in ACTOR_TYPES or entity.nominal or entity.role:
            return None
        names = {clean_name(text) for text in [entity.name] + [m.text for m in entity.mentions]}
        if len(names) > 1:  # "Hillary Clinton" mentioned as "Clinton" is no town
            return None
        words = next(iter(names)).split()
        if not words or not all(word[:1].isupper() for word in words) or (
                len(words) == 1 and (words[0].isupper() or words[0].lower() in self.adjectives)):
            return None
        name = " ".join(words)
        if not any(n.how in ("name", "alias") and n.place.feature in ACTOR_PLACE_FEATURES
                   for n in self.index.lookup(name)) and not self._county_named(name):
            return None
        read = self.read(doc, replace(entity, type="GPE"))
        return PlaceRead(read.query, actor=True, cue=_place_cue(doc, entity))

    def _county_named(self, name: str) -> bool:
        """True when ``name`` is a county's or parish's without the word ("Oconee")."""
        return name.lower().split()[-1] not in COUNTY_WORDS and any(
            n.place.feature == "admin2" for word in COUNTY_WORDS
            for n in self.index.lookup(f"{name} {word}"))

    def resolve_read(self, read: PlaceRead, found: list, article: ArticlePlaces) -> Place | None:
        """The place an entity's reading means, given its candidates and the article."""
        if read.country_only:
            return self.index.countries.get(read.query.country)
        if not read.query.names:
            return None
        return resolve(self.index, read.query, article, found)

    def read(self, doc: Doc, entity: Entity) -> PlaceRead:
        """What the article says about one place entity: its names, level and qualifiers.

        A facility ("FAC") is located by the place its name holds ("Kyiv airport") or by
        its apposition, never by a town that happens to share its name ("White House").
        """
        if entity.nominal and not self._named_whole(entity):
            # "Ukrainian cities": the country, if the modifier names one
            return PlaceRead(PlaceQuery([], country=entity.country),
                             country_only=bool(entity.country))
        names: list[str] = []
        level = None
        site = located = entity.type == "FAC"
        street = False
        appositions = self._appositions(doc, entity)
        for text in [entity.name] + [mention.text for mention in entity.mentions]:
            text, tail = self._split_apposition(clean_name(text))
            appositions = appositions or tail
            text, part = self._split_part(text)
            name, word = self._split_level(text)
            kind = self._kind(word, name)
            street = street or kind == "street"
            if kind == "facility" or part:
                site, located = True, located and not part and kind != "facility"
            elif kind and kind != "street":
                level = level or kind
            if name and name not in names and kind != "street":
                names.append(name)
        level = level or self._level_around(doc, entity)
        if street or located:  # only an apposition says where it is: "Orchard St., Alexandria"
            names, appositions = appositions[:1], appositions[1:]
        within = self._areas_named(appositions[0]) if appositions else []
        local = (local_cue(doc_text(doc), entity.mentions)
                 or dateline(doc_text(doc), entity.mentions)) and not any(
            n.how == "demonym" for name in names for n in self.index.lookup(name))
        query = PlaceQuery(names, level, within, _stated_country(entity), entity.type,
                           local=local)  # "Russians" names no town
        return PlaceRead(query, site or street)

    def _named_whole(self, entity: Entity) -> bool:
        """A nominal entity whose capitalized name the gazetteer holds whole is that place,
        not its modifier's country: "Kansas City", "Virginia Beach", "Indian Ocean"."""
        words = clean_name(entity.name).split()
        return len(words) > 1 and all(word[:1].isupper() for word in words) and any(
            n.how in ("name", "alias") for n in self.index.lookup(" ".join(words)))

    def seat(self, entity: Entity) -> PlaceRead | None:
        """An organization named after its place is located there (feature "other"): its
        first one to three words ("Dublin City Council", "Paris Police Department"), or a
        town of 15,000+ or an area after its last "of" ("University of Cincinnati").
        Adjectives and organization words are no place ("Red Cross", "Supreme Court";
        "Department of Justice" names no town of 15,000+)."""
        if entity.type not in ACTOR_TYPES - {"FAC"}:
            return None
        if entity.nominal:
            return self._nominal_seat(entity)
        if entity.type == "PERSON":  # "Alexandria Police", "McMinn County Sheriff"; but
            # "Sam Houston State University" is not in Sam, Syria
            if self._organization_named(entity.name):
                return self.seat_of(entity.name, entity.country, SEAT_POPULATION)
            # NER's PERSON "Huntsville Fire" or "Greer Station": a town's institution or site
            read = self.seat_of(entity.name, entity.country)
            site = self.words.get(clean_name(entity.name).split()[-1].lower()) == "facility"
            return read if read is not None and (read.query.local or site) else None
        return self.seat_of(entity.name, entity.country)

    def _nominal_seat(self, entity: Entity) -> PlaceRead | None:
        """A group named by its town ("Hurricane police", "Chicopee residents", "vulnerable
        Hounslow resident") is located there; a people or a country's group ("Ukrainian
        officials") is left to the entities component's country."""
        words = clean_name(entity.name).split()
        start = next((i for i, word in enumerate(words) if word[:1].isupper()), None)
        if start is None:
            return None
        read = self.seat_of(" ".join(words[start:]), entity.country)
        if read is None or not read.query.local or any(
                n.place.feature == "country" or n.how == "demonym"
                for n in self.index.lookup(read.query.names[0])):
            return None
        return read

    def _organization_named(self, name: str) -> bool:
        """A name with a county word or ending in an organization word is no person's."""
        words = [word.lower().rstrip(".") for word in clean_name(name).split()]
        return len(words) > 1 and (words[-1] in load_gazetteer().nominals
                                   or any(self.words.get(word) == "admin2" for word in words))

    def seat_of(self, name: str, country: str | None,
                prefix_population: int = PREFIX_SEAT_POPULATION) -> PlaceRead | None:
        """The place a name of an organization or a site is, begins or ends with (a town
        it begins with has ``prefix_population``+ people)."""
        words = clean_name(name).split()
        nominals = load_gazetteer().nominals
        if "of" in words[1:-1]:
            part = self._whole(words[len(words) - words[::-1].index("of"):])
            if self._names_seat(part, nominals, SEAT_POPULATION):
                return PlaceRead(PlaceQuery([" ".join(part)], country=country), True)
        whole = self._whole(words)  # "Metro Vancouver", "Northeast Georgia Medical Center"
        longest = len(whole) - (whole is words)  # the whole name is no seat of itself
        words = whole
        for size in range(min(3, longest), 0, -1):
            if self._names_seat(words[:size], nominals, prefix_population):
                local = bool(local_after().match(" " + " ".join(words[size:])))
                return PlaceRead(PlaceQuery([" ".join(words[:size])], country=country,
                                            local=local), True)
        return None

    def _whole(self, words: list[str]) -> list[str]:
        """The words without a leading part word ("Greater", "Northeast")."""
        if len(words) > 1 and self.words.get(words[0].lower()) == "part":
            return words[1:]
        return words

    def _names_seat(self, part: list[str], nominals: dict, population: int) -> bool:
        """True when the words name a place an organization can be seated in: a country
        by any of its names ("U.S.", "American" in "American Farm Bureau Federation"), or
        a known area or town of ``population``+ that is no adjective, acronym or
        organization word."""
        found = self.index.lookup(" ".join(part))
        if part[0][:1].isupper() and any(n.place.feature == "country" for n in found):
            return True
        if part[-1].endswith(".") and any(n.how == "alias" and n.place.feature == "admin1"
                                          for n in found):
            return True  # a state's abbreviation: "S.C. Highway Patrol", "N.D. House"
        if (part[0] == "The" or not all(word[:1].isupper() for word in part)
                or any(word.lower() in nominals for word in part)
                or len(part) == 1 and (part[0].lower() in self.adjectives
                                       or len(part[0]) < 3 or part[0].isupper())):
            return False  # "Supreme Court" is not in Supreme, Louisiana
        return any(n.how in ("name", "alias") and n.place.feature in SEAT_FEATURES
                   and (n.place.feature != "city" or n.place.population >= population)
                   for n in found) or (part[0].lower() not in FEATURE_WORDS
                                       and self._county_named(" ".join(part)))

    def _split_part(self, name: str) -> tuple[str, bool]:
        """("Northeast Georgia") -> ("Georgia", True): a part of a place is located at the
        place; a name the gazetteer knows whole ("West Virginia") stays whole."""
        first, _, rest = name.partition(" ")
        if rest and self.words.get(first.lower()) == "part" and not self.index.refs(name):
            return rest, True
        return name, False

    def _split_level(self, name: str) -> tuple[str, str | None]:
        """("Kursk region", "region") -> ("Kursk", "region"), unless the whole name is a
        place ("Gaza Strip", "Kansas City") or the word is all there is."""
        words = name.split()
        if len(words) < 2 or self.index.refs(name):
            return name, None
        last = words[-1].lower().rstrip(".")
        if last in self.words:
            return " ".join(words[:-1]), last
        return name, None

    def _kind(self, word: str | None, name: str) -> str | None:
        """The level a trailing ``word`` names; a court after an area's word is a
        courthouse, not a street ("Wyandotte County District Court")."""
        kind = self.words.get(word or "")
        if word == "court" and any(w.lower() in COUNTY_WORDS for w in name.split()):
            return "facility"
        return kind

    def _level_around(self, doc: Doc, entity: Entity) -> str | None:
        """A level named by the word after a mention ("Kursk region") or before it
        ("the province of Idlib")."""
        text = doc_text(doc)
        for mention in entity.mentions:
            after = _NEXT_WORD.match(text[mention.end:mention.end + 40])
            if after and self.words.get(after.group(1).lower()) in ("admin1", "admin2"):
                return self.words[after.group(1).lower()]
            before = _LEVEL_BEFORE.search(text[max(0, mention.start - 40):mention.start])
            if before and self.words.get(before.group(1)) in ("admin1", "admin2", "city"):
                return self.words[before.group(1)]
        return None

    def _appositions(self, doc: Doc, entity: Entity) -> list[str]:
        """The capitalized names after the first mention followed by any: ("Texas",) in
        "Paris, Texas"; ("Alexandria", "La.") in "Orchard St., Alexandria, La."."""
        for mention in entity.mentions:
            after = _APPOSITION.match(doc_text(doc)[mention.end:mention.end + 80])
            if after:
                return [name for name in after.groups() if name]
        return []

    def _split_apposition(self, name: str) -> tuple[str, list[str]]:
        """A name that holds its apposition ("Thruxton, Hampshire") -> ("Thruxton",
        ["Hampshire"]) when the gazetteer knows the tail as an area; else (name, [])."""
        head, comma, tail = name.partition(", ")
        if comma and head and self._areas_named(tail):
            return head, [tail]
        return name, []

    def _areas_named(self, text: str) -> list[Place]:
        """The areas and countries called ``text`` ("Texas", "La.", "Hampshire", "Ukraine")."""
        return [named.place for named in self.index.lookup(clean_name(text))
                if named.place.feature in ("admin1", "admin2", "country")
                and named.how != "demonym"]

    def set_annotations(self, doc: Doc, found: dict[str, Geo]) -> Doc:
        """Write ``geo`` on each resolved place, and make its country the place's: a name
        the entities component read as one country's ("Georgia", GEO) is another's where
        the article shows it is (Georgia, the US state). A site keeps the country it had."""
        for entity in doc_list(doc, "entities"):
            geo = found.get(entity.id)
            if geo is None:
                continue
            entity.geo = geo
            if (geo.country and entity.type in PLACE_TYPES and not entity.nominal
                    and (entity.country is None or geo.feature != "other")):
                entity.country = geo.country
        return doc


@dataclass
class PlaceRead:
    """One place entity as the article presents it: the gazetteer query, whether it is a
    site located by a place (feature "other"), whether it only names a country, and
    whether it is an actor's name read as a place (resolved only with the article's
    support)."""

    query: PlaceQuery
    site: bool = False
    country_only: bool = False
    actor: bool = False
    cue: bool = False


def _place_cue(doc: Doc, entity: Entity) -> bool:
    """A mention after a locative preposition ("in Joliet", "outside Douma") or before a
    word only places take ("Roswell police", "Madison residents")."""
    text = doc_text(doc)
    for mention in entity.mentions:
        if _CUE_BEFORE.search(text[max(0, mention.start - 12):mention.start]):
            return True
        if _CUE_AFTER.match(text[mention.end:mention.end + 20]):
            return True
    return False


def _adjectives(nlp: Language) -> frozenset[str]:
    """English adjectives (the lemmatizer's index; none in a blank pipeline)."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index", {})
    return frozenset(table.get("adj", ()))


def _drop_guessed_countries(places: list[Entity], reads: dict, final: dict) -> None:
    """"The city" or "homes" is placed in its country only where the article's named
    places are in that country: otherwise the country is a guess from what it refers to."""
    resolved = {final[e.id].country for e in places if final[e.id] and _evidence(e)}
    for entity in places:
        if (reads[entity.id].country_only and not _evidence(entity)
                and reads[entity.id].query.country not in resolved):
            final[entity.id] = None


def _evidence(entity: Entity) -> bool:
    """A place entity is evidence of where the article is, except a nominal one that names
    no place ("the city", "homes"): its country is only a guess from what it refers to."""
    return not entity.nominal or any(word[:1].isupper() for word in entity.name.split())


def _stated_country(entity: Entity) -> str | None:
    """The country the entities component gave a place, unless it only is the country of
    the most populous place of that name ("Alexandria" -> Egypt): the gazetteer's
    population prior already counts that, and it must not count twice."""
    if entity.type in PLACE_TYPES and entity.country == city_country(entity.name):
        return None
    return entity.country


def _weight(entity: Entity) -> int:
    """How much a place counts as evidence of what the article is about: its mentions."""
    return len(entity.mentions) or 1


def clean_name(text: str) -> str:
    """A mention as a name: no leading "the", no possessive, no trailing punctuation.

    >>> clean_name("the Kursk region’s")
    'Kursk region'
    """
    text = _LEADING.sub("", text.strip())
    return _TRAILING.sub("", text).strip(" ,;:")


def to_geo(place: Place, site: bool = False) -> Geo:
    """The contract's ``Geo`` for a gazetteer place (a site is feature "other")."""
    feature = "other" if site or place.feature in ("continent", "region") else place.feature
    admin1 = None if place.feature in ("country", "continent", "region") else place.admin1
    return Geo(lat=round(place.lat, 5), lon=round(place.lon, 5), geonameid=place.geonameid,
               feature=feature, admin1=admin1, country=place.country,
               precision=PRECISION[place.feature])


@Language.factory("factwire_places", requires=["doc._.entities"])
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent(nlp, name)
