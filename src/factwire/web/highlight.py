"""An article's text cut into segments, each knowing the facts that cover it, for the article
page: entities, times, quantities, quotes and event triggers are highlighted by kind, filler is
shown as removed, and the evidence sentence of one event can be marked.

>>> from factwire.model import Article, ArticleFacts, Time
>>> facts = ArticleFacts(Article("x", "Rain on Tuesday."),
...                      times=[Time("t1", 8, 15, "Tuesday", "DATE", "2025-04-01")])
>>> [(s.text, s.kinds) for s in segments(facts)]
[('Rain on ', ()), ('Tuesday', ('time',)), ('.', ())]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factwire.model import ArticleFacts

KINDS = ("entity", "time", "quantity", "quote", "trigger", "removed", "evidence")


@dataclass
class Segment:
    """A stretch of text with the same covering facts."""

    start: int
    end: int
    text: str
    kinds: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()  # fact ids ("e1", "v2", "removed-0"...)
    link: str | None = None  # where clicking it leads (a trigger's event, an entity)
    first: tuple[str, ...] = field(default_factory=tuple)  # fact ids starting here


def spans(facts: ArticleFacts, evidence: str | None = None) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, fact id) of every highlighted stretch."""
    out = [(r.start, r.end, "removed", f"removed-{i}") for i, r in enumerate(facts.removed)]
    for entity in facts.entities:
        out.extend((m.start, m.end, "entity", entity.id) for m in entity.mentions)
    out.extend((t.start, t.end, "time", t.id) for t in facts.times)
    out.extend((q.start, q.end, "quantity", q.id) for q in facts.quantities)
    for quote in facts.quotes:
        content = quote.content
        start, end = (content.start, content.end) if content else (quote.start, quote.end)
        out.append((start, end, "quote", quote.id))
    for event in facts.events:
        out.append((event.trigger.start, event.trigger.end, "trigger", event.id))
        if event.id == evidence:
            out.append((event.sentence.start, event.sentence.end, "evidence", event.id))
    size = len(facts.article.text)
    return [(max(0, s), min(size, e), k, i) for s, e, k, i in out if 0 <= s < e]


def segments(facts: ArticleFacts, evidence: str | None = None,
             links: dict[str, str] | None = None) -> list[Segment]:
    """The article text as consecutive segments; ``evidence``: an event id whose sentence is
    marked; ``links``: fact id -> URL (triggers to their event, entities to their page)."""
    text, links = facts.article.text, links or {}
    found = spans(facts, evidence)
    cuts = sorted({0, len(text), *(s for s, _, _, _ in found), *(e for _, e, _, _ in found)})
    starts: dict[int, list] = {}
    for span in found:
        starts.setdefault(span[0], []).append(span)
    open_spans: list[tuple] = []
    out = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        open_spans = [s for s in open_spans if s[1] > start] + starts.get(start, [])
        kinds = tuple(k for k in KINDS if any(s[2] == k for s in open_spans))
        ids = tuple(dict.fromkeys(s[3] for s in open_spans))
        link = next((links[s[3]] for kind in ("trigger", "entity") for s in open_spans
                     if s[2] == kind and s[3] in links), None)
        first = tuple(s[3] for s in starts.get(start, []))
        out.append(Segment(start, end, text[start:end], kinds, ids, link, first))
    return out
