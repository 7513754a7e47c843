"""Filler detection: lorem ipsum, template placeholders, boilerplate lines -> removed spans.

Three kinds of filler, found in one pass over the lines of the text:

- pseudo-Latin (lorem ipsum and its variants): a sentence whose words are mostly lorem ipsum
  vocabulary, or mostly Latin-looking words, with almost no English function words (ordinary
  English is 40-50% of them), so a Latin motto quoted in an English sentence stays;
- template placeholders ("Add your text here", "[PLACEHOLDER]", "TK TK", "{{ name }}");
- boilerplate lines: known page furniture ("Advertisement", "Share this article", copyright
  lines) and any short line that occurs twice or more in the same article.

Spans are whole lines or sentences, trimmed of surrounding whitespace, sorted and
non-overlapping; adjacent filler of the same kind is merged into one span.

>>> text = "Floods hit the valley.\\nLorem ipsum dolor sit amet, consectetur adipiscing elit."
>>> find_filler(text)
[Removed(start=23, end=79, reason='placeholder')]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from factwire.model import Removed

PLACEHOLDER = "placeholder"
BOILERPLATE = "boilerplate"

DATA = Path(__file__).parent / "data"
_LINE = re.compile(r"[^\r\n\u2028\u2029\x85]+")
# A sentence ends at . ! ? or … (plus closing quotes/brackets) before a non-lowercase start.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+(?=\S)(?![a-z])")
_WORD = re.compile(r"[^\W\d_]+")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATES = re.compile("[\ud800-\udfff]+")
# Inflections of Latin nouns and verbs; English words with these endings come with English
# function words around them, which the test also requires to be nearly absent.
_LATIN_ENDINGS = ("us", "um", "ae", "is", "it", "unt", "ant", "ent", "tur", "que", "ibus", "orum",
                  "arum", "am", "em", "at", "et", "ur", "ix", "ex", "i")
# The endings English content words rarely have (status, forum: a few per text at most).
_STRONG_LATIN_ENDINGS = ("us", "um", "ae", "unt", "tur", "que", "ibus", "orum", "arum")
MAX_BOILERPLATE_LINE = 150
MAX_REPEATED_LINE = 120


@dataclass(frozen=True)
class FillerLexicon:
    """The word lists and patterns of ``data/clean_*.txt``."""

    lorem: frozenset[str]
    function: frozenset[str]
    placeholder: re.Pattern
    boilerplate: re.Pattern


@dataclass(frozen=True)
class WordProfile:
    """Counts over the words of a stretch of text that tell English from pseudo-Latin."""

    words: int
    function: int
    lorem: int
    latin: int
    strong_latin: int
    lowercase: int


def _data_lines(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def load_lexicon() -> FillerLexicon:
    """The filler lexicon, read once from ``src/factwire/data``."""
    words = lambda name: frozenset(w.lower() for line in _data_lines(name)  # noqa: E731
                                   for w in line.split())
    boilerplate = "|".join(f"(?:{p})" for p in _data_lines("clean_boilerplate_lines.txt"))
    return FillerLexicon(
        lorem=words("clean_lorem_words.txt"),
        function=words("clean_function_words.txt"),
        placeholder=re.compile(_any_of(_data_lines("clean_placeholders.txt")), re.IGNORECASE),
        boilerplate=re.compile(rf"[\W_]*?(?:{boilerplate})[\W_]*", re.IGNORECASE),
    )


def _any_of(patterns: list[str]) -> str:
    """One pattern matching where any of ``patterns`` does (which one wins may differ).

    The patterns that start at a word boundary share one ``\\b`` in front of their group: the
    engine then tries their alternatives only at word boundaries, not at every character (twice
    as fast over a whole text; this search runs on every sentence of every article).
    """
    at_word = [p.removeprefix(r"\b") for p in patterns if p.startswith(r"\b")]
    others = [p for p in patterns if not p.startswith(r"\b")]
    groups = [rf"\b(?:{'|'.join(f'(?:{p})' for p in at_word)})"] if at_word else []
    return "|".join(groups + [f"(?:{p})" for p in others])


def find_filler(text: str) -> list[Removed]:
    """Spans of ``text`` that are template filler, not news (sorted, non-overlapping).

    Lone surrogates (half a UTF-16 pair: possible in a Python string, never in decoded text)
    are not characters: they are removed too, with reason ``invalid``.
    """
    lexicon = load_lexicon()
    lines = list(_lines(text))
    found = boilerplate_lines(text, lines, lexicon)
    found.extend(Removed(m.start(), m.end(), "invalid") for m in _SURROGATES.finditer(text))
    for start, end in lines:
        found.extend(filler_in_line(text, start, end, lexicon))
    return merge_spans(text, found)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank line, trimmed of surrounding whitespace."""
    for match in _LINE.finditer(text):
        span = _trim(text, match.start(), match.end())
        if span is not None:
            yield span


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each sentence of the line ``text[start:end]``, trimmed."""
    found, begin = [], start
    for match in _SENTENCE_END.finditer(text, start, end):
        span = _trim(text, begin, match.end())
        if span is not None:
            found.append(span)
        begin = match.end()
    last = _trim(text, begin, end)
    if last is not None:
        found.append(last)
    return found


def word_profile(stretch: str, lexicon: FillerLexicon) -> WordProfile:
    """Count the words of ``stretch``: English function words, lorem vocabulary, Latin forms."""
    words = function = lorem = latin = strong = lowercase = 0
    for word in _WORD.findall(stretch):
        lower = word.lower()
        words += 1
        lowercase += word[0].islower()
        if lower in lexicon.function:
            function += 1
            continue
        lorem += lower in lexicon.lorem
        if len(lower) > 2 and lower.endswith(_LATIN_ENDINGS):
            latin += 1
            strong += lower.endswith(_STRONG_LATIN_ENDINGS)
    return WordProfile(words, function, lorem, latin, strong, lowercase)


def is_pseudo_latin(stretch: str, profile: WordProfile) -> bool:
    """Mostly lorem ipsum words, or Latin (by its endings, confirmed by lingua), no English."""
    n = profile.words
    if n >= 5 and profile.lorem >= 0.5 * n and profile.function <= 0.2 * n:
        return True
    return (n >= 6 and profile.function <= 0.1 * n and profile.lowercase >= 0.6 * n
            and profile.latin >= 0.4 * n and profile.strong_latin >= 0.15 * n
            and latin_detector().detect_language_of(_SURROGATE.sub("\ufffd", stretch))
            == Language.LATIN)


@lru_cache(maxsize=1)
def latin_detector() -> LanguageDetector:
    """Tells Latin from the languages whose words share its endings (German "zum", "aus")."""
    languages = (Language.LATIN, Language.ENGLISH, Language.GERMAN, Language.FRENCH,
                 Language.SPANISH, Language.ITALIAN, Language.PORTUGUESE, Language.DUTCH,
                 Language.ROMANIAN, Language.POLISH)
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def is_english_like(profile: WordProfile) -> bool:
    """Enough English function words to be an English sentence."""
    return profile.words >= 4 and profile.function >= 0.2 * profile.words


def filler_in_line(text: str, start: int, end: int, lexicon: FillerLexicon) -> list[Removed]:
    """Placeholder sentences and pseudo-Latin sentences (or the whole line) of one line."""
    spans = sentences(text, start, end)
    found = [Removed(s, e, PLACEHOLDER) for s, e in spans
             if lexicon.placeholder.search(text[s:e])]
    profiles = [word_profile(text[s:e], lexicon) for s, e in spans]
    latin = [is_pseudo_latin(text[s:e], p) for (s, e), p in zip(spans, profiles, strict=True)]
    if not any(latin):
        return found
    english_left = any(is_english_like(profile) and not flagged
                       for profile, flagged in zip(profiles, latin, strict=True))
    line = text[start:end]
    if not english_left and is_pseudo_latin(line, word_profile(line, lexicon)):
        return [Removed(start, end, PLACEHOLDER)]
    found.extend(Removed(s, e, PLACEHOLDER) for (s, e), flagged in zip(spans, latin, strict=True)
                 if flagged)
    return found


def _normalized(line: str) -> str:
    return " ".join(line.lower().split())


def may_be_repeated_boilerplate(line: str) -> bool:
    """A short line of a few words: no figures, no table columns, not a full sentence.

    Tables repeat headers and figures, and wire copy sometimes repeats a whole paragraph:
    neither is boilerplate.
    """
    words = len(line.split())
    sentence = words >= 5 and line[-1] in ".!?\"”"
    return (2 <= words <= 12 and len(line) <= MAX_REPEATED_LINE and not sentence
            and len(_WORD.findall(line)) >= 2 and not any(c.isdigit() for c in line)
            and "   " not in line)


def standalone_lines(text: str, lines: list[tuple[int, int]]) -> list[tuple[bool, bool]]:
    """For each line: (may be page furniture, stands alone as a paragraph).

    In hard-wrapped text ("...a dividend of 20 cents a\nshare.") a line continues the one
    before when it starts in lowercase or that one stops mid-sentence; it stands alone only
    when the one before ends a sentence (or a blank line separates them) and the next does
    not continue it.
    """
    flags = []
    for i, (start, end) in enumerate(lines):
        before = lines[i - 1] if i else None
        apart = before is None or _blank_between(text, before[1], start)
        continues = not apart and (text[start].islower() or _ends_open(text, *before))
        after_break = apart or _ends_unit(text, before)
        next_continues = (i + 1 < len(lines) and not _blank_between(text, end, lines[i + 1][0])
                          and (text[lines[i + 1][0]].islower() or _ends_open(text, start, end)))
        flags.append((not continues and not text[start].islower(),
                      after_break and not continues and not next_continues))
    return flags


def _ends_unit(text: str, line: tuple[int, int]) -> bool:
    return text[line[1] - 1] in ".!?:;\"'”’"


def _ends_open(text: str, start: int, end: int) -> bool:
    """The line stops mid-sentence: on a comma, a hyphen, or a function word ("...funding of")."""
    if text[end - 1] in ",-–—":
        return True
    last = _WORD.findall(text[max(start, end - 20):end])
    return bool(last) and text[end - 1].isalpha() and last[-1].lower() in load_lexicon().function


def _blank_between(text: str, end: int, start: int) -> bool:
    return text.count("\n", end, start) >= 2


def boilerplate_lines(text: str, lines: list[tuple[int, int]],
                      lexicon: FillerLexicon) -> list[Removed]:
    """Known page-furniture lines, and short lines that occur twice or more in the text.

    Only lines that stand alone count: the end of a wrapped sentence ("...a\nshare.") is not
    a "Share" button.
    """
    flags = standalone_lines(text, lines)
    candidates = [_normalized(text[s:e]) if alone else ""
                  for (s, e), (_, alone) in zip(lines, flags, strict=True)]
    repeated = repeated_lines(text, lines, candidates)
    found = []
    for (start, end), normal, (furniture, _) in zip(lines, candidates, flags, strict=True):
        known = (furniture and end - start <= MAX_BOILERPLATE_LINE
                 and lexicon.boilerplate.fullmatch(text, start, end) is not None)
        if known or normal in repeated:
            found.append(Removed(start, end, BOILERPLATE))
    return found


def repeated_lines(text: str, lines: list[tuple[int, int]], candidates: list[str]) -> set[str]:
    """Candidate lines that occur twice or more, unless a whole paragraph is repeated.

    When every occurrence is followed by the same longer line, the text repeats a paragraph
    (a wire-copy slip), and its first line is news, not page furniture.
    """
    counts = Counter(c for c in candidates if c and may_be_repeated_boilerplate(c))
    followers: dict[str, set[str]] = {}
    for i, normal in enumerate(candidates):
        if counts.get(normal, 0) >= 2:
            after = _normalized(text[slice(*lines[i + 1])]) if i + 1 < len(lines) else ""
            followers.setdefault(normal, set()).add(after)
    return {normal for normal, after in followers.items()
            if not (len(after) == 1 and "" not in after
                    and not may_be_repeated_boilerplate(next(iter(after))))}


def merge_spans(text: str, spans: list[Removed]) -> list[Removed]:
    """Sorted, non-overlapping spans; same-reason spans apart by whitespace only are joined."""
    merged: list[Removed] = []
    for span in sorted(spans, key=lambda r: (r.start, -r.end)):
        last = merged[-1] if merged else None
        if last and span.start < last.end:
            last.end = max(last.end, span.end)
        elif (last and span.reason == last.reason
              and not text[last.end:span.start].strip()):
            last.end = span.end
        else:
            merged.append(Removed(span.start, span.end, span.reason))
    return merged


def blank_out(text: str, removed: list[Removed]) -> str:
    """``text`` with every removed span replaced by spaces (newlines kept): same offsets.

    A lone surrogate (half a UTF-16 pair, possible in a Python string but not a character)
    becomes U+FFFD, one for one: the tokenizer and language models cannot encode it.

    >>> blank_out("ab cd", [Removed(3, 5, "filler")])
    'ab   '
    """
    text = _SURROGATE.sub("\ufffd", text)
    if not removed:
        return text
    chars = list(text)
    for span in removed:
        for i in range(span.start, span.end):
            if chars[i] not in "\n\r":
                chars[i] = " "
    return "".join(chars)
