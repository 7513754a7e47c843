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

from spacy.tokens import Doc, Token

from factwire.nlp.doc import doc_list, doc_map
from factwire.nlp.event_lexicon import TriggerEntry, lemma_of, object_of, through_partitive

PLACE_TYPES = ("GPE", "LOC", "FAC")
LOCATIVE_PREPS = {"in", "at", "near", "inside", "across", "outside", "around", "throughout",
                  "along", "within", "over"}
_MODIFIER_DEPS = ("compound", "amod", "poss", "nmod", "appos")
_CONTROL_DEPS = ("xcomp", "advcl", "conj", "acl", "ccomp", "pcomp", "relcl", "acomp")
_SUBJECT_DEPS = ("nsubj", "csubj", "expl")
_RELATIVE = {"who", "which", "that", "whom"}
# pronouns that stand for the subject of a governing clause: "Syria says it is willing"
_PERSONAL = {"it", "its", "they", "their", "them", "he", "his", "she", "her", "we", "our"}
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
_TIME_PREPS = {"in", "on", "during", "since", "until", "through", "by", "at", "from", "last",
               "before", "after", "throughout", "over", "for"}


class ArgumentFinder:
    """Finds the arguments of triggers in one Doc (entity and time maps read once)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.entity_at = doc_map(doc, "entity_at")
        self.time_at = doc_map(doc, "time_at")
        self.entities = {e.id: e for e in doc_list(doc, "entities")}
        self.quantities = doc_list(doc, "quantities")
        self.times = {t.id: t for t in doc_list(doc, "times")}
        self.sentence_starts = [sent.start for sent in doc.sents]

    # -- entities of a noun phrase -------------------------------------------------------
    def phrase_entities(self, token: Token | None, depth: int = 0) -> list[str]:
        """Entity ids a noun phrase names: its head's entity, else its modifiers', per conjunct.

        "Senior Hungarian and Romanian officials" -> [HUN, ROU]; "Steve Witkoff" -> [Witkoff];
        "the lifting of U.S. sanctions" -> [USA] (through "of" when nothing else is found).
        """
        if token is None or depth > 4:
            return []
        found: list[str] = []
        for head in [token, *conjuncts(token)]:
            found += self._head_entities(head, depth)
        return unique(found)

    def _head_entities(self, head: Token, depth: int) -> list[str]:
        own = self.entity_at.get(head.i)
        if own:
            # "Hungarian and Romanian officials": a coordinated modifier names another
            return unique([own] + [e for c in head.children
                                   if c.dep_ in ("amod", "compound") and conjuncts(c)
                                   for e in self.phrase_entities(c, depth + 1)])
        if head.lower_ in _RELATIVE and head.dep_ in _SUBJECT_DEPS + ("nsubjpass",):
            return self.phrase_entities(relative_antecedent(head), depth + 1)
        if head.lower_ in _PERSONAL:
            return self.phrase_entities(pronoun_antecedent(head), depth + 1)
        found: list[str] = []
        for child in head.children:
            if child.dep_ in _MODIFIER_DEPS:
                found += self.phrase_entities(child, depth + 1)
        if not found:  # "the president of Armenia", "a camp for Congolese refugees"
            for pobj in prep_objects(head, ("of", "from", "for")):
                found += self.phrase_entities(pobj, depth + 1)
        return found

    def places(self, ids: Iterable[str]) -> list[str]:
        """The ids that name places (GPE, LOC, FAC)."""
        return [i for i in ids if i in self.entities and self.entities[i].type in PLACE_TYPES]

    def is_local(self, entity_id: str) -> bool:
        """Whether the entity is a place below country level (a city, a region)."""
        entity = self.entities.get(entity_id)
        return bool(entity and entity.geo and entity.geo.feature != "country")

    def modifier_places(self, noun: Token) -> list[str]:
        """Cities and regions that modify a nominal trigger: "the London talks" -> London."""
        return [e for c in noun.children if c.dep_ in ("compound", "nmod")
                for e in self.places(self.phrase_entities(c)) if self.is_local(e)]

    def country(self, entity_id: str) -> str | None:
        """The country code of an entity, if known."""
        entity = self.entities.get(entity_id)
        return entity.country if entity else None

    # -- actor -------------------------------------------------------------------------
    def verb_actor(self, verb: Token) -> tuple[list[str], Token | None]:
        """Entity ids of a verb's actor, and the token that stands for it."""
        subject = clause_subject(verb)
        if subject is None:
            return [], None
        found = self.phrase_entities(subject)
        if not any(self._named(e) for e in found):
            # "Rebels in the Ivory Coast", "doctors from two American aid groups"
            groups = [e for p in prep_objects(subject, _GROUP_PREPS)
                      for e in self.phrase_entities(p)]
            found = [e for e in groups if self._named(e)] or found or groups
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
    def recipients(self, trigger: Token, entry: TriggerEntry) -> list[str]:
        """Entity ids of the recipient, by the entry's frame (see event_lexicon)."""
        found: list[str] = []
        obj = object_of(trigger) if entry.pos == "VERB" else of_phrase(trigger)
        for item in entry.recipient:
            found += self._frame_item(trigger, obj, item)
        if entry.pos == "VERB" and is_passive(trigger) and "dobj" in entry.recipient:
            acted_on = passive_subject(trigger)
            if acted_on is not None and acted_on is not clause_subject(trigger):
                found = self.phrase_entities(acted_on) + found
        return unique(found)

    def _frame_item(self, trigger: Token, obj: Token | None, item: str) -> list[str]:
        if item in ("dobj", "dobj_poss"):
            if obj is None or obj.dep_ in ("nsubjpass", "pobj"):
                return []
            return self.phrase_entities(obj)
        if item == "dative":
            return [e for c in trigger.children if c.dep_ == "dative"
                    for e in self.phrase_entities(c)]
        if item == "clause_subj":
            # "demanded that Sudan end curbs", "its demand that Israel ease restrictions",
            # "insisted on its demands that the government grant ..."
            holders = [trigger] + ([obj] if obj is not None else []) + [
                p for c in trigger.children if c.dep_ == "prep" for p in c.children
                if p.dep_ == "pobj"]
            return [e for h in holders for c in h.children if c.dep_ in _CLAUSE_DEPS
                    for s in c.children if s.dep_ in _SUBJECT_DEPS + ("nsubjpass",)
                    for e in self.phrase_entities(s)]
        if item == "object_np":
            return self.object_phrase_entities(obj)
        if item in ("clause_obj", "between", "subj"):
            return []  # "subj": set by the builder from the clause subject
        holders = [trigger] + ([obj] if obj is not None else [])
        found = [e for holder in holders for p in prep_objects(holder, (item,))
                 for e in self.phrase_entities(p)]
        if not found:  # one phrase deeper: "mobilized reservists for a war against Iraq"
            inner = [p for c in trigger.children if c.dep_ == "prep" and c.lower_ != item
                     for p in c.children if p.dep_ == "pobj"]
            found = [e for holder in inner for p in prep_objects(holder, (item,))
                     for e in self.phrase_entities(p)]
        return found

    def prep_entities(self, token: Token, entry: TriggerEntry) -> list[str]:
        """Entities in the token's phrases whose prepositions the entry's frame names."""
        preps = [i for i in entry.recipient if i not in _FRAME_WORDS]
        return unique(e for p in prep_objects(token, preps) for e in self.phrase_entities(p))

    def object_phrase_entities(self, obj: Token | None) -> list[str]:
        """Entities anywhere in an object phrase, outside nested clauses."""
        if obj is None:
            return []
        found = self.phrase_entities(obj)
        if found:
            return found
        ids = unique(self.entity_at[t.i] for t in phrase_tokens(obj) if t.i in self.entity_at)
        return [i for i in ids if self._named(i)]

    def _named(self, entity_id: str) -> bool:
        """A name, or a group with a country: not a generic noun ("anti-aircraft")."""
        entity = self.entities.get(entity_id)
        return entity is not None and (not entity.nominal or bool(entity.country))

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
                  for t in phrase_tokens(c, limit=30)]
        tokens += [t for c in clauses for t in phrase_tokens(c, limit=30)]
        ids = unique(self.entity_at[t.i] for t in sorted(tokens, key=lambda t: t.i)
                     if t.i in self.entity_at and self.entity_at[t.i] not in actor)
        ids = [i for i in ids if self._named(i)]
        others = [i for i in ids if i not in self.places(ids)]
        if places:
            return (others or ids)[:1]
        # a country named outside a locative phrase is a party ("offered to hand over to
        # Great Britain"), a city or a place "in" which it happens only the venue
        venues = {self.entity_at[t.i] for c in tokens if c.dep_ == "prep"
                  and c.lower_ in LOCATIVE_PREPS for t in c.subtree if t.i in self.entity_at}
        own = {self.country(a) for a in actor}
        parties = [i for i in self.places(ids) if not self.is_local(i) and i not in venues
                   and self.country(i) not in own]
        return (others or parties)[:1]

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
        """Places in locative phrases of the trigger (and of its object), or a visited place."""
        holders = [trigger]
        obj = object_of(trigger) if entry.pos == "VERB" else None
        if obj is not None:
            holders.append(obj)
        # "fired shells at targets in Jericho": the place of the marked target
        holders += [p for c in trigger.children
                    if c.dep_ == "prep" and c.lower_ in entry.recipient
                    for p in c.children if p.dep_ == "pobj"]
        found = [e for holder in holders for p in prep_objects(holder, LOCATIVE_PREPS)
                 for e in self.places(self.phrase_entities(p))]
        if entry.pos == "NOUN":
            found += self.modifier_places(trigger)
        if entry.mode == "visit" and obj is not None:
            found += self.places(self.phrase_entities(obj))
        if entry.mode == "visit":
            found += [e for p in prep_objects(trigger, ("to",))
                      for e in self.places(self.phrase_entities(p))]
        return unique(found)

    def time(self, trigger: Token) -> str | None:
        """The time id attached to the trigger, else to the clauses that govern it."""
        came_from, token = None, trigger
        for _ in range(6):
            found = self._attached_time(token, came_from)
            if found:
                return found
            if token.dep_ not in _CONTROL_DEPS + ("pobj", "prep", "dobj") or token.head is token:
                return None
            if token is not trigger and has_own_subject(token):
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
            if child is skip or child.dep_ not in _TIME_DEPS:
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


def unique(ids: Iterable[str]) -> list[str]:
    """The ids once each, in first-seen order."""
    seen: dict[str, None] = {}
    for i in ids:
        seen.setdefault(i, None)
    return list(seen)


def conjuncts(token: Token) -> list[Token]:
    """Words coordinated with ``token`` ("Hungary and Romania" -> [Romania])."""
    out, stack = [], [token]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "ADJ", "PRON"):
                out.append(child)
                stack.append(child)
    return out


def of_phrase(noun: Token) -> Token | None:
    """"the withdrawal of forces from Panama" -> forces (its phrases count for the noun)."""
    found = prep_objects(noun, ("of",))
    return found[0] if found else None


def prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of the token's prepositions named in ``preps`` ("attack on X" -> X)."""
    preps = set(preps)
    return [pobj for child in token.children
            if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps
            for pobj in child.children if pobj.dep_ in ("pobj", "pcomp")]


def phrase_tokens(token: Token, limit: int = 40) -> list[Token]:
    """Tokens of a phrase, leaving out nested clauses (relative clauses, participles)."""
    out, stack = [], [token]
    while stack and len(out) < limit:
        current = stack.pop()
        out.append(current)
        stack += [c for c in current.children
                  if c.dep_ not in ("relcl", "acl", "advcl", "ccomp", "punct", "cc")]
    return out


def pronoun_antecedent(pronoun: Token) -> Token | None:
    """The subject of the nearest governing clause that is not itself a pronoun.

    "Syria says it will withdraw its troops" -> Syria (for "it" and "its").
    """
    own_clause = True
    for verb in pronoun.ancestors:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject is pronoun or subject.pos_ == "PRON":
            own_clause = False
            continue
        if pronoun.dep_ == "poss" and own_clause:
            return subject  # "Russia continues its offensive"
        if not own_clause or pronoun.dep_ != "poss":
            return subject
    return None


def relative_antecedent(pronoun: Token) -> Token | None:
    """"Trump, who has sought ..." -> Trump."""
    clause = pronoun.head
    return clause.head if clause.dep_ == "relcl" else None


def has_own_subject(token: Token) -> bool:
    """Whether a verb states its own subject (its clause is about someone)."""
    return token.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in token.children)


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
        if child.dep_ in _SUBJECT_DEPS and child.lower_ != "there":
            if child.lower_ in _RELATIVE:
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
        return passive_agent(verb)  # "a strike called by workers": the workers
    if verb.dep_ in _CONTROL_DEPS and verb.head is not verb:
        return _controller(verb.head, depth, verb.dep_)
    return None


def _controller(head: Token, depth: int, via: str) -> Token | None:
    if head.pos_ in ("VERB", "AUX", "ADJ"):
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

