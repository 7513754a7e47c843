"""Numbers in English text, in digits and in words, with what they are worth.

``find_numbers`` scans plain text (no parser needed) and returns every number it can read:
"3,000", "1.5m", "2.5bn", "three thousand", "half a million", "a dozen", "two thirds",
"tens of thousands", ordinals ("3rd", "first", flagged so callers can drop them).

>>> [(n.text, n.value) for n in find_numbers("some 1.5 million and a dozen eggs")]
[('1.5 million', 1500000.0), ('a dozen', 12.0)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

UNICODE_FRACTIONS = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2,
                     "⅖": 0.4, "⅗": 0.6, "⅘": 0.8, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 0.125,
                     "⅜": 0.375, "⅝": 0.625, "⅞": 0.875}

# a digit number: grouped thousands (1,234 / Indian 12,34,567 / 1 234 567), decimals, ".5",
# then an optional exponent ("4e14", "2.48×10−5")
_DIGITS = (r"(?:\d{1,3}(?:,\d{3})+(?![\d])|\d{1,2}(?:,\d{2})+,\d{3}(?!\d)"
           r"|\d{1,3}(?:[ \u202f\u00a0]\d{3})+(?![\d]|,\d)|\d+)(?:\.\d+)?(?![\d])"
           r"|(?<!\d)\.\d+")
_EXPONENT = r"(?:[eE][-+]?\d+(?![\w])|\s?[×x]\s?10\^?[-−+]?\d+|\^[-+]{0,2}\d+)"
_PIECE = re.compile(
    rf"(?P<num>(?<![\w.])(?:{_DIGITS}){_EXPONENT}?)"
    rf"|(?P<frac>[{''.join(UNICODE_FRACTIONS)}])"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<sym>\S)")

# suffixes written right after digits that scale them ("10k", "2.5bn", "10M")
ATTACHED_SCALES = {"k": 1e3, "K": 1e3, "M": 1e6, "MM": 1e6, "mn": 1e6, "mln": 1e6,
                   "mil": 1e6, "bn": 1e9, "bln": 1e9, "B": 1e9, "tn": 1e12,
                   "tln": 1e12, "T": 1e12}
# only after a decimal number ("1.5m", "1.2b"): after an integer they are units (5m, 1500b)
DECIMAL_SCALES = {"m": 1e6, "b": 1e9}
# "1.8m tall": after a decimal, "m" is metres when a dimension adjective follows
_MEASURE_AFTER = re.compile(r"\s+(?:tall|long|high|wide|deep|away|thick|in (?:length|"
                            r"height|diameter|depth))\b")
VAGUE_MULTIPLES = {"tens": (10, 100), "dozens": (24, 100), "hundreds": (100, 1000),
                   "thousands": (1000, 10_000), "millions": (1e6, 1e7),
                   "billions": (1e9, 1e10)}
VAGUE_COUNTS = {"several": (3, 9), "a few": (2, 5), "few": (2, 5), "many": (2, 9)}


@dataclass(frozen=True)
class NumberMatch:
    """A number found in text. ``kind``: cardinal, decimal, fraction, ordinal or vague.

    Vague numbers ("tens of thousands") have ``value`` None and a ``low``/``high`` range.
    """

    start: int
    end: int
    text: str
    value: float | None
    kind: str = "cardinal"
    low: float | None = None
    high: float | None = None
    spelled: bool = False


@dataclass
class Piece:
    kind: str  # num, frac, word, sym
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


@lru_cache(maxsize=1)
def number_words() -> dict[str, tuple[float, str]]:
    """The lexicon ``data/quantities_number_words.tsv``: word -> (value, kind)."""
    table = {}
    text = resources.files("factwire.data").joinpath("quantities_number_words.tsv").read_text()
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            word, value, kind = line.split("\t")
            table[word] = (float(value), kind)
    return table


def word_kind(word: str) -> tuple[float, str] | None:
    """(value, kind) of a number word; plural ordinals ("thirds") are denominators."""
    table = number_words()
    word = word.lower()
    if word in table:
        return table[word]
    if word.endswith("s") and table.get(word[:-1], (0, ""))[1] == "ordinal":
        return table[word[:-1]][0], "denominator"
    return None


def pieces_of(text: str) -> list[Piece]:
    """Split text into digit numbers, words and single symbols, with offsets."""
    return [Piece(m.lastgroup, m.group(), m.start(), m.end()) for m in _PIECE.finditer(text)]


def digit_value(text: str) -> float:
    """The value of a digit number: ``digit_value("1,234.5") == 1234.5``."""
    clean = re.sub(r"[,\s\u202f\u00a0]", "", text).replace("−", "-")
    match = re.match(r"^(.*?)[×x]10\^?([-+]?\d+)$", clean)
    if match:
        return float(match.group(1)) * 10 ** int(match.group(2))
    match = re.match(r"^(-?)([\d.]+)\^([-+]*)(\d+)$", clean)
    if match:  # "1.1^23", "2.5^-1": a power
        sign, base, signs, power = match.groups()
        value = float(base) ** (-int(power) if signs.count("-") % 2 else int(power))
        return -value if sign else value
    return float(clean)


def find_numbers(text: str) -> list[NumberMatch]:
    """Every number in ``text``, left to right, not overlapping."""
    pieces = pieces_of(text)
    found: list[NumberMatch] = []
    i = 0
    while i < len(pieces):
        match, nxt = read_number(text, pieces, i)
        if match is None:
            i += 1
            continue
        found.append(match)
        i = nxt
    return _join_ratios(text, found)


_RATIO = re.compile(r"\s+(?:over|out of)\s+$")


def _join_ratios(text: str, found: list[NumberMatch]) -> list[NumberMatch]:
    """ "one over three", "1 out of 3" at the end of a phrase are fractions; "three out of
    four voters" stays two counts."""
    out: list[NumberMatch] = []
    for number in found:
        prev = out[-1] if out else None
        if prev is not None and prev.value is not None and number.value and \
                _RATIO.match(text[prev.end:number.start]) and \
                not any(re.fullmatch(r"1\d{3}|20\d\d", n.text) for n in (prev, number)) and \
                not re.match(r"\s*[^\W\d_]", text[number.end:number.end + 3]):
            out[-1] = _span(text, prev.start, number.end, prev.value / number.value, "fraction",
                            prev.spelled)
        else:
            out.append(number)
    return out


def read_number(text: str, pieces: list[Piece], i: int) -> tuple[NumberMatch | None, int]:
    """The number starting at piece ``i`` (and the index after it), or (None, i)."""
    for reader in (_read_vague, _read_digit_fraction, _read_compound, _read_half_of):
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
            return _span(text, prev.start, match.end, -match.value, match.kind, match.spelled)
    return match


def _span(text: str, start: int, end: int, value: float | None, kind: str,
          spelled: bool = False, low: float | None = None,
          high: float | None = None) -> NumberMatch:
    if value is not None:
        value = float(f"{value:.12g}")  # 16.4 * 1e6 is 16399999.999999998 in binary
    return NumberMatch(start, end, text[start:end], value, kind, low, high, spelled)


def _is_word(pieces: list[Piece], i: int, *words: str) -> bool:
    return i < len(pieces) and pieces[i].kind == "word" and pieces[i].low in words


def _read_vague(text: str, pieces: list[Piece], i: int) -> tuple[NumberMatch | None, int]:
    """ "tens of thousands", "hundreds of millions", "dozens", "thousands of", "several hundred"."""
    p = pieces[i]
    if p.kind != "word":
        return None, i
    if p.low in VAGUE_MULTIPLES and _is_word(pieces, i + 1, "of"):
        nxt = pieces[i + 2] if i + 2 < len(pieces) else None
        scale = word_kind(nxt.low) if nxt is not None and nxt.kind == "word" else None
        low, high = VAGUE_MULTIPLES[p.low]
        if scale and scale[1] in ("scale", "hundred") and nxt.low.endswith("s"):
            return _span(text, p.start, nxt.end, None, "vague", True,
                         low * scale[0], high * scale[0]), i + 3
        return _span(text, p.start, p.end, None, "vague", True, low, high), i + 1
    if p.low in ("hundreds", "thousands", "millions", "billions", "dozens") and \
            (i == 0 or word_kind(pieces[i - 1].low) is None and pieces[i - 1].kind != "num"):
        low, high = VAGUE_MULTIPLES[p.low]  # "hundreds more", "thousands marched"
        return _span(text, p.start, p.end, None, "vague", True, low, high), i + 1
    phrase = p.low if p.low != "a" or not _is_word(pieces, i + 1, "few") else "a few"
    if phrase in VAGUE_COUNTS:
        j = i + (2 if phrase == "a few" else 1)
        scale = word_kind(pieces[j].low) if j < len(pieces) and pieces[j].kind == "word" else None
        if scale and scale[1] in ("scale", "hundred") and not pieces[j].low.endswith("s"):
            low, high = VAGUE_COUNTS[phrase]
            return _span(text, p.start, pieces[j].end, None, "vague", True,
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
    if _is_word(pieces, i + 1, "of", "the", "its", "their", "his", "her", "our") or \
            (bounded and not _is_word(pieces, i + 1, "a", "an")):
        return _span(text, p.start, p.end, 0.5, "fraction", True), i + 1
    return None, i


def _read_digit_fraction(text: str, pieces: list[Piece], i: int):
    """ "3/4", "2 1/2", "½", "2½" (not dates such as 5/17/2018)."""
    p = pieces[i]
    if p.kind == "frac":
        return _span(text, p.start, p.end, UNICODE_FRACTIONS[p.text], "fraction"), i + 1
    if p.kind != "num" or not p.text.isdigit() or _slash_at(pieces, i - 1) is not None:
        return None, i
    whole, j = 0.0, i
    if (i + 1 < len(pieces) and pieces[i + 1].kind == "frac"
            and pieces[i + 1].start == p.end):
        value = float(p.text) + UNICODE_FRACTIONS[pieces[i + 1].text]
        return _span(text, p.start, pieces[i + 1].end, value, "fraction"), i + 2
    if _slash_at(pieces, i + 1) is None and i + 3 < len(pieces) and _slash_at(pieces, i + 2):
        whole, j = float(p.text), i + 1
    slash = _slash_at(pieces, j + 1)
    if slash is None or pieces[j].kind != "num" or not pieces[j].text.isdigit():
        return None, i
    den = float(pieces[j + 2].text)
    if den == 0 or _slash_at(pieces, j + 3) is not None:
        return None, i
    value = whole + float(pieces[j].text) / den
    return _span(text, p.start, pieces[j + 2].end, value, "fraction"), j + 3


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


class CompoundReader:
    """Reads one number made of digits and number words, left to right.

    ``total`` holds completed scale groups, ``group`` the part below the last scale word
    ("two million three hundred": total 2e6, group 300).
    """

    def __init__(self, text: str, pieces: list[Piece], i: int) -> None:
        self.text, self.pieces, self.first = text, pieces, i
        self.total = 0.0
        self.group = 0.0
        self.last = ""  # kind of the last piece read
        self.end_piece = -1
        self.spelled = False
        self.kind = "cardinal"
        self.prev_scale = float("inf")
        self.nested = False  # reading the fraction after "and": the scale is the caller's

    def read(self) -> tuple[NumberMatch | None, int]:
        j = self.first
        while j < len(self.pieces):
            nxt = self.step(j)
            if nxt is None:
                break
            j = nxt
        if self.end_piece < 0:
            return None, self.first
        start = self.pieces[self.first].start
        end = self.pieces[self.end_piece].end
        value = self.total + self.group
        if self.kind == "ordinal" and self.last == "denominator":
            self.kind = "fraction"
        return _span(self.text, start, end, value, self.kind, self.spelled), self.end_piece + 1

    def step(self, j: int) -> int | None:
        """Consume piece ``j``; return the next index, or None to stop."""
        p = self.pieces[j]
        if p.kind == "num":
            return self.digits(j)
        if p.kind != "word":
            return self.joiner(j)
        return self.word(j)

    def _accept(self, j: int, last: str) -> int:
        self.end_piece, self.last = j, last
        return j + 1

    def digits(self, j: int) -> int | None:
        p = self.pieces[j]
        after_scale = self.last == "scale" and self.group == 0 and self._scale_word_at(j + 1)
        if self.last not in ("", "scale_joined") and not after_scale:
            return None
        self.group += digit_value(p.text)
        if "." in p.text or "e" in p.text.lower() or "×" in p.text:
            self.kind = "decimal"
        nxt = self._accept(j, "digits")
        return self._attached_suffix(nxt)

    def _attached_suffix(self, j: int) -> int | None:
        """ "10k", "2.5bn", "1.5m", "21st": a suffix written right after the digits."""
        if j >= len(self.pieces):
            return None
        p, prev = self.pieces[j], self.pieces[j - 1]
        attached = p.start == prev.end
        if p.kind != "word":
            return j
        if attached and p.low in ("st", "nd", "rd", "th"):
            self.kind = "ordinal"
            self._accept(j, "ordinal")
            return None
        scale = ATTACHED_SCALES.get(p.text) or ATTACHED_SCALES.get(p.low)
        money = re.search(r"[$€£¥₹]\s?$", self.text[:self.pieces[self.first].start])
        if scale is None and (self.kind == "decimal" or money) and not _MEASURE_AFTER.match(
                self.text, p.end):
            scale = DECIMAL_SCALES.get(p.text)  # "1.5m", "€500m": million
        if scale and (attached or p.text in ("k", "K") or p.low in ("bn", "mn", "mln", "bln")):
            if _letter_after(self.text, p.end):
                return None
            self.total, self.group = (self.total + self.group) * scale, 0.0
            self._accept(j, "scale")
            return None
        return j

    def word(self, j: int) -> int | None:
        p = self.pieces[j]
        if p.low in ("a", "an"):
            return self.article(j)
        if p.low == "and":
            return self.conjunction(j)
        if p.low in ("point",):
            return self.point(j)
        if p.low in ("half", "quarter"):
            return self.half(j)
        entry = word_kind(p.low)
        if entry is None:
            return None
        value, kind = entry
        handler = getattr(self, "w_" + kind)
        return handler(j, value)

    def w_small(self, j: int, value: float) -> int | None:
        if self.last in ("small", "teen", "digits", "ordinal", "denominator"):
            return None
        if self.last == "tens" and (value >= 10 or value == 0):
            return None
        self.group += value
        self.spelled = True
        return self._accept(j, "small" if value < 10 else "teen")

    def w_tens(self, j: int, value: float) -> int | None:
        if self.last in ("small", "teen", "tens", "digits", "ordinal", "denominator"):
            return None
        self.group += value
        self.spelled = True
        return self._accept(j, "tens")

    def w_hundred(self, j: int, value: float) -> int | None:
        if self.last in ("hundred", "ordinal", "denominator") or \
                (self.group >= 100 and not (self.last == "digits" and j == self.first + 1)):
            return None
        if self.pieces[j].low.endswith("s") and self.last == "":
            return None  # "hundreds" alone is vague, read elsewhere
        self.group = (self.group or 1) * 100
        self.spelled = self.spelled or self.last != "digits"
        return self._accept(j, "hundred")

    def w_scale(self, j: int, value: float) -> int | None:
        if self.last in ("", "ordinal") or (self.last == "denominator" and
                                            (self.total or self.nested)):
            return None  # "a quarter million" scales the fraction; "first million" does not
        if self.last == "denominator":
            self.kind = "cardinal"
        if self.pieces[j].low.endswith("s") and self.pieces[j].low not in ("mn", "bn", "tn"):
            return None  # "two thousands of" is rare; "thousands" is vague
        if self.total and value > self.prev_scale:
            self.total = (self.total + self.group) * value  # "three lakh crore"
        else:
            self.total += (self.group or 1) * value
        self.group = 0.0
        self.prev_scale = value
        return self._accept(j, "scale")

    def w_dozen(self, j: int, value: float) -> int | None:
        if self.last in ("ordinal", "denominator", "dozen"):
            return None
        if self.last == "":
            return None
        self.group = (self.group or 1) * 12
        return self._accept(j, "dozen")

    def w_ordinal(self, j: int, value: float) -> int | None:
        """ "first", "twenty-first"; after a numerator, a denominator ("three fifths")."""
        if self.last in ("small", "teen", "tens", "digits") and self._fraction_ok(j, value):
            return self._denominator(j, value)
        if self.last not in ("", "tens"):
            return None  # "$280 million first preferred notes": the ordinal starts anew
        if self.last == "":
            self.group = value
        else:
            self.group += value
        self.kind = "ordinal"
        self.spelled = True
        return self._accept(j, "ordinal")

    def w_denominator(self, j: int, value: float) -> int | None:
        if self.last in ("small", "teen", "tens", "digits", "article", "hundred"):
            return self._denominator(j, value)
        return None

    def _fraction_ok(self, j: int, value: float) -> bool:
        """ "one fifth" and "three fifths" are fractions; "two second" is not."""
        plural = self.pieces[j].low.endswith("s")
        return value > 2 and (plural or self.group == 1)

    def _denominator(self, j: int, value: float) -> int:
        numerator = self.group if self.last != "article" else 1.0
        self.group = numerator / value
        self.kind = "fraction"
        self.spelled = True
        return self._accept(j, "denominator")

    def article(self, j: int) -> int | None:
        """ "a" counts as one before hundred/thousand/dozen/half/quarter: "a dozen"."""
        nxt = self.pieces[j + 1] if j + 1 < len(self.pieces) else None
        if nxt is None or nxt.kind != "word":
            return None
        entry = word_kind(nxt.low)
        if self.last == "" and entry and entry[1] in ("hundred", "scale", "dozen"):
            if nxt.low.endswith("s"):
                return None
            self.group = 1.0
            self.last = "article_one"
            return j + 1
        if self.last == "" and entry and entry[1] == "denominator":
            self.last = "article"
            return j + 1
        if self.last == "" and entry and entry[1] == "ordinal" and self._of_follows(j + 2):
            self.last = "article"
            return self._denominator(j + 1, entry[0])
        return None

    def _of_follows(self, j: int) -> bool:
        return j >= len(self.pieces) or self.pieces[j].low in ("of", ".", ",", ";")

    def conjunction(self, j: int) -> int | None:
        """ "three hundred and two", "one and a half", "twenty and three fifths"."""
        if self.last not in ("hundred", "scale", "small", "teen", "tens", "digits"):
            return None
        rest = self.pieces[j + 1:j + 3]
        sub = CompoundReader(self.text, self.pieces, j + 1)
        sub.nested = True
        fraction, nxt = sub.read()
        if fraction is not None and fraction.kind == "fraction" and fraction.value < 1:
            # "one and a half" adds to the group ("five and a half million" then scales it);
            # "3 million and a half" is half of the last scale
            if self.last == "scale" and not self._scale_word_at(nxt):
                self.total += fraction.value * self._last_scale()
            else:
                self.group += fraction.value
            self.kind = "fraction"
            return self._accept(nxt - 1, "fraction_and")
        if self.last not in ("hundred", "scale") or not rest:
            return None
        entry = word_kind(rest[0].low) if rest[0].kind == "word" else None
        if (entry and entry[1] in ("small", "tens")) or (rest[0].kind == "num" and
                                                         self.last == "hundred"):
            self.last = "scale_joined" if rest[0].kind == "num" else self.last
            return j + 1
        return None

    def _scale_word_at(self, j: int) -> bool:
        """ "4 thousand 3 hundred": digits after a scale only when a scale word follows."""
        if j >= len(self.pieces) or self.pieces[j].kind != "word":
            return False
        entry = word_kind(self.pieces[j].low)
        return entry is not None and entry[1] in ("hundred", "scale")

    def _last_scale(self) -> float:
        """The scale word last used ("3 million and a half" halves a million)."""
        for piece in reversed(self.pieces[self.first:self.end_piece + 1]):
            entry = word_kind(piece.low) if piece.kind == "word" else None
            if entry and entry[1] == "scale":
                return entry[0]
        return 1.0

    def half(self, j: int) -> int | None:
        """ "half a million", "half a dozen", "half million", "a half", "one half"."""
        nxt = self.pieces[j + 1:j + 3]
        if self.last == "" and nxt:
            k = j + 2 if nxt[0].low in ("a", "an") and len(nxt) > 1 else j + 1
            entry = word_kind(self.pieces[k].low) if k < len(self.pieces) else None
            if entry and entry[1] in ("scale", "dozen", "hundred") and \
                    not self.pieces[k].low.endswith("s"):
                self.group = (0.5 if self.pieces[j].low == "half" else 0.25) * entry[0]
                self.spelled = True
                return self._accept(k, "scale")
            return None
        if self.pieces[j].low == "quarter":
            return self.w_denominator(j, 4.0)
        if self.last in ("article", "small") and (self.last == "article" or self.group == 1):
            self.group = 0.5
            self.kind = "fraction"
            self.spelled = True
            return self._accept(j, "denominator")
        return None

    def point(self, j: int) -> int | None:
        """ "two hundred point zero three": spelled decimals."""
        if self.last not in ("small", "teen", "tens", "hundred", "scale"):
            return None
        digits, k = "", j + 1
        while k < len(self.pieces) and self.pieces[k].kind == "word":
            entry = word_kind(self.pieces[k].low)
            if entry is None or entry[1] not in ("small", "tens"):
                break
            digits += str(int(entry[0]))
            k += 1
        if not digits:
            return None
        self.group += float("0." + digits)
        self.kind = "decimal"
        return self._accept(k - 1, "decimal_done")

    def joiner(self, j: int) -> int | None:
        """Hyphens inside spelled numbers ("twenty-one"), commas between groups."""
        p = self.pieces[j]
        nxt = self.pieces[j + 1] if j + 1 < len(self.pieces) else None
        if nxt is None or nxt.kind != "word":
            return None
        entry = word_kind(nxt.low)
        if p.text in "-–" and self.last == "tens" and entry and entry[1] in ("small", "ordinal"):
            return j + 1 if entry[0] < 10 else None
        if p.text in "-–" and self.last in ("small", "tens") and entry and \
                entry[1] in ("ordinal", "denominator", "hundred"):
            return j + 1
        if p.text in ",&" and self.last == "scale" and entry and \
                entry[1] in ("small", "tens"):
            return j + 1
        if p.text == "&" and self.last == "hundred" and entry:
            return j + 1
        return None


def _letter_after(text: str, end: int) -> bool:
    return end < len(text) and (text[end].isalpha() or text[end].isdigit())
