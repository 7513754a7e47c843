"""factwire_times: time expressions found and normalized to TIMEX3 values.

``match(doc)`` runs the grammar (``timex_grammar``) over the text, drops matches that the
parse shows are not times (the modal "may", "March" as a verb, "Sunday Times" inside a name,
"2000 troops"), reads the tense of the governing verb, and resolves each one against the
anchor (``doc._.published``, else the first full date written earlier in the article)
with ``timex_resolve``. "Two days later", "that day" and a bare clock time count from the
last date the article named, and "a year earlier" in a quarterly report is that quarter a
year back (``timex_discourse``). Ranges ("from March to May", "5 to 6pm", "June 3-5",
"through July 15") fill ``begin`` and ``until`` on both ends, and a duration counted from
the publication date ("within the next three days") the days it covers (``timex_bounds``).

>>> nlp = factwire.nlp.load()                                      # doctest: +SKIP
>>> doc = nlp.make_doc("The drive began Tuesday.")                  # doctest: +SKIP
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from factwire.model import Time
from factwire.nlp import doc as _doc  # noqa: F401
from factwire.nlp.doc import doc_list, doc_map, doc_text
from factwire.nlp.timex_bounds import mark_edges, mark_ranges, mark_stretches
from factwire.nlp.timex_calendar import BeyondCalendar
from factwire.nlp.timex_discourse import (
    StoryTime,
    looks_back_a_year,
    quarter_by_end,
    reported_quarter,
    year_back_to_quarter,
)
from factwire.nlp.timex_grammar import Candidate, find_candidates, lexicon
from factwire.nlp.timex_resolve import resolve
from factwire.nlp.timex_tense import governing_tense, told_in_past

# names that may contain a time word ("Sunday Times", "Black September", "May Day Parade")
NAME_LABELS = {"ORG", "PERSON", "WORK_OF_ART", "FAC", "PRODUCT", "EVENT", "LAW", "GPE",
               "LOC", "NORP"}
# "a daily rally", "his weekly address", "hourly earnings": how often, even before a noun
# (a "quarterly" or "annual" dividend, report or meeting names a kind of payment or paper)
_HOW_OFTEN = {"daily", "nightly", "weekly", "hourly"}
_BARE_NAME_RULES = {"month", "weekday", "season", "holiday"}
_POSSESSIVE = re.compile(r"['’]s$")
_FULL_DATE = re.compile(r"^\d{4}-\d\d-\d\d$")


class TimesComponent:
    """Finds times in a Doc: ``match(doc)`` then ``set_annotations(doc, found)``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[Time]:
        """Every time expression of ``doc`` as ``Time`` objects, in text order."""
        anchor = doc._.published
        names = _name_spans(doc)
        found: list[Time] = []
        token_starts: list[int] = []
        tenses: list[str | None] = []
        story = StoryTime()
        for cand in find_candidates(doc_text(doc)):
            span = _token_span(doc, cand)
            if span is None or not _is_time(cand, span, names):
                continue
            tense = _tense(doc, cand, span)
            try:
                resolved = resolve(cand, story.anchor_for(cand, anchor), tense)
            except BeyondCalendar:  # "1,428,000 years ago": no date to give
                resolved = None
            if resolved is None:
                continue
            kind, value = resolved
            value = reported_quarter(cand, value, story)
            if cand.rule in ("month", "month_abbr") and tense == "past":
                value = _month_gone_by(value, anchor, span)
            # a part of a joined token ("1990–1995") keeps its own characters
            start, end = (cand.start, cand.end) if cand.end - cand.start < len(span.text) \
                else (span.start_char, span.end_char)
            found.append(Time(id=f"t{len(found) + 1}", start=start, end=end,
                              text=doc_text(doc)[start:end], type=kind, value=value))
            token_starts.append(span.start)
            tenses.append(tense)
            story.note(cand, kind, value)
            if anchor is None and cand.rule in ("iso", "mdy", "dmy") and cand.groups.get(
                    "y", cand.rule == "iso") and _FULL_DATE.match(value):
                anchor = dt.date.fromisoformat(value)
        quarter_by_end(found, doc_text(doc))
        if any(looks_back_a_year(time) for time in found):
            starts = _sentence_starts(doc)
            year_back_to_quarter(found, [bisect.bisect_right(starts, i) - 1 for i in token_starts],
                                 doc_text(doc))
        mark_edges(found)
        mark_ranges(doc_text(doc), found, doc._.published)
        mark_stretches(doc_text(doc), found, doc._.published, tenses)
        return found

    def set_annotations(self, doc: Doc, found: list[Time]) -> Doc:
        """Store the times and map every token of each to its time id."""
        doc._.times = found
        time_at = {}
        for time in found:
            span = doc.char_span(time.start, time.end, alignment_mode="expand")
            for token in span:
                time_at[token.i] = time.id
        doc._.time_at = time_at
        return doc


def _tense(doc: Doc, cand: Candidate, span: Span) -> str | None:
    """The governing tense; for a clock time joined to a day ("Monday morning from 10am"),
    the day's, since the day is what the tense places."""
    if cand.rule == "day_clock" and cand.parts and not _after_until(span):
        day = _token_span(doc, cand.parts[0])
        if day is not None:
            return governing_tense(day)
    return governing_tense(span)


def _month_gone_by(value: str, anchor: dt.date | None, span: Span) -> str:
    """"changed its fiscal year in December", told in October: last year's December."""
    if anchor is None or not re.fullmatch(r"\d{4}-\d\d", value) or \
            int(value[:4]) != anchor.year or int(value[5:]) <= anchor.month or \
            not told_in_past(span):
        return value
    return f"{anchor.year - 1:04d}{value[4:]}"


def _after_until(span: Span) -> bool:
    """"until 9 a.m. Tuesday": the whole expression ends a stretch, and is placed as one."""
    return span.start > 0 and span.doc[span.start - 1].lower_ in ("until", "till", "through")


def _sentence_starts(doc: Doc) -> list[int]:
    """Token index where each sentence starts ([0] when the doc has no sentence marks)."""
    if not doc.has_annotation("SENT_START"):
        return [0]
    return [sent.start for sent in doc.sents]


def _token_span(doc: Doc, cand: Candidate) -> Span | None:
    """The tokens of a candidate, without a trailing possessive "'s"."""
    span = doc.char_span(cand.start, cand.end, alignment_mode="contract")
    if span is None or len(span) == 0:
        span = _joined_token(doc, cand)
    if span is not None and len(span) > 1 and _POSSESSIVE.match(span[-1].text):
        span = span[:-1]
    if span is None or len(span) == 0 or not span.text.strip():
        return None
    return span


# two values spaCy keeps as one token: "1990–1995", "2014~2018", "10/1-11/2/2017"
_JOINED = re.compile(r"^[\w./:]+[~–—-][\w./:]+$")


def _joined_token(doc: Doc, cand: Candidate) -> Span | None:
    """The one token a candidate is part of when that token joins two values by a dash or
    a tilde ("1990–1995"); the time keeps the candidate's own characters."""
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or len(span) != 1 or not _JOINED.match(span.text):
        return None
    return span


def _name_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """Token ranges (start, end, label) of names: spaCy's and factwire's entities."""
    names = [(ent.start, ent.end, ent.label_) for ent in doc.ents if ent.label_ in NAME_LABELS]
    by_id = {entity.id: entity for entity in doc_list(doc, "entities")}
    tokens: dict[str, list[int]] = {}
    for i, entity_id in doc_map(doc, "entity_at").items():
        tokens.setdefault(entity_id, []).append(i)
    for entity_id, indices in tokens.items():
        entity = by_id.get(entity_id)
        if entity is not None and entity.type in NAME_LABELS:
            names.extend(_runs(sorted(indices), entity.type))
    return names


def _runs(indices: list[int], label: str) -> list[tuple[int, int, str]]:
    """Consecutive token indices as (start, end, label) ranges."""
    runs: list[tuple[int, int, str]] = []
    for i in indices:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1, label)
        else:
            runs.append((i, i + 1, label))
    return runs


def _is_time(cand: Candidate, span: Span, names) -> bool:
    """False for matches the parse shows are not time expressions."""
    if _inside_name(cand, span, names):
        return False
    if any(t.tag_ == "MD" for t in span) and cand.rule != "ref":
        return False
    head = span[0]
    if cand.rule in ("month", "month_abbr") and not cand.groups.get("rel") and \
            not cand.groups.get("edge"):
        if not _bare_month_ok(span):
            return False
    elif cand.rule == "month" and span[-1].text[0].islower() and not doc_text(span.doc).islower():
        return False  # "arrested at this march": in cased text a month has a capital
    if cand.rule == "season" and not cand.groups.get("rel") and not cand.groups.get("y"):
        if head.pos_ == "VERB" or (head.lower_ == "fall" and not _after_determiner(span)):
            return False
    if cand.rule == "year" and not _year_ok(cand, span):
        return False
    if cand.rule == "num_md" and not _numeric_date_ok(cand, span):
        return False
    if cand.rule in ("wd_dom", "dom") and not _day_number_ok(cand, span):
        return False
    if cand.rule == "set_adv" and head.pos_ == "ADJ" and _before_noun(span) and \
            head.lower_ not in _HOW_OFTEN:
        return False  # "a quarterly dividend": a kind of dividend, not a time
    if cand.rule == "duration" and _key_unit(cand).startswith("quarter") and _before_of(span):
        return False  # "three-quarters of the vote", "more than a quarter of them": a share
    if cand.rule == "duration" and head.lower_ in ("a", "an") and _after_amount(span):
        return False  # "$1.76 a year", "700 seats a week": a rate, not a stretch of time
    if cand.rule in ("ref",) and span.end < len(span.doc) and span.doc[span.end].lower_ == "of":
        return span[-1].lower_ not in ("future", "past", "present")
    if cand.rule == "duration" and _key_unit(cand) in ("second", "seconds") and \
            cand.groups.get("num", "").lower() in ("a", "an"):
        return False
    return True


def _key_unit(cand: Candidate) -> str:
    return cand.groups.get("unit", "").lower()


def _inside_name(cand: Candidate, span: Span, names) -> bool:
    """True when the match is part of a longer name, or is a bare word tagged as a name."""
    for start, end, label in names:
        if end <= span.start or start >= span.end:
            continue
        if (start < span.start or end > span.end) and label != "EVENT":
            return True
        if cand.rule in _BARE_NAME_RULES and label in ("PERSON", "ORG", "WORK_OF_ART"):
            return True
    return False


_MONTH_PREPOSITIONS = {"in", "since", "from", "until", "till", "through", "during", "by", "before",
                       "after", "of", "to", "early", "late", "mid", "this", "last", "next",
                       "between", "and"}


def _bare_month_ok(span: Span) -> bool:
    """A month name alone: capitalised (in cased text), a noun, not "the March on ..."."""
    token = span[-1]
    doc = token.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if token.text[0].islower() and not doc_text(span.doc).islower() and (
            before is None or before.lower_ not in _MONTH_PREPOSITIONS):
        return False  # "in april" is a month, a lower-case "march" alone is not
    if token.pos_ in ("VERB", "AUX") or token.tag_ == "MD":
        return False
    if before is not None and before.lower_ in ("the", "a") and after is not None and \
            after.pos_ == "ADP" and after.lower_ != "of":
        return False
    return True


_DATE_CUES = {"on", "by", "from", "to", "until", "till", "through", "thru", "since", "between",
              "before", "after", "this", "next", "last", "and", "or", ",", "-", "–", "date",
              "dated"}


def _numeric_date_ok(cand: Candidate, span: Span) -> bool:
    """"11/20" is a date after a word that introduces one ("on 11/20", "from 10/1 to
    11/7", "Friday 7/6") or at the start of a line, never a fraction ("7 1/2 percent")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ in ("%", "percent", "of", "per", "cup", "inch"):
        return False
    if before is None or before.is_space or before.text == "\n" or \
            any(t.lower_.rstrip(".") in lexicon()["weekdays"] for t in span):
        return True  # "Friday 7/6": the weekday says date
    if before.like_num:
        return False
    return before.lower_ in _DATE_CUES or before.lower_ in lexicon()["weekdays"]


def _day_number_ok(cand: Candidate, span: Span) -> bool:
    """"on the 18th" / "Monday the 21st" name a day; "on the 18th floor" and "on Monday 12
    soldiers died" do not: the number must not be followed by what it counts."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is not None and after.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") and \
            after.lower_ not in lexicon()["months"]:
        return False
    g = cand.groups
    return cand.rule == "dom" or bool(g.get("the") or g.get("suf") or g.get("dw")) or \
        after is None or after.is_punct


def _before_of(span: Span) -> bool:
    """"... quarters of the/its/them": a share of something, not quarters of a year."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].lower_ != "of":
        return False
    return doc[span.end + 1].tag_ in ("DT", "PRP", "PRP$") or doc[span.end + 1].lower_ == "all"


def _before_noun(span: Span) -> bool:
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return after is not None and after.pos_ in ("NOUN", "PROPN", "ADJ")


def _after_amount(span: Span) -> bool:
    """True after "$1.76", "20%", "four flights": what comes before is counted per unit."""
    doc = span.doc
    before = [doc[i] for i in range(max(0, span.start - 2), span.start)]
    if before and (before[-1].like_num or before[-1].lower_ in ("%", "percent", "cents")):
        return True
    return len(before) == 2 and before[0].like_num and before[1].pos_ == "NOUN"


def _after_determiner(span: Span) -> bool:
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.lower_ in ("the", "this", "last", "next", "in",
                                                     "of", "early", "late", "by", "since")


def _year_ok(cand: Candidate, span: Span) -> bool:
    """A bare four-digit number is a year unless it counts something ("2000 troops")."""
    if cand.groups.get("edge") or cand.groups.get("fy"):
        return True
    token = span[-1]
    if token.ent_type_ in ("MONEY", "PERCENT", "QUANTITY") or _in_number_chain(span):
        return False
    doc = token.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and before.lower_ in ("no", "no.", "number", "#", "room", "flight",
                                                "route", "page", "article", "model"):
        return False
    if after is not None and after.tag_ in ("NNS",) and (
            before is None or before.tag_ not in ("DT", "PRP$", "POS", "IN")):
        return False
    return True


_CHAIN = re.compile(r"\d+(?:\s*[-–~/]\s*\d+)+")
_YEAR_PAIR = re.compile(r"^(?:1[5-9]|20)\d\d\s*[-–~/]\s*(?:(?:1[5-9]|20)\d\d|\d\d)$")


def _in_number_chain(span: Span) -> bool:
    """True for a year inside "138-2010-2015" or "2015-32": a code, not a range of years."""
    text = doc_text(span.doc)
    lo, hi = max(0, span.start_char - 12), min(len(text), span.end_char + 12)
    for chain in _CHAIN.finditer(text, lo, hi):
        if chain.start() <= span.start_char and span.end_char <= chain.end():
            return not _is_year_pair(chain.group())
    return False


def _is_year_pair(text: str) -> bool:
    """"1990-1995", "2015/16", "1990-95" (a short end within ten years of the start)."""
    if not _YEAR_PAIR.match(text):
        return False
    first, second = (int(x) for x in re.findall(r"\d+", text))
    if second < 100:
        return 0 < second - first % 100 <= 10
    return first < second


@Language.factory("factwire_times", assigns=["doc._.times", "doc._.time_at"])
def make_times(nlp: Language, name: str) -> TimesComponent:
    """The factwire_times component (no settings: the grammar is in timex_grammar)."""
    return TimesComponent(nlp, name)
