"""Direct quotes: tie each quoted stretch to the attribution that reports it.

A quote belongs to the attribution whose content it overlaps (the cue outside the quote):
when the content lies within the quote it is a full quote, otherwise a partial quote inside
reported speech ("acknowledged that Russia may be “dragging their feet”"), whose clause is
kept apart. A quote with no such owner belongs to a cue right beside it, across nothing but
punctuation: “We will win,” he said, “whatever it costs.” gives one attribution with both
parts. A quote with neither is not an attribution (titles, scare quotes). Cues inside a
quote are the quoted speaker's own words and are not attributions of the article.
"""

from __future__ import annotations

from spacy.tokens import Doc

from factwire.nlp.attribution import Attribution
from factwire.nlp.attribution_cues import rest_of_clause
from factwire.nlp.attribution_marks import QuotedSpan
from factwire.nlp.doc import doc_text

_GAP_CHARS = set(" \t\n,:;—–-")


def attach_quotes(doc: Doc, attributions: list[Attribution],
                  quoted: list[QuotedSpan]) -> list[Attribution]:
    """Mark the attributions that report quoted words as direct; keep those with content."""
    attributions = [a for a in attributions if not _nested(a, quoted)]
    for quote in quoted:
        owner = _owner(attributions, quote) or _beside(doc_text(doc), attributions, quote)
        if owner is not None:
            _absorb(owner, quote)
    for attribution in attributions:
        if not attribution.content:
            attribution.content = rest_of_clause(attribution)
    return [a for a in attributions if a.content]


def _nested(attribution: Attribution, quoted: list[QuotedSpan]) -> bool:
    """A cue inside a closed quote ("I say", "he told me") is the quoted speaker talking:
    hearsay within the quote, not a source the article cites."""
    cue = attribution.cue
    return cue is not None and any(
        q.closed and q.start < cue.start_char < q.end for q in quoted)


def _cue_outside(attribution: Attribution, quote: QuotedSpan) -> bool:
    cue = attribution.cue
    return cue is not None and (cue.end_char <= quote.start or cue.start_char >= quote.end)


def _overlaps(attribution: Attribution, quote: QuotedSpan) -> bool:
    ranges = attribution.content + ([attribution.clause] if attribution.clause else [])
    return any(s < quote.inner_end and e > quote.inner_start for s, e in ranges)


def _owner(attributions: list[Attribution], quote: QuotedSpan) -> Attribution | None:
    """The innermost non-"according to" attribution whose content overlaps the quote."""
    owners = [a for a in attributions if a.kind != "according_to"
              and _cue_outside(a, quote) and _overlaps(a, quote)]
    if not owners:
        return None
    return min(owners, key=lambda a: (a.content_end or 0) - (a.content_start or 0))


def _beside(text: str, attributions: list[Attribution],
            quote: QuotedSpan) -> Attribution | None:
    """A cue and source right after the quote ("…,” he said) or right before it ("said: “…")."""
    for attribution in attributions:
        if attribution.kind == "according_to" or attribution.cue is None:
            continue
        if attribution.content and attribution.kind != "direct":
            continue
        start, end = _cue_and_source(attribution)
        if start >= quote.end and _only_gap(text[quote.end:start]):
            return attribution
        if end <= quote.start and _only_gap(text[end:quote.start]):
            return attribution
        if end <= quote.start and attribution.kind == "direct" and _next_sentence(
                text[end:quote.start]):
            return attribution  # “We will win,” he said. “Whatever it costs.”
    return None


def _next_sentence(between: str) -> bool:
    return between.strip() == "." and "\n" not in between


def _cue_and_source(attribution: Attribution) -> tuple[int, int]:
    spans = [s for s in (attribution.cue, attribution.source) if s is not None]
    return min(s.start_char for s in spans), max(s.end_char for s in spans)


def _only_gap(between: str) -> bool:
    return len(between) <= 4 and all(char in _GAP_CHARS for char in between)


def _absorb(attribution: Attribution, quote: QuotedSpan) -> None:
    """Make the attribution direct, with the quoted words as (part of) its content."""
    if attribution.kind == "direct":
        attribution.content = sorted(attribution.content + quote.parts)
        return
    if attribution.content and not _within_quote(attribution, quote):
        attribution.clause = (attribution.content_start, attribution.content_end)
    attribution.kind = "direct"
    attribution.content = list(quote.parts)


def _within_quote(attribution: Attribution, quote: QuotedSpan) -> bool:
    """True when the reported content is the quote (give or take its punctuation)."""
    return (attribution.content_start >= quote.start - 2
            and attribution.content_end <= quote.end + 2)
