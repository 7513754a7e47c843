"""Actor rules of the entities component: who a person is, and actors named by a noun.

The functions here work on ``Mention`` candidates (token spans with a canonical ``key``)
that ``factwire.nlp.entities`` found with the gazetteer and spaCy's NER:

- ``link_people``: a bare surname is the person named in full elsewhere in the article
  ("Putin" -> "President Vladimir Putin"; a family name written first too: "Qin" -> "Qin
  Gang", when one person of the article has that first name), or else a leader of that name
  in the leaders table, preferring the one in office on the publication date.
- ``attach_titles``: the words before a name give its role and country: "Senior Russian
  negotiator Kirill Dmitriev" -> role "Senior negotiator", RUS; "Trump administration official
  Steve Witkoff" -> role "official" and the country of Trump. An apposition does the same
  ("Sergei Lavrov, Russia's foreign minister").
- ``leader_descriptions``: "the Russian president" is whoever held that office on the
  publication date (leaders table).
- ``nominal_actors``: "Russian officials", "South Korean intelligence", "protesters", "police":
  actors without a name, with the country of their modifier, possessor ("Russia's military")
  or place ("rebels in the Ivory Coast") and the sector of their noun (``sectors.tsv``, else
  ``titles.tsv``). A plural demonym is a people ("Palestinians": PSE, CVL); an ethnic group
  belongs where it lives ("ethnic Albanians in Serbia": SRB). Coordinated demonyms give one
  actor per country ("Hungarian and Romanian officials"), each mentioned by its demonym.
- ``place_fallback``: a titled person, a nominal actor or a named state body ("the Foreign
  Ministry") with no country of its own takes the country of its sentence when the sentence
  names exactly one (places named as whom an actor opposes or who backs it, "anti-Syria",
  "Syrian-backed", do not count).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from factwire.nlp.gazetteer import Gazetteer

# words that qualify a title without changing who holds it ("Senior negotiator")
MODIFIERS = frozenset("""senior deputy vice acting former top chief then interim new outgoing
incoming late special ousted exiled veteran powerful longtime long-time assistant associate
""".split())
# abbreviations the tokenizer may split from their period ("Lt" ".")
ABBREVIATED_TITLES = frozenset({"lt", "gen", "maj", "brig", "col", "capt", "sgt", "adm",
                                "cpl", "pvt", "sen", "rep", "gov", "dr", "prof"})
PLACE_KINDS = frozenset({"country", "demonym", "city", "region"})
COUNTRY_KINDS = frozenset({"country", "demonym", "city"})
# singular nouns that name a group without a determiner ("police said", "intelligence says")
COLLECTIVE_TYPES = frozenset({"ORG"})
_GENERIC_ORG_NOUNS = frozenset({"movement", "group", "organization", "organisation",
                                "militia", "party", "faction", "network", "agency"})
_PLACE_PREPOSITIONS = frozenset({"of", "in", "from", "throughout", "across", "near"})
_SKIP_CHUNK_ENTS = frozenset({"ORDINAL", "CARDINAL", "DATE", "TIME", "QUANTITY", "PERCENT",
                              "MONEY"})
# sectors of the bodies of a state: a named one without a country is its context's
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})
_ABROAD = frozenset({"foreign", "western", "international", "overseas", "multinational",
                     "expatriate", "outside"})
_FOREIGN_OFFICES = frozenset({"minister", "ministry", "ministers", "secretary", "office",
                              "affairs", "service", "policy"})
_AGAINST = frozenset({"anti", "pro", "non"})
_BACKED = frozenset({"backed", "sponsored", "supported", "funded", "allied", "armed",
                     "trained", "aligned", "installed", "controlled"})


@dataclass
class Mention:
    """A candidate mention: tokens ``[start, end)`` of the entity ``key``."""

    start: int
    end: int
    key: str
    name: str
    type: str
    kind: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    nominal: bool = False
    affiliated: bool = False  # a nominal actor of a named organization ("Red Cross officials")


def mentions_ending_at(mentions: list[Mention]) -> dict[int, Mention]:
    """Token index of the last token -> the mention ending there."""
    return {m.end - 1: m for m in mentions}


def mention_at(mentions: list[Mention]) -> dict[int, Mention]:
    """Token index -> the (named) mention covering it."""
    return {i: m for m in mentions for i in range(m.start, m.end)}


def link_people(doc: Doc, mentions: list[Mention], gaz: Gazetteer,
                day: dt.date | None) -> None:
    """Give every PERSON mention its canonical key, name, country and sector."""
    full, given = {}, {}
    for m in mentions:
        if m.type == "PERSON" and m.end - m.start > 1:
            full.setdefault(doc[m.end - 1].text, m)
            given.setdefault(doc[m.start].text, []).append(m.key)
    for first, keys in given.items():  # "Qin Gang ... Qin said": a family name first
        if len(set(keys)) == 1 and first not in full:
            full[first] = next(m for m in mentions if m.key == keys[0])
    for m in mentions:
        if m.type != "PERSON" and not (m.kind == "ner" and doc[m.start:m.end].text in full):
            continue
        if m.kind == "ner":
            _link_person(doc, m, full, gaz, day)
        if m.kind == "leader":
            _apply_leader(m, gaz, day)


def _link_person(doc: Doc, m: Mention, full: dict, gaz: Gazetteer, day) -> None:
    text = doc[m.start:m.end].text
    single = m.end - m.start == 1
    other = full.get(text) if single else None
    surname_of = gaz.leader_by_surname(text, day) if single and other is None else None
    m.type = "PERSON"
    if other is not None:
        m.key, m.name, m.kind = other.key, other.name, other.kind
    elif surname_of is not None:
        m.key, m.name, m.kind = f"PERSON:{surname_of}", surname_of, "leader"
    else:
        m.name = " ".join(text.split())
        m.key = f"PERSON:{m.name}"


def _apply_leader(m: Mention, gaz: Gazetteer, day) -> None:
    term = gaz.leader_term(m.name, day)
    if term is None:
        return
    m.country = m.country or term.country
    m.sector = m.sector or term.sector
    if term.covers(day) and m.role is None:
        m.role = term.role


def title_ends(doc: Doc, title_spans: list[Span], gaz: Gazetteer) -> dict[int, tuple]:
    """Token index of a title's last token -> (its first token, its ``Title``)."""
    return {span.end - 1: (span.start, gaz.titles[span.text.lower()]) for span in title_spans}


@dataclass
class Prefix:
    """What the words before a name say: role, sector, country, and where they start."""

    role: str | None = None
    sector: str | None = None
    country: str | None = None
    first: int | None = None


def attach_titles(doc: Doc, mentions: list[Mention], titles: dict[int, tuple]) -> None:
    """Role, country and sector of each person from the title words before its name (the
    mention then starts at the title: "President Vladimir Putin"), from an apposition, or
    from "of <country>" after it ("King Hassan of Morocco")."""
    ends = mentions_ending_at(mentions)
    starts = {m.start: m for m in mentions if m.kind in COUNTRY_KINDS}
    for m in mentions:
        if m.type != "PERSON" or m.nominal:
            continue
        prefix = read_prefix(doc, m.start - 1, titles, ends)
        if prefix.role is None and prefix.country is None:
            prefix = _read_apposition(doc, m, titles, ends)
        elif prefix.first is not None:
            m.start = prefix.first
        m.role = prefix.role or m.role
        m.sector = prefix.sector or m.sector
        m.country = prefix.country or m.country or _country_after(doc, m, starts)


def _country_after(doc: Doc, m: Mention, starts: dict[int, Mention]) -> str | None:
    if m.end + 1 < len(doc) and doc[m.end].lower_ == "of" and m.end + 1 in starts:
        return starts[m.end + 1].country
    return None


def read_prefix(doc: Doc, i: int, titles: dict[int, tuple],
                 ends: dict[int, Mention]) -> Prefix:
    """Walk left from token ``i`` over titles, modifiers and countries."""
    words: list[Token] = []
    found = Prefix()
    while i >= 0:
        token = doc[i]
        if i in titles:
            start, title = titles[i]
            words = list(doc[start:i + 1]) + words
            found.sector = found.sector or title.sector
            found.first = i = start - 1
        elif words and _is_title_word(token, words[0], ends):
            words.insert(0, token)
            found.first = i = i - 1
        elif token.text in ("'s", "’s") and i - 1 in ends and words:
            i -= 1
        elif i in ends and ends[i].kind in COUNTRY_KINDS | {"leader", "org"} and words:
            found.country = found.country or ends[i].country
            if ends[i].sector == "IGO":  # "U.N. Secretary-General Kofi Annan"
                found.sector = "IGO"
            if ends[i].kind in COUNTRY_KINDS:
                found.first = ends[i].start - 1
            i = ends[i].start - 1
        elif token.lower_ in ("administration", "government") and i - 1 in ends and words:
            found.country = found.country or ends[i - 1].country
            break
        else:
            break
    role = " ".join("".join(t.text_with_ws for t in words).split())  # "Lt. Gen."
    found.role = role or None
    found.first = found.first + 1 if found.first is not None else None
    return found


def stance_place(doc: Doc, m: Mention) -> bool:
    """A place named as whom an actor opposes or who backs it ("anti-Syria journalist",
    "Syrian-backed militia"), or a people's name for its culture ("the Russian
    language"): not the actor's country."""
    return (is_against_or_backed(doc, m.start) or is_against_or_backed(doc, m.end - 1)
            or names_culture(doc[m.end - 1]))


@lru_cache(maxsize=1)
def culture_nouns() -> frozenset[str]:
    """Nouns whose people-name modifier names a language or culture, not a party
    (data/plover_culture_nouns.txt)."""
    text = resources.files("factwire.data").joinpath("plover_culture_nouns.txt").read_text(
        "utf-8")
    lines = (line.strip() for line in text.splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


def names_culture(token: Token) -> bool:
    """"Russian" in "the Russian language": a modifier of a culture noun."""
    return (token.dep_ in ("amod", "compound") and token.head.i != token.i
            and token.head.lemma_.lower() in culture_nouns())


def is_against_or_backed(doc: Doc, i: int) -> bool:
    """Whether the word at ``i`` sits in "anti-X"/"pro-X" or "X-backed"/"X-funded": the
    place names whom an actor opposes or who backs it, not the actor's country."""
    before = doc[i - 2].lower_ if i >= 2 and doc[i - 1].text == "-" else ""
    after = doc[i + 2].lower_ if i + 2 < len(doc) and doc[i + 1].text == "-" else ""
    return before in _AGAINST or after in _BACKED


def _is_title_word(token: Token, next_word: Token, ends: dict[int, Mention]) -> bool:
    """A word that belongs to a title before a name: a modifier ("Senior", "visiting",
    "religious") or a capitalized part of a longer title ("Labour Minister")."""
    if token.lower_ in MODIFIERS or token.i in ends or token.ent_type_ in _SKIP_CHUNK_ENTS:
        return token.lower_ in MODIFIERS
    if token.is_lower and token.dep_ == "amod":
        return True
    if token.is_title and token.pos_ in ("PROPN", "NOUN", "ADJ") and next_word.is_title:
        return not token.is_sent_start or token.pos_ == "PROPN"
    if token.text == "." and token.i > 0:  # "Lt. Gen." tokenized "Lt" "." "Gen."
        return token.nbor(-1).lower_ in ABBREVIATED_TITLES
    return token.lower_ in ("and", "of", "&") and next_word.is_title


def place_fallback(doc: Doc, mentions: list[Mention]) -> None:
    """A titled person, a nominal actor or a state body ("the Foreign Ministry") with no
    country of its own takes the country of its sentence when the sentence names only one
    ("Ugandan opposition ... President Yoweri Museveni" -> UGA; "Officials ... Russia's
    military" -> RUS): news names the country of an office or a group next to it. Leaders
    and international actors keep theirs."""
    places = [m for m in mentions if m.kind in PLACE_KINDS and m.country
              and not stance_place(doc, m)]
    for m in mentions:
        if not needs_country(m):
            continue
        sentence = doc[m.start].sent
        near = {p.country for p in places if sentence.start <= p.start < sentence.end}
        if len(near) == 1:
            give_country(m, near.pop())


def needs_country(m: Mention) -> bool:
    """An actor whose country its context may give: a titled person, a nominal actor or a
    named state body (ministry, army, court, parliament) without a country, not a leader
    and not acting for an international or non-governmental organization."""
    if m.country or m.kind in ("leader", "bloc") or m.sector in ("IGO", "NGO") or m.affiliated:
        return False
    return m.nominal or m.type == "PERSON" and bool(m.role) or (
        m.type == "ORG" and m.kind == "ner" and m.sector in STATE_SECTORS)


def give_country(m: Mention, country: str) -> None:
    """Set a mention's country; a nominal actor's key names its country, so "officials" of
    two countries stay two actors."""
    m.country = country
    if m.nominal:
        _, _, sector, lemma = m.key.split(":", 3)
        m.key = f"NOMINAL:{country}:{sector}:{lemma}"


def _read_apposition(doc: Doc, m: Mention, titles: dict[int, tuple],
                     ends: dict[int, Mention]) -> Prefix:
    """"Sergei Lavrov, Russia's foreign minister," -> the title and country after the name."""
    root = doc[m.start:m.end].root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= m.end and child.i in titles:
            found = read_prefix(doc, child.i, titles, ends)
            if found.role is not None:
                found.first = None
                return found
    return Prefix()


def leader_descriptions(doc: Doc, mentions: list[Mention], titles: dict[int, tuple],
                        gaz: Gazetteer, day: dt.date | None) -> list[Mention]:
    """ "the Russian president", "Russia's foreign minister": the leader in office on ``day``."""
    ends = mentions_ending_at(mentions)
    starts = {m.start for m in mentions if m.type == "PERSON"}
    described = {i for m in mentions if m.kind == "apposition" for i in range(m.start, m.end)}
    found = []
    for end, (start, title) in titles.items():
        if not title.roles or end + 1 in starts or not _is_common_title(doc, start, end):
            continue
        if end in described:  # "The Iraqi foreign minister, Hoshyar Zebari": Zebari
            continue
        j = start - 1
        if j >= 0 and doc[j].text in ("'s", "’s"):
            j -= 1
        place = ends.get(j)
        if place is None or place.kind not in COUNTRY_KINDS or place.country is None:
            continue
        term = gaz.leader_in_office(place.country, title.roles, day)
        if term is not None:
            found.append(Mention(place.start, end + 1, f"PERSON:{term.name}", term.name,
                                 "PERSON", "description", term.country, term.sector,
                                 term.role))
    return found


def _is_common_title(doc: Doc, start: int, end: int) -> bool:
    """A title used as a description, not part of a name ("President Putin")."""
    nxt = doc[end + 1] if end + 1 < len(doc) else None
    return nxt is None or not (nxt.pos_ == "PROPN" and nxt.is_title)


def nominal_actors(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Actors named by a noun: "Russian officials" (RUS, GOV), "police" (COP)..."""
    taken = mention_at([m for m in mentions if m.kind not in PLACE_KINDS])
    named = mention_at(mentions)
    places = [m for m in mentions if m.kind in PLACE_KINDS]
    mentions = [m for m in mentions if m.kind != "description"]
    found = people_of_demonyms(doc, places, gaz)
    for root in doc:
        if root.i in named or root.pos_ not in ("NOUN", "PROPN") or root.ent_type_ == "DATE":
            continue
        lexeme = _nominal_lexeme(doc, root, gaz)
        if lexeme is None or _modifies_an_actor(root, taken, gaz) or _names_an_org(root, taken):
            continue
        lemma, sector, label = lexeme
        # "Gunmen kidnapped": a plural the tagger reads as a name at the start of a sentence
        plural = lemma.endswith("men")
        if label not in COLLECTIVE_TYPES and not plural and not _is_countable_actor(root, named):
            continue
        if label == "PERSON" and any(c.lower_ == "civilian" for c in root.children):
            sector = "CVL"  # "Russian civilian advisers"
        start = _nominal_start(doc, root, places)
        person = _person_in_apposition(root, taken)
        if person is not None:  # "Lukman, Nigeria's oil minister": a mention of Lukman
            found.append(Mention(start, root.i + 1, person.key, person.name, "PERSON",
                                 "apposition", person.country, person.sector, person.role))
            continue
        found.extend(_nominals_for(doc, start, root, lemma, sector, label, places, mentions))
    return found


def _person_in_apposition(root: Token, taken: dict) -> Mention | None:
    """The named person a noun is in apposition with ("X, a Scherer director"), also
    through the rest of a split title ("Kofi Annan, the UN secretary-general")."""
    while root.dep_ in ("compound", "npadvmod") and root.head.i == root.i + 2 and \
            root.nbor(1).text == "-":
        root = root.head
    for other in (root.head, *root.children):
        if (other.dep_ == "appos" or root.dep_ == "appos") and other.i in taken:
            if taken[other.i].type == "PERSON" and other.i != root.i:
                return taken[other.i]
    return None


def people_of_demonyms(doc: Doc, places: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """ "Palestinians", "Nigerians": a people, an actor of its country (CVL)."""
    found = []
    for m in places:
        text = doc[m.start:m.end].text
        if m.kind == "demonym" and text.endswith("s") and text[:-1] in gaz.phrases:
            found.append(_people(doc, m.start, m.end, _nation_of(doc, m, places)))
        elif m.kind == "demonym" and m.end < len(doc) and _is_people_noun(doc[m.end]):
            found.append(_people(doc, m.start, m.end + 1, m.country))  # "Iraqi Kurds"
    return found


def _country_of_residence(noun: Token, places: list[Mention], ethnic: bool) -> str | None:
    """ "... of southern Serbia" (any people), "... in Serbia" (an ethnic group)."""
    by_token = mention_at(places)
    for child in noun.children:
        if child.dep_ == "prep" and (child.lower_ == "of" or ethnic and child.lower_ in
                                     ("in", "near", "from")):
            return _country_of_object(child, by_token)
    return None


def _is_people_noun(token: Token) -> bool:
    return token.ent_type_ == "NORP" and token.tag_ in ("NNPS", "NNS") and token.is_title


def _people(doc: Doc, start: int, end: int, country: str | None) -> Mention:
    return Mention(start, end, f"NOMINAL:{country}:CVL:people", doc[start:end].text,
                   "PERSON", "nominal", country, "CVL", nominal=True)


def _nominal_lexeme(doc: Doc, root: Token, gaz: Gazetteer):
    """(lemma, sector, type) of a noun naming an actor: the lexicon, else a title."""
    lemma = root.lemma_.lower()
    if root.i > 0:
        pair = f"{doc[root.i - 1].lower_} {lemma}"
        if pair in gaz.nominals:
            return (pair, *gaz.nominals[pair])
        if pair in gaz.titles:
            return (pair, gaz.titles[pair].sector, "PERSON")
    if lemma in gaz.nominals:
        return (lemma, *gaz.nominals[lemma])
    if lemma in gaz.titles and root.is_lower:
        return (lemma, gaz.titles[lemma].sector, "PERSON")
    return None


def _modifies_an_actor(token: Token, taken: dict, gaz: Gazetteer) -> bool:
    """ "government officials", "President Putin": the noun it modifies is the actor."""
    if token.dep_ not in ("compound", "amod", "nmod") or token.head.i <= token.i:
        return False
    head = token.head
    return head.i in taken or head.lemma_.lower() in gaz.nominals or (
        head.lemma_.lower() in gaz.titles)


def _names_an_org(root: Token, taken: dict) -> bool:
    """ "the Hamas movement", "the Wagner group": the noun is the named organization."""
    before = taken.get(root.i - 1)
    return (before is not None and before.type == "ORG"
            and root.lemma_.lower() in _GENERIC_ORG_NOUNS)


def _is_countable_actor(root: Token, named: dict) -> bool:
    """A person noun is an actor when plural, determined or modified ("officials", "an
    official", "U.S. negotiator")."""
    return root.tag_ in ("NNS", "NNPS") or root.i - 1 in named or any(
        c.dep_ in ("det", "poss", "amod", "compound", "nmod") for c in root.children)


def _nominal_start(doc: Doc, root: Token, places: list[Mention]) -> int:
    """The first token of a nominal mention: the modifiers left of the noun that attach
    inside the phrase ("Senior Hungarian and Romanian officials"), a named possessor
    ("Russia's military"), without determiners, numbers or other possessors ("the
    country's military" -> "military")."""
    place_at_end = {m.end: m.start for m in places}
    start = i = root.i
    while i > 0:
        i -= 1
        token = doc[i]
        if i + 1 == start and start in place_at_end:
            start = i = place_at_end[start]
        elif token.text in ("'s", "’s") and i in place_at_end:
            start = i = place_at_end[i]
        elif token.is_space or token.dep_ == "cc" and i - 1 >= 0 and i in place_at_end:
            start = i
        elif _inside_phrase(token, root):
            start = i
        else:
            break
    while doc[start].is_space and start < root.i:
        start += 1
    return start


def _inside_phrase(token: Token, root: Token) -> bool:
    if token.pos_ in ("DET", "PRON", "NUM") or token.ent_type_ in _SKIP_CHUNK_ENTS:
        return False
    if token.text in ("'s", "’s") or token.is_punct and token.text != "-":
        return False
    return token.i < token.head.i <= root.i


def _nominals_for(doc: Doc, start: int, root: Token, lemma: str, sector: str, label: str,
                  places: list[Mention], mentions: list[Mention]) -> list[Mention]:
    places = [p for p in places if not stance_place(doc, p)]
    mentions = [m for m in mentions if not stance_place(doc, m)]
    inside = [p for p in places if p.start >= start and p.end <= root.i and p.country]
    countries = list(dict.fromkeys(_nation_of(doc, p, places) for p in inside))
    if len(countries) > 1:  # "Hungarian and Romanian officials": one actor per country
        return [_nominal(doc, p.start, p.end, root, lemma, sector, label,
                         _nation_of(doc, p, places)) for p in inside]
    abroad = not inside and _from_abroad(doc, start, root)
    # "Western diplomats in Kabul" are in Kabul, not of it
    country = countries[0] if inside else None if abroad else _country_of_possessor(
        root, mentions)
    affiliated = False
    if country is None and not inside:
        country, org_sector = _country_of_named_modifier(start, root, mentions)
        affiliated = org_sector is not None
        if org_sector in ("IGO", "NGO"):
            sector = org_sector  # "U.N. peacekeepers" act for the U.N.
    found = _nominal(doc, start, root.i + 1, root, lemma, sector, label, country)
    found.affiliated = affiliated or abroad
    return [found]


def _from_abroad(doc: Doc, start: int, root: Token) -> bool:
    """ "Western diplomats", "foreign troops", "international observers": a group that is
    not of the country around it (but "the foreign minister" is a title)."""
    for token in doc[start:root.i]:
        if token.lower_ in _ABROAD and not (token.lower_ == "foreign" and
                                            token.nbor(1).lower_ in _FOREIGN_OFFICES):
            return True
    return False


def _nation_of(doc: Doc, place: Mention, places: list[Mention]) -> str | None:
    """The country a demonym stands for. An ethnic group belongs where it lives:
    "ethnic Albanians in Serbia" and "Albanians of southern Serbia" are of Serbia; else the
    other country the sentence names most (None when it names none, or several as often)."""
    ethnic = place.start > 0 and doc[place.start - 1].lower_ == "ethnic"
    last = doc[place.end - 1]
    noun = last.head if last.dep_ == "amod" else last  # "Albanian guerrillas", "Albanians"
    lives = _country_of_residence(noun, places, ethnic)
    if lives is not None and lives != place.country:
        return lives
    if not ethnic:
        return place.country
    sentence = doc[place.start].sent
    others = Counter(p.country for p in places if sentence.start <= p.start < sentence.end
                     and p.country != place.country)
    ranked = others.most_common(2)
    if not ranked or len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]  # the country the sentence names most ("Macedonia's ... Macedonian")


def _nominal(doc: Doc, start: int, end: int, root: Token, lemma: str, sector: str,
             label: str, country: str | None) -> Mention:
    name = doc[start:root.i + 1].text if end == root.i + 1 else \
        f"{doc[start:end].text} {root.text}"
    name = " ".join(name.split())
    key = f"NOMINAL:{country}:{sector}:{lemma}"
    return Mention(start, end, key, name, label, "nominal", country, sector, nominal=True)


def _country_of_possessor(root: Token, mentions: list[Mention]) -> str | None:
    """ "Russia's military", "the government of Iraq", "rebels in the Ivory Coast": the
    country the group belongs to or is in."""
    by_token = mention_at(mentions)
    for child in root.children:
        if child.dep_ == "poss" and child.i in by_token:
            return by_token[child.i].country
        if child.dep_ == "acl" and child.lower_ == "based":  # "a group based in Trinidad"
            return _country_of_possessor(child, mentions)
        if child.dep_ == "prep" and child.lower_ in _PLACE_PREPOSITIONS:
            country = _country_of_object(child, by_token)
            if country is not None:
                return country
    return None


def _country_of_object(preposition: Token, by_token: dict) -> str | None:
    """The place a preposition leads to: "in Serbia", "near Macedonia's border"."""
    for obj in preposition.children:
        if obj.dep_ != "pobj":
            continue
        if obj.i in by_token:
            return by_token[obj.i].country
        for child in obj.children:  # "near Macedonia's border", "in the Kursk region"
            if child.dep_ in ("poss", "compound") and child.i in by_token:
                return by_token[child.i].country
    return None


def _country_of_named_modifier(start: int, root: Token, mentions: list[Mention]):
    """ "the Trump administration", "U.N. peacekeepers": the country and the sector of a
    named modifier inside the phrase (sector None when there is no named modifier)."""
    inside = [m for m in mentions if start <= m.start and m.end <= root.i]
    for m in inside:
        if m.country:
            return m.country, m.sector
    return None, next((m.sector or "" for m in inside if m.type == "ORG"), None)

