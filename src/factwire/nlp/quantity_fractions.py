"""Fractions written in words whose denominator is itself a compound ordinal, and ratios.

English writes a fraction as a cardinal numerator followed by an ordinal denominator,
plural unless the numerator is one: "two thirds", "one twenty-fifth", "three
twenty-firsts", "one hundred thirty-fifths" (100/35), "a hundred thousand trillionths". An
ordinal joins the words before it the way a cardinal would ("thirty fifth" is 35th,
"one hundred and fifth" 105th; "two fifth" is no ordinal), so the reader takes the longest
denominator that is a well-formed ordinal and leaves a well-formed numerator before it. A
denominator starts with a unit or tens word (a multi-word one never with "hundred" or a
scale word) and never inside a hyphenated compound ("ninety-five hundred fifths" is
9500/5). "seconds" is the unit of time, never a denominator; a singular "a fifth" is one
only before "of" or the end of a phrase ("a fifth term" is an ordinal). "two thirds of a
million" scales the fraction.

Ratios: "one over three", "1 out of 3", "1 in 21" ending a phrase are fractions ("three out
of four voters", "12 out of 10" stay two numbers).

>>> from factwire.nlp.quantity_words import pieces_of
>>> text = "one hundred thirty-fifths"
>>> round(read_spelled_fraction(text, pieces_of(text), 0)[0].value, 4)
2.8571
"""

from __future__ import annotations

import re
from functools import lru_cache

from factwire.nlp.quantity_words import (
    CompoundReader,
    NumberMatch,
    Piece,
    make_span,
    number_words,
    word_kind,
)

_CARDINAL_KINDS = ("small", "tens", "hundred", "scale")
_JOINERS = ("-", "–")
_MAX_WORDS = 12
_SCALE_AFTER = re.compile(r"\s+of\s+an?\s+(million|billion|trillion|thousand)\b", re.IGNORECASE)
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


@lru_cache(maxsize=1)
def _cardinal_words() -> dict[float, str]:
    """Value -> the cardinal word written for it ("fifth" is read as "five")."""
    out: dict[float, str] = {}
    for word, (value, kind) in number_words().items():
        if kind in _CARDINAL_KINDS and not word.endswith("s"):
            out.setdefault(value, word)
    return out


def _kind(piece: Piece) -> str | None:
    if piece.kind != "word":
        return "joiner" if piece.text in _JOINERS else None
    if piece.low in ("a", "an", "and"):
        return piece.low if piece.low != "an" else "a"
    entry = word_kind(piece.low)
    if entry is None or entry[1] in ("dozen",):
        return None
    if entry[1] in ("ordinal", "denominator"):
        return "ordinal"
    return None if piece.low.endswith("s") else entry[1]


def _word_run(pieces: list[Piece], i: int) -> list[int] | None:
    """Indices of the number words from ``i`` up to and including the first ordinal."""
    run: list[int] = []
    j = i
    while j < len(pieces) and len(run) < _MAX_WORDS:
        kind = _kind(pieces[j])
        if kind is None or (kind == "a" and j != i):
            return None
        if kind == "ordinal":
            return run + [j] if run else None
        if kind != "joiner":
            run.append(j)
        elif not run:
            return None
        j += 1
    return None


def _cardinal(text: str, pieces: list[Piece]) -> float | None:
    """The value of words that form exactly one cardinal number, else None."""
    if len(pieces) == 1 and pieces[0].low in ("a", "an"):
        return 1.0
    reader = CompoundReader(text, pieces, 0)
    found, nxt = reader.read()
    if found is None or nxt != len(pieces) or found.kind != "cardinal":
        return None
    return found.value


def _ordinal(text: str, pieces: list[Piece]) -> float | None:
    """The value of words that form one ordinal ("thirty fifth" 35), else None."""
    last = pieces[-1]
    value, kind = word_kind(last.low)
    if len(pieces) == 1:  # "fifths", "hundredth", "quarters"
        return value
    if number_words().get(last.low, (0, ""))[1] == "denominator":  # "half", "quarter"
        return None
    word = _cardinal_words().get(value)
    if word is None:
        return None
    return _cardinal(text, pieces[:-1] + [Piece("word", word, last.start, last.end)])


def _split_fraction(text: str, pieces: list[Piece], words: list[int]) -> tuple[float, float] | None:
    """(numerator, denominator) of number words ending in an ordinal: the longest
    well-formed denominator after a well-formed numerator."""
    last = pieces[words[-1]]
    singular = not last.low.endswith("s")
    halves = number_words().get(last.low, (0, ""))[1] == "denominator"
    for k in range(1, len(words)):
        head, first = pieces[words[k - 1]], pieces[words[k]]
        if head.low == "and" or first.low == "and":
            continue
        if k < len(words) - 1 and _kind(first) not in ("small", "tens"):
            continue
        joined = words[k] - words[k - 1] > 1  # a hyphen before it
        if joined and _kind(head) == "tens":
            continue  # inside "ninety-five"
        den = _ordinal(text, [pieces[j] for j in range(words[k], words[-1] + 1)
                              if _kind(pieces[j]) != "joiner"])
        if den is None or (den <= 2 and not halves):
            continue
        num = _cardinal(text, [pieces[j] for j in range(words[0], words[k - 1] + 1)])
        if num is None or (singular and num != 1):
            continue
        return num, den
    return None


def read_spelled_fraction(text: str, pieces: list[Piece], i: int) -> tuple[NumberMatch | None, int]:
    """A spelled fraction starting at piece ``i`` (and the index after it), or (None, i);
    fractions after "and" ("one and a half", "one hundred and three quarters") and
    "half"/"quarter" denominators are the compound reader's."""
    if pieces[i].kind != "word" or _kind(pieces[i]) not in ("a", "small", "tens"):
        return None, i
    words = _word_run(pieces, i)
    if words is None:
        return None, i
    last = pieces[words[-1]]
    if last.low in ("second", "seconds") or \
            number_words().get(last.low, (0, ""))[1] == "denominator":
        return None, i
    ands = [n for n, j in enumerate(words) if pieces[j].low == "and"]
    if ands and _proper_after_and(text, pieces, words[ands[-1] + 1:]):
        return None, i
    split = _split_fraction(text, pieces, words)
    if split is None:
        return None, i
    num, den = split
    if pieces[i].low in ("a", "an") and not last.low.endswith("s") and \
            not _phrase_ends(text, last.end):
        return None, i
    found = _scaled(text, pieces[i].start, last.end, num / den)
    nxt = words[-1] + 1
    while nxt < len(pieces) and pieces[nxt].start < found.end:
        nxt += 1
    return found, nxt


def _proper_after_and(text: str, pieces: list[Piece], words: list[int]) -> bool:
    if not words:
        return False
    split = _split_fraction(text, pieces, words)
    return split is not None and split[0] < split[1]


def _phrase_ends(text: str, end: int) -> bool:
    """ "a fifth of", "a fifth." and "a fifth" at the end are fractions."""
    return re.match(r"\s*(?:of\b|[.,;:!?)]|$)", text[end:end + 4]) is not None


def _scaled(text: str, start: int, end: int, value: float) -> NumberMatch:
    """ "two thirds of a million" is two thirds of the scale."""
    scale = _SCALE_AFTER.match(text, end)
    if scale is not None:
        return make_span(text, start, scale.end(), value * _SCALES[scale.group(1).lower()],
                         "cardinal", True)
    return make_span(text, start, end, value, "fraction", True)


_RATIO = re.compile(r"\s+(?:over|out of|in)\s+$")


def join_ratios(text: str, found: list[NumberMatch]) -> list[NumberMatch]:
    """ "one over three", "1 out of 3", "1 in 21" at the end of a phrase are fractions;
    "three out of four voters" stays two counts, as do "12 out of 10" and "8 in 5" (a
    share is a part of its whole)."""
    out: list[NumberMatch] = []
    for number in found:
        prev = out[-1] if out else None
        joiner = _RATIO.match(text[prev.end:number.start]) if prev is not None else None
        if joiner is not None and prev.value is not None and number.value and \
                (joiner.group().strip() == "over" or 0 <= prev.value <= number.value) and \
                not any(re.fullmatch(r"1\d{3}|20\d\d", n.text) for n in (prev, number)) and \
                not re.match(r"\s*[^\W\d_]", text[number.end:number.end + 3]):
            out[-1] = make_span(text, prev.start, number.end, prev.value / number.value,
                                "fraction", prev.spelled)
        else:
            out.append(number)
    return out
