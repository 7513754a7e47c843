"""factwire_times: time expressions found and normalized to TIMEX3 values.

``match(doc)`` runs the grammar (``timex_grammar``) over the text, drops matches that the
parse shows are not times (the modal "may", "March" as a verb, "Sunday Times" inside a name,
"2000 troops"), reads the tense of the governing verb, and resolves each one against the
anchor (``doc._.published``, else the first full date written earlier in the article)
with ``timex_resolve``. Ranges ("from March to May", "through July 15") fill ``begin`` and
``until``.

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
from factwire.nlp.doc import doc_list, doc_map
from factwire.nlp.timex_grammar import Candidate, find_candidates
from factwire.nlp.timex_resolve import resolve
from factwire.nlp.timex_tense import governing_tense

# names that may contain a time word ("Sunday Times", "Black September", "May Day Parade")
NAME_LABELS = {"ORG", "PERSON", "WORK_OF_ART", "FAC", "PRODUCT", "EVENT", "LAW", "GPE",
               "LOC", "NORP"}
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
        story = StoryTime()
        for cand in find_candidates(doc.text):
            span = _token_span(doc, cand)
            if span is None or not _is_time(cand, span, names):
                continue
            resolved = resolve(cand, story.anchor_for(cand, anchor), governing_tense(span))
            if resolved is None:
                continue
            kind, value = resolved
            found.append(Time(id=f"t{len(found) + 1}", start=span.start_char,
                              end=span.end_char, text=span.text, type=kind, value=value))
            token_starts.append(span.start)
            story.note(cand, kind, value)
            if anchor is None and cand.rule in ("iso", "mdy", "dmy") and cand.groups.get(
                    "y", cand.rule == "iso") and _FULL_DATE.match(value):
                anchor = dt.date.fromisoformat(value)
        if any(_YEAR_BACK.search(time.text) for time in found):
            starts = _sentence_starts(doc)
            year_back_to_quarter(found, [bisect.bisect_right(starts, i) - 1 for i in token_starts])
        mark_ranges(doc.text, found)
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


_ANAPHORIC = {"rel_day"}
_NARRATIVE_DIRS = {"earlier", "later"}
_PRECISION = {"D": 3, "W": 3, "M": 2, "Q": 2, "Y": 1, "DE": 1, "CE": 1}
_DATE_VALUE = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?$")


class StoryTime:
    """The last date the article named: "two days later", "the following year" and "that
    day" count from it (TimeML's reference time), not from the publication date."""

    def __init__(self) -> None:
        self.day: dt.date | None = None
        self.precision = 0

    def note(self, cand: Candidate, kind: str, value: str) -> None:
        """Remember a named date (not one counted from another time)."""
        match = _DATE_VALUE.match((value or "").split("T")[0])
        if kind not in ("DATE", "TIME") or match is None or self._counts_from_story(cand):
            return
        year, month, day = (int(x) if x else None for x in match.groups())
        self.day = dt.date(year, month or 1, day or 1)
        self.precision = 1 + (month is not None) + (day is not None)

    def anchor_for(self, cand: Candidate, published: dt.date | None) -> dt.date | None:
        """The story's date for anaphoric expressions precise enough for it, else
        ``published``."""
        if self.day is None or not self._counts_from_story(cand):
            return published
        unit = cand.groups.get("unit", "").lower().rstrip("s")
        needed = 3 if unit in ("day", "morning", "night", "evening", "afternoon", "week") else \
            2 if unit in ("month", "quarter") else 1
        return self.day if self.precision >= needed else published

    @staticmethod
    def _counts_from_story(cand: Candidate) -> bool:
        if cand.rule in _ANAPHORIC:
            return True
        # "a year earlier" in a report compares with the reporting period: the DCT
        return cand.rule == "ago" and cand.groups.get("dir", "").lower() in _NARRATIVE_DIRS \
            and not cand.groups.get("unit", "").lower().startswith("year")


def _sentence_starts(doc: Doc) -> list[int]:
    """Token index where each sentence starts ([0] when the doc has no sentence marks)."""
    if not doc.has_annotation("SENT_START"):
        return [0]
    return [sent.start for sent in doc.sents]


def _token_span(doc: Doc, cand: Candidate) -> Span | None:
    """The tokens of a candidate, without a trailing possessive "'s"."""
    span = doc.char_span(cand.start, cand.end, alignment_mode="contract")
    if span is not None and len(span) > 1 and _POSSESSIVE.match(span[-1].text):
        span = span[:-1]
    if span is None or len(span) == 0 or not span.text.strip():
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
    if cand.rule == "month" and not cand.groups.get("rel") and not cand.groups.get("edge"):
        if not _bare_month_ok(span):
            return False
    if cand.rule == "season" and not cand.groups.get("rel") and not cand.groups.get("y"):
        if head.pos_ == "VERB" or (head.lower_ == "fall" and not _after_determiner(span)):
            return False
    if cand.rule == "year" and not _year_ok(cand, span):
        return False
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


def _bare_month_ok(span: Span) -> bool:
    """A month name alone: capitalised (in cased text), a noun, not "the March on ..."."""
    token = span[-1]
    if token.text[0].islower() and not span.doc.text.islower():
        return False
    if token.pos_ in ("VERB", "AUX") or token.tag_ == "MD":
        return False
    doc = token.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and before.lower_ in ("the", "a") and after is not None and \
            after.pos_ == "ADP" and after.lower_ != "of":
        return False
    return True


def _after_determiner(span: Span) -> bool:
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.lower_ in ("the", "this", "last", "next", "in",
                                                     "of", "early", "late", "by", "since")


def _year_ok(cand: Candidate, span: Span) -> bool:
    """A bare four-digit number is a year unless it counts something ("2000 troops")."""
    if cand.groups.get("edge") or cand.groups.get("fy"):
        return True
    token = span[-1]
    if token.ent_type_ in ("MONEY", "PERCENT", "QUANTITY"):
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


_YEAR_BACK = re.compile(r"\b(?:a|one)\s+year\s+(?:ago|earlier|before)|year-(?:ago|earlier)",
                        re.IGNORECASE)
_QUARTER = re.compile(r"^(\d{4})-(Q[1-4])$")


def year_back_to_quarter(times: list[Time], sentences: list[int]) -> None:
    """"Profit rose in the third quarter from a year earlier": "a year earlier" is the
    same quarter a year before, when the sentence names a quarter."""
    for i, time in enumerate(times):
        if not (_YEAR_BACK.search(time.text) and re.fullmatch(r"\d{4}", time.value or "")):
            continue
        for j, other in enumerate(times):
            quarter = _QUARTER.match(other.value or "")
            if j != i and sentences[i] - 1 <= sentences[j] <= sentences[i] and quarter:
                time.value = f"{int(quarter.group(1)) - 1:04d}-{quarter.group(2)}"
                break


_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|~|to|until|till|through|thru|and)\s*$", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"(?:\bfrom|\bbetween)\s+$", re.IGNORECASE)
_UNTIL = re.compile(r"(?:\bthrough|\bthru|\buntil|\btill|\bby|\bup\s+to|\bbefore)\s+$",
                    re.IGNORECASE)
_SINCE = re.compile(r"(?:\bsince|\bstarting|\bbeginning|\bafter|\bas\s+of)\s+$",
                    re.IGNORECASE)


def mark_ranges(text: str, times: list[Time]) -> None:
    """Fill ``begin``/``until`` for "from X to Y", "between X and Y", "X-Y", "since X",
    "through X"; both ends of a range carry the whole range."""
    paired: set[str] = set()
    for first, second in zip(times, times[1:], strict=False):
        between = text[first.end:second.start]
        before = text[max(0, first.start - 12):first.start]
        joined = _RANGE_JOIN.match(between)
        if not joined or first.type != "DATE" or second.type != "DATE":
            continue
        if joined.group().strip().lower() == "and" and not re.search(r"between\s+$", before, re.I):
            continue
        if not _RANGE_OPEN.search(before) and joined.group().strip() in ("", "and"):
            continue
        _align_range_years(first, second)
        for time in (first, second):
            time.begin, time.until = first.value, second.value
            paired.add(time.id)
    for time in times:
        if time.id in paired or time.type not in ("DATE", "TIME"):
            continue
        before = text[max(0, time.start - 16):time.start]
        if _UNTIL.search(before):
            time.until = time.value
        elif _SINCE.search(before):
            time.begin = time.value


def _align_range_years(first: Time, second: Time) -> None:
    """"from March to May 2025": an end without a written year takes the other end's."""
    dated = re.compile(r"^\d{4}-\d\d")
    if not (dated.match(first.value) and dated.match(second.value)):
        return
    if not _YEAR_WRITTEN.search(first.text) and _YEAR_WRITTEN.search(second.text):
        moved = second.value[:4] + first.value[4:]
        if moved <= second.value:
            first.value = moved
    elif _YEAR_WRITTEN.search(first.text) and not _YEAR_WRITTEN.search(second.text):
        moved = first.value[:4] + second.value[4:]
        if moved >= first.value:
            second.value = moved


_YEAR_WRITTEN = re.compile(r"\d{4}")


@Language.factory("factwire_times", assigns=["doc._.times", "doc._.time_at"])
def make_times(nlp: Language, name: str) -> TimesComponent:
    """The factwire_times component (no settings: the grammar is in timex_grammar)."""
    return TimesComponent(nlp, name)
