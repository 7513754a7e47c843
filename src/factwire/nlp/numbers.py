"""Numbers in English text, in digits and in words, with what they are worth.

``find_numbers`` scans plain text (no parser needed) and returns every number it can read:
"3,000", "1.5m", "2.5bn", "three thousand", "half a million", "a dozen", "two thirds",
"tens of thousands", ordinals ("3rd", "first", flagged so callers can drop them).

>>> [(n.text, n.value) for n in find_numbers("some 1.5 million and a dozen eggs")]
[('1.5 million', 1500000.0), ('a dozen', 12.0)]
"""

from __future__ import annotations

from functools import lru_cache

from factwire.nlp.quantity_fractions import join_ratios, read_spelled_fraction
from factwire.nlp.quantity_words import (  # noqa: F401  (NumberMatch, word_kind: public API)
    UNICODE_FRACTIONS,
    CompoundReader,
    NumberMatch,
    Piece,
    digit_value,
    is_word_at,
    make_span,
    number_words,
    pieces_of,
    word_kind,
)
from factwire.nlp.units import currency_after, unit_after

VAGUE_MULTIPLES = {"tens": (10, 100), "dozens": (24, 100), "hundreds": (100, 1000),
                   "thousands": (1000, 10_000), "millions": (1e6, 1e7),
                   "billions": (1e9, 1e10)}
VAGUE_COUNTS = {"several": (3, 9), "a few": (2, 5), "few": (2, 5), "many": (2, 9)}


def find_numbers(text: str) -> list[NumberMatch]:
    """Every number in ``text``, left to right, not overlapping."""
    pieces = pieces_of(text)
    found: list[NumberMatch] = []
    i = 0
    while i < len(pieces):
        if not _may_start(pieces[i]):
            i += 1  # most words start no number: skip the readers
            continue
        match, nxt = read_number(text, pieces, i)
        if match is None or _pronoun_one(text, pieces, i, match):
            i += 1
            continue
        found.append(match)
        i = nxt
    return join_ratios(text, found)


# words other than number words that may start a number: "a dozen", "half a million",
# "a few hundred", "several thousand", "tens of thousands", "quarter"
_STARTERS = frozenset({"a", "an", "half", "quarter"} | set(VAGUE_MULTIPLES) |
                      set(VAGUE_COUNTS))


def _may_start(piece: Piece) -> bool:
    """Whether any number reader can start at ``piece``: digits, a fraction sign, a number
    word or a starter word (symbols and other words never start a number)."""
    if piece.kind != "word":
        return piece.kind in ("num", "frac")
    return piece.low in _starter_words()


@lru_cache(maxsize=1)
def _starter_words() -> frozenset[str]:
    """The starters and every word ``word_kind`` reads: the lexicon's words and the plurals
    of its ordinals ("thirds"), not "seconds"."""
    table = number_words()
    plurals = {word + "s" for word, (value, kind) in table.items()
               if kind == "ordinal" and value != 2}
    return _STARTERS | frozenset(table) | frozenset(plurals)


# "one" after a determiner is the pronoun: "the one you mentioned", "which one", "that one"
_DETERMINERS = frozenset({"the", "this", "that", "which", "each", "every", "any", "no"})


def _pronoun_one(text: str, pieces: list[Piece], i: int, match: NumberMatch) -> bool:
    """ "that one", "which one": the pronoun, unless a unit it counts follows ("that one
    mile", "the one dollar")."""
    if not (match.text.lower() == "one" and i > 0 and pieces[i - 1].kind == "word" and
            pieces[i - 1].low in _DETERMINERS):
        return False
    found = currency_after(text, match.end) or unit_after(text, match.end, spelled=True)
    return found is None or not text[match.end:found[1]].strip()[:3].isalpha() or \
        found[0] == "in"


def read_number(text: str, pieces: list[Piece], i: int) -> tuple[NumberMatch | None, int]:
    """The number starting at piece ``i`` (and the index after it), or (None, i)."""
    for reader in (_read_vague, _read_digit_fraction, read_spelled_fraction, _read_compound,
                   _read_half_of):
        match, nxt = reader(text, pieces, i)
        if match is not None:
            return _with_sign(text, pieces, i, match), nxt
    return None, i


def _with_sign(text: str, pieces: list[Piece], i: int, match: NumberMatch) -> NumberMatch:
    """Make "-5", "−273.15", "minus five" negative (not the hyphen of "10-15")."""
    if match.value is None or i == 0:
        return match
    prev = pieces[i - 1]
    before = text[prev.start - 1] if prev.start > 0 else " "
    attached = prev.end == match.start and (before.isspace() or before in "([$€£¥")
    if (prev.text in "-−" and attached) or prev.low in ("minus", "negative"):
        if prev.low in ("minus", "negative") or i < 2 or pieces[i - 2].kind != "num":
            return make_span(text, prev.start, match.end, -match.value, match.kind, match.spelled)
    return match


def _read_vague(text: str, pieces: list[Piece], i: int) -> tuple[NumberMatch | None, int]:
    """ "tens of thousands", "hundreds of millions", "dozens", "thousands of", "several hundred"."""
    p = pieces[i]
    if p.kind != "word":
        return None, i
    if p.low in VAGUE_MULTIPLES and is_word_at(pieces, i + 1, "of"):
        nxt = pieces[i + 2] if i + 2 < len(pieces) else None
        scale = word_kind(nxt.low) if nxt is not None and nxt.kind == "word" else None
        low, high = VAGUE_MULTIPLES[p.low]
        if scale and scale[1] in ("scale", "hundred") and nxt.low.endswith("s"):
            return make_span(text, p.start, nxt.end, None, "vague", True,
                         low * scale[0], high * scale[0]), i + 3
        return make_span(text, p.start, p.end, None, "vague", True, low, high), i + 1
    if p.low in ("hundreds", "thousands", "millions", "billions", "dozens") and \
            (i == 0 or word_kind(pieces[i - 1].low) is None and pieces[i - 1].kind != "num"):
        low, high = VAGUE_MULTIPLES[p.low]  # "hundreds more", "thousands marched"
        return make_span(text, p.start, p.end, None, "vague", True, low, high), i + 1
    phrase = p.low if p.low != "a" or not is_word_at(pieces, i + 1, "few") else "a few"
    if phrase in VAGUE_COUNTS:
        j = i + (2 if phrase == "a few" else 1)
        scale = word_kind(pieces[j].low) if j < len(pieces) and pieces[j].kind == "word" else None
        if scale and scale[1] in ("scale", "hundred") and not pieces[j].low.endswith("s"):
            low, high = VAGUE_COUNTS[phrase]
            return make_span(text, p.start, pieces[j].end, None, "vague", True,
                         low * scale[0], high * scale[0]), j + 1
    return None, i


_HALF_BOUNDS = {"than", "nearly", "almost", "about", "around", "roughly", "over", "under",
                "just", "some", "approximately", "least", "most"}


def _read_half_of(text: str, pieces: list[Piece], i: int) -> tuple[NumberMatch | None, int]:
    """ "half" alone is a share when it quantifies a whole: "half of the residents",
    "half the country", "more than half", "nearly half" (not "half-time", "cut in half",
    "half an hour")."""
    p = pieces[i]
    if p.kind != "word" or p.low != "half" or text[max(0, p.start - 1):p.start] == "-" or \
            text[p.end:p.end + 1] == "-":
        return None, i
    bounded = i > 0 and pieces[i - 1].kind == "word" and pieces[i - 1].low in _HALF_BOUNDS
    if is_word_at(pieces, i + 1, "of", "the", "its", "their", "his", "her", "our") or \
            (bounded and not is_word_at(pieces, i + 1, "a", "an")):
        return make_span(text, p.start, p.end, 0.5, "fraction", True), i + 1
    return None, i


def _read_digit_fraction(text: str, pieces: list[Piece], i: int):
    """ "3/4", "2 1/2", "½", "2½" (not dates such as 5/17/2018)."""
    p = pieces[i]
    if p.kind == "frac":
        return make_span(text, p.start, p.end, UNICODE_FRACTIONS[p.text], "fraction"), i + 1
    if p.kind != "num" or not p.text.isdigit() or _slash_at(pieces, i - 1) is not None:
        return None, i
    whole, j = 0.0, i
    if (i + 1 < len(pieces) and pieces[i + 1].kind == "frac"
            and pieces[i + 1].start == p.end):
        value = float(p.text) + UNICODE_FRACTIONS[pieces[i + 1].text]
        return make_span(text, p.start, pieces[i + 1].end, value, "fraction"), i + 2
    if _slash_at(pieces, i + 1) is None and i + 3 < len(pieces) and _slash_at(pieces, i + 2):
        whole, j = float(p.text), i + 1
    elif _hyphen_at(pieces, i + 1) and _slash_at(pieces, i + 3):
        whole, j = float(p.text), i + 2  # "5-1/4 pct": five and a quarter
    slash = _slash_at(pieces, j + 1)
    if slash is None or pieces[j].kind != "num" or not pieces[j].text.isdigit():
        return None, i
    den = float(pieces[j + 2].text)
    if den == 0 or _slash_at(pieces, j + 3) is not None or \
            _years(pieces[j].text, pieces[j + 2].text) or \
            (j == i + 2 and not float(pieces[j].text) < den < 100):
        return None, i
    value = whole + float(pieces[j].text) / den
    return make_span(text, p.start, pieces[j + 2].end, value, "fraction"), j + 3


def _hyphen_at(pieces: list[Piece], i: int) -> bool:
    """A hyphen at ``i`` tightly between two digit numbers."""
    if not (0 < i < len(pieces) - 1) or pieces[i].text != "-":
        return False
    before, after = pieces[i - 1], pieces[i + 1]
    return before.end == pieces[i].start and pieces[i].end == after.start and after.kind == "num"


def _years(first: str, second: str) -> bool:
    """ "1986/87", "2023/2024": a season or crop year, not a fraction."""
    if len(first) != 4 or not 1000 <= int(first) <= 2100 or len(second) not in (2, 4):
        return False
    return int(second) in ((int(first) + 1) % 100, int(first) + 1)


def _slash_at(pieces: list[Piece], i: int) -> Piece | None:
    """The "/" at ``i`` tightly between two integers, or None."""
    if not (0 < i < len(pieces) - 1) or pieces[i].text != "/":
        return None
    before, after = pieces[i - 1], pieces[i + 1]
    tight = before.end == pieces[i].start and pieces[i].end == after.start
    return pieces[i] if tight and after.kind == "num" and after.text.isdigit() else None


def _read_compound(text: str, pieces: list[Piece], i: int):
    """Digits and number words combined: "1.5 million", "three hundred and two", "a dozen"."""
    reader = CompoundReader(text, pieces, i)
    return reader.read()


