"""Figures about the same subject and counted thing as series over time, and contradictions.

A claim is one stored figure whose subject is a named entity, resolved to its global entity
(figures from near-duplicate copies are left out: a republished figure is not a second
source). Claims with the same subject, the same counted thing (normalized: "troops" and
"troop" meet) and the same unit form a **series** (changes such as "up 100,000" are not
levels: they stay out), ordered by the time the figure is for (its own date, else its
article's publication date), each with its source. Figures factwire computed from others
(``derived``) join their series, marked as derived.

Two claims **contradict** when they are in the same series, come from different sources
(the quoted source, else the outlet) and different articles, are for the same time
(:func:`same_time`), neither is derived nor money (``MONEY_WORDS``, or a unit that is a
currency code), and the ranges their values allow ("at least 12" allows 12 and more) are
further apart than ``TOLERANCE`` of the larger value (10 %: 1.5 million against 1.1 million
contradict; 160,000 against 150,000 do not).

Whether two claims contradict depends on those two claims only (:func:`disagreement`), so
the store flags contradictions as each article is linked, comparing its claims with the
stored claims of the series they join (factwire.store.claim_links), and reads them back
instead of recomputing them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from factwire.link.dates import DateInterval, interval
from factwire.link.entities import normalize

TOLERANCE = 0.10
CLAIM_SLACK_DAYS = 7

# Money is not checked for contradictions: one subject takes many unrelated amounts (budgets,
# deficits, sales, prices) that "what is counted" = a currency cannot tell apart.
MONEY_WORDS = frozenset({"dollar", "dlr", "usd", "euro", "eur", "pound", "stg", "sterling",
                         "yen", "yuan", "renminbi", "rouble", "ruble", "franc", "mark",
                         "rupee", "peso", "lira", "real", "won", "cent", "pence", "hryvnia"})

# Plurals that no suffix rule turns into their singular.
IRREGULAR = {"men": "man", "women": "woman", "people": "person", "persons": "person",
             "children": "child", "feet": "foot", "teeth": "tooth", "mice": "mouse",
             "personnel": "personnel", "troops": "troop", "police": "police"}
_KEEP_S = ("ss", "us", "is", "news")


def singular(word: str) -> str:
    """The singular of an English plural noun ("casualties" -> "casualty")."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word.endswith(_KEEP_S) or len(word) <= 3:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


@lru_cache(maxsize=65536)  # a claim's series key asks for it again and again
def normalize_counted(counted: str | None) -> str | None:
    """What a figure counts, comparable across articles: "Troops" -> "troop"."""
    if not counted:
        return None
    words = normalize(counted).split()
    return " ".join([*words[:-1], singular(words[-1])]) if words else None


@dataclass(frozen=True)
class Claim:
    """One figure, as series and contradictions see it."""

    article_id: str
    quantity_id: str
    subject: int | None
    counted: str | None
    value: float | None
    text: str = ""
    subject_name: str | None = None
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    comparator: str = "="
    change: str | None = None
    derived: bool = False
    relative_to: str | None = None
    when: DateInterval | None = None
    date: str | None = None  # the date as stated (TIMEX3 value), else the publication date
    source: str | None = None
    outlet: str | None = None
    published: dt.date | None = None

    @property
    def key(self) -> tuple:
        """The series a claim belongs to: subject, counted thing, unit."""
        return self.subject, normalize_counted(self.counted), self.unit

    @property
    def source_key(self) -> str:
        """Who states the figure: the quoted source, else the outlet, else the article."""
        if self.source:
            return "source:" + normalize(self.source)
        return "outlet:" + normalize(self.outlet) if self.outlet else "article:" + self.article_id

    def bounds(self) -> tuple[float, float] | None:
        """The values the figure allows: "at least 12" -> (12, inf)."""
        if self.low is not None or self.high is not None:
            return (self.low if self.low is not None else -math.inf,
                    self.high if self.high is not None else math.inf)
        if self.value is None:
            return None
        if self.comparator in (">", ">="):
            return self.value, math.inf
        if self.comparator in ("<", "<="):
            return -math.inf, self.value
        return self.value, self.value


@dataclass(frozen=True)
class Series:
    """Claims about one subject and counted thing, in time order."""

    subject: int | None
    subject_name: str | None
    counted: str
    unit: str | None
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Contradiction:
    """Two sources disagreeing on a figure: both claims and how far apart they are."""

    first: Claim
    second: Claim
    difference: float  # the gap between their ranges, relative to the larger value


def claim_date(value: str | None, published: dt.date | None,
               ) -> tuple[DateInterval | None, str | None]:
    """The days a figure is for and its date as shown: its own date (a TIMEX3 value), else
    its article's publication date.

    >>> claim_date(None, dt.date(2025, 4, 2))[1]
    '2025-04-02'
    """
    when = interval(value)
    if when is None and published is not None:
        value = published.isoformat()
        when = interval(value)
    return when, value


def time_order(claim: Claim) -> tuple:
    """Where a claim stands in its series: by the time it is for, then its publication."""
    low = claim.when.low if claim.when else (claim.published or dt.date.max)
    return low, claim.published or dt.date.max, claim.article_id, claim.quantity_id


def in_series(claim: Claim) -> bool:
    """Whether a claim belongs to a series: a subject, a counted thing, and a level (a change
    such as "up 100,000" is not one)."""
    return claim.subject is not None and claim.change is None and \
        normalize_counted(claim.counted) is not None


def series(claims: Iterable[Claim]) -> list[Series]:
    """Claims with a subject and a counted thing grouped into series, each in time order."""
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        if in_series(claim):
            groups[claim.key].append(claim)
    out = []
    for (subject, counted, unit), members in groups.items():
        members.sort(key=time_order)
        name = next((c.subject_name for c in members if c.subject_name), None)
        out.append(Series(subject, name, counted, unit, tuple(members)))
    out.sort(key=lambda s: (-len(s.claims), s.subject_name or "", s.counted))
    return out


def is_money(claim: Claim) -> bool:
    """A sum of money: the counted thing or the unit is a currency."""
    words = (normalize_counted(claim.counted) or "").split()
    unit = claim.unit or ""
    is_code = len(unit) == 3 and unit.isalpha() and unit.isupper()  # ISO 4217: USD, RUB
    return bool(words and words[-1] in MONEY_WORDS) or unit.lower() in MONEY_WORDS or is_code


def comparable(claim: Claim) -> bool:
    """Whether a claim can contradict another: a dated level stated by a source, not derived,
    not relative to another figure, not money."""
    return (not claim.derived and claim.change is None and claim.relative_to is None
            and claim.when is not None and claim.bounds() is not None
            and not is_money(claim))


def difference(a: Claim, b: Claim) -> float:
    """The gap between the values two claims allow, relative to the larger value (0 when
    the ranges overlap)."""
    (alow, ahigh), (blow, bhigh) = a.bounds(), b.bounds()
    gap = max(blow - ahigh, alow - bhigh, 0.0)
    if gap == 0.0:
        return 0.0
    near = (ahigh, blow) if blow > ahigh else (alow, bhigh)
    scale = max(abs(x) for x in near)
    return math.inf if scale == 0 else gap / scale


def same_time(a: Claim, b: Claim) -> bool:
    """Whether two claims are for the same time: two days (or undated figures, as of their
    publication) within ``CLAIM_SLACK_DAYS``; a longer period (a month, "2024") only
    overlapping: 1986 and January 1987 are different times."""
    if a.when is None or b.when is None:
        return False
    if a.when.low == a.when.high and b.when.low == b.when.high:
        return a.when.gap(b.when) <= CLAIM_SLACK_DAYS
    return a.when.gap(b.when) == 0


def disagreement(a: Claim, b: Claim, tolerance: float = TOLERANCE) -> float | None:
    """How far apart two comparable claims of one series are (rounded), when they contradict
    each other: other articles, other sources, the same time, further apart than
    ``tolerance``; else None."""
    if a.article_id == b.article_id or a.source_key == b.source_key or not same_time(a, b):
        return None
    gap = difference(a, b)
    return round(gap, 4) if gap > tolerance else None


def contradictions(claims: Iterable[Claim], tolerance: float = TOLERANCE,
                   ) -> list[Contradiction]:
    """Pairs of claims in one series that disagree beyond ``tolerance`` (see module doc), each
    pair in time order, series by series."""
    found = []
    for one in series(claims):
        found.extend(pairs_in_order([c for c in one.claims if comparable(c)], tolerance))
    return found


def pairs_in_order(members: list[Claim], tolerance: float = TOLERANCE) -> list[Contradiction]:
    """The contradictions among comparable claims of one series sorted by ``time_order``.

    A sweep: a claim is compared with the later claims that start at most
    ``CLAIM_SLACK_DAYS`` after it ends, the only ones that can be for the same time.
    """
    found = []
    for i, a in enumerate(members):
        for b in members[i + 1:]:
            if (b.when.low - a.when.high).days > CLAIM_SLACK_DAYS:
                break
            gap = disagreement(a, b, tolerance)
            if gap is not None:
                found.append(Contradiction(a, b, gap))
    return found
