"""factwire_times: detection and TIMEX3 normalization of time expressions."""

from __future__ import annotations

import datetime as dt
import json

from factwire.model import Entity, TextSpan
from factwire.nlp import times as _times  # noqa: F401  (registers the factory)
from factwire.nlp.timex_calendar import duration_value, timex_at
from factwire.nlp.timex_grammar import find_candidates
from tests.conftest import shared_path

PUBLISHED = dt.date(2025, 4, 2)  # a Wednesday


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


def test_last_month_by_name_just_gone_is_a_year_back(times_nlp):
    # said in April, the March just gone is "last month": "last March" is March 2024
    assert value_of(times_nlp, "The helicopters crashed last March.", "last March") == "2024-03"
    assert value_of(times_nlp, "The talks began last February.", "last February") == "2025-02"


def test_could_not_be_reached_is_the_weekday_before(times_nlp):
    text = "Officials could not be reached for comment Tuesday."
    assert value_of(times_nlp, text, "Tuesday") == "2025-04-01"
    text = "Neither he nor his aides could be located Tuesday."
    assert value_of(times_nlp, text, "Tuesday") == "2025-04-01"


def test_could_not_before_a_day_is_a_limit_ahead(times_nlp):
    text = "The ministry said the talks could not resume before Friday."
    assert value_of(times_nlp, text, "Friday") == "2025-04-04"


def test_could_without_negation_looks_ahead(times_nlp):
    assert value_of(times_nlp, "Talks could resume Tuesday.", "Tuesday") == "2025-04-08"


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


# clock times and clock ranges

def by_text(nlp, text: str, published=PUBLISHED) -> dict:
    """text of each time -> (type, value, begin, until)."""
    return {t.text: (t.type, t.value, t.begin, t.until) for t in run(nlp, text, published)._.times}


def test_clock_range_start_takes_pm_from_its_end(times_nlp):
    got = by_text(times_nlp, "The polls are open from 5 to 8pm.")
    range_ = ("2025-04-02T17:00", "2025-04-02T20:00")
    assert got == {"5": ("TIME", "2025-04-02T17:00", *range_),
                   "8pm": ("TIME", "2025-04-02T20:00", *range_)}


def test_clock_range_start_after_its_end_on_the_dial_is_morning():
    g = find_candidates("open 11-4pm")
    assert [(c.groups["h"], c.groups["ap"]) for c in g] == [("11", "am"), ("4", "pm")]


def test_between_4pm_and_5pm_is_a_range(times_nlp):
    got = by_text(times_nlp, "Voting ended between 4pm and 5pm.")
    assert got["4pm"][2:] == ("2025-04-02T16:00", "2025-04-02T17:00")


def test_five_to_six_without_a_clock_word_is_not_a_time(times_nlp):
    assert found(times_nlp, "The committee voted 5 to 6 against it.") == {}


def test_clock_range_is_read_on_the_day_beside_it(times_nlp):
    got = by_text(times_nlp, "The talks will run Monday 9-11am.")
    assert got["Monday"][:2] == ("DATE", "2025-04-07")
    assert got["9"][1:] == ("2025-04-07T09:00", "2025-04-07T09:00", "2025-04-07T11:00")


def test_four_in_the_morning_is_a_clock_time(times_nlp):
    assert value_of(times_nlp, "The blast came at 4 in the morning.", "4 in the morning") == \
        "2025-04-02T04:00"


def test_fractions_of_a_unit_are_written_in_smaller_units():
    assert [resolve_text(t) for t in ("2 1/2 years", "5 1/2 hours", "a minute and a half")] == \
        ["P2Y6M", "PT5H30M", "PT1M30S"]


def test_half_past_seven_and_quarter_to_eight():
    assert [resolve_text(t) for t in ("half past seven", "quarter to eight")] == \
        ["2025-04-02T07:30", "2025-04-02T07:45"]


def resolve_text(text: str) -> str:
    from factwire.nlp.timex_resolve import resolve

    (cand,) = find_candidates(text)
    return resolve(cand, PUBLISHED, None)[1]


# compact and numeric forms

def test_month_day_range_splits_into_two_ends(times_nlp):
    got = by_text(times_nlp, "The summit will run June 3-5.")
    assert got == {"June 3": ("DATE", "2025-06-03", "2025-06-03", "2025-06-05"),
                   "5": ("DATE", "2025-06-05", "2025-06-03", "2025-06-05")}


def test_numeric_month_day_after_on_is_a_date(times_nlp):
    assert value_of(times_nlp, "The vote will be held on 11/20.", "11/20") == "2025-11-20"


def test_fraction_is_not_a_date(times_nlp):
    assert found(times_nlp, "Rates rose 7 1/2 percent.") == {}


def test_compact_forms():
    assert [resolve_text(t) for t in ("05-Aug-2016", "2019/aug/01", "Dec-2018", "2015-3",
                                      "Q3 2019", "2019 H2", "3h", "1140 a.m.")] == \
        ["2016-08-05", "2019-08-01", "2018-12", "2015-03", "2019-Q3", "2019-H2", "PT3H",
         "2025-04-02T11:40"]


def test_lowercase_month_after_a_preposition_is_a_month(times_nlp):
    assert value_of(times_nlp, "The drive began in april.", "april") == "2025-04"


# weeks and days of the month

def test_next_friday_is_the_friday_of_next_week(times_nlp):
    assert value_of(times_nlp, "The vote is set for next Friday.", "next Friday") == "2025-04-11"


def test_monday_next_week(times_nlp):
    assert value_of(times_nlp, "They will meet Monday next week.", "Monday next week") == \
        "2025-04-07"


def test_on_the_18th_in_the_past_is_last_months(times_nlp):
    assert value_of(times_nlp, "The attack happened on the 18th.", "the 18th") == "2025-03-18"


def test_on_the_18th_floor_is_not_a_date(times_nlp):
    assert found(times_nlp, "The fire started on the 18th floor.") == {}


def test_first_week_of_october_is_an_iso_week(times_nlp):
    text = "Talks will resume in the first week of October."
    assert value_of(times_nlp, text, "the first week of October") == "2025-W40"


def test_easter_sunday_is_computed():
    assert resolve_text("Easter Sunday 2025") == "2025-04-20"


def test_mondays_is_a_set(times_nlp):
    assert found(times_nlp, "The market opens on Mondays.") == {"Mondays": ("SET", "XXXX-WXX-1")}


# begin and until

def test_within_the_next_three_days_runs_from_today(times_nlp):
    got = by_text(times_nlp, "Troops will withdraw within the next three days.")
    assert got["the next three days"] == ("DURATION", "P3D", "2025-04-02", "2025-04-04")


def test_the_next_three_days_start_tomorrow(times_nlp):
    got = by_text(times_nlp, "Talks will continue over the next three days.")
    assert got["the next three days"] == ("DURATION", "P3D", "2025-04-03", "2025-04-05")


def test_in_two_weeks_said_of_the_future_reaches_one_day(times_nlp):
    got = by_text(times_nlp, "The rule will take effect in two weeks.")
    assert got["two weeks"] == ("DURATION", "P2W", "2025-04-16", "2025-04-16")


def test_the_past_five_years_end_yesterday(times_nlp):
    got = by_text(times_nlp, "Prices rose over the past five years.")
    assert got["the past five years"][2:] == ("2020-04-02", "2025-04-01")


def test_no_later_than_gives_until_and_or_later_gives_begin(times_nlp):
    got = by_text(times_nlp, "Ballots must arrive no later than June 1 and count from 2026 "
                  "or later.")
    assert (got["June 1"][3], got["2026"][2]) == ("2025-06-01", "2026")


def test_from_next_monday_to_friday_runs_forward(times_nlp):
    got = by_text(times_nlp, "The office will be closed from next Monday to Friday.")
    assert got["Friday"] == ("DATE", "2025-04-11", "2025-04-07", "2025-04-11")


def test_between_now_and_may_21_begins_on_the_publication_day(times_nlp):
    got = by_text(times_nlp, "Talks will go on between now and May 21.")
    assert got["May 21"][2:] == ("2025-04-02", "2025-05-21")


def test_after_one_year_and_before_another_are_open_ends(times_nlp):
    got = by_text(times_nlp, "It applies to loans made after 2016 and before 2018.")
    assert (got["2016"][2:], got["2018"][2:]) == (("2016", None), (None, "2018"))


def test_between_three_and_five_is_a_clock_range_only_beside_a_day(times_nlp):
    assert found(times_nlp, "Rates rose between 3 and 5 percent.") == {}
    got = by_text(times_nlp, "The polls were open between 8 and 11 yesterday.")
    assert got["8"][1:] == ("2025-04-01T08:00", "2025-04-01T08:00", "2025-04-01T11:00")


def test_three_days_after_a_date_reaches_one_day(times_nlp):
    got = by_text(times_nlp, "The truce ends 3 days after January 12th.")
    assert got["3 days"] == ("DURATION", "P3D", "2025-01-15", "2025-01-15")


def test_between_a_month_and_today_keeps_today(times_nlp):
    got = by_text(times_nlp, "Prices rose between Jan 2024 and today.")
    assert got["today"] == ("DATE", "2025-04-02", "2024-01", "2025-04-02")


def test_digits_after_a_decimal_point_are_not_a_day(times_nlp):
    assert found(times_nlp, "It fell to 6,107.31 August 2019.") == {"August 2019": ("DATE", "2019-08")}


def test_late_july_is_the_second_half_of_july(times_nlp):
    got = by_text(times_nlp, "The talks will resume in late July.")
    assert got["late July"] == ("DATE", "2025-07", "2025-07-16", "2025-07-31")


def test_since_early_2024_begins_with_the_year(times_nlp):
    got = by_text(times_nlp, "Prices have risen since early 2024.")
    assert got["early 2024"][2:] == ("2024-01-01", None)


def test_a_bare_hour_after_a_day_is_a_clock_time_read_by_its_part_of_day(times_nlp):
    got = found(times_nlp, "The vote will be held tomorrow night at 8.")
    assert got == {"tomorrow night at 8": ("TIME", "2025-04-03T20:00")}


def test_a_bare_hour_after_at_alone_is_not_a_time(times_nlp):
    assert found(times_nlp, "Shares closed at 9 on the exchange.") == {}


def test_tuesday_afternoons_is_a_set(times_nlp):
    got = found(times_nlp, "The clinic opens Tuesday afternoons.")
    assert got == {"Tuesday afternoons": ("SET", "XXXX-WXX-2TAF")}


def test_one_hour_and_30_minutes_is_one_duration(times_nlp):
    got = found(times_nlp, "The hearing lasted one hour and 30 minutes.")
    assert got == {"one hour and 30 minutes": ("DURATION", "PT1H30M")}


def test_week_27_of_last_year_is_an_iso_week():
    assert resolve_text("week 27 of last year") == "2024-W27"


def test_the_past_two_quarters_are_whole_calendar_quarters(times_nlp):
    got = by_text(times_nlp, "Sales fell over the past two quarters.")
    assert got["the past two quarters"] == ("DURATION", "P2Q", "2024-10-01", "2025-03-31")


def test_between_the_ninth_and_the_seventeenth_of_april_is_a_range(times_nlp):
    got = by_text(times_nlp, "The office is closed between the ninth and the seventeenth of April.")
    assert got["ninth"][2:] == ("2025-04-09", "2025-04-17")


def test_the_15th_day_of_next_month(times_nlp):
    text = "Payment is due on the 15th day of next month."
    assert value_of(times_nlp, text, "the 15th day of next month") == "2025-05-15"


def test_two_thousand_and_twenty_is_a_year():
    assert resolve_text("two thousand and twenty") == "2020"


def test_the_first_six_months_of_a_year_is_its_first_half(times_nlp):
    got = by_text(times_nlp, "Sales rose in the first six months of 1998.")
    assert got["the first six months"][2:] == ("1998-01-01", "1998-06-30")


def test_tonight_at_8_without_a_publication_date_keeps_an_unknown_day(times_nlp):
    got = found(times_nlp, "The vote is tonight at 8.", published=None)
    assert got == {"tonight at 8": ("TIME", "XXXX-XX-XXT20:00")}


# more words of English time

def test_the_latest_period_of_a_report_is_the_last_quarter(times_nlp):
    text = "Sales in the latest period rose 13%."
    assert value_of(times_nlp, text, "the latest period") == "2025-Q1"


def test_the_week_of_a_date_is_its_iso_week(times_nlp):
    text = "The vote was delayed to the week of March 6."
    assert value_of(times_nlp, text, "the week of March 6") == "2025-W10"


def test_weekday_before_a_date_names_that_date_and_picks_its_year(times_nlp):
    # past tense alone would say July 2024, but July 4 is a Friday in 2025
    assert value_of(times_nlp, "The meeting moved to Friday 7/4.", "Friday 7/4") == "2025-07-04"


def test_two_to_three_weeks_counts_the_lower_number(times_nlp):
    assert value_of(times_nlp, "Repairs take two to three weeks.", "two to three weeks") == "P2W"


def test_three_quarters_of_the_vote_is_not_a_time(times_nlp):
    assert found(times_nlp, "He won about three-quarters of the vote.") == {}


def test_previous_wednesday_is_last_weeks_and_last_wednesday_the_latest(times_nlp):
    published = dt.date(2025, 4, 3)  # a Thursday
    text = "It met last Wednesday and the previous Wednesday."
    got = found(times_nlp, text, published)
    assert (got["last Wednesday"][1], got["the previous Wednesday"][1]) == \
        ("2025-04-02", "2025-03-26")


def test_abbreviated_month_keeps_its_period(times_nlp):
    assert found(times_nlp, "It ends on the second of Aug.") == \
        {"the second of Aug.": ("DATE", "2025-08-02")}


# building blocks

def test_calendar_formats_weeks_and_durations():
    assert timex_at(PUBLISHED, "W") == "2025-W14"
    assert duration_value(1.5, "Y") == "P1Y6M"  # TimeBank: "2 1/2 years" = P2Y6M
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


# beyond the calendar, and tables

def test_a_date_beyond_the_calendar_is_not_given(times_nlp):
    # 1,428,000 years before 2025 has no TIMEX3 date: no time, and no crash
    assert found(times_nlp, "The rocks formed 1,428,000 years ago.") == {}


def test_a_huge_duration_keeps_its_value_without_days(times_nlp):
    times = run(times_nlp, "Within the next 5,000,000 years the sun will grow.")._.times
    assert [(t.text, t.value, t.begin, t.until) for t in times] == [
        ("the next 5,000,000 years", "P5000000Y", None, None)]


def test_a_number_and_a_unit_in_two_table_rows_are_no_duration(times_nlp):
    text = "Avg shrs 2,332,397 vs 1,428,000\n    Year\n    Shr 1.22 dlrs vs 1.06 dlrs\n"
    assert all("1,428,000" not in t.text for t in run(times_nlp, text)._.times)


def test_late_afternoon_is_the_second_half_of_the_afternoon(times_nlp):
    times = run(times_nlp, "The storm hit in late afternoon.")._.times
    assert [(t.text, t.value, t.begin, t.until) for t in times] == [
        ("late afternoon", "2025-04-02TAF", "2025-04-02T14:00", "2025-04-02T16:00")]


def test_early_in_the_morning_is_the_first_half_of_the_morning(times_nlp):
    times = run(times_nlp, "They left early in the morning.")._.times
    assert [(t.text, t.value, t.begin, t.until) for t in times] == [
        ("early in the morning", "2025-04-02TMO", "2025-04-02T08:00", "2025-04-02T10:00")]


def test_earlier_before_a_part_of_day_noun_is_no_time(times_nlp):
    assert found(times_nlp, "The earlier afternoon session was short.") == {}


def test_later_in_the_year_is_the_second_half_of_this_year(times_nlp):
    times = run(times_nlp, "Elections are due later in the year.")._.times
    assert [(t.text, t.value, t.begin, t.until) for t in times] == [
        ("later in the year", "2025", "2025-07-01", "2025-12-31")]


def test_calendar_year_and_working_week_are_a_year_and_a_week(times_nlp):
    assert found(times_nlp, "Profits rose this calendar year.") == {
        "this calendar year": ("DATE", "2025")}
    assert found(times_nlp, "The law takes effect next working week.") == {
        "next working week": ("DATE", "2025-W15")}


def test_a_year_range_spacy_keeps_as_one_token_gives_both_years(times_nlp):
    times = run(times_nlp, "Prices rose in 1990–1995 and 2014~2018.")._.times
    assert [(t.text, t.value, t.begin, t.until) for t in times] == [
        ("1990", "1990", "1990", "1995"), ("1995", "1995", "1990", "1995"),
        ("2014", "2014", "2014", "2018"), ("2018", "2018", "2014", "2018")]


def test_a_score_joined_by_a_dash_is_no_time(times_nlp):
    assert found(times_nlp, "The team won 3–2 on Sunday.") == {
        "Sunday": ("DATE", "2025-03-30")}


def test_military_hours_with_a_leading_zero_make_a_clock_range(times_nlp):
    times = run(times_nlp, "The office is open between 0730-0930.")._.times
    assert [(t.text, t.value, t.begin, t.until) for t in times] == [
        ("0730", "2025-04-02T07:30", "2025-04-02T07:30", "2025-04-02T09:30"),
        ("0930", "2025-04-02T09:30", "2025-04-02T07:30", "2025-04-02T09:30")]


def test_a_phone_number_with_a_dash_is_no_clock_range(times_nlp):
    assert found(times_nlp, "Call 0207-1234 for details.") == {}


def test_clock_times_in_words_from_one_to_another_make_a_range(times_nlp):
    times = run(times_nlp, "We played from three thirty to four forty-five.")._.times
    assert [(t.text, t.value, t.begin, t.until) for t in times] == [
        ("three thirty", "2025-04-02T03:30", "2025-04-02T03:30", "2025-04-02T04:45"),
        ("four forty-five", "2025-04-02T04:45", "2025-04-02T03:30", "2025-04-02T04:45")]


def test_amounts_in_words_from_one_to_another_are_no_clock_range(times_nlp):
    assert found(times_nlp, "Prices went from one twenty to two fifty.") == {}


def test_a_weekday_early_morning_at_a_clock_time_is_that_day_and_time(times_nlp):
    assert found(times_nlp, "The race started on Sunday early morning at 8:00.") == {
        "Sunday early morning at 8:00": ("TIME", "2025-03-30T08:00")}


def test_juneteenth_is_june_19(times_nlp):
    assert found(times_nlp, "Juneteenth became a federal holiday in 2021.") == {
        "Juneteenth": ("DATE", "2025-06-19"), "2021": ("DATE", "2021")}


def test_a_holiday_weekend_is_the_weekend_of_the_holiday(times_nlp):
    # Labor Day 2024 is Monday, September 2: its weekend is the one before it
    assert found(times_nlp, "Traffic was heavy over Labor Day 2024 weekend.") == {
        "Labor Day 2024 weekend": ("DATE", "2024-W35-WE")}
    assert found(times_nlp, "They met the weekend of Halloween 2021.") == {
        "the weekend of Halloween 2021": ("DATE", "2021-W43-WE")}


# tense and year of dates told without a year (session 3)

def test_since_puts_a_date_without_year_in_the_past(times_nlp):
    text = "Investigators have been searching for him since shortly after the Oct. 23 slaying."
    assert value_of(times_nlp, text, "Oct. 23") == "2024-10-23"


def test_a_participle_after_its_noun_is_past(times_nlp):
    text = "The index ended within 70 points of its record high set on Aug. 6."
    assert value_of(times_nlp, text, "Aug. 6", dt.date(2025, 2, 6)) == "2024-08-06"


def test_the_year_ended_march_31_is_the_one_gone_by(times_nlp):
    text = "The unit had profit of $50 million in the year ended March 31."
    assert value_of(times_nlp, text, "March 31", dt.date(2025, 10, 31)) == "2025-03-31"


def test_an_effective_date_lies_ahead(times_nlp):
    text = "The trust also created a four-member office of the chairman, effective Feb. 1."
    assert value_of(times_nlp, text, "Feb. 1", dt.date(2025, 10, 26)) == "2026-02-01"


def test_a_participle_clause_takes_the_tense_of_its_clause(times_nlp):
    text = "He was found floating off the coast on Thanksgiving Day."
    assert value_of(times_nlp, text, "Thanksgiving Day", dt.date(2025, 4, 3)) == "2024-11-28"


def test_a_date_without_tense_lies_in_the_eight_months_before_or_four_after():
    from factwire.nlp.timex_calendar import year_for_month_day

    published = dt.date(2025, 10, 30)
    assert year_for_month_day(published, 3, None, None) == 2025
    assert year_for_month_day(published, 1, None, None) == 2026
    assert year_for_month_day(published, 4, 1, None) == 2025
    assert year_for_month_day(published, 4, 1, "present") == 2026


def test_had_been_scheduled_for_friday_is_the_friday_gone_by(times_nlp):
    text = "The offer previously had been scheduled to expire Friday."
    assert value_of(times_nlp, text, "Friday") == "2025-03-28"


def test_a_singular_subject_makes_hurt_past(times_nlp):
    text = "Weakness in big technology stocks hurt the index on Friday."
    assert value_of(times_nlp, text, "Friday", dt.date(2025, 3, 31)) == "2025-03-28"


def test_an_hour_later_stays_on_the_day(times_nlp):
    text = "He was shot on Oct. 23, 2025. Just over an hour later, he was declared dead."
    assert value_of(times_nlp, text, "Just over an hour later") == "2025-10-23"


# times that count from the story, and the quarter a report is about

def test_the_following_year_counts_from_the_year_the_story_named(times_nlp):
    text = "On May 22, 1995, he was made a general, and the following year he became attache."
    assert value_of(times_nlp, text, "the following year") == "1996"


def test_the_previous_friday_counts_from_the_friday_the_story_named(times_nlp):
    text = "The index closed Friday at 2082.1, down 4.5% from the previous Friday."
    assert value_of(times_nlp, text, "the previous Friday", dt.date(2025, 3, 31)) == "2025-03-21"


def test_the_quarter_is_the_quarter_the_report_is_about(times_nlp):
    text = ("The company earned $5.2 million in the fiscal first quarter. It shipped 28,000 "
            "systems in the quarter, he said.")
    assert value_of(times_nlp, text, "the quarter", dt.date(2025, 10, 26)) == "2025-Q1"


def test_a_year_earlier_after_nine_months_is_the_year_before(times_nlp):
    text = ("Net income rose 11% in the third quarter. In the first nine months, net was $306 "
            "million, compared with $195 million a year earlier.")
    assert value_of(times_nlp, text, "a year earlier", dt.date(2025, 11, 2)) == "2024"


def test_the_year_earlier_period_of_a_report_is_its_first_quarter_a_year_back(times_nlp):
    text = ("Kimberly-Clark posted a 20% gain in third-quarter net income. It had a flat second "
            "quarter. The comparison was helped by charges taken in the year-earlier period.")
    assert value_of(times_nlp, text, "the year-earlier period", dt.date(2025, 11, 1)) == "2024-Q3"


def test_daily_before_a_noun_is_how_often(times_nlp):
    assert found(times_nlp, "Thousands attended what has become a daily public rally.")[
        "daily"] == ("SET", "P1D")


def test_a_bare_previous_monday_is_last_weeks_not_the_storys(times_nlp):
    text = "It should be next Monday or previous Monday."
    assert value_of(times_nlp, text, "previous Monday", dt.date(2018, 11, 15)) == "2018-11-05"


def test_through_a_month_after_a_present_perfect_is_ahead(times_nlp):
    text = "The group has extended $90 million in revolving loans through January."
    assert value_of(times_nlp, text, "January", dt.date(2025, 10, 30)) == "2026-01"


def test_until_a_clock_and_day_after_a_present_perfect_is_ahead(times_nlp):
    text = "The agency has given the relatives until 9 a.m. Tuesday to sign a paper."
    assert value_of(times_nlp, text, "9 a.m. Tuesday", dt.date(2025, 3, 31)) == \
        "2025-04-01T09:00"


def test_a_possessive_month_is_not_placed_by_the_verb(times_nlp):
    text = "After a small downward revision Friday to December's figures, payrolls rose."
    assert value_of(times_nlp, text, "December", dt.date(2025, 2, 6)) == "2024-12"


def test_last_years_quarter_is_the_reported_quarter_a_year_back(times_nlp):
    text = ("The company reported a loss for the third quarter ended Sept. 30. Sales rose. "
            "U.K. sales for last year's quarter were about $3 million.")
    assert value_of(times_nlp, text, "last year", dt.date(2025, 11, 1)) == "2024-Q3"


def test_a_day_joined_to_a_clock_range_takes_the_days_tense(times_nlp):
    text = "Are you available on Monday morning from 10am to 12pm"
    times = found(times_nlp, text, dt.date(2018, 11, 1))
    assert times["Monday morning"][1] == "2018-11-05TMO"
    assert times["10am"][1] == "2018-11-05T10:00"


def test_would_with_a_weekday_looks_ahead_from_the_saying(times_nlp):
    text = "Officials announced that the father would be traveling to the United States Thursday."
    assert value_of(times_nlp, text, "Thursday") == "2025-04-03"


def test_a_lower_case_march_in_cased_text_is_a_procession(times_nlp):
    text = "He was arrested at this march in each of the last three years, police said."
    assert "this march" not in found(times_nlp, text)


def test_the_quarter_ending_a_quarter_end_is_that_calendar_quarter(times_nlp):
    text = ("Sales rose 5% in the second quarter. The company expects profit to improve in the "
            "quarter ending Dec. 31.")
    assert value_of(times_nlp, text, "the quarter", dt.date(2025, 10, 2)) == "2025-Q4"


def test_the_quarter_after_its_end_date_is_that_calendar_quarter(times_nlp):
    # the fiscal first quarter is named first; "the quarter ended Sept. 30" is calendar Q3,
    # and a later "the quarter" is that same quarter
    text = ("Delta reported results for the fiscal first quarter. For the quarter ended Sept. 30, "
            "Delta posted net income of $133 million. During the quarter, Delta issued shares.")
    times = run(times_nlp, text, dt.date(1989, 10, 26))._.times
    assert [t.value for t in times if t.text == "the quarter"] == ["1989-Q3", "1989-Q3"]


def test_a_month_ahead_placed_by_a_simple_past_is_last_years(times_nlp):
    text = "The operator changed from a fiscal year to a calendar year in December."
    assert value_of(times_nlp, text, "December", dt.date(1989, 10, 27)) == "1988-12"


def test_a_month_ahead_of_a_past_report_keeps_its_year(times_nlp):
    # "a cutback in September": the month places the cutback, not the telling
    text = "Saudi Arabia told oil companies of a cutback in its oil supply in September."
    assert value_of(times_nlp, text, "September", dt.date(1990, 8, 16)) == "1990-09"


def test_with_clause_takes_the_tense_of_its_verb(times_nlp):
    text = ("It said two new flights would leave Bombay from March 30, with the third "
            "departing each Thursday from August 6.")
    assert value_of(times_nlp, text, "August 6", dt.date(1998, 2, 13)) == "1998-08-06"
