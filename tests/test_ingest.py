"""Reading articles: formats, encodings, folders, stdin, and a clear error for bad input."""

from __future__ import annotations

import doctest
import gzip
import importlib
import io
import json
import pickle
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factwire.errors import (
    BinaryInput,
    DecodeError,
    EmptyInput,
    FactwireError,
    InputTooLarge,
    MalformedRecord,
    UnreadableInput,
    UnsupportedInput,
)
from factwire.ingest import article_id, read_bytes, read_path
from factwire.model import Article

DATA = Path(__file__).parent / "data" / "ingest"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"
STORY = "Floods hit the valley on Tuesday, killing at least 12 people, officials said."


def one(data: bytes, name: str, **kwargs):
    """The single item ``read_bytes`` yields for ``data``."""
    items = list(read_bytes(data, name, **kwargs))
    assert len(items) == 1, items
    return items[0]


# --- plain text and encodings ---------------------------------------------------------------

def test_plain_text_is_the_decoded_input_unchanged():
    text = "  Headline\r\n\r\nFirst paragraph.  \n\tSecond paragraph.\n\n"
    article = one(text.encode(), "story.txt")
    assert isinstance(article, Article)
    assert article.text == text
    assert article.id == article_id(text)
    assert article.source_path == "story.txt"


def test_utf8_byte_order_mark_is_stripped():
    assert one(b"\xef\xbb\xbf" + STORY.encode(), "a.txt").text == STORY


def test_utf16_with_byte_order_mark_is_decoded():
    assert one(STORY.encode("utf-16"), "a.txt").text == STORY


def test_utf16_without_byte_order_mark_is_decoded():
    assert one(STORY.encode("utf-16-le"), "a.txt").text == STORY
    assert one(STORY.encode("utf-16-be"), "a.txt").text == STORY


def test_latin1_text_is_detected():
    text = "Le café de la place a fermé, déjà, à cause des grèves."
    assert one(text.encode("latin-1"), "a.txt").text == text


def test_windows_1251_russian_text_is_detected():
    text = ("Президент заявил во вторник, что переговоры продолжаются, но до соглашения "
            "ещё далеко. Делегации встретятся на следующей неделе.")
    assert one(text.encode("cp1251"), "a.txt").text == text


def test_invalid_byte_in_utf8_text_is_a_decode_error_naming_the_file():
    data = "Prices rose in São Paulo on Monday. ".encode() * 3 + b"\xff more text"
    error = one(data, "prices.txt")
    assert isinstance(error, DecodeError)
    assert str(error) == ("prices.txt: invalid UTF-8 at byte 111 in text that is otherwise "
                          "UTF-8 (mixed encodings?); re-save it as UTF-8")


def test_nul_bytes_outside_utf16_are_binary_input():
    error = one(b"\x00\x01\x02\x03\xfe\x00\x10\x00" * 64, "data.txt")
    assert isinstance(error, BinaryInput)
    assert str(error) == "data.txt: binary data (NUL bytes), not text"


def test_control_bytes_are_binary_input():
    error = one(bytes(range(1, 32)) * 20 + b"some text", "x.txt")
    assert isinstance(error, BinaryInput)
    assert str(error) == "x.txt: binary data (many control bytes), not text"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "])
def test_empty_or_whitespace_file_is_empty_input(data):
    error = one(data, "empty.txt")
    assert isinstance(error, EmptyInput)
    assert str(error) == "empty.txt: no text (empty or whitespace only)"


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * 300)
    [error] = list(read_path(path, max_bytes=1000))
    assert isinstance(error, InputTooLarge)
    assert str(error) == (f"{path}: 1,500 bytes, over the limit of 1,000 bytes for one file; "
                          "split it into articles or raise the limit")


def test_published_argument_sets_the_date_of_plain_text():
    assert one(STORY.encode(), "a.txt", published="2025-04-02").published == "2025-04-02"


def test_bad_published_argument_is_refused():
    with pytest.raises(MalformedRecord, match="published date 'yesterday' is not a date"):
        list(read_bytes(STORY.encode(), "a.txt", published="yesterday"))


# --- formats factwire does not read ---------------------------------------------------------

def test_pdf_is_unsupported_with_advice():
    error = one(b"%PDF-1.7\n...", "notes.pdf")
    assert isinstance(error, UnsupportedInput)
    assert str(error) == "notes.pdf: PDF is not supported; convert it to text or HTML first"


def test_pdf_is_recognized_by_its_magic_bytes_whatever_its_name():
    error = one(b"%PDF-1.4\n%\xe2\xe3", "notes.txt")
    assert str(error) == "notes.txt: PDF is not supported; convert it to text or HTML first"


@pytest.mark.parametrize("data, says", [
    (b"PK\x03\x04rest", "ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff\xe0", "JPEG image"),
])
def test_non_text_formats_are_unsupported(data, says):
    error = one(data, "input")
    assert isinstance(error, UnsupportedInput)
    assert says in str(error)


# --- HTML -----------------------------------------------------------------------------------

def test_html_page_gives_main_text_title_date_and_outlet():
    [article] = list(read_path(DATA / "page.html"))
    assert article.text.startswith("Storm cuts power to 80,000 homes\nA winter storm cut power")
    assert "Home" not in article.text and "All rights reserved" not in article.text
    assert article.title == "Storm cuts power to 80,000 homes"
    assert article.published == "2025-01-14"
    assert article.outlet == "Coastal Courier"
    assert article.url == "https://example.org/coastal/storm-power-cuts"


def test_published_argument_overrides_the_page_date():
    [article] = list(read_path(DATA / "page.html", published="2025-02-01"))
    assert article.published == "2025-02-01"


def test_html_without_article_text_is_empty_input():
    error = one(b"<html><head><title>Menu</title></head><body><nav></nav></body></html>",
                "menu.html")
    assert isinstance(error, EmptyInput)
    assert str(error) == "menu.html: the HTML page holds no article text"


def test_html_is_recognized_by_content_in_a_text_file():
    page = (DATA / "page.html").read_bytes()
    assert one(page, "page.txt").title == "Storm cuts power to 80,000 homes"


def test_html_in_its_declared_charset_is_decoded():
    page = ('<html><head><meta charset="iso-8859-1"></head><body><article><p>'
            "Le ministre a annoncé mardi une hausse des salaires de 3 % à Montréal."
            "</p></article></body></html>").encode("latin-1")
    assert "annoncé mardi" in one(page, "page.html").text


def test_a_few_bad_bytes_in_a_declared_utf8_page_become_replacement_characters():
    page = ('<html><head><meta charset="utf-8"></head><body><article><p>'
            + "Prices rose in São Paulo on Monday, traders said. " * 10
            + "</p></article></body></html>").encode().replace(b"Monday", b"Mon\xffday", 1)
    assert "Mon\ufffdday" in one(page, "page.html").text


def test_mostly_undecodable_declared_utf8_page_is_a_decode_error():
    page = b'<html><head><meta charset="utf-8"></head><body><p>' + b"\xff\xfe" * 200 + b"</p>"
    error = one(page, "page.html")
    assert isinstance(error, DecodeError)
    assert str(error) == ("page.html: declares charset utf-8 but byte 50 and many more are not "
                          "valid utf-8")


def test_deeply_nested_html_does_not_crash():
    page = ("<html><body><article><p>" + STORY + "</p>" + "<div>" * 100_000 + "x"
            + "</div>" * 100_000 + "</article></body></html>").encode()
    item = one(page, "deep.html")
    assert isinstance(item, Article | FactwireError)


# --- JSON Lines and JSON --------------------------------------------------------------------

def test_jsonl_bad_line_in_the_middle_gives_its_line_number_and_the_rest_goes_on():
    items = list(read_path(DATA / "records.jsonl"))
    assert [type(item).__name__ for item in items] == ["Article", "MalformedRecord", "Article"]
    error = items[1]
    assert error.line == 2
    assert str(error).startswith(f"{DATA / 'records.jsonl'}:2: not valid JSON")


def test_jsonl_record_metadata_is_kept():
    first, _, third = read_path(DATA / "records.jsonl")
    assert (first.source_id, first.url, first.title, first.outlet, first.published) == (
        "r1", "https://example.org/a", "Talks resume", "Example Wire", "2025-03-03")
    assert first.text == "Talks between the two delegations resumed in Geneva on Monday."
    assert first.source_path == f"{DATA / 'records.jsonl'}:1"
    assert third.source_id == "3"
    assert third.text == "Rescuers pulled 14 survivors from the rubble on Tuesday, officials said."
    assert third.published == "2025-03-04"


@pytest.mark.parametrize("line, error_class, message", [
    ('{"title": "no text"}', MalformedRecord, "expected an object with a 'text' or 'html' string"),
    ('["a list"]', MalformedRecord, "got list"),
    ('{"text": "  "}', EmptyInput, "the record's text is empty"),
    ('{"text": "Hi there.", "published": "last week"}', MalformedRecord,
     "published date 'last week' is not a date; use YYYY-MM-DD"),
    ('{"text": "Hi there.", "url": ["x"]}', MalformedRecord, "'url' must be a string"),
])
def test_bad_jsonl_records_give_specific_errors(line, error_class, message):
    items = list(read_bytes(f'{{"text": "Good."}}\n{line}\n'.encode(), "feed.jsonl"))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], error_class)
    assert items[1].line == 2
    assert str(items[1]) == f"feed.jsonl:2: {message}" or message in str(items[1])


def test_blank_jsonl_lines_are_skipped_and_line_numbers_stay_true():
    items = list(read_bytes(b'{"text": "One."}\n\n{"text": "Three."}\n', "a.jsonl"))
    assert [item.source_path for item in items] == ["a.jsonl:1", "a.jsonl:3"]


def test_jsonl_record_over_the_limit_is_refused_and_the_rest_goes_on():
    data = b'{"text": "' + b"x" * 5000 + b'"}\n{"text": "Short."}\n'
    first, second = read_bytes(data, "a.jsonl", max_bytes=1000)
    assert isinstance(first, InputTooLarge) and first.line == 1
    assert second.text == "Short."


def test_lone_surrogate_escapes_in_json_become_replacement_characters():
    item = one(b'{"text": "Half a pair \\ud800 here.", "title": "\\udc00"}\n', "a.jsonl")
    assert (item.text, item.title) == ("Half a pair \ufffd here.", "\ufffd")


def test_rfc2822_published_date_is_normalized():
    item = one(b'{"text": "Hi there.", "published": "Tue, 01 Apr 2025 10:00:00 GMT"}\n',
               "a.jsonl")
    assert item.published == "2025-04-01"


def test_json_object_and_list_of_objects():
    assert one(b'{"text": "One article."}', "a.json").text == "One article."
    items = list(read_bytes(b'[{"text": "One."}, {"text": "Two."}, 5]', "list.json"))
    assert [getattr(i, "text", None) for i in items] == ["One.", "Two.", None]
    assert [items[0].source_path, items[2].source] == ["list.json[0]", "list.json[2]"]


def test_json_file_holding_json_lines_is_read_line_by_line():
    items = list(read_bytes(b'{"text": "One."}\n{"text": "Two."}\n', "a.json"))
    assert [i.text for i in items] == ["One.", "Two."]


def test_pretty_printed_json_on_stdin_is_one_document(monkeypatch):
    data = json.dumps({"text": "One article.", "id": "x"}, indent=2).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [article] = list(read_path("-"))
    assert (article.text, article.source_id, article.source_path) == (
        "One article.", "x", "<stdin>")


# --- RSS and Atom feeds --------------------------------------------------------------------

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Example Wire</title>
<item><title>Floods</title><link>https://example.org/floods</link><guid>ew-1</guid>
<pubDate>Tue, 01 Apr 2025 10:00:00 GMT</pubDate>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>Floods killed 12 people on Monday.</p><p>Aid arrived.</p>
<script>alert(1)</script>]]></content:encoded></item>
<item><title>No body</title></item>
<item><title>Talks</title><description>&lt;p&gt;Talks resumed in Geneva.&lt;/p&gt;</description></item>
</channel></rss>"""


def test_rss_items_are_articles_with_the_feed_title_as_outlet():
    first, second, third = read_bytes(RSS, "wire.rss")
    assert first.text == "Floods killed 12 people on Monday.\nAid arrived."
    assert (first.title, first.url, first.source_id, first.outlet, first.published) == (
        "Floods", "https://example.org/floods", "ew-1", "Example Wire", "2025-04-01")
    assert first.source_path == "wire.rss#1"
    assert isinstance(second, EmptyInput)
    assert str(second) == "wire.rss#2: the feed item has no text"
    assert third.text == "Talks resumed in Geneva."


def test_atom_feed_is_recognized_by_content():
    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom Wire</title><entry><title>Quake</title><id>urn:q:1</id>
<link rel="alternate" href="https://example.org/q"/><published>2025-04-08T05:00:00Z</published>
<content type="html">&lt;p&gt;A quake killed 38 people.&lt;/p&gt;</content></entry></feed>"""
    article = one(atom, "<stdin>")
    assert (article.text, article.url, article.published, article.outlet, article.source_id) == (
        "A quake killed 38 people.", "https://example.org/q", "2025-04-08", "Atom Wire",
        "urn:q:1")


def test_broken_feed_is_a_malformed_record():
    error = one(b"<rss><channel><item><title>x</item></rss>", "bad.rss")
    assert isinstance(error, MalformedRecord)
    assert str(error).startswith("bad.rss: the feed is not well-formed XML (mismatched tag")


def test_xml_that_is_not_a_feed_is_unsupported():
    error = one(b"<?xml version='1.0'?><invoice><total>5</total></invoice>", "a.xml")
    assert isinstance(error, UnsupportedInput)
    assert str(error) == "a.xml: XML that is not an RSS or Atom feed is not supported"


def test_entity_expansion_bomb_in_a_feed_is_refused():
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    bomb = (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY l0 "lol">{entities}]>'
            "<rss><channel><item><description>&l9;</description></item></channel></rss>")
    error = one(bomb.encode(), "bomb.rss")
    assert isinstance(error, MalformedRecord)
    assert "amplification" in str(error)


# --- WARC web archives ---------------------------------------------------------------------

PAGE = (DATA / "page.html").read_bytes()


def warc_record(kind: str, uri: str, payload: bytes) -> bytes:
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n"
            f"Content-Length: {len(payload)}\r\n\r\n")
    return head.encode() + payload + b"\r\n\r\n"


def http(body: bytes, status: str = "200 OK", content_type: str = "text/html; charset=utf-8",
         extra: str = "") -> bytes:
    return (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{extra}\r\n").encode() + body


def test_warc_gz_html_responses_are_articles_and_crawl_furniture_is_passed_over():
    archive = b"".join(gzip.compress(record) for record in [
        warc_record("warcinfo", "", b"software: test\r\n"),
        warc_record("request", "https://example.org/storm", b"GET /storm HTTP/1.1\r\n\r\n"),
        warc_record("response", "https://example.org/storm", http(PAGE)),
        warc_record("response", "https://example.org/logo.png",
                    http(b"\x89PNG", content_type="image/png")),
        warc_record("response", "https://example.org/old", http(b"", status="301 Moved")),
    ])
    [article] = list(read_bytes(archive, "crawl.warc.gz"))
    assert article.title == "Storm cuts power to 80,000 homes"
    assert (article.url, article.published, article.source_path) == (
        "https://example.org/storm", "2025-01-14", "crawl.warc.gz#3")


def test_warc_chunked_and_gzip_encoded_body_is_decoded():
    compressed = gzip.compress(PAGE)
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(part), part)
                       for part in (compressed[:100], compressed[100:])) + b"0\r\n\r\n"
    record = warc_record("response", "https://example.org/s",
                         http(chunked, extra="Transfer-Encoding: chunked\r\n"
                                             "Content-Encoding: gzip\r\n"))
    assert one(record, "crawl.warc").text.startswith("Storm cuts power to 80,000 homes")


def test_truncated_warc_gives_the_articles_before_and_then_an_error():
    good = warc_record("response", "https://example.org/storm", http(PAGE))
    items = list(read_bytes(good + good[:300], "crawl.warc"))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], MalformedRecord)
    assert str(items[1]) == "crawl.warc#2: the archive is truncated inside this record"


def test_warc_with_garbage_between_records_is_a_malformed_record():
    good = warc_record("response", "https://example.org/storm", http(PAGE))
    items = list(read_bytes(good + b"garbage\r\n", "crawl.warc"))
    assert [type(i).__name__ for i in items] == ["Article", "MalformedRecord"]
    assert str(items[1]) == "crawl.warc#2: expected a WARC record, found b'garbage\\r\\n'"


# --- gzip -----------------------------------------------------------------------------------

def test_gzip_text_and_json_lines_are_decompressed():
    assert one(gzip.compress(STORY.encode()), "a.txt.gz").text == STORY
    items = list(read_bytes(gzip.compress(b'{"text": "A."}\n{"text": "B."}\n'), "a.jsonl.gz"))
    assert [i.text for i in items] == ["A.", "B."]


def test_truncated_gzip_is_a_decode_error():
    data = gzip.compress(STORY.encode() * 200)[:60]
    error = one(data, "a.txt.gz")
    assert isinstance(error, DecodeError)
    assert str(error).startswith("a.txt.gz: the gzip data is corrupt or truncated")


def test_gzip_bomb_is_stopped_at_the_limit():
    error = one(gzip.compress(b"a" * 2_000_000), "bomb.txt.gz", max_bytes=10_000)
    assert isinstance(error, InputTooLarge)


# --- folders, stdin, missing files ----------------------------------------------------------

def test_folder_is_walked_recursively_in_sorted_order_skipping_hidden_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "inner.txt").write_text("Inner story.")
    (tmp_path / "a.txt").write_text("First story.")
    (tmp_path / "c.jsonl").write_text('{"text": "Third story."}\n')
    (tmp_path / ".hidden.txt").write_text("Hidden.")
    (tmp_path / ".git" / "x.txt").write_text("Git.")
    (tmp_path / "README.md").write_text("About this corpus.")
    texts = [item.text for item in read_path(tmp_path)]
    assert texts == ["First story.", "Inner story.", "Third story."]


def test_unknown_extension_in_a_folder_is_refused_by_name(tmp_path):
    (tmp_path / "table.csv").write_text("a,b\n1,2\n")
    [error] = list(read_path(tmp_path))
    assert isinstance(error, UnsupportedInput)
    assert str(error).startswith(f"{tmp_path / 'table.csv'}: CSV is not supported")


def test_missing_file_is_unreadable_input():
    [error] = list(read_path("no/such/story.txt"))
    assert isinstance(error, UnreadableInput)
    assert str(error) == "no/such/story.txt: cannot be read (No such file or directory)"


def test_stdin_plain_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STORY.encode())))
    [article] = list(read_path("-", published="2025-04-02"))
    assert (article.text, article.source_path, article.published) == (
        STORY, "<stdin>", "2025-04-02")


def test_stdin_json_lines(monkeypatch):
    data = b'{"text": "A."}\n{"oops"\n{"text": "C."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    items = list(read_path("-"))
    assert [i.line if isinstance(i, FactwireError) else i.text for i in items] == ["A.", 2, "C."]


def test_json_lines_are_streamed_not_read_whole(monkeypatch):
    line = json.dumps({"text": "A story of some length. " * 20}).encode() + b"\n"
    stream = io.BytesIO(line * 2000)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    items = read_path("-")
    next(items)
    assert stream.tell() < len(line) * 200


# --- errors and ids -------------------------------------------------------------------------

def test_errors_keep_source_and_line_through_pickling():
    error = pickle.loads(pickle.dumps(MalformedRecord("a.jsonl:4: bad", source="a.jsonl:4",
                                                      line=4)))
    assert (str(error), error.source, error.line) == ("a.jsonl:4: bad", "a.jsonl:4", 4)


def test_article_id_is_the_sha256_the_pipeline_uses():
    from factwire.pipeline import article_id as pipeline_article_id
    assert article_id(STORY) == pipeline_article_id(STORY)


# --- the bundled samples --------------------------------------------------------------------

def test_samples_folder_yields_every_article_with_its_date():
    items = list(read_path(SAMPLES))
    assert all(isinstance(item, Article) for item in items), items
    assert len(items) == 12
    assert all(item.published and item.published.startswith("2025-") for item in items)
    assert all(item.title and item.outlet == "Example Wire" for item in items)


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=600),
       name=st.sampled_from(["a.txt", "a.html", "a.jsonl", "a.json", "a", "a.txt.gz", "a.rss",
                             "a.warc", "<stdin>"]))
def test_any_bytes_give_articles_or_factwire_errors_never_a_crash(data, name):
    for item in read_bytes(data, name):
        assert isinstance(item, Article | FactwireError)
        if isinstance(item, Article):
            assert item.text.strip()


@pytest.mark.parametrize("module", [
    "factwire.ingest", "factwire.ingest.article", "factwire.ingest.decode",
    "factwire.ingest.detect", "factwire.ingest.feed", "factwire.ingest.html",
    "factwire.ingest.text", "factwire.clean", "factwire.language",
])
def test_docstring_examples_hold(module):
    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0 and result.attempted > 0
