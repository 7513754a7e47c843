"""Units and currencies written next to a number, normalized.

Lexicons: ``data/units.tsv`` (surface -> unit symbol such as "km", "degC", "percent") and
``data/currencies.tsv`` (surface -> ISO 4217 code, written before or after the number).

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

# words after which "in" is a preposition, not inches ("2 in my car", "30 in 2013")
_NOT_INCH_NEXT = re.compile(
    r"\s*(?:the|a|an|my|his|her|its|their|our|your|this|that|these|those|each|every|all|"
    r"total|order|which|what|turn|fact|part|place|time|case|january|february|march|april|"
    r"may|june|july|august|september|october|november|december)\b", re.IGNORECASE)
_NOT_INCH_CAPITAL = re.compile(r"\s*[A-Z0-9]")
_RATE_ALIASES = {"km/hour": "km/h", "mi/hour": "mph", "m/second": "m/s", "m/s": "m/s"}
_SCALE_BEFORE_POUNDS = re.compile(r"(?:million|billion|trillion|bn|m)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Surface:
    """One way of writing a unit: its text, normalized unit and dimension."""

    text: str
    unit: str
    dimension: str
    exact: bool  # match case-sensitively (symbols, abbreviations)


def _read_table(name: str) -> list[list[str]]:
    text = resources.files("factwire.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


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
    return _surfaces(_read_table("units.tsv"))


@lru_cache(maxsize=1)
def currency_surfaces() -> tuple[tuple[Surface, ...], tuple[Surface, ...]]:
    """Currency surfaces written (before, after) a number, longest first."""
    rows = _read_table("currencies.tsv")
    before = [Surface(t, code, "money", True) for t, code, pos in rows if pos in ("before", "both")]
    after = _surfaces([[t, code, "money"] for t, code, pos in rows if pos in ("after", "both")])
    return tuple(sorted(before, key=lambda s: -len(s.text))), after


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
    for surface in surfaces:
        if _starts_with(text, pos, surface):
            return surface
    return None


def _unit_start(text: str, end: int) -> int:
    """Where a unit after the number at ``end`` may start: after one space or hyphen."""
    if text[end:end + 1] in (" ", "-", "\u00a0"):
        return end + 1
    return end


def unit_after(text: str, end: int, spelled: bool = False) -> tuple[str, int] | None:
    """The unit written right after a number ending at ``end``, and where it ends.

    ``spelled``: the number was written in words, so one-letter symbols do not count
    ("five m" is not five metres).
    """
    pos = _unit_start(text, end)
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
    return surface.unit, stop


def _plausible(text: str, pos: int, surface: Surface, spelled: bool, end: int) -> bool:
    """Reject short symbols that are ordinary words or letters here."""
    short = surface.exact and len(surface.text) <= 2 and surface.text.isalpha()
    if short and ((spelled and len(surface.text) == 1) or text[end:pos] == "-"):
        return False
    stop = pos + len(surface.text)
    if surface.text == "in":
        return not (_NOT_INCH_NEXT.match(text, stop) or _NOT_INCH_CAPITAL.match(text, stop))
    if short and surface.text.isupper() and len(surface.text) == 1:
        # "30 C outside", "10 A" would be rare; a capital starting a next word is not a unit
        if surface.text not in "LCFKW":
            return not re.match(r"\s*[a-z]", text[stop:stop + 3])
        # "13F filing", "Boeing 777F", "PA 23456 F Block", "14.7C/share" are codes
        attached = pos == end
        follows = text[stop:stop + 3]
        return not (re.match(r"\s*[A-Z/]", follows) or (attached and re.match(r" \w", follows)))
    if surface.text == '"':
        return not spelled and pos == end  # '8"' is inches; '787 "' closes a quotation
    if surface.text == "s":
        return pos != end  # "1990s", "777s" are decades and plurals of names
    return True


def per_unit(text: str, pos: int) -> tuple[str, int] | None:
    """ "/hour", " per kg", "/min": a unit a rate is expressed per."""
    match = re.match(r"\s?(?:/|per\s)\s?", text[pos:pos + 6])
    if match is None:
        return None
    start = pos + match.end()
    surface = _match_at(text, start, unit_surfaces())
    if surface is None:
        return None
    return surface.unit, start + len(surface.text)


def currency_before(text: str, start: int) -> tuple[str, int] | None:
    """The ISO 4217 code of a currency written right before ``start`` ("$", "US$ ", "€")."""
    before, _ = currency_surfaces()
    for gap in (0, 1):
        pos = start - gap
        if gap and text[pos:start] not in (" ", "\u00a0"):
            continue
        for surface in before:
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
    per = per_unit(text, stop)
    if per is not None:
        return surface.unit + "/" + per[0], per[1]
    return surface.unit, stop


ARTICLE_UNIT_EXCLUDED = {"year", "month", "week", "day", "hour", "minute", "s", "decade",
                         "century", "times", "percent", "pp", "bp", "deg", "ton", "in"}


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


def unit_of(text: str, number, end: int | None = None) -> tuple[str | None, int, int]:
    """(unit, start, end) of a number with the currency before it or the unit after it.

    ``number`` has ``start``, ``end``, ``text`` and ``spelled``; ``end`` overrides where
    the number ends (past an uncertainty). Without a unit, the number's own span.
    """
    end = number.end if end is None else end
    before = currency_before(text, number.start)
    if before is not None:
        per = per_unit(text, number.end)
        if per is not None:
            return f"{before[0]}/{per[0]}", before[1], per[1]
        return before[0], before[1], end
    found = currency_after(text, end) or unit_after(text, end, number.spelled)
    if found is None:
        return None, number.start, end
    unit, stop = found
    if unit == "lb" and "pound" in text[end:stop].lower() and pounds_are_money(number.text):
        unit = "GBP"
    return unit, number.start, stop
