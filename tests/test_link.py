"""Across articles: global entities, near-duplicates, the event merge rule, claim series and
contradictions; first as pure functions, then through the Store, then on the corpus."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect, select

from factwire.link.claims import Claim, contradictions, normalize_counted, series
from factwire.link.dates import DateInterval, event_interval, interval
from factwire.link.dedup import signature, similarity
from factwire.link.entities import KnownPerson, entity_key, match_person, same_person
from factwire.link.events import (
    SLACK_DAYS,
    EventReport,
    Party,
    Place,
    can_join,
    conflict,
    evidence,
    merge_all,
    parties_conflict,
    places_conflict,
    required_evidence,
)
from factwire.model import (
    Article,
    ArticleFacts,
    Entity,
    Event,
    Geo,
    Quantity,
    SentenceRef,
    TextSpan,
    Time,
)
from factwire.pipeline import article_id
from factwire.store.schema import ClaimSeriesRow, ContradictionRow
from tests.store_backends import BACKENDS, stores

CORPUS = Path(__file__).parent / "data" / "corpus_link" / "articles.jsonl"
D = dt.date


# --- dates ---------------------------------------------------------------------------------

def test_a_day_month_week_and_year_cover_their_days():
    assert interval("2025-03-09") == DateInterval(D(2025, 3, 9), D(2025, 3, 9), "day")
    assert interval("2024-02") == DateInterval(D(2024, 2, 1), D(2024, 2, 29), "month")
    assert interval("2025-W11") == DateInterval(D(2025, 3, 10), D(2025, 3, 16), "week")
    assert interval("2024") == DateInterval(D(2024, 1, 1), D(2024, 12, 31), "year")
    assert interval("2024-WI").high == D(2025, 2, 28)


def test_an_undated_event_stands_for_the_days_before_its_report():
    assert event_interval("PAST_REF", D(2025, 3, 10)) == DateInterval(
        D(2025, 3, 7), D(2025, 3, 10), "reported")
    assert event_interval(None, None) is None


# --- entities ------------------------------------------------------------------------------

def _entity(eid, name, type_, country=None, **extra) -> Entity:
    return Entity(id=eid, name=name, type=type_, country=country, **extra)


RUSSIA_GEO = Geo(lat=60.0, lon=100.0, geonameid=2017370, feature="country", country="RUS")
KHARKIV_GEO = Geo(lat=49.98, lon=36.25, geonameid=706483, feature="city", admin1="Kharkiv",
                  country="UKR", precision="city")
ODESA_GEO = Geo(lat=46.48, lon=30.73, geonameid=698740, feature="city", admin1="Odesa",
                country="UKR", precision="city")


def test_countries_meet_by_iso_code_places_by_geonames_id():
    assert entity_key(_entity("e1", "Russia", "GPE", "RUS", geo=RUSSIA_GEO)) == "country:RUS"
    assert entity_key(_entity("e2", "Kharkiv", "GPE", "UKR", geo=KHARKIV_GEO)) == "geo:706483"
    assert entity_key(_entity("e3", "The Kremlin", "ORG", "RUS")) == "org:RUS:kremlin"


def test_nominal_entities_get_no_global_entity():
    assert entity_key(_entity("e1", "Russian forces", "ORG", "RUS", nominal=True)) is None


def test_putin_and_vladimir_putin_are_one_person():
    assert same_person("Putin", "Vladimir Putin")
    assert same_person("Vladimir V. Putin", "Vladimir Putin")
    assert not same_person("Ivan Putin", "Vladimir Putin")
    known = [KnownPerson(1, "Vladimir Putin", "RUS"), KnownPerson(2, "Ivan Petrov", "RUS")]
    assert match_person("Putin", None, known) == known[0]
    assert match_person("Putin", "UKR", known) is None  # another country: not him


def test_a_bare_surname_shared_by_two_people_is_ambiguous():
    known = [KnownPerson(1, "Joe Smith", "USA"), KnownPerson(2, "Ann Smith", "GBR")]
    assert match_person("Smith", None, known) is None
    assert match_person("Smith", "GBR", known) == known[1]


# --- near-duplicates -----------------------------------------------------------------------

STORY = ("Russian forces shelled Kharkiv on Sunday, Ukrainian officials said. Residents spent "
         "the night in basements while emergency crews cleared broken glass from the streets. "
         "The regional governor asked people to stay indoors until the air raid alert ended, "
         "and schools in the city will teach online for the rest of the week.")


def test_a_wire_copy_with_a_credit_line_is_a_near_duplicate():
    copy = STORY + " This story was republished from Reuters."
    assert similarity(signature(STORY), signature(copy)) >= 0.8


def test_another_story_is_not_a_near_duplicate():
    other = "Israeli forces bombed Gaza on Sunday, officials said. Aid trucks waited at the border."
    assert similarity(signature(STORY), signature(other)) < 0.2


# --- the event merge rule ------------------------------------------------------------------

RUS = Party(1, "RUS", generic=True)
RUSSIAN_FORCES = Party(None, "RUS", generic=True)
ISR_FORCES = Party(None, "ISR", generic=True)
PUTIN, LAVROV = Party(7, "RUS"), Party(8, "RUS")
KHARKIV = Place(2, 49.98, 36.25, "Kharkiv", "city", "UKR")
KHARKIV_OBLAST = Place(3, 49.5, 36.5, "Kharkiv", "admin1", "UKR")
ODESA = Place(4, 46.48, 30.73, "Odesa", "city", "UKR")


def report(article: str, day: str | None = "2025-03-09", **extra) -> EventReport:
    fields = {"type": "ASSAULT", "actors": (RUS,), "places": (KHARKIV,)} | extra
    return EventReport(article_id=article, event_id="v1",
                       when=event_interval(day, D(2025, 3, 10)), **fields)


def test_three_reports_in_different_words_and_dates_are_one_event():
    reports = [report("reuters", actors=(RUSSIAN_FORCES,)), report("ap", "2025-03-10"),
               report("tass", "2025-03", actors=(PUTIN,), places=(KHARKIV_OBLAST,))]
    assert [len(group) for group in merge_all(reports)] == [3]


def test_day_dates_merge_within_two_days_not_three():
    assert conflict(report("a", "2025-03-09"), report("b", "2025-03-11")) is None
    assert conflict(report("a", "2025-03-09"), report("b", "2025-03-12")) == "dates"


def test_a_year_matches_any_day_of_that_year():
    assert conflict(report("a", "2025"), report("b", "2025-11-30")) is None
    assert conflict(report("a", "2024"), report("b", "2025-03-09")) == "dates"


def test_same_type_same_day_elsewhere_or_by_another_actor_is_another_event():
    assert conflict(report("a"), report("b", places=(ODESA,))) == "places"
    assert conflict(report("a"), report("b", actors=(ISR_FORCES,))) == "actors"
    assert conflict(report("a", actors=(PUTIN,)), report("b", actors=(LAVROV,))) == "actors"


def test_type_mode_modality_and_article_must_agree():
    assert conflict(report("a"), report("b", type="PROTEST")) == "type"
    assert conflict(report("a", mode="aerial"), report("b", mode="drone")) == "mode"
    assert conflict(report("a", mode="aerial"), report("b")) is None
    assert conflict(report("a"), report("b", modality="planned")) == "modality"
    assert conflict(report("a"), report("a")) == "same article"


def test_reports_naming_nothing_in_common_are_two_events():
    lone = report("b", actors=(), places=())
    assert conflict(report("a"), lone) == "evidence"


def test_coarse_dates_need_two_matching_arguments():
    one_match = {"places": ()}
    assert conflict(report("a", "2025-03", **one_match), report("b", **one_match)) == "evidence"
    assert conflict(report("a", "2025-03"), report("b")) is None  # actors and places match


def test_an_undated_report_of_an_unpublished_article_is_never_merged():
    lone = EventReport("x", "v1", "ASSAULT", actors=(RUS,))
    assert conflict(lone, report("b")) == "undated"


def test_a_report_joins_only_if_it_fits_every_report_already_merged():
    # a fits b, b fits c, but a and c are four days apart: no chain
    groups = merge_all([report("a", "2025-03-07"), report("b", "2025-03-09"),
                        report("c", "2025-03-11")])
    assert [[r.article_id for r in g] for g in groups] == [["a", "b"], ["c"]]


def rule_as_written(a: EventReport, b: EventReport) -> str | None:
    """The merge rule in the module doc's order, from its public parts (``conflict``
    compares sides it made once per report instead)."""
    if a.article_id == b.article_id:
        return "same article"
    if a.type != b.type:
        return "type"
    if a.mode and b.mode and a.mode != b.mode:
        return "mode"
    if a.modality != b.modality or a.negated != b.negated:
        return "modality"
    if a.when is None or b.when is None:
        return "undated"
    if a.when.gap(b.when) > SLACK_DAYS:
        return "dates"
    if parties_conflict(a.actors, b.actors):
        return "actors"
    if parties_conflict(a.recipients, b.recipients):
        return "recipients"
    if places_conflict(a.places, b.places):
        return "places"
    if evidence(a, b) < required_evidence(a.when, b.when):
        return "evidence"
    return None


PARTIES = st.builds(Party, st.sampled_from([None, 1, 7, 8]),
                    st.sampled_from([None, "RUS", "UKR"]), st.booleans())
REPORTS = st.builds(
    EventReport, article_id=st.sampled_from("ab"), event_id=st.just("v1"),
    type=st.sampled_from(["ASSAULT", "AGREE"]), mode=st.sampled_from([None, "shelling"]),
    negated=st.booleans(),
    when=st.sampled_from([None, *(interval(d) for d in ("2025-03-09", "2025-03-12", "2025-03",
                                                        "2025"))]),
    actors=st.lists(PARTIES, max_size=2).map(tuple),
    recipients=st.lists(PARTIES, max_size=2).map(tuple),
    places=st.lists(st.sampled_from([KHARKIV, KHARKIV_OBLAST, ODESA]), max_size=2).map(tuple))


@settings(max_examples=500, deadline=None)
@given(REPORTS, REPORTS)
def test_the_rule_as_the_writer_applies_it_is_the_rule_as_written(a, b):
    assert conflict(a, b) == rule_as_written(a, b)
    assert can_join(a) or conflict(a, b) is not None


def test_reports_survive_their_json_round_trip():
    one = report("a", places=(KHARKIV,), actors=(RUS, PUTIN))
    assert EventReport.from_dict(json.loads(json.dumps(one.to_dict()))) == one


def test_a_report_is_stored_as_the_json_of_its_fields_in_order():
    one = report("a", places=(KHARKIV,), actors=(RUS, PUTIN), recipients=(RUSSIAN_FORCES,),
                 mode="shelling")
    fields = dataclasses.asdict(one) | {"when": ["2025-03-09", "2025-03-09", "day"]}
    assert json.dumps(one.to_dict()) == json.dumps(fields)
    assert dataclasses.replace(one, when=None).to_dict()["when"] is None


# --- claims --------------------------------------------------------------------------------

def claim(article: str, value: float, day: str, source: str, **extra) -> Claim:
    fields = {"counted": "troops"} | extra
    return Claim(article_id=article, quantity_id="q1", subject=1, value=value,
                 subject_name="Russia", when=interval(day), source=source, **fields)


def test_counted_things_are_compared_in_the_singular():
    assert normalize_counted("Troops") == normalize_counted("troop") == "troop"
    assert normalize_counted("civilian casualties") == "civilian casualty"


def test_figures_form_a_series_in_time_order_with_derived_marked():
    claims = [claim("b", 1.5e6, "2025-04-01", "Kremlin"),
              claim("a", 1.2e6, "2024", "defence ministry", derived=True),
              claim("c", 1.1e6, "2025-04-03", "ISW")]
    (one,) = series(claims)
    assert [(c.value, c.derived) for c in one.claims] == [
        (1.2e6, True), (1.5e6, False), (1.1e6, False)]


def test_two_sources_far_apart_on_the_same_figure_contradict():
    (pair,) = contradictions([claim("a", 1.5e6, "2025-04-01", "Kremlin"),
                              claim("b", 1.1e6, "2025-04-03", "ISW")])
    assert (pair.first.source, pair.second.source, pair.difference) == (
        "Kremlin", "ISW", 0.2667)


def test_close_figures_other_times_same_source_or_derived_do_not_contradict():
    base = claim("a", 160000, "2025-04-01", "TASS")
    assert contradictions([base, claim("b", 150000, "2025-04-01", "AP")]) == []  # 6 %
    assert contradictions([base, claim("b", 100000, "2025-06-01", "AP")]) == []
    assert contradictions([base, claim("b", 100000, "2025-04-01", "TASS")]) == []
    assert contradictions([base, claim("b", 1e5, "2025-04-01", "AP", derived=True)]) == []


def test_money_and_adjacent_periods_are_not_contradictions():
    dollars = {"counted": "dlrs"}
    assert contradictions([claim("a", 33e6, "2025-04-01", "X", **dollars),
                           claim("b", 6e9, "2025-04-01", "Y", **dollars)]) == []
    assert contradictions([claim("a", 1.5e6, "2024", "X"),
                           claim("b", 1.1e6, "2025-01", "Y")]) == []


def test_a_figure_for_a_year_is_compared_with_every_day_of_it():
    year = claim("a", 1.5e6, "2025", "X")
    days = [claim(f"d{i}", 1.5e6, f"2025-{m:02d}-01", "Y") for i, m in enumerate(range(1, 12))]
    late = claim("z", 1.1e6, "2025-12-30", "Z")
    (pair,) = contradictions([year, *days, late])
    assert (pair.first.article_id, pair.second.article_id) == ("a", "z")


def test_days_eight_days_apart_are_other_times():
    assert contradictions([claim("a", 1.5e6, "2025-04-01", "X"),
                           claim("b", 1.1e6, "2025-04-09", "Y")]) == []
    assert len(contradictions([claim("a", 1.5e6, "2025-04-01", "X"),
                               claim("b", 1.1e6, "2025-04-08", "Y")])) == 1


def test_at_least_a_figure_allows_every_larger_one():
    low = claim("a", 12, "2025-04-01", "police", comparator=">=")
    assert contradictions([low, claim("b", 40, "2025-04-01", "medics")]) == []
    assert contradictions([low, claim("b", 5, "2025-04-01", "medics")]) != []


# --- through the store ---------------------------------------------------------------------

@pytest.fixture(params=BACKENDS)
def any_store(request, tmp_path):
    """A new, empty Store on SQLite, and on PostgreSQL when FACTWIRE_TEST_PG is set."""
    yield from stores(request.param, tmp_path)


def article(text: str, outlet: str, published: str, entities: list[Entity],
            events: list[Event] = (), times: list[Time] = (),
            quantities: list[Quantity] = ()) -> ArticleFacts:
    return ArticleFacts(article=Article(id=article_id(text), text=text, outlet=outlet,
                                        published=published),
                        entities=list(entities), events=list(events), times=list(times),
                        quantities=list(quantities))


def assault(actor: str, recipient: str, time: str | None = "t1") -> Event:
    return Event("v1", "ASSAULT", None, [actor], [recipient], [], time, "asserted", None, [],
                 TextSpan(0, 1, "x"), SentenceRef(0, 1), 0.9)


def sunday(text: str, value: str = "2025-03-09") -> Time:
    return Time("t1", 0, 1, text[:1], "DATE", value)


def kharkiv_article(text: str, outlet: str, published: str, actor: Entity) -> ArticleFacts:
    return article(text, outlet, published,
                   [actor, _entity("e2", "Kharkiv", "GPE", "UKR", geo=KHARKIV_GEO)],
                   [assault("e1", "e2")], [sunday(text)])


def test_store_merges_three_outlets_into_one_event(any_store):
    any_store.add(kharkiv_article("Russian forces shelled Kharkiv.", "Reuters", "2025-03-10",
                                  _entity("e1", "Russian forces", "ORG", "RUS", nominal=True)))
    any_store.add(kharkiv_article("Russia attacked Kharkiv.", "AP", "2025-03-10",
                                  _entity("e1", "Russia", "GPE", "RUS", geo=RUSSIA_GEO)))
    any_store.add(kharkiv_article("The army struck Kharkiv.", "TASS", "2025-03-11",
                                  _entity("e1", "Russian army", "ORG", "RUS", nominal=True)))
    events = any_store.events()
    assert len(events) == 1
    row = events.iloc[0]
    assert (row["reports"], row["outlets"], row["recipients"]) == (
        3, ["Reuters", "AP", "TASS"], ["Kharkiv"])
    assert (row["first_reported"], row["last_reported"]) == (D(2025, 3, 10), D(2025, 3, 11))
    assert len(any_store.event_reports()) == 3


def test_store_keeps_putin_and_vladimir_putin_as_one_entity(any_store):
    any_store.add(article("Putin spoke.", "A", "2025-04-01",
                          [_entity("e1", "Putin", "PERSON", None)]))
    any_store.add(article("Vladimir Putin spoke.", "B", "2025-04-02",
                          [_entity("e1", "Vladimir Putin", "PERSON", "RUS")]))
    people = any_store.entities(type="PERSON")
    assert people[["name", "country", "articles"]].values.tolist() == [
        ["Vladimir Putin", "RUS", 2]]
    assert people.iloc[0]["aliases"] == ["Putin", "Vladimir Putin"]


def test_store_links_a_republished_story_and_counts_it_once(any_store):
    russia = _entity("e1", "Russia", "GPE", "RUS", geo=RUSSIA_GEO)
    original = kharkiv_article(STORY, "Reuters", "2025-03-10", russia)
    copy = kharkiv_article(STORY + " Republished from Reuters.", "Kyiv Post", "2025-03-11",
                           russia)
    assert any_store.add(original) and any_store.add(copy)
    assert any_store.duplicate_of(copy.article.id) == original.article.id
    row = any_store.events().iloc[0]
    assert (row["reports"], row["republished"]) == (1, 1)
    assert any_store.add(copy) is False  # an exact re-ingest changes nothing


def troops(text: str, outlet: str, published: str, value: float, source: str) -> ArticleFacts:
    ents = [_entity("e1", "Russia", "GPE", "RUS", geo=RUSSIA_GEO),
            _entity("e2", source, "ORG", None)]
    return article(text, outlet, published, ents, quantities=[
        Quantity("q1", 0, 1, text[:1], value, counted="troops", subject="e1", source="e2")])


def test_store_flags_two_sources_contradicting_a_figure(any_store):
    any_store.add(troops("Russia has 1.5 million troops.", "Interfax", "2025-04-02", 1.5e6,
                         "Kremlin"))
    any_store.add(troops("Russia has 1.1 million.", "Meduza", "2025-04-03", 1.1e6, "ISW"))
    found = any_store.contradictions()
    assert found[["first_value", "first_source", "second_value", "second_source"]
                 ].values.tolist() == [[1.5e6, "Kremlin", 1.1e6, "ISW"]]
    assert any_store.claims()["contradicted"].tolist() == [True, True]


def test_a_republished_figure_is_not_a_second_claim(any_store):
    text = "Russia has 1.5 million troops, the Kremlin said. " + STORY
    any_store.add(troops(text, "Interfax", "2025-04-02", 1.5e6, "Kremlin"))
    copy = troops(text + " (Republished.)", "Other", "2025-04-02", 1.5e6, "Kremlin")
    any_store.add(troops(text + " (Copy of a copy.)", "Third", "2025-04-03", 1.5e6, "Kremlin"))
    any_store.add(copy)
    originals = {any_store.duplicate_of(copy.article.id)}
    assert originals == {troops(text, "", "", 0, "Kremlin").article.id}  # the root, not a copy
    assert any_store.claims()["outlet"].tolist() == ["Interfax"]


def test_relink_rebuilds_the_same_record(any_store):
    for outlet, day in (("Reuters", "2025-03-10"), ("AP", "2025-03-11")):
        any_store.add(kharkiv_article(f"{outlet} says Russia shelled Kharkiv.", outlet, day,
                                      _entity("e1", "Russia", "GPE", "RUS", geo=RUSSIA_GEO)))
    before = any_store.events().drop(columns="event_id")
    assert any_store.relink() == 2
    assert any_store.events().drop(columns="event_id").equals(before)


# --- the corpus, through the real pipeline -------------------------------------------------

@pytest.fixture
def corpus_store(any_store):
    from factwire.batch import ingest_paths

    result = ingest_paths([str(CORPUS)], any_store)
    assert (result.stored, result.failed) == (9, 0)
    return any_store


def _outlets(events, **where) -> list[list[str]]:
    rows = events
    for column, value in where.items():
        rows = rows[rows[column] == value]
    return rows["outlets"].tolist()


def test_corpus_one_strike_told_by_three_outlets_is_one_event(corpus_store):
    strikes = corpus_store.events(type="ASSAULT", q="Kharkiv")
    assert len(strikes) == 1
    row = strikes.iloc[0]
    assert (row["reports"], row["republished"], row["date"]) == (3, 1, "2025-03-09")
    assert row["outlets"] == ["Reuters", "AP", "TASS", "Kyiv Post"]


def test_corpus_other_strikes_that_sunday_stay_apart(corpus_store):
    assaults = corpus_store.events(type="ASSAULT")
    assert sorted(map(tuple, assaults["recipients"])) == [("Gaza",), ("Kharkiv",), ("Odesa",)]


def test_corpus_republished_story_is_linked_to_its_original(corpus_store):
    lines = [json.loads(line) for line in CORPUS.read_text().splitlines()]
    texts = {r["id"]: r["text"] for r in lines}
    copy, original = article_id(texts["kyivpost-kharkiv"]), article_id(texts["reuters-kharkiv"])
    assert corpus_store.duplicate_of(copy) == original


def test_corpus_troop_figures_contradict_and_the_derived_one_joins(corpus_store):
    series_rows = corpus_store.claims(actor="Russia", q="troop")
    assert series_rows[["value", "derived", "contradicted"]].values.tolist() == [
        [1.2e6, True, False], [1.5e6, False, True], [1.1e6, False, True],
        [1.3e6, False, False]]
    (pair,) = corpus_store.contradictions().to_dict("records")
    assert (pair["first_source"], pair["second_source"]) == (
        "Kremlin", "Institute for the Study of War")


# --- claim series and contradictions, stored as articles are linked ------------------------

def _claim_tables(store) -> dict[str, list[tuple]]:
    with store.engine.connect() as connection:
        return {
            "series": connection.execute(select(
                ClaimSeriesRow.counted, ClaimSeriesRow.unit, ClaimSeriesRow.claims,
                ClaimSeriesRow.contradictions).order_by(ClaimSeriesRow.id)).all(),
            "contradictions": connection.execute(select(
                ContradictionRow.difference, ContradictionRow.tolerance,
                ContradictionRow.reason, ContradictionRow.latest_date)).all()}


def test_linking_an_article_stores_its_series_and_the_contradiction_it_makes(any_store):
    any_store.add(troops("Russia has 1.5 million troops.", "Interfax", "2025-04-02", 1.5e6,
                         "Kremlin"))
    assert _claim_tables(any_store) == {"series": [("troop", None, 1, 0)],
                                        "contradictions": []}
    any_store.add(troops("Russia has 1.1 million.", "Meduza", "2025-04-03", 1.1e6, "ISW"))
    assert _claim_tables(any_store) == {
        "series": [("troop", None, 2, 1)],
        "contradictions": [(0.2667, 0.1, "Kremlin: R; ISW: R; for the same time, 26.7% apart "
                                          "(tolerance 10%)", "2025-04-03")]}


def test_an_article_about_another_subject_leaves_other_series_alone(any_store):
    any_store.add(troops("Russia has 1.5 million troops.", "Interfax", "2025-04-02", 1.5e6,
                         "Kremlin"))
    ukraine = article("Ukraine has 900,000 troops.", "Kyiv Post", "2025-04-02",
                      [_entity("e1", "Ukraine", "GPE", "UKR"), _entity("e2", "ISW", "ORG")],
                      quantities=[Quantity("q1", 0, 1, "U", 9e5, counted="troops",
                                           subject="e1", source="e2")])
    any_store.add(ukraine)
    assert _claim_tables(any_store)["series"] == [("troop", None, 1, 0), ("troop", None, 1, 0)]
    assert any_store.claims(country="UKR")["value"].tolist() == [9e5]
    assert any_store.contradictions().empty


def test_a_change_or_a_figure_with_no_linked_subject_is_in_no_series(any_store):
    text = "Russia sent 5,000 more troops; 300 soldiers deserted."
    any_store.add(article(text, "AP", "2025-04-02",
                          [_entity("e1", "Russia", "GPE", "RUS", geo=RUSSIA_GEO),
                           _entity("e2", "Russian soldiers", "ORG", "RUS", nominal=True)],
                          quantities=[Quantity("q1", 0, 1, "R", 5000, change="up",
                                               counted="troops", subject="e1"),
                                      Quantity("q2", 0, 1, "R", 300, counted="soldiers",
                                               subject="e2")]))
    assert _claim_tables(any_store)["series"] == []
    assert any_store.claims().empty


def test_contradictions_at_another_tolerance(any_store):
    any_store.add(troops("Russia has 160,000 troops.", "TASS", "2025-04-01", 160000, "TASS"))
    any_store.add(troops("Russia has 150,000 troops.", "AP", "2025-04-01", 150000, "AP"))
    assert any_store.contradictions().empty  # 6 % apart: within the 10 % tolerance
    (pair,) = any_store.contradictions(tolerance=0.05).to_dict("records")
    assert ({pair["first_value"], pair["second_value"]}, pair["difference"]) == (
        {160000, 150000}, 0.0625)
    assert any_store.contradictions(tolerance=0.07).empty


def test_a_contradiction_shows_only_when_both_figures_match_the_period(any_store):
    any_store.add(troops("Russia has 1.5 million troops.", "Interfax", "2025-04-02", 1.5e6,
                         "Kremlin"))
    any_store.add(troops("Russia has 1.1 million.", "Meduza", "2025-04-03", 1.1e6, "ISW"))
    assert len(any_store.contradictions(since="2025-04-02")) == 1
    assert any_store.contradictions(since="2025-04-03").empty
    claims = any_store.claims(since="2025-04-03")
    assert claims[["value", "contradicted"]].values.tolist() == [[1.1e6, False]]


def test_claim_series_and_contradictions_a_page_at_a_time(any_store):
    from factwire.store.filters import Params
    from factwire.store.read_claims import claim_series_page, contradictions_page

    any_store.add(troops("Russia has 1.5 million troops.", "Interfax", "2025-04-02", 1.5e6,
                         "Kremlin"))
    any_store.add(troops("Russia has 1.1 million.", "Meduza", "2025-04-03", 1.1e6, "ISW"))
    any_store.add(article("Russia has 4,000 tanks.", "AP", "2025-04-03",
                          [_entity("e1", "Russia", "GPE", "RUS", geo=RUSSIA_GEO)],
                          quantities=[Quantity("q1", 0, 1, "R", 4000, counted="tanks",
                                               subject="e1")]))
    with any_store.reading() as session:
        total, page = claim_series_page(session, Params(limit=1))
        assert total == 2
        assert [(s["counted"], s["contradicted"], [c["value"] for c in s["claims"]])
                for s in page] == [("troop", True, [1.5e6, 1.1e6])]
        assert [s["counted"] for s in claim_series_page(session, Params(offset=1))[1]] == [
            "tank"]
        assert claim_series_page(session, Params(q="tank"))[0] == 1
        since = claim_series_page(session, Params(since=D(2025, 4, 2)))[1]
        assert [(s["counted"], s["contradicted"]) for s in since] == [
            ("troop", True), ("tank", False)]
        total, pairs = contradictions_page(session, Params(actor="russia"))
        assert (total, pairs[0]["first_source"], pairs[0]["second_source"]) == (
            1, "Kremlin", "ISW")
        assert contradictions_page(session, Params(country="UKR")) == (0, [])


def _pairs(frame) -> list[tuple]:
    return sorted((r["first_article"], r["first_value"], r["second_article"],
                   r["second_value"], r["difference"]) for r in frame.to_dict("records"))


def test_a_schema_3_store_gets_its_series_when_opened(any_store):
    from alembic import command

    from factwire.store import Store
    from factwire.store.engine import alembic_config

    any_store.add(troops("Russia has 1.5 million troops.", "Interfax", "2025-04-02", 1.5e6,
                         "Kremlin"))
    any_store.add(troops("Russia has 1.1 million.", "Meduza", "2025-04-03", 1.1e6, "ISW"))
    claims, pairs = any_store.claims(), _pairs(any_store.contradictions())
    with any_store.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0003")
    assert not inspect(any_store.engine).has_table("claims")
    any_store.close()
    with Store(any_store.url) as reopened:  # migration 0004 fills the new tables
        assert reopened.claims().equals(claims)
        assert _pairs(reopened.contradictions()) == pairs
        assert _claim_tables(reopened)["series"] == [("troop", None, 2, 1)]


def test_relink_rebuilds_the_same_claims(any_store):
    any_store.add(troops("Russia has 1.5 million troops.", "Interfax", "2025-04-02", 1.5e6,
                         "Kremlin"))
    any_store.add(troops("Russia has 1.1 million.", "Meduza", "2025-04-03", 1.1e6, "ISW"))
    claims, pairs = any_store.claims().drop(columns="subject_id"), any_store.contradictions()
    any_store.relink()
    assert any_store.claims().drop(columns="subject_id").equals(claims)
    assert any_store.contradictions().equals(pairs)


def test_corpus_stored_contradictions_are_those_the_rule_finds(corpus_store):
    from factwire.store.filters import Query
    from factwire.store.read_claims import recomputed_contradictions

    with corpus_store.reading() as session:
        expected = recomputed_contradictions(session, Query())
    stored = corpus_store.contradictions().to_dict("records")
    key = ("first_article", "second_article", "difference", "reason")
    assert [tuple(r[k] for k in key) for r in stored] == [
        tuple(r[k] for k in key) for r in expected]
