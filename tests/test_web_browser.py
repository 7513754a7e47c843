"""The web UI in a real browser: Playwright for Python driving Debian's chromium against
``factwire serve`` on 127.0.0.1. Walks dashboard -> events filtered by country -> an event ->
its article with the evidence sentence highlighted, and proves that nothing of a hostile
article's HTML (``<script>``, ``onerror=``, ``javascript:`` links) runs. Screenshots of every
page go to test-artifacts/ (ignored by git).

Needs ``pip install playwright`` and ``apt-get install chromium`` (never ``playwright
install``); without them the tests skip and say which is missing.
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from factwire.store import Store
from factwire.web.app import create_app
from tests.test_web_api import HOSTILE_TITLE, facts_a, facts_b, facts_hostile

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
ARTIFACTS = REPO / "test-artifacts"
TOKEN = "browser-test-token"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright for Python is not installed (pip install playwright)")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(base: str, path: Path, media: str) -> dict:
    request = urllib.request.Request(
        f"{base}/api/articles", data=path.read_bytes(), method="POST",
        headers={"Content-Type": media, "Authorization": f"Bearer {TOKEN}"})
    with urllib.request.urlopen(request, timeout=300) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``factwire serve``'s app under uvicorn in a thread, holding the Poland sample article
    ingested over HTTP (through the real pipeline) and three hand-made articles: two reports
    of one shelling that disagree on the toll, and a hostile one."""
    import uvicorn

    store = Store(tmp_path_factory.mktemp("browser") / "web.db")
    for facts in (facts_a(), facts_b(), facts_hostile()):
        store.add(facts)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(store, token=TOKEN), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    poland = post(base, SAMPLES / "poland-exercise.html", "text/html")
    yield {"base": base, "poland": poland["stored"][0], "hostile": facts_hostile().article.id}
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser():
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / ".gitignore").write_text("*\n")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    """A page that records dialogs, script errors and any request leaving this server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.dialogs, page.errors, page.outside = [], [], []

    def on_dialog(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_route(route):
        if route.request.url.startswith(server["base"]):
            route.continue_()
        else:
            page.outside.append(route.request.url)
            route.abort()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.route("**/*", on_route)
    yield page
    context.close()


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_dashboard_shows_the_events_chart_and_actors(page, server):
    page.goto(server["base"] + "/")
    assert page.locator("svg.chart rect.bar").count() > 0
    assert page.locator("ol.actors li a").count() > 0
    shot(page, "dashboard")
    assert page.dialogs == [] and page.errors == [] and page.outside == []


def test_filter_by_country_open_event_and_follow_it_to_the_highlighted_evidence(page, server):
    page.goto(server["base"] + "/events")
    page.fill("form.filters input[name=country]", "POL")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/events?*country=POL*")
    rows = page.locator("tr.event-row")
    assert rows.count() > 0
    for i in range(rows.count()):
        assert "POL" in rows.nth(i).inner_text()
    shot(page, "events-POL")

    rows.first.locator("a.event-link").click()
    page.wait_for_url("**/events/*")
    sentence = page.locator("blockquote.evidence-sentence").first.inner_text()
    shot(page, "event")

    page.locator("a.to-article").first.click()
    page.wait_for_url("**/articles/*")
    evidence = page.locator("#article-text .k-evidence")
    assert evidence.count() > 0
    highlighted = "".join(evidence.all_inner_texts())
    assert " ".join(highlighted.split()) == " ".join(sentence.split())
    colour = evidence.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator("#article-text .k-trigger").count() > 0
    shot(page, "article-evidence")
    assert page.dialogs == [] and page.errors == [] and page.outside == []


def test_clicking_a_highlighted_figure_shows_its_details(page, server):
    page.goto(f"{server['base']}/articles/{server['poland']}")
    page.locator("#article-text .k-quantity").first.click()
    panel = page.locator("#fact-panel")
    assert panel.is_visible()
    assert "counts:" in panel.inner_text()


NO_HANDLERS = """() => [...document.querySelectorAll('*')].filter(
    e => [...e.attributes].some(a => a.name.toLowerCase().startsWith('on'))).length"""
SCRIPTS = "() => [...document.scripts].map(s => s.src || s.type)"


@pytest.mark.parametrize("which", ["poland", "hostile"])
def test_nothing_of_a_hostile_article_runs_in_the_browser(page, server, which):
    page.goto(f"{server['base']}/articles/{server[which]}")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert page.dialogs == [], "an alert() ran"
    assert page.errors == []
    assert page.evaluate(NO_HANDLERS) == 0
    assert page.locator("#article-text img, #article-text script").count() == 0
    assert page.evaluate("() => [...document.querySelectorAll('a')].filter("
                         "a => a.href.startsWith('javascript:')).length") == 0
    scripts = page.evaluate(SCRIPTS)
    assert scripts == [f"{server['base']}/static/app.js", "application/json"]
    assert page.evaluate("() => typeof window.exampleAnalytics") == "undefined"
    if which == "hostile":
        assert page.locator("h1").inner_text() == HOSTILE_TITLE
        assert "<img src=x onerror=alert(1)>" in page.locator("#article-text").inner_text()
    shot(page, f"article-{which}")


def test_hostile_strings_in_lists_and_search_stay_text(page, server):
    for path in ("/articles", "/events", "/search?q=Germany", "/entities"):
        page.goto(server["base"] + path)
        assert page.evaluate(NO_HANDLERS) == 0
    page.goto(server["base"] + "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert page.locator("main input[name=q]").input_value() == "<script>alert(1)</script>"
    assert page.dialogs == [] and page.errors == []


@pytest.mark.parametrize("path,name", [("/claims", "claims"), ("/entities", "entities"),
                                       ("/quotes", "quotes"), ("/contradictions",
                                                               "contradictions"),
                                       ("/search?q=troops", "search")])
def test_every_page_renders_without_script_errors(page, server, path, name):
    page.goto(server["base"] + path)
    assert page.locator("h1").count() == 1
    shot(page, name)
    assert page.dialogs == [] and page.errors == [] and page.outside == []


def test_entity_page_shows_its_events_over_time(page, server):
    page.goto(server["base"] + "/")
    page.locator("ol.actors li a").first.click()
    page.wait_for_url("**/entities/*")
    assert page.locator("h2", has_text="Events over time").count() == 1
    assert page.locator("svg.chart rect.bar").count() > 0
    assert page.locator("ul.event-list li a").count() > 0
    shot(page, "entity")


def test_map_draws_the_world_and_a_circle_per_place(page, server):
    page.goto(server["base"] + "/map")
    box = page.locator("svg.map").bounding_box()
    assert box["width"] > 600 and abs(box["height"] - box["width"] * 144 / 360) < 2
    assert page.locator("svg.map path.land").count() == 1
    circles = page.locator("svg.map circle")
    assert circles.count() > 0
    assert circles.first.locator("title").text_content().count(" event") == 1
    shot(page, "map")
    assert page.dialogs == [] and page.errors == [] and page.outside == []


def test_api_docs_render_from_local_assets_only(page, server):
    page.goto(server["base"] + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert page.locator(".opblock-summary-path", has_text="/api/events").count() >= 1
    shot(page, "docs")
    assert page.outside == [] and page.errors == []


def test_chromium_is_the_debian_one():
    assert shutil.which("chromium") == str(CHROMIUM) or CHROMIUM.exists()
