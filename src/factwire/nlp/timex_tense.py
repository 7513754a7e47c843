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
        if node.head == node:
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
    if "could" in lowers and _negated(verb):
        return "past"  # "could not be reached Tuesday": an attempt that failed, so gone by
    if lowers & _MODAL_AHEAD:
        had = "would" not in lowers and verb.tag_ == "VBN" and not any(
            a.dep_ == "auxpass" for a in auxes)  # "he'd left": had
        return "past" if "have" in lowers or had else "future"
    if lowers & {"would", "'d", "’d"}:
        # "said he would leave Thursday": a future seen from the saying, which news tells
        # soon after; had it happened, the story would say "left"
        had = "would" not in lowers and verb.tag_ == "VBN" and not any(
            a.dep_ == "auxpass" for a in auxes)  # "he'd left": had
        return "past" if "have" in lowers or had else "future"
    if verb.tag_ == "VB" and any(a.tag_ == "TO" for a in auxes):
        return _infinitive_tense(verb)
    if any(a.tag_ in ("VBD",) for a in auxes) or verb.tag_ == "VBD":
        return "past"
    if any(a.lemma_ == "have" for a in auxes):  # "has met", "have been searching"
        return "past"
    if verb.tag_ == "VBN" and not auxes and verb.dep_ == "acl" and verb.lemma_ not in _PLAN_WORDS:
        return "past"  # a participle after its noun: "a record set on Aug. 6", "the year ended"
    if verb.tag_ == "VBP" and not auxes and _singular_subject(verb):
        return "past"  # "Weakness hurt the index": a singular subject, so "hurt" is past
    if verb.tag_ in ("VBZ", "VBP", "VBG") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "past" if verb.lemma_ in _REPORTING else "present"
    return None


def _negated(verb: Token) -> bool:
    """"not" / "n't" / "never" on the verb, or a subject led by "neither" or "no"."""
    for child in verb.children:
        if child.dep_ == "neg" or child.lower_ == "never":
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and any(
                g.lower_ in ("neither", "no") for g in child.children):
            return True
    return False


def _singular_subject(verb: Token) -> bool:
    """A singular noun subject, alone: a verb without -s after it ("hurt", "cut", "set") is
    then in the past."""
    return any(c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP") and
               not any(g.dep_ == "conj" for g in c.children) for c in verb.children)


def _infinitive_tense(verb: Token) -> str:
    """"(is scheduled / plans / was going) to meet": looking ahead from the main verb."""
    head = verb.head
    if head != verb and head.lemma_ in ("use",):
        return "past"
    if head == verb:
        return None
    head_auxes = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    if _past_perfect(head) or (head.dep_ in ("acomp", "xcomp") and _past_perfect(head.head)):
        return "past"  # "had been scheduled to expire Friday": that Friday has gone by
    if head.lemma_ in _PLAN_WORDS or head_auxes & _FUTURE_AUX:
        return "future"
    if head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"):  # "is to resume trading Tuesday"
        return "future"
    return None


def _until(span: Span) -> bool:
    """The expression ends a stretch: "until Tuesday", "through January"."""
    i = span.start - 1
    return i >= 0 and span.doc[i].lower_ in ("until", "till", "through", "thru")


def _could_not(verb: Token) -> bool:
    """"could not be reached", "neither ... could be located": "could" with a negation."""
    return _negated(verb) and any(c.dep_ == "aux" and c.lower_ == "could"
                                  for c in verb.children)


def _before_limit(span: Span) -> bool:
    """The expression is a limit: "until Friday", "before Friday"."""
    i = span.start - 1
    return i >= 0 and span.doc[i].lower_ in ("until", "till", "before")


def _range_end(verb: Token, span: Span) -> bool:
    """"closed from April until June": the end of a range whose start the verb placed."""
    return any(t.lower_ in ("from", "between") for t in span.doc[verb.i + 1:span.start])


def _present_perfect(verb: Token) -> bool:
    """"has extended", "have given": an auxiliary "has" / "have"."""
    return any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP")
               for c in verb.children)


def _past_perfect(verb: Token) -> bool:
    """"had scheduled", "had been due": an auxiliary "had"."""
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "'d", "’d") and
               c.tag_ == "VBD" for c in verb.children)


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
    word = _word_before(span)
    if word is not None:
        return _WORD_TENSE[word]
    verb = governing_verb(span)
    if verb is None:
        return None
    verb = _clause_verb(verb)
    tense = verb_tense(verb)
    if tense == "past" and _could_not(verb) and _before_limit(span):
        return "future"  # "talks could not resume before Friday": a limit still ahead
    if tense == "past" and _until(span) and _present_perfect(verb) and \
            not _range_end(verb, span):
        return "future"  # "has extended the loans through January": the state lasts till then
    if (_plans(verb) and not _past_perfect(verb)) or (
            tense == "present" and verb.lemma_ == "go"):
        return "future"
    if tense == "present" and verb.tag_ == "VBG" and any(
            c.lemma_ == "be" and c.dep_ == "aux" for c in verb.children):
        return "future"
    if tense == "present" and (verb.tag_ == "VBG" or not _governs(verb, span)):
        return None  # a present verb further up says nothing about when
    return tense


# words whose object is always on one side of now, whatever the verb: "since" counts from a
# time gone by; "effective Feb. 1" names when a change takes hold, in news mostly ahead
_WORD_TENSE = {"since": "past", "effective": "future"}


def _word_before(span: Span) -> str | None:
    """"since" / "effective" right before the expression, or before the words that lead up to
    it ("since shortly after the Oct. 23 slaying"), else None."""
    for i in range(span.start - 1, max(-1, span.start - 5), -1):
        token = span.doc[i]
        if token.lower_ in _WORD_TENSE:
            return token.lower_
        if token.pos_ not in ("ADV", "ADP", "DET"):
            return None
    return None


def _clause_verb(verb: Token) -> Token:
    """A participle clause without auxiliaries takes its time from the clause it hangs on:
    "was found floating ... on Thanksgiving Day", "shares jumped, rising ... in March"."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBG" and not auxes and verb.dep_ in ("xcomp", "advcl") and \
            verb.head.pos_ in ("VERB", "AUX") and verb.head != verb:
        return verb.head
    head = verb.head  # "would leave Monday, with the third departing from August 6"
    if verb.tag_ == "VBG" and not auxes and verb.dep_ == "pcomp" and \
            head.lower_ in ("with", "without") and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    return verb


def _governs(verb: Token, span: Span) -> bool:
    """The verb is the expression's head, directly or through a preposition."""
    head = span.root.head
    return head == verb or (head.dep_ == "prep" and head.head == verb)


def told_in_past(span: Span) -> bool:
    """A simple past verb, not one of saying, places the expression itself through "in"
    ("changed its fiscal year in December"): what it tells has happened, so that time has
    gone by."""
    head = span.root.head
    if head.lower_ != "in" or head.dep_ != "prep":
        return False
    verb = head.head
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    # "told of a cutback in September": the parse often hangs the month on the telling
    return verb.tag_ == "VBD" and not auxes and verb.dep_ in ("ROOT", "conj", "ccomp") and \
        verb.lemma_ not in _PLAN_WORDS and verb.lemma_ not in _REPORTING
