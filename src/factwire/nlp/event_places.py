"""Where an event happened: the place phrases English attaches to an event.

A place attaches to an event through a locative phrase ("clashed in Homs", "a bomb went
off near the market in Ramadi"), on the trigger, on its object, or on the clause that
governs a trigger without a subject of its own ("clashes erupted in Homs, killing five":
the killing is in Homs). A sub-country place that is the object of the act is where the
act happened ("shelled the town of Daraa"); a locative phrase on the actor's noun says
where the actor is ("rebel factions in Syria attacked"), when nothing nearer does.

Inside a phrase the place is its proper name: "the eastern Syrian city of Deir Ezzor" ->
Deir Ezzor, "the Findik region of Sirnak" -> Findik. A common noun typed as a place
("the village", "cities") counts only when no name is in the phrase. A place that
modifies a noun that is no place names whose it is, not where ("a U.S. patrol", "the
Turkish consulate", "Mexico's police chief", "the army of Syria"): never a location. A
possessor or adjective on a place noun ("Baghdad's neighborhood of Qahira", "the Syrian
city") and the reference point of a distance ("100 km west of Baghdad") are the area
around the place: taken only when the phrase names nothing closer. A dateline ("BAGHDAD
--") is never used: it says where the report was filed.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from factwire.geo.sources import read_data_lines
from factwire.nlp.event_lexicon import object_of
from factwire.nlp.event_phrases import PhraseReader, phrase_tokens, prep_objects, unique
from factwire.nlp.places import place_words

LOCATIVE_PREPS = ("in", "at", "near", "inside", "across", "outside", "around", "throughout",
                  "along", "within", "over", "through", "off")
# prepositions that place an act only when their object is itself a place ("on the Old
# Road", "on a central square of Berlin"), not "on news of Iraq's embargo"
_SURFACE_PREPS = ("on", "into")
# phrases that name the act an event is part of: "during a raid on a house in Gujrat"
_CIRCUMSTANCE_PREPS = ("during", "after", "amid", "following", "in", "on")
# words that make the "of" phrase after them a reference point: "100 km west of Baghdad"
_DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast",
               "southwest", "outside"}
# words for a part of the place after them: "captured half of Zaire"
_PARTS = {"half", "part", "parts", "third", "quarter", "much", "most", "swathes", "swaths",
          "chunk", "chunks", "areas", "rest", "portion", "portions"}
# clause links through which a subjectless trigger shares its governor's place
_GOVERNING_DEPS = ("xcomp", "advcl", "conj", "acl")
NAME, AREA, COMMON = 0, 1, 2  # how closely a place in a phrase names where


@lru_cache(maxsize=1)
def place_nouns() -> frozenset[str]:
    """Nouns that name a kind of place besides the gazetteer's level words ("the capital of
    X"): ``data/event_place_nouns.txt``."""
    return frozenset(read_data_lines("event_place_nouns.txt"))


def is_place_noun(token: Token, reader: PhraseReader) -> bool:
    """Whether the token names a kind of place ("town", "province") or is a place entity."""
    entity = reader.entity_at.get(token.i)
    return (token.lower_ in place_words() or token.lemma_.lower() in place_words()
            or token.lower_ in place_nouns()
            or bool(entity and reader.places([entity])))


def _entity_root(token: Token, entity_id: str, reader: PhraseReader) -> Token:
    """The token of the entity's mention whose head lies outside the mention."""
    while token.head.i != token.i and reader.entity_at.get(token.head.i) == entity_id:
        token = token.head
    return token


def _rank(root: Token, entity_id: str, reader: PhraseReader) -> int | None:
    """How closely the place whose mention ``root`` heads names where (None: it names
    whose, not where). A conjunct ranks as the first of its list ("the Rizeigat and
    Misseriya tribesmen")."""
    entity = reader.entities[entity_id]
    if entity.nominal:
        return COMMON
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    head = root.head
    if root.dep_ in ("amod", "compound", "nmod", "poss") or root.pos_ == "ADJ":
        if head.i == root.i or root.pos_ == "ADJ" or root.dep_ == "amod":
            return None  # "the Kenyan capital"
        if not is_place_noun(head, reader):
            # a town on a thing names where it is ("at her Jaffna home"), a country whose
            # ("a U.S. patrol", "Mexico's police chief")
            return AREA if reader.is_local(entity_id) and root.dep_ != "poss" else None
        if root.dep_ in ("compound", "nmod") and not _is_country(reader, entity_id):
            return NAME  # "the Findik region", "Aleppo province"
        return AREA  # "Baghdad's neighborhood of Qahira"
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.i != head.i:
        owner = head.head
        if owner.lower_ in _DIRECTIONS or root.doc[head.i - 1].lower_ in _DIRECTIONS:
            return AREA  # "100 km west of Baghdad"
        if not is_place_noun(owner, reader):
            return AREA  # "the headquarters of Abu Saida" (whose: "the army of Syria")
        if any(c.dep_ in ("compound", "nmod") and c.i in reader.entity_at
               and not _is_country(reader, reader.entity_at[c.i]) for c in owner.children):
            return AREA  # "the Kursk region of Russia" (not "the Chad capital of X")
    return NAME


def _is_country(reader: PhraseReader, entity_id: str) -> bool:
    entity = reader.entities.get(entity_id)
    return bool(entity and entity.geo and entity.geo.feature == "country")


def _place_position(root: Token, reader: PhraseReader) -> bool:
    """Whether a name stands where English puts a place's name: "the town of Adwar",
    "Damboa town", "Izmir, Turkey's third-largest city"."""
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.i != head.i:
        return is_place_noun(head.head, reader) and head.head.pos_ == "NOUN"
    if root.dep_ == "compound":
        return head.pos_ == "NOUN" and is_place_noun(head, reader)
    return any(c.dep_ == "appos" and c.pos_ == "NOUN" and is_place_noun(c, reader)
               for c in root.children)


def _is_place(reader: PhraseReader, entity_id: str, root: Token) -> bool:
    """A place entity, or a name (not a person's) in a place's position."""
    if reader.places([entity_id]):
        return True
    entity = reader.entities.get(entity_id)
    return bool(entity and not entity.nominal and entity.type not in ("PERSON", "NORP")
                and _place_position(root, reader))


def phrase_places(reader: PhraseReader, head: Token, limit: int = 60) -> list[tuple[int, str]]:
    """(rank, entity id) of each place a phrase names, in text order (nested clauses
    left out: "the village where Saddam was born")."""
    found: list[tuple[int, str]] = []
    seen: set[str] = set()
    for token in sorted(phrase_tokens(head, limit=limit), key=lambda t: t.i):
        entity_id = reader.entity_at.get(token.i)
        if entity_id is None or entity_id in seen or entity_id not in reader.entities:
            continue
        root = _entity_root(token, entity_id, reader)
        if not _is_place(reader, entity_id, root):
            continue
        if root.i < head.left_edge.i or root.i > head.right_edge.i:
            continue
        rank = _rank(root, entity_id, reader) if root.i != head.i else (
            COMMON if reader.entities[entity_id].nominal else NAME)
        if rank is not None:
            seen.add(entity_id)
            found.append((rank, entity_id))
    return found


def locative_places(reader: PhraseReader, holder: Token) -> list[tuple[int, str]]:
    """The places of a word's locative phrases, and of its "on"/"into" phrases whose
    object is a place."""
    found = [c for p in prep_objects(holder, LOCATIVE_PREPS) for c in phrase_places(reader, p)]
    found += [c for p in prep_objects(holder, _SURFACE_PREPS) if is_place_noun(p, reader)
              for c in phrase_places(reader, p)]
    return found


def nested_places(reader: PhraseReader, holder: Token | None) -> list[tuple[int, str]]:
    """The places of locative phrases anywhere in a noun phrase, outside its clauses:
    "captured thousands of suspected members in Afghanistan"."""
    if holder is None:
        return []
    preps = [t for t in phrase_tokens(holder) if t.dep_ == "prep" and t.lower_ in LOCATIVE_PREPS]
    return [c for prep in preps for p in prep.children if p.dep_ == "pobj"
            for c in phrase_places(reader, p)]


def clause_places(reader: PhraseReader, clause: Token) -> list[tuple[int, str]]:
    """The places a clause gives its act: its locative and circumstance phrases, those
    inside its object, and a town it acts on."""
    obj = object_of(clause) if clause.pos_ in ("VERB", "AUX") else None
    return (locative_places(reader, clause) + circumstance_places(reader, clause)
            + direction_places(reader, clause) + nested_places(reader, obj)
            + object_places(reader, obj) + partitive_places(reader, obj))


def circumstance_places(reader: PhraseReader, holder: Token) -> list[tuple[int, str]]:
    """The places of an act named in a phrase of circumstance: "captured during a raid on
    a house in Gujrat", "killed in a bomb attack on a mosque in Peshawar" (the common
    noun's own locative phrases, not the whole phrase: "after talks with Iran")."""
    acts = [p for p in prep_objects(holder, _CIRCUMSTANCE_PREPS) if p.pos_ == "NOUN"]
    inner = acts + [o for a in acts for o in prep_objects(a, ("on", "against", "at"))]
    return [c for a in inner for c in locative_places(reader, a)]


def partitive_places(reader: PhraseReader, obj: Token | None) -> list[tuple[int, str]]:
    """The place a part of which is acted on, a country too: "captured more than half of
    Zaire", "seized swathes of Syria"."""
    if obj is None or obj.lower_ not in _PARTS:
        return []
    return [c for p in prep_objects(obj, ("of",)) for c in phrase_places(reader, p)
            if c[0] != COMMON]


def direction_places(reader: PhraseReader, holder: Token) -> list[tuple[int, str]]:
    """The reference point of a direction on the act: "attacking units south and east
    of Jalalabad" (the area around it)."""
    return [(AREA, e) for c in holder.children if c.dep_ in ("advmod", "npadvmod")
            and c.lower_ in _DIRECTIONS for p in prep_objects(c, ("of",))
            for _, e in phrase_places(reader, p)]


def object_places(reader: PhraseReader, obj: Token | None) -> list[tuple[int, str]]:
    """A named sub-country place the act is done to: "shelled the town of Daraa",
    "stormed Damboa town" (a country object is a party: "attacked Iran"; "the village"
    names none; a facility is a thing acted on: "opened the Friendship Bridge")."""
    if obj is None or not is_place_noun(obj, reader):
        return []
    found = []
    for rank, e in phrase_places(reader, obj, limit=12):
        entity = reader.entities[e]
        if rank == COMMON or entity.type == "FAC" or _is_country(reader, e):
            continue
        # a name the gazetteer does not know counts where English says it is a place, or
        # as a natural feature ("stormed the Jazal Mountains")
        if entity.geo or entity.type == "LOC" or any(_place_position(t, reader) for t in obj.subtree
                             if reader.entity_at.get(t.i) == e):
            found.append((rank, e))
    return found


def governing_clauses(trigger: Token) -> list[Token]:
    """The clauses whose place a subjectless trigger shares: "clashes erupted in Homs,
    killing five" (killing -> erupted); a clause with its own subject stops the climb."""
    found: list[Token] = []
    token = trigger
    for _ in range(4):
        if token.dep_ not in _GOVERNING_DEPS or token.head.i == token.i:
            break
        if any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in token.children):
            break
        token = token.head
        found.append(token)
    return found


def subject_places(reader: PhraseReader, clause: Token) -> list[tuple[int, str]]:
    """Where the actor is, by a locative phrase on the subject noun or the passive agent:
    "rebel factions in Syria attacked", "was captured by the Northern Alliance in
    Afghanistan"."""
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")
                and c.pos_ in ("NOUN", "PROPN")] + prep_objects(clause, ("by",))
    return [c for s in subjects for c in locative_places(reader, s)]


def shared_clauses(trigger: Token) -> list[Token]:
    """Verbs coordinated after the trigger that share its subject ("shot and killed two
    men in a cottage": the place closes both) and its subjectless adverbial clauses ("was
    shot while driving through the suburb of Dobrinja")."""
    return [c for c in trigger.children if c.dep_ in ("conj", "advcl") and c.pos_ == "VERB"
            and not any(g.dep_ in ("nsubj", "nsubjpass", "csubj") for g in c.children)]


def best(reader: PhraseReader, candidates: list[tuple[int, str]]) -> list[str]:
    """The places of the closest rank found, in order; common nouns only with a country."""
    if not candidates:
        return []
    top = min(rank for rank, _ in candidates)
    if top == COMMON:  # "in the village": no place to map; "in a Gaza village": Gaza's
        return unique(e for _, e in candidates if reader.country(e))
    return unique(e for rank, e in candidates if rank == top)
