"""Roles of a numeric claim: what it counts, its change, the time it holds for, whose it is.

Called by ``factwire_quantities`` once the numbers, units and ranges are read: every
``Mention`` gets ``counted`` ("160,000 men"), ``change``/``relative_to`` ("an increase of
10,000 from last year's draft"), ``time`` ("1 million troops three years ago") and
``subject`` (the entity the figure belongs to), from the dependency parse and the
``doc._.entities``/``doc._.times`` written by the components before.

>>> import factwire
>>> [q.counted for q in factwire.extract("Officials said 3,000 troops arrived.").quantities]
['troops']
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from factwire.nlp.doc import doc_map, doc_text, entity_by_id, entity_id_of, time_id_of
from factwire.nlp.numbers import word_kind
from factwire.nlp.units import (
    dimension_of,
    is_unit_word,
    lexicon_rows,
    lexicon_words,
    token_at,
)

if TYPE_CHECKING:
    from factwire.nlp.quantities import Mention


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
    text = doc_text(doc)
    for m in mentions:
        head = heads[m.id]
        if head is None:
            continue
        noun = counted_token(doc, m, head) or measured_subject(m, head)
        if noun is not None and not _same_line(text, m, noun):
            noun = None  # "Net 1.6 billion\n  Avg shares": a table's next label
        if noun is not None and any(o.start <= noun.idx < o.end for o in mentions):
            noun = None  # "to 1.5 degrees Celsius requires cutting emissions 45 percent"
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
    actors: dict[int, str | None] = {}  # sentence actors by sentence start, see subject_of
    for m in mentions:
        head = heads[m.id]
        if head is not None and m.time is None:
            m.time = time_of_clause(doc, head, relative_times, claimed)
        if head is not None:
            m.subject = m.subject or subject_of(doc, head, m.extra.get("noun"), actors)


_BREAK = re.compile(r"\n[ \t\r\n]")


def _same_line(text: str, m: Mention, noun: Token) -> bool:
    """A figure counts a noun in its own paragraph or table row, not past a line break
    followed by indentation or a blank line (a wrapped line goes on: "15,000\nchips")."""
    if noun.idx >= m.end:
        return _BREAK.search(text, m.end, noun.idx) is None
    return _BREAK.search(text, noun.idx + len(noun), m.start) is None


_UNSET = object()


def number_token(doc: Doc, m: Mention) -> Token | None:
    """The token carrying the number (the first of a range, the last of "1.5 million");
    kept in ``m.extra`` (a mention's span does not change once its roles are read)."""
    found = m.extra.get("token", _UNSET)
    if found is _UNSET:
        found = m.extra["token"] = _number_token(doc, m)
    return found


def _number_token(doc: Doc, m: Mention) -> Token | None:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return None
    numeric = [t for t in span if t.like_num or any(c.isdigit() for c in t.text)]
    if not numeric:
        return span[-1]
    return numeric[0] if m.low is not None and m.value is None else numeric[-1]


def _top(token: Token, m: Mention | None = None) -> Token:
    """Climb "1" -> "million", "5" -> "percent", "2.5" -> "$" to the token heading the
    figure with its unit (kept in ``m.extra`` for the mention's own token)."""
    if m is not None and m.extra.get("token") is token:
        top = m.extra.get("top")
        if top is None:
            top = m.extra["top"] = _climb(token, m)
        return top
    return _climb(token, m)


def _climb(token: Token, m: Mention | None) -> Token:
    while token.head.i != token.i and (
            (token.dep_ in ("compound", "quantmod", "nummod", "advmod") and token.head.like_num)
            or (m is not None and m.start <= token.head.idx < m.end)):
        token = token.head
    return token


def _is_counted_noun(token: Token, m: Mention) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() not in not_counted() \
        and token.lemma_.lower() not in _TIME_NOUNS and not (m.start <= token.idx < m.end) \
        and time_id_of(token) is None


def _counted_by(token: Token, m: Mention) -> bool:
    """A noun next to a figure that it counts: not a unit when the figure has one ("38 or
    39 pct": "pct" is the unit of both figures, not what they count; "37,000 long tons",
    without a unit read, keeps "tons")."""
    return _is_counted_noun(token, m) and \
        not (m.unit is not None and
             is_unit_word(doc_text(token.doc), token.idx, token.idx + len(token)))


def _after(doc: Doc, m: Mention) -> Token | None:
    """The first token after the mention (kept in ``m.extra``)."""
    found = m.extra.get("after", _UNSET)
    if found is _UNSET:
        found = m.extra["after"] = _first_after(doc, m)
    return found


def _first_after(doc: Doc, m: Mention) -> Token | None:
    for i in range(number_token(doc, m).i, len(doc)):
        token = doc[i]
        if token.idx >= m.end and not token.is_space:
            return token
    return None


def counted_token(doc: Doc, m: Mention, head: Token) -> Token | None:
    """The noun the figure counts: "160,000 men", "10,000 of the recruits", "ages of 18"."""
    top = _top(head, m)
    nxt = _after(doc, m)
    if top.dep_ in ("nummod", "amod", "compound", "quantmod", "npadvmod") and \
            top.head.i > top.i and _counted_by(top.head, m):
        return top.head
    money = m.unit is not None and dimension_of(m.unit) == "money"
    if nxt is not None and (nxt.lower_ == "of" or (nxt.lower_ == "in" and money)):
        pobj = [c for c in nxt.children if c.dep_ == "pobj"]
        if pobj and _counted_by(pobj[0], m):
            return pobj[0]
    if not m.unit and top.dep_ in ("pobj", "conj") and top.head.lower_ == "of" and \
            _counted_by(top.head.head, m):
        return top.head.head
    if nxt is not None and nxt.tag_ in ("NNS", "NNPS") and _counted_by(nxt, m) and \
            not m.unit:
        return nxt
    return None


_MEASURED_DEPS = ("dobj", "npadvmod", "attr", "acomp", "advmod")
_CLIMB_DEPS = ("xcomp", "conj", "ccomp")


def measured_subject(m: Mention, head: Token) -> Token | None:
    """A ratio counts what the clause's subject names: "Unemployment rose to 4.1 percent",
    "Turnout was 62 percent", "Shares of Apple fell 3.2%" (counted: unemployment, turnout,
    shares); not a named subject ("Apple rose 5%") nor a pronoun."""
    if m.unit is None or dimension_of(m.unit) != "ratio":
        return None
    top = _top(head, m)
    verb = top.head
    if top.dep_ == "pobj" and verb.lower_ in ("to", "by", "from", "at"):
        verb = verb.head
    elif top.dep_ not in _MEASURED_DEPS:
        return None
    for _ in range(3):
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            noun = subjects[0]
            return noun if noun.pos_ == "NOUN" and _is_counted_noun(noun, m) else None
        if verb.dep_ not in _CLIMB_DEPS or verb.head.i == verb.i:
            return None
        verb = verb.head
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
    text = doc_text(doc)
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
    text = doc_text(doc)
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
        _share_counted(a, b)


def _share_counted(a: Mention, b: Mention) -> None:
    """Two figures of one comparison count the same thing ("62 percent, up from 58")."""
    if a.counted is None and b.counted is not None:
        a.counted, a.extra["noun"] = b.counted, b.extra.get("noun")
    elif b.counted is None and a.counted is not None:
        b.counted, b.extra["noun"] = a.counted, a.extra.get("noun")


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
    time_at = doc_map(doc, "time_at")
    for token in doc[start.i:min(len(doc), start.i + 4)]:
        time = time_at.get(token.i)
        if time is not None:
            return None if time == m.relative_to else time
        if token.lower_ in _RELATIVE_CUES or token.is_punct or token.pos_ in ("VERB", "AUX") \
                or token.like_num or token.lower_ in ("to", "and"):
            return None
    return None


def time_of_clause(doc: Doc, head: Token, relative: set, claimed: set) -> str | None:
    """The time of the clause the figure is in, else the sentence's first free date."""
    verb = next((a for a in chain([head], head.ancestors) if a.pos_ in ("VERB", "AUX")), None)
    sent_times: list[str] = []
    time_at = doc_map(doc, "time_at")
    sent = head.sent
    for i in sorted(i for i in time_at if sent.start <= i < sent.end):
        token, time = doc[i], time_at[i]  # the sentence's tokens in a time, in order
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
    entity_at = doc_map(token.doc, "entity_at")
    if not entity_at:
        return None
    modifiers = (c for c in token.children if c.dep_ in ("poss", "compound", "amod", "nmod"))
    for candidate in chain([token] if itself else [], modifiers):
        eid = entity_at.get(candidate.i)
        entity = entity_by_id(token.doc, eid) if eid is not None else None
        if entity is None or entity.nominal:
            continue
        if types is None or entity.type in types:
            return eid
    return None


def subject_of(doc: Doc, head: Token, noun: Token | None,
               actors: dict[int, str | None] | None = None) -> str | None:
    """Whose figure it is: the possessor of what is counted, the actor of the verb it
    belongs to (through xcomp/relcl/conj), else the sentence's or previous sentence's actor
    (``actors`` remembers them by sentence start, for the figures of one Doc)."""
    if noun is not None:
        eid = _entity_of(noun, itself=False)
        if eid is not None:
            return eid
    for anc in chain([head], head.ancestors):
        if anc.pos_ not in ("VERB", "AUX"):
            continue
        children = list(anc.children)
        objects = [c for c in children if c.dep_ == "dobj" and c != noun]
        for child in [c for c in children if c.dep_ in ("nsubj", "nsubjpass")] + objects:
            eid = _entity_of(child)
            if eid is not None:
                return eid
        if anc.dep_ not in ("xcomp", "conj", "advcl", "ccomp", "acl", "relcl", "pcomp"):
            break
    actors = {} if actors is None else actors
    sent = head.sent
    if sent.start not in actors:
        actors[sent.start] = sentence_actor(sent) or _previous_actor(doc, sent)
    return actors[sent.start]


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
