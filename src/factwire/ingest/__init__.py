"""Reading articles from files, folders and standard input.

Formats (by extension, else by content): plain text, HTML (through trafilatura), JSON Lines
and JSON records, RSS/Atom feeds and WARC archives, each optionally gzip-compressed. PDF,
office documents, images and archives are refused with advice.

``read_path`` and ``read_bytes`` yield one ``Article`` per article found, or, in its place,
the ``FactwireError`` that says why an input (or one JSON Lines record) could not be read, so a
batch can report it and go on.

>>> [a.text for a in read_bytes(b"Floods hit the valley on Tuesday.", "a.txt")]
['Floods hit the valley on Tuesday.']
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path

from factwire.errors import FactwireError
from factwire.ingest.article import article_id, normalize_date
from factwire.ingest.detect import STDIN
from factwire.ingest.files import MAX_INPUT_BYTES, read_file, read_stream, walk_folder
from factwire.model import Article

__all__ = ["read_path", "read_bytes", "article_id", "MAX_INPUT_BYTES"]


def read_path(path: str | Path, published: str | None = None, *,
              max_bytes: int = MAX_INPUT_BYTES) -> Iterator[Article | FactwireError]:
    """Articles in a file, a folder (recursive, sorted, hidden files skipped) or "-" (stdin).

    ``published`` (YYYY-MM-DD) overrides each input's own date. ``max_bytes`` limits one file
    or one JSON Lines record.

    >>> next(read_path("no/such/file.txt")).__class__.__name__
    'UnreadableInput'
    """
    published = normalize_date(published, "published") if published else None
    if str(path) == "-":
        yield from read_stream(sys.stdin.buffer, STDIN, published, max_bytes)
        return
    path = Path(path)
    if not path.is_dir():
        yield from read_file(path, published, max_bytes)
        return
    for item in walk_folder(path):
        if isinstance(item, FactwireError):
            yield item
        else:
            yield from read_file(item, published, max_bytes, explicit=False)


def read_bytes(data: bytes, name: str, published: str | None = None, *,
               max_bytes: int = MAX_INPUT_BYTES) -> Iterator[Article | FactwireError]:
    """Articles in ``data``, read as a file called ``name`` (its extension picks the format)."""
    published = normalize_date(published, "published") if published else None
    yield from read_stream(io.BytesIO(data), name, published, max_bytes, size=len(data))
