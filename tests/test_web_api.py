"""The web layer through FastAPI's TestClient: every endpoint, its filters and pagination, the
pages and their JSON twins, ingest over HTTP with its token, and the security rules (escaping,
headers, validated parameters, body size, no file path from a request)."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from factwire.model import (
    Article,
    ArticleFacts,
    Entity,
    Event,
    Quantity,
    Quote,
    Removed,
    SentenceRef,
    TextSpan,
    Time,
)
from factwire.pipeline import article_id
from factwire.store import Store
from factwire.web.app import create_app

TOKEN = "test-token-123"
HOSTILE_TITLE = "<script>alert(1)</script> Poland and Germany agree"
HOSTILE_TEXT = "Poland and Germany agreed on a <img src=x onerror=alert(1)> deal in Berlin. "
FILLER = "Lorem ipsum dolor sit amet."


def span(text: str, words: str, nth: int = 0) -> TextSpan:
    """The ``nth`` occurrence of ``words`` in ``text`` as a TextSpan."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return TextSpan(start, start + len(words), words)


def entity(text: str, eid: str, name: str, type_: str, country: str, words: str) -> Entity:
    return Entity(eid, name, type_, country, mentions=[span(text, words)])


def event(text: str, vid: str, type_: str, trigger: str, actor, recipient=(), location=(),
          time=None) -> Event:
    t = span(text, trigger)
    end = text.find(".", t.end) + 1
    return Event(vid, type_, None, list(actor), list(recipient), list(location), time,
                 "asserted", None, [], t, SentenceRef(0, end), 0.9)


def facts_a() -> ArticleFacts:
    text = ("Russian forces shelled Kharkiv on Tuesday, killing 12 people, the governor said. "
            "\"We will rebuild,\" Mayor Ihor Terekhov said.")
    article = Article(article_id(text), text, url="https://alpha.example/a", title="Kharkiv shelled",
                      outlet="Alpha Wire", published="2025-04-02")
    tuesday = span(text, "Tuesday")
    content = span(text, "We will rebuild,")
    return ArticleFacts(
        article=article,
        entities=[entity(text, "e1", "Russia", "GPE", "RUS", "Russian"),
                  entity(text, "e2", "Kharkiv", "GPE", "UKR", "Kharkiv"),
                  entity(text, "e3", "Ihor Terekhov", "PERSON", "UKR", "Ihor Terekhov")],
        times=[Time("t1", tuesday.start, tuesday.end, "Tuesday", "DATE", "2025-04-01")],
        quantities=[Quantity("q1", *_span3(span(text, "12 people")), value=12.0,
                             counted="people", subject="e2", time="t1")],
        quotes=[Quote("u1", content.start - 1, content.end + 1, "direct", "e3",
                      "Mayor Ihor Terekhov", "said", content)],
        events=[event(text, "v1", "ASSAULT", "shelled", ["e1"], ["e2"], time="t1")])


def facts_b() -> ArticleFacts:
    text = "Russia shelled Kharkiv on Tuesday and killed 30 people, officials said."
    article = Article(article_id(text), text, url="https://beta.example/b", title="Attack on Kharkiv",
                      outlet="Beta News", published="2025-04-03")
    tuesday = span(text, "Tuesday")
    return ArticleFacts(
        article=article,
        entities=[entity(text, "e1", "Russia", "GPE", "RUS", "Russia"),
                  entity(text, "e2", "Kharkiv", "GPE", "UKR", "Kharkiv")],
        times=[Time("t1", tuesday.start, tuesday.end, "Tuesday", "DATE", "2025-04-01")],
        quantities=[Quantity("q1", *_span3(span(text, "30 people")), value=30.0,
                             counted="people", subject="e2", time="t1")],
        events=[event(text, "v1", "ASSAULT", "shelled", ["e1"], ["e2"], time="t1")])


def facts_hostile() -> ArticleFacts:
    text = HOSTILE_TEXT + FILLER
    article = Article(article_id(text), text, url="javascript:alert(1)", title=HOSTILE_TITLE,
                      outlet="<b>Gamma</b>", published="2025-05-10")
    return ArticleFacts(
        article=article,
        removed=[Removed(len(HOSTILE_TEXT), len(text), "lorem")],
        entities=[entity(text, "e1", "Poland", "GPE", "POL", "Poland"),
                  entity(text, "e2", "Germany", "GPE", "DEU", "Germany"),
                  entity(text, "e3", "Berlin", "GPE", "DEU", "Berlin")],
        events=[event(text, "v1", "AGREE", "agreed", ["e1", "e2"], location=["e3"])])


def _span3(s: TextSpan) -> tuple[int, int, str]:
    return s.start, s.end, s.text


ARTICLES = (facts_a(), facts_b(), facts_hostile())


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    store = Store(tmp_path_factory.mktemp("web") / "web.db")
    for facts in ARTICLES:
        store.add(facts)
    yield store
    store.close()


@pytest.fixture(scope="module")
def client(store) -> TestClient:
    return TestClient(create_app(store))


def _event_ids(client, **params) -> list[int]:
    return [e["id"] for e in client.get("/api/events", params=params).json()["items"]]


# --- lists, filters, pagination ------------------------------------------------------------

LISTS = ("/api/articles", "/api/events", "/api/entities", "/api/quantities", "/api/claims",
         "/api/contradictions", "/api/quotes")


@pytest.mark.parametrize("path", LISTS)
def test_every_list_endpoint_returns_a_page_with_its_total(client, path):
    body = client.get(path).json()
    assert set(body) >= {"total", "limit", "offset", "items"}
    assert body["limit"] == 50 and body["offset"] == 0
    assert body["total"] == len(body["items"]) > 0


def test_articles_are_listed_newest_first_with_their_outlets(client):
    items = client.get("/api/articles").json()["items"]
    assert [a["outlet"] for a in items] == ["<b>Gamma</b>", "Beta News", "Alpha Wire"]


def test_limit_and_offset_page_through_articles(client):
    first = client.get("/api/articles", params={"limit": 2}).json()
    second = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == second["total"] == 3
    assert len(first["items"]) == 2 and len(second["items"]) == 1
    assert second["items"][0]["outlet"] == "Alpha Wire"


def test_two_reports_of_one_shelling_are_one_merged_event(client):
    events = client.get("/api/events").json()
    assert events["total"] == 2
    shelling = next(e for e in events["items"] if e["type"] == "ASSAULT")
    assert shelling["reports"] == 2
    assert shelling["outlets"] == ["Alpha Wire", "Beta News"]
    assert [p["name"] for p in shelling["actors"]] == ["Russia"]
    assert shelling["countries"] == ["RUS", "UKR"]


def test_events_filter_by_type_country_actor_period_and_words(client):
    assert len(_event_ids(client, type="ASSAULT")) == 1
    assert len(_event_ids(client, type="agree")) == 1
    assert len(_event_ids(client, country="UKR")) == 1
    assert len(_event_ids(client, country="deu")) == 1
    assert _event_ids(client, country="FRA") == []
    assert len(_event_ids(client, actor="Russia")) == 1
    assert len(_event_ids(client, since="2025-05-01")) == 1
    assert len(_event_ids(client, until="2025-04-30")) == 1
    assert len(_event_ids(client, q="killing")) == 1


def test_events_page_through_with_limit_and_offset(client):
    assert len(_event_ids(client, limit=1)) == 1
    assert _event_ids(client, limit=1) != _event_ids(client, limit=1, offset=1)
    assert client.get("/api/events", params={"offset": 5}).json()["items"] == []


def test_an_event_lists_every_report_with_its_evidence_sentence(client):
    shelling = _event_ids(client, type="ASSAULT")[0]
    body = client.get(f"/api/events/{shelling}").json()
    reports = body["reports_list"]
    assert [r["article"]["outlet"] for r in reports] == ["Alpha Wire", "Beta News"]
    assert reports[1]["sentence"] == ("Russia shelled Kharkiv on Tuesday and killed 30 people, "
                                      "officials said.")
    assert reports[1]["trigger"] == "shelled"
    assert reports[1]["sentence"][reports[1]["trigger_start"]:reports[1]["trigger_end"]] == \
        "shelled"


def test_entities_filter_by_type_country_and_name(client):
    people = client.get("/api/entities", params={"type": "PERSON"}).json()
    assert [e["name"] for e in people["items"]] == ["Ihor Terekhov"]
    germans = client.get("/api/entities", params={"country": "DEU"}).json()["items"]
    assert sorted(e["name"] for e in germans) == ["Berlin", "Germany"]
    assert [e["name"] for e in client.get("/api/entities", params={"q": "khar"}).json()["items"]
            ] == ["Kharkiv"]


def _entity_id(client, name: str) -> int:
    items = client.get("/api/entities", params={"q": name}).json()["items"]
    return next(e["id"] for e in items if e["name"] == name)


def test_an_entity_has_its_events_quotes_and_figures(client):
    kharkiv = client.get(f"/api/entities/{_entity_id(client, 'Kharkiv')}").json()
    assert kharkiv["entity"]["articles"] == 2
    assert [e["type"] for e in kharkiv["events"]] == ["ASSAULT"]
    [series] = kharkiv["series"]
    assert [c["value"] for c in series["claims"]] == [12.0, 30.0]
    mayor = client.get(f"/api/entities/{_entity_id(client, 'Ihor Terekhov')}").json()
    assert [q["content"] for q in mayor["quotes"]] == ["We will rebuild,"]


def test_quantities_filter_by_counted_thing_subject_and_period(client):
    assert client.get("/api/quantities", params={"q": "people"}).json()["total"] == 2
    assert client.get("/api/quantities", params={"actor": "Kharkiv"}).json()["total"] == 2
    assert client.get("/api/quantities", params={"since": "2025-04-03"}).json()["total"] == 1
    assert client.get("/api/quantities", params={"q": "tanks"}).json()["total"] == 0


def test_claims_are_series_and_the_disagreeing_figures_a_contradiction(client):
    [series] = client.get("/api/claims").json()["items"]
    assert (series["subject"], series["counted"], series["contradicted"]) == (
        "Kharkiv", "person", True)
    assert [c["outlet"] for c in series["claims"]] == ["Alpha Wire", "Beta News"]
    [pair] = client.get("/api/contradictions").json()["items"]
    assert {pair["first_value"], pair["second_value"]} == {12.0, 30.0}
    assert client.get("/api/contradictions", params={"country": "FRA"}).json()["total"] == 0


def test_quotes_filter_by_speaker_and_words(client):
    assert client.get("/api/quotes", params={"actor": "Terekhov"}).json()["total"] == 1
    assert client.get("/api/quotes", params={"q": "rebuild"}).json()["total"] == 1
    assert client.get("/api/quotes", params={"q": "surrender"}).json()["total"] == 0


def test_search_finds_articles_by_their_words(client):
    body = client.get("/api/search", params={"q": "Kharkiv"}).json()
    assert sorted(a["outlet"] for a in body["items"]) == ["Alpha Wire", "Beta News"]
    assert client.get("/api/search").json()["items"] == []


def test_an_article_reads_back_with_its_facts_and_links(client):
    a = facts_a()
    body = client.get(f"/api/articles/{a.article.id}").json()
    assert body["facts"]["article"]["text"] == a.article.text
    assert set(body["links"]["events"]) == {"v1"}
    assert set(body["links"]["entities"]) == {"e1", "e2", "e3"}


def test_openapi_lists_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert set(paths) >= {"/api/articles", "/api/articles/{article_id}", "/api/events",
                          "/api/events/{event_id}", "/api/entities", "/api/entities/{entity_id}",
                          "/api/quantities", "/api/claims", "/api/contradictions",
                          "/api/quotes", "/api/search"}
    assert "post" in paths["/api/articles"]


# --- pages and their JSON twins ------------------------------------------------------------

PAGES = ("/", "/events", "/entities", "/claims", "/contradictions", "/quotes", "/articles",
         "/search?q=Kharkiv")


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_html(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>" in response.text


@pytest.mark.parametrize("path", ["/events", "/entities", "/claims", "/quotes", "/articles"])
def test_every_list_page_has_a_json_twin_equal_to_the_api(client, path):
    assert client.get(f"{path}.json").json() == client.get(f"/api{path}").json()
    accept = client.get(path, headers={"Accept": "application/json"})
    assert accept.json() == client.get(f"/api{path}").json()


def test_detail_pages_have_json_twins(client):
    shelling = _event_ids(client, type="ASSAULT")[0]
    assert client.get(f"/events/{shelling}.json").json()["event"]["reports"] == 2
    kharkiv = _entity_id(client, "Kharkiv")
    assert client.get(f"/entities/{kharkiv}.json").json()["entity"]["name"] == "Kharkiv"
    a = facts_a().article.id
    assert client.get(f"/articles/{a}.json").json()["facts"]["article"]["id"] == a


def test_dashboard_json_counts_types_actors_and_contradictions(client):
    body = client.get("/index.json").json()
    assert (body["articles"], body["events"]) == (3, 2)
    assert body["by_type"] == {"ASSAULT": 1, "AGREE": 1}
    assert body["top_actors"][0]["events"] == 1
    assert len(body["contradictions"]) == 1
    assert {"month": "2025-04", "type": "ASSAULT", "events": 1} in body["by_month"]


def test_dashboard_shows_the_chart_actors_and_contradictions(client):
    html = client.get("/").text
    assert '<svg class="chart"' in html and 'data-type="ASSAULT"' in html
    assert "Most active actors" in html and "Kharkiv" in html


def test_events_page_filters_by_country_from_its_form(client):
    html = client.get("/events", params={"country": "UKR", "type": "", "since": "",
                                         "until": "", "q": "", "actor": ""}).text
    assert html.count('class="event-row"') == 1
    assert "Kharkiv" in html and "Berlin" not in html


def test_article_page_highlights_every_kind_and_the_evidence_sentence(client):
    a = facts_a()
    html = client.get(f"/articles/{a.article.id}", params={"highlight": "v1"}).text
    for kind in ("k-entity", "k-time", "k-quantity", "k-quote", "k-trigger", "k-evidence"):
        assert kind in html
    assert 'id="evidence"' in html
    assert 'href="/events/' in html and 'href="/entities/' in html


def test_article_page_shows_filler_as_removed(client):
    html = client.get(f"/articles/{facts_hostile().article.id}").text
    assert f'k-removed" data-facts="removed-0" title="removed as filler">{FILLER}<' in html


def test_claims_page_charts_series_and_marks_contradictions(client):
    html = client.get("/claims").text
    assert 'class="contradicted"' in html and "contradicted" in html
    assert "Alpha Wire" in html and "Beta News" in html


def test_a_long_series_lists_its_contradicted_and_latest_figures_only():
    from factwire.web.pages import _rows_listed

    claims = [{"n": n, "contradicted": n in (2, 40)} for n in range(100)]
    rows, left_out = _rows_listed(claims, most=5)
    assert [c["n"] for c in rows] == [2, 40, 97, 98, 99] and left_out == 95
    assert _rows_listed(claims[:5], most=5) == (claims[:5], 0)


# --- security ------------------------------------------------------------------------------

def test_hostile_article_text_title_and_url_are_escaped(client):
    for path in ("/articles", f"/articles/{facts_hostile().article.id}", "/events"):
        html = client.get(path).text
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "<b>Gamma</b>" not in html
        assert 'href="javascript:' not in html
    html = client.get(f"/articles/{facts_hostile().article.id}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_fact_details_json_cannot_close_its_script_element(client):
    html = client.get(f"/articles/{facts_hostile().article.id}").text
    data = html.split('id="fact-details">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data


@pytest.mark.parametrize("path", ["/", "/events", "/api/events", "/docs", "/no/such/page"])
def test_every_response_carries_the_security_headers(client, path):
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self';" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";")[0]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"


def test_pages_hold_no_inline_script(client):
    for path in PAGES:
        html = client.get(path).text
        assert "<script>" not in html and " onclick=" not in html and " onload=" not in html


@pytest.mark.parametrize("params", [{"since": "2025-13-01"}, {"until": "yesterday"},
                                    {"country": "XX"}, {"country": "R1S"},
                                    {"type": "BOMBING"}, {"limit": "0"}, {"limit": "100000"},
                                    {"offset": "-1"}, {"since": "2025-05-01",
                                                       "until": "2025-04-01"}])
def test_bad_parameters_are_refused_with_422(client, params):
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_bad_parameters_on_a_page_give_an_html_error_page(client):
    response = client.get("/events", params={"since": "not-a-date"})
    assert response.status_code == 422
    assert "expected a date" in response.text and "<h1>Error 422</h1>" in response.text


SQL_INJECTIONS = ("' OR '1'='1", "1; DROP TABLE articles; --", "\" OR 1=1 --",
                  "%' UNION SELECT id, text FROM articles --", "nowhere' --", "*", "NEAR(",
                  "\\")


@pytest.mark.parametrize("value", SQL_INJECTIONS)
def test_sql_injection_in_parameters_gives_4xx_or_empty_results(client, store, value):
    """A filter an endpoint uses finds nothing; one it does not use changes nothing."""
    for path in ("/api/events", "/api/entities", "/api/quotes", "/api/quantities",
                 "/api/articles", "/api/search", "/api/claims", "/search", "/events"):
        unfiltered = client.get(path).json()["items"] if path.startswith("/api/") else None
        for name in ("q", "actor", "country", "type", "since"):
            response = client.get(path, params={name: value})
            assert response.status_code in (200, 400, 404, 422), (path, name, value)
            if response.status_code == 200 and unfiltered is not None:
                assert response.json()["items"] in ([], unfiltered), (path, name, value)
    assert store.count_articles() == 3


def test_unknown_ids_are_404_and_malformed_ids_422(client):
    assert client.get("/api/events/99999").status_code == 404
    assert client.get("/api/entities/99999").status_code == 404
    assert client.get("/api/articles/" + "0" * 64).status_code == 404
    assert client.get("/articles/" + "0" * 64).status_code == 404
    assert client.get("/api/articles/..%2F..%2Fetc%2Fpasswd").status_code in (404, 422)
    assert client.get("/api/events/abc").status_code == 422


@pytest.mark.parametrize("path", ["/static/../app.py", "/static/%2e%2e/app.py",
                                  "/static/..%2Fapp.py", "/static//etc/passwd",
                                  "/swagger-ui/../../../../etc/passwd"])
def test_no_file_outside_the_static_folders_is_served(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "create_app" not in response.text and "root:" not in response.text


def test_docs_load_swagger_from_this_server_not_a_cdn(client):
    html = client.get("/docs").text
    assert 'src="/swagger-ui/swagger-ui-bundle.js"' in html
    assert "cdn" not in html and "https://" not in html
    assert client.get("/swagger-ui/swagger-ui-bundle.js").status_code == 200
    assert client.get("/static/docs.js").status_code == 200


# --- ingest over HTTP ----------------------------------------------------------------------

def test_a_server_without_token_is_read_only(store):
    client = TestClient(create_app(store, token=None))
    response = client.post("/api/articles", content=b"Floods hit the valley on Tuesday.",
                           headers={"Content-Type": "text/plain"})
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]


@pytest.mark.parametrize("authorization", [None, "Bearer wrong", f"Basic {TOKEN}", TOKEN])
def test_ingest_without_the_right_token_is_refused(store, authorization):
    client = TestClient(create_app(store, token=TOKEN))
    headers = {"Content-Type": "text/plain"}
    if authorization:
        headers["Authorization"] = authorization
    response = client.post("/api/articles", content=b"Floods hit the valley.", headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_the_token_can_come_from_the_environment(store, monkeypatch):
    monkeypatch.setenv("FACTWIRE_TOKEN", TOKEN)
    client = TestClient(create_app(store))
    response = client.post("/api/articles", content=b"x", headers={
        "Content-Type": "application/pdf", "Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 415


def test_oversized_bodies_are_refused_with_413(store):
    client = TestClient(create_app(store, token=TOKEN))
    body = b"a" * (5 * 1024 * 1024 + 1)
    response = client.post("/api/articles", content=body, headers={
        "Content-Type": "text/plain", "Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 413


def test_streamed_oversized_bodies_are_refused_with_413(store):
    client = TestClient(create_app(store, token=TOKEN))

    def chunks():
        for _ in range(6):
            yield b"a" * (1024 * 1024)

    response = client.post("/api/articles", content=chunks(), headers={
        "Content-Type": "text/plain", "Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 413


def test_posting_an_article_extracts_and_stores_it(tmp_path):
    store = Store(tmp_path / "ingest.db")
    client = TestClient(create_app(store, token=TOKEN))
    text = "Protesters marched in Paris on Saturday. Police arrested 40 people, officials said."
    headers = {"Content-Type": "text/plain; charset=utf-8", "Authorization": f"Bearer {TOKEN}"}
    first = client.post("/api/articles", params={"published": "2025-04-05"},
                        content=text.encode(), headers=headers)
    assert first.status_code == 201
    [stored] = first.json()["stored"]
    assert stored == article_id(text)
    again = client.post("/api/articles", params={"published": "2025-04-05"},
                        content=text.encode(), headers=headers)
    assert again.status_code == 200 and again.json()["existing"] == [stored]
    body = client.get(f"/api/articles/{stored}").json()
    assert body["facts"]["article"]["published"] == "2025-04-05"
    assert any(e["name"] == "Paris" for e in body["facts"]["entities"])
    store.close()


def test_posting_a_json_record_keeps_its_title_and_outlet(tmp_path):
    store = Store(tmp_path / "ingest.db")
    client = TestClient(create_app(store, token=TOKEN))
    record = {"title": "Talks in Geneva", "outlet": "Delta", "published": "2025-06-01",
              "text": "The two delegations met in Geneva on Monday for talks."}
    response = client.post("/api/articles", json=record,
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 201
    [stored] = response.json()["stored"]
    assert client.get("/api/articles").json()["items"][0] == {
        "id": stored, "title": "Talks in Geneva", "outlet": "Delta", "url": None,
        "published": "2025-06-01"}
    store.close()


def test_a_bad_publication_date_on_ingest_is_422(store):
    client = TestClient(create_app(store, token=TOKEN))
    response = client.post("/api/articles", params={"published": "2025-02-30"},
                           content=b"Text.", headers={"Content-Type": "text/plain",
                                                      "Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 422


def test_serve_is_a_factwire_command():
    from click.testing import CliRunner

    from factwire.cli import cli

    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--db" in result.output and "--port" in result.output and "--host" in result.output
    assert "--workers" in result.output


def test_serve_refuses_a_store_that_does_not_exist(tmp_path):
    from click.testing import CliRunner

    from factwire.cli import cli

    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no such database" in result.output


# --- serving: worker processes and the response cache ----------------------------------------

def test_the_workers_factory_builds_the_same_app_from_the_environment(store, monkeypatch):
    from factwire.web.app import DB_ENV, app_from_env

    monkeypatch.setenv(DB_ENV, store.url)
    monkeypatch.setenv("FACTWIRE_TOKEN", TOKEN)
    built = app_from_env()
    same = create_app(store)
    assert built.openapi() == same.openapi() and len(built.routes) == len(same.routes)
    assert [m.cls for m in built.user_middleware] == [m.cls for m in same.user_middleware]
    assert built.state.token == TOKEN
    client = TestClient(built)
    listed = client.get("/api/articles")
    assert listed.json() == TestClient(create_app(store)).get("/api/articles").json()
    assert "script-src 'self'" in listed.headers["content-security-policy"]
    refused = client.post("/api/articles", content=b"Floods.", headers={
        "Content-Type": "text/plain", "Authorization": "Bearer wrong"})
    assert refused.status_code == 401
    built.state.store.close()


def test_the_workers_factory_needs_the_store_named(monkeypatch):
    from factwire.web.app import DB_ENV, app_from_env

    monkeypatch.delenv(DB_ENV, raising=False)
    with pytest.raises(RuntimeError, match="FACTWIRE_DB"):
        app_from_env()


def test_a_cached_response_keeps_its_headers_and_its_json_or_html(client):
    first, again = client.get("/api/events"), client.get("/api/events")
    assert again.content == first.content
    assert again.headers["content-security-policy"] == first.headers["content-security-policy"]
    assert again.headers["x-frame-options"] == "DENY"
    page = client.get("/events")
    twin = client.get("/events", headers={"Accept": "application/json"})
    assert page.headers["content-type"].startswith("text/html")
    assert twin.headers["content-type"] == "application/json"
    assert client.get("/events").content == page.content


def test_cached_responses_give_way_to_articles_another_process_adds(tmp_path, monkeypatch):
    from factwire.web import cache

    store = Store(tmp_path / "growing.db")
    store.add(facts_a())
    client = TestClient(create_app(store))
    assert client.get("/api/articles").json()["total"] == 1
    store.add(facts_b())  # as `factwire ingest` beside the server would
    monkeypatch.setattr(cache, "VERSION_TTL", 0.0)
    assert client.get("/api/articles").json()["total"] == 2
    store.close()


def test_errors_are_not_cached(client):
    assert client.get("/api/events", params={"country": "XX1"}).status_code == 422
    assert client.get("/api/events", params={"country": "XX1"}).status_code == 422
    assert client.get("/events/999999").status_code == 404


def test_each_worker_gets_a_tcp_socket_of_its_own_on_the_reserved_address():
    import socket
    from multiprocessing.reduction import ForkingPickler

    from factwire.web.server import ServerConfig

    config = ServerConfig("factwire.web.app:app_from_env", factory=True, host="127.0.0.1",
                          port=0, workers=2)
    reserved = config.bind_socket()
    worker = ForkingPickler.loads(ForkingPickler.dumps(reserved))  # as a worker receives it
    try:
        assert worker.getsockname() == reserved.getsockname()
        assert worker.fileno() != reserved.fileno()
        # asyncio turns TCP_NODELAY on only for sockets that say they are TCP
        assert worker.proto == reserved.proto == socket.IPPROTO_TCP
    finally:
        worker.close()
        reserved.close()


def worker_processes(pid: int) -> list[str]:
    """The ids of the processes ``pid`` spawned as workers (multiprocessing's spawn)."""
    from pathlib import Path

    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [c for c in children
            if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()]


def listening(pid: int, port: int) -> bool:
    """Whether process ``pid`` holds a socket listening on 127.0.0.1:``port`` (/proc)."""
    from pathlib import Path

    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[1] == f"0100007F:{port:04X}" and fields[3] == "0A":  # LISTEN
            inodes.add(f"socket:[{fields[9]}]")
    links = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            links.append(str(fd.readlink()))
        except OSError:
            continue  # closed meanwhile
    return bool(inodes.intersection(links))


def test_a_two_worker_server_answers_with_the_same_rules(tmp_path):
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.request

    db = tmp_path / "served.db"
    with Store(db) as served:
        for facts in ARTICLES:
            served.add(facts)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = tmp_path / "serve.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "factwire", "serve", "--db", str(db), "--port", str(port),
         "--workers", "2", "--no-access-log"], stdout=log.open("w"), stderr=subprocess.STDOUT,
        env={**os.environ, "FACTWIRE_TOKEN": TOKEN})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while log.read_text().count("warm-up done") < 2:
            assert server.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        workers = worker_processes(server.pid)
        assert len(workers) == 2
        # each worker listens on a socket of its own: the kernel spreads the connections
        assert all(listening(int(worker), port) for worker in workers)
        assert not listening(server.pid, port)
        for _ in range(6):  # a new connection each: either worker may answer
            with urllib.request.urlopen(f"{base}/api/articles") as response:
                assert json.loads(response.read())["total"] == len(ARTICLES)
                assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
            request = urllib.request.Request(f"{base}/api/articles", data=b"Floods.",
                                             headers={"Content-Type": "text/plain",
                                                      "Authorization": "Bearer wrong"})
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request)
            assert refused.value.code == 401
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_html_report_shares_the_dashboards_chart_and_stylesheet(store):
    from factwire.report import situation_report

    html = situation_report(store, format="html")
    assert '<svg class="chart"' in html and 'data-type="ASSAULT"' in html
    assert ".k-evidence" in html  # the dashboard's stylesheet, inlined
    assert "<script" not in html and "&lt;script&gt;alert(1)" in html
