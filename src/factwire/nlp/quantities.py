"""factwire_quantities: numeric claims, with what they count, whose they are and when.

Reads ``doc._.entities``/``entity_at`` and ``doc._.times``/``time_at`` (written by the
components before it) and writes ``doc._.quantities``: a list of ``factwire.model.Quantity``.

- Numbers in digits and words come from ``numbers.find_numbers``; units and currencies
  from ``units``. Dates, times, ordinals, idioms ("one of its largest"), numbers inside
  names or identifiers ("Trent 900 engines", "192.168.1.2", "A330-200") and small spelled
  numbers that point back after a definite article ("the two companies") are not
  quantities.
- Ranges ("between 18 and 30", "18-30", "from 1 million to 1.5 million") are one quantity
  with ``low``/``high`` and ``value`` None.
- Comparators: "more than" ``>``, "at least" ``>=``, "up to" ``<=``, "fewer than" ``<``;
  approximators without a direction ("about", "some", "an estimated") give ``~`` and
  ``approximate``; "nearly"/"almost" give ``<`` and ``approximate``.
- A change ("an increase of 10,000 ... from last year's draft") gives ``change`` up/down and
  ``relative_to`` (a time id, or the text of what it is compared with); with a total given
  nearby it also yields a derived figure (160,000 - 10,000 = 150,000 for last year).
- What is counted, the change, time and subject of each figure: ``quantity_roles``.

>>> import factwire
>>> [q.text for q in factwire.extract("Officials said 3,000 troops arrived.").quantities]
['3,000']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from factwire.model import Quantity
from factwire.nlp import doc as _doc  # noqa: F401  (registers the Doc extensions)
from factwire.nlp.doc import doc_list, doc_map, doc_text
from factwire.nlp.numbers import NumberMatch, find_numbers
from factwire.nlp.quantity_roles import assign_roles
from factwire.nlp.units import (
    currency_scale,
    dimension_of,
    in_identifier,
    is_date_or_time,
    is_idiom,
    is_reference,
    is_uncertainty,
    lexicon_rows,
    token_at,
    unit_after_article,
    unit_of,
)

# Time expressions whose numbers are not quantities: points in time ("2022", "July 15",
# "three years ago") and sets. Durations ("sentenced to 10 years", "a 29-year-old", "for
# three days") measure something and stay quantities (unit year/day/...) beside the time.
BLOCKING_TIME_TYPES = ("DATE", "TIME", "SET")
_AGE_BEFORE = re.compile(r"\b(?:aged|age|ages)\s+(?:of\s+)?(?:between\s+)?$", re.IGNORECASE)
# "four times per week": a frequency inside a set of times counts occurrences
_TIMES_AFTER = re.compile(r"\s+times\b")
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|and|through)\s*$")
_DASH_JOIN = re.compile(r"^(?:-|–|—| - | – | — |- to |– to )$")


@dataclass
class Mention:
    """A number with its unit, before the roles are found; offsets are characters."""

    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    kind: str = "cardinal"
    spelled: bool = False
    approximate: bool = False
    comparator: str = "="
    change: str | None = None
    counted: str | None = None
    subject: str | None = None
    time: str | None = None
    relative_to: str | None = None
    change_span: tuple[int, int] | None = None
    from_to: bool = False
    mod_start: int | None = None
    id: str = ""
    extra: dict = field(default_factory=dict)


class QuantitiesComponent:
    """Finds numeric claims in a Doc: ``match(doc)`` then ``set_annotations(doc, found)``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[Quantity]:
        text = doc_text(doc)  # spaCy rebuilds doc_text(doc) on every access: read it once
        mentions = read_mentions(doc)
        for mention in mentions:
            read_modifier(text, mention)
        mentions = join_ranges(doc, mentions)
        for number, mention in enumerate(mentions, 1):
            mention.id = f"q{number}"
        assign_roles(doc, mentions)
        quantities = [to_quantity(text, m) for m in mentions]
        return quantities + derive_figures(doc, mentions, len(quantities))

    def set_annotations(self, doc: Doc, found: list[Quantity]) -> Doc:
        doc._.quantities = found
        return doc


def to_quantity(text: str, m: Mention) -> Quantity:
    return Quantity(id=m.id, start=m.start, end=m.end, text=text[m.start:m.end],
                    value=m.value, low=m.low, high=m.high, approximate=m.approximate,
                    comparator=m.comparator, change=m.change, unit=m.unit, counted=m.counted,
                    subject=m.subject, time=m.time, relative_to=m.relative_to)


# --- numbers with units, and what is not a quantity -------------------------------------

def read_mentions(doc: Doc) -> list[Mention]:
    """Every number in the Doc with its unit or currency, minus dates, times and idioms."""
    text = doc_text(doc)
    blocked = _blocked_chars(doc)
    removed = [(r.start, r.end) for r in doc_list(doc, "removed")]
    mentions: list[Mention] = []
    numbers = find_numbers(text)
    code_end = -1  # end of the last number dropped as part of a name ("737" of "737-800")
    names: set[str] = set()  # "787" named "Boeing 787" once is a name in "the new 787" too
    for i, number in enumerate(numbers):
        if number.kind == "ordinal" or _inside(number.start, number.end, removed) or \
                (_inside(number.start, number.end, blocked) and
                 not _TIMES_AFTER.match(text, number.end)) or \
                (mentions and number.start < mentions[-1].end):
            continue
        mention = attach_unit(text, number, numbers[i + 1] if i + 1 < len(numbers) else None,
                              mentions[-1].end if mentions else 0)
        if in_identifier(doc, text, number, mention.unit, mention.end) or \
                (text[code_end:number.start] in ("-", "/") and number.start > code_end >= 0):
            code_end = number.end
            names.add(number.text)
        elif not is_date_or_time(doc, text, number, mention.unit) and \
                not is_idiom(doc, text, number, mention.unit) and not is_reference(text, number, mention.unit):
            mentions.append(mention)
    mentions = [m for m in mentions if not _named_elsewhere(text, m, names)]
    return sorted(mentions + _article_units(text, mentions, blocked), key=lambda m: m.start)


def _named_elsewhere(text: str, m: Mention, names: set[str]) -> bool:
    figure = text[m.start:m.end]
    return m.unit is None and figure in names and re.fullmatch(r"\d{3,}", figure) is not None


def _article_units(text: str, mentions: list[Mention], blocked) -> list[Mention]:
    """ "a gallon of beer", "a penny": one of a unit, written with the article."""
    out = []
    for match in re.finditer(r"\b[Aa]n? (?=[a-z])", text):
        found = unit_after_article(text, match.end() - 1)
        if found is None or _overlaps(match.start(), found[1], blocked) or \
                any(m.start < found[1] and match.start() < m.end for m in mentions):
            continue
        out.append(Mention(match.start(), found[1], 1.0, unit=found[0], spelled=True))
    return out


def _blocked_chars(doc: Doc) -> list[tuple[int, int]]:
    """Character spans no quantity may overlap: time expressions and removed filler."""
    times = [t for t in doc_list(doc, "times") if t.type in BLOCKING_TIME_TYPES]
    spans = [(t.start, t.end) for t in times]
    ids = {t.id for t in times}
    time_at = doc_map(doc, "time_at")
    spans += [(doc[i].idx, doc[i].idx + len(doc[i])) for i, tid in time_at.items()
              if i < len(doc) and tid in ids]
    spans += [(r.start, r.end) for r in doc_list(doc, "removed")]
    return spans


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Within one span: "three" of "three years ago" (a number that reaches past a time
    expression, "two hundred and two thousand", is not part of it)."""
    return any(s <= start and end <= e for s, e in spans)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and end > s for s, e in spans)


def attach_unit(text: str, number: NumberMatch, nxt: NumberMatch | None = None,
                floor: int = 0) -> Mention:
    """The number with the currency before it (not before ``floor``, the end of the figure
    before) or the unit/currency after it; an uncertainty ("2,000.45±0.01 pounds") is read
    past to the unit."""
    mention = Mention(number.start, number.end, number.value, number.low, number.high,
                      kind=number.kind, spelled=number.spelled)
    if number.kind == "vague":
        mention.approximate, mention.comparator = True, "~"
    end = nxt.end if nxt is not None and is_uncertainty(text, number.end, nxt.start) else None
    mention.unit, mention.start, mention.end = unit_of(text, number, end, floor)
    mention.extra["unit_after"] = mention.end > (end or number.end)
    if mention.unit is None and _AGE_BEFORE.search(text, max(0, number.start - 20), number.start):
        mention.unit = "year"  # "aged 18 to 30", "at the age of 87": years of age
    if mention.unit is None and number.text.lower() == "zero" and \
            text[max(0, number.start - 9):number.start].lower() == "absolute ":
        mention.unit, mention.start = "K", number.start - 9  # "absolute zero" is 0 K
    scaled = currency_scale(text, mention.start, mention.end, mention.unit)
    if scaled is not None and mention.value is not None:
        mention.unit, factor, mention.start, mention.end = scaled
        mention.value *= factor
    return mention


# --- comparators, approximation and ranges ----------------------------------------------

@lru_cache(maxsize=1)
def modifiers() -> list[tuple[str, str, bool]]:
    """``data/quantities_modifiers.tsv`` ("more than" -> ">"): (phrase, comparator,
    approximate), longest first."""
    rows = lexicon_rows("quantities_modifiers.tsv")
    return sorted(((p, c, a == "1") for p, c, a in rows), key=lambda r: -len(r[0]))


@lru_cache(maxsize=1)
def _bound_patterns() -> list[tuple[str, str, bool, re.Pattern]]:
    out = []
    for phrase, comparator, approximate in modifiers():
        pattern = rf"(?:^|[^\w]){re.escape(phrase)}\s*$" if phrase[0].isalnum() else \
            rf"{re.escape(phrase)}\s*$"
        out.append((phrase, comparator, approximate, re.compile(pattern)))
    return out


@lru_cache(maxsize=1)
def _any_bound() -> re.Pattern:
    """Any modifier phrase at the end of a text (without the word-boundary test)."""
    phrases = "|".join(re.escape(phrase) for phrase, _, _ in modifiers())
    return re.compile(rf"(?:{phrases})\s*$")


def bound_before(text: str, start: int) -> tuple[str, bool, int] | None:
    """(comparator, approximate, where the phrase starts) of "more than", "about", "up to"
    written right before ``start``."""
    before = text[max(0, start - 30):start].lower()
    if _any_bound().search(before) is None:
        return None  # no phrase ends the text before: most figures
    stripped = before.rstrip()
    for phrase, comparator, approximate, pattern in _bound_patterns():
        if not stripped.endswith(phrase.rstrip()):
            continue  # the pattern needs the phrase at the end: skip the regex
        found = pattern.search(before)
        if found:
            phrase_start = start - len(before) + found.start() + \
                (0 if found.group().startswith(phrase[:1]) else 1)
            return comparator, approximate, phrase_start
    return None


def read_modifier(text: str, m: Mention) -> None:
    """Set comparator/approximate from the words just before the mention."""
    bound = bound_before(text, m.start)
    if bound is not None:
        m.comparator, approximate, m.mod_start = bound
        m.approximate = m.approximate or approximate


def join_ranges(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Merge "18 and 30" after "between", "18-30", "3 to 4 L", "from 5 to 10" into one."""
    text, out = doc_text(doc), []
    i = 0
    while i < len(mentions):
        first = mentions[i]
        second = mentions[i + 1] if i + 1 < len(mentions) else None
        if second is not None and _is_range(text, first, second):
            out.append(_merge(text, first, second))
            i += 2
        elif second is not None and _is_major_and_minor(text, first, second):
            first.value, first.end = first.value + second.value / 100, second.end
            out.append(first)  # "3 dollars 50 cents", "15 dollars and 50"
            i += 2
        elif second is not None and _is_feet_and_inches(text, first, second):
            first.value, first.end = first.value + second.value / 12, second.end
            out.append(first)  # "5 ft 2 in", "5 feet and 2 inches"
            i += 2
        else:
            if second is not None and first.unit is None and second.unit is not None and \
                    first.value is not None and \
                    re.fullmatch(r"\s*(?:,|and|or|, and|, or)\s*", text[first.end:second.start]):
                first.unit = second.unit  # "45 and 50 mg"
            if second is not None and _level_after_change(doc, text, first, second):
                second.unit = first.unit  # "fell 195 mln dlrs to 65.06 billion"
            out.append(first)
            i += 1
    return out


def _level_after_change(doc: Doc, text: str, a: Mention, b: Mention) -> bool:
    """ "fell 195 mln dlrs to 65.06 billion": the level a change reaches is in the change's
    unit (not for a percentage: "fell 0.4 pct to 99.7" reaches an index level; nor after a
    period: "in the two months to 3.06 billion"; nor a figure counting a noun: "sold 500
    tonnes to 20 countries")."""
    if a.unit is None or b.unit is not None or b.value is None or \
            not a.extra.get("unit_after", False) or \
            dimension_of(a.unit) in ("ratio", "time", "count", None) or \
            re.fullmatch(r"\s+to\s+", text[a.end:b.mod_start or b.start]) is None:
        return False
    word = re.match(r"\s*[^\W\d_]", text[b.end:b.end + 3])
    after = token_at(doc, b.end + word.end() - 1) if word else None
    return after is None or after.pos_ not in ("NOUN", "PROPN")


def _is_feet_and_inches(text: str, a: Mention, b: Mention) -> bool:
    return a.unit == "ft" and b.unit == "in" and a.value is not None and \
        b.value is not None and re.fullmatch(r"\s*(?:and\s+)?", text[a.end:b.start]) is not None


_MINOR_UNITS = ("cent", "pence")
_MINOR_JOIN = re.compile(r"\s*(?:and\s+)?")
_CLAUSE_END = re.compile(r"\s*(?:[.,;:!?)]|$)")


def _is_major_and_minor(text: str, a: Mention, b: Mention) -> bool:
    """An amount in a currency followed by its hundredths: "3 dollars 50 cents", "thirteen
    dollars and forty-five cents", "17 USD 25." (a bare 1-99 that closes the clause)."""
    if a.unit is None or a.unit in _MINOR_UNITS or dimension_of(a.unit) != "money" or \
            a.value is None or b.value is None or a.value != int(a.value) or \
            not (0 < b.value < 100 and b.value == int(b.value)):
        return False
    if b.unit in _MINOR_UNITS:
        return _MINOR_JOIN.fullmatch(text[a.end:b.start]) is not None
    if b.start < a.end and b.unit == a.unit:  # "17 USD 25": the code read twice
        number_start = text.rfind(" ", 0, b.end) + 1
        return text[a.end:number_start].strip() == "" and _CLAUSE_END.match(text, b.end)
    return b.unit is None and _MINOR_JOIN.fullmatch(text[a.end:b.start]) is not None and \
        _CLAUSE_END.match(text, b.end) is not None and a.spelled == b.spelled


def _is_range(text: str, a: Mention, b: Mention) -> bool:
    if a.value is None or b.value is None or a.kind == "vague" or b.kind == "vague":
        return False
    if a.unit and b.unit and a.unit != b.unit:
        return False
    between = text[a.end:b.mod_start if b.mod_start is not None else b.start]
    if b.comparator not in ("=", "~"):
        return False
    if _DASH_JOIN.match(between):
        return between in ("-", "–", "—") or not a.spelled
    if not _RANGE_JOIN.match(between):
        return False
    word = between.strip()
    lead = text[max(0, a.start - 40):a.mod_start if a.mod_start is not None else a.start]
    if word == "to" and a.unit and not b.unit and a.extra.get("unit_after"):
        return False  # "dipped 10.5 pct to 265,301": a range repeats or ends with the unit
    if word == "and":
        return bool(re.search(r"\bbetween\b(?:\s+\w+){0,3}\s*$", lead, re.IGNORECASE))
    if word in ("to", "through"):
        return not re.search(r"\b(?:than|of)\s*$", lead)
    return False


def _merge(text: str, a: Mention, b: Mention) -> Mention:
    lead = text[max(0, a.start - 8):a.start].lower()
    merged = Mention(a.start, b.end, None, a.value, b.value, unit=a.unit or b.unit,
                     spelled=a.spelled and b.spelled, approximate=a.approximate,
                     comparator=a.comparator, mod_start=a.mod_start)
    merged.from_to = bool(re.search(r"\bfrom\s*$", lead))
    if a.unit is None and b.unit is not None and a.value is not None:
        merged.unit = b.unit
    return merged


# --- derived figures ---------------------------------------------------------------------

_FLIP = {"=": "=", "~": "~", ">": "<", ">=": "<=", "<": ">", "<=": ">="}


def derive_figures(doc: Doc, mentions: list[Mention], count: int) -> list[Quantity]:
    """ "160,000 ..., an increase of 10,000 from last year's" implies 150,000 last year."""
    out = []
    for i, change in enumerate(mentions):
        if change.change not in ("up", "down") or change.relative_to is None or \
                change.value is None or "pair" in change.extra:
            continue
        base = _base_figure(doc, mentions[:i], change)
        if base is None:
            continue
        value = base.value - change.value if change.change == "up" else base.value + change.value
        comparator = _FLIP[change.comparator] if change.change == "up" else change.comparator
        start, end = change.change_span or (change.start, change.end)
        time = change.relative_to if _is_time_id(doc, change.relative_to) else None
        out.append(Quantity(
            id=f"q{count + len(out) + 1}", start=start, end=end, text=doc_text(doc)[start:end],
            value=value, approximate=change.approximate or base.approximate,
            comparator=comparator, unit=base.unit, counted=base.counted, subject=base.subject,
            time=time, derived=True, from_=[base.id, change.id]))
    return out


def _is_time_id(doc: Doc, value: str | None) -> bool:
    return value is not None and any(t.id == value for t in doc_list(doc, "times"))


def _base_figure(doc: Doc, earlier: list[Mention], change: Mention) -> Mention | None:
    """The nearest earlier plain figure in the same or previous sentence with the same unit."""
    token = doc.char_span(change.start, change.end, alignment_mode="expand")
    if token is None:
        return None
    sent = token[0].sent
    first = doc[sent.start - 1].sent.start_char if sent.start > 0 else 0
    for m in reversed(earlier):
        if m.start < first:
            return None
        plain = m.change is None and m.value is not None and m.comparator == "=" and \
            m.unit == change.unit
        if plain and (change.change == "down" or m.value > change.value):
            return m
    return None


@Language.factory("factwire_quantities", assigns=["doc._.quantities"])
def make_quantities(nlp: Language, name: str) -> QuantitiesComponent:
    return QuantitiesComponent(nlp, name)
