"""Which reader an input needs: by file extension first, then by its first bytes.

>>> detect_format("story.txt", b"Russia launched a drive.")
'text'
>>> detect_format("<stdin>", b'{"text": "Hi"}\\n')
'jsonl'
"""

from __future__ import annotations

import json
import re

from factwire.errors import UnsupportedInput

TEXT, HTML, JSONL, JSON, FEED, WARC = "text", "html", "jsonl", "json", "feed", "warc"
STDIN = "<stdin>"
UNKNOWN = "unknown"

FORMAT_BY_EXTENSION = {
    "": TEXT, ".txt": TEXT, ".text": TEXT, ".md": TEXT,
    ".html": HTML, ".htm": HTML, ".xhtml": HTML,
    ".jsonl": JSONL, ".ndjson": JSONL, ".json": JSON,
    ".rss": FEED, ".atom": FEED, ".xml": FEED, ".warc": WARC,
}

READABLE = (".txt, .text, .md, .html, .htm, .jsonl, .ndjson, .json, .rss, .atom, .xml (feeds), "
            ".warc; each optionally .gz")

# Formats factwire knows but does not read: the message says what to do instead.
_CONVERT = "is not supported; convert it to text or HTML first"
UNSUPPORTED_BY_EXTENSION = {
    ".pdf": f"PDF {_CONVERT}",
    ".doc": f"a Word document {_CONVERT}", ".docx": f"a Word document {_CONVERT}",
    ".odt": f"an OpenDocument text {_CONVERT}", ".rtf": f"RTF {_CONVERT}",
    ".epub": f"EPUB {_CONVERT}",
    ".xls": "a spreadsheet is not supported; export the articles as JSON Lines",
    ".xlsx": "a spreadsheet is not supported; export the articles as JSON Lines",
    ".csv": "CSV is not supported; convert it to JSON Lines (one article a line)",
    ".zip": "a ZIP archive is not supported; unpack it and pass the folder",
    ".tar": "a tar archive is not supported; unpack it and pass the folder",
    ".tgz": "a tar archive is not supported; unpack it and pass the folder",
    ".7z": "a 7-Zip archive is not supported; unpack it and pass the folder",
    ".rar": "a RAR archive is not supported; unpack it and pass the folder",
    ".bz2": "bzip2 compression is not supported; decompress it first (gzip is read)",
    ".xz": "xz compression is not supported; decompress it first (gzip is read)",
    ".arc": "the old ARC web archive format is not supported; convert it to WARC",
    ".png": "an image is not supported; factwire reads text",
    ".jpg": "an image is not supported; factwire reads text",
    ".jpeg": "an image is not supported; factwire reads text",
    ".gif": "an image is not supported; factwire reads text",
    ".webp": "an image is not supported; factwire reads text",
    ".tif": "an image is not supported; factwire reads text",
    ".tiff": "an image is not supported; factwire reads text",
    ".mp3": "audio is not supported; factwire reads text",
    ".mp4": "video is not supported; factwire reads text",
}

# Magic numbers of formats that are not text, whatever the file is called.
_MAGIC = (
    (b"%PDF-", f"PDF {_CONVERT}"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/EPUB) is not supported; unpack or convert it "
                    "to text first"),
    (b"\xd0\xcf\x11\xe0", f"an old Microsoft Office document {_CONVERT}"),
    (b"{\\rtf", f"RTF {_CONVERT}"),
    (b"\x89PNG", "a PNG image is not supported; factwire reads text"),
    (b"\xff\xd8\xff", "a JPEG image is not supported; factwire reads text"),
    (b"GIF8", "a GIF image is not supported; factwire reads text"),
    (b"II*\x00", "a TIFF image is not supported; factwire reads text"),
    (b"MM\x00*", "a TIFF image is not supported; factwire reads text"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive is not supported; unpack it first"),
    (b"Rar!", "a RAR archive is not supported; unpack it first"),
    (b"BZh", "bzip2 compression is not supported; decompress it first (gzip is read)"),
    (b"\xfd7zXZ\x00", "xz compression is not supported; decompress it first (gzip is read)"),
)

GZIP_MAGIC = b"\x1f\x8b"

_FEED = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(rb"<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE)
_HTML_TAG = re.compile(rb"<(html|head|body|article|main|div|p|h1|title)[\s>/]", re.IGNORECASE)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\xff\xfe", b"\xfe\xff")


def split_extension(name: str) -> tuple[str, bool]:
    """The reading extension of ``name`` (lowercase) and whether it ends in ``.gz``.

    >>> split_extension("wire.JSONL.gz")
    ('.jsonl', True)
    """
    lower = name.lower().rsplit("/", 1)[-1]
    compressed = lower.endswith(".gz")
    if compressed:
        lower = lower[:-3]
    if lower.endswith(".tar"):
        return ".tar", compressed
    dot = lower.rfind(".")
    return (lower[dot:] if dot > 0 else ""), compressed


def check_magic(name: str, head: bytes) -> None:
    """Raise ``UnsupportedInput`` when ``head`` starts like a non-text format."""
    for magic, reason in _MAGIC:
        if head.startswith(magic):
            raise UnsupportedInput(f"{name}: {reason}", source=name)


def is_feed(start: bytes) -> bool:
    """True when the text starts like an RSS or Atom document (not an HTML page)."""
    return (start.startswith(b"<") and _FEED.search(start[:2048]) is not None
            and not _HTML_START.match(start))


def detect_format(name: str, head: bytes, *, explicit: bool = True) -> str:
    """``text``, ``html``, ``jsonl`` or ``json`` for an input called ``name`` starting ``head``.

    Standard input (``<stdin>``) or a file without a known extension is sniffed by content.
    Raises ``UnsupportedInput`` for formats factwire does not read. ``explicit`` is False
    for files found in a folder walk: an unknown extension there is refused, not guessed.
    """
    extension, _ = split_extension(name)
    if extension in UNSUPPORTED_BY_EXTENSION:
        raise UnsupportedInput(f"{name}: {UNSUPPORTED_BY_EXTENSION[extension]}", source=name)
    check_magic(name, head)
    known = FORMAT_BY_EXTENSION.get(extension, UNKNOWN)
    start = _text_start(head)
    if known in (JSONL, JSON, HTML, FEED, WARC):
        return known
    if head.startswith(b"WARC/"):
        return WARC
    if is_feed(start):
        return FEED
    if _HTML_START.match(start):
        return HTML
    if known == TEXT and name not in ("-", STDIN):
        return TEXT
    if known == UNKNOWN and not explicit:
        raise UnsupportedInput(f"{name}: unknown file type '{extension}'; factwire reads "
                               f"{READABLE}; rename it if it is one of these", source=name)
    return sniff_content(start)


def sniff_content(start: bytes) -> str:
    """The format of data with no telling name, from its first bytes (BOM and spaces removed)."""
    if start.startswith(b"["):
        return JSON
    if start.startswith(b"{"):
        first_line, newline, _ = start.partition(b"\n")
        # A first line longer than the sniffed head is one long record: JSON Lines.
        return JSONL if not newline or _is_json_object(first_line) else JSON
    if start.startswith(b"<") and _HTML_TAG.search(start[:4096]):
        return HTML
    return TEXT


def _is_json_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _text_start(head: bytes) -> bytes:
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom):]
            if bom not in (b"\xef\xbb\xbf",):
                head = head.replace(b"\x00", b"")  # crude UTF-16/32 -> ASCII view for sniffing
            break
    return head.lstrip()
