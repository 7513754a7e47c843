"""HTML pages: main text, title, date and outlet through trafilatura.

Trafilatura keeps template filler such as lorem ipsum in the main text: marking it is
``factwire.clean``'s job, not this reader's.
"""

from __future__ import annotations

import codecs
import re

import trafilatura

from factwire.errors import DecodeError, EmptyInput
from factwire.ingest.article import new_article, normalize_date
from factwire.ingest.decode import decode_text
from factwire.model import Article

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""",
                           re.IGNORECASE)


def decode_html(data: bytes, name: str) -> str:
    """The page as text: in the charset its ``<meta>`` declares, else as any text file."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode_text(data, name)
    declared = _META_CHARSET.search(data[:4096])
    if declared is None:
        return decode_text(data, name)
    encoding = declared.group(1).decode("ascii").lower()
    try:
        codecs.lookup(encoding)
    except LookupError:
        return decode_text(data, name)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise DecodeError(f"{name}: declares charset {encoding} but byte {error.start:,} is "
                          f"not valid {encoding}", source=name) from error


def read_html(html: str | bytes, name: str, published: str | None = None, *,
              meta: dict | None = None, line: int | None = None) -> Article:
    """The article in an HTML page; ``meta`` (url, title, outlet, source_id) overrides the page's.

    ``published`` (already normalized) overrides the page's own date. Raises ``EmptyInput``
    when the page holds no article text.
    """
    if isinstance(html, bytes):
        html = decode_html(html, name)
    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_images=False,
        favor_recall=True, deduplicate=False)
    text = (document.text or "") if document is not None else ""
    if not text.strip():
        raise EmptyInput(f"{name}: the HTML page holds no article text", source=name, line=line)
    meta = meta or {}
    page_date = normalize_date(document.date, name, line) if document.date else None
    return new_article(
        text, source_path=name, line=line,
        published=published or page_date,
        url=meta.get("url") or document.url,
        title=meta.get("title") or document.title,
        outlet=meta.get("outlet") or document.sitename,
        source_id=meta.get("source_id"),
    )
