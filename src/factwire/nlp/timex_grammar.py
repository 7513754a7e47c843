"""The surface grammar of English time expressions: regex rules built once from a lexicon.

``find_candidates(text)`` returns every non-overlapping expression the rules recognise, the
longest first, as ``Candidate`` objects (rule name + the named groups the rule captured).
What the words mean is decided later, by ``factwire.nlp.timex_resolve``.

>>> [c.rule for c in find_candidates("It began on Tuesday, March 3, 2024 at 5 p.m.")]
['mdy', 'clock']
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources


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
        "NUM": (rf"(?:\d{{1,3}}(?:\.\d+)?|(?:{tens})(?:[\s-](?:{units}))?|{_alt(words)}"
                rf"|{_alt(lex['vague_numbers'])})(?:\s+and\s+a\s+half)?"),
        "UNIT": _alt(lex["units"]),
        "SEASON": _alt(lex["seasons"]),
        "POD": _alt(lex["parts_of_day"]),
        "TZ": _alt(lex["timezones"]),
        "HOL": _alt(lex["holidays"]),
        "ORD": _alt(lex["ordinals"]),
        "REL": r"(?:last|next|this|coming|past|previous|following|current|same)",
        "EDGE": (r"(?:(?:the\s+)?(?:end|beginning|start|middle|turn|rest|remainder)\s+of\s+"
                 r"(?:the\s+)?|early-?|mid-?|late-?|(?:the\s+)?first\s+half\s+of\s+"
                 r"|(?:the\s+)?second\s+half\s+of\s+)"),
        "YEARW": _year_words(),
        "MOD": (r"(?:about|around|approximately|roughly|nearly|almost|more\s+than|less\s+than|"
                r"fewer\s+than|at\s+least|at\s+most|up\s+to|just\s+over|just\s+under|"
                r"well\s+over|some|only|just)"),
        "DAYW": _alt(lexicon()["day_ordinals"]),
        "AP": r"(?:a\.m\.|p\.m\.|a\.m\b|p\.m\b|am\b|pm\b)",
    }
    return p


def _year_words() -> str:
    """Years said in words: "nineteen ninety-six", "two thousand (and) one"."""
    units = "one|two|three|four|five|six|seven|eight|nine"
    teens = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    tail = rf"(?:(?:{tens})(?:[\s-](?:{units}))?|{teens}|hundred|oh[\s-](?:{units}))"
    return (rf"(?:(?:nineteen|eighteen)[\s-]{tail}|two\s+thousand(?:\s+(?:and\s+)?"
            rf"(?:{units}|{teens}))?|twenty[\s-](?:{teens}|oh[\s-](?:{units})))")


# rule name -> pattern; "t" (when present) is the expression inside a wider context match
_RULES = {
    "iso": r"(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<h>[0-2]\d):(?P<mi>\d\d)(?::\d\d)?)?",
    "slash": r"(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d{4}|\d\d)\b",
    "mdy": (r"(?:(?P<wd>{WD}),?\s+|(?P<rel>last|next|this|coming|past)\s+)?"
            r"(?:(?P<edge>early|mid-?|late)\s*)?(?P<mon>{MON})\s+"
            r"(?:the\s+)?(?P<d>{DAY})(?:\s*,?\s*(?P<y>{YEAR}))?\b"),
    "mdy_words": (r"(?P<mon>{MON})\s+(?:the\s+)?(?P<dw>{DAYW})(?:,?\s+(?P<y>{YEAR}))?\b"),
    "dmy_words": (r"(?:the\s+)?(?P<dw>{DAYW})\s+of\s+(?P<mon>{MON})(?:,?\s+(?P<y>{YEAR}))?\b"),
    "dmy": (r"(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MON})"
            r"(?:,?\s+(?P<y>{YEAR}))?\b"),
    "my": (r"(?:(?P<edge>{EDGE})\s*)?(?P<mon>{MON}),?\s+(?:of\s+)?(?:(?P<y>{YEAR})\b|"
           r"(?P<yw>{YEARW})|(?P<rel>last|this|next)\s+year\b)"),
    "ym": r"(?P<y>{YEAR})\s+(?P<mon>{MONF})\b",
    "month": (r"(?:(?P<rel>last|next|this|coming|past|previous)\s+|(?P<edge>{EDGE})\s*)?"
              r"(?P<mon>{MONB})(?:['’]s)?"),
    "year": (r"(?:(?P<edge>{EDGE})\s*|(?P<fy>fiscal(?:\s+year)?|FY)\s*|the\s+year\s+)?"
             r"(?<![\d$£€#.,])(?P<y>{YEAR})(?:['’]s)?(?!\s*(?:%|percent|per\s+cent))"),
    "decade": (r"(?:the\s+)?(?:(?P<edge>early|mid-?|late)\s*)?(?:(?P<dec>(?:1[5-9]|20)\d0)['’]?s"
               r"|['’](?P<dec2>\d0)['’]?s)\b"),
    "century": r"(?:the\s+)?(?P<ord>{ORD}|\d{1,2}(?:st|nd|rd|th))[\s-]+century",
    "decade_word": (r"(?:the\s+)?(?:(?P<edge>early|mid-?|late)\s*)?(?:nineteen[\s-]|twenty[\s-])?"
                    r"(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|"
                    r"nineties)"),
    "weekday": (r"(?:(?:the\s+|this\s+)?(?P<rel>last|next|this|coming|past|previous|following)"
                r"\s+|(?P<edge>early|late)\s+)?(?P<wd>{WD})(?P<pos>['’]s)?(?:\s+(?P<pod>{POD}))?"),
    "deictic": (r"(?:(?:early|late)\s+)?(?P<deix>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|"
                r"yesterday|tomorrow|tonight)(?:['’]s)?(?:\s+(?P<pod>{POD}))?"),
    "pod": r"(?P<deix>this|last|tomorrow|yesterday)\s+(?P<pod>{POD})",
    "ref": r"(?P<ref>{REFS})",
    "rel_unit": (r"(?:(?P<edge>{EDGE}|sometime|earlier|later)\s*)?(?P<the>the\s+)?(?P<rel>{REL})\s+"
                 r"(?P<unit>week|weekend|month|year|quarter|decade|century|fortnight|{SEASON})"
                 r"(?:['’]s(?:\s+(?P<season>{SEASON}))?|\s+or\s+so)?(?!-)"),
    "from_day": (r"(?:{MOD}\s+)?(?P<num>{NUM})[\s-]+(?P<unit>{UNIT})\s+(?P<dir>after|from|before)"
                 r"\s+(?P<deix>today|tomorrow|yesterday)\b"),
    "ago": (r"(?:{MOD}\s+)?(?P<num>{NUM})[\s-]+(?P<unit>{UNIT})\s+(?P<dir>ago|earlier|later|from\s+now|"
            r"hence|back|previously)\b"),
    "rel_day": (r"(?:(?P<edge>earlier|later)\s+)?(?P<the>the|that)\s+(?:(?P<rel>previous|next|"
                r"following|same|preceding)\s+)?(?P<unit>day|week|month|year|quarter|morning|"
                r"night|evening|afternoon)(?![\w-])(?<!the\syear)(?<!the\sweek)(?<!the\smonth)"
                r"(?<!the\squarter)(?<!the\sday)"),
    "duration": (r"(?:(?P<the>the\s+)?(?P<rel>past|last|next|first|coming|previous|final|"
                 r"latest|initial|following|recent|further|additional|another)\s+)?"
                 r"(?:(?P<the2>the\s+)|{MOD}\s+)?(?:(?P<num0>{NUM})\s+(?:to|or|-)\s+)?(?P<num>{NUM})"
                 r"[\s-]+(?P<unit>{UNIT})(?P<adj>[\s-]+(?:long|old))?(?:\s+or\s+so)?"),
    "span": (r"(?P<the>the\s+)(?P<rel>past|last|next|coming|previous|following|first|final|"
             r"entire|whole|full)\s+(?P<num>few\s+|several\s+|couple\s+of\s+)?"
             r"(?P<unit>{UNIT})(?:\s+or\s+so)?"),
    "ahead": (r"(?P<t>(?:the\s+)?(?:(?:coming|upcoming|next|following)\s+)?(?:few\s+)?"
              r"(?P<unit>days|weeks|months|years|decades)\s+ahead)"),
    "plural": r"(?:for|over|in|within|took|take|takes|lasted|last)\s+(?P<t>(?P<unit>hours|days|weeks|months|years|decades))\b",
    "quarter": (r"(?:the\s+(?=(?:(?:fiscal|calendar|{YEAR})\s+)?\w+\s))?(?:(?:fiscal|calendar)\s+)?"
                r"(?:(?P<y1>{YEAR})\s+|(?P<rel>this|last|next)\s+year['’]s\s+)?(?P<ord>first|second|third|fourth|1st|2nd|"
                r"3rd|4th|final|last)[\s-]+(?P<unit>quarter|half)(?:\s+(?:of\s+)?"
                r"(?:(?:fiscal|calendar)\s+)?(?P<y>{YEAR}))?"),
    "year_period": r"the\s+(?P<y>{YEAR})\s+(?:period|quarter|fiscal\s+year)\b",
    "qcode": r"(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q)(?:\s*(?P<y>{YEAR}))?\b",
    "the_unit": (r"(?:(?P<edge>{EDGE})\s*)?(?P<the>the)\s+(?:(?P<rel>latest|current|same|recent|"
                 r"year-ago|year-earlier|comparable|corresponding)\s+)?(?:fiscal\s+)?"
                 r"(?P<unit>quarter|year|month|week|weekend)\b(?![-‐]|\s+(?:earlier|before|ago))"
                 r"(?=(?P<ended>\s+end(?:ed|ing)\b)?)"),
    "year_ago": (r"(?:the\s+)?(?:comparable\s+)?(?P<adj>year-earlier|year-ago|year-before|"
                 r"prior-year|year-end|year\s+end|year['’]s\s+end)(?:\s+(?P<what>period|quarter|(?:{ORD})\s+quarter|"
                 r"(?:{NUM})\s+months))?"),
    "year_word": r"(?:the\s+year\s+)?(?P<yw>{YEARW})(?![\s-]+(?:{UNIT}|people|dollars))",
    "season": (r"(?:(?:this\s+)?(?P<rel>last|next|this|coming|past|previous)\s+|(?:the\s+)?"
               r"(?P<edge>early|late|mid-?)\s*|the\s+)?(?P<season>{SEASON})"
               r"(?:\s+(?:of\s+)?(?:(?P<y>{YEAR})|(?P<yw>{YEARW})))?\b"),
    "clock": (r"(?:(?P<pre>at|around|about|by|until|before|after|from)\s+)?(?P<t>(?P<h>[0-2]?\d)"
              r"(?:[:.](?P<mi>[0-5]\d)(?::[0-5]\d)?)?\s*(?P<ap>{AP})(?:\s+(?P<tz>{TZ}))?)"),
    "clock24": r"(?P<h>[0-2]?\d):(?P<mi>[0-5]\d)(?:\s+(?P<tz>{TZ})|\s*(?:h|hours|hrs)\b)",
    "oclock": r"(?P<hw>{NUM})\s+o['’]clock",
    "noon": r"(?:12\s+)?(?P<word>noon|midnight|midday)",
    "all_unit": r"all\s+(?P<unit>day|night|week|month|year|morning|afternoon|evening)(?:\s+long)?",
    "set": (r"(?P<every>every|each)\s+(?:(?P<other>other)\s+)?(?:(?P<num>{NUM})\s+)?"
            r"(?P<unit>{UNIT}|{WD}|{MONF}|{SEASON}|{POD})"),
    "set_adv": (r"(?P<adv>daily|weekly|monthly|yearly|annually|quarterly|hourly|nightly|"
                r"biweekly|semiannually|biannually)"),
    "set_per": (r"(?:once|twice|thrice|(?:{NUM})\s+times)\s+(?P<t>(?:a|an|per|each)\s+"
                r"(?P<unit>{UNIT}))"),
    "holiday": r"(?:(?P<rel>last|next|this)\s+)?(?P<hol>{HOL})(?:\s+(?P<y>{YEAR}))?",
}

# phrases for "ref"; kept here (not in the lexicon file) because each is a fixed TimeML value
_REF_LISTS = ("present_words", "past_words", "future_words")
_REF_VALUES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")


@lru_cache(maxsize=1)
def compiled_rules() -> list[tuple[str, re.Pattern]]:
    """Every rule compiled once, in declaration order."""
    pieces = _pieces()
    lex = lexicon()
    pieces["REFS"] = _alt([w for name in _REF_LISTS for w in lex[name]])
    rules = []
    for name, pattern in _RULES.items():
        source = re.sub(r"\{([A-Z]+)\}", lambda m: pieces[m.group(1)], pattern)
        # not inside a word or an identifier ("F-16"); "1990-1995" still gives two years
        regex = re.compile(rf"(?<![\w'’])(?<![A-Za-z]-)(?:{source})(?![\w])", re.IGNORECASE)
        rules.append((name, regex))
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
    if "t" in groups:
        return Candidate(match.start("t"), match.end("t"), name, groups)
    return Candidate(match.start(), match.end(), name, groups)


def find_candidates(text: str) -> list[Candidate]:
    """All expressions in ``text``, longest first where rules overlap, in text order."""
    found = [_candidate(name, m) for name, regex in compiled_rules() for m in regex.finditer(text)
             if name != "year_word" or not _inside_cardinal(text, m.start(), m.end())]
    found.sort(key=lambda c: (-(c.end - c.start), c.start))
    taken: list[Candidate] = []
    for cand in found:
        if all(cand.end <= t.start or cand.start >= t.end for t in taken):
            taken.append(cand)
    taken.sort(key=lambda c: c.start)
    return _merge_day_and_clock(text, taken)


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


_JOIN = re.compile(r"^(?:\s*,?\s*(?:on|at|of)?\s*|\s*,\s*)$", re.IGNORECASE)
_DAYLIKE = {"mdy", "dmy", "iso", "slash", "weekday", "deictic", "pod", "holiday"}
_CLOCKS = {"clock", "clock24", "oclock", "noon"}


def _merge_day_and_clock(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Join "5 p.m. Tuesday" / "Tuesday at 5 p.m." into one TIME expression."""
    merged: list[Candidate] = []
    for cand in cands:
        prev = merged[-1] if merged else None
        if prev and _JOIN.match(text[prev.end:cand.start]) and (
                (prev.rule in _DAYLIKE and cand.rule in _CLOCKS)
                or (prev.rule in _CLOCKS and cand.rule in _DAYLIKE)):
            day, clock = (prev, cand) if prev.rule in _DAYLIKE else (cand, prev)
            merged[-1] = Candidate(prev.start, cand.end, "day_clock", {}, [day, clock])
            continue
        merged.append(cand)
    return merged
