"""Hostile and broken inputs: each gives a clean article or a specific error naming it.

The corpus is tests/data/hostile/ (small files written for these tests, described in its
README); big cases (50 MB on one line, 100,000 nested tags) are generated here at run time.
Inputs go through the readers (``read_path``/``read_bytes``), through ``extract``, and
through the ``factwire extract`` and ``factwire ingest`` commands, where one bad input never
stops the batch.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factwire import extract
from factwire.cli import cli
from factwire.errors import (
    BinaryInput,
    DecodeError,
    EmptyInput,
    FactwireError,
    InputTooLarge,
    MalformedRecord,
    UnsupportedInput,
)
from factwire.ingest import read_bytes, read_path
from factwire.ingest.html import fragment_text
from factwire.model import Article
from tests.test_properties import check_offsets, check_round_trip

HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"
STORY = "Floods hit the valley on Tuesday, killing 12 people, officials said."
FOLDER = "tests/data/hostile"  # as the commands name it, run from the repository

# file -> what reading it gives: (error class, message after "<file>: ") or (Article, text start)
EXPECTED = {
    "invalid_utf8.txt": (DecodeError, "invalid UTF-8 at byte 43 in text that is otherwise "
                                      "UTF-8 (mixed encodings?); re-save it as UTF-8"),
    "mixed_encodings.txt": (DecodeError, "invalid UTF-8 at byte 48 in text that is otherwise "
                                         "UTF-8 (mixed encodings?); re-save it as UTF-8"),
    "latin1.txt": (Article, "Café owners in Zürich said prices rose 5% in March."),
    "utf16_bom.txt": (Article, STORY),
    "utf16le_no_bom.txt": (Article, STORY),
    "utf16be_no_bom.txt": (Article, STORY),
    "utf16_bom_odd_length.txt": (DecodeError, "starts with a UTF-16-LE byte-order mark but is "
                                              "not valid UTF-16-LE (byte 138)"),
    "nul_bytes.txt": (BinaryInput, "binary data (NUL bytes), not text"),
    "control_bytes.txt": (BinaryInput, "binary data (many control bytes), not text"),
    "html_no_body.html": (EmptyInput, "the HTML page holds no article text"),
    "html_text_without_body_tag.html": (Article, STORY),
    "truncated.txt.gz": (DecodeError, "the gzip data is corrupt or truncated (Compressed file "
                                      "ended before the end-of-stream marker was reached)"),
    "rtl_and_zero_width.txt": (Article, "Floods \u202ehit\u202c the valley on Tuesday,\u200b"),
    "only_numbers.txt": (Article, "1 2 3 4 5 6 7 8 9 10\n42.5"),
    "only_quotes.txt": (Article, '"" "" \'\' “” ‘’ «» """'),
    "whitespace_only.txt": (EmptyInput, "no text (empty or whitespace only)"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_hostile_file_gives_its_article_or_a_specific_error_naming_it(name):
    kind, expected = EXPECTED[name]
    path = HOSTILE / name
    [item] = list(read_path(path))
    assert isinstance(item, kind), item
    if kind is Article:
        assert item.text.startswith(expected)
        assert item.source_path == str(path)
    else:
        assert str(item) == f"{path}: {expected}"
        assert item.source == str(path)


def test_json_lines_with_one_bad_line_gives_both_good_records_and_the_bad_line_number():
    path = HOSTILE / "one_bad_line.jsonl"
    items = list(read_path(path))
    assert [type(item) for item in items] == [Article, MalformedRecord, Article]
    assert [items[0].source_id, items[2].source_id] == ["a", "c"]
    assert str(items[1]) == f"{path}:2: not valid JSON (Expecting ',' delimiter at column 1)"
    assert items[1].line == 2


def test_truncated_warc_gives_the_whole_record_then_a_truncation_error():
    path = HOSTILE / "truncated.warc"
    first, second = read_path(path)
    assert (first.text.strip(), first.url) == (STORY, "https://example.org/floods")
    assert str(second) == f"{path}#2: the archive is truncated inside this record"


def test_a_folder_of_hostile_files_is_read_to_the_end_in_order():
    items = list(read_path(HOSTILE))
    names = [Path((item.source_path if isinstance(item, Article) else item.source)
                  .split("#")[0].rsplit(":", 1)[0]).name for item in items]
    assert names == sorted(names)
    assert set(names) == set(EXPECTED) | {"one_bad_line.jsonl", "truncated.warc"}
    assert "README.md" not in names
    assert sum(isinstance(item, Article) for item in items) == 11
    assert sum(isinstance(item, FactwireError) for item in items) == 10


# --- generated at run time: big and deep -------------------------------------------------

FIFTY_MB = 50_000_000


@pytest.fixture(scope="module")
def one_line_of_50_mb() -> bytes:
    return b"Floods hit the valley. " * (FIFTY_MB // 23)


@pytest.mark.parametrize("name", ["big.txt", "big.html", "big.json"])
def test_50_mb_on_one_line_is_refused_by_size_before_it_is_read(tmp_path, name,
                                                                 one_line_of_50_mb):
    path = tmp_path / name
    path.write_bytes(one_line_of_50_mb)
    [error] = list(read_path(path))
    assert isinstance(error, InputTooLarge)
    assert str(error) == (f"{path}: 49,999,999 bytes, over the limit of 20,000,000 bytes for "
                          "one file; split it into articles or raise the limit")


def test_50_mb_from_a_stream_of_unknown_size_is_refused_by_size(one_line_of_50_mb):
    [error] = list(read_bytes(one_line_of_50_mb, "<stdin>"))
    assert isinstance(error, InputTooLarge)
    assert str(error).startswith("<stdin>: 49,999,999 bytes, over the limit")


def test_50_mb_json_lines_record_is_refused_and_the_records_around_it_are_read(
        tmp_path, one_line_of_50_mb):
    path = tmp_path / "big.jsonl"
    with path.open("wb") as out:
        out.write(json.dumps({"text": STORY}).encode() + b"\n")
        out.write(b'{"text": "' + one_line_of_50_mb + b'"}\n')
        out.write(json.dumps({"text": "Police arrested 40 people."}).encode() + b"\n")
    items = list(read_path(path))
    assert [type(item) for item in items] == [Article, InputTooLarge, Article]
    assert str(items[1]) == f"{path}:2: the record is over the limit of 20,000,000 bytes"
    assert items[2].text == "Police arrested 40 people."


DEEP = 100_000
DEPTH_ERROR = ("the HTML nests elements more than 254 levels deep, too deep for the HTML "
               "parser to read its text; flatten the markup")


def nested(tag: str, inner: str, closed: bool = True) -> str:
    return f"<{tag}>" * DEEP + inner + (f"</{tag}>" * DEEP if closed else "")


@pytest.mark.parametrize("html", [
    "<html><body>" + nested("div", f"<p>{STORY}</p>") + "</body></html>",
    nested("div", STORY, closed=False),
    nested("b", STORY),
    nested("span", STORY),
], ids=["page", "unclosed", "fragment-b", "fragment-span"])
def test_100000_nested_tags_give_a_too_deep_error_not_empty_input(html):
    [error] = list(read_bytes(html.encode(), "deep.html"))
    assert isinstance(error, UnsupportedInput)
    assert str(error) == f"deep.html: {DEPTH_ERROR}"


def test_100000_nested_tags_in_a_json_lines_record_name_the_line_and_the_rest_goes_on():
    data = (json.dumps({"html": nested("div", STORY)}) + "\n"
            + json.dumps({"text": STORY}) + "\n").encode()
    error, article = read_bytes(data, "deep.jsonl")
    assert str(error) == f"deep.jsonl:1: {DEPTH_ERROR}"
    assert error.line == 1
    assert article.text == STORY


def test_nesting_just_under_the_parser_limit_is_read():
    html = "<html><body>" + "<div>" * 240 + f"<p>{STORY}</p>" + "</div>" * 240 + "</body></html>"
    [article] = list(read_bytes(html.encode(), "deep.html"))
    assert article.text.strip() == STORY


def test_many_unclosed_paragraphs_are_not_deep_nesting():
    html = "<html><body>" + "<p>Filler." * 400 + f"<p>{STORY}</body></html>"
    [article] = list(read_bytes(html.encode(), "paragraphs.html"))
    assert STORY in article.text


# --- through extract ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Floods \u202ehit\u202c the valley on Tuesday,\u200b officials\u200d said. שלום مرحبا.",
    "Police\u200b arrested\u200c 40\u200d people\ufeff in Lima on Monday.",
    "1 2 3 4 5 6 7 8 9 10 42.5 1,000,000 3.14 -7 1e9",
    '"" "" \'\' “” ‘’ «» """ \'"\'',
    "Floods hit\x00 the valley on Tuesday.\x00\x01\x7f",
    "Police said \ud800 that 5 people died in \udfffLima.",
], ids=["rtl", "zero-width", "only-numbers", "only-quotes", "nul-and-controls",
        "lone-surrogates"])
def test_odd_characters_give_facts_whose_offsets_hold(text):
    facts = extract(text, published="2025-04-02")
    assert facts.article.text == text
    check_offsets(facts)


def test_only_quote_marks_give_no_quotes_and_only_numbers_give_no_events():
    quotes = extract('"" "" \'\' “” ‘’ «» """ \'"\'')
    numbers = extract("1 2 3 4 5 6 7 8 9 10 42.5 1,000,000 3.14 -7 1e9")
    assert (quotes.quotes, quotes.events, numbers.events, numbers.quotes) == ([], [], [], [])


def test_zero_width_characters_do_not_hide_the_facts_around_them():
    facts = extract("Police\u200b arrested 40 people in Lima on Monday.", published="2025-04-02")
    check_round_trip(facts)
    assert [t.text for t in facts.times] == ["Monday"]
    assert any(m.text == "Lima" for e in facts.entities for m in e.mentions)


# --- through the commands ------------------------------------------------------------------

BAD_FILES = {  # file -> the message `factwire extract` and `factwire ingest` print for it
    "control_bytes.txt": "binary data (many control bytes), not text",
    "html_no_body.html": "the HTML page holds no article text",
    "invalid_utf8.txt": EXPECTED["invalid_utf8.txt"][1],
    "mixed_encodings.txt": EXPECTED["mixed_encodings.txt"][1],
    "nul_bytes.txt": "binary data (NUL bytes), not text",
    "truncated.txt.gz": EXPECTED["truncated.txt.gz"][1],
    "truncated.warc#2": "the archive is truncated inside this record",
    "utf16_bom_odd_length.txt": EXPECTED["utf16_bom_odd_length.txt"][1],
    "whitespace_only.txt": "no text (empty or whitespace only)",
}


@pytest.fixture
def in_repo(monkeypatch):
    monkeypatch.chdir(HOSTILE.parents[2])


def test_extract_command_reports_each_bad_file_by_name_and_extracts_the_rest(in_repo):
    result = CliRunner().invoke(cli, ["extract", FOLDER])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [f"skipped {FOLDER}/{name}: {message}"
                                          for name, message in BAD_FILES.items()]
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 12  # 11 articles and the error line of the bad JSON Lines record
    assert lines[3] == {"error": f"{FOLDER}/one_bad_line.jsonl:2: not valid JSON (Expecting "
                                 "',' delimiter at column 1)", "line": 2}
    assert [line["article"]["source_path"] for line in lines[:3] + lines[4:5]] == [
        f"{FOLDER}/html_text_without_body_tag.html", f"{FOLDER}/latin1.txt",
        f"{FOLDER}/one_bad_line.jsonl:1", f"{FOLDER}/one_bad_line.jsonl:3"]


@pytest.mark.parametrize("name", ["nul_bytes.txt", "truncated.txt.gz", "whitespace_only.txt"])
def test_extract_command_on_one_bad_file_exits_1_naming_it(in_repo, name):
    result = CliRunner().invoke(cli, ["extract", f"{FOLDER}/{name}"])
    assert result.exit_code == 1
    assert result.stderr == f"skipped {FOLDER}/{name}: {BAD_FILES[name]}\n"


def test_ingest_command_stores_the_good_articles_and_counts_every_failure(in_repo, tmp_path):
    db = tmp_path / "hostile.db"
    result = CliRunner().invoke(cli, ["ingest", FOLDER, "--db", str(db), "--no-progress"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    # Three texts are the same story in other encodings or containers: stored once.
    assert lines[-1] == "8 stored, 3 already present, 10 failed"
    assert f"skipped {FOLDER}/one_bad_line.jsonl:2: not valid JSON (Expecting ',' delimiter " \
           "at column 1)" in lines
    assert all(f"skipped {FOLDER}/{name}: {message}" in lines
               for name, message in BAD_FILES.items())
    again = CliRunner().invoke(cli, ["ingest", FOLDER, "--db", str(db), "--no-progress"])
    assert again.stderr.splitlines()[-1] == "0 stored, 11 already present, 10 failed"


# --- crashes found by benchmarks/fuzz_ingest.py, kept as regression tests -------------------

def test_fuzz_crash_snippet_starting_like_a_page_without_a_body_is_empty_input():
    """lxml asserted "too many bodies: []" on this snippet (AssertionError escaped the reader)."""
    data = (b"<!doctype htms</title><meta charset='utf-8'></heasaid Ana Diaz.</p></l><icle>"
            b"</body></html>")
    [error] = list(read_bytes(data, "fuzz.html"))
    assert isinstance(error, EmptyInput)
    assert str(error) == "fuzz.html: the HTML page holds no article text"


def test_snippet_whose_text_falls_into_the_head_keeps_its_text():
    """The same lxml assertion: the text sits in an unclosed <title>, so there is no body."""
    assert fragment_text("<!doctype x><title>Floods hit the valley.") == "Floods hit the valley."
