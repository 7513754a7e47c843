"""Filler detection: lorem ipsum, template placeholders, boilerplate lines -> removed spans.

Placeholder only; the real detector replaces ``find_filler``.
"""

from __future__ import annotations

from factwire.model import Removed


def find_filler(text: str) -> list[Removed]:
    """Spans of ``text`` that are template filler, not news (sorted, non-overlapping)."""
    return []


def blank_out(text: str, removed: list[Removed]) -> str:
    """``text`` with every removed span replaced by spaces (newlines kept): same offsets.

    >>> blank_out("ab cd", [Removed(3, 5, "filler")])
    'ab   '
    """
    if not removed:
        return text
    chars = list(text)
    for span in removed:
        for i in range(span.start, span.end):
            if chars[i] not in "\n\r":
                chars[i] = " "
    return "".join(chars)
