"""Events selected by where they happened (country, first-level area, bounding box, across
the antimeridian), in the store, the API, the CLI and the exports; and every exported event
carries its place's latitude, longitude, admin1, country and precision."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from factwire.cli import cli
from factwire.export import export
from factwire.model import Article, ArticleFacts, Entity, Event, Geo, SentenceRef, TextSpan
from factwire.pipeline import article_id
from factwire.store import Store
from factwire.store.filters import PlaceFilterError, make_place, parse_bbox
from factwire.store.frames import EVENT_COLUMNS
from factwire.store.frames import events as events_frame
from factwire.web.app import create_app
from tests.store_backends import BACKENDS, stores

KURSK = Geo(51.7373, 36.1874, 554234, "admin1", "Kursk", "RUS", "region")
WASHINGTON = Geo(38.8951, -77.0364, 4140963, "city", "Washington, D.C.", "USA", "city")
SUVA = Geo(-18.1416, 178.4415, 2198148, "city", "Central", "FJI", "city")
APIA = Geo(-13.8333, -171.7667, 4035413, "city", "Tuamasaga", "WSM", "city")
UKRAINE = Geo(49.0, 32.0, 690791, "country", None, "UKR", "country")


def _span(text: str, words: str) -> TextSpan:
    start = text.index(words)
    return TextSpan(start, start + len(words), words)


def _place(text: str, eid: str, name: str, words: str, geo: Geo) -> Entity:
    return Entity(eid, name, "GPE", geo.country, mentions=[_span(text, words)], geo=geo)


def _event(text: str, vid: str, type_: str, trigger: str, actors, locations=()) -> Event:
    t = _span(text, trigger)
    start = text.rfind(".", 0, t.start) + 1
    end = text.index(".", t.end) + 1
    return Event(vid, type_, None, list(actors), [], list(locations), None, "asserted", None,
                 [], t, SentenceRef(start, end), 0.9)


def _facts(text: str, published: str, entities, events) -> ArticleFacts:
    article = Article(article_id(text), text, title=text[:30], outlet="Geo Wire",
                      published=published)
    return ArticleFacts(article=article, entities=entities, events=events)


def kursk_article() -> ArticleFacts:
    text = "Ukrainian drones struck Kursk on Monday. Ukraine demanded talks."
    return _facts(text, "2025-04-01",
                  [_place(text, "e1", "Ukraine", "Ukrainian", UKRAINE),
                   _place(text, "e2", "Kursk", "Kursk", KURSK)],
                  [_event(text, "v1", "ASSAULT", "struck", ["e1"], ["e2"]),
                   _event(text, "v2", "REQUEST", "demanded", ["e1"])])


def washington_article() -> ArticleFacts:
    text = "Envoys met in Washington on Tuesday."
    return _facts(text, "2025-04-02",
                  [_place(text, "e1", "Washington", "Washington", WASHINGTON)],
                  [_event(text, "v1", "CONSULT", "met", [], ["e1"])])


def pacific_article() -> ArticleFacts:
    text = "Troops deployed to Suva. Aid arrived in Apia."
    return _facts(text, "2025-04-03",
                  [_place(text, "e1", "Suva", "Suva", SUVA),
                   _place(text, "e2", "Apia", "Apia", APIA)],
                  [_event(text, "v1", "MOBILIZE", "deployed", [], ["e1"]),
                   _event(text, "v2", "AID", "arrived", [], ["e2"])])


ARTICLES = (kursk_article(), washington_article(), pacific_article())


def _fill(store: Store) -> Store:
    for facts in ARTICLES:
        store.add(facts)
    return store


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    for opened in stores(request.param, tmp_path):
        yield _fill(opened)


@pytest.fixture(scope="module")
def sqlite_store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("geo") / "geo.db") as opened:
        yield _fill(opened)


def _places(df) -> list[str]:
    return sorted(df["place"])


# The store

def test_place_country_selects_events_located_in_that_country(store):
    assert _places(events_frame(store, place_country="rus")) == ["Kursk"]
    assert _places(events_frame(store, place_country="USA")) == ["Washington"]


def test_admin1_matches_the_stored_name_ignoring_case(store):
    assert _places(events_frame(store, admin1="kursk")) == ["Kursk"]
    assert _places(events_frame(store, admin1="Washington, D.C.")) == ["Washington"]
    assert events_frame(store, admin1="Kurs").empty


def test_bbox_selects_events_inside_the_box_edges_included(store):
    assert _places(events_frame(store, bbox="30,45,40,55")) == ["Kursk"]
    assert _places(events_frame(store, bbox=(36.1874, 51.7373, 40, 55))) == ["Kursk"]
    assert _places(events_frame(store, bbox="-180,-90,180,90")) == [
        "Apia", "Kursk", "Suva", "Washington"]


def test_store_events_takes_the_place_filters_itself(store):
    assert _places(store.events(place_country="RUS", bbox="30,45,40,55")) == ["Kursk"]
    assert _places(store.events(admin1="WASHINGTON, D.C.")) == ["Washington"]
    assert store.events(bbox=(-180, -90, 180, 90)).equals(
        events_frame(store, bbox=(-180, -90, 180, 90)))


def test_bbox_crossing_the_antimeridian_wraps_around(store):
    assert _places(events_frame(store, bbox="170,-25,-170,-10")) == ["Apia", "Suva"]
    assert _places(events_frame(store, bbox="175,-25,180,-10")) == ["Suva"]
    assert _places(events_frame(store, bbox="-175,-25,-170,-10")) == ["Apia"]


def test_place_filters_combine_with_each_other_and_the_others(store):
    assert _places(events_frame(store, place_country="RUS", bbox="30,45,40,55",
                                type="ASSAULT")) == ["Kursk"]
    assert events_frame(store, place_country="USA", bbox="30,45,40,55").empty
    assert events_frame(store, admin1="Kursk", type="CONSULT").empty


def test_events_without_a_location_are_not_selected_by_place(store):
    every = events_frame(store)
    assert sorted(every["type"]) == ["AID", "ASSAULT", "CONSULT", "MOBILIZE", "REQUEST"]
    assert "REQUEST" not in set(events_frame(store, place_country="UKR")["type"])


def test_event_rows_carry_coordinates_admin1_country_and_precision(store):
    (row,) = events_frame(store, admin1="Kursk").to_dict("records")
    assert {k: row[k] for k in ("place", "latitude", "longitude", "geonameid", "place_country",
                                "feature", "place_admin1", "place_precision")} == {
        "place": "Kursk", "latitude": 51.7373, "longitude": 36.1874, "geonameid": 554234,
        "place_country": "RUS", "feature": "admin1", "place_admin1": "Kursk",
        "place_precision": "region"}
    assert list(events_frame(store).columns) == list(EVENT_COLUMNS)


def test_bad_place_filters_raise_a_specific_error():
    with pytest.raises(PlaceFilterError, match="four numbers"):
        parse_bbox("1,2,3")
    with pytest.raises(PlaceFilterError, match="longitudes"):
        parse_bbox("200,0,10,10")
    with pytest.raises(PlaceFilterError, match="min_lat is greater"):
        parse_bbox("0,50,10,40")
    with pytest.raises(PlaceFilterError, match="alpha-3"):
        make_place("UK")
    assert make_place(" ") == make_place()


# The API

@pytest.fixture(scope="module")
def client(sqlite_store) -> TestClient:
    return TestClient(create_app(sqlite_store))


def _api_places(client, query: str) -> list[str]:
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 200, response.text
    return sorted(item["place"]["name"] for item in response.json()["items"])


def test_api_filters_events_by_place_country_admin1_and_bbox(client):
    assert _api_places(client, "place_country=rus") == ["Kursk"]
    assert _api_places(client, "admin1=KURSK") == ["Kursk"]
    assert _api_places(client, "bbox=30,45,40,55") == ["Kursk"]
    assert _api_places(client, "bbox=170,-25,-170,-10") == ["Apia", "Suva"]
    assert client.get("/api/events?bbox=-80,30,-70,40").json()["total"] == 1


def test_api_event_items_carry_their_place(client):
    (item,) = client.get("/api/events?place_country=USA").json()["items"]
    assert item["place"] == {"name": "Washington", "lat": 38.8951, "lon": -77.0364,
                             "geonameid": 4140963, "feature": "city",
                             "admin1": "Washington, D.C.", "country": "USA",
                             "precision": "city"}


@pytest.mark.parametrize(("query", "name", "message"), [
    ("bbox=1,2,3", "bbox", "expected four numbers min_lon,min_lat,max_lon,max_lat"),
    ("bbox=a,b,c,d", "bbox", "expected four numbers min_lon,min_lat,max_lon,max_lat"),
    ("bbox=0,95,10,96", "bbox", "latitudes must lie between -90 and 90"),
    ("bbox=0,50,10,40", "bbox", "min_lat is greater than max_lat"),
    ("place_country=U1A", "place_country", "expected an ISO 3166-1 alpha-3 code such as UKR"),
])
def test_api_rejects_bad_place_filters_with_a_clear_422(client, query, name, message):
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 422
    assert response.json()["detail"] == [{"loc": ["query", name], "msg": message}]


def test_events_page_filters_by_place_and_shows_the_inputs(client):
    page = client.get("/events?admin1=Kursk", headers={"accept": "text/html"}).text
    assert 'name="admin1" value="Kursk"' in page
    assert "51.74, 36.19 (region)" in page
    assert "Washington" not in page.split("</form>")[-1]


# The CLI

def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_events_command_filters_by_place(sqlite_store):
    db = _db_path(sqlite_store)
    rows = [json.loads(line) for line in _run(
        "events", "--db", db, "--place-country", "FJI", "--bbox", "170,-25,-170,-10",
        "--format", "json").splitlines()]
    assert [(r["place"], r["latitude"], r["longitude"], r["place_precision"]) for r in rows] == [
        ("Suva", -18.1416, 178.4415, "city")]
    out = _run("events", "--db", db, "--admin1", "kursk")
    assert "Kursk" in out and "Washington" not in out


def test_events_command_rejects_a_bad_bbox(sqlite_store):
    result = CliRunner().invoke(cli, ["events", "--db", _db_path(sqlite_store),
                                      "--bbox", "0,0,1"])
    assert result.exit_code == 2
    assert "expected four numbers" in result.output


def _db_path(store: Store) -> str:
    return store.engine.url.database


# The exports

def test_plover_export_carries_latitude_longitude_province_and_precision(sqlite_store):
    out = io.StringIO()
    assert export(sqlite_store, out, "plover", admin1="Kursk") == 1
    record = json.loads(out.getvalue())
    assert {k: record[k] for k in ("Placename", "Province", "Country", "Latitude",
                                   "Longitude", "Geo Precision", "GeoNames ID",
                                   "Feature Type")} == {
        "Placename": "Kursk", "Province": "Kursk", "Country": "RUS", "Latitude": 51.7373,
        "Longitude": 36.1874, "Geo Precision": "region", "GeoNames ID": 554234,
        "Feature Type": "admin1"}


def test_csv_export_has_place_columns_on_every_located_event(sqlite_store):
    out = io.StringIO()
    assert export(sqlite_store, out, "csv", bbox="170,-25,-170,-10") == 2
    rows = sorted(csv.DictReader(io.StringIO(out.getvalue())), key=lambda r: r["place"])
    assert [(r["place"], r["latitude"], r["longitude"], r["place_admin1"], r["place_country"],
             r["place_precision"]) for r in rows] == [
        ("Apia", "-13.8333", "-171.7667", "Tuamasaga", "WSM", "city"),
        ("Suva", "-18.1416", "178.4415", "Central", "FJI", "city")]


def test_export_command_filters_events_by_place(sqlite_store, tmp_path):
    target = tmp_path / "kursk.jsonl"
    result = CliRunner().invoke(cli, ["export", "--db", _db_path(sqlite_store), "--format",
                                      "plover", "--place-country", "RUS", "-o", str(target)])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in target.read_text().splitlines()]
    assert (record["Placename"], record["Geo Precision"]) == ("Kursk", "region")
