"""Calendar arithmetic and TIMEX3 formatting at a granularity (day, week, month, ...).

>>> import datetime as dt
>>> timex_at(shift(dt.date(2025, 4, 2), "Y", -3), "Y")
'2022'
>>> timex_at(dt.date(2025, 4, 2), "W")
'2025-W14'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

SEASON_ORDER = {"SP": 1, "SU": 2, "FA": 3, "WI": 4}
# a date without year or tense lies within these many days before / after the anchor
NEWS_PAST_DAYS, NEWS_AHEAD_DAYS = 243, 122

# unanchored forms, by granularity, for when there is no publication date to count from
UNANCHORED = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX",
              "Q": "XXXX-QX", "H": "XXXX-HX", "Y": "XXXX", "DE": "XXX", "CE": "XX"}


class BeyondCalendar(ValueError):
    """A date moved outside the years 1-9999 ("1,428,000 years ago"): no TIMEX3 date."""


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise BeyondCalendar(f"year {year} is outside the calendar")
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def shift(day: dt.date, unit: str, n: int) -> dt.date:
    """``day`` moved by ``n`` units (S, MIN, H count as the same day); BeyondCalendar when
    that leaves the years 1-9999."""
    try:
        return _shift(day, unit, n)
    except OverflowError as error:
        raise BeyondCalendar(str(error)) from error


def _shift(day: dt.date, unit: str, n: int) -> dt.date:
    if unit in ("D",):
        return day + dt.timedelta(days=n)
    if unit in ("W", "WE"):
        return day + dt.timedelta(weeks=n)
    if unit == "2W":
        return day + dt.timedelta(weeks=2 * n)
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}.get(unit)  # "H" is an hour
    if months is None:
        return day
    return add_months(day, months * n)


def quarter_of(day: dt.date) -> int:
    """1..4."""
    return (day.month - 1) // 3 + 1


def timex_at(day: dt.date, unit: str) -> str:
    """The TIMEX3 value of the ``unit``-long period containing ``day``."""
    if unit in ("D", "S", "MIN", "H"):
        return day.isoformat()
    if unit in ("W", "2W", "WE"):
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if unit == "WE" else "")
    if unit == "M":
        return f"{day.year:04d}-{day.month:02d}"
    if unit == "Q":
        return f"{day.year:04d}-Q{quarter_of(day)}"
    if unit == "H":
        return f"{day.year:04d}-H{1 if day.month <= 6 else 2}"
    if unit == "DE":
        return f"{day.year:04d}"[:3]
    if unit == "CE":
        return f"{day.year:04d}"[:2]
    return f"{day.year:04d}"


def season_of(day: dt.date) -> tuple[int, str]:
    """(year, season code) of ``day``; January and February belong to the last winter."""
    if day.month in (1, 2):
        return day.year - 1, "WI"
    code = {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA",
            11: "FA"}.get(day.month, "WI")
    return day.year, code


def weekday_near(anchor: dt.date, weekday: int, direction: str) -> dt.date:
    """The ``weekday`` (1 = Monday) before/after/in the week of ``anchor``.

    ``direction``: "past" (on or before), "last" (strictly before), "future" (on or
    after), "next" (strictly after), "this" (same ISO week).
    """
    back = (anchor.isoweekday() - weekday) % 7
    if direction == "past":
        return anchor - dt.timedelta(days=back)
    if direction == "last":
        return anchor - dt.timedelta(days=back or 7)
    if direction == "this":
        return anchor + dt.timedelta(days=weekday - anchor.isoweekday())
    ahead = (weekday - anchor.isoweekday()) % 7
    if direction == "next":
        ahead = ahead or 7
    return anchor + dt.timedelta(days=ahead)


def year_for_month_day(anchor: dt.date, month: int, day: int | None, tense: str | None) -> int:
    """The year of "<month> <day>" said on ``anchor``: the anchor's year, unless the tense
    puts it well (over three months) on the other side of the anchor. A present tense takes
    the nearer year; with no tense, news tells of the past more than of plans, so the date
    falls within the eight months before the anchor or the four after it."""
    last = calendar.monthrange(anchor.year, month)[1]
    gap = (dt.date(anchor.year, month, min(day or 1, last)) - anchor).days
    if tense == "past" and gap > 92:
        return anchor.year - 1
    if tense == "future" and gap < -92:
        return anchor.year + 1
    if tense == "present" and abs(gap) > 183:
        return anchor.year + (1 if gap < 0 else -1)
    if tense is None and not -NEWS_PAST_DAYS <= gap <= NEWS_AHEAD_DAYS:
        return anchor.year + (1 if gap < 0 else -1)
    return anchor.year


# a fraction of a unit written as whole smaller units: 2.5 years = P2Y6M
_SPLIT_UNITS = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "H": (60, "MIN"),
                "MIN": (60, "S")}


def _mixed_duration(n: float, unit: str) -> str:
    """``_mixed_duration(1.5, "H") == "PT1H30M"`` (TimeBank writes "PT1M30S", "P2Y6M")."""
    per, small = _SPLIT_UNITS[unit]
    whole, rest = int(n), round((n - int(n)) * per)
    parts = [(whole, unit)] if whole else []
    parts.append((rest, small))
    date = "".join(f"{k}{u}" for k, u in parts if u in ("Y", "M", "W", "D"))
    clock = "".join(f"{k}{'M' if u == 'MIN' else u}" for k, u in parts if u in ("H", "MIN", "S"))
    return "P" + date + (f"T{clock}" if clock else "")


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration: ``duration_value(3, "Y") == "P3Y"``; None -> ``PXY``."""
    if unit == "2W":
        n, unit = (n * 2 if n is not None else None), "W"
    if unit == "WE":
        unit, n = "D", (n * 2 if n is not None else None)
    if unit in ("DE", "CE") and n is not None:
        unit, n = "Y", n * (10 if unit == "DE" else 100)
    if n is not None and n != int(n) and unit in _SPLIT_UNITS:
        return _mixed_duration(n, unit)
    amount = "X" if n is None else (str(int(n)) if n == int(n) else f"{n:g}")
    if unit in ("S", "MIN", "H"):
        return f"PT{amount}{'M' if unit == 'MIN' else unit}"
    return f"P{amount}{unit}"


def easter_sunday(year: int) -> dt.date:
    """Western Easter (the Gregorian computus): ``easter_sunday(2018) == date(2018, 4, 1)``."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    lf = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * lf) // 433
    month = (h + lf - 7 * m + 90) // 25
    return dt.date(year, month, (h + lf - 7 * m + 33 * month + 19) % 32)


_DURATION_PART = re.compile(r"(\d+)([YMWDHS])")


def add_durations(values: list[str]) -> str | None:
    """``add_durations(["PT1H", "PT30M"]) == "PT1H30M"``; None when a value is vague or a
    unit repeats."""
    date, clock = {}, {}
    for value in values:
        m = re.fullmatch(r"P((?:\d+[YMWD])*)(?:T((?:\d+[HMS])+))?", value)
        if not m or value in ("P", "PT"):
            return None
        for part, units in ((m.group(1) or "", date), (m.group(2) or "", clock)):
            for n, unit in _DURATION_PART.findall(part):
                if unit in units:
                    return None
                units[unit] = n
    text = "".join(f"{date[u]}{u}" for u in "YMWD" if u in date)
    time = "".join(f"{clock[u]}{u}" for u in "HMS" if u in clock)
    return "P" + text + (f"T{time}" if time else "")
