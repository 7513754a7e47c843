"""Plain text: the article is the decoded file, unchanged (only a byte-order mark is dropped).

>>> read_text(b"\\xef\\xbb\\xbfLine one.\\r\\nLine two.", "a.txt").text
'Line one.\\r\\nLine two.'
"""

from __future__ import annotations

from factwire.ingest.article import new_article
from factwire.ingest.decode import decode_text
from factwire.model import Article


def read_text(data: bytes, name: str, published: str | None = None) -> Article:
    """The article in a plain-text file; ``EmptyInput`` when it holds only whitespace."""
    return new_article(decode_text(data, name), source_path=name, published=published)
