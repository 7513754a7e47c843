"""Where times begin and end: ``begin`` and ``until`` of ``Time`` (TIMEX3 values).

- ``mark_ranges``: "from March to May", "between 4pm and 5pm", "1990-95": both ends carry
  the whole range; "since X", "after X", "X or later" only begin; "through X", "before X",
  "no later than X" only until.
- ``mark_stretches``: a duration counted from the publication date gets the days it
  covers: "the next three days" (from tomorrow), "within two weeks" (from today), "the past
  five years" (up to yesterday); "in two weeks" said of the future, the day it reaches.

``until`` is the last unit inside the range ("from 10/1 to 11/7": 11/7).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from factwire.model import Time
from factwire.nlp.timex_calendar import BeyondCalendar, add_months, shift

_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|~|to|until|till|through|thru|and)\s*(?:the\s+)?$",
                         re.IGNORECASE)
_RANGE_OPEN = re.compile(r"(?:\bfrom|\bbetween)\s+(?:the\s+)?$", re.IGNORECASE)
_UNTIL = re.compile(r"(?:\bthrough|\bthru|\buntil|\btill|\bby|\bup\s+to|\bbefore|\bprior\s+to|"
                    r"\bno\s+later\s+than|\bnot\s+later\s+than|\bas\s+late\s+as)\s+$",
                    re.IGNORECASE)
_SINCE = re.compile(r"(?:\bsince|\bstarting|\bbeginning|\bafter|\bas\s+of|(?<!\bno\s)"
                    r"(?<!\bnot\s)\blater\s+than|\bno\s+earlier\s+than|\bas\s+early\s+as)"
                    r"(?:\s+(?:on|from|in))?\s+$", re.IGNORECASE)
# "2018 or later", "1/1/2016 and after" (not "after 2016 and before 2018")
_SINCE_AFTER = re.compile(r"^\s*(?:(?:and|or)\s+(?:later|after)|onwards?)(?=\s*(?:[^\w\s]|$))",
                          re.IGNORECASE)
_UNTIL_AFTER = re.compile(r"^\s*(?:and|or)\s+(?:earlier|before)(?=\s*(?:[^\w\s]|$))",
                          re.IGNORECASE)


def mark_ranges(text: str, times: list[Time], anchor: dt.date | None = None) -> None:
    """Fill ``begin``/``until`` for "from X to Y", "between X and Y", "X-Y", "since X",
    "through X"; both ends of a range carry the whole range, "now" as the anchor's day."""
    paired: set[str] = set()
    for first, second in zip(times, times[1:], strict=False):
        if _joined(text, first, second):
            _align_range_years(first, second)
            begin = _present(first.begin or first.value, anchor)
            until = _present(_end_of_range(second), anchor)
            for time in (first, second):
                time.begin, time.until = begin, until
                paired.add(time.id)
    for time in times:
        if time.id not in paired and time.type in ("DATE", "TIME"):
            _mark_open_end(text, time)


def _end_of_range(time: Time) -> str:
    """The last unit a range reaches: "to the start of 2008" stops where 2008 starts,
    "until the end of June" runs through June."""
    edge = _EDGE.match(time.text)
    if edge and edge.group(1) and edge.group(1).lower() in ("start", "beginning") and time.begin:
        return time.begin
    return time.until or time.value


def _present(value: str, anchor: dt.date | None) -> str:
    """"between now and May 21": now is the publication day, when there is one."""
    return anchor.isoformat() if value == "PRESENT_REF" and anchor is not None else value


def _joined(text: str, first: Time, second: Time) -> bool:
    """True when two times are the ends of one range ("from X to Y", "X-Y")."""
    if first.type != second.type or first.type not in ("DATE", "TIME"):
        return False
    joined = _RANGE_JOIN.match(text[first.end:second.start])
    if not joined:
        return False
    before = text[max(0, first.start - 12):first.start]
    word = joined.group().strip().lower()
    word = re.sub(r"\s+the$", "", word)
    if word == "and" and not re.search(r"between\s+(?:the\s+)?$", before, re.I):
        return False
    return bool(_RANGE_OPEN.search(before)) or word not in ("", "and")


def _mark_open_end(text: str, time: Time) -> None:
    """"since X", "after X", "X or later": begin; "through X", "before X": until (the
    part of X an edge word names: "since late July" begins on July 16)."""
    before = text[max(0, time.start - 20):time.start]
    after = text[time.end:time.end + 40]
    if _UNTIL.search(before) or _UNTIL_AFTER.match(after):
        time.begin, time.until = None, time.until or time.value
    elif _SINCE.search(before) or _SINCE_AFTER.match(after):
        time.begin, time.until = time.begin or time.value, None


_EDGE = re.compile(r"^(?:the\s+)?(?:(early|beginning|start|earlier|first\s+half)|(late|end|later|"
                   r"second\s+half)|(mid|middle))\b", re.IGNORECASE)
_UNIT_VALUE = re.compile(r"^(\d{4})(?:-(\d\d)|-W(\d\d))?$")
# (first day, last day) of the early, late and middle part of a year, month and week
_PARTS = {"Y": ((1, 1, 6, 30), (7, 1, 12, 31), (5, 1, 8, 31)),
          "M": ((1, 15), (16, 31), (10, 20)), "W": ((1, 3), (4, 7), (2, 4))}


def mark_edges(times: list[Time]) -> None:
    """"early 2024", "late July", "mid-November", "the end of the week": ``begin`` and
    ``until`` are that part of the unit: its first or second half, or its middle."""
    for time in times:
        if time.type == "TIME":
            _mark_day_part_edge(time)
            continue
        edge = _EDGE.match(time.text) if time.type == "DATE" else None
        unit = _UNIT_VALUE.match(time.value or "") if edge else None
        if unit is None:
            continue
        part = next(i for i in range(3) if edge.group(i + 1))
        year, month, week = int(unit.group(1)), unit.group(2), unit.group(3)
        if week:
            a, b = _PARTS["W"][part]
            first = dt.date.fromisocalendar(year, int(week), a)
            last = dt.date.fromisocalendar(year, int(week), b)
        elif month:
            a, b = _PARTS["M"][part]
            end = calendar.monthrange(year, int(month))[1]
            first, last = dt.date(year, int(month), a), dt.date(year, int(month), min(b, end))
        else:
            m1, d1, m2, d2 = _PARTS["Y"][part]
            first, last = dt.date(year, m1, d1), dt.date(year, m2, d2)
        time.begin, time.until = first.isoformat(), last.isoformat()


# the hours (from, to) of the early and the late half of a part of the day
_DAY_PART_HOURS = {"MO": ((8, 10), (10, 12)), "AF": ((12, 14), (14, 16)),
                   "EV": ((16, 18), (18, 20))}
_DAY_PART_EDGE = re.compile(r"\b(?:(early|earlier)|(late|later))\b", re.IGNORECASE)
_DAY_PART_VALUE = re.compile(r"^(\d{4}-\d\d-\d\d)T(MO|AF|EV)$")


def _mark_day_part_edge(time: Time) -> None:
    """"late afternoon", "early in the morning": ``begin`` and ``until`` are the clock
    times of that half of the part of the day."""
    edge = _DAY_PART_EDGE.search(time.text)
    part = _DAY_PART_VALUE.match(time.value or "") if edge else None
    if part is None or not (edge.group(1) or edge.group(2)):
        return
    start, end = _DAY_PART_HOURS[part.group(2)][0 if edge.group(1) else 1]
    day = part.group(1)
    time.begin, time.until = f"{day}T{start:02d}:00", f"{day}T{end:02d}:00"


def _align_range_years(first: Time, second: Time) -> None:
    """"from March to May 2025": an end without a written year takes the other end's; two
    ends without one are put in order ("from next Monday to Friday": the Friday after)."""
    dated = re.compile(r"^\d{4}-\d\d")
    if not (dated.match(first.value) and dated.match(second.value)):
        return
    if _DAY.match(first.value) and _DAY.match(second.value) and second.value < first.value \
            and not _YEAR_WRITTEN.search(second.text):
        _move_after(first, second)
        return
    if _RELATIVE.match(first.text) or _DEICTIC.search(first.text + " " + second.text):
        return  # "from this May to Oct 2020", "between Jan 2019 and today": already placed
    if not _YEAR_WRITTEN.search(first.text) and _YEAR_WRITTEN.search(second.text):
        moved = second.value[:4] + first.value[4:]
        if moved <= second.value and _real(moved):
            first.value = moved
    elif _YEAR_WRITTEN.search(first.text) and not _YEAR_WRITTEN.search(second.text):
        moved = first.value[:4] + second.value[4:]
        if moved >= first.value and _real(moved):
            second.value = moved
    elif not _YEAR_WRITTEN.search(first.text + second.text) and \
            first.value[:4] < second.value[:4] and first.value[:4].isdigit() and \
            _same_year_fits(first.value, second.value):
        # "april 9th through 17th" read apart as 2016 and 2017: one year, the first end's
        second.value = first.value[:4] + second.value[4:]
    elif first.value > second.value and len(first.value) == len(second.value) == 7 and \
            not _YEAR_WRITTEN.search(first.text + second.text):
        # "from March to May" read apart as 2019-03 and 2018-05: a range of months runs
        # forward, so the start is the one before the end
        moved = f"{int(first.value[:4]) - 1:04d}" + first.value[4:]
        if moved <= second.value:
            first.value = moved


_YEAR_WRITTEN = re.compile(r"\d{4}")
_RELATIVE = re.compile(r"(?:this|next|last|coming|past)\b", re.IGNORECASE)
_DEICTIC = re.compile(r"\b(?:today|tomorrow|yesterday|tonight|now)\b", re.IGNORECASE)
_DAY = re.compile(r"^\d{4}-\d\d-\d\d(?:T\d\d:\d\d)?$")
_WEEKDAY_WORD = re.compile(r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?$", re.IGNORECASE)


def _same_year_fits(first: str, second: str) -> bool:
    """True when the second end, moved to the first end's year, still comes after it."""
    moved = first[:4] + second[4:]
    return moved >= first and _real(moved)


def _real(value: str) -> bool:
    """False for a day no calendar has ("2019-02-29")."""
    try:
        dt.date.fromisoformat(value[:10]) if _DAY.match(value) else None
    except ValueError:
        return False
    return True


def _move_after(first: Time, second: Time) -> None:
    """The end of a range read before its start moves forward: a weekday by weeks, a date
    by a year."""
    start = dt.date.fromisoformat(first.value[:10])
    end = dt.date.fromisoformat(second.value[:10])
    if "T" in second.value:  # "from 10pm to 2am": the next morning
        if second.value[10:] < first.value[10:]:
            second.value = (end + dt.timedelta(days=1)).isoformat() + second.value[10:]
        return
    weekday = bool(_WEEKDAY_WORD.match(second.text.split()[-1]))
    while end < start:
        end = end + dt.timedelta(weeks=1) if weekday else shift(end, "Y", 1)
    second.value = end.isoformat() + second.value[10:]


_COUNT = re.compile(r"^P(\d+)([DWMYQ])$")
_AHEAD = re.compile(r"\b(?:next|coming|upcoming|following)\b", re.IGNORECASE)
_BACK = re.compile(r"\b(?:past|last|previous|preceding)\b", re.IGNORECASE)
_WITHIN = re.compile(r"\bwithin\s+$", re.IGNORECASE)
_IN = re.compile(r"\bin\s+$", re.IGNORECASE)
_NAMED = re.compile(r"(?:the|first|final|initial|this|that)\b", re.IGNORECASE)  # "in the first week"


def mark_stretches(text: str, times: list[Time], anchor: dt.date | None,
                   tenses: list[str | None]) -> None:
    """The days a duration counted from ``anchor`` covers: "the next 3 days" from tomorrow,
    "within 9 months" from today, "the past 5 years" up to yesterday; "in 2 weeks" said of
    the future is one day, two weeks on. Vague ("the next few days") and clock durations
    ("in 5 minutes": the anchor has no clock) are left alone."""
    _mark_counted_from_dates(text, times)
    _mark_stretch_from_point(text, times)
    _mark_part_of_period(text, times)
    _mark_more_or_less(times, anchor)
    if anchor is None:
        return
    for time, tense in zip(times, tenses, strict=True):
        count = _COUNT.match(time.value or "") if time.type == "DURATION" else None
        if count is None or time.begin or time.until:
            continue
        n, unit = int(count.group(1)), count.group(2)
        before = text[max(0, time.start - 8):time.start]
        try:
            end, back = shift(anchor, unit, n), shift(anchor, unit, -n)
            whole = _whole_units(time, n, unit, anchor)
        except BeyondCalendar:  # "2,000,000 years" from now
            continue
        if whole and not _WITHIN.search(before):
            time.begin, time.until = whole
        elif _WITHIN.search(before):
            time.begin, time.until = _iso(anchor), _iso(end, -1)
        elif _AHEAD.search(time.text):
            time.begin, time.until = _iso(anchor, 1), _iso(end)
        elif _BACK.search(time.text):
            time.begin, time.until = _iso(back), _iso(anchor, -1)
        elif _IN.search(before) and tense in ("future", "present", None) and \
                not _NAMED.match(time.text):
            time.begin = time.until = _iso(end)


def _whole_units(time: Time, n: int, unit: str, anchor: dt.date) -> tuple[str, str] | None:
    """"the past two quarters", "the next two decades": whole calendar quarters or decades
    before or after the one the anchor is in."""
    if unit == "Q":
        step, start = 3, dt.date(anchor.year, 3 * ((anchor.month - 1) // 3) + 1, 1)
    elif unit == "Y" and "decade" in time.text.lower() and n % 10 == 0:
        step, start, n = 120, dt.date(anchor.year // 10 * 10, 1, 1), n // 10
    else:
        return None
    if _AHEAD.search(time.text):
        first, last = add_months(start, step), add_months(start, step * (n + 1))
    elif _BACK.search(time.text):
        first, last = add_months(start, -step * n), start
    else:
        return None
    return _iso(first), _iso(last, -1)


_OPENING = re.compile(r"^(?:the\s+)?(?:(first|opening|initial)|(last|final|closing))\s",
                      re.IGNORECASE)
_PERIOD = re.compile(r"^(\d{4})(?:-(\d\d))?$")


def _mark_part_of_period(text: str, times: list[Time]) -> None:
    """"the first ten days of 2020", "the last four months of 2021": the stretch at the
    start or the end of the year or month named after it."""
    for time, period in zip(times, times[1:], strict=False):
        count = _COUNT.match(time.value or "") if time.type == "DURATION" else None
        side = _OPENING.match(time.text)
        span = _PERIOD.match(period.value or "")
        if not (count and side and span) or count.group(2) not in "DMY" or \
                not re.fullmatch(r"\s+of\s+", text[time.end:period.start]):
            continue
        year, month = int(span.group(1)), int(span.group(2) or 1)
        first = dt.date(year, month, 1)
        after = add_months(first, 1 if span.group(2) else 12)
        n, unit = int(count.group(1)), count.group(2)
        try:
            if side.group(1):
                time.begin, time.until = _iso(first), _iso(shift(first, unit, n), -1)
            else:
                time.begin, time.until = _iso(shift(after, unit, -n)), _iso(after, -1)
        except (BeyondCalendar, OverflowError):  # past the calendar's first or last day
            continue


_FROM_DATE = re.compile(r"^\s+(after|before|from)\s+$", re.IGNORECASE)


def _mark_counted_from_dates(text: str, times: list[Time]) -> None:
    """"3 days after January 12", "2 weeks before Christmas": the duration reaches one day,
    counted from the date that follows it."""
    for time, date in zip(times, times[1:], strict=False):
        count = _COUNT.match(time.value or "") if time.type == "DURATION" else None
        joined = _FROM_DATE.match(text[time.end:date.start])
        if count is None or joined is None or not _DAY.match(date.value or "") or "T" in date.value:
            continue
        sign = -1 if joined.group(1).lower() == "before" else 1
        try:
            day = shift(dt.date.fromisoformat(date.value), count.group(2),
                        sign * int(count.group(1)))
        except BeyondCalendar:
            continue
        time.begin = time.until = day.isoformat()


# "3 days starting Monday", "for 3 days, from today", "2 hours from 2pm": the stretch
# begins at the point after it; "from 2pm for 2 hours": at the point before it
_STARTING = re.compile(r"^\s*,?\s*(?:starting|beginning|commencing)(?:\s+(?:from|on|at))?\s+$"
                       r"|^\s*,\s*from\s+$", re.IGNORECASE)
_FROM_POINT = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_FOR = re.compile(r"^\s*,?\s*for\s+$", re.IGNORECASE)
_SPAN_PARTS = re.compile(r"^P(?:(\d+)([DWMY]))?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$")
_TIME_POINT = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d$")


def _mark_stretch_from_point(text: str, times: list[Time]) -> None:
    """"2 weeks starting May 20th", "for 3 hours from 10 am", "from 2pm for 2 hours": the
    duration begins at the day or clock time written beside it and ``until`` is where it
    ends (a span of days runs to its last day, one of hours to its last minute)."""
    for first, second in zip(times, times[1:], strict=False):
        between = text[first.end:second.start]
        if first.type == "DURATION" and second.type in ("DATE", "TIME") and (
                _STARTING.match(between) or (second.type == "TIME" and between.strip() == "from")):
            duration, point = first, second
        elif second.type == "DURATION" and first.type == "TIME" and _FOR.match(between) and \
                _FROM_POINT.search(text[max(0, first.start - 8):first.start]):
            duration, point = second, first
        else:
            continue
        if not duration.begin and not duration.until:
            ends = _stretch_ends(point.value or "", duration.value or "")
            if ends is not None:
                duration.begin, duration.until = ends


def _stretch_ends(start: str, duration: str) -> tuple[str, str] | None:
    """(begin, until) of ``duration`` counted from ``start`` (a day or a clock time on a
    day); None when either is not a plain value."""
    parts = _SPAN_PARTS.match(duration)
    if parts is None or duration in ("P", "PT"):
        return None
    count, unit, hours, minutes = parts.groups()
    if _TIME_POINT.match(start):
        if unit in ("W", "M", "Y"):
            return None
        moment = dt.datetime.fromisoformat(start)
        end = moment + dt.timedelta(days=int(count or 0), hours=int(hours or 0),
                                    minutes=int(minutes or 0))
        return start, end.isoformat(timespec="minutes")
    if not _DAY.match(start) or "T" in start or not count or hours or minutes:
        return None
    try:
        first = dt.date.fromisoformat(start)
        return start, _iso(shift(first, unit, int(count)), -1)
    except (ValueError, BeyondCalendar):  # "2019-02-29", or past the calendar's last day
        return None


_MORE_OR_LESS = re.compile(r"^(?:(more|over)|(less|fewer|under))\s+(?:than\s+)?.+?\s+"
                           r"(?:(before)|after|from)\s+(today|tomorrow|yesterday)$", re.IGNORECASE)
_DEICTIC_DAYS = {"today": 0, "tomorrow": 1, "yesterday": -1}


def _mark_more_or_less(times: list[Time], anchor: dt.date | None) -> None:
    """"more than 2 weeks before today": any day up to the one reached (``until``); "more
    than 2 weeks after today": from it on (``begin``); "less than 3 days after tomorrow":
    the days between tomorrow and the one reached."""
    for time in times:
        said = _MORE_OR_LESS.match(time.text)
        if said is None or time.type != "DATE" or not _DAY.match(time.value or "") or \
                time.begin or time.until:
            continue
        more, before = bool(said.group(1)), bool(said.group(3))
        if more:
            time.begin, time.until = (None, time.value) if before else (time.value, None)
        elif anchor is not None:
            start = _iso(anchor, _DEICTIC_DAYS[said.group(4).lower()])
            time.begin, time.until = (time.value, start) if before else (start, time.value)


def _iso(day: dt.date, days: int = 0) -> str:
    return (day + dt.timedelta(days=days)).isoformat()
