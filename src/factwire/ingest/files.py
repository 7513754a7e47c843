"""Where articles come from: files, folders (walked in order) and standard input.

Everything streams: a folder is walked one file at a time and a JSON Lines file one line at
a time, so memory does not grow with the input. One file (or one JSON Lines record) is
limited to ``max_bytes``; a larger one is refused before it is read.
"""

from __future__ import annotations

import gzip
import io
import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from factwire.errors import DecodeError, FactwireError, InputTooLarge, UnreadableInput
from factwire.ingest.detect import FEED, GZIP_MAGIC, HTML, JSON, JSONL, WARC, detect_format
from factwire.ingest.feed import read_feed
from factwire.ingest.html import read_html
from factwire.ingest.jsonl import read_json, read_jsonl
from factwire.ingest.text import read_text
from factwire.ingest.warc import read_warc
from factwire.model import Article

MAX_INPUT_BYTES = 20_000_000
_PEEK = 8192
# Files that document a corpus rather than being part of it: skipped in folder walks.
_DOCUMENTATION = {"readme", "license", "licence", "changelog", "notice", "copying", "authors"}

Item = Article | FactwireError


def walk_folder(folder: Path) -> Iterator[Path | FactwireError]:
    """Files under ``folder``, depth first, sorted by name; hidden entries and READMEs skipped."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        yield UnreadableInput(f"{folder}: the folder cannot be read ({error.strerror})",
                              source=str(folder))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from walk_folder(Path(entry.path))
        elif entry.is_file() and entry.name.split(".")[0].lower() not in _DOCUMENTATION:
            yield Path(entry.path)


def read_file(path: Path, published: str | None, max_bytes: int, *,
              explicit: bool = True) -> Iterator[Item]:
    """The articles in one file (several for JSON Lines), errors yielded in their place."""
    name = str(path)
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed below, after streaming
    except OSError as error:
        yield UnreadableInput(f"{name}: cannot be read ({error.strerror})", source=name)
        return
    with stream:
        size = os.fstat(stream.fileno()).st_size
        yield from read_stream(stream, name, published, max_bytes, explicit=explicit,
                               size=size)


def read_stream(stream: BinaryIO, name: str, published: str | None, max_bytes: int, *,
                explicit: bool = True, size: int | None = None) -> Iterator[Item]:
    """The articles in a binary stream called ``name``; gzip is decompressed on the fly."""
    try:
        yield from _read_stream(stream, name, published, max_bytes, explicit, size)
    except FactwireError as error:
        yield error
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        yield DecodeError(f"{name}: the gzip data is corrupt or truncated ({error})",
                          source=name)
    except OSError as error:
        yield UnreadableInput(f"{name}: reading failed ({error})", source=name)


def _read_stream(stream: BinaryIO, name: str, published: str | None, max_bytes: int,
                 explicit: bool, size: int | None) -> Iterator[Item]:
    head = stream.read(_PEEK)
    if head.startswith(GZIP_MAGIC):
        stream = gzip.GzipFile(fileobj=_Prefixed(head, stream), mode="rb")
        head, size = stream.read(_PEEK), None
    kind = detect_format(name, head, explicit=explicit)
    reader = io.BufferedReader(_Prefixed(head, stream), buffer_size=65536)
    if kind == JSONL:
        yield from read_jsonl(_lines(reader, name, max_bytes), name, published)
        return
    if kind == WARC:
        yield from read_warc(reader, name, published, max_bytes)
        return
    if size is not None and size > max_bytes:
        raise _too_large(name, size, max_bytes)
    data = reader.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_large(name, None, max_bytes)
    if kind == JSON:
        yield from read_json(data, name, published)
    elif kind == FEED:
        yield from read_feed(data, name, published)
    elif kind == HTML:
        yield read_html(data, name, published)
    else:
        yield read_text(data, name, published)


def _too_large(name: str, size: int | None, max_bytes: int) -> InputTooLarge:
    actual = f"{size:,} bytes, " if size is not None else ""
    return InputTooLarge(f"{name}: {actual}over the limit of {max_bytes:,} bytes for one "
                         "file; split it into articles or raise the limit", source=name)


def _lines(reader: io.BufferedReader, name: str,
           max_bytes: int) -> Iterator[tuple[int, bytes | FactwireError]]:
    """(line number, bytes) for each line; a line over ``max_bytes`` gives an error instead."""
    number = 0
    while raw := reader.readline(max_bytes + 1):
        number += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while (rest := reader.readline(65536)) and not rest.endswith(b"\n"):
                pass  # skip the rest of the oversized line without holding it
            source = f"{name}:{number}"
            yield number, InputTooLarge(f"{source}: the record is over the limit of "
                                        f"{max_bytes:,} bytes", source=source, line=number)
        else:
            yield number, raw


class _Prefixed(io.RawIOBase):
    """A stream whose first bytes were already read (to sniff the format) put back in front."""

    def __init__(self, head: bytes, stream: BinaryIO):
        self._head = head
        self._stream = stream
        self._read = getattr(stream, "read1", stream.read)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        data = self._read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
