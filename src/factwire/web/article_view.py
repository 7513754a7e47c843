"""What the article page shows: highlighted segments, each fact's details, the article's
entities and events with links to their pages."""

from __future__ import annotations

from factwire.model import ArticleFacts
from factwire.web.highlight import segments


def _time_label(facts: ArticleFacts, time_id: str | None) -> str | None:
    time = next((t for t in facts.times if t.id == time_id), None)
    return f"{time.text} ({time.value})" if time else None


def fact_details(facts: ArticleFacts) -> dict[str, dict]:
    """fact id -> {kind, title, lines}: what hovering or clicking a highlight shows."""
    names = {e.id: e.name for e in facts.entities}
    details: dict[str, dict] = {}
    for e in facts.entities:
        details[e.id] = {"kind": "entity", "title": f"{e.name} ({e.type})", "lines": [
            f"country: {e.country or '?'}", *([f"role: {e.role}"] if e.role else [])]}
    for t in facts.times:
        details[t.id] = {"kind": "time", "title": t.text, "lines": [
            f"{t.type}: {t.value or '?'}"]}
    for q in facts.quantities:
        details[q.id] = {"kind": "quantity", "title": q.text, "lines": [
            f"value: {q.value if q.value is not None else f'{q.low} to {q.high}'}"
            f"{' ' + q.unit if q.unit else ''} ({q.comparator})",
            f"counts: {q.counted or '?'}", f"of: {names.get(q.subject, '?')}",
            f"when: {_time_label(facts, q.time) or '?'}",
            f"according to: {names.get(q.source, '?')}"]}
    for u in facts.quotes:
        details[u.id] = {"kind": "quote", "title": f"{u.kind} quote", "lines": [
            f"speaker: {names.get(u.speaker, u.speaker_text or '?')}", f"cue: {u.cue or '?'}"]}
    for v in facts.events:
        parties = [f"{role}: {', '.join(names.get(i, i) for i in ids)}"
                   for role, ids in (("actor", v.actor), ("recipient", v.recipient),
                                     ("location", v.location)) if ids]
        details[v.id] = {"kind": "trigger", "title": f"{v.type} event «{v.trigger.text}»",
                         "lines": [*parties, f"modality: {v.modality}",
                                   f"when: {_time_label(facts, v.time) or '?'}"]}
    for i, r in enumerate(facts.removed):
        details[f"removed-{i}"] = {"kind": "removed", "title": "removed as filler",
                                   "lines": [f"reason: {r.reason}"]}
    return details


def article_page(facts: ArticleFacts, links: dict, highlight: str | None) -> dict:
    """Template context of the article page (beside its JSON twin's data)."""
    event_urls = {v: f"/events/{m}" for v, m in links["events"].items()}
    entity_urls = {e: f"/entities/{g}" for e, g in links["entities"].items()}
    if highlight not in {v.id for v in facts.events}:
        highlight = None
    details = fact_details(facts)
    return {
        "article": facts.article, "segments": segments(facts, highlight,
                                                       {**entity_urls, **event_urls}),
        "details": details, "highlight": highlight,
        "entity_list": [(e, entity_urls.get(e.id)) for e in facts.entities],
        "event_list": [(v, event_urls.get(v.id)) for v in facts.events],
        "removed_count": len(facts.removed),
    }
