"""Properties of ``factwire.extract`` that hold for any Unicode text (hypothesis).

For any text, ``extract`` either returns ArticleFacts or raises one of ``ALLOWED_ERRORS``:

- ``EmptyInput``: the text has no characters left once filler is blanked out;
- ``NotEnglish``: the language check finds a language other than English.

Any other exception (a ``FactwireError`` of another kind included: short text is never too
large) is a bug. When facts come back:

- every span (entity mention, time, quantity, quote and its content, event trigger and
  sentence, removed span) lies inside the text, and each ``text`` field equals its slice;
- no fact lies inside (or overlaps) a removed span;
- the JSON output round-trips: ``ArticleFacts.from_json(f.to_json()) == f``.

Examples are bounded (``max_examples``, no deadline) so the suite stays fast.
"""

from __future__ import annotations

import dataclasses
import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factwire import extract
from factwire.errors import EmptyInput, NotEnglish
from factwire.model import ArticleFacts, Removed

ALLOWED_ERRORS = (EmptyInput, NotEnglish)

NEWS_WORDS = (
    "the", "a", "of", "in", "on", "and", "said", "told", "reporters", "police", "arrested",
    "protesters", "Russia", "Ukraine", "Kyiv", "President", "Donald", "Trump", "minister",
    "officials", "troops", "attacked", "killed", "agreed", "talks", "sanctions", "Reuters",
    "per", "cent", "percent", "million", "billion", "dollars", "$", "%", "people", "Tuesday",
    "last", "week", "year", "August", "yesterday", "according", "to", "U.N.", "Mr.", "Ms.",
    "Paris", "Nairobi", "Lima", "United", "States", "European", "Union", "Ministry",
    "lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit",
    "Add your text here", "Advertisement", "Subscribe now",
    # time words that combine with any number: "1,428,000 years ago" once overflowed the
    # calendar and crashed the times component
    "years", "days", "months", "weeks", "hours", "ago", "within", "next", "past", "since",
    "from", "between", "late", "early", "afternoon", "pm", "a.m.", "degrees", "km",
)
QUOTE_MARKS = ('"', "'", "“", "”", "‘", "’", "«", "»", "„")
ODD_CHARACTERS = (
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",  # zero-width
    "\u202e", "\u202c", "\u2066", "\u2069", "\u200f", "\u200e",  # bidi controls
    "שלום", "مرحبا", "Привет", "日本", "🙂", "e\u0301", "\u00a0", "\u2028", "\x00", "\t",
)
SEPARATORS = (" ", " ", " ", "\n", "\n\n", ", ", ". ", "; ", " - ", "\r\n")

numbers = st.one_of(
    st.integers(-10**12, 10**12).map(str),
    st.integers(0, 10**9).map(lambda n: f"{n:,}"),
    st.floats(0, 1e6, allow_nan=False).map(lambda x: f"{x:.2f}"),
    st.sampled_from(["12", "40", "1.5", "3/4", "two", "dozens", "80,000", "1e9", "-7"]),
)
dates = st.dates().map(lambda d: st.sampled_from(
    [d.isoformat(), d.strftime("%B %d, %Y"), d.strftime("%d %b %Y"), d.strftime("%A")]))
tokens = st.one_of(
    st.sampled_from(NEWS_WORDS),
    st.sampled_from(NEWS_WORDS),
    numbers,
    dates.flatmap(lambda strategy: strategy),
    st.sampled_from(QUOTE_MARKS),
    st.sampled_from(ODD_CHARACTERS),
    st.text(max_size=6),
)
news_like = st.lists(st.tuples(tokens, st.sampled_from(SEPARATORS)), max_size=60).map(
    lambda pairs: "".join(token + separator for token, separator in pairs))
any_text = st.one_of(news_like, news_like, st.text(max_size=300))

SEED_LIKE = ("Russian President Vladimir Putin said on Tuesday that 12 people were killed. "
             "\"We will respond,\" he told reporters in Moscow.\n\n"
             "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
             "incididunt ut labore et dolore magna aliqua.")


def spans(facts: ArticleFacts):
    """(owner, start, end, text or None) for every span of every fact."""
    for entity in facts.entities:
        for mention in entity.mentions:
            yield entity.id, mention.start, mention.end, mention.text
    for time in facts.times:
        yield time.id, time.start, time.end, time.text
    for quantity in facts.quantities:
        if not quantity.derived:  # a derived figure is computed, not stated
            yield quantity.id, quantity.start, quantity.end, quantity.text
    for quote in facts.quotes:
        yield quote.id, quote.start, quote.end, None
        if quote.content is not None:
            yield quote.id, quote.content.start, quote.content.end, quote.content.text
    for event in facts.events:
        yield event.id, event.trigger.start, event.trigger.end, event.trigger.text
        yield event.id, event.sentence.start, event.sentence.end, None


def extract_or_allowed_error(text: str) -> ArticleFacts | None:
    """The facts of ``text``, or None when ``extract`` refuses it with an allowed error."""
    try:
        return extract(text, published="2025-04-02")
    except ALLOWED_ERRORS:
        return None


def check_offsets(facts: ArticleFacts) -> None:
    text = facts.article.text
    for removed in facts.removed:
        assert 0 <= removed.start < removed.end <= len(text), removed
    for owner, start, end, stated in spans(facts):
        assert 0 <= start <= end <= len(text), (owner, start, end, len(text))
        if stated is not None:
            assert stated == text[start:end], (owner, stated, text[start:end])


def overlaps(start: int, end: int, removed: list[Removed]) -> bool:
    return any(start < span.end and end > span.start for span in removed)


def check_nothing_inside_removed(facts: ArticleFacts) -> None:
    for owner, start, end, stated in spans(facts):
        if stated is None:
            continue  # a quote's or sentence's extent may enclose filler; its words may not
        assert not overlaps(start, end, facts.removed), (owner, stated, facts.removed)


def check_round_trip(facts: ArticleFacts) -> None:
    assert ArticleFacts.from_json(facts.to_json()) == facts
    assert json.loads(facts.to_json()) == facts.to_dict()
    assert dataclasses.asdict(ArticleFacts.from_dict(facts.to_dict())) == \
        dataclasses.asdict(facts)


PROPERTY_SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                             suppress_health_check=[HealthCheck.too_slow,
                                                    HealthCheck.data_too_large])


@PROPERTY_SETTINGS
@given(text=any_text)
@example(text=SEED_LIKE)
@example(text="")
@example(text="\u200b\u200d\ufeff")
@example(text='"""" \u201c\u201d')
@example(text="It happened 1,428,000 years ago, and the first 5,000,000 days of 2020 were long.")
@example(text="Avg shrs 2,332,397 vs 1,428,000\n    Year\n    Shr 1.22 dlrs vs 1.06 dlrs\n")
def test_extract_never_raises_anything_but_empty_or_not_english(text):
    extract_or_allowed_error(text)


@PROPERTY_SETTINGS
@given(text=any_text)
@example(text=SEED_LIKE)
@example(text="Police arrested 40\u200b people in \u202eLima\u202c on Tuesday, officials said.")
def test_every_offset_is_inside_the_text_and_every_text_equals_its_slice(text):
    facts = extract_or_allowed_error(text)
    if facts is not None:
        check_offsets(facts)


@PROPERTY_SETTINGS
@given(text=any_text)
@example(text=SEED_LIKE)
def test_no_fact_lies_inside_a_removed_span(text):
    facts = extract_or_allowed_error(text)
    if facts is not None:
        check_nothing_inside_removed(facts)


@PROPERTY_SETTINGS
@given(text=any_text)
@example(text=SEED_LIKE)
@example(text="Prices rose 3.5% to $1.2 billion on \u201cstrong demand,\u201d Mr. Lee said.")
def test_json_output_round_trips_through_the_data_model_unchanged(text):
    facts = extract_or_allowed_error(text)
    if facts is not None:
        check_round_trip(facts)


def test_the_seed_like_example_has_facts_and_a_removed_span():
    """The properties are not vacuous: this example has facts and filler."""
    facts = extract(SEED_LIKE, published="2025-04-02")
    assert facts.removed and facts.removed[0].reason == "placeholder"
    assert facts.entities and facts.times and facts.quotes
    check_offsets(facts)
    check_nothing_inside_removed(facts)
    check_round_trip(facts)


def test_only_filler_is_empty_input():
    text = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor."
    try:
        extract(text)
    except EmptyInput as error:
        assert "no article text (empty, or only filler)" in str(error)
    else:
        raise AssertionError("lorem ipsum alone must be refused as EmptyInput")


def test_french_is_not_english():
    text = ("Le gouvernement français a annoncé mardi une nouvelle série de mesures pour "
            "soutenir les agriculteurs touchés par la sécheresse dans le sud du pays.")
    try:
        extract(text)
    except NotEnglish as error:
        assert "the text is in language 'fr'" in str(error)
    else:
        raise AssertionError("French must be refused as NotEnglish")
