"""JSON Lines (one article a line) and JSON (one article object, or a list of them).

Each record is an object with ``text`` or ``html`` and optional ``id``, ``url``, ``title``,
``published``, ``outlet`` and ``outlet_country`` (ISO 3166-1 alpha-2 or alpha-3). A bad record yields its error, carrying the 1-based line
number, and the records after it are still read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

from factwire.errors import DecodeError, EmptyInput, FactwireError, MalformedRecord
from factwire.ingest.article import new_article, normalize_country, normalize_date
from factwire.ingest.decode import decode_text
from factwire.ingest.html import read_html
from factwire.model import Article

_FIELDS = "an object with a 'text' or 'html' string"
# JSON can escape half a surrogate pair ("\ud800"), which is not a character: it could not
# be written out as UTF-8. Each becomes U+FFFD, one character for one, so offsets hold.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def read_jsonl(lines: Iterable[tuple[int, bytes | FactwireError]], name: str,
               published: str | None = None) -> Iterator[Article | FactwireError]:
    """One article (or error) per non-blank line; ``lines`` gives (line number, raw bytes)."""
    for number, raw in lines:
        if isinstance(raw, FactwireError):
            yield raw
            continue
        if not raw.strip():
            continue
        source = f"{name}:{number}"
        try:
            record = parse_line(raw, source, number)
            yield record_article(record, source, published, line=number)
        except FactwireError as error:
            yield error


def parse_line(raw: bytes, source: str, line: int) -> object:
    """The JSON value on one line (UTF-8, a BOM allowed on the first line)."""
    try:
        text = raw.decode("utf-8-sig" if line == 1 else "utf-8")
    except UnicodeDecodeError as error:
        raise DecodeError(f"{source}: invalid UTF-8 at byte {error.start:,} of the line; "
                          "JSON Lines must be UTF-8", source=source, line=line) from error
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise MalformedRecord(f"{source}: not valid JSON ({error.msg} at column "
                              f"{error.colno})", source=source, line=line) from error


def record_article(record: object, source: str, published: str | None = None, *,
                   line: int | None = None) -> Article:
    """The article in one record; ``published`` (normalized) overrides the record's date."""
    if not isinstance(record, dict):
        raise MalformedRecord(f"{source}: expected {_FIELDS}, got {type(record).__name__}",
                              source=source, line=line)
    meta = {key: _string(record, key, source, line) for key in ("url", "title", "outlet")}
    meta["source_id"] = _string(record, "id", source, line)
    country = normalize_country(_string(record, "outlet_country", source, line), source, line)
    published = published or normalize_date(record.get("published"), source, line)
    text, html = _valid(record.get("text")), _valid(record.get("html"))
    if isinstance(text, str) and text.strip():
        return new_article(text, source_path=source, published=published, line=line,
                           outlet_country=country, **meta)
    if isinstance(html, str) and html.strip():
        article = read_html(html, source, published, meta=meta, line=line)
        article.outlet_country = country
        return article
    if isinstance(text, str) or isinstance(html, str):
        raise EmptyInput(f"{source}: the record's text is empty", source=source, line=line)
    raise MalformedRecord(f"{source}: expected {_FIELDS}", source=source, line=line)


def _valid(value: object) -> object:
    return _LONE_SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value


def _string(record: dict, key: str, source: str, line: int | None) -> str | None:
    value = _valid(record.get(key))
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise MalformedRecord(f"{source}: '{key}' must be a string, got {type(value).__name__}",
                          source=source, line=line)


def read_json(data: bytes, name: str,
              published: str | None = None) -> Iterator[Article | FactwireError]:
    """The articles in a JSON document: one record object, or a list of them.

    A ``.json`` file that is really JSON Lines (several objects, one a line) is read as such.
    """
    text = decode_text(data, name)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":
            lines = enumerate(data.removeprefix(b"\xef\xbb\xbf").split(b"\n"), start=1)
            yield from read_jsonl(lines, name, published)
            return
        raise MalformedRecord(f"{name}: not valid JSON ({error.msg} at line {error.lineno}, "
                              f"column {error.colno})", source=name, line=error.lineno) from error
    if not isinstance(document, list):
        yield record_article(document, name, published)
        return
    if not document:
        raise EmptyInput(f"{name}: the JSON list holds no articles", source=name)
    for index, record in enumerate(document):
        try:
            yield record_article(record, f"{name}[{index}]", published)
        except FactwireError as error:
            yield error
