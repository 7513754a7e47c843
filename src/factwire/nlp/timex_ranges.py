"""Ranges written as one stretch of text: "5 to 6pm", "June 3-5", "9 to 12 of June".

The grammar matches such a range whole; ``split_ranges`` cuts it into its two ends, as
TimeML annotates them (each end its own expression), and gives the end that lacks it what
the other end says (am/pm, month, year). ``attach_range_day`` gives both clock ends the day
written beside them ("Monday 8-9am", "3:00 to 4:00 tomorrow"); ``times.mark_ranges`` then
fills ``begin`` and ``until``.

>>> from factwire.nlp.timex_grammar import find_candidates
>>> [(c.rule, c.groups["ap"]) for c in find_candidates("open 9-11am")]
[('clock', 'am'), ('clock', 'am')]
"""

from __future__ import annotations

import dataclasses
import re

# rules whose matches are whole ranges, cut in two by split_ranges
RANGE_RULES = {"clock_range", "md_range", "dm_range", "words_clock_range", "mm_range"}

_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_FROM = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
_DAY_BEFORE = re.compile(r"^\s*,?\s*(?:on\s+|at\s+)?(?:from\s+|between\s+)?$", re.IGNORECASE)
_DAY_AFTER = re.compile(r"^\s*,?\s*(?:on\s+|of\s+)?$", re.IGNORECASE)


def clock_range_ok(groups: dict, before: str) -> bool:
    """Two numbers make a clock range with am/pm on an end, a part of the day after it, or
    colon minutes on both ("9:30 to 10:00"); after "between" or "from" also with one colon
    or none ("between 3 and 5"), but then only beside a day (``attach_range_day``). "And"
    joins a range only after "between": "5 to 6" alone is not one."""
    if groups["join"].lower() == "and" and not _BETWEEN.search(before):
        return False
    return clock_range_sure(groups) or bool(_FROM.search(before))


def clock_range_sure(groups: dict) -> bool:
    """True when the numbers themselves say clock: am/pm, "in the morning", "9:30 to 10"."""
    if groups.get("ap1") or groups.get("ap2") or groups.get("pod") or groups.get("night"):
        return True
    military = any(groups.get(f"mi{i}") and not groups.get(f"sep{i}") for i in (1, 2))
    return military or groups.get("sep1") == ":" or groups.get("sep2") == ":"


def split_ranges(cands: list) -> list:
    """Each whole-range candidate replaced by its two ends, in text order."""
    out = []
    for cand in cands:
        split = _SPLITTERS.get(cand.rule)
        out.extend(split(cand) if split else [cand])
    return out


def _end(cand, first: str, last: str, rule: str, groups: dict, which: str):
    """A candidate from the group ``first`` to the group ``last`` of ``cand``'s match."""
    spans = cand.groups["_spans"]
    groups = {k: v for k, v in groups.items() if v is not None}
    groups.update({"range_end": which, "_text": cand.groups["_text"]})
    return dataclasses.replace(cand, start=spans[first][0], end=spans[last][1], rule=rule,
                               groups=groups, parts=[])


def _meridiem(text: str | None) -> str | None:
    """"p.m." -> "pm"."""
    if not text:
        return None
    return "pm" if "p" in text.lower() else "am"


def _other(meridiem: str) -> str:
    return "am" if meridiem == "pm" else "pm"


def _split_clock(cand) -> list:
    """"9.30-4.30pm": the first end takes pm when its hour is not after the second's on a
    twelve-hour dial ("5 to 6pm"), else am ("11-4pm")."""
    g = cand.groups
    ap1, ap2 = _meridiem(g.get("ap1")), _meridiem(g.get("ap2"))
    if g.get("pod") or g.get("night"):  # "5 to 7 in the morning", "between 5 and 6 at night"
        ap2 = ap2 or ("am" if (g.get("pod") or "").lower() == "morning" else "pm")
    # compare on a twelve-hour dial, minutes included ("2:30 to 2:15 pm": 2:30 am)
    h1 = int(g["h1"]) % 12 + int(g.get("mi1") or 0) / 60
    h2 = int(g["h2"]) % 12 + int(g.get("mi2") or 0) / 60
    if not ap1 and not ap2 and h2 < h1:  # "from 10:30 to 3": into the afternoon
        ap2 = "pm"
    elif ap2 and not ap1:
        ap1 = ap2 if h1 <= h2 else _other(ap2)
    elif ap1 and not ap2:
        ap2 = ap1 if h2 >= h1 else _other(ap1)
    last1 = "ap1" if g.get("ap1") else "mi1" if g.get("mi1") else "h1"
    last2 = next(name for name in ("night", "pod", "tz", "ap2", "mi2", "h2") if g.get(name))
    weak = {"_weak": True} if g.get("_weak") else {}
    first = _end(cand, "h1", last1, "clock", {"h": g["h1"], "mi": g.get("mi1"), "ap": ap1,
                                              **weak}, "first")
    second = _end(cand, "h2", last2, "clock", {"h": g["h2"], "mi": g.get("mi2"), "ap": ap2,
                                               "tz": g.get("tz"), **weak}, "second")
    return [first, second]


def _split_month_days(cand) -> list:
    """"June 3-5" / "3 to 5 June": both days in the month (and year) written once."""
    g = cand.groups
    shared = {"mon": g["mon"], "y": g.get("y")}
    d1, d2 = _day_number(g["d1"]), _day_number(g["d2"])
    month_first = cand.groups["_spans"]["mon"][0] < cand.groups["_spans"]["d1"][0]
    last = "y" if g.get("y") else "mon" if not month_first else "d2"
    first = _end(cand, "mon" if month_first else "d1", "d1", "mdy", {**shared, "d": d1}, "first")
    second = _end(cand, "d2", last, "mdy", {**shared, "d": d2}, "second")
    return [first, second]


def _day_number(text: str) -> str:
    """"17th" -> "17th"; "seventeenth" -> "17" (a day of the month in words)."""
    if text[:1].isdigit():
        return text
    from factwire.nlp.timex_grammar import lexicon  # the grammar imports this module

    return str(lexicon()["day_ordinals"][" ".join(text.lower().split())])


_MINUTE_WORDS = {"fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "one": 1,
                 "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9}


def _split_words_clock(cand) -> list:
    """"from three thirty to four forty-five": two clock times, hour and minutes in words."""
    g = cand.groups
    ends = []
    for i, which in ((1, "first"), (2, "second")):
        minute = sum(_MINUTE_WORDS[w] for w in re.split(r"[\s-]+", g[f"mw{i}"].lower()))
        ends.append(_end(cand, f"hw{i}", f"mw{i}", "clock",
                         {"hw": g[f"hw{i}"], "mi": str(minute)}, which))
    return ends


def _split_months(cand) -> list:
    """"Nov-Feb 2017": the year is the second month's; a first month after it in the
    calendar is in the year before."""
    from factwire.nlp.timex_words import month_number  # the grammar imports this module

    g = cand.groups
    year = int(g["y"])
    first_year = year - 1 if month_number(g["mon1"]) > month_number(g["mon2"]) else year
    first = _end(cand, "mon1", "mon1", "my", {"mon": g["mon1"], "y": str(first_year)}, "first")
    second = _end(cand, "mon2", "y", "my", {"mon": g["mon2"], "y": g["y"]}, "second")
    return [first, second]


_SPLITTERS = {"mm_range": _split_months, "clock_range": _split_clock, "md_range": _split_month_days,
              "dm_range": _split_month_days, "words_clock_range": _split_words_clock}


def attach_range_day(text: str, cands: list, daylike: set[str]) -> list:
    """Both ends of a clock range read on the day written just before or after it:
    "Monday 8-9am", "tomorrow from 10am-12pm", "3:00 to 4:00 tomorrow". The day stays its
    own expression."""
    for i, cand in enumerate(cands):
        if cand.groups.get("range_end") != "first" or cand.rule != "clock" or i + 1 >= len(cands):
            continue
        second = cands[i + 1]
        day = None
        if i > 0 and cands[i - 1].rule in daylike and \
                _DAY_BEFORE.match(text[cands[i - 1].end:cand.start]):
            day = cands[i - 1]
        elif i + 2 < len(cands) and cands[i + 2].rule in daylike and \
                _DAY_AFTER.match(text[second.end:cands[i + 2].start]):
            day = cands[i + 2]
        if day is not None:
            for j in (i, i + 1):
                clock = cands[j]
                cands[j] = dataclasses.replace(clock, rule="day_clock", parts=[day, clock])
    return [c for c in cands if not (c.groups.get("_weak") and c.rule == "clock")]
