"""factwire_quantities: numbers, units, ranges, comparators, changes, roles, derived figures.

Unit tests parse small inline texts with the full pipeline and, where a test is about how
quantities use entities or times, set ``doc._.entities``/``doc._.times`` by hand and rerun
only the quantities component, so they do not depend on the other components' rules.
"""

from __future__ import annotations

import json

import pytest

from factwire.model import Entity, TextSpan, Time
from factwire.nlp.numbers import find_numbers
from tests.conftest import shared_path


def quantities(nlp, text, entities=None, times=None):
    """The quantities of ``text``; ``entities``/``times``: {surface: (id, type, extra)}."""
    doc = nlp(text)
    if entities is not None:
        _set_entities(doc, entities)
    if times is not None:
        _set_times(doc, times)
    if entities is not None or times is not None:
        nlp.get_pipe("factwire_quantities")(doc)
    return doc._.quantities


def _spans(doc, surface):
    start = doc.text.index(surface)
    return doc.char_span(start, start + len(surface), alignment_mode="expand")


def _set_entities(doc, entities):
    found, at = [], {}
    for surface, (eid, kind, country) in entities.items():
        span = _spans(doc, surface)
        found.append(Entity(id=eid, name=surface, type=kind, country=country,
                            mentions=[TextSpan(span.start_char, span.end_char, span.text)]))
        at.update({t.i: eid for t in span})
    doc._.entities, doc._.entity_at = found, at


def _set_times(doc, times):
    found, at = [], {}
    for surface, (tid, value) in times.items():
        span = _spans(doc, surface)
        found.append(Time(id=tid, start=span.start_char, end=span.end_char, text=span.text,
                          type="DATE", value=value))
        at.update({t.i: tid for t in span})
    doc._.times, doc._.time_at = found, at


def one(found, text):
    """The single quantity whose text contains ``text``."""
    hits = [q for q in found if text in q.text and not q.derived]
    assert len(hits) == 1, [q.text for q in found]
    return hits[0]


# --- numbers in digits and words ---------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("3,000", 3000), ("three thousand", 3000), ("1.5m", 1_500_000), ("2.5bn", 2.5e9),
    ("half a million", 500_000), ("a dozen", 12), ("160,000", 160_000),
    ("1 million", 1_000_000), ("one hundred and sixty-one", 161), ("two thirds", 2 / 3),
    ("10k", 10_000), ("1 234 567", 1_234_567), ("4e14", 4e14), ("2 1/2", 2.5),
    ("1-1/8", 1.125), ("8x2^10", 8192),
])
def test_numbers_in_digits_and_words_have_their_value(text, expected):
    (number,) = find_numbers(text)
    assert number.text == text
    assert number.value == pytest.approx(expected)


def test_tens_of_thousands_is_a_vague_range():
    (number,) = find_numbers("tens of thousands")
    assert (number.value, number.low, number.high) == (None, 10_000, 100_000)


@pytest.mark.parametrize("text, expected", [
    ("one twenty-fifth", 1 / 25), ("three twenty-firsts", 3 / 21),
    ("one hundred thirty-fifths", 100 / 35), ("one hundred thirty-two fifths", 132 / 5),
    ("one hundred and thirty fifths", 130 / 5), ("one one hundred and fifth", 1 / 105),
    ("a hundred thousand trillionths", 1e5 / 1e12), ("ninety-five hundred fifths", 1900),
    ("two thirds of a million", 2e6 / 3), ("one hundred and three quarters", 100.75),
])
def test_fraction_denominators_are_the_longest_ordinal_after_a_numerator(text, expected):
    (number,) = find_numbers(text)
    assert (number.text, number.value) == (text, pytest.approx(expected))


@pytest.mark.parametrize("text", ["one hundred twenty-fifth anniversary", "thirty seconds",
                                  "a fifth term", "one hundred twenty seconds"])
def test_ordinals_and_seconds_are_not_fractions(text):
    assert all(n.kind != "fraction" for n in find_numbers(text))


@pytest.mark.parametrize("text, values", [
    ("two hundred point seventy-one", [200.71]),
    ("3 hundred and 2 hundred", [300, 200]), ("4 thousand 3 hundred and 0", [4300, 0]),
    ("two hundred and two thousand", [202_000]), ("1 in twenty-one", [1 / 21]),
    ("there are 12 out of 10", [12, 10]), ("the 1986/87 season", [1986, 87]),
    ("That one is good, and which one is yours?", []), ("192.168.1.2", [192, 168, 1, 2]),
])
def test_how_english_joins_and_separates_numbers(text, values):
    assert [n.value for n in find_numbers(text)] == [pytest.approx(v) for v in values]


def test_ordinals_are_flagged():
    assert [n.kind for n in find_numbers("the 3rd and the twenty-first")] == ["ordinal"] * 2


def test_counted_noun_follows_the_number(nlp):
    q = one(quantities(nlp, "The army will draft 160,000 men this spring."), "160,000")
    assert (q.value, q.counted, q.comparator, q.approximate) == (160_000, "men", "=", False)


def test_spelled_number_with_counted_noun(nlp):
    q = one(quantities(nlp, "The factory employs three thousand workers."), "three thousand")
    assert (q.value, q.counted) == (3000, "workers")


def test_half_a_million_people(nlp):
    q = one(quantities(nlp, "Half a million people lack clean water."), "Half a million")
    assert (q.value, q.counted) == (500_000, "people")


def test_hundreds_alone_is_vague(nlp):
    q = one(quantities(nlp, "Police fired tear gas at hundreds of protesters."), "hundreds")
    assert (q.value, q.low, q.high, q.counted) == (None, 100, 1000, "protesters")


def test_tens_of_thousands_of_civilians(nlp):
    q = one(quantities(nlp, "Tens of thousands of civilians fled the city."), "Tens")
    assert (q.value, q.low, q.high, q.approximate) == (None, 10_000, 100_000, True)
    assert q.counted == "civilians"


def test_a_dozen_soldiers(nlp):
    q = one(quantities(nlp, "A dozen soldiers were wounded."), "dozen")
    assert (q.value, q.counted) == (12, "soldiers")


# --- money, percentages, physical units --------------------------------------------------

@pytest.mark.parametrize("text, surface, value, unit", [
    ("The fund pledged $2.5bn in aid.", "$2.5bn", 2.5e9, "USD"),
    ("It cost US$ 40 billion.", "US$ 40 billion", 4e10, "USD"),
    ("Brussels gave €300 million.", "€300 million", 3e8, "EUR"),
    ("London paid £2,000 for it.", "£2,000", 2000, "GBP"),
    ("The deal is worth ¥5 billion.", "¥5 billion", 5e9, "JPY"),
    ("He paid 20 dollars.", "20 dollars", 20, "USD"),
    ("They lost 3 million euros.", "3 million euros", 3e6, "EUR"),
    ("The fine was 500,000 rubles.", "500,000 rubles", 5e5, "RUB"),
    ("China spent 9.9 billion yuan.", "9.9 billion yuan", 9.9e9, "CNY"),
])
def test_money_has_its_iso_currency(nlp, text, surface, value, unit):
    q = one(quantities(nlp, text), surface)
    assert (q.text, q.value, q.unit) == (surface, value, unit)


@pytest.mark.parametrize("text, surface, value, unit", [
    ("Turnout was nearly 40 percent.", "40 percent", 40, "percent"),
    ("Prices rose 7% last month.", "7%", 7, "percent"),
    ("The road is 27 km long.", "27 km", 27, "km"),
    ("Each bag weighs 25 kilograms.", "25 kilograms", 25, "kg"),
    ("The ship carried 3,000 tonnes of grain.", "3,000 tonnes", 3000, "t"),
    ("Add 2 litres of water.", "2 litres", 2, "l"),
    ("It reached 45 degrees Celsius on Monday.", "45 degrees Celsius", 45, "degC"),
    ("It was 30 °C in the shade.", "30 °C", 30, "degC"),
])
def test_percentages_and_physical_units_are_normalized(nlp, text, surface, value, unit):
    q = one(quantities(nlp, text), surface)
    assert (q.text, q.value, q.unit) == (surface, value, unit)


def test_million_suffix_after_a_currency(nlp):
    q = one(quantities(nlp, "The EU pledged €500m for reconstruction."), "€500m")
    assert (q.value, q.unit) == (500_000_000, "EUR")


def test_durations_stay_quantities(nlp):
    q = one(quantities(nlp, "He was sentenced to 15 years in prison."), "15 years")
    assert (q.value, q.unit) == (15, "year")


def test_nearly_gives_below_and_approximate(nlp):
    q = one(quantities(nlp, "Turnout was nearly 40 percent."), "40")
    assert (q.comparator, q.approximate) == ("<", True)


# --- ranges ------------------------------------------------------------------------------

def test_between_the_ages_of_18_and_30_is_one_range(nlp):
    found = quantities(nlp, "Men between the ages of 18 and 30 must register.")
    q = one(found, "18")
    assert q.text.startswith("18") and q.text.endswith("30")
    assert (q.value, q.low, q.high, q.unit) == (None, 18, 30, "year")
    assert len(found) == 1


def test_dash_range(nlp):
    q = one(quantities(nlp, "Recruits aged 18-30 must serve."), "18-30")
    assert (q.value, q.low, q.high) == (None, 18, 30)


def test_from_to_range_with_a_change_word_is_a_change_up(nlp):
    q = one(quantities(nlp, "The army grew from 1 million to 1.5 million."), "1 million to")
    assert (q.low, q.high, q.change) == (1_000_000, 1_500_000, "up")


def test_range_shares_the_unit_of_its_end(nlp):
    q = one(quantities(nlp, "Pour 3 to 4 L of wine."), "3 to 4 L")
    assert (q.low, q.high, q.unit) == (3, 4, "l")


# --- comparators -------------------------------------------------------------------------

@pytest.mark.parametrize("phrase, comparator, approximate", [
    ("more than", ">", False), ("at least", ">=", False), ("up to", "<=", False),
    ("fewer than", "<", False), ("about", "~", True), ("approximately", "~", True),
    ("an estimated", "~", True), ("some", "~", True), ("almost", "<", True),
])
def test_comparators_and_approximators(nlp, phrase, comparator, approximate):
    q = one(quantities(nlp, f"Officials said {phrase} 15,000 people attended."), "15,000")
    assert (q.comparator, q.approximate) == (comparator, approximate)
    assert q.text == "15,000"


# --- changes -----------------------------------------------------------------------------

def test_an_increase_of_recruits_from_last_year(nlp):
    text = "The decree is an increase of 10,000 recruits from last year's draft."
    q = one(quantities(nlp, text, times={"last year": ("t1", "2024")}), "10,000")
    assert (q.value, q.change, q.counted, q.relative_to) == (10_000, "up", "recruits", "t1")


def test_a_drop_of_5_percent_is_down(nlp):
    q = one(quantities(nlp, "There was a drop of 5 percent in output."), "5 percent")
    assert (q.change, q.unit) == ("down", "percent")


@pytest.mark.parametrize("verb, change", [("rose", "up"), ("fell", "down")])
def test_rose_by_and_fell_by(nlp, verb, change):
    q = one(quantities(nlp, f"Exports {verb} by 300 tonnes."), "300")
    assert q.change == change


def test_an_additional_3000_soldiers_is_an_increment(nlp):
    q = one(quantities(nlp, "The country sent an additional 3,000 soldiers."), "3,000")
    assert (q.change, q.counted) == ("up", "soldiers")


def test_coordinated_figure_inherits_change_and_counted(nlp):
    text = ("The decree marks an increase of 10,000 recruits from last year's draft and "
            "more than 15,000 from three years ago.")
    found = quantities(nlp, text, times={"last year": ("t1", "2024"),
                                         "three years ago": ("t2", "2022")})
    q = one(found, "15,000")
    assert (q.comparator, q.change, q.counted, q.relative_to) == (">", "up", "recruits", "t2")


def test_from_figure_then_to_figure_are_two_quantities(nlp):
    text = ("The plan expands the army from 1 million troops three years ago to approximately "
            "1.5 million today.")
    found = quantities(nlp, text, times={"three years ago": ("t1", "2022"),
                                         "today": ("t2", "2025-04-02")})
    first, second = one(found, "1 million"), one(found, "1.5 million")
    assert (first.value, first.time, first.counted) == (1_000_000, "t1", "troops")
    assert (second.value, second.approximate, second.time) == (1_500_000, True, "t2")
    assert (second.change, second.counted, second.relative_to) == ("up", "troops", first.id)


def test_up_from_makes_the_first_figure_a_change_relative_to_the_second(nlp):
    found = quantities(nlp, "Turnout was 62 percent, up from 58 percent in 2019.")
    now, before = one(found, "62"), one(found, "58")
    assert (now.change, now.relative_to, before.change) == ("up", before.id, None)


def test_eased_to_x_from_y_is_a_change_down(nlp):
    found = quantities(nlp, "Inflation eased to 2.9 percent in July from 3.2 percent in June.")
    now, before = one(found, "2.9"), one(found, "3.2")
    assert (now.change, now.relative_to) == ("down", before.id)


def test_a_verb_particle_is_not_a_change(nlp):
    q = one(quantities(nlp, "Its forces shot down 17 of 20 drones."), "17")
    assert (q.change, q.counted) == (None, "drones")


# --- counted, subject, time ----------------------------------------------------------------

def test_elided_noun_is_borrowed_from_the_previous_figure(nlp):
    found = quantities(nlp, "At least 27 people were killed and more than 100 wounded.")
    assert one(found, "100").counted == "people"


def test_counted_after_of(nlp):
    q = one(quantities(nlp, "Police detained 200 of the protesters."), "200")
    assert q.counted == "protesters"


def test_subject_is_the_actor_of_the_governing_verb(nlp):
    text = "North Korea recently sent an additional 3,000 soldiers to Russia."
    entities = {"North Korea": ("e1", "GPE", "PRK"), "Russia": ("e2", "GPE", "RUS")}
    q = one(quantities(nlp, text, entities=entities), "3,000")
    assert q.subject == "e1"


def test_subject_is_the_possessor(nlp):
    text = "Officials said Ukraine's 40,000 reservists were called up."
    q = one(quantities(nlp, text, entities={"Ukraine": ("e1", "GPE", "UKR")}), "40,000")
    assert q.subject == "e1"


def test_subject_falls_back_to_the_previous_sentence_actor(nlp):
    text = ("Russia has launched a new drive. The effort, which began Tuesday, aims to draft "
            "160,000 men.")
    q = one(quantities(nlp, text, entities={"Russia": ("e1", "GPE", "RUS")}), "160,000")
    assert q.subject == "e1"


def test_time_right_after_the_figure(nlp):
    text = "The army had 1 million troops three years ago."
    q = one(quantities(nlp, text, times={"three years ago": ("t1", "2022")}), "1 million")
    assert q.time == "t1"


# --- derived figures ---------------------------------------------------------------------

def test_value_and_increase_from_last_year_derive_last_years_figure(nlp):
    text = ("The army will draft 160,000 men this spring. That is an increase of 10,000 "
            "from last year's draft.")
    found = quantities(nlp, text, times={"last year": ("t1", "2024")})
    base, change = one(found, "160,000"), one(found, "10,000")
    (derived,) = [q for q in found if q.derived]
    assert (derived.value, derived.time, derived.from_) == (150_000, "t1", [base.id, change.id])
    assert derived.text == text[derived.start:derived.end]
    assert "increase" in derived.text and derived.counted == "men"


# --- not quantities ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "He was born in 1990 and moved on July 15, 2021.",
    "The meeting starts at 3 pm on 5/17/2018.",
    "It was the first time, and the 3rd attempt.",
    "Russia has launched one of its largest drives.",
    "One day, no one will remember one another.",
    "COVID-19 spread; see www.example.com/2020/report.",
    "The war began in 2022 and peaked since 2023.",
    "Boeing unveiled the 787 Dreamliner and Apple the iPhone 4.",
    "Users should install version 3.0 before Flight 370 boards.",
    "Its 1986 results include a two-for-one split.",
])
def test_dates_times_ordinals_idioms_and_identifiers_are_not_quantities(nlp, text):
    assert quantities(nlp, text) == []


@pytest.mark.parametrize("text, figures", [
    ("Talks between the two countries resumed, and these three companies agreed.", []),
    ("Apple released iLife '11 with four Rolls-Royce Trent 900 engines.", ["four"]),
    ("Output fell in the 1986/87 season and the Airbus A330-200 flew.", []),
])
def test_references_years_and_model_names_are_not_figures(nlp, text, figures):
    assert [q.text for q in quantities(nlp, text)] == figures


def test_a_table_row_label_below_is_not_what_a_figure_counts(nlp):
    found = quantities(nlp, "Net 14 mln vs 10.6 mln\n    Sales 163.8 mln vs 140 mln")
    assert one(found, "10.6 mln").counted is None


def test_a_wrapped_line_still_joins_the_figure_and_its_noun(nlp):
    assert one(quantities(nlp, "It designs 15,000\nchips a year."), "15,000").counted == "chips"


def test_a_figure_after_a_capitalized_label_is_still_a_figure(nlp):
    found = quantities(nlp, "Shr 28 cts vs 22 cts\n    Net 14 mln vs 10.6 mln")
    assert "14 mln" in [q.text for q in found]


def test_the_two_year_contract_is_a_duration(nlp):
    assert [(q.value, q.unit) for q in quantities(nlp, "He signed the two-year contract.")] \
        == [(2, "year")]


def test_numbers_joined_by_dots_are_an_address_or_version(nlp):
    assert quantities(nlp, "Traffic came from 192.168.1.2 after release 2.4.1 shipped.") == []


@pytest.mark.parametrize("text, surface, value, unit", [
    ("It fell to -3C overnight.", "-3C", -3, "degC"),
    ("It was minus 10 degrees in Moscow.", "minus 10 degrees", -10, "degT"),
    ("The temperature outside is 98 degrees.", "98 degrees", 98, "degT"),
    ("Set the thermostat to 85°.", "85°", 85, "degT"),
    ("Rotate the panel 90° to the left.", "90°", 90, "deg"),
    ("Turn a 45 degrees angle.", "45 degrees", 45, "deg"),
    ("Temperatures reached 40C on Tuesday.", "40C", 40, "degC"),
    ("His temperature was 98.6F.", "98.6F", 98.6, "degF"),
    ("Lows of -5 °C are expected.", "-5 °C", -5, "degC"),
    ("Water boils at 100 degrees centigrade.", "100 degrees centigrade", 100, "degC"),
    ("It froze at −40° on the Fahrenheit scale.", "−40°", -40, "degF"),
    ("Nothing moves at absolute zero.", "absolute zero", 0, "K"),
])
def test_temperatures(nlp, text, surface, value, unit):
    q = one(quantities(nlp, text), surface)
    assert (q.text, q.value, q.unit) == (surface, value, unit)


@pytest.mark.parametrize("text, surface", [
    ("The army will draft men aged 18 to 30.", "18 to 30"),
    ("He died at the age of 87.", "87"),
])
def test_an_age_is_counted_in_years(nlp, text, surface):
    assert one(quantities(nlp, text), surface).unit == "year"


def test_k_after_temperatures_is_kelvin_and_elsewhere_thousands(nlp):
    found = quantities(nlp, "It runs at 300 °C (572 °F, 573.15K). He earned $50K.")
    assert [(q.text, q.value, q.unit) for q in found][2:] == [
        ("573.15K", 573.15, "K"), ("$50K", 50_000, "USD")]


def test_a_capital_letter_among_initials_is_no_unit(nlp):
    assert [q.unit for q in quantities(nlp, "Its 2021 C.P.I. rose 3 percent.")] == ["percent"]


def test_time_expressions_are_not_quantities(nlp):
    text = "It happened three years ago, and 500 people left."
    found = quantities(nlp, text, times={"three years ago": ("t1", "2022")})
    assert [q.text for q in found] == ["500"]


def test_nothing_comes_from_removed_filler():
    import factwire

    text = "Officials said 3,000 troops arrived.\n" + "Lorem ipsum dolor sit amet 42 " * 3
    facts = factwire.extract(text, published="2025-04-02")
    assert [q.text for q in facts.quantities] == ["3,000"]


# --- the seed article ----------------------------------------------------------------------

def test_seed_article_quantities_pass_the_golden_file():
    import factwire
    from tests.golden import check

    golden = json.loads(shared_path("golden", "seed.expected.json").read_text())
    text = shared_path(golden["input"]).read_text(encoding="utf-8")
    facts = factwire.extract(text, published=golden["published"])
    expected = {"quantities": golden["quantities"]}
    failed = [r.label() for r in check(facts.to_dict(), expected)
              if not r.passed and "source_country" not in r.item]
    assert failed == []


def test_seed_three_thousand_soldiers_are_credited_to_south_korea():
    """Needs factwire_entities and factwire_quotes (which fill ``source``)."""
    import factwire

    golden = json.loads(shared_path("golden", "seed.expected.json").read_text())
    text = shared_path(golden["input"]).read_text(encoding="utf-8")
    facts = factwire.extract(text, published=golden["published"]).to_dict()
    countries = {e["id"]: e.get("country") for e in facts["entities"]}
    q = next(q for q in facts["quantities"] if q["text"] == "3,000")
    assert countries.get(q["source"]) == "KOR"


# --- shares, money with cents and scales, bracketed units, ratios' counted -----------------

def test_nearly_half_of_residents_is_a_share_below_one_half(nlp):
    q = one(quantities(nlp, "Nearly half of the 3,000 residents have fled."), "half")
    assert (q.value, q.comparator, q.approximate, q.counted) == (0.5, "<", True, "residents")


@pytest.mark.parametrize("text", ["The game went to half-time.", "They cut it in half.",
                                  "It took half an hour."])
def test_half_as_a_word_part_or_idiom_is_not_a_share(nlp, text):
    assert [q.text for q in quantities(nlp, text) if "half" in q.text.lower()] == []


@pytest.mark.parametrize("text, surface, value", [
    ("It only cost 3 dollars 50 cents.", "3 dollars 50 cents", 3.5),
    ("It only cost thirteen dollars and forty-five cents.",
     "thirteen dollars and forty-five cents", 13.45),
    ("It costs 15 dollars and 50.", "15 dollars and 50", 15.5),
])
def test_dollars_and_cents_are_one_amount(nlp, text, surface, value):
    (q,) = quantities(nlp, text)
    assert (q.text, q.value, q.unit) == (surface, pytest.approx(value), "USD")


def test_a_number_after_dollars_that_counts_something_else_stays_apart(nlp):
    found = quantities(nlp, "He paid $15 and 50 people came.")
    assert [(q.text, q.unit) for q in found] == [("$15", "USD"), ("50", None)]


@pytest.mark.parametrize("text, surface, value, unit", [
    ("They lost 75 USD million last year.", "75 USD million", 75e6, "USD"),
    ("Losses above 30 MUSD were reported.", "30 MUSD", 30e6, "USD"),
    ("Revenues reached MAUD 60.", "MAUD 60", 60e6, "AUD"),
])
def test_scale_written_with_the_currency_code(nlp, text, surface, value, unit):
    q = one(quantities(nlp, text), surface)
    assert (q.value, q.unit) == (value, unit)


def test_unit_alone_in_brackets_after_the_number(nlp):
    q = one(quantities(nlp, "The weight is 20 (kg)."), "20")
    assert (q.text, q.value, q.unit) == ("20 (kg)", 20, "kg")


def test_closing_quotation_mark_is_not_inches(nlp):
    assert [q.unit for q in quantities(nlp, 'He called it "Plan 7" and left.')] in ([], [None])


@pytest.mark.parametrize("text, counted", [
    ("Unemployment rose to 4.1 percent in March.", "unemployment"),
    ("Shares of the company fell 3.2% on Monday.", "shares"),
    ("Inflation is expected to ease to 2.5 percent.", "inflation"),
])
def test_a_percentage_counts_what_the_clause_subject_names(nlp, text, counted):
    (q,) = [q for q in quantities(nlp, text) if q.unit == "percent"]
    assert q.counted == counted


def test_up_from_figure_counts_the_same_thing(nlp):
    found = quantities(nlp, "Turnout was 62 percent, up from 58 percent.")
    assert [(q.value, q.counted) for q in found] == [(62, "turnout"), (58, "turnout")]


@pytest.mark.parametrize("text, surface, value, unit", [
    ("The link runs at 10 Gb per second.", "10 Gb per second", 10, "Gbit/s"),
    ("It ships with 512GB of storage.", "512GB", 512, "GB"),
    ("A 2 gigabit chip.", "2 gigabit", 2, "Gbit"),
    ("The file is 4 KiB long.", "4 KiB", 4, "KiB"),
    ("A 32K word magnetic core memory board.", "32K word", 32, "Kiword"),
    ("The PC had 64K of RAM.", "64K", 64, "KiB"),
    ("The band had 5 Tbps of capacity.", "5 Tbps", 5, "Tbit/s"),
])
def test_bits_and_bytes_are_units_not_billions(nlp, text, surface, value, unit):
    q = one(quantities(nlp, text), surface)
    assert (q.text, q.value, q.unit) == (surface, value, unit)


def test_k_outside_computer_memory_is_a_thousand(nlp):
    q = one(quantities(nlp, "He earned 64K last year."), "64K")
    assert (q.value, q.unit) == (64_000, None)


@pytest.mark.parametrize("text, expected", [
    ("10 rmb 20 usd", [("10 rmb", 10, "CNY"), ("20 usd", 20, "USD")]),
    ("It cost 50 USD 40 EUR.", [("50 USD", 50, "USD"), ("40 EUR", 40, "EUR")]),
    ("10 $ is not much, nor is 10 €", [("10 $", 10, "USD"), ("10 €", 10, "EUR")]),
    ("He bought 5 $10 bills.", [("5", 5, None), ("$10", 10, "USD")]),
    ("They paid 17 USD 25.", [("17 USD 25", 17.25, "USD")]),
])
def test_a_currency_after_a_figure_is_not_also_the_next_ones(nlp, text, expected):
    found = quantities(nlp, text)
    assert [(q.text, q.value, q.unit) for q in found] == expected


def test_that_one_with_a_unit_counts(nlp):
    q = one(quantities(nlp, "That one mile can provide enough."), "one mile")
    assert (q.value, q.unit) == (1, "mi")


def test_a_spaced_inch_mark_is_inches_but_not_an_opening_quote(nlp):
    q = one(quantities(nlp, 'He has a pen that is 10 " long.'), "10")
    assert (q.text, q.unit) == ('10 "', "in")
    found = quantities(nlp, 'The Boeing 787 " Dreamliner " flew with 290 seats.')
    assert all(q.unit != "in" for q in found)
    assert all(q.unit != "in" for q in quantities(nlp, 'the 10 "best" films'))


@pytest.mark.parametrize("text, surface, unit", [
    ("It paid 50 mln Canadian dlrs.", "50 mln Canadian dlrs", "CAD"),
    ("Deposits rose to 17.18 billion N.Z. Dlrs in January.", "17.18 billion N.Z. Dlrs", "NZD"),
    ("Reserves stood at 50 billion U.S. Dlrs.", "50 billion U.S. Dlrs", "USD"),
    ("It is issuing a three billion French franc bond.", "three billion French franc", "FRF"),
])
def test_wire_style_currency_names(nlp, text, surface, unit):
    assert one(quantities(nlp, text), surface).unit == unit


def test_a_change_and_the_level_it_reaches_are_two_figures(nlp):
    found = quantities(nlp, "Loans fell 195 mln dlrs to 65.06 billion in the week.")
    assert [(q.text, q.value, q.unit, q.change) for q in found] == [
        ("195 mln dlrs", 195e6, "USD", "down"), ("65.06 billion", 65.06e9, "USD", None)]


def test_a_figure_after_to_that_counts_a_noun_keeps_no_unit(nlp):
    found = quantities(nlp, "It sold 500 tonnes to 20 countries last year.")
    assert [(q.text, q.unit, q.counted) for q in found] == [
        ("500 tonnes", "t", None), ("20", None, "countries")]


def test_a_percentage_change_does_not_give_its_unit_to_the_level(nlp):
    found = quantities(nlp, "The index fell 0.4 pct to 99.7 in January.")
    assert [(q.text, q.value, q.unit) for q in found] == [
        ("0.4 pct", 0.4, "percent"), ("99.7", 99.7, None)]


def test_a_second_day_after_a_month_is_a_date(nlp):
    found = quantities(nlp, "It bought 50,000 shares between Feb 11 and 19 at 24 dlrs.")
    assert [q.text for q in found] == ["50,000", "24 dlrs"]


def test_a_frequency_is_a_count_even_inside_a_set_of_times(nlp):
    q = one(quantities(nlp, "The line is used four times per week."), "four")
    assert (q.text, q.value, q.unit) == ("four times per week", 4, "times/week")


def test_the_unit_of_a_figure_is_not_what_it_counts(nlp):
    found = quantities(nlp, "Its share should fall to around 38 or 39 pct this year.")
    assert [(q.text, q.unit, q.counted) for q in found] == [
        ("38", "percent", None), ("39 pct", "percent", None)]


def test_a_letter_after_a_model_number_is_no_temperature_even_in_hot_weather(nlp):
    found = quantities(nlp, "It flew the Boeing 777F freighter in hot weather.")
    assert all(q.unit != "degF" for q in found)


def test_a_word_of_another_figure_is_not_what_a_figure_counts(nlp):
    found = quantities(nlp, "Limiting warming to 1.5 degrees Celsius requires cutting "
                            "emissions 45 percent.")
    assert [(q.text, q.unit, q.counted) for q in found] == [
        ("1.5 degrees Celsius", "degC", None), ("45 percent", "percent", None)]


@pytest.mark.parametrize("text, surface, unit", [
    ("The door is 2 1/2 in thick.", "2 1/2 in", "in"),
    ("The length is 12 ft 2 in more or less.", "12 ft 2 in", "ft"),
    ("Shearson contributed 316 mln in after-tax earnings.", "316 mln", None),
    ("Sales rose to 3.05 mln in mid-January.", "3.05 mln", None),
])
def test_in_after_a_figure_is_inches_only_where_the_measure_ends(nlp, text, surface, unit):
    q = one(quantities(nlp, text), surface)
    assert (q.text, q.unit) == (surface, unit)


def test_a_bit_is_somewhat_not_one_bit(nlp):
    assert [q.text for q in quantities(nlp, "Profits declined a bit to 66 mln dlrs.")] == [
        "66 mln dlrs"]
