"""What is written around a number: its unit or currency, or the month, clock suffix or
name that makes it no quantity at all.

Lexicons: ``data/units.tsv`` (surface -> unit symbol such as "km", "degC", "percent"),
``data/currencies.tsv`` (surface -> ISO 4217 code, written before or after the number),
``quantities_name_cues.txt`` ("Flight 370") and ``quantities_idioms.tsv`` ("one of").

>>> unit_after("5 km away", 1)
('km', 4)
>>> currency_before("paid US$ 40", 9)
('USD', 5)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from factwire.nlp.doc import time_id_of
from factwire.nlp.quantity_words import MEMORY_K

if TYPE_CHECKING:
    from factwire.nlp.numbers import NumberMatch

# "in" after a number is the preposition ("2 in my car", "30 in 2013", "316 mln in after-tax
# earnings", "nil in qtr") unless it ends the measure: before punctuation or the end, a
# dimension word ("2 1/2 in thick"), "x" ("10 in x 12 in") or "of rain/snow"
_INCH_NEXT = re.compile(
    r"\s*(?:$|[.,;:!?()\[\]\"'/]|[x×]\s*\d|(?:thick|thin|long|wide|tall|high|deep|across|"
    r"in diameter|of (?:rain|snow|rainfall|snowfall))\b)", re.IGNORECASE)
_FEET_BEFORE = re.compile(r"\d\s*(?:ft|feet|foot)\s+(?:and\s+)?\d+(?:\.\d+)?$")  # "12 ft 2 in"
_RATE_ALIASES = {"km/hour": "km/h", "mi/hour": "mph", "m/second": "m/s", "m/s": "m/s"}
_SCALE_BEFORE_POUNDS = re.compile(r"(?:million|billion|trillion|bn|m)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Surface:
    """One way of writing a unit: its text, normalized unit and dimension."""

    text: str
    unit: str
    dimension: str
    exact: bool  # match case-sensitively (symbols, abbreviations)


def _plurals(word: str) -> list[str]:
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return [word, word[:-1] + "ies"]
    if word.endswith(("s", "x", "ch", "sh")):
        return [word, word + "es"]
    return [word, word + "s"]


def _is_word(text: str) -> bool:
    """Unit words ("day", "metre", "degrees Celsius") match in any case and take plurals;
    symbols ("km", "kWh", "MB") match exactly."""
    letters = text.replace(" ", "").replace("-", "")
    return letters.isalpha() and (" " in text or (len(text) >= 3 and text.islower()))


def _surfaces(rows: list[list[str]]) -> tuple[Surface, ...]:
    out = []
    for text, unit, dimension in rows:
        if _is_word(text):
            head, _, rest = text.partition(" ")
            forms = _plurals(text)
            if rest:  # "degrees Celsius", "kilowatt hours": either word may take the plural
                forms += [h + " " + rest for h in _plurals(head)[1:]]
            out += [Surface(form, unit, dimension, False) for form in dict.fromkeys(forms)]
        else:
            out.append(Surface(text, unit, dimension, True))
    return tuple(sorted(out, key=lambda s: -len(s.text)))


@lru_cache(maxsize=1)
def unit_surfaces() -> tuple[Surface, ...]:
    """Every unit surface, longest first."""
    return _surfaces(lexicon_rows("units.tsv"))


_CODE_WORDS = frozenset({"cad", "rub"})


@lru_cache(maxsize=1)
def currency_surfaces() -> tuple[tuple[Surface, ...], tuple[Surface, ...]]:
    """Currency surfaces written (before, after) a number, longest first."""
    rows = lexicon_rows("currencies.tsv")
    before = [Surface(t, code, "money", True) for t, code, pos in rows if pos in ("before", "both")]
    after_rows = [[t, code, "money"] for t, code, pos in rows if pos in ("after", "both")]
    # codes are written in capitals, and informally in lower case after the figure ("20
    # usd", "40 rmb"), except those that are English words ("a cad", "rub")
    after_rows += [[t.lower(), code, "money"] for t, code, _ in after_rows
                   if re.fullmatch(r"[A-Z]{3}", t) and t.lower() not in _CODE_WORDS]
    after = _surfaces(after_rows)
    return tuple(sorted(before, key=lambda s: -len(s.text))), after


@lru_cache(maxsize=1)
def _dimensions() -> dict[str, str]:
    dims = {s.unit: s.dimension for s in unit_surfaces()}
    dims.update({s.unit: "money" for group in currency_surfaces() for s in group})
    dims.update(_READ_UNITS)
    return dims


# units read from context rather than written: degrees of a temperature whose scale the
# text leaves out, and kibiwords of computer memory ("32K word core memory")
_READ_UNITS = {"degT": "temperature", "Kiword": "information"}


def dimension_of(unit: str) -> str | None:
    """What a unit measures: "km" -> "length", "USD" and "USD/hour" -> "money"."""
    return _dimensions().get(unit.split("/")[0])


def _starts_with(text: str, pos: int, surface: Surface) -> bool:
    chunk = text[pos:pos + len(surface.text)]
    same = chunk == surface.text if surface.exact else chunk.lower() == surface.text.lower()
    if not same:
        return False
    end = pos + len(surface.text)
    if end < len(text) and (text[end].isalnum() or text[end] in "²³") and surface.text[-1].isalnum():
        return False
    # "L-202", "A-4": a letter joined to a code is not a unit
    return not (surface.exact and re.match(r"[-–]\w", text[end:end + 2]))


def _match_at(text: str, pos: int, surfaces: tuple[Surface, ...]) -> Surface | None:
    """The longest surface written at ``pos``."""
    if pos >= len(text):
        return None
    entries = _by_first_letter(surfaces).get(text[pos].lower())
    if not entries:
        return None
    # a surface can only match where the lower-cased text starts with it: test that on
    # one lower-cased chunk before the exact comparison
    head = text[pos:pos + entries[0][0]].lower()
    for _, lowered, surface in entries:
        if head.startswith(lowered) and _starts_with(text, pos, surface):
            return surface
    return None


_INDEXES: dict[int, dict[str, list[tuple[int, str, Surface]]]] = {}


def _by_first_letter(surfaces: tuple[Surface, ...]) -> dict[str, list[tuple[int, str, Surface]]]:
    """Surfaces by their first letter, as (length of the group's longest surface, surface
    in lower case, surface), longest first (keyed by the cached tuple's identity: hashing
    400 dataclasses on every lookup would cost more than the scan it saves)."""
    index = _INDEXES.get(id(surfaces))
    if index is None:
        groups: dict[str, list[Surface]] = {}
        for surface in surfaces:  # already longest first
            groups.setdefault(surface.text[0].lower(), []).append(surface)
        index = {}
        for first, group in groups.items():
            longest = max(len(s.text) for s in group)
            index[first] = [(longest, s.text.lower(), s) for s in group]
        _INDEXES[id(surfaces)] = index
    return index


def _unit_start(text: str, end: int) -> int:
    """Where a unit after the number at ``end`` may start: after one space or hyphen."""
    gap = re.match(r"\r?\n|\s|-", text[end:end + 2])
    return end + len(gap.group()) if gap else end


def unit_after(text: str, end: int, spelled: bool = False) -> tuple[str, int] | None:
    """The unit written right after a number ending at ``end``, and where it ends.

    ``spelled``: the number was written in words, so one-letter symbols do not count
    ("five m" is not five metres).
    """
    pos = _unit_start(text, end)
    memory = MEMORY_K.match(text, pos) if text.startswith("K", pos) else None
    if memory is not None:  # "32K word core memory": 32 kibiwords
        return ("Kiword" if memory.group("words") else "KiB"), memory.end()
    surface = _match_at(text, pos, unit_surfaces())
    if surface is None and pos != end:
        surface = _match_at(text, end, unit_surfaces())
        pos = end
    if surface is None or not _plausible(text, pos, surface, spelled, end):
        return None
    stop = pos + len(surface.text)
    per = per_unit(text, stop)
    if per is not None:
        rate = surface.unit + "/" + per[0]
        return _RATE_ALIASES.get(rate, rate), per[1]
    scale = _DEGREE_SCALE.match(text, stop) if surface.unit == "deg" else None
    if scale is not None:  # "−273.15° on the Celsius scale"
        return ("degF" if scale.group(1).lower().startswith("f") else "degC"), stop
    if surface.unit == "deg" and _temperature_sentence(text, end, stop):
        return "degT", stop
    return surface.unit, stop


# words that make degrees without a scale a temperature: "the temperature is 24 degrees",
# "set the thermostat to 85°", "highs of 30 degrees", "minus 10 degrees"; angles are
# turned, rotated or tilted ("rotate 90°", "a 45 degrees angle")
_TEMPERATURE_WORDS = re.compile(
    r"\b(?:temperatures?|thermostats?|thermometers?|fever|hot|hotter|hottest|cold|colder|"
    r"coldest|warm|warmer|warmest|heat|heatwave|cool|cooler|chilly|freezing|frost|weather|"
    r"forecasts?|highs?|lows?|minus|(?:above|below) (?:zero|freezing))\b", re.IGNORECASE)
_ANGLE_WORDS = re.compile(
    r"\b(?:angles?|rotat\w*|turn(?:s|ed|ing)?|tilt\w*|latitude|longitude|slopes?|inclin\w*|"
    r"bearing|arcs?|compass)\b", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.!?;]\s|\n\s*\n")


def _temperature_sentence(text: str, start: int, end: int) -> bool:
    """Degrees at [start, end) measure a temperature: the sentence around them speaks of
    temperature and not of an angle."""
    left = text[max(0, start - 100):start]
    breaks = list(_SENTENCE_BREAK.finditer(left))
    left = left[breaks[-1].end():] if breaks else left
    right = text[end:end + 80]
    stop = _SENTENCE_BREAK.search(right)
    sentence = left + " " + (right[:stop.start()] if stop else right)
    return _TEMPERATURE_WORDS.search(sentence) is not None and \
        _ANGLE_WORDS.search(sentence) is None


_DEGREE_SCALE = re.compile(r"\s+on\s+the\s+(Celsius|centigrade|Fahrenheit)\s+scale\b",
                           re.IGNORECASE)
_NAME_BEFORE = re.compile(r"\b[A-Z][\w-]*\s+[\d.,]+$")
# a temperature written with a sign or decimals right before "C"/"F": "-3C", "21.5C"
_SIGNED_OR_DECIMAL = re.compile(r"(?:^|[^\w.])[-−]\d+(?:\.\d+)?$|\d\.\d+$")


def _plausible(text: str, pos: int, surface: Surface, spelled: bool, end: int) -> bool:
    """Reject short symbols that are ordinary words or letters here."""
    short = surface.exact and len(surface.text) <= 2 and surface.text.isalpha()
    if short and ((spelled and len(surface.text) == 1) or text[end:pos] == "-"):
        return False
    stop = pos + len(surface.text)
    if surface.text == "in":
        return _INCH_NEXT.match(text, stop) is not None or \
            _FEET_BEFORE.search(text, max(0, end - 30), end) is not None
    if short and surface.text.isupper() and len(surface.text) == 1:
        # "30 C outside", "10 A" would be rare; a capital starting a next word is not a unit
        if surface.text not in "LCFKW":
            return not re.match(r"\s*[a-z]", text[stop:stop + 3])
        if per_unit(text, stop) is not None:
            return True  # "1e-3 W/min"
        # "13F filing", "Boeing 777F", "PA 23456 F Block", "14.7C/share" are codes; "-3C
        # overnight", "21.5C today" are temperatures
        attached = pos == end and not _SIGNED_OR_DECIMAL.search(text, max(0, end - 12), end)
        follows = text[stop:stop + 3]
        initials = re.match(r"\.\s?[A-Za-z]\.", text[stop:stop + 4])  # "2021 C.P.I."
        if initials:
            return False
        code = re.match(r"\s*[A-Z/]", follows) or (attached and re.match(r" \w", follows))
        # ... unless the sentence speaks of temperature: "Temperatures reached 40C on Tuesday"
        # (not after a name: "the Boeing 777F freighter in hot weather")
        named = _NAME_BEFORE.search(text, max(0, end - 40), end)
        return not code or (surface.text in "CF" and not named and
                            _temperature_sentence(text, end, stop))
    if surface.text == '"':
        # '8"' and '10 " long' are inches; '787 "' and '"English 101"' close a quotation
        # (an odd count of straight quotes on the line before it); '10 "best"' and '787 "
        # Dreamliner "' open one (a quote mark follows on the line)
        line_start = text.rfind("\n", 0, end) + 1
        line_end = text.find("\n", pos)
        spaced = text[end:pos] == " " and not text[pos + 1:pos + 2].isalnum() and \
            '"' not in text[pos + 1:line_end if line_end >= 0 else len(text)]
        return not spelled and (pos == end or spaced) and \
            text.count('"', line_start, end) % 2 == 0
    if surface.text == "s":
        return pos != end  # "1990s", "777s" are decades and plurals of names
    return True


def per_unit(text: str, pos: int) -> tuple[str, int] | None:
    """ "/hour", " per kg", "/min": a unit a rate is expressed per."""
    match = re.match(r"\s?(?:/|per\s|an?\s(?=(?:year|month|week|day|hour)\b))\s?",
                     text[pos:pos + 6])
    if match is None:
        return None
    start = pos + match.end()
    surface = _match_at(text, start, unit_surfaces())
    if surface is None:
        return None
    return surface.unit, start + len(surface.text)


@lru_cache(maxsize=1)
def _before_by_last_char() -> dict[str, tuple[Surface, ...]]:
    """Currency surfaces written before a number, by their last character (upper case),
    longest first: a number is preceded by a currency only when that character is."""
    index: dict[str, list[Surface]] = {}
    for surface in currency_surfaces()[0]:
        index.setdefault(surface.text[-1].upper(), []).append(surface)
    return {char: tuple(surfaces) for char, surfaces in index.items()}


def is_unit_word(text: str, start: int, end: int) -> bool:
    """Whether the word at [start, end) is a unit or currency written out ("pct", "dlrs",
    "tonnes", "km")."""
    found = currency_after(text, start) or unit_after(text, start)
    return found is not None and found[1] >= end


def currency_before(text: str, start: int) -> tuple[str, int] | None:
    """The ISO 4217 code of a currency written right before ``start`` ("$", "US$ ", "€")."""
    index = _before_by_last_char()
    for gap in (0, 1):
        pos = start - gap
        if pos <= 0 or (gap and not text[pos:start].isspace()):
            continue
        for surface in index.get(text[pos - 1].upper(), ()):
            begin = pos - len(surface.text)
            if begin >= 0 and text[begin:pos].upper() == surface.text.upper() and \
                    (begin == 0 or not text[begin - 1].isalpha() or not surface.text[0].isalpha()):
                return surface.unit, begin
    return None


def currency_after(text: str, end: int) -> tuple[str, int] | None:
    """The currency named right after a number ("40 billion yuan", "15 euros")."""
    _, after = currency_surfaces()
    pos = _unit_start(text, end)
    surface = _match_at(text, pos, after)
    if surface is None:
        return None
    stop = pos + len(surface.text)
    if surface.text.lower() == "won" and re.match(r"\s+(?:the|a|an)\b", text[stop:stop + 5]):
        return None
    if not surface.text[0].isalpha() and text[stop:stop + 1].isdigit():
        return None  # "5 $10 bills": the symbol is the next figure's
    per = per_unit(text, stop)
    if per is not None:
        return surface.unit + "/" + per[0], per[1]
    return surface.unit, stop


@lru_cache(maxsize=1)
def currency_codes() -> frozenset[str]:
    """Every ISO 4217 code the currency lexicon writes."""
    return frozenset(s.unit for group in currency_surfaces() for s in group)


_SCALE_WORDS = {"million": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_SCALE_AFTER_CODE = re.compile(r"\s+(million|mn|billion|bn|trillion)\b", re.IGNORECASE)
_MILLION_CODE_AFTER = re.compile(r" ?M([A-Z]{3})\b")
_MILLION_CODE_BEFORE = re.compile(r"\bM([A-Z]{3}) ?$")


def currency_scale(text: str, start: int, end: int, unit: str | None):
    """Money written with its scale after the currency, (unit, factor, start, end) or None:
    "75 USD million", and the finance convention of an M before the ISO code for
    millions ("30 MUSD", "MAUD 60")."""
    codes = currency_codes()
    if unit is None:
        after = _MILLION_CODE_AFTER.match(text, end)
        if after and after.group(1) in codes:
            return after.group(1), 1e6, start, after.end()
        before = _MILLION_CODE_BEFORE.search(text, max(0, start - 6), start)
        if before and before.group(1) in codes:
            return before.group(1), 1e6, before.start(), end
        return None
    if unit not in codes or not text[start:end].rstrip().endswith(unit):
        return None
    scale = _SCALE_AFTER_CODE.match(text, end)
    if scale is None:
        return None
    return unit, _SCALE_WORDS[scale.group(1).lower()], start, scale.end()


ARTICLE_UNIT_EXCLUDED = {"year", "month", "week", "day", "hour", "minute", "s", "decade",
                         "century", "times", "percent", "pp", "bp", "deg", "degT", "ton",
                         "in", "bit"}  # "a bit" is "somewhat"


def unit_after_article(text: str, end: int) -> tuple[str, int] | None:
    """ "a gallon", "a penny", "a mile": the article counts one of a unit (not "an hour")."""
    found = currency_after(text, end) or unit_after(text, end, spelled=True)
    if found is None or found[0] in ARTICLE_UNIT_EXCLUDED or found[0] in ("won", "KRW"):
        return None
    return found


def pounds_are_money(number_text: str) -> bool:
    """ "20 million pounds" is sterling; "a twenty-pound bag" is weight."""
    return bool(_SCALE_BEFORE_POUNDS.search(number_text))


def is_uncertainty(text: str, end: int, next_start: int) -> bool:
    """ "2,000.45±0.01": the second number is the first one's margin."""
    return re.fullmatch(r"\s*(?:±|\+/-|\+-)\s*", text[end:next_start]) is not None


_OPEN_BRACKET = re.compile(r" ?[(\[{<]")
_CLOSING = {"(": ")", "[": "]", "{": "}", "<": ">"}


def _bracketed_unit(text: str, end: int, spelled: bool) -> tuple[str, int] | None:
    """A unit alone in brackets after the number, as in tables and specs: "20 (kg)",
    "20 [kg]"; the bracket must close right after the unit."""
    opening = _OPEN_BRACKET.match(text, end)
    if opening is None:
        return None
    found = currency_after(text, opening.end()) or \
        unit_after(text, opening.end(), spelled)
    if found is None or text[found[1]:found[1] + 1] != _CLOSING[opening.group().strip()]:
        return None
    return found[0], found[1] + 1


def unit_of(text: str, number, end: int | None = None,
            floor: int = 0) -> tuple[str | None, int, int]:
    """(unit, start, end) of a number with the currency before it or the unit after it.

    ``number`` has ``start``, ``end``, ``text`` and ``spelled``; ``end`` overrides where
    the number ends (past an uncertainty); ``floor``: where the previous figure ends: a
    currency written after that figure is this one's only when none follows this one ("10
    rmb 20 usd", "10 $ 30 $"; but "17 USD 25" is 17.25 USD). Without a unit, the number's
    own span.
    """
    end = number.end if end is None else end
    before = currency_before(text, number.start)
    if before is not None and before[1] < floor and currency_after(text, end) is not None:
        before = None
    if before is not None:
        per = per_unit(text, number.end)
        if per is not None:
            return f"{before[0]}/{per[0]}", before[1], per[1]
        return before[0], before[1], end
    found = currency_after(text, end) or unit_after(text, end, number.spelled) or \
        _bracketed_unit(text, end, number.spelled)
    if found is None:
        return None, number.start, end
    unit, stop = found
    if unit == "lb" and "pound" in text[end:stop].lower() and pounds_are_money(number.text):
        unit = "GBP"
    return unit, number.start, stop


# --- numbers that date, time or name something instead of counting -------------------

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
          "jul", "aug", "sep", "sept", "oct", "nov", "dec")
_MONTH_RE = "|".join(MONTHS)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_BEFORE = re.compile(rf"\b(?:{_MONTH_RE})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\s*"
                         r"(?:,|and|or|to|through|-|–)\s*$", re.IGNORECASE)
_CLOCK_AFTER = re.compile(r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock|GMT|UTC|[AP]M\b)")
_TIME_UNIT_AGO = re.compile(
    r"[\s-]+(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries)"
    r"\s+(?:ago|earlier|later|before|after|from now|hence|prior)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def name_cues() -> frozenset[str]:
    """``data/quantities_name_cues.txt``: words after which a number is a name."""
    return frozenset(lexicon_words("quantities_name_cues.txt"))


@lru_cache(maxsize=1)
def idioms() -> dict[str, set[str]]:
    """``data/quantities_idioms.tsv``: number word -> the next words (or "<"+previous)."""
    out: dict[str, set[str]] = {}
    for word, context in lexicon_rows("quantities_idioms.tsv"):
        out.setdefault(word, set()).add(context)
    return out


def lexicon_words(name: str) -> list[str]:
    """A lexicon of one word a line (``#`` lines are comments)."""
    return [row[0].strip() for row in lexicon_rows(name)]


def lexicon_rows(name: str) -> list[list[str]]:
    """A tab-separated lexicon in ``factwire/data`` (``#`` lines are comments)."""
    text = resources.files("factwire.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


def is_date_or_time(doc: Doc, text: str, number: NumberMatch, unit: str | None) -> bool:
    """Years, days of months, clock times and "three years ago" are times, not quantities."""
    before = text[max(0, number.start - 12):number.start]
    after = text[number.end:number.end + 12]
    clock = re.fullmatch(r"\d{1,2}(?:[.:]\d\d)?", number.text)
    if clock and _CLOCK_AFTER.match(after) and number.value is not None and number.value <= 24:
        return True
    if re.match(r"^:\d", after) or re.search(r"\d:$|\d{4}[-–]$", before):
        return True
    if re.fullmatch(r"\d\d", number.text) and re.search(r"(?:^|[\s(])['’‘]$", before):
        return True  # "iLife '11", "the class of '85": a year with its century left out
    if unit is not None and unit not in ("year", "month", "week", "day", "hour", "minute"):
        return False
    if _TIME_UNIT_AGO.match(after):
        return True
    if number.spelled or number.value is None or number.kind != "cardinal":
        return False
    if re.search(rf"\b(?:{_MONTH_RE})\.?\s*$", before, re.IGNORECASE) or \
            re.match(rf"\s*(?:of\s+)?(?:{_MONTH_RE})\b", after, re.IGNORECASE):
        return number.value <= 31 or 1000 <= number.value <= 2100
    if number.value <= 31 and _DAY_BEFORE.search(text, max(0, number.start - 24), number.start):
        return True  # "between Feb 11 and 19", "March 3-5": the second day of the month
    if re.match(r"^/\d", after) or re.search(r"\d/$", before) or \
            (len(number.text) == 4 and re.match(r"^[-–]\d\d\b", after)):
        return True
    return is_year(doc, text, number)


def is_year(doc: Doc, text: str, number: NumberMatch) -> bool:
    """A bare four-digit 1000-2100 with a year cue, or not counting anything."""
    if not re.fullmatch(r"\d{4}", number.text) or not 1000 <= number.value <= 2100:
        return False
    after = text[number.end:number.end + 3]
    if after.startswith(("s", "'s", "’s")):
        return True
    before = text[max(0, number.start - 12):number.start]
    # "1986 results", "in 2022": an unformatted 1000-2100 is a year unless a bound says
    # it is a count ("more than 2000", "some 1500"); counts are written "2,000" in news
    return not re.search(r"\b(?:than|about|some|nearly|almost|over|up to|at least|around)\s*$", before)


_DEFINITE = re.compile(r"\b(?:the|these|those|both)\s+$", re.IGNORECASE)


def is_reference(text: str, number: NumberMatch, unit: str | None) -> bool:
    """ "the two companies", "these three countries": a small spelled number after a
    definite determiner points back to things already named; it claims no figure (not "the
    two-year contract", a duration, nor "the 43 victims", written as a figure)."""
    return number.spelled and unit is None and number.value is not None and \
        2 <= number.value <= 10 and number.kind == "cardinal" and \
        text[number.end:number.end + 1] == " " and \
        _DEFINITE.search(text, max(0, number.start - 8), number.start) is not None


def is_idiom(doc: Doc, text: str, number: NumberMatch, unit: str | None = None) -> bool:
    """ "one of its largest", "no one", "one day", "the one": not numeric claims ("that one
    mile", with a unit, counts)."""
    if re.match(r"-for-", text[number.end:number.end + 5]) or \
            re.search(r"-for-$", text[max(0, number.start - 5):number.start]):
        return True  # "a two-for-one split"
    word = number.text.lower()
    table = idioms()
    if word not in table:
        return False
    token = token_at(doc, number.start)
    if token is None:
        return False
    nxt = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
    prev = doc[token.i - 1].lower_ if token.i > 0 else ""
    contexts = table[word]
    if nxt in contexts or (f"<{prev}" in contexts and unit is None):
        return True
    # "one" as a pronoun: it heads its own phrase instead of counting a noun
    return token.dep_ not in ("nummod", "quantmod", "compound") and not _unit_follows(doc, token)


def _unit_follows(doc: Doc, token: Token) -> bool:
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return nxt is not None and nxt.pos_ == "NOUN" and nxt.head.i == token.i


def in_identifier(doc: Doc, text: str, number: NumberMatch, unit: str | None,
                  end: int) -> bool:
    """ "COVID-19", "F-16", "I7-860BOX", "Apollo 11", URLs: numbers inside names or codes."""
    before = text[max(0, number.start - 2):number.start]
    after = text[number.end:number.end + 1] if end == number.end else ""
    cue = re.search(r"(\w+\.?)\s*$", text[max(0, number.start - 16):number.start])
    if unit is None and cue and cue.group(1).lower() in name_cues():
        return True  # "version 3.0", "Flight 370", "No. 1", "number one"
    if number.spelled:
        return False
    if re.search(r"[A-Za-z][-−]$|[/#@_^]$|\d[+]$|\d\.$", before) or after in ("/", "_", "@") or \
            after.isalpha() or re.match(r"\.\d", text[number.end:number.end + 2]) or \
            re.search(r"[A-Za-z]\w*\d[-−]$", text[max(0, number.start - 12):number.start]):
        return True  # "F-16", "#5", "192.168.1.2", "v1.2.3", "A330-200"
    token = token_at(doc, number.start)
    if token is None or unit is not None:
        return False
    prev = doc[token.i - 1] if token.i > 0 and token.i > token.sent.start else None
    if prev is None or number.kind == "fraction":
        return False  # models are named "the 787", "iPhone 3.0", never "a 2½' field"
    return _names_a_model(doc, token, prev, number.text.isdigit())


def _names_a_model(doc: Doc, token: Token, prev: Token, bare: bool) -> bool:
    """ "Boeing 787 Dreamliner", "iPhone 4", "the 787": a number naming a product.

    ``bare``: the number is digits alone (not "14 mln")."""
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    counts_noun = token.dep_ in ("nummod", "quantmod") and token.head.i > token.i and \
        token.head.tag_ in ("NNS", "NN") and (nxt is None or nxt.tag_ != "NNP")
    proper = prev.pos_ == "PROPN" and prev.lower_ not in MONTHS and \
        prev.lower_ not in WEEKDAYS and time_id_of(prev) is None
    if proper and bare and prev.text[:1].isupper() and prev.i > prev.sent.start and \
            token.idx == prev.idx + len(prev.text) + 1:
        return True  # "four Rolls-Royce Trent 900 engines": the name, even before a noun
    if counts_noun:
        return False
    if proper:
        return True
    named_next = nxt is not None and nxt.tag_ == "NNP" and nxt.lower_ not in MONTHS
    return prev.lower_ in ("the", "its", "their", "this", "that", "a") and \
        (named_next or nxt is None or nxt.pos_ in ("VERB", "AUX", "PUNCT", "ADP", "CCONJ"))


def token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None
