"""The data contract: plain dataclasses for every fact, and their JSON (de)serialization.

This module imports nothing from factwire: every other layer depends on it, never the reverse.
All offsets are character offsets into ``Article.text``, end exclusive.

>>> facts = ArticleFacts(article=Article(id="x", text="Hi."))
>>> ArticleFacts.from_dict(facts.to_dict()) == facts
True
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any

CONTRACT_VERSION = "0.1"

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC")
TIME_TYPES = ("DATE", "TIME", "DURATION", "SET")
COMPARATORS = ("=", ">", ">=", "<", "<=", "~")
QUOTE_KINDS = ("direct", "indirect", "according_to")
MODALITIES = ("asserted", "planned", "requested", "denied", "negated", "hypothetical")
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


@dataclass
class TextSpan:
    """A stretch of the article: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass
class SentenceRef:
    """The sentence a fact comes from (offsets only; the text is in the article)."""

    start: int
    end: int


@dataclass
class Removed:
    """A stretch of filler (lorem ipsum, template placeholders, boilerplate) no fact may use."""

    start: int
    end: int
    reason: str


@dataclass
class Geo:
    """Where a place is, and how precisely factwire knows it."""

    lat: float
    lon: float
    geonameid: int | None = None
    feature: str = "other"
    admin1: str | None = None
    country: str | None = None
    precision: str = "country"


@dataclass
class Entity:
    """One actor or place, with every mention of it in the article."""

    id: str
    name: str
    type: str
    country: str | None = None
    role: str | None = None
    sector: str | None = None
    mentions: list[TextSpan] = field(default_factory=list)
    geo: Geo | None = None
    nominal: bool = False


@dataclass
class Time:
    """A TIMEX3 expression; ``value`` is normalized against the anchor (publication date)."""

    id: str
    start: int
    end: int
    text: str
    type: str
    value: str | None
    begin: str | None = None
    until: str | None = None


@dataclass
class Quantity:
    """A numeric claim: how many of what, whose, when, and on whose word."""

    id: str
    start: int
    end: int
    text: str
    value: float | None
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    comparator: str = "="
    change: str | None = None
    unit: str | None = None
    counted: str | None = None
    subject: str | None = None
    time: str | None = None
    source: str | None = None
    derived: bool = False
    from_: list[str] = field(default_factory=list)
    relative_to: str | None = None


@dataclass
class Quote:
    """Reported speech: who said it, with which verb, the words, and where."""

    id: str
    start: int
    end: int
    kind: str
    speaker: str | None
    speaker_text: str | None
    cue: str | None
    content: TextSpan | None
    medium: str | None = None
    anonymous: bool = False


@dataclass
class Event:
    """A PLOVER event with its arguments, each from the same sentence as the trigger."""

    id: str
    type: str
    mode: str | None
    actor: list[str]
    recipient: list[str]
    location: list[str]
    time: str | None
    modality: str
    attributed_to: str | None
    quantities: list[str]
    trigger: TextSpan
    sentence: SentenceRef
    confidence: float
    negated: bool = False
    parent: str | None = None


@dataclass
class Article:
    """The article as read: ``text`` is the decoded input, unchanged.

    ``outlet_country``: the ISO 3166-1 alpha-2 code of the outlet's country ("US", "GB"),
    as the input gave it, else None (places then read it from the URL's country-code
    domain, ".co.uk" -> GB); a weak prior for ambiguous place names.
    """

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = "en"
    source_id: str | None = None
    source_path: str | None = None
    outlet_country: str | None = None


@dataclass
class ArticleFacts:
    """Everything factwire extracted from one article: the JSON contract of ``factwire extract``."""

    article: Article
    removed: list[Removed] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    factwire: str = CONTRACT_VERSION

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object (``Quantity.from_`` is written as ``from``)."""
        data = _asdict(self)
        order = ["factwire", "article", "removed", "entities", "times", "quantities",
                 "quotes", "events", "warnings"]
        return {key: data[key] for key in order}

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleFacts:
        """Rebuild from :meth:`to_dict` output; unknown keys are ignored."""
        return cls(
            factwire=data.get("factwire", CONTRACT_VERSION),
            article=_build(Article, data["article"]),
            removed=[_build(Removed, r) for r in data.get("removed", [])],
            entities=[_entity(e) for e in data.get("entities", [])],
            times=[_build(Time, t) for t in data.get("times", [])],
            quantities=[_quantity(q) for q in data.get("quantities", [])],
            quotes=[_quote(q) for q in data.get("quotes", [])],
            events=[_event(e) for e in data.get("events", [])],
            warnings=list(data.get("warnings", [])),
        )

    @classmethod
    def from_json(cls, text: str) -> ArticleFacts:
        return cls.from_dict(json.loads(text))


def _asdict(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj):
        out = {}
        for f in dataclasses.fields(obj):
            key = "from" if f.name == "from_" else f.name
            out[key] = _asdict(getattr(obj, f.name))
        return out
    if isinstance(obj, list):
        return [_asdict(x) for x in obj]
    return obj


def _build(cls: type, data: dict[str, Any]) -> Any:
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


def _entity(data: dict[str, Any]) -> Entity:
    ent = _build(Entity, data)
    ent.mentions = [_build(TextSpan, m) for m in data.get("mentions", [])]
    ent.geo = _build(Geo, data["geo"]) if data.get("geo") else None
    return ent


def _quantity(data: dict[str, Any]) -> Quantity:
    data = dict(data)
    if "from" in data:
        data["from_"] = data.pop("from")
    return _build(Quantity, data)


def _quote(data: dict[str, Any]) -> Quote:
    quote = _build(Quote, data)
    quote.content = _build(TextSpan, data["content"]) if data.get("content") else None
    return quote


def _event(data: dict[str, Any]) -> Event:
    event = _build(Event, data)
    event.trigger = _build(TextSpan, data["trigger"])
    event.sentence = _build(SentenceRef, data["sentence"])
    return event
