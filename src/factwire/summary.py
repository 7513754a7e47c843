"""A readable plain-text summary of one article's facts (``factwire extract --format text``).

>>> print(facts_summary(facts))  # doctest: +SKIP
Article a411c4cb2574 (published 2025-04-02, en)
Entities
  GPE: Russia (RUS)
Events
  MOBILIZE/troops Russia @ Kursk (RUS), 2025-04-01 [planned] «launched»
...
"""

from __future__ import annotations

import re
from collections import defaultdict

from factwire.model import ENTITY_TYPES, ArticleFacts, Entity, Event, Quantity, Quote

INDENT = "  "


def facts_summary(facts: ArticleFacts) -> str:
    """Entities by type, one event a line, figures with who says so, quotes with speakers."""
    entities = {e.id: e for e in facts.entities}
    times = {t.id: t for t in facts.times}
    lines = [article_heading(facts)]
    if facts.removed:
        spans = ", ".join(f"{r.start}-{r.end} {r.reason}" for r in facts.removed)
        lines.append(f"Removed filler: {spans}")
    sections = (
        ("Entities", len(facts.entities), entity_lines(facts.entities)),
        ("Events", len(facts.events), [event_line(e, entities, times) for e in facts.events]),
        ("Figures", len(facts.quantities),
         [quantity_line(q, entities, times) for q in facts.quantities]),
        ("Quotes", len(facts.quotes), [quote_line(q, entities) for q in facts.quotes]),
    )
    for title, count, body in sections:
        lines.append(f"{title} ({count})")
        lines.extend(INDENT + line for line in body or ["none"])
    lines.extend(f"Warning: {w}" for w in facts.warnings)
    return "\n".join(lines) + "\n"


def article_heading(facts: ArticleFacts) -> str:
    """'Article 1a2b3c4d5e6f “Title” (Outlet), published 2025-04-02, en'."""
    article = facts.article
    parts = [f"Article {article.id[:12]}"]
    if article.title:
        parts.append(f"“{one_line(article.title)}”")
    if article.outlet:
        parts.append(f"({article.outlet})")
    details = [f"published {article.published or 'unknown'}", article.language or "?"]
    source = article.source_path or article.url
    if source:
        details.append(source)
    return " ".join(parts) + ", " + ", ".join(details)


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def entity_name(entity: Entity | None, with_country: bool = True) -> str:
    if entity is None:
        return "?"
    if with_country and entity.country:
        return f"{entity.name} ({entity.country})"
    return entity.name


def entity_lines(entities: list[Entity]) -> list[str]:
    """One line per entity type, in the contract's type order, names with their country."""
    by_type: dict[str, list[str]] = defaultdict(list)
    for entity in entities:
        label = entity_name(entity)
        if entity.role:
            label += f" [{entity.role}]"
        by_type[entity.type].append(label)
    order = list(ENTITY_TYPES) + sorted(set(by_type) - set(ENTITY_TYPES))
    return [f"{t}: {'; '.join(by_type[t])}" for t in order if t in by_type]


def names(ids: list[str], entities: dict[str, Entity]) -> str:
    return ", ".join(entity_name(entities.get(i)) for i in ids)


def time_label(time_id: str | None, times: dict) -> str | None:
    time = times.get(time_id) if time_id else None
    if time is None:
        return None
    return time.value or time.text


def event_line(event: Event, entities: dict[str, Entity], times: dict) -> str:
    """'TYPE actor -> recipient @ place, time [modality] «trigger»'; absent parts left out."""
    kind = f"{event.type}/{event.mode}" if event.mode else event.type
    line = f"{kind} {names(event.actor, entities) or '?'}"
    if event.recipient:
        line += f" -> {names(event.recipient, entities)}"
    if event.location:
        line += f" @ {names(event.location, entities)}"
    time = time_label(event.time, times)
    if time:
        line += f", {time}"
    line += f" [{event.modality}] «{one_line(event.trigger.text)}»"
    if event.attributed_to:
        line += f" according to {entity_name(entities.get(event.attributed_to))}"
    return line


def format_number(value: float) -> str:
    """160000 -> '160,000'; 1500000.0 -> '1,500,000'; 2.5 -> '2.5'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.0f}"


def quantity_value(q: Quantity) -> str:
    """'>= 15,000', '18-30', '~ 2.5 %': comparator, value or range, unit."""
    if q.low is not None and q.high is not None:
        number = f"{format_number(q.low)}-{format_number(q.high)}"
    elif q.value is not None:
        number = format_number(q.value)
    else:
        number = "?"
    comparator = "~" if q.approximate and q.comparator == "=" else q.comparator
    text = number if comparator == "=" else f"{comparator} {number}"
    if q.unit:
        text += f" {q.unit}"
    if q.change:
        text += f" ({q.change})"
    return text


def quantity_line(q: Quantity, entities: dict[str, Entity], times: dict) -> str:
    """'«160,000 men» = 160000: men of Russia (RUS), 2025-04-01, according to TASS'."""
    line = f"«{one_line(q.text)}» {quantity_value(q)}"
    if q.counted:
        line += f": {q.counted}"
    if q.subject:
        line += f" of {entity_name(entities.get(q.subject))}"
    time = time_label(q.time, times)
    if time:
        line += f", {time}"
    if q.source:
        line += f", according to {entity_name(entities.get(q.source))}"
    if q.derived:
        line += f" (derived from {', '.join(q.from_) or '?'})"
    return line


def quote_line(quote: Quote, entities: dict[str, Entity]) -> str:
    """'Donald Trump (USA) acknowledged: “Russia may be ...” (direct)'."""
    if quote.speaker:
        speaker = entity_name(entities.get(quote.speaker))
    else:
        speaker = quote.speaker_text or ("anonymous" if quote.anonymous else "?")
    cue = f" {quote.cue}" if quote.cue else ""
    content = one_line(quote.content.text) if quote.content else ""
    return f"{speaker}{cue}: “{content}” ({quote.kind})"
