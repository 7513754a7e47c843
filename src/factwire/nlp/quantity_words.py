"""The pieces English numbers are written with, and the reader of one compound number.

``pieces_of`` splits text into digit numbers, words and symbols; ``word_kind`` looks a
number word up in ``data/quantities_number_words.tsv``; ``CompoundReader`` reads one number
made of digits and number words ("1.5 million", "three hundred and two", "a dozen",
"two thirds"). ``numbers.find_numbers`` drives them over a whole text.

>>> CompoundReader("two hundred and six", pieces_of("two hundred and six"), 0).read()[0].value
206.0
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
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
_EXPONENT = r"(?:[eE][-+]?\d+(?![\w])|\s?[×x]\s?(?:10\^?|\d+\^)[-−+]?\d+|\^[-+]{0,2}\d+)"
_PIECE = re.compile(
    r"(?P<dotted>(?<![\w.])\d+(?:\.\d+){2,}(?![\w.]|\.\d))"
    rf"|(?P<num>(?<![\w.])(?:{_DIGITS}){_EXPONENT}?)"
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


# "32K word core memory", "64K of RAM", "640K memory": in a computer memory size K is 1024,
# a kibi- unit written after the figure (the unit is read by ``units.unit_after``)
MEMORY_K = re.compile(r"K(?P<words>[\s-]?words?)?(?=(?:[\s-]+\w+){0,2}?[\s-]+"
                      r"(?:(?i:memory)|RAM|ROM)\b)")

# a temperature written just before: "K" after the next number is kelvin, not thousands
_TEMPERATURE_BEFORE = re.compile(r"\d\s?(?:°\s?[CF]\b|degrees? (?:Celsius|Fahrenheit))")


def _kelvin_context(text: str, start: int) -> bool:
    """A temperature written earlier in the same sentence, close before ``start``."""
    window = re.split(r"[.!?]\s", text[max(0, start - 40):start])[-1]
    return _TEMPERATURE_BEFORE.search(window) is not None


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


@dataclass(slots=True)
class Piece:
    kind: str  # num, frac, word, sym
    text: str
    start: int
    end: int
    low: str = field(init=False, repr=False, compare=False)  # the text in lower case

    def __post_init__(self) -> None:
        self.low = self.text.lower()


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
    """(value, kind) of a number word; plural ordinals ("thirds") are denominators, but
    "seconds" are time and "firsts" an ordinal ("twenty-firsts" is a denominator whole)."""
    table = number_words()
    word = word.lower()
    if word in table:
        return table[word]
    if word.endswith("s") and table.get(word[:-1], (0, ""))[1] == "ordinal":
        value = table[word[:-1]][0]
        if value == 2:
            return None
        return value, "denominator" if value > 2 else "ordinal"
    return None


def pieces_of(text: str) -> list[Piece]:
    """Split text into digit numbers, words and single symbols, with offsets."""
    out = []
    for m in _PIECE.finditer(text):
        if m.lastgroup == "dotted":  # "192.168.1.2", "1.2.3": numbers joined by dots
            out += [Piece("num", d.group(), m.start() + d.start(), m.start() + d.end())
                    for d in re.finditer(r"\d+", m.group())]
        else:
            out.append(Piece(m.lastgroup, m.group(), m.start(), m.end()))
    return out


def digit_value(text: str) -> float:
    """The value of a digit number: ``digit_value("1,234.5") == 1234.5``."""
    clean = re.sub(r"[,\s\u202f\u00a0]", "", text).replace("−", "-")
    match = re.match(r"^(.*?)[×x](?:10\^?|(\d+)\^)([-+]?\d+)$", clean)
    if match:  # "2.48×10−5", "8x2^10"
        base = int(match.group(2) or 10)
        return float(match.group(1)) * base ** int(match.group(3))
    match = re.match(r"^(-?)([\d.]+)\^([-+]*)(\d+)$", clean)
    if match:  # "1.1^23", "2.5^-1": a power
        sign, base, signs, power = match.groups()
        value = float(base) ** (-int(power) if signs.count("-") % 2 else int(power))
        return -value if sign else value
    return float(clean)



def make_span(text: str, start: int, end: int, value: float | None, kind: str,
          spelled: bool = False, low: float | None = None,
          high: float | None = None) -> NumberMatch:
    if value is not None:
        value = float(f"{value:.12g}")  # 16.4 * 1e6 is 16399999.999999998 in binary
    return NumberMatch(start, end, text[start:end], value, kind, low, high, spelled)


def is_word_at(pieces: list[Piece], i: int, *words: str) -> bool:
    return i < len(pieces) and pieces[i].kind == "word" and pieces[i].low in words



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
        return make_span(self.text, start, end, value, self.kind, self.spelled), self.end_piece + 1

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
        start = self.pieces[self.first].start
        money = re.search(r"[$€£¥₹]\s?$", self.text[max(0, start - 2):start])
        if p.text == "K" and not money and (_kelvin_context(self.text, start) or
                                            MEMORY_K.match(self.text, p.start)):
            return j  # "300 °C (572 °F, 573.15K)": kelvin among temperatures; "32K word
            # core memory": kibiwords
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
        if self.last not in ("hundred", "scale") or not rest or self._new_number_after(j + 1):
            return None
        entry = word_kind(rest[0].low) if rest[0].kind == "word" else None
        if (entry and entry[1] in ("small", "tens")) or (rest[0].kind == "num" and
                                                         self.last == "hundred"):
            self.last = "scale_joined" if rest[0].kind == "num" else self.last
            return j + 1
        return None

    def _new_number_after(self, j: int) -> bool:
        """After "and", zero or a figure with the scale just used starts a new number:
        "4 thousand 3 hundred and 0", "3 hundred and 2 hundred" (but "two hundred and two
        thousand" is 202,000 and "two thousand and two hundred" 2,200)."""
        first = self.pieces[j]
        value = digit_value(first.text) if first.kind == "num" else \
            (word_kind(first.low) or (None, ""))[0]
        if value == 0:
            return True
        k = j + 1
        while k < len(self.pieces) and (self.pieces[k].text in "-–" or (
                self.pieces[k].kind == "word" and
                (word_kind(self.pieces[k].low) or (0, ""))[1] in ("small", "tens"))):
            k += 1
        if k >= len(self.pieces) or self.pieces[k].kind != "word":
            return False
        entry = word_kind(self.pieces[k].low)
        return entry is not None and entry[1] in ("hundred", "scale") and \
            entry[0] == self._last_magnitude()

    def _last_magnitude(self) -> float:
        """The value of the last hundred or scale word read."""
        for piece in reversed(self.pieces[self.first:self.end_piece + 1]):
            entry = word_kind(piece.low) if piece.kind == "word" else None
            if entry and entry[1] in ("hundred", "scale"):
                return entry[0]
        return 1.0

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
            unit = self._hyphened_unit(k) if entry[1] == "tens" else None
            digits += str(int(entry[0] + (unit or 0)))  # "point seventy-one" is .71
            k += 3 if unit else 1
        if not digits:
            return None
        self.group += float("0." + digits)
        self.kind = "decimal"
        return self._accept(k - 1, "decimal_done")

    def _hyphened_unit(self, k: int) -> float | None:
        """The unit word of "seventy-one" after the tens word at ``k``."""
        if k + 2 >= len(self.pieces) or self.pieces[k + 1].text not in "-–":
            return None
        entry = word_kind(self.pieces[k + 2].low) if self.pieces[k + 2].kind == "word" else None
        return entry[0] if entry and entry[1] == "small" and 0 < entry[0] < 10 else None

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
