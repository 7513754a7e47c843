"""Statements of intent, threats and refusals: what PLOVER codes when an act is announced.

PLOVER codes the statement, not the announced act: "Agree to, offer, promise, or otherwise
indicate willingness or commitment to cooperate ... All cooperative actions reported in
future tense are also taken to imply intentions" (AGREE); "Threaten to impose sanctions,
to use violence, to withdraw peacekeepers ..." (THREATEN); "Refuse to meet, to release, to
accept ..." (REJECT). So "Portugal will support Turkey" is an AGREE, "Greece plans to impose
restrictions" a THREATEN, "the U.S. would not meet the demands" and "failed to reach
agreement" are REJECTs.

factwire keeps the announced act as it is (SUPPORT, modality planned) and adds the statement
as its parent event, triggered by the words that make it one ("will support", "is willing
to", "failed to"), with the act's actor, recipient, place and time. A statement is only
added for an act that no other event already governs ("offered to hand over" is already an
AGREE with the hand-over nested under it). The cue words and type classes are data
(data/plover_intent.json).

>>> from factwire.nlp import load
>>> [(e.type, e.trigger.text) for e in load()("Portugal will support Turkey.")._.events]
[('AGREE', 'will support'), ('SUPPORT', 'support')]
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from spacy.tokens import Token

from factwire.nlp.event_lexicon import Lexicon, TriggerEntry, lemma_of
from factwire.nlp.event_modality import modality_cue

if TYPE_CHECKING:
    from factwire.nlp.events import FoundEvent

_MAX_GAP = 4  # tokens between the cue and the act for one trigger span ("is willing to send")


@lru_cache(maxsize=1)
def intent_rules() -> dict[str, frozenset[str]]:
    """The packaged cue words and type classes (data/plover_intent.json)."""
    text = resources.files("factwire.data").joinpath("plover_intent.json").read_text("utf-8")
    return {key: frozenset(values) for key, values in json.loads(text).items()
            if not key.startswith("_")}


def statement_type(event: FoundEvent, lexicon: Lexicon) -> tuple[str, Token] | None:
    """The PLOVER type of the statement an announced or refused act makes, and its cue."""
    if event.parent is not None:
        return None
    rules = intent_rules()
    modality, cue, how = modality_cue(event.governor or event.head, lexicon)
    if cue is None or how == "purpose":
        return None
    cooperative = event.type in rules["cooperative"]
    hostile = event.type in rules["hostile"]
    if modality == "planned" and _commits(cue, how, rules):
        if cooperative and event.type != "AGREE":
            return "AGREE", cue
        if hostile:
            return ("MOBILIZE" if _prepares_attack(event, cue, how, rules) else "THREATEN"), cue
    if modality == "negated" and (cooperative or event.type == "AGREE") and _refuses(
            event, cue, how, rules):
        return "REJECT", cue
    return None


def _commits(cue: Token, how: str, rules: dict[str, frozenset[str]]) -> bool:
    """A future auxiliary ("will", "would") or a word of intent ("plans", "is ready to")."""
    if how == "aux":
        return cue.lower_ in rules["future_aux"]
    return lemma_of(cue) in rules["intent_heads"] or cue.lower_ in rules["intent_heads"]


def _prepares_attack(event: FoundEvent, cue: Token, how: str,
                     rules: dict[str, frozenset[str]]) -> bool:
    """"The army prepared to resume shelling": getting ready to attack is a MOBILIZE, but
    "is prepared to" (an adjective of readiness, with "be") states a threat."""
    return (event.type == "ASSAULT" and how == "head" and cue.pos_ == "VERB"
            and lemma_of(cue) in rules["preparation_heads"]
            and not any(c.dep_ in ("aux", "auxpass") and lemma_of(c) == "be"
                        for c in cue.children))


def _refuses(event: FoundEvent, cue: Token, how: str,
             rules: dict[str, frozenset[str]]) -> bool:
    """A refusal: "failed to", "will not", "cannot", or not accepting / agreeing at all."""
    if how == "head":
        return lemma_of(cue) in rules["refusal_heads"]
    verb = cue.head
    if event.type == "AGREE":
        return True  # not accepting an offer is rejecting it
    return any(c.dep_ == "aux" and c.lower_ in rules["refusal_aux"] for c in verb.children)


def statement_tokens(cue: Token, act: Token) -> list[Token]:
    """The trigger of the statement: from the cue to the act when they are close
    ("will support", "is willing to send"), else the cue alone."""
    if cue.i < act.i and act.i - cue.i <= _MAX_GAP:
        return list(cue.doc[cue.i:act.i + 1])
    return [cue]


def add_statements(events: list[FoundEvent], lexicon: Lexicon) -> list[FoundEvent]:
    """The sentence's events plus one statement event for each announced or refused act."""
    from factwire.nlp.events import FoundEvent

    heads = {e.head.i for e in events}
    added = []
    for event in events:
        _hostile_commitment(event)
    for event in events:
        found = statement_type(event, lexicon)
        if found is None:
            continue
        statement_type_, cue = found
        if cue.i in heads:
            continue
        act = event.governor or event.head
        entry = TriggerEntry(lemma=cue.lower_, pos="VERB", type=statement_type_, mode=None,
                             recipient=event.entry.recipient, actor=event.entry.actor)
        statement = FoundEvent(
            head=cue, tokens=statement_tokens(cue, act), entry=entry,
            actor=list(event.actor), actor_token=event.actor_token, actor_how=event.actor_how,
            recipient=list(event.recipient), recipient_how=event.recipient_how,
            location=list(event.location), time=event.time, modality="asserted",
            mode=_statement_mode(event, statement_type_))
        heads.add(cue.i)
        event.parent = statement
        added.append(statement)
    return events + added


def _hostile_commitment(event: FoundEvent) -> None:
    """"vowed to wage war on the Rohans": a promise of a hostile act is a THREATEN."""
    parent, rules = event.parent, intent_rules()
    if (parent is not None and parent.type == "AGREE" and event.type in rules["hostile"]
            and lemma_of(parent.head) in rules["commitment_verbs"]
            and (event.governor or event.head).dep_ == "xcomp"):
        parent.mode = _statement_mode(event, "THREATEN")
        parent.entry = replace(parent.entry, type="THREATEN", mode=parent.mode)


def _statement_mode(event: FoundEvent, statement_type_: str) -> str | None:
    """A THREATEN's mode names the threatened act (PLOVER's THREATEN modes)."""
    if statement_type_ != "THREATEN":
        return None
    return {"ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "relations",
            "PROTEST": "restrict"}.get(event.type)


__all__ = ["add_statements", "statement_type", "intent_rules"]
