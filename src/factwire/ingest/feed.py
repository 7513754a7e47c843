"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one article per item, its HTML read as a snippet.

The feed's title is each article's outlet; an item's link, title, date and id (guid) are its
url, title, published and source_id. Items are named ``feed.xml#N`` (1-based). Parsing uses
the standard library's expat, which resolves no external entities and limits entity expansion.

>>> feed = b'''<rss><channel><title>Example Wire</title><item><title>Floods</title>
... <link>https://example.org/floods</link><pubDate>Tue, 01 Apr 2025 10:00:00 GMT</pubDate>
... <description>&lt;p&gt;Floods killed 12 people.&lt;/p&gt;</description></item></channel></rss>'''
>>> [(a.text, a.outlet, a.published, a.source_path) for a in read_feed(feed, "f.xml")]
[('Floods killed 12 people.', 'Example Wire', '2025-04-01', 'f.xml#1')]
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

from factwire.errors import EmptyInput, FactwireError, MalformedRecord, UnsupportedInput
from factwire.ingest.article import normalize_date
from factwire.ingest.html import read_html
from factwire.model import Article

_ITEMS = ("item", "entry")
# Where an item's body is, best first: full content, then the summary.
_BODY = ("encoded", "content", "description", "summary")
_DATE = ("pubDate", "published", "date", "updated", "issued", "modified")


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def read_feed(data: bytes, name: str,
              published: str | None = None) -> Iterator[Article | FactwireError]:
    """One article (or error) per feed item; ``published`` overrides each item's date."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise MalformedRecord(f"{name}: the feed is not well-formed XML ({error})",
                              source=name) from error
    if _local(root.tag) not in ("rss", "feed", "RDF"):
        raise UnsupportedInput(f"{name}: XML that is not an RSS or Atom feed is not supported",
                               source=name)
    outlet = _feed_title(root)
    items = [element for element in root.iter() if _local(element.tag) in _ITEMS]
    if not items:
        raise MalformedRecord(f"{name}: the feed has no items", source=name)
    for number, item in enumerate(items, start=1):
        try:
            yield item_article(item, f"{name}#{number}", published, outlet)
        except FactwireError as error:
            yield error


def _feed_title(root: ET.Element) -> str | None:
    for child in root.iter():
        if _local(child.tag) in ("channel", "feed"):
            for field in child:
                if _local(field.tag) == "title" and (field.text or "").strip():
                    return field.text.strip()
    if _local(root.tag) == "feed":
        for field in root:
            if _local(field.tag) == "title" and (field.text or "").strip():
                return field.text.strip()
    return None


def item_article(item: ET.Element, source: str, published: str | None,
                 outlet: str | None) -> Article:
    """The article in one ``<item>`` or ``<entry>``."""
    fields: dict[str, ET.Element] = {}
    for child in item:
        fields.setdefault(_local(child.tag), child)
    body = next((_markup(fields[k]) for k in _BODY if k in fields and _markup(fields[k])), "")
    if not body:
        raise EmptyInput(f"{source}: the feed item has no text", source=source)
    date = next((fields[k].text for k in _DATE if k in fields and fields[k].text), None)
    meta = {
        "title": _text(fields.get("title")),
        "url": _link(fields.get("link")),
        "outlet": outlet,
        "source_id": _text(fields.get("guid")) or _text(fields.get("id")),
    }
    return read_html(body, source, published or normalize_date(date, source), meta=meta)


def _text(element: ET.Element | None) -> str | None:
    text = (element.text or "").strip() if element is not None else ""
    return text or None


def _link(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    return (element.get("href") or element.text or "").strip() or None


def _markup(element: ET.Element) -> str:
    """The element's content as HTML: escaped HTML text, or inline XHTML children."""
    if len(element):
        inner = "".join(ET.tostring(child, encoding="unicode") for child in element)
        return (element.text or "") + inner
    return (element.text or "").strip()
