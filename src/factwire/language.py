"""Language identification with lingua, restricted to common news languages.

Only a sample of a long text (its first words) is classified: a language does not change
halfway through a news article, and lingua's time grows with the text. A sample that is
plainly English prose (a third of its words English function words) needs no letter
models: that covers most articles, and the detector runs only for the rest (built once, on
first use).

>>> detect_language("Russia launched one of its largest conscription drives in years on Tuesday.")
'en'
>>> detect_language("Too short.") is None
True
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from factwire.clean import load_lexicon

NEWS_LANGUAGES = (
    Language.ENGLISH, Language.FRENCH, Language.GERMAN, Language.SPANISH, Language.ITALIAN,
    Language.PORTUGUESE, Language.DUTCH, Language.RUSSIAN, Language.UKRAINIAN, Language.POLISH,
    Language.TURKISH, Language.ARABIC, Language.PERSIAN, Language.HEBREW, Language.CHINESE,
    Language.JAPANESE, Language.KOREAN, Language.HINDI, Language.INDONESIAN, Language.SWEDISH,
    Language.GREEK, Language.ROMANIAN, Language.CZECH, Language.VIETNAMESE,
)
MIN_LETTERS = 20
# Calling a text foreign takes more evidence than a sentence: short wire items ("Mthly div 7.3
# cts vs 7.5 cts") are English abbreviations that look like anything.
MIN_LETTERS_NOT_ENGLISH = 80
SAMPLE_WORDS = 300
# Below these confidences the detector is guessing: say "unknown" rather than a wrong language.
# Another language needs more: English wire copy full of abbreviations and figures ("Shr 12
# cts vs 10 cts") gets low, scattered scores, while real French or German text scores ~1.0.
MIN_CONFIDENCE = 0.5
MIN_CONFIDENCE_NOT_ENGLISH = 0.9
MAX_FIGURE_SHARE = 0.2
# English prose is 40-50% function words; other languages share a few (a, in, on) by chance.
ENGLISH_FUNCTION_SHARE = 0.15
# At or above this share a sample is English without asking lingua: 990 web pages in 12
# languages (trafilatura-eval) reach at most 0.13 when not English; 80% of Reuters stories
# reach 0.3 (tables and terse items, below it, go to lingua).
ENGLISH_CERTAIN_SHARE = 0.3

_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"[^\W\d_]+")
# Half a surrogate pair is not a character: lingua (Rust) cannot take it as UTF-8.
_SURROGATE = re.compile("[\ud800-\udfff]")


@lru_cache(maxsize=1)
def detector() -> LanguageDetector:
    """The lingua detector for ``NEWS_LANGUAGES`` (built on first use, then shared)."""
    # Low-accuracy mode (trigrams only) loads in ~3 s instead of ~13 s; on samples of a few
    # hundred words it gives the same answers.
    builder = LanguageDetectorBuilder.from_languages(*NEWS_LANGUAGES)
    return builder.with_low_accuracy_mode().build()


def text_sample(text: str, words: int = SAMPLE_WORDS) -> str:
    """The first ``words`` words of ``text``, single-spaced (blanked filler is skipped).

    Lone surrogates (possible in a Python string, never in text read from a file) become
    U+FFFD.
    """
    sample = " ".join(m.group() for m in islice(_TOKEN.finditer(text), words))
    return _SURROGATE.sub("\ufffd", sample)


def mostly_figures(sample: str) -> bool:
    """True for tables and listings: over a fifth of the tokens hold digits.

    Their few words are abbreviations ("Shr", "cts", "Revs") that look like any language.
    """
    tokens = sample.split()
    with_digits = sum(any(c.isdigit() for c in token) for token in tokens)
    return with_digits > MAX_FIGURE_SHARE * len(tokens)


def english_function_share(words: list[str]) -> float:
    """The share of ``words`` (lowercase) that are English function words (the, of, was...)."""
    function = load_lexicon().function
    return sum(word in function for word in words) / max(1, len(words))


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it is too short or unclear."""
    sample = text_sample(text)
    words = _WORD.findall(sample.lower())
    letters = sum(map(len, words))
    if letters < MIN_LETTERS:
        return None
    function_share = english_function_share(words)
    if function_share >= ENGLISH_CERTAIN_SHARE:
        return "en"
    # Lowercase: headlines and wire tables in capitals confuse the letter models.
    confidences = detector().compute_language_confidence_values(sample.lower())
    if not confidences:
        return None
    best = confidences[0]
    if best.language == Language.ENGLISH:
        return "en" if best.value >= MIN_CONFIDENCE else None
    if (best.value < MIN_CONFIDENCE_NOT_ENGLISH or letters < MIN_LETTERS_NOT_ENGLISH
            or mostly_figures(sample) or function_share >= ENGLISH_FUNCTION_SHARE):
        return None
    return best.language.iso_code_639_1.name.lower()
