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
# "the following year", "the previous Friday" (not a bare "previous Monday", which is "last")
_THE_REL = re.compile(r"^the\s+(?:following|previous|preceding)\b", re.IGNORECASE)
_DATE_VALUE = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?$")


class StoryTime:
    """The last date the article named: "two days later", "the following year" and "that
    day" count from it (TimeML's reference time), not from the publication date."""

    def __init__(self) -> None:
        self.day: dt.date | None = None
        self.precision = 0
        self.quarter: str | None = None  # the first quarter named: the one a report is about

    def note(self, cand: Candidate, kind: str, value: str) -> None:
        """Remember a named date (not one counted from another time)."""
        if kind not in ("DATE", "TIME") or self._counts_from_story(cand) and \
                not self._relative_to_story(cand):
            return
        quarter = _QUARTER.match(value or "")
        if quarter is not None:  # "the third quarter": its first month, for "that quarter"
            self.quarter = self.quarter or value
            year, n = int(quarter.group(1)), int(quarter.group(2)[1])
            self.day, self.precision = dt.date(year, 3 * n - 2, 1), 2
            return
        match = _DATE_VALUE.match((value or "").split("T")[0])
        if match is None:
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
            cand.rule in _CLOCKS or cand.rule == "weekday" else \
            2 if unit in ("month", "quarter") else 1
        return self.day if self.precision >= needed else published

    @staticmethod
    def _relative_to_story(cand: Candidate) -> bool:
        """"the following year", "the previous Friday": a named time next to the one the
        story told of last (kept as the story's time in turn)."""
        return cand.rule in ("rel_unit", "weekday") and bool(
            _THE_REL.match(cand.groups.get("_text", "")))

    @staticmethod
    def _counts_from_story(cand: Candidate) -> bool:
        if cand.rule in _ANAPHORIC or cand.rule in _CLOCKS:
            return True
        if StoryTime._relative_to_story(cand):
            return True
        # "a year earlier" in a report compares with the reporting period: the DCT
        return cand.rule == "ago" and cand.groups.get("dir", "").lower() in _NARRATIVE_DIRS \
            and not cand.groups.get("unit", "").lower().startswith("year")


_REPORTED = re.compile(r"^the\s+(?:latest\s+)?(?:quarter|period)$", re.IGNORECASE)


def reported_quarter(cand: Candidate, value: str, story: StoryTime) -> str:
    """"the quarter", "the latest quarter", "the latest period": in a report, the quarter
    it is about (the first one it named), else ``value`` ("the quarter ending Dec. 31" is
    the one that date ends)."""
    text = " ".join(cand.groups.get("_text", "").split())
    if story.quarter and _QUARTER.match(value or "") and _REPORTED.match(text) and \
            "ending" not in cand.groups.get("ended", "").lower():
        return story.quarter
    return value


_ENDED = re.compile(r"\s+end(?:ed|ing)\s+$", re.IGNORECASE)
_QUARTER_ENDS = {"03-31", "06-30", "09-30", "12-31"}


def quarter_by_end(times: list[Time], text: str) -> None:
    """"the quarter ending Dec. 31": the calendar quarter that date ends, when it ends one
    (a quarter ended July 31 is a fiscal one: it keeps its value). Later mentions of "the
    quarter" that took the replaced value follow: they are the same quarter."""
    replaced: dict[str, str] = {}
    for time, following in zip(times, times[1:], strict=False):
        day = following.value or ""
        reported = _REPORTED.match(" ".join(time.text.split()))
        if _QUARTER.match(time.value or "") and reported \
                and _ENDED.match(text[time.end:following.start]) and \
                re.fullmatch(r"\d{4}-\d\d-\d\d", day) and day[5:] in _QUARTER_ENDS:
            value = f"{day[:4]}-Q{(int(day[5:7]) - 1) // 3 + 1}"
            if value != time.value:
                replaced[time.value] = value
            time.value = value
        elif reported and time.value in replaced:
            time.value = replaced[time.value]
    if times and times[-1].value in replaced and \
            _REPORTED.match(" ".join(times[-1].text.split())):
        times[-1].value = replaced[times[-1].value]


_YEAR_BACK = re.compile(r"\b(?:a|one)\s+year\s+(?:ago|earlier|before)|year-(?:ago|earlier)"
                        r"|\bthe\s+\d{4}\s+(?:period|quarter)", re.IGNORECASE)
_LAST_YEAR = re.compile(r"^last\s+year(?:['’]s\s+quarter)?$|corresponding\s+period\s+last\s+year",
                        re.IGNORECASE)
_PERIOD = re.compile(r"\bthe\s+\d{4}\s+(?:period|quarter)", re.IGNORECASE)
_QUARTER = re.compile(r"^(\d{4})-(Q[1-4])$")


def looks_back_a_year(time: Time) -> bool:
    """"a year ago", "year-earlier", "last year": may mean the reporting quarter a year back."""
    return bool(_YEAR_BACK.search(time.text) or _LAST_YEAR.search(time.text))


_PERIOD_AFTER = re.compile(r"^['’]s\s+(?:quarter|period)\b", re.IGNORECASE)
_PERIOD_BEFORE = re.compile(r"\b(?:corresponding|comparable|same)\s+(?:period|quarter)\s+$",
                            re.IGNORECASE)


def year_back_to_quarter(times: list[Time], sentences: list[int], text: str = "") -> None:
    """"Profit rose in the third quarter from a year earlier": a year-back expression is
    the reporting quarter one year before when its sentence (for "last year") or the
    article so far (for "a year earlier", "the year-ago period", "last year's quarter",
    "the corresponding period last year") names that quarter."""
    for i, time in enumerate(times):
        if not (looks_back_a_year(time) and re.fullmatch(r"\d{4}", time.value or "")):
            continue
        wide = bool(_YEAR_BACK.search(time.text) or _PERIOD_AFTER.match(text[time.end:])
                    or _PERIOD_BEFORE.search(text[max(0, time.start - 40):time.start]))
        years = {int(time.value) + 1}
        if _PERIOD.search(time.text):  # "the 1989 period": that year's reporting quarter
            years.add(int(time.value))
        quarter = _reporting_quarter(times, sentences, i, years, wide)
        if quarter is not None:
            time.value = f"{int(time.value):04d}-{quarter}"


def _reporting_quarter(times, sentences, i: int, years: set[int], wide: bool) -> str | None:
    """The quarter ("Q3") of one of ``years`` named in sentence i; if ``wide`` and the
    sentence names none, the quarter the report is about (the first one it named), unless a
    longer period was named since ("the first nine months ... a year earlier": the year)."""
    for j in range(len(times)):
        match = _QUARTER.match(times[j].value or "")
        if j != i and sentences[j] == sentences[i] and match and int(match.group(1)) in years:
            return match.group(2)
    if not wide:
        return None
    named_quarter = "quarter" in times[i].text.lower()  # "the 1988 quarter"
    for j in range(i - 1, -1, -1):
        if sentences[j] <= sentences[i] and not named_quarter and \
                _longer_period(times[j], years):
            return None
    for j in range(i):
        match = _QUARTER.match(times[j].value or "")
        if match and int(match.group(1)) in years:
            return match.group(2)
    return None


_MONTHS = re.compile(r"^P([2-9]|1[0-2])M$")


def _longer_period(time: Time, years: set[int]) -> bool:
    """"the first nine months", "last year": a period longer than a quarter that a
    year-back comparison may be about."""
    if time.type == "DURATION":
        return bool(_MONTHS.match(time.value or ""))
    return bool(re.fullmatch(r"\d{4}", time.value or "")) and int(time.value) + 1 in years
