"""One global entity per real actor: its key, and people met by their aliases.

The key of an entity decides which entities of different articles are the same:

- a country (a GPE whose place is a whole country) by its ISO code: ``country:RUS``;
- another place by its GeoNames id (``geo:706483``), else by country and name;
- an organization by country and normalized name (``org:RUS:kremlin``);
- a person by country and normalized full name; a person named by fewer words ("Putin",
  "V. Putin") is the one known person whose name ends with the same surname and whose other
  words agree (:func:`same_person`), when exactly one such person of a compatible country
  exists.

Nominal entities ("Ukrainian officials", "people") describe, they do not name: they get no
global entity.

>>> normalize("The  Kremlin")
'kremlin'
>>> same_person("Putin", "Vladimir Putin")
True
>>> same_person("V. Putin", "Vladimir Putin")
True
>>> same_person("Vladimir Putin", "Vladimir Zelensky")
False
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from factwire.model import Entity

PLACE_TYPES = ("GPE", "LOC", "FAC")
_ARTICLE = re.compile(r"^(the|a|an)\s+")
_NON_WORD = re.compile(r"[^\w\s]")


@lru_cache(maxsize=65536)  # the writer meets the same names again and again
def normalize(name: str) -> str:
    """Casefolded, accents and punctuation removed, a leading article dropped."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = _NON_WORD.sub(" ", plain.casefold().replace("'s", "")).split()
    return _ARTICLE.sub("", " ".join(words))


def is_country(entity: Entity) -> bool:
    """A GPE that stands for a whole country (its place is resolved at country level)."""
    return (entity.type == "GPE" and entity.country is not None and entity.geo is not None
            and entity.geo.feature == "country")


def entity_country(entity: Entity) -> str | None:
    """The country an entity acts for or lies in."""
    return entity.country or (entity.geo.country if entity.geo else None)


def entity_key(entity: Entity) -> str | None:
    """The key that identifies the entity across articles; None for nominal entities."""
    if entity.nominal or not normalize(entity.name):
        return None
    country = entity_country(entity) or "-"
    if is_country(entity):
        return f"country:{entity.country}"
    if entity.type in PLACE_TYPES:
        if entity.geo is not None and entity.geo.geonameid is not None:
            return f"geo:{entity.geo.geonameid}"
        return f"place:{country}:{normalize(entity.name)}"
    if entity.type == "PERSON":
        return f"person:{country}:{normalize(entity.name)}"
    return f"org:{country}:{normalize(entity.name)}"


def surname(name: str) -> str | None:
    """The last word of a person's normalized name."""
    words = normalize(name).split()
    return words[-1] if words else None


def same_person(short: str, long: str) -> bool:
    """Whether two names can name one person: same surname, and each other word of the
    shorter name is a word or the initial of a word of the longer one, in order."""
    a, b = normalize(short).split(), normalize(long).split()
    if len(a) > len(b):
        a, b = b, a
    if not a or a[-1] != b[-1]:
        return False
    rest = iter(b[:-1])
    return all(any(_word_agrees(word, other) for other in rest) for word in a[:-1])


def _word_agrees(word: str, other: str) -> bool:
    return word == other or (len(word) == 1 and other.startswith(word))


@dataclass(frozen=True)
class KnownPerson:
    """A global person entity as the resolver sees it."""

    id: int
    name: str
    country: str | None


def match_person(name: str, country: str | None,
                 candidates: list[KnownPerson]) -> KnownPerson | None:
    """The one known person this name names, or None (unknown or ambiguous).

    Candidates must agree on the name (:func:`same_person`) and on the country (equal, or
    either unknown). An exact name match wins; otherwise several candidates are ambiguous,
    unless exactly one has the same country.
    """
    fitting = [c for c in candidates if same_person(name, c.name)
               and (country is None or c.country is None or c.country == country)]
    exact = [c for c in fitting if normalize(c.name) == normalize(name)]
    if len(exact) == 1:
        return exact[0]
    if len(fitting) == 1:
        return fitting[0]
    same_country = [c for c in fitting if country and c.country == country]
    return same_country[0] if len(same_country) == 1 else None


def better_name(current: str, new: str) -> str:
    """The name a global entity shows: the one with more words ("Vladimir Putin")."""
    return new if len(normalize(new).split()) > len(normalize(current).split()) else current
