"""Attributions marked by punctuation instead of a verb.

- A quote signed with a dash: “He represents our greatest shame.” ― Sonya Herridge
- A speaker label at the start of a line: "PENCE: Gennifer Flowers will not be attending."
  (a transcript: direct speech) or "Pat Caddell: Democrat voters worried" (a headline
  crediting a claim: according_to).

The signer or label must be a name (proper nouns, at most a few words), so datelines
("LOS ANGELES (UPI) —") and labels such as "Update:" are not taken for speakers.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.attrs import IDX
from spacy.tokens import Doc, Span

from factwire.nlp.attribution import Attribution, sentence_of, token_range, word_list
from factwire.nlp.attribution_marks import QuotedSpan
from factwire.nlp.doc import doc_text

_DASH = re.compile(r"[ \t\xa0]*(―|—|–|--)")
_MAX_NAME = 4
_LINE = re.compile(r"[^\n]+")


def signed_quotes(doc: Doc, quoted: list[QuotedSpan]) -> list[Attribution]:
    """Quotes followed by a dash and a name."""
    found: list[Attribution] = []
    starts: list[int] = []
    for quote in quoted:
        dash = _DASH.match(doc_text(doc), quote.end)
        if dash is None:
            continue
        starts = starts or token_starts(doc)
        first = _token_at_or_after(doc, starts, dash.end())
        name = _name_from(doc, first) if first is not None else None
        # the tokenizer may glue the dash to the closing mark ("”―")
        cue = doc.char_span(dash.start(1), dash.end(), alignment_mode="expand")
        if name is None or cue is None:
            continue
        found.append(Attribution(kind="direct", cue=cue, source=name,
                                 content=list(quote.parts), sentence=name.sent,
                                 speaker_head=name[-1]))
    return found


def speaker_labels(doc: Doc) -> list[Attribution]:
    """"NAME: words" at the start of a line."""
    found: list[Attribution] = []
    starts: list[int] = []
    for line in _LINE.finditer(doc_text(doc)):
        if ":" not in line.group():  # the name and its colon are on the line
            continue
        starts = starts or token_starts(doc)
        first = _token_at_or_after(doc, starts, line.start())
        if first is None:
            continue
        if doc[first].text in {'"', "“", "``"}:
            first += 1
        name = _name_from(doc, first)
        if name is None or name.end >= len(doc) or doc[name.end].text != ":":
            continue
        colon = doc[name.end]
        content = token_range([t for t in doc[colon.i + 1:] if t.idx < line.end()])
        if content is None:
            continue
        kind = "direct" if name.text.isupper() else "according_to"
        found.append(Attribution(kind=kind, cue=doc[colon.i:colon.i + 1], source=name,
                                 content=[content], sentence=sentence_of(doc, colon.idx),
                                 speaker_head=name[-1]))
    return found


def token_starts(doc: Doc) -> list[int]:
    """The character offset of each token."""
    return doc.to_array(IDX).tolist()


def _token_at_or_after(doc: Doc, starts: list[int], char: int) -> int | None:
    """The first non-space token starting at or after ``char`` (``starts``: token offsets)."""
    for i in range(bisect_left(starts, char), len(doc)):
        if not doc[i].is_space:
            return i
    return None


def _name_from(doc: Doc, start: int) -> Span | None:
    """A run of proper nouns starting at token ``start`` (a name), or None."""
    end = start
    while end < len(doc) and end - start < _MAX_NAME and _is_name_part(doc[end]):
        end += 1
    if end == start or doc[start].lower_ in word_list("quotes_labels.txt"):
        return None
    return doc[start:end]


def _is_name_part(token) -> bool:
    return token.pos_ == "PROPN" or (token.text.isupper() and token.is_alpha and len(token) > 1)
