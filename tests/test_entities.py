"""factwire_entities: one canonical entity per actor or place, with country, role, sector."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from factwire.model import Entity, TextSpan
from factwire.nlp.entities import country_of_entity, entities_in, lookup_country
from factwire.nlp.gazetteer import load_gazetteer
from tests.conftest import SHARED, shared_path


def annotate(nlp, text: str, published: str | None = "2025-04-02"):
    """Run the pipeline up to and including factwire_entities (later components excluded,
    so these tests depend on nothing but this component and spaCy)."""
    doc = nlp.make_doc(text)
    doc._.published = dt.date.fromisoformat(published) if published else None
    doc._.removed = []
    for name, component in nlp.pipeline:
        doc = component(doc)
        if name == "factwire_entities":
            return doc
    raise AssertionError("factwire_entities is not in the pipeline")


def entity(doc, name: str) -> Entity:
    found = [e for e in doc._.entities if e.name == name]
    assert found, f"no entity {name!r} in {[e.name for e in doc._.entities]}"
    assert len(found) == 1, f"{name!r} is split into {len(found)} entities"
    return found[0]


def texts(ent: Entity) -> list[str]:
    return [m.text for m in ent.mentions]


def entity_at_text(doc, text: str) -> Entity:
    start = doc.text.index(text)
    span = doc.char_span(start, start + len(text))
    (ent,) = entities_in(span)
    return ent


# --- gazetteer and helpers -------------------------------------------------------------

def test_lookup_country_reads_names_aliases_demonyms_and_capitals():
    assert [lookup_country(x) for x in ("the United States", "U.S.", "Britain", "DPRK",
                                        "North Korean", "Kyiv’s", "Pyongyang", "Gaza")] == \
        ["USA", "USA", "GBR", "PRK", "PRK", "UKR", "PRK", "PSE"]
    assert lookup_country("lorem") is None


def test_gazetteer_knows_all_countries():
    assert len(load_gazetteer().countries) >= 245


def test_every_mention_is_the_exact_text_at_its_offsets(nlp):
    doc = annotate(nlp, "Putin’s decree. Kyiv's advances. The United States and the U.S. met.")
    for ent in doc._.entities:
        for m in ent.mentions:
            assert doc.text[m.start:m.end] == m.text


def test_country_of_entity_reads_the_entity_country(nlp):
    doc = annotate(nlp, "Moscow sent troops.")
    assert country_of_entity(doc, entity(doc, "Moscow").id) == "RUS"
    assert country_of_entity(doc, "e999") is None


# --- rule families ---------------------------------------------------------------------

def test_demonym_is_a_mention_of_its_country(nlp):
    doc = annotate(nlp, "Russia attacked. The Russian navy and North Korean troops moved.")
    assert texts(entity(doc, "Russia")) == ["Russia", "Russian"]
    assert entity(doc, "North Korea").country == "PRK"
    assert texts(entity(doc, "North Korea")) == ["North Korean"]


def test_capital_is_a_gpe_of_its_country_never_an_org(nlp):
    doc = annotate(nlp, "Moscow has relied on troops to counter Kyiv’s advances, "
                        "officials in Washington said.")
    assert [(e.name, e.type, e.country) for e in doc._.entities if e.type == "GPE"] == [
        ("Moscow", "GPE", "RUS"), ("Kyiv", "GPE", "UKR"), ("Washington", "GPE", "USA")]
    assert texts(entity(doc, "Kyiv")) == ["Kyiv"]


def test_region_is_never_a_product(nlp):
    doc = annotate(nlp, "Fighting continued in the Kursk region and in Donetsk.")
    assert (entity(doc, "Kursk").type, entity(doc, "Kursk").country) == ("GPE", "RUS")
    assert entity(doc, "Donetsk").country == "UKR"


def test_title_before_a_name_becomes_role_and_gives_country(nlp):
    doc = annotate(nlp, "Senior Russian negotiator Kirill Dmitriev will meet President "
                        "Donald Trump.")
    dmitriev = entity(doc, "Kirill Dmitriev")
    assert (dmitriev.role, dmitriev.country, dmitriev.sector) == ("Senior negotiator", "RUS",
                                                                  "GOV")
    assert entity(doc, "Donald Trump").role == "President"


def test_administration_official_takes_the_country_of_its_leader(nlp):
    doc = annotate(nlp, "He met Trump administration official Steve Witkoff.")
    witkoff = entity(doc, "Steve Witkoff")
    assert (witkoff.role, witkoff.country) == ("official", "USA")
    assert texts(entity(doc, "Donald Trump")) == ["Trump"]


def test_apposition_gives_role_and_country(nlp):
    doc = annotate(nlp, "Ivan Petrov, Russia's deputy foreign minister, spoke on Monday.")
    petrov = entity(doc, "Ivan Petrov")
    assert (petrov.role, petrov.country) == ("deputy foreign minister", "RUS")


def test_possessives_and_determiners_are_trimmed_and_surnames_link(nlp):
    doc = annotate(nlp, "President Vladimir Putin moved. Putin’s latest decree and Putin's "
                        "call came as the Trump administration said Trump's call stood.")
    assert texts(entity(doc, "Vladimir Putin")) == ["President Vladimir Putin", "Putin", "Putin"]
    trump = entity(doc, "Donald Trump")
    assert (trump.type, texts(trump)) == ("PERSON", ["Trump", "Trump"])
    assert all(e.type != "ORG" for e in doc._.entities if "Trump" in e.name
               and not e.nominal)


def test_alias_forms_of_a_country_are_one_entity(nlp):
    doc = annotate(nlp, "Talks between the United States and Russia went on; U.S. sanctions "
                        "and US officials and America stayed.")
    usa = entity(doc, "United States")
    assert texts(usa) == ["United States", "U.S.", "US", "America"]


@pytest.mark.parametrize("published,expected", [("2016-05-01", "Barack Obama"),
                                                ("2025-05-01", "Donald Trump")])
def test_the_us_president_is_the_leader_in_office_on_the_publication_date(
        nlp, published, expected):
    doc = annotate(nlp, "The U.S. president warned Moscow.", published)
    leader = entity(doc, expected)
    assert (leader.type, leader.country, texts(leader)) == ("PERSON", "USA",
                                                            ["U.S. president"])
    assert entity_at_text(doc, "U.S. president").name == expected


@pytest.mark.parametrize("published,expected", [("2010-05-01", "Dmitry Medvedev"),
                                                ("2025-05-01", "Vladimir Putin")])
def test_the_russian_president_depends_on_the_date(nlp, published, expected):
    doc = annotate(nlp, "The Russian president flew to Minsk.", published)
    assert entity(doc, expected).country == "RUS"


def test_bare_surname_resolves_through_the_leaders_table(nlp):
    doc = annotate(nlp, "President Obama met Merkel in Berlin.", "2016-05-01")
    assert (entity(doc, "Barack Obama").country, entity(doc, "Angela Merkel").country) == (
        "USA", "DEU")


def test_nominal_actors_get_country_and_sector(nlp):
    doc = annotate(nlp, "Russian troops advanced and Ukrainian officials protested. Police "
                        "detained protesters, while rebels fled and the ministry declined to "
                        "comment.")
    found = {e.name: (e.country, e.sector, e.nominal) for e in doc._.entities if e.nominal}
    assert found == {
        "Russian troops": ("RUS", "MIL", True),
        "Ukrainian officials": ("UKR", "GOV", True),
        "Police": (None, "COP", True),
        "protesters": (None, "CVL", True),
        "rebels": (None, "REB", True),
        "ministry": (None, "GOV", True),
    }


def test_nominal_actor_takes_the_only_country_of_its_sentence(nlp):
    doc = annotate(nlp, "Officials attribute the rise to efforts to expand Russia’s army. "
                        "Protesters clashed with police in Paris.")
    assert [(e.name, e.country, e.sector) for e in doc._.entities if e.nominal] == [
        ("Officials", "RUS", "GOV"), ("Russia’s army", "RUS", "MIL"),
        ("Protesters", "FRA", "CVL"), ("police", "FRA", "COP")]


def test_ethnic_group_belongs_to_the_country_it_lives_in(nlp):
    doc = annotate(nlp, "Ethnic Albanians in Macedonia protested.")
    assert entity_at_text(doc, "Albanians").country == "MKD"


def test_demonym_inside_a_nominal_actor_maps_tokens_to_the_larger_actor(nlp):
    doc = annotate(nlp, "According to South Korean intelligence, North Korea sent troops.")
    intelligence = entity(doc, "South Korean intelligence")
    assert (intelligence.country, intelligence.sector, intelligence.nominal) == (
        "KOR", "GOV", True)
    assert texts(entity(doc, "South Korea")) == ["South Korean"]
    assert entity_at_text(doc, "South Korean intelligence") is intelligence


def test_coordinated_demonyms_give_one_nominal_actor_per_country(nlp):
    doc = annotate(nlp, "Senior Hungarian and Romanian officials agreed on Wednesday.")
    assert entity_at_text(doc, "Hungarian").country == "HUN"
    assert entity_at_text(doc, "Romanian").sector == "GOV"


def test_plural_demonym_is_a_people_of_its_country(nlp):
    doc = annotate(nlp, "Palestinians protested in Gaza.")
    people = entity_at_text(doc, "Palestinians")
    assert (people.country, people.sector, people.nominal) == ("PSE", "CVL", True)
    assert texts(entity(doc, "Palestine")) == ["Palestinians"]


def test_country_after_a_name_and_before_an_organization(nlp):
    doc = annotate(nlp, "King Hassan of Morocco met members of Israel's Cabinet.", "1994-01-01")
    assert entity_at_text(doc, "Hassan").country == "MAR"
    assert entity_at_text(doc, "Cabinet").country == "ISR"


def test_capital_acting_for_its_government_is_gov(nlp):
    doc = annotate(nlp, "Moscow demanded talks, and the envoy flew to Paris.")
    assert (entity(doc, "Moscow").sector, entity(doc, "Paris").sector) == ("GOV", None)


def test_model_names_are_not_organizations(nlp):
    doc = annotate(nlp, "Boeing said the Airbus A380 and the iPod were popular.")
    names = [m.text for e in doc._.entities for m in e.mentions]
    assert "Boeing" in names
    assert not [n for n in names if "A380" in n or "iPod" in n]


def test_a_name_found_once_is_found_where_it_recurs(nlp):
    doc = annotate(nlp, "Apple CEO Steve Jobs spoke on Monday. Jobs welcomed everyone.")
    assert texts(entity(doc, "Steve Jobs")) == ["CEO Steve Jobs", "Jobs"]


def test_person_of_an_international_organization_acts_for_it(nlp):
    doc = annotate(nlp, "U.N. Secretary-General Kofi Annan met Iraqi officials.", "2003-01-01")
    annan = entity(doc, "Kofi Annan")
    assert (annan.country, annan.sector) == (None, "IGO")


def test_organizations_and_outlets_have_country_and_sector(nlp):
    doc = annotate(nlp, "Russian state media outlet TASS and Newsmax reported that NATO and "
                        "the Kremlin disagreed.")
    assert [(e.name, e.country, e.sector) for e in doc._.entities if e.type == "ORG"
            and not e.nominal] == [("TASS", "RUS", "MED"), ("Newsmax", "USA", "MED"),
                                   ("NATO", None, "IGO"), ("Kremlin", "RUS", "GOV")]


def test_whitespace_and_removed_filler_never_become_entities(nlp):
    from factwire.model import Removed

    text = "Russia moved.   \n\n   Lorem ipsum dolor sit amet."
    doc = nlp.make_doc(text[:21] + " " * (len(text) - 21))
    doc._.published = None
    doc._.removed = [Removed(21, len(text), "placeholder")]
    for name, component in nlp.pipeline:
        doc = component(doc)
        if name == "factwire_entities":
            break
    assert [e.name for e in doc._.entities] == ["Russia"]


def test_entity_objects_serialize_as_the_contract(nlp):
    doc = annotate(nlp, "Russia moved.")
    assert doc._.entities == [Entity(id="e1", name="Russia", type="GPE", country="RUS",
                                     mentions=[TextSpan(0, 6, "Russia")])]
    assert doc._.entity_at == {0: "e1"}


# --- the seed article, through the whole pipeline ---------------------------------------

def test_seed_entities_match_the_golden_file():
    from factwire import extract
    from tests.golden import check

    shared_path("golden", "seed.expected.json")
    expected = json.loads((SHARED / "golden" / "seed.expected.json").read_text())
    text = (SHARED / "seed" / "000_8d858b2339348b19.txt").read_text()
    facts = extract(text, published=expected["published"])
    failed = [r.label() for r in check(facts.to_dict(), {"entities": expected["entities"]})
              if not r.passed]
    assert failed == []


# --- places NER types as actors, and places NER misses -------------------------------


def test_town_ner_calls_an_organization_is_a_place_after_in(nlp):
    doc = annotate(nlp, "Police in Lancaster said the fire spread on Monday.")
    assert entity(doc, "Lancaster").type == "GPE"


def test_town_in_an_apposition_with_a_state_is_a_place(nlp):
    doc = annotate(nlp, "The fire spread to Huntsville, Ala., on Monday.")
    assert entity(doc, "Huntsville").type == "GPE"


def test_company_after_at_stays_an_organization(nlp):
    doc = annotate(nlp, "Workers at Toyota said sales rose.")
    assert all(e.type != "GPE" for e in doc._.entities if e.name == "Toyota")


def test_ap_state_abbreviation_after_a_town_is_a_place(nlp):
    doc = annotate(nlp, "Flooding hit Charleston, W.Va., on Monday.")
    assert entity(doc, "W.Va.").type == "GPE"


def test_all_capitals_dateline_is_a_place(nlp):
    doc = annotate(nlp, "COLUMBUS, Ohio (AP) -- Lawmakers met on Monday.")
    assert entity_at_text(doc, "COLUMBUS").type == "GPE"



def test_all_capitals_dateline_after_a_headline_is_a_place(nlp):
    doc = annotate(nlp, "Vandals desecrate graves . BEIRUT: Unknown assailants removed doors.")
    assert entity_at_text(doc, "BEIRUT").type == "GPE"


def test_ap_state_abbreviation_after_in_is_a_place(nlp):
    doc = annotate(nlp, "The museum is set to open in S.C. today.")
    assert entity(doc, "S.C.").type == "GPE"


# --- appositions, context countries and blocs (actor_appositions, actor_context) --------


def test_title_in_apposition_before_a_name_gives_role_and_country_to_every_mention(nlp):
    doc = annotate(nlp, "The Iraqi foreign minister, Hoshyar Zebari, said the talks failed. "
                        "Zebari said Iraq would wait.", "2008-05-01")
    zebari = entity(doc, "Hoshyar Zebari")
    assert (zebari.country, zebari.role, zebari.sector) == ("IRQ", "foreign minister", "GOV")
    assert texts(zebari) == ["Iraqi foreign minister", "Hoshyar Zebari", "Zebari"]
    assert entity_at_text(doc, "foreign minister") is zebari


def test_title_of_a_country_after_a_name_gives_the_country(nlp):
    doc = annotate(nlp, "Hoshyar Zebari, foreign minister of Iraq, met Rice.", "2008-05-01")
    assert (entity(doc, "Hoshyar Zebari").country, entity(doc, "Hoshyar Zebari").role) == (
        "IRQ", "foreign minister")


def test_office_of_an_international_organization_in_apposition_acts_for_it(nlp):
    doc = annotate(nlp, "Jan Egeland, the United Nations Emergency Relief Coordinator, said "
                        "aid was blocked.", "2006-05-01")
    egeland = entity(doc, "Jan Egeland")
    assert (egeland.country, egeland.sector) == (None, "IGO")


def test_un_mediator_acts_for_the_un(nlp):
    doc = annotate(nlp, "Rebel leaders would meet U.N. mediator Diego Cordovez.", "1988-05-01")
    cordovez = entity(doc, "Diego Cordovez")
    assert (cordovez.country, cordovez.sector, cordovez.role) == (None, "IGO", "mediator")


def test_member_of_a_body_in_apposition_takes_its_country_and_sector(nlp):
    doc = annotate(nlp, "A member of the Syrian parliament, Mohammed Mamoun, started a hunger "
                        "strike.", "2005-05-01")
    mamoun = entity(doc, "Mohammed Mamoun")
    assert (mamoun.country, mamoun.sector) == ("SYR", "LEG")


def test_the_title_alone_later_is_the_person_last_named_with_it(nlp):
    doc = annotate(nlp, "Iraqi Foreign Minister Hoshyar Zebari met U.S. envoy Chris Hill. The "
                        "minister said the talks went well. The envoy flew home.", "2008-05-01")
    assert entity_at_text(doc, "minister said").name == "Hoshyar Zebari"
    assert entity_at_text(doc, "envoy flew").name == "Chris Hill"
    assert not [e for e in doc._.entities if e.nominal]


def test_named_state_body_takes_the_only_country_of_its_sentence(nlp):
    doc = annotate(nlp, "The Foreign Ministry said Iraq would not attend.")
    assert (entity(doc, "Foreign Ministry").country, entity(doc, "Foreign Ministry").sector) == (
        "IRQ", "GOV")


def test_civilians_are_of_the_place_where_they_act(nlp):
    doc = annotate(nlp, "Hundreds of thousands of people blocked streets in Hong Kong in "
                        "defiance of Chinese authorities.")
    assert entity_at_text(doc, "people").country == "HKG"
    doc = annotate(nlp, "Police stopped a march staged by students near offices in Sivas to "
                        "protest a deployment to Iraq.")
    assert entity_at_text(doc, "students").country == "TUR"


def test_actor_in_a_sentence_without_a_country_takes_the_article_country(nlp):
    doc = annotate(nlp, "LAGOS, Nigeria (AP) -- Gunmen kidnapped a priest in Lagos on Sunday. "
                        "Police said they had arrested two suspects.")
    assert entity_at_text(doc, "Police").country == "NGA"


def test_article_about_several_countries_gives_no_country_to_an_actor(nlp):
    doc = annotate(nlp, "Russia and Ukraine traded strikes on Sunday. Police said two people "
                        "were hurt.")
    assert entity_at_text(doc, "Police").country is None


def test_anti_and_backed_places_are_not_the_country_of_an_actor(nlp):
    doc = annotate(nlp, "An anti-Syria journalist was killed in Beirut. The Syrian-backed militia "
                        "denied it.")
    assert entity_at_text(doc, "journalist").country == "LBN"
    assert entity_at_text(doc, "militia").country is None


def test_western_and_foreign_groups_do_not_take_the_country_they_are_in(nlp):
    doc = annotate(nlp, "Western diplomats in Kabul said foreign troops left Afghanistan.")
    assert entity_at_text(doc, "Western diplomats").country is None
    assert entity_at_text(doc, "foreign troops").country is None


def test_the_west_is_a_bloc_not_a_place(nlp):
    doc = annotate(nlp, "The West has imposed sanctions. Iran accused the West. Israeli troops "
                        "entered the West Bank.")
    west = entity(doc, "the West")
    assert (west.type, west.country, west.nominal, texts(west)) == ("ORG", None, True,
                                                                   ["West", "West"])
    assert entity(doc, "West Bank").country == "PSE"


def test_body_after_a_title_gives_its_country_but_a_posting_does_not(nlp):
    doc = annotate(nlp, "John Smith, a spokesman for the U.S. embassy, declined to comment. "
                        "Robert Ford, the U.S. ambassador to Syria, left. Mohammed Ali, a "
                        "resident of Gaza, stayed.", "2012-05-01")
    assert (entity(doc, "John Smith").country, entity(doc, "John Smith").sector) == ("USA",
                                                                                     "GOV")
    assert entity(doc, "Robert Ford").country == "USA"
    assert entity(doc, "Mohammed Ali").country == "PSE"


def test_family_name_first_links_to_the_person_named_in_full(nlp):
    doc = annotate(nlp, "Chinese Foreign Ministry spokesman Qin Gang said Beijing objected. "
                        "Qin said talks would go on.", "2010-05-01")
    qin = entity(doc, "Qin Gang")
    assert (qin.country, texts(qin)) == ("CHN", ["spokesman Qin Gang", "Qin"])


def test_a_possessive_later_mention_of_a_person_gives_its_country(nlp):
    doc = annotate(nlp, "Iraqi Foreign Minister Hoshyar Zebari arrived. Zebari's ministry "
                        "would respond.", "2008-05-01")
    assert entity_at_text(doc, "ministry").country == "IRQ"


def test_ethnic_group_belongs_to_the_country_its_sentence_names_most(nlp):
    doc = annotate(nlp, "Ethnic Albanians vowed to take villages near Macedonia's border with "
                        "Bulgaria, Macedonian officials said.")
    assert entity_at_text(doc, "Albanians").country == "MKD"


def test_plural_nominal_the_tagger_reads_as_a_name_is_an_actor(nlp):
    doc = annotate(nlp, "Gunmen kidnapped a priest in Lagos.")
    gunmen = entity_at_text(doc, "Gunmen")
    assert (gunmen.country, gunmen.sector, gunmen.nominal) == ("NGA", "REB", True)


def test_surname_ner_calls_a_place_is_a_person_when_a_title_describes_it(nlp):
    doc = annotate(nlp, "Kenzo Oshima, the United Nations Emergency Relief Coordinator, "
                   "demanded access.")
    person = entity(doc, "Kenzo Oshima")
    assert (person.type, person.country, person.sector) == ("PERSON", None, "IGO")


def test_a_town_ner_calls_a_people_is_a_place_after_town_of(nlp):
    doc = annotate(nlp, "A roadside bombing near the town of Samarra killed one soldier.")
    assert entity(doc, "Samarra").type == "GPE"


def test_an_unknown_people_name_without_a_place_reading_is_no_entity(nlp):
    doc = annotate(nlp, "Muslim hackers defaced the sites.")
    assert "Muslim" not in [e.name for e in doc._.entities]


def test_a_language_named_after_a_people_gives_no_country_to_its_sentence(nlp):
    doc = annotate(nlp, "The court cancelled restrictions on the use of the Russian language "
                   "on national radio.")
    assert entity(doc, "national radio").country is None


def test_a_misspelt_country_name_is_that_country(nlp):
    doc = annotate(nlp, "Pakistan rejected a fresh offer from Afganistan.")
    country = entity(doc, "Afghanistan")
    assert (country.country, texts(country)) == ("AFG", ["Afganistan"])


def test_a_company_name_near_no_country_name_stays_a_company(nlp):
    doc = annotate(nlp, "Apple sued Samsung.")
    assert [(e.type, e.country) for e in doc._.entities] == [("ORG", None), ("ORG", None)]


def test_a_misspelt_country_ner_misses_is_still_that_country(nlp):
    doc = annotate(nlp, "Ethopia has agreed to reopen its border with Kenya.")
    country = entity(doc, "Ethiopia")
    assert (country.country, texts(country)) == ("ETH", ["Ethopia"])


def test_a_name_in_parentheses_after_a_place_takes_its_country(nlp):
    doc = annotate(nlp, "The council extended the mandate for the peacekeeping force in "
                        "Sierra Leone (UNAMSIL) despite objections.")
    assert entity_at_text(doc, "UNAMSIL").country == "SLE"


def test_a_name_after_a_titled_description_takes_its_country(nlp):
    doc = annotate(nlp, "Bahrain's emir, Sheikh Isa bin Salman al-Khalifa launched a peace "
                        "effort on Saturday between Iraq and Kuwait.", published="1990-01-01")
    person = entity_at_text(doc, "Isa bin Salman al-Khalifa")
    assert (person.country, person.sector) == ("BHR", "GOV")


def test_minister_for_a_portfolio_is_a_title(nlp):
    doc = annotate(nlp, "The Federal Minister for Interior Anwar Khalid Baig met police "
                        "chiefs in Pakistan.")
    person = entity_at_text(doc, "Anwar Khalid Baig")
    assert (person.country, person.sector) == ("PAK", "GOV")


def test_factions_of_a_people_are_a_political_actor_of_that_country(nlp):
    doc = annotate(nlp, "Rival Lebanese factions met in Beirut on Monday.")
    factions = entity(doc, "Rival Lebanese factions")
    assert (factions.country, factions.sector) == ("LBN", "POL")


def test_victims_are_of_the_place_a_when_clause_gives_their_killing(nlp):
    doc = annotate(nlp, "Chadian gunmen killed five people on Monday when they stormed a "
                        "market in Kano.")
    assert entity(doc, "people").country == "NGA"
