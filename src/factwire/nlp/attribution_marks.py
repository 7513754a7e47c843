"""Quotation marks: where the quoted words of an article are, before any parsing.

Curly (“ ”, ‘ ’, « », „), straight (") and typewriter (`` '' and '' '') marks are paired
within a paragraph; a mark of another kind inside a quote is a nested quote and ignored. A paragraph that
ends inside an open quote continues it when the next paragraph opens with a quote mark (the
newspaper convention for a quote running over several paragraphs); otherwise the quote ends
with its paragraph.

>>> [m.text for m in find_quoted('He said “We will win,” and left.')]
['We will win,']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# opening mark -> the marks that close it; a mark of another kind inside a quote is nested
CLOSERS = {"“": ("”",), "«": ("»",), "„": ("“", "”"), '"': ('"',), "``": ("''",),
           "''": ("''",), "‘": ("’",)}
_MARK = re.compile(r"``|''|[“”«»„\"‘’]")
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass
class QuotedSpan:
    """Words between quotation marks; ``parts`` holds one inner range per paragraph."""

    start: int  # the opening mark
    end: int  # just after the closing mark (or the paragraph's end if never closed)
    parts: list[tuple[int, int]] = field(default_factory=list)
    text: str = ""
    opener: str = "“"
    closed: bool = False  # False when the paragraph ended before a closing mark

    @property
    def inner_start(self) -> int:
        return self.parts[0][0]

    @property
    def inner_end(self) -> int:
        return self.parts[-1][1]


def find_quoted(text: str) -> list[QuotedSpan]:
    """Every quoted stretch of ``text``, in order, with its inner text ranges."""
    found: list[QuotedSpan] = []
    pending: QuotedSpan | None = None
    for para in _PARAGRAPH.finditer(text):
        start, end = _strip(text, para.start(), para.end())
        if start >= end:
            continue
        if pending is not None:
            first = _MARK.match(text, start)
            if first is not None and first.group() in CLOSERS:
                pending = _scan(text, first.end(), end, found, pending)
                continue
            found.append(_finish(text, pending))
            pending = None
        pending = _scan(text, start, end, found, None)
    if pending is not None:
        found.append(_finish(text, pending))
    return [quoted for quoted in found if quoted.parts]


def _scan(text: str, start: int, end: int, found: list[QuotedSpan],
          pending: QuotedSpan | None) -> QuotedSpan | None:
    """Pair the marks of one paragraph; return the quote still open at its end, if any."""
    open_at = start if pending is not None else None
    for mark in _MARK.finditer(text, start, end):
        char, at = mark.group(), mark.start()
        if pending is not None and open_at is not None:
            if char in CLOSERS[pending.opener] and _closes(text, mark.end(), char):
                pending.parts.append((open_at, at))
                pending.end = mark.end()
                pending.closed = True
                found.append(_finish(text, pending))
                pending, open_at = None, None
        elif char in CLOSERS and _opens(text, at, char):
            pending = QuotedSpan(start=at, end=mark.end(), opener=char)
            open_at = mark.end()
        elif char == "”" and at == start:  # a paragraph opened with the wrong curly mark
            pending = QuotedSpan(start=at, end=mark.end(), opener="“")
            open_at = mark.end()
    if pending is not None and open_at is not None:
        pending.parts.append((open_at, end))
        pending.end = end
    return pending


def _opens(text: str, at: int, char: str) -> bool:
    """A single quote opens only at the start of a word (not the ’ of "Trump’s")."""
    return char != "‘" or at == 0 or not text[at - 1].isalnum()


def _closes(text: str, after: int, char: str) -> bool:
    return char != "’" or after >= len(text) or not text[after].isalpha()


def _finish(text: str, quoted: QuotedSpan) -> QuotedSpan:
    quoted.parts = [_strip(text, s, e) for s, e in quoted.parts if _strip(text, s, e)[0] < e]
    if quoted.parts:
        quoted.text = text[quoted.inner_start:quoted.inner_end]
    return quoted


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
