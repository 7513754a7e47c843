"""How an article names a place as its own town: local-news wording and datelines.

Local news names its own town in set ways: "a Paris woman", "Athens police", "the Huntsville
Fire Department", "the City of Paris", "Gary Wilson, 54, of Palestine", "420 Augusta St.,
Alexandria"; and the dateline opens the story where it was written ("COLUMBUS -",
"CHARLESTON, W.Va. --"). With the outlet's country known, such a town is taken to be in that
country (``factwire.geo.resolve``). The words after a town's name are
``data/places_local_words.txt``.

>>> from factwire.model import TextSpan
>>> local_cue("A Paris woman was hurt.", [TextSpan(2, 7, "Paris")])
True
>>> dateline("Fire. COLUMBUS -- A fire...", [TextSpan(6, 14, "COLUMBUS")])
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from factwire.geo.sources import read_data_lines
from factwire.model import TextSpan

LOCAL_SHARE = 5  # one mention in this many named as local news names its town
DATELINE_WITHIN = 400  # characters: a title and a dateline open the text
# "City of Paris", "Gary Wilson, 54, of Palestine", "420 Augusta St., Alexandria"
_LOCAL_BEFORE = re.compile(r"(?:\b(?:[Cc]ity|[Tt]own|[Vv]illage|[Tt]ownship) of|\b\d{1,3}, of|"
                           r"\b(?:St|Ave|Rd|Dr|Blvd|Street|Avenue|Road|Drive|Lane)\.?,)"
                           r"\s+(?:the\s+)?$")
_DATELINE_AFTER = re.compile(r"^(?:,[ \t]+[A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?)?[ \t]*"
                             r"(?:\(\w+\)[ \t]*)?(?:-|--|—|–|\x97)")


@lru_cache(maxsize=1)
def local_after() -> re.Pattern:
    """The words after a town's name that say local news names its own town ("Athens
    police", "a Paris woman": ``data/places_local_words.txt``), as one pattern."""
    phrases = sorted({entry.lower() for entry in read_data_lines("places_local_words.txt")},
                     key=len, reverse=True)
    words = "|".join(r"[ \t]+".join(map(re.escape, phrase.split())) for phrase in phrases)
    return re.compile(rf"^(?:'s|’s)?[ \t]+(?:{words})\b", re.IGNORECASE)


def local_cue(text: str, mentions: Sequence[TextSpan]) -> bool:
    """True when a fifth or more of a place's mentions are named the way local news names
    its own town. A compound ("the NATO-Russia Council") is no cue."""
    cues = sum(1 for mention in mentions
               if _LOCAL_BEFORE.search(text[max(0, mention.start - 16):mention.start])
               or (text[mention.start - 1:mention.start] not in ("-", "–")
                   and local_after().match(text[mention.end:mention.end + 30])))
    return cues > 0 and cues * LOCAL_SHARE >= len(mentions)


def dateline(text: str, mentions: Sequence[TextSpan]) -> bool:
    """True when a mention is the article's dateline: a town in capitals opening the text
    or a line or following the title, before a dash or "(AP)", perhaps with its state
    ("CHARLESTON, W.Va. --")."""
    for mention in mentions:
        if mention.start > DATELINE_WITHIN or not mention.text.isupper():
            continue
        before = text[:mention.start].rstrip(" \t")
        if (not before or before[-1] in ".!?\n") and _DATELINE_AFTER.match(
                text[mention.end:mention.end + 30]):
            return True
    return False


__all__ = ["local_cue", "dateline", "local_after", "LOCAL_SHARE", "DATELINE_WITHIN"]
