"""factwire_times: written forms of times (timex_grammar, timex_forms) and the one-pass
scanner that runs the grammar's rules (timex_scan)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import spacy

from factwire.nlp import MODEL, timex_grammar
from factwire.nlp import times as _times  # noqa: F401  (registers the factory)
from factwire.nlp.timex_scan import Scanner, prefixes, trie_pattern

PUBLISHED = dt.date(2025, 4, 2)  # a Wednesday


@pytest.fixture(scope="module")
def times_nlp():
    """The spaCy model with only factwire_times after it (fast, no other components)."""
    nlp = spacy.load(MODEL, exclude=["senter"])
    nlp.add_pipe("factwire_times")
    return nlp


def found(nlp, text: str, published=PUBLISHED) -> dict[str, tuple[str, str]]:
    """text of each time -> (type, value)."""
    doc = nlp.make_doc(text)
    doc._.published = published
    return {t.text: (t.type, t.value) for t in nlp(doc)._.times}


def times_of(nlp, text: str, published=PUBLISHED) -> list:
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)._.times


# the scanner: exactly finditer's matches, each rule tried only where it can start

def _finditer_matches(text: str) -> list[tuple[int, tuple[int, int]]]:
    found_ = []
    for i, (_, regex, trigger) in enumerate(timex_grammar.compiled_rules()):
        if trigger is None or trigger.search(text):
            found_.extend((i, m.span()) for m in regex.finditer(text))
    return sorted(found_)


SAMPLES = [
    "The talks began on Tuesday, March 3, 2024 at 5 p.m. and ran for three days.",
    "Shares rose 12% in the first quarter of 1987 from the year-earlier period; Q3 2019.",
    "He was born in the '90s, left 20 years ago and will be back the week after next.",
    "OPEN 9-11AM ON MONDAYS, 10/7/2018, 2019-aug-01, 1990–1995 and between 3 and 5 pm.",
    "the first of May two thousand sixteen, half past seven, every other Friday, 0730-0930",
    "F-16s cost $12 million; 2000 troops; flight 1234 on Dec31 , 1994.",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_scanner_finds_exactly_what_each_rules_finditer_finds(text):
    assert sorted((i, m.span()) for i, m in timex_grammar._rule_matches(text)) == \
        _finditer_matches(text)


def test_scanner_matches_rules_rule_by_rule_without_overlap_within_a_rule():
    scanner = Scanner([re.compile(r"\d+ days", re.I), re.compile(r"days ago", re.I)])
    got = [(i, m.group()) for i, m in scanner.matches("3 days ago, 4 days", lambda i: True)]
    assert got == [(0, "3 days"), (1, "days ago"), (0, "4 days")]


def test_scanner_drops_a_rule_its_test_of_the_whole_text_refuses():
    scanner = Scanner([re.compile(r"noon", re.I), re.compile(r"\d+ days", re.I)])
    got = [m.group() for _, m in scanner.matches("noon, 3 days", lambda i: i == 1)]
    assert got == ["3 days"]


def test_prefixes_follow_optional_parts_and_repeats():
    assert prefixes(r"(?:the\s+)?next", re.I, 3) == {("t", "h", "e"), ("n", "e", "x")}
    assert prefixes(r"a{2,}b", 0, 4) == {("a", "a", "b"), ("a", "a", "a", "b"),
                                         ("a", "a", "a", "a")}


def test_prefix_trie_shares_common_beginnings():
    assert trie_pattern({("l", "a", "s"), ("l", "a", "t")}) == "la(?:s|t)"
    assert trie_pattern({("l", "a"), ("l", "a", "t")}) == "la"


def test_prefixes_refuse_a_pattern_that_can_match_anywhere():
    with pytest.raises(ValueError, match="any position"):
        prefixes(r"\b(?:x)?", 0)


# dates in words

def test_date_with_day_and_year_in_words(times_nlp):
    text = "She was born on January twenty five nineteen eighty six."
    assert found(times_nlp, text) == {
        "January twenty five nineteen eighty six": ("DATE", "1986-01-25")}


def test_day_month_and_year_said_with_hundred(times_nlp):
    text = "The ship set sail on 6 April seventeen hundred thirty three."
    assert found(times_nlp, text)["6 April seventeen hundred thirty three"] == ("DATE", "1733-04-06")


def test_ordinal_day_and_year_two_thousand_and(times_nlp):
    text = "They meet on January first two thousand and thirty two."
    assert found(times_nlp, text) == {
        "January first two thousand and thirty two": ("DATE", "2032-01-01")}


def test_month_and_cardinal_day_ending_the_phrase_is_a_date(times_nlp):
    text = "The dividend is payable April three, the company said."
    kind, value = found(times_nlp, text)["April three"]
    assert kind == "DATE" and value.endswith("-04-03")


def test_month_before_a_counted_noun_keeps_its_number_apart(times_nlp):
    text = "In May twenty people died and in March fifteen hundred people came."
    assert set(found(times_nlp, text)) == {"May", "March"}


# durations

def test_will_last_two_hours_is_the_duration_without_the_verb(times_nlp):
    assert found(times_nlp, "The meeting will last two hours.") == {
        "two hours": ("DURATION", "PT2H")}


def test_the_last_three_days_keeps_last(times_nlp):
    assert "The last three days" in found(times_nlp, "The last three days were hard.")


def test_count_and_unit_letter_after_for(times_nlp):
    assert found(times_nlp, "The plants were grown for 3Y") == {"3Y": ("DURATION", "P3Y")}
    assert found(times_nlp, "It lasted 2W") == {"2W": ("DURATION", "P2W")}


def test_three_d_printing_is_no_duration(times_nlp):
    assert found(times_nlp, "The parts were designed for 3D printing.") == {}


def test_stretch_starting_on_a_day_runs_to_its_last_day(times_nlp):
    time = next(t for t in times_of(times_nlp, "He is away for 2 weeks starting May 20, 2025.")
                if t.type == "DURATION")
    assert (time.value, time.begin, time.until) == ("P2W", "2025-05-20", "2025-06-02")


def test_hours_from_a_clock_time_end_that_many_hours_later(times_nlp):
    time = next(t for t in times_of(times_nlp, "The hall is booked for 3 hours from 10 am.")
                if t.type == "DURATION")
    assert (time.begin, time.until) == ("2025-04-02T10:00", "2025-04-02T13:00")


def test_more_than_two_weeks_before_today_is_any_day_up_to_then(times_nlp):
    time = times_of(times_nlp, "It ended more than 2 weeks before today.")[0]
    assert (time.value, time.begin, time.until) == ("2025-03-19", None, "2025-03-19")


# sets, months, weeks, numeric forms

def test_every_weekend_is_each_weekend(times_nlp):
    assert found(times_nlp, "They meet every weekend.") == {"every weekend": ("SET", "XXXX-WXX-WE")}
    assert found(times_nlp, "They meet every two weekends.") == {
        "every two weekends": ("SET", "P2WE")}


def test_the_third_month_of_a_year(times_nlp):
    assert found(times_nlp, "They leave the third month of 2021.") == {
        "the third month of 2021": ("DATE", "2021-03")}


def test_end_of_year_without_article_is_the_late_half_of_this_year(times_nlp):
    time = times_of(times_nlp, "A party will be held at end of year.")[0]
    assert (time.text, time.value, time.begin, time.until) == (
        "end of year", "2025", "2025-07-01", "2025-12-31")


def test_two_months_sharing_one_year_across_new_year(times_nlp):
    got = {t.text: (t.value, t.begin, t.until) for t in times_of(times_nlp, "It runs Nov-Feb 2017.")}
    assert got == {"Nov": ("2016-11", "2016-11", "2017-02"),
                   "Feb 2017": ("2017-02", "2016-11", "2017-02")}


def test_month_in_year_as_a_range_end(times_nlp):
    got = {t.text: t.value for t in times_of(times_nlp, "Sales from April to June in 2017 fell.")}
    assert got == {"April": "2017-04", "June in 2017": "2017-06"}


def test_weekday_before_month_dot_day(times_nlp):
    assert found(times_nlp, "Call me on Friday 7.6, please.", dt.date(2018, 7, 2)) == {
        "Friday 7.6": ("DATE", "2018-07-06")}


def test_weekday_before_a_decimal_percentage_is_no_date(times_nlp):
    assert set(found(times_nlp, "Shares fell Friday 7.6 percent.")) == {"Friday"}


def test_loose_year_month_day(times_nlp):
    assert found(times_nlp, "It opens 2018-7-6.") == {"2018-7-6": ("DATE", "2018-07-06")}


def test_compact_date_before_the_sentence_period(times_nlp):
    assert found(times_nlp, "It opened 20161016.") == {"20161016": ("DATE", "2016-10-16")}


def test_month_comma_ordinal_day(times_nlp):
    kind, value = found(times_nlp, "Set it up for October, 1st.")["October, 1st"]
    assert kind == "DATE" and value.endswith("-10-01")


def test_clock_in_words_beside_a_day(times_nlp):
    assert found(times_nlp, "The sun will set tomorrow at seven twenty-seven.") == {
        "tomorrow at seven twenty-seven": ("TIME", "2025-04-03T07:27")}


def test_hour_words_before_a_compound_unit_stay_a_duration(times_nlp):
    assert found(times_nlp, "The contract carries four one-year renewal options.") == {
        "one-year": ("DURATION", "P1Y")}


def test_range_ends_read_in_two_years_share_the_first_ones():
    from factwire.model import Time
    from factwire.nlp.timex_bounds import mark_ranges

    first = Time(id="t1", start=9, end=18, text="april 9th", type="DATE", value="2016-04-09")
    second = Time(id="t2", start=27, end=31, text="17th", type="DATE", value="2017-04-17")
    mark_ranges("i am off april 9th through 17th", [first, second])
    assert (second.value, first.begin, first.until) == ("2016-04-17", "2016-04-09", "2016-04-17")


@pytest.mark.parametrize("module", ["timex_grammar", "timex_words", "timex_scan", "timex_ranges",
                                    "timex_forms"])
def test_docstring_examples_hold(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"factwire.nlp.{module}"))
    assert result.failed == 0 and result.attempted > 0
