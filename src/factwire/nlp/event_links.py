"""Links between the events of a sentence (and to the sentences just before it).

- Nesting: an event whose trigger sits in the complement of another's ("rejected Trump's call
  for a ceasefire", "agreed to withdraw") gets that event as ``parent``; a parent without a
  recipient takes its child's actor (the one whose call is rejected) or recipient.
- Inheritance: a nominal event without an actor takes the actor of an earlier event of the
  same type in its sentence ("Russia continues its offensive ..., with sustained attacks").
- Anaphora: a verb whose subject is a definite nominal event ("The recruitment effort ...
  aims to draft") takes the actor of the nearest earlier event of that type (two sentences).
- Places: an ASSAULT, COERCE or MOBILIZE "in" a place of another country than the actor's
  has that place as recipient when the sentence names none ("strengthened its forces in
  Lebanon"); a PROTEST has the place where it is held.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from spacy.tokens import Token

from factwire.nlp.event_args import CIRCUMSTANCE_PREPS, ArgumentFinder
from factwire.nlp.event_lexicon import lemma_of, object_of
from factwire.nlp.event_phrases import in_source_phrase, unique

if TYPE_CHECKING:
    from factwire.nlp.events import FoundEvent

# edges from a complement up to the word that governs it
_NEST_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "prep", "acl", "pcomp", "nsubjpass", "attr",
              "oprd", "advcl", "compound"}
GENERIC_EVENT_NOUNS = frozenset({
    "effort", "drive", "campaign", "push", "operation", "program", "programme", "plan",
    "decree", "order", "initiative", "mission", "process", "bid", "attempt", "move"})
_DEFINITE = {"the", "this", "these", "that", "those"}
_PLACE_RECIPIENT_TYPES = {"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "RETREAT"}
# where a place in the complement is a venue ("meet in Geneva"), never the other party
_MEETING_TYPES = {"CONSULT", "AGREE", "COOPERATE"}
# acts that coordinated actors do with each other: "Israel and Lebanon renewed talks"
_MUTUAL_TYPES = {"CONSULT", "AGREE", "COOPERATE", "SUPPORT"}
# acts that "unilateral" leaves without another party: a ceasefire, a withdrawal
_ONE_SIDED_TYPES = {"RETREAT", "CONCEDE"}
_STANCE_TYPES = {"AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
                 "PROTEST", "SANCTION"}
# statements whose condition names the party that must act: "unless Israel rescinded"
_CONDITIONAL_TYPES = {"THREATEN", "AGREE", "REJECT"}
# acts aimed, when no target is named, at the authorities of the actor's own country: a
# protest is against them, a repression is by them against their own people
_DOMESTIC_TYPES = {"PROTEST", "COERCE"}
_AUTHORITY_SECTORS = ("GOV", "COP", "MIL", "JUD", "LEG")
# acts whose "for"/"of" gerund gives the act of the one they target
_PUNISHING_TYPES = {"COERCE", "ACCUSE", "SANCTION"}
_ANAPHORA_WINDOW = 2  # sentences back


def link_events(events: list[FoundEvent], earlier: list[FoundEvent],
                finder: ArgumentFinder) -> list[FoundEvent]:
    """The sentence's events after nesting, inheritance, anaphora and place rules."""
    events = _without_restatements(events)
    by_token = {e.governor.i: e for e in events if e.governor is not None}
    by_token.update({e.head.i: e for e in events})
    for event in events:
        event.parent = _parent(event, by_token)
    for event in events:
        _inherit_from_sentence(event, events)
        if not event.actor:
            _resolve_anaphora(event, earlier, finder.sentence_starts)
        _drop_self(event)
    for event in events:
        if event.entry.recipient:  # "refused to allow ..."; not "resigned to allow ..."
            _fill_from_children(event, events)
        _fill_from_parent(event)
        _countries_first(event, finder)
        if not event.recipient and event.type == "PROTEST":  # its target before its venue
            event.recipient = finder.complement_entities(event.head, event.actor,
                                                         places=False, purpose=True)
        _place_as_recipient(event, finder)
        _drop_self(event)
        if not event.recipient and event.type in _CONDITIONAL_TYPES:
            event.recipient = finder.condition_subjects(event.head, event.actor)
        if not event.recipient and _may_have_recipient(event):
            event.recipient = finder.complement_entities(
                event.head, event.actor, places=event.type not in _MEETING_TYPES)
            event.recipient_how = "complement" if event.recipient else "none"
        if not event.recipient and event.type in _DOMESTIC_TYPES:
            event.recipient = _domestic_authority(event, finder)
            event.recipient_how = "complement" if event.recipient else "none"
    for event in events:  # a complement's recipient found by the rules above
        if event.entry.recipient:  # "refused to allow U.N. planes to land"; not "resign"
            _fill_from_children(event, events)
        _share_with_conjunct(event, events)
        _settle_recipients(event, finder)
    return [e for e in events
            if e.actor or e.recipient or not e.is_nominal or e.governor is not None]


def _countries_first(event: FoundEvent, finder: ArgumentFinder) -> None:
    """A generic noun phrase without a country is no party beside one with a country
    ("Israeli helicopters and tanks shelled positions of the Palestinian security forces
    and residential areas")."""
    for side in ("actor", "recipient"):
        ids = getattr(event, side)
        if any(finder.coded(i) for i in ids):
            setattr(event, side, [i for i in ids if finder.coded(i)
                                  or not getattr(finder.entities.get(i), "nominal", False)])


def _settle_recipients(event: FoundEvent, finder: ArgumentFinder) -> None:
    """Last rules on the recipient: none for a one-sided act ("a unilateral ceasefire");
    for coordinated actors of a mutual act ("Hungarian and Romanian officials agreed
    ..."), none of their own countries (they are each other's recipients); a withdrawal
    from a place of the actor's own country has that place as location, not recipient."""
    if event.unilateral and event.type in _ONE_SIDED_TYPES:
        event.recipient = []  # but "unilateral sanctions against South Africa" have a target
    own = {finder.country(a) for a in event.actor} - {None}
    if len(own) > 1 and event.type in _MUTUAL_TYPES:
        event.recipient = [r for r in event.recipient if finder.country(r) not in own]
    if event.type == "RETREAT" and event.mode == "withdraw":  # "withdrawal from the
        # Bosnian town of Gorazde" by Bosnian Serbs: where, not from whom
        home = finder.places([r for r in event.recipient if finder.country(r) in own])
        event.location = unique(event.location + home)
        event.recipient = [r for r in event.recipient if r not in home]
    _countries_first(event, finder)


def _drop_self(event: FoundEvent) -> None:
    """An actor is not its own recipient ("Israel is opposed to ..." names Israel once)."""
    event.recipient = [r for r in unique(event.recipient) if r not in event.actor]


def _may_have_recipient(event: FoundEvent) -> bool:
    """Whether to look for the recipient in the complement: for statements and stances
    ("threatened to break relations with Russia"), not for physical acts, whose object or
    marked phrase is their recipient ("captured weaponry including Soviet helicopters")."""
    return bool(event.entry.recipient) and event.type in _STANCE_TYPES


def _without_restatements(events: list[FoundEvent]) -> list[FoundEvent]:
    """Drop a nominal that is the subject phrase of a same-type verb ("The recruitment
    effort ... aims to draft"): both name one event."""
    subjects = {(e.type, e.actor_token.i): e for e in events
                if not e.is_nominal and e.actor_token is not None}
    kept = []
    for event in events:
        inside = [t for t in event.head.ancestors] + [event.head]
        if event.is_nominal and any((event.type, t.i) in subjects for t in inside):
            continue
        kept.append(event)
    return kept


def _parent(event: FoundEvent, by_token: dict[int, FoundEvent]) -> FoundEvent | None:
    token = event.governor or event.head
    for _ in range(8):
        if token.dep_ not in _NEST_DEPS or token.head.i == token.i:
            return None
        if token.dep_ == "prep" and token.lower_ in CIRCUMSTANCE_PREPS:
            return None  # "declared a ceasefire after days of battles": not its content
        if token.dep_ == "advcl" and not any(c.lower_ == "to" for c in token.children):
            return None
        token = token.head
        parent = by_token.get(token.i)
        if parent is not None and parent is not event:
            if parent.is_nominal and event.is_nominal and parent.type == event.type:
                return None  # "attacks in Donetsk and assaults on ...": a list, not nesting
            return parent
    return None


def _share_with_conjunct(event: FoundEvent, events: list[FoundEvent]) -> None:
    """"donated and personally delivered goods to the school": a verb without an object
    of its own shares the recipient of the same-type verb coordinated after it."""
    if event.recipient or event.is_nominal or object_of(event.head) is not None:
        return
    after = [e for e in events if e.type == event.type and e.head.dep_ == "conj"
             and e.head.head.i == event.head.i and e.recipient]
    if after:
        event.recipient = list(after[0].recipient)
        event.recipient_how = after[0].recipient_how


def _inherit_from_sentence(event: FoundEvent, events: list[FoundEvent]) -> None:
    if event.actor or not event.is_nominal or event.governor is not None:
        return
    before = [e for e in events if e.head.i < event.head.i and e.type == event.type
              and e.actor and e is not event.parent]
    if before and not _own_clause_subject(event.head):
        event.actor = list(before[-1].actor)
        event.actor_how = "inherited"


def _own_clause_subject(noun: Token) -> bool:
    """Whether the clause a nominal sits in has a subject naming an entity of its own
    ("Russia may be dragging its feet in negotiations" is not the mediator's)."""
    verb = next((t for t in noun.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    entity_at = noun.doc._.entity_at or {}
    return any(c.dep_ in ("nsubj", "nsubjpass") and any(t.i in entity_at for t in c.subtree)
               for c in verb.children)


def _names_an_event(token: Token, event_type: str, earlier: list[FoundEvent]) -> bool:
    words = {lemma_of(token)} | {lemma_of(c) for c in token.children if c.dep_ == "compound"}
    definite = any(c.lower_ in _DEFINITE for c in token.children if c.dep_ == "det")
    same_type_words = {w for e in earlier if e.type == event_type for w in e.entry.words}
    return definite and bool(words & (GENERIC_EVENT_NOUNS | same_type_words))


def _resolve_anaphora(event: FoundEvent, earlier: list[FoundEvent],
                      starts: list[int]) -> None:
    subject = event.actor_token
    if event.is_nominal or subject is None or not _names_an_event(subject, event.type, earlier):
        return
    sent_start = event.head.sent.start
    window = [e for e in earlier if e.type == event.type and e.actor
              and _sentences_between(e.head, sent_start, starts) <= _ANAPHORA_WINDOW]
    # a definite noun phrase points back to an event named by a noun phrase, if there is one
    window = [e for e in window if e.is_nominal] or window
    if window:
        event.actor = list(window[-1].actor)
        event.actor_how = "anaphora"


def _sentences_between(token: Token, sent_start: int, starts: list[int]) -> int:
    """How many sentence starts lie after ``token`` up to ``sent_start`` (token indices)."""
    return bisect.bisect_right(starts, sent_start) - bisect.bisect_right(starts, token.i)


def _fill_from_children(event: FoundEvent, events: list[FoundEvent]) -> None:
    if event.recipient:
        return
    for child in events:
        if child.parent is not event:
            continue
        if child.is_nominal and child.actor and child.head.dep_ in ("dobj", "pobj"):
            event.recipient = [a for a in child.actor if a not in event.actor]
        if not event.recipient and child.recipient:
            event.recipient = [r for r in child.recipient if r not in event.actor]
        if event.recipient:
            return


def _fill_from_parent(event: FoundEvent) -> None:
    parent = event.parent
    if parent is None:
        return
    if not event.actor and _reason_of_punishment(event, parent):
        event.actor = list(parent.recipient)  # "arrested X for collaborating with Y": X's
        event.actor_how = "inherited"
    if not event.actor and not event.is_nominal and parent.actor and (
            parent.actor_how != "place"):  # not the authorities of the place
        event.actor = list(parent.actor)
        event.actor_how = "inherited"
    if parent.type == event.type:
        event.location = event.location or list(parent.location)
        event.time = event.time or parent.time


def _reason_of_punishment(event: FoundEvent, parent: FoundEvent) -> bool:
    """"was arrested for collaborating", "accused Iran of arming the rebels": the one
    punished or accused did the act given as the reason."""
    head = event.head
    return (bool(parent.recipient) and parent.type in _PUNISHING_TYPES
            and head.dep_ == "pcomp" and head.head.lower_ in ("for", "of"))


def _place_as_recipient(event: FoundEvent, finder: ArgumentFinder) -> None:
    if event.recipient or event.type not in _PLACE_RECIPIENT_TYPES or not event.location:
        return
    if event.type == "PROTEST":  # a protest addresses the authorities where it is held
        event.recipient = [p for p in event.location if finder.country(p) is not None]
        return
    actor_countries = {finder.country(a) for a in event.actor}
    event.recipient = [p for p in event.location
                       if finder.country(p) is not None
                       and finder.country(p) not in actor_countries]


def _domestic_authority(event: FoundEvent, finder: ArgumentFinder) -> list[str]:
    """For a protest or a repression with no named target: an authority, else a place, of
    the actor's own country named in the sentence ("Young Algerians blocked roads ... to
    press their demands from President Bouteflika's government" -> Bouteflika)."""
    countries = {finder.country(a) for a in event.actor} - {None}
    if len(countries) != 1:
        return []
    country = countries.pop()
    named = unique(finder.entity_at[t.i] for t in event.head.sent
                   if t.i in finder.entity_at and not in_source_phrase(t))
    same = [i for i in named if i not in event.actor and finder.country(i) == country]
    authorities = [i for i in same if finder.entities[i].sector in _AUTHORITY_SECTORS]
    return (authorities or finder.places(same))[:1]
