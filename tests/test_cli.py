"""The factwire command, run in-process through click's CliRunner (the model loads once)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from factwire.cli import cli

FLOOD = ("Floods hit northern Italy on Tuesday, forcing 2,000 people from their homes, "
         "the civil protection agency said.\n")
PROTEST = ('Thousands of workers marched in Paris on Monday. "We want fair wages," '
           "union leader Sophie Binet told reporters.\n")
SECTIONS = ["removed", "entities", "times", "quantities", "quotes", "events"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def corpus(tmp_path):
    """A folder with two good articles, an empty file and a binary file named .txt."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "flood.txt").write_text(FLOOD, encoding="utf-8")
    (folder / "protest.txt").write_text(PROTEST, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.txt").write_bytes(bytes(range(256)) * 8)
    return folder


def test_extract_text_file_prints_json_with_all_six_sections(runner, tmp_path):
    path = tmp_path / "flood.txt"
    path.write_text(FLOOD, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path), "--published", "2025-04-02"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert all(isinstance(data[section], list) for section in SECTIONS)
    assert data["article"]["text"] == FLOOD
    assert data["article"]["published"] == "2025-04-02"
    assert data["factwire"] == "0.1"


def test_extract_text_format_prints_a_readable_summary(runner, tmp_path):
    path = tmp_path / "flood.txt"
    path.write_text(FLOOD, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path), "--published", "2025-04-02",
                                 "--format", "text"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Article ")
    for heading in ("Entities (", "Events (", "Figures (", "Quotes ("):
        assert heading in result.stdout


def test_extract_jsonl_puts_an_error_line_in_place_of_a_bad_record(runner, tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps({"text": FLOOD, "published": "2025-04-02", "id": "a"}),
             "{not json",
             json.dumps({"text": PROTEST, "published": "2025-04-01", "id": "b"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 3
    assert out[0]["article"]["source_id"] == "a"
    assert out[1]["line"] == 2 and "batch.jsonl:2" in out[1]["error"]
    assert out[2]["article"]["source_id"] == "b"


def test_extract_reads_standard_input(runner):
    result = runner.invoke(cli, ["extract", "-", "--published", "2025-04-02"], input=FLOOD)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["article"]["text"] == FLOOD


def test_extract_of_an_empty_file_fails_with_one_clear_line(runner, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = runner.invoke(cli, ["extract", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"skipped {path}: ")
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.output


def test_ingest_stores_good_files_and_names_the_bad_ones(runner, corpus, tmp_path):
    db = tmp_path / "f.db"
    result = runner.invoke(cli, ["ingest", str(corpus), "--db", str(db),
                                 "--published", "2025-04-02"])
    assert result.exit_code == 0, result.output
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == 2
    assert any("empty.txt" in line for line in skipped)
    assert any("blob.txt" in line for line in skipped)
    assert "2 stored, 0 already present, 2 failed" in result.stderr


def test_ingest_twice_finds_the_articles_already_present(runner, corpus, tmp_path):
    db = tmp_path / "f.db"
    runner.invoke(cli, ["ingest", str(corpus / "flood.txt"), "--db", str(db)])
    result = runner.invoke(cli, ["ingest", str(corpus / "flood.txt"),
                                 str(corpus / "protest.txt"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "1 stored, 1 already present, 0 failed" in result.stderr


def test_ingest_fails_only_when_nothing_could_be_processed(runner, corpus, tmp_path):
    result = runner.invoke(cli, ["ingest", str(corpus / "empty.txt"),
                                 str(tmp_path / "missing.txt"), "--db", str(tmp_path / "f.db")])
    assert result.exit_code == 1
    assert "0 stored, 0 already present, 2 failed" in result.stderr
    assert "missing.txt" in result.stderr
    assert "Traceback" not in result.output


def test_report_runs_on_an_ingested_database(runner, corpus, tmp_path):
    db = tmp_path / "f.db"
    runner.invoke(cli, ["ingest", str(corpus), "--db", str(db), "--published", "2025-04-02"])
    result = runner.invoke(cli, ["report", "--db", str(db), "--since", "2025-04-01"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Situation report\n")
    assert "2 articles" in result.stdout
    html = tmp_path / "report.html"
    result = runner.invoke(cli, ["report", "--db", str(db), "--format", "html", "--country",
                                 "ita", "-o", str(html)])
    assert result.exit_code == 0, result.output
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "<h1>Situation report: ITA</h1>" in html.read_text(encoding="utf-8")


def test_report_on_a_missing_database_says_how_to_create_it(runner, tmp_path):
    result = runner.invoke(cli, ["report", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "none.db: no such database; create it with `factwire ingest`" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_report_refuses_a_country_that_is_not_iso3(runner, tmp_path):
    result = runner.invoke(cli, ["report", "--db", str(tmp_path / "x.db"), "--country",
                                 "Russia"])
    assert result.exit_code == 2
    assert "ISO 3166-1 alpha-3" in result.stderr


def test_extract_jsonl_reports_extraction_failures_on_their_line(runner, tmp_path):
    path = tmp_path / "mixed.jsonl"
    lorem = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
             "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam.")
    path.write_text("\n".join(json.dumps({"text": t}) for t in (FLOOD, lorem)) + "\n",
                    encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path)])
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[1] == {"error": f"{path}:2: no article text (empty, or only filler)", "line": 2}


def test_a_crashing_extractor_fails_only_its_article(tmp_path, monkeypatch):
    from factwire import batch, pipeline
    from factwire.store import Store

    real = pipeline.extract_articles

    def fragile(articles, **kwargs):
        for article in articles:
            if "CRASH" in article.text:
                raise IndexError("a bug in a component")
            yield from real([article], **kwargs)

    monkeypatch.setattr(batch.pipeline, "extract_articles", fragile)
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in (("a.txt", FLOOD), ("b.txt", "CRASH " + FLOOD), ("c.txt", PROTEST)):
        (folder / name).write_text(text, encoding="utf-8")
    skipped: list[str] = []
    with Store(tmp_path / "f.db") as store:
        result = batch.ingest_paths([str(folder)], store, progress=False,
                                    on_skip=skipped.append)
        assert store.count_articles() == 2
    assert (result.stored, result.present, result.failed) == (2, 0, 1)
    assert skipped == [f"{folder / 'b.txt'}: extraction crashed (IndexError: a bug in a "
                       "component); this is a factwire bug, please report it with the article"]


def test_outlet_country_option_fills_articles_that_give_none(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Police in Alexandria arrested a man on Tuesday.", encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path), "--outlet-country", "usa"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["article"]["outlet_country"] == "US"


def test_outlet_country_option_keeps_the_inputs_own_country(runner, tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "Police in Alexandria arrested a man on Tuesday.",
                                "outlet_country": "EG"}) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path), "--outlet-country", "US"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["article"]["outlet_country"] == "EG"


def test_a_bad_outlet_country_is_a_usage_error(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Police in Alexandria arrested a man on Tuesday.", encoding="utf-8")
    result = runner.invoke(cli, ["ingest", str(path), "--db", str(tmp_path / "x.db"),
                                 "--outlet-country", "Narnia"])
    assert result.exit_code == 2
    assert "outlet_country 'Narnia' is not an ISO 3166-1 country code" in result.output


def test_ingest_stores_the_outlet_country_with_the_facts(runner, tmp_path):
    from factwire.store import Store

    path = tmp_path / "a.txt"
    path.write_text("Police in Alexandria arrested a man on Tuesday.", encoding="utf-8")
    db = tmp_path / "x.db"
    result = runner.invoke(cli, ["ingest", str(path), "--db", str(db), "--no-progress",
                                 "--outlet-country", "US"])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        (article_id,) = store.article_ids()
        assert store.facts(article_id).article.outlet_country == "US"
