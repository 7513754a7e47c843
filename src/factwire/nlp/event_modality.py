"""Whether an event happened, and on whose word: modality and attribution of a trigger.

Modality comes from the nearest cue on the path from the trigger up through the clauses that
govern it: negation ("did not attack" -> negated), a denial ("denied attacking" -> denied), a
request ("urged Israel to withdraw" -> requested), a modal or condition ("could", "if" ->
hypothetical), a future or a plan ("will meet", "is scheduled to visit", "plans to", a purpose
infinitive -> planned); otherwise asserted. The cue words are data
(data/plover_modality.json).

>>> from factwire.nlp import load
>>> doc = load()("Israel did not attack Gaza.")
>>> modality_of(doc[3], load_lexicon())
'negated'
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from factwire.nlp.doc import doc_text
from factwire.nlp.event_args import ArgumentFinder
from factwire.nlp.event_lexicon import Lexicon, lemma_of, load_lexicon
from factwire.nlp.event_phrases import prep_objects

try:  # the quotes component's helper: the quote whose content covers a span
    from factwire.nlp.quotes import attribution_for_span
except ImportError:  # an older quotes module without it: fall back on the parse alone
    attribution_for_span = None

# edges along which a governing clause's cue applies to the trigger
_UP_DEPS = {"xcomp", "ccomp", "acl", "advcl", "pobj", "prep", "dobj", "pcomp", "conj", "nsubj"}
_NEG_WORDS = {"not", "n't", "never", "no"}
_SUBJECT_NEG_WORDS = {"neither", "no"}


def _aux_cue(token: Token, cues: dict[str, frozenset[str]]) -> tuple[str, Token] | None:
    """The modality a clause's own auxiliaries, negation or marker give, with the cue word."""
    negation = next((c for c in token.children
                     if c.dep_ in ("neg", "det") and c.lower_ in _NEG_WORDS), None)
    if negation is None:  # "Neither Israel nor Iran attacked", "No country has recognized"
        negation = next((w for c in token.children if c.dep_ in ("nsubj", "nsubjpass")
                         for w in c.children if w.dep_ in ("preconj", "det")
                         and w.lower_ in _SUBJECT_NEG_WORDS), None)
    if negation is not None:
        return "negated", negation  # before the auxiliary: "will not accept" is a refusal
    for child in token.children:
        word = child.lower_
        if child.dep_ in ("aux", "auxpass"):
            if word in cues["demand_aux"] and _reported(token, cues):
                return "requested", child  # "Russia said Sudan must return the helicopter"
            if word in cues["planned_aux"] or lemma_of(child) in cues["planned_aux"]:
                return "planned", child
            if word in cues["hypothetical_aux"]:
                return "hypothetical", child
        if child.dep_ == "mark" and word in cues["hypothetical_marks"]:
            return "hypothetical", child
    if token.dep_ == "advcl" and token.head.i != token.i:
        for child in token.children:
            if child.dep_ == "aux" and child.lower_ == "to":
                return "purpose", child  # a purpose: "sent troops to support"
    return None


def _reported(token: Token, cues: dict[str, frozenset[str]]) -> bool:
    return token.dep_ == "ccomp" and lemma_of(token.head) in cues["speech_verbs"]


def _head_cue(token: Token, via: str, cues: dict[str, frozenset[str]]) -> str | None:
    """The cue of a governing word reached from its dependent by the edge ``via``."""
    lemma = lemma_of(token)
    if lemma in cues["denied_heads"]:
        return "denied"
    needs = cues["requested_needs_prep"].get(lemma)
    if lemma in cues["requested_heads"] and token.pos_ in ("VERB", "NOUN") and (
            needs is None or any(c.lower_ in needs for c in token.children)):
        return "requested"  # "called for talks", but not "a strike called by unions"
    if lemma in cues["negated_heads"] and via == "xcomp":
        return "negated"  # "refused to deploy"; but a rejected call was still made
    if lemma in cues["planned_heads"] or (token.pos_ == "NOUN"
                                          and lemma in cues["planned_nouns"]):
        return "planned"
    return None


def modality_of(trigger: Token, lexicon: Lexicon | None = None) -> str:
    """asserted | planned | requested | denied | negated | hypothetical."""
    return modality_cue(trigger, lexicon)[0]


def modality_cue(trigger: Token, lexicon: Lexicon | None = None
                 ) -> tuple[str, Token | None, str]:
    """The modality, the word that sets it and how: "aux" (an auxiliary, negation or
    marker of the trigger's clause or a governing one), "head" (a governing word: "refused
    to", "is willing to") or "purpose" (a purpose infinitive: "sent troops to support").
    The cue is None for asserted events."""
    cues = (lexicon or load_lexicon()).modality
    token, via = trigger, ""
    for _ in range(6):
        if token.i != trigger.i:
            cue = _head_cue(token, via, cues)
            if cue:
                return cue, token, "head"
        found = _aux_cue(token, cues)
        if found:
            modality, word = found
            if modality == "purpose":  # unless the infinitive is a misparsed complement
                head_cue = _head_cue(token.head, "xcomp", cues)  # "have sworn to fight"
                if head_cue:
                    return head_cue, token.head, "head"
                return "planned", word, "purpose"
            return modality, word, "aux"
        if token.dep_ not in _UP_DEPS or token.head.i == token.i:
            break
        if token.dep_ == "conj" and any(c.dep_ in ("aux", "nsubj") for c in token.children):
            break  # a coordinated verb with its own auxiliary or subject stands alone
        if token.dep_ == "nsubj" and token.i != trigger.i:
            break
        if token.dep_ == "advcl" and not any(c.lower_ == "to" for c in token.children):
            break  # "..., while Airbus insisted": a side clause, not a complement
        via, token = token.dep_, token.head
    return "asserted", None, ""


def attribution_of(doc: Doc, trigger: Span, finder: ArgumentFinder,
                   lexicon: Lexicon | None = None,
                   event_starts: frozenset[int] = frozenset()) -> str | None:
    """The entity the article credits for the event: a quote's speaker, or "according to".

    A "quote" whose cue is itself an event trigger ("Putin rejected Trump's call") reports
    an act, not a claim: it credits nothing. ``event_starts``: where triggers begin.
    """
    if attribution_for_span is not None:
        quote = attribution_for_span(doc, trigger.start_char, trigger.end_char)
        if quote is not None and quote.speaker is not None:
            cue_at = doc_text(doc).find(quote.cue, quote.start, quote.end) if quote.cue else -1
            cue_end = cue_at + len(quote.cue or "")
            if cue_at < 0 or not any(cue_at <= at < cue_end for at in event_starts):
                return quote.speaker
    return _parsed_attribution(trigger.root, finder, lexicon or load_lexicon())


def _parsed_attribution(trigger: Token, finder: ArgumentFinder,
                        lexicon: Lexicon) -> str | None:
    """Fallback from the parse: "according to X" in the sentence, or "X said (that) ..."."""
    speech = lexicon.modality["speech_verbs"]
    for token in trigger.sent:
        if token.lower_ == "according":
            for pobj in prep_objects(token, ("to",)):
                found = finder.phrase_entities(pobj)
                if found:
                    return found[0]
    token = trigger
    for _ in range(6):
        if token.dep_ not in ("ccomp", "conj", "xcomp", "advcl") or token.head.i == token.i:
            return None
        token = token.head
        if lemma_of(token) in speech and token.pos_ == "VERB":
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            found = finder.phrase_entities(subject)
            return found[0] if found else None
    return None
