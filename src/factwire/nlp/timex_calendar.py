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

SEASON_ORDER = {"SP": 1, "SU": 2, "FA": 3, "WI": 4}

# unanchored forms, by granularity, for when there is no publication date to count from
UNANCHORED = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX",
              "Q": "XXXX-QX", "H": "XXXX-HX", "Y": "XXXX", "DE": "XXX", "CE": "XX"}


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def shift(day: dt.date, unit: str, n: int) -> dt.date:
    """``day`` moved by ``n`` units (S, MIN, H count as the same day)."""
    if unit in ("D",):
        return day + dt.timedelta(days=n)
    if unit in ("W", "WE"):
        return day + dt.timedelta(weeks=n)
    if unit == "2W":
        return day + dt.timedelta(weeks=2 * n)
    months = {"M": 1, "Q": 3, "H": 6, "Y": 12, "DE": 120, "CE": 1200}.get(unit)
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


def year_for_month_day(anchor: dt.date, month: int, day: int | None, tense: str) -> int:
    """The year of "<month> <day>" said on ``anchor``: the anchor's year, unless the tense
    puts it well (over three months) on the other side of the anchor, or, with no tense, another
    year's is nearer."""
    last = calendar.monthrange(anchor.year, month)[1]
    gap = (dt.date(anchor.year, month, min(day or 1, last)) - anchor).days
    if tense == "past" and gap > 92:
        return anchor.year - 1
    if tense == "future" and gap < -92:
        return anchor.year + 1
    if tense not in ("past", "future") and abs(gap) > 183:
        return anchor.year + (1 if gap < 0 else -1)
    return anchor.year


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration: ``duration_value(3, "Y") == "P3Y"``; None -> ``PXY``."""
    if unit == "2W":
        n, unit = (n * 2 if n is not None else None), "W"
    if unit == "WE":
        unit, n = "D", (n * 2 if n is not None else None)
    if unit in ("DE", "CE") and n is not None:
        unit, n = "Y", n * (10 if unit == "DE" else 100)
    if n is not None and n != int(n) and unit in ("Y", "D", "H"):
        n, unit = {"Y": (n * 12, "M"), "D": (n * 24, "H"), "H": (n * 60, "MIN")}[unit]
    amount = "X" if n is None else (str(int(n)) if n == int(n) else f"{n:g}")
    if unit in ("S", "MIN", "H"):
        return f"PT{amount}{'M' if unit == 'MIN' else unit}"
    return f"P{amount}{unit}"
