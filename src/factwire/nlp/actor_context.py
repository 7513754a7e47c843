"""Countries of actors from their context, when their own words name none.

Runs after ``factwire.nlp.actors.nominal_actors``; each rule only fills a missing country
(``actors.needs_country``) and leaves every country the text states alone:

- ``locate_by_action``: civilians and police are of the place where they are, act or are
  acted on: "Prisoners rioted at a jail in East Timor's capital Dili" -> TLS; "people
  blocked streets in Hong Kong" -> HKG; "students at a university in Sivas" -> TUR. Soldiers, officials and others may act abroad, so only
  civilian (CVL) and police (COP) actors take the place of their act.
- ``document_fallback``: an actor in a sentence that names no country takes the article's
  country when one country is nearly all the article names ("LAGOS, Nigeria -- ... Police
  said ..."): at least two mentions and three quarters of all the country-bearing place
  mentions. An article about several countries gives nothing.
- ``parenthesized_names``: "the peacekeeping force in Lebanon (UNIFIL)" -> LBN: a name in
  parentheses after a mention names it or a body sited there.
- ``titles_before_names``: "Qatar's emir, Sheikh Hamad ..." -> QAT: a titled description
  set off before a name is that person's.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Token

from factwire.nlp.actors import (
    PLACE_KINDS,
    Mention,
    give_country,
    mention_at,
    needs_country,
    stance_place,
)

_PLACE_TYPES = frozenset({"GPE", "LOC"})
LOCAL_SECTORS = frozenset({"CVL", "COP"})
_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout",
                       "around", "on"})
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
_PLACE_PARTS = frozenset({"appos", "compound", "poss", "nmod"})
DOMINANT_SHARE = 0.75
DOMINANT_MINIMUM = 2


def _places(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Places with a country: gazetteer places and places NER found ("Soroti")."""
    return [m for m in mentions if m.country and not m.nominal and not stance_place(doc, m)
            and (m.kind in PLACE_KINDS or m.kind == "ner" and m.type in _PLACE_TYPES)]


def locate_by_action(doc: Doc, mentions: list[Mention]) -> None:
    """Civilians and police without a country take the country of the place of their act."""
    by_token = mention_at(_places(doc, mentions))
    for m in mentions:
        if not (m.nominal and m.sector in LOCAL_SECTORS and m.type != "LOC"
                and needs_country(m)):
            continue
        noun = doc[m.start:m.end].root
        verb = _verb_of(noun)
        holders = [noun] + (_holders(verb) if verb is not None else [])
        countries = {c for holder in holders for c in _locative_countries(holder, by_token)}
        if len(countries) == 1:
            give_country(m, countries.pop())


def _verb_of(noun: Token) -> Token | None:
    """The verb a noun is the subject, object or passive agent of, through partitives
    ("Hundreds of thousands of people blocked")."""
    for _ in range(4):
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head is not noun:
            noun = noun.head.head
        else:
            break
    if noun.dep_ in _ARGUMENT_DEPS and noun.head.pos_ in ("VERB", "AUX"):
        return noun.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "agent":  # "staged by students"
        return noun.head.head
    return None


def _holders(verb: Token) -> list[Token]:
    """The verb, its direct object ("blocked streets in Hong Kong") and a clause that
    says when it happened ("killed 23 people when they blew themselves up in Tel Aviv")."""
    return [verb] + [c for c in verb.children if c.dep_ == "dobj" or c.dep_ == "advcl"
                     and any(m.dep_ == "advmod" and m.lower_ == "when" for m in c.children)]


def _locative_countries(holder: Token, by_token: dict) -> list[str]:
    """Countries of the places in the locative phrases of a word, however deep the place
    sits in them ("at a jail in East Timor's capital Dili"), but only places that are the
    object of a locative preposition (not "the embassy of Israel" in "at the embassy of
    Israel in London")."""
    found = []
    for prep in holder.children:
        if prep.dep_ != "prep" or prep.lower_ not in _LOCATIVE:
            continue
        for token in prep.subtree:
            if token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE:
                found += [by_token[t.i].country for t in (token, *token.children)
                          if t.i in by_token and (t is token or t.dep_ in _PLACE_PARTS)]
    return found


def share_person_facts(mentions: list[Mention]) -> None:
    """Every mention of a person carries the country and sector one of them states
    ("Iraqi Foreign Minister Hoshyar Zebari ... Zebari's ministry" -> IRQ), so rules that
    read a mention ("Zebari's ministry") see them."""
    facts: dict[str, tuple[str | None, str | None]] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        if m.type == "PERSON" and not m.nominal:
            country, sector = facts.get(m.key, (None, None))
            facts[m.key] = (country or m.country, sector or m.sector)
    for m in mentions:
        if m.type == "PERSON" and not m.nominal and m.key in facts:
            country, sector = facts[m.key]
            m.country, m.sector = m.country or country, m.sector or sector


def definite_descriptions(doc: Doc, mentions: list[Mention]) -> None:
    """ "the minister", "the envoy": a singular title with "the" and no country of its own
    is the person last named with that title ("Iraqi Foreign Minister Hoshyar Zebari ...
    The minister said"): the mention becomes one of that person."""
    roles = _person_roles(mentions)
    for m in mentions:
        if not (m.nominal and m.type == "PERSON" and m.end - m.start <= 3):
            continue
        root = doc[m.start:m.end].root
        if root.tag_ != "NN" or not any(c.lower_ == "the" and c.dep_ == "det"
                                         for c in root.children):
            continue
        person = _last_with_role(roles, m.key.split(":", 3)[-1], m)
        if person is not None:
            m.key, m.name, m.kind, m.nominal = person.key, person.name, "anaphor", False
            m.country, m.sector, m.role = person.country, person.sector, person.role


def _person_roles(mentions: list[Mention]) -> dict[str, tuple[Mention, list[int]]]:
    """Each named person with a role: key -> (the mention with the role, every start)."""
    people: dict[str, tuple[Mention, list[int]]] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        if m.type == "PERSON" and not m.nominal:
            titled, starts = people.get(m.key, (None, []))
            if titled is None or titled.role is None or titled.country is None:
                titled = m if m.role else titled
            people[m.key] = (titled, starts + [m.start])
    return {key: value for key, value in people.items() if value[0] is not None}


def _last_with_role(roles: dict, word: str, m: Mention) -> Mention | None:
    """The person named last before ``m`` whose role ends with the title ``word`` ("the
    minister" is a "Foreign Minister", "the prime minister" is not), of the same country
    when ``m`` names one."""
    best, best_start = None, -1
    for titled, starts in roles.values():
        before = [s for s in starts if s < m.start]
        role = " ".join(titled.role.lower().split())
        if not before or not (role == word or role.endswith(" " + word)):
            continue
        if m.country and titled.country and m.country != titled.country:
            continue
        if before[-1] > best_start:
            best, best_start = titled, before[-1]
    return best


def document_fallback(doc: Doc, mentions: list[Mention]) -> None:
    """Actors still without a country, in sentences that name none, take the article's
    dominant country (None when it has none)."""
    places = _places(doc, mentions)
    country = dominant_country(places)
    if country is None:
        return
    starts = [p.start for p in places]
    for m in mentions:
        if not needs_country(m):
            continue
        sentence = doc[m.start].sent
        if not any(sentence.start <= start < sentence.end for start in starts):
            give_country(m, country)


def dominant_country(places: list[Mention]) -> str | None:
    """The country of nearly all the article's place mentions, if there is one."""
    counts = Counter(p.country for p in places)
    if not counts:
        return None
    country, count = counts.most_common(1)[0]
    if count >= DOMINANT_MINIMUM and count >= DOMINANT_SHARE * sum(counts.values()):
        return country
    return None


def parenthesized_names(doc: Doc, mentions: list[Mention]) -> None:
    """A name in parentheses right after another mention names the same body or one sited
    there, so it takes that mention's country (and sector) when it states none: "the
    peacekeeping force in Lebanon (UNIFIL)" -> LBN; "Esfahan Uranium Conversion
    Facilities (UCF) in central Iran" -> the facility's country."""
    before = {m.end: m for m in mentions}
    for m in mentions:
        if m.country or m.nominal or m.sector in ("IGO", "NGO") or m.start < 2:
            continue
        if m.end >= len(doc) or doc[m.start - 1].text != "(" or doc[m.end].text != ")":
            continue
        named = before.get(m.start - 1)
        if named is None or not named.country:
            continue
        m.country = named.country
        if named.kind not in PLACE_KINDS and named.type not in _PLACE_TYPES:
            m.sector = m.sector or named.sector


def titles_before_names(doc: Doc, mentions: list[Mention]) -> None:
    """A titled description set off before a name describes that person ("Quatar's emir,
    Sheikh Hamad bin Khalifa al-Thani launched ..." -> QAT, GOV): the name takes the
    description's country and sector when it states none."""
    ending = {m.end: m for m in mentions
              if m.type == "PERSON" and m.country and (m.role or m.nominal)}
    for m in mentions:
        if m.type != "PERSON" or m.country or m.nominal or m.role:
            continue
        start = m.start
        while start > 0 and m.start - start < 2 and doc[start - 1].dep_ == "compound" \
                and doc[start - 1].is_title:  # an honorific: "Sheikh", "Sir"
            start -= 1
        if start < 2 or doc[start - 1].text != ",":
            continue
        title = ending.get(start - 1)
        if title is not None:
            m.country, m.sector = title.country, m.sector or title.sector
