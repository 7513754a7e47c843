"""What a matched time expression means: TIMEX3 type and value, given anchor and tense.

``resolve(candidate, anchor, tense)`` -> ``(type, value)`` or None when the words are not a
time after all. ``anchor`` is the publication date (or None: values stay unanchored, e.g.
``XXXX-07-15``); ``tense`` is "past", "future", "present" or None (from the governing verb).

>>> import datetime as dt
>>> from factwire.nlp.timex_grammar import find_candidates
>>> resolve(find_candidates("last August")[0], dt.date(2025, 4, 2), "past")
('DATE', '2024-08')
"""

from __future__ import annotations

import datetime as dt
import re

from factwire.nlp.timex_calendar import (
    NEWS_AHEAD_DAYS,
    SEASON_ORDER,
    UNANCHORED,
    add_durations,
    duration_value,
    easter_sunday,
    quarter_of,
    season_of,
    shift,
    timex_at,
    weekday_near,
    year_for_month_day,
)
from factwire.nlp.timex_forms import FORM_RESOLVERS, clock_time
from factwire.nlp.timex_grammar import Candidate, lexicon, ref_kind
from factwire.nlp.timex_words import month_number, parse_number, unit_code
from factwire.nlp.timex_words import word_key as _key

Resolved = tuple[str, str] | None


def _year(text: str) -> int:
    return int(text)


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def _date_value(anchor, year: str | None, month: int, day: int | None, tense) -> str:
    """YYYY-MM(-DD), guessing the year from the anchor and tense when the text has none."""
    if year is not None:
        y = _year(year)
    elif anchor is not None:
        y = year_for_month_day(anchor, month, day, tense)
    else:
        y = None
    head = "XXXX" if y is None else f"{y:04d}"
    return f"{head}-{month:02d}" + (f"-{day:02d}" if day else "")


def _full_date(g: dict, anchor, tense) -> Resolved:
    month, day = month_number(g["mon"]), _day(g["d"])
    rel = _key(g.get("rel") or "")
    if rel in ("last", "past", "next", "coming"):  # "last Oct. 23", "next March 3"
        tense = "past" if rel in ("last", "past") else "future"
    value = _date_value(anchor, g.get("y"), month, day, tense)
    if not _valid(2000 if value.startswith("X") else int(value[:4]), month, day):
        return None  # "Feb. 30" (2000 is a leap year, so Feb. 29 passes without a year)
    return "DATE", value


def _iso(g: dict, anchor, tense) -> Resolved:
    try:
        day = dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
    except ValueError:
        return None
    if g.get("h"):
        return "TIME", f"{day.isoformat()}T{g['h']}:{g['mi']}"
    return "DATE", day.isoformat()


def _slash(g: dict, anchor, tense) -> Resolved:
    """"10/7/2018" month first; "23/08/2039" day first, since 23 is no month."""
    year = int(g["y"]) + (1900 if len(g["y"]) == 2 and int(g["y"]) > 30 else 0)
    year += 2000 if len(g["y"]) == 2 and year < 100 else 0
    month, day = int(g["m"]), int(g["d"])
    if month > 12:
        month, day = day, month
    try:
        return "DATE", dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _words_date(g: dict, anchor, tense) -> Resolved:
    """"February twenty-second", "the first of May"."""
    day = lexicon()["day_ordinals"][_key(g["dw"])]
    return _full_date({"mon": g["mon"], "d": str(day), "y": g.get("y")}, anchor, tense)


def _from_day(g: dict, anchor, tense) -> Resolved:
    """"two days after today", "three weeks from tomorrow"."""
    n, unit = parse_number(g["num"]), unit_code(g["unit"])
    if n is None or n != int(n):
        return None
    sign = -1 if _key(g["dir"]) == "before" else 1
    base = _DEIXIS[_key(g["deix"])]
    if anchor is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    day = shift(anchor + dt.timedelta(days=base), unit, int(sign * n))
    return "DATE", timex_at(day, "D")


def _all_unit(g: dict, anchor, tense) -> Resolved:
    word = _key(g["unit"])
    unit = "D" if word in lexicon()["parts_of_day"] else unit_code(word)
    return "DURATION", duration_value(1, unit)


def _month_year(g: dict, anchor, tense) -> Resolved:
    month = month_number(g["mon"])
    if g.get("yw"):
        return "DATE", f"{year_from_words(g['yw']):04d}-{month:02d}"
    if g.get("rel"):  # "July last year"
        if anchor is None:
            return "DATE", f"XXXX-{month:02d}"
        return "DATE", f"{anchor.year + _REL_STEP[_key(g['rel'])]:04d}-{month:02d}"
    return "DATE", f"{_year(g['y']):04d}-{month:02d}"


def _month(g: dict, anchor, tense) -> Resolved:
    month, rel = month_number(g["mon"]), (g.get("rel") or "").lower()
    if anchor is None:
        return "DATE", f"XXXX-{month:02d}"
    if g.get("_text", "").endswith(("'s", "’s")):
        tense = None  # "a revision to December's figures": the verb does not place December
    if rel in ("last", "past", "previous"):
        # the month just gone is "last month": "last February" said in March is a year back
        year = anchor.year if month < anchor.month - 1 else anchor.year - 1
    elif rel in ("next", "coming"):
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif rel == "this":
        year = anchor.year
    else:
        year = year_for_month_day(anchor, month, None, tense)
        if tense != "future" and month == anchor.month:
            year = anchor.year
    return "DATE", f"{year:04d}-{month:02d}"


def _year_rule(g: dict, anchor, tense) -> Resolved:
    return "DATE", f"{_year(g['y']):04d}"


def _decade(g: dict, anchor, tense) -> Resolved:
    if g.get("dec"):
        return "DATE", g["dec"][:3]
    century = "19" if anchor is None or int(g["dec2"]) > anchor.year % 100 else \
        f"{anchor.year:04d}"[:2]
    return "DATE", century + g["dec2"][0]


def _century(g: dict, anchor, tense) -> Resolved:
    digits = re.match(r"\d+", g["ord"])
    n = int(digits.group()) if digits else lexicon()["ordinals"].get(_key(g["ord"]))
    if not n or n < 1:
        return None
    return "DATE", f"{n - 1:02d}"


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


def _decade_word(g: dict, anchor, tense) -> Resolved:
    """"the nineties" -> 199 (the century of the words, else the last such decade)."""
    decade = _DECADE_WORDS[_key(g["decw"])]
    text = g.get("_text", "").lower()
    century = 20 if "twenty" in text else 19
    if "nineteen" not in text and "twenty" not in text and anchor is not None and \
            decade * 10 > anchor.year % 100 + 100 * (anchor.year // 100 - 19):
        century = 19
    return "DATE", f"{century}{decade}"


def _weekday(g: dict, anchor, tense) -> Resolved:
    weekday = lexicon()["weekdays"][_key(g["wd"])]
    pod = _pod(g)
    if pod and g.get("every"):  # "Tuesday afternoons": every Tuesday afternoon
        return "SET", f"XXXX-WXX-{weekday}T{pod}"
    if anchor is None:
        return ("TIME" if pod else "DATE"), f"XXXX-WXX-{weekday}" + (f"T{pod}" if pod else "")
    rel = (g.get("rel") or "").lower()
    direction = {"last": "last", "past": "last", "previous": "last week", "next": "next week",
                 "coming": "next", "upcoming": "next", "following": "next week",
                 "this": "this"}.get(rel)
    if g.get("pos") and not direction:
        tense = None  # "Wednesday's ruling": the verb's tense says nothing about it
    # a weekday with a present-tense verb is ahead in news ("talks resume Monday", "the
    # deadline is Friday"); reporting verbs ("says Tuesday") count as past already
    direction = direction or ("future" if tense in ("future", "present") else "past")
    if direction in ("next week", "last week"):
        # "next Friday" said on a Monday is the Friday of next week, not this one; "the
        # previous Wednesday" said on a Thursday, the one of last week ("last Wednesday",
        # as TimeBank reads it, and "this past Wednesday" are yesterday)
        step = 1 if direction == "next week" else -1
        day = weekday_near(anchor + dt.timedelta(weeks=step), weekday, "this")
    else:
        day = weekday_near(anchor, weekday, direction)
    return ("TIME" if pod else "DATE"), day.isoformat() + (f"T{pod}" if pod else "")


def _day_part(g: dict) -> str | None:
    """The part of the day a day expression names: "tonight", "Tuesday morning", "the
    afternoon" (MO, AF, EV, NI), else None."""
    parts = lexicon()["parts_of_day"]
    word = _key(g.get("pod") or g.get("pod2") or g.get("unit") or "")
    if _key(g.get("deix", "")) in ("tonight", "tonite"):
        return "NI"
    return parts.get(word)


def _pod(g: dict) -> str | None:
    return lexicon()["parts_of_day"][_key(g["pod"])] if g.get("pod") else None


_DEIXIS = {"today": 0, "tonight": 0, "tonite": 0, "this": 0, "yesterday": -1, "last": -1, "tomorrow": 1,
           "the day before yesterday": -2, "the day after tomorrow": 2}


def _deictic(g: dict, anchor, tense) -> Resolved:
    word = _key(g["deix"])
    pod = "NI" if word in ("tonight", "tonite") else _pod(g)
    if word == "last" and pod != "NI":
        return None
    offset = _DEIXIS[word]
    if anchor is None:
        ref = "PRESENT_REF" if offset == 0 else ("PAST_REF" if offset < 0 else "FUTURE_REF")
        return ("TIME" if pod else "DATE"), ref
    day = (anchor + dt.timedelta(days=offset)).isoformat()
    return ("TIME", f"{day}T{pod}") if pod else ("DATE", day)


def _edge_pod(g: dict, anchor, tense) -> Resolved:
    """"late afternoon", "early in the morning": that part of the anchor's day (its hours
    are ``begin`` and ``until``, see timex_bounds.mark_edges)."""
    pod = _pod(g)
    if anchor is None:
        return "TIME", f"XXXX-XX-XXT{pod}"
    return "TIME", f"{anchor.isoformat()}T{pod}"


def _ref(g: dict, anchor, tense) -> Resolved:
    return "DATE", ref_kind(g["ref"])


_REL_STEP = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1,
             "this": 0, "current": 0, "same": 0}


def _rel_unit(g: dict, anchor, tense) -> Resolved:
    rel, word = _key(g["rel"]), _key(g["unit"])
    seasons = lexicon()["seasons"]
    if word in seasons:
        return _season({"rel": rel, "season": word}, anchor, tense)
    unit = unit_code(word)
    # "(over) the past year" is, as TimeBank annotates it, the previous calendar unit (DATE
    # 1997 said in 1998), like "last year"; "the past two years" is a duration (_span)
    if anchor is None:
        return "DATE", UNANCHORED.get(unit, "XXXX")
    day = shift(anchor, unit, _REL_STEP.get(rel, 0))
    if g.get("season"):
        return "DATE", f"{day.year:04d}-{seasons[_key(g['season'])]}"
    return "DATE", timex_at(day, unit)


def _ago(g: dict, anchor, tense) -> Resolved:
    n, unit, direction = parse_number(g["num"]), unit_code(g["unit"]), _key(g["dir"])
    if direction in ("before", "after"):
        return "DURATION", duration_value(n, unit)
    sign = 1 if direction in ("later", "from now", "hence") else -1
    if n is None or anchor is None:
        return "DATE", "FUTURE_REF" if sign > 0 else "PAST_REF"
    day = shift(anchor, unit, int(sign * n)) if n == int(n) else anchor
    return "DATE", timex_at(day, unit if unit not in ("2W",) else "W")


def _rel_day(g: dict, anchor, tense) -> Resolved:
    word = _key(g["unit"])
    pod = lexicon()["parts_of_day"].get(word)
    unit = "D" if pod else unit_code(word)
    step = {"previous": -1, "preceding": -1, "next": 1, "following": 1}.get(
        _key(g.get("rel") or ""), 0)
    if anchor is None:
        return "DATE", UNANCHORED.get(unit, "XXXX")
    day = shift(anchor, unit, step)
    return ("TIME", f"{day.isoformat()}T{pod}") if pod else ("DATE", timex_at(day, unit))


def _day_around(g: dict, anchor, tense) -> Resolved:
    """"the day before" / "the week after": one unit from the anchor (the story's date)."""
    unit = unit_code(g["unit"])
    if anchor is None:
        return "DATE", UNANCHORED.get(unit, "XXXX")
    step = -1 if _key(g["dir"]) == "before" else 1
    return "DATE", timex_at(shift(anchor, unit, step), unit)


def _duration(g: dict, anchor, tense) -> Resolved:
    # "two to three weeks": at least the lower count (TimeBank: P2W)
    n, unit = parse_number(g.get("num0") or g["num"]), unit_code(g["unit"])
    if n is not None and g.get("half"):  # "one hour and a half"
        n += 0.5
    if g.get("adj") and "old" in g["adj"].lower():
        return None
    return "DURATION", duration_value(n, unit)


def _span(g: dict, anchor, tense) -> Resolved:
    unit, plural = unit_code(g["unit"]), g["unit"].lower().endswith("s")
    rel = _key(g["rel"])
    if plural and rel in ("next", "coming", "following") and not g.get("num"):
        return "DATE", "FUTURE_REF"
    if plural or g.get("num"):
        return "DURATION", duration_value(None, unit)
    if rel == "full" and anchor is not None and unit in ("Y", "Q", "M"):
        return "DATE", timex_at(anchor, unit)  # "for the full year": this (fiscal) year
    return "DURATION", duration_value(1, unit)


def _ahead(g: dict, anchor, tense) -> Resolved:
    return "DATE", "FUTURE_REF"


def _plural(g: dict, anchor, tense) -> Resolved:
    return "DURATION", duration_value(None, unit_code(g["unit"]))


_HALF_OR_QUARTER = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                    "fourth": 4, "4th": 4}


def _quarter(g: dict, anchor, tense) -> Resolved:
    half = g["unit"].lower() == "half"
    letter, count = ("H", 2) if half else ("Q", 4)
    n = _HALF_OR_QUARTER.get(_key(g["ord"]), count)
    year = g.get("y") or g.get("y1")
    if year:
        return "DATE", f"{_year(year):04d}-{letter}{n}"
    if anchor is None:
        return "DATE", f"XXXX-{letter}{n}"
    if g.get("rel"):
        return "DATE", f"{anchor.year + _REL_STEP[_key(g['rel'])]:04d}-{letter}{n}"
    current = quarter_of(anchor) if not half else (1 if anchor.month <= 6 else 2)
    y = anchor.year - 1 if n > current and tense == "past" else anchor.year
    return "DATE", f"{y:04d}-{letter}{n}"


_YEAR_BACK = ("year-ago", "year-earlier", "comparable", "corresponding")


def _the_unit(g: dict, anchor, tense) -> Resolved:
    # "the latest period" of a company report is its latest quarter
    word = _key(g["unit"])
    unit, rel = ("Q" if word == "period" else unit_code(word)), _key(g.get("rel") or "")
    if unit == "Y" and g.get("ended"):  # "the year ended Sept. 30": a twelve-month span
        return "DURATION", "P1Y"
    if anchor is None:
        return "DATE", UNANCHORED.get(unit, "XXXX")
    if unit == "Q":
        back = {"current": 0, "year-ago": -5, "year-earlier": -5}.get(rel, -1)
        return "DATE", timex_at(shift(anchor, "Q", back), "Q")
    if unit == "WE":  # "the weekend": the one before when told in the past, else the next
        direction = "last" if tense == "past" else "future"
        return "DATE", timex_at(weekday_near(anchor, 6, direction), "WE")
    back = -1 if rel in _YEAR_BACK else 0
    return "DATE", timex_at(shift(anchor, "Y", back), unit)


def _season(g: dict, anchor, tense) -> Resolved:
    code = lexicon()["seasons"][_key(g["season"])]
    if g.get("yw"):
        return "DATE", f"{year_from_words(g['yw']):04d}-{code}"
    if g.get("y"):
        return "DATE", f"{_year(g['y']):04d}-{code}"
    if anchor is None:
        return "DATE", f"XXXX-{code}"
    year, now = season_of(anchor)
    later = SEASON_ORDER[code] > SEASON_ORDER[now]
    earlier = SEASON_ORDER[code] < SEASON_ORDER[now]
    rel = _key(g.get("rel") or "")
    if rel in ("last", "past", "previous") or (not rel and tense == "past" and later):
        year -= 0 if earlier else 1
    elif rel in ("next", "coming") or (not rel and tense == "future" and earlier):
        year += 0 if later else 1
    return "DATE", f"{year:04d}-{code}"


def _clock(g: dict, anchor, tense) -> Resolved:
    clock = clock_time(g)
    if clock is None:
        return None
    day = anchor.isoformat() if anchor else "XXXX-XX-XX"
    return "TIME", day + clock


def _day_clock(cand: Candidate, anchor, tense) -> Resolved:
    day, clock = cand.parts
    resolved = resolve(day, anchor, tense)
    groups = clock.groups
    pod = _day_part(day.groups)
    if pod and not groups.get("ap"):  # "tonight at 8", "Tuesday morning at 7"
        groups = {**groups, "ap": "am" if pod == "MO" else "pm"}
    clock_value = clock_time(groups)
    if resolved is None or clock_value is None:
        return None
    if resolved[0] == "SET":  # "every Monday at 4pm", "3pm each day"
        day_value = "XXXX-XX-XX" if resolved[1].startswith("P") else resolved[1].split("T")[0]
        return "SET", day_value + clock_value
    day_value = resolved[1].split("T")[0]
    if not re.match(r"[\dX]", day_value):  # "tonight at 8" with no date to count from
        day_value = "XXXX-XX-XX"
    return "TIME", day_value + clock_value


_SET_ADVERBS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
                "monthly": "P1M", "quarterly": "P1Q", "yearly": "P1Y", "annually": "P1Y",
                "semiannually": "P6M", "biannually": "P6M", "hourly": "PT1H", "everyday": "P1D",
                "bimonthly": "P2M", "fortnightly": "P2W"}


def _set(g: dict, anchor, tense) -> Resolved:
    word = _key(g["unit"])
    lex = lexicon()
    if word in lex["weekdays"]:
        return "SET", f"XXXX-WXX-{lex['weekdays'][word]}"
    if word in lex["months"]:
        return "SET", f"XXXX-{lex['months'][word]:02d}"
    if word in lex["seasons"]:
        return "SET", f"XXXX-{lex['seasons'][word]}"
    if word in lex["parts_of_day"]:
        return "SET", f"XXXX-XX-XXT{lex['parts_of_day'][word]}"
    n = parse_number(g["num"]) if g.get("num") else 1
    n = n * 2 if g.get("other") and n else n
    return "SET", duration_value(n, unit_code(word))


def _set_adv(g: dict, anchor, tense) -> Resolved:
    return "SET", _SET_ADVERBS[_key(g["adv"]).replace("-", "")]


def _set_per(g: dict, anchor, tense) -> Resolved:
    return "SET", duration_value(1, unit_code(g["unit"]))


def _holiday(g: dict, anchor, tense) -> Resolved:
    code = lexicon()["holidays"][_key(g["hol"])]
    if g.get("y"):
        year = _year(g["y"])
    elif anchor is None:
        return "DATE", "XXXX-" + code if "-" in code else "XXXX-XX-XX"
    else:
        year = anchor.year
    if "-" not in code:
        day = dt.date.fromisoformat(_movable_holiday(code, year))
        rel = _key(g.get("rel") or "")
        ahead = (day - anchor).days if anchor is not None else 0
        if not g.get("y") and anchor is not None and (
                (ahead > 31 and ((tense == "past" and not rel) or rel in ("last", "previous")))
                or (ahead > NEWS_AHEAD_DAYS and tense is None and not rel)):
            day = dt.date.fromisoformat(_movable_holiday(code, year - 1))
        elif not g.get("y") and anchor is not None and day < anchor and rel in ("next",
                                                                                  "following"):
            day = dt.date.fromisoformat(_movable_holiday(code, year + 1))
        if code.endswith("_WEEK"):  # "Easter week": the week of the holiday
            return "DATE", timex_at(day, "W")
        return "DATE", day.isoformat()
    month, day = (int(x) for x in code.split("-"))
    if not g.get("y") and anchor is not None:
        rel = _key(g.get("rel") or "")
        wanted = "past" if rel == "last" else "future" if rel == "next" else tense
        year = year_for_month_day(anchor, month, day, wanted)
    return "DATE", f"{year:04d}-{month:02d}-{day:02d}"


def _holiday_or_weekend(g: dict, anchor, tense) -> Resolved:
    """A holiday's day, or with "weekend" its weekend (a Monday holiday's is the one before)."""
    if not (g.get("wkend") or g.get("wkend0")):
        return _holiday(g, anchor, tense)
    kind, value = _holiday({**g, "y": g.get("y") or g.get("y2")}, anchor, tense)
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return kind, value
    day = dt.date.fromisoformat(value)
    return "DATE", timex_at(day - dt.timedelta(days=2) if day.weekday() == 0 else day, "WE")


def _movable_holiday(code: str, year: int) -> str:
    """US holidays fixed by weekday: Thanksgiving, Labor Day, Memorial Day."""
    if code == "ELECTION":  # the Tuesday after the first Monday of November
        first_monday = dt.date.fromisoformat(_movable_holiday("ELECTION_MONDAY", year))
        return (first_monday + dt.timedelta(days=1)).isoformat()
    if code.startswith(("EASTER", "GOOD_FRIDAY")):
        offset = {"EASTER": 0, "EASTER_WEEK": 0, "EASTER_MONDAY": 1, "GOOD_FRIDAY": -2}[code]
        return (easter_sunday(year) + dt.timedelta(days=offset)).isoformat()
    if code == "BLACK_FRIDAY":
        thanksgiving = dt.date.fromisoformat(_movable_holiday("THANKSGIVING", year))
        return (thanksgiving + dt.timedelta(days=1)).isoformat()
    month, weekday, nth = {"THANKSGIVING": (11, 4, 4), "LABOR": (9, 1, 1),
                           "MEMORIAL": (5, 1, -1), "ELECTION_MONDAY": (11, 1, 1),
                           "MOTHERS": (5, 7, 2), "FATHERS": (6, 7, 3)}[code]
    days = [dt.date(year, month, d) for d in range(1, 32) if _valid(year, month, d)]
    matching = [d for d in days if d.isoweekday() == weekday]
    return matching[nth - 1 if nth > 0 else -1].isoformat()


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def year_from_words(words: str) -> int:
    """``year_from_words("nineteen ninety-six") == 1996``; "two thousand one" -> 2001."""
    parts = _key(words).replace("-", " ").split()
    numbers = lexicon()["numbers"]
    if parts[:2] == ["two", "thousand"]:
        rest = [p for p in parts[2:] if p != "and"]
        return 2000 + sum(numbers[p] for p in rest)
    century = numbers[parts[0]] * 100
    rest = [p for p in parts[1:] if p != "oh"]
    if rest == ["hundred"]:
        return century
    return century + sum(numbers[p] for p in rest)


def _year_word(g: dict, anchor, tense) -> Resolved:
    return "DATE", f"{year_from_words(g['yw']):04d}"


def _year_ago(g: dict, anchor, tense) -> Resolved:
    if _key(g["adj"]) in ("year-end", "year end", "year's end"):
        return "DATE", f"{anchor.year:04d}" if anchor else "XXXX"
    if anchor is None:
        return "DATE", "XXXX"
    what = _key(g.get("what") or "")
    if what.endswith("months"):
        return "DURATION", duration_value(parse_number(what.split()[0]), "M")
    if "quarter" in what:
        return "DATE", timex_at(shift(anchor, "Q", -5), "Q")
    return "DATE", f"{anchor.year - 1:04d}"


_RESOLVERS = {
    "iso": _iso, "slash": _slash, "mdy": _full_date, "dmy": _full_date, "my": _month_year,
    "ym": _month_year, "month": _month, "year": _year_rule, "decade": _decade,
    "century": _century, "weekday": _weekday, "deictic": _deictic, "pod": _deictic,
    "edge_pod": _edge_pod,
    "ref": _ref, "rel_unit": _rel_unit, "ago": _ago, "rel_day": _rel_day,
    "duration": _duration, "span": _span, "ahead": _ahead, "plural": _plural,
    "quarter": _quarter, "the_unit": _the_unit, "season": _season,
    "clock": _clock, "clock24": _clock, "oclock": _clock, "noon": _clock, "set": _set,
    "set_adv": _set_adv, "set_per": _set_per, "holiday": _holiday_or_weekend, "year_word": _year_word,
    "year_period": _year_rule,
    "year_ago": _year_ago, "mdy_words": _words_date, "dmy_words": _words_date,
    "from_day": _from_day, "all_unit": _all_unit, "decade_word": _decade_word,
    "clock_short": _clock, "clock_colon": _clock, "past_clock": _clock, "clock_pod": _clock,
    "clock_words": _clock, "clock_bare": _clock,
    "mon_num": _full_date, "day_around": _day_around, "month_abbr": _month, "ymd_compact": _iso,
    "dmy_dash": _full_date, "ymd_mon": _full_date, "mon_year": _month_year, "dotted": _slash,
    **FORM_RESOLVERS,
}


def resolve(cand: Candidate, anchor: dt.date | None, tense: str | None) -> Resolved:
    """(TIMEX3 type, value) of a candidate, or None when its words are not a time."""
    if cand.rule == "day_clock":
        return _day_clock(cand, anchor, tense)
    if cand.rule == "duration_sum":
        parts = [resolve(part, anchor, tense) for part in cand.parts]
        total = add_durations([p[1] for p in parts if p and p[0] == "DURATION"])
        return ("DURATION", total) if total and len(parts) == len(cand.parts) else None
    resolved = _RESOLVERS[cand.rule](cand.groups, anchor, tense)
    if resolved and cand.groups.get("wd") and not cand.groups.get("y"):
        return resolved[0], _year_of_weekday(resolved[1], cand.groups["wd"])
    return resolved


def _year_of_weekday(value: str, weekday_word: str) -> str:
    """"Friday, July 4" said in 2025 without a year: the year, next to the guessed one,
    in which July 4 is a Friday."""
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return value
    weekday = lexicon()["weekdays"].get(_key(weekday_word))
    day = dt.date.fromisoformat(value)
    for years in (0, -1, 1):
        try:
            moved = day.replace(year=day.year + years)
        except ValueError:
            continue
        if moved.isoweekday() == weekday:
            return moved.isoformat()
    return value
