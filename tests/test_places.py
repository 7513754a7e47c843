"""factwire_places: place entities resolved to coordinates, area and precision.

Unit tests build a Doc with ``spacy.blank("en")`` and set ``doc._.entities`` by hand, so they
do not depend on the entities component; the seed test runs the whole ``factwire.extract``.
"""

from __future__ import annotations

import re

import pytest
import spacy

import factwire
from factwire.geo import load_index, normalize_name
from factwire.geo.outlet import outlet_country, url_country
from factwire.model import Entity, TextSpan
from factwire.nlp.places import PlacesComponent, clean_name
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def places():
    nlp = spacy.blank("en")
    return nlp, PlacesComponent(nlp, "factwire_places")


def resolve(places, text: str, *specs: tuple, outlet: str | None = None) -> list[Entity]:
    """Run factwire_places on ``text`` with entities given as (name, type, country[,
    mention texts[, nominal]]); each mention text is found in order in ``text``. ``outlet``:
    the outlet's country (ISO alpha-2)."""
    nlp, component = places
    doc = nlp.make_doc(text)
    doc._.outlet_country = outlet
    entities = []
    for number, (name, label, country, *rest) in enumerate(specs, start=1):
        texts = rest[0] if rest else [name]
        mentions = [TextSpan(m.start(), m.end(), m.group())
                    for t in texts for m in [re.search(re.escape(t), text)]]
        entities.append(Entity(id=f"e{number}", name=name, type=label, country=country,
                               mentions=mentions, nominal=bool(rest[1:] and rest[1])))
    doc._.entities = entities
    component(doc)
    return entities


def test_the_kursk_region_is_the_first_level_area_not_the_city(places):
    [kursk] = resolve(places, "Ukraine's attack in the Kursk region of Russia.",
                      ("Kursk", "GPE", "RUS", ["Kursk"]))
    geo = kursk.geo
    assert (geo.feature, geo.precision, geo.admin1, geo.country) == (
        "admin1", "region", "Kursk", "RUS")


def test_kursk_oblast_in_the_name_is_the_first_level_area(places):
    [kursk] = resolve(places, "Shelling hit Kursk Oblast overnight.",
                      ("Kursk Oblast", "GPE", None))
    assert (kursk.geo.feature, kursk.geo.precision, kursk.country) == (
        "admin1", "region", "RUS")


def test_bare_kursk_is_the_city(places):
    [kursk] = resolve(places, "Drones struck Kursk on Monday.", ("Kursk", "GPE", "RUS"))
    assert (kursk.geo.feature, kursk.geo.precision, kursk.geo.geonameid) == (
        "city", "city", 538560)


def test_paris_alone_is_paris_france(places):
    [paris] = resolve(places, "Talks opened in Paris.", ("Paris", "GPE", None))
    assert (paris.geo.geonameid, paris.geo.country, paris.country) == (2988507, "FRA", "FRA")


def test_paris_texas_is_the_town_in_texas(places):
    [paris] = resolve(places, "A tornado hit Paris, Texas, on Sunday.",
                      ("Paris", "GPE", None))
    assert (paris.geo.geonameid, paris.geo.admin1, paris.geo.country) == (
        4717560, "Texas", "USA")
    assert (round(paris.geo.lat, 2), round(paris.geo.lon, 2)) == (33.66, -95.56)


def test_kiev_is_kyiv(places):
    [kyiv] = resolve(places, "Officials in Kiev said.", ("Kiev", "GPE", None))
    assert (kyiv.geo.geonameid, kyiv.geo.feature, kyiv.geo.country) == (703448, "city", "UKR")


def test_odessa_and_kharkov_spellings_are_the_ukrainian_cities(places):
    odessa, kharkov = resolve(places, "Odessa and Kharkov were shelled.",
                              ("Odessa", "GPE", None), ("Kharkov", "GPE", None))
    assert (odessa.geo.geonameid, kharkov.geo.geonameid) == (698740, 706483)


def test_a_country_has_country_precision(places):
    [ukraine] = resolve(places, "Ukraine said.", ("Ukraine", "GPE", "UKR"))
    # the midpoint of countryinfo's (49, 32) and the centroid of Ukraine's mainland
    assert ukraine.geo.__dict__ == {"lat": 48.98651, "lon": 31.68477, "geonameid": 690791,
                                    "feature": "country", "admin1": None, "country": "UKR",
                                    "precision": "country"}


def test_ukrainian_cities_is_the_country(places):
    [cities] = resolve(places, "aerial assaults on Ukrainian cities",
                       ("Ukrainian cities", "LOC", "UKR", ["Ukrainian cities"], True))
    assert (cities.geo.feature, cities.geo.precision, cities.geo.country) == (
        "country", "country", "UKR")


def test_an_unknown_place_keeps_no_geo(places):
    [nowhere] = resolve(places, "They met in Zzyzxqorvania.", ("Zzyzxqorvania", "GPE", None))
    assert nowhere.geo is None and nowhere.country is None


def test_people_and_organizations_get_no_geo(places):
    [person] = resolve(places, "Paris Hilton spoke.", ("Paris Hilton", "PERSON", None))
    assert person.geo is None


def test_a_street_named_after_a_city_is_not_the_city(places):
    [road] = resolve(places, "a fire at 6016 Dublin Road", ("Dublin Road", "FAC", None))
    assert road.geo is None


def test_an_airport_is_located_at_its_city_as_a_site(places):
    [airport] = resolve(places, "Flights left Kyiv airport.", ("Kyiv airport", "FAC", "UKR"))
    assert (airport.geo.geonameid, airport.geo.feature, airport.geo.precision) == (
        703448, "other", "city")


def test_the_articles_state_picks_the_local_town(places):
    alexandria, _ = resolve(places, "Alexandria police said the Louisiana fire was arson.",
                            ("Alexandria", "GPE", None), ("Louisiana", "GPE", "USA"))
    assert (alexandria.geo.admin1, alexandria.geo.country) == ("Louisiana", "USA")


def test_an_ap_state_abbreviation_qualifies_the_town(places):
    [alexandria] = resolve(places, "He lives in Alexandria, La., with his family.",
                           ("Alexandria", "GPE", None))
    assert (alexandria.geo.geonameid, alexandria.geo.admin1) == (4314550, "Louisiana")


def test_a_missing_country_is_filled_from_the_place(places):
    [donetsk] = resolve(places, "Attacks in Donetsk continued.", ("Donetsk", "GPE", None))
    assert (donetsk.country, donetsk.geo.geonameid) == ("UKR", 709717)


def test_place_names_normalize_accents_dots_and_saint():
    assert normalize_name("St. Étienne") == normalize_name("Saint-Etienne") == "saint etienne"


def test_mentions_lose_determiner_and_possessive():
    assert clean_name("the Kursk region’s") == "Kursk region"


def test_the_index_knows_us_states_with_geonames_ids():
    texas = load_index().admin1("USA", "Texas")
    assert (texas.feature, texas.geonameid) == ("admin1", 4736286)


def test_seed_places_resolve_with_country_and_precision():
    import factwire

    seed = shared_path("seed", "000_8d858b2339348b19.txt")
    facts = factwire.extract(seed.read_text(encoding="utf-8"), published="2025-04-02")
    geo = {e.name: (e.geo.country, e.geo.feature, e.geo.precision)
           for e in facts.entities if e.geo is not None}
    assert geo["Kursk"] == ("RUS", "admin1", "region")
    assert geo["Donetsk"][0] == "UKR"
    assert geo["Washington"] == ("USA", "city", "city")
    assert geo["Moscow"] == ("RUS", "city", "city")
    assert geo["Kyiv"] == ("UKR", "city", "city")


def test_a_country_name_is_the_country_not_a_town_of_that_name(places):
    [china] = resolve(places, "Exports to China fell.", ("China", "GPE", None))
    assert (china.geo.feature, china.geo.country) == ("country", "CHN")


def test_a_town_named_after_a_country_needs_an_apposition(places):
    [china] = resolve(places, "He grew up in China, Texas.", ("China", "GPE", None))
    assert (china.geo.feature, china.geo.admin1, china.geo.country) == (
        "city", "Texas", "USA")


def test_a_name_holding_its_apposition_is_split(places):
    [paris] = resolve(places, "He moved to Paris, Tenn. last year.",
                      ("Paris, Tenn.", "GPE", None))
    assert (paris.geo.admin1, paris.geo.country) == ("Tennessee", "USA")


def test_a_region_is_never_a_small_town_of_the_same_name(places):
    [region] = resolve(places, "Tensions in the Middle East rose.", ("Middle East", "LOC", None))
    assert (region.geo.feature, region.geo.precision, region.geo.country) == (
        "other", "region", None)
    assert region.geo.admin1 is None and region.geo.geonameid is None


def test_a_sea_is_located_at_the_sea(places):
    [sea] = resolve(places, "Ships sailed into the Black Sea.", ("Black Sea", "LOC", None))
    assert (sea.geo.feature, sea.geo.precision, round(sea.geo.lat), round(sea.geo.lon)) == (
        "other", "region", 43, 34)


def test_the_atlantic_is_the_ocean_not_atlantic_iowa(places):
    [ocean] = resolve(places, "The storm formed over the Atlantic.", ("Atlantic", "LOC", None))
    assert (ocean.geo.feature, ocean.geo.precision, ocean.country) == ("other", "region", None)


def test_a_region_named_with_its_level_word_is_the_region(places):
    [donbas] = resolve(places, "Fighting in the Donbas region went on.",
                       ("Donbas", "LOC", "UKR"))
    assert (donbas.geo.feature, donbas.geo.precision, donbas.geo.country) == (
        "other", "region", "UKR")


def test_a_county_named_without_its_word_is_the_county_where_the_article_is(places):
    text = "DeKalb officials met in Decatur, Ga. Atlanta and Georgia agreed."
    dekalb, *_ = resolve(places, text, ("DeKalb", "GPE", None), ("Decatur", "GPE", None),
                         ("Atlanta", "GPE", None), ("Georgia", "GPE", None))
    assert (dekalb.geo.feature, dekalb.geo.admin1, dekalb.geo.country) == (
        "admin2", "Georgia", "USA")


def test_a_bare_name_is_the_town_not_a_county_elsewhere(places):
    [dekalb] = resolve(places, "Students at DeKalb protested.", ("DeKalb", "GPE", None))
    assert (dekalb.geo.feature, dekalb.geo.admin1) == ("city", "Illinois")


def test_a_building_is_not_a_town_that_shares_its_name(places):
    [house] = resolve(places, "The White House said.", ("White House", "FAC", None))
    assert house.geo is None


def test_an_unknown_place_in_a_known_country_is_located_at_the_country(places):
    [house] = resolve(places, "The White House said.", ("White House", "FAC", "USA"))
    assert (house.geo.feature, house.geo.precision, house.geo.country) == (
        "other", "country", "USA")


def test_a_part_of_a_place_is_located_at_the_place(places):
    [part] = resolve(places, "Schools in Northeast Georgia cut jobs; Atlanta did not.",
                     ("Northeast Georgia", "LOC", None), ("Atlanta", "GPE", None))[:1]
    assert (part.geo.feature, part.geo.precision, part.geo.admin1, part.geo.country) == (
        "other", "region", "Georgia", "USA")


def test_a_facility_named_with_its_county_is_located_in_the_county(places):
    [track] = resolve(places, "Racing at Donington Park, Leicestershire.",
                      ("Donington Park, Leicestershire", "FAC", None))
    assert (track.geo.feature, track.geo.precision, track.geo.country) == (
        "other", "region", "GBR")


def test_a_street_with_an_apposition_gets_its_town_as_a_site(places):
    [street] = resolve(places, "He lives on Orchard St., Alexandria, La.",
                       ("Orchard St.", "FAC", None))
    assert (street.geo.geonameid, street.geo.feature, street.geo.precision) == (
        4314550, "other", "city")


def test_gaza_is_the_strip_and_gaza_city_the_city(places):
    gaza, city = resolve(places, "Strikes in Gaza hit Gaza City.",
                         ("Gaza", "GPE", None), ("Gaza City", "GPE", None))
    assert (gaza.geo.feature, gaza.geo.admin1, gaza.geo.country) == (
        "admin1", "Gaza Strip", "PSE")
    assert (city.geo.feature, city.geo.geonameid) == ("city", 281133)


def test_a_region_named_for_its_city_is_found_whatever_the_area_spelling(places):
    [region] = resolve(places, "Shelling in the Zaporizhzhia region.",
                       ("Zaporizhzhia region", "GPE", "UKR"))
    assert (region.geo.feature, region.geo.precision, region.geo.country) == (
        "admin1", "region", "UKR")


def test_a_country_without_a_reference_point_is_placed_among_its_towns(places):
    [kosovo] = resolve(places, "Kosovo said.", ("Kosovo", "GPE", None))
    assert (kosovo.geo.feature, kosovo.geo.country, round(kosovo.geo.lat)) == (
        "country", "XKX", 43)


def test_a_country_followed_by_state_stays_the_country(places):
    [china] = resolve(places, "China state media reported it.", ("China", "GPE", "CHN"))
    assert (china.geo.feature, china.geo.country) == ("country", "CHN")


# --- the stored gazetteer and country points -------------------------------------------


def test_stored_gazetteer_reads_back_what_was_built(tmp_path):
    from factwire.geo import Place, PlaceIndex, StoredIndex
    from factwire.geo.store import write_store

    index = PlaceIndex()
    ukraine = Place("Ukraine", 49.0, 32.0, "country", "UKR", geonameid=690791)
    oblast = Place("Kharkiv", 49.6, 36.5, "admin1", "UKR", "Kharkiv")
    index.countries["UKR"] = ukraine
    index.admin1s[("UKR", "Kharkiv")] = oblast
    index.add("Ukraine", ukraine)
    index.add("Kharkiv", oblast)
    index.add("Kharkov", oblast, "alias")
    write_store(index, tmp_path / "gazetteer.sqlite")
    stored = StoredIndex(tmp_path / "gazetteer.sqlite")
    assert stored.lookup("kharkov")[0] == (oblast, "alias")
    assert stored.countries == {"UKR": ukraine}
    assert stored.admin1("UKR", "Kharkiv") == oblast


def test_gazetteer_opens_from_the_store_in_well_under_half_a_second():
    import time

    from factwire.geo.store import StoredIndex, store_path

    load_index()  # makes sure the store exists
    started = time.process_time()
    StoredIndex(store_path())
    assert time.process_time() - started < 0.5


def test_united_states_point_is_near_the_middle_of_the_lower_48():
    from factwire.geo import distance_km

    usa = load_index().countries["USA"]
    assert distance_km(usa.lat, usa.lon, 39.76, -98.5) < 161  # GeoNames' point


def test_ring_centroid_of_a_square_is_its_middle():
    from factwire.geo.sources import _ring_centroid

    assert _ring_centroid([[0, 0], [2, 0], [2, 2], [0, 2]]) == (4.0, (1.0, 1.0))


def test_organization_named_after_its_town_is_located_there(places):
    [council] = resolve(places, "The Laconia Police Department said.",
                        ("Laconia Police Department", "ORG", None))
    assert (council.geo.admin1, council.geo.feature, council.country) == (
        "New Hampshire", "other", None)


def test_organization_of_a_country_is_located_in_it(places):
    [bank] = resolve(places, "The Central Bank of Russia said.",
                     ("Central Bank of Russia", "ORG", "RUS"))
    assert (bank.geo.country, bank.geo.precision) == ("RUS", "country")


def test_organization_without_a_place_in_its_name_has_no_geo(places):
    [court] = resolve(places, "The Supreme Court ruled. The Department of Justice said.",
                      ("Department of Justice", "ORG", "USA"))
    assert court.geo is None


def test_georgia_among_us_places_is_the_state_and_takes_its_country(places):
    text = "Storms hit Atlanta and Savannah in Georgia and moved on to Alabama and Florida."
    *_, georgia = resolve(places, text, ("Atlanta", "GPE", "USA"), ("Savannah", "GPE", "USA"),
                          ("Alabama", "GPE", "USA"), ("Florida", "GPE", "USA"),
                          ("Georgia", "GPE", "GEO"))
    assert (georgia.geo.feature, georgia.geo.admin1, georgia.country) == (
        "admin1", "Georgia", "USA")


def test_a_town_typed_as_an_organization_is_the_town_where_the_article_is(places):
    text = "Roselle police ticketed drivers in Lombard, Illinois."
    roselle, *_ = resolve(places, text, ("Roselle", "ORG", None), ("Lombard", "GPE", None),
                          ("Illinois", "GPE", "USA"))
    assert (roselle.geo.feature, roselle.geo.admin1, roselle.type) == ("city", "Illinois", "ORG")


def test_a_surname_is_no_town_without_the_towns_own_area(places):
    text = "Wright said the bill would pass in Washington and across the United States."
    wright, *_ = resolve(places, text, ("Wright", "PERSON", None),
                         ("Washington", "GPE", "USA"), ("United States", "GPE", "USA"))
    assert wright.geo is None


def test_an_organization_named_like_a_place_of_the_article_is_there(places):
    text = "The Boulder City Council met. Boulder City lies near Henderson, Nevada."
    council, *_ = resolve(places, text, ("Boulder City Council", "ORG", None),
                          ("Boulder City", "GPE", None), ("Henderson", "GPE", None),
                          ("Nevada", "GPE", "USA"))
    assert (council.geo.feature, council.geo.admin1) == ("other", "Nevada")


def test_a_leading_part_word_does_not_hide_the_seat(places):
    [metro] = resolve(places, "Metro Vancouver said.", ("Metro Vancouver", "ORG", None))
    assert (metro.geo.feature, metro.geo.country) == ("other", "CAN")


def test_a_national_agency_is_located_in_its_country(places):
    [agency] = resolve(places, "The U.S. Department of Education said.",
                       ("U.S. Department of Education", "ORG", "USA"))
    assert (agency.geo.feature, agency.geo.precision, agency.geo.country) == (
        "other", "country", "USA")


def test_a_town_named_like_a_country_is_the_town_in_local_news(places):
    text = ("A Palestine man was arrested in Anderson County. Police in Fairfield and "
            "Freestone County, Texas, helped.")
    palestine, *_ = resolve(places, text, ("Palestine", "GPE", "PSE"),
                            ("Anderson County", "GPE", None), ("Fairfield", "GPE", None),
                            ("Freestone County", "GPE", None), ("Texas", "GPE", "USA"))
    assert (palestine.geo.feature, palestine.geo.admin1, palestine.country) == (
        "city", "Texas", "USA")


def test_the_georgia_state_line_is_the_us_state(places):
    [georgia] = resolve(places, "from the Kentucky border to the Georgia state line",
                        ("Georgia", "GPE", "GEO"))
    assert (georgia.geo.feature, georgia.geo.country, georgia.country) == (
        "admin1", "USA", "USA")


def test_a_big_city_is_not_demoted_by_a_small_foreign_area_of_its_name(places):
    [louis] = resolve(places, "She studied in St. Louis.", ("St. Louis", "GPE", None))
    assert (louis.geo.admin1, louis.geo.country) == ("Missouri", "USA")


def test_wales_is_the_country_of_the_united_kingdom_not_a_town_in_england(places):
    _, wales = resolve(places, "Police in England and Wales.", ("England", "GPE", "GBR"),
                       ("Wales", "GPE", "GBR"))
    assert (wales.geo.feature, wales.geo.admin1) == ("admin1", "Wales")


def test_a_town_typed_as_a_person_is_the_town_after_a_locative_cue(places):
    [joliet] = resolve(places, "The casino in Joliet burned.", ("Joliet", "PERSON", None))
    assert (joliet.geo.feature, joliet.geo.admin1, joliet.type) == ("city", "Illinois", "PERSON")


def test_an_organization_ner_took_for_a_person_is_located_at_its_seat(places):
    police, university = resolve(
        places, "Alexandria Police said. Sam Houston State University said.",
        ("Alexandria Police", "PERSON", None), ("Sam Houston State University", "PERSON", None))
    assert (police.geo.feature, police.geo.geonameid) == ("other", 361058)
    assert university.geo is None


def test_a_nominal_name_the_gazetteer_holds_whole_is_that_place(places):
    [kansas_city] = resolve(places, "A Kansas City man was stabbed.",
                            ("Kansas City", "LOC", "USA", ["Kansas City"], True))
    assert (kansas_city.geo.feature, kansas_city.geo.geonameid) == ("city", 4393217)


def test_a_state_abbreviation_seats_an_organization(places):
    [patrol] = resolve(places, "The S.C. Highway Patrol is looking for leads.",
                       ("S.C. Highway Patrol", "ORG", None))
    assert (patrol.geo.feature, patrol.geo.admin1, patrol.geo.country) == (
        "other", "South Carolina", "USA")


def test_georgia_in_an_american_article_with_a_georgia_town_is_the_state(places):
    [_, georgia, *_] = resolve(
        places, "ATLANTA - A Georgia man died. Arizona and Oregon allow it.",
        ("ATLANTA", "GPE", "USA"), ("Georgia", "GPE", "GEO"), ("Arizona", "GPE", "USA"),
        ("Oregon", "GPE", "USA"))
    assert (georgia.geo.feature, georgia.geo.admin1, georgia.country) == (
        "admin1", "Georgia", "USA")


def test_a_county_named_without_its_word_is_the_county_in_its_state(places):
    entities = resolve(places, "Clarke County and Oconee schools met in Athens, Ga.",
                       ("Clarke County", "GPE", "USA"), ("Oconee", "ORG", None),
                       ("Athens", "GPE", "USA"), ("Ga.", "GPE", "USA"))
    assert (entities[1].geo.feature, entities[1].geo.admin1) == ("admin2", "Georgia")


def test_a_county_court_is_a_courthouse_not_a_street(places):
    [court] = resolve(places, "He was charged in Wyandotte County District Court.",
                      ("Wyandotte County District Court", "GPE", None))
    assert (court.geo.feature, court.geo.admin1) == ("other", "Kansas")


def test_a_lake_named_after_a_person_is_not_seated_in_lake_county(places):
    [lake] = resolve(places, "Boats launched on Lake Robinson.", ("Lake Robinson", "FAC", None))
    assert lake.geo is None


def test_a_country_code_domain_names_the_outlets_country():
    assert [url_country(url) for url in (
        "https://www.thisisoxfordshire.co.uk/news/1", "http://sptimes.ru/story",
        "https://www.spiegel.de/politik", "https://eltiempo.com.co/a")] == ["GB", "RU", "DE",
                                                                          "CO"]


def test_a_generic_or_brand_domain_names_no_country():
    assert [url_country(url) for url in (
        "https://www.ajc.com/news", "https://example.org", "https://news.tv/a",
        "https://startup.io", "not a url", None)] == [None] * 6


def test_the_outlet_country_given_outranks_the_urls():
    assert (outlet_country("usa", "https://a.co.uk/x"), outlet_country(None, "https://a.co.uk/x"),
            outlet_country("gb", None)) == ("US", "GB", "GB")


def test_the_outlets_country_picks_between_near_equal_namesakes(places):
    text = "The council met in Cambridge on Tuesday."
    found = [resolve(places, text, ("Cambridge", "GPE", None), outlet=outlet)[0].geo.admin1
             for outlet in (None, "US", "GB", "CA")]
    assert found == ["England", "Massachusetts", "England", "Ontario"]


def test_the_outlets_country_is_no_match_for_a_world_city(places):
    [paris] = resolve(places, "Talks opened in Paris.", ("Paris", "GPE", None), outlet="US")
    assert (paris.geo.geonameid, paris.geo.country) == (2988507, "FRA")


def test_the_articles_own_state_outranks_the_outlets_country(places):
    [cambridge, _] = resolve(places, "Cambridge police said the Ontario crash was fatal.",
                             ("Cambridge", "GPE", None), ("Ontario", "GPE", "CAN"),
                             outlet="US")
    assert (cambridge.geo.admin1, cambridge.geo.country) == ("Ontario", "CAN")


def test_extract_takes_the_outlet_country_and_reads_the_url():
    one = factwire.extract("Flooding closed roads in Cambridge on Tuesday.",
                           published="2025-04-02", outlet_country="US")
    two = factwire.extract("Flooding closed roads in Cambridge on Tuesday.",
                           published="2025-04-02", url="https://www.example.co.uk/a")
    [first], [second] = ([e for e in f.entities if e.name == "Cambridge"] for f in (one, two))
    assert (one.article.outlet_country, first.geo.admin1) == ("US", "Massachusetts")
    assert (two.article.outlet_country, second.geo.admin1) == (None, "England")


def test_towns_named_together_are_the_neighbouring_namesakes(places):
    # Kent, Washington has 127,000 people, Kent, Connecticut 2,900: the neighbours decide
    found = resolve(places, "Firefighters from Torrington, Winsted, Litchfield, Kent and "
                    "Sharon fought the blaze.", *[(name, "GPE", None) for name in (
                        "Torrington", "Winsted", "Litchfield", "Kent", "Sharon")])
    assert [(e.geo.admin1, e.geo.country) for e in found] == [("Connecticut", "USA")] * 5


def test_a_town_named_as_local_news_names_it_is_the_outlets(places):
    text = "A Mansfield woman was arrested Friday, Mansfield police said."
    spec = ("Mansfield", "GPE", None, ["Mansfield", "Mansfield police"])
    [local], [abroad] = resolve(places, text, spec, outlet="US"), resolve(places, text, spec)
    assert (local.geo.country, abroad.geo.country) == ("USA", "GBR")


def test_a_world_citys_local_namesake_needs_its_neighbours(places):
    text = "A Paris woman was arrested Friday, Paris police said. {}"
    spec = ("Paris", "GPE", None, ["Paris", "Paris police"])
    [alone] = resolve(places, text.format(""), spec, outlet="US")
    [home, _] = resolve(places, text.format("She lives in Henry County."), spec,
                        ("Henry County", "GPE", None), outlet="US")
    assert (alone.geo.country, home.geo.admin1) == ("FRA", "Tennessee")


def test_a_dateline_of_a_world_city_stays_abroad(places):
    [moscow] = resolve(places, "Talks resume. MOSCOW -- Officials said on Monday.",
                       ("Moscow", "GPE", None, ["MOSCOW"]), outlet="US")
    assert moscow.geo.country == "RUS"


def test_lebanon_police_among_pennsylvania_towns_is_the_town(places):
    lebanon, _, _ = resolve(
        places, "Lebanon police said the man from Myerstown was taken to Hershey.",
        ("Lebanon", "GPE", "LBN"), ("Myerstown", "GPE", None), ("Hershey", "GPE", None),
        outlet="US")
    assert (lebanon.geo.feature, lebanon.geo.admin1, lebanon.geo.country) == (
        "city", "Pennsylvania", "USA")


def test_a_country_in_a_compound_name_stays_the_country(places):
    [russia] = resolve(places, "Russia froze contacts in the NATO-Russia Council.",
                       ("Russia", "GPE", "RUS", ["Russia", "Russia Council"]), outlet="US")
    assert (russia.geo.feature, russia.geo.country) == ("country", "RUS")


def test_a_group_named_by_its_town_is_located_there(places):
    police, _ = resolve(places, "Hurricane police and Putnam County deputies found them.",
                        ("Hurricane police", "ORG", "USA", ["Hurricane police"], True),
                        ("Putnam County", "GPE", "USA"), outlet="US")
    assert (police.geo.feature, police.geo.admin1) == ("other", "West Virginia")


def test_a_people_named_group_gets_no_town(places):
    [officials] = resolve(places, "Ukrainian officials said.",
                          ("Ukrainian officials", "PERSON", "UKR", ["Ukrainian officials"],
                           True), outlet="US")
    assert officials.geo is None


def test_a_place_word_without_a_name_is_no_evidence_of_the_country(places):
    athens, city = resolve(places, "The Athens City Council met. The city will cut its "
                           "budget.", ("Athens", "GPE", "GRC"),
                           ("city", "LOC", "GRC", ["city"], True), outlet="US")
    assert (athens.geo.country, city.geo) == ("USA", None)


def test_a_jsonl_record_gives_the_outlet_country():
    from factwire.ingest.jsonl import record_article

    article = record_article({"text": "Hi there.", "outlet_country": "usa"}, "a.jsonl:1")
    assert article.outlet_country == "US"


def test_an_unknown_outlet_country_is_a_malformed_record():
    from factwire.errors import MalformedRecord
    from factwire.ingest.jsonl import record_article

    with pytest.raises(MalformedRecord, match="outlet_country 'Texas'"):
        record_article({"text": "Hi there.", "outlet_country": "Texas"}, "a.jsonl:1")


def test_a_dateline_names_the_outlets_own_town(places):
    text = "Council to vote. MANSFIELD -- The council will vote on the budget."
    spec = ("Mansfield", "GPE", None, ["MANSFIELD"])
    [local], [abroad] = resolve(places, text, spec, outlet="US"), resolve(places, text, spec)
    assert (local.geo.country, abroad.geo.country) == ("USA", "GBR")


def test_a_country_named_with_its_people_is_no_town_of_its_name(places):
    [canada, _, _] = resolve(
        places, "He moved from Canada to Greenville. Canadian winters, he said, are long. "
        "He works in Sulphur Springs.", ("Canada", "GPE", "CAN", ["Canada", "Canadian"]),
        ("Greenville", "GPE", "USA"), ("Sulphur Springs", "GPE", "USA"), outlet="US")
    assert (canada.geo.feature, canada.geo.country) == ("country", "CAN")


def test_a_towns_site_or_institution_ner_calls_a_person_is_located_there(places):
    station, fire, person = resolve(
        places, "Greer Station residents met. Huntsville Fire chief spoke. Paris Hilton came.",
        ("Greer Station", "PERSON", None), ("Huntsville Fire", "PERSON", None),
        ("Paris Hilton", "PERSON", None), outlet="US")
    assert (station.geo.feature, station.geo.admin1) == ("other", "South Carolina")
    assert (fire.geo.feature, fire.geo.country, person.geo) == ("other", "USA", None)
