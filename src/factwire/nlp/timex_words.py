"""What single words of time expressions mean, read from ``times_lexicon.json``.

>>> parse_number("twenty-four"), month_number("Sept."), unit_code("years")
(24.0, 9, 'Y')
>>> year_number("seventeen hundred thirty-three"), year_number("two thousand and one")
(1733, 2001)
"""

from __future__ import annotations

import re

from factwire.nlp.timex_grammar import lexicon


def word_key(word: str) -> str:
    """A lexicon key: lower case, one space, no final period ("Sept." -> "sept")."""
    return " ".join(word.lower().replace("’", "'").rstrip(".").split())


def month_number(word: str) -> int:
    """``month_number("Sept.") == 9``."""
    return lexicon()["months"][word_key(word)]


def unit_code(word: str) -> str:
    """``unit_code("years") == "Y"``."""
    return lexicon()["units"][word_key(word)]


def parse_number(text: str) -> float | None:
    """``parse_number("twenty-four") == 24``; vague amounts ("several") give None."""
    words = word_key(text).replace("-", " ").replace("½", " 1/2")
    half = 0.5 if words.endswith(("and a half", "and half", " 1/2")) else 0.0
    words = words.removesuffix("and a half").removesuffix("and half").removesuffix(" 1/2")
    words = words.strip()
    if not words and half:  # "½ hour"
        return half
    if re.fullmatch(r"\d{1,3}(?:,\d{3})*(?:\.\d+)?", words):
        return float(words.replace(",", "")) + half
    numbers = lexicon()["numbers"]
    if words in numbers:
        return numbers[words] + half
    parts = words.split()
    if parts and parts[-1] in _MULTIPLIERS:  # "a hundred", "two thousand", "5 hundred"
        count = parse_number(" ".join(parts[:-1])) if len(parts) > 1 else 1.0
        return None if count is None else count * _MULTIPLIERS[parts[-1]] + half
    if parts and all(p in numbers for p in parts):
        return sum(numbers[p] for p in parts) + half
    return None


_MULTIPLIERS = {"hundred": 100, "thousand": 1000}


def year_number(words: str) -> int:
    """A year said in words: "nineteen eighty six" -> 1986, "twenty oh five" -> 2005,
    "nineteen hundred and six" -> 1906, "two thousand and thirty two" -> 2032."""
    numbers = lexicon()["numbers"]
    parts = [p for p in word_key(words).replace("-", " ").split() if p not in ("and", "oh")]
    if parts[:2] == ["two", "thousand"]:
        return 2000 + sum(numbers[p] for p in parts[2:])
    rest = parts[2:] if parts[1:2] == ["hundred"] else parts[1:]
    return numbers[parts[0]] * 100 + sum(numbers[p] for p in rest)


def day_number(groups: dict) -> int:
    """The day of the month a date rule captured: digits ("21st"), an ordinal word
    ("twenty-first") or a cardinal one ("twenty one")."""
    if groups.get("dw"):
        return lexicon()["day_ordinals"][word_key(groups["dw"])]
    if groups.get("dc"):
        return int(parse_number(groups["dc"]))
    return int(re.match(r"\d+", groups["d"]).group())
