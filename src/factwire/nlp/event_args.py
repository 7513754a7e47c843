"""Event arguments from the dependency parse: actor, recipient, place, time and quantities.

Every argument comes from the trigger's own sentence, through a syntactic link: the clause
subject (climbing control and raising verbs, "aims to draft", "is scheduled to visit"), the
passive agent ("was attacked by"), objects and datives, prepositional phrases whose
preposition the lexicon names ("attack on", "talks between X and Y"), possessives and
demonym modifiers of nominal triggers ("Russia's invasion", "Ukrainian attack").
Tokens map to entity ids through ``doc._.entity_at``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from factwire.nlp import event_places
from factwire.nlp.doc import doc_list, doc_map
from factwire.nlp.event_lexicon import (
    TriggerEntry,
    is_counted_object,
    lemma_of,
    object_of,
    reports_main_clause,
    through_partitive,
)
from factwire.nlp.event_phrases import (
    RELATIVE,
    SOURCE_PREPS,
    SUBJECT_DEPS,
    PhraseReader,
    conjuncts,
    of_phrase,
    phrase_tokens,
    prep_objects,
    relative_antecedent,
    unique,
)

LOCATIVE_PREPS = {"in", "at", "near", "inside", "across", "outside", "around", "throughout",
                  "along", "within", "over"}
_CONTROL_DEPS = ("xcomp", "advcl", "conj", "acl", "ccomp", "pcomp", "relcl", "acomp")
# participles that, without a "by" agent, state their subject's stance: "is opposed to"
_STATIVE_PASSIVES = {"commit", "oppose", "prepare", "determine", "engage", "dedicate",
                     "involve", "resolve", "dispose", "incline", "poise", "set", "bind",
                     "obligate", "devote", "interest"}
_GROUP_PREPS = ("in", "throughout", "across", "from", "of")
# where a recipient may sit when the frame names none: the object and complement clauses
_COMPLEMENT_DEPS = {"dobj", "xcomp", "ccomp", "prep", "dative", "attr", "oprd", "nsubjpass"}
_TIME_DEPS = {"npadvmod", "tmod", "prep", "advmod", "obl", "poss", "pobj", "compound"}
_FRAME_WORDS = {"dobj", "dobj_poss", "dative", "clause_subj", "object_np", "clause_obj",
                "between", "subj"}
# clauses whose subject is the addressee of a demand: a complement, or a noun's content clause
_CLAUSE_DEPS = ("ccomp", "xcomp", "acl")
_ONSET_VERBS = {"begin", "start", "launch", "open", "kick", "commence", "get"}
# phrases that say when or in what circumstances, not to whom: "after days of battles with"
CIRCUMSTANCE_PREPS = {"after", "before", "since", "during", "following", "amid", "despite",
                      "until", "because", "ahead"}
_TIME_PREPS = {"in", "on", "during", "since", "until", "through", "by", "at", "from", "last",
               "before", "after", "throughout", "over", "for"}


class ArgumentFinder(PhraseReader):
    """Finds the arguments of triggers in one Doc (entity and time maps read once)."""

    def __init__(self, doc: Doc) -> None:
        super().__init__(doc)
        self.time_at = doc_map(doc, "time_at")
        self.quantities = doc_list(doc, "quantities")
        self.times = {t.id: t for t in doc_list(doc, "times")}
        self.sentence_starts = [sent.start for sent in doc.sents]
        # token index -> the recipient frame of the event that token triggers (set by the
        # builder): an object that is an event keeps its own phrases ("demanded the
        # withdrawal of Serbian forces from Bosnia": Bosnia is the withdrawal's)
        self.trigger_frames: dict[int, tuple[str, ...]] = {}

    # -- actor -------------------------------------------------------------------------
    def verb_actor(self, verb: Token) -> tuple[list[str], Token | None]:
        """Entity ids of a verb's actor, and the token that stands for it."""
        subject = clause_subject(verb)
        if subject is None:
            return [], None
        subject = participle_noun(subject)
        found = self.phrase_entities(subject)
        if not any(self._named(e) for e in found):
            # "Rebels in the Ivory Coast", "doctors from two American aid groups", "workers
            # affiliated with the Serbian Workers' Union", "a terror group based in Trinidad"
            phrases = prep_objects(subject, _GROUP_PREPS) + [
                p for c in subject.children if c.dep_ == "acl" and c.tag_ == "VBN"
                for p in prep_objects(c, _GROUP_PREPS + ("with",))]
            groups = [e for p in phrases for e in self.phrase_entities(p)]
            found = [e for e in groups if self._named(e)] or found or groups
        # "Old foes Gondor and Osgiliath", "Lions, tigers, and Gondor": the parse gives the
        # verb two subjects; when the first names no one, the other counts
        others = [c for c in verb.children if c.dep_ == "nsubj" and c.i != subject.i
                  and subject.dep_ == "nsubj" and subject.head.i == verb.i and not found]
        found = unique(found + [e for c in others for e in self.phrase_entities(c)
                                if self._named(e)])
        return found, subject

    def noun_actor(self, noun: Token, entry: TriggerEntry) -> list[str]:
        """Possessor, demonym or compound modifier, "by X" / "from X" of a nominal trigger.

        A city or region as modifier names where, not who: "the London talks"."""
        found: list[str] = []
        for child in noun.children:
            if child.dep_ == "poss" and "poss" in entry.actor:
                found += self.phrase_entities(child)
            elif child.dep_ in ("amod", "compound", "nmod") and (
                    "amod" in entry.actor or "compound" in entry.actor):
                found += [e for e in self.phrase_entities(child) if not self.is_local(e)]
        for prep in ("by", "from"):
            if prep in entry.actor:
                for pobj in prep_objects(noun, (prep,)):
                    found += self.phrase_entities(pobj)
        return unique(found)

    # -- recipient ---------------------------------------------------------------------
    def recipients(self, trigger: Token, entry: TriggerEntry,
                   actor: Iterable[str] = ()) -> list[str]:
        """Entity ids of the recipient, by the entry's frame (see event_lexicon). A frame
        item marked "?" counts only when the others name no one but the actor
        ("complained to X"; "impose restrictions on its labour market for new EU
        members": the market is Greece's own)."""
        found: list[str] = []
        obj = object_of(trigger) if entry.pos == "VERB" else of_phrase(trigger)
        items = [i for i in entry.recipient if not i.startswith("?")]
        for item in items:
            found += self._frame_item(trigger, obj, item)
        for item in (i[1:] for i in entry.recipient if i.startswith("?")):
            if not set(found) - set(actor):
                found = (self._frame_item(trigger, obj, item)
                         or self._nested_prep_entities(trigger, obj, items, item) or found)
        if not found:  # one phrase deeper: "mobilized reservists for a war against Iraq"
            found = self._inner_prep_entities(trigger, [i for i in items
                                                        if i not in _FRAME_WORDS])
        if entry.pos == "VERB" and is_passive(trigger) and "dobj" in entry.recipient:
            acted_on = passive_subject(trigger)
            if acted_on is not None and acted_on != clause_subject(trigger):
                found = self.phrase_entities(acted_on) + found
        return unique(found)

    def _frame_item(self, trigger: Token, obj: Token | None, item: str) -> list[str]:
        if item in ("dobj", "dobj_poss"):
            if obj is None or obj.dep_ == "nsubjpass" or (
                    obj.dep_ == "pobj" and not is_counted_object(obj)):
                return []
            return self.phrase_entities(obj)
        if item == "dative":
            return [e for c in trigger.children if c.dep_ == "dative"
                    for e in self.phrase_entities(c)]
        if item == "clause_subj" and reports_main_clause(trigger):
            # "Croatian authorities are failing ..., a rights group protested"
            return [e for s in trigger.sent.root.children if s.dep_ in SUBJECT_DEPS
                    for e in self.phrase_entities(s)]
        if item == "clause_subj":
            # "demanded that Sudan end curbs", "its demand that Israel ease restrictions",
            # "insisted on its demands that the government grant ..."
            holders = [trigger] + ([obj] if obj is not None else []) + [
                p for c in trigger.children if c.dep_ == "prep" for p in c.children
                if p.dep_ == "pobj"]
            if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj":
                # "reiterated its demand today that Israel ease ...": the parse hangs the
                # noun's content clause on the verb
                holders.append(trigger.head)
            return [e for h in holders for c in h.children if c.dep_ in _CLAUSE_DEPS
                    or _for_clause(c)
                    for s in c.children if s.dep_ in SUBJECT_DEPS + ("nsubjpass",)
                    for e in self.phrase_entities(s)]
        if item == "object_np":
            return self.object_phrase_entities(obj)
        if item in ("clause_obj", "between", "subj"):
            return []  # "subj": set by the builder from the clause subject
        holders = [trigger]
        if obj is not None and item not in self.trigger_frames.get(obj.i, ()):
            holders.append(obj)
        # a phrase that opens the sentence sets the scene ("With the signing of a
        # memorandum, the two sides agreed"): no party of the act
        return [e for holder in holders for p in prep_objects(holder, (item,))
                if p.head.i != p.sent.start for e in self.phrase_entities(p)]

    def _nested_prep_entities(self, trigger: Token, obj: Token | None, frame: list[str],
                              prep: str) -> list[str]:
        """``prep`` phrases one level down, on the objects of the frame's other
        prepositions ("restrictions on its labour market for Romanian workers")."""
        holders = [p for h in (trigger, obj) if h is not None
                   for p in prep_objects(h, [i for i in frame if i not in _FRAME_WORDS])]
        return [e for h in holders for p in prep_objects(h, (prep,))
                for e in self.phrase_entities(p)]

    def _inner_prep_entities(self, trigger: Token, preps: list[str]) -> list[str]:
        """The frame's prepositions one phrase down ("mobilized reservists for a war
        against Iraq"), but not inside a time or circumstance phrase ("declared a
        ceasefire after days of battles with the militia")."""
        inner = [p for c in trigger.children if c.dep_ == "prep" and c.lower_ not in preps
                 and c.lower_ not in CIRCUMSTANCE_PREPS
                 for p in c.children if p.dep_ == "pobj"]
        return [e for holder in inner for p in prep_objects(holder, preps)
                for e in self.phrase_entities(p)]

    def prep_entities(self, token: Token, entry: TriggerEntry) -> list[str]:
        """Entities in the token's phrases whose prepositions the entry's frame names."""
        preps = [i.lstrip("?") for i in entry.recipient if i.lstrip("?") not in _FRAME_WORDS]
        return unique(e for p in prep_objects(token, preps) for e in self.phrase_entities(p))

    def object_phrase_entities(self, obj: Token | None) -> list[str]:
        """Entities anywhere in an object phrase, outside nested clauses."""
        if obj is None:
            return []
        found = self.phrase_entities(obj)
        if found:
            return found
        # "investigating alleged war crimes by Croatian extremists against Serb civilians":
        # the one whose act it is
        found = [e for p in prep_objects(obj, ("by",)) for e in self.phrase_entities(p)]
        if found:
            return found
        ids = unique(self.entity_at[t.i] for t in phrase_tokens(obj) if t.i in self.entity_at)
        return [i for i in ids if self._named(i)]

    def complement_entities(self, trigger: Token, actor: list[str],
                            places: bool = True, purpose: bool = False) -> list[str]:
        """The first entity, not the actor, named in the trigger's object or complement
        ("threatened to break relations with Russia" -> Russia); people and groups before
        places, and no generic noun phrase without a country ("a new jet"). With
        ``purpose``, also in its purpose clause ("blocked a road to show their disapproval
        for the United States' policies")."""
        clauses = [c for c in trigger.children if purpose and c.dep_ == "advcl"
                   and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
        tokens = [t for c in trigger.children if c.dep_ in _COMPLEMENT_DEPS
                  and c.lower_ not in SOURCE_PREPS and c.i != c.sent.start
                  for t in phrase_tokens(c, limit=30)]
        tokens += [t for c in clauses for t in phrase_tokens(c, limit=30)]
        ids = unique(self.entity_at[t.i] for t in sorted(tokens, key=lambda t: t.i)
                     if t.i in self.entity_at and self.entity_at[t.i] not in actor)
        ids = [i for i in ids if self._named(i)]
        others = [i for i in ids if i not in self.places(ids)]
        if places:
            return self._with_coordinated((others or ids)[:1], tokens, actor)
        # a country named outside a locative phrase is a party ("offered to hand over to
        # Great Britain"), a city or a place "in" which it happens only the venue
        venues = {self.entity_at[t.i] for c in tokens if c.dep_ == "prep"
                  and c.lower_ in LOCATIVE_PREPS for t in c.subtree if t.i in self.entity_at}
        own = {self.country(a) for a in actor}
        parties = [i for i in self.places(ids) if not self.is_local(i) and i not in venues
                   and self.country(i) not in own]
        return self._with_coordinated((others or parties)[:1], tokens, actor)

    def _with_coordinated(self, first: list[str], tokens: list[Token],
                          actor: list[str]) -> list[str]:
        """The chosen entity and those coordinated with it ("to Iran, Libya and Sudan")."""
        heads = [t for t in tokens if first and self.entity_at.get(t.i) == first[0]
                 and (t.head is t or self.entity_at.get(t.head.i) != first[0])]
        more = [e for t in heads[:1] for c in conjuncts(t) for e in self.phrase_entities(c)]
        return unique(first + [i for i in more if i not in actor and self._named(i)])

    def condition_subjects(self, trigger: Token, actor: list[str]) -> list[str]:
        """Who must meet the condition of a threat or an offer: the subject of its "if" or
        "unless" clause ("threatened to strike unless Israel rescinded ..." -> Israel)."""
        heads = [trigger] + [c for c in trigger.children if c.dep_ in ("xcomp", "ccomp")]
        for head in heads:
            for clause in head.children:
                if clause.dep_ == "advcl" and any(
                        m.dep_ == "mark" and m.lower_ in ("if", "unless")
                        for m in clause.children):
                    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
                    found = [e for s in subjects for e in self.phrase_entities(s)
                             if e not in actor and self._named(e)]
                    if found:
                        return found
        return []

    def between(self, trigger: Token) -> list[str]:
        """"talks between the United States and Russia" -> [USA, RUS] (actor first)."""
        return [e for p in prep_objects(trigger, ("between", "among"))
                for e in self.phrase_entities(p)]

    # -- place, time, quantities -------------------------------------------------------
    def locations(self, trigger: Token, entry: TriggerEntry) -> list[str]:
        """Where the event happened (see ``event_places``): the locative phrases of the
        trigger, of its object and marked recipients, a sub-country place acted on, a
        place modifying a nominal trigger, a visited place; else those of the clauses
        governing a subjectless trigger; else the actor's ("rebels in Syria attacked")."""
        obj = object_of(trigger) if entry.pos == "VERB" else None
        # "fired shells at targets in Jericho": the place of the marked target
        holders = [trigger] + ([obj] if obj is not None else []) + [
            p for c in trigger.children if c.dep_ == "prep" and c.lower_ in entry.recipient
            for p in c.children if p.dep_ == "pobj"]
        found = [c for h in holders for c in event_places.locative_places(self, h)]
        if entry.pos == "NOUN":
            found += [(event_places.NAME, e) for e in self.modifier_places(trigger)]
        if entry.mode == "visit" and obj is not None:
            found += [(event_places.NAME, e) for e in self.places(self.phrase_entities(obj))]
        if entry.mode == "visit":
            found += [(event_places.NAME, e) for p in prep_objects(trigger, ("to",))
                      for e in self.places(self.phrase_entities(p))]
        found += event_places.object_places(self, obj)  # the passive subject, if passive
        found += event_places.partitive_places(self, obj)
        clauses = event_places.governing_clauses(trigger)
        if entry.pos == "VERB":
            clauses = event_places.shared_clauses(trigger) + clauses
        for more in (event_places.circumstance_places(self, trigger)
                     + event_places.direction_places(self, trigger)
                     + event_places.nested_places(self, obj),
                     [c for g in clauses for c in event_places.clause_places(self, g)],
                     [c for g in [trigger, *clauses]
                      for c in event_places.subject_places(self, g)]):
            if any(rank < event_places.COMMON for rank, _ in found):
                break
            found += more
        return event_places.best(self, found)

    def time(self, trigger: Token) -> str | None:
        """The time id attached to the trigger, else to the clauses that govern it."""
        came_from, token = None, trigger
        for _ in range(6):
            found = self._attached_time(token, came_from)
            if found:
                return found
            if token.dep_ not in _CONTROL_DEPS + ("pobj", "prep", "dobj") or token.head.i == token.i:
                return None
            if token.i != trigger.i and has_own_subject(token):
                return None  # the governing clause is about someone else's doing
            came_from, token = token, token.head
        return None

    def onset_time(self, subject: Token | None) -> str | None:
        """When an effort named as the subject began: "The recruitment effort, which began
        Tuesday, aims to draft ..." -> Tuesday."""
        if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
            return None
        for clause in subject.children:
            if clause.dep_ in ("relcl", "acl") and lemma_of(clause) in _ONSET_VERBS:
                found = self._attached_time(clause, None)
                if found:
                    return found
        return None

    def _attached_time(self, token: Token, skip: Token | None) -> str | None:
        if token.i in self.time_at and token.pos_ not in ("VERB", "AUX"):
            return self.time_at[token.i]
        for child in token.children:
            if (skip is not None and child.i == skip.i) or child.dep_ not in _TIME_DEPS:
                continue
            if child.dep_ == "prep" and child.lower_ not in _TIME_PREPS:
                continue
            for t in phrase_tokens(child, limit=6):
                if t.i in self.time_at and self._is_point(self.time_at[t.i]):
                    return self.time_at[t.i]
        return None

    def _is_point(self, time_id: str) -> bool:
        """Dates and times place an event; durations and sets ("in years") do not."""
        time = self.times.get(time_id)
        return time is None or time.type in ("DATE", "TIME")

    def quantities_for(self, heads: Iterable[Token]) -> list[str]:
        """Quantities counting an argument: "draft 160,000 men", "sent 3,000 soldiers"."""
        spans = []
        for head in heads:
            if head is None:
                continue
            head = through_partitive(head)
            tokens = [head] + [t for c in head.children if c.dep_ in ("nummod", "quantmod")
                               for t in c.subtree]
            spans += [(t.idx, t.idx + len(t)) for t in tokens]
        return [q.id for q in self.quantities
                if any(q.start < end and q.end > start for start, end in spans)]


def _for_clause(token: Token) -> bool:
    """"pushing hard for the US (to) support its plan": a clause with its own subject
    after "for"."""
    return token.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for"
                                         for m in token.children)


def has_own_subject(token: Token) -> bool:
    """Whether a verb states its own subject (its clause is about someone)."""
    return token.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in token.children)


def participle_noun(subject: Token) -> Token:
    """The noun a participle describes when the parse makes the participle the subject:
    in "The Red Cross operating in Iraq said ...", "operating" heads "Red Cross"."""
    if subject.tag_ not in ("VBG", "VBN"):
        return subject
    nouns = [c for c in subject.children if c.dep_ in ("nsubj", "nsubjpass")
             and c.pos_ in ("NOUN", "PROPN") and c.i < subject.i]
    return nouns[0] if nouns else subject


def is_passive(verb: Token) -> bool:
    """"was attacked", "were deployed"."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def passive_subject(verb: Token) -> Token | None:
    """The subject of a passive verb (the one acted upon)."""
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def passive_agent(verb: Token) -> Token | None:
    """The "by" phrase of a passive verb (the one acting)."""
    objs = prep_objects(verb, ("by",))
    return objs[0] if objs else None


def clause_subject(verb: Token, depth: int = 0) -> Token | None:
    """The token standing for a verb's actor, climbing control, raising and coordination.

    "The recruitment effort ... aims to draft" -> effort; "Dmitriev is scheduled to visit" ->
    Dmitriev; "Putin rejected ... and has demanded" -> Putin; passives give their agent.
    """
    if depth > 5:
        return None
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and child.lower_ != "there":
            if child.lower_ in RELATIVE:
                return relative_antecedent(child)
            return child
    if is_passive(verb):
        agent = passive_agent(verb)
        if agent is None and lemma_of(verb) in _STATIVE_PASSIVES:
            # "Vietnam is committed to opening", "Serb forces were engaged in cleansing"
            return passive_subject(verb)
        return agent
    if verb.dep_ == "relcl":
        return verb.head
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        agent = passive_agent(verb)  # "a strike called by workers": the workers
        return agent if agent is not None else _misparsed_subject(verb)
    if verb.dep_ in _CONTROL_DEPS and verb.head.i != verb.i:
        return _controller(verb.head, depth, verb.dep_)
    return fronted_phrase_subject(verb)


def _misparsed_subject(verb: Token) -> Token | None:
    """The subject of a finite verb the parse read as a participle after a noun: when the
    noun is the root of its sentence ("An official Syrian newspaper called Thursday on
    Arabs to unite") or an apposition the verb's phrase closes ("..., a human rights
    group protested here Wednesday."), nothing else can be the sentence's verb."""
    noun = verb.head
    if verb.i != noun.i + 1 or any(a.dep_ in ("aux", "auxpass") for a in verb.children):
        return None
    last = max(t.i for t in verb.sent if not t.is_punct)
    if noun.dep_ == "appos" and verb.right_edge.i >= last:
        return noun
    top = noun  # "Doctors from two American aid groups donated ...": the whole phrase
    while top.dep_ in ("pobj", "prep") and top.head.i != top.i:
        top = top.head
    return top if top.dep_ == "ROOT" and top.pos_ in ("NOUN", "PROPN") else None


def fronted_phrase_subject(verb: Token) -> Token | None:
    """A main verb's subject the parse took into the phrase before it: in "With the
    signing of a memorandum, the government and the rebels have agreed", "government"
    hangs as a conjunct in the "with" phrase. The noun phrase between the comma and the
    verb is the subject."""
    if verb.dep_ != "ROOT" or verb.pos_ not in ("VERB", "AUX"):
        return None
    first = min([verb] + [c for c in verb.children if c.dep_ in ("aux", "auxpass")
                          and c.i < verb.i], key=lambda t: t.i)
    nouns = [t for t in verb.doc[verb.sent.start:first.i] if t.dep_ == "conj"
             and t.pos_ in ("NOUN", "PROPN") and t.head.i < t.i
             and t.right_edge.i == first.i - 1 and t.left_edge.i > t.head.i
             and verb.doc[t.left_edge.i - 1].text == ","]
    return nouns[0] if nouns else None


@lru_cache(maxsize=1)
def _object_control_verbs() -> frozenset[str]:
    text = resources.files("factwire.data").joinpath("plover_object_control.txt").read_text(
        encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and w[0] != "#")


def object_controller(verb: Token) -> Token | None:
    """The object of an object-control verb ("urged Hamas to ...", "called on Israel to
    ..."), who is the subject of the infinitive that follows it; None for other verbs."""
    if lemma_of(verb) not in _object_control_verbs() or is_passive(verb):
        return None
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
    if obj is None:  # "called on Israel to", "appealed to the rebels to"
        obj = next(iter(prep_objects(verb, ("on", "upon", "to", "for"))), None)
    return obj


def _controller(head: Token, depth: int, via: str) -> Token | None:
    if head.pos_ in ("VERB", "AUX", "ADJ"):
        controller = object_controller(head) if via == "xcomp" else None
        if controller is not None:  # "urged Hamas to release": Hamas releases
            return controller
        passive = passive_subject(head)
        if passive is not None and head.dep_ != "relcl":
            # "is scheduled to visit": the subject visits; but in "were injured and
            # arrested" the subject is arrested, and the actor is the agent, if any
            return passive if via != "conj" else passive_agent(head)
        return clause_subject(head, depth + 1)
    # a noun: "plans to expand" -> the plan's owner, else the clause the noun sits in
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is not None and owner.pos_ != "PRON":
        return owner
    up = head.head
    if up.dep_ == "prep":
        up = up.head
    if up is head or up.pos_ not in ("VERB", "AUX"):
        return None
    return clause_subject(up, depth + 1)

