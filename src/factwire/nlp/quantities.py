"""factwire_quantities: numeric claims, with what they count, whose they are and when.

Reads ``doc._.entities``/``entity_at`` and ``doc._.times``/``time_at`` (written by the
components before it) and writes ``doc._.quantities``: a list of ``factwire.model.Quantity``.

- Numbers in digits and words come from ``numbers.find_numbers``; units and currencies
  from ``units``. Dates, times, ordinals, idioms ("one of its largest") and numbers inside
  names or identifiers are not quantities.
- Ranges ("between 18 and 30", "18-30", "from 1 million to 1.5 million") are one quantity
  with ``low``/``high`` and ``value`` None.
- Comparators: "more than" ``>``, "at least" ``>=``, "up to" ``<=``, "fewer than" ``<``;
  approximators without a direction ("about", "some", "an estimated") give ``~`` and
  ``approximate``; "nearly"/"almost" give ``<`` and ``approximate``.
- A change ("an increase of 10,000 ... from last year's draft") gives ``change`` up/down and
  ``relative_to`` (a time id, or the text of what it is compared with); with a total given
  nearby it also yields a derived figure (160,000 - 10,000 = 150,000 for last year).

>>> import factwire
>>> [q.text for q in factwire.extract("Officials said 3,000 troops arrived.").quantities]
['3,000']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from factwire.model import Quantity
from factwire.nlp import doc as _doc  # noqa: F401  (registers the Doc extensions)
from factwire.nlp.doc import doc_list, doc_map, entity_by_id, entity_id_of, time_id_of
from factwire.nlp.numbers import NumberMatch, find_numbers, word_kind
from factwire.nlp.units import (
    bound_before,
    dimension_of,
    in_identifier,
    is_date_or_time,
    is_idiom,
    is_uncertainty,
    lexicon_rows,
    lexicon_words,
    token_at,
    unit_after_article,
    unit_of,
)

# Time expressions whose numbers are not quantities: points in time ("2022", "July 15",
# "three years ago") and sets. Durations ("sentenced to 10 years", "a 29-year-old", "for
# three days") measure something and stay quantities (unit year/day/...) beside the time.
BLOCKING_TIME_TYPES = ("DATE", "TIME", "SET")
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
        mentions = read_mentions(doc)
        for mention in mentions:
            read_modifier(doc.text, mention)
        mentions = join_ranges(doc, mentions)
        for number, mention in enumerate(mentions, 1):
            mention.id = f"q{number}"
        assign_roles(doc, mentions)
        quantities = [to_quantity(doc.text, m) for m in mentions]
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
    text = doc.text
    blocked = _blocked_chars(doc)
    mentions: list[Mention] = []
    numbers = find_numbers(text)
    code_end = -1  # end of the last number dropped as part of a name ("737" of "737-800")
    names: set[str] = set()  # "787" named "Boeing 787" once is a name in "the new 787" too
    for i, number in enumerate(numbers):
        if number.kind == "ordinal" or _inside(number.start, number.end, blocked) or \
                (mentions and number.start < mentions[-1].end):
            continue
        mention = attach_unit(text, number, numbers[i + 1] if i + 1 < len(numbers) else None)
        if in_identifier(doc, text, number, mention.unit, mention.end) or \
                (text[code_end:number.start] in ("-", "/") and number.start > code_end >= 0):
            code_end = number.end
            names.add(number.text)
        elif not is_date_or_time(doc, text, number, mention.unit) and not is_idiom(doc, number):
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


def attach_unit(text: str, number: NumberMatch, nxt: NumberMatch | None = None) -> Mention:
    """The number with the currency before it or the unit/currency after it; an
    uncertainty ("2,000.45±0.01 pounds") is read past to the unit."""
    mention = Mention(number.start, number.end, number.value, number.low, number.high,
                      kind=number.kind, spelled=number.spelled)
    if number.kind == "vague":
        mention.approximate, mention.comparator = True, "~"
    end = nxt.end if nxt is not None and is_uncertainty(text, number.end, nxt.start) else None
    mention.unit, mention.start, mention.end = unit_of(text, number, end)
    return mention


# --- comparators, approximation and ranges ----------------------------------------------

def read_modifier(text: str, m: Mention) -> None:
    """Set comparator/approximate from the words just before the mention."""
    bound = bound_before(text, m.start)
    if bound is not None:
        m.comparator, approximate, m.mod_start = bound
        m.approximate = m.approximate or approximate


def join_ranges(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Merge "18 and 30" after "between", "18-30", "3 to 4 L", "from 5 to 10" into one."""
    text, out = doc.text, []
    i = 0
    while i < len(mentions):
        first = mentions[i]
        second = mentions[i + 1] if i + 1 < len(mentions) else None
        if second is not None and _is_range(text, first, second):
            out.append(_merge(text, first, second))
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
            out.append(first)
            i += 1
    return out


def _is_feet_and_inches(text: str, a: Mention, b: Mention) -> bool:
    return a.unit == "ft" and b.unit == "in" and a.value is not None and \
        b.value is not None and re.fullmatch(r"\s*(?:and\s+)?", text[a.end:b.start]) is not None


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


# --- roles: what is counted, change, time, subject ---------------------------------------

@lru_cache(maxsize=1)
def change_words() -> dict[str, str]:
    """``data/quantities_change.tsv``: lemma -> up, down or any."""
    return {word: direction for word, direction, _ in lexicon_rows("quantities_change.tsv")}


@lru_cache(maxsize=1)
def not_counted() -> frozenset[str]:
    """``data/quantities_not_counted.txt``: nouns that carry a number but are not counted."""
    return frozenset(lexicon_words("quantities_not_counted.txt"))


_TIME_NOUNS = {"year", "month", "week", "day", "hour", "minute", "second", "decade", "century",
               "percent", "cent", "time", "times"}
_RELATIVE_CUES = {"from", "since", "than", "compared", "over"}
_SIBLING_JOINS = {"and", "or", ",", "while", "but"}


def assign_roles(doc: Doc, mentions: list[Mention]) -> None:
    """Fill counted, change, relative_to, time and subject of every mention, in that order."""
    heads = {m.id: number_token(doc, m) for m in mentions}
    for m in mentions:
        head = heads[m.id]
        if head is None:
            continue
        noun = counted_token(doc, m, head)
        m.counted = _noun_text(noun, m) if noun is not None else None
        m.extra["noun"] = noun
        read_change(doc, m, head, noun)
        read_relative(doc, m, noun)
    link_from_to_pairs(doc, mentions)
    link_changes_from(doc, mentions)
    inherit_from_siblings(doc, mentions)
    borrow_elided_counted(doc, mentions)
    relative_times = {m.relative_to for m in mentions if m.relative_to}
    for m in mentions:
        if heads[m.id] is not None:
            m.time = time_next_to(doc, m)
    claimed = relative_times | {m.time for m in mentions if m.time}
    for m in mentions:
        head = heads[m.id]
        if head is not None and m.time is None:
            m.time = time_of_clause(doc, head, relative_times, claimed)
        if head is not None:
            m.subject = m.subject or subject_of(doc, head, m.extra.get("noun"))


def number_token(doc: Doc, m: Mention) -> Token | None:
    """The token carrying the number (the first of a range, the last of "1.5 million")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return None
    numeric = [t for t in span if t.like_num or any(c.isdigit() for c in t.text)]
    if not numeric:
        return span[-1]
    return numeric[0] if m.low is not None and m.value is None else numeric[-1]


def _top(token: Token, m: Mention | None = None) -> Token:
    """Climb "1" -> "million", "5" -> "percent", "2.5" -> "$" to the token heading the
    figure with its unit."""
    while token.head.i != token.i and (
            (token.dep_ in ("compound", "quantmod", "nummod", "advmod") and token.head.like_num)
            or (m is not None and m.start <= token.head.idx < m.end)):
        token = token.head
    return token


def _is_counted_noun(token: Token, m: Mention) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() not in not_counted() \
        and token.lemma_.lower() not in _TIME_NOUNS and not (m.start <= token.idx < m.end) \
        and time_id_of(token) is None


def _after(doc: Doc, m: Mention) -> Token | None:
    for token in doc[number_token(doc, m).i:]:
        if token.idx >= m.end and not token.is_space:
            return token
    return None


def counted_token(doc: Doc, m: Mention, head: Token) -> Token | None:
    """The noun the figure counts: "160,000 men", "10,000 of the recruits", "ages of 18"."""
    top = _top(head, m)
    nxt = _after(doc, m)
    if top.dep_ in ("nummod", "amod", "compound", "quantmod", "npadvmod") and \
            top.head.i > top.i and _is_counted_noun(top.head, m):
        return top.head
    money = m.unit is not None and dimension_of(m.unit) == "money"
    if nxt is not None and (nxt.lower_ == "of" or (nxt.lower_ == "in" and money)):
        pobj = [c for c in nxt.children if c.dep_ == "pobj"]
        if pobj and _is_counted_noun(pobj[0], m):
            return pobj[0]
    if not m.unit and top.dep_ in ("pobj", "conj") and top.head.lower_ == "of" and \
            _is_counted_noun(top.head.head, m):
        return top.head.head
    if nxt is not None and nxt.tag_ in ("NNS", "NNPS") and _is_counted_noun(nxt, m) and \
            not m.unit:
        return nxt
    return None


def _noun_text(noun: Token, m: Mention) -> str:
    """The counted noun with its noun compounds ("combat troops"), not the figure's words."""
    words = [c for c in noun.children if c.dep_ == "compound" and c.i < noun.i
             and entity_id_of(c) is None and c.pos_ == "NOUN" and c.idx >= m.end
             and not c.like_num and word_kind(c.lower_) is None]
    text = " ".join([w.text for w in words] + [noun.text])
    return text if noun.pos_ == "PROPN" else text.lower()


def _direction(token: Token, parts: tuple[str, ...] = ("any",)) -> str | None:
    return change_words().get(token.lemma_.lower()) or change_words().get(token.lower_)


def read_change(doc: Doc, m: Mention, head: Token, noun: Token | None) -> None:
    """Up or down: "an increase of 10,000", "rose by 5%", "cut 500 jobs", "3,000 more"."""
    top = _top(head, m)
    phrase = noun if noun is not None and noun.i > top.i else top
    for token in (phrase, top):
        gov = token.head
        if token.dep_ == "pobj" and gov.lower_ in ("of", "by"):
            trigger = gov.head
            direction = _direction(trigger)
            if direction and trigger.pos_ in ("NOUN", "VERB"):
                return _set_change(m, direction, trigger)
        if token.dep_ in ("dobj", "npadvmod", "attr") and gov.pos_ == "VERB" and \
                _direction(gov) in ("up", "down") and not m.from_to:
            return _set_change(m, _direction(gov), gov)
    for child in (noun.children if noun is not None else []):
        if child.dep_ in ("amod", "advmod") and child.lower_ in ("additional", "extra",
                                                                "further", "fewer"):
            return _set_change(m, _direction(child), child)
    before = _token_before(doc, m.mod_start or m.start)
    particle = before is not None and before.i > 0 and before.head.i == before.i - 1 and \
        before.head.pos_ == "VERB"  # "shot down 17 drones"
    if before is not None and before.lower_ in ("additional", "extra", "another", "further",
                                                "up", "down") and not particle:
        m.change = change_words()[before.lower_]  # "up 5%", not "shot down 17 drones"
    if nxt := _after(doc, m):
        if nxt.lower_ in ("more", "fewer", "less") and nxt.head.i != nxt.i and not m.unit:
            m.change = change_words()[nxt.lower_]
    if m.from_to:
        _range_change(m, top)


def _token_before(doc: Doc, char: int) -> Token | None:
    token = token_at(doc, char)
    return doc[token.i - 1] if token is not None and token.i > 0 else None


def _set_change(m: Mention, direction: str, trigger: Token) -> None:
    if direction == "any":
        _range_change(m, trigger) if m.low is not None else None
        return
    m.change = direction
    m.change_span = (trigger.idx, m.end)


def _range_change(m: Mention, token: Token) -> None:
    """ "from 1 million to 1.5 million": a change when a change word governs it."""
    for anc in [token] + list(token.ancestors)[:3]:
        direction = _direction(anc)
        if direction and m.low is not None and m.high is not None:
            if direction == "any":
                direction = "up" if m.high > m.low else "down"
            m.change = direction
            return


def read_relative(doc: Doc, m: Mention, noun: Token | None) -> None:
    """What a change is relative to: "... from last year's spring draft", "since 2020"."""
    if m.change is None:
        return
    start = _after(doc, m)
    if start is None:
        return
    i, sent_end = start.i, start.sent.end
    while i < sent_end and i - start.i < 4 and doc[i].lower_ not in _RELATIVE_CUES:
        if doc[i].pos_ not in ("NOUN", "ADJ", "PROPN") or doc[i].like_num:
            return
        i += 1
    if i >= sent_end or doc[i].lower_ not in _RELATIVE_CUES:
        return
    cue = i + (2 if doc[i].lower_ == "compared" else 1)
    end = cue
    while end < sent_end and not _ends_phrase(doc[end]):
        end += 1
    if end == cue:
        return
    phrase = doc[cue:end]
    times = [time_id_of(t) for t in phrase if time_id_of(t)]
    m.relative_to = times[0] if times else phrase.text
    begin = m.change_span[0] if m.change_span else m.start
    m.change_span = (begin, phrase.end_char)


def _ends_phrase(token: Token) -> bool:
    return token.dep_ == "cc" or token.is_punct or token.lower_ in ("to", "according", "as") \
        or token.pos_ in ("VERB", "AUX") or (token.like_num and time_id_of(token) is None
                                             and not _looks_like_time_number(token))


def _looks_like_time_number(token: Token) -> bool:
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return nxt is not None and nxt.lemma_.lower() in _TIME_NOUNS and \
        token.i + 2 < len(token.doc) and token.nbor(2).lower_ in ("ago", "earlier")


def link_from_to_pairs(doc: Doc, mentions: list[Mention]) -> None:
    """ "from 1 million troops three years ago to about 1.5 million today": the second is a
    change relative to the first and counts the same thing."""
    text = doc.text
    for a, b in zip(mentions, mentions[1:], strict=False):
        before_a = text[max(0, (a.mod_start or a.start) - 6):a.mod_start or a.start].lower()
        before_b = text[max(0, (b.mod_start or b.start) - 4):b.mod_start or b.start].lower()
        if not (before_a.rstrip().endswith("from") and before_b.rstrip().endswith("to")):
            continue
        span = _between(doc, a.end, b.start)
        if span is None or any(t.pos_ in ("VERB", "AUX") for t in span) or \
                a.value is None or b.value is None:
            continue
        b.change = b.change or ("up" if b.value > a.value else "down")
        b.extra["pair"] = a
        b.relative_to = b.relative_to or a.id
        b.counted = b.counted or a.counted
        b.extra["noun"] = b.extra.get("noun") or a.extra.get("noun")


_UP_FROM = re.compile(r",?\s+(up|down)\s+from\s+$")
_TO_FROM = re.compile(r"\s+(?:\w+\s+){0,3}from\s+$")


def link_changes_from(doc: Doc, mentions: list[Mention]) -> None:
    """ "62 percent, up from 58 percent", "eased to 2.9% in July from 3.2% in June": the
    first figure is a change relative to the second."""
    text = doc.text
    for a, b in zip(mentions, mentions[1:], strict=False):
        between = text[a.end:b.mod_start or b.start]
        if len(between) > 40 or a.value is None or b.value is None or a.unit != b.unit:
            continue
        up_from = _UP_FROM.fullmatch(between)
        lead = text[max(0, (a.mod_start or a.start) - 4):a.mod_start or a.start]
        if up_from:
            a.change = up_from.group(1)
        elif lead.rstrip().endswith("to") and _TO_FROM.fullmatch(between):
            a.change = a.change or ("up" if a.value > b.value else "down")
        else:
            continue
        a.relative_to = b.id
        a.extra["pair"] = b


def borrow_elided_counted(doc: Doc, mentions: list[Mention]) -> None:
    """ "27 people were killed and more than 100 wounded": "100" counts people too."""
    for i, m in enumerate(mentions):
        nxt = _after(doc, m) if m.counted is None and m.unit is None else None
        if nxt is None or nxt.tag_ not in ("VBN", "JJ") or m.value is None:
            continue
        sent = nxt.sent
        for prev in reversed(mentions[:i]):
            if prev.start < sent.start_char:
                break
            if prev.counted and prev.unit is None:
                m.counted, m.extra["noun"] = prev.counted, prev.extra.get("noun")
                break


def _between(doc: Doc, start: int, end: int):
    """The tokens between two mentions, or None when they touch or overlap."""
    if start >= end:
        return None
    return doc.char_span(start, end, alignment_mode="expand")


def inherit_from_siblings(doc: Doc, mentions: list[Mention]) -> None:
    """ "an increase of 10,000 recruits ... and more than 15,000 from three years ago": the
    second figure shares the first's change and what it counts."""
    for a, b in zip(mentions, mentions[1:], strict=False):
        span = _between(doc, a.end, b.mod_start or b.start)
        if span is None or not len(span) or span[-1].lower_ not in _SIBLING_JOINS:
            continue
        if any(t.pos_ in ("VERB", "AUX") and time_id_of(t) is None for t in span) or \
                span[0].sent != span[-1].sent:
            continue
        if b.counted is None and a.counted and (a.unit == b.unit):
            b.counted, b.extra["noun"] = a.counted, a.extra.get("noun")
        if b.change is None and a.change is not None and "pair" not in b.extra:
            b.change = a.change
            b.change_span = (b.mod_start or b.start, b.end)
            read_relative(doc, b, None)
        b.subject = b.subject or a.subject


def time_next_to(doc: Doc, m: Mention) -> str | None:
    """A time right after the figure: "1 million troops three years ago", "$5bn in 2023"."""
    start = _after(doc, m)
    if start is None:
        return None
    for token in doc[start.i:min(len(doc), start.i + 4)]:
        time = time_id_of(token)
        if time is not None:
            return None if time == m.relative_to else time
        if token.lower_ in _RELATIVE_CUES or token.is_punct or token.pos_ in ("VERB", "AUX") \
                or token.like_num or token.lower_ in ("to", "and"):
            return None
    return None


def time_of_clause(doc: Doc, head: Token, relative: set, claimed: set) -> str | None:
    """The time of the clause the figure is in, else the sentence's first free date."""
    verb = next((a for a in [head] + list(head.ancestors) if a.pos_ in ("VERB", "AUX")), None)
    sent_times = []
    for token in head.sent:
        time = time_id_of(token)
        if time is None or time in relative or time in sent_times:
            continue
        sent_times.append(time)
        if verb is not None and (token.head == verb or token.head.head == verb):
            if time not in claimed:
                return time
    free = [t for t in sent_times if t not in claimed]
    return free[0] if free else None


def _entity_of(token: Token, types: tuple[str, ...] | None = None,
               itself: bool = True) -> str | None:
    """A named entity at ``token`` or among its possessor/compound/adjective modifiers;
    nominal entities ("the troops") are not owners of a figure."""
    modifiers = [c for c in token.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
    for candidate in ([token] if itself else []) + modifiers:
        eid = entity_id_of(candidate)
        entity = entity_by_id(token.doc, eid) if eid is not None else None
        if entity is None or entity.nominal:
            continue
        if types is None or entity.type in types:
            return eid
    return None


def subject_of(doc: Doc, head: Token, noun: Token | None) -> str | None:
    """Whose figure it is: the possessor of what is counted, the actor of the verb it
    belongs to (through xcomp/relcl/conj), else the sentence's or previous sentence's actor."""
    if noun is not None:
        eid = _entity_of(noun, itself=False)
        if eid is not None:
            return eid
    for anc in [head] + list(head.ancestors):
        if anc.pos_ not in ("VERB", "AUX"):
            continue
        objects = [c for c in anc.children if c.dep_ == "dobj" and c != noun]
        for child in [c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass")] + objects:
            eid = _entity_of(child)
            if eid is not None:
                return eid
        if anc.dep_ not in ("xcomp", "conj", "advcl", "ccomp", "acl", "relcl", "pcomp"):
            break
    return sentence_actor(head.sent) or _previous_actor(doc, head.sent)


def sentence_actor(sent) -> str | None:
    """The entity subject of the sentence's main verb, if it is a place or organization."""
    root = sent.root
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            eid = _entity_of(child, ("GPE", "ORG"))
            if eid is not None:
                return eid
    return None


def _previous_actor(doc: Doc, sent) -> str | None:
    if sent.start == 0:
        return None
    return sentence_actor(doc[sent.start - 1].sent)


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
            id=f"q{count + len(out) + 1}", start=start, end=end, text=doc.text[start:end],
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
