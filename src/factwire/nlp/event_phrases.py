"""Which entities a noun phrase names: the layer under the event arguments.

A phrase names the entity of its head word ("Steve Witkoff"), else those of its modifiers
and coordinated words ("Senior Hungarian and Romanian officials"), of its "of", "from" or
"for" phrase ("the president of Armenia", "a camp for Congolese refugees"), of the
participle after it ("the roads leading into Mordor"), and the
antecedent of a pronoun or relative pronoun ("Syria says it will withdraw its troops"). A
common noun phrase the entities component keeps without a country ("a temporary camp",
"tanks") gives way to a phrase beside it that names a country. Tokens map to entity ids
through ``doc._.entity_at``.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from factwire.nlp.actors import names_culture
from factwire.nlp.doc import doc_list, doc_map

PLACE_TYPES = ("GPE", "LOC", "FAC")
MODIFIER_DEPS = ("compound", "amod", "poss", "nmod", "appos")
SUBJECT_DEPS = ("nsubj", "csubj", "expl")
RELATIVE = {"who", "which", "that", "whom"}
# pronouns that stand for the subject of a governing clause: "Syria says it is willing"
_PERSONAL = {"it", "its", "they", "their", "them", "he", "his", "she", "her", "we", "our"}
_NON_PERSON = {"it", "its"}  # never a person: "Chirac reminded Iraq that it must"


class PhraseReader:
    """The entities of a Doc's noun phrases (entity map read once)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        # "the Russian language" names no party ("restrictions on the use of ...")
        self.entity_at = {i: e for i, e in doc_map(doc, "entity_at").items()
                          if not names_culture(doc[i])}
        self.entities = {e.id: e for e in doc_list(doc, "entities")}

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
        if own and not self._countryless_noun(own):
            owners = self._of_owners(head, own, depth)
            if owners:  # "the ambassadors of Arnor, Osgiliath and Gondor"
                return owners
            return unique([own] + [e for c in head.children if _coordinated_modifier(c)
                                   for e in self._listed(c, own, depth)])
        if head.lower_ in RELATIVE and head.dep_ in SUBJECT_DEPS + ("nsubjpass",):
            return self.phrase_entities(relative_antecedent(head), depth + 1)
        if head.lower_ in _PERSONAL:
            return self._pronoun_entities(head, depth)
        found: list[str] = []
        for child in head.children:
            if child.dep_ in MODIFIER_DEPS:
                found += [e for e in self.phrase_entities(child, depth + 1) if e != own]
        # "the president of Armenia", "a camp for Congolese refugees", "the withdrawal of
        # Serbian forces from Bosnia" (the "of" phrase first), "a meeting between X and Y"
        for preps in (("of",), ("from", "for"), ("between", "among")):
            if found:
                break
            found = [e for p in prep_objects(head, preps)
                     for e in self.phrase_entities(p, depth + 1)]
        if not found:  # "the roads leading into Mordor", "Palestinians living in Gaza",
            found = self._participle_entities(head, depth)  # "memos sent by Bree"
        if own:  # a generic noun ("a temporary camp") stands for itself only without better
            found = found or [e for p in prep_objects(head, ("in", "inside"))  # "a force in
                              for e in self.places(self.phrase_entities(p, depth + 1))]
            return [e for e in found if self.country(e)] or [own]  # Liberia"
        return found

    def _pronoun_entities(self, pronoun: Token, depth: int) -> list[str]:
        """The entities a personal pronoun stands for. "It" names no person: when the
        governing subject is one, the pronoun is the addressee's ("Chirac issued a
        reminder to Iraq that it must cooperate" -> Iraq)."""
        antecedent = pronoun_antecedent(pronoun)
        found = self.phrase_entities(antecedent, depth + 1)
        if pronoun.lower_ not in _NON_PERSON or antecedent is None or not found or any(
                self.entities[e].type != "PERSON" for e in found if e in self.entities):
            return found
        addressees = [p for p in prep_objects(antecedent.head, ("to",))] + [
            c for c in antecedent.head.children if c.dep_ in ("dobj", "iobj")]
        others = [e for a in addressees for e in self.phrase_entities(a, depth + 1)
                  if e in self.entities and self.entities[e].type != "PERSON"]
        return unique(others) or found

    def _participle_entities(self, head: Token, depth: int) -> list[str]:
        """The place a participle after a noun leads to: "the roads leading into Mordor".
        (Not its agent: "The two, pictured by the Tower commission as ..., have refused"
        is no refusal by the commission.)"""
        return [e for c in head.children if c.dep_ == "acl" and c.tag_ in ("VBG", "VBN")
                for p in prep_objects(c, ("into", "to"))
                for e in self.places(self.phrase_entities(p, depth + 1))]

    def _listed(self, child: Token, own: str, depth: int) -> list[str]:
        """The entities of a coordinated modifier; of a listing apposition only the named
        ones, and places only in a list of places ("Mordor, the Shire, Fornost and Bree";
        not "Kerdix Inc., Boulder, Colorado", nor "John Sculley, chairman and chief
        executive officer")."""
        found = self.phrase_entities(child, depth + 1)
        if child.dep_ != "appos":
            return found
        head_is_place = bool(self.places([own]))
        return [e for e in found if e in self.entities and not self.entities[e].nominal
                and (head_is_place or e not in self.places([e]))]

    def _of_owners(self, head: Token, own: str, depth: int) -> list[str]:
        """For a common noun phrase ("the population", "the ambassadors"), the countries
        or organizations its "of" phrase names: "the population of Gondor"."""
        entity = self.entities.get(own)
        if entity is None or not entity.nominal:
            return []
        return [e for p in prep_objects(head, ("of",))
                for e in self.phrase_entities(p, depth + 1) if self.coded(e) and e != own]

    def _countryless_noun(self, entity_id: str) -> bool:
        """A common noun phrase the entities component keeps, but with no country ("a
        temporary camp", "tanks"): a phrase that names a country beside it says more."""
        entity = self.entities.get(entity_id)
        return entity is not None and entity.nominal and not entity.country

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

    def coded(self, entity_id: str) -> bool:
        """Whether the entity has a country or is an international organization."""
        entity = self.entities.get(entity_id)
        return bool(entity and (entity.country or entity.sector in ("IGO", "NGO")))

    def _named(self, entity_id: str) -> bool:
        """A name, or a group with a country: not a generic noun ("anti-aircraft")."""
        entity = self.entities.get(entity_id)
        return entity is not None and (not entity.nominal or bool(entity.country))



def unique(ids: Iterable[str]) -> list[str]:
    """The ids once each, in first-seen order."""
    seen: dict[str, None] = {}
    for i in ids:
        seen.setdefault(i, None)
    return list(seen)


def _coordinated_modifier(child: Token) -> bool:
    """A modifier that is really another member of a coordination: "Hungarian and
    Romanian officials"; the parse's "Fornost and the evil Gondor" (Fornost a modifier
    with its own "and") or "Mordor, the Shire, Fornost and Bree" (a listing apposition)."""
    if child.dep_ in ("amod", "compound", "nmod") and conjuncts(child):
        return True  # "Arnor, Calenardhon and the evil Gondor": Arnor a modifier of Gondor
    if child.dep_ in ("nmod", "compound") and any(g.dep_ == "cc" for g in child.children):
        return True
    # an apposition inside a list: "Mordor, the awful Fornost, and good Gondor"
    return child.dep_ == "appos" and bool(conjuncts(child) or conjuncts(child.head))


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
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
            objects = [p for p in child.children if p.dep_ in ("pobj", "pcomp")]
            found += objects or _stranded_object(child)
    return found


def _stranded_object(prep: Token) -> list[Token]:
    """The object the parse gave a following clause instead of its preposition: in
    "granted asylum to five officers holed up in a residence" the reduced relative
    "holed up" takes "officers" as its subject and leaves "to" without an object."""
    start = prep.i + 1
    for token in prep.doc[start:min(start + 8, prep.sent.end)]:
        clause = token.head
        if (token.dep_ in ("nsubj", "nsubjpass") and token.left_edge.i == start
                and clause.i > token.i
                and clause.tag_ in ("VBN", "VBD")
                and not any(c.dep_ in ("aux", "auxpass") for c in clause.children)):
            return [token]
    return []


SOURCE_PREPS = {"according", "per"}


def in_source_phrase(token: Token) -> bool:
    """Whether the token is inside an "according to ..." phrase: who tells of an act is
    no party to it ("according to reports reaching here from Freetown")."""
    return any(a.lower_ in SOURCE_PREPS and a.dep_ == "prep"
               for a in [token, *token.ancestors])


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
