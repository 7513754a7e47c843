"""factwire_times: detection and TIMEX3 normalization of time expressions."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import spacy

from factwire.model import Entity, TextSpan
from factwire.nlp import MODEL
from factwire.nlp import times as _times  # noqa: F401  (registers the factory)
from factwire.nlp.timex_calendar import duration_value, timex_at
from factwire.nlp.timex_grammar import find_candidates
from tests.conftest import shared_path

PUBLISHED = dt.date(2025, 4, 2)  # a Wednesday


@pytest.fixture(scope="module")
def times_nlp():
    """The spaCy model with only factwire_times after it (fast, no other components)."""
    nlp = spacy.load(MODEL, exclude=["senter"])
    nlp.add_pipe("factwire_times")
    return nlp


def run(nlp, text: str, published=PUBLISHED, entities=None):
    doc = nlp.make_doc(text)
    doc._.published = published
    if entities is not None:
        doc._.entities, doc._.entity_at = entities
    return nlp(doc)


def found(nlp, text: str, published=PUBLISHED) -> dict[str, tuple[str, str]]:
    """text of each time -> (type, value)."""
    return {t.text: (t.type, t.value) for t in run(nlp, text, published)._.times}


def value_of(nlp, text: str, expression: str, published=PUBLISHED) -> str | None:
    return found(nlp, text, published).get(expression, (None, None))[1]


# tense of the governing verb

def test_began_tuesday_is_tuesday_before_publication(times_nlp):
    assert value_of(times_nlp, "The drive began Tuesday.", "Tuesday") == "2025-04-01"


def test_will_meet_on_tuesday_is_next_tuesday(times_nlp):
    assert value_of(times_nlp, "The envoys will meet on Tuesday.", "Tuesday") == "2025-04-08"


def test_as_soon_as_tuesday_looks_ahead(times_nlp):
    text = "The group would be ready to leave as soon as Tuesday, he said."
    assert value_of(times_nlp, text, "Tuesday") == "2025-04-08"


def test_is_to_resume_tuesday_is_next_tuesday(times_nlp):
    text = "The stock is to resume trading in Paris Tuesday."
    assert value_of(times_nlp, text, "Tuesday") == "2025-04-08"


def test_set_friday_as_the_deadline_is_last_friday(times_nlp):
    text = "The agency set Friday as the deadline for his return."
    assert value_of(times_nlp, text, "Friday") == "2025-03-28"


def test_is_set_for_friday_is_next_friday(times_nlp):
    assert value_of(times_nlp, "The vote is set for Friday.", "Friday") == "2025-04-04"


def test_runs_through_july_15_is_this_july(times_nlp):
    doc = run(times_nlp, "The drive runs through July 15.")
    (time,) = doc._.times
    assert (time.text, time.value, time.until) == ("July 15", "2025-07-15", "2025-07-15")


# relative to the publication date

def test_last_august_resolves_to_previous_year(times_nlp):
    assert value_of(times_nlp, "The attack came last August.", "last August") == "2024-08"


def test_three_years_ago_is_a_year(times_nlp):
    assert value_of(times_nlp, "It had 15,000 three years ago.", "three years ago") == "2022"


def test_this_week_is_the_iso_week(times_nlp):
    assert value_of(times_nlp, "He will visit this week.", "this week") == "2025-W14"


def test_last_year_is_previous_year(times_nlp):
    assert value_of(times_nlp, "Sales fell last year.", "last year") == "2024"


def test_last_years_spring_is_a_season(times_nlp):
    text = "It is up from last year’s spring draft."
    assert value_of(times_nlp, text, "last year’s spring") == "2024-SP"


def test_the_spring_draft_is_this_spring(times_nlp):
    assert value_of(times_nlp, "The spring draft starts now.", "The spring") == "2025-SP"


def test_today_is_the_publication_day(times_nlp):
    assert value_of(times_nlp, "It has 1.5 million troops today.", "today") == "2025-04-02"


def test_yesterday_and_tomorrow(times_nlp):
    got = found(times_nlp, "It rained yesterday and will snow tomorrow.")
    assert got["yesterday"] == ("DATE", "2025-04-01")
    assert got["tomorrow"] == ("DATE", "2025-04-03")


def test_next_month_and_two_days_later(times_nlp):
    got = found(times_nlp, "Talks open next month and end two days later.")
    assert got["next month"] == ("DATE", "2025-05")
    assert got["two days later"] == ("DATE", "2025-04-04")


def test_last_weekend(times_nlp):
    assert value_of(times_nlp, "Protests spread last weekend.", "last weekend") == "2025-W13-WE"


def test_months_ahead_is_future_ref(times_nlp):
    text = "It will depend on talks in the months ahead."
    assert value_of(times_nlp, text, "the months ahead") == "FUTURE_REF"


def test_recently_now_and_currently(times_nlp):
    got = found(times_nlp, "North Korea recently sent troops; it now has more and currently "
                           "holds the line.")
    assert got["recently"][1] == "PAST_REF"
    assert got["now"][1] == "PRESENT_REF"
    assert got["currently"][1] == "PRESENT_REF"


# absolute dates

def test_full_dates_in_three_notations(times_nlp):
    got = found(times_nlp, "It opened on March 3, 2024, closed 3 March 2025 and reopened "
                           "2024-05-01.")
    assert got["March 3, 2024"] == ("DATE", "2024-03-03")
    assert got["3 March 2025"] == ("DATE", "2025-03-03")
    assert got["2024-05-01"] == ("DATE", "2024-05-01")


def test_in_2022_and_since_2014(times_nlp):
    doc = run(times_nlp, "It invaded in 2022 and has fought there since 2014.")
    by_text = {t.text: t for t in doc._.times}
    assert by_text["2022"].value == "2022"
    assert (by_text["2014"].value, by_text["2014"].begin) == ("2014", "2014")


def test_mid_year_quarter_decade(times_nlp):
    got = found(times_nlp, "Output fell in mid-2023, in the first quarter of 2024 and "
                           "throughout the 1990s.")
    assert got["mid-2023"] == ("DATE", "2023")
    assert got["the first quarter of 2024"] == ("DATE", "2024-Q1")
    assert got["the 1990s"] == ("DATE", "199")


def test_from_march_to_may_is_a_range(times_nlp):
    doc = run(times_nlp, "Prices will rise from March to May 2025.")
    march = doc._.times[0]
    assert (march.text, march.begin, march.until) == ("March", "2025-03", "2025-05")


def test_clock_time_on_a_weekday(times_nlp):
    got = found(times_nlp, "Polls closed at 5 p.m. on Tuesday.")
    assert got["5 p.m. on Tuesday"] == ("TIME", "2025-04-01T17:00")


def test_range_without_years_runs_forward(times_nlp):
    doc = run(times_nlp, "Rains fell from March to May.", published=dt.date(2018, 9, 7))
    assert [(t.value, t.begin, t.until) for t in doc._.times] == [
        ("2018-03", "2018-03", "2018-05"), ("2018-05", "2018-03", "2018-05")]


def test_year_range_carries_begin_and_until(times_nlp):
    doc = run(times_nlp, "He governed from 1990-1995.")
    assert [(t.text, t.begin, t.until) for t in doc._.times] == \
        [("1990", "1990", "1995"), ("1995", "1990", "1995")]


def test_numbers_in_codes_are_not_years(times_nlp):
    assert found(times_nlp, "Call +86 138-2010-2015 or use code 2015-32.") == {}


def test_the_past_year_is_the_previous_year_as_timebank_marks_it(times_nlp):
    text = "Hate groups grew over the past year."
    assert found(times_nlp, text)["the past year"] == ("DATE", "2024")


def test_the_past_two_years_is_a_duration(times_nlp):
    assert found(times_nlp, "Prices rose over the past two years.")["the past two years"] == (
        "DURATION", "P2Y")


def test_year_words_inside_a_larger_number_are_not_years(times_nlp):
    assert found(times_nlp, "It raised two hundred and two thousand dollars.") == {}
    assert found(times_nlp, "They counted two thousand three hundred votes.") == {}
    assert value_of(times_nlp, "In two thousand, prices rose.", "two thousand") == "2000"


def test_spelled_out_year(times_nlp):
    got = found(times_nlp, "It began in the winter of nineteen ninety-four.")
    assert got["the winter of nineteen ninety-four"] == ("DATE", "1994-WI")


# times that count from other times in the article

def test_a_year_earlier_in_a_quarterly_report_is_that_quarter(times_nlp):
    text = "Profit rose in the third quarter from $5 million a year earlier."
    got = found(times_nlp, text, published=dt.date(1989, 10, 26))
    assert got["the third quarter"] == ("DATE", "1989-Q3")
    assert got["a year earlier"] == ("DATE", "1988-Q3")


def test_two_days_later_counts_from_the_story_date(times_nlp):
    text = "The strike began on March 3, 2024. Two days later, talks resumed."
    assert value_of(times_nlp, text, "Two days later") == "2024-03-05"


def test_clock_time_alone_is_on_the_story_day(times_nlp):
    text = "The quake struck on Friday, Aug. 7. It hit at 10:35 a.m."
    assert value_of(times_nlp, text, "10:35 a.m.", published=dt.date(1998, 8, 8)) == \
        "1998-08-07T10:35"


# durations and sets

def test_the_first_nine_months_is_a_duration(times_nlp):
    got = found(times_nlp, "Sales rose in the first nine months.")
    assert got["the first nine months"] == ("DURATION", "P9M")


def test_for_three_years_is_a_duration(times_nlp):
    assert found(times_nlp, "He served for three years.")["three years"] == ("DURATION", "P3Y")


def test_every_week_is_a_set(times_nlp):
    assert found(times_nlp, "They meet every week.")["every week"] == ("SET", "P1W")


# things that are not times

def test_may_modal_is_not_a_date(times_nlp):
    assert found(times_nlp, "Russia may be dragging its feet.") == {}


def test_ages_counts_and_ordinals_are_not_dates(times_nlp):
    text = ("It drafts men between the ages of 18 and 30, sent 3,000 soldiers and 1 million "
            "troops in one of its largest drives; 2000 troops stayed.")
    assert found(times_nlp, text) == {}


def test_rates_per_unit_are_not_durations(times_nlp):
    text = "It pays a dividend of $1.76 a year and adds 700 seats a week."
    assert found(times_nlp, text) == {}


def test_march_as_a_verb_or_event_name_is_not_a_date(times_nlp):
    assert found(times_nlp, "They march to the square. He spoke at the March on the "
                            "capital.") == {}


def test_sunday_times_name_is_not_a_date(times_nlp):
    text = "The Sunday Times reported it."
    doc = times_nlp.make_doc(text)
    mention = TextSpan(start=4, end=17, text="Sunday Times")
    entity = Entity(id="e1", name="The Sunday Times", type="ORG", mentions=[mention])
    doc._.published = PUBLISHED
    doc._.entities, doc._.entity_at = [entity], {1: "e1", 2: "e1"}
    assert times_nlp(doc)._.times == []


def test_no_anchor_keeps_unanchored_value(times_nlp):
    got = found(times_nlp, "The drive began Tuesday and runs through July 15.", published=None)
    assert got["Tuesday"] == ("DATE", "XXXX-WXX-2")
    assert got["July 15"] == ("DATE", "XXXX-07-15")


def test_earlier_full_date_anchors_when_no_publication_date(times_nlp):
    text = "On March 5, 2024, officials said the drive began Tuesday."
    assert value_of(times_nlp, text, "Tuesday", published=None) == "2024-03-05"


def test_time_at_maps_every_token(times_nlp):
    doc = run(times_nlp, "It fell three years ago.")
    (time,) = doc._.times
    assert [doc[i].text for i, tid in sorted(doc._.time_at.items()) if tid == time.id] == \
        ["three", "years", "ago"]
    assert doc.text[time.start:time.end] == time.text


# building blocks

def test_calendar_formats_weeks_and_durations():
    assert timex_at(PUBLISHED, "W") == "2025-W14"
    assert duration_value(1.5, "Y") == "P18M"
    assert duration_value(None, "Y") == "PXY"


def test_grammar_prefers_the_longest_expression():
    assert [c.rule for c in find_candidates("on Tuesday, March 3, 2024 at 5 p.m.")] == \
        ["day_clock"]


# the seed article through the whole pipeline

def test_seed_times_through_extract():
    from factwire import extract

    text = shared_path("seed", "000_8d858b2339348b19.txt").read_text(encoding="utf-8")
    golden = json.loads(shared_path("golden", "seed.expected.json").read_text(encoding="utf-8"))
    times = extract(text, published="2025-04-02").times
    for item in golden["times"]["required"] + golden["times"]["stretch"]:
        wanted = item.get("value_any_of") or [item["value"]]
        assert any(_text_matches(item["text"], t.text) and t.value in wanted for t in times), item


def _text_matches(expected: str, actual: str) -> bool:
    e, a = expected.strip().casefold(), actual.strip().casefold()
    return e in a or a in e
