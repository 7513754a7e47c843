"""WARC web archives (``.warc``, ``.warc.gz``): each HTML response record read as a page.

Records stream one at a time (a crawl can be gigabytes). Only ``response`` records of
successful HTML responses hold articles; requests, metadata, redirects, images, scripts and
style sheets are crawl furniture and are passed over. The record's ``WARC-Target-URI`` is the
article's url; records are named ``crawl.warc#N`` (N counts every record, 1-based).
"""

from __future__ import annotations

import codecs
import re
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from factwire.errors import DecodeError, FactwireError, InputTooLarge, MalformedRecord
from factwire.ingest.html import read_html
from factwire.model import Article

MAX_HEADER_LINES = 256
MAX_BODY_BYTES = 20_000_000  # a compressed body is inflated up to this size, no further
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)


def read_warc(reader: BinaryIO, name: str, published: str | None,
              max_bytes: int) -> Iterator[Article | FactwireError]:
    """One article (or error) per HTML response record of the archive ``reader`` holds."""
    number = 0
    while (headers := _record_headers(reader, name, number + 1)) is not None:
        number += 1
        source = f"{name}#{number}"
        length = _content_length(headers, source)
        wanted = headers.get("warc-type") == "response"
        if not wanted or length > max_bytes:
            _skip(reader, length, source)
            if wanted:
                yield InputTooLarge(f"{source}: the record is {length:,} bytes, over the limit "
                                    f"of {max_bytes:,}", source=source)
            continue
        block = reader.read(length)
        if len(block) < length:
            raise MalformedRecord(f"{source}: the archive is truncated inside this record",
                                  source=source)
        try:
            article = response_article(block, source, published, headers.get("warc-target-uri"))
        except FactwireError as error:
            yield error
        else:
            if article is not None:
                yield article


def _record_headers(reader: BinaryIO, name: str, number: int) -> dict[str, str] | None:
    """The next record's WARC headers (lowercase names), or None at the end of the archive."""
    line = reader.readline(1024)
    while line in (b"\r\n", b"\n"):
        line = reader.readline(1024)
    if not line:
        return None
    if not line.startswith(b"WARC/"):
        raise MalformedRecord(f"{name}#{number}: expected a WARC record, found "
                              f"{line[:40]!r}", source=f"{name}#{number}")
    return _header_block(reader, f"{name}#{number}")


def _header_block(reader: BinaryIO, source: str) -> dict[str, str]:
    headers: dict[str, str] = {}
    for _ in range(MAX_HEADER_LINES):
        line = reader.readline(65536)
        if line in (b"\r\n", b"\n"):
            return headers
        if not line:
            break
        key, _, value = line.decode("utf-8", "replace").partition(":")
        headers[key.strip().lower()] = value.strip()
    raise MalformedRecord(f"{source}: the record's headers do not end", source=source)


def _content_length(headers: dict[str, str], source: str) -> int:
    try:
        return int(headers["content-length"])
    except (KeyError, ValueError):
        raise MalformedRecord(f"{source}: the record has no valid Content-Length",
                              source=source) from None


def _skip(reader: BinaryIO, length: int, source: str) -> None:
    while length > 0:
        chunk = reader.read(min(length, 1 << 20))
        if not chunk:
            raise MalformedRecord(f"{source}: the archive is truncated inside this record",
                                  source=source)
        length -= len(chunk)


def response_article(block: bytes, source: str, published: str | None,
                     url: str | None) -> Article | None:
    """The article in an HTTP response, or None for a response that is not an HTML page."""
    head, _, body = block.partition(b"\r\n\r\n")
    status, *lines = head.decode("iso-8859-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in lines)}
    parts = status.split()
    content_type = headers.get("content-type", "").lower()
    if len(parts) < 2 or parts[1] != "200" or not content_type.startswith(_HTML_TYPES):
        return None
    body = _decoded_body(body, headers, source)
    charset = _CHARSET.search(content_type)
    if charset and _known_codec(charset.group(1)):
        return read_html(body.decode(charset.group(1), errors="replace"), source, published,
                         meta={"url": url})
    return read_html(body, source, published, meta={"url": url})


def _known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _decoded_body(body: bytes, headers: dict[str, str], source: str) -> bytes:
    """The body without HTTP chunking and gzip/deflate content coding (as crawlers store it)."""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = _dechunk(body)
    coding = headers.get("content-encoding", "").lower()
    if coding in ("gzip", "x-gzip", "deflate"):
        try:
            inflater = zlib.decompressobj(wbits=47 if coding != "deflate" else 15)
            body = inflater.decompress(body, MAX_BODY_BYTES)
        except zlib.error as error:
            raise DecodeError(f"{source}: the {coding} response body is corrupt ({error})",
                              source=source) from error
    return body


def _dechunk(body: bytes) -> bytes:
    out, position = [], 0
    while position < len(body):
        end = body.find(b"\r\n", position)
        if end < 0:
            break
        try:
            size = int(body[position:end].split(b";")[0], 16)
        except ValueError:
            return body  # not really chunked: keep what the crawler stored
        if size == 0:
            break
        out.append(body[end + 2:end + 2 + size])
        position = end + 2 + size + 2
    return b"".join(out)
