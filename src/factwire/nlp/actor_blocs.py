"""Blocs: actors that stand for a group of countries without being a country or an
organization, such as "the West" (CAMEO's and PLOVER's WST).

"The West has imposed sanctions", "Iran accused the West": the bloc is an actor, not a
place; NER calls it a LOC, and a gazetteer would place it in some "West" region (Cameroon
has one). It becomes one entity named "the West", of type ORG, ``nominal`` (it has no
proper seat to locate), with no country (ISO 3166 has no code for it). "the West Bank",
"the West of Ireland" and "West Africa" are places and stay so.
"""

from __future__ import annotations

from spacy.tokens import Doc

from factwire.nlp.actors import Mention

BLOC_KEY = "BLOC:West"


def bloc_mentions(doc: Doc, named: list[Mention]) -> list[Mention]:
    """``named`` without NER's reading of "the West", plus a bloc mention for each."""
    covered = {i: m for m in named for i in range(m.start, m.end)}
    found = []
    for token in doc:
        i = token.i
        if token.text != "West" or i == 0 or doc[i - 1].lower_ != "the":
            continue
        after = doc[i + 1] if i + 1 < len(doc) else None
        if after is not None and (after.is_title or after.pos_ == "PROPN"
                                  or after.lower_ == "of" or after.text == "-"):
            continue  # "the West Bank", "the West of Ireland", "the West-backed"
        other = covered.get(i)
        if other is not None and (other.kind != "ner" or other.end - other.start > 1):
            continue
        found.append(Mention(i, i + 1, BLOC_KEY, "the West", "ORG", "bloc", nominal=True))
    starts = {m.start for m in found}
    kept = [m for m in named if not (m.kind == "ner" and m.start in starts)]
    return sorted(kept + found, key=lambda m: m.start)
