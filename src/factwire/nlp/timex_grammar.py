"""The surface grammar of English time expressions: regex rules built once from a lexicon.

``find_candidates(text)`` returns every non-overlapping expression the rules recognise, the
longest first, as ``Candidate`` objects (rule name + the named groups the rule captured).
What the words mean is decided later, by ``factwire.nlp.timex_resolve``.

>>> [(c.rule, [p.rule for p in c.parts]) for c in find_candidates("It began on March 3, 2024 at 5 p.m.")]
[('day_clock', ['mdy', 'clock'])]

The rules are run in one pass by ``timex_scan.Scanner``: each only where its first characters
occur, with exactly the matches of each rule's ``finditer``.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from factwire.nlp.timex_ranges import (
    RANGE_RULES,
    attach_range_day,
    clock_range_ok,
    clock_range_sure,
    split_ranges,
)
from factwire.nlp.timex_scan import Scanner


@dataclass
class Candidate:
    """One matched expression: character span, rule name and captured groups."""

    start: int
    end: int
    rule: str
    groups: dict = field(default_factory=dict)
    parts: list = field(default_factory=list)  # merged candidates (e.g. a date + a clock time)


@lru_cache(maxsize=1)
def lexicon() -> dict:
    """The word lists in ``factwire/data/times_lexicon.json``."""
    path = resources.files("factwire.data").joinpath("times_lexicon.json")
    return json.loads(path.read_text(encoding="utf-8"))


def _alt(words) -> str:
    """A regex alternation of words, longest first, spaces matching any whitespace."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in ordered)


def _pieces() -> dict:
    """Named regex fragments that the rules are written with."""
    lex = lexicon()
    full = [m for m in lex["months"] if len(m) > 4 or m in ("may", "june", "july")]
    abbr = [m for m in lex["months"] if m not in full]
    words = [w for w in lex["numbers"] if w not in ("hundred",)]
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    units = "one|two|three|four|five|six|seven|eight|nine"
    wd_full = [w for w in lex["weekdays"] if len(w) > 5]
    p = {
        "MONF": _alt(full),
        "MON": rf"(?:{_alt(full)}|(?:{_alt(abbr)})\b\.?)",
        "MONB": rf"(?:{_alt(full)}|(?:{_alt(abbr)})\.)",
        "WD": rf"(?:{_alt(wd_full)}|(?:tues|thurs|wed|thu|fri|mon|sat|sun)\.)",
        "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)",
        "YEAR": r"(?:1[5-9]\d\d|20\d\d)(?![\d,]\d)",
        "NUM": (rf"(?:\d{{1,3}}(?:,\d{{3}})*(?:\.\d+|\s+1/2|\s?½)?|½|(?:{tens})(?:[\s-](?:{units}))?|{_alt(words)}"
                rf"|{_alt(lex['vague_numbers'])})(?:\s+(?:hundred|thousand)(?![\w-]))?"
                r"(?:\s+and\s+(?:a\s+)?half)?"),
        "UNIT": _alt(lex["units"]),
        "DUNIT": _alt([u for u, code in lex["units"].items() if code not in ("S", "MIN", "H")]),
        "SEASON": _alt(lex["seasons"]),
        "POD": _alt(lex["parts_of_day"]),
        "TZ": _alt(lex["timezones"]),
        "HOL": _alt(lex["holidays"]),
        "ORD": _alt(lex["ordinals"]),
        "REL": r"(?:last|next|this|coming|past|previous|following|current|same)",
        # "last" as an adjective: after "will", "can't", "to" it is the verb ("will last
        # two hours": the duration is "two hours")
        "LASTADJ": "(?:" + "".join(rf"(?<!\b{w}\s)" for w in _AUXILIARIES) + r"(?<!n['’]t\s)last)",
        "EDGE": (r"(?:(?:the\s+)?(?:end|beginning|start|middle|turn|rest|remainder)\s+of\s+"
                 r"(?:the\s+)?|early-?|mid-?|late-?|(?:the\s+)?first\s+half\s+of\s+"
                 r"|(?:the\s+)?second\s+half\s+of\s+)"),
        "YEARW": _year_words(),
        "YEARWL": _year_words_long(),
        "DAYC": (r"(?:(?:twenty[\s-](?:one|two|three|four|five|six|seven|eight|nine)|thirty[\s-]one|"
                 r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
                 r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty)(?![\w-]))"),
        "MOD": (r"(?:about|around|approximately|roughly|nearly|almost|more\s+than|less\s+than|"
                r"fewer\s+than|at\s+least|at\s+most|up\s+to|just\s+over|just\s+under|"
                r"well\s+over|some)"),  # "only" and "just" stay outside, as TimeBank has them
        "DAYW": _alt(lexicon()["day_ordinals"]),
        "AP": (r"(?:a\s?\.\s?m\s?\.|p\s?\.\s?m\s?\.|a\.m\b|p\.m\b|\.?am\b|\.?pm\b|"
               r"a\s+m\b|p\s+m\b)"),
        "MONX": rf"(?:{_alt(full)}|{_alt(abbr)})",
        "HOURW": r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)",
        # the quarter hours a clock time in words names ("three thirty", "two forty-five")
        "CLOCKMIN": r"(?:fifteen|thirty|forty[\s-]five)",
        "HOURN": r"(?:1[0-2]|0?[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                 r"twelve)",
        "MINW": (r"(?:[1-5]?\d|(?:twenty|thirty|forty|fifty)(?:[\s-](?:one|two|three|four|five|"
                 r"six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|"
                 r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"),
    }
    return p


_AUXILIARIES = ("will", "would", "could", "should", "might", "must", "can", "may", "not", "to",
                "did", "does", "do", "shall")


def _year_words() -> str:
    """Years said in words: "nineteen ninety-six", "two thousand (and) one"."""
    units = "one|two|three|four|five|six|seven|eight|nine"
    teens = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    tail = rf"(?:(?:{tens})(?:[\s-](?:{units}))?|{teens}|hundred|oh[\s-](?:{units}))"
    return (rf"(?:(?:nineteen|eighteen)[\s-]{tail}|two\s+thousand(?:\s+(?:and\s+)?"
            rf"(?:(?:twenty|thirty|forty)(?:[\s-](?:{units}))?|{units}|{teens}))?|twenty[\s-]"
            rf"(?:{teens}|oh[\s-](?:{units})))")


def _year_words_long() -> str:
    """Years in words as a date's year may also say them: "seventeen hundred thirty three",
    "nineteen hundred and six" (alone these read as amounts: "fifteen hundred people")."""
    units = "one|two|three|four|five|six|seven|eight|nine"
    teens = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    return (rf"(?:(?:{teens})\s+hundred(?:\s+(?:and\s+)?(?:(?:{tens})(?:[\s-](?:{units}))?|"
            rf"{teens}|{units}))?(?![\w-])|{_year_words()})")


# rule name -> pattern; "t" (when present) is the expression inside a wider context match
_RULES = {
    "iso": r"(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<h>[0-2]\d):(?P<mi>\d\d)(?::\d\d)?)?",
    "slash": r"(?<!\d[./])(?<!\b\d-)(?<!\b\d\d-)(?<!\b\d\d\d-)(?P<m>[0-3]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d{4}|\d\d)\b(?![./]\d)",
    "dotted": r"(?<!\d[./])(?<!\b\d-)(?<!\b\d\d-)(?<!\b\d\d\d-)(?P<m>[0-3]?\d)(?P<sep>[.-])(?P<d>[0-3]?\d)(?P=sep)(?P<y>\d{4})\b(?![.-]\d)",
    # "11/20", "22/04": month and day (or day and month) without a year; kept in times.py
    # only where the context says date ("on 11/20", "from 10/1 to 11/7", "Friday 7/6")
    "num_md": r"(?<![\d/.,]\d)(?<![\d/.,])(?P<m>[0-3]?\d)/(?P<d>[0-3]?\d)(?![/\d]|[.,]\d)",
    # "Oct/2", "Dec31", "May/22", "Dec-2018", "05-Aug-2016", "2019/aug/01"
    "mon_num": (r"(?P<mon>{MONX})(?:\s*/\s*|(?=\d))(?P<d>{DAY})"
                r"(?:\s*,?\s+(?P<y>{YEAR}))?"),
    "mon_year": r"(?P<mon>{MONX})\s*[-/]\s*(?P<y>{YEAR})",
    "dmy_dash": r"(?P<d>{DAY})(?P<sep>[-/])(?P<mon>{MONX})(?P=sep)(?P<y>{YEAR})",
    "ymd_mon": r"(?P<y>{YEAR})(?P<sep>[-/])(?P<mon>{MONX})(?P=sep)(?P<d>{DAY})",
    "ym_num": r"(?P<y>{YEAR})-(?P<m>0?[1-9]|1[0-2])(?![\d-])",
    "mdy": (r"(?:(?P<wd>{WD}|mon|tue|wed|thu|fri|sat|sun),?\s+|(?P<rel>last|next|this|coming|"
            r"past)\s+)?"
            r"(?:(?P<edge>early|mid-?|late)\s*)?(?P<mon>{MON})\s+"
            r"(?:the\s+)?(?P<d>{DAY})(?:\s*,?\s*(?:(?:of|in)\s+)?(?P<y>{YEAR}))?\b"),
    # "June 3-5", "3 to 5 June", "between 3 and 12 of Sept": split in two by timex_ranges
    "md_range": (r"(?P<mon>{MON})\s+(?:the\s+)?(?P<d1>{DAY}|{DAYW})\s*(?:-|–|to|through|thru|"
                 r"until|till)\s*(?:the\s+)?(?P<d2>{DAY}|{DAYW})(?:,?\s+(?P<y>{YEAR}))?"),
    # "Jan-Feb 2017", "Nov-Feb 2017" (November 2016): two months of the year written once
    "mm_range": r"(?P<mon1>{MONX})\.?\s*[-–]\s*(?P<mon2>{MONX})\.?,?\s+(?P<y>{YEAR})",
    "dm_range": (r"(?:the\s+)?(?P<d1>{DAY}|{DAYW})\s*(?:-|–|to|through|thru|until|till|and)\s*"
                 r"(?:the\s+)?(?P<d2>{DAY}|{DAYW})\s+(?:of\s+)?(?P<mon>{MON})(?:,?\s+(?P<y>{YEAR}))?"),
    # weeks: "week 10", "the first week of October", "Monday next week", "next week on Tuesday"
    "week_num": (r"(?:the\s+)?(?:week|wk)\s+(?P<n>[1-9]|[1-4]\d|5[0-3])(?![\d.,:])(?:(?:,?\s+|\s+of\s+)"
                 r"(?P<y>{YEAR})|\s+of\s+(?P<rel>this|next|last)\s+year)?"),
    "nth_week": (r"(?:the\s+)?(?P<ord>first|second|third|fourth|fifth|last|final|1st|2nd|3rd|4th|"
                 r"5th)\s+week\s+(?:of|in)\s+(?:(?P<mon>{MON})(?:,?\s+(?P<y>{YEAR}))?|(?P<y2>{YEAR})"
                 r"|(?:the\s+)?(?P<rel>this|next|last|previous|coming|following)\s+(?P<unit>month|year))"),
    "week_of": (r"(?:(?:the\s+)?week\s+(?:of|beginning|commencing|starting(?:\s+on)?)|w/c)\s+"
                r"(?:the\s+)?(?P<mon>{MON})\s+(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?"),
    "after_next": r"the\s+(?P<unit>week|month|year)\s+after\s+next",
    # "from Sep to Nov", "after Feb": a short month name after a word that introduces a date
    "month_abbr": (r"(?:from|after|since|until|till|before|to|through|between|and|in)\s+"
                   r"(?P<t>(?P<mon>jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec))"),
    "week_day": (r"(?:the\s+)?(?P<rel>this|next|last|previous|coming|following)\s+week(?:\s*[-,]\s*|"
                 r"\s+on\s+|\s+)(?P<wd>{WD})(?:\s+(?P<pod>{POD}))?|(?P<wd2>{WD})(?:\s+(?P<pod2>{POD}))?"
                 r"(?:\s+of)?\s+(?:the\s+)?(?P<rel2>this|next|last|previous|coming|following)\s+week"),
    # "Monday the 21st", "tues the 4th", "Wednesday the thirty first", "Monday 21."
    "wd_dom": (r"(?P<wd>{WD}|mon|tues?|wed|thu(?:rs)?|fri|sat|sun)\s+(?:(?P<the>the)\s+)?(?:(?P<d>\d{1,2}"
               r"(?P<suf>st|nd|rd|th)?)|(?P<dw>{DAYW}))(?![\w:.,/-]\d|\s+(?:{MON})|\s*(?:o['’]?\s?clock|"
               r"[ap]\.?\s?m\b|[ap]\b))"),
    # "Friday 7.6": month and day after a weekday (alone "7.6" is a number)
    "wd_num_md": (r"(?:(?P<rel>this|next|last|coming)\s+)?(?P<wd>{WD}|mon|tue|wed|thu|fri|sat|sun)"
                  r"\s+(?P<m>1[0-2]|0?[1-9])\.(?P<d>[12]\d|3[01]|0?[1-9])(?![\d.]|\s*(?:%|percent|"
                  r"per\b|pct\b|points?\b|[mb]illion|cents?\b|dlrs\b|times\b|to\b))"),
    # "2018-7-6": a year, month and day without leading zeros
    "ymd_loose": r"(?P<y>{YEAR})-(?P<m>1[0-2]|0?[1-9])-(?P<d>[12]\d|3[01]|0?[1-9])(?![\d-])",
    # "on the 18th": the day of the month the article is in (or the one before or after)
    "dom": (r"(?:on|by|until|till|since|from|before|after)\s+(?P<t>the\s+(?:(?P<d>\d{1,2}"
            r"(?:st|nd|rd|th))|(?P<dw>{DAYW})))(?!\s+(?:of|day|century)\b)"),
    # "the 15th day of next month", "the twenty third day of September"
    "nth_day": (r"(?:the\s+)?(?:(?P<d>\d{1,2}(?:st|nd|rd|th))|(?P<dw>{DAYW}))\s+day\s+of\s+"
                r"(?:(?P<mon>{MON})|(?:the\s+)?(?P<rel>this|next|last|previous|coming|same)?\s*month)"),
    "wd_plural": (r"(?P<wd>mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|"
                  r"sundays)"),
    "mdy_words": (r"(?P<mon>{MON})\s+(?:the\s+)?(?P<dw>{DAYW})(?:,?\s+(?:(?:of|in)\s+)?"
                  r"(?P<y>{YEAR}))?\b"),
    "dmy_words": (r"(?:the\s+)?(?P<dw>{DAYW})\s+of\s+(?P<mon>{MON})(?:,?\s+(?:(?:of|in)\s+)?"
                  r"(?P<y>{YEAR}))?"),
    # dates in words: "January twenty five nineteen eighty six", "6 April seventeen hundred
    # thirty three", "the first of May two thousand and one", "May twenty nine."
    "mdy_yw": (r"(?P<mon>{MON})\s+(?:the\s+)?(?:(?P<dw>{DAYW})|(?P<dc>{DAYC})|(?P<d>{DAY}))"
               r"\s*,?\s+(?:of\s+)?(?P<yw>{YEARWL})"),
    "dmy_yw": (r"(?:the\s+)?(?:(?P<dw>{DAYW})|(?P<dc>{DAYC})|(?P<d>{DAY}))\s+(?:of\s+)?(?P<mon>{MON})"
               r"\s*,?\s+(?:of\s+)?(?P<yw>{YEARWL})"),
    # a day in cardinal words only where the phrase ends ("in May twenty people ..." counts)
    "md_card": r"(?P<mon>{MONF})\s+(?P<dc>{DAYC})(?=\s*(?:[.,;:!?]|$))",
    "dmy": (r"(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?(?<![$£€]\s)(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MON})"
            r"(?:,?\s+(?:(?:of|in)\s+)?(?P<y>{YEAR}))?"),
    "my": (r"(?:(?P<edge>{EDGE})\s*)?(?P<mon>{MON}),?\s+(?:of\s+|in\s+)?(?:(?P<y>{YEAR})\b|"
           r"(?P<yw>{YEARW})|(?P<rel>last|this|next)\s+year\b)"),
    "ym": r"(?P<y>{YEAR})\s+(?P<mon>{MONF})\b",
    # "October, 1st": a comma between month and day only before an ordinal day
    "mdy_comma": r"(?P<mon>{MONF}),\s+(?P<d>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))",
    # "the third month of 2021", "the 9th month of next year"
    "nth_month": (r"(?:the\s+)?(?P<ord>{ORD})\s+month\s+of\s+(?:(?P<y>{YEAR})|(?:the\s+)?"
                  r"(?P<rel>this|next|last|previous|following|coming)\s+year)"),
    # "end of year", "beginning of month": the edge of the unit the text is in
    "edge_unit": (r"(?P<edge>(?:end|beginning|start|middle)\s+of)\s+(?P<unit>year|month|week)"
                  r"(?![\w-]|\s+(?:of|to|ago|earlier|before)\b)"),
    "month": (r"(?:(?P<rel>last|next|this|coming|past|previous)\s+|(?P<edge>{EDGE})\s*)?"
              r"(?P<mon>{MONB})(?:['’]s)?"),
    "year": (r"(?:(?P<edge>{EDGE})\s*|(?P<fy>fiscal(?:\s+year)?|FY)\s*|(?:the|calendar)\s+year\s+"
             r"|(?:pre|post)-)?"
             r"(?<![\d$£€#.,])(?P<y>{YEAR})(?:['’]s)?(?!\s*(?:%|percent|per\s+cent))"),
    "decade": (r"(?:the\s+)?(?:(?P<edge>early|mid-?|late)\s*)?(?:(?P<dec>(?:1[5-9]|20)\d0)['’]?s"
               r"|['’](?P<dec2>\d0)['’]?s)\b"),
    "century": r"(?:the\s+)?(?P<ord>{ORD}|\d{1,2}(?:st|nd|rd|th))[\s-]+century",
    "decade_word": (r"(?:the\s+)?(?:(?P<edge>early|mid-?|late)\s*)?(?:nineteen[\s-]|twenty[\s-])?"
                    r"(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|"
                    r"nineties)"),
    "weekday": (r"(?:(?:the\s+|this\s+)?(?P<rel>last|next|this|coming|upcoming|past|previous|"
                r"following)"
                r"\s+|(?P<edge>early|late)\s+)?(?P<wd>{WD})(?P<pos>['’]s)?(?:\s+(?:(?:early|late)\s+|"
                r"in\s+the\s+(?=(?:morning|afternoon|evening)\b))?(?P<pod>{POD})"
                r"(?P<every>s)?)?"),
    "deictic": (r"(?:(?:early|late)\s+)?(?P<deix>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|"
                r"yesterday|tomorrow|tonight|tonite)(?:['’]s)?(?:\s+(?:in\s+the\s+(?=(?:morning|afternoon|"
                r"evening)\b))?(?P<pod>{POD}))?"),
    "pod": r"(?P<deix>this|last|tomorrow|yesterday)\s+(?P<pod>{POD})",
    # "late afternoon", "early in the morning", "later this evening": a part of a part of day
    "edge_pod": (r"(?P<edge>early|late|later|earlier(?=\s+(?:in|this)\s)|mid(?=[\s-]))[\s-]+"
                 r"(?:in\s+the\s+|(?P<deix>this)\s+)?"
                 r"(?P<pod>morning|afternoon|evening)(?![\w-])"),
    # the part of the day before the day: "mid-afternoon yesterday", "late morning today"
    "pod_deictic": (r"(?:(?P<edge>early|late|mid)[\s-]+)?(?P<pod>morning|afternoon|evening)\s+"
                    r"(?P<deix>yesterday|today|tomorrow)"),
    "ref": r"(?P<ref>{REFS})",
    # "Islam will one day be ...": after a modal, "one day" is some time ahead, not a day long
    "future_day": ("(?:" + "|".join(rf"(?<=\b{w}\s)" for w in ("will", "would", "could", "might",
                                                                "may", "can", "shall"))
                   + r")(?:one|some)\s+day(?=\s+[a-z])"),
    "rel_unit": (r"(?:(?P<edge>{EDGE}|sometime|earlier|later)\s*)?(?P<the>the\s+)?(?P<rel>{REL})\s+"
                 r"(?:fiscal\s+(?=year|quarter))?(?P<unit>calendar\s+year|work(?:ing)?\s*week|week|weekend|month|year|quarter|"
                 r"decade|century|fortnight|{SEASON})"
                 r"(?:['’]s(?:\s+(?P<season>{SEASON}))?|\s+or\s+so)?(?!-)"),
    # (days and longer: "3 minutes from today" reaches no day of its own)
    "from_day": (r"(?:{MOD}\s+)?(?P<num>{NUM})[\s-]+(?P<unit>{DUNIT})\s+(?P<dir>after|from|before)"
                 r"\s+(?P<deix>today|tomorrow|yesterday)\b"),
    "ago": (r"(?:{MOD}\s+)?(?P<num>{NUM})[\s-]+(?P<unit>{UNIT})(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|from\s+now|"
            r"hence|back|previously)\b"),
    "rel_day": (r"(?:(?P<edge>earlier|later)\s+(?:in\s+)?)?(?P<the>the|that)\s+(?:(?P<rel>previous|next|"
                r"following|same|preceding)\s+)?(?P<unit>day|weekend|week|month|year|quarter|morning|"
                r"night|evening|afternoon)(?![\w-]|\s+of\s+(?:{MON}|{WD}|\d))(?<!the\syear)(?<!the\sweek)(?<!the\smonth)"
                r"(?<!the\squarter)(?<!the\sday)(?<!the\sweekend)"),
    # "the day before", "the week after": counted from the story's last date (no object:
    # "the day before the vote" is a relation to an event, not this expression)
    "day_around": (r"the\s+(?P<unit>day|week)\s+(?P<dir>before|after)"
                   r"(?!\s+(?:the|a|an|his|her|their|its|this|that|last|next|\d|[A-Z]))"),
    "ymd_compact": r"(?<![\d,.])(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?![\d,]|\.\d)",
    "duration": (r"(?:(?P<the>the\s+)?(?P<rel>past|{LASTADJ}|next|first|coming|previous|final|"
                 r"latest|initial|following|recent|further|additional|another)\s+)?"
                 r"(?:(?P<the2>the\s+)|{MOD}\s+)?(?:(?P<num0>{NUM})\s+(?:to|or|-)\s+)?(?<!\d[,.])(?P<num>{NUM})"
                 r"(?:[\s-]+|(?<=\d))(?:(?P<rel2>upcoming|next|coming|previous|following)"
                 r"\s+|(?:more|additional|extra|further)\s+)?(?P<unit>{UNIT})(?P<half>\s+and\s+(?:a\s+)?half)?(?P<adj>[\s-]+(?:long|old))?"
                 r"(?:\s+or\s+so)?"),
    "unit_long": (r"(?P<unit>hour|day|week|month|year|decade|century|hours|days|weeks|months|"
                  r"years|decades|centuries)-long"),
    "span": (r"(?P<the>the\s+)(?P<rel>past|last|next|coming|previous|following|first|final|"
             r"entire|whole|full)\s+(?P<num>few\s+|several\s+|couple\s+of\s+)?"
             r"(?P<unit>{UNIT})(?:\s+or\s+so)?"),
    "ahead": (r"(?P<t>(?:the\s+)?(?:(?:coming|upcoming|next|following)\s+)?(?:few\s+)?"
              r"(?P<unit>days|weeks|months|years|decades)\s+ahead)"),
    # "for 10D", "lasted 2W", "for 3Y": a count and the unit's letter, after a word that
    # takes a stretch of time ("3D printing" and "$2M" are not)
    "duration_short": (r"(?:for|lasted|lasting|lasts|over|within)\s+(?P<t>(?P<num>\d+(?:\.\d+)?)"
                       r"(?P<unit>[dwy]))(?![\w.,-]|[^\S\n]+[A-Za-z0-9])"),
    # "over the years": an unknown number of them
    "plural": (r"(?:for|over|in|within|took|take|takes|lasted|last)\s+(?P<t>(?:(?<=over\s)the\s+)?"
               r"(?P<unit>hours|days|weeks|months|years|decades|centuries))\b"),
    "quarter": (r"(?:the\s+(?=(?:(?:fiscal|calendar|{YEAR})\s+)?\w+\s))?(?:(?:fiscal|calendar)\s+)?"
                r"(?:(?P<y1>{YEAR})\s+|(?P<rel>this|last|next)\s+year['’]s\s+)?(?P<ord>first|second|third|fourth|1st|2nd|"
                r"3rd|4th|final|last)[\s-]+(?P<unit>quarter|half)(?:\s+(?:of\s+)?"
                r"(?:(?:fiscal|calendar)\s+)?(?P<y>{YEAR}))?"),
    "year_period": r"the\s+(?P<y>{YEAR})\s+(?:period|quarter|fiscal\s+year)\b",
    "qcode": (r"(?:(?P<y1>{YEAR})[\s-]*)?(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q|H(?P<h>[12]))"
              r"(?:[\s-]*(?:of\s+)?(?P<y>{YEAR}))?\b"),
    "the_unit": (r"(?:(?P<edge>{EDGE}|(?:earlier|later)\s+in)\s*)?(?P<the>the)\s+(?:(?P<rel>latest|current|same|recent|"
                 r"year-ago|year-earlier|comparable|corresponding)\s+)?(?:fiscal\s+)?"
                 r"(?P<unit>quarter|year|month|week|weekend|(?<=latest\s)period)\b"
                 r"(?![-‐]|\s+(?:earlier|before|ago|of\s+{YEAR}))"
                 r"(?=(?P<ended>\s+end(?:ed|ing)\b)?)"),
    "year_ago": (r"(?:(?P<the>the)\s+)?(?:comparable\s+)?(?P<adj>year-earlier|year-ago|year-before|"
                 r"prior-year|year-end|year\s+end|year['’]s\s+end)(?:\s+(?P<what>period|quarter|(?:{ORD})\s+quarter|"
                 r"(?:{NUM})\s+months))?"),
    # "the quarter a year ago": the same quarter of the year before
    "quarter_year_ago": r"the\s+quarter\s+(?:a|one)\s+year\s+(?:ago|earlier|before)",
    "year_word": r"(?:the\s+year\s+)?(?P<yw>{YEARW})(?![\s-]+(?:{UNIT}|people|dollars)\b)",
    "season": (r"(?:(?:this\s+)?(?P<rel>last|next|this|coming|past|previous)\s+|(?:the\s+)?"
               r"(?P<edge>early|late|mid-?)\s*|the\s+)?(?P<season>{SEASON})"
               r"(?:\s+(?:of\s+)?(?:(?P<y>{YEAR})|(?P<yw>{YEARW})))?\b"),
    "clock": (r"(?:(?P<pre>at|about|by|until|before|after|from)\s+)?(?P<t>(?:(?P<about>around|"
              r"approximately|roughly)\s+)?(?:(?P<h>[0-2]?\d)"
              r"(?:[:.](?P<mi>[0-5]\d)(?::[0-5]\d)?)?|(?P<hh>[01]?\d)(?P<mm>[0-5]\d))\s*(?P<ap>{AP})"
              r"(?:\s+(?P<tz>{TZ}))?)"),
    "clock_words": r"(?P<hw>{HOURW})\s*(?P<ap>{AP})",
    # "at 9a", "by 7p": a one-letter am/pm only right after a preposition of time
    "clock_short": (r"(?:at|by|until|before|after|from|around)\s+(?P<t>(?P<h>1[0-2]|0?[1-9])"
                    r"(?::(?P<mi>[0-5]\d))?(?P<ap>[ap]))"),
    # "10:20", "at 8:30": hours and minutes with a colon are a clock time without am/pm
    # "Saturday at 5", "tonight around 7": a bare hour only right after a day (kept only
    # when merged with it)
    "clock_bare": (r"(?:at|around|about)\s+(?P<t>(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))?)"
                   r"(?!\s*(?:%|percent|per\s+cent|[ap]\.?\s?m\b|[ap]\b|o['’]?\s?clock)|[.,:]\d|\d)"),
    "clock_colon": r"(?<![\d:.,])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::[0-5]\d)?(?![\d:]|\.\d)",
    # "5 to 6pm", "between 4pm and 5pm", "1:00 PM - 1:15 PM", "9.30-4.30pm": split in two
    # (military hours with a leading zero, "0730-0930", need no colon)
    "clock_range": (r"(?P<h1>[01]?\d|2[0-4])(?:(?:(?P<sep1>[:.])|(?<=(?<!\d)0\d))(?P<mi1>[0-5]\d))?"
                    r"\s*(?P<ap1>{AP})?"
                    r"\s*(?P<join>-|–|~|to|until|till|through|and)\s*(?P<h2>[01]?\d|2[0-4])"
                    r"(?:(?:(?P<sep2>[:.])|(?<=(?<!\d)0\d))(?P<mi2>[0-5]\d))?\s*(?P<ap2>{AP})?(?:\s+(?P<tz>{TZ}))?"
                    r"(?:\s+in\s+the\s+(?P<pod>morning|afternoon|evening)|\s+(?P<night>at\s+night))?"),
    # "from three thirty to four forty-five": clock times in words, split in two
    "words_clock_range": (r"(?:(?<=\bfrom\s)|(?<=\bbetween\s))(?P<hw1>{HOURW})[\s-](?P<mw1>{CLOCKMIN})"
                          r"\s+(?:to|and|until|till)\s+(?P<hw2>{HOURW})[\s-](?P<mw2>{CLOCKMIN})"),
    # "4 in the morning", "seven thirty in the evening", "11 at night"
    # "seven twenty-seven", "one thirty p m", "six forty-three minutes": hour and minutes in
    # words; without am/pm kept only beside a day ("tomorrow at seven twenty-seven")
    "clock_hm_words": (r"(?P<hw>{HOURW})[\s-](?P<mins>oh[\s-](?:one|two|three|four|five|six|"
                       r"seven|eight|nine)|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
                       r"seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty)(?:[\s-](?:one|two|"
                       r"three|four|five|six|seven|eight|nine))?)(?![\w-])(?:\s+minutes)?"
                       r"(?:\s*(?P<ap>{AP}))?"),
    "clock_pod": (r"(?:(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?|(?P<hw>{HOURW}))\s+"
                  r"(?:o['’]?\s?clock\s+)?(?:in\s+the\s+(?P<pod>morning|afternoon|evening)|"
                  r"(?P<night>at\s+night))"),
    "past_clock": (r"(?:(?P<mw>half|quarter|(?:{MINW})(?:\s+min(?:ute)?s?)?)\s+(?P<dir>past|after)\s+"
                   r"(?P<hw>{HOURN})|(?P<mw2>half|quarter|(?:{MINW})\s+min(?:ute)?s?)\s+"
                   r"(?P<dir2>to|till|before)\s+(?P<hw2>{HOURN}))(?:\s+o['’]?\s?clock)?"
                   r"(?:\s+in\s+the\s+(?P<pod>morning|afternoon|evening)|\s+(?P<night>at\s+night))?"),
    "clock24": r"(?P<h>[0-2]?\d):(?P<mi>[0-5]\d)(?:\s+(?P<tz>{TZ})|\s*(?:h|hours|hrs)\b)",
    "oclock": r"(?P<hw>{HOURN})\s*o['’]?\s?clock",
    "noon": r"(?:12\s+)?(?P<word>noon|midnight|midday|mid\s+night)(?:ish)?",
    "all_unit": r"all\s+(?P<unit>day|night|week|month|year|morning|afternoon|evening)(?:\s+long)?",
    # "every weekend", "every two weekends": before "set", which counts weekends in days
    "set_weekend": r"(?:every|each)\s+(?:(?P<num>{NUM})\s+)?(?P<unit>weekends?)",
    "set": (r"(?P<every>every|each)\s+(?:(?P<other>other)\s+)?(?:(?P<num>{NUM})\s+)?"
            r"(?P<unit>{UNIT}|{WD}|{MONF}|{SEASON}|{POD})"),
    "set_adv": (r"(?P<adv>daily|weekly|monthly|yearly|annually|quarterly|hourly|nightly|"
                r"bi-?weekly|semi-?annually|bi-?annually|bi-?monthly|fortnightly|everyday)"),
    # "twice a week": TimeML's SET takes the count in ("freq"), as the guidelines write it
    "set_per": (r"(?:once|twice|thrice|(?:{NUM})\s+times)\s+(?:a|an|per|each)\s+"
                r"(?P<unit>{UNIT})"),
    # "Labor Day weekend", "the weekend of Halloween 2021": the weekend of the holiday
    "holiday": (r"(?:(?P<wkend0>(?:the\s+)?weekend\s+of)\s+)?(?:(?P<rel>last|next|this|previous|following)\s+)?"
                r"(?P<hol>{HOL})(?:\s+(?P<y>{YEAR}))?(?:\s+(?P<wkend>weekend)(?:\s+(?P<y2>{YEAR}))?)?"),
}

# phrases for "ref"; kept here (not in the lexicon file) because each is a fixed TimeML value
_REF_LISTS = ("present_words", "past_words", "future_words")
_REF_VALUES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")


# what a text must contain for a rule to have a chance: a quick search that spares running
# the rule's full pattern over texts without it (speed only: the rule decides)
_TRIGGERS = {
    "ago": r"\b(?:ago|earlier|later|now|hence|back|previously)\b",
    "from_day": r"\b(?:today|tomorrow|yesterday)\b", "set_per": r"\b(?:once|twice|thrice|times)\b",
    "oclock": r"clock", "set": r"\b(?:every|each)\b", "century": r"century",
    "clock_range": r"\d\s*(?:[ap]\s?\.?\s?m\b\.?\s*)?(?:-|–|~|to|until|till|through|and)\s*\d",
    "words_clock_range": r"\b(?:from|between)\s+\w+[\s-](?:fifteen|thirty|forty)",
    "clock_short": r"\d[ap]\b", "clock_colon": r"\d:\d", "clock24": r"\d:\d",
    "clock_bare": r"\b(?:at|around|about)\s+\d",
    "clock_words": r"\b[ap]\s?\.?\s?m\b",
    "clock_pod": r"\b(?:in the (?:morning|afternoon|evening)|at night)\b",
    "edge_pod": r"\b(?:early|late|later|earlier|mid)[\s-]",
    "num_md": r"\d/\d", "slash": r"\d/\d", "dotted": r"\d[.-]\d{1,2}[.-]\d{4}",
    "mon_year": r"[a-z]\s*[-/]\s*\d{4}",
    "dmy_dash": r"\d[-/][a-z]", "ymd_mon": r"\d{4}[-/][a-z]", "ym_num": r"\d{4}-\d",
    "ymd_compact": r"\d{8}", "iso": r"\d{4}-\d\d-\d",
    "week_num": r"\bw(?:ee)?k\s+\d", "nth_week": r"\bweek\b", "week_day": r"\bweek\b",
    "week_of": r"\bweek\s+\w|w/c", "after_next": r"after\s+next",
    "wd_plural": r"days\b",
    "day_around": r"\b(?:day|week)\s+(?:before|after)\b", "nth_day": r"\bday\s+of\b",
    "qcode": r"\b(?:\d?q\d?|h[12])\b", "decade": r"0['’]?s\b", "noon": r"\b(?:noon|mid)",
    "deictic": r"\b(?:today|tonight|tonite|yesterday|tomorrow)", "holiday": r"\b(?:day|eve|"
    r"christmas|new year|halloween|easter|thanksgiving|good friday|black friday|juneteenth|cinco de mayo)\b",
}


# every rule starts where the text is not inside a word, an identifier ("F-16") or an
# amount ("$12"); "1990-1995" still gives two years
_GUARD = r"(?<![\w'’$£€])(?<![A-Za-z]-)(?<!\d[.,])"


@lru_cache(maxsize=1)
def compiled_rules() -> list[tuple[str, re.Pattern, re.Pattern | None]]:
    """Every rule compiled once, in declaration order, with its trigger (or None)."""
    pieces = _pieces()
    lex = lexicon()
    pieces["REFS"] = _alt([w for name in _REF_LISTS for w in lex[name]])
    rules = []
    for name, pattern in _RULES.items():
        source = re.sub(r"\{([A-Z]+)\}", lambda m: pieces[m.group(1)], pattern)
        regex = re.compile(rf"{_GUARD}(?:{source})(?![\w])", re.IGNORECASE)
        trigger = _TRIGGERS.get(name)
        rules.append((name, regex, re.compile(trigger, re.IGNORECASE) if trigger else None))
    return rules


def ref_kind(phrase: str) -> str:
    """PRESENT_REF, PAST_REF or FUTURE_REF for a phrase of the "ref" rule."""
    words = " ".join(phrase.lower().replace("’", "'").split())
    lex = lexicon()
    for name, value in zip(_REF_LISTS, _REF_VALUES, strict=True):
        if words in lex[name]:
            return value
    raise KeyError(f"{phrase!r} is not a reference phrase of times_lexicon.json")


def _candidate(name: str, match: re.Match) -> Candidate:
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    groups["_text"] = match.group()
    if name in RANGE_RULES:
        groups["_spans"] = {k: match.span(k) for k in groups if not k.startswith("_")}
    if name == "clock_range" and not clock_range_sure(groups):
        groups["_weak"] = True  # "between 3 and 5": a clock range only beside a day
    if name == "clock_hm_words":  # "twenty-seven" -> "27", as clock_time reads minutes
        groups["mi"] = str(_minutes(groups["mins"]))
    if "t" in groups:
        return Candidate(match.start("t"), match.end("t"), name, groups)
    if name == "duration" and "the2" in groups and not groups["unit"].lower().endswith("s"):
        # "the eight-year war", "the 30-day rate": a count with a singular unit modifies the
        # noun after it, and "the" determines that noun, not the duration
        return Candidate(match.end("the2"), match.end(), name, groups)
    if name == "year_ago" and "the" in groups and "what" not in groups:
        # "the year-ago results": likewise ("the year-ago period" keeps its "the")
        return Candidate(match.start("adj"), match.end(), name, groups)
    return Candidate(match.start(), match.end(), name, groups)


@lru_cache(maxsize=1)
def _scanner() -> Scanner:
    return Scanner([regex for _, regex, _ in compiled_rules()], _GUARD)


def _rule_matches(text: str) -> list[tuple[int, re.Match]]:
    """(rule index, match) of every rule, as each rule's ``finditer`` finds them."""
    rules = compiled_rules()
    return list(_scanner().matches(
        text, lambda i: rules[i][2] is None or rules[i][2].search(text) is not None))


def _minutes(words: str) -> int:
    """"twenty-seven" -> 27, "oh five" -> 5."""
    numbers = lexicon()["numbers"]
    return sum(numbers[w] for w in re.split(r"[\s-]+", words.lower()) if w != "oh")


def find_candidates(text: str) -> list[Candidate]:
    """All expressions in ``text``, longest first where rules overlap, in text order."""
    rules = compiled_rules()
    found = [(i, _candidate(rules[i][0], m)) for i, m in _rule_matches(text)
             if _plausible(rules[i][0], m, text)]
    found.sort(key=lambda item: (-(item[1].end - item[1].start), item[1].start, item[0]))
    taken: list[Candidate] = []
    for _, cand in found:
        if all(cand.end <= t.start or cand.start >= t.end for t in taken):
            taken.append(cand)
    taken.sort(key=lambda c: c.start)
    cands = _merge_durations(text, _merge_weekday_and_date(text, split_ranges(taken)))
    return _merge_day_and_clock(text, cands)


# A line break then indentation or a blank line: the next line of a table or a new block,
# which a phrase does not run on into ("1,428,000\n    Year" is two cells, not 1,428,000 years).
_LINE_BREAK = re.compile(r"\n(?:[ \t]+|[ \t]*\n)")


def _plausible(name: str, match: re.Match, text: str) -> bool:
    """Rules whose matches need a look at the match itself before they compete."""
    if _LINE_BREAK.search(match.group()) or _quoted_title(match, text):
        return False
    if name == "duration" and (match.group("num") or "").lower() in ("a", "an") and \
            match.group("unit").lower().endswith("s"):
        return False  # "a decades-long battle": "a" counts the battle, not decades
    if name == "year_word":
        return not _inside_cardinal(text, match.start(), match.end())
    if name == "ym_num":  # "2011-12" is a season of two years, "2015-3" a month
        first, second = int(match.group("y")), int(match.group("m"))
        return not 0 < second - first % 100 <= 10
    if name == "clock_range":
        return clock_range_ok(match.groupdict(), text[max(0, match.start() - 9):match.start()])
    return True


_OPEN_QUOTES = ('"', "“", "`")


def _quoted_title(match: re.Match, text: str) -> bool:
    """"This Week," in quotes with every word capitalised is the title of a show or a
    work, not a time (a quotation that begins with a time writes "This week")."""
    if text[max(0, match.start() - 1):match.start()] not in _OPEN_QUOTES:
        return False
    words = match.group().split()
    lex = lexicon()
    # after the first word, the words a sentence writes in lower case ("Week", not "Friday")
    common = [w for w in words[1:] if w.lower().rstrip(".,'’s") not in lex["weekdays"]
              and w.lower().rstrip(".,'’s") not in lex["months"]]
    return bool(common) and all(w[0].isupper() for w in words)


_NUMBER_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
                r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
                r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion)")
_CARDINAL_BEFORE = re.compile(rf"\b{_NUMBER_WORD}(?:\s+and)?[\s-]+$", re.IGNORECASE)
_CARDINAL_AFTER = re.compile(rf"^[\s-]+{_NUMBER_WORD}\b", re.IGNORECASE)


def _inside_cardinal(text: str, start: int, end: int) -> bool:
    """True when year words are part of a larger number: "two hundred and [two thousand]",
    "[two thousand] three hundred", "[nineteen ninety]-six people"."""
    return bool(_CARDINAL_BEFORE.search(text[max(0, start - 30):start])
                or _CARDINAL_AFTER.match(text[end:end + 30]))


_JOIN = re.compile(r"^(?:\s*,?\s*(?:on|at|of|@|around|about)?\s*|\s*,\s*)$", re.IGNORECASE)
_DAYLIKE = {"mdy", "dmy", "iso", "slash", "dotted", "weekday", "deictic", "pod", "holiday",
            "mon_num", "dmy_dash", "ymd_mon", "num_md", "mdy_words", "dmy_words", "week_day",
            "mdy_yw", "dmy_yw", "md_card", "wd_num_md", "ymd_loose",
            "wd_dom", "dom", "wd_plural", "set", "rel_day", "pod_deictic"}
_CLOCKS = {"clock", "clock24", "oclock", "noon", "clock_short", "clock_colon", "past_clock",
           "clock_pod", "clock_words", "clock_bare", "clock_hm_words"}


_DATED = {"mdy", "dmy", "iso", "slash", "dotted", "num_md", "mon_num", "dmy_dash", "ymd_mon",
          "ymd_loose", "mdy_words", "dmy_words", "mdy_yw", "dmy_yw", "md_card"}
_WEEKDAY_JOIN = re.compile(r"^(?:\s*,?\s+|-|\s*\(\s*)$")


def _merge_weekday_and_date(text: str, cands: list[Candidate]) -> list[Candidate]:
    """"Friday 7/6", "Tue, May 9": a weekday before a date names the same day; the date
    gives the value."""
    merged: list[Candidate] = []
    for cand in cands:
        prev = merged[-1] if merged else None
        if prev and prev.rule == "weekday" and cand.rule in _DATED and \
                not cand.groups.get("range_end") and \
                _WEEKDAY_JOIN.match(text[prev.end:cand.start]):
            groups = {**cand.groups, "wd": prev.groups["wd"]}
            merged[-1] = dataclasses.replace(cand, start=prev.start, groups=groups)
            continue
        merged.append(cand)
    return merged


def _daily(cand: Candidate) -> bool:
    """"daily", "everyday", "nightly": a set of days that a clock time can attach to."""
    return cand.rule == "set_adv" and cand.groups["adv"].lower() in ("daily", "everyday", "nightly")


_AND = re.compile(r"^\s*(?:,\s*)?(?:and\s+)?$", re.IGNORECASE)


_UNIT_ORDER = ("CE", "DE", "Y", "Q", "M", "2W", "W", "WE", "D", "H", "MIN", "S")


def _unit_rank(cand: Candidate) -> int:
    """Larger units first: "1 hour and 30 minutes" goes down the list, "3 days and 3 days"
    does not."""
    unit = lexicon()["units"].get(" ".join(cand.groups.get("unit", "").lower().split()), "")
    return _UNIT_ORDER.index(unit) if unit in _UNIT_ORDER else -1


def _merge_durations(text: str, cands: list[Candidate]) -> list[Candidate]:
    """"1 hour and 30 minutes", "2 years, 6 months": one duration of several units."""
    merged: list[Candidate] = []
    for cand in cands:
        prev = merged[-1] if merged else None
        last = (prev.parts[-1] if prev and prev.rule == "duration_sum" else prev)
        if prev and cand.rule == "duration" and prev.rule in ("duration", "duration_sum") and \
                not cand.groups.get("rel") and _AND.match(text[prev.end:cand.start]) and \
                _unit_rank(last) < _unit_rank(cand):
            parts = prev.parts if prev.rule == "duration_sum" else [prev]
            merged[-1] = Candidate(prev.start, cand.end, "duration_sum", {}, [*parts, cand])
            continue
        merged.append(cand)
    return merged


def _merge_day_and_clock(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Join "5 p.m. Tuesday" / "Tuesday at 5 p.m." into one TIME expression."""
    merged: list[Candidate] = []
    for cand in cands:
        prev = merged[-1] if merged else None
        if cand.groups.get("range_end") or (prev and prev.groups.get("range_end")):
            merged.append(cand)  # a clock range takes its day in attach_range_day
            continue
        if prev and _JOIN.match(text[prev.end:cand.start]) and (_daily(prev) or _daily(cand)) \
                and {prev.rule, cand.rule} & _CLOCKS:
            day, clock = (prev, cand) if _daily(prev) else (cand, prev)
            merged[-1] = Candidate(prev.start, cand.end, "day_clock", {}, [day, clock])
            continue
        if prev and _JOIN.match(text[prev.end:cand.start]) and (
                (prev.rule in _DAYLIKE and cand.rule in _CLOCKS)
                or (prev.rule in _CLOCKS and cand.rule in _DAYLIKE and prev.rule != "clock_bare")):
            day, clock = (prev, cand) if prev.rule in _DAYLIKE else (cand, prev)
            merged[-1] = Candidate(prev.start, cand.end, "day_clock", {}, [day, clock])
            continue
        merged.append(cand)
    # "at 5", "seven twenty" with no day beside them
    merged = [c for c in merged if c.rule != "clock_bare" and not (
        c.rule == "clock_hm_words" and not c.groups.get("ap"))]
    return attach_range_day(text, merged, _DAYLIKE)
