"""Situation reports from stored facts, in Markdown or HTML.

A report covers the articles published in a period (optionally about one country): events
grouped by PLOVER type with who did what to whom, where and when, each with the sentence it
comes from; the key figures with what they count and who says so; quotes by speaker.

>>> print(situation_report(store, since="2025-04-01", country="RUS"))  # doctest: +SKIP
# Situation report: RUS
...
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from factwire.model import PLOVER_TYPES
from factwire.store import EntityRef, EventRecord, QuantityRecord, QuoteRecord, Store
from factwire.store.database import DateLike, as_date
from factwire.summary import format_number

TEMPLATES = Path(__file__).parent / "templates"
WEB = Path(__file__).parent / "web"
FORMATS = ("md", "html")

COMPARATOR_WORDS = {"=": "", ">": "more than ", ">=": "at least ", "<": "less than ",
                    "<=": "at most ", "~": "about "}


@dataclass
class EventView:
    """One event line of the report, every part already worded."""

    actors: str
    recipients: str | None
    place: str | None
    date: str | None
    modality: str | None
    trigger: str
    sentence: str
    source: str
    url: str | None


@dataclass
class EventGroup:
    type: str
    events: list[EventView]


@dataclass
class FigureView:
    """One figure: its words, its value, what it counts, whose, when, on whose word."""

    text: str
    value: str
    counted: str | None
    subject: str | None
    time: str | None
    said_by: str | None
    derived: bool
    source: str
    url: str | None


@dataclass
class QuoteView:
    kind: str
    cue: str | None
    content: str
    source: str
    url: str | None


@dataclass
class SpeakerGroup:
    speaker: str
    quotes: list[QuoteView] = field(default_factory=list)


@dataclass
class SituationReport:
    """Everything a report template shows."""

    title: str
    period: str
    generated: str
    counts: str
    event_groups: list[EventGroup]
    figures: list[FigureView]
    speakers: list[SpeakerGroup]
    activity: list[tuple[dt.date, str]] = field(default_factory=list)  # (date, type) per event


def situation_report(store: Store, since: DateLike = None, until: DateLike = None,
                     country: str | None = None, format: str = "md") -> str:
    """The situation report for a period and country, as Markdown (``md``) or ``html``."""
    if format not in FORMATS:
        raise ValueError(f"report format {format!r}: use one of {', '.join(FORMATS)}")
    report = build_report(store, since, until, country)
    return render(report, format)


def build_report(store: Store, since: DateLike = None, until: DateLike = None,
                 country: str | None = None) -> SituationReport:
    """Query the store and word every fact the report shows."""
    since, until = as_date(since), as_date(until)
    country = country.upper() if country else None
    events = store.event_reports(since, until, country)
    quantities = store.quantities(since, until, country)
    quotes = store.quotes(since, until, country)
    return SituationReport(
        title="Situation report" + (f": {country}" if country else ""),
        period=describe_period(since, until),
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        counts=", ".join(count_phrase(n, noun) for n, noun in (
            (store.count_articles(since, until, country), "article"), (len(events), "event"),
            (len(quantities), "figure"), (len(quotes), "quote"))),
        event_groups=group_events(events),
        figures=[figure_view(q) for q in quantities],
        speakers=group_quotes(quotes),
        activity=event_activity(events),
    )


def event_activity(events: list[EventRecord]) -> list[tuple[dt.date, str]]:
    """(date, PLOVER type) of each dated event, for the events-over-time chart."""
    out = []
    for event in events:
        text = event.date or ""
        for size, suffix in ((10, ""), (7, "-01"), (4, "-01-01")):
            try:
                out.append((dt.date.fromisoformat(text[:size] + suffix), event.type))
                break
            except ValueError:
                continue
    return out


def render(report: SituationReport, format: str) -> str:
    """Fill the Markdown or HTML template; HTML escapes every article-derived string.

    The HTML report shares the web dashboard's stylesheet (inlined: the file stands alone),
    macros and server-rendered SVG chart (factwire.web)."""
    from factwire.web import charts

    folders = [TEMPLATES]
    if format == "html":
        folders += [WEB / "templates", WEB / "static"]
    env = Environment(loader=FileSystemLoader(folders), autoescape=format == "html",
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["md"] = markdown_inline
    env.globals.update(timeline=charts.timeline, swatch=charts.swatch,
                       type_colour=charts.type_colour)
    return env.get_template(f"report.{format}.j2").render(report=report).rstrip() + "\n"


def markdown_inline(value: str | None) -> str:
    """Article text made safe for one Markdown line: whitespace collapsed, markup escaped."""
    if value is None:
        return ""
    value = re.sub(r"\s+", " ", value).strip()
    return re.sub(r"([\\`*<\[\]])", r"\\\1", value)


def count_phrase(count: int, noun: str) -> str:
    """'1 article', '3 events'."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def describe_period(since: dt.date | None, until: dt.date | None) -> str:
    """'2025-04-01 to 2025-04-30', 'since 2025-04-01', 'until ...' or 'all dates'."""
    if since and until:
        return f"{since.isoformat()} to {until.isoformat()}"
    if since:
        return f"since {since.isoformat()}"
    if until:
        return f"until {until.isoformat()}"
    return "all dates"


def entity_label(entity: EntityRef | None) -> str | None:
    """'Vladimir Putin (RUS)', or the bare name when the country is unknown."""
    if entity is None:
        return None
    return f"{entity.name} ({entity.country})" if entity.country else entity.name


def entity_labels(entities: list[EntityRef]) -> str | None:
    return ", ".join(entity_label(e) for e in entities) or None


def safe_url(url: str | None) -> str | None:
    """The article's URL if it is http(s); other schemes (``javascript:``) are not linked."""
    if url and re.match(r"https?://", url, re.IGNORECASE):
        return url
    return None


def outlet_label(article) -> str:
    """The outlet's name, else the URL's host, else the file the article came from."""
    if article.outlet:
        return article.outlet
    if article.url and (host := urlsplit(article.url).hostname):
        return host
    if article.source_path:
        return PurePath(article.source_path).name
    return f"article {article.id[:12]}"


def source_label(article) -> str:
    """'TASS, "Title", 2025-04-02': the outlet, the article's title and its date."""
    parts = [outlet_label(article)]
    if article.title:
        parts.append(f"“{article.title}”")
    if article.published:
        parts.append(article.published.isoformat())
    return ", ".join(parts)


def event_view(event: EventRecord) -> EventView:
    modality = event.modality if event.modality != "asserted" else None
    date = event.date
    if date is not None and date == event.time_value:
        date += f" ({event.time_text})" if event.time_text else ""
    elif date is not None:  # the article's date: the event names no calendar date
        date = f"reported {date}" + (f" (time: {event.time_text})" if event.time_text else "")
    return EventView(
        actors=entity_labels(event.actors) or "unknown actor",
        recipients=entity_labels(event.recipients), place=entity_labels(event.locations),
        date=date, modality=modality, trigger=event.trigger_text,
        sentence=event.sentence_text, source=source_label(event.article),
        url=safe_url(event.article.url))


def group_events(events: list[EventRecord]) -> list[EventGroup]:
    """Events by PLOVER type, the most frequent type first."""
    groups: dict[str, list[EventView]] = defaultdict(list)
    for event in events:
        groups[event.type].append(event_view(event))
    order = {t: i for i, t in enumerate(PLOVER_TYPES)}
    ranked = sorted(groups, key=lambda t: (-len(groups[t]), order.get(t, len(order)), t))
    return [EventGroup(t, groups[t]) for t in ranked]


def figure_value(q: QuantityRecord) -> str:
    """The figure in words: 'at least 15,000', '18 to 30', 'about 2.5 %', 'up 10,000'."""
    if q.low is not None and q.high is not None:
        number = f"{format_number(q.low)} to {format_number(q.high)}"
    elif q.value is not None:
        number = format_number(q.value)
    elif q.low is not None:
        number = f"at least {format_number(q.low)}"
    elif q.high is not None:
        number = f"at most {format_number(q.high)}"
    else:
        number = q.text
    prefix = COMPARATOR_WORDS.get(q.comparator, f"{q.comparator} ")
    if q.approximate and not prefix:
        prefix = "about "
    change = {"up": "up ", "down": "down "}.get(q.change or "", "")
    unit = f" {q.unit}" if q.unit else ""
    return f"{change}{prefix}{number}{unit}"


def figure_view(q: QuantityRecord) -> FigureView:
    time = q.time_value or q.time_text
    if q.time_value and q.time_text:
        time = f"{q.time_value} ({q.time_text})"
    return FigureView(text=q.text, value=figure_value(q), counted=q.counted,
                      subject=entity_label(q.subject), time=time,
                      said_by=entity_label(q.source), derived=q.derived,
                      source=source_label(q.article), url=safe_url(q.article.url))


def speaker_label(quote: QuoteRecord) -> str:
    """Who is quoted: the resolved entity, else the words naming the speaker."""
    if quote.speaker is not None:
        return entity_label(quote.speaker)
    if quote.speaker_text:
        return quote.speaker_text
    return "anonymous source" if quote.anonymous else "unattributed"


def group_quotes(quotes: list[QuoteRecord]) -> list[SpeakerGroup]:
    """Quotes by speaker, the most quoted first; unattributed quotes last."""
    groups: dict[str, SpeakerGroup] = {}
    for quote in quotes:
        name = speaker_label(quote)
        view = QuoteView(kind=quote.kind, cue=quote.cue, content=quote.content_text or "",
                         source=source_label(quote.article),
                         url=safe_url(quote.article.url))
        groups.setdefault(name, SpeakerGroup(name)).quotes.append(view)
    last = {"anonymous source": 1, "unattributed": 2}
    ranked = sorted(groups.values(),
                    key=lambda g: (last.get(g.speaker, 0), -len(g.quotes), g.speaker))
    return ranked
