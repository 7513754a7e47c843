"""The tense of the verb that governs a time expression, read from spaCy's parse.

"began Tuesday" -> "past"; "will meet on Tuesday" -> "future"; "is scheduled to visit ...
this week" -> "future"; "runs through July 15" -> "present"; no verb -> None.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "’ll"}
_MODAL_AHEAD = {"can", "may", "might", "must", "should", "could", "ca"}
_PLAN_WORDS = {"schedule", "expect", "plan", "set", "due", "slate", "intend", "aim",
               "hope", "prepare", "poise", "go"}
# present-tense reporting verbs tell about the past in news ("Russia says Tuesday ...")
_REPORTING = {"say", "tell", "report", "announce", "confirm", "add", "state", "claim",
              "deny", "insist", "note", "write", "show"}


def governing_verb(span: Span) -> Token | None:
    """The verb right before the expression ("said Friday", "began on Tuesday"), else the
    nearest verb above the expression's head, or None."""
    before = _token_before(span)
    if before is not None and before.pos_ in ("VERB", "AUX") and before.tag_ != "MD":
        return before
    node = span.root
    for _ in range(8):
        if node.head is node:
            break
        node = node.head
        if node.pos_ in ("VERB", "AUX") and node not in span:
            return node
    return None


def _token_before(span: Span) -> Token | None:
    """The word before the expression, skipping a preposition ("began on Tuesday")."""
    i = span.start - 1
    if i >= 0 and span.doc[i].lower_ in ("on", "at", "in", "late", "early", "until", "by"):
        i -= 1
    return span.doc[i] if i >= 0 else None


def verb_tense(verb: Token) -> str | None:
    """past / future / present for one verb, looking at its auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    if lowers & _FUTURE_AUX:
        return "future"
    if lowers & _MODAL_AHEAD:
        return "past" if "have" in lowers else "future"
    if lowers & {"would", "'d", "’d"}:
        return None  # reported future or past habit: the verb cannot tell
    if verb.tag_ == "VB" and any(a.tag_ == "TO" for a in auxes):
        return _infinitive_tense(verb)
    if any(a.tag_ in ("VBD",) for a in auxes) or verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "past"
    if verb.tag_ in ("VBZ", "VBP", "VBG") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "past" if verb.lemma_ in _REPORTING else "present"
    return None


def _infinitive_tense(verb: Token) -> str:
    """"(is scheduled / plans / was going) to meet": looking ahead from the main verb."""
    head = verb.head
    if head is not verb and head.lemma_ in ("use",):
        return "past"
    if head is verb:
        return None
    head_auxes = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    if head.lemma_ in _PLAN_WORDS or head_auxes & _FUTURE_AUX:
        return "future"
    if head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"):  # "is to resume trading Tuesday"
        return "future"
    return None


_LOOKING_AHEAD = ("as soon as", "as early as")


def _plans(verb: Token) -> bool:
    """A verb of planning ("scheduled for Friday"); "set" only as "is set for" / "set to",
    since "a record set on Aug. 6" and "set Friday as the deadline" tell of the past."""
    if verb.lemma_ not in _PLAN_WORDS or verb.lemma_ == "go":
        return False
    if verb.lemma_ != "set":
        return True
    return any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP", "VB") for c in verb.children)


def governing_tense(span: Span) -> str | None:
    """Tense of the verb governing ``span``: "past", "future", "present" or None."""
    before = span.doc[max(0, span.start - 3):span.start].text.lower()
    if before.endswith(_LOOKING_AHEAD):  # "as soon as Tuesday": the earliest time ahead
        return "future"
    verb = governing_verb(span)
    if verb is None:
        return None
    tense = verb_tense(verb)
    if _plans(verb) or (
            tense == "present" and verb.lemma_ == "go"):
        return "future"
    if tense == "present" and verb.tag_ == "VBG" and any(
            c.lemma_ == "be" and c.dep_ == "aux" for c in verb.children):
        return "future"
    if tense == "present" and (verb.tag_ == "VBG" or not _governs(verb, span)):
        return None  # a present verb further up says nothing about when
    return tense


def _governs(verb: Token, span: Span) -> bool:
    """The verb is the expression's head, directly or through a preposition."""
    head = span.root.head
    return head is verb or (head.dep_ == "prep" and head.head is verb)
