"""The one options object passed down through extraction."""

from __future__ import annotations

from dataclasses import dataclass

MAX_ARTICLE_CHARS = 2_000_000


@dataclass(frozen=True)
class ExtractOptions:
    """How to extract facts.

    ``require_english``: refuse articles in another language (NotEnglish) instead of
    extracting nonsense from them. ``max_chars``: longest article text accepted.
    ``batch_size``: documents per ``nlp.pipe`` batch.
    """

    require_english: bool = True
    max_chars: int = MAX_ARTICLE_CHARS
    batch_size: int = 16
