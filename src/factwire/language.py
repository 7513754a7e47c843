"""Language identification (placeholder: the real one uses lingua)."""

from __future__ import annotations


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot be told."""
    return "en"
