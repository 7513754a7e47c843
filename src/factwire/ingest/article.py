"""Building ``Article`` objects from what a reader found: content-hash id, checked metadata.

>>> normalize_date("2025-04-02T09:30:00Z", "x")
'2025-04-02'
>>> new_article("Hi there.", source_path="a.txt").id[:12]
'9e553732ce68'
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib

from factwire.errors import EmptyInput, MalformedRecord
from factwire.geo.outlet import country_code
from factwire.model import Article


def article_id(text: str) -> str:
    """The article's id: the SHA-256 of its text (so re-ingesting is a no-op)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def normalize_date(value: object, name: str, line: int | None = None) -> str | None:
    """``YYYY-MM-DD`` from an ISO 8601 date or datetime, or an RFC 2822 date (feeds, mail).

    Raises ``MalformedRecord`` for anything else: a wrong publication date would shift every
    relative date ("on Tuesday") in the article.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        raise MalformedRecord(f"{name}: published date {text!r} is not a date; use YYYY-MM-DD",
                              source=name, line=line) from None


def new_article(text: str, *, source_path: str, published: str | None = None,
                url: str | None = None, title: str | None = None, outlet: str | None = None,
                source_id: str | None = None, line: int | None = None,
                outlet_country: str | None = None) -> Article:
    """An ``Article`` with its content-hash id; ``EmptyInput`` when ``text`` has no words."""
    if not text.strip():
        raise EmptyInput(f"{source_path}: no text (empty or whitespace only)",
                         source=source_path, line=line)
    return Article(id=article_id(text), text=text, url=url or None, title=title or None,
                   outlet=outlet or None, published=published,
                   source_id=source_id, source_path=source_path,
                   outlet_country=normalize_country(outlet_country, source_path, line))


def normalize_country(value: str | None, name: str, line: int | None = None) -> str | None:
    """The ISO 3166-1 alpha-2 code of an outlet's country given as alpha-2 or alpha-3 ("us",
    "USA" -> "US"); ``MalformedRecord`` for anything else.

    >>> normalize_country("gbr", "x")
    'GB'
    """
    if value is None or not value.strip():
        return None
    code = country_code(value)
    if code is None:
        raise MalformedRecord(f"{name}: outlet_country {value!r} is not an ISO 3166-1 country "
                              "code; use two letters such as 'US' or 'GB'", source=name,
                              line=line)
    return code
