"""When two event reports tell the same event: the merge rule.

Two reports (events extracted from two articles) tell the same event when **all** hold:

1. they come from different articles (one article's two events are two events);
2. same PLOVER type; same mode when both have one; same modality and negation;
3. their dates are within ``SLACK_DAYS`` of each other, each date taken as the interval its
   precision covers (:mod:`factwire.link.dates`): a day is itself, so two day-precise dates
   may differ by up to two days (time zones, "yesterday" against "on Sunday"); "March 2025"
   matches any day of March (give or take the slack), "2025" any day of 2025. An event with
   no date of its own stands for the ``REPORTED_DAYS`` days before its article's publication;
   with no publication date either, it is never merged;
4. compatible actors and compatible recipients (:func:`parties_conflict`): either side is
   empty, or they share a global entity, or one side names a whole country or a nominal
   group of a country ("Russia", "Russian forces") and the other side has an entity of that
   country. Two different named actors ("Putin" and "Lavrov") are not compatible;
5. compatible places (:func:`places_conflict`): either side has no place below country level,
   or they share one, or two of them lie within ``PLACE_KM`` kilometres, or one is the region
   (admin1) that holds the other;
6. positive evidence (:func:`evidence`): the actors, the recipients and the places each count
   one when both reports name them and they match (a shared entity, a country covering its
   group, places that meet as in 5). Dates of a day or a week (or undated reports) need one,
   coarser dates (month, season, year: often background, "last year's agreement") need two.
   Compatible is not enough: two reports that name nothing in common are two events.

A report joins an existing merged event only when it fits **every** report already in it
(complete linkage: no chains of small steps), and among several fitting merged events the one
sharing the most entities, then the closest in date, then the oldest.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from factwire.link.dates import DateInterval

SLACK_DAYS = 2
PLACE_KM = 50.0


@dataclass(frozen=True)
class Party:
    """An actor or recipient: its global entity (None when nominal), country, and whether it
    stands for a whole country or a group of it (a country, "Russian forces")."""

    gid: int | None
    country: str | None
    generic: bool = False


@dataclass(frozen=True)
class Place:
    """A place below country level: its global entity, coordinates, and region."""

    gid: int | None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    feature: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class EventReport:
    """One article's report of an event, as the merge rule sees it."""

    article_id: str
    event_id: str
    type: str
    mode: str | None = None
    modality: str = "asserted"
    negated: bool = False
    when: DateInterval | None = None
    actors: tuple[Party, ...] = ()
    recipients: tuple[Party, ...] = ()
    places: tuple[Place, ...] = field(default=())

    @cached_property
    def sides(self) -> tuple[Side, Side]:
        """The actors' and the recipients' :class:`Side` (made once: the rule compares a
        report with many others)."""
        return Side.of(self.actors), Side.of(self.recipients)

    def to_dict(self) -> dict:
        """Plain JSON data (stored beside the link so later reports compare against it):
        the fields in order, as ``dataclasses.asdict`` gives them, ``when`` as a list."""
        when = self.when
        return {
            "article_id": self.article_id, "event_id": self.event_id, "type": self.type,
            "mode": self.mode, "modality": self.modality, "negated": self.negated,
            "when": None if when is None else [when.low.isoformat(), when.high.isoformat(),
                                               when.precision],
            "actors": [_party_dict(p) for p in self.actors],
            "recipients": [_party_dict(p) for p in self.recipients],
            "places": [{"gid": p.gid, "lat": p.lat, "lon": p.lon, "admin1": p.admin1,
                        "feature": p.feature, "country": p.country} for p in self.places]}

    @classmethod
    def from_dict(cls, data: dict) -> EventReport:
        when = data.get("when")
        return cls(
            article_id=data["article_id"], event_id=data["event_id"], type=data["type"],
            mode=data.get("mode"), modality=data.get("modality", "asserted"),
            negated=data.get("negated", False),
            when=None if when is None else DateInterval(
                dt.date.fromisoformat(when[0]), dt.date.fromisoformat(when[1]), when[2]),
            actors=tuple(Party(**p) for p in data.get("actors", [])),
            recipients=tuple(Party(**p) for p in data.get("recipients", [])),
            places=tuple(Place(**p) for p in data.get("places", [])))


def _party_dict(party: Party) -> dict:
    return {"gid": party.gid, "country": party.country, "generic": party.generic}


def conflict(a: EventReport, b: EventReport) -> str | None:
    """Why two reports cannot tell the same event, or None when they can."""
    if a.article_id == b.article_id:
        return "same article"
    if a.type != b.type:
        return "type"
    if a.mode and b.mode and a.mode != b.mode:
        return "mode"
    if a.modality != b.modality or a.negated != b.negated:
        return "modality"
    if a.when is None or b.when is None:
        return "undated"
    if a.when.gap(b.when) > SLACK_DAYS:
        return "dates"
    (a_actors, a_recipients), (b_actors, b_recipients) = a.sides, b.sides
    if _sides_conflict(a_actors, b_actors):  # parties_conflict(a.actors, b.actors)
        return "actors"
    if _sides_conflict(a_recipients, b_recipients):
        return "recipients"
    if places_conflict(a.places, b.places):
        return "places"
    # evidence(a, b), knowing that nothing conflicts: each slot both reports fill counts
    found = ((a_actors.named and b_actors.named) + (a_recipients.named and b_recipients.named)
             + bool(a.places and b.places))
    if found < required_evidence(a.when, b.when):
        return "evidence"
    return None


COARSE = ("month", "season", "year")


def required_evidence(a: DateInterval, b: DateInterval) -> int:
    """How many matching argument slots two reports need, given their dates' precision."""
    return 2 if a.precision in COARSE or b.precision in COARSE else 1


def evidence(a: EventReport, b: EventReport) -> int:
    """How many of actors, recipients, places both reports name and match (rule 6)."""
    count = 0
    for x, y in ((a.actors, b.actors), (a.recipients, b.recipients)):
        x, y = _informative(x), _informative(y)
        count += bool(x and y and not parties_conflict(x, y))
    return count + bool(a.places and b.places and not places_conflict(a.places, b.places))


def _informative(parties: Iterable[Party]) -> list[Party]:
    return [p for p in parties if p.gid is not None or p.country is not None]


def parties_conflict(a: Sequence[Party], b: Sequence[Party]) -> bool:
    """True when two argument lists name different actors (rule 4)."""
    a, b = _informative(a), _informative(b)
    if not a or not b:
        return False
    if {p.gid for p in a if p.gid is not None} & {p.gid for p in b if p.gid is not None}:
        return False
    return not (_covers(a, b) or _covers(b, a))


def _covers(generic_side: list[Party], other: list[Party]) -> bool:
    countries = {p.country for p in other if p.country}
    return any(p.generic and p.country in countries for p in generic_side)


@dataclass(frozen=True)
class Side:
    """One report's actors or recipients as :func:`parties_conflict` compares them: whether
    it names anyone (a global entity or a country), its global entities, its countries,
    and the countries of its generic parties (a country, "Russian forces")."""

    named: bool
    gids: frozenset[int]
    countries: frozenset[str]
    generic: frozenset[str | None]

    @classmethod
    def of(cls, parties: Iterable[Party]) -> Side:
        kept = _informative(parties)
        return cls(bool(kept), frozenset(p.gid for p in kept if p.gid is not None),
                   frozenset(p.country for p in kept if p.country),
                   frozenset(p.country for p in kept if p.generic))


def _sides_conflict(a: Side, b: Side) -> bool:
    """``parties_conflict`` of the two lists the sides were made of."""
    if not a.named or not b.named or a.gids & b.gids:
        return False
    return not (a.generic & b.countries or b.generic & a.countries)


def places_conflict(a: Sequence[Place], b: Sequence[Place]) -> bool:
    """True when two place lists name places far apart (rule 5)."""
    if not a or not b:
        return False
    return not any(_same_place(p, q) for p in a for q in b)


def _same_place(p: Place, q: Place) -> bool:
    if p.gid is not None and p.gid == q.gid:
        return True
    if None not in (p.lat, p.lon, q.lat, q.lon) and \
            distance_km(p.lat, p.lon, q.lat, q.lon) <= PLACE_KM:
        return True
    return _holds(p, q) or _holds(q, p)


def _holds(region: Place, place: Place) -> bool:
    return (region.feature == "admin1" and region.admin1 is not None
            and region.admin1 == place.admin1 and region.country == place.country)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def fits(report: EventReport, members: Sequence[EventReport]) -> bool:
    """Whether the report fits every report of a merged event (complete linkage)."""
    for member in members:  # a loop, not all(...): the writer asks this very often
        if conflict(report, member) is not None:
            return False
    return True


def affinity(report: EventReport, members: Sequence[EventReport]) -> tuple[int, int]:
    """How well a report fits a merged event: (shared entities, minus the date gap)."""
    def gids(r: EventReport) -> set[int]:
        return {x.gid for x in (*r.actors, *r.recipients, *r.places) if x.gid is not None}

    shared = set().union(*(gids(m) for m in members)) & gids(report)
    gap = min(report.when.gap(m.when) for m in members)
    return len(shared), -gap


def can_join(report: EventReport) -> bool:
    """Whether the report could tell the same event as any other: it has a date (rule 3)
    and names something to match (rule 6: an actor or recipient with a global entity or a
    country, or a place). A report that cannot starts a merged event of its own."""
    actors, recipients = report.sides
    return report.when is not None and (actors.named or recipients.named or bool(report.places))


def choose(report: EventReport, merged: dict[int, Sequence[EventReport]]) -> int | None:
    """The id of the merged event the report joins, or None for a new event."""
    if not can_join(report):
        return None
    best, best_score = None, None
    for merged_id in sorted(merged):
        members = merged[merged_id]
        if not members or not fits(report, members):
            continue
        score = affinity(report, members)
        if best_score is None or score > best_score:
            best, best_score = merged_id, score
    return best


def merge_all(reports: Iterable[EventReport]) -> list[list[EventReport]]:
    """Group reports, taken in order, into merged events by the rule above."""
    merged: dict[int, list[EventReport]] = {}
    for report in reports:
        target = choose(report, merged)
        if target is None:
            target = len(merged)
            merged[target] = []
        merged[target].append(report)
    return list(merged.values())
