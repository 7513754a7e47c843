"""Times that count from other times in the article, not from the publication date.

- ``StoryTime``: "two days later", "the following year", "that day" and a bare "10:35
  a.m." count from the last date the article named (TimeML's reference time).
- ``year_back_to_quarter``: in a quarterly report, "a year earlier" and "the year-ago
  period" are the reporting quarter a year before ("1988-Q3"), not the whole year.
"""

from __future__ import annotations

import datetime as dt
import re

from factwire.model import Time
from factwire.nlp.timex_grammar import Candidate

_ANAPHORIC = {"rel_day", "day_around"}
# a clock time alone ("at 10:35 a.m.") is on the day the story last named
_CLOCKS = {"clock", "clock24", "oclock", "noon", "clock_short", "clock_colon", "past_clock",
           "clock_pod", "clock_words", "clock_bare"}
_NARRATIVE_DIRS = {"earlier", "later"}
_DATE_VALUE = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?$")


class StoryTime:
    """The last date the article named: "two days later", "the following year" and "that
    day" count from it (TimeML's reference time), not from the publication date."""

    def __init__(self) -> None:
        self.day: dt.date | None = None
        self.precision = 0

    def note(self, cand: Candidate, kind: str, value: str) -> None:
        """Remember a named date (not one counted from another time)."""
        match = _DATE_VALUE.match((value or "").split("T")[0])
        if kind not in ("DATE", "TIME") or match is None or self._counts_from_story(cand):
            return
        year, month, day = (int(x) if x else None for x in match.groups())
        self.day = dt.date(year, month or 1, day or 1)
        self.precision = 1 + (month is not None) + (day is not None)

    def anchor_for(self, cand: Candidate, published: dt.date | None) -> dt.date | None:
        """The story's date for anaphoric expressions precise enough for it, else
        ``published``."""
        if self.day is None or not self._counts_from_story(cand):
            return published
        unit = cand.groups.get("unit", "").lower().rstrip("s")
        needed = 3 if unit in ("day", "morning", "night", "evening", "afternoon", "week") or \
            cand.rule in _CLOCKS else 2 if unit in ("month", "quarter") else 1
        return self.day if self.precision >= needed else published

    @staticmethod
    def _counts_from_story(cand: Candidate) -> bool:
        if cand.rule in _ANAPHORIC or cand.rule in _CLOCKS:
            return True
        # "a year earlier" in a report compares with the reporting period: the DCT
        return cand.rule == "ago" and cand.groups.get("dir", "").lower() in _NARRATIVE_DIRS \
            and not cand.groups.get("unit", "").lower().startswith("year")


_YEAR_BACK = re.compile(r"\b(?:a|one)\s+year\s+(?:ago|earlier|before)|year-(?:ago|earlier)"
                        r"|\bthe\s+\d{4}\s+(?:period|quarter)", re.IGNORECASE)
_LAST_YEAR = re.compile(r"^last\s+year(?:['’]s\s+quarter)?$|corresponding\s+period\s+last\s+year",
                        re.IGNORECASE)
_PERIOD = re.compile(r"\bthe\s+\d{4}\s+(?:period|quarter)", re.IGNORECASE)
_QUARTER = re.compile(r"^(\d{4})-(Q[1-4])$")


def looks_back_a_year(time: Time) -> bool:
    """"a year ago", "year-earlier", "last year": may mean the reporting quarter a year back."""
    return bool(_YEAR_BACK.search(time.text) or _LAST_YEAR.search(time.text))


def year_back_to_quarter(times: list[Time], sentences: list[int]) -> None:
    """"Profit rose in the third quarter from a year earlier": a year-back expression is
    the reporting quarter one year before when its sentence (for "last year") or the
    article so far (for "a year earlier", "the year-ago period") names that quarter."""
    for i, time in enumerate(times):
        if not (looks_back_a_year(time) and re.fullmatch(r"\d{4}", time.value or "")):
            continue
        wide = bool(_YEAR_BACK.search(time.text))
        years = {int(time.value) + 1}
        if _PERIOD.search(time.text):  # "the 1989 period": that year's reporting quarter
            years.add(int(time.value))
        quarter = _reporting_quarter(times, sentences, i, years, wide)
        if quarter is not None:
            time.value = f"{int(time.value):04d}-{quarter}"


def _reporting_quarter(times, sentences, i: int, years: set[int], wide: bool) -> str | None:
    """The quarter ("Q3") of one of ``years`` named in sentence i (or, if ``wide``,
    before it)."""
    candidates = [j for j in range(len(times)) if sentences[j] == sentences[i]]
    if wide:
        candidates += [j for j in range(i - 1, -1, -1) if sentences[j] < sentences[i]]
    for j in candidates:
        match = _QUARTER.match(times[j].value or "")
        if j != i and match and int(match.group(1)) in years:
            return match.group(2)
    return None
