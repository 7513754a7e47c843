"""Appositions: a person's name and a description of the same person side by side.

News names an official once with a description in apposition, before or after the name,
and then by surname alone ("Zebari said"): the description gives the person's role,
country and sector, and every later mention shares them (they are one entity).

- before the name: "The Iraqi foreign minister, Hoshyar Zebari, said ..." (the description's
  words become a mention of the person, so "minister" as a subject is Zebari);
- after the name: "Hoshyar Zebari, the Iraqi foreign minister," and "Zebari, foreign minister
  of Iraq," (a title's "of <country>" names the country too);
- a capitalized office whose modifiers name an international organization or a country:
  "Kenzo Oshima, the United Nations Emergency Relief Coordinator," -> IGO;
- a membership noun whose "of" object names the body: "A member of the Syrian parliament,
  Mohammed Mamoun," -> SYR, LEG.

A description with no country or organization in it ("Jane Doe, a veteran analyst,") says
nothing about the country, and a name next to another name ("Bush, Putin and Xi") is a list,
not an apposition.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from factwire.nlp.actors import (
    COUNTRY_KINDS,
    PLACE_KINDS,
    Mention,
    Prefix,
    is_against_or_backed,
    mention_at,
    mentions_ending_at,
    read_prefix,
)
from factwire.nlp.gazetteer import Gazetteer

# nouns that name a seat in a body: the body ("of the Syrian parliament") is the country's
MEMBERSHIP_NOUNS = frozenset({"member", "head", "chief", "chairman", "chairwoman", "chair",
                              "leader", "representative", "delegate", "deputy", "speaker",
                              "spokesman", "spokeswoman", "spokesperson", "president",
                              "secretary", "director", "commander", "envoy", "ambassador",
                              "minister", "official", "governor", "mayor"})
# "minister of Iraq", "a student from Cameroon"; "for" and "at" lead to a body, but with a
# bare place they name a posting ("envoy for Syria"); "to" always does ("ambassador to Iraq")
_BODY_PREPOSITIONS = frozenset({"of", "from", "for", "at"})
_POSTING_PREPOSITIONS = frozenset({"for", "at"})
# sectors of the bodies a seat in which says the holder's country or organization
_BODY_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "POL", "REB", "IGO"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod"})


def read_appositions(doc: Doc, mentions: list[Mention], titles: dict[int, tuple],
                     gaz: Gazetteer) -> list[Mention]:
    """Give role, country and sector to people described in apposition; returns the new
    mentions a description before a name adds ("The Iraqi foreign minister")."""
    ends = mentions_ending_at(mentions)
    by_token = mention_at(mentions)
    title_end = {i: end for end, (start, _) in titles.items() for i in range(start, end + 1)}
    added = []
    for m in mentions:
        if m.type != "PERSON" or m.nominal or m.kind in ("apposition", "description"):
            continue
        if m.role is not None and m.country is not None:
            continue
        for noun in _described_by(doc, m, by_token):
            found = _description(doc, noun, titles, title_end, ends, by_token, gaz)
            if found.role is None and found.country is None and found.sector is None:
                continue
            m.role = m.role or found.role
            m.sector = found.sector or m.sector
            m.country = found.country or m.country
            if found.first is not None and noun.i < m.start:
                added.append(Mention(found.first, noun.i + 1, m.key, m.name, "PERSON",
                                     "apposition", m.country, m.sector, m.role))
            break
    return added


def _described_by(doc: Doc, m: Mention, by_token: dict) -> list[Token]:
    """The nouns in apposition with the name: its ``appos`` children after it, and the noun
    it is an apposition of before it, when a comma separates them."""
    root = doc[m.start:m.end].root
    found = [c for c in root.children if c.dep_ == "appos" and c.i >= m.end]
    head = root.head
    if root.dep_ == "appos" and head.i < m.start and doc[m.start - 1].text == ",":
        found.append(head)
    return [n for n in found if not (n.i in by_token and by_token[n.i].type == "PERSON")]


def _description(doc: Doc, noun: Token, titles: dict[int, tuple], title_end: dict[int, int],
                 ends: dict[int, Mention], by_token: dict, gaz: Gazetteer) -> Prefix:
    """What a describing noun phrase says: a title with its country ("Iraq's foreign
    minister", "foreign minister of Iraq"), an office named with its organization or
    country, or a membership noun with its body."""
    if noun.i in title_end:
        found = read_prefix(doc, title_end[noun.i], titles, ends)
        found.first = _phrase_start(noun) if found.first is not None else None
        if found.country is None and found.sector != "IGO":
            country, sector = _body(doc[title_end[noun.i]], by_token, gaz)
            found.country = country
            found.sector = "IGO" if sector == "IGO" else found.sector or sector
        return found
    found = Prefix()
    if noun.is_title or noun.lemma_.lower() in gaz.nominals:
        found.country, found.sector = _named_modifier(noun, by_token)
        if found.country or found.sector:
            found.first = _phrase_start(noun)
            found.role = _office(doc, noun, by_token) if noun.is_title else None
            return found
    if noun.lemma_.lower() in MEMBERSHIP_NOUNS or noun.lemma_.lower() in gaz.nominals:
        found.country, found.sector = _body(noun, by_token, gaz)  # "a resident of Gaza"
        found.first = noun.i
    return found


def _phrase_start(noun: Token) -> int:
    """The first word of a noun's phrase, without its determiner: "U.N." in "A U.N.
    spokeswoman"."""
    return min(t.i for t in noun.subtree if t.i <= noun.i and t.dep_ not in ("det", "punct"))


def _named_modifier(noun: Token, by_token: dict) -> tuple[str | None, str | None]:
    """The country or international organization among a noun's modifiers: "the United
    Nations Emergency Relief Coordinator" -> IGO, "Iraq's envoy" -> IRQ."""
    for child in noun.children:
        if child.dep_ not in _MODIFIER_DEPS or child.i >= noun.i:
            continue
        for token in child.subtree:
            m = by_token.get(token.i)
            if m is None or m.type == "PERSON" or _is_against(token):
                continue
            if m.kind in COUNTRY_KINDS and m.country:
                return m.country, None
            if m.sector == "IGO" and m.country is None:
                return None, "IGO"
    return None, None


def _body(noun: Token, by_token: dict, gaz: Gazetteer) -> tuple[str | None, str | None]:
    """The country and sector of the body a seat belongs to: "member of the Syrian
    parliament" -> (SYR, LEG), "minister of Iraq" -> (IRQ, None). A body is a country or
    town, an organization of the gazetteer, or a state or political body ("the Syrian
    parliament"); a hospital, a school or a firm named after a country is not ("director
    of the city's Saudi Hospital")."""
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in _BODY_PREPOSITIONS:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            m = by_token.get(obj.i)
            if m is not None and m.type != "PERSON":
                place = m.kind in PLACE_KINDS or m.kind == "ner" and m.type in ("GPE", "LOC")
                if place and prep.lower_ not in _POSTING_PREPOSITIONS:
                    return m.country, None
                if m.kind in ("org", "outlet") or m.sector in _BODY_SECTORS:
                    return m.country, m.sector
                continue
            body = gaz.nominals.get(obj.lemma_.lower(), (None, None))[0]
            country, sector = _named_modifier(obj, by_token)
            if (country or sector) and body in _BODY_SECTORS:
                return country, sector or body
    return None, None


def _office(doc: Doc, noun: Token, by_token: dict) -> str:
    """The words of a capitalized office outside the names in it: "Emergency Relief
    Coordinator" in "the United Nations Emergency Relief Coordinator"."""
    words = [t for t in noun.subtree if t.i <= noun.i and t.i not in by_token
             and t.dep_ != "det" and not t.is_punct]
    return " ".join(t.text for t in words)


def _is_against(token: Token) -> bool:
    """A place in "anti-Syria" or "Syrian-backed" says whom an actor opposes or who backs
    it, not the actor's country."""
    return is_against_or_backed(token.doc, token.i)
