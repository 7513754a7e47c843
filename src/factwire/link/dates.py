"""A TIMEX3 value as the interval of calendar days it covers, with its precision.

>>> interval("2025-03-09")
DateInterval(low=datetime.date(2025, 3, 9), high=datetime.date(2025, 3, 9), precision='day')
>>> interval("2025-03").high
datetime.date(2025, 3, 31)
>>> interval("PAST_REF") is None
True
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

# Seasons and quarters as (first month, last month); winter runs into the next year.
SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14),
           "Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12), "H1": (1, 6),
           "H2": (7, 12)}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:-WE)?$")
_YEAR = re.compile(r"^(\d{4})$")
_PART = re.compile(r"^(\d{4})-(SP|SU|FA|AU|WI|Q[1-4]|H[12])$")


@dataclass(frozen=True)
class DateInterval:
    """The days a date may denote, first and last included; ``precision``: day, week,
    month, season, year, or ``reported`` (no date given: the days before publication)."""

    low: dt.date
    high: dt.date
    precision: str

    def gap(self, other: DateInterval) -> int:
        """Days between the two intervals; 0 when they overlap."""
        return max(0, (other.low - self.high).days, (self.low - other.high).days)


def interval(value: str | None) -> DateInterval | None:
    """The interval a TIMEX3 date value covers, or None for durations, references, sets."""
    if not value:
        return None
    try:
        return _parse(value)
    except ValueError:
        return None  # e.g. 2025-02-30: an impossible date says nothing


def _parse(value: str) -> DateInterval | None:
    if match := _DAY.match(value):
        day = dt.date(*map(int, match.groups()))
        return DateInterval(day, day, "day")
    if match := _MONTH.match(value):
        year, month = map(int, match.groups())
        return DateInterval(dt.date(year, month, 1), _month_end(year, month), "month")
    if match := _WEEK.match(value):
        monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        return DateInterval(monday, monday + dt.timedelta(days=6), "week")
    if match := _PART.match(value):
        year, (first, last) = int(match[1]), SEASONS[match[2]]
        end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
        return DateInterval(dt.date(year, first, 1), _month_end(end_year, end_month), "season")
    if match := _YEAR.match(value):
        year = int(match[1])
        return DateInterval(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    return None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


REPORTED_DAYS = 3  # an undated report tells of something in the days before publication


def reported(published: dt.date | None) -> DateInterval | None:
    """The interval of an undated event: the ``REPORTED_DAYS`` days up to publication."""
    if published is None:
        return None
    return DateInterval(published - dt.timedelta(days=REPORTED_DAYS), published, "reported")


def event_interval(value: str | None, published: dt.date | None) -> DateInterval | None:
    """The event's own date when it has one, else the days before its report."""
    return interval(value) or reported(published)

# From the most precise to the least: a merged event shows its most precise report's date.
PRECISION_ORDER = ("day", "week", "month", "season", "year", "reported")
