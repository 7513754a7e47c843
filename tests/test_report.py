"""Situation reports from a store filled with hand-built facts (independent of extractors)."""

from __future__ import annotations

import dataclasses

import pytest

from factwire.model import Article, ArticleFacts
from factwire.report import (
    describe_period,
    figure_value,
    markdown_inline,
    outlet_label,
    situation_report,
)
from factwire.store import Store
from factwire.store.read import ArticleRef, QuantityRecord
from factwire.summary import facts_summary
from tests.test_store import kyiv_facts, moscow_facts


@pytest.fixture
def store(tmp_path) -> Store:
    with Store(tmp_path / "report.db") as opened:
        opened.add(moscow_facts())
        opened.add(kyiv_facts())
        yield opened


def test_markdown_report_has_title_period_and_counts(store):
    report = situation_report(store, since="2025-04-01", until="2025-04-30")
    assert report.startswith("# Situation report\n")
    assert "Period: 2025-04-01 to 2025-04-30" in report
    assert "2 articles, 3 events, 2 figures, 2 quotes." in report


def test_events_are_grouped_by_type_with_actors_place_date_and_sentence(store):
    report = situation_report(store)
    assert "### MOBILIZE (1)" in report
    assert ("- **Russia (RUS)** @ Moscow (RUS), 2025-04-01 (Tuesday) [planned] «launched»"
            in report)
    assert "> Russia launched a spring conscription drive on Tuesday, the Kremlin said." in report
    assert "— Example Wire, “Russia drafts 160,000”, 2025-04-02" in report
    assert "- **Ukraine (UKR)** -> **Russia (RUS)**, reported 2025-04-01 «accused»" in report


def test_asserted_events_show_no_modality(store):
    report = situation_report(store)
    assert "[asserted]" not in report


def test_key_figures_say_what_they_count_and_who_says_so(store):
    report = situation_report(store)
    assert ("- **160,000** men: “160,000 men”; of Russia (RUS); time 2025-04-01 (Tuesday); "
            "according to TASS (RUS) — Example Wire, “Russia drafts 160,000”, 2025-04-02\n"
            ) in report
    assert "- **at least 12** people: “at least 12 people”; according to Officials" in report


def test_quotes_are_grouped_by_speaker_with_cue_and_content(store):
    report = situation_report(store)
    assert "### Vladimir Putin (RUS) (1)" in report
    assert "- *said*: “We will defend our borders,” (direct)" in report
    assert "### Officials (1)" in report


def test_country_filter_keeps_events_involving_that_country(store):
    report = situation_report(store, country="ukr")
    assert report.startswith("# Situation report: UKR\n")
    assert "### ACCUSE (1)" in report and "### ASSAULT (1)" in report
    assert "MOBILIZE" not in report
    assert "Vladimir Putin" not in report  # the Moscow article names no Ukrainian entity


def test_period_filter_uses_publication_dates(store):
    report = situation_report(store, until="2025-04-01")
    assert "1 article, 2 events, 1 figure, 1 quote." in report
    assert "MOBILIZE" not in report


def test_empty_period_says_so(store):
    report = situation_report(store, since="2030-01-01")
    assert "No events in this period." in report
    assert "No figures in this period." in report
    assert "No quotes in this period." in report


def test_html_report_escapes_hostile_article_text(store):
    report = situation_report(store, format="html")
    assert "<script>" not in report
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report
    assert "Shelling &lt;b&gt;Kharkiv&lt;/b&gt;" in report
    assert "javascript:" not in report  # a non-http URL is not linked
    assert '<a href="https://news.example/moscow">' in report
    assert "<h3>MOBILIZE (1)</h3>" in report


def test_markdown_report_escapes_inline_html():
    assert markdown_inline("a <script>\n x*y") == r"a \<script> x\*y"
    assert markdown_inline("FUTURE_REF") == "FUTURE_REF"


def test_an_article_without_outlet_is_named_by_its_host_or_file():
    ref = ArticleRef("ab" * 32, None, None, "https://www.example.org/x", None, "a/b.txt")
    assert outlet_label(ref) == "www.example.org"
    assert outlet_label(dataclasses.replace(ref, url=None)) == "b.txt"


def test_unknown_report_format_is_refused(store):
    with pytest.raises(ValueError, match="use one of md, html"):
        situation_report(store, format="pdf")


def test_describe_period_words_open_ends():
    import datetime as dt

    assert describe_period(dt.date(2025, 4, 1), None) == "since 2025-04-01"
    assert describe_period(None, None) == "all dates"


def _figure(**fields) -> QuantityRecord:
    base = dict(article=ArticleRef("a", None, None, None, None), quantity_id="q1", text="x",
                value=None, low=None, high=None, approximate=False, comparator="=",
                change=None, unit=None, counted=None, derived=False, subject=None,
                source=None, time_text=None, time_value=None)
    return QuantityRecord(**{**base, **fields})


def test_figure_values_read_as_words():
    assert figure_value(_figure(low=18, high=30)) == "18 to 30"
    assert figure_value(_figure(value=15000, comparator=">")) == "more than 15,000"
    assert figure_value(_figure(value=2.5, approximate=True, unit="%")) == "about 2.5 %"
    assert figure_value(_figure(value=10000, change="up")) == "up 10,000"


def test_text_summary_lists_entities_events_figures_and_quotes():
    summary = facts_summary(moscow_facts())
    assert "  GPE: Russia (RUS); Moscow (RUS)" in summary
    assert "  PERSON: Vladimir Putin (RUS) [President]" in summary
    assert ("  MOBILIZE/troops Russia (RUS) @ Moscow (RUS), 2025-04-01 [planned] «launched» "
            "according to Kremlin (RUS)") in summary
    assert ("  «160,000 men» 160,000: men of Russia (RUS), 2025-04-01, according to TASS (RUS)"
            in summary)
    assert "  Vladimir Putin (RUS) said: “We will defend our borders,” (direct)" in summary


def test_text_summary_of_an_article_without_facts_says_none():
    summary = facts_summary(ArticleFacts(article=Article(id="f" * 64, text="Nothing here.")))
    assert "Events (0)\n  none" in summary
