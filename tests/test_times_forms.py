"""factwire_times: written forms of times (timex_grammar, timex_forms) and the one-pass
scanner that runs the grammar's rules (timex_scan)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from factwire.nlp import times as _times  # noqa: F401  (registers the factory)
from factwire.nlp import timex_grammar
from factwire.nlp.timex_scan import Scanner, prefixes, trie_pattern

PUBLISHED = dt.date(2025, 4, 2)  # a Wednesday


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
    "It will one day rule for almost a hundred years, at mid-afternoon yesterday, post-1959.",
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


# counts, units and words around them (TimeBank spans)

def test_more_between_count_and_unit_keeps_the_duration(times_nlp):
    assert found(times_nlp, "He may stay for at least two more weeks.") == {
        "at least two more weeks": ("DURATION", "P2W")}


def test_an_additional_year_is_one_year(times_nlp):
    assert found(times_nlp, "The loan may be extended for an additional year.") == {
        "an additional year": ("DURATION", "P1Y")}


def test_hundred_and_thousand_multiply_the_count(times_nlp):
    assert found(times_nlp, "It has ruled for almost a hundred years.") == {
        "almost a hundred years": ("DURATION", "P100Y")}
    assert found(times_nlp, "They kept the secret for two thousand years.") == {
        "two thousand years": ("DURATION", "P2000Y")}


def test_hundred_as_an_amount_of_people_is_no_time(times_nlp):
    assert found(times_nlp, "In March fifteen hundred people came.") == {"March": ("DATE", "2025-03")}


def test_trading_days_are_days(times_nlp):
    assert found(times_nlp, "Eight trading days after the crash, the index recovered.") == {
        "Eight trading days": ("DURATION", "P8D")}


def test_unit_long_adjective_is_a_duration(times_nlp):
    assert found(times_nlp, "They emerged from their third day-long meeting.") == {
        "day-long": ("DURATION", "P1D")}
    assert found(times_nlp, "It was a decades-long battle.") == {
        "decades-long": ("DURATION", "PXDE")}


def test_about_n_units_or_so_ago_is_a_date(times_nlp):
    assert found(times_nlp, "Then, a week or so ago, he chose the site.")[
        "a week or so ago"][0] == "DATE"


def test_year_after_pre_or_post_is_the_year(times_nlp):
    assert found(times_nlp, "The post-1959 politics split families.") == {
        "post-1959": ("DATE", "1959")}


def test_mid_afternoon_is_a_part_of_the_day(times_nlp):
    assert found(times_nlp, "By mid afternoon, sources said it was over.") == {
        "mid afternoon": ("TIME", "2025-04-02TAF")}


def test_part_of_day_before_yesterday_names_yesterdays(times_nlp):
    assert found(times_nlp, "In London at mid-afternoon yesterday, shares rose.") == {
        "mid-afternoon yesterday": ("TIME", "2025-04-01TAF")}


def test_then_current_is_the_past(times_nlp):
    assert found(times_nlp, "He may buy shares at half the then current market price.") == {
        "then current": ("DATE", "PAST_REF")}


def test_a_later_date_is_the_future(times_nlp):
    assert found(times_nlp, "The rest will be sold at a later date.") == {
        "a later date": ("DATE", "FUTURE_REF")}


def test_night_of_a_date_leaves_the_date_to_say_it(times_nlp):
    assert found(times_nlp, "He was shot on the night of Oct. 23, 2024 in his kitchen.") == {
        "Oct. 23, 2024": ("DATE", "2024-10-23")}


def test_a_title_in_quotes_is_no_time(times_nlp):
    assert found(times_nlp, 'He said on ABC\'s "This Week," that the talks failed.') == {}
    assert found(times_nlp, '"This week we will win," he said.') == {
        "This week": ("DATE", "2025-W14")}


def test_for_centuries_is_a_duration(times_nlp):
    assert found(times_nlp, "Ukraine was ruled from Moscow for centuries.") == {
        "centuries": ("DURATION", "PXCE")}


def test_a_count_and_singular_unit_before_a_noun_leaves_the_to_the_noun(times_nlp):
    assert found(times_nlp, "The eight-year war with Iran ended.") == {
        "eight-year": ("DURATION", "P8Y")}
    assert found(times_nlp, "It lasted the two days of talks.") == {
        "the two days": ("DURATION", "P2D")}


def test_the_year_ago_before_a_noun_that_is_not_a_time_leaves_the_out(times_nlp):
    assert found(times_nlp, "The year-ago results included a charge.") == {
        "year-ago": ("DATE", "2024")}
    assert found(times_nlp, "In the year-ago period, it earned more.") == {
        "the year-ago period": ("DATE", "2024")}


def test_one_day_after_a_modal_is_some_time_ahead(times_nlp):
    assert found(times_nlp, "Islam will one day be the second largest religion.") == {
        "one day": ("DATE", "FUTURE_REF")}
    assert found(times_nlp, "He had only been in the job one day.") == {
        "one day": ("DURATION", "P1D")}


def test_a_quotation_opening_with_a_weekday_is_still_a_time(times_nlp):
    assert found(times_nlp, '"Last Friday we met," he said.') == {
        "Last Friday": ("DATE", "2025-03-28")}


def test_the_quarter_a_year_ago_is_one_expression(times_nlp):
    assert found(times_nlp, "For the quarter a year ago, it earned $16.3 million.") == {
        "the quarter a year ago": ("DATE", "2024-Q1")}


def test_weekday_in_the_morning_is_that_days_morning(times_nlp):
    assert found(times_nlp, "They met Tuesday in the evening and left.") == {
        "Tuesday in the evening": ("TIME", "2025-04-01TEV")}
    assert found(times_nlp, "We meet tomorrow in the afternoon.") == {
        "tomorrow in the afternoon": ("TIME", "2025-04-03TAF")}


def test_another_day_is_one_more_day(times_nlp):
    assert found(times_nlp, "He will leave for another day.") == {
        "another day": ("DURATION", "P1D")}


def test_weekday_before_a_date_in_words_is_one_expression(times_nlp):
    text = "Women's Day is this coming Sunday, March eighth. It matters."
    assert found(times_nlp, text, published=dt.date(1998, 3, 5)) == {
        "this coming Sunday, March eighth": ("DATE", "1998-03-08")}
