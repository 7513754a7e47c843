"""Who a source is: its entity across the article, whether it is anonymous, its medium.

- A named source is the entity at its head noun (``doc._.entity_at``), else at any token of
  its noun phrase.
- "he"/"she" point back to the last named (not nominal) PERSON entity mentioned before them.
- A definite nominal ("the spokesman", "the ministry") points back to the last entity before
  it whose name or role holds the noun ("Defense Ministry", role "spokesman").
- Anonymous: a source headed by a noun of ``data/quotes_anonymous.txt`` ("sources",
  "officials", "reports") with no name in it, or a sentence saying the source spoke on
  condition of anonymity (``data/quotes_anonymity.txt``).
- The medium: "in an interview with X", "in a statement to X", "said on X", "told X",
  where X is an organization entity.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from factwire.nlp.attribution import Attribution, noun_phrase, word_list
from factwire.nlp.doc import doc_list, doc_map, doc_text, entity_by_id

PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
_DEFINITE = {"the", "this", "that"}
_MEDIUM_PREPS = {"with", "to", "on", "in"}
_PLACE_TYPES = {"PERSON", "GPE", "LOC", "FAC"}


def resolve_speaker(doc: Doc, head: Token | None) -> str | None:
    """The entity id a source token stands for, or None."""
    if head is None:
        return None
    entity_at = doc_map(doc, "entity_at")
    if head.i in entity_at:
        return entity_at[head.i]
    if head.lower_ in PERSON_PRONOUNS:
        return _last_entity_before(doc, head.idx,
                                   lambda e: e.type == "PERSON" and not e.nominal)
    phrase = noun_phrase(head) if head.pos_ != "PRON" else head.doc[head.i:head.i + 1]
    for token in reversed(phrase):
        if token.i in entity_at:
            return entity_at[token.i]
    if any(t.lower_ in _DEFINITE and t.dep_ == "det" for t in head.children):
        noun = head.lower_
        return _last_entity_before(doc, head.idx, lambda e: _names_or_plays(e, noun))
    return None


def _names_or_plays(entity, noun: str) -> bool:
    words = entity.name.lower().split() + (entity.role or "").lower().split()
    return noun in words or noun.rstrip("s") in words


def _last_entity_before(doc: Doc, char: int, accept) -> str | None:
    best, best_end = None, -1
    for entity in doc_list(doc, "entities"):
        if not accept(entity):
            continue
        for mention in entity.mentions:
            if best_end < mention.end <= char:
                best, best_end = entity.id, mention.end
    return best


def speaker_text(attribution: Attribution) -> str | None:
    """The words naming the speaker: the source phrase, or the antecedent of "who"."""
    head = attribution.speaker_head
    source = attribution.source
    if source is not None and head is not None and head.i not in range(source.start, source.end):
        return noun_phrase(head).text
    return source.text if source is not None else None


def is_anonymous(attribution: Attribution) -> bool:
    """True for "sources said", "reports suggest", "an official who spoke on condition ...",
    and a claim credited to no one ("turnout is expected to rise")."""
    if attribution.source is None and attribution.cue is not None:
        return True
    sentence = ""
    if attribution.sentence is not None:  # sliced from the text: Span.text joins its tokens
        span = attribution.sentence
        sentence = doc_text(span.doc)[span.start_char:span.end_char].lower()
    if any(phrase in sentence for phrase in word_list("quotes_anonymity.txt")):
        return True
    head = attribution.speaker_head
    if head is None or head.pos_ == "PRON":
        return False
    phrase = noun_phrase(head)
    named = any(t.pos_ == "PROPN" or _named_entity_at(t) for t in phrase)
    return not named and head.lemma_.lower() in word_list("quotes_anonymous.txt")


def _named_entity_at(token: Token) -> bool:
    """True when the token belongs to an entity with a name ("TASS", not "officials")."""
    entity_id = doc_map(token.doc, "entity_at").get(token.i)
    entity = entity_by_id(token.doc, entity_id) if entity_id else None
    return entity is not None and not entity.nominal


def find_medium(doc: Doc, attribution: Attribution) -> str | None:
    """The entity id of the outlet the words were given to, or None."""
    if attribution.cue is None or attribution.kind == "according_to":
        return None
    verb = attribution.cue.root
    inside: set[int] | None = None  # the content's tokens, found once a slot needs them
    for token in verb.subtree:
        if not _is_medium_slot(token, verb):
            continue
        if inside is None:
            inside = {i for s, e in attribution.content for i in _token_indices(doc, s, e)}
        if token.i not in inside:
            entity_id = _organization_at(doc, token)
            if entity_id is not None:
                return entity_id
    return None


def _is_medium_slot(token: Token, verb: Token) -> bool:
    if token.dep_ in {"dobj", "dative"} and token.head == verb and verb.lemma_ == "tell":
        return True
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ not in _MEDIUM_PREPS:
        return False
    if prep.head.lemma_.lower() in word_list("quotes_media.txt"):
        return True
    return prep.head == verb and prep.lower_ in {"on", "to"}


def _organization_at(doc: Doc, token: Token) -> str | None:
    entity_at = doc_map(doc, "entity_at")
    for candidate in reversed(noun_phrase(token)):
        entity_id = entity_at.get(candidate.i)
        if entity_id is None:
            continue
        entity = entity_by_id(doc, entity_id)
        if entity is not None and entity.type not in _PLACE_TYPES:
            return entity_id
    return None


def _token_indices(doc: Doc, start: int, end: int) -> range:
    span: Span | None = doc.char_span(start, end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)
