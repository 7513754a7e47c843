"""Values of clock times and of compact written forms: "5:30 p.m.", "half past seven",
"1140 a.m.", "11/20", "2015-3", "Q3 2019", "2019 H2".

``clock_time(groups)`` reads the hour, minutes and am/pm of any clock rule; the resolvers in
``FORM_RESOLVERS`` take the same ``(groups, anchor, tense)`` as those of ``timex_resolve``.

>>> clock_time({"mw": "half", "dir": "past", "hw": "seven"})
'T07:30'
"""

from __future__ import annotations

import datetime as dt
import re

from factwire.nlp.timex_calendar import (
    add_months,
    duration_value,
    shift,
    timex_at,
    weekday_near,
    year_for_month_day,
)
from factwire.nlp.timex_grammar import lexicon
from factwire.nlp.timex_words import day_number, month_number, parse_number, word_key, year_number

Resolved = tuple[str, str] | None

_WORDS = {"noon": "T12:00", "midday": "T12:00", "midnight": "T24:00", "mid night": "T24:00"}


def clock_time(g: dict) -> str | None:
    """"T17:00" from hour, minutes and am/pm groups; None when not a clock time."""
    if g.get("word"):
        return _WORDS[word_key(g["word"])]
    hour, minute = _hour_minute(g)
    if hour is None:
        return None
    ap = re.sub(r"[\s.]", "", (g.get("ap") or "").lower())
    ap = ap + "m" if ap in ("a", "p") else ap
    if g.get("pod") or g.get("night"):  # "4 in the morning", "7 in the evening", "11 at night"
        ap = "am" if (g.get("pod") or "").lower() == "morning" or (g.get("night") and hour < 5) \
            else "pm"
    if hour > 24 or minute > 59 or (ap and not 1 <= hour <= 12):
        return None
    if ap == "pm" and hour < 12:
        hour += 12
    elif ap == "am" and hour == 12:
        hour = 0
    return f"T{hour:02d}:{minute:02d}"


def _hour_minute(g: dict) -> tuple[int | None, int]:
    """Hour and minutes from "5:30", "1140", "seven o'clock" or "twenty past nine"."""
    if g.get("hh"):
        return int(g["hh"]), int(g["mm"])
    if g.get("mw") or g.get("mw2"):
        return _past_or_to(g)
    hour = parse_number(g["hw"]) if g.get("hw") else int(g["h"])
    if hour is None or hour != int(hour):
        return None, 0
    return int(hour), int(g.get("mi") or 0)


def _past_or_to(g: dict) -> tuple[int | None, int]:
    """"half past seven" -> (7, 30); "quarter to eight" -> (7, 45)."""
    words, hour_word = (g["mw"], g["hw"]) if g.get("mw") else (g["mw2"], g["hw2"])
    hour = parse_number(hour_word)
    words = word_key(words)
    minutes = {"half": 30, "quarter": 15}.get(words)
    if minutes is None:
        minutes = parse_number(re.sub(r"\s+min(?:ute)?s?$", "", words))
    if hour is None or minutes is None or hour != int(hour) or not 0 < minutes < 60 \
            or not 0 < hour <= 12:
        return None, 0
    if g.get("mw"):
        return int(hour), int(minutes)
    return (int(hour) - 1) % 12 or 12, 60 - int(minutes)


def month_day_value(anchor, year: int | None, month: int, day: int, tense) -> str | None:
    """YYYY-MM-DD, the year guessed from the anchor and tense when not written; None for
    a day the month does not have."""
    if year is None and anchor is not None:
        year = year_for_month_day(anchor, month, day, tense or "present")
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        return None
    return f"{'XXXX' if year is None else f'{year:04d}'}-{month:02d}-{day:02d}"


def _num_md(g: dict, anchor, tense) -> Resolved:
    """"11/20" (month first, as in American usage) or "22/04" (day first: 22 is no month)."""
    first, second = int(g["m"]), int(g["d"])
    month, day = (first, second) if first <= 12 else (second, first)
    if month > 12 or day < 1:
        return None
    value = month_day_value(anchor, None, month, day, tense)
    return None if value is None else ("DATE", value)


def _ym_num(g: dict, anchor, tense) -> Resolved:
    """"2015-3" -> 2015-03."""
    return "DATE", f"{int(g['y']):04d}-{int(g['m']):02d}"


def _qcode(g: dict, anchor, tense) -> Resolved:
    """"Q3 2019", "2017-q1", "2019 H2"; a half needs its year ("H2" alone is a name)."""
    year = g.get("y") or g.get("y1")
    if g.get("h"):
        return ("DATE", f"{year}-H{g['h']}") if year else None
    year = year or (f"{anchor.year:04d}" if anchor else "XXXX")
    return "DATE", f"{year}-Q{g.get('q') or g.get('q2')}"


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _week_num(g: dict, anchor, tense) -> Resolved:
    """"week 10" -> 2019-W10 (ISO week of the written year, else the anchor's)."""
    year = g.get("y") or (f"{anchor.year + _REL[word_key(g.get('rel') or 'this')]:04d}"
                          if anchor else "XXXX")
    return "DATE", f"{year}-W{int(g['n']):02d}"


_ORDINAL_WEEK = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                 "fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "last": -1, "final": -1}
_REL = {"this": 0, "next": 1, "coming": 1, "following": 1, "last": -1, "previous": -1,
        "same": 0}


def _nth_week(g: dict, anchor, tense) -> Resolved:
    """"the first week of October": the n-th week whose Thursday is in that month (ISO's
    rule for years), as an ISO week."""
    n = _ORDINAL_WEEK[word_key(g["ord"])]
    if g.get("y2"):
        first, last = dt.date(int(g["y2"]), 1, 1), dt.date(int(g["y2"]), 12, 31)
    elif g.get("rel"):
        if anchor is None:
            return "DATE", "XXXX-WXX"
        day = shift(anchor, "M" if word_key(g["unit"]) == "month" else "Y", _REL[word_key(g["rel"])])
        first = day.replace(day=1) if g["unit"].lower() == "month" else day.replace(month=1, day=1)
        last = add_months(first, 1 if g["unit"].lower() == "month" else 12) - dt.timedelta(days=1)
    else:
        month = month_number(g["mon"])
        year = int(g["y"]) if g.get("y") else (
            year_for_month_day(anchor, month, None, tense or "present") if anchor else None)
        if year is None:
            return "DATE", f"XXXX-{month:02d}-W{n if n > 0 else 5:02d}"
        first = dt.date(year, month, 1)
        last = add_months(first, 1) - dt.timedelta(days=1)
    thursdays = [first + dt.timedelta(days=d) for d in range((last - first).days + 1)
                 if (first + dt.timedelta(days=d)).isoweekday() == 4]
    if n > len(thursdays):
        return None
    return "DATE", _iso_week(thursdays[n - 1 if n > 0 else -1])


def _week_day(g: dict, anchor, tense) -> Resolved:
    """"Monday next week", "next week on Tuesday", "Tuesday of last week" (with a part of
    the day: "Wednesday evening next week")."""
    weekday = lexicon()["weekdays"][word_key(g.get("wd") or g["wd2"])]
    pod = g.get("pod") or g.get("pod2")
    pod = lexicon()["parts_of_day"][word_key(pod)] if pod else None
    if anchor is None:
        return _with_pod(f"XXXX-WXX-{weekday}", pod)
    week = anchor + dt.timedelta(weeks=_REL[word_key(g.get("rel") or g["rel2"])])
    return _with_pod(weekday_near(week, weekday, "this").isoformat(), pod)


def _with_pod(day: str, pod: str | None) -> Resolved:
    return ("TIME", f"{day}T{pod}") if pod else ("DATE", day)


def _day_of_month(g: dict) -> int:
    if g.get("dw"):
        return lexicon()["day_ordinals"][word_key(g["dw"])]
    return int(re.match(r"\d+", g["d"]).group())


def _wd_dom(g: dict, anchor, tense) -> Resolved:
    """"Monday the 21st": the nearest month whose 21st is a Monday. A bare number after the
    weekday ("Monday 21") needs "the" or a suffix, or to end the phrase, else it counts
    something ("on Monday 12 soldiers died")."""
    weekday = lexicon()["weekdays"][word_key(g["wd"])]
    day = _day_of_month(g)
    if not 1 <= day <= 31:
        return None
    if anchor is None:
        return "DATE", f"XXXX-XX-{day:02d}"
    months = sorted(range(-12, 13), key=abs)
    for step in months:
        first = add_months(anchor.replace(day=1), step)
        try:
            date = first.replace(day=day)
        except ValueError:
            continue
        if date.isoweekday() == weekday:
            return "DATE", date.isoformat()
    return None


def _dom(g: dict, anchor, tense) -> Resolved:
    """"on the 18th": this month's, or last month's when the verb is past and the 18th is
    still ahead (next month's when future and already gone)."""
    day = _day_of_month(g)
    if anchor is None or not 1 <= day <= 31:
        return ("DATE", f"XXXX-XX-{day:02d}") if 1 <= day <= 31 else None
    step = -1 if tense == "past" and day > anchor.day else (
        1 if tense == "future" and day < anchor.day else 0)
    first = add_months(anchor.replace(day=1), step)
    try:
        return "DATE", first.replace(day=day).isoformat()
    except ValueError:
        return None


def _nth_day(g: dict, anchor, tense) -> Resolved:
    """"the 15th day of next month" (of the anchor's month, or the one named)."""
    day = _day_of_month(g)
    if g.get("mon"):
        value = month_day_value(anchor, None, month_number(g["mon"]), day, tense)
        return None if value is None else ("DATE", value)
    if anchor is None:
        return "DATE", f"XXXX-XX-{day:02d}"
    first = add_months(anchor.replace(day=1), _REL.get(word_key(g.get("rel") or "this"), 0))
    try:
        return "DATE", first.replace(day=day).isoformat()
    except ValueError:
        return None


def _wd_plural(g: dict, anchor, tense) -> Resolved:
    """"on Mondays": every Monday."""
    return "SET", f"XXXX-WXX-{lexicon()['weekdays'][word_key(g['wd'])[:-1]]}"


def _week_of(g: dict, anchor, tense) -> Resolved:
    """"the week of April 10th", "w/c Feb 4": the ISO week of that day."""
    month, day = month_number(g["mon"]), _day_of_month(g)
    value = month_day_value(anchor, int(g["y"]) if g.get("y") else None, month, day, tense)
    if value is None or value.startswith("X"):
        return None if value is None else ("DATE", "XXXX-WXX")
    return "DATE", _iso_week(dt.date.fromisoformat(value))


def _after_next(g: dict, anchor, tense) -> Resolved:
    """"the week after next": two weeks on."""
    unit = {"week": "W", "month": "M", "year": "Y"}[word_key(g["unit"])]
    if anchor is None:
        return "DATE", {"W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX"}[unit]
    day = shift(anchor, unit, 2)
    return "DATE", _iso_week(day) if unit == "W" else (
        f"{day.year:04d}-{day.month:02d}" if unit == "M" else f"{day.year:04d}")


def _date_in_words(g: dict, anchor, tense) -> Resolved:
    """"January twenty five nineteen eighty six", "May twenty nine": a day of a month, the
    year (when said) in words."""
    year = year_number(g["yw"]) if g.get("yw") else None
    value = month_day_value(anchor, year, month_number(g["mon"]), day_number(g), tense)
    return None if value is None else ("DATE", value)


def _set_weekend(g: dict, anchor, tense) -> Resolved:
    """"every weekend": each one (XXXX-WXX-WE); "every two weekends": P2WE."""
    n = parse_number(g["num"]) if g.get("num") else 1
    if n is None or n != int(n):
        return None
    return "SET", "XXXX-WXX-WE" if n == 1 else f"P{int(n)}WE"


def _wd_num_md(g: dict, anchor, tense) -> Resolved:
    """"Friday 7.6": July 6 (the weekday picks the year when none is written)."""
    value = month_day_value(anchor, None, int(g["m"]), int(g["d"]), tense)
    return None if value is None else ("DATE", value)


def _ymd_loose(g: dict, anchor, tense) -> Resolved:
    """"2018-7-6" -> 2018-07-06."""
    value = month_day_value(anchor, int(g["y"]), int(g["m"]), int(g["d"]), tense)
    return None if value is None else ("DATE", value)


def _clock_words(g: dict, anchor, tense) -> Resolved:
    """"one thirty p m" on the anchor's day."""
    clock = clock_time(g)
    if clock is None:
        return None
    return "TIME", (anchor.isoformat() if anchor else "XXXX-XX-XX") + clock


def _mdy_comma(g: dict, anchor, tense) -> Resolved:
    """"October, 1st" -> October 1 (the year from the anchor and tense)."""
    value = month_day_value(anchor, None, month_number(g["mon"]), _day_of_month(g), tense)
    return None if value is None else ("DATE", value)


def _nth_month(g: dict, anchor, tense) -> Resolved:
    """"the third month of 2021" -> 2021-03; "the 9th month of next year"."""
    month = lexicon()["ordinals"].get(word_key(g["ord"]))
    if not month or not 1 <= month <= 12:
        return None
    if g.get("y"):
        return "DATE", f"{int(g['y']):04d}-{month:02d}"
    if anchor is None:
        return "DATE", f"XXXX-{month:02d}"
    return "DATE", f"{anchor.year + _REL[word_key(g['rel'])]:04d}-{month:02d}"


def _edge_unit(g: dict, anchor, tense) -> Resolved:
    """"end of year", "start of month": the year, month or week the anchor is in (the
    edge itself becomes ``begin``/``until`` in timex_bounds)."""
    unit = word_key(g["unit"])
    if anchor is None:
        return "DATE", {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX"}[unit]
    if unit == "year":
        return "DATE", f"{anchor.year:04d}"
    if unit == "month":
        return "DATE", f"{anchor.year:04d}-{anchor.month:02d}"
    return "DATE", _iso_week(anchor)


_LETTER_UNITS = {"d": "D", "w": "W", "y": "Y"}


def _duration_short(g: dict, anchor, tense) -> Resolved:
    """"10D" -> P10D, "3Y" -> P3Y, "2W" -> P2W."""
    return "DURATION", duration_value(float(g["num"]), _LETTER_UNITS[g["unit"].lower()])


_DAY_OFFSETS = {"yesterday": -1, "today": 0, "tomorrow": 1}


def _pod_deictic(g: dict, anchor, tense) -> Resolved:
    """"mid-afternoon yesterday" -> the afternoon of the day before the anchor."""
    pod = lexicon()["parts_of_day"][word_key(g["pod"])]
    if anchor is None:
        return "TIME", f"XXXX-XX-XXT{pod}"
    day = anchor + dt.timedelta(days=_DAY_OFFSETS[word_key(g["deix"])])
    return "TIME", f"{day.isoformat()}T{pod}"


def _unit_long(g: dict, anchor, tense) -> Resolved:
    """"day-long" -> P1D; "decades-long" -> an unknown number of decades."""
    unit = g["unit"].lower()
    plural = unit.endswith("s") or unit == "centuries"
    return "DURATION", duration_value(None if plural else 1, lexicon()["units"][unit])


def _quarter_year_ago(g: dict, anchor, tense) -> Resolved:
    """"the quarter a year ago": the quarter before the anchor's, a year back (as
    "the year-ago quarter")."""
    if anchor is None:
        return "DATE", "XXXX-QX"
    return "DATE", timex_at(shift(anchor, "Q", -5), "Q")


def _future_day(g: dict, anchor, tense) -> Resolved:
    """"will one day be": some time ahead."""
    return "DATE", "FUTURE_REF"


FORM_RESOLVERS = {"quarter_year_ago": _quarter_year_ago, "future_day": _future_day,
                  "pod_deictic": _pod_deictic, "unit_long": _unit_long, "mdy_yw": _date_in_words,
                  "mdy_comma": _mdy_comma, "nth_month": _nth_month, "edge_unit": _edge_unit,
                  "duration_short": _duration_short, "set_weekend": _set_weekend,
                  "wd_num_md": _wd_num_md, "ymd_loose": _ymd_loose,
                  "clock_hm_words": _clock_words, "dmy_yw": _date_in_words,
                  "md_card": _date_in_words, "week_of": _week_of, "after_next": _after_next,
                  "num_md": _num_md, "ym_num": _ym_num, "qcode": _qcode, "week_num": _week_num,
                  "nth_week": _nth_week, "week_day": _week_day, "wd_dom": _wd_dom, "dom": _dom,
                  "nth_day": _nth_day, "wd_plural": _wd_plural}
